"""Long work off the UI thread: quietly (`run_background`) or with a progress dialog and a cancel
button (`run_task`). Results come back on the UI thread, and only while their owner widget still
exists: a page closed (or a book switched) meanwhile simply never hears of it."""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import p_


class Cancelled(Exception):
    """Raised inside a task when the user pressed cancel."""


class Progress:
    """Handed to the work function: report(done, total) and check for cancel."""

    def __init__(self, task: _Task, cancel: threading.Event):
        self._task = task
        self._cancel = cancel

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._task.progress.emit(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel


_running: set[_Task] = set()  # keeps each task's Qt object alive until its result is delivered


class _Task(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the call back to this thread."""

    progress = Signal(int, int)
    _finished = Signal(object)
    _failed = Signal(object)

    def __init__(self, owner: QObject, on_done, on_error, on_progress=None):
        super().__init__()
        self._owner, self._on_done, self._on_error = owner, on_done, on_error
        self._on_progress = on_progress
        self._finished.connect(self._deliver_result)
        self._failed.connect(self._deliver_error)
        self.progress.connect(self._deliver_progress)

    def _owner_alive(self) -> bool:
        from shiboken6 import isValid
        return isValid(self._owner)

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and self._owner_alive():
            self._on_progress(done, total)

    @Slot(object)
    def _deliver_result(self, result) -> None:
        _running.discard(self)
        if self._owner_alive():
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc) -> None:
        _running.discard(self)
        if self._owner_alive() and not isinstance(exc, Cancelled):
            self._on_error(exc)


class _Runnable(QRunnable):
    def __init__(self, work, task: _Task, cancel: threading.Event):
        super().__init__()
        self._work, self._task, self._cancel = work, task, cancel

    def run(self) -> None:
        try:
            result = self._work(Progress(self._task, self._cancel))
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            self._task._failed.emit(exc)
        else:
            self._task._finished.emit(result)


def _raise(exc: BaseException) -> None:
    raise exc


def run_background(owner: QObject, work: Callable[[Progress], Any], on_done: Callable[[Any], None],
                   on_error: Callable[[BaseException], None] = _raise, *,
                   on_progress: Callable[[int, int], None] | None = None) -> threading.Event:
    """Run `work(progress)` in the thread pool with no dialog. `on_done(result)` or
    `on_error(exc)` run later on the UI thread, unless `owner` was deleted meanwhile. The
    returned event cancels (the work sees it through `progress`). Without `on_error`, an error
    reaches the application's last-resort guard (logged, one sentence, never a traceback)."""
    cancel = threading.Event()
    task = _Task(owner, on_done, on_error, on_progress)
    _running.add(task)
    QThreadPool.globalInstance().start(_Runnable(work, task, cancel))
    return cancel


def run_task(parent: QWidget, label: str, work: Callable[[Progress], Any],
             on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None
             ) -> threading.Event:
    """Like `run_background`, with a progress dialog (shown after 0.4 s) and a cancel button;
    a UserError without `on_error` is shown to the user."""
    dialog = QProgressDialog(label, p_("tombol", "Batal"), 0, 0, parent)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(True)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(result) -> None:
        dialog.reset()
        on_done(result)

    def failed(exc) -> None:
        dialog.reset()
        if on_error is not None:
            on_error(exc)
        elif isinstance(exc, UserError):
            from kws_desktop.ui.kit.forms import show_error
            show_error(parent, exc)
        else:
            raise exc

    cancel = run_background(parent, work, finished, failed, on_progress=progress)
    dialog.canceled.connect(cancel.set)
    return cancel

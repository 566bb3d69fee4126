"""Long work off the UI thread, with a progress dialog and a cancel button."""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import _, p_


class Cancelled(Exception):
    """Raised inside a task when the user pressed cancel."""


class Progress:
    """Handed to the work function: report(done, total) and check for cancel."""

    def __init__(self, signals: _Signals, cancel: threading.Event):
        self._signals = signals
        self._cancel = cancel

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progress.emit(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work, signals, cancel):
        super().__init__()
        self._work, self._signals, self._cancel = work, signals, cancel

    def run(self) -> None:
        try:
            result = self._work(Progress(self._signals, self._cancel))
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            self._signals.failed.emit(exc)
        else:
            self._signals.finished.emit(result)


def run_task(parent: QWidget, label: str, work: Callable[[Progress], Any],
             on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None
             ) -> threading.Event:
    """Run `work(progress)` in the thread pool; `on_done(result)` back on the UI thread."""
    cancel = threading.Event()
    signals = _Signals(parent)
    dialog = QProgressDialog(label, p_("tombol", "Batal"), 0, 0, parent)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(True)
    dialog.canceled.connect(cancel.set)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(result) -> None:
        dialog.reset()
        on_done(result)

    def failed(exc) -> None:
        dialog.reset()
        if isinstance(exc, Cancelled):
            return
        if on_error is not None:
            on_error(exc)
        elif isinstance(exc, UserError):
            from kws_desktop.ui.forms import show_error
            show_error(parent, exc)
        else:
            raise exc

    signals.progress.connect(progress)
    signals.finished.connect(finished)
    signals.failed.connect(failed)
    QThreadPool.globalInstance().start(_Runnable(work, signals, cancel))
    return cancel

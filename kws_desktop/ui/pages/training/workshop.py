"""Workshop mode in the window: the Pelatihan menu's actions and the guided exercise panel."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QApplication, QDockWidget, QFrame, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.services.training import exercises, workshop
from kws_desktop.ui.kit.forms import confirm, show_error

if TYPE_CHECKING:
    from kws_desktop.ui.shell.main_window import MainWindow

ZOOM_STEP = 10


def set_zoom(window: MainWindow, percent: int) -> int:
    """Apply and remember the presentation zoom (100..200 %).

    Re-styling every built page (long tables) takes seconds, so the pages are dropped first
    and the screen is built again at the new size: only what is on screen is styled."""
    import shiboken6

    from kws_desktop.ui.shell.app import apply_zoom
    percent = max(100, min(200, int(percent)))
    window.ctx.settings.zoom_percent = percent
    window.ctx.save_settings()
    area = window.current_area()
    stack = getattr(window, "stack", None)
    for page in list(window._pages.values()):
        if stack is not None and shiboken6.isValid(stack):
            stack.removeWidget(page)
        if shiboken6.isValid(page):
            page.hide()
            shiboken6.delete(page)
    window._pages.clear()
    app = QApplication.instance()
    apply_zoom(app, percent, float(app.property("kws_base_font") or app.font().pointSizeF() or 10.0))
    if window.ctx.book is not None:
        window.rebuild(area)
    window.statusBar().showMessage(_("Ukuran tulisan {n} %").format(n=percent), 2500)
    return percent


def zoom_by(window: MainWindow, steps: int) -> int:
    return set_zoom(window, window.ctx.settings.zoom_percent + steps * ZOOM_STEP)


def save_start(window: MainWindow) -> bool:
    book = window.ctx.book
    if book is None:
        return False
    try:
        workshop.save_exercise_start(book)
    except UserError as exc:
        show_error(window, exc)
        return False
    QMessageBox.information(window, _("Awal latihan"), _(
        "Keadaan buku sekarang disimpan sebagai awal latihan. Pakai \"Kembalikan ke awal latihan\" "
        "agar kelompok berikutnya mulai dari keadaan ini."))
    window.ctx.notify_changes(also=frozenset({"training"}))
    return True


def reset_to_start(window: MainWindow) -> bool:
    """Close the book, put the saved exercise start back, open it again."""
    book = window.ctx.book
    if book is None or book.path is None:
        return False
    path = book.path
    if not workshop.has_exercise_start(path):
        show_error(window, _("Belum ada awal latihan untuk buku ini. Simpan dulu sebagai awal latihan."))
        return False
    if not confirm(window, _("Semua yang dicatat sejak awal latihan akan hilang dari buku ini. "
                             "Kembalikan ke awal latihan?"), _("Kembalikan ke awal latihan")):
        return False
    area = window.current_area()
    window.set_book(None)
    try:
        workshop.reset_to_exercise_start(path)
    except UserError as exc:
        show_error(window, exc)
        window.open_location(str(path))
        return False
    ok = window.open_location(str(path))
    if ok and area:
        window.show_area(area)
    if ok:
        window.statusBar().showMessage(_("Buku dikembalikan ke awal latihan."), 4000)
    return ok


class ExerciseCard(QFrame):
    def __init__(self, panel: ExercisesPanel, index: int):
        super().__init__()
        self.setObjectName("exerciseCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.mark = QLabel()
        self.mark.setFixedWidth(26)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.go = QPushButton(_("Buka"))
        self.go.setToolTip(_("Buka halaman tempat latihan ini dikerjakan."))
        self.go.clicked.connect(lambda: panel.go_to(index))
        top.addWidget(self.mark)
        top.addWidget(self.title, 1)
        top.addWidget(self.go)
        lay.addLayout(top)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.steps)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        lay.addWidget(self.detail)

    def show_status(self, number: int, status: exercises.ExerciseStatus) -> None:
        self.mark.setText("✔" if status.done else "○")
        self.mark.setStyleSheet("font-size: 16pt; color: %s;" % ("#1f7a4d" if status.done else "#8a8a8a"))
        self.title.setText(f"{number}. {status.title}")
        self.steps.setText("\n".join(f"{i}) {s}" for i, s in enumerate(status.steps, 1)))
        self.detail.setText(status.detail)
        self.detail.setStyleSheet("color: %s;" % ("#1f7a4d" if status.done else "#7a5b00"))


class ExercisesPanel(QWidget):
    """The five guided exercises with their steps and whether each was done in the book."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window_ = window
        self.ctx = window.ctx
        outer = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Simpan sebagai awal latihan"))
        self.save_button.setToolTip(_("Peserta mulai dari keadaan buku sekarang."))
        self.save_button.clicked.connect(lambda: save_start(self.window_))
        self.check_button = QPushButton(_("Periksa lagi"))
        self.check_button.clicked.connect(self.refresh)
        row.addWidget(self.save_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        outer.addLayout(row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        col = QVBoxLayout(holder)
        col.setContentsMargins(0, 0, 0, 0)
        self.cards = [ExerciseCard(self, i) for i in range(len(exercises.EXERCISES))]
        for card in self.cards:
            col.addWidget(card)
        col.addStretch(1)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)
        self.progress: exercises.Progress | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(4000)  # printing leaves no data_changed: look again now and then
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.ctx.data_changed.connect(lambda _a: self.refresh())
        self.ctx.book_changed.connect(self.refresh)

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        book = self.ctx.book
        if book is None:
            self.summary.setText(_("Buka buku demo dulu (menu Pelatihan)."))
            for card in self.cards:
                card.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.progress = exercises.progress(book)
        for i, (card, status) in enumerate(zip(self.cards, self.progress.exercises), 1):
            card.setEnabled(True)
            card.show_status(i, status)
        self.save_button.setEnabled(not book.read_only)
        if self.progress.has_start:
            self.summary.setText(_("{done} dari {total} latihan selesai sejak awal latihan.").format(
                done=self.progress.done_count, total=len(self.progress.exercises)))
        else:
            self.summary.setText(_("Belum ada awal latihan untuk buku ini. Tekan \"Simpan sebagai "
                                   "awal latihan\" sebelum peserta mulai."))

    def go_to(self, index: int) -> None:
        status = self.progress.exercises[index] if self.progress else None
        area = status.area if status else exercises.EXERCISES[index].area
        self.window_.show_area(area)
        key = exercises.EXERCISES[index].key
        page = self.window_._pages.get(area)
        if key == "quote" and hasattr(page, "show_tab"):
            page.show_tab("quotes")
        elif key == "receipt" and hasattr(page, "receipts_tab"):
            page.tabs.setCurrentWidget(page.receipts_tab)
        elif key == "instalment" and hasattr(page, "payment_tab"):
            page.tabs.setCurrentWidget(page.payment_tab)
        elif key == "purchase" and hasattr(page, "purchases"):
            page.tabs.setCurrentWidget(page.purchases)
        elif key == "profit_loss" and hasattr(page, "select_kind"):
            page.select_kind("profit-loss")


class ExercisesDock(QDockWidget):
    def __init__(self, window: MainWindow):
        super().__init__(_("Daftar latihan"), window)
        self.setObjectName("exercisesDock")
        self.panel = ExercisesPanel(window)
        self.setWidget(self.panel)
        self.setMinimumWidth(320)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.panel.refresh()


def toggle_exercises(window: MainWindow) -> ExercisesDock:
    dock = getattr(window, "_exercises_dock", None)
    if dock is None:
        dock = ExercisesDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window._exercises_dock = dock
        dock.show()
    else:
        dock.setVisible(not dock.isVisible())
    if dock.isVisible():
        dock.panel.refresh()
    return dock

"""Start the window: settings, language, zoom, the book to open, and the last-resort guard."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMainWindow,
                               QPushButton, QVBoxLayout, QWidget)

from kws_desktop import __version__
from kws_desktop.i18n import _, set_language
from kws_desktop.logs import crash_details, log_exception, log_file
from kws_desktop.paths import resource
from kws_desktop.ui.kit.context import AppContext

STYLE = """
#sidebar { font-size: 11pt; background: #f3f6f4; border: none; border-right: 1px solid #d5ddd8; }
#sidebar::item { padding: 10px 14px; }
#sidebar::item:selected { background: #1f7a4d; color: white; }
#pageHeading { font-size: 15pt; font-weight: bold; margin: 4px 0 8px 0; }
#welcomeTitle { font-size: 20pt; font-weight: bold; }
#hint { color: #5b6660; margin-bottom: 6px; }
#firstRun { background: #fff6d6; border-bottom: 1px solid #e5d48a; padding: 4px; }
"""


def log_path() -> Path | None:
    """The log file (kws_desktop.logs: a rotating file in the user's log folder), or None."""
    return log_file()


def log_error(exc: BaseException) -> None:
    """Write an unexpected error with its traceback to the log file (never to the screen)."""
    log_exception(exc)


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "kws-desktop.png")))


class CrashDialog(QDialog):
    """An unexpected error: one sentence for the user, and 'Salin rincian' to paste the details
    into a message to the trainer. No traceback on screen."""

    def __init__(self, exc: BaseException | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Terjadi kesalahan"))
        self.details = crash_details(exc)
        lay = QVBoxLayout(self)
        where = log_path()
        text = _("Terjadi kesalahan yang tidak terduga. Data yang sudah disimpan tetap aman.")
        if where is not None:
            text += "\n" + _("Rincian dicatat di {path}.").format(path=where)
        text += "\n\n" + _("Bila kesalahan ini terulang, tekan \"Salin rincian\" lalu tempelkan "
                           "di pesan (WhatsApp atau surel) untuk pelatih Anda.")
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.copied = QLabel("")
        lay.addWidget(self.copied)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(_("Salin rincian"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        lay.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copied.setText(_("Rincian sudah disalin. Tempelkan di pesan untuk pelatih."))


def _install_guard(app: QApplication) -> None:
    """Nothing ever shows a traceback: unexpected errors are logged and explained in one sentence."""

    def hook(exc_type, exc, tb):
        exc = exc if exc is not None else exc_type()
        if tb is not None and exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        log_error(exc)
        CrashDialog(exc, app.activeWindow()).exec()

    sys.excepthook = hook


def scaled_style(percent: int) -> str:
    """The style sheet with its point sizes scaled for the presentation zoom."""
    import re
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * percent / 100:.1f}pt", STYLE)


def apply_zoom(app: QApplication, percent: int, base_size: float) -> None:
    percent = max(100, min(200, percent))
    font = QFont(app.font())
    font.setPointSizeF(base_size * percent / 100)
    app.setFont(font)
    style = scaled_style(percent)
    for window in app.topLevelWidgets():  # re-polish what is on screen so all text follows
        if isinstance(window, QMainWindow) and window.isVisible():
            window.setStyleSheet(style)


def _process_age() -> float:
    """Seconds since this process started (Linux /proc, 10 ms steps; elsewhere since Python
    started measuring)."""
    import time
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter()


def _exit_after_first_paint(app: QApplication, window) -> None:
    """KWS_DESKTOP_EXIT_AFTER_PAINT=1 (benchmarks): print the seconds since the process started
    at the window's first paint (`first_paint_s`), when the Beranda's money figures are painted
    (`money_figures_after_s`, with `orm_loaded=0` when SQLAlchemy was not imported yet: the lean
    path's figures on the opening screen), at its first paint with the book open
    (`painted_after_s`), and once the dashboard shows all its figures (`figures_after_s`); then
    quit. With no book to open, `painted_after_s` is the first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        first = book = money = False

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget) or obj.window() is not window:
                return False
            if not self.first:
                self.first = True
                print(f"first_paint_s={_process_age():.3f}", flush=True)
            if not self.money:
                page = window._pages.get("beranda") or window._preview
                if page is not None and page.money is not None and obj is page:
                    self.money = True
                    print(f"money_figures_after_s={_process_age():.3f} "
                          f"orm_loaded={int('sqlalchemy' in sys.modules)}", flush=True)
            if not self.book and (window.ctx.book is not None or not window.opening):
                self.book = True
                print(f"painted_after_s={_process_age():.3f}", flush=True)
                QTimer.singleShot(0, self.wait_for_figures)
            return False

        def wait_for_figures(self):
            page = window._pages.get("beranda")
            if window.ctx.book is None or page is None:
                app.exit(0)
            elif page.data is not None and not page.loading:
                print(f"figures_after_s={_process_age():.3f}", flush=True)
                app.exit(0)
            else:
                QTimer.singleShot(20, self.wait_for_figures)

    window._painted = Painted(window)
    app.installEventFilter(window._painted)


def create_window(ctx: AppContext):
    from kws_desktop.ui.shell.main_window import MainWindow
    return MainWindow(ctx)


def run_app(book: str | None = None, *, read_only: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("KWS Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("kws-desktop")  # Linux: the .desktop file (icon in Wayland task bars)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(STYLE)
    ctx = AppContext()
    set_language(ctx.settings.language)
    from kws_desktop.ui.shell.qt_words import install_qt_words
    install_qt_words(app)  # Qt's own buttons and menus in Indonesian
    base = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
    apply_zoom(app, ctx.settings.zoom_percent, base)
    app.setProperty("kws_base_font", base)
    _install_guard(app)
    window = create_window(ctx)
    location = book or (ctx.settings.last_book if ctx.settings.last_book else None)
    from kws_desktop.services.book import book_place
    old_book = book_place.old_book_to_offer() if book is None else None
    if old_book is not None and (not location or Path(location) == old_book):
        # the group's book from before 1.0, in the hidden data folder: offer to copy it
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, lambda: window._offer_old_book(old_book))
    elif location and ("://" in location or Path(location).exists()):
        window.open_in_background(location, read_only=read_only and book is not None)  # paints first
    elif location:  # a book whose folder is gone (a flash drive pulled out): say so, make nothing
        window.welcome_notice = book_place.missing_book_sentence(location)
        window.rebuild()
    else:
        window.start_default_book()  # first start: the group's own book in Documents/KWS
    if os.environ.get("KWS_DESKTOP_EXIT_AFTER_PAINT"):
        _exit_after_first_paint(app, window)
    window.show()
    code = app.exec()
    _finish_background_work(window)
    return code


def _finish_background_work(window) -> None:
    """Before Qt goes away: stop a background backup, let running workers end, and release the
    book if the window was not closed (a quit from the benchmarks)."""
    from PySide6.QtCore import QThreadPool
    book = window.ctx.book
    if book is not None:
        book.stop_backup()
    QThreadPool.globalInstance().waitForDone()
    if book is not None:
        window.ctx.book = None
        book.close(backup=False)

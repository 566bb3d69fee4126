"""Start the window: settings, language, zoom, the book to open, and the last-resort guard."""
from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from kws_desktop.i18n import _, set_language
from kws_desktop.paths import user_data_dir
from kws_desktop.ui.context import AppContext

STYLE = """
#sidebar { font-size: 11pt; background: #f3f6f4; border: none; border-right: 1px solid #d5ddd8; }
#sidebar::item { padding: 10px 14px; }
#sidebar::item:selected { background: #1f7a4d; color: white; }
#pageHeading { font-size: 15pt; font-weight: bold; margin: 4px 0 8px 0; }
#welcomeTitle { font-size: 20pt; font-weight: bold; }
#hint { color: #5b6660; margin-bottom: 6px; }
#firstRun { background: #fff6d6; border-bottom: 1px solid #e5d48a; padding: 4px; }
"""


def log_path() -> Path:
    return user_data_dir() / "kws-desktop.log"


def log_error(exc: BaseException) -> None:
    """Write an unexpected error with its traceback to the log file (never to the screen)."""
    try:
        with open(log_path(), "a", encoding="utf-8") as fh:
            fh.write(f"\n--- {dt.datetime.now().isoformat()}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        pass


def _install_guard(app: QApplication) -> None:
    """Nothing ever shows a traceback: unexpected errors are logged and explained in one sentence."""

    def hook(exc_type, exc, tb):
        log_error(exc if exc is not None else exc_type())
        QMessageBox.critical(None, _("Terjadi kesalahan"), _(
            "Terjadi kesalahan yang tidak terduga. Data yang sudah disimpan tetap aman.\n"
            "Rincian dicatat di {path}.").format(path=log_path()))

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
    at the window's first paint (`first_paint_s`), at its first paint with the book open
    (`painted_after_s`), and once the dashboard shows its figures (`figures_after_s`); then quit.
    With no book to open, `painted_after_s` is the first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        first = book = False

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget) or obj.window() is not window:
                return False
            if not self.first:
                self.first = True
                print(f"first_paint_s={_process_age():.3f}", flush=True)
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
    from kws_desktop.ui.main_window import MainWindow
    return MainWindow(ctx)


def run_app(book: str | None = None, *, read_only: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("KWS Desktop")
    app.setStyleSheet(STYLE)
    ctx = AppContext()
    set_language(ctx.settings.language)
    base = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
    apply_zoom(app, ctx.settings.zoom_percent, base)
    app.setProperty("kws_base_font", base)
    _install_guard(app)
    window = create_window(ctx)
    location = book or (ctx.settings.last_book if ctx.settings.last_book else None)
    if location and ("://" in location or Path(location).exists()):
        window.open_in_background(location, read_only=read_only and book is not None)  # paints first
    elif book is None:
        window.start_default_book()  # first start: the group's own book in the data folder
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

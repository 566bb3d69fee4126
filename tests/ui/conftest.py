"""Fixtures of the window tests."""
import pytest

from kws_desktop.ui.context import AppContext
from kws_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    """The main window on a fresh context; its book (if any) is closed afterwards."""
    ctx = AppContext()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    yield w
    qtbot.waitUntil(lambda: not w.checks_running, timeout=30000)
    if ctx.book is not None:
        ctx.book.close(backup=False)
        ctx.book = None

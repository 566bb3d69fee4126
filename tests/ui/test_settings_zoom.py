"""The zoom on the settings page takes the workshop's fast path: pages are dropped and the
screen is built again at the new size (not every built page re-styled)."""
import pytest
from PySide6.QtWidgets import QApplication

from kws_desktop.services.book.books import create_book
from kws_desktop.settings import app_settings
from kws_desktop.ui.pages.training import workshop
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    ctx = AppContext()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.set_book(create_book(tmp_path / "z.kws"))
    yield w
    workshop.set_zoom(w, 100)
    if ctx.book is not None:
        ctx.book.close(backup=False)
        ctx.book = None


def test_settings_zoom_uses_fast_path(window, qtbot, monkeypatch):
    calls = []
    real = workshop.set_zoom
    monkeypatch.setattr(workshop, "set_zoom", lambda w, p: calls.append(p) or real(w, p))
    window.show_area("beranda")  # a built page that the fast path drops
    window.show_area("pengaturan")
    page = window.page("pengaturan")
    base = QApplication.instance().font().pointSizeF()
    page.zoom.setValue(110)
    page.zoom.setValue(120)  # quick clicks: one rebuild at the last value
    qtbot.waitUntil(lambda: window.ctx.settings.zoom_percent == 120, timeout=3000)
    assert calls == [120]
    assert app_settings().zoom_percent == 120
    assert QApplication.instance().font().pointSizeF() > base
    assert window.current_area() == "pengaturan"
    assert window.built_areas() == {"pengaturan"}  # the dashboard was dropped, not re-styled
    fresh = window.page("pengaturan")
    assert fresh is not page and fresh.zoom.value() == 120

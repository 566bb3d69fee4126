"""Workshop mode, help and shortcuts in the main window."""
import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from kws_desktop.services.book import books
from kws_desktop.services.training.workshop import has_exercise_start
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr("kws_desktop.ui.pages.training.workshop.QMessageBox.information", lambda *a, **k: None)
    ctx = AppContext()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    yield w
    if ctx.book is not None:
        ctx.book.close(backup=False)
        ctx.book = None


def _actions(window):
    out = {}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text():
                out[action.text()] = action
    return out


def _customers(book):
    return books.get_profile(book).name


def test_shortcuts_registered_and_shown_in_menus(window, demo_path):
    window.open_location(str(demo_path))
    actions = _actions(window)
    expected = {"Terima pembayaran…": "Ctrl+Shift+P", "Catat pembelian…": "Ctrl+Shift+B",
                "Penawaran baru…": "Ctrl+Shift+N", "Cari di halaman ini": QKeySequence(QKeySequence.StandardKey.Find).toString(),
                "Bantuan untuk halaman ini": QKeySequence(QKeySequence.StandardKey.HelpContents).toString(),
                "Daftar latihan": "Ctrl+L", "Ukuran tulisan normal": "Ctrl+0"}
    for text, key in expected.items():
        assert actions[text].shortcut().toString() == key, text
        assert actions[text].isEnabled()
    assert actions["Perbesar tulisan"].shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomIn)
    assert {"Buka buku demo", "Simpan sebagai awal latihan", "Kembalikan ke awal latihan…"} <= set(actions)


def test_find_focuses_the_search_box_and_new_payment(window, demo_path, qtbot):
    window.open_location(str(demo_path))
    window.show_area("pelanggan")
    qtbot.waitExposed(window)
    _actions(window)["Cari di halaman ini"].trigger()
    page = window.page("pelanggan")
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)
    _actions(window)["Terima pembayaran…"].trigger()
    assert window.current_area() == "tagihan"
    billing = window.page("tagihan")
    assert billing.tabs.currentWidget() is billing.payment_tab


def test_new_quote_and_purchase_open_their_forms(window, demo_path, monkeypatch):
    window.open_location(str(demo_path))
    opened = []
    monkeypatch.setattr("kws_desktop.ui.pages.sales.quote_editor.QuoteEditor.exec", lambda self: opened.append("quote"))
    monkeypatch.setattr("kws_desktop.ui.pages.purchasing.purchase_form.PurchaseForm.exec", lambda self: opened.append("purchase"))
    _actions(window)["Penawaran baru…"].trigger()
    assert window.current_area() == "pesanan"
    _actions(window)["Catat pembelian…"].trigger()
    assert window.current_area() == "bahan"
    assert opened == ["quote", "purchase"]


def test_f1_opens_help_of_current_area(window, demo_path):
    window.open_location(str(demo_path))
    window.show_area("tagihan")
    _actions(window)["Bantuan untuk halaman ini"].trigger()
    from kws_desktop.ui.shell.help import HelpDialog
    dialog = window.findChild(HelpDialog)
    assert dialog.isVisible() and dialog.topic == "tagihan"
    assert "Terima dan cetak kuitansi" in dialog.browser.toPlainText()
    dialog.show_topic("pintasan")
    assert "Ctrl+Shift+P" in dialog.browser.toPlainText()
    dialog.close()


def test_every_area_has_a_help_page():
    from kws_desktop.paths import resource
    from kws_desktop.ui.shell.help import TOPICS
    from kws_desktop.ui.shell.main_window import AREA_KEYS
    topics = {k for k, _t in TOPICS}
    for key in AREA_KEYS:
        assert key in topics and resource("help", f"{key}.md").is_file(), key


def test_save_and_reset_exercise_start_from_menu(window, demo_path, monkeypatch):
    window.open_location(str(demo_path))
    monkeypatch.setattr("kws_desktop.ui.pages.training.workshop.confirm", lambda *a, **k: True)
    _actions(window)["Simpan sebagai awal latihan"].trigger()
    assert has_exercise_start(demo_path)
    name = books.get_profile(window.ctx.book).name
    books.update_profile(window.ctx.book, books.with_profile(books.get_profile(window.ctx.book),
                                                             name="Diubah peserta"))
    window.show_area("laporan")
    _actions(window)["Kembalikan ke awal latihan…"].trigger()
    assert window.ctx.book is not None and window.ctx.book.path == demo_path
    assert books.get_profile(window.ctx.book).name == name
    assert window.current_area() == "laporan"


def test_reset_refused_without_start_or_when_not_confirmed(window, demo_path, monkeypatch):
    window.open_location(str(demo_path))
    shown = []
    monkeypatch.setattr("kws_desktop.ui.pages.training.workshop.show_error", lambda parent, exc, *a: shown.append(str(exc)))
    monkeypatch.setattr("kws_desktop.ui.pages.training.workshop.confirm", lambda *a, **k: False)
    from kws_desktop.ui.pages.training import workshop
    if has_exercise_start(demo_path):
        from kws_desktop.services.training.workshop import exercise_start_path
        exercise_start_path(demo_path).unlink()
    assert not workshop.reset_to_start(window)
    assert shown and "Belum ada awal latihan" in shown[0]
    workshop.save_start(window)
    assert not workshop.reset_to_start(window)  # not confirmed: the book stays open as it is
    assert window.ctx.book is not None


def test_exercise_panel_ticks_what_was_done(window, demo_path):
    window.open_location(str(demo_path))
    from kws_desktop.ui.pages.training import workshop
    workshop.save_start(window)
    dock = workshop.toggle_exercises(window)
    panel = dock.panel
    assert "0 dari 5" in panel.summary.text()
    window.show_area("laporan")  # merely opening Laporan (it shows its first report) is no exercise
    window.ctx.pending_report = "profit-loss"  # the page fills itself with the profit and loss
    window.page("laporan").refresh_now()
    assert window.page("laporan").kind() == "profit-loss"
    panel.refresh()
    assert panel.cards[4].mark.text() == "○"
    window.page("laporan").show_button.click()
    panel.refresh()
    assert panel.cards[4].mark.text() == "✔" and panel.cards[0].mark.text() == "○"
    panel.go_to(1)
    assert window.current_area() == "pesanan"


def test_zoom_shortcuts_remembered(window, demo_path):
    window.open_location(str(demo_path))
    from kws_desktop.settings import app_settings
    from kws_desktop.ui.pages.training import workshop
    base = QApplication.instance().font().pointSizeF()
    try:
        _actions(window)["Perbesar tulisan"].trigger()
        assert window.ctx.settings.zoom_percent == 110 and app_settings().zoom_percent == 110
        assert QApplication.instance().font().pointSizeF() > base
        assert workshop.set_zoom(window, 250) == 200  # 100..200 %
        _actions(window)["Perkecil tulisan"].trigger()
        assert window.ctx.settings.zoom_percent == 190
    finally:
        workshop.set_zoom(window, 100)
    assert app_settings().zoom_percent == 100


def test_new_book_opens_first_run_wizard(window, tmp_path, monkeypatch, qtbot):
    calls = []
    monkeypatch.setattr("kws_desktop.ui.pages.book.first_run.run_first_run", lambda ctx, parent: calls.append(ctx.book) or False)
    monkeypatch.setattr("kws_desktop.ui.shell.main_window.default_book_path", lambda: tmp_path / "buku-kws.kws")
    window.start_default_book()
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)
    assert calls[0] is window.ctx.book
    from PySide6.QtWidgets import QFrame
    banner = window.findChild(QFrame, "firstRun")
    assert banner is not None and not banner.isHidden()  # cancelled: the banner keeps the way back to the wizard


def test_main_actions_have_tooltips(window, demo_path):
    window.open_location(str(demo_path))
    from PySide6.QtWidgets import QPushButton
    checks = {"tagihan": "Terima dan cetak kuitansi", "pesanan": "Penawaran baru", "bahan": "Catat nota baru",
              "anggota": "Anggota baru", "laporan": "Pratinjau dan cetak…"}
    for area, label in checks.items():
        window.show_area(area)
        if area == "pesanan":
            window.page(area).show_tab("quotes")  # its tabs are built when first shown
        buttons = [b for b in window.page(area).findChildren(QPushButton) if b.text() == label]
        assert buttons and all(b.toolTip() for b in buttons), (area, label)

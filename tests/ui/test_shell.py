"""The window in Indonesian: welcome screen, opening a book, the sidebar, the profile form."""

from kws_desktop.services.book.books import create_book, get_profile
from kws_desktop.ui.shell.main_window import AREA_KEYS




def test_welcome_when_no_book(window):
    from PySide6.QtWidgets import QLabel

    from kws_desktop.ui.shell.welcome import WelcomeScreen
    assert window.ctx.book is None
    texts = [label.text() for label in window.findChild(WelcomeScreen).findChildren(QLabel)]
    assert "Selamat datang di KWS Desktop" in texts


def test_open_book_shows_indonesian_sidebar(window, demo_path):
    assert window.open_location(str(demo_path))
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles[:2] == ["Beranda", "Pesanan"] and "Pengaturan" in titles
    for key in AREA_KEYS:
        window.show_area(key)  # every area builds without error
    assert "[DEMO]" in window.windowTitle()


def test_bad_book_shows_dialog_not_traceback(window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.kws"
    bad.write_bytes(b"not a book")
    shown = []
    monkeypatch.setattr("kws_desktop.ui.shell.main_window.show_error", lambda parent, exc, title=None: shown.append(exc.message))
    assert not window.open_location(str(bad))
    assert shown and "bukan buku" in shown[0]
    assert window.ctx.book is None


def test_profile_saved_from_settings(window, tmp_path, qtbot):
    book = create_book(tmp_path / "p.kws")
    window.set_book(book)
    window.show_area("pengaturan")
    page = window.page("pengaturan")
    page.refresh_now()
    page.inputs["name"].setText("KWS Maju <Bersama> & Co")
    page.inputs["leader_name"].setText("Ibu Siti")
    page.kecamatan.setCurrentText("Tigaraksa")
    page.call(lambda: __import__("kws_desktop.services.book.books", fromlist=["x"]).update_profile(
        book, page.profile_from_form()))
    p = get_profile(book)
    assert p.name == "KWS Maju <Bersama> & Co" and p.kecamatan == "Tigaraksa"


def test_profile_without_name_refused_beside_field(window, tmp_path):
    book = create_book(tmp_path / "q.kws")
    window.set_book(book)
    page = window.page("pengaturan")
    page.refresh_now()
    page.inputs["name"].setText("  ")
    from kws_desktop.services.book import books
    page.call(lambda: books.update_profile(book, page.profile_from_form()), errors=page.errors)
    assert "wajib" in page.errors.message("name")


def test_language_switch_at_runtime(window, demo_path):
    window.open_location(str(demo_path))
    page = window.page("pengaturan")
    page.language.setCurrentIndex(1)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles[0] == "Home" and "Beranda" not in titles  # the sidebar switched to English
    page2 = window.page("pengaturan")
    page2.language.setCurrentIndex(0)
    assert window.sidebar.item(0).text() == "Beranda"


def test_quantity_edit_reads_back_what_it_shows(qtbot):
    from decimal import Decimal
    from kws_desktop.ui.kit.forms import QuantityEdit
    edit = QuantityEdit()
    qtbot.addWidget(edit)
    for value in (Decimal("1250"), Decimal("2.5"), Decimal("1250.125"), Decimal("0.001")):
        edit.set_value(value)
        assert edit.value() == value

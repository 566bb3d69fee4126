"""The first-run wizard: messages beside the fields, opening balances posted, cancel saves nothing."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QWizard

from kws_desktop.services.book import books
from kws_desktop.services.book import first_run
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.pages.book.first_run import FirstRunWizard

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def wizard(qtbot, book):
    ctx = AppContext()
    ctx.book = book
    w = FirstRunWizard(ctx, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def _fill(w):
    w.profile_page.name.setText("KWS Tirta Mandiri")
    w.profile_page.kecamatan.setCurrentText("Tigaraksa")
    w.next()
    w.next()  # logo: optional
    w.signatories.leader.setText("Ibu Siti Aminah")
    w.signatories.treasurer.setText("Bapak Rahmat")
    w.next()
    w.opening.cash.setText("1.500.000")
    w.opening.bank.setText("4250000")
    w.next()


def test_fill_and_finish_posts_opening_balances(wizard, book):
    _fill(wizard)
    assert wizard.currentPage() is wizard.examples_page
    assert "Rp1.500.000" in wizard.examples_page.summary.text()
    wizard.accept()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.result_info.opening_number and wizard.result_info.packages_added >= 1
    profile = books.get_profile(book)
    assert (profile.name, profile.kecamatan, profile.leader_name) == ("KWS Tirta Mandiri", "Tigaraksa",
                                                                     "Ibu Siti Aminah")
    assert first_run.opening_posted(book) and not first_run.needs_setup(book)


def test_each_step_shows_messages_beside_fields(wizard, book):
    wizard.next()
    assert wizard.currentPage() is wizard.profile_page
    errors = wizard.profile_page.errors
    assert errors.message("name") == "Nama KWS wajib diisi."
    assert "kecamatan" in errors.message("kecamatan")
    wizard.profile_page.name.setText("KWS Tirta Mandiri")
    wizard.profile_page.kecamatan.setCurrentText("Tigaraksa")
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.signatories
    assert "Nama ketua wajib diisi" in wizard.signatories.errors.message("leader_name")
    wizard.signatories.leader.setText("Ibu Siti")
    wizard.signatories.treasurer.setText("Pak Rahmat")
    wizard.next()
    wizard.opening.date.set_value(TODAY + dt.timedelta(days=3))
    wizard.next()
    assert wizard.currentPage() is wizard.opening
    assert "masa depan" in wizard.opening.errors.message("opening_date")
    assert books.get_profile(book).name == ""  # nothing saved before Selesai


def test_bad_logo_shown_beside_field(wizard, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"no picture")
    assert not wizard.logo_page.load(str(bad))
    assert "bukan gambar" in wizard.logo_page.errors.message("logo")


def test_cancel_leaves_book_usable(wizard, book):
    _fill(wizard)
    wizard.reject()
    assert books.get_profile(book).name == ""
    assert not first_run.opening_posted(book)
    books.update_profile(book, books.with_profile(books.get_profile(book), name="KWS Lain"))  # still writable
    assert books.get_profile(book).name == "KWS Lain"

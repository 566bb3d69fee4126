"""The quote editor's terms box shows the default terms of the lines as they stand and follows
them until the user edits it; then it is left alone, and saved as typed."""
import pytest
from PySide6.QtCore import Qt

from kws_desktop.services.evaluation import service_visits
from kws_desktop.services.sales import customers, packages, quotes
from tests.ui.page_setup import context_with_packages


@pytest.fixture
def ctx(book):
    return context_with_packages(book)


@pytest.fixture
def pk(ctx):
    by_code = {p.code: p for p in packages.list_packages(ctx.book)}
    service_visits.set_package_warranty(ctx.book, by_code["TS-BIO"].id, 12)
    service_visits.set_package_warranty(ctx.book, by_code["SEDOT"].id, 0)
    return by_code


@pytest.fixture
def home(ctx):
    return customers.create_customer(ctx.book, customers.CustomerInput(name="Jajang Permana", desa="Tobat",
                                                                       kecamatan="Balaraja"))


@pytest.fixture
def panel(ctx, qtbot):
    from kws_desktop.ui.pages.sales.quote_list import QuotesPanel
    p = QuotesPanel(ctx)
    qtbot.addWidget(p)
    return p


def _editor(panel, qtbot, quote=None):
    from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor
    e = QuoteEditor(panel, quote)
    qtbot.addWidget(e)
    return e


def _add(editor, package):
    index = editor.package.findData(package.id)
    editor.package.setCurrentIndex(index)
    editor.package.activated.emit(index)


def _terms(editor):
    return editor.terms.toPlainText().splitlines()


def test_the_terms_follow_the_lines_until_edited(panel, qtbot, pk, home):
    editor = _editor(panel, qtbot)
    assert not any("hari kerja" in t or "Garansi" in t for t in _terms(editor))  # no lines yet
    _add(editor, pk["SEDOT"])
    assert "Pekerjaan selesai kira-kira 1 hari kerja bila cuaca dan lokasi memungkinkan." in _terms(editor)
    assert "Garansi" not in editor.terms.toPlainText()
    _add(editor, pk["TS-BIO"])  # 1 + 6 HOK
    assert "Pekerjaan selesai kira-kira 3 hari kerja bila cuaca dan lokasi memungkinkan." in _terms(editor)
    assert _terms(editor)[-1] == ("Garansi sejak serah terima: Penyedotan lumpur tinja tanpa garansi; "
                                  "Tangki septik biofilter (fiberglass) 12 bulan.")
    editor.table.item(1, 1).setText("2")  # 1 + 12 HOK
    assert "Pekerjaan selesai kira-kira 5 hari kerja bila cuaca dan lokasi memungkinkan." in _terms(editor)
    editor.table.setCurrentCell(0, 0)
    editor.remove_line()  # the tanks only
    assert _terms(editor)[-1] == "Garansi pekerjaan 12 bulan sejak serah terima."
    assert editor.terms_follow_lines()

    editor.show()
    editor.terms.setFocus()
    editor.terms.moveCursor(editor.terms.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.terms, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.terms, "Tukang membawa makan siang sendiri.")
    typed = editor.terms.toPlainText()
    assert not editor.terms_follow_lines()
    editor.table.item(0, 1).setText("1")
    _add(editor, pk["SEDOT"])
    assert editor.terms.toPlainText() == typed  # left alone once edited
    assert editor.customer.set_customer(home.id)
    editor.save()
    assert editor.saved is not None and editor.saved.terms == typed.strip()


def test_untouched_terms_are_saved_as_the_lines_default(panel, qtbot, pk, home):
    editor = _editor(panel, qtbot)
    assert editor.customer.set_customer(home.id)
    _add(editor, pk["TS-BIO"])
    shown = editor.terms.toPlainText()
    editor.save()
    assert editor.saved.terms == shown
    assert editor.saved.terms_lines[-1] == "Garansi pekerjaan 12 bulan sejak serah terima."


def test_a_draft_opened_again_follows_only_if_its_terms_were_not_typed(panel, qtbot, pk, home, ctx):
    import datetime as dt
    day = dt.date.today()
    plain = quotes.create_quote(ctx.book, quotes.QuoteInput(home.id, day, (quotes.QuoteLineInput(1, pk["TS-BIO"].id),)))
    editor = _editor(panel, qtbot, plain)
    assert editor.terms_follow_lines()
    _add(editor, pk["SEDOT"])
    assert "tanpa garansi" in _terms(editor)[-1]

    typed = quotes.create_quote(ctx.book, quotes.QuoteInput(home.id, day, (quotes.QuoteLineInput(1, pk["TS-BIO"].id),),
                                                            terms="Garansi 3 bulan."))
    editor = _editor(panel, qtbot, typed)
    assert not editor.terms_follow_lines() and editor.terms.toPlainText() == "Garansi 3 bulan."
    _add(editor, pk["SEDOT"])
    assert editor.terms.toPlainText() == "Garansi 3 bulan."


def test_a_package_without_warranty_months_is_said_beside_the_terms(panel, qtbot, pk):
    from kws_desktop.store.models.evaluation import PackageWarranty
    with panel.book.transaction() as s:  # as a 1.0.0 book has its packages
        s.query(PackageWarranty).filter(PackageWarranty.package_id == pk["JMB-LA"].id).delete()
    editor = _editor(panel, qtbot)
    editor.show()
    assert editor.terms_hint.isHidden()
    _add(editor, pk["TS-BIO"])
    assert editor.terms_hint.isHidden()  # its months are set
    _add(editor, pk["JMB-LA"])
    assert not editor.terms_hint.isHidden()
    assert editor.terms_hint.text().startswith(f"Garansi {pk['JMB-LA'].name} belum diatur, jadi tidak dicetak.")
    editor.terms.setFocus()
    qtbot.keyClicks(editor.terms, " Garansi kloset 3 bulan.")  # the leader writes the promise
    assert editor.terms_hint.isHidden()

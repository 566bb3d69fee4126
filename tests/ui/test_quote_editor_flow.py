"""The quote editor as a group leader uses it: errors that go away once fixed, over-funding said
in words, payer amounts grouped, the letter previewed and sent by WhatsApp from inside the
editor, the saved quote selected in the list; a household quote from a package, swadaya in
instalments plus one program, saved and sent in at most 10 clicks."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kws_desktop.core.payers import PayerType
from kws_desktop.services.sales import customers, packages, quotes
from tests.ui.page_setup import context_with_packages


@pytest.fixture
def ctx(book):
    return context_with_packages(book)


@pytest.fixture
def home(ctx):
    return customers.create_customer(ctx.book, customers.CustomerInput(
        name="Jajang Permana", desa="Tobat", kecamatan="Balaraja", phone="0812-3456-7890"))


@pytest.fixture
def bio(ctx):
    return next(p for p in packages.list_packages(ctx.book) if p.code == "TS-BIO")


@pytest.fixture
def panel(ctx, qtbot):
    from kws_desktop.ui.pages.sales.quote_list import QuotesPanel
    p = QuotesPanel(ctx)
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.show()
    p.refresh_now()
    return p


@pytest.fixture
def editor(panel, qtbot):
    from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor
    e = QuoteEditor(panel)
    qtbot.addWidget(e)
    return e


def _add(editor, package):
    index = editor.package.findData(package.id)
    editor.package.setCurrentIndex(index)
    editor.package.activated.emit(index)  # chosen in the list: added at once


def test_choosing_a_package_adds_it(editor, bio):
    _add(editor, bio)
    assert len(editor.lines) == 1 and editor.totals().total == bio.price
    assert editor.package.currentData() is None  # ready for the next one


def test_over_funding_is_said_in_words(editor, bio):
    """The finding: "Belum dibagi: -Rp1.171.864"."""
    _add(editor, bio)
    editor.add_payer(PayerType.BAZNAS, bio.price + 1_171_864)
    assert editor.rest_label.text() == "Dana melebihi harga Rp1.171.864"
    assert "-" not in editor.rest_label.text()


def test_payer_amounts_are_grouped_as_typed(editor, qtbot, bio):
    """The finding: payer amounts stayed "2000000"."""
    _add(editor, bio)
    editor.add_payer(PayerType.APBD, 0)
    money = editor.payers.cellWidget(1, 2)
    qtbot.keyClicks(money, "2000000")
    assert money.text() == "2.000.000"


def test_errors_go_away_once_fixed(editor, qtbot, home, bio):
    """The finding: errors stayed red after they were fixed."""
    editor.save()
    assert "Pilih pelanggan" in editor.errors.message("customer")
    assert editor.line_error.text()
    editor.customer.set_customer(home.id)
    editor.customer.chosen.emit(home.id)  # as the picker does
    assert editor.errors.message("customer") == ""
    _add(editor, bio)
    assert editor.line_error.text() == ""
    editor.valid_until.set_value(editor.date.value() - dt.timedelta(days=1))
    editor.save()
    assert "berlaku sampai" in editor.errors.message("date")
    editor.valid_until.set_value(editor.date.value() + dt.timedelta(days=14))
    assert editor.errors.message("date") == ""
    editor.add_payer(PayerType.APBD, bio.price + 5)  # more than the price: the plan does not add up
    editor.save()
    assert "Rencana pembayaran berjumlah" in editor.payer_error.text()
    assert editor.rest_label.text() == "Dana melebihi harga Rp5"
    program = editor.payers.cellWidget(1, 2)
    program.setFocus()
    program.end(False)
    qtbot.keyClick(program, Qt.Key.Key_Backspace)  # being fixed: the old error goes
    assert editor.payer_error.text() == ""


def test_a_price_typed_in_a_free_line_is_money(editor, qtbot):
    from PySide6.QtWidgets import QAbstractItemView

    from kws_desktop.ui.kit.forms import MoneyEdit
    editor.show()
    editor.add_free()  # its description opens for typing
    qtbot.keyClick(editor.table.viewport().focusWidget() or editor.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    editor.table.editItem(editor.table.item(0, 3))
    field = editor.table.findChild(MoneyEdit)
    assert field is not None
    qtbot.keyClicks(field, "-")
    assert "minus" in field.refusal
    qtbot.keyClicks(field, "150000")
    assert field.text() == "150.000"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.lines[0].unit_price == 150_000)
    assert editor.table.item(0, 3).text() == "Rp150.000"


def test_preview_from_the_editor_saves_first(editor, home, bio, monkeypatch, tmp_path):
    from kws_desktop.ui.pages.sales import quote_editor
    shown = []
    monkeypatch.setattr(quote_editor, "preview_document", lambda parent, write, **kw: shown.append((write, kw)))
    editor.customer.set_customer(home.id)
    _add(editor, bio)
    editor.save_and_preview()
    assert editor.saved is not None and len(shown) == 1
    write, kw = shown[0]
    assert kw["suggested_name"] == f"{editor.saved.number}.pdf"
    write(tmp_path / "q.pdf")
    assert (tmp_path / "q.pdf").read_bytes().startswith(b"%PDF")
    editor.save_and_preview()  # the same draft, not a second quote
    assert quotes.count_quotes(editor.book) == 1


def test_saved_quote_is_selected_with_its_buttons(panel, ctx, qtbot, monkeypatch, home, bio):
    """The finding: after saving, the new quote was not selected and the buttons were disabled."""
    from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor

    def run(editor):
        editor.customer.set_customer(home.id)
        _add(editor, bio)
        editor.save()
        return editor.result()
    monkeypatch.setattr(QuoteEditor, "exec", run)
    quotes.create_quote(ctx.book, quotes.QuoteInput(customer_id=home.id, date=dt.date.today(), lines=(
        quotes.QuoteLineInput(1, description="Jamban", unit="unit", unit_price=1_000_000),)))
    panel.search.setText("tidak ada yang cocok")
    panel.refresh_now()
    panel.new()
    row = panel._selected_row()
    assert row is not None and row["id"] == max(q.id for q in quotes.list_quotes(ctx.book))
    assert panel.actions["send"].isEnabled() and panel.actions["print"].isEnabled()


def test_a_household_quote_sent_by_whatsapp_in_ten_clicks(panel, ctx, qtbot, monkeypatch, home, bio, tmp_path):
    from kws_desktop.ui.pages.sales import quote_editor
    from kws_desktop.ui.pages.sales.customer_picker import CustomerPicker
    from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor
    clicks: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr(quote_editor, "share_folder", lambda: tmp_path / "KWS Penawaran")
    monkeypatch.setattr(quote_editor, "open_url", lambda url: opened.append(url.toString()))

    def click(widget, what: str) -> None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        clicks.append(what)

    def pick(picker):  # the household list: a double click on the household
        picker.show()
        qtbot.waitUntil(lambda: picker.list.model.rowCount() > 0)
        view = picker.list.view
        spot = view.visualRect(picker.list.model.index(0, 0)).center()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        clicks.extend(["customer", "customer (double click)"])
        return picker.result()

    def fill(editor):
        editor.show()
        click(editor.customer.button, "Pilih pelanggan")
        index = editor.package.findData(bio.id)  # open the package list, click the package
        editor.package.setCurrentIndex(index)
        editor.package.activated.emit(index)
        clicks.extend(["package list", "package"])
        count = editor.payers.cellWidget(0, 3)
        click(count, "instalments")
        qtbot.waitUntil(lambda: count.lineEdit().selectedText() != "")
        qtbot.keyClicks(count, "4")
        add = next(b for b in editor.findChildren(QPushButton) if b.text() == "Tambah sumber dana")
        click(add, "Tambah sumber dana")  # APBD, the common program
        program = editor.payers.cellWidget(1, 2)
        click(program, "program amount")
        qtbot.keyClicks(program, "1000000")
        click(editor.share_button, "Simpan dan kirim WhatsApp")
        return editor.result()
    monkeypatch.setattr(CustomerPicker, "exec", pick)
    monkeypatch.setattr(QuoteEditor, "exec", fill)
    click(panel.actions["new"], "Penawaran baru")

    assert len(clicks) <= 10, clicks
    saved = quotes.list_quotes(ctx.book)
    assert len(saved) == 1
    q = quotes.get_quote(ctx.book, saved[0].id)
    assert q.customer.id == home.id and q.totals.total == bio.price
    plan = {p.payer_type: (p.amount, p.instalments) for p in q.payers}
    assert plan == {"swadaya": (bio.price - 1_000_000, 4), "apbd": (1_000_000, None)}
    assert (tmp_path / "KWS Penawaran" / f"{q.number}.pdf").read_bytes().startswith(b"%PDF")
    assert opened[0].startswith("https://wa.me/6281234567890?text=") and q.number in opened[0]
    assert "Lampirkan" in panel.note.text() and panel._selected_row()["id"] == q.id

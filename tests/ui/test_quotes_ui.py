import datetime as dt

import pytest
from sqlalchemy import func, select
from PySide6.QtCore import Qt

from kws_desktop.core.payers import PayerType
from kws_desktop.services.sales import customers
from kws_desktop.services.sales import packages
from kws_desktop.services.sales import quotes
from kws_desktop.store.models.sales import Quote
from tests.ui.page_setup import context_with_packages


@pytest.fixture
def ctx(book):
    return context_with_packages(book)


def _quote_count(book):
    with book.reading() as s:
        return s.execute(select(func.count(Quote.id))).scalar()


def test_customer_dialog_warns_on_duplicate_and_saves(ctx, qtbot, monkeypatch):
    from kws_desktop.ui.pages.sales import customers as page_mod
    page = page_mod.CustomersPage(ctx)
    qtbot.addWidget(page)
    customers.create_customer(ctx.book, customers.CustomerInput(name="Euis Rahayu", desa="Saga", kecamatan="Balaraja",
                                                phone="0812-7777-8888"))
    dialog = page_mod.CustomerDialog(page)
    qtbot.addWidget(dialog)
    dialog.kecamatan.setCurrentText("Balaraja")
    assert dialog.desa.completer().model().stringList() == ["Saga"]  # the desa suggested
    dialog.name.setText("Euis  Rahayu")
    dialog.desa.setText("saga")
    dialog.check_duplicates()
    assert "Euis Rahayu" in dialog.warning.text() and not dialog.warning.isHidden()
    monkeypatch.setattr(page_mod, "confirm", lambda *a, **k: False)
    dialog.save()
    assert customers.count_customers(ctx.book) == 1  # the user said no
    dialog.nik.setText("123")
    monkeypatch.setattr(page_mod, "confirm", lambda *a, **k: True)
    dialog.save()
    assert "NIK harus 16 angka" in dialog.errors.message("nik")
    assert customers.count_customers(ctx.book) == 1
    dialog.nik.setText("")
    dialog.save()
    assert customers.count_customers(ctx.book) == 2
    page.refresh_now()
    page.list.search.setText("7777")
    page.list.refresh()
    assert page.list.model.rowCount() == 1


def test_quote_editor_live_totals_errors_and_save(ctx, qtbot):
    from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor
    from kws_desktop.ui.pages.sales.quote_list import QuotesPanel
    home = customers.create_customer(ctx.book, customers.CustomerInput(name="Jajang Permana", desa="Tobat", kecamatan="Balaraja"))
    panel = QuotesPanel(ctx)
    qtbot.addWidget(panel)
    editor = QuoteEditor(panel)
    qtbot.addWidget(editor)
    editor.save()  # no customer, no lines
    assert "Pilih pelanggan" in editor.errors.message("customer")
    assert "paling sedikit satu pekerjaan" in editor.line_error.text()
    assert _quote_count(ctx.book) == 0
    assert editor.customer.set_customer(home.id)
    bio = next(p for p in packages.list_packages(ctx.book) if p.code == "TS-BIO")
    editor.package.setCurrentIndex(editor.package.findData(bio.id))
    editor.add_package()
    assert editor.total_label.text() == f"Rp{bio.price:,}".replace(",", ".")
    editor.table.item(0, 1).setText("2")  # typing a quantity updates the totals
    assert editor.totals().total == 2 * bio.price
    assert editor.payer_inputs()[0].amount == 2 * bio.price  # the one swadaya row follows the total
    editor.table.item(0, 1).setText("0")
    assert "lebih dari nol" in editor.line_error.text()
    editor.save()
    assert _quote_count(ctx.book) == 0
    editor.table.item(0, 1).setText("1")
    editor.discount.setText(str(bio.price + 1))
    editor.save()
    assert "tidak boleh lebih dari jumlah penawaran" in editor.discount_error.text()
    assert _quote_count(ctx.book) == 0
    editor.discount.setText("50000")
    editor.add_payer(PayerType.BAZNAS, 1_000_000)
    assert editor.payer_inputs()[0].amount == bio.price - 50_000 - 1_000_000  # swadaya takes the rest
    editor.valid_until.set_value(editor.date.value() - dt.timedelta(days=1))
    editor.save()
    assert "berlaku sampai" in editor.errors.message("date")
    assert _quote_count(ctx.book) == 0
    editor.valid_until.set_value(editor.date.value() + dt.timedelta(days=14))
    editor.save()
    assert editor.saved is not None and editor.saved.total == bio.price - 50_000
    assert [p.payer_type for p in editor.saved.payers] == ["swadaya", "baznas"]
    panel.refresh_now()
    assert panel.model.rowCount() == 1
    panel.resize(900, 500)
    panel.show()
    first = panel.view.visualRect(panel.model.index(0, 0)).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert panel.actions["send"].isEnabled() and not panel.actions["revise"].isEnabled()
    panel.send()
    assert quotes.get_quote(ctx.book, editor.saved.id).status == "sent"
    # a sent quote opens read-only, with the internal view
    from kws_desktop.ui.pages.sales.quote_view import QuoteView
    view = QuoteView(panel, quotes.get_quote(ctx.book, editor.saved.id))
    qtbot.addWidget(view)

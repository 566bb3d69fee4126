"""The Bahan & Pembelian page: tabs build lazily over the demo book; the slip form saves,
shows mistakes beside the line and remembers the shop."""
import datetime as dt
from decimal import Decimal

import pytest

from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.ui.kit.forms import qty_text
from kws_desktop.ui.pages.purchasing.catalog_tab import MaterialDialog
from kws_desktop.ui.pages.purchasing.page import MaterialsPage
from kws_desktop.ui.pages.purchasing.purchase_form import PurchaseForm
from kws_desktop.ui.pages.purchasing.stock_tab import CountDialog
from tests.ui.page_setup import shown_page


@pytest.fixture
def page(qtbot, demo_book):
    return shown_page(qtbot, demo_book, MaterialsPage)


def test_tabs_fill_lazily(page, qtmodeltester):
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
    page.purchases.start.set_value(dt.date(2020, 1, 1))
    model = page.purchases.model
    assert 0 < model.rowCount() <= 200
    assert "nota" in page.purchases.totals.text()
    assert page.catalog.model.rowCount() >= 30
    assert "Nilai seluruh stok" in page.stock.total.text()
    qtmodeltester.check(page.stock.model)


def test_purchase_form_saves_and_remembers(page):
    book = page.book
    cement = materials.find_material(book, "Semen Portland 50 kg")
    before = purchases.count_purchases(book)
    form = PurchaseForm(page)
    shop_id = form.supplier.currentData()
    form.date.set_value(dt.date(2026, 11, 28))  # the demo's today: after its latest slip, nothing to ask
    line = form.lines[0]
    line.material.setCurrentIndex(line.material.findData(cement.id))
    assert line.price.value() > 0  # the price paid before is filled in
    line.qty.setText("0")
    form.save(close=False)
    assert not line.error.isHidden() and "lebih dari nol" in line.error.text()
    assert purchases.count_purchases(book) == before
    line.qty.setText("10")
    form.save(close=False)
    assert purchases.count_purchases(book) == before + 1
    assert "Tersimpan" in form.status.text()
    assert form.lines[0].material_id() is None and form.supplier.currentData() == shop_id
    assert purchases.form_memory(book).supplier_id == shop_id


def test_material_dialog_unknown_unit_beside_field(page):
    dialog = MaterialDialog(page)
    dialog.name.setText("Semen putih")
    dialog.unit.addItem("zak")
    dialog.unit.setCurrentText("zak")
    n = materials.count_materials(page.book)
    dialog.save()
    assert materials.count_materials(page.book) == n
    assert "tidak dikenal" in dialog.errors.message("unit")


def test_count_dialog_needs_explanation(page):
    dialog = CountDialog(page)
    row = next(i for i, r in enumerate(dialog.sheet) if r.system_qty >= 1000)
    assert "." not in dialog.table.item(row, 2).text()  # no thousands dot to misread
    dialog.table.item(row, 2).setText(qty_text(dialog.sheet[row].system_qty - 1))
    before = len(stock.list_stock_counts(page.book))
    dialog.save()
    assert "penjelasan" in dialog.line_error.text()
    assert len(stock.list_stock_counts(page.book)) == before
    dialog.table.item(row, 4).setText("pecah")
    dialog.save()
    count = stock.list_stock_counts(page.book)[0]
    assert len(stock.list_stock_counts(page.book)) == before + 1
    detail = stock.get_stock_count(page.book, count.id)
    assert [ln.difference for ln in detail.lines if ln.difference] == [Decimal(-1)]

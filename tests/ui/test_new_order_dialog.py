"""Pesanan baru (without a quote): customer, work, agreed price, date, a program's share; Enter
moves on; a refusal shows beside its field and saves nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kws_desktop.services.sales import customers
from kws_desktop.services.jobs import orders
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.pages.jobs.order_dialog import NewOrderDialog
from kws_desktop.ui.pages.jobs.order_list import OrdersPanel

TODAY = dt.date.today()


@pytest.fixture
def panel(qtbot, book):
    ctx = AppContext()
    ctx.book = book
    p = OrdersPanel(ctx)
    qtbot.addWidget(p)
    p.show()
    p.refresh_now()
    yield p
    ctx.book = None


@pytest.fixture
def dialog(panel, qtbot):
    d = NewOrderDialog(panel)
    qtbot.addWidget(d)
    d.show()
    return d


def _household(book, name="Siti Rohmah"):
    return customers.create_customer(book, customers.CustomerInput(name=name, desa="Sentul Jaya", kecamatan="Balaraja")).id


def _error(d, field):
    return d.errors.message(field)


def test_new_order_household_pays_all(panel, dialog, book):
    cid = _household(book)
    dialog.set_customer(cid)
    assert "Siti Rohmah" in dialog.customer.text.text() and "Sentul Jaya" in dialog.customer.text.text()
    dialog.work.setEditText("Tangki septik individual biofilter")
    dialog.price.setText("3.500.000")
    dialog.date.set_value(TODAY)
    dialog.notes.setPlainText("Bayar dua kali")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    v = orders.get_order(book, dialog.saved.id)
    assert (v.customer_id, v.price, v.date, v.notes) == (cid, 3_500_000, TODAY, "Bayar dua kali")
    assert v.items[0].description == "Tangki septik individual biofilter" and v.quote_id is None
    assert [(p.payer_type, p.amount) for p in v.payers] == [("swadaya", 3_500_000)]


def test_new_order_with_program_share(panel, dialog, book):
    cid = _household(book)
    baznas = customers.create_customer(book, customers.CustomerInput(name="BAZNAS Kab. Tangerang", kind="institution",
                                                     payer_type="baznas")).id
    dialog.set_customer(cid)
    dialog.work.setEditText("Jamban sehat")
    dialog.price.set_value(4_000_000)
    dialog.program.setCurrentIndex(dialog.program.findData("baznas"))
    dialog.institution.setCurrentIndex(dialog.institution.findData(baznas))
    dialog.program_amount.set_value(3_000_000)
    assert dialog.household_share.text() == "Rp1.000.000"
    dialog.save()
    v = orders.get_order(book, dialog.saved.id)
    assert sorted((p.payer_type, p.amount, p.payer_customer_id) for p in v.payers) == [
        ("baznas", 3_000_000, baznas), ("swadaya", 1_000_000, None)]


def test_package_fills_price(panel, book, qtbot):
    from kws_desktop.services.sales.packages import list_packages, load_default_packages
    load_default_packages(book)
    package = list_packages(book, active_only=True)[0]
    d = NewOrderDialog(panel)
    qtbot.addWidget(d)
    d.set_customer(_household(book))
    d.work.setCurrentIndex(d.work.findData(package.id))
    d.work.activated.emit(d.work.currentIndex())
    assert d.price.value() == package.pricing.price
    d.save()
    v = orders.get_order(book, d.saved.id)
    assert v.package == package.name and v.items[0].kind == "package"


def test_missing_customer_and_price_beside_fields_nothing_saved(panel, dialog, book):
    dialog.work.setEditText("Jamban")
    dialog.save()
    assert "Pilih pelanggan" in _error(dialog, "customer")
    assert "Isi harga yang disepakati" in _error(dialog, "price")
    assert dialog.result() != dialog.DialogCode.Accepted and orders.count_orders(book) == 0


def test_missing_work_beside_field_nothing_saved(panel, dialog, book):
    dialog.set_customer(_household(book))
    dialog.price.set_value(1_000_000)
    dialog.save()
    assert "Isi uraian pekerjaan" in _error(dialog, "work")
    assert orders.count_orders(book) == 0


def test_program_share_above_price_refused(panel, dialog, book):
    dialog.set_customer(_household(book))
    dialog.work.setEditText("Jamban")
    dialog.price.set_value(1_000_000)
    dialog.program.setCurrentIndex(dialog.program.findData("apbd"))
    dialog.program_amount.set_value(1_500_000)
    assert "lebih besar dari harga" in dialog.household_share.text()
    dialog.save()
    assert "harus sama dengan harga pesanan" in _error(dialog, "program")
    assert orders.count_orders(book) == 0
    dialog.program_amount.set_value(0)
    dialog.save()
    assert "Isi berapa yang dibayar program" in _error(dialog, "program")
    assert orders.count_orders(book) == 0


def test_enter_moves_on_and_does_not_save(panel, dialog, book, qtbot):
    dialog.set_customer(_household(book))
    dialog.work.setFocus()
    dialog.work.setEditText("Jamban")
    qtbot.keyClick(dialog.work, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.price
    qtbot.keyClicks(dialog.price, "2500000")
    qtbot.keyClick(dialog.price, Qt.Key.Key_Return)
    assert dialog.price.text() == "2.500.000"
    assert dialog.focusWidget() is not dialog.price and dialog.isVisible()
    assert orders.count_orders(book) == 0
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert orders.count_orders(book) == 1


def test_panel_button_opens_dialog_and_selects_new_order(panel, book, monkeypatch):
    cid = _household(book)

    def fake_exec(d):
        d.set_customer(cid)
        d.work.setEditText("Jamban sehat")
        d.price.set_value(2_000_000)
        d.save()
        return d.result()
    monkeypatch.setattr(NewOrderDialog, "exec", fake_exec)
    panel.new_button.click()
    assert panel.model.rowCount() == 1
    assert panel.detail.view is not None and panel.detail.view.price == 2_000_000

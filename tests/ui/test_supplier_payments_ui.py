"""Bahan & Pembelian, Pemasok tab: the list of payments to suppliers (lazy, per supplier when one
is selected) and voiding one with a reason; the new-slip button has its own shortcut."""
import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton

from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.pages.purchasing.page import MaterialsPage
from tests.ui.page_setup import shown_page

D = dt.date(2026, 3, 10)


@pytest.fixture
def page(qtbot, book):
    post_opening_balances(book, dt.date(2026, 1, 1), cash=5_000_000, bank=5_000_000)
    cement = materials.create_material(book, materials.MaterialInput("Semen 50 kg", "sak", "Semen dan pasir", 68_000))
    for name in ("TB Sumber Rejeki", "TB Maju Jaya"):
        shop = suppliers.create_supplier(book, suppliers.SupplierInput(name))
        purchases.record_purchase(book, purchases.PurchaseInput(D, shop.id, "credit", (purchases.PurchaseLineInput(cement.id, "20", 68_000),)))
        suppliers.pay_supplier(book, supplier_id=shop.id, amount=400_000, date=D, method="cash", notes="cicilan 1")
    p = shown_page(qtbot, book, MaterialsPage, (1100, 760))
    p.tabs.setCurrentWidget(p.suppliers)
    return p


def _select(view, row: int) -> None:
    view.selectionModel().select(view.model().index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def _row_of(model, supplier: str, key: str = "supplier") -> int:
    return next(i for i in range(model.rowCount()) if model.row(i)[key] == supplier)


def test_payments_listed_for_all_then_for_the_selected_supplier(page, qtmodeltester):
    payments = page.suppliers.payments
    assert payments.model.rowCount() == 2 and "semua pemasok" in payments.title.text()
    assert {payments.model.row(i)["note"] for i in range(2)} == {"cicilan 1"}
    qtmodeltester.check(payments.model)
    _select(page.suppliers.view, _row_of(page.suppliers.model, "TB Maju Jaya", "name"))
    assert payments.model.rowCount() == 1 and payments.model.row(0)["supplier"] == "TB Maju Jaya"
    assert "TB Maju Jaya" in payments.title.text()


def test_void_needs_a_reason_then_brings_the_debt_back(page, monkeypatch):
    book, payments = page.book, page.suppliers.payments
    shop = next(s for s in suppliers.list_suppliers(book) if s.name == "TB Sumber Rejeki")
    _select(payments.view, _row_of(payments.model, "TB Sumber Rejeki"))
    dialog = payments.void_dialog()
    dialog.reason.setText("   ")
    dialog.save()
    assert dialog.errors.message("reason") == "Tuliskan alasan pembatalan."
    assert dialog.result() == 0
    assert [p.status for p in suppliers.list_supplier_payments(book, supplier_id=shop.id)] == ["posted"]
    assert suppliers.get_supplier(book, shop.id).owed == 1_360_000 - 400_000

    dialog.reason.setText("Salah toko")
    dialog.save()
    assert dialog.result() == 1
    voided = suppliers.list_supplier_payments(book, supplier_id=shop.id)[0]
    assert voided.status == "void" and voided.void_reason == "Salah toko"
    assert suppliers.get_supplier(book, shop.id).owed == 1_360_000
    shown = payments.model.row(_row_of(payments.model, "TB Sumber Rejeki"))
    assert shown["status"] == "BATAL" and "Salah toko" in shown["note"] and shown["_muted"]

    refused = []
    monkeypatch.setattr("kws_desktop.ui.pages.purchasing.supplier_payments.show_error", lambda _p, msg: refused.append(msg))
    _select(payments.view, _row_of(payments.model, "TB Sumber Rejeki"))
    assert payments.void_dialog() is None
    assert refused and "sudah dibatalkan" in refused[0]


def test_void_without_a_selection_says_what_to_do(page, monkeypatch):
    told = []
    monkeypatch.setattr("kws_desktop.ui.kit.widgets.show_error", lambda _p, msg: told.append(msg))
    page.suppliers.payments.view.clearSelection()
    assert page.suppliers.payments.void_dialog() is None
    assert told == ["Pilih satu pembayaran dulu."]


def _live_actions(window) -> list[QAction]:
    """The actions whose shortcuts work now: the window's own and those in its menu bar's menus."""
    actions, menus = list(window.actions()), [a.menu() for a in window.menuBar().actions() if a.menu()]
    while menus:
        menu = menus.pop()
        actions += menu.actions()
        menus += [a.menu() for a in menu.actions() if a.menu()]
    return actions


def test_no_shortcut_is_bound_twice_with_the_materials_page_shown(qtbot, demo_path, monkeypatch):
    from kws_desktop.ui.shell.main_window import MainWindow
    monkeypatch.setattr("kws_desktop.ui.pages.training.workshop.QMessageBox.information", lambda *a, **k: None)
    ctx = AppContext()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        window.open_location(str(demo_path))
        window.show_area("bahan")
        keys = [seq.toString() for a in _live_actions(window) for seq in a.shortcuts() if not seq.isEmpty()]
        keys += [s.key().toString() for s in window.findChildren(QShortcut)
                 if s.isEnabled() and s.parentWidget().isVisible()]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        assert QKeySequence("Ctrl+N").toString() in keys  # still "Buku baru"
        panel = window.page("bahan").purchases
        button = next(b for b in panel.findChildren(QPushButton) if b.text() == "Catat nota baru")
        assert "Ctrl+Shift+B" in button.toolTip()
    finally:
        if ctx.book is not None:
            ctx.book.close(backup=False)
            ctx.book = None

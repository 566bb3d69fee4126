"""Tagihan, with the keyboard only: the cursor starts in the search box, nobody is chosen before
the treasurer says who, Tab goes field to field (not cell by cell through the table), Enter in
the search box takes the first match, Enter in the amount takes the payment. With the mouse it
stays three clicks: the person, the amount is offered, "Terima dan cetak kuitansi"."""
import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_setup import D, add_customer, add_order  # noqa: E402

from kws_desktop.services.billing import invoices, receivables  # noqa: E402


@pytest.fixture
def page(book, qtbot, monkeypatch):
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.pages.billing import page as billing
    previewed = []
    monkeypatch.setattr(billing, "preview_print_job", lambda *a, **k: previewed.append(a))
    for name, phone in (("Ahmad Fauzi", "0812-1111-2222"), ("Siti Rohmah", "0813-2222-3333")):
        hh = add_customer(book, name, phone=phone)
        order = add_order(book, hh, [("swadaya", "", 2_000_000)], customer_name=name)
        invoices.invoice_order(book, order, D, household_plan=invoices.PlanSpec(count=4))
    ctx = AppContext()
    ctx.book = book
    p = billing.BillingPage(ctx)
    p.previewed = previewed
    qtbot.addWidget(p)
    p.resize(1024, 700)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    return p


def _focus():
    return QApplication.focusWidget()


def test_it_opens_with_the_cursor_in_the_search_box_and_nobody_chosen(page, qtbot):
    """The finding: the first household was chosen with an amount filled in; one click took
    money from the wrong person."""
    tab = page.payment_tab
    qtbot.waitUntil(lambda: _focus() is tab.search)
    assert tab.people.count() == 2 and tab.people.currentItem() is None
    assert tab.owed.rowCount() == 0 and tab.amount.value() == 0 and not tab.take.isEnabled()


def test_a_payment_with_keys_only(page, book, qtbot):
    tab = page.payment_tab
    qtbot.waitUntil(lambda: _focus() is tab.search)
    qtbot.keyClicks(tab.search, "siti")
    tab.find()  # the search follows typing after a short pause
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # the first match, the cursor to the amount
    assert tab.customer_id() is not None and "Siti" in tab.people.currentItem().text()
    qtbot.waitUntil(lambda: _focus() is tab.amount)
    assert tab.amount.value() == 500_000 and tab.amount.selectedText() == "500.000"
    qtbot.keyClicks(tab.amount, "250000")  # typed over the offered amount
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    rows = receivables.list_receipts(book)
    assert [(r.amount, r.payer_name) for r in rows] == [(250_000, "Siti Rohmah")]
    assert len(page.previewed) == 1  # the kuitansi is shown to print


def test_tab_moves_field_to_field_and_leaves_the_table_in_one_step(page, qtbot):
    """The finding: Tab went cell by cell through "Yang masih harus dibayar"."""
    tab = page.payment_tab
    qtbot.waitUntil(lambda: _focus() is tab.search)
    tab.people.setCurrentRow(0)
    tab.search.setFocus()
    seen = []
    for _ in range(9):
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        seen.append(_focus())
    assert seen[:8] == [tab.people, tab.owed, tab.date, tab.amount, tab.method, tab.payer_name,
                        tab.advance, tab.take]
    assert not tab.owed.tabKeyNavigation()


def test_enter_on_a_refused_amount_says_why_and_takes_nothing(page, book, qtbot):
    tab = page.payment_tab
    qtbot.waitUntil(lambda: _focus() is tab.search)
    qtbot.keyClicks(tab.search, "ahmad")
    tab.find()
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _focus() is tab.amount)
    qtbot.keyClicks(tab.amount, "9000000")
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    assert "lebih besar dari sisa tagihan" in tab.errors.message("amount")
    assert receivables.count_receipts(book) == 0


def test_a_payment_dated_after_today_asks_with_the_date_spelled_out(page, book, qtbot, monkeypatch):
    from kws_desktop.ui.kit import forms
    tab = page.payment_tab
    asked = []
    monkeypatch.setattr(forms, "confirm_future_date", lambda parent, day: asked.append(day) or False)
    tab.people.setCurrentRow(0)
    soon = dt.date.today() + dt.timedelta(days=3)
    tab.date.set_value(soon)
    tab.take_payment()
    assert asked == [soon] and receivables.count_receipts(book) == 0
    assert "belum tiba" in tab.errors.message("date")
    monkeypatch.setattr(forms, "confirm_future_date", lambda parent, day: True)
    tab.take_payment()
    assert [r.date for r in receivables.list_receipts(book)] == [soon]

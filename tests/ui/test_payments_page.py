"""The Tagihan & Kuitansi page: find the person, see what is owed, take the money."""
import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_setup import D, add_customer, add_order  # noqa: E402

from kws_desktop.services.billing import invoices, payments, receivables  # noqa: E402
from kws_desktop.ui.kit.widgets import selected_row  # noqa: E402


@pytest.fixture
def page(book, qtbot, monkeypatch):
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.pages.billing import page as billing
    monkeypatch.setattr(billing, "preview_print_job", lambda *a, **k: None)
    hh = add_customer(book, "Siti Rohmah", phone="0813-2222-3333")
    order = add_order(book, hh, [("swadaya", "", 2_000_000)], customer_name="Siti Rohmah")
    invoices.invoice_order(book, order, D, household_plan=invoices.PlanSpec(count=4))
    ctx = AppContext()
    ctx.book = book
    p = billing.BillingPage(ctx)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    return p


def test_quick_payment(page, book, qtbot):
    tab = page.payment_tab
    tab.search.setText("siti")
    tab.find()
    assert tab.people.count() == 1 and tab.owed.rowCount() == 0  # nobody chosen for the treasurer
    tab.people.setCurrentRow(0)
    assert tab.owed.rowCount() == 1
    assert tab.amount.value() == 500_000  # the next instalment is offered
    tab.date.set_value(D + dt.timedelta(days=3))
    tab.take_payment()
    rows = receivables.list_receipts(book)
    assert [(r.amount, r.status) for r in rows] == [(500_000, "posted")]
    assert tab.owed.item(0, 4).text() == "Rp1.500.000"


def test_backdated_payment_asks_why(page, book, monkeypatch):
    from kws_desktop.store.models.billing import Payment
    from kws_desktop.ui.kit import dated
    tab = page.payment_tab
    tab.find()
    tab.people.setCurrentRow(0)
    inv = invoices.open_invoices_for_customer(book, 1)[0]
    payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=10), amount=100_000)
    asked = []
    monkeypatch.setattr(dated, "ask_why", lambda parent, title, label: asked.append(label) or None)
    tab.date.set_value(D + dt.timedelta(days=3))
    tab.amount.set_value(200_000)
    tab.take_payment()  # cancelled: nothing saved
    assert "Kuitansi terakhir tahun ini bertanggal 12 Maret 2026" in asked[0]
    assert receivables.count_receipts(book) == 1
    monkeypatch.setattr(dated, "ask_why", lambda parent, title, label: "Lupa dicatat")
    tab.take_payment()
    assert receivables.count_receipts(book) == 2
    with book.reading() as s:
        assert any("Lupa dicatat" in p.note for p in s.query(Payment).all())


def test_quick_payment_error_beside_field(page, book):
    tab = page.payment_tab
    tab.find()
    tab.people.setCurrentRow(0)
    tab.amount.set_value(9_000_000)
    tab.take_payment()
    assert "lebih besar dari sisa tagihan" in tab.errors.message("amount")
    assert receivables.count_receipts(book) == 0


def test_lists_are_paged_and_filtered(page, book):
    inv = invoices.open_invoices_for_customer(book, 1)[0]
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000)
    page.tabs.setCurrentWidget(page.invoices_tab)  # a tab loads when it is chosen
    assert page.invoices_tab.model.rowCount() == 1
    page.tabs.setCurrentWidget(page.receipts_tab)
    assert page.receipts_tab.model.rowCount() == 1
    page.receipts_tab.status.setCurrentIndex(2)  # Batal
    assert page.receipts_tab.model.rowCount() == 0


def test_wa_number():
    assert payments.wa_number("0812-3456-7890") == "6281234567890"
    assert payments.wa_number("+62 812 3456 7890") == "6281234567890"
    assert payments.wa_number("") == ""


def test_voiding_a_kuitansi_says_it_plainly_and_checks_the_reason_first(page, book):
    inv = invoices.open_invoices_for_customer(book, 1)[0]
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000)
    page.tabs.setCurrentWidget(page.receipts_tab)
    page.receipts_tab.view.selectRow(0)
    dialog = page.receipts_tab.void_dialog()
    note = " ".join(label.text() for label in dialog.findChildren(type(dialog.errors.general)))
    assert "uangnya tercatat kembali sebagai belum dibayar" in note
    assert "jurnal" not in note.lower() and "dibalik" not in note
    dialog.save()  # no reason yet: said beside the field, nothing voided, nothing asked
    assert dialog.errors.message("reason")
    assert [r.status for r in receivables.list_receipts(book)] == ["posted"]
    dialog.reason.setText("Salah orang")
    dialog.save()
    assert [r.status for r in receivables.list_receipts(book)] == ["void"]
    assert invoices.open_invoices_for_customer(book, 1)[0].outstanding == 2_000_000
    page.receipts_tab.refresh()  # the list says BATAL, why, and that its money does not count
    page.receipts_tab.view.selectRow(0)
    assert selected_row(page.receipts_tab.view)["status"] == "BATAL: Salah orang · Rp100.000 tidak dihitung"

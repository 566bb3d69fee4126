"""Potong uang muka from the invoice list: the dialog offers what can be applied, refuses too
much beside the field (nothing saved), and issues no kuitansi."""
import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_setup import D, add_customer, add_order  # noqa: E402

from kws_desktop.services.billing import invoices, payments, receivables  # noqa: E402
from kws_desktop.ui.pages.billing import advance_dialog  # noqa: E402
from kws_desktop.ui.pages.billing.advance_dialog import ApplyAdvanceDialog  # noqa: E402


@pytest.fixture
def page(book, qtbot):
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.pages.billing import page as billing
    hh = add_customer(book, "Siti Rohmah")
    first = invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 1_000_000)]), D)[0]
    payments.record_payment(book, invoice_id=first.id, date=D, amount=1_400_000, advance=400_000)
    invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 1_500_000)]), D)
    ctx = AppContext()
    ctx.book = book
    p = billing.BillingPage(ctx)
    qtbot.addWidget(p)
    p.show()
    p.refresh()
    return p


def _open(page, monkeypatch, number):
    tab = page.invoices_tab
    page.tabs.setCurrentWidget(tab)  # a tab loads when it is chosen
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row(r)["number"] == number)
    tab.view.selectRow(row)
    shown = []
    monkeypatch.setattr(ApplyAdvanceDialog, "exec", lambda d: shown.append(d))
    errors = []
    monkeypatch.setattr(advance_dialog, "show_error", lambda parent, msg, *a: errors.append(msg))
    tab.apply_advance()
    return shown, errors


def test_apply_from_invoice_list(page, book, monkeypatch):
    shown, _e = _open(page, monkeypatch, "TGH-2026-0002")
    d = shown[0]
    assert d.amount.value() == 400_000  # all the titipan fits the invoice
    receipts = receivables.count_receipts(book)
    d.date.set_value(D + dt.timedelta(days=1))
    d.save()
    assert d.result() == d.DialogCode.Accepted
    inv = invoices.find_invoice(book, "TGH-2026-0002")
    assert (inv.advance_applied, inv.outstanding) == (400_000, 1_100_000)
    assert receivables.count_receipts(book) == receipts
    assert page.invoices_tab.model.row(0)["open"] in (0, 1_100_000)


def test_too_much_refused_beside_field_nothing_saved(page, book, monkeypatch):
    shown, _e = _open(page, monkeypatch, "TGH-2026-0002")
    d = shown[0]
    d.amount.set_value(500_000)
    d.save()
    assert d.errors.message("amount") == "Uang muka Siti Rohmah yang tersisa hanya Rp400.000."
    assert d.result() != d.DialogCode.Accepted
    assert invoices.find_invoice(book, "TGH-2026-0002").advance_applied == 0
    assert payments.advance_left(book, 1) == 400_000


def test_paid_invoice_says_so(page, monkeypatch):
    shown, errors = _open(page, monkeypatch, "TGH-2026-0001")
    assert not shown and errors == ["Tagihan TGH-2026-0001 sudah lunas."]

"""Uang muka (titipan) applied to a later invoice: Dr customer deposits / Cr receivable, never
more than the titipan left nor more than the invoice owes, no new kuitansi, one transaction."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices, payments, receivables
from kws_desktop.services.book.check import check_book
from kws_desktop.store.models.billing import Receipt
from kws_desktop.store.models.book import Account, JournalLine

from billing_setup import D, add_customer, add_order, billing_state

LATER = D + dt.timedelta(days=30)



def _balance(book, code, party_id):
    with book.reading() as s:
        return s.execute(select(func.coalesce(func.sum(JournalLine.amount), 0))
                         .join(Account, Account.id == JournalLine.account_id)
                         .where(Account.code == code, JournalLine.party_kind == "customer",
                                JournalLine.party_id == party_id)).scalar()


@pytest.fixture
def two_invoices(book):
    """Household paid Rp1.000.000 on a Rp1.000.000 job plus Rp600.000 titipan; then a second
    job of Rp1.500.000 in 3 instalments of Rp500.000."""
    hh = add_customer(book, "Siti Rohmah")
    first = invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 1_000_000)]), D)[0]
    payments.record_payment(book, invoice_id=first.id, date=D, amount=1_600_000, advance=600_000)
    second = invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 1_500_000)], date=LATER),
                                    LATER, household_plan=invoices.PlanSpec(count=3))[0]
    return hh, second


def test_apply_advance_pays_oldest_instalment_without_kuitansi(book, two_invoices):
    hh, inv = two_invoices
    assert payments.advance_left(book, hh) == 600_000
    receipts_before = receivables.count_receipts(book)
    info = payments.apply_advance(book, inv.id, 600_000, date=LATER)
    assert (info.method, info.amount, info.receipt_number, info.remaining) == ("advance", 600_000, "", 900_000)
    assert [(seq, amount) for _i, seq, amount in info.allocations] == [(1, 500_000), (2, 100_000)]
    assert payments.advance_left(book, hh) == 0
    assert receivables.count_receipts(book) == receipts_before  # no new kuitansi
    assert _balance(book, A.CUSTOMER_DEPOSITS, hh) == 0
    assert _balance(book, A.RECEIVABLES, hh) == 900_000
    after = invoices.get_invoice(book, inv.id)
    assert (after.paid, after.outstanding, after.advance_applied, after.status) == (600_000, 900_000, 600_000, "open")
    assert check_book(book) == []


def test_later_kuitansi_counts_the_applied_advance(book, two_invoices):
    _hh, inv = two_invoices
    payments.apply_advance(book, inv.id, 600_000, date=LATER)
    paid = payments.record_payment(book, invoice_id=inv.id, date=LATER, amount=900_000)
    assert paid.remaining == 0 and invoices.get_invoice(book, inv.id).status == "paid"
    with book.reading() as s:
        r = s.execute(select(Receipt).where(Receipt.number == paid.receipt_number)).scalar()
        data = payments.kuitansi_data(s, [r])[0]
    assert data.amount == 900_000 and data.remaining == 0


def test_invoice_pdf_shows_dipotong_uang_muka(book, two_invoices, tmp_path):
    import pypdfium2 as pdfium
    _hh, inv = two_invoices
    payments.apply_advance(book, inv.id, 400_000, date=LATER)
    out = invoices.write_invoice_pdf(book, inv.number, tmp_path / "t.pdf")
    pdf = pdfium.PdfDocument(str(out))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Dipotong uang muka" in text and "Rp400.000" in text and "Rp1.100.000" in text


def test_void_undoes_the_application(book, two_invoices):
    hh, inv = two_invoices
    info = payments.apply_advance(book, inv.id, 300_000, date=LATER)
    payments.void_payment(book, info.id, "salah potong", date=LATER)
    assert payments.advance_left(book, hh) == 600_000
    assert invoices.get_invoice(book, inv.id).outstanding == 1_500_000
    assert check_book(book) == []


@pytest.mark.parametrize("amount, message", [
    (0, "Jumlah uang muka yang dipotong harus lebih dari Rp0."),
    (-5, "Jumlah uang muka yang dipotong harus lebih dari Rp0."),
    (1.5, "Jumlah uang muka yang dipotong harus ditulis dalam rupiah bulat, misalnya 50.000."),
    (700_000, "Uang muka Siti Rohmah yang tersisa hanya Rp600.000."),
])
def test_bad_amount_refused_nothing_saved(book, two_invoices, amount, message):
    _hh, inv = two_invoices
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.apply_advance(book, inv.id, amount, date=LATER)
    assert (err.value.message, err.value.field) == (message, "amount")
    assert billing_state(book) == before


def test_more_than_invoice_owes_refused(book):
    hh = add_customer(book, "Siti Rohmah")
    first = invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 1_000_000)]), D)[0]
    payments.record_payment(book, invoice_id=first.id, date=D, amount=1_800_000, advance=800_000)
    small = invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 500_000)]), D)[0]
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.apply_advance(book, small.id, 600_000, date=D)
    assert (err.value.message, err.value.field) == (f"Sisa tagihan {small.number} hanya Rp500.000.", "amount")
    assert billing_state(book) == before
    payments.apply_advance(book, small.id, 500_000, date=D)
    with pytest.raises(UserError) as err:
        payments.apply_advance(book, small.id, 100_000, date=D)
    assert err.value.message == f"Tagihan {small.number} sudah lunas."


def test_no_titipan_refused(book):
    hh = add_customer(book, "Ahmad Fauzi")
    inv = invoices.invoice_order(book, add_order(book, hh, [("swadaya", "", 1_000_000)]), D)[0]
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.apply_advance(book, inv.id, 100_000, date=D)
    assert err.value.message == "Ahmad Fauzi tidak punya uang muka (titipan) yang tersisa."
    assert billing_state(book) == before


def test_titipan_of_another_payer_or_a_later_date_not_used(book, two_invoices):
    other = add_customer(book, "Ahmad Fauzi")
    # dated on the latest order's and invoice's day, so no backdating question comes first
    inv = invoices.invoice_order(book, add_order(book, other, [("swadaya", "", 1_000_000)], date=LATER), LATER)[0]
    with pytest.raises(UserError, match="tidak punya uang muka"):
        payments.apply_advance(book, inv.id, 100_000, date=LATER)
    _hh, second = two_invoices
    before = billing_state(book)
    with pytest.raises(UserError) as err:  # before the invoice date
        payments.apply_advance(book, second.id, 100_000, date=D)
    assert err.value.field == "date" and "sebelum tanggal tagihan" in err.value.message
    assert billing_state(book) == before


def test_void_invoice_refused(book, two_invoices):
    _hh, inv = two_invoices
    invoices.void_invoice(book, inv.id, "salah", date=LATER)
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.apply_advance(book, inv.id, 100_000, date=LATER)
    assert err.value.message == f"Tagihan {inv.number} sudah dibatalkan."
    assert billing_state(book) == before


def test_void_refused_when_its_titipan_was_already_applied(book, two_invoices):
    """Issue 22: voiding the kuitansi would take back a titipan already spent on the second
    invoice, leaving the titipan below zero."""
    hh, inv = two_invoices
    with book.reading() as s:
        first = s.execute(select(Receipt).order_by(Receipt.id)).scalars().first()
        number, payment_id = first.number, first.payment_id
    payments.apply_advance(book, inv.id, 200_000, date=LATER)
    before = billing_state(book)
    with pytest.raises(UserError, match=f"Uang titipan dari kuitansi {number} sudah dipotong"):
        payments.void_payment(book, payment_id, "Salah catat", date=LATER)
    assert billing_state(book) == before
    assert payments.advance_left(book, hh) == 400_000
    assert check_book(book) == []

"""Payments: allocation, ledger postings, advances, voiding, and every bad input refused with
an Indonesian message and nothing saved."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices, payments, receivables
from kws_desktop.services.book.check import check_book
from kws_desktop.store.models.book import Account, JournalLine, PeriodClose

from billing_setup import D, add_customer, add_order, billing_state



def _balance(book, code, party_id=None):
    with book.reading() as s:
        q = (select(func.coalesce(func.sum(JournalLine.amount), 0))
             .join(Account, Account.id == JournalLine.account_id).where(Account.code == code))
        if party_id is not None:
            q = q.where(JournalLine.party_kind == "customer", JournalLine.party_id == party_id)
        return s.execute(q).scalar()


@pytest.fixture
def hh_invoice(book):
    """A household invoice of Rp2.500.000: down payment Rp500.000, then 4 x Rp500.000."""
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 2_500_000)])
    with book.transaction() as s:
        inv = invoices.create_invoices_for_order(
            s, order, D, book.actor, household_plan=invoices.PlanSpec(count=4, down_payment=500_000))[0]
    return hh, inv


def test_payment_oldest_first_and_ledger(book, hh_invoice):
    hh, inv = hh_invoice
    p = payments.record_payment(book, invoice_id=inv.id, date=D, amount=700_000)
    assert p.receipt_number == f"KWT-{D.year}-0001"
    assert [(seq, a) for _i, seq, a in p.allocations] == [(1, 500_000), (2, 200_000)]
    assert p.remaining == 1_800_000
    assert _balance(book, A.CASH) == 700_000
    assert _balance(book, A.RECEIVABLES, hh) == 2_500_000 - 700_000
    t = payments.record_payment(book, invoice_id=inv.id, date=D, amount=1_800_000, method="transfer")
    assert t.remaining == 0
    assert _balance(book, A.BANK) == 1_800_000
    assert invoices.get_invoice(book, inv.id).status == "paid"
    assert _balance(book, A.RECEIVABLES, hh) == 0
    assert check_book(book) == []


def test_payment_allocated_as_chosen(book, hh_invoice):
    _hh, inv = hh_invoice
    third = inv.instalments[2]
    p = payments.record_payment(book, invoice_id=inv.id, date=D, amount=300_000,
                                allocations=[(third.id, 300_000)])
    assert [(seq, a) for _i, seq, a in p.allocations] == [(3, 300_000)]


def test_advance_recorded_explicitly(book, hh_invoice):
    hh, inv = hh_invoice
    p = payments.record_payment(book, invoice_id=inv.id, date=D, amount=3_000_000, advance=500_000)
    assert p.remaining == 0 and p.allocated == 2_500_000
    assert _balance(book, A.CUSTOMER_DEPOSITS, hh) == -500_000
    assert _balance(book, A.CASH) == 3_000_000
    assert check_book(book) == []


@pytest.mark.parametrize("kwargs,message,field", [
    ({"amount": 0}, "Jumlah uang harus lebih dari Rp0.", "amount"),
    ({"amount": -50_000}, "Jumlah uang harus lebih dari Rp0.", "amount"),
    ({"amount": 2_600_000}, "Uang Rp2.600.000 lebih besar dari sisa tagihan Rp2.500.000. Terima "
     "Rp2.500.000 saja, atau catat kelebihannya Rp100.000 sebagai uang titipan.", "amount"),
    ({"amount": 100_000, "date": D - dt.timedelta(days=1)},
     "Tanggal bayar 1 Maret 2026 sebelum tanggal tagihan 2 Maret 2026. Periksa tanggalnya.", "date"),
    ({"amount": 100_000, "method": "cek"}, "Pilih cara bayar: tunai atau transfer.", "method"),
    ({"amount": 100_000, "advance": 200_000},
     "Uang titipan tidak boleh lebih dari jumlah uang yang diterima.", "advance"),
])
def test_bad_payments_refused_nothing_saved(book, hh_invoice, kwargs, message, field):
    _hh, inv = hh_invoice
    before = billing_state(book)
    args = {"invoice_id": inv.id, "date": D, **kwargs}
    with pytest.raises(UserError) as err:
        payments.record_payment(book, **args)
    assert err.value.message == message
    assert err.value.field == field
    assert billing_state(book) == before


def test_payment_above_owed_after_part_paid(book, hh_invoice):
    _hh, inv = hh_invoice
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=2_000_000)
    before = billing_state(book)
    with pytest.raises(UserError, match="lebih besar dari sisa tagihan Rp500.000"):
        payments.record_payment(book, invoice_id=inv.id, date=D, amount=600_000)
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=500_000)
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.record_payment(book, invoice_id=inv.id, date=D, amount=1)
    assert "sudah lunas" in err.value.message
    assert billing_state(book) == before


def test_payment_in_closed_period_refused(book, hh_invoice):
    _hh, inv = hh_invoice
    with book.transaction() as s:
        s.add(PeriodClose(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31)))
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.record_payment(book, invoice_id=inv.id, date=dt.date(2026, 3, 15), amount=100_000)
    assert err.value.message == ("Tanggal 15 Maret 2026 ada di periode yang sudah ditutup "
                                 "(sampai 31 Maret 2026). Pilih tanggal sesudahnya.")
    assert billing_state(book) == before


def test_chosen_allocation_above_instalment_refused(book, hh_invoice):
    _hh, inv = hh_invoice
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.record_payment(book, invoice_id=inv.id, date=D, amount=600_000,
                                allocations=[(inv.instalments[1].id, 600_000)])
    assert err.value.message == "Cicilan ke-2 hanya kurang Rp500.000."
    assert billing_state(book) == before


def test_void_payment_reverses_and_keeps_number(book, hh_invoice):
    hh, inv = hh_invoice
    p = payments.record_payment(book, invoice_id=inv.id, date=D, amount=2_500_000)
    assert invoices.get_invoice(book, inv.id).status == "paid"
    v = payments.void_payment(book, p.id, "Salah catat", date=D + dt.timedelta(days=1))
    assert v.status == "void" and v.receipt_number == p.receipt_number and v.remaining == 2_500_000
    assert invoices.get_invoice(book, inv.id).status == "open"
    assert _balance(book, A.CASH) == 0
    assert _balance(book, A.RECEIVABLES, hh) == 2_500_000
    rows = receivables.list_receipts(book)
    assert rows[0].number == p.receipt_number and rows[0].status == "void"
    # voiding twice is refused, nothing changes
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.void_payment(book, p.id, "lagi")
    assert err.value.message == f"Kuitansi {p.receipt_number} sudah dibatalkan sebelumnya."
    assert billing_state(book) == before
    # the next receipt gets the next number; the voided one stays used
    q = payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=1), amount=100_000)
    assert q.receipt_number == f"KWT-{D.year}-0002"
    assert check_book(book) == []


def test_void_needs_reason(book, hh_invoice):
    _hh, inv = hh_invoice
    p = payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000)
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.void_payment(book, p.id, "  ")
    assert err.value.message == "Tuliskan alasan pembatalan." and err.value.field == "reason"
    assert billing_state(book) == before


def test_void_invoice_with_payments_refused(book, hh_invoice):
    _hh, inv = hh_invoice
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000)
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        invoices.void_invoice(book, inv.id, "salah", date=D)
    assert err.value.message == (f"Tagihan {inv.number} sudah ada pembayarannya. Batalkan dulu "
                                 "pembayarannya, baru tagihannya.")
    assert billing_state(book) == before


def test_order_billing_summary(book):
    hh = add_customer(book)
    baz = add_customer(book, "BAZNAS Kabupaten Tangerang", kind="institution", payer_type="baznas")
    order = add_order(book, hh, [("swadaya", "", 1_000_000), ("baznas", "BAZNAS Kabupaten Tangerang", 3_000_000)])
    with book.transaction() as s:
        made = invoices.create_invoices_for_order(s, order, D, book.actor)
    assert {(i.payer_type, i.customer_id, i.total) for i in made} == {("swadaya", hh, 1_000_000),
                                                                   ("baznas", baz, 3_000_000)}
    hh_inv = next(i for i in made if i.payer_type == "swadaya")
    payments.record_payment(book, invoice_id=hh_inv.id, date=D, amount=400_000)
    summary = receivables.order_billing_summary(book, order)
    assert (summary.invoiced, summary.paid, summary.outstanding) == (4_000_000, 400_000, 3_600_000)
    assert {p.payer_type: p.outstanding for p in summary.payers} == {"swadaya": 600_000, "baznas": 3_000_000}
    assert [r.number for r in summary.receipts] == [f"KWT-{D.year}-0001"]


def test_backdated_kuitansi_needs_a_reason(book, hh_invoice):
    """A kuitansi dated before the latest one of its year would number against the dates: it
    is refused (nothing saved) until the treasurer writes why; the reason stays in the note."""
    _hh, inv = hh_invoice
    payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=20), amount=500_000)
    before = billing_state(book)
    with pytest.raises(UserError) as err:
        payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=10), amount=500_000)
    assert err.value.field == "backdate_note"
    assert err.value.message.startswith("Kuitansi terakhir tahun ini bertanggal 22 Maret 2026. "
                                        "Tanggal kuitansi ini lebih awal (12 Maret 2026)")
    with pytest.raises(UserError):
        payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=10), amount=500_000,
                                backdate_note="   ")
    assert billing_state(book) == before
    late = payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=10), amount=500_000,
                                   note="cicilan 2", backdate_note="Kuitansi lupa dicatat")
    from kws_desktop.store.models.billing import Payment
    with book.reading() as s:
        note = s.get(Payment, late.id).note
    assert note == ("cicilan 2 Dicatat mundur (sesudah KWT-2026-0001 bertanggal 22 Maret 2026): "
                    "Kuitansi lupa dicatat")
    # the same day as the latest, or a later one, needs nothing
    payments.record_payment(book, invoice_id=inv.id, date=D + dt.timedelta(days=20), amount=500_000)
    assert check_book(book) == []


def test_kuitansi_purpose_has_no_doubled_parentheses(demo_book):
    from sqlalchemy import select
    from kws_desktop.store.models.billing import Receipt
    with demo_book.reading() as s:
        data = payments.kuitansi_data(s, list(s.execute(select(Receipt)).scalars()))
    assert data and not [d.purpose for d in data if "))" in d.purpose]
    assert any("(fiberglass)" in d.purpose for d in data)

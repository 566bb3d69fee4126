"""Invoices: per order and payer, batches for programs, instalment plans, voiding."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.core.allocation import PlannedInstalment
from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.book.check import check_book
from kws_desktop.store.models.billing import Instalment, Invoice, InvoiceLine
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine, NumberSequence

from billing_setup import D, add_customer, add_order


def _state(book):
    with book.reading() as s:
        return (tuple(s.execute(select(func.count()).select_from(m)).scalar()
                      for m in (Invoice, InvoiceLine, Instalment, JournalEntry, JournalLine)),
                tuple(s.execute(select(NumberSequence.kind, NumberSequence.last)
                                .order_by(NumberSequence.kind)).all()))


def _revenue(book, code):
    with book.reading() as s:
        return -s.execute(select(func.coalesce(func.sum(JournalLine.amount), 0))
                          .join(Account, Account.id == JournalLine.account_id)
                          .where(Account.code == code)).scalar()


def test_invoice_posts_receivable_and_revenue_by_items(book):
    hh = add_customer(book)
    build = add_order(book, hh, [("swadaya", "", 2_000_000)])
    desludge = add_order(book, hh, [("swadaya", "", 350_000)], item="Jasa sedot tinja (penyedotan lumpur tinja)")
    with book.transaction() as s:
        invoices.create_invoices_for_order(s, build, D, book.actor)
        invoices.create_invoices_for_order(s, desludge, D, book.actor)
    assert _revenue(book, A.REVENUE_CONSTRUCTION) == 2_000_000
    assert _revenue(book, A.REVENUE_SERVICE) == 350_000
    assert check_book(book) == []


def test_order_invoiced_once_per_payer(book):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 1_000_000), ("apbd", "DPUPR Kabupaten Tangerang", 4_000_000)])
    with book.transaction() as s:
        first = invoices.create_invoices_for_order(s, order, D, book.actor, payer_types=["swadaya"])
    assert [i.payer_type for i in first] == ["swadaya"]
    with book.transaction() as s:
        second = invoices.create_invoices_for_order(s, order, D, book.actor)
    assert [i.payer_type for i in second] == ["apbd"]
    before = _state(book)
    with pytest.raises(UserError, match="Semua pembayar pesanan ini sudah ditagih."):
        invoices.invoice_order(book, order, D)
    assert _state(book) == before


def test_batch_invoice_for_a_program(book):
    csr = add_customer(book, "CSR PT Sumber Air", kind="institution", payer_type="csr")
    orders = [add_order(book, add_customer(book, f"Warga {n}"), [("swadaya", "", 500_000),
                                                                 ("csr", "CSR PT Sumber Air", 3_500_000)])
              for n in range(5)]
    inv = invoices.create_batch_invoice(book, csr, orders, D, D + dt.timedelta(days=45))
    assert inv.total == 17_500_000 and len(inv.lines) == 5 and inv.payer_type == "csr"
    assert inv.due_date == D + dt.timedelta(days=45)
    before = _state(book)
    with pytest.raises(UserError) as err:
        invoices.create_batch_invoice(book, csr, orders[:1], D)
    assert "sudah ditagih" in err.value.message
    assert _state(book) == before
    p = payments.record_payment(book, invoice_id=inv.id, date=D, amount=17_500_000, method="transfer")
    assert p.remaining == 0


@pytest.mark.parametrize("plan,message", [
    (invoices.PlanSpec(explicit=(PlannedInstalment(1, D, 1_000_000, True),
                                 PlannedInstalment(2, D + dt.timedelta(days=30), 1_000_000))),
     "Jumlah cicilan Rp2.000.000 tidak sama dengan total tagihan Rp2.500.000. "
     "Ubah cicilan supaya jumlahnya pas."),
    (invoices.PlanSpec(count=0), "Banyaknya cicilan harus antara 1 dan 120."),
    (invoices.PlanSpec(count=2, down_payment=2_500_000),
     "Uang muka harus lebih kecil dari total tagihan Rp2.500.000, dan dicatat sebagai cicilan pertama."),
])
def test_plan_not_adding_up_refused_nothing_saved(book, plan, message):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 2_500_000)])
    before = _state(book)
    with pytest.raises(UserError) as err:
        invoices.invoice_order(book, order, D, household_plan=plan)
    assert err.value.message == message and err.value.field == "plan"
    assert _state(book) == before


def test_explicit_plan_as_written(book):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 2_500_000)])
    plan = invoices.PlanSpec(explicit=(PlannedInstalment(1, D, 1_000_000, True),
                                       PlannedInstalment(2, D + dt.timedelta(days=30), 700_000),
                                       PlannedInstalment(3, D + dt.timedelta(days=60), 800_000)))
    inv = invoices.invoice_order(book, order, D, household_plan=plan)[0]
    assert [(i.seq, i.amount, i.is_down_payment) for i in inv.instalments] == [
        (1, 1_000_000, True), (2, 700_000, False), (3, 800_000, False)]
    assert inv.due_date == D + dt.timedelta(days=60)


def test_reschedule_keeps_paid_instalments(book):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 2_500_000)])
    inv = invoices.invoice_order(book, order, D, household_plan=invoices.PlanSpec(count=4, down_payment=500_000))[0]
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=500_000)
    new = invoices.reschedule(book, inv.id, invoices.PlanSpec(count=8, first_due=D + dt.timedelta(days=30)))
    assert new.instalments[0].is_down_payment and new.instalments[0].paid == 500_000
    assert len(new.instalments) == 9 and sum(i.amount for i in new.instalments) == 2_500_000
    assert new.outstanding == 2_000_000


def test_void_invoice_without_payments(book):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 900_000)])
    inv = invoices.invoice_order(book, order, D)[0]
    with pytest.raises(UserError, match="Tuliskan alasan pembatalan."):
        invoices.void_invoice(book, inv.id, "")
    v = invoices.void_invoice(book, inv.id, "Harga salah", date=D)
    assert v.status == "void" and v.outstanding == 0
    assert _revenue(book, A.REVENUE_CONSTRUCTION) == 0
    with pytest.raises(UserError, match="sudah dibatalkan sebelumnya"):
        invoices.void_invoice(book, inv.id, "lagi", date=D)
    with pytest.raises(UserError, match="sudah dibatalkan; tidak bisa dibayar"):
        payments.record_payment(book, invoice_id=inv.id, date=D, amount=1000)
    again = invoices.invoice_order(book, order, D)[0]  # the order can be billed afresh
    assert again.number != inv.number
    assert check_book(book) == []

"""Notes and reasons longer than their column are refused with a clear message naming the
field, never cut short silently; nothing is saved. A note in a text column keeps every word."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.jobs import orders
from kws_desktop.services.purchasing import suppliers
from kws_desktop.store.models.billing import Payment, Receipt
from kws_desktop.store.models.book import JournalEntry
from kws_desktop.store.models.jobs import OrderCost
from kws_desktop.store.models.purchasing import Supplier

from billing_setup import D, add_customer, add_order

LONG = "Catatan panjang sekali. " * 13  # 312 characters
MESSAGE = "Isian terlalu panjang (paling banyak 300 huruf)."


def _count(book, model):
    with book.reading() as s:
        return s.execute(select(func.count()).select_from(model)).scalar()


@pytest.fixture
def invoice(book):
    hh = add_customer(book, "Siti Rohmah")
    order = add_order(book, hh, [("swadaya", "", 1_000_000)])
    return order, invoices.invoice_order(book, order, D)[0]


def _refused(call, field):
    with pytest.raises(UserError) as err:
        call()
    assert (err.value.message, err.value.field) == (MESSAGE, field)


def test_payment_note(book, invoice):
    _order, inv = invoice
    _refused(lambda: payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000, note=LONG), "note")
    assert _count(book, Payment) == _count(book, Receipt) == 0
    exact = LONG[:300].strip()
    info = payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000, note=exact)
    with book.reading() as s:
        assert s.get(Payment, info.id).note == exact


def test_void_reason(book, invoice):
    _order, inv = invoice
    info = payments.record_payment(book, invoice_id=inv.id, date=D, amount=100_000)
    entries = _count(book, JournalEntry)
    _refused(lambda: payments.void_payment(book, info.id, LONG, date=D), "void_reason")
    assert payments.get_payment(book, info.id).status == "posted" and _count(book, JournalEntry) == entries


def test_order_cost_description(book, invoice):
    order, _inv = invoice
    _refused(lambda: orders.add_cost(book, order, "transport", 50_000, D, method="cash", description=LONG),
             "description")
    assert _count(book, OrderCost) == 0


def test_supplier_notes(book):
    _refused(lambda: suppliers.create_supplier(book, suppliers.SupplierInput(name="TB Maju", notes=LONG)), "notes")
    assert _count(book, Supplier) == 0


def test_order_notes_in_a_text_column_are_kept_whole(book):
    from kws_desktop.services.sales import customers
    cid = customers.create_customer(book, customers.CustomerInput(name="Ahmad Fauzi")).id
    long_notes = "Bayar setelah panen. " * 40
    view = orders.create_order(book, orders.OrderInput(
        customer_id=cid, date=dt.date.today(), lines=(orders.LineInput("Jamban", unit_price=1_000_000),),
        notes=long_notes))
    assert view.notes == long_notes.strip()

"""Shared setup for the billing tests: a household, programs and orders written straight to
the book (so these tests do not depend on the orders and customers services)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kws_desktop.services.book.numbering import next_number
from kws_desktop.store.models.billing import Invoice, Payment, PaymentAllocation, Receipt
from kws_desktop.store.models.book import JournalEntry, JournalLine, NumberSequence
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.jobs import Order, OrderItem, OrderPayer

D = dt.date(2026, 3, 2)


def add_customer(book, name="Ahmad Fauzi", kind="household", payer_type="swadaya", phone="0812-1111-2222"):
    with book.transaction() as s:
        c = Customer(kind=kind, name=name, payer_type=payer_type, phone=phone,
                     phone_digits="".join(ch for ch in phone if ch.isdigit()), desa="Sentul Jaya")
        s.add(c)
        s.flush()
        return c.id


_seq = [0]


def add_order(book, customer_id, payers, *, item="Paket tangki septik individual biofilter",
              date=D, customer_name="Ahmad Fauzi"):
    """payers: [(payer_type, name, amount), ...]; the price is their sum."""
    price = sum(a for _t, _n, a in payers)
    with book.transaction() as s:
        _seq[0] += 1
        o = Order(number=next_number(s, "order", date.year), date=date, customer_id=customer_id,
                  customer_name=customer_name, package=item, price=price,
                  payer_kinds=",".join(t for t, _n, _a in payers))
        o.items = [OrderItem(line_no=1, kind="package", description=item, amount=price)]
        o.payers = [OrderPayer(line_no=n + 1, payer_type=t, name=nm, amount=a)
                    for n, (t, nm, a) in enumerate(payers)]
        s.add(o)
        s.flush()
        return o.id


def billing_state(book):
    """Counts, number sequences and statuses of the billing records: equal before and after a
    refused call when nothing was saved."""
    with book.reading() as s:
        counts = tuple(s.execute(select(func.count()).select_from(m)).scalar()
                       for m in (Payment, PaymentAllocation, Receipt, JournalEntry, JournalLine))
        seqs = tuple(s.execute(select(NumberSequence.kind, NumberSequence.last)
                               .order_by(NumberSequence.kind, NumberSequence.year)).all())
        statuses = tuple(s.execute(select(Invoice.status).order_by(Invoice.id)).scalars())
        pstat = tuple(s.execute(select(Payment.status).order_by(Payment.id)).scalars())
    return counts, seqs, statuses, pstat

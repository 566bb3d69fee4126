"""Real business calls and the book's invariants, shared by the crash test (crash_writer.py runs
them in a process that gets killed) and the stateful property test.

Every call goes through the services' public book-level functions, exactly as the UI does.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.services.sales import customers, quotes
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.purchasing import materials, purchases, suppliers
from kws_desktop.services.people import members, wages
from kws_desktop.services.jobs import orders
from kws_desktop.services.book.check import check_book
from kws_desktop.store.models.billing import Invoice, Payment, PaymentAllocation
from kws_desktop.store.models.book import Account, JournalLine
from kws_desktop.store.models.purchasing import Purchase, PurchaseLine, StockCountLine, StockMove

DAY = dt.date(2026, 6, 1)


def setup(book) -> dict:
    """A customer, a shop, two materials and a mason: what the business calls need."""
    c = customers.create_customer(book, customers.CustomerInput(name="Ibu Sari", desa="Sentul"))
    shop = suppliers.create_supplier(book, suppliers.SupplierInput(name="TB Makmur"))
    semen = materials.create_material(book, materials.MaterialInput(name="Semen 50 kg", unit="sak", price=70_000))
    pipa = materials.create_material(book, materials.MaterialInput(name="Pipa PVC 4", unit="batang", price=90_000))
    mason = members.register_member(book, members.MemberInput(name="Pak Ujang", gender="L", role="tukang",
                                                              joined_on=dt.date(2026, 1, 1), daily_wage=120_000))
    return {"customer": c.id, "supplier": shop.id, "materials": [semen.id, pipa.id], "member": mason.id}


def buy(book, ids, material_id, qty, price, method="cash", day=DAY):
    return purchases.record_purchase(book, purchases.PurchaseInput(
        date=day, supplier_id=ids["supplier"], method=method,
        lines=(purchases.PurchaseLineInput(material_id, qty, price),)))


def quote(book, ids, price, day=DAY, payers=()):
    return quotes.create_quote(book, quotes.QuoteInput(
        customer_id=ids["customer"], date=day, payers=payers,
        lines=(quotes.QuoteLineInput(1, description="Tangki septik biofilter", unit="unit",
                                     unit_price=price, unit_cost=price * 3 // 4),)))


def business_round(book, ids, i: int, say) -> None:
    """One round of real calls; `say(kind, key)` is called after each call returned."""
    semen, pipa = ids["materials"]
    p = buy(book, ids, semen if i % 2 else pipa, 10, 60_000 + i)
    say("purchase", p.number)
    q = quote(book, ids, 2_000_000 + i * 1000)
    say("quote", q.number)
    o = orders.accept_quote(book, q.id, DAY)
    say("order", o.number)
    orders.issue_material(book, o.id, semen if i % 2 else pipa, 2, DAY)
    say("issue", o.number)
    made = invoices.invoice_order(book, o.id, DAY)
    for inv in made:
        say("invoice", inv.number)
    pay = payments.record_payment(book, invoice_id=made[0].id, date=DAY, amount=500_000 + i)
    say("receipt", pay.receipt_number)
    crew = orders.add_crew(book, o.id, ids["member"], DAY, 1, 120_000)
    say("crew", str(crew.id))
    out = wages.pay_members(book, date=DAY, lines=[wages.PayLine(ids["member"], wages=120_000)])
    say("payout", out.number)
    if i % 3 == 0:
        payments.void_payment(book, pay.id, "salah catat", date=DAY)
        say("void-receipt", pay.receipt_number)
    if i % 4 == 0:
        purchases.void_purchase(book, p.id, reason="nota ganda", date=DAY)
        say("void-purchase", p.number)


def acknowledged_present(book, acks: list[tuple[str, str]]) -> list[str]:
    """Every acknowledged call that is not in the book (empty: all there)."""
    from kws_desktop.store.models.billing import Receipt
    from kws_desktop.store.models.people import WagePayout
    from kws_desktop.store.models.jobs import Order, OrderCrew
    from kws_desktop.store.models.sales import Quote
    missing = []
    with book.reading() as s:
        def has(model, **where):
            q = select(func.count()).select_from(model)
            for k, v in where.items():
                q = q.where(getattr(model, k) == v)
            return s.execute(q).scalar() > 0
        for kind, key in acks:
            ok = {
                "purchase": lambda: has(Purchase, number=key),
                "quote": lambda: has(Quote, number=key),
                "order": lambda: has(Order, number=key),
                "issue": lambda: s.execute(select(func.count()).select_from(StockMove).join(
                    Order, Order.id == StockMove.order_id).where(Order.number == key,
                                                                 StockMove.kind == "issue")).scalar() > 0,
                "invoice": lambda: has(Invoice, number=key),
                "receipt": lambda: has(Receipt, number=key),
                "crew": lambda: has(OrderCrew, id=int(key)),
                "payout": lambda: has(WagePayout, number=key),
                "void-receipt": lambda: has(Receipt, number=key, status="void"),
                "void-purchase": lambda: has(Purchase, number=key, status="void"),
            }[kind]()
            if not ok:
                missing.append(f"{kind} {key}")
    return missing


def _balance(s, code: str, **party) -> int:
    q = (select(func.coalesce(func.sum(JournalLine.amount), 0))
         .join(Account, Account.id == JournalLine.account_id).where(Account.code == code))
    for k, v in party.items():
        q = q.where(getattr(JournalLine, k) == v)
    return int(s.execute(q).scalar())


def invariants(book) -> list[str]:
    """The book's promises, each as a sentence when broken (empty list: all hold)."""
    problems = list(check_book(book))
    with book.reading() as s:
        # stock = purchases into stock - issues (+ returns) + stock-count differences, per material
        moved = defaultdict(Decimal)
        value = 0
        for mid, kind, qty, val in s.execute(select(StockMove.material_id, StockMove.kind, StockMove.qty,
                                                    StockMove.value)):
            moved[mid] += qty
            value += val
        bought = defaultdict(Decimal)
        for mid, qty, status in s.execute(
                select(PurchaseLine.material_id, PurchaseLine.qty, Purchase.status)
                .join(Purchase, Purchase.id == PurchaseLine.purchase_id).where(Purchase.order_id.is_(None))):
            if status == "posted":
                bought[mid] += qty
        issued = defaultdict(Decimal)
        for mid, qty in s.execute(select(StockMove.material_id, StockMove.qty)
                                  .where(StockMove.kind.in_(("issue", "return", "issue_void")))):
            issued[mid] += qty  # negative for issues, positive for returns
        counted = defaultdict(Decimal)
        for mid, sys_qty, cnt in s.execute(select(StockCountLine.material_id, StockCountLine.system_qty,
                                                  StockCountLine.counted_qty)):
            counted[mid] += cnt - sys_qty
        for mid in set(moved) | set(bought) | set(issued) | set(counted):
            expect = bought[mid] + issued[mid] + counted[mid]
            if moved[mid] != expect:
                problems.append(f"stock of material {mid}: moves {moved[mid]} != documents {expect}")
        inventory = _balance(s, A.INVENTORY)
        if inventory != value:
            problems.append(f"inventory account {inventory} != stock value {value}")
        # receivables = invoices - payments allocated, in total and per customer
        owed = defaultdict(int)
        for cid, total in s.execute(select(Invoice.customer_id, Invoice.total).where(Invoice.status != "void")):
            owed[cid] += total
        for cid, amount in s.execute(
                select(Payment.customer_id, PaymentAllocation.amount)
                .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
                .where(Payment.status == "posted")):
            owed[cid] -= amount
        if _balance(s, A.RECEIVABLES) != sum(owed.values()):
            problems.append(f"receivables account {_balance(s, A.RECEIVABLES)} != invoices - payments "
                            f"{sum(owed.values())}")
        for cid, amount in owed.items():
            on_books = _balance(s, A.RECEIVABLES, party_kind="customer", party_id=cid)
            if on_books != amount:
                problems.append(f"receivable of customer {cid}: account {on_books} != documents {amount}")
    return problems

"""Demo billing: invoices, payments and kuitansi, each on its own day of the calendar.

Households pay their swadaya share in cash: small jobs at once, bigger ones with a down
payment and monthly instalments, mostly on time, some late, a few still behind today. The
household is billed the day its order is agreed (`bill_household`, from the orders' events), and
its payments are put on the calendar then. Programs (APBD, DAK, BAZNAS, CSR) are billed on the
last day of each month for the units handed over in it (`handed_over`) and pay the batch by
transfer two to seven weeks later (receipts above Rp5.000.000 carry the meterai box). On the 5th
of each month the households longest behind get a reminder letter, and one wrong payment is
voided and taken again near the end (`plan`). Deterministic from ctx.rng.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from kws_desktop.core.payers import PayerType
from kws_desktop.core.status import DocStatus
from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices
from kws_desktop.services.billing import payments
from kws_desktop.services.billing import receivables
from kws_desktop.services.billing import reminders
from kws_desktop.services.training.demo.calendar import LATE
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.store.models.billing import Invoice, Payment
from kws_desktop.store.models.jobs import Order
from kws_desktop.store.models.sales import Customer

VOID_REASON = "Salah catat jumlah uang; kuitansi diganti yang baru"


def _round_to(amount: int, step: int = 50_000) -> int:
    return max(step, amount // step * step)


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(frozen=True)
class _Payment:
    invoice_id: int
    amount: int
    method: str
    payer_name: str
    label: str


REMIND_AFTER = 45       # days an instalment is late before the household gets a letter
REMIND_AGAIN = 90       # days before the same household gets another
REMINDERS_A_MONTH = 2


def plan(ctx: DemoContext) -> None:
    """The reminder letters of each month, and the one kuitansi written with a wrong amount,
    found near the end of the demo."""
    first = dt.date(ctx.start.year, ctx.start.month, 5)
    while first < ctx.today:
        if first > ctx.start + dt.timedelta(days=REMIND_AFTER):
            ctx.calendar.on(first, _remind, ctx, when=LATE, alone=True)
        first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 5)
    day = max(ctx.start, ctx.today - dt.timedelta(days=6))
    ctx.calendar.on(day, _void_one, ctx, when=LATE, alone=True)


def _remind(day: dt.date, ctx: DemoContext) -> None:
    """On the 5th, the treasurer writes to the households longest behind (a few a month, each
    not more often than every two months)."""
    sent: dict[int, dt.date] = ctx.extra.setdefault("reminded", {})
    with ctx.book.reading() as s:
        late = [o for o in receivables.read_overdue(s, day) if o.days_late > REMIND_AFTER]
        households = set(s.execute(select(Customer.id).where(
            Customer.id.in_({o.customer_id for o in late}), Customer.kind == "household")).scalars())
    chosen: list[int] = []
    for o in sorted(late, key=lambda o: -o.days_late):
        if o.customer_id in households and o.customer_id not in chosen and \
                (day - sent.get(o.customer_id, dt.date.min)).days > REMIND_AGAIN:
            chosen.append(o.customer_id)
    for customer_id in chosen[:REMINDERS_A_MONTH]:
        reminders.issue_reminder(ctx.book, customer_id, as_of=day)
        sent[customer_id] = day
        ctx.count("surat pengingat")


def _household_plan(ctx: DemoContext, amount: int, day: dt.date) -> invoices.PlanSpec | None:
    rng = ctx.rng
    if amount < 1_500_000 or rng.random() < 0.2:
        return invoices.PlanSpec(count=1, first_due=day + dt.timedelta(days=14))
    count = rng.choice((2, 3, 3, 4, 4, 5, 6))
    dp = _round_to(int(amount * rng.choice((0.2, 0.25, 0.3, 0.4))))
    if dp >= amount - count:
        dp = 0
    return invoices.PlanSpec(count=count, down_payment=dp, down_payment_due=day,
                             first_due=day + dt.timedelta(days=30))


def bill_household(ctx: DemoContext, s, oid: int, day: dt.date) -> None:
    """The household's (swadaya) invoice of an order, dated the day it was agreed, and the days
    the household will pay it."""
    order = s.get(Order, oid)
    own = [p for p in order.payers if p.payer_type == PayerType.SWADAYA]
    try:
        with s.begin_nested():
            made = invoices.create_invoices_for_order(
                s, oid, day, ctx.book.actor, payer_types=[PayerType.SWADAYA],
                household_plan=_household_plan(ctx, own[0].amount, day) if own else None)
    except UserError:
        return
    for info in made:
        ctx.count("tagihan rumah tangga")
        _plan_household_payments(ctx, s.get(Invoice, info.id))


def _plan_household_payments(ctx: DemoContext, inv: Invoice) -> None:
    rng, today = ctx.rng, ctx.today
    habit = rng.random()  # < 0.7 on time, < 0.9 late, else falling behind
    last = inv.date
    for inst in list(inv.instalments):
        if habit < 0.7:
            day = inst.due_date - dt.timedelta(days=rng.randint(0, 5))
        elif habit < 0.9:
            day = inst.due_date + dt.timedelta(days=rng.randint(10, 75))
        else:
            day = inst.due_date + dt.timedelta(days=rng.randint(40, 200))
        day = max(day, last, inv.date)
        if day > today:
            break
        if inst.due_date > today - dt.timedelta(days=100) and habit >= 0.8:
            break  # fell behind lately: overdue today
        amount = inst.amount
        if habit >= 0.9 and rng.random() < 0.4:
            amount = min(_round_to(inst.amount // 2), inst.amount)  # paid only part of it
        method = "cash" if rng.random() < 0.9 else "transfer"
        ctx.calendar.on(day, _take, ctx, _Payment(inv.id, amount, method, "", "kuitansi rumah tangga"))
        last = day
        if amount < inst.amount:
            break


def handed_over(ctx: DemoContext, s, oid: int, day: dt.date) -> None:
    """An order handed over: each program paying for it bills its share with the month's others."""
    order = s.get(Order, oid)
    bills: dict[tuple[int, dt.date], list[int]] = ctx.extra.setdefault("program_bills", {})
    for p in order.payers:
        if p.payer_type == PayerType.SWADAYA:
            continue
        payer = invoices.payer_customer_id(s, order, p, ctx.book.actor)
        key = (payer, min(_month_end(day), ctx.today))
        if key not in bills:
            bills[key] = []
            ctx.calendar.on(key[1], _bill_program, ctx, payer, bills[key], when=LATE)
        bills[key].append(oid)


def _bill_program(s, day: dt.date, ctx: DemoContext, payer: int, oids: list[int]) -> None:
    try:
        with s.begin_nested():
            inv = invoices.create_batch_invoice_in(
                s, payer, oids, day, day + dt.timedelta(days=30),
                note="Tagihan bulanan untuk unit yang sudah diserahterimakan", actor=ctx.book.actor)
    except UserError:
        return
    ctx.count("tagihan program (gabungan)")
    _plan_program_payments(ctx, inv)


def _plan_program_payments(ctx: DemoContext, inv) -> None:
    rng, today = ctx.rng, ctx.today
    day = inv.date + dt.timedelta(days=rng.randint(14, 50))
    if day > today:
        return  # still waiting for the program's transfer
    label = "kuitansi program"
    if rng.random() < 0.2 and inv.total > 10_000_000:  # paid in two transfers
        first = _round_to(inv.total // 2, 100_000)
        ctx.calendar.on(day, _take, ctx, _Payment(inv.id, first, "transfer", inv.payer_name, label))
        day2 = day + dt.timedelta(days=rng.randint(20, 60))
        if day2 <= today:
            ctx.calendar.on(day2, _take, ctx, _Payment(inv.id, inv.total - first, "transfer",
                                                       inv.payer_name, label))
    else:
        ctx.calendar.on(day, _take, ctx, _Payment(inv.id, inv.total, "transfer", inv.payer_name, label))


def _take(s, day: dt.date, ctx: DemoContext, p: _Payment) -> None:
    payments.record_payment_in(s, actor=ctx.book.actor, invoice_id=p.invoice_id, date=day, amount=p.amount,
                               method=p.method, payer_name=p.payer_name, printed=True)
    ctx.count(p.label)


def _void_one(day: dt.date, ctx: DemoContext) -> None:
    """A household's payment written down with the wrong amount: voided the day the mistake is
    found, and taken again correctly the same day."""
    with ctx.book.reading() as s:
        row = s.execute(select(Payment.id, Payment.invoice_id, Payment.amount)
                        .join(Invoice, Invoice.id == Payment.invoice_id)
                        .where(Payment.status == DocStatus.POSTED, Payment.amount >= 500_000,
                               Invoice.payer_type == PayerType.SWADAYA)
                        .order_by(Payment.date.desc(), Payment.id.desc()).limit(1)).first()
    if row is None:
        return
    pid, iid, amount = row
    payments.void_payment(ctx.book, pid, VOID_REASON, date=day)
    payments.record_payment(ctx.book, invoice_id=iid, date=day, amount=amount, printed=True)
    ctx.count("kuitansi dibatalkan")

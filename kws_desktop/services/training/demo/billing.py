"""Demo step: invoices, payments and kuitansi for the demo orders.

Households pay their swadaya share in cash: small jobs at once, bigger ones with a down
payment and monthly instalments, mostly on time, some late, a few still behind today.
Programs (APBD, DAK, BAZNAS, CSR) are billed each month for the units handed over and pay
the batch by transfer two to seven weeks later (receipts above Rp5.000.000 carry the meterai box).
One wrong payment is voided and taken again. Scales with ctx.orders; deterministic from ctx.rng.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from kws_desktop.core.status import DocStatus
from kws_desktop.core.job_costing import Stage
from kws_desktop.core.payers import PayerType
from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices
from kws_desktop.services.billing import payments
from kws_desktop.services.training.demo.context import DemoContext
from kws_desktop.store.models.billing import Invoice, Receipt
from kws_desktop.store.models.jobs import Order

BATCH = 50
VOID_REASON = "Salah catat jumlah uang; kuitansi diganti yang baru"


def _round_to(amount: int, step: int = 50_000) -> int:
    return max(step, amount // step * step)


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


def invoices_and_payments(ctx: DemoContext) -> None:
    order_ids = ctx.ids.get("orders", [])
    if not order_ids:
        return
    book, today = ctx.book, ctx.today
    with book.reading() as s:
        rows = s.execute(select(Order.id, Order.date, Order.status, Order.handed_over_date,
                                Order.finished_date).where(Order.id.in_(order_ids))
                         .order_by(Order.date, Order.id)).all()
    program_orders: dict[tuple[int, int], list[int]] = defaultdict(list)  # (payer, month end) -> orders
    month_ends: dict[int, dt.date] = {}
    # what is billed when: the household's share when the order is agreed, each program once a
    # month for the units handed over (its payer may be added as a customer here)
    agenda: list[tuple[dt.date, int, int, object]] = []
    with book.transaction() as s:
        for oid, day, status, handed, _finished in rows:
            if status == Stage.BATAL or day > today:
                continue
            agenda.append((day, 0, oid, oid))
            if handed is None:
                continue
            order = s.get(Order, oid)
            for p in order.payers:
                if p.payer_type == PayerType.SWADAYA:
                    continue
                payer = invoices.payer_customer_id(s, order, p, book.actor)
                q_end = _month_end(handed)
                program_orders[(payer, q_end.toordinal())].append(oid)
                month_ends[q_end.toordinal()] = q_end
    for (payer, q), oids in program_orders.items():
        # billed on the last day of the month of handover
        agenda.append((min(month_ends[q], today), 1, payer, oids))
    agenda.sort(key=lambda a: a[:3])  # in date order, so invoice numbers follow their dates
    households: list[int] = []
    batches = []
    for start in range(0, len(agenda), BATCH):
        with book.transaction() as s:
            for day, what, ref, detail in agenda[start:start + BATCH]:
                if what == 0:
                    households += _bill_household(ctx, s, ref, day)
                    continue
                try:
                    with s.begin_nested():
                        batches.append(invoices.create_batch_invoice_in(
                            s, ref, detail, day, day + dt.timedelta(days=30),
                            note="Tagihan bulanan untuk unit yang sudah diserahterimakan", actor=book.actor))
                except UserError:
                    continue
    ctx.count("tagihan rumah tangga", len(households))
    ctx.ids["invoices"] = list(households)
    ctx.count("tagihan program (gabungan)", len(batches))
    ctx.ids["invoices"] += [b.id for b in batches]
    _record_in_date_order(ctx, _program_payments(ctx, batches) + _household_payments(ctx, households))
    _void_one(ctx, households)


def _bill_household(ctx: DemoContext, s, oid: int, day: dt.date) -> list[int]:
    """The household's (swadaya) invoice of an order, dated the day it was agreed."""
    order = s.get(Order, oid)
    own = [p for p in order.payers if p.payer_type == PayerType.SWADAYA]
    try:
        with s.begin_nested():
            made = invoices.create_invoices_for_order(
                s, oid, day, ctx.book.actor, payer_types=[PayerType.SWADAYA],
                household_plan=_household_plan(ctx, own[0].amount, day) if own else None)
    except UserError:
        return []
    return [inv.id for inv in made]


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(frozen=True)
class _Planned:
    """A payment the demo will record; all are recorded in date order, so kuitansi numbers
    follow their dates."""
    day: dt.date
    invoice_id: int
    amount: int
    method: str
    payer_name: str
    label: str


def _program_payments(ctx: DemoContext, batches) -> list[_Planned]:
    rng, today = ctx.rng, ctx.today
    out = []
    for inv in batches:
        day = inv.date + dt.timedelta(days=rng.randint(14, 50))
        if day > today:
            continue  # still waiting for the program's transfer
        if rng.random() < 0.2 and inv.total > 10_000_000:  # paid in two transfers
            first = _round_to(inv.total // 2, 100_000)
            out.append(_Planned(day, inv.id, first, "transfer", inv.payer_name, "kuitansi program"))
            day2 = day + dt.timedelta(days=rng.randint(20, 60))
            if day2 <= today:
                out.append(_Planned(day2, inv.id, inv.total - first, "transfer", inv.payer_name,
                                    "kuitansi program"))
        else:
            out.append(_Planned(day, inv.id, inv.total, "transfer", inv.payer_name, "kuitansi program"))
    return out


def _household_payments(ctx: DemoContext, invoice_ids: list[int]) -> list[_Planned]:
    rng, today = ctx.rng, ctx.today
    out = []
    with ctx.book.reading() as s:
        for iid in invoice_ids:
            inv = s.get(Invoice, iid)
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
                out.append(_Planned(day, iid, amount, "cash" if rng.random() < 0.9 else "transfer", "",
                                    "kuitansi rumah tangga"))
                last = day
                if amount < inst.amount:
                    break
    return out


def _record_in_date_order(ctx: DemoContext, planned: list[_Planned]) -> None:
    """Each invoice's own payments are already in date order (the first due is paid first),
    so sorting them all by date keeps every invoice's story and numbers the kuitansi by date."""
    planned = sorted(planned, key=lambda p: p.day)  # stable: same-day payments keep their order
    for start in range(0, len(planned), BATCH):
        with ctx.book.transaction() as s:
            for p in planned[start:start + BATCH]:
                payments.record_payment_in(s, actor=ctx.book.actor, invoice_id=p.invoice_id, date=p.day,
                                           amount=p.amount, method=p.method, payer_name=p.payer_name,
                                           printed=True)
                ctx.count(p.label)


def _void_one(ctx: DemoContext, invoice_ids: list[int]) -> None:
    """A payment written down with the wrong amount: voided, then taken again correctly."""
    from kws_desktop.store.models.billing import Payment
    with ctx.book.reading() as s:
        row = s.execute(select(Payment.id, Payment.invoice_id, Payment.date, Payment.amount)
                        .where(Payment.invoice_id.in_(invoice_ids), Payment.status == DocStatus.POSTED,
                               Payment.amount >= 500_000)
                        .order_by(Payment.date.desc(), Payment.id.desc()).limit(1)).first()
    if row is None:
        return
    pid, iid, day, amount = row
    with ctx.book.reading() as s:  # taken again when the mistake is found: not before the last kuitansi
        latest = s.execute(select(func.max(Receipt.date))).scalar() or day
    payments.void_payment(ctx.book, pid, VOID_REASON, date=latest)
    payments.record_payment(ctx.book, invoice_id=iid, date=latest, amount=amount, printed=True)
    ctx.count("kuitansi dibatalkan")

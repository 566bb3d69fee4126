"""Payments against instalments, instalment plans and the ageing of what is owed.

Pure rules, no I/O:

* :func:`allocate_oldest_first` spreads a payment over open instalments, the one due first
  first (by due date, then by sequence), never more than an instalment still owes.
* :func:`check_chosen_allocation` checks an allocation the treasurer chose herself.
* :func:`plan_instalments` builds a plan (optional down payment, then equal monthly
  instalments) that always adds up to the invoice; :func:`check_plan` refuses one that doesn't.
* :func:`ageing` sorts open amounts into the buckets "not yet due", 0-30, 31-60, 61-90 and over
  90 days past the due date.

Errors are :class:`AllocationError` with a ``code`` (the service turns it into an Indonesian
message) and the numbers involved.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kws_desktop.core.money import instalment_amounts

__all__ = [
    "AllocationError", "OpenInstalment", "PlannedInstalment", "Ageing", "BUCKETS",
    "allocate_oldest_first", "check_chosen_allocation", "plan_instalments", "check_plan",
    "add_months", "bucket_for", "ageing", "open_total",
]


class AllocationError(ValueError):
    """A payment or plan that does not fit. ``code`` says which rule; ``detail`` the numbers."""

    def __init__(self, code: str, **detail):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class OpenInstalment:
    """An instalment as the allocation sees it: what it was for and what is already paid."""

    id: int
    seq: int
    due_date: dt.date
    amount: int
    paid: int = 0

    @property
    def open(self) -> int:
        return self.amount - self.paid


def open_total(instalments: Iterable[OpenInstalment]) -> int:
    return sum(max(0, i.open) for i in instalments)


def _order(instalments: Iterable[OpenInstalment]) -> list[OpenInstalment]:
    return sorted(instalments, key=lambda i: (i.due_date, i.seq, i.id))


def _money(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("money is an int of rupiah")
    return value


def allocate_oldest_first(amount: int, instalments: Sequence[OpenInstalment]) -> list[tuple[int, int]]:
    """``[(instalment_id, part), ...]`` covering ``amount``, the instalment due first first.

    Parts are all positive and add up to ``amount`` exactly. Raises AllocationError
    ``"not_positive"`` for amount <= 0 and ``"above_open"`` (with ``open``) if the instalments
    together owe less than ``amount``.
    """
    amount = _money(amount)
    if amount <= 0:
        raise AllocationError("not_positive", amount=amount)
    owed = open_total(instalments)
    if amount > owed:
        raise AllocationError("above_open", amount=amount, open=owed)
    parts: list[tuple[int, int]] = []
    rest = amount
    for inst in _order(instalments):
        if rest == 0:
            break
        if inst.open <= 0:
            continue
        part = min(rest, inst.open)
        parts.append((inst.id, part))
        rest -= part
    return parts


def check_chosen_allocation(chosen: Sequence[tuple[int, int]],
                            instalments: Sequence[OpenInstalment]) -> list[tuple[int, int]]:
    """Validate an allocation the treasurer chose: known instalments, each part positive and no
    more than that instalment still owes, one part per instalment. Returns the parts in
    instalment order. Raises AllocationError ``"unknown"``, ``"not_positive"``, ``"twice"`` or
    ``"above_instalment"`` (with ``seq`` and ``open``)."""
    by_id = {i.id: i for i in instalments}
    seen: set[int] = set()
    for inst_id, part in chosen:
        _money(part)
        if inst_id not in by_id:
            raise AllocationError("unknown", instalment_id=inst_id)
        if inst_id in seen:
            raise AllocationError("twice", seq=by_id[inst_id].seq)
        seen.add(inst_id)
        if part <= 0:
            raise AllocationError("not_positive", amount=part, seq=by_id[inst_id].seq)
        if part > by_id[inst_id].open:
            raise AllocationError("above_instalment", seq=by_id[inst_id].seq,
                                  open=max(0, by_id[inst_id].open), amount=part)
    rank = {inst.id: n for n, inst in enumerate(_order(instalments))}
    return sorted(((i, p) for i, p in chosen), key=lambda ip: rank[ip[0]])


@dataclass(frozen=True)
class PlannedInstalment:
    seq: int
    due_date: dt.date
    amount: int
    is_down_payment: bool = False


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, kept inside shorter months (31 Jan + 1 -> 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_instalments(total: int, *, count: int, first_due: dt.date, down_payment: int = 0,
                     down_payment_due: dt.date | None = None,
                     interval_months: int = 1) -> list[PlannedInstalment]:
    """An instalment plan that adds up to ``total`` exactly.

    An optional down payment (uang muka, due ``down_payment_due`` or ``first_due``) comes first
    as instalment 1; the rest is split into ``count`` equal monthly instalments starting at
    ``first_due``: whole thousands, the last absorbing the difference. ``count=1`` with no down payment
    is a single payment. Raises AllocationError ``"not_positive"``, ``"bad_count"``,
    ``"down_payment"`` (negative, or not less than the total when instalments follow).
    """
    total = _money(total)
    down_payment = _money(down_payment)
    if total <= 0:
        raise AllocationError("not_positive", amount=total)
    if count < 0 or count > 120 or (count == 0 and down_payment != total):
        raise AllocationError("bad_count", count=count)
    if down_payment < 0 or down_payment > total or (count > 0 and down_payment == total):
        raise AllocationError("down_payment", amount=down_payment, total=total)
    plan: list[PlannedInstalment] = []
    if down_payment:
        plan.append(PlannedInstalment(1, down_payment_due or first_due, down_payment, True))
    if count:
        for n, amount in enumerate(instalment_amounts(total - down_payment, count)):
            plan.append(PlannedInstalment(len(plan) + 1, add_months(first_due, n * interval_months),
                                          amount))
    check_plan(total, plan)
    return plan


def check_plan(total: int, plan: Sequence[PlannedInstalment]) -> None:
    """Refuse a plan that does not fit its invoice. AllocationError codes: ``"empty"``,
    ``"not_positive"`` (an instalment of zero or less), ``"sum"`` (with ``sum`` and
    ``total``), ``"order"`` (due dates going backwards), ``"down_payment"`` (a down payment
    that is not the first instalment)."""
    if not plan:
        raise AllocationError("empty")
    for n, inst in enumerate(plan):
        _money(inst.amount)
        if inst.amount <= 0:
            raise AllocationError("not_positive", amount=inst.amount, seq=inst.seq)
        if inst.is_down_payment and n != 0:
            raise AllocationError("down_payment", seq=inst.seq)
        if n and inst.due_date < plan[n - 1].due_date:
            raise AllocationError("order", seq=inst.seq)
    planned = sum(i.amount for i in plan)
    if planned != total:
        raise AllocationError("sum", sum=planned, total=total)


# --- ageing ---------------------------------------------------------------------------------

# (key, first day past due, last day past due or None) for the overdue buckets
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("d0_30", 0, 30),
    ("d31_60", 31, 60),
    ("d61_90", 61, 90),
    ("over_90", 91, None),
)


def bucket_for(due_date: dt.date, as_of: dt.date) -> str:
    """"not_due" before the due date, else the bucket of days past due ("d0_30" from the due
    date itself through 30 days later, "d31_60", "d61_90", "over_90")."""
    days = (as_of - due_date).days
    if days < 0:
        return "not_due"
    for key, first, last in BUCKETS:
        if days >= first and (last is None or days <= last):
            return key
    raise AssertionError(days)  # pragma: no cover


@dataclass(frozen=True)
class Ageing:
    """Open amounts by bucket; ``overdue`` is the part strictly past its due date."""

    not_due: int = 0
    d0_30: int = 0
    d31_60: int = 0
    d61_90: int = 0
    over_90: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.not_due + self.d0_30 + self.d31_60 + self.d61_90 + self.over_90

    def __add__(self, other: Ageing) -> Ageing:
        return Ageing(self.not_due + other.not_due, self.d0_30 + other.d0_30,
                      self.d31_60 + other.d31_60, self.d61_90 + other.d61_90,
                      self.over_90 + other.over_90, self.overdue + other.overdue)


def ageing(items: Iterable[tuple[dt.date, int]], as_of: dt.date) -> Ageing:
    """Sum open amounts ``[(due_date, open_amount), ...]`` into ageing buckets as of a day.
    Amounts of zero or less (fully paid instalments) are skipped."""
    sums = {"not_due": 0, "d0_30": 0, "d31_60": 0, "d61_90": 0, "over_90": 0}
    overdue = 0
    for due, amount in items:
        if amount <= 0:
            continue
        sums[bucket_for(due, as_of)] += amount
        if as_of > due:
            overdue += amount
    return Ageing(**sums, overdue=overdue)


def instalment_position(seq: int, count: int, has_down_payment: bool) -> tuple[str, int, int]:
    """How an instalment is named, the way people say it: the down payment is "uang muka" and
    the instalments after it count from 1 ("DP, then 4 instalments": cicilan ke-1 dari 4).

    Returns ("down_payment", 0, 0), ("single", 0, 0) for a one-payment invoice, or
    ("instalment", k, n).
    """
    if has_down_payment and seq == 1:
        return ("down_payment", 0, 0)
    n = count - (1 if has_down_payment else 0)
    if n <= 1 and not has_down_payment:
        return ("single", 0, 0)
    return ("instalment", seq - (1 if has_down_payment else 0), n)

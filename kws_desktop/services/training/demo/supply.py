"""Demo helper: the store room, kept in dated terms.

The materials step buys an opening stock. A few days before a job's work the orders' events
call `prepare` with what the job will take, and `Supply` buys more (a month or so of use,
grouped into one slip per shop, dated that day) whenever the stock on the work day, or on any
later day already booked, would not cover it; `take` books the job's use on its work day. So the
stock never goes below zero on any date, and what is on hand stays around one to two months
of use. A slip bought on credit is paid to the shop two to six weeks later (on the calendar).

Jobs are prepared before their work days and overlap, so uses are booked ahead: every material
keeps the moves of the last weeks and the days ahead (`pending`) next to the settled total
(`base`) before them.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.training.demo import treasury
from kws_desktop.services.training.demo.context import DemoContext

WHOLE_UNITS = ("sak", "buah", "batang", "unit", "kaleng", "dus", "lembar", "kg", "set", "roll", "ikat")
SETTLE_DAYS = 5  # moves dated this long before the current order date can no longer change


def round_buy(qty: Decimal, unit: str) -> Decimal:
    if unit in WHOLE_UNITS:
        return Decimal(max(1, math.ceil(qty)))
    return max(Decimal("0.5"), (qty * 2).to_integral_value(rounding="ROUND_CEILING") / 2)


class Supply:
    def __init__(self, ctx: DemoContext, materials: dict[int, tuple[str, str, int, str]],
                 shops: dict[int, list[tuple[int, float]]]):
        """materials: id -> (name, unit, catalog price, category); shops: material id -> the
        shops selling it, as (supplier id, price factor), the usual one first."""
        self.ctx = ctx
        self.materials = materials
        self.shops = shops
        self.base: dict[int, Decimal] = defaultdict(Decimal)
        self.pending: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        self.purchase_ids: list[int] = []
        self.slips = 0
        self.last_slip_day = ctx.start  # slips go in date order, so their numbers follow the dates
        months = max(1.0, (ctx.today - ctx.start).days / 30.4)
        self.pace = min(1.5, max(0.3, ctx.orders / months / 5))  # jobs a month against five

    # --- dated stock -----------------------------------------------------------------------
    def add(self, material_id: int, day: dt.date, qty: Decimal) -> None:
        self.pending[material_id].append((day, qty))

    def settle(self, before: dt.date) -> None:
        cut = before - dt.timedelta(days=SETTLE_DAYS)
        for mid, moves in self.pending.items():
            old = [q for d, q in moves if d < cut]
            if old:
                self.base[mid] += sum(old, Decimal(0))
                self.pending[mid] = [(d, q) for d, q in moves if d >= cut]

    def lowest_from(self, material_id: int, day: dt.date) -> Decimal:
        """The lowest stock of a material on `day` or any later day, by the moves booked so far."""
        level = self.base[material_id]
        moves = sorted(self.pending[material_id])
        i = 0
        while i < len(moves) and moves[i][0] <= day:
            level += moves[i][1]
            i += 1
        low = level
        for _d, q in moves[i:]:
            level += q
            low = min(low, level)
        return low

    # --- buying ----------------------------------------------------------------------------
    def buy(self, session, day: dt.date, wants: dict[int, Decimal], *, order_id: int | None = None,
            note: str = "") -> None:
        """One slip per shop for `wants` (material id -> qty), dated `day` (or the day of the
        latest slip, if that is later: the callers go in date order, so never past their day)."""
        rng = self.ctx.rng
        day = max(day, self.last_slip_day)
        self.last_slip_day = day
        by_shop: dict[int, list[tuple[int, Decimal, int]]] = defaultdict(list)
        for mid, qty in sorted(wants.items()):
            name, unit, price, _cat = self.materials[mid]
            options = self.shops[mid]
            shop, factor = options[0] if len(options) == 1 or rng.random() < 0.75 else rng.choice(options[1:])
            by_shop[shop].append((mid, round_buy(qty, unit), self.price(price, day, factor)))
        for shop, lines in by_shop.items():
            estimate = sum(int(price * qty) for _m, qty, price in lines)
            if order_id is not None:
                method = "cash"
            else:
                weights = (7, 2, 1) if estimate < 1_500_000 else (2, 4, 4)
                method = rng.choices(("cash", "transfer", "credit"), weights=weights)[0]
            shipping = rng.choice((0, 0, 25_000, 50_000)) if len(lines) > 2 and order_id is None else 0
            if method != "credit" and not treasury.money_for(self.ctx, session, day, method,
                                                             estimate + shipping + 1_000):
                method = "credit"  # the money is not there: the shop gives tempo
            row = purchases.record_purchase_in(session, purchases.PurchaseInput(
                day, shop, method, tuple(purchases.PurchaseLineInput(m, q, p) for m, q, p in lines), shipping=shipping,
                slip_number=f"NB-{rng.randint(1000, 9999)}", order_id=order_id, notes=note),
                actor=self.ctx.book.actor)
            self.purchase_ids.append(row.id)
            self.slips += 1
            if method == "credit":
                self._plan_paying(day, shop, row.total)
            if order_id is None:
                for m, q, _p in lines:
                    self.add(m, day, q)

    def price(self, base: int, day: dt.date, shop_factor: float) -> int:
        """What a shop charges on `day`: the catalog price, a little dearer each year."""
        years = (day - self.ctx.start).days / 365
        factor = (1 + 0.03 * years) * shop_factor * (1 + self.ctx.rng.uniform(-0.02, 0.02))
        step = 500 if base >= 10_000 else 50
        return max(step, int(round(base * factor / step)) * step)

    def _plan_paying(self, day: dt.date, shop: int, total: int) -> None:
        """A credit slip is paid some weeks later, a big one sometimes in two parts; the most
        recent ones are still owed today."""
        rng, today = self.ctx.rng, self.ctx.today
        pay_day = day + dt.timedelta(days=rng.randint(14, 40))
        if pay_day >= today:
            return
        parts = [(pay_day, total)]
        if total > 1_500_000 and rng.random() < 0.4:
            first = (total // 2) // 1000 * 1000
            parts = [(pay_day, first)]
            second = pay_day + dt.timedelta(days=rng.randint(10, 25))
            if second < today:
                parts.append((second, total - first))
        for when, amount in parts:
            self.ctx.calendar.on(when, self._pay_shop, shop, amount, alone=True)

    def _pay_shop(self, day: dt.date, shop: int, amount: int) -> None:
        """Pay a shop, or a week later when the money is not there."""
        method = self.ctx.rng.choice(("cash", "transfer", "transfer"))
        with self.ctx.book.transaction() as s:
            ready = treasury.money_for(self.ctx, s, day, method, amount)
        if not ready:
            later = day + dt.timedelta(days=7)
            if later < self.ctx.today:
                self.ctx.calendar.on(later, self._pay_shop, shop, amount, alone=True)
            return
        suppliers.pay_supplier(self.ctx.book, supplier_id=shop, amount=amount, date=day, method=method)
        self.ctx.count("pembayaran ke pemasok")

    def prepare(self, session, day: dt.date, plan: list[tuple[int, Decimal]], buy_day: dt.date) -> None:
        """Before a job takes `plan` on `day`: buy on `buy_day` what would run short (and what
        runs low)."""
        rng = self.ctx.rng
        short = {}
        for mid, qty in plan:
            low = self.lowest_from(mid, day)
            if low - qty < 0 or low - qty < qty:  # short now, or not enough left for the next job
                uses = rng.randint(1, 3) if self.materials[mid][2] >= 500_000 else rng.randint(3, 6)
                uses = max(1, round(uses * self.pace))  # a quiet group buys for fewer jobs at a time
                short[mid] = max(Decimal(0), qty - low) + qty * uses
        if short:
            self.buy(session, buy_day, short)

    def take(self, material_id: int, day: dt.date, qty: Decimal) -> None:
        self.add(material_id, day, -qty)

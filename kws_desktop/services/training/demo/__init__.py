"""`kws-desktop demo`: a realistic, deterministic demo book, built through the services.

Each records module adds a step to STEPS; steps run in order on one DemoContext, so later
steps (orders, payments) use what earlier steps made (materials, customers, members).
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.store.book import Book


@dataclass
class DemoContext:
    book: Book
    rng: random.Random
    today: dt.date
    years: int
    orders: int
    summary: dict[str, int] = field(default_factory=dict)
    ids: dict[str, list[int]] = field(default_factory=dict)  # what steps made, for later steps
    extra: dict[str, object] = field(default_factory=dict)  # helpers steps share (the store room)

    @property
    def start(self) -> dt.date:
        return dt.date(self.today.year - self.years + 1, 1, 1)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        span = max(0, (last - first).days)
        return first + dt.timedelta(days=self.rng.randint(0, span))

    def count(self, label: str, n: int = 1) -> None:
        self.summary[label] = self.summary.get(label, 0) + n


Step = Callable[[DemoContext], None]


def _steps() -> list[Step]:
    from kws_desktop.services.training.demo import foundation
    from kws_desktop.services.training.demo import members
    from kws_desktop.services.training.demo import materials
    from kws_desktop.services.training.demo import customers_quotes
    from kws_desktop.services.training.demo import orders
    from kws_desktop.services.training.demo import billing
    from kws_desktop.services.training.demo import evaluation
    return [foundation.profile_and_opening, members.register, materials.materials_and_purchases,
            customers_quotes.customers_and_quotes,
            orders.orders_step,
            billing.invoices_and_payments,  # needs the orders step before it (ctx.ids["orders"])
            evaluation.evaluation_step,
            members.payouts_and_sharing]


def build_demo(out: Path | str, *, seed: int = 1, orders: int = 120, years: int = 2,
               today: dt.date | None = None) -> dict[str, int]:
    from kws_desktop.services.book.books import create_book
    if orders < 0 or orders > 1_000_000:
        raise UserError(_("Jumlah pesanan demo harus antara 0 dan 1.000.000."))
    if years < 1 or years > 20:
        raise UserError(_("Jumlah tahun demo harus antara 1 dan 20."))
    book = create_book(out, is_demo=True, durable=False)
    try:
        ctx = DemoContext(book, random.Random(seed), today or dt.date.today(), years, orders)
        for step in _steps():
            step(ctx)
    except BaseException:
        book.close(backup=False)
        if book.path is not None:  # a half-made demo file is worthless; a database URL is left as is
            for suffix in ("", "-wal", "-shm"):
                Path(str(out) + suffix).unlink(missing_ok=True)
        raise
    book.close(backup=False)
    return ctx.summary

"""`kws-desktop demo`: a realistic, deterministic demo book, built through the services.

The steps run in the order of `_steps()` on one DemoContext, so later steps (orders, payments)
use what earlier steps made (materials, customers, members).
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.services.training.demo import (billing, customers_quotes, evaluation, foundation,
                                               materials, members, orders)
from kws_desktop.services.training.demo.context import DemoContext, Step

__all__ = ["DemoContext", "build_demo"]


def _steps() -> list[Step]:
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

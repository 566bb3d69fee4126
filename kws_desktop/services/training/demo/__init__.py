"""`kws-desktop demo`: a realistic, deterministic demo book, built through the services.

First what the group has on its first day (`_SETUP`), then each area puts its dated events on
one calendar (`_PLANS`, demo/calendar.py), which does them all in date order, so every number in
the book follows its date; last what is kept but neither numbered nor posted (`_AFTERWARDS`).
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.services.training.demo import (billing, customers_quotes, evaluation, foundation,
                                               materials, members, orders, treasury)
from kws_desktop.services.training.demo.context import DemoContext, Step

__all__ = ["DemoContext", "build_demo"]

_SETUP: tuple[Step, ...] = (foundation.profile_and_opening, members.register, materials.materials_and_purchases,
                            customers_quotes.customers_and_packages, customers_quotes.quotes_made)
_PLANS: tuple[Step, ...] = (materials.plan, orders.plan, billing.plan, members.plan_payouts, treasury.plan)
_AFTERWARDS: tuple[Step, ...] = (orders.afterwards, materials.afterwards, evaluation.evaluation_step)


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
        for step in _SETUP + _PLANS:
            step(ctx)
        ctx.calendar.run(book)
        for step in _AFTERWARDS:
            step(ctx)
    except BaseException:
        book.close(backup=False)
        if book.path is not None:  # a half-made demo file is worthless; a database URL is left as is
            for suffix in ("", "-wal", "-shm"):
                Path(str(out) + suffix).unlink(missing_ok=True)
        raise
    book.close(backup=False)
    return ctx.summary

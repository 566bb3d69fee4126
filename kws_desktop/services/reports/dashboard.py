"""The figures on the Beranda (dashboard), aggregated in SQL.

Money figures come from the journal (the same sums as the statements, so they agree; computed
in dashboard_figures.py, as the window's first figures from the lean path are);
units, stages, kecamatan and payers come from the orders; overdue instalments from billing;
low stock from the materials. A figure whose area is not in this book (or this build) is
None, and its name is listed in ``missing``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import extract, func, inspect, or_, select, type_coerce
from sqlalchemy.orm import Session

from kws_desktop.i18n import N_
from kws_desktop.services.reports import totals_sql
from kws_desktop.services.reports.dashboard_figures import (Bounds, MoneyFigures, MonthPoint, by_month,
                                                            money_figures, month_points, month_start)
from kws_desktop.services.reports.queries import accounts, run_sql, sums_by_account, uses_totals
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine

__all__ = ["Dashboard", "LowStock", "MoneyFigures", "MonthPoint", "dashboard", "low_stock", "monthly"]


@dataclass(frozen=True)
class LowStock:
    material_id: int
    name: str
    unit: str
    on_hand: Decimal
    min_stock: Decimal


@dataclass(frozen=True)
class Dashboard:
    money: MoneyFigures                    # from the journal: what the lean path (lean.py) shows first
    overdue_amount: int | None = None      # billing
    overdue_instalments: int | None = None
    handed_over_month: int | None = None   # orders
    handed_over_year: int | None = None
    open_orders: tuple[tuple[str, int], ...] | None = None   # (stage, count), in stage order
    units_by_kecamatan: tuple[tuple[str, int], ...] | None = None
    funding_mix: tuple[tuple[str, int], ...] | None = None   # (payer type, rupiah)
    low_stock: tuple[LowStock, ...] | None = None
    missing: tuple[str, ...] = ()          # Indonesian source strings of figures left out


def monthly(session: Session, today: dt.date, months: int = 12) -> tuple[MonthPoint, ...]:
    """Revenue and costs by calendar month for the last ``months`` months (session-level)."""
    first = month_start(today, months - 1)
    if uses_totals(session):
        return month_points(today, by_month(run_sql(session, totals_sql.INCOME_BY_DAY, since=first, until=today)),
                            months)
    day = JournalEntry.date
    q = (select(extract("year", day), extract("month", day), Account.type, func.sum(JournalLine.amount))
         .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
         .join(Account, Account.id == JournalLine.account_id)
         .where(day >= first, day <= today, Account.type.in_(("pendapatan", "beban")))
         .group_by(extract("year", day), extract("month", day), Account.type))
    return month_points(today, session.execute(q), months)


def _has(session: Session, *tables: str) -> bool:
    insp = inspect(session.connection())
    return all(insp.has_table(t) for t in tables)


def _orders(session: Session, today: dt.date, month_start: dt.date, year_start: dt.date,
            since: dt.date) -> dict:
    from kws_desktop.core.job_costing import STAGE_LINE, Stage
    from kws_desktop.store.models.jobs import Order, OrderPayer
    handed = Order.handed_over_date
    month = session.execute(select(func.count(Order.id)).where(
        handed >= month_start, handed <= today, Order.status == Stage.DISERAHTERIMAKAN)).scalar()
    year = session.execute(select(func.count(Order.id)).where(
        handed >= year_start, handed <= today, Order.status == Stage.DISERAHTERIMAKAN)).scalar()
    by_stage = dict(session.execute(select(Order.status, func.count(Order.id))
                                    .where(Order.status.not_in((Stage.DISERAHTERIMAKAN, Stage.BATAL)))
                                    .group_by(Order.status)).all())
    open_orders = tuple((s.value, int(by_stage.get(s.value, 0))) for s in STAGE_LINE
                        if s not in (Stage.DISERAHTERIMAKAN,))
    kec = session.execute(select(Order.kecamatan, func.count(Order.id))
                          .where(Order.status != Stage.BATAL, Order.date >= since, Order.date <= today)
                          .group_by(Order.kecamatan).order_by(func.count(Order.id).desc(), Order.kecamatan)).all()
    mix = session.execute(select(OrderPayer.payer_type, func.sum(OrderPayer.amount))
                          .join(Order, Order.id == OrderPayer.order_id)
                          .where(Order.status != Stage.BATAL, Order.date >= since, Order.date <= today)
                          .group_by(OrderPayer.payer_type)
                          .order_by(func.sum(OrderPayer.amount).desc())).all()
    return {"handed_over_month": int(month or 0), "handed_over_year": int(year or 0),
            "open_orders": open_orders,
            "units_by_kecamatan": tuple((k or "", int(n)) for k, n in kec),
            "funding_mix": tuple((p, int(a or 0)) for p, a in mix)}


def low_stock(session: Session, limit: int = 20) -> tuple[LowStock, ...]:
    """Active materials below their minimum stock, the emptiest first (session-level).

    An example material the group never stocked (a new book's catalog) is not running low:
    it has no stock moves, and it gives no alarm until the group buys it once."""
    from kws_desktop.store.base import Quantity
    from kws_desktop.store.models.purchasing import Material, StockMove
    on_hand = (select(StockMove.material_id.label("mid"), func.sum(StockMove.qty).label("qty"))
               .group_by(StockMove.material_id).subquery())
    # the sum is compared in the stored thousandths and read back as a quantity (2 sak, not 2000)
    raw = type_coerce(func.coalesce(on_hand.c.qty, 0), Quantity())
    q = (select(Material.id, Material.name, Material.unit, raw, Material.min_stock)
         .outerjoin(on_hand, on_hand.c.mid == Material.id)
         .where(Material.active.is_(True), Material.min_stock > 0, raw < Material.min_stock,
                or_(Material.is_example.is_(False), on_hand.c.mid.is_not(None)))
         .order_by(raw - Material.min_stock, Material.name).limit(limit))
    return tuple(LowStock(mid, name, unit, Decimal(qty), minimum)
                 for mid, name, unit, qty, minimum in session.execute(q))


def dashboard(book: Book, today: dt.date | None = None) -> Dashboard:
    """Everything the Beranda shows, as of ``today``."""
    bounds = Bounds(today or dt.date.today())
    today = bounds.today
    missing: list[str] = []
    extra: dict = {}
    with book.reading() as s:
        money = money_figures(bounds, sums_by_account(s, since=bounds.month_start, until=today),
                              sums_by_account(s, since=bounds.year_start, until=today),
                              sums_by_account(s, until=today), {a.code: a.type for a in accounts(s)},
                              monthly(s, today))
        if _has(s, "orders", "order_payers"):
            extra.update(_orders(s, today, bounds.month_start, bounds.year_start, bounds.months_start))
        else:
            missing += [N_("Unit diserahterimakan"), N_("Pesanan berjalan"), N_("Unit per kecamatan"),
                        N_("Sumber dana")]
        if _has(s, "materials", "stock_moves"):
            extra["low_stock"] = low_stock(s)
        else:
            missing.append(N_("Stok menipis"))
    try:
        from kws_desktop.services.billing.receivables import receivables_summary
    except ImportError:
        missing.append(N_("Cicilan terlambat"))
    else:
        summary = receivables_summary(book, today)
        extra["overdue_amount"] = summary.ageing.overdue
        extra["overdue_instalments"] = summary.overdue_instalments
    return Dashboard(money, missing=tuple(missing), **extra)

"""The figures on the Beranda (dashboard), aggregated in SQL.

Money figures come from the journal (the same sums as the statements, so they agree);
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

from kws_desktop.core.accounts import A
from kws_desktop.i18n import N_
from kws_desktop.services.reports.queries import sums_by_account, uses_totals
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, AccountDayTotal, JournalEntry, JournalLine


@dataclass(frozen=True)
class PeriodFigures:
    start: dt.date
    end: dt.date
    revenue: int
    costs: int

    @property
    def profit(self) -> int:
        return self.revenue - self.costs


@dataclass(frozen=True)
class MonthPoint:
    year: int
    month: int
    revenue: int
    costs: int

    @property
    def profit(self) -> int:
        return self.revenue - self.costs


@dataclass(frozen=True)
class LowStock:
    material_id: int
    name: str
    unit: str
    on_hand: Decimal
    min_stock: Decimal


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    month: PeriodFigures
    year: PeriodFigures
    cash: int
    bank: int
    receivables: int                       # from the journal (Piutang Usaha)
    months: tuple[MonthPoint, ...]         # the last 12 months, oldest first
    overdue_amount: int | None = None      # billing
    overdue_instalments: int | None = None
    handed_over_month: int | None = None   # orders
    handed_over_year: int | None = None
    open_orders: tuple[tuple[str, int], ...] | None = None   # (stage, count), in stage order
    units_by_kecamatan: tuple[tuple[str, int], ...] | None = None
    funding_mix: tuple[tuple[str, int], ...] | None = None   # (payer type, rupiah)
    low_stock: tuple[LowStock, ...] | None = None
    missing: tuple[str, ...] = ()          # Indonesian source strings of figures left out


def _figures(session: Session, start: dt.date, end: dt.date) -> PeriodFigures:
    sums = sums_by_account(session, since=start, until=end)
    types = dict(session.execute(select(Account.code, Account.type)).all())
    revenue = -sum(v for c, v in sums.items() if types.get(c) == "pendapatan")
    costs = sum(v for c, v in sums.items() if types.get(c) == "beban")
    return PeriodFigures(start, end, revenue, costs)


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def monthly(session: Session, today: dt.date, months: int = 12) -> tuple[MonthPoint, ...]:
    """Revenue and costs by calendar month for the last ``months`` months (session-level)."""
    first = _month_start(today, months - 1)
    if uses_totals(session):
        day = AccountDayTotal.day
        q = (select(extract("year", day), extract("month", day), Account.type, func.sum(AccountDayTotal.amount))
             .join(Account, Account.id == AccountDayTotal.account_id))
    else:
        day = JournalEntry.date
        q = (select(extract("year", day), extract("month", day), Account.type, func.sum(JournalLine.amount))
             .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
             .join(Account, Account.id == JournalLine.account_id))
    q = (q.where(day >= first, day <= today, Account.type.in_(("pendapatan", "beban")))
         .group_by(extract("year", day), extract("month", day), Account.type))
    got: dict[tuple[int, int], list[int]] = {}
    for y, m, type_, total in session.execute(q):
        slot = got.setdefault((int(y), int(m)), [0, 0])
        if type_ == "pendapatan":
            slot[0] -= int(total or 0)
        else:
            slot[1] += int(total or 0)
    points = []
    for back in range(months - 1, -1, -1):
        start = _month_start(today, back)
        revenue, costs = got.get((start.year, start.month), (0, 0))
        points.append(MonthPoint(start.year, start.month, revenue, costs))
    return tuple(points)


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
    today = today or dt.date.today()
    month_start, year_start = today.replace(day=1), dt.date(today.year, 1, 1)
    since = _month_start(today, 11)
    missing: list[str] = []
    extra: dict = {}
    with book.reading() as s:
        month = _figures(s, month_start, today)
        year = _figures(s, year_start, today)
        sums = sums_by_account(s, until=today)
        points = monthly(s, today)
        if _has(s, "orders", "order_payers"):
            extra.update(_orders(s, today, month_start, year_start, since))
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
    return Dashboard(today, month, year, sums.get(A.CASH, 0), sums.get(A.BANK, 0),
                     sums.get(A.RECEIVABLES, 0), points, missing=tuple(missing), **extra)

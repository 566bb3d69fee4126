"""The Beranda's money figures, computed from the journal's sums: plain data, no session.

The full dashboard (dashboard.py, through SQLAlchemy) and the window's first figures from the
lean path (lean.py, through sqlite3, before SQLAlchemy is loaded) read the same sums and compute
them here, so the window shows the same money figures whichever path came first.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kws_desktop.core.accounts import A


class _Profit:
    """The profit of figures with a revenue and costs (each dataclass below declares both)."""
    revenue: int
    costs: int

    @property
    def profit(self) -> int:
        return self.revenue - self.costs


@dataclass(frozen=True)
class PeriodFigures(_Profit):
    start: dt.date
    end: dt.date
    revenue: int
    costs: int


@dataclass(frozen=True)
class MonthPoint(_Profit):
    year: int
    month: int
    revenue: int
    costs: int


@dataclass(frozen=True)
class MoneyFigures:
    """What the Beranda shows from the journal alone, as of ``today``."""
    today: dt.date
    month: PeriodFigures
    year: PeriodFigures
    cash: int
    bank: int
    receivables: int                       # from the journal (Piutang Usaha)
    months: tuple[MonthPoint, ...]         # the last 12 months, oldest first


@dataclass(frozen=True)
class Bounds:
    """The days the Beranda's money figures cover, as of ``today``."""
    today: dt.date

    @property
    def month_start(self) -> dt.date:
        return self.today.replace(day=1)

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.today.year, 1, 1)

    @property
    def months_start(self) -> dt.date:
        """The first day of the oldest of the last 12 months."""
        return month_start(self.today, 11)


def month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def period_figures(start: dt.date, end: dt.date, sums: Mapping[str, int],
                   types: Mapping[str, str]) -> PeriodFigures:
    """Revenue and costs of [start, end] from that period's signed sums by account code."""
    revenue = -sum(v for c, v in sums.items() if types.get(c) == "pendapatan")
    costs = sum(v for c, v in sums.items() if types.get(c) == "beban")
    return PeriodFigures(start, end, revenue, costs)


def month_points(today: dt.date, by_month: Iterable[tuple[int, int, str, int]],
                 months: int = 12) -> tuple[MonthPoint, ...]:
    """The last ``months`` calendar months, oldest first, from signed sums by (year, month,
    account type) of the revenue and cost accounts."""
    got: dict[tuple[int, int], list[int]] = {}
    for y, m, type_, total in by_month:
        slot = got.setdefault((int(y), int(m)), [0, 0])
        if type_ == "pendapatan":
            slot[0] -= int(total or 0)
        else:
            slot[1] += int(total or 0)
    points = []
    for back in range(months - 1, -1, -1):
        start = month_start(today, back)
        revenue, costs = got.get((start.year, start.month), (0, 0))
        points.append(MonthPoint(start.year, start.month, revenue, costs))
    return tuple(points)


def by_month(by_day: Iterable[tuple[object, str, int]]) -> list[tuple[int, int, str, int]]:
    """Rows of totals_sql.INCOME_BY_DAY (a day as a date or as ISO text) as (year, month, type, sum)."""
    out = []
    for day, type_, total in by_day:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        out.append((day.year, day.month, type_, int(total or 0)))
    return out


def money_figures(bounds: Bounds, month_sums: Mapping[str, int], year_sums: Mapping[str, int],
                  balances: Mapping[str, int], types: Mapping[str, str],
                  months: tuple[MonthPoint, ...]) -> MoneyFigures:
    """``balances``: signed sums of every day through today, by account code."""
    today = bounds.today
    return MoneyFigures(today, period_figures(bounds.month_start, today, month_sums, types),
                        period_figures(bounds.year_start, today, year_sums, types),
                        balances.get(A.CASH, 0), balances.get(A.BANK, 0), balances.get(A.RECEIVABLES, 0),
                        months)

"""The statements and the Beranda's money figures read without SQLAlchemy (the lean path).

For a SQLite book whose totals may be trusted (store/lean.py `open_trusted`), the sums come
through the standard library's sqlite3 from the same SQL text the full path runs
(totals_sql.py), and become figures and reports in the same code (statement_figures.py,
statement_layout.py, dashboard_figures.py). So the command line prints a statement, and the
window shows its first figures, before SQLAlchemy and the models are imported: about a third of
the start-up. Every call returns None where the lean path cannot read the book (a PostgreSQL
URL, an older schema, stale totals, a damaged file, a kind it does not make); the caller then
takes the full path, which gives the same result more slowly, or says what is wrong.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from kws_desktop.documents.report_data import TabularReport
from kws_desktop.i18n import current_language
from kws_desktop.services.reports import Period, check_period, resolve_period, totals_sql
from kws_desktop.services.reports.dashboard_figures import (Bounds, MoneyFigures, by_month, money_figures,
                                                            month_points)
from kws_desktop.services.reports.statement_figures import (AccountInfo, FinancialPosition, account_infos,
                                                            as_day, cash_flow_from,
                                                            position_from, profit_loss_from, year_before)
from kws_desktop.services.reports.statement_layout import (cash_flow_report, empty_note,
                                                           financial_position_report, job_costs_note,
                                                           profit_loss_report)
from kws_desktop.store.lean import open_trusted


class _Reader:
    """The totals of one trusted book, read in one snapshot."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def rows(self, sql: str, **days: dt.date | None) -> list[tuple]:
        return self.con.execute(sql, {k: d.isoformat() for k, d in days.items() if d is not None}).fetchall()

    def accounts(self) -> list[AccountInfo]:
        return account_infos(self.rows(totals_sql.ACCOUNTS), current_language())

    def sums(self, *, since: dt.date | None = None, until: dt.date | None = None,
             before: dt.date | None = None, cash_only: bool = False) -> dict[str, int]:
        days = {"since": since, "until": until, "before": before}
        sql = totals_sql.account_sums(*(k for k, d in days.items() if d is not None), cash_only=cash_only)
        return {code: int(total or 0) for code, total in self.rows(sql, **days)}

    def cash_balance(self, **bound: dt.date) -> dict[str, int]:
        got = self.sums(cash_only=True, **bound)
        return {code: got.get(code, 0) for (code,) in self.rows(totals_sql.CASH_ACCOUNT_CODES)}

    def has_entries(self, period: Period) -> bool:
        return bool(self.rows(totals_sql.has_entries("since", "until"), since=period.start, until=period.end))


def _profit_loss(r: _Reader, period: Period) -> TabularReport:
    accounts = r.accounts()
    pl = profit_loss_from(period, r.sums(since=period.start, until=period.end), accounts)
    (old_job_costs,), = r.rows(totals_sql.JOB_COSTS_IN_OPERATING, since=period.start, until=period.end)
    return profit_loss_report(pl, empty_note(r.has_entries(period)) + job_costs_note(
        int(old_job_costs or 0), {a.code: a.name for a in accounts}))


def _financial_position(r: _Reader, period: Period) -> TabularReport:
    accounts = r.accounts()

    def at(day: dt.date):
        return position_from(day, r.sums(until=day), r.sums(until=year_before(day)), accounts)
    (first,), = r.rows(totals_sql.FIRST_ENTRY_DAY)
    return financial_position_report(FinancialPosition(period, at(period.end), at(period.before),
                                                       as_day(first)))


def _cash_flow(r: _Reader, period: Period) -> TabularReport:
    accounts = r.accounts()
    counter = {code: int(total or 0)
               for code, total in r.rows(totals_sql.COUNTER_SUMS, since=period.start, until=period.end)}
    (settled,), = r.rows(totals_sql.KASBON_SETTLED_FROM_SHARES, since=period.start, until=period.end)
    cf = cash_flow_from(period, counter, r.cash_balance(before=period.start), r.cash_balance(until=period.end),
                        accounts, settled_from_shares=int(settled or 0))
    return cash_flow_report(cf, {a.code: a.name for a in accounts}, empty_note(r.has_entries(period)))


# The kinds the lean path makes; every other kind is only on the full path.
REPORTS: dict[str, Callable[[_Reader, Period], TabularReport]] = {
    "profit-loss": _profit_loss,
    "financial-position": _financial_position,
    "cash-flow": _cash_flow,
}


def _read(location: str | Path, work: Callable[[_Reader], object]):
    con = open_trusted(location)
    if con is None:
        return None
    try:
        return work(_Reader(con))
    except sqlite3.Error:  # a damaged page met while reading: the full path says so
        return None
    finally:
        con.close()


def read_report(location: str | Path, kind: str, start: dt.date | None = None,
                end: dt.date | None = None) -> TabularReport | None:
    """Report ``kind`` of the book at ``location`` for the period (checked as the full path
    checks it: a UserError for a bad one), or None when the lean path cannot make it."""
    make = REPORTS.get(kind)
    if make is None:
        return None
    check_period(start, end)
    period = resolve_period(start, end)
    return _read(location, lambda r: make(r, period))


def read_money_figures(location: str | Path, today: dt.date | None = None) -> MoneyFigures | None:
    """The Beranda's money figures as of ``today``, or None when the lean path cannot read them."""
    bounds = Bounds(today or dt.date.today())

    def work(r: _Reader) -> MoneyFigures:
        types = {a.code: a.type for a in r.accounts()}
        months = month_points(bounds.today, by_month(r.rows(totals_sql.INCOME_BY_DAY, since=bounds.months_start,
                                                            until=bounds.today)))
        return money_figures(bounds, r.sums(since=bounds.month_start, until=bounds.today),
                             r.sums(since=bounds.year_start, until=bounds.today), r.sums(until=bounds.today),
                             types, months)
    return _read(location, work)

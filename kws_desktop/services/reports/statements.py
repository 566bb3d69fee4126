"""The SAK EMKM statements from the journal: profit and loss, financial position, cash flow.

Every figure is a SQL aggregate of journal lines (queries.py); nothing loads the journal into
Python. The sums become figures in statement_figures.py and reports in statement_layout.py, the
same code the command line's lean path (lean.py) uses. The figure functions (``profit_loss``,
``financial_position``, ``cash_flow``) return frozen dataclasses for the dashboard and tests; the
``build_*`` functions turn them into reports.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kws_desktop.i18n import N_
from kws_desktop.services.reports import Period, register_report, resolve_period
from kws_desktop.services.reports.queries import (accounts, cash_balance, counter_sums_of_cash_entries,
                                                  first_entry_day, has_entries, job_costs_in_operating,
                                                  kasbon_settled_from_shares, sums_by_account)
from kws_desktop.services.reports.statement_figures import (CashFlow, FinancialPosition, PositionColumn,
                                                            ProfitLoss, cash_flow_from, position_from,
                                                            profit_loss_from, year_before)
from kws_desktop.services.reports.statement_layout import (cash_flow_report, empty_note,
                                                           financial_position_report, job_costs_note,
                                                           profit_loss_report)
from kws_desktop.store.book import Book

__all__ = ["CashFlow", "FinancialPosition", "PositionColumn", "ProfitLoss", "profit_loss_in", "profit_loss",
           "financial_position", "cash_flow", "build_profit_loss", "build_financial_position",
           "build_cash_flow"]


def profit_loss_in(session: Session, period: Period) -> ProfitLoss:
    """Profit and loss for ``period`` (session-level)."""
    return profit_loss_from(period, sums_by_account(session, since=period.start, until=period.end),
                            accounts(session))


def profit_loss(book: Book, start: dt.date | None = None, end: dt.date | None = None) -> ProfitLoss:
    period = resolve_period(start, end)
    with book.reading() as s:
        return profit_loss_in(s, period)


def build_profit_loss(book: Book, start: dt.date | None, end: dt.date | None):
    period = resolve_period(start, end)
    with book.reading() as s:
        pl = profit_loss_in(s, period)
        names = {a.code: a.name for a in accounts(s)}
        notes = empty_note(has_entries(s, period.start, period.end)) + job_costs_note(
            job_costs_in_operating(s, period.start, period.end), names)
    return profit_loss_report(pl, notes)


def _position_at(session: Session, day: dt.date) -> PositionColumn:
    return position_from(day, sums_by_account(session, until=day),
                         sums_by_account(session, until=year_before(day)), accounts(session))


def financial_position(book: Book, start: dt.date | None = None,
                       end: dt.date | None = None) -> FinancialPosition:
    period = resolve_period(start, end)
    with book.reading() as s:
        return FinancialPosition(period, _position_at(s, period.end), _position_at(s, period.before),
                                 first_entry_day(s))


def build_financial_position(book: Book, start: dt.date | None, end: dt.date | None):
    return financial_position_report(financial_position(book, start, end))


def _cash_flow_in(session: Session, period: Period) -> CashFlow:
    return cash_flow_from(period, counter_sums_of_cash_entries(session, period.start, period.end),
                          cash_balance(session, before=period.start), cash_balance(session, until=period.end),
                          accounts(session),
                          settled_from_shares=kasbon_settled_from_shares(session, period.start, period.end))


def cash_flow(book: Book, start: dt.date | None = None, end: dt.date | None = None) -> CashFlow:
    period = resolve_period(start, end)
    with book.reading() as s:
        return _cash_flow_in(s, period)


def build_cash_flow(book: Book, start: dt.date | None, end: dt.date | None):
    period = resolve_period(start, end)
    with book.reading() as s:
        cf = _cash_flow_in(s, period)
        names = {a.code: a.name for a in accounts(s)}
        notes = empty_note(has_entries(s, period.start, period.end))
    return cash_flow_report(cf, names, notes)


register_report("profit-loss", N_("Laporan Laba Rugi"), build_profit_loss, order=10)
register_report("financial-position", N_("Laporan Posisi Keuangan"), build_financial_position,
                order=20)
register_report("cash-flow", N_("Laporan Arus Kas"), build_cash_flow, order=30)

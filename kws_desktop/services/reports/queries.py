"""Journal aggregates in SQL, shared by the statements, the cash book and the dashboard.

Session-level helpers: they take a session and never commit. Amounts are signed as in the
journal (debit positive, credit negative) unless a name says otherwise.

The sums come from the journal's totals per account and day (store/totals.py), kept by the
journal's own trigger, so their cost follows the number of days and accounts, not of entries.
Their SQL is plain text (totals_sql.py), the same the lean path (lean.py) runs through sqlite3.
Before a session reads them it checks they are current (`uses_totals`); when they are not (their
trigger dropped, a line they have not seen) every sum is a scan of the journal lines instead, the
same figures more slowly, until `kws-desktop rebuild-totals` makes them again.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, and_, bindparam, func, select, text
from sqlalchemy.orm import Session

from kws_desktop.core.accounts import CASH_ACCOUNTS
from kws_desktop.i18n import current_language
from kws_desktop.services.reports import totals_sql
from kws_desktop.services.reports.statement_figures import AccountInfo, account_infos, as_day
from kws_desktop.store import totals
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine


def run_sql(session: Session, sql: str, **days: dt.date | None):
    """``sql`` (totals_sql.py) with its date parameters bound as dates; None values are left out."""
    days = {name: day for name, day in days.items() if day is not None}
    return session.execute(text(sql).bindparams(*(bindparam(name, type_=Date) for name in days)), days)


def accounts(session: Session) -> list[AccountInfo]:
    """The book's accounts in code order, named in the current language."""
    return account_infos(session.execute(text(totals_sql.ACCOUNTS)), current_language())


def uses_totals(session: Session) -> bool:
    """Whether this session reads the totals table (checked once per session)."""
    use = session.info.get("kws_uses_totals")
    if use is None:
        use = session.info["kws_uses_totals"] = totals.current(session.connection())
    return use


def _sums(session: Session, *, since: dt.date | None, until: dt.date | None,
          before: dt.date | None = None, cash_only: bool = False) -> dict[str, int]:
    """Signed totals by account code (of cash and bank only with ``cash_only``), for days in
    [since, until] (and before ``before``), from the totals or from the journal lines."""
    if uses_totals(session):
        bounds = [name for name, day in (("since", since), ("until", until), ("before", before))
                  if day is not None]
        got = run_sql(session, totals_sql.account_sums(*bounds, cash_only=cash_only),
                      since=since, until=until, before=before)
        return {code: int(total or 0) for code, total in got}
    day, q = JournalEntry.date, (select(Account.code, func.sum(JournalLine.amount))
                                 .join(JournalLine, JournalLine.account_id == Account.id)
                                 .join(JournalEntry, JournalEntry.id == JournalLine.entry_id))
    if cash_only:
        q = q.where(Account.id.in_(cash_account_ids(session)))
    if since is not None:
        q = q.where(day >= since)
    if until is not None:
        q = q.where(day <= until)
    if before is not None:
        q = q.where(day < before)
    return {code: int(total or 0) for code, total in session.execute(q.group_by(Account.code)).all()}


def sums_by_account(session: Session, *, since: dt.date | None = None,
                    until: dt.date | None = None) -> dict[str, int]:
    """Signed journal totals by account code for entries dated in [since, until]."""
    return _sums(session, since=since, until=until)


def cash_account_ids(session: Session) -> list[int]:
    return list(session.execute(
        select(Account.id).where(Account.is_cash.is_(True) | Account.code.in_(CASH_ACCOUNTS))).scalars())


def cash_balance(session: Session, *, until: dt.date | None = None,
                 before: dt.date | None = None) -> dict[str, int]:
    """Cash and bank balances by account code, through ``until`` or strictly before ``before``."""
    got = _sums(session, since=None, until=until, before=before, cash_only=True)
    return {code: got.get(code, 0) for code in session.execute(text(totals_sql.CASH_ACCOUNT_CODES)).scalars()}


def counter_sums_of_cash_entries(session: Session, start: dt.date, end: dt.date) -> dict[str, int]:
    """For entries in [start, end] that move cash or bank: signed totals of their *other*
    lines, by account code. Their sum is minus the net cash movement of the period (transfers
    between cash and bank have no other lines and so count for nothing)."""
    if uses_totals(session):
        got = run_sql(session, totals_sql.COUNTER_SUMS, since=start, until=end)
        return {code: int(total or 0) for code, total in got}
    ids = cash_account_ids(session)
    cash_line = select(JournalLine.entry_id).where(JournalLine.account_id.in_(ids))
    q = (select(Account.code, func.sum(JournalLine.amount))
         .join(JournalLine, JournalLine.account_id == Account.id)
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .where(and_(JournalEntry.date >= start, JournalEntry.date <= end,
                     JournalLine.account_id.not_in(ids),
                     JournalLine.entry_id.in_(cash_line)))
         .group_by(Account.code))
    return {code: int(total or 0) for code, total in session.execute(q).all()}


def kasbon_settled_from_shares(session: Session, start: dt.date, end: dt.date) -> int:
    """The kasbon that payouts from ``start`` to ``end`` settled from bagi hasil, not wages."""
    return int(run_sql(session, totals_sql.KASBON_SETTLED_FROM_SHARES, since=start, until=end).scalar() or 0)


def job_costs_in_operating(session: Session, start: dt.date, end: dt.date) -> int:
    """A job's other costs posted from ``start`` to ``end`` where they went before revision 0007."""
    return int(run_sql(session, totals_sql.JOB_COSTS_IN_OPERATING, since=start, until=end).scalar() or 0)


def has_entries(session: Session, start: dt.date | None, end: dt.date | None) -> bool:
    bounds = [name for name, day in (("since", start), ("until", end)) if day is not None]
    return run_sql(session, totals_sql.has_entries(*bounds), since=start, until=end).first() is not None


def first_entry_day(session: Session) -> dt.date | None:
    """The day of the book's first journal entry, None in a book without any."""
    return as_day(run_sql(session, totals_sql.FIRST_ENTRY_DAY).scalar())

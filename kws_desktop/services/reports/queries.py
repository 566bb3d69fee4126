"""Journal aggregates in SQL, shared by the statements, the cash book and the dashboard.

Session-level helpers: they take a session and never commit. Amounts are signed as in the
journal (debit positive, credit negative) unless a name says otherwise.

The sums come from the journal's totals per account and day (store/totals.py), kept by the
journal's own trigger, so their cost follows the number of days and accounts, not of entries.
Before a session reads them it checks they are current (`uses_totals`); when they are not (their
trigger dropped, a line they have not seen) every sum is a scan of the journal lines instead, the
same figures more slowly, until `kws-desktop rebuild-totals` makes them again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from kws_desktop.core.accounts import CASH_ACCOUNTS
from kws_desktop.i18n import current_language
from kws_desktop.store import totals
from kws_desktop.store.models.book import (Account, AccountDayTotal, CashCounterDayTotal, JournalEntry,
                                           JournalLine)


@dataclass(frozen=True)
class AccountInfo:
    id: int
    code: str
    name: str
    type: str
    is_cash: bool
    active: bool

    @property
    def sign(self) -> int:
        """+1 for assets and expenses (debit normal), -1 for the rest."""
        return 1 if self.type in ("aset", "beban") else -1


def accounts(session: Session) -> list[AccountInfo]:
    """The book's accounts in code order, named in the current language."""
    en = current_language() == "en"
    return [AccountInfo(a.id, a.code, a.name_en if en else a.name_id, a.type, a.is_cash, a.active)
            for a in session.execute(select(Account).order_by(Account.code)).scalars()]


def uses_totals(session: Session) -> bool:
    """Whether this session reads the totals table (checked once per session)."""
    use = session.info.get("kws_uses_totals")
    if use is None:
        use = session.info["kws_uses_totals"] = totals.current(session.connection())
    return use


def _sums(session: Session, codes_where, *, since: dt.date | None, until: dt.date | None,
          before: dt.date | None = None) -> dict[str, int]:
    """Signed totals by account code of the accounts ``codes_where`` admits, for days in
    [since, until] (and before ``before``), from the totals or from the journal lines."""
    if uses_totals(session):
        day, q = AccountDayTotal.day, (select(Account.code, func.sum(AccountDayTotal.amount))
                                       .join(AccountDayTotal, AccountDayTotal.account_id == Account.id))
    else:
        day, q = JournalEntry.date, (select(Account.code, func.sum(JournalLine.amount))
                                     .join(JournalLine, JournalLine.account_id == Account.id)
                                     .join(JournalEntry, JournalEntry.id == JournalLine.entry_id))
    if codes_where is not None:
        q = q.where(codes_where)
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
    return _sums(session, None, since=since, until=until)


def cash_account_ids(session: Session) -> list[int]:
    return list(session.execute(
        select(Account.id).where(Account.is_cash.is_(True) | Account.code.in_(CASH_ACCOUNTS))).scalars())


def cash_balance(session: Session, *, until: dt.date | None = None,
                 before: dt.date | None = None) -> dict[str, int]:
    """Cash and bank balances by account code, through ``until`` or strictly before ``before``."""
    ids = cash_account_ids(session)
    got = _sums(session, Account.id.in_(ids), since=None, until=until, before=before)
    codes = session.execute(select(Account.code).where(Account.id.in_(ids)).order_by(Account.code))
    return {code: got.get(code, 0) for code in codes.scalars()}


def counter_sums_of_cash_entries(session: Session, start: dt.date, end: dt.date) -> dict[str, int]:
    """For entries in [start, end] that move cash or bank: signed totals of their *other*
    lines, by account code. Their sum is minus the net cash movement of the period (transfers
    between cash and bank have no other lines and so count for nothing)."""
    if uses_totals(session):
        q = (select(Account.code, func.sum(CashCounterDayTotal.amount))
             .join(CashCounterDayTotal, CashCounterDayTotal.account_id == Account.id)
             .where(CashCounterDayTotal.day >= start, CashCounterDayTotal.day <= end)
             .group_by(Account.code))
        return {code: int(total or 0) for code, total in session.execute(q).all()}
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


def has_entries(session: Session, start: dt.date | None, end: dt.date | None) -> bool:
    q = select(JournalEntry.id)
    if start is not None:
        q = q.where(JournalEntry.date >= start)
    if end is not None:
        q = q.where(JournalEntry.date <= end)
    return session.execute(q.limit(1)).first() is not None

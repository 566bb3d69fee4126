"""Journal aggregates in SQL, shared by the statements, the cash book and the dashboard.

Session-level helpers: they take a session and never commit. Amounts are signed as in the
journal (debit positive, credit negative) unless a name says otherwise.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from kws_desktop.core.accounts import CASH_ACCOUNTS
from kws_desktop.i18n import current_language
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine


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


def sums_by_account(session: Session, *, since: dt.date | None = None,
                    until: dt.date | None = None) -> dict[str, int]:
    """Signed journal totals by account code for entries dated in [since, until]."""
    q = (select(Account.code, func.sum(JournalLine.amount))
         .join(JournalLine, JournalLine.account_id == Account.id)
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .group_by(Account.code))
    if since is not None:
        q = q.where(JournalEntry.date >= since)
    if until is not None:
        q = q.where(JournalEntry.date <= until)
    return {code: int(total or 0) for code, total in session.execute(q).all()}


def cash_account_ids(session: Session) -> list[int]:
    return list(session.execute(
        select(Account.id).where(Account.is_cash.is_(True) | Account.code.in_(CASH_ACCOUNTS))).scalars())


def cash_balance(session: Session, *, until: dt.date | None = None,
                 before: dt.date | None = None) -> dict[str, int]:
    """Cash and bank balances by account code, through ``until`` or strictly before ``before``."""
    ids = cash_account_ids(session)
    q = (select(Account.code, func.sum(JournalLine.amount))
         .join(JournalLine, JournalLine.account_id == Account.id)
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .where(Account.id.in_(ids)).group_by(Account.code))
    if until is not None:
        q = q.where(JournalEntry.date <= until)
    if before is not None:
        q = q.where(JournalEntry.date < before)
    got = {code: int(total or 0) for code, total in session.execute(q).all()}
    codes = session.execute(select(Account.code).where(Account.id.in_(ids)).order_by(Account.code))
    return {code: got.get(code, 0) for code in codes.scalars()}


def counter_sums_of_cash_entries(session: Session, start: dt.date, end: dt.date) -> dict[str, int]:
    """For entries in [start, end] that move cash or bank: signed totals of their *other*
    lines, by account code. Their sum is minus the net cash movement of the period (transfers
    between cash and bank have no other lines and so count for nothing)."""
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

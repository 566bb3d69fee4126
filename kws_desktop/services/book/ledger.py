"""Posting to the journal: balanced entries linked to their source, reversal for corrections."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.accounts import CHART, CHART_BY_CODE
from kws_desktop.core.ledger import Posting, UnbalancedEntry, check_balanced, reversed_postings
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, current_language
from kws_desktop.services.book import audit
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_date
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine


def install_chart(session: Session) -> None:
    """Add the standard accounts that the book does not have yet."""
    have = set(session.execute(select(Account.code)).scalars())
    for spec in CHART:
        if spec.code not in have:
            session.add(Account(code=spec.code, name_id=spec.name_id, name_en=spec.name_en,
                                type=spec.type.value, is_cash=spec.is_cash))
    session.flush()
    session.info.pop("kws_account_ids", None)


def _account_ids(session: Session, refresh: bool = False) -> dict[str, int]:
    """Account ids by code, read once per session (accounts are added, never removed)."""
    ids = session.info.get("kws_account_ids")
    if ids is None or refresh:
        ids = session.info["kws_account_ids"] = dict(session.execute(select(Account.code, Account.id)).all())
    return ids


def post_entry(session: Session, *, date: dt.date, description: str, postings: list[Posting],
               source_type: str, source_id: int | None, actor: str,
               check_period: bool = True, reversal_of_id: int | None = None,
               reason: str = "") -> JournalEntry:
    """Post one balanced entry. Zero lines are dropped; an unbalanced entry is refused."""
    postings = [p for p in postings if p.amount != 0]
    try:
        check_balanced(postings)
    except UnbalancedEntry as exc:
        raise UserError(_("Jurnal tidak seimbang; tidak ada yang disimpan.")) from exc
    ensure_date(date)  # also for callers that checked the period themselves
    if check_period:
        ensure_open(session, date)
    ids = _account_ids(session)
    if any(p.account not in ids for p in postings):
        ids = _account_ids(session, refresh=True)
    unknown = [p.account for p in postings if p.account not in ids]
    if unknown:
        raise UserError(_("Akun {code} tidak ada di buku ini.").format(code=unknown[0]))
    entry = JournalEntry(number=next_number(session, "journal", date.year), date=date,
                         description=description[:300], source_type=source_type,
                         source_id=source_id, created_by=actor, reversal_of_id=reversal_of_id,
                         reason=reason[:300], line_count=len(postings))
    entry.lines = [JournalLine(account_id=ids[p.account], amount=p.amount, memo=p.memo[:300],
                               party_kind=p.party_kind, party_id=p.party_id) for p in postings]
    session.add(entry)
    session.flush()
    return entry


def entry_postings(session: Session, entry: JournalEntry) -> list[Posting]:
    codes = dict(session.execute(select(Account.id, Account.code)).all())
    return [Posting(codes[line.account_id], line.amount, line.memo, line.party_kind, line.party_id)
            for line in entry.lines]


def reverse_entry(session: Session, entry: JournalEntry, *, date: dt.date, reason: str,
                  actor: str, source_type: str | None = None) -> JournalEntry:
    """Post the mirror image of `entry`. An entry is reversed at most once."""
    if not reason.strip():
        raise UserError(_("Tuliskan alasan pembatalan."), field="reason")
    already = session.execute(
        select(JournalEntry.id).where(JournalEntry.reversal_of_id == entry.id)).scalar()
    if already is not None:
        raise UserError(_("Jurnal {number} sudah pernah dibalik.").format(number=entry.number))
    reversal = post_entry(session, date=date, description=_("Pembalikan {number}: {reason}").format(
        number=entry.number, reason=reason), postings=reversed_postings(entry_postings(session, entry)),
        source_type=source_type or entry.source_type, source_id=entry.source_id, actor=actor,
        reversal_of_id=entry.id, reason=reason)
    audit.record(session, actor, "reverse", "journal_entry", entry.id, reason=reason,
                 reversal=reversal.number)
    return reversal


@dataclass(frozen=True)
class AccountRow:
    code: str
    name: str
    type: str
    is_cash: bool
    balance: int  # in the account's normal direction (assets and costs debit, others credit)


def account_name(code: str) -> str:
    spec = CHART_BY_CODE.get(code)
    if spec is None:
        return code
    return spec.name_en if current_language() == "en" else spec.name_id


def account_balances(session: Session, *, until: dt.date | None = None,
                     since: dt.date | None = None) -> list[AccountRow]:
    """Every account with its balance, aggregated in SQL."""
    q = (select(JournalLine.account_id, func.sum(JournalLine.amount))
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .group_by(JournalLine.account_id))
    if until is not None:
        q = q.where(JournalEntry.date <= until)
    if since is not None:
        q = q.where(JournalEntry.date >= since)
    sums = dict(session.execute(q).all())
    rows = []
    for acc in session.execute(select(Account).order_by(Account.code)).scalars():
        sign = 1 if acc.type in ("aset", "beban") else -1
        name = acc.name_en if current_language() == "en" else acc.name_id
        rows.append(AccountRow(acc.code, name, acc.type, acc.is_cash, sign * int(sums.get(acc.id) or 0)))
    return rows



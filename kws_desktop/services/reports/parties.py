"""What the KWS owes suppliers (payables), with ageing, from the journal's sub-ledger lines
(``party_kind``/``party_id``). Ageing counts from the journal date of the amounts still open,
oldest paid first. (What customers owe is billing's report: services/billing/reports.py.)
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import column, func, inspect, select, table
from sqlalchemy.orm import Session

from kws_desktop.core.accounts import A
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, format_date, p_
from kws_desktop.services.reports import as_of_text, register_report, resolve_period
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine

BUCKETS = (30, 60, 90)  # days: 0-30, 31-60, 61-90, over 90
PARTY_TABLES = {"supplier": "suppliers", "customer": "customers", "member": "members"}


def party_names(session: Session, kind: str, ids: set[int]) -> dict[int, str]:
    """Names of parties of ``kind`` by id, from the area's table when it exists."""
    name = PARTY_TABLES.get(kind)
    if not ids or name is None or not inspect(session.connection()).has_table(name):
        return {}
    t = table(name, column("id"), column("name"))
    found: dict[int, str] = {}
    chunk = sorted(ids)
    for i in range(0, len(chunk), 500):
        found.update(session.execute(select(t.c.id, t.c.name).where(t.c.id.in_(chunk[i:i + 500]))).all())
    return found


@dataclass(frozen=True)
class AgedBalance:
    party_id: int | None
    name: str
    balance: int
    buckets: tuple[int, int, int, int]


def aged_balances(session: Session, account: str, kind: str, day: dt.date,
                  sign: int) -> list[AgedBalance]:
    """Open balances on ``account`` by party of ``kind`` at ``day``, aged (session-level).

    ``sign`` is +1 for assets (receivables) and -1 for liabilities (payables)."""
    acc_id = session.execute(select(Account.id).where(Account.code == account)).scalar()
    if acc_id is None:
        return []
    base = (select(JournalLine.party_id, func.sum(JournalLine.amount))
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(JournalLine.account_id == acc_id, JournalEntry.date <= day,
                   (JournalLine.party_kind == kind) | JournalLine.party_kind.is_(None))
            .group_by(JournalLine.party_id))
    balances = {pid: sign * int(total or 0) for pid, total in session.execute(base).all()}
    open_ids = [pid for pid, b in balances.items() if b != 0]
    if not open_ids:
        return []
    increases = (select(JournalLine.party_id, JournalEntry.date, JournalLine.amount)
                 .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
                 .where(JournalLine.account_id == acc_id, JournalEntry.date <= day,
                        JournalLine.amount * sign > 0,
                        (JournalLine.party_kind == kind) | JournalLine.party_kind.is_(None))
                 .order_by(JournalLine.party_id, JournalEntry.date.desc(), JournalLine.id.desc()))
    wanted = set(open_ids)
    left = {pid: balances[pid] for pid in open_ids}
    buckets: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for pid, date, amount in session.execute(increases):
        if pid not in wanted or left[pid] <= 0:
            continue
        take = min(left[pid], sign * int(amount))
        left[pid] -= take
        age = (day - date).days
        slot = next((i for i, limit in enumerate(BUCKETS) if age <= limit), len(BUCKETS))
        buckets[pid][slot] += take
    names = party_names(session, kind, {p for p in open_ids if p is not None})
    rows = []
    for pid in open_ids:
        b = buckets[pid]
        if balances[pid] < 0:  # paid in advance: nothing to age
            b = [balances[pid], 0, 0, 0]
        name = names.get(pid) if pid is not None else _("(tanpa nama)")
        rows.append(AgedBalance(pid, name or f"#{pid}", balances[pid], tuple(b)))
    rows.sort(key=lambda r: (-r.balance, r.name))
    return rows


def _aged_report(book: Book, end: dt.date | None, *, account: str, kind: str, sign: int,
                 title: str, who: str) -> TabularReport:
    period = resolve_period(None, end)
    with book.reading() as s:
        rows_data = aged_balances(s, account, kind, period.end, sign)
    cols = [Column("nama", who), Column("saldo", _("Saldo"), "money"),
            Column("b0", _("0-30 hari"), "money"), Column("b1", _("31-60 hari"), "money"),
            Column("b2", _("61-90 hari"), "money"), Column("b3", _("> 90 hari"), "money")]
    rows = [Row({"nama": r.name, "saldo": r.balance, "b0": r.buckets[0], "b1": r.buckets[1],
                 "b2": r.buckets[2], "b3": r.buckets[3]}) for r in rows_data]
    notes = []
    if rows:
        rows.append(Row({"nama": p_("baris total", "Jumlah"), "saldo": sum(r.balance for r in rows_data),
                         **{f"b{i}": sum(r.buckets[i] for r in rows_data) for i in range(4)}},
                        "total"))
    else:
        notes.append(_("Tidak ada saldo terbuka per {date}.").format(date=format_date(period.end)))
    notes.append(_("Umur dihitung dari tanggal pencatatan; yang paling lama dianggap dibayar lebih "
                   "dulu."))
    return TabularReport(title=title, subtitle=as_of_text(period.end), columns=cols, rows=rows,
                         notes=notes)


def build_payables(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    return _aged_report(book, end, account=A.PAYABLES, kind="supplier", sign=-1,
                        title=_("Daftar Utang kepada Pemasok"), who=_("Pemasok"))


register_report("payables", N_("Daftar Utang"), build_payables, needs_period=False, order=61)

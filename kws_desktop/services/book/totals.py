"""The journal's totals per account and day: `check` compares them with the journal, and
`kws-desktop rebuild-totals BOOK` makes them again from it in one transaction."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from kws_desktop.i18n import _, format_date, format_rupiah
from kws_desktop.services.book.ledger import account_name
from kws_desktop.store import totals
from kws_desktop.store.book import Book


def totals_problems(session) -> list[str]:
    """The totals that differ from a full scan of the journal, as one sentence (session-level)."""
    count, shown = totals.differences(session.connection(), limit=1)
    if not count:
        return []
    first = shown[0]
    return [_("Jumlah harian per akun tidak cocok dengan jurnal di {n} tempat, misalnya akun {account} "
              "tanggal {date}: menurut jurnal {journal}, tercatat {kept}. Perbaiki dengan perintah: "
              "kws-desktop rebuild-totals BUKU").format(
        n=count, account=f"{account_name(first.account_code)} ({first.account_code})", date=format_date(first.day),
        journal=format_rupiah(first.journal), kept=format_rupiah(first.kept))]


@dataclass(frozen=True)
class RebuiltTotals:
    differed: int   # rows that differed from the journal before
    rows: int       # rows the totals hold now


def rebuild_totals(book: Book) -> RebuiltTotals:
    """Make the totals again from the journal, in one transaction."""
    with book.transaction() as s:
        conn = s.connection()
        differed, _shown = totals.differences(conn, limit=0)
        totals.refill(conn)
        rows = sum(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in totals.SCANS)
    return RebuiltTotals(differed, rows)

"""The journal's totals per account and day: filled from the journal, compared with it, trusted.

The tables (`account_day_totals`, `cash_counter_day_totals`, store/models/book.py) are kept by the
trigger `journal_lines_totals` (store/guards.py) in the same statement as every journal line.
Here: the full scan they must equal (`differences`, for `check`), their refill (`refill`, inside
the caller's transaction) and the cheap test a report makes before it reads them (`current`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, text

from kws_desktop.store import guards
from kws_desktop.store.totals_triggers import CASH_CONDITION, NEWEST_LINE, NEWEST_LINE_SEEN

_CASH = CASH_CONDITION

# (table, the journal scanned into that table's rows: account_id, day, amount, lines, last line)
SCANS = {
    "account_day_totals": (
        "SELECT l.account_id, e.date, sum(l.amount), count(*), max(l.id) FROM journal_lines l "
        "JOIN journal_entries e ON e.id = l.entry_id GROUP BY l.account_id, e.date"),
    "cash_counter_day_totals": (
        "SELECT l.account_id, e.date, sum(l.amount), count(*), max(l.id) FROM journal_lines l "
        "JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id "
        f"WHERE NOT {_CASH} AND EXISTS (SELECT 1 FROM journal_lines c JOIN accounts a ON "
        f"a.id = c.account_id WHERE c.entry_id = l.entry_id AND {_CASH}) GROUP BY l.account_id, e.date"),
}
_COLUMNS = {"account_day_totals": "account_id, day, amount, lines, last_line_id",
            "cash_counter_day_totals": "account_id, day, amount, lines"}


@dataclass(frozen=True)
class Mismatch:
    table: str
    account_code: str
    day: dt.date
    journal: int   # the amount a scan of the journal gives (0: no line that day)
    kept: int      # the amount the table holds (0: no row)
    journal_lines: int
    kept_lines: int


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def differences(conn: Connection, limit: int = 20) -> tuple[int, list[Mismatch]]:
    """(how many rows differ, the first ``limit`` of them) between each totals table and a full
    scan of the journal lines."""
    codes = dict(conn.execute(text("SELECT id, code FROM accounts")).all())
    count, shown = 0, []
    for table, scan in SCANS.items():
        journal = {(a, _day(d)): (int(amount), int(n)) for a, d, amount, n, _last in conn.execute(text(scan))}
        kept = {(a, _day(d)): (int(amount), int(n)) for a, d, amount, n in conn.execute(text(
            f"SELECT account_id, day, amount, lines FROM {table}"))}
        for key in sorted(set(journal) | set(kept), key=lambda k: (k[1], codes.get(k[0], ""))):
            want, have = journal.get(key, (0, 0)), kept.get(key, (0, 0))
            if want != have:
                count += 1
                if len(shown) < limit:
                    shown.append(Mismatch(table, codes.get(key[0], f"#{key[0]}"), key[1], want[0], have[0],
                                          want[1], have[1]))
    return count, shown


def refill(conn: Connection) -> None:
    """Make both tables again from the journal, inside the caller's transaction (their guards,
    which refuse deleting rows, are lifted and put back within it)."""
    guards.allow_refilling_totals(conn)
    for table, scan in SCANS.items():
        conn.execute(text(f"DELETE FROM {table}"))
        select = scan if table == "account_day_totals" else scan.replace(", max(l.id) FROM", " FROM", 1)
        conn.execute(text(f"INSERT INTO {table} ({_COLUMNS[table]}) {select}"))
    guards.install_totals_guards(conn)


def current(conn: Connection) -> bool:
    """Whether the totals can be trusted without a scan: the triggers that keep them are in force
    as defined, and they have seen the newest journal line. Both are index or catalogue lookups,
    whatever the size of the book. (A table changed behind the guards' back is what `check`
    finds, by the full comparison.)"""
    if not guards.totals_kept(conn):
        return False
    newest = conn.execute(text(NEWEST_LINE)).scalar()
    seen = conn.execute(text(NEWEST_LINE_SEEN)).scalar()
    return newest == seen

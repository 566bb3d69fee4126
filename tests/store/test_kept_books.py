"""Every book made by an earlier version (tests/books/<label>/, recorded by tests/books/record.py
with the app of that time) opens with today's code: migrated after the verified pre-upgrade
backup, `check` clean, every row it held still there unchanged (journal, documents, photos), its
guards as a fresh book's, and its lists and reports equal to what that version printed.
Books made before 1.0 are recognised by what they hold, whatever their stamp says."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kws_desktop import cli
from kws_desktop.paths import backups_dir
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store import backup as store_backup
from kws_desktop.store import guards, migrate

BOOKS = sorted(p.parent for p in (Path(__file__).parents[1] / "books").glob("*/made.json"))
# Differences from what a version printed that were made on purpose: {(label, report): reason}.
_ONE_EQUITY = ("issue 19: one SAK EMKM equity presentation in every period: earlier years closed "
               "into Saldo Laba, the year's profit and the profit sharing taken from it on their own "
               "lines, so 31 December reads the same in that year's report and the next one's")
_UNITS_LIKE_PERFORMANCE = ("issue 19: the program report says its stages are today's and adds the "
                           "units finished and handed over in the period, counted as the "
                           "performance report counts them")
_PROFIT_OF_FINISHED_JOBS = ("issue 19: profit only for finished jobs; an order not started no "
                            "longer counts at 100% margin in the total")
_JOB_COST_ACCOUNT = ("revision 0007: the account 5-8000 Beban Lain-lain Pekerjaan (a job's other costs, "
                     "in cost of sales) is added to every book; its P&L line reads 0 until a cost "
                     "is posted there, earlier postings stay on 6-1000")
_ONE_PERCENT_RULE = ("issue 19.7: every percentage by one rule (core/percent.py: one decimal, a half "
                     "away from zero); the CSV holds the ratio the PDF prints, 0.200 for 20,0%, not 0.1998")
_KEPT = ("0.1.0-before-advance", "0.1.0-before-cash", "0.1.0-cash-unguarded", "0.1.0-pre-0003",
         "1.0.0")
ACCEPTED: dict[tuple[str, str], str] = {
    (label, report): reason for label in _KEPT
    for report, reason in (("financial-position", _ONE_EQUITY), ("program", _UNITS_LIKE_PERFORMANCE),
                           ("orders", _PROFIT_OF_FINISHED_JOBS), ("performance", _ONE_PERCENT_RULE))}
# Rows a report prints now that that version did not, on purpose (the rest must be as printed):
# {report: (rows, reason)}.
ACCEPTED_REPORT_ROWS: dict[str, tuple[tuple[list[str], ...], str]] = {
    "profit-loss": ((["Beban Lain-lain Pekerjaan", "0"],), _JOB_COST_ACCOUNT)}
# Report columns whose text now goes on after what that version printed, on purpose (every
# other cell as printed): {report: (column, reason)}.
ACCEPTED_REPORT_NAME_ADDITIONS: dict[str, tuple[int, str]] = {
    "receivables": (0, "issue 19: a household payer is named with its village (\"Kosim Nurdin, "
                       "Sumur Bandung\"), as the orders report does: namesakes told apart")}
# Report cells that now read otherwise, on purpose: {(label, report): ({row's first cell: its
# value now}, reason)}; every other cell as printed.
_KASBON_FROM_SHARES = ("cash flow: a kasbon a payout deducts is settled first against its wages, then "
                       "against its bagi hasil; UPH-2026-0007 (bagi hasil only) settled Rp175.000 of "
                       "kasbon, so 'Pembayaran bagi hasil anggota' is its net paid in cash and the "
                       "wages and kasbon line no longer counts the kasbon settled as money received")
ACCEPTED_REPORT_CELLS: dict[tuple[str, str], tuple[dict[str, str], str]] = {
    (label, "cash-flow"): ({"Pembayaran upah dan kasbon anggota": "-6900000",
                            "Arus kas bersih dari aktivitas operasi": "-10639366",
                            "Pembayaran bagi hasil anggota": "-2258583",
                            "Arus kas bersih dari aktivitas pendanaan": "65691417"}, _KASBON_FROM_SHARES)
    for label in ("0.1.0-before-advance", "1.0.0")}

# Keys of a list whose values were changed on purpose in every kept book: {kind: (keys, reason)}.
ACCEPTED_LIST_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "orders": (("margin",), "issue 19: the profit of a job is known once it is finished; an order "
                            "not finished or cancelled has none (null), not its whole price"),
    "materials": (("stock_qty", "min_stock"), "issue 19: quantities in plain digits, 500 not 5E+2"),
}

# Rows an upgrade adds to a table an old book had, on purpose: {table: (SQL condition, reason)}.
# Every other row stays as it was; these are there exactly once.
ADDED_ROWS: dict[str, tuple[str, str]] = {"accounts": ("code = '5-8000'", _JOB_COST_ACCOUNT)}
# Rows a list shows now that that version did not print, on purpose: {kind: (key, values, reason)}.
ACCEPTED_LIST_ROWS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "accounts": ("code", ("5-8000",), _JOB_COST_ACCOUNT)}


# Where a guard holds only for some rows (sent quotes, accounts in use, ...): (rows, a change).
SENT = "quote_id IN (SELECT id FROM quotes WHERE status <> 'draft')"
ATTACKS = {
    "number_sequences": ("1", "last = last - 1"),
    "orders": ("1", "price = price + 1"),
    "quotes": ("status <> 'draft'", "total = total + 1"),
    "quote_items": (SENT, "amount = amount + 1"),
    "quote_payers": (SENT, "amount = amount + 1"),
    "quote_item_components": ("item_id IN (SELECT id FROM quote_items WHERE " + SENT + ")", "amount = amount + 1"),
    "accounts": ("id IN (SELECT account_id FROM journal_lines)", "code = code || 'x'"),
    "attachments": ("id IN (SELECT attachment_id FROM purchases)", "data = x'00'"),
}


def _meta(folder: Path) -> dict:
    return json.loads((folder / "made.json").read_text(encoding="utf-8"))


@pytest.fixture(params=BOOKS, ids=[p.name for p in BOOKS])
def kept(request, tmp_path):
    """(folder, the kept book's original copy, the copy today's code opens)."""
    folder = request.param
    original = tmp_path / "asli.kws"
    shutil.copy(folder / "book.kws", original)
    target = tmp_path / "kelompok.kws"
    shutil.copy(folder / "book.kws", target)
    return folder, original, target


def _rows(path: Path, table: str, columns: list[str], where: str = "1") -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        return sorted(con.execute(f'SELECT {cols} FROM "{table}" WHERE {where}').fetchall(), key=repr)
    finally:
        con.close()


def _tables(path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')] for t in names}
    finally:
        con.close()


def test_there_are_kept_books_of_every_era():
    stamps = {_meta(p)["stamp"] for p in BOOKS}
    assert {"0002", "0003"} <= stamps, "books of the 0.x versions must be kept"
    assert len(BOOKS) >= 4


def test_opens_migrated_with_every_row_kept(kept):
    folder, original, target = kept
    book = open_book(target)
    try:
        assert check_book(book) == []
    finally:
        book.close(backup=False)
    con = sqlite3.connect(target)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head_revision()
    con.close()
    for table, columns in _tables(original).items():
        if table == "alembic_version":
            continue
        added = ADDED_ROWS.get(table, ("0", ""))[0]
        assert _rows(target, table, columns, f"NOT ({added})") == _rows(original, table, columns), table
        if table in ADDED_ROWS:
            assert not _rows(original, table, columns, added)
            assert len(_rows(target, table, columns, added)) == 1, table
    # Tables an old book did not have are new, so no old row is there to keep. The journal's totals
    # (revision 0006) are filled from the book's own journal (`check` above proved them equal to it);
    # here they are summed once more straight from the old file.
    new = set(_tables(target)) - set(_tables(original))
    assert set(guards.TOTALS_TABLES) <= new
    assert _rows(target, "account_day_totals", ["account_id", "day", "amount", "lines"]) == sorted(
        sqlite3.connect(original).execute(
            "SELECT l.account_id, e.date, sum(l.amount), count(*) FROM journal_lines l JOIN journal_entries e "
            "ON e.id = l.entry_id GROUP BY l.account_id, e.date").fetchall(), key=repr)
    # the verified pre-upgrade backup holds the book exactly as it was
    if _meta(folder)["stamp"] == migrate.head_revision():
        return  # the newest release's book: nothing to upgrade yet, so no pre-upgrade copy
    here = store_backup.automatic_folder(backups_dir(), target)  # copies of this kept book elsewhere share its id
    kept_copies = [b for b in store_backup.list_backups(target, backups_dir())
                   if b.reason == "sebelum-pembaruan" and b.path.parent == here]
    assert len(kept_copies) == 1
    assert store_backup.integrity_ok(kept_copies[0].path)
    for table, columns in _tables(original).items():
        assert _rows(kept_copies[0].path, table, columns) == _rows(original, table, columns), table


def test_guards_hold_after_the_upgrade(kept):
    _folder, _original, target = kept
    open_book(target).close(backup=False)
    from sqlalchemy import create_engine
    engine = create_engine(f"sqlite:///{target}")
    with engine.connect() as conn:
        assert guards.differences(conn) == []
    engine.dispose()
    con = sqlite3.connect(target)
    try:
        attacked = 0
        for table in guards.GUARDED_TABLES:
            where, change = ATTACKS.get(table, ("1", "id = id + 100000"))
            if con.execute(f"SELECT 1 FROM {table} WHERE {where} LIMIT 1").fetchone() is None:
                continue
            attacked += 1
            with pytest.raises(sqlite3.DatabaseError, match="immutable"):
                con.execute(f"DELETE FROM {table} WHERE {where}")
            with pytest.raises(sqlite3.DatabaseError, match="immutable"):
                con.execute(f"UPDATE {table} SET {change} WHERE {where}")
        assert attacked >= 30
    finally:
        con.close()


def _cli_json(capsys, *args) -> object:
    capsys.readouterr()
    assert cli.main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def _csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    """Rows of a CSV file: the kept ones were written with ',', today's reports with ';'."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delimiter))


def _without(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in keys} for row in rows]


def test_lists_and_reports_equal_what_that_version_printed(kept, capsys, tmp_path):
    folder, _original, target = kept
    meta = _meta(folder)
    open_book(target).close(backup=False)
    printed = json.loads((folder / "lists.json").read_text(encoding="utf-8"))
    for kind, rows in printed.items():
        now = _cli_json(capsys, "list", kind, str(target), "--format", "json")
        if kind in ACCEPTED_LIST_ROWS:
            key, added, _reason = ACCEPTED_LIST_ROWS[kind]
            assert sorted(r[key] for r in now if r[key] in added) == sorted(added), kind
            now = [r for r in now if r[key] not in added]
        changed = ACCEPTED_LIST_KEYS.get(kind, ((), ""))[0]
        assert _without(now, changed) == _without(rows, changed), kind
    start, end = meta["period"]
    for kind, name in meta["reports"].items():
        out = tmp_path / f"{kind}.csv"
        assert cli.main(["report", kind, str(target), "--from", start, "--to", end,
                         "--out", str(out), "--format", "csv"]) == 0
        if (folder.name, kind) not in ACCEPTED:
            now = _csv(out, ";")
            for added in ACCEPTED_REPORT_ROWS.get(kind, ((), ""))[0]:
                assert now.count(added) == 1, (kind, added)
                now.remove(added)
            then = _csv(folder / name)
            cells = ACCEPTED_REPORT_CELLS.get((folder.name, kind), ({}, ""))[0]
            assert sum(bool(row) and row[0] in cells for row in then) == len(cells), (kind, cells)
            then = [[row[0], cells[row[0]], *row[2:]] if row and row[0] in cells else row for row in then]
            if kind in ACCEPTED_REPORT_NAME_ADDITIONS and len(now) == len(then):
                column = ACCEPTED_REPORT_NAME_ADDITIONS[kind][0]
                for row_now, row_then in zip(now, then):
                    if len(row_now) > column and len(row_then) > column:
                        assert row_now[column].startswith(row_then[column]), (kind, row_now, row_then)
                        row_now[column] = row_then[column]
            assert now == then, kind


def test_a_look_without_migrating_leaves_the_book_as_it_was(kept, capsys):
    folder, original, target = kept
    printed = json.loads((folder / "lists.json").read_text(encoding="utf-8"))
    assert _cli_json(capsys, "list", "receipts", str(target), "--format", "json") == printed["receipts"]
    assert cli.main(["check", str(target)]) == 0
    assert target.read_bytes() == original.read_bytes()
    assert not list(target.parent.glob("*.pembaruan*"))

#!/usr/bin/env python3
"""A benchmark book of about 1,000,000 journal entries, built in minutes: for the benchmark only.

    python benchmarks/bulk_book.py SOURCE.kws OUT.kws [--entries 1000000] [--seed 11]

Building such a book through the services takes about 13 ms of CPU per entry (hours). This copies
a book made through the services (the benchmark's 100,000-entry demo book) and adds cash entries
(other income, other expenses: bukti kas masuk/keluar) until the journal holds ``--entries``,
written in batches of plain INSERTs inside one transaction, with the book's triggers in force
(the journal's guards and its totals see every line, as they would for the services' writes).

The same rules as `services.cash.entries.record_cash_entry_in` hold: the services' own validation
of each entry, a balanced journal entry (core.ledger), numbers from the book's sequences with no
gap, only dates in the open period (after the last closed one), no expense beyond the money in the
account, one audit event per entry. `kws-desktop check OUT.kws` passes on the result.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kws_desktop.core.accounts import A  # noqa: E402
from kws_desktop.core.ledger import check_balanced, credit, debit  # noqa: E402
from kws_desktop.core.numbering import format_doc_number  # noqa: E402
from kws_desktop.services.cash.entries import EXPENSE_CATEGORIES, INCOME_CATEGORIES, _validate  # noqa: E402

BATCH = 20_000
ACTOR = "benchmark@bulk"
INCOME_TEXT = ("Sumbangan warga untuk kas kelompok", "Jasa giro (bunga bank) setelah pajak",
               "Sewa molen ke kelompok lain")
EXPENSE_TEXT = ("Beli ATK dan fotokopi", "Pulsa dan kuota ketua", "Ongkos angkut bahan",
                "Sewa cetakan buis beton", "Biaya rapat bulanan", "Retribusi izin kerja")
EXPENSE_CODES = tuple(code for code, _l in EXPENSE_CATEGORIES if code != A.EQUIPMENT)


def _open_period(con: sqlite3.Connection) -> tuple[dt.date, dt.date]:
    closed = con.execute("SELECT max(period_end) FROM period_closes WHERE reopened_at IS NULL").fetchone()[0]
    last = con.execute("SELECT max(date) FROM journal_entries").fetchone()[0]
    first = dt.date.fromisoformat(closed) + dt.timedelta(days=1) if closed else dt.date.fromisoformat(last).replace(month=1, day=1)
    return first, dt.date.fromisoformat(last)


def _next(con: sqlite3.Connection, table: str) -> int:
    return (con.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1


def build(source: Path, out: Path, entries: int, seed: int) -> dict:
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    shutil.copy(source, out)
    con = sqlite3.connect(out, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    have = con.execute("SELECT count(*) FROM journal_entries").fetchone()[0]
    wanted = max(0, entries - have)
    first, last = _open_period(con)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    ids = {code: i for code, i in con.execute("SELECT code, id FROM accounts")}
    balance = {code: con.execute("SELECT coalesce(sum(amount), 0) FROM journal_lines WHERE account_id = ?",
                                 (ids[code],)).fetchone()[0] for code in (A.CASH, A.BANK)}
    seq = {(kind, day.year): 0 for kind in ("journal", "income", "expense") for day in days}
    for kind, year, n in con.execute("SELECT kind, year, last FROM number_sequences"):
        if (kind, year) in seq:
            seq[(kind, year)] = n
    rng = random.Random(seed)
    entry_id, line_id, cash_id, audit_id = (_next(con, t) for t in
                                            ("journal_entries", "journal_lines", "cash_entries", "audit_log"))
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    con.execute("BEGIN IMMEDIATE")
    made = 0
    while made < wanted:
        rows_e, rows_l, rows_c, rows_a = [], [], [], []
        for _ in range(min(BATCH, wanted - made)):
            # the day's entries in date order, spread evenly over the open period
            day = days[made * len(days) // wanted]
            money = rng.choice((A.CASH, A.BANK))
            if rng.random() < 0.5:
                kind, other, text = "income", INCOME_CATEGORIES[0][0], rng.choice(INCOME_TEXT)
                amount = rng.randrange(50, 1500) * 1000
            else:
                kind, other, text = "expense", rng.choice(EXPENSE_CODES), rng.choice(EXPENSE_TEXT)
                amount = rng.randrange(20, 1200) * 1000
                if amount > balance[money]:  # the services refuse an expense beyond the balance
                    kind, other, text = "income", INCOME_CATEGORIES[0][0], rng.choice(INCOME_TEXT)
            _validate(kind, "cash" if money == A.CASH else "bank", other, amount, text)
            postings = ([debit(money, amount), credit(other, amount)] if kind == "income"
                        else [debit(other, amount), credit(money, amount)])
            check_balanced(postings)
            balance[money] += amount if kind == "income" else -amount
            seq[(kind, day.year)] += 1
            seq[("journal", day.year)] += 1
            number = format_doc_number(kind, day.year, seq[(kind, day.year)])
            rows_e.append((entry_id, format_doc_number("journal", day.year, seq[("journal", day.year)]),
                           day.isoformat(), f"{number} {text}", "cash_entry", cash_id, "", now, ACTOR, 2))
            for p in postings:
                rows_l.append((line_id, entry_id, ids[p.account], p.amount, "", None, None))
                line_id += 1
            rows_c.append((cash_id, number, day.isoformat(), kind, money, other, amount, text, "", entry_id,
                           now, ACTOR, "posted", ""))
            rows_a.append((audit_id, now, ACTOR, "create", "cash_entry", cash_id,
                           json.dumps({"number": number, "kind": kind, "amount": amount})))
            entry_id, cash_id, audit_id, made = entry_id + 1, cash_id + 1, audit_id + 1, made + 1
        con.executemany("INSERT INTO journal_entries (id, number, date, description, source_type, source_id, "
                        "reason, created_at, created_by, line_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows_e)
        con.executemany("INSERT INTO journal_lines (id, entry_id, account_id, amount, memo, party_kind, party_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows_l)
        con.executemany("INSERT INTO cash_entries (id, number, date, kind, money_account, other_account, amount, "
                        "description, party, journal_entry_id, created_at, created_by, status, void_reason) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows_c)
        con.executemany("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows_a)
        print(f"  {have + made:,} entries ({time.perf_counter() - started:.0f} s)", flush=True)
    for (kind, year), n in seq.items():  # (the guards refuse an upsert over a sequence row)
        known = con.execute("SELECT last FROM number_sequences WHERE kind = ? AND year = ?", (kind, year)).fetchone()
        if known is None and n:
            con.execute("INSERT INTO number_sequences (kind, year, last) VALUES (?, ?, ?)", (kind, year, n))
        elif known is not None and n > known[0]:
            con.execute("UPDATE number_sequences SET last = ? WHERE kind = ? AND year = ?", (n, kind, year))
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"entries": have + made, "added": made, "open_period": [first.isoformat(), last.isoformat()],
            "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    print(json.dumps(build(args.source, args.out, args.entries, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

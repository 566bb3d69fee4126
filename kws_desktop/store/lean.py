"""The lean reading path: a SQLite book read with the standard library's sqlite3 alone.

Reading commands (`report profit-loss BOOK`) and the window's first dashboard figures need only
the journal's totals; importing SQLAlchemy and the 57 mapped classes costs several times what the
sums do. `open_trusted` opens the file read-only and hands back a connection only when the book
may be read this way, on the same conditions the full path checks before it trusts the totals
(store/totals.py `current`): a KWS Desktop book at the head revision of this program, the
totals' trigger and guards in force as defined (store/totals_triggers.py), and the totals caught
up with the newest journal line. Anything else (a PostgreSQL URL, a missing or foreign file, an
older or newer schema, stale totals, a damaged page) gives None, and the caller takes the full
path, which says what is wrong in its own words.

No SQLAlchemy, no models, no Alembic here (tests/store/test_lean.py runs a command in a fresh
interpreter and looks at sys.modules).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from kws_desktop.store import revisions
from kws_desktop.store.totals_triggers import (NEWEST_LINE, NEWEST_LINE_SEEN, SQLITE_TOTALS_TRIGGERS,
                                               TOTALS_TABLES, flat, sqlite_totals_statements)

SQLITE_HEADER = b"SQLite format 3\x00"


def open_trusted(location: str | Path) -> sqlite3.Connection | None:
    """A read-only connection to the book at ``location``, inside one read transaction (one
    snapshot for everything read through it), or None when the lean path may not read it.
    The caller closes the connection."""
    if "://" in str(location):
        return None
    path = Path(location)
    try:
        with open(path, "rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
    except OSError:
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15,
                              isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        con.execute("BEGIN")
        if trusted(con):
            return con
    except sqlite3.Error:
        pass
    con.close()
    return None


def trusted(con: sqlite3.Connection) -> bool:
    """Whether the book behind ``con`` is a KWS Desktop book at this program's head revision
    whose totals may be read without a scan. Catalogue and index lookups only."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"kws_book", "alembic_version", *TOTALS_TABLES} <= tables:
        return False
    if con.execute("SELECT app FROM kws_book LIMIT 1").fetchone() != ("kws-desktop",):
        return False
    head = revisions.head_from_files()
    if head is None or con.execute("SELECT version_num FROM alembic_version").fetchall() != [(head,)]:
        return False
    have = dict(con.execute(SQLITE_TOTALS_TRIGGERS).fetchall())
    wanted = sqlite_totals_statements(set(TOTALS_TABLES))
    if any(flat(have.get(name)) != flat(sql) for name, sql in wanted.items()):
        return False
    return con.execute(NEWEST_LINE).fetchone() == con.execute(NEWEST_LINE_SEEN).fetchone()

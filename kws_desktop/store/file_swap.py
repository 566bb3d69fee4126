"""Put the contents of one SQLite file into another book file, as one SQLite transaction.

SQLite's backup API writes every page of the source into the target under the target's own
write lock and journal: a reader of the target sees the old book or the new one, a crash or a
full disk halfway leaves the old one, and the file itself (its name, its hard links, the lock
beside it) stays. Used by upgrades, restores and the workshop's reset, instead of replacing the
file and deleting its -wal/-shm by hand.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def page_size(path: Path) -> int:
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()


def replace_contents(target: Path, source: Path) -> None:
    """`target` (an existing book, not open for writing anywhere) holds what `source` holds.
    Raises sqlite3.Error or OSError when it could not; the target is then as it was."""
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=15)
    try:
        dst = sqlite3.connect(Path(target), timeout=15)
        try:
            dst.execute("PRAGMA busy_timeout = 15000")
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()


def put_in_place(source: Path, book: Path) -> None:
    """Make the book file hold the verified copy `source` (a restore, a workshop reset). The
    caller holds the book's writer lock. A whole book gets the new content through the backup API
    (see above); a damaged or missing one is replaced by a verified copy, its stale -wal/-shm gone.
    Raises BackupError, sqlite3.Error or OSError with the book as it was."""
    from kws_desktop.store.backup import copy_verified, integrity_ok
    book = Path(book)
    if book.exists() and integrity_ok(book):
        replace_contents(book, source)
        return
    tmp = book.with_name(book.name + ".pulih")
    copy_verified(source, tmp)
    try:
        _set_aside(book)
        os.replace(tmp, book)
    finally:
        tmp.unlink(missing_ok=True)


def _set_aside(book: Path) -> None:
    """A damaged book and its -wal are kept beside it (BOOK.rusak-STAMP…), never deleted: what they
    still hold may be rescued by hand."""
    import datetime as dt
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal"):
        part = Path(str(book) + suffix)
        if part.exists():
            os.replace(part, book.with_name(f"{book.name}.rusak-{stamp}{suffix}"))
    Path(str(book) + "-shm").unlink(missing_ok=True)

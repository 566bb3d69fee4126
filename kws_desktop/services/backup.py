"""Backups the user asks for, and restoring one with a preview of what it holds."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kws_desktop.errors import BookError, UserError
from kws_desktop.i18n import _
from kws_desktop.paths import backups_dir
from kws_desktop.store import backup as store_backup
from kws_desktop.store.book import open_book as store_open


def _backup_reason(exc: Exception) -> str:
    """A failed copy's reason in words: the disk's (full, read-only, no permission) when it is one."""
    from kws_desktop.os_errors import os_reason
    cause = exc.__cause__
    if isinstance(cause, OSError) or "disk" in str(exc).lower() or "readonly" in str(exc).lower():
        return os_reason(cause if isinstance(cause, OSError) else exc)
    return str(exc)


def backup_book(book_path: Path, out: Path) -> Path:
    """A verified copy of `book_path` at `out`; safe while the book is open elsewhere."""
    with store_open(book_path, read_only=True):
        pass  # refuses what is not a book, with the usual clear message
    if out.exists() and out.is_dir():
        out = out / f"{book_path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.kws"
    if out.resolve() == book_path.resolve():
        raise UserError(_("Cadangan tidak boleh menimpa buku itu sendiri."))
    try:
        return store_backup.copy_verified(book_path, out)
    except store_backup.BackupError as exc:
        raise UserError(_("Cadangan gagal dibuat: {reason}").format(reason=_backup_reason(exc))) from exc


@dataclass(frozen=True)
class BackupPreview:
    path: Path
    taken_at: dt.datetime | None
    kws_name: str
    journal_entries: int
    last_entry_date: dt.date | None
    counts: dict[str, int]


_PREVIEW_TABLES = {"customers": "pelanggan", "orders": "pesanan", "payments": "pembayaran",
                   "members": "anggota"}


def preview(path: Path) -> BackupPreview:
    """What a backup holds, read without changing it."""
    if not store_backup.integrity_ok(path):
        raise BookError(_("Cadangan {name} rusak atau bukan buku KWS Desktop.").format(name=path.name))
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "kws_book" not in tables:
            raise BookError(_("Cadangan {name} rusak atau bukan buku KWS Desktop.").format(name=path.name))
        name = (con.execute("SELECT name FROM profile WHERE id = 1").fetchone() or [""])[0]
        n, last = con.execute("SELECT count(*), max(date) FROM journal_entries").fetchone()
        counts = {label: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t, label in _PREVIEW_TABLES.items() if t in tables}
    finally:
        con.close()
    taken = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return BackupPreview(path, taken, name, n, dt.date.fromisoformat(last) if last else None, counts)


def automatic_backups(book_path: Path) -> list[store_backup.BackupFile]:
    return store_backup.list_backups(book_path, backups_dir())


def restore(backup_path: Path, book_path: Path) -> Path:
    """Put a backup in place of the book. The current book is first kept as its own backup.

    The book must be closed (not open for writing anywhere)."""
    preview(backup_path)
    from kws_desktop.store.lock import BookLock, BookLockedError
    lock = BookLock(book_path)
    try:
        lock.acquire()
    except BookLockedError as exc:
        raise UserError(_("Tutup buku ini dulu sebelum memulihkan cadangan.")) from exc
    try:
        if book_path.exists() and store_backup.integrity_ok(book_path):
            store_backup.automatic_backup(book_path, backups_dir(), "sebelum-pemulihan")
        tmp = book_path.with_name(book_path.name + ".restore")
        store_backup.copy_verified(backup_path, tmp)
        for suffix in ("-wal", "-shm"):
            Path(str(book_path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, book_path)
    except store_backup.BackupError as exc:
        raise UserError(_("Pemulihan gagal: {reason}").format(reason=_backup_reason(exc))) from exc
    finally:
        lock.release()
    return book_path

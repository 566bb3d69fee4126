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
from kws_desktop.store import migrate
from kws_desktop.store.book import open_book as store_open
from kws_desktop.store.file_swap import put_in_place
from kws_desktop.store.lock import BookLock, BookLockedError


def _backup_reason(exc: Exception) -> str:
    """A failed copy's reason in words: the disk's (full, read-only, no permission) when it is one."""
    from kws_desktop.os_errors import os_reason
    if isinstance(exc, OSError):
        return os_reason(exc)
    cause = exc.__cause__
    if isinstance(cause, OSError) or "disk" in str(exc).lower() or "readonly" in str(exc).lower():
        return os_reason(cause if isinstance(cause, OSError) else exc)
    return str(exc)


def backup_book(book_path: Path, out: Path) -> Path:
    """A verified copy of `book_path` at `out`; safe while the book is open elsewhere. A target
    that is a book open for writing somewhere (or the book itself under another name) is refused:
    overwriting it would lose what its writer saves."""
    with store_open(book_path, read_only=True):
        pass  # refuses what is not a book, with the usual clear message
    if out.exists() and out.is_dir():
        out = out / f"{book_path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.kws"
    if out.exists() and os.path.samefile(out, book_path) or out.resolve() == book_path.resolve():
        raise UserError(_("Cadangan tidak boleh menimpa buku itu sendiri."))
    lock = _hold_target(out)
    try:
        return store_backup.copy_verified(book_path, out)
    except store_backup.BackupError as exc:
        raise UserError(_("Cadangan gagal dibuat: {reason}").format(reason=_backup_reason(exc))) from exc
    finally:
        if lock is not None:
            lock.release()


def _hold_target(out: Path) -> BookLock | None:
    """Take the writer lock of an existing target file, so no writer can have it open meanwhile."""
    if not out.exists():
        return None
    lock = BookLock(out)
    try:
        lock.acquire()
    except BookLockedError:
        raise UserError(_("{name} sedang dibuka untuk ditulis di tempat lain; cadangan tidak ditulis "
                          "di atasnya. Pilih nama berkas lain.").format(name=out.name)) from None
    except OSError as exc:
        raise UserError(_("Cadangan gagal dibuat: {reason}").format(reason=_backup_reason(exc))) from exc
    return lock


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
    """What a backup holds, read without changing it. A damaged or foreign file, or a book from a
    newer version (which this version could not open after restoring it), is refused."""
    not_a_backup = BookError(_("Cadangan {name} rusak atau bukan buku KWS Desktop.").format(name=path.name))
    if not path.is_file() or not store_backup.integrity_ok(path):
        raise not_a_backup
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"kws_book", "alembic_version", "journal_entries", "profile"} <= tables:
                raise not_a_backup
            app = con.execute("SELECT app FROM kws_book LIMIT 1").fetchone()
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            if not app or app[0] != "kws-desktop":
                raise not_a_backup
            if not revision or revision[0] not in migrate.known_revisions():
                raise BookError(_("Cadangan {name} dibuat oleh versi KWS Desktop yang lebih baru; "
                                  "perbarui aplikasi dulu untuk memulihkannya.").format(name=path.name))
            name = (con.execute("SELECT name FROM profile WHERE id = 1").fetchone() or [""])[0]
            n, last = con.execute("SELECT count(*), max(date) FROM journal_entries").fetchone()
            counts = {label: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t, label in _PREVIEW_TABLES.items() if t in tables}
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise not_a_backup from exc
    taken = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return BackupPreview(path, taken, name, n, dt.date.fromisoformat(last) if last else None, counts)


def automatic_backups(book_path: Path) -> list[store_backup.BackupFile]:
    return store_backup.list_backups(book_path, backups_dir())


def restore(backup_path: Path, book_path: Path) -> Path:
    """Put a backup in place of the book. The current book is first kept as its own backup
    ("sebelum-pemulihan", listed with the others). The book must not be open for writing."""
    preview(backup_path)
    lock = BookLock(book_path)
    try:
        lock.acquire()
    except BookLockedError as exc:
        raise UserError(_("Tutup buku ini dulu sebelum memulihkan cadangan.")) from exc
    try:
        if book_path.exists() and store_backup.integrity_ok(book_path):
            store_backup.automatic_backup(book_path, backups_dir(), "sebelum-pemulihan")
        put_in_place(backup_path, book_path)
    except (store_backup.BackupError, sqlite3.Error, OSError) as exc:
        raise UserError(_("Pemulihan gagal, buku tidak diubah: {reason}").format(
            reason=_backup_reason(exc))) from exc
    finally:
        lock.release()
    return book_path

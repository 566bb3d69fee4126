"""Verified copies of a SQLite book: SQLite's online backup API, then an integrity check.

Safe while the book is open elsewhere: the backup API copies a consistent snapshot.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from kws_desktop.errors import BackupCancelled, BackupError

KEEP_AUTOMATIC = 10
_STEP_PAGES = 1024  # copy in steps so a backup running in the background can be stopped


def _watch(con: sqlite3.Connection, cancel: threading.Event | None) -> None:
    """Interrupt long statements on `con` once `cancel` is set."""
    if cancel is not None:
        con.set_progress_handler(lambda: 1 if cancel.is_set() else 0, 20_000)


def integrity_ok(path: Path, cancel: threading.Event | None = None) -> bool:
    try:
        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        _watch(con, cancel)
        try:
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled("stopped") from None
        return False


def copy_verified(source: Path, target: Path, cancel: threading.Event | None = None) -> Path:
    """Copy `source` into `target` (a whole, self-contained file) and verify the copy. Setting
    `cancel` (from another thread) stops it soon, leaving no partial file."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        tmp.unlink()

    def step(_status, _remaining, _total):
        if cancel is not None and cancel.is_set():
            raise BackupCancelled("stopped")

    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst, pages=_STEP_PAGES if cancel is not None else -1, progress=step)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one file, no -wal beside it
        finally:
            dst.close()
            src.close()
        if not integrity_ok(tmp, cancel):
            raise BackupError("integrity check failed on the copy")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(str(exc)) from exc
    return target


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


# BOOK-20261203-142501-123456-sebelum-pembaruan.kws (the book's name and the reason may hold "-")
_NAME = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)$")


def book_identity(book_path: Path) -> str | None:
    """The book's own id (kws_book.book_uuid), the same under every name of the file; None when
    it cannot be read (a damaged book)."""
    try:
        con = sqlite3.connect(f"{Path(book_path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = con.execute("SELECT book_uuid FROM kws_book LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


def _place(book_path: Path) -> str:
    return hashlib.sha256(str(Path(book_path).resolve()).encode("utf-8")).hexdigest()[:8]


def automatic_folder(backups_root: Path, book_path: Path, identity: str | None = None) -> Path:
    """This book's backup folder: its name, its identity and its place, so that two books of the
    same file name (in two folders, or two different books) never share or rotate each other's."""
    identity = (identity or book_identity(book_path) or "rusak")[:8]
    return Path(backups_root) / f"{Path(book_path).stem}-{identity}-{_place(book_path)}"


def automatic_backup(book_path: Path, backups_root: Path, reason: str,
                     keep: int = KEEP_AUTOMATIC, cancel: threading.Event | None = None) -> Path:
    """A timestamped verified copy in the book's backup folder; keeps the newest `keep` there."""
    folder = automatic_folder(backups_root, book_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{Path(book_path).stem}-{stamp}-{reason}.kws"
    copy_verified(book_path, target, cancel)
    # the copies made before an upgrade or a restore are the ones messages name: never rotated
    rotating = [b for b in _in_folder(folder) if not b.reason.startswith("sebelum-")]
    for old in rotating[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def _in_folder(folder: Path) -> list[BackupFile]:
    found = []
    for path in folder.glob("*.kws"):
        match = _NAME.match(path.stem)
        if not match:
            continue
        taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        found.append(BackupFile(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def list_backups(book_path: Path, backups_root: Path) -> list[BackupFile]:
    """Backups of this book at this place, newest first (a copy of the book elsewhere shares its id
    but not its backups); for a damaged book, whose id cannot be read, those made at its place."""
    root, stem = Path(backups_root), Path(book_path).stem
    identity = book_identity(book_path)
    if identity:
        folders = [automatic_folder(root, book_path, identity)]
    else:
        folders = list(root.glob(f"*-*-{_place(book_path)}"))
    found = [b for folder in folders if folder.is_dir() for b in _in_folder(folder)]
    if (root / stem).is_dir():  # made by a 0.x version, one folder per file name
        found += [b for b in _in_folder(root / stem)
                  if identity is None or book_identity(b.path) == identity]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)

"""Verified copies of a SQLite book: SQLite's online backup API, then an integrity check.

Safe while the book is open elsewhere: the backup API copies a consistent snapshot.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

KEEP_AUTOMATIC = 10
_STEP_PAGES = 1024  # copy in steps so a backup running in the background can be stopped


class BackupError(Exception):
    pass


class BackupCancelled(BackupError):
    """The backup was stopped (the book is closing); nothing was left behind."""


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


def automatic_folder(backups_root: Path, book_path: Path) -> Path:
    return Path(backups_root) / Path(book_path).stem


def automatic_backup(book_path: Path, backups_root: Path, reason: str,
                     keep: int = KEEP_AUTOMATIC, cancel: threading.Event | None = None) -> Path:
    """A timestamped verified copy in the book's backup folder; keeps the newest `keep`."""
    folder = automatic_folder(backups_root, book_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{Path(book_path).stem}-{stamp}-{reason}.kws"
    copy_verified(book_path, target, cancel)
    for old in list_backups(book_path, backups_root)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def list_backups(book_path: Path, backups_root: Path) -> list[BackupFile]:
    """Backups of this book, newest first."""
    folder = automatic_folder(backups_root, book_path)
    found = []
    for path in folder.glob("*.kws"):
        parts = path.stem.rsplit("-", 4)
        try:
            taken = dt.datetime.strptime(f"{parts[1]}-{parts[2]}-{parts[3]}", "%Y%m%d-%H%M%S-%f")
            reason = parts[4]
        except (IndexError, ValueError):
            continue
        found.append(BackupFile(path, taken, reason, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)

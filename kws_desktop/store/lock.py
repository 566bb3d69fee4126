"""One writer per book file: an OS lock on BOOK.lock, naming who holds it.

The operating system releases the lock when the holding process ends, however it ends, so a
lock file left by a crash is simply taken over by the next writer.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str


class BookLockedError(Exception):
    def __init__(self, owner: LockOwner | None):
        super().__init__("book is locked")
        self.owner = owner


def lock_path(book_path: Path) -> Path:
    return book_path.with_name(book_path.name + ".lock")


def current_owner() -> LockOwner:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - some Windows setups have no user name
        user = "?"
    return LockOwner(user, socket.gethostname(), os.getpid(),
                     dt.datetime.now().isoformat(timespec="seconds"))


class BookLock:
    def __init__(self, book_path: Path):
        self.path = lock_path(Path(book_path))
        self._fh = None

    def acquire(self) -> None:
        fh = open(self.path, "a+b")
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            raw = fh.read()
            fh.close()
            raise BookLockedError(_read_owner(raw)) from None
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(current_owner().__dict__).encode())
            fh.flush()
        except OSError:  # a full disk: leave no empty lock file behind
            _unlock(fh)
            fh.close()
            self.path.unlink(missing_ok=True)
            raise
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            self._fh.seek(0)
            self._fh.truncate()
            _unlock(self._fh)
        finally:
            self._fh.close()
            self._fh = None
            try:
                self.path.unlink()
            except OSError:
                pass

    @property
    def held(self) -> bool:
        return self._fh is not None


def _read_owner(raw: bytes) -> LockOwner | None:
    try:
        data = json.loads(raw.decode() or "null")
        return LockOwner(**data) if data else None
    except (ValueError, TypeError):
        return None


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

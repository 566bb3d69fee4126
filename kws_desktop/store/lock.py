"""One writer per book file: an OS lock on BOOK.lock, naming who holds it.

The operating system releases the lock when the holding process ends, however it ends, so a
lock file left by a crash is simply taken over by the next writer.

The lock belongs to the file, not to the name it was opened by: the name is resolved through
symbolic links first, and a file with a second name (a hard link) is not opened for writing at
all (store/book.py), since SQLite would keep a separate -wal per name and corrupt it.

Who holds the lock is written at the start of the lock file; the byte actually locked lies far
beyond it (LOCKED_BYTE), because Windows refuses every other process a read of a locked range
and the owner could then not be named.
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


LOCKED_BYTE = 1 << 30  # past any owner text; Windows may lock beyond the end of a file


def lock_path(book_path: Path) -> Path:
    real = Path(book_path).resolve()
    return real.with_name(real.name + ".lock")


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
        for _attempt in range(3):  # a lock file removed by its last holder just now: try anew
            try:
                return self._acquire_once()
            except BookLockedError as exc:
                if exc.owner is not None or not self.path.exists():
                    raise
                last = exc
        raise last

    def _acquire_once(self) -> None:
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
            try:  # removed while still held, so nobody can lock a file that is about to go
                self.path.unlink()
            except OSError:
                pass  # Windows keeps an open file; it is simply taken over next time
            _unlock(self._fh)
        finally:
            self._fh.close()
            self._fh = None

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
        fh.seek(LOCKED_BYTE)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        finally:
            fh.seek(0)

    def _unlock(fh) -> None:
        fh.seek(LOCKED_BYTE)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        finally:
            fh.seek(0)
else:
    import fcntl

    def _lock(fh) -> None:
        # flock, not fcntl's record locks: those belong to the process (a second handle in the
        # same process would not be refused) and vanish when any handle of the file is closed.
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not _still_named(fh):  # the holder before us removed the file meanwhile
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            raise BlockingIOError("lock file was replaced")

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _still_named(fh) -> bool:
        try:
            return os.stat(fh.name).st_ino == os.fstat(fh.fileno()).st_ino
        except OSError:
            return False

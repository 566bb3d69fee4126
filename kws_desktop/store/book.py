"""Open, create and close a book: checks, lock, backup, migrations, sessions."""
from __future__ import annotations

import getpass
import os
import socket
import sqlite3
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

from kws_desktop import __version__
from kws_desktop.errors import BookError
from kws_desktop.i18n import _
from kws_desktop.os_errors import os_reason
from kws_desktop.store import backup as backups
from kws_desktop.store import file_place as places
from kws_desktop.store import migrate
from kws_desktop.store import upgrade as upgrades
from kws_desktop.store.engine import SQLITE_HEADER, is_url, make_engine
from kws_desktop.store.location import connection_problem, location_label, public_location, scrub
from kws_desktop.store.lock import BookLock, BookLockedError


def _note_written_tables(session: Session, written: set[str]) -> None:
    """Collect into `written` the table of every row the session inserts, updates or deletes
    (flushed objects and ORM bulk statements alike)."""
    def after_flush(sess, _context) -> None:
        for obj in (*sess.new, *sess.dirty, *sess.deleted):
            table = getattr(obj, "__tablename__", None)
            if table:
                written.add(table)

    def after_statement(state) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            table = getattr(state.statement, "table", None)
            if table is not None:
                written.add(table.name)

    event.listen(session, "after_flush", after_flush)
    event.listen(session, "do_orm_execute", after_statement)


def default_actor() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001
        user = "?"
    return f"{user}@{socket.gethostname()}"


class Book:
    """An open book. Services take one and run each call as one transaction on it."""

    def __init__(self, location: str | Path, engine: Engine, *, read_only: bool,
                 lock: BookLock | None, backups_root: Path | None, look_copy: Path | None = None):
        self.location = public_location(location)  # never the password (it stays in the engine)
        self.path = None if is_url(location) else Path(location)
        self.engine = engine
        self.read_only = read_only
        self.actor = default_actor()
        self._lock = lock
        self._backups_root = backups_root
        self._backup_lock = threading.RLock()  # never two backups of this book at once
        self._closing = threading.Event()      # stops a backup running in the background
        self._backup_skipped = False           # the user chose to skip the closing backup
        self._look_copy = look_copy            # an old book seen through an upgraded copy
        self._written: set[str] = set()        # tables committed since take_changes()
        self._written_lock = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display_name(self) -> str:
        return location_label(self.location)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit when the block ends, roll everything back on any error."""
        if self.read_only:
            raise BookError(_("Buku ini dibuka hanya untuk dibaca; perubahan tidak bisa disimpan."))
        written: set[str] = set()
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(kws_write=True)
                with Session(bind=conn, expire_on_commit=False, autoflush=True) as session:
                    _note_written_tables(session, written)
                    with session.begin():
                        yield session
        except (OperationalError, DBAPIError) as exc:
            raise connection_problem(exc, self.location) or _storage_error(exc) from exc
        with self._written_lock:
            self._written |= written

    def take_changes(self) -> frozenset[str]:
        """The tables written by transactions committed since the last call (then forgotten):
        how the window learns what an operation changed, from what it really wrote."""
        with self._written_lock:
            changes, self._written = frozenset(self._written), set()
        return changes

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent read-only view (one snapshot) for queries and reports. A damaged page
        met on the way is a BookError (the whole-file check is left to the background or
        `check`, so that opening stays fast however large the book)."""
        try:
            with self.engine.connect() as conn:
                with Session(bind=conn) as session:
                    with session.begin():
                        yield session
        except DBAPIError as exc:
            if _is_damage(exc):
                raise _damaged_book(self.display_name) from exc
            problem = connection_problem(exc, self.location)
            if problem is not None:
                raise problem from exc
            raise

    def backup_now(self, reason: str) -> Path | None:
        if self.path is None or self._backups_root is None:
            return None
        with self._backup_lock:
            if self._closing.is_set():
                raise backups.BackupCancelled("the book is closing")
            return backups.automatic_backup(self.path, self._backups_root, reason,
                                            cancel=self._closing)

    def open_checks(self) -> Path | None:
        """What `open_book(defer_checks=True)` left for later, for a background thread: the
        quick check of the file, then the automatic "buka" backup. Raises BookError when the
        book is damaged, BackupError when the copy failed (BackupCancelled: the book closed)."""
        if self.path is None:
            return None
        _quick_check(self.path, self._closing)
        if self.read_only:
            return None
        return self.backup_now("buka")

    @property
    def backups_root(self) -> Path | None:
        """Where the automatic backups of this book go (None: it makes none)."""
        return self._backups_root

    @property
    def holds_lock(self) -> bool:
        """Whether this process still holds the book's lock (False once closed)."""
        return self._lock is not None

    @property
    def makes_backups(self) -> bool:
        """Whether closing (and opening) this book makes an automatic backup."""
        return self.path is not None and self._backups_root is not None and not self.read_only

    def stop_backup(self) -> None:
        """Stop a running backup, the closing one included (from any thread); the book itself
        stays whole, only that extra copy is skipped."""
        self._backup_skipped = True
        self._closing.set()

    def close(self, *, backup: bool = True) -> None:
        self._closing.set()  # a background backup stops at its next step …
        with self._backup_lock:  # … and lets go before the closing backup starts
            if not self._backup_skipped:
                self._closing.clear()
            self._close(backup=backup)
        self._closing.set()

    def _close(self, *, backup: bool) -> None:
        try:
            if backup and not self.read_only:
                try:
                    self.backup_now("tutup")
                except backups.BackupError:
                    pass  # the book itself is intact; a failed extra copy must not block closing
        finally:
            self.engine.dispose()
            _let_go(self._lock, self._look_copy)
            self._lock = self._look_copy = None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close(backup=False)


def _not_a_book(path: Path) -> BookError:
    return BookError(_("Berkas {name} bukan buku KWS Desktop.").format(name=path.name))


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        raise BookError(_("Buku tidak ditemukan: {path}").format(path=path))
    if path.is_dir():
        raise BookError(_("{path} adalah folder, bukan buku KWS Desktop.").format(path=path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BookError(_("Buku tidak bisa dibaca: {reason}").format(reason=os_reason(exc))) from exc
    if header != SQLITE_HEADER:
        raise _not_a_book(path)


def _writable(path: Path) -> bool:
    folder = path.parent
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _damaged(path: Path) -> BookError:
    return BookError(_("Buku {name} rusak atau tidak lengkap dan tidak bisa dibuka.")
                     .format(name=path.name), can_restore=True)


def _is_damage(exc: Exception) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _damaged_book(name: str) -> BookError:
    return BookError(_("{name} rusak: sebagian isinya tidak bisa dibaca. Pulihkan dari cadangan "
                       "(menu Berkas › Pulihkan dari cadangan).").format(name=name), can_restore=True)


def _identify_file(path: Path, *, quick_check: bool = True) -> str | None:
    """The revision of a SQLite book, read without changing a byte of the file."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "kws_book" not in tables or "alembic_version" not in tables:
                raise _not_a_book(path)
            app = con.execute("SELECT app FROM kws_book LIMIT 1").fetchone()
            if not app or app[0] != "kws-desktop":
                raise _not_a_book(path)
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path) from exc
    if quick_check:
        _quick_check(path)
    return row[0] if row else None


def _quick_check(path: Path, cancel: threading.Event | None = None) -> None:
    """PRAGMA quick_check (reads the whole file): a BookError when the book is damaged;
    BackupCancelled when `cancel` was set meanwhile."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
        if cancel is not None:
            con.set_progress_handler(lambda: 1 if cancel.is_set() else 0, 20_000)
        try:
            quick = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if cancel is not None and cancel.is_set():
            raise backups.BackupCancelled("the book is closing") from None
        raise _damaged(path) from exc
    if quick != "ok":
        raise BookError(_("Buku {name} rusak dan tidak bisa dibuka.").format(name=path.name),
                        can_restore=True)


def _identify(engine: Engine, path_label: str, location: str) -> str | None:
    """The book's schema revision; refuses foreign and damaged books, names a refused login."""
    from kws_desktop.store.models.book import BookIdentity
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "kws_book" not in tables or "alembic_version" not in tables:
                raise BookError(_("Berkas {name} bukan buku KWS Desktop.").format(name=path_label))
            if conn.execute(select(BookIdentity.app)).scalar() != "kws-desktop":
                raise BookError(_("Berkas {name} bukan buku KWS Desktop.").format(name=path_label))
            return migrate.current_revision(engine)
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        problem = connection_problem(exc, location)
        if problem is not None:
            raise problem from exc
        raise BookError(_("Buku {name} rusak atau tidak lengkap dan tidak bisa dibuka.")
                        .format(name=path_label), can_restore=True) from exc


def open_book(location: str | Path, *, read_only: bool = False,
              backups_root: Path | None = None, migrate_ok: bool = True,
              defer_checks: bool = False) -> Book:
    """Open an existing book. Every refusal is a BookError with one clear sentence.

    The quick check of a SQLite file and the automatic "buka" backup read the whole file; with
    `defer_checks` they are left out, and the caller runs `book.open_checks()` in the background
    (the window does, once it is on screen)."""
    url = is_url(location)
    path = None if url else Path(location)
    label = location_label(location)
    lock = None
    if path is not None:
        _check_sqlite_file(path)
        revision = _identify_file(path, quick_check=not defer_checks)
        if not read_only and not _writable(path):
            raise BookError(_("Buku {name} ada di tempat yang tidak bisa ditulis (hanya-baca). "
                              "Salin buku ke folder lain, atau buka hanya untuk dibaca.")
                            .format(name=label))
        if not read_only:
            _refuse_unsafe_writing(path, label)
            lock = BookLock(path)
            try:
                lock.acquire()
            except BookLockedError as exc:
                raise _locked_error(label, exc) from None
            except OSError as exc:
                raise BookError(_("Buku tidak bisa dikunci untuk ditulis: {reason}")
                                .format(reason=os_reason(exc))) from exc
    look = None
    try:
        if path is not None:
            _refuse_newer(revision, label)
            if revision != migrate.head_revision():
                if read_only:  # a look without changing the book: an upgraded private copy
                    look = _look_copy(path, label)
                elif not migrate_ok:
                    raise _needs_upgrade(label)
                else:
                    _upgrade_file(path, backups_root)
        engine = _engine(look or location, read_only=read_only)
        if path is None:
            revision = _identify(engine, label, str(location))
            _refuse_newer(revision, label)
            if revision != migrate.head_revision():
                if read_only or not migrate_ok:
                    raise _needs_upgrade(label)
                _upgrade_database(engine, label)
        book = Book(location, engine, read_only=read_only, lock=lock, backups_root=backups_root,
                    look_copy=look)
        if path is not None and not read_only and backups_root is not None and not defer_checks:
            book.backup_now("buka")
        return book
    except BookError:
        _let_go(lock, look)
        raise
    except (OperationalError, DBAPIError, backups.BackupError, sqlite3.DatabaseError) as exc:
        _let_go(lock, look)
        raise connection_problem(exc, location) or BookError(
            _("Buku {name} tidak bisa dibuka: {reason}").format(
                name=label, reason=scrub(_short_reason(exc), location)), can_restore=True) from exc


def _refuse_unsafe_writing(path: Path, label: str) -> None:
    """One book, one file, on a disk whose locks hold: else no writing (reading stays possible)."""
    if places.has_second_name(path):
        raise BookError(_("Buku {name} punya nama kedua di disk ini (tautan keras). Dua nama untuk "
                          "satu buku bisa merusaknya, jadi buku ini hanya bisa dibuka untuk dibaca. "
                          "Salin buku menjadi berkas sendiri untuk menulis di dalamnya.").format(name=label))
    kind = places.network_kind(path)
    if kind:
        raise BookError(_("Buku {name} ada di folder jaringan ({kind}); di sana buku bisa rusak bila "
                          "dipakai bersama. Salin buku ke disk komputer ini untuk menulis di "
                          "dalamnya, atau buka hanya untuk dibaca.").format(name=label, kind=kind))


def _let_go(lock: BookLock | None, look: Path | None) -> None:
    if lock is not None:
        lock.release()
    if look is not None:
        upgrades.discard_look(look)


def _refuse_newer(revision: str | None, label: str) -> None:
    if revision not in migrate.known_revisions():
        raise BookError(_("Buku {name} dibuat oleh versi KWS Desktop yang lebih baru (susunan buku {revision}; "
                          "KWS Desktop {version} ini mengenal sampai {head}). Perbarui aplikasi untuk "
                          "membukanya.").format(name=label, revision=revision, version=__version__,
                                                head=migrate.head_revision()))


def _upgrade_database(engine: Engine, label: str) -> None:
    """A PostgreSQL book: one transaction, all of it or nothing. The app's own role owns no
    tables (store/pg_roles.py), so only the database's administrator can upgrade."""
    try:
        migrate.upgrade(engine)
    except DBAPIError as exc:
        text = str(getattr(exc, "orig", exc)).lower()
        if "must be owner" in text or "permission denied" in text:
            raise BookError(_("Buku {name} perlu diperbarui oleh pengelola database. Minta pengelola "
                              "menjalankan: kws-desktop setup-postgres ALAMAT-PENGELOLA --app-role "
                              "PERAN-APLIKASI").format(name=label)) from exc
        raise


def _needs_upgrade(label: str) -> BookError:
    return BookError(_("Buku {name} perlu diperbarui ke versi ini; buka untuk ditulis "
                       "agar diperbarui (cadangan dibuat dulu).").format(name=label))


def _upgrade_file(path: Path, backups_root: Path | None) -> None:
    """The verified pre-upgrade backup, then the upgrade on a copy (store/upgrade.py). On any
    failure the book is as before and the sentence names the backup to keep."""
    root = backups_root if backups_root is not None else path.parent / f"{path.stem}-cadangan"
    try:
        kept = backups.automatic_backup(path, root, "sebelum-pembaruan")
    except backups.BackupError as exc:
        raise BookError(_("Buku {name} perlu diperbarui, tetapi cadangannya tidak bisa dibuat "
                          "({reason}). Buku tidak diubah.").format(
            name=path.name, reason=_short_reason(exc))) from exc
    try:
        upgrades.upgrade_in_place(path)
    except upgrades.CannotUpgrade as exc:
        raise BookError(_("Buku {name} dari versi lama tidak bisa diperbarui otomatis ({detail}). "
                          "Buku tidak diubah. Simpan cadangannya: {backup}").format(
            name=path.name, detail=exc, backup=kept)) from exc
    except (OSError, sqlite3.Error, OperationalError, DBAPIError, backups.BackupError) as exc:
        raise BookError(_("Pembaruan buku {name} gagal ({reason}). Buku tidak diubah. "
                          "Cadangan sebelum pembaruan: {backup}").format(
            name=path.name, reason=_short_reason(exc), backup=kept)) from exc


def _look_copy(path: Path, label: str) -> Path:
    try:
        return upgrades.look_copy(path)
    except upgrades.CannotUpgrade as exc:
        raise BookError(_("Buku {name} dari versi lama tidak bisa dibuka di versi ini ({detail}). "
                          "Buku tidak diubah.").format(name=label, detail=exc)) from exc
    except (OSError, sqlite3.Error, OperationalError, DBAPIError, backups.BackupError) as exc:
        raise BookError(_("Buku {name} dari versi lama tidak bisa dibuka untuk dilihat ({reason}). "
                          "Buku tidak diubah.").format(name=label, reason=_short_reason(exc))) from exc


def create_book(location: str | Path, *, is_demo: bool = False, durable: bool = True) -> Book:
    """Create a new, empty book (schema only; services.book.create_book adds the chart)."""
    url = is_url(location)
    path = None if url else Path(location)
    lock = None
    if path is not None:
        if path.exists():
            raise BookError(_("Berkas {path} sudah ada; pilih nama lain.").format(path=path))
        if not path.parent.exists():
            raise BookError(_("Folder {path} tidak ada.").format(path=path.parent))
        if not os.access(path.parent, os.W_OK):
            raise BookError(_("Folder {path} tidak bisa ditulis.").format(path=path.parent))
        kind = places.network_kind(path.parent)
        if kind:
            raise BookError(_("Folder {path} ada di jaringan ({kind}); buat buku di disk komputer ini.")
                            .format(path=path.parent, kind=kind))
        lock = BookLock(path)
        lock.acquire()
    try:
        engine = _engine(location, durable=durable)
        try:
            migrate.upgrade(engine)
            from kws_desktop.store.models.book import BookIdentity
            with engine.connect() as conn:
                conn = conn.execution_options(kws_write=True)
                with Session(bind=conn) as session, session.begin():
                    session.add(BookIdentity(id=1, book_uuid=str(uuid.uuid4()),
                                             created_by_version=__version__, is_demo=is_demo))
        except (OperationalError, DBAPIError) as exc:
            engine.dispose()
            if path is not None:
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
            raise connection_problem(exc, location) or BookError(
                _("Buku baru tidak bisa dibuat: {reason}").format(
                    reason=scrub(_short_reason(exc), location))) from exc
        return Book(location, engine, read_only=False, lock=lock, backups_root=None)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _engine(location: str | Path, **options) -> Engine:
    try:
        return make_engine(location, **options)
    except (ArgumentError, ValueError) as exc:  # "postgresql://…" that is not a URL at all
        raise BookError(_("Alamat buku {name} tidak bisa dibaca. Contoh alamat yang benar: "
                          "postgresql://pengguna@server/nama.").format(name=location_label(location))) from exc


def _locked_error(label: str, exc: BookLockedError) -> BookError:
    owner = exc.owner
    if owner is None:
        return BookError(_("Buku {name} sedang dibuka untuk ditulis oleh program lain.").format(name=label))
    return BookError(_("Buku {name} sedang dibuka untuk ditulis oleh {user} di komputer {host} "
                       "(proses {pid}, sejak {since}). Tutup dulu di sana, atau buka hanya untuk dibaca.")
                     .format(name=label, user=owner.user, host=owner.host, pid=owner.pid,
                             since=owner.since.replace("T", " ")))


def _storage_error(exc: Exception) -> BookError:
    """A failure of the storage itself (disk full, read-only, busy), said plainly; the
    transaction was rolled back, so nothing was saved."""
    text = str(getattr(exc, "orig", exc)).lower()
    if _is_damage(exc):
        return _damaged_book(_("Buku ini"))
    if "full" in text:
        return BookError(_("Disk penuh: perubahan tidak disimpan. Kosongkan ruang disk lalu coba lagi."))
    if "readonly" in text or "read-only" in text:
        return BookError(_("Buku tidak bisa ditulis (hanya-baca): perubahan tidak disimpan."))
    if "locked" in text or "busy" in text or "lock timeout" in text or "deadlock" in text:
        return BookError(_("Buku sedang dipakai program lain: perubahan tidak disimpan. Coba lagi sebentar."))
    if "immutable" in text:
        return BookError(_("Catatan yang sudah dibukukan tidak boleh diubah atau dihapus."))
    return BookError(_("Perubahan tidak bisa disimpan: {reason}").format(reason=_short_reason(exc)))


def _short_reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if "readonly" in text or "read-only" in text:
        return _("tempatnya hanya-baca")
    if "disk" in text and "full" in text or "No space" in text:
        return _("disk penuh")
    return text

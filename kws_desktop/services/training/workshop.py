"""Workshop mode for trainers: every group starts an exercise from the same saved state.

"Simpan sebagai awal latihan" keeps a verified copy of the book beside the user's data;
"Kembalikan ke awal latihan" puts that copy back in place of the book (which must be closed).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.paths import user_data_dir
from kws_desktop.store import backup as store_backup
from kws_desktop.store.book import Book
from kws_desktop.store.file_swap import put_in_place
from kws_desktop.store.lock import BookLock, BookLockedError


def exercise_start_path(book_path: Path) -> Path:
    folder = user_data_dir() / "latihan"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{Path(book_path).stem}-awal-latihan.kws"


def has_exercise_start(book_path: Path) -> bool:
    return exercise_start_path(book_path).exists()


def save_exercise_start(book: Book) -> Path:
    """Keep the book as it is now as the start of the exercise (safe while it is open)."""
    if book.path is None:
        raise UserError(_("Mode pelatihan hanya untuk buku berupa berkas."))
    try:
        return store_backup.copy_verified(book.path, exercise_start_path(book.path))
    except store_backup.BackupError as exc:
        raise UserError(_("Awal latihan tidak bisa disimpan: {reason}").format(reason=exc)) from exc


def reset_to_exercise_start(book_path: Path) -> Path:
    """Put the saved exercise start back in place of the book. The book must be closed."""
    snapshot = exercise_start_path(book_path)
    if not snapshot.exists():
        raise UserError(_("Belum ada awal latihan untuk buku ini. Simpan dulu sebagai awal latihan."))
    if not store_backup.integrity_ok(snapshot):
        raise UserError(_("Salinan awal latihan rusak; simpan ulang awal latihan."))
    lock = BookLock(book_path)
    try:
        lock.acquire()
    except BookLockedError as exc:
        raise UserError(_("Tutup buku ini dulu sebelum mengembalikan ke awal latihan.")) from exc
    try:
        put_in_place(snapshot, book_path)
    except (store_backup.BackupError, sqlite3.Error, OSError) as exc:
        raise UserError(_("Buku tidak bisa dikembalikan: {reason}").format(reason=exc)) from exc
    finally:
        lock.release()
    return book_path

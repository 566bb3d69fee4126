"""Where the group's book lives, and its second backup place.

Since 1.0 the book and its automatic backups are in Documents/KWS (paths.books_dir), a folder
the treasurer can find and copy. A book made by an earlier version in the hidden data folder is
found and offered (copied to Documents after a verified copy, the old file left as it was); it
is never lost or overwritten.

A second backup place (a flash drive, a synced cloud folder) is chosen once (settings
`second_backup`) and gets a verified copy every time a book is closed; when it has not been
reachable for a week the window says so."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date
from kws_desktop.os_errors import os_reason
from kws_desktop.paths import default_book_path, ensure_books_dir, old_default_book_path
from kws_desktop.settings import AppSettings
# How the window names a book's place (a file, or a server without its password):
from kws_desktop.store.location import location_label, public_location, with_password  # noqa: F401

REMIND_AFTER = dt.timedelta(days=7)
SECOND_BACKUP_KEEP = 10


def old_book_to_offer() -> Path | None:
    """A book of an earlier version in the old hidden place, when the new place has none."""
    old = old_default_book_path()
    if old.is_file() and not default_book_path().exists():
        return old
    return None


def copy_to_documents(old: Path) -> Path:
    """A verified copy of `old` at the new default place; `old` itself stays untouched."""
    from kws_desktop.store.backup import BackupError, copy_verified
    target = default_book_path()
    if target.exists():  # never over a book
        raise UserError(_("Di {path} sudah ada buku. Buku lama tetap di {old}.")
                        .format(path=target, old=old))
    try:
        ensure_books_dir()
        copy_verified(old, target)
    except OSError as exc:
        raise UserError(_("Buku tidak bisa disalin ke folder Dokumen: {reason}. Buku lama tetap "
                          "aman di {old}.").format(reason=os_reason(exc), old=old)) from exc
    except BackupError as exc:
        target.unlink(missing_ok=True)
        raise UserError(_("Buku tidak bisa disalin ke folder Dokumen: {reason}. Buku lama tetap "
                          "aman di {old}.").format(reason=exc, old=old)) from exc
    return target


def prepare_default_place(path: Path | None = None) -> Path:
    """The default book's path (or `path`) with its folder made; one Indonesian sentence when it
    cannot be (a read-only home or USB stick)."""
    path = path or default_book_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Folder {folder} tidak bisa dibuat ({reason}). Pilih tempat lain lewat "
                          "\"Buat buku baru…\", misalnya flashdisk.")
                        .format(folder=path.parent, reason=os_reason(exc))) from exc
    return path


def missing_book_sentence(location: str) -> str:
    """Why a remembered book cannot be opened now: its folder is gone (a flash drive pulled
    out) or the file itself."""
    path = Path(location)
    if not path.parent.exists():
        return _("Folder buku {name} tidak ditemukan: {folder}. Bila buku ada di flashdisk, "
                 "colokkan flashdisknya lalu buka lagi. Tidak ada data yang dihapus.") \
            .format(name=path.name, folder=path.parent)
    return _("Buku {path} tidak ditemukan. Mungkin dipindah atau diganti namanya; buka lewat "
             "\"Buka buku lain…\". Tidak ada data yang dihapus.").format(path=path)


# --- the second backup place ---------------------------------------------------------------

def second_backup(book_path: Path, folder: str) -> Path | None:
    """A verified copy of the (closed) book in the second backup place; None when the place is not
    reachable now (the flash drive is not plugged in). Raises BackupError/OSError on a failed copy."""
    from kws_desktop.store.backup import automatic_backup
    place = Path(folder)
    if not folder or not place.is_dir():
        return None
    return automatic_backup(Path(book_path), place, "tutup", keep=SECOND_BACKUP_KEEP)


def note_second_backup(settings: AppSettings, made: Path | None, now: dt.datetime | None = None) -> None:
    """Remember when the second place last got its copy (for the reminder)."""
    if made is not None:
        settings.second_backup_ok = (now or dt.datetime.now()).isoformat(timespec="seconds")


def choose_second_backup(settings: AppSettings, folder: str, now: dt.datetime | None = None) -> None:
    settings.second_backup = folder
    settings.second_backup_since = (now or dt.datetime.now()).isoformat(timespec="seconds")
    settings.second_backup_ok = ""


def second_backup_reminder(settings: AppSettings, now: dt.datetime | None = None) -> str | None:
    """One sentence when the second place has had no copy for a week, else None."""
    if not settings.second_backup:
        return None
    now = now or dt.datetime.now()
    last = _when(settings.second_backup_ok) or _when(settings.second_backup_since)
    if last is None or now - last < REMIND_AFTER:
        return None
    if settings.second_backup_ok:
        return _("Cadangan kedua di {folder} terakhir dibuat {date}. Colokkan flashdisk (atau "
                 "sambungkan folder itu), lalu tutup buku: cadangan dibuat otomatis.") \
            .format(folder=settings.second_backup, date=format_date(last.date()))
    return _("Cadangan kedua di {folder} belum pernah berhasil dibuat. Colokkan flashdisk (atau "
             "sambungkan folder itu), lalu tutup buku: cadangan dibuat otomatis.") \
        .format(folder=settings.second_backup)


def _when(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None

"""Where the books live (Documents/KWS), the pre-1.0 book in the hidden data folder found and
never lost, a remembered book whose folder is gone, and the second backup place."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from kws_desktop import paths
from kws_desktop.errors import UserError
from kws_desktop.services.book import book_place
from kws_desktop.settings import AppSettings


@pytest.fixture
def places(tmp_path, monkeypatch):
    """Private Documents and data folders for one test (XDG_DATA_HOME: the old place)."""
    monkeypatch.setenv("KWS_DESKTOP_DOCUMENTS", str(tmp_path / "Documents"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_book_and_backups_in_documents_kws(places):
    assert paths.default_book_path() == places / "Documents" / "KWS" / "buku-kws.kws"
    assert paths.backups_dir() == places / "Documents" / "KWS" / "cadangan"
    assert paths.old_default_book_path() == places / "data" / "KWS Desktop" / "buku-kws.kws"


def test_documents_folder_comes_from_platformdirs(monkeypatch):
    monkeypatch.delenv("KWS_DESKTOP_DOCUMENTS", raising=False)
    import platformdirs
    assert paths.books_dir() == Path(platformdirs.user_documents_dir()) / "KWS"


def test_old_book_found_copied_and_left_as_it_was(places, demo_master):
    old = paths.old_default_book_path()
    old.parent.mkdir(parents=True)
    shutil.copy(demo_master, old)
    before = _digest(old)
    assert book_place.old_book_to_offer() == old
    new = book_place.copy_to_documents(old)
    assert new == paths.default_book_path() and new.exists()
    assert _digest(old) == before  # the old file stays, unchanged
    from kws_desktop.services.book.books import open_book
    with open_book(new, read_only=True) as book:
        from kws_desktop.services.book.books import get_profile
        assert get_profile(book).name
    assert book_place.old_book_to_offer() is None  # the new place has the book now


def test_copy_never_overwrites_a_book(places, demo_master):
    old = paths.old_default_book_path()
    old.parent.mkdir(parents=True)
    shutil.copy(demo_master, old)
    paths.ensure_books_dir()
    paths.default_book_path().write_bytes(b"buku lain")
    assert book_place.old_book_to_offer() is None
    with pytest.raises(UserError, match="sudah ada buku"):
        book_place.copy_to_documents(old)
    assert paths.default_book_path().read_bytes() == b"buku lain"


def test_documents_cannot_be_written_one_sentence(places, monkeypatch):
    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(UserError) as caught:
        book_place.prepare_default_place()
    assert "tidak bisa dibuat" in caught.value.message and "Traceback" not in caught.value.message
    assert "\n" not in caught.value.message


def test_missing_book_names_the_folder(tmp_path):
    gone = tmp_path / "flashdisk" / "buku.kws"
    text = book_place.missing_book_sentence(str(gone))
    assert "flashdisk" in text and str(gone.parent) in text and "Tidak ada data yang dihapus" in text
    here = tmp_path / "buku.kws"
    assert str(here) in book_place.missing_book_sentence(str(here))


def test_second_backup_on_close_and_unreachable_place(places, demo_path):
    second = places / "usb"
    second.mkdir()
    made = book_place.second_backup(demo_path, str(second))
    assert made is not None and made.exists() and second in made.parents
    from kws_desktop.store.backup import integrity_ok
    assert integrity_ok(made)
    assert book_place.second_backup(demo_path, str(places / "dicabut")) is None  # not plugged in


def test_second_backup_reminder_after_a_week():
    settings = AppSettings()
    assert book_place.second_backup_reminder(settings) is None  # none chosen
    start = dt.datetime(2026, 11, 1, 9, 0)
    book_place.choose_second_backup(settings, "/media/usb", now=start)
    assert book_place.second_backup_reminder(settings, now=start + dt.timedelta(days=6)) is None
    text = book_place.second_backup_reminder(settings, now=start + dt.timedelta(days=8))
    assert text and "belum pernah" in text and "/media/usb" in text
    book_place.note_second_backup(settings, Path("/media/usb/x.kws"), now=start + dt.timedelta(days=8))
    assert book_place.second_backup_reminder(settings, now=start + dt.timedelta(days=10)) is None
    later = book_place.second_backup_reminder(settings, now=start + dt.timedelta(days=16))
    assert later and "9 November 2026" in later
    book_place.note_second_backup(settings, None, now=start + dt.timedelta(days=20))  # skipped: unchanged
    assert "9 November 2026" in book_place.second_backup_reminder(settings, now=start + dt.timedelta(days=20))

"""Opening books: good ones open; everything else is refused with one sentence, untouched."""
import os
import sqlite3
import stat

import pytest
from sqlalchemy import text

from kws_desktop.errors import BookError
from kws_desktop.services.book.books import create_book, open_book


def _digest(path):
    return path.read_bytes()


def test_create_then_reopen(tmp_path):
    path = tmp_path / "a.kws"
    create_book(path).close(backup=False)
    with open_book(path) as b:
        assert b.path == path


def test_missing_file(tmp_path):
    with pytest.raises(BookError, match="tidak ditemukan"):
        open_book(tmp_path / "nope.kws")


def test_folder_is_not_a_book(tmp_path):
    with pytest.raises(BookError, match="folder"):
        open_book(tmp_path)


@pytest.mark.parametrize("content", [b"", b"hello world" * 10, os.urandom(4096), b"SQLite format 3\x00" + b"\x00" * 50])
def test_random_or_truncated_bytes(tmp_path, content):
    path = tmp_path / "x.kws"
    path.write_bytes(content)
    with pytest.raises(BookError):
        open_book(path)
    assert path.read_bytes() == content


def test_truncated_book(tmp_path):
    path = tmp_path / "t.kws"
    create_book(path).close(backup=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = path.read_bytes()
    with pytest.raises(BookError):
        open_book(path)
    assert path.read_bytes() == before


def test_foreign_sqlite(tmp_path):
    path = tmp_path / "foreign.kws"
    con = sqlite3.connect(path)
    con.execute("create table t(x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(BookError, match="bukan buku KWS"):
        open_book(path)
    assert path.read_bytes() == before


def test_newer_version_refused(tmp_path):
    path = tmp_path / "new.kws"
    create_book(path).close(backup=False)
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(BookError, match="lebih baru"):
        open_book(path)


def test_locked_by_other_writer(tmp_path):
    path = tmp_path / "l.kws"
    create_book(path).close(backup=False)
    with open_book(path):
        # a second writer in this process still goes through the OS lock on a new handle
        with pytest.raises(BookError, match="sedang dibuka"):
            open_book(path)
    with open_book(path):  # released on close
        pass


def test_stale_lock_file_is_taken_over(tmp_path):
    path = tmp_path / "s.kws"
    create_book(path).close(backup=False)
    (tmp_path / "s.kws.lock").write_text('{"user": "x", "host": "y", "pid": 1, "since": "2020"}')
    with open_book(path):
        pass


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False,
                    reason="root ignores file permissions")
def test_read_only_location(tmp_path):
    path = tmp_path / "ro.kws"
    create_book(path).close(backup=False)
    path.chmod(stat.S_IREAD)
    with pytest.raises(BookError, match="hanya-baca"):
        open_book(path)
    with open_book(path, read_only=True):
        pass


def test_read_only_folder_detected(tmp_path, monkeypatch):
    path = tmp_path / "ro2.kws"
    create_book(path).close(backup=False)
    monkeypatch.setattr("kws_desktop.store.book._writable", lambda p: False)
    with pytest.raises(BookError, match="hanya-baca"):
        open_book(path)


def test_posted_journal_immutable_even_by_raw_sql(book):
    from kws_desktop.services.book.opening import post_opening_balances
    import datetime as dt
    post_opening_balances(book, dt.date(2026, 1, 1), cash=1000, bank=0)
    with pytest.raises(Exception, match="immutable"):
        with book.engine.begin() as conn:
            conn.execute(text("update journal_lines set amount = 5"))
    with pytest.raises(Exception, match="immutable"):
        with book.engine.begin() as conn:
            conn.execute(text("delete from journal_entries"))

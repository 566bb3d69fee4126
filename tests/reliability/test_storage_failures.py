"""Storage failures: a full disk, a second writer process, a lost WAL after close."""
import datetime as dt
import shutil
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import event, func, select

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import BookError
from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.store.models.book import JournalEntry


def _post(book, amount=1000):
    with book.transaction() as s:
        post_entry(s, date=dt.date(2026, 5, 1), description="uji", postings=[
            debit(A.CASH, amount), credit(A.REVENUE_OTHER, amount)], source_type="test", source_id=None,
            actor=book.actor)


def _count(book):
    with book.reading() as s:
        return s.execute(select(func.count(JournalEntry.id))).scalar()


def test_full_disk_is_a_clear_message_and_nothing_saved(book):
    _post(book)
    before = _count(book)

    @event.listens_for(book.engine, "connect")
    def tiny(dbapi_conn, _rec):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(BookError, match="Disk penuh"):
        with book.transaction() as s:
            for i in range(300):
                post_entry(s, date=dt.date(2026, 5, 1), description="x" * 250, postings=[
                    debit(A.CASH, 1000 + i), credit(A.REVENUE_OTHER, 1000 + i)], source_type="test",
                    source_id=None, actor=book.actor)
    event.remove(book.engine, "connect", tiny)
    assert _count(book) == before


def test_second_writer_process_is_named(tmp_path):
    path = tmp_path / "shared.kws"
    create_book(path).close(backup=False)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from kws_desktop.services.book.books import open_book
        b = open_book({str(path)!r})
        print("open", flush=True)
        sys.stdin.readline()
        b.close(backup=False)
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(BookError) as info:
            open_book(path)
        assert f"proses {holder.pid}" in info.value.message
        result = subprocess.run([sys.executable, "-m", "kws_desktop", "demo", str(tmp_path / "x.kws")],
                                capture_output=True, text=True)
        assert result.returncode == 0  # other books are not affected
    finally:
        holder.communicate("\n", timeout=30)
    with open_book(path):
        pass  # released when the holder closed


def test_only_the_kws_file_is_enough_after_close(tmp_path):
    """A treasurer copies only the .kws file to a flash drive: nothing written is missing."""
    path = tmp_path / "copy-me.kws"
    book = create_book(path)
    for i in range(20):
        _post(book, 100 + i)
    book.close(backup=False)
    lone = tmp_path / "flashdisk" / "copy-me.kws"
    lone.parent.mkdir()
    shutil.copy(path, lone)
    with open_book(lone, read_only=True) as copy:
        assert _count(copy) == 20

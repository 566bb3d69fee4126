"""Backups and restore: a verified backup taken while the book is open for writing, every
automatic backup verified, and a restore drill that brings back exactly what was backed up."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.book import backup
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store.backup import integrity_ok
from kws_desktop.store.models.book import JournalEntry


def _entries(book):
    with book.reading() as s:
        return s.execute(select(func.count(JournalEntry.id))).scalar()


def test_backup_while_open_then_restore_drill(demo_book, demo_path, tmp_path):
    from kws_desktop.services.book.opening import post_opening_balances  # noqa: F401 - services loaded
    copy = backup.backup_book(demo_path, tmp_path / "cadangan.kws")  # the book is open for writing
    assert integrity_ok(copy)
    kept = _entries(demo_book)
    with pytest.raises(UserError, match="Tutup buku ini dulu"):
        backup.restore(copy, demo_path)  # never under a writer's feet
    # a later change, then the treasurer restores yesterday's backup
    from kws_desktop.core.accounts import A
    from kws_desktop.core.ledger import credit, debit
    from kws_desktop.services.book.ledger import post_entry
    with demo_book.transaction() as s:
        post_entry(s, date=dt.date(2026, 11, 28), description="sesudah cadangan", postings=[
            debit(A.CASH, 1000), credit(A.REVENUE_OTHER, 1000)], source_type="test", source_id=None,
            actor=demo_book.actor)
    demo_book.close(backup=True)
    for auto in backup.automatic_backups(demo_path):  # every automatic backup is a whole book
        assert integrity_ok(auto.path)
    backup.restore(copy, demo_path)
    with open_book(demo_path) as again:
        assert _entries(again) == kept
        assert check_book(again) == []

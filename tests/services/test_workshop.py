"""Workshop: save an exercise start, change the book, reset: the book is as it was."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.services.training.workshop import reset_to_exercise_start, save_exercise_start
from kws_desktop.store.models.book import JournalEntry


def _entries(book):
    with book.reading() as s:
        return s.execute(select(func.count(JournalEntry.id))).scalar()


def test_save_change_reset(book):
    save_exercise_start(book)
    before = _entries(book)
    post_opening_balances(book, dt.date(2026, 1, 2), cash=500_000, bank=0)
    assert _entries(book) == before + 1
    with pytest.raises(UserError, match="Tutup buku"):
        reset_to_exercise_start(book.path)
    path = book.path
    book.close(backup=False)
    reset_to_exercise_start(path)
    with open_book(path) as again:
        assert _entries(again) == before


def test_reset_without_start_refused(tmp_path):
    with pytest.raises(UserError, match="Belum ada awal latihan"):
        reset_to_exercise_start(tmp_path / "tidak-ada.kws")

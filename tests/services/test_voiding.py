"""Voiding (services/book/voiding.py): one rule for every kind of document.

The reversal is dated the day of voiding (or a date the caller gives, never before the
document), the reason is required, and the document keeps its number with who and why."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.services.cash.entries import record_expense, void_cash_entry
from kws_desktop.services.purchasing import suppliers
from kws_desktop.store.models.book import AuditEvent, JournalEntry

SPENT = dt.date(2026, 4, 10)


@pytest.fixture
def expense(book):
    post_opening_balances(book, dt.date(2026, 1, 1), cash=1_000_000, bank=0)
    return record_expense(book, date=SPENT, money_account="cash", category=A.OPERATING, amount=150_000,
                          description="Pulsa")


def _reversal_date(book):
    with book.reading() as s:
        original = s.execute(select(JournalEntry).where(JournalEntry.source_type == "cash_entry",
                                                        JournalEntry.reversal_of_id.is_(None))).scalar_one()
        return s.execute(select(JournalEntry.date).where(JournalEntry.reversal_of_id == original.id)).scalar()


def _count(book, model):
    with book.reading() as s:
        return s.execute(select(func.count()).select_from(model)).scalar()


def test_a_void_is_dated_today_not_in_the_month_already_reported(book, expense):
    void_cash_entry(book, expense.id, reason="  salah\ncatat ")
    assert _reversal_date(book) == max(dt.date.today(), SPENT)
    with book.reading() as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "void")).scalar_one()
        assert event.entity == "cash_entry" and "salah catat" in event.detail


def test_a_void_dated_before_the_document_is_refused_and_changes_nothing(book, expense):
    before = _count(book, JournalEntry)
    with pytest.raises(UserError, match="tidak boleh sebelum tanggal dokumennya") as refused:
        void_cash_entry(book, expense.id, reason="salah", date=SPENT - dt.timedelta(days=1))
    assert refused.value.field == "date"
    assert _count(book, JournalEntry) == before


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_every_kind_asks_for_the_reason_first(book, expense, reason):
    before = _count(book, JournalEntry)
    for void in (lambda: void_cash_entry(book, expense.id, reason=reason),
                 lambda: suppliers.void_supplier_payment(book, 999, reason=reason)):
        with pytest.raises(UserError, match="Tuliskan alasan pembatalan") as refused:
            void()
        assert refused.value.field == "reason"
    assert _count(book, JournalEntry) == before

import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances, post_entry, reverse_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.store.models.book import AuditEvent, JournalEntry, NumberSequence, PeriodClose

D = dt.date(2026, 3, 1)


def _post(s, book, amount=1000):
    return post_entry(s, date=D, description="uji", postings=[debit(A.CASH, amount), credit(A.REVENUE_OTHER, amount)],
                      source_type="test", source_id=None, actor=book.actor)


def test_post_and_balance(book):
    with book.transaction() as s:
        e = _post(s, book)
        assert e.number == "JU-2026-000001"
    with book.reading() as s:
        bal = {r.code: r.balance for r in account_balances(s)}
    assert bal[A.CASH] == 1000 and bal[A.REVENUE_OTHER] == 1000
    assert check_book(book) == []


def test_unbalanced_refused_and_nothing_saved(book):
    with pytest.raises(UserError, match="tidak seimbang"):
        with book.transaction() as s:
            post_entry(s, date=D, description="x", postings=[debit(A.CASH, 5), credit(A.BANK, 4)],
                       source_type="test", source_id=None, actor="t")
    with book.reading() as s:
        assert s.execute(select(func.count(JournalEntry.id))).scalar() == 0
        assert s.execute(select(func.count()).select_from(NumberSequence)).scalar() == 0


def test_reverse_once_with_reason(book):
    with book.transaction() as s:
        e = _post(s, book)
        with pytest.raises(UserError):
            reverse_entry(s, e, date=D, reason=" ", actor="t")
        r = reverse_entry(s, e, date=D, reason="salah catat", actor="t")
        assert r.reversal_of_id == e.id
    with book.transaction() as s:
        e = s.get(JournalEntry, e.id)
        with pytest.raises(UserError, match="sudah pernah"):
            reverse_entry(s, e, date=D, reason="lagi", actor="t")
    with book.reading() as s:
        assert {r.code: r.balance for r in account_balances(s)}[A.CASH] == 0
        assert s.execute(select(func.count(AuditEvent.id)).where(AuditEvent.action == "reverse")).scalar() == 1


def test_closed_period_refuses_posting(book):
    with book.transaction() as s:
        s.add(PeriodClose(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31)))
    with pytest.raises(UserError, match="sudah ditutup"):
        with book.transaction() as s:
            _post(s, book)


def test_numbers_sequential_and_rollback_frees_nothing(book):
    with book.transaction() as s:
        assert next_number(s, "receipt", 2026) == "KWT-2026-0001"
        assert next_number(s, "receipt", 2026) == "KWT-2026-0002"
        assert next_number(s, "receipt", 2027) == "KWT-2027-0001"
    with pytest.raises(RuntimeError):
        with book.transaction() as s:
            next_number(s, "receipt", 2026)
            raise RuntimeError
    with book.transaction() as s:
        assert next_number(s, "receipt", 2026) == "KWT-2026-0003"


def test_check_finds_number_gap(book):
    with book.transaction() as s:
        _post(s, book)
        s.get(NumberSequence, ("journal", 2026)).last = 3
    problems = check_book(book)
    assert any("hilang" in p for p in problems)

"""Per-session caches added for speed (#11) never return a stale answer."""
import datetime as dt

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.periods import closed_through
from kws_desktop.store.models.book import PeriodClose


def test_closed_through_follows_changes_in_the_same_session(book):
    with book.transaction() as s:
        assert closed_through(s) is None
        close = PeriodClose(period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                            closed_by="t")
        s.add(close)  # not flushed yet
        assert closed_through(s) == dt.date(2025, 12, 31)
        close.reopened_at, close.reopen_reason = dt.datetime(2026, 1, 5, 10, 0), "koreksi"
        assert closed_through(s) is None


def test_numbers_and_posting_in_one_session(book):
    with book.transaction() as s:
        assert [next_number(s, "journal", 2030) for _ in range(2)][-1].endswith("2")
        entry = post_entry(s, date=dt.date(2026, 2, 1), description="x",
                           postings=[debit(A.CASH, 5), credit(A.REVENUE_OTHER, 5)],
                           source_type="test", source_id=None, actor="t")
        assert entry.id is not None

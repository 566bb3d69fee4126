import pytest

from kws_desktop.core.accounts import CHART, A, AccountType
from kws_desktop.core.ledger import Posting, UnbalancedEntry, check_balanced, credit, debit, reversed_postings
from kws_desktop.core.numbering import format_doc_number, parse_doc_number


def test_balanced_entry_passes():
    check_balanced([debit(A.CASH, 100), credit(A.REVENUE_CONSTRUCTION, 100)])


@pytest.mark.parametrize("postings", [
    [debit(A.CASH, 100), credit(A.REVENUE_CONSTRUCTION, 99)],
    [debit(A.CASH, 100)],
    [],
    [debit(A.CASH, 0), credit(A.BANK, 0)],
])
def test_unbalanced_refused(postings):
    with pytest.raises(UnbalancedEntry):
        check_balanced(postings)


def test_amounts_are_int():
    with pytest.raises(TypeError):
        Posting(A.CASH, 1.0)


def test_reverse_mirrors():
    lines = [debit(A.CASH, 100), credit(A.BANK, 100)]
    assert [p.amount for p in reversed_postings(lines)] == [-100, 100]


def test_chart_codes_unique_and_typed():
    codes = [a.code for a in CHART]
    assert len(codes) == len(set(codes))
    assert {a.type for a in CHART} == set(AccountType)


def test_document_numbers_roundtrip():
    assert format_doc_number("receipt", 2026, 7) == "KWT-2026-0007"
    assert parse_doc_number("KWT-2026-0007") == ("receipt", 2026, 7)
    assert parse_doc_number("xx") is None

"""Journal entries as values: every entry balances, or it is refused."""
from __future__ import annotations

from dataclasses import dataclass


class UnbalancedEntry(ValueError):
    """Debits and credits differ, an amount is zero, or the entry is empty."""


@dataclass(frozen=True)
class Posting:
    """One journal line: signed whole rupiah, debit positive and credit negative."""

    account: str
    amount: int
    memo: str = ""
    party_kind: str | None = None  # "customer", "supplier", "member": the sub-ledger it belongs to
    party_id: int | None = None

    def __post_init__(self) -> None:
        if type(self.amount) is not int:
            raise TypeError("journal amounts are int rupiah")


def debit(account: str, amount: int, memo: str = "", **party) -> Posting:
    return Posting(account, amount, memo, **party)


def credit(account: str, amount: int, memo: str = "", **party) -> Posting:
    return Posting(account, -amount, memo, **party)


def check_balanced(postings: list[Posting] | tuple[Posting, ...]) -> None:
    if len(postings) < 2:
        raise UnbalancedEntry("an entry needs at least two lines")
    if any(p.amount == 0 for p in postings):
        raise UnbalancedEntry("a journal line cannot be zero")
    total = sum(p.amount for p in postings)
    if total != 0:
        raise UnbalancedEntry(f"entry is off by {total}")


def without_zero_lines(postings: list[Posting]) -> list[Posting]:
    """Drop zero lines (a purchase without shipping cost, say) before checking balance."""
    return [p for p in postings if p.amount != 0]


def reversed_postings(postings: list[Posting]) -> list[Posting]:
    return [Posting(p.account, -p.amount, p.memo, p.party_kind, p.party_id) for p in postings]

"""The reports' reads of the journal's totals, as plain SQL text with named parameters.

One text for both paths: queries.py runs it through SQLAlchemy (SQLite and PostgreSQL, dates
bound as dates), lean.py through the standard library's sqlite3 (dates bound as ISO text, as
SQLite stores them). Every sum is signed as in the journal (debit positive).
"""
from __future__ import annotations

from kws_desktop.core.accounts import A
from kws_desktop.store.totals_triggers import CASH_CONDITION

ACCOUNTS = "SELECT a.id, a.code, a.name_id, a.name_en, a.type, a.is_cash, a.active FROM accounts a ORDER BY a.code"
CASH_ACCOUNT_CODES = f"SELECT a.code FROM accounts a WHERE {CASH_CONDITION} ORDER BY a.code"
COUNTER_SUMS = ("SELECT a.code, sum(t.amount) FROM accounts a JOIN cash_counter_day_totals t "
                "ON t.account_id = a.id WHERE t.day >= :since AND t.day <= :until GROUP BY a.code")


def _signed(code: str) -> str:
    """The signed sum of an entry's (a member's) lines in account ``code``."""
    return f"sum(CASE WHEN a.code = '{code}' THEN l.amount ELSE 0 END)"


# The kasbon a payout deducts is settled first against the wages in it, then against its bagi
# hasil. Per entry in the period that moves cash and has a Utang Bagi Hasil line, and per member
# in it: the kasbon credit K (its Kasbon lines netted, a new kasbon taken off) beyond the wage
# debit W, at most the bagi hasil debit P, is bagi hasil paid by settling kasbon (cash_flow_from
# moves it from the wages line to the bagi hasil line). Signed as the entry: a reversal (P < 0)
# gives minus its original's. Few rows: payouts of bagi hasil only.
KASBON_SETTLED_FROM_SHARES = (
    "SELECT coalesce(sum(CASE "
    "WHEN x.p > 0 AND x.k > x.w THEN CASE WHEN x.k - x.w < x.p THEN x.k - x.w ELSE x.p END "
    "WHEN x.p < 0 AND x.k < x.w THEN CASE WHEN x.k - x.w > x.p THEN x.k - x.w ELSE x.p END "
    "ELSE 0 END), 0) "
    f"FROM (SELECT {_signed(A.PROFIT_SHARE_PAYABLE)} AS p, {_signed(A.WAGES_PAYABLE)} AS w, "
    f"-{_signed(A.MEMBER_ADVANCES)} AS k FROM journal_lines l JOIN accounts a ON a.id = l.account_id "
    f"WHERE a.code IN ('{A.PROFIT_SHARE_PAYABLE}', '{A.WAGES_PAYABLE}', '{A.MEMBER_ADVANCES}') "
    "AND l.entry_id IN (SELECT s.entry_id FROM journal_lines s JOIN accounts sa ON sa.id = s.account_id "
    f"JOIN journal_entries e ON e.id = s.entry_id WHERE sa.code = '{A.PROFIT_SHARE_PAYABLE}' "
    "AND e.date >= :since AND e.date <= :until AND EXISTS (SELECT 1 FROM journal_lines c "
    f"JOIN accounts a ON a.id = c.account_id WHERE c.entry_id = s.entry_id AND {CASH_CONDITION})) "
    "GROUP BY l.entry_id, l.party_kind, l.party_id) x")

# revenue and costs per day and account type (the dashboard adds them up by month)
INCOME_BY_DAY = ("SELECT t.day, a.type, sum(t.amount) FROM account_day_totals t JOIN accounts a "
                 "ON a.id = t.account_id WHERE t.day >= :since AND t.day <= :until "
                 "AND a.type IN ('pendapatan', 'beban') GROUP BY t.day, a.type")

# A job's other costs posted to Beban Operasional Kelompok (6-1000) in the period: where they
# went before revision 0007 (the P&L says so in a note). Few rows: order costs only.
JOB_COSTS_IN_OPERATING = ("SELECT coalesce(sum(l.amount), 0) FROM journal_lines l JOIN journal_entries e "
                          "ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id "
                          "WHERE e.source_type = 'order_cost' AND a.code = '6-1000' "
                          "AND e.date >= :since AND e.date <= :until")

# The day of the book's first journal entry (its opening balances, as a rule); NULL in an empty book.
FIRST_ENTRY_DAY = "SELECT min(e.date) FROM journal_entries e"

_BOUNDS = (("since", "t.day >= :since"), ("until", "t.day <= :until"), ("before", "t.day < :before"))


def account_sums(*bounds: str, cash_only: bool = False) -> str:
    """Sums by account code over the days within ``bounds`` (any of "since", "until",
    "before", each a parameter of the same name); only cash and bank with ``cash_only``."""
    where = [condition for name, condition in _BOUNDS if name in bounds]
    if cash_only:
        where.append(CASH_CONDITION)
    return ("SELECT a.code, sum(t.amount) FROM accounts a JOIN account_day_totals t ON t.account_id = a.id"
            + (" WHERE " + " AND ".join(where) if where else "") + " GROUP BY a.code")


def has_entries(*bounds: str) -> str:
    """Whether a journal entry is dated within ``bounds`` ("since", "until")."""
    where = [f"e.date {op} :{name}" for name, op in (("since", ">="), ("until", "<=")) if name in bounds]
    return ("SELECT 1 FROM journal_entries e" + (" WHERE " + " AND ".join(where) if where else "")
            + " LIMIT 1")

"""The reports' reads of the journal's totals, as plain SQL text with named parameters.

One text for both paths: queries.py runs it through SQLAlchemy (SQLite and PostgreSQL, dates
bound as dates), lean.py through the standard library's sqlite3 (dates bound as ISO text, as
SQLite stores them). Every sum is signed as in the journal (debit positive).
"""
from __future__ import annotations

from kws_desktop.store.totals_triggers import CASH_CONDITION

ACCOUNTS = "SELECT a.id, a.code, a.name_id, a.name_en, a.type, a.is_cash, a.active FROM accounts a ORDER BY a.code"
CASH_ACCOUNT_CODES = f"SELECT a.code FROM accounts a WHERE {CASH_CONDITION} ORDER BY a.code"
COUNTER_SUMS = ("SELECT a.code, sum(t.amount) FROM accounts a JOIN cash_counter_day_totals t "
                "ON t.account_id = a.id WHERE t.day >= :since AND t.day <= :until GROUP BY a.code")
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

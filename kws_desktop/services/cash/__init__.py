"""Kas & Bank: other expenses and income, moving money between cash and bank.

Modules and their public calls:

- `entries`: Kas & Bank: other expenses (BKK), other income (BKM) and moving money between cash
  and bank (PB).
  CashEntryRow, balance_of, ensure_money_there, cash_balances, record_cash_entry_in,
  record_expense, record_income, transfer, void_cash_entry, list_cash_entries
"""

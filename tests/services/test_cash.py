"""Kas & Bank: other expenses, other income, cash <-> bank; bad input refused, nothing saved."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.cash.entries import (cash_balances, list_cash_entries, record_expense, record_income,
                                       transfer, void_cash_entry)
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.store.models.book import JournalEntry, PeriodClose

D = dt.date(2026, 4, 10)


@pytest.fixture
def funded(book):
    post_opening_balances(book, dt.date(2026, 1, 1), cash=1_000_000, bank=5_000_000)
    return book


def _entries(book):
    with book.reading() as s:
        return s.execute(select(func.count(JournalEntry.id))).scalar()


def test_expense_income_transfer(funded):
    e = record_expense(funded, date=D, money_account="cash", category=A.OPERATING, amount=150_000,
                       description="Pulsa dan ATK <rapat> & \"cetak\"", party="Toko Fotokopi")
    assert e.number == "BKK-2026-0001" and e.description.startswith("Pulsa dan ATK <rapat>")
    record_income(funded, date=D, money_account="bank", category=A.REVENUE_OTHER, amount=12_345,
                  description="Bunga bank")
    t = transfer(funded, date=D, from_account="cash", amount=500_000)
    assert t.number == "PB-2026-0001" and t.description == "Setor tunai ke bank"
    assert cash_balances(funded) == {"cash": 350_000, "bank": 5_512_345}
    assert check_book(funded) == []
    assert [r.number for r in list_cash_entries(funded)][0] == "PB-2026-0001"


def test_void_reverses_once(funded):
    e = record_expense(funded, date=D, money_account="bank", category=A.COST_PERMITS, amount=200_000,
                       description="Izin")
    void_cash_entry(funded, e.id, reason="salah catat")
    assert cash_balances(funded)["bank"] == 5_000_000
    with pytest.raises(UserError, match="sudah dibatalkan"):
        void_cash_entry(funded, e.id, reason="lagi")
    assert list_cash_entries(funded)[0].status == "void"
    assert check_book(funded) == []


@pytest.mark.parametrize("kwargs, field", [
    (dict(amount=0), "amount"), (dict(amount=-5), "amount"), (dict(description="  "), "description"),
    (dict(category="9-9999"), "category"), (dict(money_account="dompet"), "money_account"),
    (dict(amount=2_000_000), "amount"),  # more than the cash box holds
])
def test_bad_input_refused_nothing_saved(funded, kwargs, field):
    before = _entries(funded)
    args = dict(date=D, money_account="cash", category=A.OPERATING, amount=10_000, description="x")
    args.update(kwargs)
    with pytest.raises(UserError) as info:
        record_expense(funded, **args)
    assert info.value.field == field
    assert _entries(funded) == before and list_cash_entries(funded) == []


def test_closed_period_refused(funded):
    with funded.transaction() as s:
        s.add(PeriodClose(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30)))
    with pytest.raises(UserError, match="sudah ditutup"):
        record_expense(funded, date=D, money_account="cash", category=A.OPERATING, amount=1_000,
                       description="x")


def test_cash_entry_immutable_by_raw_sql(funded):
    from sqlalchemy import text
    e = record_expense(funded, date=D, money_account="cash", category=A.OPERATING, amount=1_000,
                       description="x")
    for statement in ("UPDATE cash_entries SET amount = 5", "DELETE FROM cash_entries",
                      "UPDATE cash_entries SET status = 'void'"):  # a void needs a reason
        with pytest.raises(Exception, match="immutable"):
            with funded.engine.begin() as conn:
                conn.execute(text(statement))
    void_cash_entry(funded, e.id, reason="salah")  # the service's void is allowed

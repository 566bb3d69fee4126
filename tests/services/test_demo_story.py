"""The demo book tells a healthy story: money and stock never below zero at a month end (the cash
box and the bank not even between two entries of a day, as the cash book lists them), every
year profitable, jobs with modest margins, the book checks clean (seed 7, 60 orders, two years)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kws_desktop.core.accounts import A
from kws_desktop.services.jobs import orders
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.services.billing.receivables import receivables_summary
from kws_desktop.services.reports.statements import profit_loss
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine
from kws_desktop.store.models.jobs import Order

from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def story(demo_master):
    book = open_book(demo_master)
    yield book
    book.close(backup=False)


def _month_ends(first: dt.date, last: dt.date):
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        nxt = dt.date(y + m // 12, m % 12 + 1, 1)
        yield min(nxt - dt.timedelta(days=1), last)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def test_money_and_stock_never_below_zero_at_a_month_end(story):
    start = dt.date(DEMO_TODAY.year - 1, 1, 1)
    stock_use = []
    with story.reading() as s:
        for day in _month_ends(start, DEMO_TODAY):
            bal = {r.code: r.balance for r in account_balances(s, until=day)}
            for code, name in ((A.CASH, "kas"), (A.BANK, "bank"), (A.INVENTORY, "persediaan")):
                assert bal.get(code, 0) >= 0, f"{name} {bal.get(code, 0)} at {day}"
            stock_use.append((day, bal.get(A.INVENTORY, 0), bal.get(A.COST_MATERIALS, 0)))
    # what is on hand at the end is in the order of a month or two of use, not a warehouse
    used = stock_use[-1][2] - stock_use[-13][2]
    assert 0 < stock_use[-1][1] < used / 12 * 3


def test_cash_box_and_bank_never_below_zero_between_entries(story):
    """Entry by entry in the cash book's order (date, then number): the treasurer brings the
    money before she pays, as a cash box cannot hold less than nothing."""
    with story.reading() as s:
        for code in (A.CASH, A.BANK):
            lines = s.execute(select(JournalEntry.date, JournalEntry.number, JournalLine.amount)
                              .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
                              .join(Account, Account.id == JournalLine.account_id)
                              .where(Account.code == code)
                              .order_by(JournalEntry.date, JournalEntry.number)).all()
            balance = 0
            for day, number, amount in lines:
                balance += amount
                assert balance >= 0, f"{code} {balance} after {number} on {day}"


def test_every_year_makes_a_modest_profit(story):
    for year in (DEMO_TODAY.year - 1, DEMO_TODAY.year):
        pl = profit_loss(story, dt.date(year, 1, 1), min(dt.date(year, 12, 31), DEMO_TODAY))
        assert pl.net_profit > 0, year
        assert pl.net_profit < pl.total_revenue * 0.35, year
        assert any(code == A.REVENUE_OTHER and amount > 0 for code, _n, amount in pl.revenue)  # bank interest


def test_jobs_have_believable_margins(story):
    with story.reading() as s:
        ids = s.execute(select(Order.id).where(Order.status == "diserahterimakan")).scalars().all()
    ratios = [orders.get_order(story, oid).cost for oid in ids]
    ratios = [c.margin / c.price for c in ratios if c.price]
    assert len(ratios) > 30
    assert sum(r < 0 for r in ratios) <= 2
    assert sum(0.1 <= r <= 0.3 for r in ratios) >= 0.7 * len(ratios)


def test_receivables_some_overdue_and_check_clean(story):
    with story.reading() as s:
        bal = {r.code: r.balance for r in account_balances(s)}
    assert bal[A.RECEIVABLES] > 0
    summary = receivables_summary(story, DEMO_TODAY)
    assert 0 < summary.overdue_payers < summary.payers  # some late, most not
    assert check_book(story) == []

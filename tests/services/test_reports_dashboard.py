"""The dashboard figures: SQL aggregates that agree with the statements."""
from __future__ import annotations

import datetime as dt

from kws_desktop.core.accounts import A
from kws_desktop.services.reports.dashboard import dashboard
from kws_desktop.services.reports.cash_book import cash_book
from kws_desktop.services.reports.statements import profit_loss

D = dt.date


def test_dashboard_agrees_with_statements(book):
    from test_reports import post_samples
    post_samples(book)
    d = dashboard(book, D(2026, 5, 20)).money
    pl_year = profit_loss(book, D(2026, 1, 1), D(2026, 5, 20))
    pl_month = profit_loss(book, D(2026, 5, 1), D(2026, 5, 20))
    assert (d.year.revenue, d.year.costs, d.year.profit) == (
        pl_year.total_revenue, pl_year.total_costs, pl_year.net_profit)
    assert (d.month.revenue, d.month.profit) == (pl_month.total_revenue, pl_month.net_profit)
    assert d.cash + d.bank == cash_book(book, D(2026, 1, 1), D(2026, 5, 20)).closing
    assert d.receivables == 2_500_000
    assert len(d.months) == 12 and (d.months[-1].year, d.months[-1].month) == (2026, 5)
    feb = next(p for p in d.months if p.month == 2)
    assert (feb.revenue, feb.costs) == (4_500_000, 2_000_000)
    assert sum(p.profit for p in d.months if p.year == 2026) == pl_year.net_profit


def test_dashboard_on_demo_book(demo_book):
    from conftest import DEMO_TODAY
    d = dashboard(demo_book, DEMO_TODAY)
    pl = profit_loss(demo_book, D(DEMO_TODAY.year, 1, 1), DEMO_TODAY)
    assert d.money.year.profit == pl.net_profit
    with demo_book.reading() as s:
        from kws_desktop.services.book.ledger import account_balances
        rows = {r.code: r.balance for r in account_balances(s, until=DEMO_TODAY)}
    assert (d.money.cash, d.money.bank) == (rows[A.CASH], rows[A.BANK])
    if d.open_orders is not None:
        assert all(n >= 0 for _s, n in d.open_orders)


def test_dashboard_empty_book(book):
    d = dashboard(book, D(2026, 11, 28)).money
    assert d.year.revenue == 0 and d.cash == 0 and all(p.profit == 0 for p in d.months)


def test_low_stock_in_the_materials_own_units(book):
    from decimal import Decimal
    from kws_desktop.services.purchasing import materials, purchases
    cement = materials.create_material(book, materials.MaterialInput("Semen 50 kg", "sak", "", 65_000, "5"))
    purchases.record_purchase(book, purchases.PurchaseInput(
        D(2026, 5, 4), None, "cash", (purchases.PurchaseLineInput(cement.id, "2", 65_000),)))
    low = dashboard(book, D(2026, 5, 20)).low_stock
    assert [(m.name, m.on_hand, m.min_stock) for m in low] == [("Semen 50 kg", Decimal(2), Decimal(5))]
    assert [m.stock_qty for m in materials.low_stock(book)] == [Decimal(2)]  # as the stock tab says


def test_a_new_books_example_materials_give_no_alarm_until_bought(book):
    from kws_desktop.services.purchasing import materials, purchases
    assert materials.load_starter_catalog(book) > 0
    assert dashboard(book, D(2026, 5, 20)).low_stock == ()
    example = next(m for m in materials.list_materials(book) if m.min_stock > 0)
    purchases.record_purchase(book, purchases.PurchaseInput(
        D(2026, 5, 4), None, "cash", (purchases.PurchaseLineInput(example.id, "0,5", 10_000),)))
    assert [m.name for m in dashboard(book, D(2026, 5, 20)).low_stock] == [example.name]

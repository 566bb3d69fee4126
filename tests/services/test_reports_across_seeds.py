"""Reports held against each other on demo books of several seeds (issue 19): what one report
shows for a day or a period, another report of the same thing shows too."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kws_desktop.services.book.books import open_book
from kws_desktop.services.reports.statements import financial_position

SEEDS = (3, 7, 11)
TODAY = dt.date(2026, 11, 28)
YEARS = 3


@pytest.fixture(scope="module")
def seed_books(tmp_path_factory):
    """One demo book per seed, built once for this module (a demo takes a while to build)."""
    from kws_desktop.services.training.demo import build_demo
    folder = tmp_path_factory.mktemp("seeds")
    paths = {}
    for seed in SEEDS:
        paths[seed] = folder / f"demo-{seed}.kws"
        build_demo(paths[seed], seed=seed, orders=40, years=YEARS, today=TODAY)
    return paths


@pytest.fixture(params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def seed_book(request, seed_books, tmp_path):
    target = tmp_path / "demo.kws"
    shutil.copy(seed_books[request.param], target)
    book = open_book(target)
    yield book
    book.close(backup=False)


def _equity_figures(column):
    return (column.equity, column.retained_opening, column.year_profit, column.year_sharing,
            column.retained_earnings, column.total_equity, column.total_assets)


def test_year_end_position_is_the_next_years_comparison_column(seed_book):
    for year in range(TODAY.year - YEARS + 1, TODAY.year):
        that_year = financial_position(seed_book, dt.date(year, 1, 1), dt.date(year, 12, 31))
        next_year = financial_position(seed_book, dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31))
        assert next_year.before.day == that_year.now.day == dt.date(year, 12, 31)
        assert _equity_figures(next_year.before) == _equity_figures(that_year.now)
        # the year's profit is closed into Saldo Laba when the next year begins
        assert next_year.now.retained_opening == that_year.now.retained_earnings


def test_no_document_under_a_thousand_rupiah(seed_book):
    """Instalments are whole thousands (the last absorbs the rest) and no payer is billed a
    leftover: no invoice, instalment or kuitansi under Rp1.000."""
    from sqlalchemy import func, select
    from kws_desktop.store.models.billing import Instalment, Invoice, Payment, Receipt
    with seed_book.reading() as s:
        assert s.execute(select(func.min(Invoice.total))).scalar() >= 1_000
        assert s.execute(select(func.min(Instalment.amount))).scalar() >= 1_000
        smallest = s.execute(select(func.min(Payment.amount)).join(
            Receipt, Receipt.payment_id == Payment.id)).scalar()
        assert smallest >= 1_000

"""Reports held against each other on demo books of several seeds (issue 19): what one report
shows for a day or a period, another report of the same thing shows too."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import NUMBERED_TABLES
from kws_desktop.services.reports.statements import financial_position

SEEDS = (3, 7, 11)
TODAY = dt.date(2026, 11, 28)
YEARS = 3
# kinds a small demo may not make at all (a payout of profit shares only, a second count)
MAYBE_ABSENT = {"profit_share_payout", "profit_sharing", "stock_count"}


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


def _periods():
    last = TODAY.year - 1
    return [(dt.date(last, 1, 1), dt.date(last, 12, 31)), (dt.date(TODAY.year, 1, 1), TODAY),
            (dt.date(TODAY.year, 4, 1), dt.date(TODAY.year, 6, 30))]


def test_program_and_performance_count_units_alike(seed_book):
    """The program report counts orders dated in the period (by today's stage) and, like the
    performance report, the units finished and handed over in the period."""
    from kws_desktop.services.evaluation.performance import performance
    from kws_desktop.services.reports import build_report
    for start, end in _periods():
        program = {r.cells.get("uraian"): r.cells.get("unit") for r in
                   build_report(seed_book, "program", start, end).rows if isinstance(r.cells, dict)}
        perf = performance(seed_book, start, end)
        assert program["JUMLAH UNIT"] == perf.orders_new
        assert program["Selesai dibangun (tanggal selesai dalam periode)"] == perf.units_built
        assert program["Diserahterimakan (tanggal serah terima dalam periode)"] == perf.units_handed_over
        stages = ("Dijadwalkan", "Dikerjakan", "Selesai", "Diserahterimakan")
        assert sum(program.get(label) or 0 for label in stages) == program["JUMLAH UNIT"]


def _add_other_job_costs(book) -> None:
    """A job's "other" costs (the demo records few): on three finished jobs and on a new order
    not started yet, one of them voided again (its reversal nets it out of both reports)."""
    from sqlalchemy import select
    from kws_desktop.services.jobs import orders
    from kws_desktop.store.models.jobs import Order
    from kws_desktop.store.models.sales import Customer
    with book.reading() as s:
        finished = s.execute(select(Order.id).where(Order.status == "diserahterimakan")
                             .order_by(Order.id.desc()).limit(3)).scalars().all()
        customer = s.execute(select(Customer.id).order_by(Customer.id)).scalars().first()
    new = orders.create_order(book, orders.OrderInput(customer_id=customer, date=TODAY, lines=(
        orders.LineInput("Perbaikan pipa", 1, "unit", 350_000, cost=200_000),)))
    added = [orders.add_cost(book, oid, "other", 40_000 + 5_000 * i, TODAY,
                             description="Konsumsi gotong royong")
             for i, oid in enumerate([*finished, new.id])]
    orders.void_cost(book, added[1].id, "salah catat", TODAY)


def test_orders_report_profit_reconciles_with_profit_and_loss(seed_book):
    """Over the book's whole life the P&L's cost of sales is the orders report's cost of every
    job (finished or not) plus the cost of cancelled orders and the cost of sales outside orders,
    each taken from its own records; so the P&L's gross profit is the orders report's profit of
    the finished jobs, corrected by the billed price and cost of unfinished jobs, the price of
    finished jobs not billed yet, the cost of cancelled orders, and revenue and cost outside
    orders. A job's other costs are cost of sales like its transport (5-8000): none is left in
    the operating expenses."""
    from sqlalchemy import func, or_, select
    from kws_desktop.services.jobs.job_costing import is_finished, order_costs
    from kws_desktop.services.reports import build_report
    from kws_desktop.services.reports.queries import job_costs_in_operating
    from kws_desktop.services.reports.statements import profit_loss
    from kws_desktop.store.models.billing import Invoice, InvoiceLine
    from kws_desktop.store.models.book import Account, JournalEntry, JournalLine
    from kws_desktop.store.models.jobs import Order
    _add_other_job_costs(seed_book)
    start = dt.date(TODAY.year - YEARS + 1, 1, 1)
    report = build_report(seed_book, "orders", start, TODAY)
    total = next(r for r in report.rows if r.style == "total").cells
    with seed_book.reading() as s:
        stages = dict(s.execute(select(Order.id, Order.status)).all())
        costs = order_costs(s, list(stages))
        billed = dict(s.execute(select(InvoiceLine.order_id, func.sum(InvoiceLine.amount))
                                .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
                                .where(Invoice.status != "void", InvoiceLine.order_id.is_not(None))
                                .group_by(InvoiceLine.order_id)).all())
        def journal(sources, *accounts):
            return -int(s.execute(
                select(func.coalesce(func.sum(JournalLine.amount), 0))
                .join(Account, Account.id == JournalLine.account_id)
                .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
                .where(JournalEntry.source_type.in_(sources),
                       or_(*(Account.code.like(f"{a}-%") for a in accounts)))).scalar())
        outside_sources = ("cash_entry", "service_visit", "stock_count")
        # revenue and cost of sales that belong to no order
        outside = journal(outside_sources, "4", "5")
        outside_cost = -journal(outside_sources, "5")
        assert job_costs_in_operating(s, start, TODAY) == 0
    finished = [i for i, st in stages.items() if is_finished(st)]
    open_jobs = [i for i, st in stages.items() if st not in ("batal",) and not is_finished(st)]
    cancelled = [i for i, st in stages.items() if st == "batal"]
    assert sum(costs[i].other for i in finished) and sum(costs[i].other for i in open_jobs)
    pl = profit_loss(seed_book, start, TODAY)
    assert total["cost"] == sum(costs[i].actual for i in finished + open_jobs)
    assert pl.total_cost_of_sales == (total["cost"] + sum(costs[i].actual for i in cancelled)
                                      + outside_cost)
    assert total["margin"] == sum(costs[i].margin for i in finished)
    expected = (total["margin"]
                - sum(costs[i].price - billed.get(i, 0) for i in finished)
                + sum(billed.get(i, 0) - costs[i].actual for i in open_jobs)
                - sum(costs[i].actual for i in cancelled)
                + outside)
    assert pl.gross_profit == expected


@pytest.mark.parametrize("kind", sorted(NUMBERED_TABLES))
def test_document_numbers_follow_their_dates(seed_book, kind):
    """Within a year a later number of a kind is never dated before an earlier one (issue 19:
    numbers that run against dates read as backdating), for every numbered kind, journal
    entries too (the demo is built on one calendar, services/training/demo/calendar.py)."""
    numbered = _numbers_by_year(seed_book, kind)
    assert numbered or kind in MAYBE_ABSENT
    for year, rows in numbered.items():
        dates = [day for _seq, day in sorted(rows)]
        assert dates == sorted(dates), (kind, year)


def _numbers_by_year(book, kind: str) -> dict[int, list[tuple[int, dt.date]]]:
    from sqlalchemy import column, select, table
    from kws_desktop.core.numbering import parse_doc_number
    docs = table(NUMBERED_TABLES[kind], column("number"), column("date"))
    with book.reading() as s:
        rows = s.execute(select(docs.c.number, docs.c.date)).all()
    by_year: dict[int, list[tuple[int, dt.date]]] = {}
    for number, day in rows:
        parsed = parse_doc_number(number)
        if parsed is not None and parsed[0] == kind:
            by_year.setdefault(parsed[1], []).append((parsed[2], dt.date.fromisoformat(str(day))))
    return by_year


def test_every_reports_csv_opens_in_columns_with_a_semicolon(seed_book, tmp_path):
    """Excel set to Indonesian splits a CSV at ';' (',' is its decimal sign): every report's CSV
    reads as one table there, each row as wide as its header."""
    import csv

    from kws_desktop.documents.tabular import write_report
    from kws_desktop.services.reports import build_report, kinds
    with_rows = 0
    for kind in kinds():
        report = build_report(seed_book, kind, dt.date(TODAY.year, 1, 1), TODAY)
        path = write_report(report, tmp_path / f"{kind}.csv")
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
        assert len(rows[0]) >= 2, (kind, rows[0])
        assert all(len(row) == len(rows[0]) for row in rows), kind
        with_rows += len(rows) > 1
    assert with_rows >= len(kinds()) - 1  # payables may be all paid on the day

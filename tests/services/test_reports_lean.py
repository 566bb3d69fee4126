"""The lean path (services/reports/lean.py: sqlite3 over the totals) gives the statements and the
Beranda's money figures exactly as the full path does, on demo books of several seeds and for
several periods, in both languages; a book it cannot trust gets None (the full path then)."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from kws_desktop.documents.terminal import report_text
from kws_desktop.i18n import set_language
from kws_desktop.services.book.books import open_book
from kws_desktop.services.reports import build_report, lean
from kws_desktop.services.reports.dashboard import dashboard

SEEDS = (3, 7, 11)
TODAY = dt.date(2026, 11, 28)
PERIODS = [(None, None),                                          # this year to today
           (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),          # last year
           (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),           # a month
           (dt.date(2025, 6, 17), dt.date(2026, 2, 9)),           # mid-month to mid-month
           (dt.date(2026, 5, 13), dt.date(2026, 5, 13)),          # one day
           (dt.date(2001, 1, 1), dt.date(2001, 12, 31))]          # before the book began


@pytest.fixture(scope="module")
def seed_books(tmp_path_factory):
    from kws_desktop.services.training.demo import build_demo
    folder = tmp_path_factory.mktemp("lean-seeds")
    paths = {}
    for seed in SEEDS:
        paths[seed] = folder / f"demo-{seed}.kws"
        build_demo(paths[seed], seed=seed, orders=25, years=2, today=TODAY)
    return paths


@pytest.fixture(params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def seed_path(request, seed_books, tmp_path):
    target = tmp_path / "demo.kws"
    shutil.copy(seed_books[request.param], target)
    return target


@pytest.mark.parametrize("language", ["id", "en"])
def test_lean_statements_equal_the_full_path(seed_path, language):
    set_language(language)
    with open_book(seed_path, read_only=True, defer_checks=True) as book:
        for kind in lean.REPORTS:
            for start, end in PERIODS:
                full = build_report(book, kind, start, end)
                got = lean.read_report(seed_path, kind, start, end)
                assert got is not None, (kind, start, end)
                assert (got.title, got.subtitle, got.columns, got.rows, got.notes) == (
                    full.title, full.subtitle, full.columns, full.rows, full.notes), (kind, start, end)
                assert report_text(got) == report_text(full)


def test_the_first_year_has_no_comparison_column_on_both_paths(seed_path):
    """The demo book begins on 1 January 2025: its 2025 position prints no 31/12/2024 column;
    a period from mid-2025 compares with a day the book holds. Both paths agree."""
    with open_book(seed_path, read_only=True, defer_checks=True) as book:
        for start, keys in ((dt.date(2025, 1, 1), ["uraian", "now"]),
                            (dt.date(2025, 6, 17), ["uraian", "now", "before"])):
            full = build_report(book, "financial-position", start, dt.date(2025, 12, 31))
            got = lean.read_report(seed_path, "financial-position", start, dt.date(2025, 12, 31))
            assert [c.key for c in full.columns] == [c.key for c in got.columns] == keys
            assert report_text(got) == report_text(full)


def test_lean_money_figures_equal_the_dashboards(seed_path):
    with open_book(seed_path, read_only=True, defer_checks=True) as book:
        for day in (TODAY, dt.date(2026, 1, 1), dt.date(2025, 7, 31)):
            assert lean.read_money_figures(seed_path, day) == dashboard(book, day).money


def test_stale_totals_give_none_and_the_full_path_the_same_figures(seed_path):
    con = sqlite3.connect(seed_path)
    con.execute("DROP TRIGGER journal_lines_totals")
    con.commit()
    con.close()
    assert lean.read_report(seed_path, "profit-loss") is None
    assert lean.read_money_figures(seed_path) is None


def test_a_bad_period_is_refused_as_the_full_path_refuses_it(seed_path):
    from kws_desktop.errors import UserError
    with pytest.raises(UserError) as lean_error:
        lean.read_report(seed_path, "profit-loss", dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    with open_book(seed_path, read_only=True, defer_checks=True) as book, pytest.raises(UserError) as full:
        build_report(book, "profit-loss", dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    assert lean_error.value.message == full.value.message


def test_other_kinds_are_not_on_the_lean_path(seed_path):
    assert lean.read_report(seed_path, "cash-book") is None
    assert lean.read_report(seed_path, "tidak-ada") is None


def test_the_bagi_hasil_line_is_the_cash_paid_on_bagi_hasil_payouts(seed_books):
    """The demo's bagi hasil payouts (no wages in them) deduct a member's kasbon from his bagi
    hasil: the cash flow's bagi hasil line is what they paid in cash, their net, on both paths."""
    from sqlalchemy import select

    from kws_desktop.services.reports.statements import cash_flow
    from kws_desktop.store.models.people import WagePayout
    deducted = 0
    for path in seed_books.values():
        with open_book(path, read_only=True, defer_checks=True) as book:
            with book.reading() as s:
                payouts = s.execute(select(WagePayout.date, WagePayout.total_wages, WagePayout.total_net,
                                           WagePayout.total_advance_deducted).where(
                    WagePayout.total_profit_share > 0, WagePayout.status == "posted")).all()
            assert all(p.total_wages == 0 for p in payouts)
            deducted += sum(p.total_advance_deducted for p in payouts)
            for start, end in [(dt.date(2025, 1, 1), TODAY), (dt.date(2026, 1, 1), TODAY)] + PERIODS[1:]:
                line = {label: amount for _a, label, amount in cash_flow(book, start, end).lines}
                paid = sum(p.total_net for p in payouts if start <= p.date <= end)
                assert line["Pembayaran bagi hasil anggota"] == -paid, (path.name, start, end)
                full = build_report(book, "cash-flow", start, end)
                assert report_text(lean.read_report(path, "cash-flow", start, end)) == report_text(full)
    assert deducted > 0  # a seed's bagi hasil payout settles a kasbon

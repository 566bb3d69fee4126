"""Revision 0007: a job's other costs get their own account among the cost of sales (5-8000).

A book of the version before has such costs on 6-1000 (an operating expense): the upgrade adds
the account and leaves those entries as they were posted; the P&L names their amount. New costs
go to 5-8000. Downgrade removes the account while nothing is posted to it, and keeps it after."""
from __future__ import annotations

import sqlite3

from sqlalchemy import select

from kws_desktop.core.accounts import A
from kws_desktop.core.job_costing import CostKind
from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.services.jobs import orders
from kws_desktop.services.reports.statements import build_profit_loss, profit_loss
from kws_desktop.store import migrate
from kws_desktop.store.engine import make_engine
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine
from kws_desktop.store.models.jobs import Order

from conftest import DEMO_TODAY


def _downgrade(path, revision: str) -> None:
    engine = make_engine(path)
    with engine.begin() as conn:
        migrate.command.downgrade(migrate.alembic_config(conn), revision)
    engine.dispose()


def _accounts(path, code: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT code, name_id, type, is_cash, active FROM accounts WHERE code = ?",
                           (code,)).fetchall()
    finally:
        con.close()


def _revision(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _journal(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT l.id, l.entry_id, a.code, l.amount FROM journal_lines l "
                           "JOIN accounts a ON a.id = l.account_id ORDER BY l.id").fetchall()
    finally:
        con.close()


def _codes_of_cost(book, cost_id: int) -> dict[str, int]:
    with book.reading() as s:
        rows = s.execute(select(Account.code, JournalLine.amount)
                         .join(JournalLine, JournalLine.account_id == Account.id)
                         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
                         .where(JournalEntry.source_type == "order_cost",
                                JournalEntry.source_id == cost_id)).all()
    return dict(rows)


def test_a_new_book_has_the_account_once(tmp_path):
    path = tmp_path / "baru.kws"
    create_book(path).close(backup=False)
    assert _accounts(path, A.COST_OTHER_JOB) == [("5-8000", "Beban Lain-lain Pekerjaan", "beban", 0, 1)]


def test_upgrade_adds_the_account_and_keeps_earlier_costs_where_they_were_posted(demo_path, monkeypatch):
    book = open_book(demo_path)
    with book.reading() as s:
        order_id = s.execute(select(Order.id).order_by(Order.id.desc())).scalars().first()
    with monkeypatch.context() as before:  # as the version before posted it
        before.setitem(orders.COST_ACCOUNTS, CostKind.OTHER, A.OPERATING)
        old = orders.add_cost(book, order_id, "other", 125_000, DEMO_TODAY, description="Konsumsi")
    book.close(backup=False)
    used = any(code == A.COST_OTHER_JOB for _l, _e, code, _a in _journal(demo_path))  # the demo's own costs
    _downgrade(demo_path, "0006")
    # nothing posted to it: removed (a new book, test_downgrade_…_and_back); used: kept, once
    assert len(_accounts(demo_path, A.COST_OTHER_JOB)) == (1 if used else 0)
    journal = _journal(demo_path)

    book = open_book(demo_path)  # upgrades to the head after the verified backup
    try:
        assert _revision(demo_path) == migrate.head_revision()
        assert _accounts(demo_path, A.COST_OTHER_JOB) == [
            ("5-8000", "Beban Lain-lain Pekerjaan", "beban", 0, 1)]
        assert _journal(demo_path) == journal  # not a line moved or added
        assert _codes_of_cost(book, old.id) == {A.OPERATING: 125_000, A.CASH: -125_000}
        year = (DEMO_TODAY.replace(month=1, day=1), DEMO_TODAY)
        before = profit_loss(book, *year)
        other_before = dict((code, a) for code, _n, a in before.cost_of_sales)[A.COST_OTHER_JOB]  # the demo's own
        new = orders.add_cost(book, order_id, "other", 75_000, DEMO_TODAY, description="Terpal")
        assert _codes_of_cost(book, new.id) == {A.COST_OTHER_JOB: 75_000, A.CASH: -75_000}
        pl = profit_loss(book, *year)
        assert pl.total_cost_of_sales == before.total_cost_of_sales + 75_000
        assert ("5-8000", "Beban Lain-lain Pekerjaan", other_before + 75_000) in pl.cost_of_sales
        notes = " ".join(build_profit_loss(book, *year).notes)
        assert "Beban Operasional Kelompok berisi Rp125.000 biaya lain-lain pekerjaan" in notes
        assert "akun Beban Lain-lain Pekerjaan" in notes
        from kws_desktop.services.reports.lean import read_report
        assert read_report(demo_path, "profit-loss", *year) == build_profit_loss(book, *year)  # the note too
        # a period without such earlier costs says nothing of them
        last_year = (DEMO_TODAY.replace(year=DEMO_TODAY.year - 1, month=1, day=1),
                     DEMO_TODAY.replace(year=DEMO_TODAY.year - 1, month=12, day=31))
        assert "biaya lain-lain pekerjaan" not in " ".join(build_profit_loss(book, *last_year).notes)
        assert check_book(book) == []
    finally:
        book.close(backup=False)

    _downgrade(demo_path, "0006")  # a cost is posted there now: the account stays
    assert _revision(demo_path) == "0006"
    assert len(_accounts(demo_path, A.COST_OTHER_JOB)) == 1
    with open_book(demo_path) as book:
        assert check_book(book) == []
    assert len(_accounts(demo_path, A.COST_OTHER_JOB)) == 1  # upgraded again: still one


def test_downgrade_to_the_first_revision_and_back(tmp_path):
    path = tmp_path / "buku.kws"
    create_book(path).close(backup=False)
    _downgrade(path, "0001")
    assert _accounts(path, A.COST_OTHER_JOB) == []
    with open_book(path) as book:
        assert check_book(book) == []
    assert len(_accounts(path, A.COST_OTHER_JOB)) == 1

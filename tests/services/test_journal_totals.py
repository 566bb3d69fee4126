"""The journal's totals per account and day: kept by the journal's trigger, equal to a scan,
named by `check` when they are not, made again by `rebuild-totals`, never read when stale."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from conftest import DEMO_TODAY
from kws_desktop.cli import main
from kws_desktop.core.accounts import A
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.services.cash.entries import record_expense
from kws_desktop.services.reports.dashboard import dashboard
from kws_desktop.services.reports.queries import uses_totals
from kws_desktop.services.reports.statements import cash_flow, financial_position, profit_loss
from kws_desktop.store import totals

TODAY = DEMO_TODAY
# whole years, whole months, a period that starts and ends mid-month, one day, a period before
# the book began, and the default (this year to today)
PERIODS = [(dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31)),
           (dt.date(TODAY.year, 3, 1), dt.date(TODAY.year, 3, 31)),
           (dt.date(TODAY.year - 1, 6, 17), dt.date(TODAY.year, 2, 9)),
           (dt.date(TODAY.year, 5, 13), dt.date(TODAY.year, 5, 13)),
           (dt.date(2001, 1, 1), dt.date(2001, 12, 31)),
           (None, TODAY)]


def _figures(book):
    out = []
    for start, end in PERIODS:
        out += [profit_loss(book, start, end), financial_position(book, start, end),
                cash_flow(book, start, end)]
    out.append(dashboard(book, TODAY))
    return out


def _scanning(monkeypatch):
    monkeypatch.setattr(totals, "current", lambda conn: False)


def test_totals_equal_a_scan_of_the_demo_journal(demo_book):
    with demo_book.reading() as s:
        assert uses_totals(s)
        count, _shown = totals.differences(s.connection())
        rows = s.connection().exec_driver_sql("SELECT count(*) FROM cash_counter_day_totals").scalar()
    assert count == 0 and rows > 0


def test_reports_from_totals_equal_reports_from_the_journal(demo_book, monkeypatch):
    from_totals = _figures(demo_book)
    _scanning(monkeypatch)
    with demo_book.reading() as s:
        assert not uses_totals(s)
    assert _figures(demo_book) == from_totals


def _post_expense(book, amount=125_000):
    return record_expense(book, date=TODAY, money_account="cash", category=A.OPERATING, amount=amount,
                          description="Beli ATK")


def test_a_line_posted_behind_the_trigger_makes_reports_scan_and_check_name_it(demo_path, monkeypatch, capsys):
    con = sqlite3.connect(demo_path)
    con.execute("DROP TRIGGER journal_lines_totals")
    con.commit()
    con.close()
    book = open_book(demo_path)
    try:
        _post_expense(book)
        with book.reading() as s:
            assert not uses_totals(s)   # the totals have not seen the newest line
        shown = _figures(book)
        problems = check_book(book)
    finally:
        book.close(backup=False)
    _scanning(monkeypatch)
    book = open_book(demo_path, read_only=True)
    try:
        assert _figures(book) == shown
    finally:
        book.close(backup=False)
    monkeypatch.undo()
    assert any("journal_lines_totals" in p for p in problems)
    mismatch = [p for p in problems if p.startswith("Jumlah harian per akun tidak cocok")]
    assert len(mismatch) == 1 and "rebuild-totals" in mismatch[0]
    # Kas and the expense in the day totals, the expense in the cash counters
    assert "di 3 tempat, misalnya akun Kas (1-1100) tanggal 28 November 2026" in mismatch[0]

    assert main(["rebuild-totals", str(demo_path)]) == 0
    assert "diperbaiki" in capsys.readouterr().out
    assert main(["check", str(demo_path)]) == 0   # the trigger is back too
    book = open_book(demo_path)
    try:
        _post_expense(book, 10_000)                # and keeps the totals again
        with book.reading() as s:
            assert uses_totals(s) and totals.differences(s.connection())[0] == 0
    finally:
        book.close(backup=False)


def test_a_changed_totals_row_is_named_and_rebuilt(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        con.execute("UPDATE account_day_totals SET amount = amount + 5")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        con.execute("DELETE FROM cash_counter_day_totals")
    # past the guards: drop one, change a row, put the guard back as it was
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'account_day_totals_guard_update'").fetchone()[0]
    con.execute("DROP TRIGGER account_day_totals_guard_update")
    con.execute("UPDATE account_day_totals SET amount = amount + 5 "
                "WHERE rowid = (SELECT min(rowid) FROM account_day_totals)")
    con.execute(sql)
    con.commit()
    con.close()
    assert main(["check", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "Jumlah harian per akun tidak cocok dengan jurnal di 1 tempat" in out
    assert main(["rebuild-totals", str(demo_path)]) == 0
    assert "1 yang tidak cocok sudah diperbaiki" in capsys.readouterr().out
    assert main(["check", str(demo_path)]) == 0
    assert main(["rebuild-totals", str(demo_path)]) == 0
    assert "sudah cocok" in capsys.readouterr().out


def test_rebuild_totals_refuses_what_is_not_a_book(tmp_path, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["rebuild-totals"])
    assert usage.value.code == 2
    assert main(["rebuild-totals", str(tmp_path / "tidak-ada.kws")]) == 1
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err

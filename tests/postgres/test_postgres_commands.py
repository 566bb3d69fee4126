"""Every command kind and the window accept a PostgreSQL URL; document numbers stay gap-free
with two processes recording purchases at once."""
import json
import re
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import text

from kws_desktop.cli import main
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book


@pytest.fixture
def pg_demo(pg_url, capsys):
    assert main(["demo", pg_url, "--orders", "8", "--years", "1", "--seed", "2"]) == 0
    capsys.readouterr()
    return pg_url


def _json(capsys, *args):
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_commands_on_postgres(pg_demo, tmp_path, capsys):
    url = pg_demo
    assert main(["check", url]) == 0
    capsys.readouterr()
    for kind in ("members", "customers", "materials", "purchases", "quotes", "orders", "invoices",
                 "payments", "receipts", "accounts"):
        assert isinstance(_json(capsys, "list", kind, url, "--format", "json"), list)
    for kind in ("profit-loss", "program"):
        assert main(["report", kind, url, "--out", str(tmp_path / f"{kind}.pdf")]) == 0
    assert main(["export-ledger", url, "--out", str(tmp_path / "buku.journal")]) == 0
    assert "Kas" in (tmp_path / "buku.journal").read_text(encoding="utf-8")
    capsys.readouterr()
    receipt = _json(capsys, "list", "receipts", url, "--format", "json")[0]["number"]
    quote = _json(capsys, "list", "quotes", url, "--format", "json")[0]["number"]
    invoice = _json(capsys, "list", "invoices", url, "--format", "json")[0]["number"]
    for cmd, number in (("receipt", receipt), ("quote", quote), ("invoice", invoice)):
        target = tmp_path / f"{cmd}.pdf"
        assert main([cmd, url, number, "--out", str(target)]) == 0
        assert target.read_bytes()[:4] == b"%PDF"


def test_import_makes_an_empty_database_a_book(pg_url, tmp_path, capsys):
    from kws_desktop.services.exchange.spreadsheet_sample import make_sample_workbook
    workbook = make_sample_workbook(tmp_path / "impor.xlsx", rows=30)
    assert main(["import", pg_url, str(workbook)]) == 0
    assert "Buku baru" in capsys.readouterr().out
    assert main(["check", pg_url]) == 0


def test_window_opens_a_postgres_book(pg_demo, qtbot):
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.shell.main_window import MainWindow
    ctx = AppContext()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.open_location(pg_demo)
    assert ctx.book is not None and not ctx.book.is_sqlite
    window.show_area("pesanan")
    window.close()  # closes the book


def test_two_writers_purchase_numbers_gap_free(pg_demo):
    with open_book(pg_demo) as book:
        with book.reading() as s:
            supplier = s.execute(text("SELECT id FROM suppliers ORDER BY id LIMIT 1")).scalar()
            material = s.execute(text("SELECT id FROM materials ORDER BY id LIMIT 1")).scalar()
            before = s.execute(text("SELECT count(*) FROM purchases")).scalar()
            # on the day of the demo's latest slip: a slip dated before it would need a reason
            day = s.execute(text("SELECT max(date) FROM purchases")).scalar()
    script = textwrap.dedent(f"""
        import datetime as dt
        from kws_desktop.services.book.books import open_book
        from kws_desktop.services.purchasing.purchases import PurchaseInput, PurchaseLineInput, record_purchase
        book = open_book({pg_demo!r})
        for i in range(25):
            record_purchase(book, PurchaseInput(date=dt.date.fromisoformat({str(day)[:10]!r}), supplier_id={supplier},
                method="cash", lines=(PurchaseLineInput({material}, "1", 1000),)))
        book.close()
        """)
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    assert [p.wait(timeout=180) for p in procs] == [0, 0]
    with open_book(pg_demo) as book:
        assert check_book(book) == []
        with book.reading() as s:
            total = s.execute(text("SELECT count(*) FROM purchases")).scalar()
    assert total == before + 50
    year = int(str(day)[:4])
    all_of_year = sorted(int(re.search(r"(\d+)$", n).group(1)) for n in _numbers(pg_demo, year))
    assert all_of_year == list(range(1, len(all_of_year) + 1))  # no gap, no duplicate


def _numbers(url, year):
    with open_book(url, read_only=True) as book:
        with book.reading() as s:
            return s.execute(text("SELECT number FROM purchases WHERE number LIKE :p"),
                             {"p": f"%-{year}-%"}).scalars().all()


def test_journal_totals_on_postgres_are_guarded_named_and_rebuilt(pg_demo, capsys):
    """The totals' trigger and guards in PostgreSQL's own dialect: a change is refused, one made
    past the guards is named by `check`, and `rebuild-totals` (as the app role may: no trigger
    is dropped) makes them again."""
    from sqlalchemy.exc import DBAPIError
    from kws_desktop.store import totals
    with open_book(pg_demo) as book:
        with book.engine.connect() as conn:
            assert totals.current(conn) and totals.differences(conn)[0] == 0
            conn.rollback()
        with book.engine.connect() as conn:
            with pytest.raises(DBAPIError, match="immutable"), conn.begin():
                conn.execute(text("DELETE FROM cash_counter_day_totals"))
        with book.engine.begin() as conn:  # past the guards: the flag only the refill sets
            conn.execute(text("SELECT set_config('kws.refilling_totals', 'on', true)"))
            conn.execute(text("UPDATE account_day_totals SET amount = amount + 7 "
                              "WHERE day = (SELECT min(day) FROM account_day_totals)"))
    assert main(["check", pg_demo]) == 1
    assert "Jumlah harian per akun tidak cocok" in capsys.readouterr().out
    assert main(["rebuild-totals", pg_demo]) == 0
    assert main(["check", pg_demo]) == 0


def test_statements_on_postgres_print_by_the_full_path(pg_demo, capsys):
    """A PostgreSQL book is never read by the lean path; the command prints the full path's text."""
    from kws_desktop.documents.terminal import report_text
    from kws_desktop.services.reports import build_report, lean
    for kind in ("profit-loss", "financial-position", "cash-flow"):
        assert lean.read_report(pg_demo, kind) is None
        assert main(["report", kind, pg_demo]) == 0
        printed = capsys.readouterr().out
        with open_book(pg_demo, read_only=True, defer_checks=True) as book:
            assert printed == report_text(build_report(book, kind))
    assert lean.read_money_figures(pg_demo) is None

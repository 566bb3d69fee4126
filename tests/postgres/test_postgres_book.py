"""A shared book on PostgreSQL: same schema, same rules, same numbers as a SQLite book."""
import json
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import text

from kws_desktop.cli import main
from kws_desktop.errors import BookError
from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.services.book.check import check_book


def test_create_check_and_refuse_raw_changes(pg_url):
    import datetime as dt
    from kws_desktop.services.book.opening import post_opening_balances
    book = create_book(pg_url)
    post_opening_balances(book, dt.date(2026, 1, 1), cash=1_000_000, bank=0)
    assert check_book(book) == []
    with pytest.raises(Exception, match="immutable"):
        with book.engine.begin() as conn:
            conn.execute(text("UPDATE journal_lines SET amount = 1"))
    book.close()
    with open_book(pg_url) as again:
        assert check_book(again) == []


def test_foreign_database_refused(pg_url):
    with pytest.raises(BookError, match="bukan buku"):
        open_book(pg_url)


def test_demo_same_balances_as_sqlite(pg_url, tmp_path, capsys):
    import datetime as dt
    from kws_desktop.services.training.demo import build_demo
    today = dt.date(2026, 11, 28)
    build_demo(pg_url, seed=5, orders=15, years=1, today=today)
    build_demo(tmp_path / "s.kws", seed=5, orders=15, years=1, today=today)
    assert main(["check", pg_url]) == 0
    capsys.readouterr()
    main(["list", "accounts", pg_url, "--format", "json"])
    on_pg = json.loads(capsys.readouterr().out)
    main(["list", "accounts", str(tmp_path / "s.kws"), "--format", "json"])
    on_sqlite = json.loads(capsys.readouterr().out)
    assert on_pg == on_sqlite


def test_two_writers_numbering_gap_free(pg_url):
    create_book(pg_url).close()
    script = textwrap.dedent(f"""
        import datetime as dt
        from kws_desktop.core.accounts import A
        from kws_desktop.core.ledger import credit, debit
        from kws_desktop.services.book.books import open_book
        from kws_desktop.services.book.ledger import post_entry
        book = open_book({pg_url!r})
        for i in range(60):
            with book.transaction() as s:
                post_entry(s, date=dt.date(2026, 2, 1), description="w", postings=[
                    debit(A.CASH, 10), credit(A.REVENUE_OTHER, 10)], source_type="test",
                    source_id=None, actor=book.actor)
        book.close()
        """)
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_book(pg_url) as book:
        assert check_book(book) == []
        with book.reading() as s:
            numbers = s.execute(text("SELECT number FROM journal_entries")).scalars().all()
    assert len(numbers) == len(set(numbers)) == 120

"""The lean reading path trusts a book only as the full path trusts its totals: a KWS Desktop
SQLite book at the head revision, the totals' trigger and guards as defined, the totals caught
up; it reads without changing a byte, and never imports SQLAlchemy."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kws_desktop.store import revisions
from kws_desktop.store.lean import open_trusted, trusted

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _change(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_a_demo_book_is_trusted_and_read_without_a_change(demo_path):
    before = _digest(demo_path)
    con = open_trusted(demo_path)
    assert con is not None
    try:
        assert con.in_transaction  # one snapshot for every read through it
        assert con.execute("SELECT count(*) FROM account_day_totals").fetchone()[0] > 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            con.execute("DELETE FROM kws_book")
    finally:
        con.close()
    assert _digest(demo_path) == before


def test_the_head_is_read_from_the_migration_files():
    from kws_desktop.store import migrate
    assert revisions.head_from_files() == migrate.head_revision()


@pytest.mark.parametrize("location", ["postgresql://kws@localhost/buku", "postgres://a:b@server/x"])
def test_a_database_url_is_not_for_the_lean_path(location):
    assert open_trusted(location) is None


def test_what_is_not_a_book_is_left_to_the_full_path(tmp_path):
    text = tmp_path / "catatan.kws"
    text.write_text("bukan buku", encoding="utf-8")
    other = tmp_path / "lain.kws"
    _change(other, "CREATE TABLE t (x)")
    for location in (tmp_path / "tidak-ada.kws", tmp_path, text, other):
        assert open_trusted(location) is None


@pytest.mark.parametrize("statements", [
    ("UPDATE alembic_version SET version_num = '0005'",),          # an older schema: upgraded first
    ("UPDATE alembic_version SET version_num = '9999'",),          # a newer program's book
    ("UPDATE kws_book SET app = 'lain'",),                         # not ours
    ("DROP TRIGGER journal_lines_totals",),                        # the totals would go stale
    ("DROP TRIGGER account_day_totals_no_delete",),                # their guard is gone
    ("DROP TRIGGER cash_counter_day_totals_guard_update",
     "CREATE TRIGGER cash_counter_day_totals_guard_update BEFORE UPDATE ON cash_counter_day_totals "
     "BEGIN SELECT 1; END"),                                       # a guard not as defined
], ids=["older", "newer", "foreign", "no-trigger", "no-guard", "other-guard"])
def test_a_book_the_totals_cannot_be_trusted_in_is_refused(demo_path, statements):
    _change(demo_path, *statements)
    assert open_trusted(demo_path) is None


def test_totals_behind_the_newest_line_are_refused(demo_path):
    from conftest import DEMO_TODAY
    from kws_desktop.core.accounts import A
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.cash.entries import record_expense
    _change(demo_path, "DROP TRIGGER journal_lines_totals")
    with open_book(demo_path) as book:
        record_expense(book, date=DEMO_TODAY, money_account="cash", category=A.OPERATING, amount=25_000,
                       description="Beli ATK")
    # the trigger back as defined: only the line it did not see is left
    from kws_desktop.store.totals_triggers import TOTALS_TABLES, sqlite_totals_statements
    _change(demo_path, sqlite_totals_statements(set(TOTALS_TABLES))["journal_lines_totals"])
    con = sqlite3.connect(demo_path)
    try:
        assert not trusted(con)
    finally:
        con.close()


def test_a_book_at_the_head_with_current_totals_is_trusted_again_after_rebuild(demo_path, capsys):
    from kws_desktop.cli import main
    _change(demo_path, "DROP TRIGGER journal_lines_totals")
    assert open_trusted(demo_path) is None
    assert main(["rebuild-totals", str(demo_path)]) == 0
    con = open_trusted(demo_path)
    assert con is not None
    con.close()


def test_a_damaged_book_is_left_to_the_full_path(demo_path):
    data = bytearray(demo_path.read_bytes())
    data[100:4096 * 3] = b"\xff" * (4096 * 3 - 100)  # the schema page and the pages after it
    demo_path.write_bytes(bytes(data))
    assert open_trusted(demo_path) is None


def test_the_lean_modules_import_no_sqlalchemy_reportlab_or_qt():
    code = textwrap.dedent("""
        import sys
        import kws_desktop.cli, kws_desktop.store.lean, kws_desktop.services.reports.lean
        import kws_desktop.documents.terminal, kws_desktop.services.listing
        heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'PySide6'})
        print(heavy)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}, check=True).stdout
    assert out.strip() == "[]"

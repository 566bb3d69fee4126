"""`kws-desktop report KIND BOOK` without --out prints the report: the statements by the lean
path (no SQLAlchemy, no reportlab in the process), byte for byte what the full path prints."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kws_desktop.cli import main
from kws_desktop.store import lean as store_lean

ROOT = Path(__file__).resolve().parents[2]
PERIODS = [[], ["--from", "2025-01-01", "--to", "2025-12-31"], ["--from", "2026-03-01", "--to", "31/03/2026"]]
KINDS = ("profit-loss", "financial-position", "cash-flow")


def _printed(capsys, *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def _full_path(monkeypatch):
    monkeypatch.setattr(store_lean, "open_trusted", lambda location: None)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_statements_print_the_same_by_either_path(demo_path, capsys, monkeypatch, lang):
    calls = [["--lang", lang, "report", kind, str(demo_path), *period] for kind in KINDS for period in PERIODS]
    lean = [_printed(capsys, *c) for c in calls]
    _full_path(monkeypatch)
    full = [_printed(capsys, *c) for c in calls]
    assert lean == full
    assert ("Laporan Laba Rugi" if lang == "id" else "Profit and Loss") in lean[0]


def test_the_command_imports_neither_sqlalchemy_nor_reportlab(demo_path):
    code = textwrap.dedent("""
        import contextlib, io, json, sys
        from kws_desktop.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = main(sys.argv[1:])
        heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'PySide6'})
        print(json.dumps({"rc": rc, "heavy": heavy, "out": out.getvalue()}))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for kind in KINDS:
        got = json.loads(subprocess.run([sys.executable, "-c", code, "report", kind, str(demo_path)],
                                        capture_output=True, text=True, env=env, check=True).stdout)
        assert got["rc"] == 0 and got["heavy"] == [] and "JUMLAH" in got["out"].upper()


def test_stale_totals_take_the_full_path_with_the_same_text(demo_path, capsys):
    before = _printed(capsys, "report", "profit-loss", str(demo_path), "--to", "2026-11-28")
    con = sqlite3.connect(demo_path)
    con.execute("DROP TRIGGER journal_lines_totals")
    con.commit()
    con.close()
    assert store_lean.open_trusted(demo_path) is None
    assert _printed(capsys, "report", "profit-loss", str(demo_path), "--to", "2026-11-28") == before


def test_other_kinds_print_by_the_full_path(demo_path, capsys):
    from kws_desktop.documents.terminal import report_text
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.reports import build_report
    out = _printed(capsys, "report", "receivables", str(demo_path))
    with open_book(demo_path, read_only=True, defer_checks=True) as book:
        assert out == report_text(build_report(book, "receivables"))
    assert out.startswith("Daftar Piutang dan Umur Piutang\n")


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf"], "perlu --out"),
    (["--from", "2026-13-01"], "tidak dapat dibaca"),
], ids=["pdf-without-out", "bad-date"])
def test_usage_errors_say_what_to_do(demo_path, capsys, args, message):
    assert main(["report", "profit-loss", str(demo_path), *args]) == 2
    err = capsys.readouterr()
    assert message in err.err and err.out == ""


def test_an_unknown_kind_and_a_missing_book_are_refused(tmp_path, capsys):
    assert main(["report", "untung", str(tmp_path / "x.kws")]) == 2
    assert "Jenis laporan tidak dikenal" in capsys.readouterr().err
    assert main(["report", "profit-loss", str(tmp_path / "tidak-ada.kws")]) == 1
    assert "Buku tidak ditemukan" in capsys.readouterr().err

"""Consolidation: several KWS books in one PostgreSQL database, the program report by KWS."""
import datetime as dt
import os

import pytest

from kws_desktop.cli import main
from kws_desktop.errors import UserError
from kws_desktop.services.book.books import open_book
from kws_desktop.services.exchange.consolidation import (build_program_by_kws, consolidate,
                                                consolidated_books, open_consolidated)
from kws_desktop.services.reports.program import build_program

TODAY = dt.date(2026, 11, 28)
START, END = dt.date(2025, 1, 1), TODAY


@pytest.fixture(scope="module")
def two_books(tmp_path_factory):
    from kws_desktop.services.book.books import update_profile, get_profile
    from dataclasses import replace
    from kws_desktop.services.training.demo import build_demo
    folder = tmp_path_factory.mktemp("kws")
    paths = []
    for seed, name in ((3, "KWS Tirta Bersih"), (4, "KWS Sehat Mandiri")):
        path = folder / f"kws{seed}.kws"
        build_demo(path, seed=seed, orders=12, years=2, today=TODAY)
        with open_book(path) as book:
            update_profile(book, replace(get_profile(book), name=name))
        paths.append(path)
    return paths


def _total(report) -> dict:
    row = next(r for r in reversed(report.rows) if r.style == "total")
    return {k: row.cells[k] for k in ("unit", "l", "p", "mbr", "nilai")}


def test_consolidated_report_is_the_sum_of_each_book(pg_url, two_books, tmp_path, capsys):
    assert main(["consolidate", pg_url, *map(str, two_books)]) == 0
    out = capsys.readouterr().out
    assert "KWS Tirta Bersih" in out and "KWS Sehat Mandiri" in out
    books = consolidated_books(pg_url)
    assert [b.kws_name for b in books] == ["KWS Sehat Mandiri", "KWS Tirta Bersih"]
    own = []
    for path in two_books:
        with open_book(path, read_only=True) as book:
            own.append(_total(build_program(book, START, END)))
    combined = _total(build_program_by_kws(pg_url, START, END))
    assert combined == {k: sum(t[k] for t in own) for k in combined}
    assert combined["unit"] > 0
    # each schema is a whole book: its own report there equals the file's
    with open_consolidated(pg_url, books[1].schema) as book:
        assert _total(build_program(book, START, END)) == own[0]
    # from the command line, in every format
    for fmt in ("csv", "xlsx", "pdf"):
        target = tmp_path / f"program.{fmt}"
        assert main(["report", "program", pg_url, "--by-kws", "--from", "2025-01-01", "--to",
                     "2026-11-28", "--out", str(target)]) == 0
        assert target.stat().st_size > 0
    with open(tmp_path / "program.csv", encoding="utf-8-sig") as fh:
        text = fh.read()
    assert "KWS Tirta Bersih" in text and "JUMLAH UNIT SEMUA KWS" in text


def test_rerun_replaces_a_book_and_skips_an_older_copy(pg_url, two_books, tmp_path):
    import shutil
    consolidate(pg_url, two_books)
    first = {b.book_uuid: b for b in consolidated_books(pg_url)}
    old = tmp_path / "lama.kws"
    shutil.copy(two_books[0], old)
    os.utime(old, (1_600_000_000, 1_600_000_000))  # an older copy of the same book
    result = consolidate(pg_url, [old])
    assert result.added == () and len(result.skipped) == 1
    newer = two_books[0]
    os.utime(newer, None)
    result = consolidate(pg_url, [newer])
    assert len(result.added) == 1
    after = {b.book_uuid: b for b in consolidated_books(pg_url)}
    assert set(after) == set(first)  # replaced, not added twice


def test_refusals(pg_url, tmp_path, two_books):
    bad = tmp_path / "bukan.kws"
    bad.write_text("bukan buku")
    with pytest.raises(UserError, match="bukan buku"):
        consolidate(pg_url, [two_books[0], bad])
    assert consolidated_books(pg_url) == []  # nothing was copied
    with pytest.raises(UserError, match="sama"):
        consolidate(pg_url, [two_books[0], two_books[0]])
    with pytest.raises(UserError, match="PostgreSQL"):
        consolidate(str(tmp_path / "x.kws"), two_books)
    with pytest.raises(UserError, match="belum berisi"):
        build_program_by_kws(pg_url)

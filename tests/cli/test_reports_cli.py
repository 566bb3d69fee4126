"""`kws-desktop report`: formats, languages, periods and refusals."""
from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from kws_desktop.cli import main


@pytest.mark.parametrize("kind", ["profit-loss", "financial-position", "cash-flow", "cash-book", "notes"])
def test_report_pdf(demo_path, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.pdf"
    assert main(["report", kind, str(demo_path), "--from", "2026-01-01", "--to", "28/11/2026",
                 "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "Laporan ditulis" in capsys.readouterr().out


def test_report_xlsx_has_real_numbers(demo_path, tmp_path):
    out = tmp_path / "bku.xlsx"
    assert main(["report", "cash-book", str(demo_path), "--to", "2026-11-28", "--out", str(out)]) == 0
    ws = load_workbook(out).active
    numbers = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int)]
    assert numbers and all(isinstance(n, int) for n in numbers)


def test_report_csv_format_option_and_english(demo_path, tmp_path):
    out = tmp_path / "laba.txt"
    assert main(["--lang", "en", "report", "profit-loss", str(demo_path), "--format", "csv",
                 "--to", "2026-11-28", "--out", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Description", "Amount (Rp)"] or rows[0][0] in ("Uraian", "Description")
    assert any("NET PROFIT" in r[0].upper() or "LABA" in r[0].upper() for r in rows)


def test_period_end_before_start_exit_1(demo_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["report", "profit-loss", str(demo_path), "--from", "2026-05-01", "--to",
                 "2026-04-01", "--out", str(out)]) == 1
    assert "lebih awal dari tanggal awal" in capsys.readouterr().err
    assert not out.exists()


def test_unknown_kind_exit_2_with_list(demo_path, tmp_path, capsys):
    assert main(["report", "laba", str(demo_path), "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Jenis laporan tidak dikenal: laba" in err and "profit-loss" in err and "cash-book" in err


def test_bad_date_exit_2(demo_path, tmp_path, capsys):
    assert main(["report", "profit-loss", str(demo_path), "--from", "31-31-2026",
                 "--out", str(tmp_path / "x.pdf")]) == 2
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_unknown_suffix_exit_2(demo_path, tmp_path, capsys):
    assert main(["report", "profit-loss", str(demo_path), "--out", str(tmp_path / "x.doc")]) == 2
    assert "Format laporan tidak dikenal" in capsys.readouterr().err


def test_unwritable_out_exit_1(demo_path, tmp_path, capsys):
    assert main(["report", "profit-loss", str(demo_path), "--out", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "tidak ada" in capsys.readouterr().err
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert main(["report", "profit-loss", str(demo_path), "--out", str(folder)]) == 1
    assert "tidak dapat ditulis" in capsys.readouterr().err


def test_empty_period_is_a_report(demo_path, tmp_path, capsys):
    out = tmp_path / "kosong.csv"
    assert main(["report", "cash-book", str(demo_path), "--from", "2001-01-01", "--to", "2001-01-31",
                 "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "Tidak ada penerimaan atau pengeluaran" in text


def test_f4_paper(demo_path, tmp_path):
    out = tmp_path / "f4.pdf"
    assert main(["report", "financial-position", str(demo_path), "--paper", "F4", "--out", str(out)]) == 0
    assert b"/MediaBox [ 0 0 609.4488 935.4331 ]" in out.read_bytes()  # 215 x 330 mm


def test_a5_paper_from_the_option_and_the_book_setting(demo_path, tmp_path):
    """A5 reaches the report (it was printed on A4 before): the statement stays upright, the
    cash book with its six columns is turned so its description reads."""
    from pypdf import PdfReader

    from kws_desktop.services.book.books import open_book, set_setting

    def size(path):
        box = PdfReader(str(path)).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    upright, turned = tmp_path / "neraca.pdf", tmp_path / "bku.pdf"
    assert main(["report", "financial-position", str(demo_path), "--paper", "A5", "--out", str(upright)]) == 0
    assert size(upright) == (420, 595)
    with open_book(demo_path) as book:
        set_setting(book, "document_paper", "A5")
    assert main(["report", "cash-book", str(demo_path), "--from", "2026-11-01", "--to", "2026-11-28",
                 "--out", str(turned)]) == 0
    assert size(turned) == (595, 420)


def _damage_table(path, table: str) -> None:
    """Overwrite the first page of `table`'s tree with garbage (the file header and the
    schema stay whole, so the book still opens)."""
    import sqlite3
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)


def test_reading_commands_skip_the_whole_file_check_but_report_damage(demo_path, tmp_path, capsys):
    """Reports open without reading the whole file (fast on a large book); a damaged page met
    while reading is still one clear sentence, never a traceback, and no file is written."""
    _damage_table(demo_path, "journal_lines")
    out = tmp_path / "laba.pdf"
    assert main(["report", "profit-loss", str(demo_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "rusak" in err and "cadangan" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["check", str(demo_path)]) == 1          # the whole-file check still finds it
    assert "rusak" in capsys.readouterr().err


def test_csv_separator_is_semicolon_unless_asked(demo_path, tmp_path, capsys):
    """Excel set to Indonesian (',' is its decimal sign) opens ';' files in columns."""
    semi, comma = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["report", "cash-book", str(demo_path), "--to", "2026-11-28", "--out", str(semi)]) == 0
    assert main(["report", "cash-book", str(demo_path), "--to", "2026-11-28", "--out", str(comma),
                 "--csv-separator", ","]) == 0
    by_semicolon = list(csv.reader(semi.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    by_comma = list(csv.reader(comma.read_text(encoding="utf-8-sig").splitlines()))
    assert len(by_semicolon[0]) > 3 and by_semicolon == by_comma
    capsys.readouterr()
    assert main(["list", "receipts", str(demo_path), "--format", "csv"]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines(), delimiter=";"))
    assert rows[0][:3] == ["number", "date", "status"] and all(len(r) == len(rows[0]) for r in rows)


def test_help_lists_the_kinds(capsys):
    import pytest
    for command, kinds in (("report", ("profit-loss", "financial-position", "program", "performance")),
                           ("list", ("members", "orders", "receipts", "accounts"))):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert all(kind in text.replace("- ", "-") for kind in kinds), command


def test_list_table_shows_status_in_words_json_keeps_keys(demo_path, capsys):
    import json
    assert main(["list", "invoices", str(demo_path)]) == 0
    table = capsys.readouterr().out
    assert " lunas " in table and " paid " not in table and " open " not in table
    assert main(["list", "receipts", str(demo_path)]) == 0
    assert " tercatat " in capsys.readouterr().out
    assert main(["list", "invoices", str(demo_path), "--format", "json"]) == 0
    assert {r["status"] for r in json.loads(capsys.readouterr().out)} <= {"open", "paid", "void"}

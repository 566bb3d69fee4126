"""The generic tabular report as PDF, XLSX and CSV."""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kws_desktop.documents.output import DocumentWriteError
from kws_desktop.documents.table import Column, Row, format_cell
from kws_desktop.documents.tabular import (
    TabularReport, write_csv, write_pdf, write_report, write_xlsx,
)

from .helpers import pdf_text

COLUMNS = [
    Column("tanggal", "Tanggal", "date"),
    Column("uraian", "Uraian"),
    Column("volume", "Volume", "qty"),
    Column("masuk", "Penerimaan (Rp)", "money"),
    Column("keluar", "Pengeluaran (Rp)", "money"),
    Column("porsi", "Porsi", "percent"),
    Column("unit", "Unit", "int"),
]


def cash_book(rows: int = 60) -> TabularReport:
    body = [Row({"uraian": "Saldo awal", "masuk": 2_500_000}, style="heading")]
    for i in range(rows):
        body.append(Row({
            "tanggal": dt.date(2026, 11, 1 + i % 30), "uraian": f"Cicilan ke-{i + 1} Ibu Nurhayati",
            "volume": Decimal("2.5"), "masuk": 1_250_000, "keluar": None,
            "porsi": Decimal("0.125"), "unit": 1200,
        }))
    body += [
        Row(["", "=HYPERLINK(\"http://x\",\"klik\")", None, -510_000, 0, None, None]),
        Row({"uraian": "@SUM(A1:A2)", "keluar": 75_000}, indent=1),
        Row({"uraian": "Jumlah", "masuk": 77_500_000, "keluar": 75_000}, style="total"),
    ]
    return TabularReport(
        title="BUKU KAS UMUM", subtitle="Periode November 2026", columns=COLUMNS, rows=body,
        notes=["Catatan: <b>saldo</b> dari jurnal."],
        signers=[("Bendahara,", "Dewi Lestari"), ("Ketua,", "Siti Aminah")],
        place_date="Tigaraksa, 30 November 2026",
    )


# --- PDF -----------------------------------------------------------------------------------

def test_two_page_report_is_numbered(tmp_path, profile):
    out = write_pdf(cash_book(50), tmp_path / "bku.pdf", profile=profile)
    pages = PdfReader(str(out)).pages
    assert len(pages) == 2
    first, second = (p.extract_text() for p in pages)
    assert "hal. 1 dari 2" in first and "hal. 2 dari 2" in second
    assert "Penerimaan" in second  # header repeated on the next page
    assert "Dewi Lestari" in second and "Tigaraksa, 30 November 2026" in second


def test_pdf_numbers_in_indonesian_format(tmp_path, profile):
    text = pdf_text(write_pdf(cash_book(3), tmp_path / "bku.pdf", profile=profile, paper="F4"))
    for expected in ("BUKU KAS UMUM", "Periode November 2026", "1.250.000", "(510.000)",
                     "77.500.000", "01/11/2026", "2,5", "12,5%", "1.200",
                     "=HYPERLINK", "Catatan: <b>saldo</b> dari jurnal."):
        assert expected in text, expected


def test_pdf_landscape_a5_many_rows(tmp_path, profile):
    out = write_pdf(cash_book(40), tmp_path / "a5.pdf", profile=profile, paper="A5", landscape=True)
    assert len(PdfReader(str(out)).pages) >= 3


def test_cell_formats():
    assert format_cell("money", -1_250_000) == "(1.250.000)"
    assert format_cell("money", 0) == "0"
    assert format_cell("int", -1200) == "-1.200"
    assert format_cell("qty", Decimal("2.500")) == "2,5"
    assert format_cell("date", dt.date(2026, 11, 28)) == "28/11/2026"
    assert format_cell("percent", Decimal("0.125")) == "12,5%"
    assert format_cell("money", None) == ""
    assert format_cell("money", "-") == "-"


def test_rows_by_position_and_by_key():
    cols = COLUMNS[:3]
    assert Row(["a"]).values(cols) == ["a", None, None]
    assert Row({"uraian": "x"}).values(cols) == [None, "x", None]
    with pytest.raises(ValueError):
        Row([], style="bold")
    with pytest.raises(ValueError):
        Column("x", "X", "float")


# --- XLSX ----------------------------------------------------------------------------------

def _sheet(tmp_path, profile):
    path = write_xlsx(cash_book(3), tmp_path / "bku.xlsx", profile=profile)
    return load_workbook(path).active


def _header_row(ws) -> int:
    return next(r for r in range(1, 10) if ws.cell(row=r, column=2).value == "Uraian")


def test_xlsx_money_is_numeric(tmp_path, profile):
    ws = _sheet(tmp_path, profile)
    h = _header_row(ws)
    money = ws.cell(row=h + 2, column=4)
    assert money.value == 1_250_000 and money.data_type == "n"
    assert money.number_format == "#,##0;(#,##0)"
    negative = ws.cell(row=h + 5, column=4)
    assert negative.value == -510_000 and negative.data_type == "n"
    day = ws.cell(row=h + 2, column=1)
    assert isinstance(day.value, dt.datetime) and day.value.date() == dt.date(2026, 11, 1)
    assert day.number_format == "dd/mm/yyyy"
    assert ws.cell(row=h + 2, column=3).value == 2.5
    assert ws.cell(row=h + 2, column=6).number_format == "0.0%"


def test_xlsx_text_is_a_string_cell_and_layout(tmp_path, profile):
    ws = _sheet(tmp_path, profile)
    h = _header_row(ws)
    formula = ws.cell(row=h + 5, column=2)
    assert formula.value == "=HYPERLINK(\"http://x\",\"klik\")" and formula.data_type == "s"
    assert formula.quotePrefix  # Excel keeps it text when the cell is edited
    assert ws.cell(row=h + 6, column=2).value == "@SUM(A1:A2)"
    assert not ws.cell(row=h + 2, column=2).quotePrefix  # ordinary text as ordinary text
    assert all(ws.cell(row=h, column=c).font.b for c in range(1, len(COLUMNS) + 1))
    assert ws.freeze_panes == f"A{h + 1}"
    top = [ws.cell(row=r, column=1).value for r in range(1, h)]
    assert profile.name in top and "BUKU KAS UMUM" in top and "Periode November 2026" in top
    assert ws.cell(row=h + 7, column=4).font.b  # total row bold
    assert ws.column_dimensions["B"].width > ws.column_dimensions["G"].width
    # nothing anywhere is a formula
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


FORMULA_LIKE = ["=1+1", "=HYPERLINK(\"http://x\",\"klik\")", "+62 812 3456 7890", "+6281234567890",
                "-", "-510000", "- Semen 2 sak", "@SUM(A1:A2)", "@", "=", "0812 3456 7890",
                "'sudah dengan apostrof", "\tTab di depan"]


@pytest.mark.parametrize("where", ["cell", "title", "column", "note"])
def test_xlsx_text_starting_like_a_formula_is_kept_as_typed(tmp_path, where):
    """Text starting with = + - @ is a string cell holding exactly that text: no apostrophe, no
    formula, and a phone number "+62 812.." stays text, not a number."""
    columns = [Column("a", "A"), Column("n", "N", "money")]
    rows = [Row({"a": text, "n": 1}) for text in FORMULA_LIKE] if where == "cell" else [Row({"a": "x"})]
    report = TabularReport("Uji", columns=columns, rows=rows)
    if where == "title":
        report = TabularReport(FORMULA_LIKE[1], subtitle=FORMULA_LIKE[2], columns=columns, rows=rows)
    elif where == "column":
        report = TabularReport("Uji", columns=[Column("a", FORMULA_LIKE[2]), Column("n", "=N")],
                               rows=rows)
    elif where == "note":
        report = TabularReport("Uji", columns=columns, rows=rows, notes=FORMULA_LIKE)
    wb = load_workbook(write_xlsx(report, tmp_path / "t.xlsx"))
    cells = [c for row in wb.active.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    by_value = {c.value: c for c in cells}
    wanted = {"cell": FORMULA_LIKE, "note": FORMULA_LIKE, "title": FORMULA_LIKE[1:3],
              "column": [FORMULA_LIKE[2], "=N"]}[where]
    for text in wanted:
        cell = by_value[text]  # exactly the text, nothing added
        assert cell.data_type == "s" and isinstance(cell.value, str), text
        assert cell.quotePrefix == text.startswith(("=", "+", "-", "@", "\t")), text
    assert not any(isinstance(c.value, str) and c.value.startswith("'=") for c in cells)


def test_xlsx_survives_control_characters(tmp_path):
    report = TabularReport("Uji\x07", columns=[Column("a", "A\x00")], rows=[Row(["a\x0bb\x1f\u2028c"])])
    ws = load_workbook(write_xlsx(report, tmp_path / "c.xlsx")).active
    assert "ab\nc" in [c.value for row in ws.iter_rows() for c in row]


# --- CSV -----------------------------------------------------------------------------------

def test_csv_header_values_and_neutralisation(tmp_path):
    path = write_csv(cash_book(2), tmp_path / "bku.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [c.title for c in COLUMNS]
    assert rows[1] == ["", "Saldo awal", "", "2500000", "", "", ""]
    assert rows[2] == ["2026-11-01", "Cicilan ke-1 Ibu Nurhayati", "2.5", "1250000", "", "0.125", "1200"]
    assert rows[4][1] == "'=HYPERLINK(\"http://x\",\"klik\")" and rows[4][3] == "-510000"
    assert rows[5][1] == "'@SUM(A1:A2)"
    assert len(rows) == 1 + 1 + 2 + 3


# --- dispatch and errors ---------------------------------------------------------------------

@pytest.mark.parametrize("name, fmt, magic", [
    ("r.pdf", None, b"%PDF"), ("r.xlsx", None, b"PK"), ("r.csv", None, b"\xef\xbb\xbf"),
    ("r.dat", "csv", b"\xef\xbb\xbf"), ("R.PDF", None, b"%PDF"),
])
def test_write_report_dispatches(tmp_path, profile, name, fmt, magic):
    out = write_report(cash_book(1), tmp_path / name, fmt, profile=profile)
    assert out.read_bytes().startswith(magic)


def test_write_report_refuses_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        write_report(cash_book(1), tmp_path / "r.docx")


@pytest.mark.parametrize("suffix", ["pdf", "xlsx", "csv"])
def test_unwritable_path_raises_documented_error(tmp_path, suffix):
    with pytest.raises(DocumentWriteError, match="Berkas tidak dapat ditulis"):
        write_report(cash_book(1), tmp_path / "missing" / f"r.{suffix}")


def _materials(per_group: int = 40) -> TabularReport:
    """Rows grouped by category under headings, as the materials report prints them."""
    columns = [Column("name", "Bahan"), Column("unit", "Satuan"), Column("qty", "Stok", "qty"),
               Column("value", "Nilai (Rp)", "money")]
    rows = []
    for category in ("Semen dan pasir", "Pipa dan sambungan", "Besi dan kayu"):
        rows.append(Row({"name": category}, style="heading"))
        rows += [Row({"name": f"{category.split()[0]} jenis {i + 1}", "unit": "sak", "qty": Decimal(i + 1),
                      "value": 65_000 * (i + 1)}) for i in range(per_group)]
    rows.append(Row({"name": "Jumlah", "value": 1}, style="total"))
    return TabularReport(title="Laporan Bahan dan Persediaan", columns=columns, rows=rows)


@pytest.mark.parametrize("paper", ["A4", "A5"])
@pytest.mark.parametrize("language, word", [("id", "lanjutan"), ("en", "continued")])
def test_a_group_broken_by_a_page_repeats_its_heading_continued(tmp_path, profile, paper, language, word):
    from kws_desktop.i18n import set_language
    set_language(language)
    path = write_pdf(_materials(), tmp_path / f"bahan-{paper}.pdf", profile=profile, paper=paper)
    pages = [" ".join(page.split()) for page in pdf_text(path).split("\f")]
    assert len(pages) >= 3
    inside = 0
    for before, page in zip(pages, pages[1:]):
        rest = page.split("Nilai (Rp) ", 1)[1]  # under the repeated header
        last = [c for c in ("Semen dan pasir", "Pipa dan sambungan", "Besi dan kayu") if c in before][-1]
        if rest.startswith(last.split()[0] + " jenis"):
            raise AssertionError(f"a page goes on with {last} without its heading: {rest[:60]}")
        if rest.startswith(f"{last} ({word})"):
            inside += 1
    assert inside >= 1

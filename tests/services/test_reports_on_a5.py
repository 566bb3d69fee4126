"""Every report on A5 (issue 19): its description stays readable. A report whose table does not
fit the upright A5 page readably comes out turned to landscape; a report that does stays upright.
Read from the PDF written (its page) and the table laid out for that page."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from kws_desktop.documents.pdf import content_width, paper_size
from kws_desktop.documents.tabular import report_table, write_pdf
from kws_desktop.services.book.books import get_profile
from kws_desktop.services.reports import build_report, kinds

START, END = dt.date(2026, 1, 1), dt.date(2026, 11, 28)
READABLE = 24 * mm   # the narrowest description column that still reads as a column of text
SMALLEST_TYPE = 7.0


def _description(report) -> int:
    """The text column with the longest text: the one that wraps (Uraian, Nama, Pelanggan)."""
    texts = [i for i, c in enumerate(report.columns) if c.kind == "text"]
    longest = {i: max((len(str(row.values(report.columns)[i] or "")) for row in report.rows), default=0)
               for i in texts}
    return max(texts, key=lambda i: longest[i])


def _broken_words(layout, report) -> list[str]:
    """Words of text cells cut between their letters (a line that is not made of whole words);
    a dotted line to write on (the notes' "......") may break anywhere."""
    text_columns = {i for i, c in enumerate(report.columns) if c.kind == "text"}
    out = []
    for plan in layout.rows:
        if plan.style != "normal" or not 0 <= plan.index < len(report.rows):
            continue  # headings, the totals line
        values = report.rows[plan.index].values(report.columns)
        for cell in plan.cells:
            column = bisect_right(layout.edges, cell.left) - 1
            if column not in text_columns or len(cell.lines) < 2:
                continue
            words = set(str(values[column]).split())
            out += [word for line, _w in cell.lines for word in line.split()
                    if word not in words and any(ch.isalnum() for ch in word)]
    return out


@pytest.mark.parametrize("kind", kinds())
def test_every_report_on_a5_keeps_its_description_readable(demo_book, tmp_path, kind):
    report = build_report(demo_book, kind, START, END)
    path = write_pdf(report, tmp_path / f"{kind}.pdf", profile=get_profile(demo_book), paper="A5")
    box = PdfReader(str(path)).pages[0].mediabox
    size = (round(float(box.width)), round(float(box.height)))
    assert size in {tuple(round(v) for v in paper_size("A5", turn)) for turn in (False, True)}
    landscape = size[0] > size[1]

    layout = report_table(report).content(content_width("A5", landscape=landscape)).layout
    assert layout.size >= SMALLEST_TYPE, f"{kind}: type {layout.size:.1f} pt"
    column = _description(report)
    width = layout.edges[column + 1] - layout.edges[column]
    one_line = all(len(cell.lines) == 1 for plan in layout.rows if plan.style == "normal"
                   for cell in plan.cells if layout.edges[column] <= cell.left < layout.edges[column + 1])
    assert width >= READABLE or one_line, (
        f"{kind}: {report.columns[column].title} is {width / mm:.0f} mm wide")
    assert not _broken_words(layout, report), (kind, _broken_words(layout, report)[:5])

    # upright when it fits: turned only where the upright page would squeeze it
    upright = report_table(report).content(content_width("A5")).layout
    assert landscape is not upright.readable


def test_the_cash_book_on_a5_is_turned_and_a4_stays_upright(demo_book, tmp_path):
    report = build_report(demo_book, "cash-book", START, END)
    profile = get_profile(demo_book)
    for paper, turned in (("A5", True), ("A4", False), ("F4", False)):
        box = PdfReader(str(write_pdf(report, tmp_path / f"{paper}.pdf", profile=profile, paper=paper))).pages[0].mediabox
        assert (float(box.width) > float(box.height)) is turned, paper

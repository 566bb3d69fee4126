"""The PDF data table built from typed columns and rows (documents/report_data.py: the columns,
rows and their display formatting, without reportlab).

Used by every list and report (:mod:`kws_desktop.documents.tabular`) and by item tables in
quotes and invoices::

    columns = [Column("uraian", _("Uraian")), Column("jumlah", _("Jumlah (Rp)"), "money")]
    rows = [Row({"uraian": "Semen 50 kg", "jumlah": 1_250_000}),
            Row({"uraian": _("Jumlah"), "jumlah": 1_250_000}, style="total")]
    story.append(data_table(columns, rows))
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable

from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.fonts import register_fonts
from kws_desktop.documents.report_data import KINDS, ROW_STYLES, Column, Row, format_cell
from kws_desktop.documents.ruled_table import RuledTable
from kws_desktop.documents.styles import CELL_FONT_SIZE
from kws_desktop.documents.table_layout import Carry, TableRow, layout_table
from kws_desktop.documents.text import plain
from kws_desktop.i18n import _, format_date_short, format_number

__all__ = ["Column", "Row", "Carry", "format_cell", "data_table", "readable_at", "KINDS", "ROW_STYLES"]


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    header: bool = True,
    repeat_header: bool = True,
    width: float | None = None,
    carry: Carry | None = None,
) -> Flowable:
    """A ruled table of ``rows`` under a bold header, filling the frame width (or ``width``).

    Numbers are right-aligned and never wrapped; text columns share the remaining width and
    wrap. If even the numbers do not fit, the whole table is set in a smaller type. The header
    repeats on every page, and so does the heading of a group that goes on ("... (lanjutan)");
    a very tall row may split across pages. ``carry`` names a running balance to bring forward
    at the top of each new page (see :class:`Carry`).
    """
    columns = list(columns)
    if not columns:
        raise ValueError("a table needs at least one column")
    kinds = [c.kind for c in columns]
    titles = [plain(c.title) for c in columns]
    formats = [_formatter(c.kind) for c in columns]
    texts = [TableRow(_cell_texts(columns, row, formats), row.style, row.indent) for row in rows]
    keys = [c.key for c in columns]
    continued = _("{heading} (lanjutan)")
    return FullWidth(lambda w: RuledTable(layout_table(
        kinds, titles, texts, w, size=CELL_FONT_SIZE, header=header, repeat_header=repeat_header,
        carry=carry, keys=keys, continued_heading=continued)), width)


def readable_at(table: FullWidth, width: float) -> bool:
    """Whether a :func:`data_table` laid out at ``width`` keeps every text column readable
    (table_layout.READABLE_TEXT, READABLE_SIZE). The layout is kept: drawn at that width, the
    table is not laid out again."""
    register_fonts()  # measured before the PDF is built (which registers them too)
    return table.content(width).layout.readable


def _cell_texts(columns: Sequence[Column], row: Row, formats: Sequence) -> list[str]:
    """The row's cells as shown: formatted for their column, user text cleaned for the canvas."""
    return ["" if value is None else plain(value) if type(value) is str else fmt(value)
            for value, fmt in zip(row.values(columns), formats)]


def _formatter(kind: str):
    """``format_cell`` for one kind of column, chosen once per table."""
    if kind == "money":
        return lambda value: format_number(value) if type(value) is int else format_cell(kind, value)
    if kind == "date":
        return lambda value: format_date_short(value) if type(value) is dt.date else format_cell(kind, value)
    return lambda value: format_cell(kind, value)

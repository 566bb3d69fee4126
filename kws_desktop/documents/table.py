"""Typed columns and rows, their display formatting, and the PDF data table built from them.

Used by every list and report (:mod:`kws_desktop.documents.tabular`) and by item tables in
quotes and invoices::

    columns = [Column("uraian", _("Uraian")), Column("jumlah", _("Jumlah (Rp)"), "money")]
    rows = [Row({"uraian": "Semen 50 kg", "jumlah": 1_250_000}),
            Row({"uraian": _("Jumlah"), "jumlah": 1_250_000}, style="total")]
    story.append(data_table(columns, rows))
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.platypus import Flowable

from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.ruled_table import RuledTable
from kws_desktop.documents.styles import CELL_FONT_SIZE
from kws_desktop.documents.table_layout import Carry, TableRow, layout_table
from kws_desktop.documents.text import plain
from kws_desktop.i18n import format_date_short, format_number, format_quantity, format_ratio

ColumnKind = Literal["text", "money", "int", "qty", "date", "percent"]
RowStyle = Literal["normal", "heading", "subtotal", "total"]
KINDS: tuple[str, ...] = ("text", "money", "int", "qty", "date", "percent")
ROW_STYLES: tuple[str, ...] = ("normal", "heading", "subtotal", "total")
NUMERIC_KINDS = frozenset({"money", "int", "qty", "percent"})
__all__ = ["Column", "Row", "Carry", "format_cell", "data_table", "KINDS", "ROW_STYLES"]


@dataclass(frozen=True)
class Column:
    """One column: ``key`` finds the value in a dict row, ``title`` heads it, ``kind`` says how
    values are shown:

    - ``text``: any text, wrapped to the column.
    - ``money``: int rupiah, ``1.250.000``, negatives ``(1.250.000)``, right-aligned.
    - ``int``: a count, ``1.250``, right-aligned.
    - ``qty``: a Decimal quantity, ``2,5``, right-aligned.
    - ``date``: a ``datetime.date``, ``28/11/2026``.
    - ``percent``: a ratio (Decimal or float), ``0.125`` shows ``12,5%``, right-aligned.

    A ``str`` value is always shown as given, in any column (e.g. ``"-"``).
    """

    key: str
    title: str
    kind: ColumnKind = "text"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Row:
    """One row: ``cells`` is a dict by column key or a list by position (missing cells are
    empty). ``style``: ``normal``, ``heading`` (a section title, spanning the row when only
    its first cell is filled), ``subtotal`` or ``total`` (bold, ruled). ``indent`` shifts the
    first text column right by that many levels (account trees in financial statements).
    """

    cells: Mapping[str, object] | Sequence[object]
    style: RowStyle = "normal"
    indent: int = 0

    def __post_init__(self):
        if self.style not in ROW_STYLES:
            raise ValueError(f"unknown row style {self.style!r}")

    def values(self, columns: Sequence[Column]) -> list[object]:
        """The cell values in column order."""
        if isinstance(self.cells, Mapping):
            return [self.cells.get(c.key) for c in columns]
        values = list(self.cells)[: len(columns)]
        return values + [None] * (len(columns) - len(values))

    @property
    def bold(self) -> bool:
        return self.style != "normal"


def format_cell(kind: str, value: object) -> str:
    """``value`` as shown in a PDF or on screen for a column of ``kind`` (see :class:`Column`).

    ``None`` is empty; a ``str`` is returned as given (uncleaned: escape it before markup).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == "money":
        return format_number(value)
    if kind == "int":
        return format_number(value, parentheses=False)
    if kind == "qty":
        return format_quantity(value)
    if kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        return format_date_short(value) if isinstance(value, dt.date) else str(value)
    if kind == "percent":
        return format_ratio(value)
    return str(value)


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
    repeats on every page and a very tall row may split across pages. ``carry`` names a running
    balance to bring forward at the top of each new page (see :class:`Carry`).
    """
    columns = list(columns)
    if not columns:
        raise ValueError("a table needs at least one column")
    kinds = [c.kind for c in columns]
    titles = [plain(c.title) for c in columns]
    formats = [_formatter(c.kind) for c in columns]
    texts = [TableRow(_cell_texts(columns, row, formats), row.style, row.indent) for row in rows]
    keys = [c.key for c in columns]
    return FullWidth(lambda w: RuledTable(layout_table(
        kinds, titles, texts, w, size=CELL_FONT_SIZE, header=header, repeat_header=repeat_header,
        carry=carry, keys=keys)), width)


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

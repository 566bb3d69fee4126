"""A report as plain data: typed columns, rows, their display formatting, and the titled table
(`TabularReport`) every list and report is built as. No reportlab: documents/table.py draws it
as a PDF table, documents/sheets.py writes XLSX and CSV, documents/terminal.py prints it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal


from kws_desktop.i18n import format_date_short, format_number, format_quantity, format_ratio

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from kws_desktop.documents.table_layout import Carry

ColumnKind = Literal["text", "money", "int", "qty", "date", "percent"]
RowStyle = Literal["normal", "heading", "subtotal", "total"]
KINDS: tuple[str, ...] = ("text", "money", "int", "qty", "date", "percent")
ROW_STYLES: tuple[str, ...] = ("normal", "heading", "subtotal", "total")
NUMERIC_KINDS = frozenset({"money", "int", "qty", "percent"})


@dataclass(frozen=True)
class Column:
    """One column: ``key`` finds the value in a dict row, ``title`` heads it, ``kind`` says how
    values are shown:

    - ``text``: any text, wrapped to the column.
    - ``money``: int rupiah, ``1.250.000``, negatives ``(1.250.000)``, right-aligned.
    - ``int``: a count, ``1.250``, right-aligned.
    - ``qty``: a Decimal quantity, ``2,5``, right-aligned.
    - ``date``: a ``datetime.date``, ``28/11/2026``.
    - ``percent``: a ratio (Decimal or float), ``0.125`` shows ``12,5%``, ``0.21`` shows
      ``21,0%`` (always one decimal, so the column lines up), right-aligned.

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
        return format_ratio(value, fixed=True)  # one decimal in every row: a column lines up
    return str(value)


@dataclass(frozen=True)
class TabularReport:
    """A titled table with optional notes and signatures.

    - ``title``: "Buku Kas Umum"; ``subtitle``: the period or other context line.
    - ``columns``: :class:`Column` list; ``rows``: :class:`Row` list (dicts by key or lists).
    - ``notes``: lines printed under the table.
    - ``signers``: ``[(role, name), ...]`` signature blocks at the end of the PDF, or None.
    - ``place_date``: the line above the last signature; None means
      "<profile.place>, <today>" (see documents/tabular.py ``default_place_date``).
    - ``carry``: in the PDF, the running balance carried to the top of each new page.
    """

    title: str
    subtitle: str = ""
    columns: Sequence[Column] = ()
    rows: Sequence[Row] = ()
    notes: Sequence[str] = field(default_factory=tuple)
    signers: Sequence[tuple[str, str]] | None = None
    place_date: str | None = None
    # PDF only: returns fresh flowables (charts, key figures) placed between the title and the
    # table; XLSX and CSV ignore it.
    pdf_lead: Callable[[], Sequence[Flowable]] | None = None
    # PDF only: a running balance brought forward at the top of every page (see Carry).
    carry: Carry | None = None

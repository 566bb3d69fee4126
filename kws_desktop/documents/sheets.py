"""Spreadsheet outputs of a tabular report: XLSX (openpyxl) and CSV.

Use them through :mod:`kws_desktop.documents.tabular` (``write_xlsx``, ``write_csv``,
``write_report``).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kws_desktop.core.percent import ratio_points
from kws_desktop.documents.output import atomic_output
from kws_desktop.documents.table import Column, format_cell
from kws_desktop.documents.text import FORMULA_PREFIXES, neutralise_cell, plain
from kws_desktop.i18n import _

if TYPE_CHECKING:
    from kws_desktop.core.profile import KwsProfile
    from kws_desktop.documents.tabular import TabularReport

MONEY_FORMAT = "#,##0;(#,##0)"
INT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
QTY_FORMAT = "General"
_NUMBER_FORMATS = {"money": MONEY_FORMAT, "int": INT_FORMAT, "date": DATE_FORMAT,
                   "percent": PERCENT_FORMAT, "qty": QTY_FORMAT}
EXCEL_MAX_TEXT = 32_767
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\']")


def put_text(cell: Cell, value: object) -> Cell:
    """Text into an XLSX cell as a string cell, shown exactly as written: cleaned, cut to Excel's
    limit. An XLSX cell keeps its type, so a string cell never runs as a formula, whatever it
    starts with ("=SUM(..)", "+62 812 ..", "-", "@"): no apostrophe is added (only CSV, which
    has no types, needs one). openpyxl would take a text starting with "=" for a formula, so
    the type is set after the value; such a text also gets Excel's quote prefix (shown in no
    cell), so it stays text when someone edits the cell and presses Enter."""
    text = plain(value)[:EXCEL_MAX_TEXT]
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Numbers and dates stay real values (in any column); everything else is text."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, (int, Decimal, float, dt.date)) and not isinstance(value, bool):
        cell.value = value
        return cell
    return put_text(cell, value)


def _sheet_title(title: str) -> str:
    clean = _SHEET_TITLE_BAD.sub(" ", plain(title)).replace("\n", " ").strip()
    return (clean or _("Laporan"))[:31]


def write_xlsx(report: TabularReport, path: os.PathLike[str] | str, *,
               profile: KwsProfile | None = None) -> Path:
    """Write ``report`` as an Excel workbook; return the path.

    Title, period and (with ``profile``) the KWS name sit above a bold, frozen header row.
    Money, counts, quantities and percentages are real numbers (money formatted
    ``#,##0;(#,##0)``), dates are real dates shown ``dd/mm/yyyy``, and every text is a string
    cell (:func:`put_text`) that can never run as a formula. Notes follow the table.
    Raises :class:`~kws_desktop.documents.output.DocumentWriteError` if it cannot be written.
    """
    columns = list(report.columns)
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(report.title)
    wb.properties.title = plain(report.title)[:255]
    wb.properties.creator = "KWS Desktop"

    r = 1
    if profile is not None and profile.name:
        put_text(ws.cell(row=r, column=1), profile.name).font = Font(bold=True)
        r += 1
    put_text(ws.cell(row=r, column=1), report.title).font = Font(bold=True, size=13)
    r += 1
    if report.subtitle:
        put_text(ws.cell(row=r, column=1), report.subtitle)
        r += 1
    r += 1

    header_row = r
    thin = Side(style="thin", color="808080")
    header_fill = PatternFill("solid", fgColor="E6E6E6")
    for c, column in enumerate(columns, start=1):
        cell = put_text(ws.cell(row=r, column=c), column.title)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = Border(bottom=thin, top=thin)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    widths = [max((len(w) for w in plain(c.title).split()), default=4) + 2 for c in columns]
    first_text = next((i for i, c in enumerate(columns) if c.kind == "text"), None)
    bold = Font(bold=True)
    total_border = Border(top=thin, bottom=Side(style="double", color="000000"))
    for row in report.rows:
        r += 1
        for i, (column, value) in enumerate(zip(columns, row.values(columns))):
            cell = _put(ws, r, i + 1, _as_printed(column, value))
            if column.kind in _NUMBER_FORMATS and not isinstance(cell.value, str):
                cell.number_format = _NUMBER_FORMATS[column.kind]
            if row.style != "normal":
                cell.font = bold
            if row.style == "total":
                cell.border = total_border
            elif row.style == "subtotal":
                cell.border = Border(top=thin)
            if i == first_text and row.indent:
                cell.alignment = Alignment(indent=row.indent)
            shown = format_cell(column.kind, value)
            longest = max((len(line) for line in plain(shown).split("\n")), default=0)
            widths[i] = max(widths[i], longest + 2 + (2 * row.indent if i == first_text else 0))

    for i, column in enumerate(columns):
        cap = 60 if column.kind == "text" else 22
        ws.column_dimensions[get_column_letter(i + 1)].width = max(8, min(widths[i], cap))
        if column.kind == "text" and widths[i] > cap:
            for (cell,) in ws.iter_rows(min_row=header_row + 1, max_row=r, min_col=i + 1, max_col=i + 1):
                cell.alignment = Alignment(wrap_text=True, vertical="top", indent=cell.alignment.indent)

    if report.notes:
        r += 1
        for note in report.notes:
            r += 1
            put_text(ws.cell(row=r, column=1), note)

    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape" if len(columns) > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _as_printed(column: Column, value: object) -> object:
    """A percentage cell holds the ratio the PDF prints (core/percent.py: 0.1998 -> 0.200, 20,0%),
    so the file and the paper agree; other cells are what the report holds."""
    if column.kind == "percent" and isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        return ratio_points(value).scaleb(-2)  # three places: the column prints one decimal of points
    return value


def _csv_value(column: Column, value: object) -> object:
    value = _as_printed(column, value)
    if column.kind == "percent" and isinstance(value, Decimal):
        return format(value, "f")  # 0.210 under 0.213, as 21,0% stands under 21,3% in the table
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_cell(plain(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return neutralise_cell(str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    return neutralise_cell(plain(value))


CSV_SEPARATORS = (";", ",")  # ';' first: Excel set to Indonesian (',' is the decimal sign) splits on it


def write_csv(report: TabularReport, path: os.PathLike[str] | str, *,
              delimiter: str = CSV_SEPARATORS[0]) -> Path:
    """Write ``report`` as CSV in UTF-8 with a BOM (so Excel on Windows reads it); return the path.

    One header row of column titles, then one line per row (headings and totals included):
    money and counts as plain integers, quantities as plain decimals (``2.5``), percentages as
    the ratio printed, always three places (``0.125``, ``0.210``, ``1.000``), dates as ISO
    ``2026-11-28``; text neutralised against formulas.
    The separator is ``;`` (what Excel set to Indonesian expects), or ``,`` when asked.
    Raises :class:`~kws_desktop.documents.output.DocumentWriteError` if it cannot be written.
    """
    columns = list(report.columns)
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow([_csv_value(Column("t", "t"), c.title) for c in columns])
            for row in report.rows:
                writer.writerow([_csv_value(c, v) for c, v in zip(columns, row.values(columns))])
    return Path(path)


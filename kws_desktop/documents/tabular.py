"""The generic tabular report behind every list and report, written as PDF, XLSX or CSV.

Build a :class:`TabularReport` from plain data and hand it to :func:`write_report`::

    report = TabularReport(
        title=_("Buku Kas Umum"), subtitle=_("Periode 1-30 November 2026"),
        columns=[Column("tanggal", _("Tanggal"), "date"), Column("uraian", _("Uraian")),
                 Column("masuk", _("Penerimaan"), "money")],
        rows=[Row({"tanggal": day, "uraian": "Uang muka", "masuk": 500_000}),
              Row({"uraian": _("Jumlah"), "masuk": 500_000}, style="total")],
        signers=[(_("Bendahara,"), profile.treasurer_name), (_("Ketua,"), profile.leader_name)],
    )
    write_report(report, "bku.pdf", profile=profile)
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.blocks import signature_blocks, title_block
from kws_desktop.documents.flow import FullWidth, TableThenTail
from kws_desktop.documents.pdf import build_pdf, content_width
from kws_desktop.documents.report_data import Column, Row, TabularReport
from kws_desktop.documents.styles import paragraph
from kws_desktop.documents.table import Carry, data_table, readable_at
from kws_desktop.i18n import _, format_date

__all__ = [
    "Carry", "Column", "Row", "TabularReport", "FORMATS", "write_pdf", "write_xlsx", "write_csv",
    "write_report", "default_place_date", "pdf_story", "report_table", "turned",
]

FORMATS = ("pdf", "xlsx", "csv")


def default_place_date(profile: KwsProfile, day: dt.date | None = None) -> str:
    """"Tigaraksa, 28 November 2026": the profile's place and ``day`` (today by default)."""
    text = format_date(day or dt.date.today())
    return f"{profile.place}, {text}" if profile.place else text


def report_table(report: TabularReport) -> FullWidth:
    """The report's data table (laid out when it is given a width)."""
    return data_table(report.columns, report.rows, carry=report.carry)


def pdf_story(report: TabularReport, profile: KwsProfile, table: Flowable | None = None) -> list[Flowable]:
    """The flowables of the report body (title, table, notes, signatures), without letterhead;
    ``table``: the report's :func:`report_table`, if already made."""
    story: list[Flowable] = [*title_block(report.title, subtitle=report.subtitle or None)]
    if report.pdf_lead is not None:
        story.extend(report.pdf_lead())
    table = table if table is not None else report_table(report)
    tail: list[Flowable] = []
    if report.notes:
        tail.append(Spacer(1, 3 * mm))
        tail.extend(paragraph(note, "small") for note in report.notes)
    if report.signers:
        place_date = report.place_date if report.place_date is not None else default_place_date(profile)
        tail.append(signature_blocks(report.signers, place_date=place_date))
        story.append(TableThenTail(table, tail))
    else:
        story += [table, *tail]
    return story


def write_pdf(report: TabularReport, path: os.PathLike[str] | str, *, profile: KwsProfile,
              paper: str = "A4", landscape: bool = False, watermark: str | None = None) -> Path:
    """Write ``report`` as a PDF with letterhead, title, period, the table (header repeated on
    every page, numbers right-aligned, negatives in parentheses, totals bold), notes,
    signatures and "hal. x dari y" page numbers. A table that does not fit the upright page
    readably (a description squeezed until its words break, or the type made too small: an A5
    page with many number columns) turns the page to landscape. Returns the path; raises
    :class:`~kws_desktop.documents.output.DocumentWriteError` if it cannot be written."""
    table = report_table(report)  # laid out once at the upright width; kept if it stays upright
    landscape = landscape or turned(report, paper, table)
    return build_pdf(path, pdf_story(report, profile, table), profile=profile, title=report.title,
                     paper=paper, landscape=landscape, watermark=watermark)


def turned(report: TabularReport, paper: str = "A4", table: FullWidth | None = None) -> bool:
    """Whether ``report`` goes on ``paper`` turned to landscape: its table is not readable at
    the upright page's width (documents/table_layout.py: ``readable``)."""
    table = table if table is not None else report_table(report)
    return not readable_at(table, content_width(paper))


def write_report(report: TabularReport, path: os.PathLike[str] | str, fmt: str | None = None, *,
                 profile: KwsProfile | None = None, paper: str = "A4",
                 landscape: bool = False, csv_separator: str = ";") -> Path:
    """Write ``report`` as "pdf", "xlsx" or "csv"; with ``fmt=None`` the file suffix decides.

    ``profile`` supplies the letterhead (PDF) and the KWS name line (XLSX); ``paper`` and
    ``landscape`` apply to PDF only; ``csv_separator`` (";" or ",") to CSV only. Raises
    ValueError for an unknown format.
    """
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    profile = profile or KwsProfile()
    if fmt == "pdf":
        return write_pdf(report, path, profile=profile, paper=paper, landscape=landscape)
    if fmt == "xlsx":
        from kws_desktop.documents.sheets import write_xlsx
        return write_xlsx(report, path, profile=profile)
    if fmt == "csv":
        from kws_desktop.documents.sheets import write_csv
        return write_csv(report, path, delimiter=csv_separator)
    raise ValueError(_("Format laporan tidak dikenal: {format} (pilih pdf, xlsx atau csv)").format(
        format=fmt or "?"))


def __getattr__(name: str):
    if name in ("write_xlsx", "write_csv"):  # re-exported lazily: openpyxl is slow to import
        from kws_desktop.documents import sheets
        return getattr(sheets, name)
    raise AttributeError(name)

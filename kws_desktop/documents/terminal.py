"""A report as text for the terminal (`kws-desktop report KIND BOOK` without --out).

Plain data in, text out, no reportlab: the title and period, the table with its numbers
right-aligned as in the PDF (negatives in parentheses), sections set apart by a blank line and
totals by a rule, then the notes. Signatures belong on paper and are left out.
"""
from __future__ import annotations

from kws_desktop.documents.report_data import Row, TabularReport, format_cell
from kws_desktop.documents.text import plain

INDENT = "  "  # per indent level of a row (account trees in the statements)


def _cells(report: TabularReport, row: Row) -> list[str]:
    cells = [plain(format_cell(c.kind, v)) for c, v in zip(report.columns, row.values(report.columns))]
    if cells and row.indent:
        cells[0] = INDENT * row.indent + cells[0]
    return cells


def report_text(report: TabularReport) -> str:
    """The whole report as lines of text, ending in a newline."""
    columns = list(report.columns)
    head = [plain(c.title) for c in columns]
    body = [(row, _cells(report, row)) for row in report.rows]
    widths = [max([len(head[i])] + [len(cells[i]) for _r, cells in body]) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        return "  ".join(v.rjust(w) if c.numeric else v.ljust(w)
                         for v, w, c in zip(cells, widths, columns)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [plain(report.title)]
    if report.subtitle:
        out.append(plain(report.subtitle))
    out += ["", line(head), rule]
    for n, (row, cells) in enumerate(body):
        if row.style == "heading" and row.indent == 0 and n > 0:
            out.append("")
        if row.style == "total":
            out.append(rule)
        out.append(line(cells))
    if report.notes:
        out.append("")
        out += [plain(note) for note in report.notes]
    return "\n".join(out) + "\n"

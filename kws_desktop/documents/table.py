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

from collections.abc import Sequence
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.fonts import FONT, FONT_BOLD
from kws_desktop.documents.report_data import Column, Row, format_cell
from kws_desktop.documents.styles import CELL_FONT_SIZE, LINE, SHADE, SHADE_LIGHT, styles
from kws_desktop.documents.text import markup, plain

PADDING = 3.0
INDENT_STEP = 10.0  # points per indent level
GRID = colors.HexColor("#9A9A9A")
MIN_FONT_SIZE = 5.5


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    header: bool = True,
    repeat_header: bool = True,
    width: float | None = None,
) -> Flowable:
    """A ruled table of ``rows`` under a bold header, filling the frame width (or ``width``).

    Numbers are right-aligned and never wrapped; text columns share the remaining width and
    wrap. If even the numbers do not fit, the whole table is set in a smaller type. The header
    repeats on every page and a very tall row may split across pages.
    """
    columns = list(columns)
    rows = list(rows)
    if not columns:
        raise ValueError("a table needs at least one column")
    return FullWidth(lambda w: _build(columns, rows, w, header, repeat_header), width)


# --- layout --------------------------------------------------------------------------------

def _first_text_column(columns: Sequence[Column]) -> int | None:
    return next((i for i, c in enumerate(columns) if c.kind == "text"), None)


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in text.split()), default=0.0)


def _widths(columns, header_titles, body, width, size) -> tuple[list[float], float]:
    """Column widths filling ``width`` and the font size to use (smaller only if needed)."""
    pad = 2 * PADDING
    natural, minimum = [], []
    for i, column in enumerate(columns):
        head = _longest_word(header_titles[i], FONT_BOLD, size) + pad + 1.0  # slack: never break a word
        cells = [stringWidth(text, FONT_BOLD if bold else FONT, size) + extra
                 for text, bold, extra in (cell[i] for cell in body)]
        widest = max(cells, default=0.0) + pad
        if column.kind == "text":
            natural.append(min(max(widest, head), width))
            minimum.append(min(max(head, 16 * mm), natural[-1]))
        else:
            fixed = min(max(widest, head), width * 0.4)
            natural.append(fixed)
            minimum.append(fixed)
    text_cols = [i for i, c in enumerate(columns) if c.kind == "text"]
    fixed_total = sum(natural[i] for i in range(len(columns)) if i not in text_cols)
    min_total = fixed_total + sum(minimum[i] for i in text_cols)
    if min_total > width:  # too many numbers for the paper: shrink everything
        scale = width / min_total
        return [minimum[i] * scale for i in range(len(columns))], max(MIN_FONT_SIZE, size * scale)
    widths = list(natural)
    room = width - fixed_total
    if text_cols:
        share = _share(room, [natural[i] for i in text_cols], [minimum[i] for i in text_cols])
        for i, w in zip(text_cols, share):
            widths[i] = w
    else:
        total = sum(widths)
        widths = [w * width / total for w in widths]
    return widths, size


def _share(room: float, natural: list[float], minimum: list[float]) -> list[float]:
    """Split ``room`` among text columns: short columns get their natural width whole (so a
    code like "BKU/2026/0001" stays on one line), long ones share what is left, each at least
    its minimum. Any room left over is spread in proportion to natural width."""
    result = [0.0] * len(natural)
    pending = set(range(len(natural)))
    left = room
    while pending:
        fair = left / len(pending)
        settled = [i for i in pending if natural[i] <= fair]
        if not settled:
            break
        for i in settled:
            result[i] = natural[i]
            left -= natural[i]
            pending.discard(i)
    if pending:
        want = sum(natural[i] for i in pending)
        for i in pending:
            result[i] = left * natural[i] / want
        # keep every column at its minimum, taking the difference from the widest ones
        short = sum(max(0.0, minimum[i] - result[i]) for i in pending)
        if short:
            for i in pending:
                result[i] = max(result[i], minimum[i])
            donors = sorted(pending, key=lambda i: result[i] - minimum[i], reverse=True)
            for i in donors:
                take = min(short, result[i] - minimum[i])
                result[i] -= take
                short -= take
    else:
        total = sum(natural) or 1.0
        result = [w + left * w / total for w in natural]
    return result


@cache
def _cell_style(size: float, bold: bool, align: int, indent: int) -> ParagraphStyle:
    base = styles().cell_bold if bold else styles().cell
    return ParagraphStyle(
        f"kws-cell-{size}-{bold}-{align}-{indent}", parent=base, fontSize=size,
        leading=size * 1.24, alignment=align, leftIndent=indent * INDENT_STEP,
    )


_ALIGN = {"text": 0, "date": 1}  # TA_LEFT=0, TA_CENTER=1, TA_RIGHT=2


def _build(columns, rows, width, header, repeat_header) -> Table:
    size = CELL_FONT_SIZE
    paren = stringWidth(")", FONT, size)
    first_text = _first_text_column(columns)
    titles = [plain(c.title) for c in columns]
    # (text, bold, extra width) for each cell, for measuring
    body = []
    for row in rows:
        values = row.values(columns)
        measured = []
        for i, (column, value) in enumerate(zip(columns, values)):
            extra = row.indent * INDENT_STEP if i == first_text else 0.0
            text = plain(format_cell(column.kind, value))
            if column.kind == "money" and not text.endswith(")"):
                extra += paren  # room to line digits up with "(1.250.000)"
            measured.append((text, row.bold, extra))
        body.append(measured)
    widths, size = _widths(columns, titles, body, width, size)
    paren = stringWidth(")", FONT, size)

    data: list[list[object]] = []
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.24),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("GRID", (0, 0), (-1, -1), 0.35, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, LINE),
    ]
    for i, column in enumerate(columns):
        align = "RIGHT" if column.numeric else ("CENTER" if column.kind == "date" else "LEFT")
        commands.append(("ALIGN", (i, 0), (i, -1), align))
        if column.kind == "money":  # digits of 1.250.000 under those of (1.250.000)
            commands.append(("RIGHTPADDING", (i, 0), (i, -1), PADDING + paren))
            if header:
                commands.append(("RIGHTPADDING", (i, 0), (i, 0), PADDING))
    if header:
        data.append([Paragraph(markup(t), _cell_style(size, True, 1, 0)) for t in titles])
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, LINE),
        ]
    for row, measured in zip(rows, body):
        r = len(data)
        cells: list[object] = []
        for i, (column, (text, bold, _extra)) in enumerate(zip(columns, measured)):
            if column.kind == "text" or (text and not _fits(text, bold, size, widths[i])):
                align = _ALIGN.get(column.kind, 2)
                indent = row.indent if i == first_text else 0
                cells.append(Paragraph(markup(text), _cell_style(size, bold, align, indent)))
            else:
                cells.append(text)  # our own formatted number or date: drawn as is
                if column.kind == "money" and text.endswith(")"):
                    commands.append(("RIGHTPADDING", (i, r), (i, r), PADDING))
        data.append(cells)
        if row.bold:
            commands.append(("FONTNAME", (0, r), (-1, r), FONT_BOLD))
        if row.style == "heading":
            commands.append(("BACKGROUND", (0, r), (-1, r), SHADE_LIGHT))
            filled = [i for i, (t, _b, _e) in enumerate(measured) if t]
            if len(filled) == 1 and filled[0] < len(columns) - 1:
                i = filled[0]  # a section title: let it run to the right edge
                commands.append(("SPAN", (i, r), (-1, r)))
                indent = row.indent if i == first_text else 0
                data[r][i] = Paragraph(markup(measured[i][0]), _cell_style(size, True, 0, indent))
        elif row.style == "subtotal":
            commands.append(("LINEABOVE", (0, r), (-1, r), 0.8, LINE))
        elif row.style == "total":
            commands += [
                ("BACKGROUND", (0, r), (-1, r), SHADE),
                ("LINEABOVE", (0, r), (-1, r), 0.8, LINE),
                ("LINEBELOW", (0, r), (-1, r), 0.6, LINE, None, None, None, 2, 1.5),
            ]
    if not data:
        data.append([""] * len(columns))
    table = Table(data, colWidths=widths, repeatRows=1 if header and repeat_header else 0,
                  splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _fits(text: str, bold: bool, size: float, width: float) -> bool:
    return "\n" not in text and stringWidth(text, FONT_BOLD if bold else FONT, size) + 2 * PADDING <= width + 0.01

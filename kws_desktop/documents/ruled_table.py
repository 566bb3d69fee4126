"""The data table as a flowable: draws a part of a :class:`~kws_desktop.documents.table_layout.TableLayout`
straight on the canvas (plain strings, one text object per page, ruled lines in one path each),
and cuts the plan at a page break without measuring anything again.

reportlab's own ``Table`` measured every remaining row again at each page break and built a
``Paragraph`` for every text cell: a 300-page cash book took 15 s of CPU. This draws the same
table (shading, grid, rules under the header and around totals) in a small part of that.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from kws_desktop.documents.canvas_text import TextRun
from kws_desktop.documents.styles import LINE, SHADE, SHADE_LIGHT
from kws_desktop.documents.table_layout import (
    BOTTOM_PADDING, TOP_PADDING, Part, RowPlan, TableLayout, part_height, part_rows, split_part,
)

GRID = colors.HexColor("#9A9A9A")
GRID_WIDTH = 0.35
RULE_WIDTH = 0.8
TOTAL_UNDERLINE = 0.6   # the double line under a total
TOTAL_UNDERLINE_GAP = 1.5
_FILL = {"header": SHADE, "heading": SHADE_LIGHT, "total": SHADE, "carry": SHADE_LIGHT}


class RuledTable(Flowable):
    """One part of a laid-out table; splitting gives the part that fits and the rest."""

    def __init__(self, layout: TableLayout, part: Part | None = None):
        super().__init__()
        self.layout = layout
        self.part = part if part is not None else layout.whole()
        self.width = layout.width
        self.height = part_height(layout, self.part)
        self.hAlign = "LEFT"

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def split(self, avail_width, avail_height):
        if self.height <= avail_height:
            return [self]
        cut = split_part(self.layout, self.part, avail_height)
        if cut is None:
            return []
        return [RuledTable(self.layout, cut[0]), RuledTable(self.layout, cut[1])]

    def draw(self):
        draw_part(self.canv, self.layout, part_rows(self.layout, self.part), self.height)


def draw_part(canv, layout: TableLayout, slices: list[tuple[RowPlan, int, int]], height: float) -> None:
    """Draw ``slices`` (rows with the range of their lines) top down from ``height`` to 0."""
    placed = []  # (top, height, row, first line, end line)
    top = height
    for row, first, end in slices:
        h = layout.row_height(end - first)
        placed.append((top, h, row, first, end))
        top -= h
    canv.saveState()
    _fill_rows(canv, layout, placed)
    _draw_text(canv, layout, placed)
    _draw_grid(canv, layout, placed, height)
    _draw_rules(canv, layout, placed, height)
    canv.restoreState()


def _fill_rows(canv, layout, placed) -> None:
    for top, h, row, _first, _end in placed:
        fill = _FILL.get(row.style)
        if fill is not None:
            canv.setFillColor(fill)
            canv.rect(0, top - h, layout.width, h, stroke=0, fill=1)
    canv.setFillColor(colors.black)


def _draw_text(canv, layout, placed) -> None:
    size, leading = layout.size, layout.leading
    text = TextRun(canv)
    font = None
    for top, h, row, first, end in placed:
        middle = row.style == "header"
        for cell in row.cells:
            lines = cell.lines[first:end]
            if not lines:
                continue
            if cell.font != font:
                font = cell.font
                text.set_font(font, size, leading)
            y = top - TOP_PADDING - size
            if middle:  # the header's titles are centred in its height
                y -= (h - TOP_PADDING - BOTTOM_PADDING - len(lines) * leading) / 2
            for line, w in lines:
                if line:
                    if cell.align == "left":
                        x = cell.left
                    elif cell.align == "right":
                        x = cell.right - w
                    else:
                        x = (cell.left + cell.right - w) / 2
                    text.draw(x, y, line)
                y -= leading
    text.finish()


def _draw_grid(canv, layout, placed, height) -> None:
    """The thin lines: between rows, and between columns (not across a heading that spans)."""
    width, edges = layout.width, layout.edges
    segments = [(0, top - h, width, top - h) for top, h, *_rest in placed[:-1]]
    for j in range(1, len(edges) - 1):
        x, run_top = edges[j], None
        for top, h, row, _first, _end in placed:
            if j in row.hidden:
                if run_top is not None:
                    segments.append((x, run_top, x, top))
                run_top = None
            elif run_top is None:
                run_top = top
        if run_top is not None:
            segments.append((x, run_top, x, 0))
    if segments:
        canv.setStrokeColor(GRID)
        canv.setLineWidth(GRID_WIDTH)
        canv.lines(segments)


def _draw_rules(canv, layout, placed, height) -> None:
    """The heavier lines: under the header, above subtotals and totals, twice under a total,
    and the box around the part."""
    width = layout.width
    rules, doubles = [], []
    for top, h, row, first, end in placed:
        if row.style == "header":
            rules.append((0, top - h, width, top - h))
        elif row.style in ("subtotal", "total") and first == 0:
            rules.append((0, top, width, top))
        if row.style == "total" and end == row.lines:
            y = top - h  # the second line inside the row's bottom padding, clear of the figures
            doubles += [(0, y, width, y), (0, y + TOTAL_UNDERLINE_GAP, width, y + TOTAL_UNDERLINE_GAP)]
    canv.setStrokeColor(LINE)
    canv.setLineWidth(RULE_WIDTH)
    if rules:
        canv.lines(rules)
    canv.rect(0, 0, width, height, stroke=1, fill=0)
    if doubles:
        canv.setLineWidth(TOTAL_UNDERLINE)
        canv.lines(doubles)

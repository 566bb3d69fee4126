"""The first page of the Laporan Kinerja KWS: key figures as tiles and simple bar charts.

Plain data in (labels, numbers), flowables out; the table that follows is the ordinary
tabular report (:mod:`kws_desktop.documents.tabular`), which places these flowables between its
title and its table through ``TabularReport.pdf_lead``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.fonts import FONT, FONT_BOLD
from kws_desktop.documents.styles import GREY, SHADE_LIGHT, styles
from kws_desktop.documents.text import markup, plain

SERIES_COLOURS = (colors.HexColor("#1F6F8B"), colors.HexColor("#E08E2B"), colors.HexColor("#7A9E3B"))
TILE_BORDER = colors.HexColor("#B8C4CC")


@dataclass(frozen=True)
class BarChartData:
    """One bar chart: categories along the bottom, one or more series of counts."""

    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[int]]] = field(default_factory=tuple)
    wide: bool = False  # full page width (else half)


def _tile_styles():
    base = styles().small
    return (ParagraphStyle("kws-tile-label", parent=base, textColor=GREY, fontSize=8, leading=10),
            ParagraphStyle("kws-tile-value", parent=base, fontName=FONT_BOLD, fontSize=14, leading=17),
            ParagraphStyle("kws-tile-sub", parent=base, textColor=GREY, fontSize=7.5, leading=9))


def _value_style(style: ParagraphStyle, value: str, room: float, smallest: float = 9) -> ParagraphStyle:
    """``style`` in a smaller type (by halves, down to ``smallest``) when ``value`` is wider
    than ``room``: a figure such as Rp379.621.435 keeps one line in a narrow tile."""
    wide = stringWidth(plain(value), style.fontName, style.fontSize)
    if wide <= room:
        return style
    size = max(smallest, math.floor(style.fontSize * room / wide * 2) / 2)
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def tiles_table(tiles: Sequence[tuple[str, str, str]], width: float, per_row: int = 3) -> Table:
    label_style, value_style, sub_style = _tile_styles()
    gap = 2 * mm
    room = width / per_row - 2 * gap - 1  # the tile less its paddings
    cells = [[Paragraph(markup(label), label_style),
              Paragraph(markup(value), _value_style(value_style, value, room)),
              Paragraph(markup(sub), sub_style)] for label, value, sub in tiles]
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    if rows and len(rows[-1]) < per_row:
        rows[-1] += [""] * (per_row - len(rows[-1]))
    table = Table(rows, colWidths=[width / per_row] * per_row)
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, TILE_BORDER),
        ("INNERGRID", (0, 0), (-1, -1), 0.6, TILE_BORDER),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), gap + 1), ("RIGHTPADDING", (0, 0), (-1, -1), gap),
        ("TOPPADDING", (0, 0), (-1, -1), gap), ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
    ]))
    return table


def _nice_step(top: int) -> int:
    if top <= 5:
        return 1
    raw = top / 5
    power = 10 ** int(math.floor(math.log10(raw)))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return int(m * power)
    return int(10 * power)


def _wrap(label: str, width: int = 11) -> str:
    """Split a long category label over two lines at the space nearest the middle."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1:]


def _widest(names: Sequence[str]) -> float:
    """The widest line of the category ``names`` in a 1 pt type."""
    return max((stringWidth(line, FONT, 1) for name in names for line in name.split("\n")), default=0.0)


def _label_size(names: Sequence[str], slot: float, size: float, smallest: float = 5.5) -> float | None:
    """The type size, from ``size`` down by halves to ``smallest``, at which every line of the
    category ``names`` fits under its bars (``slot`` wide, a little air kept); None: none does."""
    widest = _widest(names)
    room = slot - 2
    if widest * size <= room:
        return size
    fit = math.floor(room / widest * 2) / 2 if widest else size
    return fit if fit >= smallest else None


def bar_chart(data: BarChartData, width: float, height: float = 58 * mm) -> Drawing:
    """A grouped vertical bar chart with its title above and a legend below."""
    d = Drawing(width, height)
    d.add(String(0, height - 10, plain(data.title), fontName=FONT_BOLD, fontSize=9))
    values = [list(v) for _name, v in data.series] or [[0] * len(data.categories)]
    top = max([max(v) if v else 0 for v in values] + [1])
    step = _nice_step(top)
    chart = VerticalBarChart()
    names = [_wrap(plain(c)) for c in data.categories]
    many = len(names) > 14
    chart.x = 28
    chart.width = width - chart.x - 4
    size = _label_size(names, chart.width / max(len(names), 1), 6.5 if many else 7)
    slanted = many or size is None  # names too wide for their bars even in small type: slanted
    legend_room = 12 if len(data.series) > 1 else 0
    two_lines = any("\n" in name for name in names)
    label_size = 6.5 if size is None else size
    drop = max(10.0, _widest(names) * label_size * math.sin(math.radians(45)) + 2) if slanted else 0.0
    chart.y = 14 + legend_room + drop + (8 if two_lines else 0)
    chart.height = height - chart.y - 20
    chart.data = values
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = label_size
    if slanted:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx, chart.categoryAxis.labels.dy = 2, -2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (math.ceil(top / step) + (1 if top % step == 0 else 0))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v):,}".replace(",", ".")
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.visibleGrid = True
    chart.barSpacing = 0.5
    chart.groupSpacing = 4 if len(data.categories) > 12 else 8
    for i in range(len(values)):
        chart.bars[i].fillColor = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        chart.bars[i].strokeColor = None
    if not many and len(data.categories) * len(values) <= 12:
        chart.barLabels.fontName = FONT
        chart.barLabels.fontSize = 6.5
        chart.barLabelFormat = lambda v: str(int(v)) if v else ""
        chart.barLabels.nudge = 5
    d.add(chart)
    if len(data.series) > 1:
        legend = Legend()
        legend.x, legend.y = chart.x, 6
        legend.fontName, legend.fontSize = FONT, 7
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 80
        legend.dx = legend.dy = 6
        legend.colorNamePairs = [(SERIES_COLOURS[i % len(SERIES_COLOURS)], plain(name))
                                 for i, (name, _v) in enumerate(data.series)]
        d.add(legend)
    return d


def _charts(charts: Sequence[BarChartData], width: float) -> Table:
    rows, half = [], []
    gap = 6 * mm
    for c in charts:
        if c.wide:
            rows.append([bar_chart(c, width), ""])
        else:
            half.append(bar_chart(c, (width - gap) / 2))
            if len(half) == 2:
                rows.append(half)
                half = []
    if half:
        rows.append(half + [""])
    table = Table(rows, colWidths=[(width - gap) / 2 + gap, (width - gap) / 2])
    spans = [("SPAN", (0, i), (1, i)) for i, r in enumerate(rows) if r[1] == "" and charts and
             isinstance(r[0], Drawing) and r[0].width > width / 2 + 1]
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               *spans]))
    return table


def figures_page(tiles: Sequence[tuple[str, str, str]], charts: Sequence[BarChartData]) -> list[Flowable]:
    """Key-figure tiles and charts, then a page break (the detail table starts on page 2)."""
    return [Spacer(1, 2 * mm), FullWidth(lambda w: tiles_table(tiles, w)), Spacer(1, 4 * mm),
            FullWidth(lambda w: _charts(charts, w)), PageBreak()]

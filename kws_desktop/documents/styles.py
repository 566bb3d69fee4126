"""Paragraph styles shared by all PDFs, and :func:`paragraph`, the way to put user text in one."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from kws_desktop.documents.fonts import FONT, FONT_BOLD, register_fonts
from kws_desktop.documents.text import markup

GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#444444")
SHADE = colors.HexColor("#EDEDED")
SHADE_LIGHT = colors.HexColor("#F6F6F6")
CELL_FONT_SIZE = 8.5


@dataclass(frozen=True)
class Styles:
    """The named styles; get them with :func:`styles`.

    title/subtitle are centred document titles; heading a section heading; body running text;
    small notes and captions; number body text aligned right. The ``cell*`` styles are the
    smaller table-cell variants (``cell_number`` right-aligned, ``*_bold`` bold).
    """

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    body_bold: ParagraphStyle
    small: ParagraphStyle
    number: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_number: ParagraphStyle
    cell_number_bold: ParagraphStyle
    cell_center: ParagraphStyle
    cell_center_bold: ParagraphStyle


@cache
def styles() -> Styles:
    """The shared styles (fonts are registered on first use)."""
    register_fonts()
    base = ParagraphStyle("kws-body", fontName=FONT, fontSize=10, leading=13, alignment=TA_LEFT,
                          splitLongWords=1)
    cell = ParagraphStyle("kws-cell", parent=base, fontSize=CELL_FONT_SIZE, leading=10.5)
    cell_bold = ParagraphStyle("kws-cell-bold", parent=cell, fontName=FONT_BOLD)
    return Styles(
        title=ParagraphStyle("kws-title", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18,
                             alignment=TA_CENTER, spaceAfter=2),
        subtitle=ParagraphStyle("kws-subtitle", parent=base, alignment=TA_CENTER, spaceAfter=2),
        heading=ParagraphStyle("kws-heading", parent=base, fontName=FONT_BOLD, fontSize=11,
                               leading=14, spaceBefore=6, spaceAfter=3),
        body=base,
        body_bold=ParagraphStyle("kws-body-bold", parent=base, fontName=FONT_BOLD),
        small=ParagraphStyle("kws-small", parent=base, fontSize=8, leading=10, textColor=GREY),
        number=ParagraphStyle("kws-number", parent=base, alignment=TA_RIGHT),
        cell=cell,
        cell_bold=cell_bold,
        cell_number=ParagraphStyle("kws-cell-number", parent=cell, alignment=TA_RIGHT),
        cell_number_bold=ParagraphStyle("kws-cell-number-bold", parent=cell_bold, alignment=TA_RIGHT),
        cell_center=ParagraphStyle("kws-cell-center", parent=cell, alignment=TA_CENTER),
        cell_center_bold=ParagraphStyle("kws-cell-center-bold", parent=cell_bold, alignment=TA_CENTER),
    )


def paragraph(text: object, style: str | ParagraphStyle = "body", *, bold: bool = False) -> Paragraph:
    """A Paragraph showing ``text`` literally (escaped with :func:`markup`; newlines kept).

    ``style`` is a :class:`Styles` field name ("body", "small", "cell_number", ...) or a
    ParagraphStyle. ``bold=True`` wraps the text in ``<b>``.
    """
    if isinstance(style, str):
        style = getattr(styles(), style)
    body = markup(text)
    if bold:
        body = f"<b>{body}</b>"
    return Paragraph(body, style)

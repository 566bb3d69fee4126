"""Building a PDF: paper sizes, margins, letterhead, page numbers, watermark, atomic write.

Typical use::

    story = [*title_block(_("KUITANSI"), number), key_value_table(rows), signature_blocks(...)]
    build_pdf(path, story, profile=profile, title=_("Kuitansi"), paper="A5", landscape=True)

Size tables with :func:`content_width` for the same paper/orientation/margins.
"""
from __future__ import annotations

import math
import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape as _landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.fonts import FONT, FONT_BOLD, document_face, register_fonts
from kws_desktop.documents.gc_pause import collector_paused
from kws_desktop.documents.letterhead import letterhead as _letterhead
from kws_desktop.documents.output import DocumentWriteError, atomic_output
from kws_desktop.documents.styles import GREY
from kws_desktop.documents.text import plain
from kws_desktop.i18n import _

__all__ = [
    "PAPER_SIZES", "Margins", "DocumentWriteError", "paper_size", "default_margins",
    "content_width", "build_pdf", "PaperStart",
]

F4 = (215 * mm, 330 * mm)
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "F4": F4, "A5": A5}
_ALIASES = {"FOLIO": "F4"}

FOOTER_FONT_SIZE = 7.5
WATERMARK_GREY = colors.Color(0.45, 0.45, 0.45, alpha=0.18)


class Margins(NamedTuple):
    """Page margins in points, in CSS order."""

    top: float
    right: float
    bottom: float
    left: float


def paper_size(name: str = "A4", landscape: bool = False) -> tuple[float, float]:
    """(width, height) in points of "A4", "F4" (folio, 215 x 330 mm) or "A5", portrait unless
    ``landscape``. Raises ValueError for other names."""
    key = name.strip().upper()
    key = _ALIASES.get(key, key)
    if key not in PAPER_SIZES:
        raise ValueError(_("Ukuran kertas tidak dikenal: {name}").format(name=name))
    size = PAPER_SIZES[key]
    return _landscape(size) if landscape else size


def default_margins(paper: str = "A4", landscape: bool = False) -> Margins:
    """The margins used when none are given: narrower on A5 (and on A5 landscape)."""
    if paper_size(paper) == A5:
        return Margins(top=10 * mm, right=10 * mm, bottom=13 * mm, left=12 * mm)
    return Margins(top=14 * mm, right=15 * mm, bottom=17 * mm, left=20 * mm)


def content_width(paper: str = "A4", landscape: bool = False,
                  margins: Margins | Sequence[float] | None = None) -> float:
    """The width available to flowables between the margins, in points."""
    width, _height = paper_size(paper, landscape)
    m = Margins(*margins) if margins is not None else default_margins(paper, landscape)
    return width - m.left - m.right


class _Footer(NamedTuple):
    title: str
    single_page_footer: bool
    margins: Margins


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so the footer can say "hal. x dari y"."""

    def __init__(self, *args, footer: _Footer, **kwargs):
        # reportlab starts every canvas in Helvetica, which a PDF then lists as an unembedded
        # font even when no text uses it; start in the shipped (embedded) DejaVu face instead
        kwargs["initialFontName"] = FONT
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []
        self.paper_starts = {1}  # pages where a paper of its own starts (PaperStart)

    def setFont(self, psfontname, size, leading=None):  # noqa: N802 - reportlab's name
        super().setFont(document_face(psfontname), size, leading)

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        starts = sorted(self.paper_starts)
        ends = starts[1:] + [len(self._pages) + 1]
        for state in self._pages:
            self.__dict__.update(state)
            number = self._pageNumber
            first, after = next((s, e) for s, e in zip(reversed(starts), reversed(ends)) if s <= number)
            if after - first > 1 or self._footer.single_page_footer:
                self._draw_footer(number - first + 1, after - first)
            super().showPage()
        super().save()

    def _draw_footer(self, page: int, total: int) -> None:
        footer = self._footer
        width, _height = self._pagesize
        left, right = footer.margins.left, width - footer.margins.right
        y = footer.margins.bottom / 2 - FOOTER_FONT_SIZE / 3
        page_text = _("hal. {page} dari {total}").format(page=page, total=total)
        self.saveState()
        self.setFont(FONT, FOOTER_FONT_SIZE)
        self.setFillColor(GREY)
        self.drawRightString(right, y, page_text)
        room = right - left - stringWidth(page_text, FONT, FOOTER_FONT_SIZE) - 6 * mm
        self.drawString(left, y, _fit(footer.title, room))
        self.restoreState()


class PaperStart(Flowable):
    """Where the next paper of one PDF starts (the slip of the next member): its pages are
    numbered on their own, "hal. 1 dari 2" of that paper, not of the whole file."""

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        starts = getattr(self.canv, "paper_starts", None)
        if starts is not None:
            starts.add(self.canv.getPageNumber())


def _fit(text: str, room: float) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``room`` points."""
    text = " ".join(text.split())
    if stringWidth(text, FONT, FOOTER_FONT_SIZE) <= room:
        return text
    while text and stringWidth(text + "…", FONT, FOOTER_FONT_SIZE) > room:
        text = text[: max(0, len(text) - max(1, len(text) // 10))]
    return text + "…" if text else ""


def _draw_watermark(text: str, canv: Canvas, doc) -> None:
    width, height = canv._pagesize
    text_width = stringWidth(text, FONT_BOLD, 1)
    if text_width <= 0:
        return
    diagonal = math.hypot(width, height)
    size = min(150.0, diagonal * 0.65 / text_width)
    canv.saveState()
    canv.setFont(FONT_BOLD, size)
    canv.setFillColor(WATERMARK_GREY)
    canv.translate(width / 2, height / 2)
    canv.rotate(math.degrees(math.atan2(height, width)))
    canv.drawCentredString(0, -size * 0.35, text)
    canv.restoreState()


def build_pdf(
    path: os.PathLike[str] | str,
    story: Sequence[Flowable],
    *,
    profile: KwsProfile,
    title: str,
    paper: str = "A4",
    landscape: bool = False,
    letterhead: bool = True,
    single_page_footer: bool = True,
    watermark: str | None = None,
    margins: Margins | Sequence[float] | None = None,
) -> Path:
    """Lay out ``story`` and write the PDF to ``path`` atomically; return the path.

    - ``profile``: the KWS printed in the letterhead (first page only, when ``letterhead``)
      and recorded as the PDF author.
    - ``title``: the PDF title, also printed small at the left of the footer.
    - ``paper``: "A4", "F4" or "A5"; ``landscape`` turns it.
    - ``single_page_footer``: False leaves a one-page paper (a letter, a kuitansi) without the
      footer; a paper that runs over one page always says "hal. x dari y" on every page.
    - ``watermark``: large light diagonal text on every page, over the content, e.g.
      ``_("BATAL")`` on a voided document or ``_("SALINAN")`` on a reprint.
    - ``margins``: (top, right, bottom, left) in points; see :func:`default_margins`.

    The flowables in ``story`` are consumed (reportlab mutates them): build a fresh story per
    file. Raises :class:`DocumentWriteError` if the file cannot be written.
    """
    register_fonts()
    pagesize = paper_size(paper, landscape)
    m = Margins(*margins) if margins is not None else default_margins(paper, landscape)
    width = pagesize[0] - m.left - m.right
    flowables: list[Flowable] = []
    if letterhead:
        flowables.extend(_letterhead(profile, width, compact=paper_size(paper) == A5))
    flowables.extend(story)

    clean_title = plain(title)
    mark = " ".join(plain(watermark).split()) if watermark else ""
    footer = _Footer(title=clean_title, single_page_footer=single_page_footer, margins=m)
    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=pagesize,
            leftMargin=m.left, rightMargin=m.right, topMargin=m.top, bottomMargin=m.bottom,
            title=clean_title, author=plain(profile.name), creator="KWS Desktop",
            initialFontName=FONT,  # not reportlab's Helvetica: every font in the file is embedded
        )
        frame = Frame(m.left, m.bottom, width, pagesize[1] - m.top - m.bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        on_page_end = partial(_draw_watermark, mark) if mark else None
        kwargs = {"onPageEnd": on_page_end} if on_page_end else {}
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize, **kwargs)])
        with collector_paused():
            doc.build(flowables, canvasmaker=partial(_NumberedCanvas, footer=footer))
    return Path(path)

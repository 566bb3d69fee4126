"""The KWS letterhead (kop surat) printed at the top of the first page of every PDF."""
from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.fonts import FONT_BOLD
from kws_desktop.documents.styles import LINE, paragraph, styles
from kws_desktop.i18n import _

LOGO_MAX_HEIGHT = 20 * mm
LOGO_MAX_WIDTH = 32 * mm


class DoubleRule(Flowable):
    """The classic kop-surat rule: a thick line with a thin one just under it, full width."""

    def __init__(self, thick: float = 1.6, thin: float = 0.5, gap: float = 1.6):
        super().__init__()
        self.thick, self.thin, self.gap = thick, thin, gap

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.thick + self.gap + self.thin
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.setStrokeColor(LINE)
        canv.setLineWidth(self.thick)
        top = self.height - self.thick / 2
        canv.line(0, top, self.width, top)
        canv.setLineWidth(self.thin)
        bottom = self.thin / 2
        canv.line(0, bottom, self.width, bottom)


def _logo(data: bytes | None, scale: float = 1.0) -> Image | None:
    if not data:
        return None
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # a broken logo must never stop a document: print without it
        return None
    if width <= 0 or height <= 0:
        return None
    fit = scale * min(LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return Image(io.BytesIO(data), width=width * fit, height=height * fit)


def _balanced(address: str, style: ParagraphStyle, room: float) -> str:
    """``address`` as it fits ``room``: one line, or two of about the same length broken after
    a comma (not "Banten" alone under a full line)."""
    def wide(text: str) -> float:
        return stringWidth(text, style.fontName, style.fontSize)
    parts = address.split(", ")
    if wide(address) <= room or len(parts) < 2:
        return address
    k = min(range(1, len(parts)), key=lambda i: max(wide(", ".join(parts[:i]) + ","),
                                                   wide(", ".join(parts[i:]))))
    return ", ".join(parts[:k]) + ",\n" + ", ".join(parts[k:])


def letterhead(profile: KwsProfile, width: float, *, compact: bool = False) -> list[Flowable]:
    """Flowables for the letterhead: logo (if any), KWS name in bold, address, phone and email,
    centred, with a double rule under them. Empty if the profile has no name, address or logo.
    ``compact`` uses smaller type and logo (A5 paper).
    """
    contact = []
    if profile.phone:
        contact.append(_("Telp. {phone}").format(phone=profile.phone))
    if profile.email:
        contact.append(_("Email: {email}").format(email=profile.email))
    if not (profile.name or profile.address_line or contact or profile.logo_png):
        return []
    st = styles()
    scale = 0.82 if compact else 1.0
    name_style = ParagraphStyle("kws-letterhead-name", parent=st.body, fontName=FONT_BOLD,
                                fontSize=15 * scale, leading=19 * scale, alignment=TA_CENTER)
    line_style = ParagraphStyle("kws-letterhead-line", parent=st.body, fontSize=9 * scale,
                                leading=11.5 * scale, alignment=TA_CENTER)
    logo = _logo(profile.logo_png, scale)
    side = LOGO_MAX_WIDTH * scale + 2 * mm  # the same width on the right keeps the text centred
    room = width if logo is None else width - 2 * side
    text: list[Flowable] = []
    if profile.name:
        text.append(paragraph(profile.name, name_style))
    address = ", ".join(p for p in (profile.address_line, profile.provinsi) if p)
    if address:
        text.append(paragraph(_balanced(address, line_style, room), line_style))
    if contact:
        text.append(paragraph("  ·  ".join(contact), line_style))

    if logo is None:
        head: Flowable = Table([[text]], colWidths=[width])
    else:
        head = Table([[logo, text, ""]], colWidths=[side, width - 2 * side, side])
    head.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [head, Spacer(1, 2.5 * mm * scale), DoubleRule(), Spacer(1, 5 * mm * scale)]

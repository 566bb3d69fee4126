"""Reusable pieces of a document: title, label/value list, money summary, signatures, meterai.

All of them take plain Python values; user text is escaped here, never by the caller. Blocks
that are tables fill the frame width unless ``width`` is given.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.fonts import FONT, FONT_BOLD
from kws_desktop.documents.styles import GREY, LINE, SHADE, paragraph, styles
from kws_desktop.documents.text import markup
from kws_desktop.i18n import _, format_rupiah

__all__ = [
    "METERAI_AMOUNT", "METERAI_THRESHOLD", "needs_meterai", "title_block", "key_value_table",
    "money_table", "signature_blocks", "with_signatures", "letter_heading", "MeteraiBox",
]

# UU 10/2020 on bea meterai: documents acknowledging more than Rp5.000.000 carry Rp10.000.
METERAI_AMOUNT = 10_000
METERAI_THRESHOLD = 5_000_000
SIGN_SPACE = 20 * mm  # room to sign


def needs_meterai(amount: int) -> bool:
    """True when a receipt of ``amount`` rupiah needs the Rp10.000 duty stamp (above Rp5.000.000)."""
    return amount > METERAI_THRESHOLD


def title_block(title: str, number: str | None = None, *, subtitle: str | None = None) -> list[Flowable]:
    """The centred document title in bold, then "Nomor: {number}" and/or a subtitle line
    (e.g. the period of a report), then a little space."""
    st = styles()
    flows: list[Flowable] = [paragraph(title, st.title)]
    if number:
        flows.append(Paragraph(markup(_("Nomor: {number}").format(number=number)), st.subtitle))
    if subtitle:
        flows.append(paragraph(subtitle, st.subtitle))
    flows.append(Spacer(1, 4 * mm))
    return flows


def key_value_table(rows: Sequence[tuple[str, object]], *, label_width: float | None = None,
                    width: float | None = None) -> Flowable:
    """Label/value lines aligned on the colon, as in letters and receipts::

        Telah terima dari : Bapak Ahmad
        Uang sejumlah     : Rp1.250.000

    A value may be text (escaped, newlines kept), ``None`` (empty) or any Flowable (used as is,
    e.g. a bold paragraph). The label column fits the longest label, at most 40% of the width.
    """
    rows = list(rows)
    st = styles()

    def build(total: float) -> Table:
        widest = max((stringWidth(str(label), FONT, st.body.fontSize) for label, _v in rows), default=0)
        lw = label_width or min(widest + 6, total * 0.4)
        colon = 3 * mm
        data = []
        for label, value in rows:
            cell = value if isinstance(value, Flowable) else paragraph("" if value is None else value)
            data.append([paragraph(label), ":", cell])
        table = Table(data or [["", "", ""]], colWidths=[lw, colon, total - lw - colon], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), st.body.fontSize),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        return table

    return FullWidth(build, width)


def letter_heading(rows: Sequence[tuple[str, object]], place_date: str) -> Flowable:
    """The head of an Indonesian letter: Nomor, Lampiran, Perihal (``rows``, label and value as
    in :func:`key_value_table`) on the left, the place and date on the right."""
    st = styles()
    kv = key_value_table(rows)
    date_par = paragraph(place_date, ParagraphStyle("kws-letter-date", parent=st.body, alignment=TA_RIGHT))

    def build(width: float) -> Table:
        t = Table([[kv, date_par]], colWidths=[width * 0.64, width * 0.36])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return t

    return FullWidth(build)


def money_table(rows: Sequence[tuple[str, int]], *, total: tuple[str, int] | None = None,
                currency: bool = True, width: float | None = None) -> Flowable:
    """A summary of labelled amounts with the amounts right-aligned in one column::

        Harga pekerjaan     Rp4.500.000
        Uang muka          (Rp1.000.000)
        Sisa tagihan        Rp3.500.000   <- ``total``, bold and ruled

    Amounts are int rupiah; negatives print in parentheses. ``currency=False`` drops "Rp".
    Pass ``width`` (e.g. half the page) to keep it narrow at the right of the page.
    """
    lines = list(rows) + ([total] if total else [])
    st = styles()

    def fmt(amount: int) -> str:
        return format_rupiah(amount, parentheses=True) if currency else \
            format_rupiah(amount, parentheses=True).replace("Rp", "")

    def build(avail: float) -> Table:
        amount_width = max((stringWidth(fmt(a) + ")", FONT_BOLD, st.body.fontSize) for _l, a in lines),
                           default=0) + 8
        amount_width = max(amount_width, 32 * mm)
        number = ParagraphStyle("kws-money", parent=st.body, alignment=TA_RIGHT)
        # positive amounts stand back by the width of ")" so all digits line up
        paren = stringWidth(")", FONT_BOLD, st.body.fontSize)
        number_pos = ParagraphStyle("kws-money-pos", parent=number, rightIndent=paren)
        data = []
        for i, (label, amount) in enumerate(lines):
            bold = total is not None and i == len(lines) - 1
            style = number if amount < 0 else number_pos
            data.append([paragraph(label, bold=bold), paragraph(fmt(amount), style, bold=bold)])
        table = Table(data or [["", ""]], colWidths=[avail - amount_width, amount_width], hAlign="RIGHT")
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if total is not None:
            commands += [
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, LINE),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ]
        table.setStyle(TableStyle(commands))
        return table

    return FullWidth(build, width)


class MeteraiBox(Flowable):
    """A dashed box marking where the Rp10.000 duty stamp goes, labelled "Meterai Rp10.000".

    Sized to hold a meterai tempel (32 x 24 mm) with a little margin.
    """

    def __init__(self, width: float = 36 * mm, height: float = 26 * mm):
        super().__init__()
        self.width, self.height = width, height
        self.hAlign = "CENTER"

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.6)
        canv.setDash(2.5, 2)
        canv.rect(0, 0, self.width, self.height)
        canv.setFillColor(GREY)
        canv.setFont(FONT, 7.5)
        label = _("Meterai Rp10.000")
        words = label.rsplit(" ", 1)
        lines = words if len(words) == 2 else [label]
        top = self.height / 2 + (len(lines) - 1) * 4.5 - 2.5
        for n, line in enumerate(lines):
            canv.drawCentredString(self.width / 2, top - n * 9, line)
        canv.restoreState()


def signature_blocks(signers: Sequence[tuple[str, str]], place_date: str | None = None,
                     meterai_for: int | None = None, *, width: float | None = None,
                     sign_space: float = SIGN_SPACE) -> Flowable:
    """Signature columns side by side: role label, room to sign, then the name underlined
    (or a dotted line to write it by hand when the name is empty).

    - ``signers``: ``[(role, name), ...]``, e.g. ``[(_("Yang menyerahkan,"), "Ahmad"),
      (_("Yang menerima,"), "")]``. Roles may contain newlines ("Mengetahui,\\nKetua KWS").
      A single signer is placed on the right half, as in letters.
    - ``place_date``: "Tigaraksa, 28 November 2026", printed above the last signer.
    - ``meterai_for``: index into ``signers`` of the one who signs over the duty stamp; a
      :class:`MeteraiBox` is drawn in their signing space (see :func:`needs_meterai`), which
      then grows to hold it.
    - ``sign_space``: height left for signatures, in points.
    The block is never split across pages.
    """
    signers = list(signers)
    if meterai_for is not None and not 0 <= meterai_for < len(signers):
        raise IndexError("meterai_for is not a signer index")
    st = styles()

    def build(total: float) -> Table:
        offset = 1 if len(signers) == 1 else 0
        count = len(signers) + offset
        col = total / max(count, 1)
        centre = ParagraphStyle("kws-sign", parent=st.body, alignment=TA_CENTER)
        box = MeteraiBox() if meterai_for is not None else None
        places = [""] * count
        roles: list[object] = [""] * count
        spaces: list[object] = [""] * count
        names: list[object] = [""] * count
        if place_date:
            places[-1] = paragraph(place_date, centre)
        dots = "." * max(10, int(col * 0.7 / stringWidth(".", FONT, st.body.fontSize)))
        for i, (role, name) in enumerate(signers):
            c = i + offset
            roles[c] = paragraph(role, centre)
            if meterai_for == i:
                spaces[c] = box
            if name and name.strip():
                names[c] = Paragraph(f"<b><u>{markup(name)}</u></b>", centre)
            else:
                names[c] = Paragraph(f"({dots})", centre)
        data = [places, roles, spaces, names] if place_date else [roles, spaces, names]
        space_row = 2 if place_date else 1
        heights = [None] * len(data)
        heights[space_row] = max(sign_space, box.height + 2 * mm) if box else sign_space
        table = Table(data, colWidths=[col] * count, rowHeights=heights, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("VALIGN", (0, space_row), (-1, space_row), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        return table

    block = FullWidth(build, width, splittable=False)
    block.spaceBefore = 6 * mm
    return block


def with_signatures(last_section: Sequence[Flowable], signatures: Flowable) -> Flowable:
    """The paper's last section and its signatures kept on one page, so the signatures never
    stand alone on a page of their own: when they do not fit, the section moves over with them.
    Only for a section shorter than a page (a heading with a short table, a note): a taller one
    would be started on a new page."""
    return KeepTogether([*last_section, signatures])

"""The kuitansi (receipt) PDF: what the payer keeps as proof that the group received the money.

Plain data in (:class:`KuitansiData`), a one-page PDF out. A5 landscape by default, A4 or F4
portrait as the book setting "receipt_paper" says. Above Rp5.000.000 the signature space holds
the "Meterai Rp10.000" box (UU 10/2020); at or below it, no box. A reprint says SALINAN, a
voided payment's kuitansi says BATAL (its number is kept): with the reason and the day it was
voided, and under the amount that it does not count as a payment, never a balance owed (the
balance of the day it was issued read as if it still counted).
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.core.profile import KwsProfile
from kws_desktop.core.terbilang import capitalize_words, terbilang_rupiah
from kws_desktop.documents.blocks import MeteraiBox, needs_meterai
from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.fonts import FONT, FONT_BOLD
from kws_desktop.documents.pdf import Margins, build_pdf, paper_size
from kws_desktop.documents.styles import GREY, LINE, SHADE, paragraph, styles
from kws_desktop.documents.text import markup
from kws_desktop.i18n import _, format_date, format_rupiah

__all__ = ["KuitansiData", "kuitansi_story", "write_kuitansi", "write_many", "receipt_layout"]


@dataclass(frozen=True)
class KuitansiData:
    number: str
    date: dt.date
    payer_name: str
    amount: int
    purpose: str                 # "Pesanan PSN-2026-0007, tagihan TGH-2026-0007, cicilan ke-2 dari 4"
    remaining: int | None = None  # what the invoice still owes after this payment
    method: str = "cash"          # cash | transfer
    advance: int = 0              # part kept as uang titipan
    receiver_name: str = ""       # the treasurer (profile)
    receiver_role: str = ""       # "Bendahara"
    copy: bool = False            # a reprint: SALINAN
    void: bool = False            # a voided payment: BATAL
    void_reason: str = ""
    void_date: dt.date | None = None  # the day it was voided (its reversal's date)


def receipt_layout(paper: str) -> tuple[str, bool]:
    """(paper name, landscape) for the book setting "receipt_paper": A5 landscape, A4 or F4."""
    key = (paper or "A5").strip().upper()
    if key in ("A4", "F4", "FOLIO"):
        return ("F4" if key == "FOLIO" else key), False
    return "A5", True


def _amount_words(amount: int) -> str:
    return capitalize_words(terbilang_rupiah(amount))


def _figure_box(data: KuitansiData, width: float, compact: bool) -> Flowable:
    """The amount in figures, big in a ruled box, with what remains under it."""
    st = styles()
    big = ParagraphStyle("kwt-figure", parent=st.body, fontName=FONT_BOLD,
                         fontSize=15 if compact else 16, leading=19 if compact else 20,
                         alignment=TA_CENTER)
    small = ParagraphStyle("kwt-figure-note", parent=st.body, fontSize=8.5, leading=11,
                           alignment=TA_LEFT)
    rows: list[list[object]] = [[Paragraph(markup(format_rupiah(data.amount)), big)]]
    notes = []
    if data.void:  # nothing received counts: no titipan held, no balance left to pay
        notes.append("<b>%s</b>" % markup(_("BATAL: tidak dihitung sebagai pembayaran")))
    elif data.advance:
        notes.append(markup(_("Termasuk uang titipan {amount}").format(amount=format_rupiah(data.advance))))
    if data.remaining is not None and not data.void:
        if data.remaining > 0:
            notes.append(markup(_("Sisa tagihan: {amount}").format(amount=format_rupiah(data.remaining))))
        else:
            notes.append(markup(_("Sisa tagihan: Rp0 (LUNAS)")))
    notes.append(markup(_("Cara bayar: {method}").format(
        method=_("Tunai") if data.method == "cash" else _("Transfer bank"))))
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, LINE),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    body = [[table]] + [[Paragraph(n, small)] for n in notes]
    outer = Table(body, colWidths=[width], hAlign="LEFT")
    outer.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 1), (0, 1), 4),
    ]))
    return outer


class StampSpace(Flowable):
    """A light dashed circle marking where the KWS stamp (cap) goes."""

    def __init__(self, diameter: float = 24 * mm):
        super().__init__()
        self.width = self.height = diameter

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.setDash(1.5, 2)
        r = self.width / 2
        c.circle(r, r, r - 0.5)
        c.setFillColor(GREY)
        c.setFont(FONT, 7)
        c.drawCentredString(r, r - 2.5, _("Cap KWS"))
        c.restoreState()


def _bottom(data: KuitansiData, place: str, width: float, compact: bool) -> Flowable:
    """Figures on the left; stamp space and the receiver's signature (with the meterai box when
    the amount needs it) on the right."""
    st = styles()
    centre = ParagraphStyle("kwt-centre", parent=st.body, alignment=TA_CENTER)
    left_w = width * (0.40 if compact else 0.42)
    stamp_w = width * 0.20
    sign_w = width - left_w - stamp_w
    place_date = f"{place}, {format_date(data.date)}" if place else format_date(data.date)
    role = data.receiver_role or _("Bendahara")
    meterai = needs_meterai(data.amount)
    space: Flowable | str = MeteraiBox() if meterai else ""
    space_h = (26 + 3) * mm if meterai else (18 if compact else 22) * mm
    if data.receiver_name.strip():
        name = Paragraph(f"<b><u>{markup(data.receiver_name)}</u></b>", centre)
    else:
        name = Paragraph("(" + "." * 36 + ")", centre)
    sign = Table([[paragraph(place_date, centre)], [paragraph(_("Yang menerima,") + "\n" + role, centre)],
                  [space], [name]], colWidths=[sign_w], rowHeights=[None, None, space_h, None])
    sign.setStyle(TableStyle([
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    outer = Table([[_figure_box(data, left_w - 6 * mm, compact), StampSpace(), sign]],
                  colWidths=[left_w, stamp_w, sign_w], hAlign="LEFT")
    outer.setStyle(TableStyle([
        ("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), "BOTTOM"),
        ("VALIGN", (2, 0), (2, 0), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (1, 0), (1, 0), 8 * mm),
    ]))
    return outer


def kuitansi_story(data: KuitansiData, profile: KwsProfile, *, compact: bool = True) -> list[Flowable]:
    st = styles()
    title = ParagraphStyle("kwt-title", parent=st.title, fontSize=17 if compact else 19, leading=21,
                           spaceAfter=1)
    story: list[Flowable] = [paragraph(_("KUITANSI"), title)]
    number_line = _("Nomor: {number}").format(number=data.number)
    marks = []
    if data.void:
        marks.append(_("BATAL"))
    if data.copy:
        marks.append(_("SALINAN"))
    if marks:
        number_line += "   —   " + " · ".join(marks)
    story.append(paragraph(number_line, st.subtitle))
    story.append(Spacer(1, 3 * mm if compact else 6 * mm))

    words = ParagraphStyle("kwt-words", parent=st.body, fontName=FONT_BOLD,
                           fontSize=10.5, leading=14)
    words_cell = Table([[Paragraph(markup(_amount_words(data.amount)), words)]], hAlign="LEFT")
    words_cell.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    rows: list[tuple[str, object]] = [
        (_("Sudah terima dari"), paragraph(data.payer_name, bold=True)),
        (_("Uang sejumlah"), words_cell),
        (_("Untuk pembayaran"), data.purpose),
    ]
    if data.void:
        rows.append((_("Keterangan"), _void_line(data)))
    story.append(_kv(rows))
    story.append(Spacer(1, 4 * mm if compact else 8 * mm))
    story.append(FullWidth(lambda w: _bottom(data, profile.place, w, compact), splittable=False))
    return story


def _void_line(data: KuitansiData) -> str:
    reason = data.void_reason or "-"
    if data.void_date is None:
        return _("Pembayaran ini DIBATALKAN: {reason}").format(reason=reason)
    return _("Pembayaran ini DIBATALKAN pada {date}: {reason}").format(
        date=format_date(data.void_date), reason=reason)


def _kv(rows: Sequence[tuple[str, object]]) -> Flowable:
    """Label : value lines (labels in one column), values as given (text or a flowable)."""
    st = styles()

    def build(total: float) -> Table:
        lw = 38 * mm
        data = []
        for label, value in rows:
            cell = value if isinstance(value, Flowable) else paragraph(value)
            data.append([paragraph(label), ":", cell])
        t = Table(data, colWidths=[lw, 4 * mm, total - lw - 4 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), st.body.fontSize),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (2, 0), (2, 0), 0.4, GREY, None, (1, 2)),
            ("LINEBELOW", (2, 2), (2, -1), 0.4, GREY, None, (1, 2)),
        ]))
        return t

    return FullWidth(build)


def _margins(paper: str, landscape: bool) -> Margins:
    if landscape:
        return Margins(top=9 * mm, right=12 * mm, bottom=8 * mm, left=12 * mm)
    return Margins(top=14 * mm, right=18 * mm, bottom=14 * mm, left=20 * mm)


def write_kuitansi(data: KuitansiData, path: os.PathLike[str] | str, *, profile: KwsProfile,
                   paper: str = "A5") -> Path:
    """Write one kuitansi. ``paper`` is the book setting: "A5" (landscape), "A4" or "F4"."""
    name, landscape = receipt_layout(paper)
    paper_size(name, landscape)  # refuse unknown paper early
    watermark = _("BATAL") if data.void else (_("SALINAN") if data.copy else None)
    story = kuitansi_story(data, profile, compact=landscape)
    return build_pdf(path, story, profile=profile, title=_("Kuitansi {number}").format(number=data.number),
                     paper=name, landscape=landscape, single_page_footer=False, watermark=watermark,
                     margins=_margins(name, landscape))


def _write_chunk(args) -> list[Path]:
    items, folder, profile, paper = args
    return [write_kuitansi(d, folder / safe_file_name(f"{d.number}.pdf"), profile=profile, paper=paper) for d in items]


PARALLEL_FROM = 24  # below this many, starting worker processes costs more than it saves


def write_many(items: Iterable[KuitansiData], folder: os.PathLike[str] | str, *,
               profile: KwsProfile, paper: str = "A5", workers: int | None = None) -> list[Path]:
    """One PDF per kuitansi in ``folder``, named after its number (KWT-2026-0001.pdf).

    Large batches are shared over worker processes (one per processor, at most 8); a failure
    in any of them is raised here."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    items = list(items)
    workers = workers if workers is not None else min(8, os.cpu_count() or 1)
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return _write_chunk((items, folder, profile, paper))
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor
    # fork is quick, but not from a process running Qt threads: spawn there (and on Windows)
    method = "fork" if sys.platform.startswith("linux") and "PySide6.QtCore" not in sys.modules \
        else "spawn"
    size = -(-len(items) // workers)
    chunks = [(items[i:i + size], folder, profile, paper) for i in range(0, len(items), size)]
    out: list[Path] = []
    with ProcessPoolExecutor(max_workers=len(chunks),
                             mp_context=multiprocessing.get_context(method)) as pool:
        for paths in pool.map(_write_chunk, chunks):
            out.extend(paths)
    return out


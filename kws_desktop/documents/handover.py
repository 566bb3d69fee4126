"""Berita Acara Serah Terima (BAST): the KWS hands the finished work over to the household.

Plain data in (:class:`HandoverData`), a PDF out. Signed by the household (receiving), the KWS
(handing over) and, when a program paid for the unit, its field facilitator (TFL) as witness.
Optionally shows the 100 % photo of the finished work.
"""
from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date as babel_date
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.blocks import key_value_table, signature_blocks, title_block, with_signatures
from kws_desktop.documents.pdf import build_pdf, content_width
from kws_desktop.documents.styles import paragraph, styles
from kws_desktop.documents.table import Column, Row, data_table
from kws_desktop.i18n import _, format_date, locale_name

__all__ = ["HandoverData", "WorkLine", "handover_story", "write_handover_pdf"]

PHOTO_MAX_HEIGHT = 55 * mm
LABEL_WIDTH = 34 * mm
# narrower than this (A5) the photo goes under the details: beside them it squeezed the
# location and the funding into a column of one or two words a line
PHOTO_BESIDE_FROM = 150 * mm


@dataclass(frozen=True)
class WorkLine:
    description: str
    qty: Decimal
    unit: str


@dataclass(frozen=True)
class HandoverData:
    number: str                  # BAST-2026-0001
    date: dt.date                # the day of handover
    order_number: str
    customer_name: str
    address: str
    desa: str
    kecamatan: str
    kabupaten: str
    work: Sequence[WorkLine]
    started: dt.date | None = None
    finished: dt.date | None = None
    funding: Sequence[str] = ()  # "Swadaya (Bapak Ahmad)", "BAZNAS Kab. Tangerang"
    program_funded: bool = False
    facilitator_name: str = ""
    receiver_name: str = ""      # who signs for the household (default: the customer)
    photo: bytes | None = None   # the 100 % photo
    photo_caption: str = ""
    void: bool = False
    notes: Sequence[str] = field(default_factory=tuple)


def _day_name(day: dt.date) -> str:
    return babel_date(day, format="EEEE", locale=locale_name())


def _location(data: HandoverData) -> str:
    parts = [data.address]
    if data.desa:
        parts.append(_("Desa {desa}").format(desa=data.desa))
    if data.kecamatan:
        parts.append(_("Kec. {kecamatan}").format(kecamatan=data.kecamatan))
    if data.kabupaten:
        parts.append(data.kabupaten)
    return ", ".join(p for p in parts if p)


def _photo(data: bytes, width: float) -> Flowable | None:
    try:
        w, h = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - a broken picture must never stop the letter
        return None
    if w <= 0 or h <= 0:
        return None
    scale = min(width / w, PHOTO_MAX_HEIGHT / h)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "CENTER"
    return img


def handover_story(data: HandoverData, profile: KwsProfile, *, width: float) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [*title_block(_("BERITA ACARA SERAH TERIMA PEKERJAAN"), data.number)]
    story.append(paragraph(_("Pada hari ini {day}, tanggal {date}, kami yang bertanda tangan di bawah ini:")
                           .format(day=_day_name(data.date), date=format_date(data.date))))
    story.append(Spacer(1, 2 * mm))
    leader = profile.leader_name or "...................."
    receiver = data.receiver_name or data.customer_name
    # both parties with the same three labels: Nama, Jabatan, Alamat
    first = (_("Ketua {kws}").format(kws=profile.name) if profile.name else _("Ketua KWS"))
    second = (_("Pemilik rumah, penerima manfaat program") if data.program_funded
              else _("Pemilik rumah / kepala keluarga"))
    for name, role, address, called in (
            (leader, first, profile.address_line, _("selanjutnya disebut PIHAK PERTAMA (yang menyerahkan);")),
            (receiver, second, _location(data), _("selanjutnya disebut PIHAK KEDUA (yang menerima)."))):
        story.append(key_value_table([(_("Nama"), name), (_("Jabatan"), role), (_("Alamat"), address)],
                                     label_width=LABEL_WIDTH))
        story.append(paragraph(called))
        story.append(Spacer(1, 2.5 * mm))
    story.append(paragraph(_("PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA hasil pekerjaan berikut, dan "
                             "PIHAK KEDUA menerimanya dalam keadaan selesai, baik dan dapat dipakai:")))
    story.append(Spacer(1, 2 * mm))
    columns = [Column("no", _("No")), Column("uraian", _("Uraian pekerjaan")),
               Column("vol", _("Banyaknya"), "qty"), Column("sat", _("Satuan"))]
    rows = [Row({"no": str(i), "uraian": w.description, "vol": w.qty, "sat": w.unit})
            for i, w in enumerate(data.work, start=1)]
    story.append(data_table(columns, rows))
    story.append(Spacer(1, 3 * mm))
    details: list[tuple[str, object]] = [(_("Nomor pesanan"), data.order_number),
                                         (_("Lokasi pekerjaan"), _location(data))]
    if data.started and data.finished:
        details.append((_("Waktu pengerjaan"), _("{start} s.d. {end}").format(
            start=format_date(data.started), end=format_date(data.finished))))
    elif data.finished:
        details.append((_("Selesai dikerjakan"), format_date(data.finished)))
    if data.funding:
        details.append((_("Sumber dana"), "; ".join(data.funding)))
    closing = paragraph(_("Sejak berita acara ini ditandatangani, pemakaian dan perawatan hasil "
                          "pekerjaan menjadi tanggung jawab PIHAK KEDUA. Berita acara ini dibuat "
                          "rangkap dua dan masing-masing pihak memegang satu."))
    beside = width >= PHOTO_BESIDE_FROM
    img = _photo(data.photo, width * (0.38 if beside else 0.6)) if data.photo else None
    centred = ParagraphStyle("kws-photo-caption", parent=st.small, alignment=TA_CENTER)
    caption = data.photo_caption or _("Foto pekerjaan selesai (100%)")
    last: list[Flowable]
    if img is None or not beside:
        story.append(key_value_table(details, label_width=LABEL_WIDTH))
        story.append(Spacer(1, 3 * mm))
        if img is not None:
            story += [img, Spacer(1, 1 * mm), paragraph(caption, centred), Spacer(1, 3 * mm)]
        last = [closing]
    else:
        # the photo beside the details keeps the letter on one page
        left = width * 0.60
        side = Table([[[key_value_table(details, label_width=LABEL_WIDTH, width=left - 4 * mm),
                        Spacer(1, 3 * mm), closing],
                       [img, Spacer(1, 1 * mm), paragraph(caption, centred)]]],
                     colWidths=[left, width - left])
        side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
                                  ("RIGHTPADDING", (1, 0), (1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        last = [side]
    last += [paragraph(note, "small") for note in data.notes]
    signers = [(_("PIHAK KEDUA\nYang menerima,"), receiver)]
    if data.program_funded:
        signers.append((_("Mengetahui,\nFasilitator Lapangan (TFL)"), data.facilitator_name))
    signers.append((_("PIHAK PERTAMA\nYang menyerahkan,"), profile.leader_name))
    place = profile.place
    place_date = f"{place}, {format_date(data.date)}" if place else format_date(data.date)
    story.append(with_signatures(last, signature_blocks(signers, place_date=place_date)))
    return story


def write_handover_pdf(data: HandoverData, path: os.PathLike[str] | str, *, profile: KwsProfile,
                       paper: str = "A4") -> Path:
    """Write the BAST as a PDF (BATAL across the page when it was voided)."""
    width = content_width(paper)
    return build_pdf(path, handover_story(data, profile, width=width), profile=profile,
                     title=_("Berita Acara Serah Terima {number}").format(number=data.number),
                     paper=paper, watermark=_("BATAL") if data.void else None)

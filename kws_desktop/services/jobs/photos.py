"""Progress photos of a job (0 %, 50 %, 100 %), kept inside the book as attachments.

Photos are reduced on import (longest side 1600 px, JPEG quality 80) with a 240 px thumbnail,
so a book with many photos stays small and backups carry them.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line
from kws_desktop.core.job_costing import PHOTO_STAGES
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _
from kws_desktop.os_errors import os_reason
from kws_desktop.services.book import audit
from kws_desktop.services.jobs.orders import order_open_on
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Attachment
from kws_desktop.store.models.jobs import OrderPhoto

MAX_SIDE = 1600
THUMB_SIDE = 240
JPEG_QUALITY = 80
THUMB_QUALITY = 75
MAX_SOURCE_BYTES = 40 * 1024 * 1024
Image.MAX_IMAGE_PIXELS = 80_000_000  # refuse absurd images instead of exhausting memory


@dataclass(frozen=True)
class ReducedImage:
    data: bytes
    thumbnail: bytes
    width: int
    height: int


@dataclass(frozen=True)
class PhotoRow:
    id: int
    order_id: int
    attachment_id: int
    stage_pct: int
    date: dt.date
    caption: str
    width: int
    height: int
    thumbnail: bytes


def _jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def reduce_image(data: bytes) -> ReducedImage:
    """Turn a camera photo into a small JPEG (turned upright from its EXIF orientation) and a
    thumbnail. Raises UserError for anything that is not a picture."""
    if len(data) > MAX_SOURCE_BYTES:
        raise UserError(_("Berkas foto terlalu besar (lebih dari 40 MB)."), field="photo")
    try:
        with Image.open(io.BytesIO(data)) as src:
            src.load()
            img = ImageOps.exif_transpose(src)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UserError(_("Berkas ini bukan foto yang bisa dibaca (pakai JPG atau PNG)."),
                        field="photo") from exc
    if img.mode not in ("RGB", "L"):
        if img.mode in ("RGBA", "LA", "P"):
            img = img.convert("RGBA")
            background = Image.new("RGB", img.size, "white")
            background.paste(img, mask=img.getchannel("A"))
            img = background
        else:
            img = img.convert("RGB")
    full = img.copy()
    full.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = img.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return ReducedImage(_jpeg(full, JPEG_QUALITY), _jpeg(thumb, THUMB_QUALITY), full.width, full.height)


def _row(photo: OrderPhoto, att: Attachment) -> PhotoRow:
    return PhotoRow(photo.id, photo.order_id, att.id, photo.stage_pct, photo.date, photo.caption,
                    att.width, att.height, att.thumbnail or b"")


def add_photo_in(session: Session, order_id: int, data: bytes, stage_pct: int, date: dt.date, *,
                 caption: str = "", filename: str = "foto.jpg", actor: str,
                 reduced: ReducedImage | None = None) -> OrderPhoto:
    """Session-level add_photo (pass `reduced` to reuse an image already reduced)."""
    problems: list = []
    if stage_pct not in PHOTO_STAGES:
        problems.append(("stage_pct", _("Pilih tahap foto: 0%, 50% atau 100%.")))
    if not isinstance(date, dt.date):
        problems.append(("date", _("Isi tanggal foto.")))
    collect(problems)
    order = order_open_on(session, order_id, date, _(
        "Tanggal foto ({date}) tidak boleh sebelum tanggal pesanan ({order_date})."))
    image = reduced or reduce_image(data)
    stem = Path(filename or "foto").stem[:150] or "foto"
    att = Attachment(filename=f"{stem}.jpg", mime="image/jpeg", data=image.data,
                     thumbnail=image.thumbnail, width=image.width, height=image.height)
    session.add(att)
    session.flush()
    photo = OrderPhoto(order_id=order.id, attachment_id=att.id, stage_pct=stage_pct, date=date,
                       caption=one_line(caption), created_by=actor)
    session.add(photo)
    session.flush()
    audit.record(session, actor, "photo", "order", order.id, number=order.number, stage_pct=stage_pct,
                 bytes=len(image.data))
    return photo


def add_photo(book: Book, order_id: int, source: str | Path | bytes, stage_pct: int, date: dt.date,
              caption: str = "") -> PhotoRow:
    """Add a progress photo from a file (or its bytes): reduced, thumbnailed, kept in the book."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserError(_("Foto tidak bisa dibaca: {reason}").format(reason=os_reason(exc)),
                            field="photo") from exc
        filename = path.name
    else:
        data, filename = bytes(source), "foto.jpg"
    reduced = reduce_image(data)  # outside the transaction: the slow part
    with book.transaction() as s:
        photo = add_photo_in(s, order_id, data, stage_pct, date, caption=caption, filename=filename,
                             actor=book.actor, reduced=reduced)
        return _row(photo, s.get(Attachment, photo.attachment_id))


def order_photos(book: Book, order_id: int) -> list[PhotoRow]:
    """The photos of an order with their thumbnails, by stage then date."""
    with book.reading() as s:
        return read_photos(s, order_id)


def read_photos(session: Session, order_id: int) -> list[PhotoRow]:
    rows = session.execute(
        select(OrderPhoto, Attachment.id, Attachment.width, Attachment.height, Attachment.thumbnail)
        .join(Attachment, Attachment.id == OrderPhoto.attachment_id)
        .where(OrderPhoto.order_id == order_id)
        .order_by(OrderPhoto.stage_pct, OrderPhoto.date, OrderPhoto.id)).all()
    return [PhotoRow(p.id, p.order_id, aid, p.stage_pct, p.date, p.caption, w, h, thumb or b"")
            for p, aid, w, h, thumb in rows]


def photo_image(book: Book, photo_id: int) -> bytes:
    """The full (reduced) JPEG of a photo."""
    with book.reading() as s:
        data = s.execute(select(Attachment.data).join(OrderPhoto, OrderPhoto.attachment_id == Attachment.id)
                         .where(OrderPhoto.id == photo_id)).scalar()
        if data is None:
            raise UserError(_("Foto tidak ditemukan."))
        return data


def final_photo(session: Session, order_id: int) -> bytes | None:
    """Session-level: the latest 100 % photo of an order (for the handover letter), or None."""
    return session.execute(
        select(Attachment.data).join(OrderPhoto, OrderPhoto.attachment_id == Attachment.id)
        .where(OrderPhoto.order_id == order_id, OrderPhoto.stage_pct == 100)
        .order_by(OrderPhoto.date.desc(), OrderPhoto.id.desc()).limit(1)).scalar()


def remove_photo(book: Book, photo_id: int, reason: str = "") -> None:
    """Take a photo out of the order (a wrong picture); the removal is audited."""
    with book.transaction() as s:
        photo = s.get(OrderPhoto, photo_id)
        if photo is None:
            raise UserError(_("Foto tidak ditemukan."))
        att = s.get(Attachment, photo.attachment_id)
        audit.record(s, book.actor, "photo_remove", "order", photo.order_id, photo_id=photo.id,
                     stage_pct=photo.stage_pct, date=photo.date, reason=one_line(reason))
        s.delete(photo)
        s.flush()
        if att is not None:
            s.delete(att)

"""Numbers that follow dates: one rule for every numbered document kind.

Numbers run per kind and year (services/book/numbering.py). A document dated before the latest
one of its kind in that year gets a higher number with an earlier date, which an auditor reads as
backdating. So such a document is refused (`BackdateError`, field ``backdate_note``, the form asks
why) unless the user gives a reason; the reason is kept with the document (its note) and in the
audit log. A document dated on or after the latest one needs nothing.

Journal entries are not asked about: they follow the document that posts them (its reason is
there), and a correction (a reversal) is dated the day it is made.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.core.numbering import PREFIXES
from kws_desktop.core.text import one_line
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, NP_, _, format_date
from kws_desktop.services.book.check import NUMBERED_TABLES
from kws_desktop.store.base import Base
from kws_desktop.store.book import Book

FIELD = "backdate_note"

# kind -> what the treasurer calls one document of it, at the start of a sentence (kind_name
# gives it in the middle of one)
KIND_NAMES: dict[str, str] = {
    "quote": N_("Surat penawaran"),
    "order": N_("Pesanan"),
    "handover": N_("Berita acara serah terima"),
    "invoice": N_("Tagihan"),
    "receipt": N_("Kuitansi"),
    "purchase": N_("Nota pembelian"),
    "supplier_payment": N_("Pembayaran ke toko"),
    "stock_count": N_("Stok opname"),
    "wage_payout": NP_("satu dokumen", "Pembayaran upah"),
    "profit_share_payout": N_("Pembayaran bagi hasil"),
    "advance": N_("Kasbon"),
    "profit_sharing": N_("Pembagian SHU"),
    "expense": N_("Bukti kas keluar"),
    "income": N_("Bukti kas masuk"),
    "transfer": N_("Bukti pindah kas"),
}


def kind_name(kind: str, *, mid_sentence: bool = False) -> str:
    """What one document of ``kind`` is called, translated: "Tagihan" at the start of a
    sentence, "tagihan" in its middle (a first word in capitals, "BAST", is kept)."""
    name = _(KIND_NAMES[kind])
    first = name.split(" ", 1)[0]
    if not mid_sentence or (len(first) > 1 and first.isupper()):
        return name
    return name[:1].lower() + name[1:]


@dataclass(frozen=True)
class Latest:
    """The latest dated document of a kind in a year."""
    number: str
    date: dt.date


class BackdateError(UserError):
    """A document dated before the latest one of its kind this year, without a reason yet."""

    def __init__(self, message: str, *, kind: str, day: dt.date, latest: Latest):
        super().__init__(message, field=FIELD)
        self.kind, self.day, self.latest = kind, day, latest


def latest_of(session: Session, kind: str, year: int) -> Latest | None:
    """Session-level: the latest dated document of `kind` numbered in `year` (voided ones too:
    their numbers stay)."""
    table = Base.metadata.tables[NUMBERED_TABLES[kind]]
    row = session.execute(
        select(table.c.number, table.c.date)
        .where(table.c.date >= dt.date(year, 1, 1), table.c.date <= dt.date(year, 12, 31),
               table.c.number.like(f"{PREFIXES[kind]}-{year}-%"))
        .order_by(table.c.date.desc(), table.c.id.desc()).limit(1)).first()
    return Latest(row[0], row[1]) if row is not None else None


def backdated_before(book: Book, kind: str, day: dt.date) -> Latest | None:
    """The latest document of `kind` in `day`'s year when `day` is before it (a form may ask for
    a reason beforehand), else None."""
    with book.reading() as s:
        latest = latest_of(s, kind, day.year)
    return latest if latest is not None and day < latest.date else None


def ensure_date_order(session: Session, kind: str, day: dt.date, reason: str = "") -> str:
    """Session-level: '' when a new `kind` document dated `day` keeps its number in date order;
    when it is dated before the latest of its year, the sentence to keep with it (in its note
    and in the audit log) if `reason` says why, else a BackdateError."""
    if not isinstance(day, dt.date):
        return ""
    latest = latest_of(session, kind, day.year)
    if latest is None or day >= latest.date:
        return ""
    why = one_line(reason or "")
    if not why:
        raise BackdateError(_("{what} terakhir tahun ini bertanggal {latest}. Tanggal {kind} ini lebih "
                              "awal ({date}), jadi nomornya tidak urut dengan tanggalnya. Bila "
                              "tanggalnya memang benar, tulis alasannya.").format(
            what=kind_name(kind), kind=kind_name(kind, mid_sentence=True),
            latest=format_date(latest.date), date=format_date(day)),
            kind=kind, day=day, latest=latest)
    return _("Dicatat mundur (sesudah {number} bertanggal {latest}): {reason}").format(
        number=latest.number, latest=format_date(latest.date), reason=why)


def ensure_redated_in_order(session: Session, kind: str, doc_id: int, number: str, day: dt.date,
                            reason: str = "") -> str:
    """Session-level ensure_date_order for a draft whose date is changed (a quote): the new date
    must not be before a document of its kind and year numbered before it, nor after one
    numbered after it, unless `reason` says why (the sentence to keep is returned)."""
    if not isinstance(day, dt.date):
        return ""
    table = Base.metadata.tables[NUMBERED_TABLES[kind]]
    same_year = (table.c.number.like(f"{PREFIXES[kind]}-{day.year}-%"), table.c.id != doc_id)
    earlier = session.execute(select(table.c.number, table.c.date).where(
        *same_year, table.c.id < doc_id, table.c.date > day)
        .order_by(table.c.date.desc(), table.c.id.desc()).limit(1)).first()
    later = session.execute(select(table.c.number, table.c.date).where(
        *same_year, table.c.id > doc_id, table.c.date < day)
        .order_by(table.c.date, table.c.id).limit(1)).first()
    if earlier is None and later is None:
        return ""
    why = one_line(reason or "")
    name = kind_name(kind)
    if earlier is not None:
        other = Latest(earlier[0], earlier[1])
        message = _("{what} {other} bertanggal {other_date}, sesudah tanggal baru {number} ({date}), padahal "
                    "nomornya lebih kecil. Bila tanggalnya memang benar, tulis alasannya.")
    else:
        other = Latest(later[0], later[1])
        message = _("{what} {other} bertanggal {other_date}, sebelum tanggal baru {number} ({date}), padahal "
                    "nomornya lebih besar. Bila tanggalnya memang benar, tulis alasannya.")
    if not why:
        raise BackdateError(message.format(what=name, other=other.number, other_date=format_date(other.date),
                                           number=number, date=format_date(day)),
                            kind=kind, day=day, latest=other)
    return _("Tanggal diubah, nomor tidak urut ({number} bertanggal {latest}): {reason}").format(
        number=other.number, latest=format_date(other.date), reason=why)


def noted(note: str, marker: str, limit: int | None = 300) -> str:
    """`note` with the backdating sentence after it, the note cut short if the column holds only
    `limit` characters (None: a text column without a limit)."""
    note = (note or "").strip()
    if not marker:
        return note
    if limit is not None:
        marker = marker[:limit]
        note = note[:max(0, limit - len(marker) - 1)].rstrip()
    return f"{note} {marker}" if note else marker


def audit_detail(marker: str) -> dict[str, str]:
    """What the audit line of a new document adds when it was backdated (nothing otherwise)."""
    return {"backdated": marker} if marker else {}

"""Customers: households and institutional payers; search, duplicates, desa and kecamatan lists."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, pgettext
from kws_desktop.paths import resource, user_config_dir
from kws_desktop.services.book import audit, books
from kws_desktop.store.book import Book
from kws_desktop.store.models.sales import Customer

KINDS = ("household", "institution")
KIND_LABELS = {"household": N_("Rumah tangga"), "institution": N_("Lembaga / pembayar")}
GENDERS = {"L": N_("Laki-laki"), "P": N_("Perempuan")}
KECAMATAN_FILE = "kecamatan.txt"  # in the user's config folder: overrides the shipped list
DEFAULT_KECAMATAN = ("kecamatan-tangerang.txt",)
MAX_PAGE = 500


@dataclass(frozen=True)
class CustomerInput:
    name: str
    kind: str = "household"
    gender: str = ""
    nik: str = ""
    phone: str = ""
    address: str = ""
    rt: str = ""
    rw: str = ""
    desa: str = ""
    kecamatan: str = ""
    kabupaten: str = ""
    is_mbr: bool = False
    household_size: int | None = None
    payer_type: str = PayerType.SWADAYA
    contact_person: str = ""
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class CustomerRow:
    id: int
    kind: str
    name: str
    gender: str
    nik: str
    phone: str
    address: str
    rt: str
    rw: str
    desa: str
    kecamatan: str
    kabupaten: str
    is_mbr: bool
    household_size: int | None
    payer_type: str
    contact_person: str
    notes: str
    active: bool

    @property
    def is_household(self) -> bool:
        return self.kind == "household"

    @property
    def rt_rw(self) -> str:
        if self.rt or self.rw:
            return f"RT {self.rt or '-'}/RW {self.rw or '-'}"
        return ""

    @property
    def address_lines(self) -> list[str]:
        """The address as printed on letters: street and RT/RW, desa and kecamatan, kabupaten."""
        first = ", ".join(p for p in (self.address, self.rt_rw) if p)
        second = ", ".join(p for p in (self.desa and _("Desa {desa}").format(desa=self.desa),
                                       self.kecamatan and _("Kec. {kecamatan}").format(kecamatan=self.kecamatan))
                           if p)
        return [line for line in (first, second, self.kabupaten) if line]

    @property
    def salutation(self) -> str:
        """"Bapak" / "Ibu" for household heads; nothing for institutions or unknown gender."""
        if self.kind != "household":
            return ""
        return {"L": _("Bapak"), "P": _("Ibu")}.get(self.gender, pgettext("sebutan di depan nama", "Bapak/Ibu"))

    @property
    def payer_label(self) -> str:
        try:
            return PAYER_LABELS[PayerType(self.payer_type)]
        except ValueError:
            return self.payer_type


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits


def _clean(text: str) -> str:
    return one_line(text)


def _row(c: Customer) -> CustomerRow:
    return CustomerRow(c.id, c.kind, c.name, c.gender, c.nik, c.phone, c.address, c.rt, c.rw, c.desa,
                       c.kecamatan, c.kabupaten, c.is_mbr, c.household_size, c.payer_type,
                       c.contact_person, c.notes, c.active)


def _validate(data: CustomerInput) -> dict:
    problems: list[tuple[str | None, str]] = []
    name = _clean(data.name)
    if not name:
        problems.append(("name", _("Nama wajib diisi.")))
    elif len(name) > 150:
        problems.append(("name", _("Nama terlalu panjang (paling banyak 150 huruf).")))
    if data.kind not in KINDS:
        problems.append(("kind", _("Jenis pelanggan tidak dikenal.")))
    gender = (data.gender or "").strip().upper()
    if gender not in ("", "L", "P"):
        problems.append(("gender", _("Jenis kelamin: pilih laki-laki atau perempuan.")))
    nik = re.sub(r"\s", "", data.nik or "")
    if nik and not re.fullmatch(r"\d{16}", nik):
        problems.append(("nik", _("NIK harus 16 angka (boleh dikosongkan).")))
    phone = _clean(data.phone)
    if phone and not 8 <= len(_digits(phone)) <= 15:
        problems.append(("phone", _("Nomor telepon/WA tidak lengkap: tulis 8 sampai 15 angka.")))
    rt, rw = (data.rt or "").strip(), (data.rw or "").strip()
    for field, value in (("rt", rt), ("rw", rw)):
        if value and not re.fullmatch(r"\d{1,3}", value):
            problems.append((field, _("RT dan RW ditulis dengan angka, misalnya 003.")))
    size = data.household_size
    if size is not None and (type(size) is not int or not 1 <= size <= 50):
        problems.append(("household_size", _("Jumlah anggota keluarga harus antara 1 dan 50.")))
    try:
        payer = PayerType(data.payer_type or PayerType.SWADAYA)
    except ValueError:
        payer = None
        problems.append(("payer_type", _("Jenis pembayar tidak dikenal.")))
    for field, value, limit in (("address", data.address, 300), ("desa", data.desa, 100),
                                ("kecamatan", data.kecamatan, 100), ("kabupaten", data.kabupaten, 100),
                                ("contact_person", data.contact_person, 120)):
        if len(_clean(value)) > limit:
            problems.append((field, _("Isian terlalu panjang (paling banyak {n} huruf).").format(n=limit)))
    collect(problems)
    household = data.kind == "household"
    return dict(
        kind=data.kind, name=name, gender=gender if household else "", nik=nik if household else "",
        phone=phone, phone_digits=_digits(phone), address=_clean(data.address),
        rt=rt.zfill(3) if rt else "", rw=rw.zfill(3) if rw else "", desa=_clean(data.desa),
        kecamatan=_clean(data.kecamatan), kabupaten=_clean(data.kabupaten),
        is_mbr=bool(data.is_mbr) if household else False,
        household_size=size if household else None,
        payer_type=str(payer) if not household else str(PayerType.SWADAYA),
        contact_person=_clean(data.contact_person), notes=(data.notes or "").strip(),
        active=bool(data.active))


def add_customer(session: Session, data: CustomerInput, *, actor: str) -> Customer:
    """Session-level: add a validated customer (does not commit)."""
    values = _validate(data)
    customer = Customer(created_by=actor, **values)
    session.add(customer)
    session.flush()
    audit.record(session, actor, "create", "customer", customer.id, name=customer.name)
    return customer


def create_customer(book: Book, data: CustomerInput) -> CustomerRow:
    with book.transaction() as s:
        return _row(add_customer(s, data, actor=book.actor))


def update_customer(book: Book, customer_id: int, data: CustomerInput) -> CustomerRow:
    values = _validate(data)
    with book.transaction() as s:
        customer = _get(s, customer_id)
        changed = [k for k, v in values.items() if getattr(customer, k) != v]
        for key, value in values.items():
            setattr(customer, key, value)
        audit.record(s, book.actor, "update", "customer", customer.id, changed=changed)
        return _row(customer)


def set_active(book: Book, customer_id: int, active: bool) -> CustomerRow:
    with book.transaction() as s:
        customer = _get(s, customer_id)
        customer.active = active
        audit.record(s, book.actor, "activate" if active else "deactivate", "customer", customer.id)
        return _row(customer)


def _get(s: Session, customer_id: int) -> Customer:
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise UserError(_("Pelanggan tidak ditemukan."), field="customer")
    return customer


def get_customer(book: Book, customer_id: int) -> CustomerRow:
    with book.reading() as s:
        return _row(_get(s, customer_id))


def read_customer(session: Session, customer_id: int) -> CustomerRow:
    """Session-level read of one customer."""
    return _row(_get(session, customer_id))


# --- search -----------------------------------------------------------------------------

def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def _search_query(search: str = "", kind: str | None = None, kecamatan: str | None = None,
                  active_only: bool = False):
    q = select(Customer)
    for word in search.split():
        like = _like(word)
        conds = [func.lower(Customer.name).like(like, escape="\\"),
                 func.lower(Customer.desa).like(like, escape="\\"),
                 func.lower(Customer.kecamatan).like(like, escape="\\"),
                 func.lower(Customer.phone).like(like, escape="\\")]
        digits = _digits(word)
        if len(digits) >= 3:
            conds.append(Customer.phone_digits.like(_like(digits), escape="\\"))
        q = q.where(or_(*conds))
    if kind:
        q = q.where(Customer.kind == kind)
    if kecamatan:
        q = q.where(Customer.kecamatan == kecamatan)
    if active_only:
        q = q.where(Customer.active.is_(True))
    return q


def search_customers(book: Book, search: str = "", *, kind: str | None = None,
                     kecamatan: str | None = None, active_only: bool = False,
                     offset: int = 0, limit: int = 100) -> list[CustomerRow]:
    """One page of customers whose name, desa, kecamatan or phone contains every word of `search`."""
    with book.reading() as s:
        return read_customers(s, search, kind=kind, kecamatan=kecamatan, active_only=active_only,
                              offset=offset, limit=limit)


def read_customers(session: Session, search: str = "", *, kind: str | None = None,
                   kecamatan: str | None = None, active_only: bool = False,
                   offset: int = 0, limit: int = 100) -> list[CustomerRow]:
    q = _search_query(search, kind, kecamatan, active_only).order_by(
        func.lower(Customer.name), Customer.id).offset(max(0, offset)).limit(min(max(1, limit), MAX_PAGE))
    return [_row(c) for c in session.execute(q).scalars()]


def count_customers(book: Book, search: str = "", *, kind: str | None = None,
                    kecamatan: str | None = None, active_only: bool = False) -> int:
    with book.reading() as s:
        sub = _search_query(search, kind, kecamatan, active_only).subquery()
        return s.execute(select(func.count()).select_from(sub)).scalar_one()


def all_customers(book: Book) -> list[CustomerRow]:
    """Every customer (for exports and the command line), ordered by name."""
    with book.reading() as s:
        q = select(Customer).order_by(func.lower(Customer.name), Customer.id)
        return [_row(c) for c in s.execute(q).scalars()]


def institutions(book: Book, payer_type: str | None = None) -> list[CustomerRow]:
    with book.reading() as s:
        q = select(Customer).where(Customer.kind == "institution", Customer.active.is_(True))
        if payer_type:
            q = q.where(Customer.payer_type == payer_type)
        return [_row(c) for c in s.execute(q.order_by(Customer.name)).scalars()]


def likely_duplicates(book: Book, name: str, desa: str = "", phone: str = "", *,
                      exclude_id: int | None = None) -> list[CustomerRow]:
    """Customers that are probably the same: same name in the same desa, or the same phone."""
    name, desa, digits = _clean(name).lower(), _clean(desa).lower(), _digits(phone)
    conds = []
    if name and desa:
        conds.append((func.lower(Customer.name) == name) & (func.lower(Customer.desa) == desa))
    if len(digits) >= 8:
        conds.append(Customer.phone_digits == digits)
    if not conds:
        return []
    with book.reading() as s:
        q = select(Customer).where(or_(*conds))
        if exclude_id is not None:
            q = q.where(Customer.id != exclude_id)
        return [_row(c) for c in s.execute(q.order_by(Customer.id).limit(10)).scalars()]


def duplicate_warning(rows: list[CustomerRow]) -> str:
    """A sentence for the form when `likely_duplicates` found someone."""
    if not rows:
        return ""
    first = rows[0]
    if first.desa and first.phone:
        text = _("Mungkin sudah tercatat: {name} ({desa}), {phone}. Periksa dulu sebelum menyimpan.")
    elif first.desa:
        text = _("Mungkin sudah tercatat: {name} ({desa}). Periksa dulu sebelum menyimpan.")
    elif first.phone:
        text = _("Mungkin sudah tercatat: {name}, {phone}. Periksa dulu sebelum menyimpan.")
    else:
        text = _("Mungkin sudah tercatat: {name}. Periksa dulu sebelum menyimpan.")
    return text.format(name=first.name, desa=first.desa, phone=first.phone)


def desa_names(book: Book, kecamatan: str = "", prefix: str = "", limit: int = 200) -> list[str]:
    """Desa/kelurahan names already typed for `kecamatan` (all kecamatan when empty), for autocomplete."""
    with book.reading() as s:
        q = select(Customer.desa).where(Customer.desa != "").distinct()
        if kecamatan:
            q = q.where(Customer.kecamatan == kecamatan)
        if prefix:
            q = q.where(func.lower(Customer.desa).like(_like(prefix).lstrip("%"), escape="\\"))
        names = {n for n in s.execute(q.limit(limit * 2)).scalars()}
    return sorted(names, key=str.lower)[:limit]


# --- kecamatan reference list -------------------------------------------------------------

def read_kecamatan_file(path: Path) -> list[str]:
    """Names from a text file: one per line; blank lines and lines starting with # are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(_("Daftar kecamatan tidak bisa dibaca: {path}").format(path=path)) from exc
    names = []
    for line in text.splitlines():
        line = _clean(line)
        if line and not line.startswith("#") and line not in names:
            names.append(line[:100])
    if not names:
        raise UserError(_("Daftar kecamatan kosong: {path}").format(path=path))
    return names


def kecamatan_list(book: Book | None = None) -> list[str]:
    """The kecamatan offered in forms: the book's own list if set, else the user's file
    (kecamatan.txt in the settings folder), else the shipped Kabupaten Tangerang list."""
    if book is not None:
        own = books.get_setting(book, "kecamatan_list")
        if own:
            return list(own)
    user_file = user_config_dir() / KECAMATAN_FILE
    if user_file.is_file():
        try:
            return read_kecamatan_file(user_file)
        except UserError:
            pass
    return read_kecamatan_file(resource(*DEFAULT_KECAMATAN))


def set_kecamatan_list(book: Book, names: list[str] | None) -> None:
    """Give the book its own kecamatan list (None or empty: back to the default)."""
    cleaned = []
    for name in names or []:
        name = _clean(name)
        if name and name not in cleaned:
            cleaned.append(name[:100])
    books.set_setting(book, "kecamatan_list", cleaned or None)


def list_rows(book: Book) -> list[dict]:
    """`list customers`: one JSON-ready dict per customer."""
    return [{"id": c.id, "name": c.name, "kind": c.kind, "gender": c.gender, "phone": c.phone,
             "address": c.address, "rt": c.rt, "rw": c.rw, "desa": c.desa, "kecamatan": c.kecamatan,
             "kabupaten": c.kabupaten, "is_mbr": c.is_mbr, "household_size": c.household_size,
             "payer_type": c.payer_type, "active": c.active} for c in all_customers(book)]

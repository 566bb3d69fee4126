"""The partner register: who the group works with, their agreements (MoU/SPK/PKS), and the work
and money that came through each partner.

A partner may be linked to the customer that pays as an institution (BAZNAS, the district
office, a CSR company: `customer_id`) and/or to a supplier (`supplier_id`). What came through a
partner is derived from the book, never typed twice: units where the partner is a payer
(order_payers), money received from it (posted payments), purchases from it (posted purchases).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.job_costing import Stage
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_date
from kws_desktop.services.book.amounts import BALANCE, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.records import correct, one_line
from kws_desktop.store.book import Book
from kws_desktop.store.models.billing import Payment
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.evaluation import Partner, PartnerAgreement
from kws_desktop.store.models.purchasing import Purchase, Supplier
from kws_desktop.store.models.jobs import Order, OrderPayer

KINDS: dict[str, str] = {
    "dinas": N_("Dinas / pemerintah daerah"),
    "baznas": N_("BAZNAS / lembaga zakat"),
    "bank": N_("Bank / BPR"),
    "koperasi": N_("Koperasi"),
    "pemasok": N_("Pemasok / toko bangunan"),
    "perusahaan": N_("Perusahaan (CSR)"),
    "lsm": N_("LSM / program donor"),
    "desa": N_("Pemerintah desa"),
    "lainnya": N_("Lainnya"),
}
AGREEMENT_KINDS: dict[str, str] = {"mou": N_("MoU / nota kesepahaman"), "spk": N_("SPK / surat perintah kerja"),
                                   "pks": N_("Perjanjian kerja sama")}


def kind_label(code: str) -> str:
    return _(KINDS.get(code, code))


@dataclass(frozen=True)
class PartnerInput:
    name: str
    kind: str
    contact_person: str = ""
    phone: str = ""
    address: str = ""
    customer_id: int | None = None
    supplier_id: int | None = None
    since: dt.date | None = None
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class AgreementInput:
    partner_id: int
    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    kind: str = "mou"
    number: str = ""
    value: int = 0
    units: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AgreementRow:
    id: int
    partner_id: int
    partner_name: str
    kind: str
    number: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    value: int
    units: int | None
    notes: str

    def active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


@dataclass(frozen=True)
class PartnerFlow:
    """What came through a partner in a period (or ever)."""

    units: int             # orders (not cancelled) where the partner is a payer
    units_amount: int      # the partner's share of those orders' prices
    received: int          # posted payments received from the partner
    purchased: int         # posted purchases from the partner (as supplier)


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    kind: str
    contact_person: str
    phone: str
    address: str
    customer_id: int | None
    customer_name: str
    supplier_id: int | None
    supplier_name: str
    since: dt.date | None
    active: bool
    notes: str
    agreements: int
    agreements_value: int

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass(frozen=True)
class PartnerView:
    partner: PartnerRow
    agreements: tuple[AgreementRow, ...]
    flow: PartnerFlow


def _validate(s: Session, data: PartnerInput, exclude: int | None = None) -> dict:
    problems: list = []
    name = one_line(data.name, 200)
    if not name:
        problems.append(("name", _("Isi nama mitra.")))
    else:
        q = select(Partner.id).where(func.lower(Partner.name) == name.lower())
        if exclude is not None:
            q = q.where(Partner.id != exclude)
        if s.execute(q).first():
            problems.append(("name", _("Mitra bernama {name} sudah ada.").format(name=name)))
    if data.kind not in KINDS:
        problems.append(("kind", _("Pilih jenis mitra.")))
    if data.customer_id is not None and s.get(Customer, data.customer_id) is None:
        problems.append(("customer_id", _("Pembayar (pelanggan lembaga) tidak ditemukan.")))
    if data.supplier_id is not None and s.get(Supplier, data.supplier_id) is None:
        problems.append(("supplier_id", _("Pemasok tidak ditemukan.")))
    collect(problems)
    return dict(name=name, kind=data.kind, contact_person=one_line(data.contact_person, 120),
                phone=one_line(data.phone, 60), address=one_line(data.address, 300),
                customer_id=data.customer_id, supplier_id=data.supplier_id, since=data.since,
                active=bool(data.active), notes=(data.notes or "").strip())


def _agreement_values(s: Session, data: AgreementInput) -> dict:
    problems: list = []
    if s.get(Partner, data.partner_id) is None:
        raise UserError(_("Mitra tidak ditemukan."), field="partner_id")
    title = one_line(data.title, 200)
    if not title:
        problems.append(("title", _("Isi judul atau perihal perjanjian.")))
    if data.kind not in AGREEMENT_KINDS:
        problems.append(("kind", _("Pilih jenis perjanjian: MoU, SPK atau PKS.")))
    if not isinstance(data.start_date, dt.date):
        problems.append(("start_date", _("Isi tanggal mulai perjanjian.")))
    elif data.end_date is not None and data.end_date < data.start_date:
        problems.append(("end_date", _("Tanggal berakhir ({end}) tidak boleh sebelum tanggal mulai ({start}).")
                         .format(end=format_date(data.end_date), start=format_date(data.start_date))))
    check_rupiah(data.value, "value", problems, BALANCE, _("Nilai perjanjian"))
    if data.units is not None and (not isinstance(data.units, int) or data.units < 0 or data.units > 100_000):
        problems.append(("units", _("Jumlah unit harus angka 0 atau lebih.")))
    collect(problems)
    return dict(partner_id=data.partner_id, kind=data.kind, number=one_line(data.number, 80), title=title,
                start_date=data.start_date, end_date=data.end_date, value=data.value, units=data.units,
                notes=one_line(data.notes, 300))


# --- reading --------------------------------------------------------------------------------

def _agreement_sub():
    return (select(PartnerAgreement.partner_id.label("pid"), func.count(PartnerAgreement.id).label("n"),
                   func.coalesce(func.sum(PartnerAgreement.value), 0).label("value"))
            .group_by(PartnerAgreement.partner_id).subquery())


def _query():
    sub = _agreement_sub()
    return (select(Partner, Customer.name, Supplier.name, sub.c.n, sub.c.value)
            .join(Customer, Customer.id == Partner.customer_id, isouter=True)
            .join(Supplier, Supplier.id == Partner.supplier_id, isouter=True)
            .join(sub, sub.c.pid == Partner.id, isouter=True))


def _row(p: Partner, customer_name, supplier_name, n, value) -> PartnerRow:
    return PartnerRow(p.id, p.name, p.kind, p.contact_person, p.phone, p.address, p.customer_id,
                      customer_name or "", p.supplier_id, supplier_name or "", p.since, p.active,
                      p.notes, int(n or 0), int(value or 0))


def _agreement_rows(s: Session, partner_id: int | None = None) -> list[AgreementRow]:
    q = (select(PartnerAgreement, Partner.name).join(Partner, Partner.id == PartnerAgreement.partner_id)
         .order_by(PartnerAgreement.start_date.desc(), PartnerAgreement.id.desc()))
    if partner_id is not None:
        q = q.where(PartnerAgreement.partner_id == partner_id)
    return [AgreementRow(a.id, a.partner_id, name, a.kind, a.number, a.title, a.start_date, a.end_date,
                         a.value, a.units, a.notes) for a, name in s.execute(q).all()]


def _within(q, column, start: dt.date | None, end: dt.date | None):
    if start is not None:
        q = q.where(column >= start)
    if end is not None:
        q = q.where(column <= end)
    return q


def partner_flow(session: Session, partner: Partner, start: dt.date | None = None,
                 end: dt.date | None = None) -> PartnerFlow:
    """Session-level: units, money received and purchases through `partner` in [start, end]."""
    units = units_amount = received = purchased = 0
    if partner.customer_id is not None:
        q = (select(func.count(func.distinct(OrderPayer.order_id)), func.coalesce(func.sum(OrderPayer.amount), 0))
             .join(Order, Order.id == OrderPayer.order_id)
             .where(OrderPayer.payer_customer_id == partner.customer_id, Order.status != Stage.BATAL))
        units, units_amount = session.execute(_within(q, Order.date, start, end)).one()
        q = select(func.coalesce(func.sum(Payment.amount), 0)).where(
            Payment.customer_id == partner.customer_id, Payment.status == DocStatus.POSTED,
            Payment.method != "advance")  # an applied titipan was counted when it was received
        received = session.execute(_within(q, Payment.date, start, end)).scalar()
    if partner.supplier_id is not None:
        q = select(func.coalesce(func.sum(Purchase.total), 0)).where(
            Purchase.supplier_id == partner.supplier_id, Purchase.status == DocStatus.POSTED)
        purchased = session.execute(_within(q, Purchase.date, start, end)).scalar()
    return PartnerFlow(int(units or 0), int(units_amount or 0), int(received or 0), int(purchased or 0))


def read_partner(session: Session, partner_id: int) -> PartnerView:
    found = session.execute(_query().where(Partner.id == partner_id)).first()
    if found is None:
        raise UserError(_("Mitra tidak ditemukan."))
    return PartnerView(_row(*found), tuple(_agreement_rows(session, partner_id)),
                       partner_flow(session, found[0]))


def get_partner(book: Book, partner_id: int) -> PartnerView:
    with book.reading() as s:
        return read_partner(s, partner_id)


def _filtered(q, search: str, kind: str | None, active_only: bool):
    if search.strip():
        q = q.where(Partner.name.ilike(f"%{search.strip()}%"))
    if kind:
        q = q.where(Partner.kind == kind)
    if active_only:
        q = q.where(Partner.active.is_(True))
    return q


def list_partners(book: Book, *, search: str = "", kind: str | None = None, active_only: bool = False,
                  offset: int = 0, limit: int = 100) -> list[PartnerRow]:
    with book.reading() as s:
        q = _filtered(_query(), search, kind, active_only)
        q = q.order_by(Partner.name).offset(offset).limit(limit)
        return [_row(*r) for r in s.execute(q).all()]


def count_partners(book: Book, *, search: str = "", kind: str | None = None, active_only: bool = False) -> int:
    with book.reading() as s:
        return int(s.execute(_filtered(select(func.count(Partner.id)), search, kind, active_only)).scalar() or 0)


def list_agreements(book: Book, partner_id: int | None = None) -> list[AgreementRow]:
    with book.reading() as s:
        return _agreement_rows(s, partner_id)


# --- writing --------------------------------------------------------------------------------

def add_partner_in(session: Session, data: PartnerInput, *, actor: str) -> int:
    values = _validate(session, data)
    p = Partner(**values, created_by=actor)
    session.add(p)
    session.flush()
    audit.record(session, actor, "create", "partner", p.id, name=p.name, kind=p.kind)
    return p.id


def save_partner(book: Book, data: PartnerInput, partner_id: int | None = None) -> PartnerView:
    """Add a partner, or correct partner `partner_id` (audited)."""
    with book.transaction() as s:
        if partner_id is None:
            return read_partner(s, add_partner_in(s, data, actor=book.actor))
        p = s.get(Partner, partner_id)
        if p is None:
            raise UserError(_("Mitra tidak ditemukan."))
        correct(s, p, _validate(s, data, exclude=partner_id), actor=book.actor, entity="partner")
        return read_partner(s, p.id)


def add_agreement_in(session: Session, data: AgreementInput, *, actor: str) -> int:
    a = PartnerAgreement(**_agreement_values(session, data), created_by=actor)
    session.add(a)
    session.flush()
    audit.record(session, actor, "create", "partner_agreement", a.id, partner=a.partner_id,
                 number=a.number, value=a.value)
    return a.id


def save_agreement(book: Book, data: AgreementInput, agreement_id: int | None = None) -> PartnerView:
    with book.transaction() as s:
        if agreement_id is None:
            add_agreement_in(s, data, actor=book.actor)
        else:
            a = s.get(PartnerAgreement, agreement_id)
            if a is None:
                raise UserError(_("Perjanjian tidak ditemukan."))
            correct(s, a, _agreement_values(s, data), actor=book.actor, entity="partner_agreement")
        return read_partner(s, data.partner_id)

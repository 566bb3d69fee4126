"""Service after handover: warranty per work package, complaints and service visits.

A complaint is reported on a handed-over order and stays open until resolved. Each visit may
carry a cost borne by the KWS, posted Dr A.COST_WARRANTY / Cr cash or bank (source
"service_visit"); a wrong visit is voided by reversal. Warranty months per package are kept in
`package_warranties` (the work package table has no such column); a package without a row uses
DEFAULT_WARRANTY_MONTHS.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.text import one_line
from kws_desktop.core.accounts import A
from kws_desktop.core.allocation import add_months
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, NP_, _, format_date
from kws_desktop.services.book.amounts import PART, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.services.sales.package_warranty import check_months, warranties_set, write_warranty
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import JournalEntry
from kws_desktop.store.models.evaluation import Complaint, ServiceVisit
from kws_desktop.store.models.jobs import Order, OrderItem
from kws_desktop.store.models.sales import WorkPackage


# Complaints on a package whose warranty was never set are judged under one year. Kept on
# purpose, though such a package's quotes promise no warranty: books older than the package
# editor's warranty field judged every complaint so, and a household should not lose the repair
# it was given only because nobody filled a field; a group that means "none" sets 0 (desludging).
DEFAULT_WARRANTY_MONTHS = 12
METHOD_ACCOUNTS = {"cash": A.CASH, "transfer": A.BANK}
METHOD_LABELS = {"cash": N_("Tunai"), "transfer": N_("Bank")}
STATUS_LABELS = {"open": N_("Terbuka"), "resolved": NP_("status keluhan", "Selesai")}


@dataclass(frozen=True)
class ComplaintInput:
    order_id: int
    date_reported: dt.date
    problem: str
    reported_by: str = ""


@dataclass(frozen=True)
class VisitInput:
    date: dt.date
    fix: str = ""
    cost: int = 0
    method: str = "cash"
    visited_by: str = ""


@dataclass(frozen=True)
class VisitRow:
    id: int
    complaint_id: int
    date: dt.date
    fix: str
    cost: int
    method: str
    visited_by: str
    status: str
    journal_number: str
    void_reason: str


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    order_id: int
    order_number: str
    customer_name: str
    date_reported: dt.date
    reported_by: str
    problem: str
    status: str
    date_resolved: dt.date | None
    resolution: str
    under_warranty: bool
    cost: int          # posted visit costs
    visits: int

    @property
    def days_to_resolve(self) -> int | None:
        return (self.date_resolved - self.date_reported).days if self.date_resolved else None

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))


@dataclass(frozen=True)
class ComplaintView:
    complaint: ComplaintRow
    warranty_until: dt.date | None
    visits: tuple[VisitRow, ...]


# --- warranty -------------------------------------------------------------------------------

def set_package_warranty(book: Book, package_id: int, months: int) -> None:
    """Set the warranty months of a work package (0 = no warranty); the package editor sets them
    too, both through sales.package_warranty."""
    problems: list = []
    months = check_months(months, "months", problems)
    collect(problems)
    with book.transaction() as s:
        if s.get(WorkPackage, package_id) is None:
            raise UserError(_("Paket pekerjaan tidak ditemukan."), field="package_id")
        write_warranty(s, package_id, months, actor=book.actor)


def package_warranties(book: Book) -> dict[int, int]:
    """package id -> warranty months, for every package (the default where none is set)."""
    with book.reading() as s:
        ids = s.execute(select(WorkPackage.id)).scalars().all()
        set_ = warranties_set(s, ids)
        return {i: set_.get(i, DEFAULT_WARRANTY_MONTHS) for i in ids}


def warranty_months(session: Session, order_id: int) -> int:
    """Session-level: the longest warranty among the order's packages (default if none)."""
    package_ids = session.execute(select(OrderItem.package_id).where(
        OrderItem.order_id == order_id, OrderItem.package_id.is_not(None))).scalars().all()
    if not package_ids:
        return DEFAULT_WARRANTY_MONTHS
    set_ = warranties_set(session, package_ids)
    return max(set_.get(p, DEFAULT_WARRANTY_MONTHS) for p in package_ids)


def warranty_until(session: Session, order: Order) -> dt.date | None:
    if order.handed_over_date is None:
        return None
    return add_months(order.handed_over_date, warranty_months(session, order.id))


# --- reading --------------------------------------------------------------------------------

def _cost_subq():
    return (select(ServiceVisit.complaint_id.label("cid"),
                   func.coalesce(func.sum(ServiceVisit.cost).filter(ServiceVisit.status == DocStatus.POSTED), 0)
                   .label("cost"),
                   func.count(ServiceVisit.id).filter(ServiceVisit.status == DocStatus.POSTED).label("visits"))
            .group_by(ServiceVisit.complaint_id).subquery())


def _query():
    sub = _cost_subq()
    return (select(Complaint, Order.number, Order.customer_name, sub.c.cost, sub.c.visits)
            .join(Order, Order.id == Complaint.order_id)
            .join(sub, sub.c.cid == Complaint.id, isouter=True))


def _row(c: Complaint, number, name, cost, visits) -> ComplaintRow:
    return ComplaintRow(c.id, c.order_id, number, name, c.date_reported, c.reported_by, c.problem,
                        c.status, c.date_resolved, c.resolution, c.under_warranty, int(cost or 0),
                        int(visits or 0))


def read_complaint(session: Session, complaint_id: int) -> ComplaintView:
    found = session.execute(_query().where(Complaint.id == complaint_id)).first()
    if found is None:
        raise UserError(_("Keluhan tidak ditemukan."))
    row = _row(*found)
    visits = []
    for v, jnum in session.execute(
            select(ServiceVisit, JournalEntry.number)
            .join(JournalEntry, JournalEntry.id == ServiceVisit.journal_entry_id, isouter=True)
            .where(ServiceVisit.complaint_id == complaint_id).order_by(ServiceVisit.date, ServiceVisit.id)):
        visits.append(VisitRow(v.id, v.complaint_id, v.date, v.fix, v.cost, v.method, v.visited_by,
                               v.status, jnum or "", v.void_reason))
    order = session.get(Order, row.order_id)
    return ComplaintView(row, warranty_until(session, order), tuple(visits))


def get_complaint(book: Book, complaint_id: int) -> ComplaintView:
    with book.reading() as s:
        return read_complaint(s, complaint_id)


def list_complaints(book: Book, *, status: str | None = None, order_id: int | None = None,
                    offset: int = 0, limit: int = 100) -> list[ComplaintRow]:
    with book.reading() as s:
        q = _query()
        if status:
            q = q.where(Complaint.status == status)
        if order_id is not None:
            q = q.where(Complaint.order_id == order_id)
        q = q.order_by(Complaint.date_reported.desc(), Complaint.id.desc()).offset(offset).limit(limit)
        return [_row(*r) for r in s.execute(q).all()]


def count_complaints(book: Book, *, status: str | None = None, order_id: int | None = None) -> int:
    with book.reading() as s:
        q = select(func.count(Complaint.id))
        if status:
            q = q.where(Complaint.status == status)
        if order_id is not None:
            q = q.where(Complaint.order_id == order_id)
        return int(s.execute(q).scalar() or 0)


# --- writing --------------------------------------------------------------------------------

def report_complaint_in(session: Session, data: ComplaintInput, *, actor: str) -> int:
    """Session-level: record a complaint; returns its id."""
    order = session.get(Order, data.order_id)
    problems: list = []
    problem = one_line(data.problem)
    if order is None:
        raise UserError(_("Pesanan tidak ditemukan."), field="order_id")
    if order.status != "diserahterimakan" or order.handed_over_date is None:
        problems.append(("order_id", _("Keluhan dicatat untuk pekerjaan yang sudah diserahterimakan; "
                                       "pesanan {number} belum diserahterimakan.").format(number=order.number)))
    if not isinstance(data.date_reported, dt.date):
        problems.append(("date_reported", _("Isi tanggal keluhan dilaporkan.")))
    elif order.handed_over_date is not None and data.date_reported < order.handed_over_date:
        problems.append(("date_reported", _("Tanggal keluhan ({date}) tidak boleh sebelum serah terima "
                                            "({handover}).").format(date=format_date(data.date_reported),
                                                                    handover=format_date(order.handed_over_date))))
    if not problem:
        problems.append(("problem", _("Tuliskan masalah yang dikeluhkan.")))
    collect(problems)
    until = warranty_until(session, order)
    c = Complaint(order_id=order.id, date_reported=data.date_reported,
                  reported_by=one_line(data.reported_by) or order.customer_name,
                  problem=problem, under_warranty=until is not None and data.date_reported <= until,
                  created_by=actor)
    session.add(c)
    session.flush()
    audit.record(session, actor, "create", "complaint", c.id, order=order.number, problem=problem)
    return c.id


def report_complaint(book: Book, data: ComplaintInput) -> ComplaintView:
    with book.transaction() as s:
        return read_complaint(s, report_complaint_in(s, data, actor=book.actor))


def _complaint(session: Session, complaint_id: int) -> Complaint:
    c = session.get(Complaint, complaint_id)
    if c is None:
        raise UserError(_("Keluhan tidak ditemukan."))
    return c


def add_visit_in(session: Session, complaint_id: int, data: VisitInput, *, actor: str) -> int:
    """Session-level: record a service visit (posting its cost, if any); returns its id."""
    c = _complaint(session, complaint_id)
    problems: list = []
    if not isinstance(data.date, dt.date):
        problems.append(("date", _("Isi tanggal kunjungan.")))
    elif data.date < c.date_reported:
        problems.append(("date", _("Tanggal kunjungan ({date}) tidak boleh sebelum keluhan dilaporkan "
                                   "({reported}).").format(date=format_date(data.date),
                                                           reported=format_date(c.date_reported))))
    check_rupiah(data.cost, "cost", problems, PART, _("Biaya"))
    if data.method not in METHOD_ACCOUNTS:
        problems.append(("method", _("Pilih dibayar tunai atau lewat bank.")))
    if isinstance(data.cost, int) and data.cost > 0 and isinstance(data.date, dt.date):
        try:
            ensure_open(session, data.date)
        except UserError as exc:
            problems.append(("date", exc.message))
    collect(problems)
    v = ServiceVisit(complaint_id=c.id, date=data.date, fix=one_line(data.fix),
                     cost=data.cost, method=data.method, visited_by=one_line(data.visited_by),
                     created_by=actor)
    session.add(v)
    session.flush()
    if data.cost > 0:
        order = session.get(Order, c.order_id)
        entry = post_entry(session, date=data.date,
                           description=_("Biaya layanan purna jual {number}: {problem}").format(
                               number=order.number, problem=c.problem),
                           postings=[debit(A.COST_WARRANTY, data.cost),
                                     credit(METHOD_ACCOUNTS[data.method], data.cost)],
                           source_type="service_visit", source_id=v.id, actor=actor)
        v.journal_entry_id = entry.id
        session.flush()
    audit.record(session, actor, "create", "service_visit", v.id, complaint=c.id, cost=data.cost)
    return v.id


def add_visit(book: Book, complaint_id: int, data: VisitInput, *, resolve: bool = False,
              resolution: str = "") -> ComplaintView:
    """Record a visit; with `resolve` the complaint is closed on the visit's date."""
    with book.transaction() as s:
        add_visit_in(s, complaint_id, data, actor=book.actor)
        if resolve:
            resolve_in(s, complaint_id, data.date, resolution or data.fix, actor=book.actor)
        return read_complaint(s, complaint_id)


def resolve_in(session: Session, complaint_id: int, date_resolved: dt.date, resolution: str, *,
               actor: str) -> None:
    c = _complaint(session, complaint_id)
    if c.status == "resolved":
        raise UserError(_("Keluhan ini sudah selesai."))
    if not isinstance(date_resolved, dt.date):
        raise UserError(_("Isi tanggal keluhan selesai ditangani."), field="date_resolved")
    if date_resolved < c.date_reported:
        raise UserError(_("Tanggal selesai ({date}) tidak boleh sebelum keluhan dilaporkan ({reported}).")
                        .format(date=format_date(date_resolved), reported=format_date(c.date_reported)),
                        field="date_resolved")
    c.status, c.date_resolved = "resolved", date_resolved
    c.resolution = one_line(resolution)
    session.flush()
    audit.record(session, actor, "resolve", "complaint", c.id, date=date_resolved)


def resolve_complaint(book: Book, complaint_id: int, date_resolved: dt.date,
                      resolution: str = "") -> ComplaintView:
    with book.transaction() as s:
        resolve_in(s, complaint_id, date_resolved, resolution, actor=book.actor)
        return read_complaint(s, complaint_id)


def void_visit(book: Book, visit_id: int, reason: str, date: dt.date | None = None) -> ComplaintView:
    """Void a wrong visit; its cost posting is reversed (on `date`, default today)."""
    reason = void_reason(reason)
    with book.transaction() as s:
        v = s.get(ServiceVisit, visit_id)
        if v is None:
            raise UserError(_("Kunjungan tidak ditemukan."))
        if v.status == DocStatus.VOID:
            raise UserError(_("Kunjungan ini sudah dibatalkan."))
        void_in(s, v, reason, actor=book.actor, entity="service_visit", entry_id=v.journal_entry_id, date=date)
        return read_complaint(s, v.complaint_id)

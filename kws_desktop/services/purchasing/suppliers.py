"""Suppliers (toko bangunan): who they are, what was bought there, what is still owed, payments.

What a supplier is owed is read from the journal: the payables lines that carry
party_kind "supplier" and the supplier's id (credit purchases add to it, payments settle it).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.text import one_line
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_rupiah
from kws_desktop.services.book.amounts import PAYMENT, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_money_date
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalLine
from kws_desktop.store.models.purchasing import Purchase, Supplier, SupplierPayment


PAY_METHODS = {"cash": (A.CASH, N_("Tunai")), "transfer": (A.BANK, N_("Transfer bank"))}


@dataclass(frozen=True)
class SupplierInput:
    name: str
    address: str = ""
    phone: str = ""
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class SupplierRow:
    id: int
    name: str
    address: str
    phone: str
    notes: str
    active: bool
    bought: int = 0   # total of posted purchases
    owed: int = 0     # still to pay
    last_purchase: dt.date | None = None


@dataclass(frozen=True)
class SupplierPaymentRow:
    id: int
    number: str
    date: dt.date
    status: str
    supplier_id: int
    supplier: str
    method: str
    amount: int
    notes: str
    void_reason: str


def _validate(s: Session, data: SupplierInput, exclude_id: int | None = None) -> str:
    problems = []
    name = one_line(data.name)
    if not name:
        problems.append(("name", _("Nama pemasok wajib diisi.")))
    elif len(name) > 150:
        problems.append(("name", _("Nama pemasok terlalu panjang.")))
    else:
        q = select(Supplier.id).where(func.lower(Supplier.name) == name.lower())
        if exclude_id is not None:
            q = q.where(Supplier.id != exclude_id)
        if s.execute(q).first():
            problems.append(("name", _("Pemasok dengan nama {name} sudah ada.").format(name=name)))
    collect(problems)
    return name


def create_supplier(book: Book, data: SupplierInput) -> SupplierRow:
    with book.transaction() as s:
        return _row(s, add_supplier(s, data, actor=book.actor))


def add_supplier(session: Session, data: SupplierInput, *, actor: str) -> Supplier:
    """Session-level create_supplier (for imports): validated, never commits."""
    supplier = Supplier(name=_validate(session, data), address=data.address.strip(),
                        phone=data.phone.strip(), notes=data.notes.strip(), active=data.active)
    session.add(supplier)
    session.flush()
    audit.record(session, actor, "create", "supplier", supplier.id, name=supplier.name)
    return supplier


def update_supplier(book: Book, supplier_id: int, data: SupplierInput) -> SupplierRow:
    with book.transaction() as s:
        supplier = _get(s, supplier_id)
        supplier.name = _validate(s, data, exclude_id=supplier_id)
        supplier.address, supplier.phone = data.address.strip(), data.phone.strip()
        supplier.notes, supplier.active = data.notes.strip(), data.active
        audit.record(s, book.actor, "update", "supplier", supplier_id, name=supplier.name)
        return _row(s, supplier)


def _get(s: Session, supplier_id: int | None) -> Supplier:
    supplier = s.get(Supplier, supplier_id) if supplier_id is not None else None
    if supplier is None:
        raise UserError(_("Pemasok tidak ditemukan."), field="supplier")
    return supplier


def owed_to(session: Session, supplier_id: int) -> int:
    """Session-level: what the group still owes this supplier (from the journal)."""
    total = session.execute(
        select(func.coalesce(func.sum(JournalLine.amount), 0))
        .join(Account, Account.id == JournalLine.account_id)
        .where(Account.code == A.PAYABLES, JournalLine.party_kind == "supplier",
               JournalLine.party_id == supplier_id)).scalar()
    return -int(total or 0)


def _owed_subquery():
    return (select(JournalLine.party_id.label("sid"), (-func.sum(JournalLine.amount)).label("owed"))
            .join(Account, Account.id == JournalLine.account_id)
            .where(Account.code == A.PAYABLES, JournalLine.party_kind == "supplier")
            .group_by(JournalLine.party_id).subquery())


def _bought_subquery():
    return (select(Purchase.supplier_id.label("sid"), func.sum(Purchase.total).label("bought"),
                   func.max(Purchase.date).label("last"))
            .where(Purchase.status == DocStatus.POSTED).group_by(Purchase.supplier_id).subquery())


def _row(s: Session, supplier: Supplier) -> SupplierRow:
    s.flush()
    bought, last = s.execute(select(func.coalesce(func.sum(Purchase.total), 0), func.max(Purchase.date))
                             .where(Purchase.supplier_id == supplier.id, Purchase.status == DocStatus.POSTED)).one()
    return SupplierRow(supplier.id, supplier.name, supplier.address, supplier.phone, supplier.notes,
                       supplier.active, int(bought or 0), owed_to(s, supplier.id), last)


def list_suppliers(book: Book, *, search: str = "", active_only: bool = False, owing_only: bool = False,
                   offset: int = 0, limit: int | None = None) -> list[SupplierRow]:
    """Suppliers by name with what was bought there and what is still owed."""
    with book.reading() as s:
        owed, bought = _owed_subquery(), _bought_subquery()
        q = (select(Supplier, func.coalesce(bought.c.bought, 0), func.coalesce(owed.c.owed, 0), bought.c.last)
             .outerjoin(owed, owed.c.sid == Supplier.id).outerjoin(bought, bought.c.sid == Supplier.id))
        if search.strip():
            q = q.where(func.lower(Supplier.name).like(f"%{search.strip().lower()}%"))
        if active_only:
            q = q.where(Supplier.active.is_(True))
        if owing_only:
            q = q.where(func.coalesce(owed.c.owed, 0) != 0)
        q = q.order_by(func.lower(Supplier.name), Supplier.id).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [SupplierRow(sp.id, sp.name, sp.address, sp.phone, sp.notes, sp.active, int(b), int(o), last)
                for sp, b, o, last in s.execute(q).all()]


def get_supplier(book: Book, supplier_id: int) -> SupplierRow:
    with book.reading() as s:
        return _row(s, _get(s, supplier_id))


# --- payments ---------------------------------------------------------------------------

def pay_supplier(book: Book, *, supplier_id: int, amount: int, date: dt.date, method: str = "cash",
                 notes: str = "", future_ok: bool = False, backdate_note: str = "") -> SupplierPaymentRow:
    """Pay what a supplier is owed (in full or in part). Refuses paying more than is owed; a
    date after today only with `future_ok` (the user confirmed it); one before the latest
    payment of its year only with `backdate_note` (services/book/backdating.py)."""
    problems = []
    check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah bayar"))
    if method not in PAY_METHODS:
        problems.append(("method", _("Pilih cara bayar: tunai atau transfer.")))
    collect(problems)
    with book.transaction() as s:
        supplier = _get(s, supplier_id)
        ensure_open(s, date)
        owed = owed_to(s, supplier_id)
        if owed <= 0:
            raise UserError(_("Tidak ada utang ke {name} yang perlu dibayar.").format(name=supplier.name),
                            field="amount")
        if amount > owed:
            raise UserError(_("Jumlah bayar lebih besar dari utang ke {name} ({owed}).").format(
                name=supplier.name, owed=format_rupiah(owed)), field="amount")
        ensure_money_date(date, future_ok=future_ok)
        backdated = ensure_date_order(s, "supplier_payment", date, backdate_note)
        payment = SupplierPayment(number=next_number(s, "supplier_payment", date.year), date=date,
                                  supplier_id=supplier_id, method=method, amount=amount,
                                  notes=noted(notes, backdated), created_by=book.actor)
        s.add(payment)
        s.flush()
        entry = post_entry(s, date=date, description=_("Bayar utang ke {name} ({number})").format(
            name=supplier.name, number=payment.number),
            postings=[debit(A.PAYABLES, amount, party_kind="supplier", party_id=supplier_id),
                      credit(PAY_METHODS[method][0], amount)],
            source_type="supplier_payment", source_id=payment.id, actor=book.actor)
        payment.journal_entry_id = entry.id
        audit.record(s, book.actor, "create", "supplier_payment", payment.id, number=payment.number,
                     supplier=supplier.name, amount=amount, **audit_detail(backdated))
        return _payment_row(payment, supplier.name)


def void_supplier_payment(book: Book, payment_id: int, *, reason: str,
                          date: dt.date | None = None) -> SupplierPaymentRow:
    """Cancel a payment with a reason: the journal entry is reversed, the number kept."""
    reason = void_reason(reason)
    with book.transaction() as s:
        payment = s.get(SupplierPayment, payment_id)
        if payment is None:
            raise UserError(_("Pembayaran tidak ditemukan."))
        if payment.status == DocStatus.VOID:
            raise UserError(_("Pembayaran {number} sudah dibatalkan.").format(number=payment.number))
        void_in(s, payment, reason, actor=book.actor, entity="supplier_payment",
                entry_id=payment.journal_entry_id, date=date)
        return _payment_row(payment, _get(s, payment.supplier_id).name)


def _payment_row(p: SupplierPayment, supplier: str) -> SupplierPaymentRow:
    return SupplierPaymentRow(p.id, p.number, p.date, p.status, p.supplier_id, supplier, p.method, p.amount,
                              p.notes, p.void_reason)


def list_supplier_payments(book: Book, *, supplier_id: int | None = None, start: dt.date | None = None,
                           end: dt.date | None = None, offset: int = 0,
                           limit: int | None = None) -> list[SupplierPaymentRow]:
    with book.reading() as s:
        q = select(SupplierPayment, Supplier.name).join(Supplier, Supplier.id == SupplierPayment.supplier_id)
        if supplier_id is not None:
            q = q.where(SupplierPayment.supplier_id == supplier_id)
        if start is not None:
            q = q.where(SupplierPayment.date >= start)
        if end is not None:
            q = q.where(SupplierPayment.date <= end)
        q = q.order_by(SupplierPayment.date.desc(), SupplierPayment.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [_payment_row(p, name) for p, name in s.execute(q).all()]

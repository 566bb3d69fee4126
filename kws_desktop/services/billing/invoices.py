"""Invoices (tagihan): one payer's share of one order, or a program's share of many orders.

An invoice posts Dr Piutang Usaha (sub-ledger of the payer) / Cr revenue (construction, or
service revenue for desludging and repairs). It carries an instalment plan that always adds up
to its total (a single-payment invoice has one instalment). What is paid and what remains are
derived from the posted payments (see services.payments); `status` is a cache of it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.job_costing import Stage
from kws_desktop.core.accounts import A
from kws_desktop.core.allocation import (AllocationError, PlannedInstalment, check_plan,
                                         instalment_position, plan_instalments)
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _, format_date, format_rupiah
from kws_desktop.services.book.amounts import FUNDING, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_date
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.store.book import Book
from kws_desktop.store.models.billing import (Instalment, Invoice, InvoiceLine, Payment,
                                              PaymentAllocation, Receipt)
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.jobs import Order, OrderItem, OrderPayer


DEFAULT_DUE_DAYS = 30
# Words in an order's items that make it a service job (desludging, repair) rather than
# construction: its revenue goes to A.REVENUE_SERVICE.
SERVICE_WORDS = ("sedot", "penyedotan", "lumpur tinja", "perbaikan", "servis", "service",
                 "desludg", "repair", "pengurasan", "kuras")


# --- values ---------------------------------------------------------------------------------

def instalment_label(seq: int, count: int, has_down_payment: bool) -> str:
    """"Uang muka", "Pembayaran penuh" or "Cicilan ke-2 dari 4" (counted after the down payment)."""
    kind, k, n = instalment_position(seq, count, has_down_payment)
    if kind == "down_payment":
        return _("Uang muka")
    if kind == "single":
        return _("Pembayaran penuh")
    return _("Cicilan ke-{k} dari {n}").format(k=k, n=n)


@dataclass(frozen=True)
class InstalmentInfo:
    id: int
    seq: int
    due_date: dt.date
    amount: int
    paid: int
    is_down_payment: bool

    @property
    def open(self) -> int:
        return self.amount - self.paid

    def label(self, count: int, has_down_payment: bool | None = None) -> str:
        dp = self.is_down_payment if has_down_payment is None else has_down_payment
        return instalment_label(self.seq, count, dp)


@dataclass(frozen=True)
class InvoiceLineInfo:
    order_id: int | None
    order_number: str
    description: str
    amount: int
    paid: int = 0  # the part of this line settled, in proportion (invoice paid x line share)


@dataclass(frozen=True)
class InvoiceReceipt:
    """A kuitansi issued on an invoice. A voided one keeps its number and amount, but its money
    is not part of what the invoice has been paid."""

    number: str
    date: dt.date
    amount: int
    status: str  # DocStatus.POSTED | DocStatus.VOID
    void_reason: str = ""

    @property
    def void(self) -> bool:
        return self.status == DocStatus.VOID


@dataclass(frozen=True)
class InvoiceInfo:
    id: int
    number: str
    date: dt.date
    due_date: dt.date
    customer_id: int
    payer_name: str
    payer_type: str
    total: int
    paid: int
    status: str  # open | paid | void
    void_reason: str = ""
    note: str = ""
    lines: tuple[InvoiceLineInfo, ...] = ()
    instalments: tuple[InstalmentInfo, ...] = ()
    receipts: tuple[InvoiceReceipt, ...] = ()  # every kuitansi, voided ones too (marked)
    advance: int = 0  # uang titipan recorded with payments on this invoice
    advance_applied: int = 0  # earlier titipan of the payer applied here (dipotong uang muka)

    @property
    def outstanding(self) -> int:
        return 0 if self.status == DocStatus.VOID else self.total - self.paid

    @property
    def payer_label(self) -> str:
        try:
            return PAYER_LABELS[PayerType(self.payer_type)]
        except ValueError:
            return self.payer_type

    @property
    def order_numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(l.order_number for l in self.lines if l.order_number))


@dataclass(frozen=True)
class PlanSpec:
    """How the treasurer wants an invoice paid: an optional down payment, then `count` equal
    monthly instalments from `first_due` (default: the invoice's due date). Or `explicit`:
    the instalments exactly as she wrote them (must add up to the invoice)."""

    count: int = 1
    down_payment: int = 0
    first_due: dt.date | None = None
    down_payment_due: dt.date | None = None
    interval_months: int = 1
    explicit: tuple[PlannedInstalment, ...] = field(default=())


# --- messages -------------------------------------------------------------------------------

def plan_error_message(exc: AllocationError, total: int) -> UserError:
    """An instalment-plan problem as an Indonesian message for the form field "plan"."""
    d = exc.detail
    if exc.code == "sum":
        msg = _("Jumlah cicilan {sum} tidak sama dengan total tagihan {total}. "
                "Ubah cicilan supaya jumlahnya pas.").format(sum=format_rupiah(d["sum"]),
                                                            total=format_rupiah(d["total"]))
    elif exc.code == "not_positive":
        msg = _("Setiap cicilan harus lebih dari Rp0.")
    elif exc.code == "bad_count":
        msg = _("Banyaknya cicilan harus antara 1 dan 120.")
    elif exc.code == "down_payment":
        msg = _("Uang muka harus lebih kecil dari total tagihan {total}, dan dicatat sebagai "
                "cicilan pertama.").format(total=format_rupiah(total))
    elif exc.code == "order":
        msg = _("Tanggal jatuh tempo cicilan harus berurutan.")
    elif exc.code == "empty":
        msg = _("Rencana cicilan masih kosong.")
    else:  # pragma: no cover
        msg = _("Rencana cicilan tidak bisa dipakai.")
    return UserError(msg, field="plan")


def _build_plan(total: int, spec: PlanSpec | None, due_date: dt.date,
                date: dt.date | None = None) -> list[PlannedInstalment]:
    spec = spec or PlanSpec()
    try:
        if spec.explicit:
            plan = [PlannedInstalment(n + 1, p.due_date, p.amount, p.is_down_payment)
                    for n, p in enumerate(spec.explicit)]
            check_plan(total, plan)
            return plan
        return plan_instalments(total, count=spec.count, first_due=spec.first_due or due_date,
                                down_payment=spec.down_payment,
                                down_payment_due=spec.down_payment_due or date,
                                interval_months=spec.interval_months)
    except AllocationError as exc:
        raise plan_error_message(exc, total) from exc


# --- reading --------------------------------------------------------------------------------

def paid_by_instalment(session: Session, invoice_ids: Sequence[int]) -> dict[int, int]:
    """Posted payment allocations per instalment id, for the given invoices (session helper)."""
    if not invoice_ids:
        return {}
    rows = session.execute(
        select(PaymentAllocation.instalment_id, func.sum(PaymentAllocation.amount))
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .join(Instalment, Instalment.id == PaymentAllocation.instalment_id)
        .where(Payment.status == DocStatus.POSTED, Instalment.invoice_id.in_(list(invoice_ids)))
        .group_by(PaymentAllocation.instalment_id)).all()
    return {i: int(s) for i, s in rows}


def paid_by_invoice(session: Session, invoice_ids: Sequence[int] | None = None) -> dict[int, int]:
    """What posted payments settled, per invoice (all invoices when `invoice_ids` is None)."""
    q = (select(Instalment.invoice_id, func.sum(PaymentAllocation.amount))
         .join(PaymentAllocation, PaymentAllocation.instalment_id == Instalment.id)
         .join(Payment, Payment.id == PaymentAllocation.payment_id)
         .where(Payment.status == DocStatus.POSTED).group_by(Instalment.invoice_id))
    if invoice_ids is not None:
        if not invoice_ids:
            return {}
        q = q.where(Instalment.invoice_id.in_(list(invoice_ids)))
    return {i: int(s) for i, s in session.execute(q).all()}


def invoice_infos(session: Session, invoices: Sequence[Invoice]) -> list[InvoiceInfo]:
    """Full values (lines, instalments with what is paid, receipts) for ORM invoices."""
    ids = [inv.id for inv in invoices]
    if not ids:
        return []
    paid_inst = paid_by_instalment(session, ids)
    order_ids = {l.order_id for inv in invoices for l in inv.lines if l.order_id}
    numbers = dict(session.execute(select(Order.id, Order.number).where(Order.id.in_(order_ids))).all()) \
        if order_ids else {}
    receipts: dict[int, list[InvoiceReceipt]] = defaultdict(list)
    advances: dict[int, int] = defaultdict(int)
    for inv_id, number, day, amount, advance, status, reason in session.execute(
            select(Payment.invoice_id, Receipt.number, Receipt.date, Payment.amount, Payment.advance,
                   Payment.status, Payment.void_reason)
            .join(Receipt, Receipt.payment_id == Payment.id)
            .where(Payment.invoice_id.in_(ids)).order_by(Payment.date, Payment.id)).all():
        receipts[inv_id].append(InvoiceReceipt(number, day, amount, status, reason or ""))
        if status == DocStatus.POSTED:
            advances[inv_id] += advance
    applied = dict(session.execute(
        select(Payment.invoice_id, func.sum(Payment.amount))
        .where(Payment.invoice_id.in_(ids), Payment.method == "advance", Payment.status == DocStatus.POSTED)
        .group_by(Payment.invoice_id)).all())
    out = []
    for inv in invoices:
        insts = tuple(InstalmentInfo(i.id, i.seq, i.due_date, i.amount, paid_inst.get(i.id, 0),
                                     i.is_down_payment) for i in inv.instalments)
        paid = sum(i.paid for i in insts)
        lines = tuple(InvoiceLineInfo(l.order_id, numbers.get(l.order_id, ""), l.description, l.amount,
                                      _line_paid(paid, inv.total, l.amount, inv.lines, l))
                      for l in inv.lines)
        out.append(InvoiceInfo(
            id=inv.id, number=inv.number, date=inv.date, due_date=inv.due_date,
            customer_id=inv.customer_id, payer_name=inv.payer_name, payer_type=inv.payer_type,
            total=inv.total, paid=paid, status=inv.status, void_reason=inv.void_reason,
            note=inv.note, lines=lines, instalments=insts, receipts=tuple(receipts.get(inv.id, ())),
            advance=advances.get(inv.id, 0), advance_applied=int(applied.get(inv.id) or 0)))
    return out


def _line_paid(paid: int, total: int, amount: int, lines, line) -> int:
    """An invoice's payments shared over its lines in proportion (the last line takes the rest)."""
    if paid == 0 or total == 0:
        return 0
    others = [l for l in lines if l is not line]
    if line is lines[-1]:
        return paid - sum(paid * l.amount // total for l in others)
    return paid * amount // total


def get_invoice(book: Book, invoice_id: int) -> InvoiceInfo:
    with book.reading() as s:
        inv = s.get(Invoice, invoice_id)
        if inv is None:
            raise UserError(_("Tagihan tidak ditemukan."))
        return invoice_infos(s, [inv])[0]


def find_invoice(book: Book, number: str) -> InvoiceInfo:
    """The invoice with this number (as printed, e.g. TGH-2026-0007)."""
    with book.reading() as s:
        inv = s.execute(select(Invoice).where(Invoice.number == number.strip().upper())).scalar()
        if inv is None:
            raise UserError(_("Tagihan {number} tidak ditemukan.").format(number=number))
        return invoice_infos(s, [inv])[0]


def open_invoices_for_customer(book: Book, customer_id: int) -> list[InvoiceInfo]:
    """The payer's invoices that still owe something, oldest first."""
    with book.reading() as s:
        rows = s.execute(select(Invoice).where(Invoice.customer_id == customer_id,
                                               Invoice.status == "open")
                         .order_by(Invoice.date, Invoice.id)).scalars().all()
        return [i for i in invoice_infos(s, rows) if i.outstanding > 0]


# --- creating -------------------------------------------------------------------------------

@dataclass(frozen=True)
class LineSpec:
    order_id: int | None
    description: str
    amount: int
    revenue_account: str = A.REVENUE_CONSTRUCTION


def revenue_account_for(session: Session, order_id: int) -> str:
    """Service revenue when most of the order's value is desludging or repair, else construction."""
    items = session.execute(select(OrderItem.description, OrderItem.amount, OrderItem.kind)
                            .where(OrderItem.order_id == order_id)).all()
    order = session.get(Order, order_id)
    service = construction = 0
    for desc, amount, kind in items:
        if kind == "component":
            continue  # the package line carries the price
        text = (desc or "").lower()
        if any(w in text for w in SERVICE_WORDS):
            service += amount or 0
        else:
            construction += amount or 0
    if not items and order is not None:
        text = f"{order.package} {order.description}".lower()
        return A.REVENUE_SERVICE if any(w in text for w in SERVICE_WORDS) else A.REVENUE_CONSTRUCTION
    return A.REVENUE_SERVICE if service > construction else A.REVENUE_CONSTRUCTION


def _validate_header(session: Session, *, customer_id: int, date: dt.date, due_date: dt.date,
                     lines: Sequence[LineSpec]) -> Customer:
    problems = []
    customer = session.get(Customer, customer_id) if customer_id else None
    if customer is None:
        problems.append(("customer", _("Pilih siapa yang membayar tagihan ini.")))
    if due_date < date:
        problems.append(("due_date", _("Tanggal jatuh tempo tidak boleh sebelum tanggal tagihan.")))
    if not lines:
        problems.append(("lines", _("Tagihan belum berisi pesanan apa pun.")))
    for n, line in enumerate(lines, start=1):
        if check_rupiah(line.amount, "lines", problems, FUNDING,
                        _("Jumlah baris {n} tagihan").format(n=n)) is None:
            break
    collect(problems)
    ensure_open(session, date)
    return customer


def create_invoice_in(session: Session, *, customer_id: int, payer_type: str,
                              date: dt.date, due_date: dt.date | None, lines: Sequence[LineSpec],
                              plan: PlanSpec | None = None, note: str = "",
                              actor: str, backdate_note: str = "") -> Invoice:
    """Issue one invoice inside the caller's transaction (session helper; never commits).
    `backdate_note`: why it is dated before the latest invoice of its year
    (services/book/backdating.py)."""
    ensure_date(date)
    if due_date is not None:
        ensure_date(due_date, "due_date")
    due_date = due_date or date + dt.timedelta(days=DEFAULT_DUE_DAYS)
    customer = _validate_header(session, customer_id=customer_id, date=date, due_date=due_date,
                                lines=lines)
    total = sum(l.amount for l in lines)
    planned = _build_plan(total, plan, due_date, date)
    if planned[0].due_date < date:
        raise UserError(_("Cicilan tidak boleh jatuh tempo sebelum tanggal tagihan."), field="plan")
    due_date = max(due_date, planned[-1].due_date)
    backdated = ensure_date_order(session, "invoice", date, backdate_note)
    inv = Invoice(number=next_number(session, "invoice", date.year), date=date,
                  customer_id=customer.id, payer_type=str(payer_type), payer_name=customer.name,
                  due_date=due_date, total=total, status="open", note=noted(note, backdated),
                  created_by=actor)
    inv.lines = [InvoiceLine(order_id=l.order_id, description=l.description.strip()[:300] or "-",
                             amount=l.amount, revenue_account=l.revenue_account) for l in lines]
    inv.instalments = [Instalment(seq=p.seq, due_date=p.due_date, amount=p.amount,
                                  is_down_payment=p.is_down_payment) for p in planned]
    session.add(inv)
    session.flush()
    revenue: dict[str, int] = defaultdict(int)
    for l in lines:
        revenue[l.revenue_account] += l.amount
    party = {"party_kind": "customer", "party_id": customer.id}
    entry = post_entry(session, date=date, description=_("Tagihan {number} - {payer}").format(
        number=inv.number, payer=customer.name),
        postings=[debit(A.RECEIVABLES, total, inv.number, **party)]
        + [credit(acc, amount, inv.number) for acc, amount in sorted(revenue.items())],
        source_type="invoice", source_id=inv.id, actor=actor)
    inv.journal_entry_id = entry.id
    audit.record(session, actor, "create", "invoice", inv.id, number=inv.number, total=total,
                 payer=customer.name, **audit_detail(backdated))
    return inv


def create_invoice(book: Book, *, customer_id: int, payer_type: str, date: dt.date,
                   due_date: dt.date | None, lines: Sequence[LineSpec],
                   plan: PlanSpec | None = None, note: str = "",
                   backdate_note: str = "") -> InvoiceInfo:
    with book.transaction() as s:
        inv = create_invoice_in(s, customer_id=customer_id, payer_type=payer_type,
                                        date=date, due_date=due_date, lines=lines, plan=plan,
                                        note=note, actor=book.actor, backdate_note=backdate_note)
        return invoice_infos(s, [inv])[0]


def invoiced_amounts(session: Session, order_id: int) -> dict[tuple[str, int], int]:
    """What is already invoiced for an order, per (payer_type, payer customer), void excluded."""
    rows = session.execute(
        select(Invoice.payer_type, Invoice.customer_id, func.sum(InvoiceLine.amount))
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.order_id == order_id, Invoice.status != DocStatus.VOID)
        .group_by(Invoice.payer_type, Invoice.customer_id)).all()
    return {(pt, cid): int(total) for pt, cid, total in rows}


def payer_customer_id(session: Session, order: Order, payer: OrderPayer, actor: str) -> int:
    """The customer who receives the bill for one payer line of an order: the household for
    swadaya; for a program, the institution named on the payer line (created if the book does
    not have it yet, so a bill always has an addressee)."""
    explicit = getattr(payer, "payer_customer_id", None)
    if explicit:
        return explicit
    if payer.payer_type == PayerType.SWADAYA:
        return order.customer_id
    label = PAYER_LABELS.get(PayerType(payer.payer_type), payer.payer_type) \
        if payer.payer_type in PayerType._value2member_map_ else payer.payer_type
    name = (payer.name or label).strip()
    q = select(Customer.id).where(Customer.kind == "institution", Customer.name == name)
    found = session.execute(q.limit(1)).scalar()
    if found is None:
        found = session.execute(select(Customer.id).where(
            Customer.kind == "institution", Customer.payer_type == payer.payer_type)
            .order_by(Customer.id).limit(1)).scalar() if not payer.name else None
    if found is not None:
        return found
    cust = Customer(kind="institution", name=name, payer_type=str(payer.payer_type), created_by=actor)
    session.add(cust)
    session.flush()
    audit.record(session, actor, "create", "customer", cust.id, name=name, via="invoice")
    return cust.id


def order_work(package: str, description: str) -> str:
    """What an order's work is on its papers (invoice line, kuitansi): its package, else the work
    typed for it ("" when neither is known)."""
    return (package or "").strip() or (description or "").strip()


def _order_line_description(order: Order, payer_label: str) -> str:
    what = order_work(order.package, order.description) or _("Pekerjaan sanitasi")
    return _("{order}: {what} - {name} (bagian {payer})").format(
        order=order.number, what=what, name=order.customer_name, payer=payer_label)


def create_invoices_for_order(session: Session, order_id: int, date: dt.date, actor: str, *,
                              household_plan: PlanSpec | None = None,
                              due_date: dt.date | None = None,
                              payer_types: Sequence[str] | None = None,
                              backdate_note: str = "") -> list[InvoiceInfo]:
    """One invoice per payer of an order that is not invoiced yet (session helper, never
    commits; the orders service calls it inside its own transaction).

    The household's (swadaya) share gets `household_plan` (down payment and instalments);
    program shares are one payment due `due_date` (default 30 days). `payer_types` limits which
    payers are billed (e.g. only "swadaya", leaving programs for a batch invoice). A payer whose
    share is already invoiced is skipped; returns the invoices made.
    """
    ensure_date(date)
    order = session.get(Order, order_id)
    if order is None:
        raise UserError(_("Pesanan tidak ditemukan."))
    if order.status == Stage.BATAL:
        raise UserError(_("Pesanan {number} sudah dibatalkan; tidak bisa ditagih.").format(
            number=order.number))
    already = invoiced_amounts(session, order_id)
    account = revenue_account_for(session, order_id)
    made: list[Invoice] = []
    for payer in order.payers:
        if payer_types is not None and payer.payer_type not in payer_types:
            continue
        cust_id = payer_customer_id(session, order, payer, actor)
        if already.get((payer.payer_type, cust_id), 0) >= payer.amount:
            continue
        amount = payer.amount - already.get((payer.payer_type, cust_id), 0)
        label = _payer_label(payer.payer_type)
        plan = household_plan if payer.payer_type == PayerType.SWADAYA else None
        made.append(create_invoice_in(
            session, customer_id=cust_id, payer_type=payer.payer_type, date=date,
            due_date=due_date, lines=[LineSpec(order.id, _order_line_description(order, label),
                                               amount, account)],
            plan=plan, actor=actor, backdate_note=backdate_note))
    return invoice_infos(session, made)


def invoice_order(book: Book, order_id: int, date: dt.date, *, household_plan: PlanSpec | None = None,
                  due_date: dt.date | None = None,
                  payer_types: Sequence[str] | None = None,
                  backdate_note: str = "") -> list[InvoiceInfo]:
    """Book-level: bill every payer of an order not billed yet (see create_invoices_for_order)."""
    with book.transaction() as s:
        made = create_invoices_for_order(s, order_id, date, book.actor, household_plan=household_plan,
                                         due_date=due_date, payer_types=payer_types,
                                         backdate_note=backdate_note)
        if not made:
            raise UserError(_("Semua pembayar pesanan ini sudah ditagih."))
        return made


def _payer_label(payer_type: str) -> str:
    try:
        return PAYER_LABELS[PayerType(payer_type)]
    except ValueError:
        return payer_type


def create_batch_invoice_in(s: Session, payer_customer_id: int, order_ids: Sequence[int],
                         date: dt.date, due_date: dt.date | None = None, *,
                         note: str = "", actor: str, backdate_note: str = "") -> InvoiceInfo:
    """One invoice to an institution (a program, BAZNAS, a company) for its share of many
    orders. Each order must have a payer line of that institution's kind whose share is not
    invoiced yet."""
    if not order_ids:
        raise UserError(_("Pilih paling sedikit satu pesanan."), field="orders")
    customer = s.get(Customer, payer_customer_id)
    if customer is None:
        raise UserError(_("Pilih siapa yang membayar tagihan ini."), field="customer")
    lines: list[LineSpec] = []
    problems = []
    payer_type = None
    for oid in dict.fromkeys(order_ids):
        order = s.get(Order, oid)
        if order is None:
            problems.append(("orders", _("Pesanan tidak ditemukan.")))
            continue
        if order.status == Stage.BATAL:
            problems.append(("orders", _("Pesanan {number} sudah dibatalkan.").format(
                number=order.number)))
            continue
        match = [p for p in order.payers
                 if payer_customer_id_matches(s, order, p, customer, actor)]
        if not match:
            problems.append(("orders", _("Pesanan {number} tidak dibayar oleh {payer}.").format(
                number=order.number, payer=customer.name)))
            continue
        payer = match[0]
        payer_type = payer_type or payer.payer_type
        done = invoiced_amounts(s, oid).get((payer.payer_type, customer.id), 0)
        if done >= payer.amount:
            problems.append(("orders", _("Bagian {payer} untuk pesanan {number} sudah ditagih.")
                             .format(payer=customer.name, number=order.number)))
            continue
        lines.append(LineSpec(order.id, _order_line_description(order, _payer_label(payer.payer_type)),
                              payer.amount - done, revenue_account_for(s, oid)))
    collect(problems)
    inv = create_invoice_in(s, customer_id=customer.id,
                                    payer_type=payer_type or customer.payer_type, date=date,
                                    due_date=due_date, lines=lines, note=note, actor=actor,
                                    backdate_note=backdate_note)
    return invoice_infos(s, [inv])[0]


def create_batch_invoice(book: Book, payer_customer_id: int, order_ids: Sequence[int],
                         date: dt.date, due_date: dt.date | None = None, *,
                         note: str = "", backdate_note: str = "") -> InvoiceInfo:
    """One invoice to an institution for its share of many orders (one transaction); see
    :func:`create_batch_invoice_in`."""
    with book.transaction() as s:
        return create_batch_invoice_in(s, payer_customer_id, order_ids, date, due_date, note=note,
                                       actor=book.actor, backdate_note=backdate_note)


def payer_customer_id_matches(session: Session, order: Order, payer: OrderPayer,
                              customer: Customer, actor: str) -> bool:
    explicit = getattr(payer, "payer_customer_id", None)
    if explicit:
        return explicit == customer.id
    if payer.payer_type == PayerType.SWADAYA:
        return order.customer_id == customer.id
    if customer.kind != "institution":
        return False
    if payer.name:
        return payer.name.strip() == customer.name or (
            payer.payer_type == customer.payer_type and payer.name.strip().lower() in customer.name.lower())
    return payer.payer_type == customer.payer_type


def reschedule(book: Book, invoice_id: int, plan: PlanSpec) -> InvoiceInfo:
    """Change the instalments of an invoice. Instalments that already received money stay as
    they are; the new plan replaces the rest and must add up to what they leave."""
    with book.transaction() as s:
        inv = s.get(Invoice, invoice_id) if type(invoice_id) is int else None  # no None id to the ORM
        if inv is None:
            raise UserError(_("Tagihan tidak ditemukan."))
        if inv.status == DocStatus.VOID:
            raise UserError(_("Tagihan {number} sudah dibatalkan.").format(number=inv.number))
        touched = set(s.execute(select(PaymentAllocation.instalment_id).join(
            Instalment, Instalment.id == PaymentAllocation.instalment_id)
            .where(Instalment.invoice_id == inv.id)).scalars())
        kept = [i for i in inv.instalments if i.id in touched]
        rest_total = inv.total - sum(i.amount for i in kept)
        if rest_total <= 0:
            raise UserError(_("Semua cicilan tagihan ini sudah dibayar; tidak ada yang bisa diatur lagi."),
                            field="plan")
        planned = _build_plan(rest_total, plan, inv.due_date)
        if kept and planned[0].is_down_payment:
            raise UserError(_("Uang muka sudah dibayar; rencana baru tidak boleh berisi uang muka."),
                            field="plan")
        if planned[0].due_date < inv.date or (kept and planned[0].due_date < kept[-1].due_date):
            raise UserError(_("Tanggal jatuh tempo cicilan harus berurutan."), field="plan")
        for i in list(inv.instalments):
            if i.id not in touched:
                inv.instalments.remove(i)
                s.delete(i)
        s.flush()
        for n, p in enumerate(planned):
            inv.instalments.append(Instalment(seq=len(kept) + n + 1, due_date=p.due_date,
                                              amount=p.amount, is_down_payment=p.is_down_payment))
        inv.due_date = max(inv.due_date, planned[-1].due_date)
        s.flush()
        audit.record(s, book.actor, "reschedule", "invoice", inv.id, number=inv.number,
                     instalments=[(p.due_date, p.amount) for p in planned])
        s.expire(inv, ["instalments"])
        return invoice_infos(s, [inv])[0]


def void_invoice(book: Book, invoice_id: int, reason: str, *, date: dt.date | None = None) -> InvoiceInfo:
    """Void an invoice that has no payments: status BATAL, the number kept, the journal reversed."""
    reason = void_reason(reason)
    with book.transaction() as s:
        inv = s.get(Invoice, invoice_id)
        if inv is None:
            raise UserError(_("Tagihan tidak ditemukan."))
        if inv.status == DocStatus.VOID:
            raise UserError(_("Tagihan {number} sudah dibatalkan sebelumnya.").format(number=inv.number))
        paid = s.execute(select(func.count(Payment.id)).where(
            Payment.invoice_id == inv.id, Payment.status == DocStatus.POSTED)).scalar()
        if paid:
            raise UserError(_("Tagihan {number} sudah ada pembayarannya. Batalkan dulu pembayarannya, "
                              "baru tagihannya.").format(number=inv.number))
        void_in(s, inv, reason, actor=book.actor, entity="invoice", entry_id=inv.journal_entry_id, date=date)
        return invoice_infos(s, [inv])[0]


def refresh_status(session: Session, invoice: Invoice) -> None:
    """Keep the cached status in step with the payments (call in the same transaction)."""
    if invoice.status == DocStatus.VOID:
        return
    paid = paid_by_invoice(session, [invoice.id]).get(invoice.id, 0)
    invoice.status = "paid" if paid >= invoice.total else "open"


def describe_due(info: InvoiceInfo) -> str:
    return _("jatuh tempo {date}").format(date=format_date(info.due_date))


# --- the invoice PDF ------------------------------------------------------------------------

def customer_address(c: Customer | None) -> str:
    if c is None:
        return ""
    rtrw = f"RT {c.rt}/RW {c.rw}" if c.rt or c.rw else ""
    parts = [c.address, rtrw, c.desa and _("Desa {desa}").format(desa=c.desa),
             c.kecamatan and _("Kec. {kecamatan}").format(kecamatan=c.kecamatan), c.kabupaten]
    return ", ".join(p for p in parts if p)


def invoice_doc(session: Session, inv: Invoice):
    """Plain values for the invoice PDF (session helper)."""
    from kws_desktop.documents.invoice import (InvoiceDoc, InvoiceDocInstalment, InvoiceDocLine,
                                               InvoiceDocReceipt)
    info = invoice_infos(session, [inv])[0]
    cust = session.get(Customer, inv.customer_id)
    count = len(info.instalments)
    has_dp = any(i.is_down_payment for i in info.instalments)
    return InvoiceDoc(
        number=info.number, date=info.date, due_date=info.due_date, payer_name=info.payer_name,
        payer_address=customer_address(cust), payer_label=info.payer_label, total=info.total,
        paid=info.paid,
        lines=[InvoiceDocLine(l.order_number, l.description.split(": ", 1)[-1], l.amount, l.paid)
               for l in info.lines],
        instalments=[InvoiceDocInstalment(i.label(count, has_dp), i.due_date, i.amount, i.paid)
                     for i in info.instalments],
        receipts=[InvoiceDocReceipt(r.number, r.date, r.amount, r.void, r.void_reason)
                  for r in info.receipts],
        note=info.note, void=info.status == DocStatus.VOID,
        void_reason=info.void_reason, advance_applied=info.advance_applied)


def write_invoice_pdf(book: Book, number: str, path, *, paper: str | None = None):
    """Print an invoice by its number to a PDF (unknown numbers refused)."""
    from kws_desktop.documents.invoice import write_invoice
    from kws_desktop.services.book.books import _to_profile, read_setting
    from kws_desktop.store.models.book import Profile
    with book.reading() as s:
        inv = s.execute(select(Invoice).where(Invoice.number == number.strip().upper())).scalar()
        if inv is None:
            raise UserError(_("Tagihan {number} tidak ditemukan.").format(number=number))
        doc = invoice_doc(s, inv)
        profile = _to_profile(s.get(Profile, 1))
        paper = paper or read_setting(s, "document_paper")
    return write_invoice(doc, path, profile=profile, paper=paper)

"""What is owed to the group: per payer, per order, aged; overdue instalments; paged lists of
invoices, payments and receipts for the screens and the command line.

Everything here is read from invoices, instalments and posted payment allocations, so it
always agrees with the journal (Piutang Usaha per customer)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.allocation import Ageing, ageing
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, format_date, p_
from kws_desktop.services.billing.invoices import InvoiceInfo, invoice_infos
from kws_desktop.store.book import Book
from kws_desktop.store.models.billing import (Instalment, Invoice, InvoiceLine, Payment,
                                              PaymentAllocation, Receipt)
from kws_desktop.store.models.sales import Customer


def payer_label(payer_type: str) -> str:
    try:
        return PAYER_LABELS[PayerType(payer_type)]
    except ValueError:
        return payer_type


# --- per order ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PayerBilling:
    payer_type: str
    customer_id: int
    payer_name: str
    invoiced: int
    paid: int

    @property
    def outstanding(self) -> int:
        return self.invoiced - self.paid


@dataclass(frozen=True)
class ReceiptRef:
    number: str
    date: dt.date
    amount: int
    status: str
    invoice_number: str
    payer_name: str
    void_reason: str = ""  # a voided kuitansi: why (its money is not in what was paid)


@dataclass(frozen=True)
class OrderBillingSummary:
    order_id: int
    invoiced: int
    paid: int
    payers: tuple[PayerBilling, ...]
    invoices: tuple[InvoiceInfo, ...]
    receipts: tuple[ReceiptRef, ...]

    @property
    def outstanding(self) -> int:
        return self.invoiced - self.paid


def order_billing_summary(book: Book, order_id: int) -> OrderBillingSummary:
    """Invoiced, paid and outstanding for one order, per payer, with its invoices and receipts.
    An invoice covering many orders counts here only with this order's line (its payments
    shared over the lines in proportion)."""
    with book.reading() as s:
        return read_order_billing(s, order_id)


def read_order_billing(session: Session, order_id: int) -> OrderBillingSummary:
    """Session helper behind :func:`order_billing_summary`."""
    inv_ids = session.execute(select(InvoiceLine.invoice_id).where(InvoiceLine.order_id == order_id)
                              .distinct()).scalars().all()
    invs = session.execute(select(Invoice).where(Invoice.id.in_(inv_ids))
                           .order_by(Invoice.date, Invoice.id)).scalars().all() if inv_ids else []
    infos = invoice_infos(session, invs)
    per: dict[tuple[str, int], list[int]] = {}
    names: dict[tuple[str, int], str] = {}
    for info in infos:
        if info.status == DocStatus.VOID:
            continue
        key = (info.payer_type, info.customer_id)
        names[key] = info.payer_name
        sums = per.setdefault(key, [0, 0])
        for line in info.lines:
            if line.order_id == order_id:
                sums[0] += line.amount
                sums[1] += line.paid
    payers = tuple(PayerBilling(pt, cid, names[(pt, cid)], a, p) for (pt, cid), (a, p) in per.items())
    receipts = []
    if inv_ids:
        for number, date, amount, status, inv_number, payer, reason in session.execute(
                select(Receipt.number, Receipt.date, Payment.amount, Payment.status, Invoice.number,
                       Payment.payer_name, Payment.void_reason)
                .join(Payment, Payment.id == Receipt.payment_id)
                .join(Invoice, Invoice.id == Payment.invoice_id)
                .where(Payment.invoice_id.in_(inv_ids)).order_by(Receipt.date, Receipt.id)).all():
            receipts.append(ReceiptRef(number, date, amount, status, inv_number, payer, reason or ""))
    return OrderBillingSummary(order_id, sum(p.invoiced for p in payers), sum(p.paid for p in payers),
                               payers, tuple(infos), tuple(receipts))


# --- ageing ---------------------------------------------------------------------------------

def _open_instalments(session: Session, as_of: dt.date, customer_id: int | None = None):
    """(customer_id, invoice id, invoice number, seq, due date, open amount) of every
    instalment of a standing invoice issued by `as_of`, counting payments dated by `as_of`."""
    paid = (select(PaymentAllocation.instalment_id.label("iid"),
                   func.sum(PaymentAllocation.amount).label("paid"))
            .join(Payment, Payment.id == PaymentAllocation.payment_id)
            .where(Payment.status == DocStatus.POSTED, Payment.date <= as_of)
            .group_by(PaymentAllocation.instalment_id).subquery())
    q = (select(Invoice.customer_id, Invoice.id, Invoice.number, Instalment.seq, Instalment.due_date,
                Instalment.amount - func.coalesce(paid.c.paid, 0))
         .join(Instalment, Instalment.invoice_id == Invoice.id)
         .outerjoin(paid, paid.c.iid == Instalment.id)
         .where(Invoice.status != DocStatus.VOID, Invoice.date <= as_of)
         .where(Instalment.amount - func.coalesce(paid.c.paid, 0) > 0))
    if customer_id is not None:
        q = q.where(Invoice.customer_id == customer_id)
    return session.execute(q).all()


def read_open_total(session: Session, as_of: dt.date, customer_id: int) -> int:
    """Session-level: everything one payer still owes on `as_of` (late or not)."""
    return sum(int(r[5]) for r in _open_instalments(session, as_of, customer_id))


@dataclass(frozen=True)
class PayerReceivable:
    customer_id: int
    name: str
    kind: str          # household | institution
    payer_type: str
    phone: str
    desa: str
    ageing: Ageing
    overdue_instalments: int
    oldest_due: dt.date | None

    @property
    def outstanding(self) -> int:
        return self.ageing.total


def receivables_by_payer(book: Book, as_of: dt.date | None = None) -> list[PayerReceivable]:
    """Every payer who owes something on `as_of` (default today), most overdue first."""
    as_of = as_of or dt.date.today()
    with book.reading() as s:
        rows = _open_instalments(s, as_of)
        items: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
        for cid, _iid, _num, _seq, due, open_ in rows:
            items[cid].append((due, int(open_)))
        customers = {c.id: (c.name, c.kind, c.payer_type, c.phone, c.desa)
                     for c in s.execute(select(Customer).where(
                         Customer.id.in_(list(items)))).scalars()} if items else {}
    out = []
    for cid, its in items.items():
        name, kind, payer_type, phone, desa = customers.get(cid, ("?", "household", "", "", ""))
        out.append(PayerReceivable(
            customer_id=cid, name=name, kind=kind, payer_type=payer_type, phone=phone, desa=desa,
            ageing=ageing(its, as_of), overdue_instalments=sum(1 for d, _a in its if d < as_of),
            oldest_due=min(d for d, _a in its)))
    out.sort(key=lambda r: (-r.ageing.over_90, -r.ageing.d61_90, -r.ageing.d31_60,
                            -r.ageing.overdue, r.name))
    return out


@dataclass(frozen=True)
class ReceivablesSummary:
    as_of: dt.date
    ageing: Ageing
    payers: int
    overdue_payers: int
    overdue_instalments: int


def receivables_summary(book: Book, as_of: dt.date | None = None) -> ReceivablesSummary:
    """Totals for the dashboard: what is owed, by age, and how many are late."""
    as_of = as_of or dt.date.today()
    rows = receivables_by_payer(book, as_of)
    total = Ageing()
    for r in rows:
        total = total + r.ageing
    return ReceivablesSummary(as_of, total, len(rows), sum(1 for r in rows if r.ageing.overdue),
                              sum(r.overdue_instalments for r in rows))


@dataclass(frozen=True)
class OverdueInstalment:
    customer_id: int
    payer_name: str
    phone: str
    invoice_id: int
    invoice_number: str
    seq: int
    count: int
    due_date: dt.date
    open: int
    days_late: int
    has_down_payment: bool = False

    @property
    def label(self) -> str:
        from kws_desktop.services.billing.invoices import instalment_label
        return instalment_label(self.seq, self.count, self.has_down_payment)


def overdue_instalments(book: Book, as_of: dt.date | None = None,
                        customer_id: int | None = None) -> list[OverdueInstalment]:
    """Instalments past their due date and not fully paid, the longest overdue first."""
    with book.reading() as s:
        return read_overdue(s, as_of or dt.date.today(), customer_id)


def read_overdue(s: Session, as_of: dt.date, customer_id: int | None = None) -> list[OverdueInstalment]:
    """Session-level overdue_instalments."""
    rows = [r for r in _open_instalments(s, as_of, customer_id) if r[4] < as_of]
    inv_ids = {r[1] for r in rows}
    counts = dict(s.execute(select(Instalment.invoice_id, func.count(Instalment.id))
                            .where(Instalment.invoice_id.in_(inv_ids))
                            .group_by(Instalment.invoice_id)).all()) if inv_ids else {}
    with_dp = set(s.execute(select(Instalment.invoice_id).where(
        Instalment.invoice_id.in_(inv_ids), Instalment.is_down_payment)).scalars()) if inv_ids else set()
    custs = {c.id: (c.name, c.phone) for c in s.execute(select(Customer).where(
        Customer.id.in_({r[0] for r in rows}))).scalars()} if rows else {}
    out = [OverdueInstalment(cid, *custs.get(cid, ("?", "")), iid, num, seq,
                             counts.get(iid, 1), due, int(open_), (as_of - due).days, iid in with_dp)
           for cid, iid, num, seq, due, open_ in rows]
    out.sort(key=lambda o: (o.due_date, o.payer_name, o.seq))
    return out


def build_receivables_report(book: Book, as_of: dt.date | None = None) -> TabularReport:
    """Piutang per pembayar dengan umur piutang (belum jatuh tempo, 0-30, 31-60, 61-90, >90 hari)."""
    as_of = as_of or dt.date.today()
    rows = receivables_by_payer(book, as_of)
    columns = [
        Column("name", _("Pembayar")), Column("kind", _("Jenis")),
        Column("not_due", _("Belum jatuh tempo"), "money"),
        Column("d0_30", _("0-30 hari"), "money"), Column("d31_60", _("31-60 hari"), "money"),
        Column("d61_90", _("61-90 hari"), "money"), Column("over_90", _("> 90 hari"), "money"),
        Column("total", _("Jumlah"), "money"),
    ]
    out = []
    total = Ageing()
    for r in rows:
        total = total + r.ageing
        kind = payer_label(r.payer_type) if r.kind == "institution" else _("Rumah tangga")
        # a household with its village: namesakes told apart, and the treasurer knows where to go
        name = f"{r.name}, {r.desa}" if r.kind == "household" and r.desa else r.name
        out.append(Row({"name": name, "kind": kind, "not_due": r.ageing.not_due,
                        "d0_30": r.ageing.d0_30, "d31_60": r.ageing.d31_60,
                        "d61_90": r.ageing.d61_90, "over_90": r.ageing.over_90,
                        "total": r.ageing.total}))
    out.append(Row({"name": p_("baris total", "Jumlah"), "not_due": total.not_due, "d0_30": total.d0_30,
                    "d31_60": total.d31_60, "d61_90": total.d61_90, "over_90": total.over_90,
                    "total": total.total}, style="total"))
    notes = [_("Umur piutang dihitung dari tanggal jatuh tempo setiap cicilan sampai {date}.")
             .format(date=format_date(as_of))]
    if total.overdue:
        notes.append(_("Lewat jatuh tempo: {amount} dari {n} pembayar.").format(
            amount=_rp(total.overdue), n=sum(1 for r in rows if r.ageing.overdue)))
    return TabularReport(title=_("Daftar Piutang dan Umur Piutang"),
                         subtitle=_("Per {date}").format(date=format_date(as_of)),
                         columns=columns, rows=out, notes=notes)


def _rp(amount: int) -> str:
    from kws_desktop.i18n import format_rupiah
    return format_rupiah(amount)


# --- paged lists ----------------------------------------------------------------------------

@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str
    date: dt.date
    due_date: dt.date
    payer_name: str
    payer_type: str
    customer_id: int
    total: int
    paid: int
    status: str
    orders: int

    @property
    def outstanding(self) -> int:
        return 0 if self.status == DocStatus.VOID else self.total - self.paid


def _like(text: str) -> str:
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _invoice_query(search: str = "", status: str | None = None, payer_type: str | None = None,
                   customer_id: int | None = None, overdue_on: dt.date | None = None):
    q = select(Invoice)
    if search.strip():
        like = _like(search)
        order_match = select(InvoiceLine.invoice_id).where(InvoiceLine.description.ilike(like, escape="\\"))
        q = q.where(or_(Invoice.number.ilike(like, escape="\\"),
                        Invoice.payer_name.ilike(like, escape="\\"),
                        Invoice.id.in_(order_match)))
    if status:
        q = q.where(Invoice.status == status)
    if payer_type:
        if payer_type == "program":
            q = q.where(Invoice.payer_type != "swadaya")
        else:
            q = q.where(Invoice.payer_type == payer_type)
    if customer_id is not None:
        q = q.where(Invoice.customer_id == customer_id)
    if overdue_on is not None:
        late = (select(Instalment.invoice_id).where(Instalment.due_date < overdue_on))
        q = q.where(Invoice.status == "open", Invoice.id.in_(late))
    return q


def list_invoices(book: Book, search: str = "", *, status: str | None = None,
                  payer_type: str | None = None, customer_id: int | None = None,
                  overdue_on: dt.date | None = None, offset: int = 0,
                  limit: int | None = 200) -> list[InvoiceRow]:
    """One page of invoices, newest first (search: number, payer, order text)."""
    with book.reading() as s:
        q = _invoice_query(search, status, payer_type, customer_id, overdue_on) \
            .order_by(Invoice.date.desc(), Invoice.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        invs = s.execute(q).scalars().all()
        ids = [i.id for i in invs]
        from kws_desktop.services.billing.invoices import paid_by_invoice
        paid = paid_by_invoice(s, ids)
        counts = dict(s.execute(select(InvoiceLine.invoice_id, func.count(InvoiceLine.id))
                                .where(InvoiceLine.invoice_id.in_(ids))
                                .group_by(InvoiceLine.invoice_id)).all()) if ids else {}
        return [InvoiceRow(i.id, i.number, i.date, i.due_date, i.payer_name, i.payer_type,
                           i.customer_id, i.total, paid.get(i.id, 0), i.status, counts.get(i.id, 0))
                for i in invs]


def count_invoices(book: Book, search: str = "", *, status: str | None = None,
                   payer_type: str | None = None, customer_id: int | None = None,
                   overdue_on: dt.date | None = None) -> int:
    with book.reading() as s:
        q = _invoice_query(search, status, payer_type, customer_id, overdue_on).subquery()
        return s.execute(select(func.count()).select_from(q)).scalar() or 0


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    number: str
    date: dt.date
    payment_id: int
    payer_name: str
    invoice_number: str
    method: str
    amount: int
    advance: int
    status: str
    print_count: int
    void_reason: str


def _receipt_query(search: str = "", status: str | None = None, method: str | None = None,
                   start: dt.date | None = None, end: dt.date | None = None):
    q = (select(Receipt, Payment, Invoice.number)
         .join(Payment, Payment.id == Receipt.payment_id)
         .join(Invoice, Invoice.id == Payment.invoice_id))
    if search.strip():
        like = _like(search)
        q = q.where(or_(Receipt.number.ilike(like, escape="\\"), Payment.payer_name.ilike(like, escape="\\"),
                        Invoice.number.ilike(like, escape="\\"), Invoice.payer_name.ilike(like, escape="\\")))
    if status:
        q = q.where(Receipt.status == status)
    if method:
        q = q.where(Payment.method == method)
    if start:
        q = q.where(Receipt.date >= start)
    if end:
        q = q.where(Receipt.date <= end)
    return q


def list_receipts(book: Book, search: str = "", *, status: str | None = None,
                  method: str | None = None, start: dt.date | None = None,
                  end: dt.date | None = None, offset: int = 0,
                  limit: int | None = 200) -> list[ReceiptRow]:
    """One page of receipts (kuitansi), newest first."""
    with book.reading() as s:
        q = _receipt_query(search, status, method, start, end) \
            .order_by(Receipt.date.desc(), Receipt.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [ReceiptRow(r.id, r.number, r.date, p.id, p.payer_name, inv_number, p.method, p.amount,
                           p.advance, r.status, r.print_count, p.void_reason)
                for r, p, inv_number in s.execute(q).all()]


def count_receipts(book: Book, search: str = "", *, status: str | None = None,
                   method: str | None = None, start: dt.date | None = None,
                   end: dt.date | None = None) -> int:
    with book.reading() as s:
        q = _receipt_query(search, status, method, start, end).subquery()
        return s.execute(select(func.count()).select_from(q)).scalar() or 0


# --- finding the person who pays -------------------------------------------------------------

@dataclass(frozen=True)
class PayerMatch:
    customer_id: int
    name: str
    kind: str
    desa: str
    phone: str
    outstanding: int
    open_invoices: int


def find_payers(book: Book, text: str, *, limit: int = 30) -> list[PayerMatch]:
    """Customers whose name, phone, desa or invoice/order number matches, who have invoices,
    those still owing first (for the quick payment screen)."""
    text = text.strip()
    with book.reading() as s:
        owed = (select(Invoice.customer_id.label("cid"),
                       func.sum(Invoice.total).label("total"),
                       func.count(Invoice.id).label("n"))
                .where(Invoice.status == "open").group_by(Invoice.customer_id).subquery())
        q = (select(Customer, owed.c.total, owed.c.n).outerjoin(owed, owed.c.cid == Customer.id)
             .where(Customer.id.in_(select(Invoice.customer_id))))
        if text:
            like = _like(text)
            digits = "".join(ch for ch in text if ch.isdigit())
            conds = [Customer.name.ilike(like, escape="\\"), Customer.desa.ilike(like, escape="\\"),
                     Customer.id.in_(select(Invoice.customer_id).where(or_(
                         Invoice.number.ilike(like, escape="\\"),
                         Invoice.id.in_(select(InvoiceLine.invoice_id).where(
                             InvoiceLine.description.ilike(like, escape="\\"))))))]
            if len(digits) >= 4:
                conds.append(Customer.phone_digits.like(f"%{digits}%"))
            q = q.where(or_(*conds))
        q = q.order_by(owed.c.n.is_(None), Customer.name).limit(limit)
        rows = s.execute(q).all()
        ids = [c.id for c, _t, _n in rows]
        from kws_desktop.services.billing.invoices import paid_by_invoice
        open_ids = s.execute(select(Invoice.id, Invoice.customer_id, Invoice.total).where(
            Invoice.customer_id.in_(ids), Invoice.status == "open")).all() if ids else []
        paid = paid_by_invoice(s, [i for i, _c, _t in open_ids])
        outstanding: dict[int, int] = defaultdict(int)
        for iid, cid, total in open_ids:
            outstanding[cid] += total - paid.get(iid, 0)
        return [PayerMatch(c.id, c.name, c.kind, c.desa, c.phone, outstanding.get(c.id, 0), n or 0)
                for c, _t, n in rows]


STATUS_LABELS = {"open": N_("Belum lunas"), "paid": N_("Lunas"), DocStatus.VOID: N_("Batal"),
                 DocStatus.POSTED: N_("Sah")}


# --- rows for `kws-desktop list invoices|payments|receipts` ----------------------------------

def invoice_list_rows(book: Book) -> list[dict]:
    with book.reading() as s:
        from kws_desktop.services.billing.invoices import paid_by_invoice
        from kws_desktop.store.models.jobs import Order
        paid = paid_by_invoice(s)
        orders: dict[int, list[str]] = defaultdict(list)
        for inv_id, number in s.execute(select(InvoiceLine.invoice_id, Order.number)
                                        .join(Order, Order.id == InvoiceLine.order_id)
                                        .order_by(InvoiceLine.id)).all():
            orders[inv_id].append(number)
        rows = []
        for i in s.execute(select(Invoice).order_by(Invoice.date, Invoice.id)).scalars():
            p = paid.get(i.id, 0)
            rows.append({"number": i.number, "date": i.date.isoformat(), "status": i.status,
                         "payer": i.payer_name, "payer_type": i.payer_type,
                         "due_date": i.due_date.isoformat(), "amount": i.total, "paid": p,
                         "outstanding": 0 if i.status == DocStatus.VOID else i.total - p,
                         "orders": orders.get(i.id, [])})
        return rows


def payment_list_rows(book: Book) -> list[dict]:
    with book.reading() as s:
        q = (select(Payment, Receipt.number, Invoice.number)
             .join(Receipt, Receipt.payment_id == Payment.id)
             .join(Invoice, Invoice.id == Payment.invoice_id).order_by(Payment.date, Payment.id))
        return [{"number": rnum, "date": p.date.isoformat(), "status": p.status,
                 "payer": p.payer_name, "invoice": inum, "method": p.method, "amount": p.amount,
                 "allocated": p.amount - p.advance, "advance": p.advance,
                 "void_reason": p.void_reason}
                for p, rnum, inum in s.execute(q).all()]


def receipt_list_rows(book: Book) -> list[dict]:
    with book.reading() as s:
        q = (select(Receipt, Payment, Invoice.number)
             .join(Payment, Payment.id == Receipt.payment_id)
             .join(Invoice, Invoice.id == Payment.invoice_id).order_by(Receipt.date, Receipt.id))
        return [{"number": r.number, "date": r.date.isoformat(), "status": r.status,
                 "payer": p.payer_name, "invoice": inum, "method": p.method, "amount": p.amount,
                 "meterai": p.amount > 5_000_000, "print_count": r.print_count}
                for r, p, inum in s.execute(q).all()]

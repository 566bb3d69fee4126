"""Orders: from an accepted quote (or entered directly) to handover, with the job's real cost.

Book-level functions (first argument `book`) are one transaction each. Session-level helpers
(`read_order`, `order_has_payments`, `ensure_order_open_for_work`) take a session and never
commit.

Stages: dijadwalkan -> dikerjakan -> selesai -> diserahterimakan, or batal (with a reason).
Crew labour posts Dr A.COST_LABOUR / Cr A.WAGES_PAYABLE (party member, source "order_crew");
other costs post Dr the cost account / Cr cash or bank (source "order_cost"). Corrections are
voids with a reason, posted as reversals.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.text import one_line
from kws_desktop.core.accounts import A
from kws_desktop.core.job_costing import (COST_KIND_LABELS, STAGE_LABELS, STAGE_LINE, CostKind,
                                          JobCost, Stage, check_stage_date, is_backward, needs_crew,
                                          stage_rank, stages_between)
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.money import QuantityError, line_total, to_quantity
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_date, format_quantity, format_rupiah
from kws_desktop.services.book.amounts import FUNDING, LIST_PRICE, PART, PAYMENT, WAGE, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.jobs import job_costing as costing
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_date
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import JournalEntry
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.people import Member
from kws_desktop.store.models.jobs import (Order, OrderCost, OrderCrew, OrderHandover, OrderItem,
                                             OrderPayer, OrderPhoto, OrderStageEvent)


COST_ACCOUNTS = {
    CostKind.TRANSPORT: A.COST_TRANSPORT,
    CostKind.EQUIPMENT: A.COST_EQUIPMENT,
    CostKind.PERMITS: A.COST_PERMITS,
    CostKind.OTHER: A.COST_OTHER_JOB,  # cost of sales (revision 0007); earlier ones stay on 6-1000
}
METHOD_ACCOUNTS = {"cash": A.CASH, "transfer": A.BANK}
METHOD_LABELS = {"cash": N_("Tunai"), "transfer": N_("Bank")}
MAX_DAYS = Decimal(366)


# --- inputs -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ComponentInput:
    """One component of a package's RAB (what the price was made of)."""

    description: str
    qty: Decimal | int | str
    unit: str = ""
    unit_price: int = 0   # selling price per unit
    amount: int = 0       # selling amount
    cost: int = 0         # expected cost
    material_id: int | None = None


@dataclass(frozen=True)
class LineInput:
    """A line of an order: a package (with components) or a single line of work."""

    description: str
    qty: Decimal | int | str = 1
    unit: str = "unit"
    unit_price: int = 0
    cost: int = 0                      # expected cost of the whole line (qty x unit cost)
    package_id: int | None = None
    components: tuple[ComponentInput, ...] = ()
    amount: int | None = None          # qty x unit price unless given (a quote's own rounding)


@dataclass(frozen=True)
class PayerInput:
    payer_type: str          # core.payers.PayerType
    amount: int
    name: str = ""           # "BAZNAS Kab. Tangerang"; default: the customer or the payer label
    payer_customer_id: int | None = None


@dataclass(frozen=True)
class OrderInput:
    customer_id: int
    date: dt.date
    lines: tuple[LineInput, ...]
    payers: tuple[PayerInput, ...] = ()   # empty: the household pays all (swadaya)
    discount: int = 0
    planned_start: dt.date | None = None
    address: str | None = None            # place of work; default the customer's address
    facilitator_name: str = ""
    description: str = ""
    notes: str = ""
    backdate_note: str = ""   # why it is dated before the latest order of its year (book/backdating.py)


# --- views ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemRow:
    id: int
    line_no: int
    kind: str
    description: str
    unit: str
    qty: Decimal
    unit_price: int
    amount: int
    cost: int
    parent_id: int | None
    material_id: int | None


@dataclass(frozen=True)
class PayerRow:
    id: int
    payer_type: str
    name: str
    amount: int
    payer_customer_id: int | None

    @property
    def label(self) -> str:
        return PAYER_LABELS.get(PayerType(self.payer_type), self.payer_type)


@dataclass(frozen=True)
class StageEventRow:
    from_stage: str
    to_stage: str
    date: dt.date
    reason: str
    created_by: str
    created_at: dt.datetime


@dataclass(frozen=True)
class CrewRow:
    id: int
    member_id: int
    member_name: str
    work_date: dt.date
    days: Decimal
    daily_wage: int
    amount: int
    role: str
    status: str
    void_reason: str
    journal_number: str


@dataclass(frozen=True)
class CostRow:
    id: int
    date: dt.date
    kind: str
    description: str
    amount: int
    method: str
    status: str
    void_reason: str
    journal_number: str

    @property
    def kind_label(self) -> str:
        return _(COST_KIND_LABELS[CostKind(self.kind)])


@dataclass(frozen=True)
class MaterialUseRow:
    material_id: int
    name: str
    unit: str
    qty: Decimal
    value: int
    source: str  # stock | purchase


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    attachment_id: int
    stage_pct: int
    date: dt.date
    caption: str


@dataclass(frozen=True)
class HandoverRow:
    id: int
    number: str
    date: dt.date
    status: str
    receiver_name: str
    void_reason: str


@dataclass(frozen=True)
class OrderView:
    """The whole story of one order."""

    id: int
    number: str
    date: dt.date
    stage: str
    customer_id: int
    customer_name: str
    address: str
    desa: str
    kecamatan: str
    quote_id: int | None
    quote_number: str
    package: str
    description: str
    discount: int
    price: int
    quoted_cost: int
    facilitator_name: str
    planned_start: dt.date | None
    started_date: dt.date | None
    finished_date: dt.date | None
    handed_over_date: dt.date | None
    cancel_reason: str
    cancelled_date: dt.date | None
    notes: str
    cost: JobCost
    items: tuple[ItemRow, ...] = ()
    payers: tuple[PayerRow, ...] = ()
    events: tuple[StageEventRow, ...] = ()
    crew: tuple[CrewRow, ...] = ()
    costs: tuple[CostRow, ...] = ()
    materials: tuple[MaterialUseRow, ...] = ()
    photos: tuple[PhotoInfo, ...] = ()
    handovers: tuple[HandoverRow, ...] = ()
    has_payments: bool = False

    @property
    def stage_label(self) -> str:
        return _(STAGE_LABELS[Stage(self.stage)])

    @property
    def cancelled(self) -> bool:
        return self.stage == Stage.BATAL

    @property
    def program_funded(self) -> bool:
        return any(p.payer_type != PayerType.SWADAYA for p in self.payers)

    @property
    def handover(self) -> HandoverRow | None:
        return next((h for h in reversed(self.handovers) if h.status == "issued"), None)

    @property
    def main_items(self) -> tuple[ItemRow, ...]:
        return tuple(i for i in self.items if i.parent_id is None)

    def stage_date(self, stage: str) -> dt.date | None:
        return {Stage.DIJADWALKAN: self.date, Stage.DIKERJAKAN: self.started_date,
                Stage.SELESAI: self.finished_date, Stage.DISERAHTERIMAKAN: self.handed_over_date,
                Stage.BATAL: self.cancelled_date}[Stage(stage)]


@dataclass(frozen=True)
class OrderRow:
    """One line of the order list."""

    id: int
    number: str
    date: dt.date
    stage: str
    customer_name: str
    desa: str
    kecamatan: str
    package: str
    payer_kinds: str
    price: int
    quoted_cost: int
    material: int
    labour: int
    other: int

    @property
    def cost(self) -> int:
        return self.material + self.labour + self.other

    @property
    def margin(self) -> int:
        return self.price - self.cost

    @property
    def job_cost(self) -> JobCost:
        return JobCost(self.price, self.quoted_cost, self.material, self.labour, self.other)

    @property
    def stage_label(self) -> str:
        return _(STAGE_LABELS[Stage(self.stage)])


@dataclass(frozen=True)
class OrderFilter:
    stage: str | None = None
    desa: str | None = None
    kecamatan: str | None = None
    payer_type: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    search: str = ""
    customer_id: int | None = None


@dataclass(frozen=True)
class OrderTotals:
    count: int
    price: int
    cost: int

    @property
    def margin(self) -> int:
        return self.price - self.cost


# --- helpers ----------------------------------------------------------------------------

def _qty(value, field_name: str, problems: list) -> Decimal | None:
    try:
        qty = to_quantity(value)
    except (QuantityError, TypeError):
        problems.append((field_name, _("Banyaknya harus angka (paling banyak 3 angka di belakang koma).")))
        return None
    if qty <= 0:
        problems.append((field_name, _("Banyaknya harus lebih dari nol.")))
        return None
    return qty


def _get(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id) if type(order_id) is int else None  # no None id to the ORM
    if order is None:
        raise UserError(_("Pesanan tidak ditemukan."))
    return order


def _stage_date(order: Order, stage: Stage) -> dt.date | None:
    return {Stage.DIJADWALKAN: order.date, Stage.DIKERJAKAN: order.started_date,
            Stage.SELESAI: order.finished_date,
            Stage.DISERAHTERIMAKAN: order.handed_over_date}.get(stage)


def _set_stage_date(order: Order, stage: Stage, value: dt.date | None) -> None:
    if stage == Stage.DIKERJAKAN:
        order.started_date = value
    elif stage == Stage.SELESAI:
        order.finished_date = value
    elif stage == Stage.DISERAHTERIMAKAN:
        order.handed_over_date = value


def _stage_name(stage: Stage | str) -> str:
    return _(STAGE_LABELS[Stage(stage)]).lower()


def _customer_place(customer: Customer) -> tuple[str, str, str]:
    rtrw = f"RT {customer.rt}/RW {customer.rw}" if customer.rt or customer.rw else ""
    address = ", ".join(p for p in (customer.address, rtrw) if p)
    return address, customer.desa, customer.kecamatan


def ensure_order_open_for_work(session: Session, order_id: int) -> Order:
    """Session-level: the order, refusing a cancelled one (nothing more is booked on it)."""
    order = _get(session, order_id)
    if order.status == Stage.BATAL:
        raise UserError(_("Pesanan {number} sudah dibatalkan; tidak bisa dicatat lagi.")
                        .format(number=order.number))
    return order


def order_open_on(session: Session, order_id: int, day: dt.date, too_early: str, *,
                  field: str = "date") -> Order:
    """Session-level: the order open for work (ensure_order_open_for_work) on `day`; a day before
    the order's date is refused with `too_early`, a sentence with {date} and {order_date}."""
    order = ensure_order_open_for_work(session, order_id)
    if isinstance(day, dt.date) and day < order.date:
        raise UserError(too_early.format(date=format_date(day), order_date=format_date(order.date)), field=field)
    return order


def order_has_payments(session: Session, order_id: int) -> bool:
    """Session-level: has any (not voided) payment been received on an invoice for this order?"""
    from kws_desktop.store.models.billing import InvoiceLine, Payment
    return session.execute(
        select(Payment.id).join(InvoiceLine, InvoiceLine.invoice_id == Payment.invoice_id)
        .where(InvoiceLine.order_id == order_id, Payment.status == DocStatus.POSTED).limit(1)).first() is not None


def _open_invoices(session: Session, order_id: int) -> list[str]:
    from kws_desktop.store.models.billing import Invoice, InvoiceLine
    return list(session.execute(
        select(Invoice.number).join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.order_id == order_id, Invoice.status != DocStatus.VOID)
        .distinct().order_by(Invoice.number)).scalars())


# --- creating orders --------------------------------------------------------------------

def _validate_input(session: Session, data: OrderInput) -> tuple[Customer, list, int, list]:
    problems: list = []
    customer = session.get(Customer, data.customer_id) if data.customer_id else None
    if customer is None:
        problems.append(("customer", _("Pilih pelanggan (rumah tangga) untuk pesanan ini.")))
    if not isinstance(data.date, dt.date):
        problems.append(("date", _("Isi tanggal pesanan.")))
    if data.planned_start is not None and isinstance(data.date, dt.date) and data.planned_start < data.date:
        problems.append(("planned_start", _("Rencana mulai kerja tidak boleh sebelum tanggal pesanan.")))
    if not data.lines:
        problems.append(("lines", _("Isi paling sedikit satu pekerjaan.")))
    lines = []
    for i, line in enumerate(data.lines):
        desc = one_line(line.description)
        if not desc:
            problems.append((f"lines.{i}.description", _("Isi uraian pekerjaan.")))
        qty = _qty(line.qty, f"lines.{i}.qty", problems)
        price = check_rupiah(line.unit_price, f"lines.{i}.unit_price", problems, LIST_PRICE,
                             _("Harga pada baris {n}").format(n=i + 1))
        cost = check_rupiah(line.cost, f"lines.{i}.cost", problems, LIST_PRICE,
                            _("Biaya pada baris {n}").format(n=i + 1))
        if qty is None or price is None or cost is None:
            continue
        amount = line.amount if line.amount is not None else line_total(qty, price)
        comps = []
        for j, comp in enumerate(line.components):
            try:
                cqty = to_quantity(comp.qty)
            except (QuantityError, TypeError):
                problems.append((f"lines.{i}.components.{j}.qty", _("Banyaknya harus angka.")))
                continue
            comps.append((comp, cqty))
        lines.append((line, desc, qty, price, amount, cost, comps))
    discount = check_rupiah(data.discount, "discount", problems, PART, _("Potongan harga")) or 0
    subtotal = sum(x[4] for x in lines)
    if discount > subtotal:
        problems.append(("discount", _("Potongan harga lebih besar dari jumlah pekerjaan.")))
    price = subtotal - discount
    payers = []
    for i, payer in enumerate(data.payers):
        try:
            kind = PayerType(payer.payer_type)
        except ValueError:
            problems.append((f"payers.{i}.payer_type", _("Jenis pembayar tidak dikenal.")))
            continue
        amount = check_rupiah(payer.amount, f"payers.{i}.amount", problems, FUNDING,
                              _("Bagian pembayar ke-{n}").format(n=i + 1))
        if amount is not None:
            payers.append((kind, amount, one_line(payer.name), payer.payer_customer_id))
    if data.payers and payers and not problems and sum(p[1] for p in payers) != price:
        problems.append(("payers", _("Jumlah bagian para pembayar ({paid}) harus sama dengan harga "
                                     "pesanan ({price}).").format(paid=format_rupiah(sum(p[1] for p in payers)),
                                                                  price=format_rupiah(price))))
    collect(problems)
    if not payers and price > 0:
        payers = [(PayerType.SWADAYA, price, "", None)]
    return customer, lines, discount, payers


def _work_description(data: OrderInput, main) -> str:
    """The work the order is for, as its papers name it: what was typed for the order, else the
    words of its largest line when that is not a package (a package names the work already)."""
    typed = one_line(data.description)
    if typed or main is None or main[0].package_id:
        return typed
    return one_line(main[1])[:300]


def _insert_order(session: Session, data: OrderInput, actor: str, *, quote_id: int | None = None,
                  quoted_cost: int | None = None, site_address: str = "") -> Order:
    customer, lines, discount, payers = _validate_input(session, data)
    ensure_open(session, data.date)
    address, desa, kecamatan = _customer_place(customer)
    if data.address:
        address = one_line(data.address)
    elif site_address:
        address = site_address
    subtotal = sum(x[4] for x in lines)
    main = max(lines, key=lambda x: x[4]) if lines else None
    backdated = ensure_date_order(session, "order", data.date, data.backdate_note)
    order = Order(number=next_number(session, "order", data.date.year), date=data.date,
                  status=Stage.DIJADWALKAN.value, customer_id=customer.id, quote_id=quote_id,
                  customer_name=customer.name, address=address, desa=desa, kecamatan=kecamatan,
                  package=(main[1][:150] if main and main[0].package_id else ""),
                  description=_work_description(data, main),
                  discount=discount, price=subtotal - discount,
                  quoted_cost=quoted_cost if quoted_cost is not None else sum(x[5] for x in lines),
                  payer_kinds=",".join(sorted({p[0].value for p in payers})),
                  facilitator_name=one_line(data.facilitator_name),
                  planned_start=data.planned_start, notes=noted(data.notes, backdated, limit=None),
                  created_by=actor)
    session.add(order)
    session.flush()
    no = 0
    for line, desc, qty, price, amount, cost, comps in lines:
        no += 1
        item = OrderItem(order_id=order.id, line_no=no, kind="package" if line.package_id else "line",
                         package_id=line.package_id, description=desc, unit=line.unit,
                         qty=qty, unit_price=price, amount=amount, cost=cost)
        session.add(item)
        for comp, cqty in comps:
            no += 1
            session.add(OrderItem(order_id=order.id, line_no=no, parent=item, kind="component",
                                  material_id=comp.material_id, description=comp.description[:300],
                                  unit=comp.unit[:20], qty=cqty, unit_price=comp.unit_price,
                                  amount=comp.amount, cost=comp.cost))
    for i, (kind, amount, name, payer_customer_id) in enumerate(payers, start=1):
        if not name:
            if kind == PayerType.SWADAYA:
                name = customer.name
            elif payer_customer_id and (payer := session.get(Customer, payer_customer_id)) is not None:
                name = payer.name
            else:
                name = PAYER_LABELS[kind]
        session.add(OrderPayer(order_id=order.id, line_no=i, payer_type=kind.value, name=name,
                               amount=amount, payer_customer_id=payer_customer_id))
    session.add(OrderStageEvent(order_id=order.id, from_stage="", to_stage=Stage.DIJADWALKAN.value,
                                date=data.date, created_by=actor))
    session.flush()
    audit.record(session, actor, "create", "order", order.id, number=order.number, price=order.price,
                 quote_id=quote_id, **audit_detail(backdated))
    return order


def create_order(book: Book, data: OrderInput) -> OrderView:
    """Enter an order directly (without a quote): customer, lines, payers."""
    with book.transaction() as s:
        order = _insert_order(s, data, book.actor)
        return read_order(s, order.id)


def add_order(session: Session, data: OrderInput, *, actor: str) -> int:
    """Session-level create_order (for imports and the demo): returns the new order's id."""
    return _insert_order(session, data, actor).id


def accept_quote(book: Book, quote_id: int, date: dt.date, *, planned_start: dt.date | None = None,
                 facilitator_name: str = "", backdate_note: str = "") -> OrderView:
    """Turn a quote into an order in one transaction: check the quote can still be accepted
    (an expired one is refused), copy its items, RAB components, payers and price, and mark the
    quote accepted (frozen from then on). `backdate_note`: see OrderInput."""
    with book.transaction() as s:
        order_id = accept_quote_in(s, quote_id, date, actor=book.actor, planned_start=planned_start,
                                   facilitator_name=facilitator_name, backdate_note=backdate_note)
        return read_order(s, order_id)


def accept_quote_in(session: Session, quote_id: int, date: dt.date, *, actor: str,
                    planned_start: dt.date | None = None, facilitator_name: str = "",
                    backdate_note: str = "") -> int:
    """Session-level accept_quote: returns the new order's id."""
    from kws_desktop.services.sales import quotes
    from kws_desktop.store.models.sales import Quote
    snap = quotes.quote_for_order(session, quote_id)
    quote = session.get(Quote, quote_id)
    if not isinstance(date, dt.date):
        raise UserError(_("Isi tanggal pesanan."), field="date")
    if quote.status == "accepted" or quote.order_id is not None:
        raise UserError(_("Penawaran {number} sudah diterima dan sudah menjadi pesanan.")
                        .format(number=snap.number))
    if quote.status == "expired" or date > quote.valid_until:
        raise UserError(_("Penawaran {number} sudah kedaluwarsa (berlaku sampai {date}). Buat revisi "
                          "dengan harga terbaru, lalu terima revisinya.").format(
            number=snap.number, date=format_date(quote.valid_until)), field="date")
    if date < snap.date:
        raise UserError(_("Tanggal pesanan tidak boleh sebelum tanggal penawaran ({date}).")
                        .format(date=format_date(snap.date)), field="date")
    lines = tuple(
        LineInput(description=item.description, qty=item.qty, unit=item.unit, unit_price=item.unit_price,
                  amount=item.amount, cost=item.cost, package_id=item.package_id,
                  components=tuple(ComponentInput(description=c.description, qty=c.qty, unit=c.unit,
                                                  unit_price=c.unit_price, amount=c.amount, cost=c.cost,
                                                  material_id=c.material_id)
                                   for c in getattr(item, "components", ())))
        for item in snap.items)
    payers = tuple(PayerInput(payer_type=p.payer_type, amount=p.amount, name=p.payer_name or "",
                              payer_customer_id=getattr(p, "payer_customer_id", None))
                   for p in snap.payers)
    data = OrderInput(customer_id=snap.customer_id, date=date, lines=lines, payers=payers,
                      discount=snap.discount, planned_start=planned_start,
                      facilitator_name=facilitator_name, description=quote.title or "",
                      backdate_note=backdate_note)
    order = _insert_order(session, data, actor, quote_id=quote_id, quoted_cost=snap.cost,
                          site_address=quote.site_address or "")
    if order.price != snap.total:
        raise UserError(_("Harga pesanan tidak sama dengan total penawaran; periksa penawaran {number}.")
                        .format(number=snap.number))
    quotes.mark_accepted(session, quote_id, order.id, date, actor)
    return order.id


# --- stages -----------------------------------------------------------------------------

def _has_crew(session: Session, order_id: int) -> bool:
    return session.execute(select(OrderCrew.id).where(OrderCrew.order_id == order_id,
                                                      OrderCrew.status == DocStatus.POSTED).limit(1)).first() is not None


def change_stage(book: Book, order_id: int, stage: str, date: dt.date, reason: str = "",
                 receiver_name: str = "", backdate_note: str = "") -> OrderView:
    """Move an order to another stage on `date`. Forward moves may skip stages (each one is
    recorded with the same date); going back needs a reason and is audited; cancelling goes
    through :func:`cancel_order`. A handover (its BAST) dated before the latest BAST of its year
    needs `backdate_note` (services/book/backdating.py), kept in the audit log."""
    with book.transaction() as s:
        move_stage(s, order_id, stage, date, actor=book.actor, reason=reason, receiver_name=receiver_name,
                   backdate_note=backdate_note)
        return read_order(s, order_id)


def move_stage(session: Session, order_id: int, stage: str, date: dt.date, *, actor: str,
               reason: str = "", receiver_name: str = "", backdate_note: str = "") -> None:
    """Session-level change_stage."""
    try:
        target = Stage(stage)
    except ValueError:
        raise UserError(_("Tahap pesanan tidak dikenal."), field="stage") from None
    if target == Stage.BATAL:
        cancel_in(session, order_id, date, reason, actor=actor)
        return
    order = ensure_order_open_for_work(session, order_id)
    current = Stage(order.status)
    reason = one_line(reason)
    if not isinstance(date, dt.date):
        raise UserError(_("Isi tanggal tahap."), field="date")
    if target == current:
        raise UserError(_("Pesanan {number} sudah di tahap {stage}.").format(
            number=order.number, stage=_stage_name(target)), field="stage")
    if date < order.date:
        raise UserError(_("Tanggal tahap ({date}) tidak boleh sebelum tanggal pesanan ({order_date}).")
                        .format(date=format_date(date), order_date=format_date(order.date)), field="date")
    if is_backward(current, target):
        if not reason:
            raise UserError(_("Tuliskan alasan mengembalikan pesanan ke tahap {stage}.")
                            .format(stage=_stage_name(target)), field="reason")
        for later in STAGE_LINE[stage_rank(target) + 1:]:
            _set_stage_date(order, later, None)
        if current == Stage.DISERAHTERIMAKAN:
            for h in session.execute(select(OrderHandover).where(OrderHandover.order_id == order.id,
                                                                 OrderHandover.status == "issued")).scalars():
                h.status, h.void_reason, h.voided_at = DocStatus.VOID, reason, dt.datetime.now(dt.UTC)
        session.add(OrderStageEvent(order_id=order.id, from_stage=current.value, to_stage=target.value,
                                    date=date, reason=reason, created_by=actor))
        order.status = target.value
        audit.record(session, actor, "stage_back", "order", order.id, number=order.number,
                     from_stage=current.value, to_stage=target.value, date=date, reason=reason)
        session.flush()
        return
    previous = _stage_date(order, current)
    problem = check_stage_date(date, order.date, previous)
    if problem == "before_previous":
        raise UserError(_("Tanggal tahap ({date}) tidak boleh sebelum tanggal tahap {stage} ({previous}).")
                        .format(date=format_date(date), stage=_stage_name(current),
                                previous=format_date(previous)), field="date")
    if needs_crew(target) and not _has_crew(session, order.id):
        raise UserError(_("Pesanan {number} belum bisa dinyatakan selesai: belum ada tukang yang "
                          "dicatat. Tambahkan tukang (anggota yang bekerja) dulu.").format(number=order.number),
                        field="stage")
    backdated = ""
    if target == Stage.DISERAHTERIMAKAN:
        _ensure_quality(session, order.id)
        backdated = ensure_date_order(session, "handover", date, backdate_note)
    from_stage = current
    for step in stages_between(current, target):
        _set_stage_date(order, step, date)
        session.add(OrderStageEvent(order_id=order.id, from_stage=from_stage.value, to_stage=step.value,
                                    date=date, reason=reason, created_by=actor))
        from_stage = step
    order.status = target.value
    if target == Stage.DISERAHTERIMAKAN:
        session.add(OrderHandover(number=next_number(session, "handover", date.year), date=date,
                                  order_id=order.id, created_by=actor,
                                  receiver_name=(one_line(receiver_name) or order.customer_name)))
    session.flush()
    audit.record(session, actor, "stage", "order", order.id, number=order.number,
                 from_stage=current.value, to_stage=target.value, date=date, **audit_detail(backdated))


def _ensure_quality(session: Session, order_id: int) -> None:
    """A failed quality check (not accepted with a reason) blocks the handover."""
    try:
        from kws_desktop.services.jobs import quality
    except ImportError:  # pragma: no cover - the evaluation area is part of every release
        return
    quality.ensure_handover_allowed(session, order_id)


def cancel_order(book: Book, order_id: int, date: dt.date, reason: str) -> OrderView:
    """Cancel (batal) an order with a reason. Refused once money has been received for it, or
    while its invoices stand; a handed-over job cannot be cancelled. Costs already booked stay
    (they were really spent)."""
    with book.transaction() as s:
        cancel_in(s, order_id, date, reason, actor=book.actor)
        return read_order(s, order_id)


def cancel_in(session: Session, order_id: int, date: dt.date, reason: str, *, actor: str) -> None:
    order = _get(session, order_id)
    reason = one_line(reason)
    if order.status == Stage.BATAL:
        raise UserError(_("Pesanan {number} sudah dibatalkan.").format(number=order.number))
    if not reason:
        raise UserError(_("Tuliskan alasan pembatalan pesanan."), field="reason")
    if not isinstance(date, dt.date):
        raise UserError(_("Isi tanggal pembatalan."), field="date")
    if date < order.date:
        raise UserError(_("Tanggal pembatalan ({date}) tidak boleh sebelum tanggal pesanan ({order_date}).")
                        .format(date=format_date(date), order_date=format_date(order.date)), field="date")
    if order_has_payments(session, order.id):
        raise UserError(_("Pesanan {number} tidak bisa dibatalkan karena sudah ada pembayaran yang "
                          "diterima. Batalkan pembayarannya dulu bila memang salah catat.")
                        .format(number=order.number))
    invoices = _open_invoices(session, order.id)
    if invoices:
        raise UserError(_("Pesanan {number} masih punya tagihan {invoices}. Batalkan tagihannya dulu.")
                        .format(number=order.number, invoices=", ".join(invoices)))
    if order.status == Stage.DISERAHTERIMAKAN:
        raise UserError(_("Pekerjaan yang sudah diserahterimakan tidak bisa dibatalkan."), field="stage")
    session.add(OrderStageEvent(order_id=order.id, from_stage=order.status, to_stage=Stage.BATAL.value,
                                date=date, reason=reason, created_by=actor))
    audit.record(session, actor, "cancel", "order", order.id, number=order.number,
                 from_stage=order.status, date=date, reason=reason)
    order.status, order.cancel_reason, order.cancelled_date = Stage.BATAL.value, reason, date
    session.flush()


def delete_order(book: Book, order_id: int, reason: str = "") -> OrderView:
    """Orders are numbered documents and are never deleted: "deleting" cancels, with the same
    refusals (payments received, invoices standing)."""
    return cancel_order(book, order_id, dt.date.today(), reason or _("Dihapus oleh pengguna"))


def update_order_details(book: Book, order_id: int, *, facilitator_name: str | None = None,
                         planned_start: dt.date | None = None, address: str | None = None,
                         notes: str | None = None) -> OrderView:
    """Change what is not money: the program facilitator, planned start, place of work, notes."""
    with book.transaction() as s:
        order = _get(s, order_id)
        changed = {}
        if facilitator_name is not None:
            order.facilitator_name = one_line(facilitator_name)
            changed["facilitator_name"] = order.facilitator_name
        if planned_start is not None:
            if planned_start < order.date:
                raise UserError(_("Rencana mulai kerja tidak boleh sebelum tanggal pesanan."),
                                field="planned_start")
            order.planned_start = changed["planned_start"] = planned_start
        if address is not None:
            order.address = changed["address"] = one_line(address)
        if notes is not None:
            order.notes = changed["notes"] = notes.strip()
        audit.record(s, book.actor, "update", "order", order.id, **changed)
        s.flush()
        return read_order(s, order.id)


# --- crew -------------------------------------------------------------------------------

def _ensure_member(session: Session, member_id: int, work_date: dt.date) -> Member:
    from kws_desktop.services.people import members as members_service
    member = session.get(Member, member_id) if member_id else None
    if member is None:
        raise UserError(_("Pilih anggota yang bekerja."), field="member")
    members_service.ensure_can_work(session, member_id, work_date)
    return member


def add_crew(book: Book, order_id: int, member_id: int, work_date: dt.date, days, daily_wage: int,
             role: str = "") -> CrewRow:
    """A member worked `days` person-days on the job at `daily_wage`: the wage is owed to them
    (Dr labour cost / Cr wages payable, party the member)."""
    with book.transaction() as s:
        crew = add_crew_in(s, order_id, member_id, work_date, days, daily_wage, role, actor=book.actor)
        return _crew_rows(s, order_id, only=crew.id)[0]


def add_crew_in(session: Session, order_id: int, member_id: int, work_date: dt.date, days,
                daily_wage: int, role: str = "", *, actor: str) -> OrderCrew:
    """Session-level add_crew."""
    ensure_date(work_date, "work_date")
    problems: list = []
    qty = _qty(days, "days", problems)
    if qty is not None and qty > MAX_DAYS:
        problems.append(("days", _("Jumlah hari kerja terlalu banyak.")))
    wage = check_rupiah(daily_wage, "daily_wage", problems, WAGE, _("Upah harian"))
    if not isinstance(work_date, dt.date):
        problems.append(("work_date", _("Isi tanggal kerja.")))
    collect(problems)
    order = order_open_on(session, order_id, work_date, _(
        "Tanggal kerja ({date}) tidak boleh sebelum tanggal pesanan ({order_date})."), field="work_date")
    member = _ensure_member(session, member_id, work_date)
    ensure_open(session, work_date, field="work_date")  # the entry below is not checked again
    amount = line_total(qty, wage)
    crew = OrderCrew(order_id=order.id, member_id=member.id, work_date=work_date, days=qty,
                     daily_wage=wage, amount=amount, role=one_line(role), created_by=actor)
    session.add(crew)
    session.flush()
    entry = post_entry(session, date=work_date, description=_("Upah {name} {days} hari, pesanan {number}").format(
        name=member.name, days=format_quantity(qty), number=order.number),
        postings=[debit(A.COST_LABOUR, amount),
                  credit(A.WAGES_PAYABLE, amount, party_kind="member", party_id=member.id)],
        source_type="order_crew", source_id=crew.id, actor=actor, check_period=False)
    crew.journal_entry_id = entry.id
    audit.record(session, actor, "crew", "order", order.id, number=order.number, member=member.name,
                 days=str(qty), wage=wage, amount=amount)
    session.flush()
    return crew


def void_crew(book: Book, crew_id: int, reason: str, date: dt.date | None = None) -> CrewRow:
    """Undo a crew line recorded by mistake: the wage entry is reversed (with the reason)."""
    with book.transaction() as s:
        crew = s.get(OrderCrew, crew_id)
        if crew is None:
            raise UserError(_("Catatan tukang tidak ditemukan."))
        if crew.status == DocStatus.VOID:
            raise UserError(_("Catatan tukang ini sudah dibatalkan."))
        order = _get(s, crew.order_id)
        if needs_crew(order.status) and s.execute(
                select(func.count()).where(OrderCrew.order_id == order.id, OrderCrew.status == DocStatus.POSTED,
                                           OrderCrew.id != crew.id)).scalar() == 0:
            raise UserError(_("Pesanan {number} sudah selesai dan harus punya tukang. Tambahkan tukang "
                              "yang benar dulu, baru batalkan yang salah.").format(number=order.number))
        void_in(s, crew, reason, actor=book.actor, entity="order_crew", entry_id=crew.journal_entry_id, date=date)
        return _crew_rows(s, crew.order_id, only=crew.id)[0]


# --- other costs ------------------------------------------------------------------------

def add_cost(book: Book, order_id: int, kind: str, amount: int, date: dt.date, *,
             method: str = "cash", description: str = "") -> CostRow:
    """Another direct cost of the job, paid in cash or from the bank."""
    with book.transaction() as s:
        cost = add_cost_in(s, order_id, kind, amount, date, method=method, description=description,
                           actor=book.actor)
        return _cost_rows(s, order_id, only=cost.id)[0]


def add_cost_in(session: Session, order_id: int, kind: str, amount: int, date: dt.date, *,
                method: str = "cash", description: str = "", actor: str) -> OrderCost:
    problems: list = []
    try:
        cost_kind = CostKind(kind)
    except ValueError:
        cost_kind = None
        problems.append(("kind", _("Pilih jenis biaya.")))
    value = check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah biaya"))
    if method not in METHOD_ACCOUNTS:
        problems.append(("method", _("Pilih dibayar tunai atau lewat bank.")))
    if not isinstance(date, dt.date):
        problems.append(("date", _("Isi tanggal biaya.")))
    collect(problems)
    order = order_open_on(session, order_id, date, _(
        "Tanggal biaya ({date}) tidak boleh sebelum tanggal pesanan ({order_date})."))
    ensure_open(session, date)
    desc = one_line(description)
    cost = OrderCost(order_id=order.id, date=date, kind=cost_kind.value, description=desc, amount=value,
                     method=method, created_by=actor)
    session.add(cost)
    session.flush()
    label = _(COST_KIND_LABELS[cost_kind])
    text = (_("{kind} pesanan {number}: {desc}") if desc else _("{kind} pesanan {number}")).format(
        kind=label, number=order.number, desc=desc)
    entry = post_entry(session, date=date, description=text,
        postings=[debit(COST_ACCOUNTS[cost_kind], value), credit(METHOD_ACCOUNTS[method], value)],
        source_type="order_cost", source_id=cost.id, actor=actor, check_period=False)
    cost.journal_entry_id = entry.id
    audit.record(session, actor, "cost", "order", order.id, number=order.number, kind=cost_kind.value,
                 amount=value)
    session.flush()
    return cost


def void_cost(book: Book, cost_id: int, reason: str, date: dt.date | None = None) -> CostRow:
    """Undo a cost recorded by mistake: the entry is reversed (with the reason)."""
    with book.transaction() as s:
        cost = s.get(OrderCost, cost_id)
        if cost is None:
            raise UserError(_("Catatan biaya tidak ditemukan."))
        if cost.status == DocStatus.VOID:
            raise UserError(_("Biaya ini sudah dibatalkan."))
        void_in(s, cost, reason, actor=book.actor, entity="order_cost", entry_id=cost.journal_entry_id, date=date)
        return _cost_rows(s, cost.order_id, only=cost.id)[0]


# --- materials (through the stock services) ---------------------------------------------

def issue_material(book: Book, order_id: int, material_id: int, qty, date: dt.date, *,
                   allow_negative_reason: str | None = None) -> OrderView:
    """Take material out of stock for the job (at average cost). Refused when the stock is not
    enough, unless a reason is given for using more than the book shows."""
    from kws_desktop.services.purchasing import stock
    with book.transaction() as s:
        order = order_open_on(s, order_id, date, _(
            "Tanggal pemakaian ({date}) tidak boleh sebelum tanggal pesanan ({order_date})."))
        stock.issue_to_order(s, order_id=order.id, material_id=material_id, qty=qty, date=date,
                             actor=book.actor, allow_negative_reason=allow_negative_reason,
                             note=_("Bahan untuk pesanan {number}").format(number=order.number))
        return read_order(s, order.id)


def return_material(book: Book, order_id: int, material_id: int, qty, date: dt.date) -> OrderView:
    """Bring unused material back from the job into stock."""
    from kws_desktop.services.purchasing import stock
    with book.transaction() as s:
        order = _get(s, order_id)
        stock.return_from_order(s, order_id=order.id, material_id=material_id, qty=qty, date=date,
                                actor=book.actor,
                                note=_("Bahan kembali dari pesanan {number}").format(number=order.number))
        return read_order(s, order.id)


# --- reading ----------------------------------------------------------------------------

def _crew_rows(s: Session, order_id: int, only: int | None = None) -> list[CrewRow]:
    q = (select(OrderCrew, Member.name, JournalEntry.number)
         .join(Member, Member.id == OrderCrew.member_id)
         .join(JournalEntry, JournalEntry.id == OrderCrew.journal_entry_id, isouter=True)
         .where(OrderCrew.order_id == order_id).order_by(OrderCrew.work_date, OrderCrew.id))
    if only is not None:
        q = q.where(OrderCrew.id == only)
    return [CrewRow(c.id, c.member_id, name, c.work_date, c.days, c.daily_wage, c.amount, c.role,
                    c.status, c.void_reason, number or "") for c, name, number in s.execute(q)]


def _cost_rows(s: Session, order_id: int, only: int | None = None) -> list[CostRow]:
    q = (select(OrderCost, JournalEntry.number)
         .join(JournalEntry, JournalEntry.id == OrderCost.journal_entry_id, isouter=True)
         .where(OrderCost.order_id == order_id).order_by(OrderCost.date, OrderCost.id))
    if only is not None:
        q = q.where(OrderCost.id == only)
    return [CostRow(c.id, c.date, c.kind, c.description, c.amount, c.method, c.status, c.void_reason,
                    number or "") for c, number in s.execute(q)]


def _material_rows(s: Session, order_id: int) -> list[MaterialUseRow]:
    from kws_desktop.services.purchasing import stock
    return [MaterialUseRow(r.material_id, r.name, r.unit, r.qty, r.value, r.source)
            for r in stock.order_materials(s, order_id)]


def read_order(session: Session, order_id: int) -> OrderView:
    """Session-level: the whole story of an order."""
    o = _get(session, order_id)
    quote_number = ""
    if o.quote_id:
        from kws_desktop.store.models.sales import Quote
        quote_number = session.execute(select(Quote.number).where(Quote.id == o.quote_id)).scalar() or ""
    items = tuple(ItemRow(i.id, i.line_no, i.kind, i.description, i.unit, i.qty, i.unit_price, i.amount,
                          i.cost, i.parent_id, i.material_id)
                  for i in session.execute(select(OrderItem).where(OrderItem.order_id == o.id)
                                           .order_by(OrderItem.line_no)).scalars())
    payers = tuple(PayerRow(p.id, p.payer_type, p.name, p.amount, p.payer_customer_id)
                   for p in session.execute(select(OrderPayer).where(OrderPayer.order_id == o.id)
                                            .order_by(OrderPayer.line_no)).scalars())
    events = tuple(StageEventRow(e.from_stage, e.to_stage, e.date, e.reason, e.created_by, e.created_at)
                   for e in session.execute(select(OrderStageEvent).where(OrderStageEvent.order_id == o.id)
                                            .order_by(OrderStageEvent.id)).scalars())
    photos = tuple(PhotoInfo(p.id, p.attachment_id, p.stage_pct, p.date, p.caption)
                   for p in session.execute(select(OrderPhoto).where(OrderPhoto.order_id == o.id)
                                            .order_by(OrderPhoto.stage_pct, OrderPhoto.date,
                                                      OrderPhoto.id)).scalars())
    handovers = tuple(HandoverRow(h.id, h.number, h.date, h.status, h.receiver_name, h.void_reason)
                      for h in session.execute(select(OrderHandover).where(OrderHandover.order_id == o.id)
                                               .order_by(OrderHandover.id)).scalars())
    return OrderView(
        id=o.id, number=o.number, date=o.date, stage=o.status, customer_id=o.customer_id,
        customer_name=o.customer_name, address=o.address, desa=o.desa, kecamatan=o.kecamatan,
        quote_id=o.quote_id, quote_number=quote_number, package=o.package, description=o.description,
        discount=o.discount, price=o.price, quoted_cost=o.quoted_cost, facilitator_name=o.facilitator_name,
        planned_start=o.planned_start, started_date=o.started_date, finished_date=o.finished_date,
        handed_over_date=o.handed_over_date, cancel_reason=o.cancel_reason, cancelled_date=o.cancelled_date,
        notes=o.notes, cost=costing.order_cost(session, o.id), items=items, payers=payers, events=events,
        crew=tuple(_crew_rows(session, o.id)), costs=tuple(_cost_rows(session, o.id)),
        materials=tuple(_material_rows(session, o.id)), photos=photos, handovers=handovers,
        has_payments=order_has_payments(session, o.id))


def get_order(book: Book, order_id: int) -> OrderView:
    with book.reading() as s:
        return read_order(s, order_id)


def find_order(book: Book, number: str) -> OrderView:
    with book.reading() as s:
        order_id = s.execute(select(Order.id).where(Order.number == number.strip().upper())).scalar()
        if order_id is None:
            raise UserError(_("Pesanan {number} tidak ditemukan.").format(number=number.strip()))
        return read_order(s, order_id)


# --- the list ---------------------------------------------------------------------------

SORT_KEYS = ("number", "date", "stage", "customer", "desa", "kecamatan", "package", "price", "cost",
             "margin")


def _where(q, f: OrderFilter):
    if f.stage:
        q = q.where(Order.status == f.stage)
    if f.desa:
        q = q.where(Order.desa == f.desa)
    if f.kecamatan:
        q = q.where(Order.kecamatan == f.kecamatan)
    if f.payer_type:
        q = q.where(Order.payer_kinds.like(f"%{f.payer_type}%"))
    if f.start is not None:
        q = q.where(Order.date >= f.start)
    if f.end is not None:
        q = q.where(Order.date <= f.end)
    if f.customer_id is not None:
        q = q.where(Order.customer_id == f.customer_id)
    text = one_line(f.search)
    if text:
        like = f"%{text.replace('%', '').replace('_', '')}%"
        q = q.where(or_(Order.number.ilike(like), Order.customer_name.ilike(like), Order.desa.ilike(like),
                        Order.package.ilike(like)))
    return q


def read_orders(session: Session, f: OrderFilter = OrderFilter(), *, sort: str = "date",
                descending: bool = True, offset: int = 0, limit: int | None = 100) -> list[OrderRow]:
    """Session-level: one page of the order list (costs computed for that page only, unless the
    list is sorted by cost or margin)."""
    material, labour, other = costing.material_cost_expr(), costing.labour_cost_expr(), costing.other_cost_expr()
    if sort in ("cost", "margin"):
        cost = (material + labour + other)
        key = cost if sort == "cost" else Order.price - cost
    else:
        key = {"number": Order.number, "date": Order.date, "stage": Order.status,
               "customer": Order.customer_name, "desa": Order.desa, "kecamatan": Order.kecamatan,
               "package": Order.package, "price": Order.price}.get(sort, Order.date)
    order_by = [key.desc() if descending else key.asc(), Order.id.desc() if descending else Order.id.asc()]
    page = _where(select(Order.id), f).order_by(*order_by).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    ids = list(session.execute(page).scalars())
    if not ids:
        return []
    rows = session.execute(
        select(Order.id, Order.number, Order.date, Order.status, Order.customer_name, Order.desa,
               Order.kecamatan, Order.package, Order.payer_kinds, Order.price, Order.quoted_cost,
               material, labour, other).where(Order.id.in_(ids))).all()
    by_id = {r[0]: OrderRow(*r[:11], int(r[11]), int(r[12]), int(r[13])) for r in rows}
    return [by_id[i] for i in ids]


def list_orders(book: Book, f: OrderFilter = OrderFilter(), *, sort: str = "date",
                descending: bool = True, offset: int = 0, limit: int | None = 100) -> list[OrderRow]:
    with book.reading() as s:
        return read_orders(s, f, sort=sort, descending=descending, offset=offset, limit=limit)


def count_orders(book: Book, f: OrderFilter = OrderFilter()) -> int:
    with book.reading() as s:
        return int(s.execute(_where(select(func.count(Order.id)), f)).scalar() or 0)


def order_totals(book: Book, f: OrderFilter = OrderFilter()) -> OrderTotals:
    """Count, price, cost and margin of every order the filter selects (cancelled orders are
    counted but add no price), aggregated in SQL."""
    from kws_desktop.store.models.purchasing import Purchase, StockMove
    with book.reading() as s:
        ids = _where(select(Order.id), f).subquery()
        live = _where(select(Order.id), f).where(Order.status != Stage.BATAL.value).subquery()
        count = s.execute(select(func.count()).select_from(ids)).scalar() or 0
        price = s.execute(select(func.coalesce(func.sum(Order.price), 0))
                          .where(Order.id.in_(select(live.c.id)))).scalar() or 0
        stock_cost = s.execute(select(func.coalesce(-func.sum(StockMove.value), 0))
                               .where(StockMove.order_id.in_(select(live.c.id)),
                                      StockMove.kind.in_(costing.ORDER_MOVE_KINDS))).scalar() or 0
        bought = s.execute(select(func.coalesce(func.sum(Purchase.total), 0))
                           .where(Purchase.order_id.in_(select(live.c.id)),
                                  Purchase.status == DocStatus.POSTED)).scalar() or 0
        labour = s.execute(select(func.coalesce(func.sum(OrderCrew.amount), 0))
                           .where(OrderCrew.order_id.in_(select(live.c.id)),
                                  OrderCrew.status == DocStatus.POSTED)).scalar() or 0
        other = s.execute(select(func.coalesce(func.sum(OrderCost.amount), 0))
                          .where(OrderCost.order_id.in_(select(live.c.id)),
                                 OrderCost.status == DocStatus.POSTED)).scalar() or 0
        return OrderTotals(int(count), int(price), int(stock_cost) + int(bought) + int(labour) + int(other))


def list_rows(book: Book) -> list[dict]:
    """`kws-desktop list orders`: every order, oldest first, money as integer rupiah. The
    margin (laba) is known only for a finished job: null for one not finished or cancelled."""
    with book.reading() as s:
        rows = read_orders(s, sort="number", descending=False, limit=None)
    return [{"number": r.number, "date": r.date.isoformat(), "status": r.stage,
             "customer": r.customer_name, "desa": r.desa, "kecamatan": r.kecamatan,
             "package": r.package, "payers": r.payer_kinds, "price": int(r.price), "cost": int(r.cost),
             "margin": int(r.margin) if costing.is_finished(r.stage) else None} for r in rows]


def filter_choices(book: Book) -> dict[str, list[str]]:
    """Values offered in the list filters: desa and kecamatan that have orders."""
    with book.reading() as s:
        kec = [k for k in s.execute(select(Order.kecamatan).distinct().order_by(Order.kecamatan)).scalars() if k]
        desa = [d for d in s.execute(select(Order.desa).distinct().order_by(Order.desa)).scalars() if d]
        return {"kecamatan": kec, "desa": desa}


def _register_report() -> None:
    from kws_desktop.services.reports import register_report
    register_report("orders", N_("Laporan Pesanan (harga, biaya, laba)"), costing.build_orders_report,
                    order=60)


_register_report()

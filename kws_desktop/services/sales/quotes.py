"""Quotes (surat penawaran harga): the RAB a household signs, its funding plan and its states.

States: draft -> sent -> accepted (an order is made: see services.orders.accept_quote) or
rejected or expired; a revision is a NEW quote with its own number, linked by
`previous_quote_id` and `version`, and the old one becomes "superseded". Only drafts are edited.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line
from kws_desktop.core.money import MAX_RUPIAH, QuantityError, line_total, to_quantity
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.core.money import instalment_amounts
from kws_desktop.core.rab import (Component, ComponentKind, QuoteTotals,
                                  price_package, quote_totals)
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, NP_, _, format_date, format_rupiah
from kws_desktop.services.book.amounts import FUNDING, LIST_PRICE, PART, check_rupiah, rupiah_problem
from kws_desktop.services.book.dates import date_problem
from kws_desktop.services.book import audit, books
from kws_desktop.services.book.backdating import (audit_detail, ensure_date_order, ensure_redated_in_order,
                                                  noted)
from kws_desktop.services.sales.customers import CustomerRow, read_customer
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.sales.packages import package_components
from kws_desktop.services.sales.quote_terms import default_terms_in, follows_lines_in
from kws_desktop.store.base import utcnow
from kws_desktop.store.book import Book
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.sales import (Quote, QuoteItem, QuoteItemComponent, QuotePayer,
                                             WorkPackage)


STATUSES = ("draft", "sent", "accepted", "rejected", "expired", "superseded")
STATUS_LABELS = {
    "draft": N_("Draf"),
    "sent": N_("Terkirim"),
    "accepted": NP_("status penawaran", "Diterima"),
    "rejected": N_("Ditolak"),
    "expired": N_("Kedaluwarsa"),
    "superseded": N_("Diganti revisi"),
}
EDITABLE = ("draft",)
ACCEPTABLE = ("draft", "sent")
REVISABLE = ("sent", "rejected", "expired")
MAX_LINES = 200


# --- inputs ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComponentInput:
    kind: str
    description: str
    unit: str
    qty: Decimal | int | str
    unit_cost: int
    material_id: int | None = None


@dataclass(frozen=True)
class QuoteLineInput:
    """A package line (``package_id``) or a free line (``description`` and ``unit_price``).

    A package line is priced from the package at today's catalog prices, unless
    ``components`` carries its RAB already (editing a draft keeps the prices it had)."""

    qty: Decimal | int | str = 1
    package_id: int | None = None
    description: str = ""
    unit: str = ""
    unit_price: int = 0
    unit_cost: int | None = None  # free lines: what it costs the group (default: the price)
    components: tuple[ComponentInput, ...] | None = None
    overhead_pct: Decimal | int | str | None = None
    margin_pct: Decimal | int | str | None = None


@dataclass(frozen=True)
class PayerInput:
    payer_type: str
    amount: int
    payer_customer_id: int | None = None
    instalments: int | None = None
    note: str = ""


@dataclass(frozen=True)
class QuoteInput:
    customer_id: int | None
    date: dt.date
    lines: tuple[QuoteLineInput, ...] = ()
    discount: int = 0
    payers: tuple[PayerInput, ...] = ()  # empty: the household pays everything (swadaya)
    valid_until: dt.date | None = None   # None: the date plus the book's validity days
    terms: str | None = None             # None: the default terms of its lines (sales.quote_terms)
    title: str = ""
    site_address: str = ""
    notes: str = ""
    backdate_note: str = ""   # why it is dated before the latest quote of its year (book/backdating.py)


# --- outputs --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComponentSnapshot:
    kind: str
    material_id: int | None
    description: str
    unit: str
    qty: Decimal
    unit_cost: int
    unit_price: int
    cost: int
    amount: int


@dataclass(frozen=True)
class PayerSnapshot:
    line_no: int
    payer_type: str
    payer_customer_id: int | None
    payer_name: str
    amount: int
    instalments: int | None
    note: str

    @property
    def label(self) -> str:
        return payer_label(self.payer_type)

    @property
    def name(self) -> str:
        """The paying institution's name ("" when none is named, e.g. swadaya)."""
        return self.payer_name

    @property
    def instalment_amounts(self) -> list[int]:
        return instalment_amounts(self.amount, self.instalments) if self.instalments else [self.amount]

    def as_input(self) -> PayerInput:
        return PayerInput(self.payer_type, self.amount, self.payer_customer_id, self.instalments, self.note)


@dataclass(frozen=True)
class QuoteSnapshot:
    """Everything an order needs from a quote (see `quote_for_order`)."""

    id: int
    number: str
    date: dt.date
    status: str
    version: int
    customer_id: int
    customer_name: str
    items: tuple[PricedLine, ...]
    payers: tuple[PayerSnapshot, ...]
    subtotal: int
    discount: int
    total: int
    cost: int
    overhead: int
    valid_until: dt.date
    title: str
    site_address: str

    @property
    def margin(self) -> int:
        return self.total - self.cost - self.overhead


@dataclass(frozen=True)
class QuoteDetail:
    """A quote with all it prints and its internal view."""

    id: int
    number: str
    date: dt.date
    status: str
    version: int
    previous_quote_id: int | None
    previous_number: str | None
    next_number: str | None  # the revision that replaced it
    customer: CustomerRow
    title: str
    site_address: str
    valid_until: dt.date
    terms: str
    notes: str
    items: tuple[PricedLine, ...]
    payers: tuple[PayerSnapshot, ...]
    totals: QuoteTotals
    sent_date: dt.date | None
    decided_date: dt.date | None
    reject_reason: str
    order_id: int | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def total(self) -> int:
        return self.totals.total

    @property
    def terms_lines(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def as_input(self, *, date: dt.date | None = None, valid_until: dt.date | None = None) -> QuoteInput:
        return QuoteInput(
            customer_id=self.customer.id, date=date or self.date,
            lines=tuple(i.as_input() for i in self.items), discount=self.totals.discount,
            payers=tuple(p.as_input() for p in self.payers),
            valid_until=valid_until if date else (valid_until or self.valid_until),
            terms=self.terms, title=self.title, site_address=self.site_address, notes=self.notes)


@dataclass(frozen=True)
class QuoteListRow:
    id: int
    number: str
    date: dt.date
    status: str
    version: int
    customer_id: int
    customer_name: str
    desa: str
    kecamatan: str
    total: int
    cost: int
    valid_until: dt.date

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class PricedLine:
    """One quote line priced: what the editor shows, the service saves and a saved quote lists
    (then with its `line_no`)."""

    package_id: int | None
    description: str
    unit: str
    qty: Decimal
    unit_price: int
    amount: int
    unit_cost: int
    cost: int
    overhead: int
    overhead_pct: Decimal
    margin_pct: Decimal
    components: tuple[ComponentSnapshot, ...] = field(default=())  # the RAB of ONE unit
    line_no: int = 0  # 1, 2, … on a saved quote; 0 while the line is only priced

    def as_input(self) -> QuoteLineInput:
        """The same line as an input (its RAB kept), for editing or a revision."""
        if self.package_id is None:
            return QuoteLineInput(qty=self.qty, description=self.description, unit=self.unit,
                                  unit_price=self.unit_price, unit_cost=self.unit_cost)
        return QuoteLineInput(
            qty=self.qty, package_id=self.package_id, description=self.description, unit=self.unit,
            components=tuple(ComponentInput(c.kind, c.description, c.unit, c.qty, c.unit_cost,
                                            c.material_id) for c in self.components),
            overhead_pct=self.overhead_pct, margin_pct=self.margin_pct)


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def payer_label(payer_type: str) -> str:
    try:
        return PAYER_LABELS[PayerType(payer_type)]
    except ValueError:
        return payer_type


# --- pricing --------------------------------------------------------------------------------

def _qty(value, field: str, n: int, problems: list) -> Decimal | None:
    try:
        qty = to_quantity(value if not isinstance(value, (int, Decimal)) else Decimal(value))
    except (QuantityError, TypeError):
        problems.append((field, _("Jumlah pada baris {n} harus berupa angka.").format(n=n)))
        return None
    if qty <= 0:
        problems.append((field, _("Jumlah pada baris {n} harus lebih dari nol.").format(n=n)))
        return None
    return qty


def _pct(value) -> Decimal:
    pct = to_quantity(value if not isinstance(value, (int, Decimal)) else Decimal(value))
    if not 0 <= pct <= 300:
        raise QuantityError(str(value))
    return pct


def _price_line(session: Session, line: QuoteLineInput, n: int, problems: list) -> PricedLine | None:
    f = f"lines.{n - 1}"
    qty = _qty(line.qty, f + ".qty", n, problems)
    if line.package_id is None:
        description = one_line(line.description)
        if not description:
            problems.append((f + ".description", _("Uraian pada baris {n} wajib diisi.").format(n=n)))
        price, cost = line.unit_price, line.unit_price if line.unit_cost is None else line.unit_cost
        for value, key in ((price, "unit_price"), (cost, "unit_cost")):
            if check_rupiah(value, f"{f}.{key}", problems, LIST_PRICE,
                            _("Harga pada baris {n}").format(n=n)) is None:
                return None
        if qty is None or not description:
            return None
        unit = (line.unit or "").strip() or "ls"
        comp = ComponentSnapshot(ComponentKind.OTHER, None, description, unit, Decimal(1), cost, price, cost, price)
        return PricedLine(None, description, unit, qty, price, line_total(qty, price), cost,
                          line_total(qty, cost), 0, Decimal(0), Decimal(0), (comp,))
    package = session.get(WorkPackage, line.package_id) if isinstance(line.package_id, int) else None
    if package is None:
        problems.append((f + ".package", _("Paket pada baris {n} tidak ditemukan.").format(n=n)))
        return None
    try:
        overhead_pct = _pct(package.overhead_pct if line.overhead_pct is None else line.overhead_pct)
        margin_pct = _pct(package.margin_pct if line.margin_pct is None else line.margin_pct)
    except (QuantityError, TypeError):
        problems.append((f, _("Persentase biaya umum atau keuntungan pada baris {n} tidak benar.").format(n=n)))
        return None
    if line.components is None:
        components = package_components(session, package)
    else:
        components = []
        for c in line.components:
            try:
                cqty = to_quantity(c.qty if not isinstance(c.qty, (int, Decimal)) else Decimal(c.qty))
                kind = ComponentKind(c.kind)
            except (QuantityError, TypeError, ValueError):
                problems.append((f, _("Rincian RAB pada baris {n} tidak benar.").format(n=n)))
                return None
            if cqty < 0 or rupiah_problem(c.unit_cost, LIST_PRICE, "") is not None:
                problems.append((f, _("Rincian RAB pada baris {n} tidak benar.").format(n=n)))
                return None
            components.append(Component(kind, c.description, c.unit, cqty, c.unit_cost, c.material_id))
    if qty is None:
        return None
    pricing = price_package(components, overhead_pct, margin_pct)
    snaps = tuple(ComponentSnapshot(str(p.component.kind), p.component.material_id, p.component.description,
                                    p.component.unit, p.component.quantity, p.component.unit_cost,
                                    p.unit_price, p.cost, p.amount) for p in pricing.lines)
    description = one_line(line.description) or package.name
    unit = (line.unit or "").strip() or package.unit
    return PricedLine(package.id, description[:300], unit, qty, pricing.price,
                      line_total(qty, pricing.price), pricing.cost, line_total(qty, pricing.cost),
                      line_total(qty, pricing.overhead), overhead_pct, margin_pct, snaps)


def price_package_line(book: Book, package_id: int, qty: Decimal | int | str = 1) -> PricedLine:
    """A package priced at today's catalog prices, as a quote line (for the editor)."""
    with book.reading() as s:
        problems: list = []
        line = _price_line(s, QuoteLineInput(qty=qty, package_id=package_id), 1, problems)
        collect(problems)
        return line


def price_free_line(description: str, qty, unit: str, unit_price: int, unit_cost: int | None = None) -> PricedLine:
    """A free line priced (pure; raises UserError for bad input)."""
    problems: list = []
    line = _price_line(None, QuoteLineInput(qty=qty, description=description, unit=unit,  # type: ignore[arg-type]
                                            unit_price=unit_price, unit_cost=unit_cost), 1, problems)
    collect(problems)
    return line


def totals_of(lines: list[PricedLine], discount: int = 0) -> QuoteTotals:
    """Totals for the editor as the user types (pure)."""
    return quote_totals([(p.amount, p.cost, p.overhead) for p in lines], discount)


# --- validation -----------------------------------------------------------------------------

@dataclass
class _Checked:
    customer: Customer
    lines: list[PricedLine]
    totals: QuoteTotals
    payers: list[PayerInput]
    valid_until: dt.date
    terms: str


def _validate(session: Session, data: QuoteInput) -> _Checked:
    problems: list[tuple[str | None, str]] = []
    customer = None
    if data.customer_id is None:
        problems.append(("customer", _("Pilih pelanggan untuk penawaran ini.")))
    else:
        customer = session.get(Customer, data.customer_id)
        if customer is None:
            problems.append(("customer", _("Pelanggan tidak ditemukan.")))
    if not isinstance(data.date, dt.date):
        problems.append(("date", _("Tanggal penawaran wajib diisi.")))
    elif date_problem(data.date):
        problems.append(("date", date_problem(data.date)))
    if isinstance(data.valid_until, dt.date) and date_problem(data.valid_until):
        problems.append(("valid_until", date_problem(data.valid_until)))
    lines: list[PricedLine] = []
    if not data.lines:
        problems.append(("lines", _("Tambahkan paling sedikit satu pekerjaan ke penawaran.")))
    elif len(data.lines) > MAX_LINES:
        problems.append(("lines", _("Terlalu banyak baris (paling banyak {n}).").format(n=MAX_LINES)))
    else:
        for n, line in enumerate(data.lines, start=1):
            priced = _price_line(session, line, n, problems)
            if priced is not None:
                lines.append(priced)
    validity_days = books.read_setting(session, "quote_validity_days")
    valid_until = data.valid_until
    if valid_until is None and isinstance(data.date, dt.date):
        try:
            valid_until = data.date + dt.timedelta(days=int(validity_days))
        except OverflowError:  # a date at the very end of the calendar
            problems.append(("date", _("Tanggal penawaran terlalu jauh di masa depan.")))
    if isinstance(data.date, dt.date) and isinstance(valid_until, dt.date) and valid_until < data.date:
        problems.append(("valid_until", _("Tanggal berlaku sampai tidak boleh sebelum tanggal penawaran.")))
    totals = totals_of(lines, 0)
    discount = check_rupiah(data.discount, "discount", problems, PART, _("Potongan harga"))
    if discount is not None and not problems and discount > totals.subtotal:
        problems.append(("discount", _("Potongan harga ({discount}) tidak boleh lebih dari jumlah "
                                       "penawaran ({subtotal}).").format(
            discount=format_rupiah(discount), subtotal=format_rupiah(totals.subtotal))))
    elif discount is not None:
        totals = totals_of(lines, discount)
    if totals.total > MAX_RUPIAH:
        problems.append(("lines", _("Jumlah penawaran terlalu besar.")))
    payers = list(data.payers)
    if not payers and totals.total > 0:
        payers = [PayerInput(PayerType.SWADAYA, totals.total)]
    for i, p in enumerate(payers, start=1):
        f = f"payers.{i - 1}"
        try:
            PayerType(p.payer_type)
        except ValueError:
            problems.append((f, _("Sumber dana pada baris {n} tidak dikenal.").format(n=i)))
        check_rupiah(p.amount, f, problems, FUNDING, _("Jumlah dana pada baris {n}").format(n=i))
        if p.instalments is not None and (type(p.instalments) is not int or not 1 <= p.instalments <= 120):
            problems.append((f, _("Jumlah cicilan pada baris {n} harus antara 1 dan 120 kali.").format(n=i)))
        if p.payer_customer_id is not None:
            payer = session.get(Customer, p.payer_customer_id)
            if payer is None:
                problems.append((f, _("Lembaga pembayar pada baris {n} tidak ditemukan.").format(n=i)))
    if not problems:
        paid = sum(p.amount for p in payers)
        if paid != totals.total:
            problems.append(("payers", _("Rencana pembayaran berjumlah {paid}, padahal total penawaran "
                                         "{total}. Samakan dulu.").format(
                paid=format_rupiah(paid), total=format_rupiah(totals.total))))
    terms = default_terms_in(session, lines) if data.terms is None else data.terms.strip()
    collect(problems)
    return _Checked(customer, lines, totals, payers, valid_until, terms)


def _fill(session: Session, quote: Quote, data: QuoteInput, checked: _Checked) -> None:
    quote.customer_id = checked.customer.id
    quote.date = data.date
    quote.valid_until = checked.valid_until
    quote.terms = checked.terms
    quote.title = one_line(data.title)
    quote.site_address = one_line(data.site_address)
    quote.notes = (data.notes or "").strip()
    t = checked.totals
    quote.subtotal, quote.discount, quote.total = t.subtotal, t.discount, t.total
    quote.cost, quote.overhead = t.cost, t.overhead
    quote.updated_at = utcnow()
    quote.items.clear()
    quote.payers.clear()
    session.flush()
    for n, line in enumerate(checked.lines, start=1):
        item = QuoteItem(line_no=n, package_id=line.package_id, description=line.description,
                         unit=line.unit, qty=line.qty, unit_price=line.unit_price, amount=line.amount,
                         unit_cost=line.unit_cost, cost=line.cost, overhead=line.overhead,
                         overhead_pct=line.overhead_pct, margin_pct=line.margin_pct)
        for m, c in enumerate(line.components, start=1):
            item.components.append(QuoteItemComponent(
                line_no=m, kind=c.kind, material_id=c.material_id, description=c.description[:300],
                unit=c.unit[:20], qty=c.qty, unit_cost=c.unit_cost, unit_price=c.unit_price,
                cost=c.cost, amount=c.amount))
        quote.items.append(item)
    for n, p in enumerate(checked.payers, start=1):
        quote.payers.append(QuotePayer(line_no=n, payer_type=str(PayerType(p.payer_type)),
                                       payer_customer_id=p.payer_customer_id, amount=p.amount,
                                       instalments=p.instalments, note=(p.note or "").strip()))


# --- use cases ------------------------------------------------------------------------------

def create_quote(book: Book, data: QuoteInput) -> QuoteDetail:
    """A new draft quote with its number. Refuses bad input with every problem listed."""
    with book.transaction() as s:
        quote = add_quote(s, data, actor=book.actor)
        return _detail(s, quote)


def add_quote(session: Session, data: QuoteInput, *, actor: str, previous: Quote | None = None) -> Quote:
    """Session-level: validate and add a draft quote (a revision of `previous` if given)."""
    checked = _validate(session, data)
    backdated = ensure_date_order(session, "quote", data.date, data.backdate_note)
    quote = Quote(number=next_number(session, "quote", data.date.year), status="draft", created_by=actor,
                  version=(previous.version + 1) if previous else 1,
                  previous_quote_id=previous.id if previous else None,
                  customer_id=checked.customer.id, date=data.date, valid_until=checked.valid_until)
    session.add(quote)
    _fill(session, quote, data, checked)
    quote.notes = noted(quote.notes, backdated, limit=None)
    session.flush()
    audit.record(session, actor, "create", "quote", quote.id, number=quote.number, total=quote.total,
                 previous=previous.number if previous else None, **audit_detail(backdated))
    return quote


def update_quote(book: Book, quote_id: int, data: QuoteInput) -> QuoteDetail:
    """Change a draft. A quote already sent is changed by a revision instead."""
    with book.transaction() as s:
        quote = _get(s, quote_id)
        if quote.status not in EDITABLE:
            raise UserError(_("Penawaran {number} sudah {status}; tidak bisa diubah lagi. "
                              "Buat revisi bila perlu.").format(number=quote.number,
                                                               status=status_label(quote.status).lower()))
        if data.date.year != quote.date.year:
            raise UserError(_("Tanggal penawaran harus tetap di tahun {year} (tahun nomornya).")
                            .format(year=quote.date.year), field="date")
        checked = _validate(s, data)
        redated = (ensure_redated_in_order(s, "quote", quote.id, quote.number, data.date, data.backdate_note)
                   if data.date != quote.date else "")
        _fill(s, quote, data, checked)
        quote.notes = noted(quote.notes, redated, limit=None)
        s.flush()
        audit.record(s, book.actor, "update", "quote", quote.id, number=quote.number, total=quote.total,
                     **audit_detail(redated))
        return _detail(s, quote)


def send_quote(book: Book, quote_id: int, date: dt.date) -> QuoteDetail:
    """Mark a draft as given to the household (terkirim)."""
    with book.transaction() as s:
        quote = _get(s, quote_id)
        mark_sent(s, quote, date, book.actor)
        return _detail(s, quote)


def mark_sent(session: Session, quote: Quote, date: dt.date, actor: str) -> None:
    """Session-level send_quote."""
    if quote.status != "draft":
        raise UserError(_("Hanya draf yang bisa dikirim; penawaran {number} sudah {status}.")
                        .format(number=quote.number, status=status_label(quote.status).lower()))
    if date < quote.date:
        raise UserError(_("Tanggal kirim tidak boleh sebelum tanggal penawaran."), field="date")
    if date > quote.valid_until:
        raise UserError(_("Penawaran {number} sudah lewat masa berlakunya ({date}). Ubah tanggal "
                          "berlakunya dulu.").format(number=quote.number, date=format_date(quote.valid_until)),
                        field="valid_until")
    quote.status, quote.sent_date, quote.updated_at = "sent", date, utcnow()
    audit.record(session, actor, "send", "quote", quote.id, number=quote.number, date=date)


def reject_quote(book: Book, quote_id: int, date: dt.date, reason: str = "") -> QuoteDetail:
    """The household (or program) said no."""
    with book.transaction() as s:
        quote = _get(s, quote_id)
        mark_rejected(s, quote, date, reason, book.actor)
        return _detail(s, quote)


def mark_rejected(session: Session, quote: Quote, date: dt.date, reason: str, actor: str) -> None:
    """Session-level reject_quote."""
    if quote.status not in ("draft", "sent", "expired"):
        raise UserError(_("Penawaran {number} sudah {status}; tidak bisa ditolak.").format(
            number=quote.number, status=status_label(quote.status).lower()))
    if date < quote.date:
        raise UserError(_("Tanggal tidak boleh sebelum tanggal penawaran."), field="date")
    quote.status, quote.decided_date = "rejected", date
    quote.reject_reason = one_line(reason)
    quote.updated_at = utcnow()
    audit.record(session, actor, "reject", "quote", quote.id, number=quote.number, reason=quote.reject_reason)


def revise_quote(book: Book, quote_id: int, date: dt.date, data: QuoteInput | None = None, *,
                 backdate_note: str = "") -> QuoteDetail:
    """A new version of a sent, rejected or expired quote: a new draft with a new number that
    points back to the old one; the old one becomes "diganti revisi" and stays as it was.
    Without `data` the lines, prices and funding plan are copied, dated `date`."""
    with book.transaction() as s:
        return _detail(s, add_revision(s, _get(s, quote_id), date, book.actor, data,
                                       backdate_note=backdate_note))


def add_revision(session: Session, old: Quote, date: dt.date, actor: str, data: QuoteInput | None = None,
                 *, backdate_note: str = "") -> Quote:
    """Session-level revise_quote: returns the new draft."""
    if old.status not in REVISABLE:
        if old.status == "draft":
            raise UserError(_("Penawaran {number} masih draf: ubah saja langsung.").format(number=old.number))
        raise UserError(_("Penawaran {number} sudah {status}; tidak bisa direvisi.").format(
            number=old.number, status=status_label(old.status).lower()))
    if date < old.date:
        raise UserError(_("Tanggal revisi tidak boleh sebelum tanggal penawaran lama."), field="date")
    if data is None:
        data = _detail(session, old).as_input(date=date)
        if follows_lines_in(session, old.terms, data.lines):
            data = replace(data, terms=None)  # nobody typed them: the revision's follow its lines
    if backdate_note:
        data = replace(data, backdate_note=backdate_note)
    new = add_quote(session, data, actor=actor, previous=old)
    old.status, old.updated_at = "superseded", utcnow()
    audit.record(session, actor, "supersede", "quote", old.id, number=old.number, by=new.number)
    return new


def expire_overdue(book: Book, today: dt.date) -> int:
    """Mark sent quotes whose validity has passed as expired. Returns how many."""
    with book.transaction() as s:
        rows = s.execute(select(Quote).where(Quote.status == "sent", Quote.valid_until < today)).scalars().all()
        for quote in rows:
            mark_expired(s, quote, book.actor)
        return len(rows)


def mark_expired(session: Session, quote: Quote, actor: str) -> None:
    """Session-level: a sent quote whose validity has passed."""
    if quote.status != "sent":
        raise UserError(_("Hanya penawaran terkirim yang bisa kedaluwarsa."))
    quote.status, quote.updated_at = "expired", utcnow()
    audit.record(session, actor, "expire", "quote", quote.id, number=quote.number)


# --- for the orders area ----------------------------------------------------------------------

def quote_for_order(session: Session, quote_id: int) -> QuoteSnapshot:
    """Session-level: the frozen content of a quote, to copy into an order."""
    quote = _get(session, quote_id)
    customer = session.get(Customer, quote.customer_id)
    return QuoteSnapshot(quote.id, quote.number, quote.date, quote.status, quote.version,
                         quote.customer_id, customer.name, _items(quote), _payers(session, quote),
                         quote.subtotal, quote.discount, quote.total, quote.cost, quote.overhead,
                         quote.valid_until, quote.title, quote.site_address)


def mark_accepted(session: Session, quote_id: int, order_id: int | None, date: dt.date, actor: str) -> None:
    """Session-level: the household accepted; the quote freezes and points to its order.
    Refuses (UserError, nothing changed) a quote that is not a draft or sent, a date before the
    quote date, and a quote whose validity has passed."""
    quote = _get(session, quote_id)
    if quote.status == "accepted":
        raise UserError(_("Penawaran {number} sudah diterima dan sudah menjadi pesanan.").format(number=quote.number))
    if quote.status == "expired" or (quote.status in ACCEPTABLE and date > quote.valid_until):
        raise UserError(_("Penawaran {number} sudah kedaluwarsa (berlaku sampai {date}). Buat revisi "
                          "dengan harga terbaru, lalu terima revisinya.").format(
            number=quote.number, date=format_date(quote.valid_until)), field="date")
    if quote.status not in ACCEPTABLE:
        raise UserError(_("Penawaran {number} sudah {status}; tidak bisa diterima.").format(
            number=quote.number, status=status_label(quote.status).lower()))
    if date < quote.date:
        raise UserError(_("Tanggal diterima tidak boleh sebelum tanggal penawaran."), field="date")
    quote.status, quote.decided_date, quote.order_id = "accepted", date, order_id
    if quote.sent_date is None:
        quote.sent_date = date
    quote.updated_at = utcnow()
    audit.record(session, actor, "accept", "quote", quote.id, number=quote.number, order_id=order_id)


def set_order(session: Session, quote_id: int, order_id: int) -> None:
    """Session-level: link an accepted quote to its order (if the order was made after marking)."""
    _get(session, quote_id).order_id = order_id


# --- reading --------------------------------------------------------------------------------

def _get(s: Session, quote_id: int) -> Quote:
    quote = s.get(Quote, quote_id) if isinstance(quote_id, int) else None
    if quote is None:
        raise UserError(_("Penawaran tidak ditemukan."), field="quote")
    return quote


def _items(quote: Quote) -> tuple[PricedLine, ...]:
    return tuple(PricedLine(
        i.package_id, i.description, i.unit, i.qty, i.unit_price, i.amount, i.unit_cost, i.cost,
        i.overhead, i.overhead_pct, i.margin_pct,
        tuple(ComponentSnapshot(c.kind, c.material_id, c.description, c.unit, c.qty, c.unit_cost, c.unit_price,
                                c.cost, c.amount) for c in i.components), line_no=i.line_no) for i in quote.items)


def _payers(s: Session, quote: Quote) -> tuple[PayerSnapshot, ...]:
    out = []
    for p in quote.payers:
        name = ""
        if p.payer_customer_id is not None:
            payer = s.get(Customer, p.payer_customer_id)
            name = payer.name if payer else ""
        out.append(PayerSnapshot(p.line_no, p.payer_type, p.payer_customer_id, name, p.amount,
                                 p.instalments, p.note))
    return tuple(out)


def _detail(s: Session, quote: Quote) -> QuoteDetail:
    previous = s.get(Quote, quote.previous_quote_id) if quote.previous_quote_id else None
    nxt = s.execute(select(Quote.number).where(Quote.previous_quote_id == quote.id)
                    .order_by(Quote.id.desc())).scalar()
    totals = QuoteTotals(quote.subtotal, quote.discount, quote.total, quote.cost, quote.overhead,
                         quote.total - quote.cost - quote.overhead)
    return QuoteDetail(quote.id, quote.number, quote.date, quote.status, quote.version, quote.previous_quote_id,
                       previous.number if previous else None, nxt, read_customer(s, quote.customer_id),
                       quote.title, quote.site_address, quote.valid_until, quote.terms, quote.notes,
                       _items(quote), _payers(s, quote), totals, quote.sent_date, quote.decided_date,
                       quote.reject_reason, quote.order_id)


def get_quote(book: Book, quote_id: int) -> QuoteDetail:
    with book.reading() as s:
        return _detail(s, _get(s, quote_id))


def read_quote(session: Session, quote_id: int) -> QuoteDetail:
    """Session-level read of one quote."""
    return _detail(session, _get(session, quote_id))


def find_quote(book: Book, number: str) -> QuoteDetail:
    """The quote printed with `number` (case and spaces ignored)."""
    wanted = one_line(number).upper()
    with book.reading() as s:
        quote = s.execute(select(Quote).where(func.upper(Quote.number) == wanted)).scalar()
        if quote is None:
            raise UserError(_("Penawaran nomor {number} tidak ada di buku ini.").format(number=number or "?"))
        return _detail(s, quote)


def _list_query(search: str = "", status: str | None = None, customer_id: int | None = None):
    q = (select(Quote.id, Quote.number, Quote.date, Quote.status, Quote.version, Quote.customer_id,
                Customer.name, Customer.desa, Customer.kecamatan, Quote.total, Quote.cost, Quote.valid_until)
         .join(Customer, Customer.id == Quote.customer_id))
    for word in search.split():
        like = f"%{word.lower().replace('%', '').replace('_', '')}%"
        q = q.where(or_(func.lower(Quote.number).like(like), func.lower(Customer.name).like(like),
                        func.lower(Customer.desa).like(like)))
    if status:
        q = q.where(Quote.status == status)
    if customer_id is not None:
        q = q.where(Quote.customer_id == customer_id)
    return q


def list_quotes(book: Book, search: str = "", *, status: str | None = None, customer_id: int | None = None,
                offset: int = 0, limit: int = 100) -> list[QuoteListRow]:
    """One page of quotes, newest first."""
    with book.reading() as s:
        q = _list_query(search, status, customer_id).order_by(Quote.date.desc(), Quote.id.desc()) \
            .offset(max(0, offset)).limit(min(max(1, limit), 500))
        return [QuoteListRow(*r) for r in s.execute(q).all()]


def count_quotes(book: Book, search: str = "", *, status: str | None = None,
                 customer_id: int | None = None) -> int:
    with book.reading() as s:
        sub = _list_query(search, status, customer_id).subquery()
        return s.execute(select(func.count()).select_from(sub)).scalar_one()


def all_quotes(book: Book) -> list[QuoteListRow]:
    with book.reading() as s:
        q = _list_query().order_by(Quote.date, Quote.id)
        return [QuoteListRow(*r) for r in s.execute(q).all()]


# --- the letter -----------------------------------------------------------------------------

def write_quote_pdf(book: Book, quote_id: int, path, *, paper: str | None = None,
                    itemised: bool | None = None):
    """Write the Surat Penawaran Harga of a quote; paper and itemised RAB default to the book's
    settings (document_paper, rab_itemised). Returns the path written."""
    from kws_desktop.documents.quote import write_quote_pdf as write
    with book.reading() as s:
        detail = _detail(s, _get(s, quote_id))
        if itemised is None:
            itemised = bool(books.read_setting(s, "rab_itemised"))
        if paper is None:
            paper = books.read_setting(s, "document_paper")
    profile = books.get_profile(book)
    return write(detail, path, profile=profile, itemised=itemised, paper=paper)


def quote_share(book: Book, quote_id: int):
    """The prefilled WhatsApp message for a quote, to the customer's phone (the letter itself is
    attached as the PDF from write_quote_pdf)."""
    from kws_desktop.services.book.sharing import ShareInfo, wa_link, wa_number
    detail = get_quote(book, quote_id)
    profile = books.get_profile(book)
    kws = getattr(profile, "name", "") or ""
    text = _("Yth. {name}, berikut surat penawaran harga {number} untuk {title}: jumlah {total}, "
             "berlaku sampai {valid}. Suratnya kami kirim sebagai lampiran.").format(
        name=detail.customer.name, number=detail.number, title=detail.title or _("pekerjaan sanitasi"),
        total=format_rupiah(detail.totals.total), valid=format_date(detail.valid_until))
    if kws:
        text += f"\n- {kws}"
    phone = wa_number(detail.customer.phone)
    return ShareInfo(detail.number, phone, text, wa_link(phone, text))


def list_rows(book: Book) -> list[dict]:
    """`list quotes`: one JSON-ready dict per quote (money in integer rupiah, ISO dates)."""
    return [{"number": r.number, "date": r.date.isoformat(), "status": r.status, "total": r.total,
             "customer": r.customer_name, "customer_id": r.customer_id, "desa": r.desa,
             "kecamatan": r.kecamatan, "valid_until": r.valid_until.isoformat(), "version": r.version}
            for r in all_quotes(book)]

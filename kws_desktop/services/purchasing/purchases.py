"""Purchases (nota pembelian): posted to stock or straight to a job, paid in cash, by transfer
or on credit; voided with a reason, never edited or deleted."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.money import allocate_by_weight, line_total, round_rupiah
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_quantity, format_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.book.amounts import BALANCE, PART, PRICE, check_rupiah, parse_quantity
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_money_date
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.services.purchasing.stock import on_hand
from kws_desktop.services.purchasing.suppliers import owed_to
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Attachment, JournalEntry
from kws_desktop.store.models.purchasing import (Material, MaterialPrice, Purchase, PurchaseLine, StockMove,
                                                Supplier)


METHODS = {"cash": (A.CASH, N_("Tunai")), "transfer": (A.BANK, N_("Transfer bank")),
           "credit": (A.PAYABLES, N_("Utang (bayar nanti)"))}
MAX_SLIP_BYTES = 15 * 1024 * 1024
SLIP_MAX_SIDE = 1800


@dataclass(frozen=True)
class PurchaseLineInput:
    material_id: int
    qty: Decimal | int | str
    unit_price: int


@dataclass(frozen=True)
class PurchaseInput:
    date: dt.date
    supplier_id: int | None
    method: str  # cash | transfer | credit
    lines: tuple[PurchaseLineInput, ...]
    shipping: int = 0
    slip_number: str = ""
    order_id: int | None = None  # bought for one job: cost of that job, not stock
    notes: str = ""
    slip_path: str | None = None  # photo or scan of the paper slip


@dataclass(frozen=True)
class PurchaseLineRow:
    material_id: int
    material: str
    unit: str
    qty: Decimal
    unit_price: int
    amount: int
    shipping_share: int


@dataclass(frozen=True)
class PurchaseRow:
    id: int
    number: str
    date: dt.date
    status: str
    supplier_id: int | None
    supplier: str
    method: str
    slip_number: str
    shipping: int
    total: int
    order_id: int | None
    notes: str
    void_reason: str
    attachment_id: int | None
    journal_number: str = ""
    lines: tuple[PurchaseLineRow, ...] = ()


@dataclass(frozen=True)
class PurchaseFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    supplier_id: int | None = None
    material_id: int | None = None
    method: str | None = None
    status: str | None = None  # posted | void | None for both
    order_id: int | None = None
    search: str = ""  # number or slip number


@dataclass(frozen=True)
class PurchaseTotals:
    count: int
    total: int
    cash: int
    transfer: int
    credit: int
    void_count: int = 0


@dataclass(frozen=True)
class FormMemory:
    """What the purchase form starts with: the last supplier and way of paying used."""
    supplier_id: int | None
    method: str
    date: dt.date | None = None


# --- validation -------------------------------------------------------------------------

def _validate(s: Session, data: PurchaseInput) -> list[tuple[Material, Decimal, int]]:
    problems: list = []
    if not isinstance(data.date, dt.date):
        problems.append(("date", _("Tanggal pembelian wajib diisi.")))
    if data.method not in METHODS:
        problems.append(("method", _("Pilih cara bayar: tunai, transfer atau utang.")))
    supplier = s.get(Supplier, data.supplier_id) if data.supplier_id is not None else None
    if data.supplier_id is not None and supplier is None:
        problems.append(("supplier", _("Pemasok tidak ditemukan.")))
    elif data.method == "credit" and supplier is None:
        problems.append(("supplier", _("Pembelian dengan utang harus menyebut pemasoknya.")))
    check_rupiah(data.shipping, "shipping", problems, PART, _("Ongkos kirim"))
    if data.order_id is not None and (type(data.order_id) is not int or data.order_id <= 0):
        problems.append(("order", _("Pesanan tidak dikenal.")))
    if not data.lines:
        problems.append(("lines", _("Isi paling sedikit satu baris bahan.")))
    out = []
    for i, line in enumerate(data.lines):
        material = s.get(Material, line.material_id) if line.material_id is not None else None
        if material is None:
            problems.append((f"lines.{i}.material", _("Baris {n}: bahan tidak ditemukan.").format(n=i + 1)))
        qty = parse_quantity(line.qty, f"lines.{i}.qty", problems)
        price = check_rupiah(line.unit_price, f"lines.{i}.unit_price", problems, PRICE,
                             _("Harga pada baris {n}").format(n=i + 1))
        if material is not None and qty is not None and price is not None:
            out.append((material, qty, price))
    if data.slip_path:
        path = Path(data.slip_path)
        if not path.is_file():
            problems.append(("slip", _("Berkas foto nota tidak ditemukan.")))
        elif path.stat().st_size > MAX_SLIP_BYTES:
            problems.append(("slip", _("Berkas foto nota terlalu besar (paling besar 15 MB).")))
    collect(problems)
    return out


def _slip_attachment(s: Session, path: Path) -> Attachment:
    """Keep a photo of the slip inside the book, reduced in size; a PDF is kept as it is."""
    raw = path.read_bytes()
    if raw[:4] == b"%PDF":
        att = Attachment(filename=path.name[:200], mime="application/pdf", data=raw)
    else:
        try:
            from PIL import Image, ImageOps
            with Image.open(io.BytesIO(raw)) as img:
                img = ImageOps.exif_transpose(img).convert("RGB")
                img.thumbnail((SLIP_MAX_SIDE, SLIP_MAX_SIDE))
                out = io.BytesIO()
                img.save(out, "JPEG", quality=80, optimize=True)
                width, height = img.size
                thumb = img.copy()
                thumb.thumbnail((240, 240))
                tout = io.BytesIO()
                thumb.save(tout, "JPEG", quality=75)
        except Exception as exc:  # noqa: BLE001 - any unreadable image gets one plain message
            raise UserError(_("Berkas {name} bukan foto atau PDF yang bisa dibaca.").format(name=path.name),
                            field="slip") from exc
        att = Attachment(filename=(path.stem + ".jpg")[:200], mime="image/jpeg", data=out.getvalue(),
                         thumbnail=tout.getvalue(), width=width, height=height)
    s.add(att)
    s.flush()
    return att


# --- recording --------------------------------------------------------------------------

def record_purchase(book: Book, data: PurchaseInput, *, future_ok: bool = False,
                    backdate_note: str = "") -> PurchaseRow:
    """Record and post a purchase slip in one transaction.

    Into stock: Dr inventory (quantity and value per material, shipping spread by value).
    For one order (`order_id`): Dr material cost directly, no stock.
    Against cash (tunai), bank (transfer) or what the supplier is owed (utang).
    A slip dated after today only with `future_ok` (the user confirmed the date); one dated
    before the latest slip of its year only with `backdate_note` (services/book/backdating.py).
    """
    with book.transaction() as s:
        return _record(s, data, book.actor, future_ok, backdate_note)


def record_purchase_in(session: Session, data: PurchaseInput, *, actor: str,
                       future_ok: bool = False, backdate_note: str = "") -> PurchaseRow:
    """Session-level record_purchase (for imports): validated and posted, never commits."""
    return _record(session, data, actor, future_ok, backdate_note)


def _record(s: Session, data: PurchaseInput, actor: str, future_ok: bool,
            backdate_note: str) -> PurchaseRow:
    lines = _validate(s, data)
    ensure_money_date(data.date, future_ok=future_ok)
    ensure_open(s, data.date)
    amounts = [line_total(qty, price) for _m, qty, price in lines]
    shares = allocate_by_weight(data.shipping, amounts) if data.shipping else [0] * len(amounts)
    total = sum(amounts) + data.shipping
    if total > BALANCE.ceiling:
        raise UserError(_("Jumlah pembelian terlalu besar."), field="lines")
    supplier = s.get(Supplier, data.supplier_id) if data.supplier_id is not None else None
    backdated = ensure_date_order(s, "purchase", data.date, backdate_note)
    purchase = Purchase(number=next_number(s, "purchase", data.date.year), date=data.date,
                        supplier_id=data.supplier_id, method=data.method,
                        slip_number=data.slip_number.strip(), shipping=data.shipping, total=total,
                        order_id=data.order_id, notes=noted(data.notes, backdated), created_by=actor)
    if data.slip_path:
        purchase.attachment_id = _slip_attachment(s, Path(data.slip_path)).id
    s.add(purchase)
    s.flush()
    to_stock = data.order_id is None
    for no, ((material, qty, price), amount, share) in enumerate(zip(lines, amounts, shares), start=1):
        line = PurchaseLine(purchase_id=purchase.id, line_no=no, material_id=material.id, qty=qty,
                            unit_price=price, amount=amount, shipping_share=share)
        s.add(line)
        s.flush()
        if to_stock:
            s.add(StockMove(material_id=material.id, date=data.date, kind="purchase", qty=qty,
                            value=amount + share, unit_cost=round_rupiah(Decimal(amount + share) / qty),
                            purchase_line_id=line.id, created_by=actor))
        s.add(MaterialPrice(material_id=material.id, supplier_id=data.supplier_id, date=data.date,
                            price=price, source="purchase", purchase_id=purchase.id, created_by=actor))
    where = supplier.name if supplier else _("tanpa nama toko")
    description = (_("Pembelian bahan {number} dari {supplier}") if to_stock
                   else _("Pembelian bahan {number} dari {supplier} untuk pesanan")).format(
        number=purchase.number, supplier=where)
    party = {"party_kind": "supplier", "party_id": supplier.id} if data.method == "credit" else {}
    entry = post_entry(s, date=data.date, description=description,
                       postings=[debit(A.INVENTORY if to_stock else A.COST_MATERIALS, total),
                                 credit(METHODS[data.method][0], total, **party)],
                       source_type="purchase", source_id=purchase.id, actor=actor)
    purchase.journal_entry_id = entry.id
    s.flush()
    s.execute(StockMove.__table__.update()
              .where(StockMove.purchase_line_id.in_(select(PurchaseLine.id).where(PurchaseLine.purchase_id == purchase.id)))
              .values(journal_entry_id=entry.id))
    audit.record(s, actor, "create", "purchase", purchase.id, number=purchase.number, total=total,
                 method=data.method, supplier=where, order_id=data.order_id, **audit_detail(backdated))
    return _row(s, purchase)


def void_purchase(book: Book, purchase_id: int, *, reason: str, date: dt.date | None = None) -> PurchaseRow:
    """Cancel a purchase with a reason: reversing entry, stock taken back out, number kept.

    Refused when the stock of a material would go below zero (it was already used), or when a
    credit purchase was already (partly) paid so the supplier would owe money back."""
    reason = void_reason(reason)
    with book.transaction() as s:
        purchase = s.get(Purchase, purchase_id)
        if purchase is None:
            raise UserError(_("Pembelian tidak ditemukan."))
        if purchase.status == DocStatus.VOID:
            raise UserError(_("Pembelian {number} sudah dibatalkan.").format(number=purchase.number))
        moves = s.execute(select(StockMove, Material)
                          .join(PurchaseLine, PurchaseLine.id == StockMove.purchase_line_id)
                          .join(Material, Material.id == StockMove.material_id)
                          .where(PurchaseLine.purchase_id == purchase.id, StockMove.kind == "purchase")).all()
        need: dict[int, tuple[Material, Decimal]] = {}
        for move, material in moves:
            prev = need.get(material.id, (material, Decimal(0)))[1]
            need[material.id] = (material, prev + move.qty)
        for material, qty in need.values():
            have, _v = on_hand(s, material.id)
            if have - qty < 0:
                raise UserError(_("Pembelian {number} tidak bisa dibatalkan: {name} sudah terpakai "
                                  "(tersisa {have} {unit}, pembelian ini {qty} {unit}). Kembalikan dulu "
                                  "bahan dari pesanan, atau catat selisih lewat stok opname.").format(
                    number=purchase.number, name=material.name, have=format_quantity(have),
                    qty=format_quantity(qty), unit=material.unit), field="reason")
        if purchase.method == "credit" and purchase.supplier_id is not None:
            owed = owed_to(s, purchase.supplier_id)
            if owed < purchase.total:
                raise UserError(_("Pembelian {number} tidak bisa dibatalkan: utangnya sudah dibayar "
                                  "(sisa utang ke pemasok ini {owed}). Batalkan dulu pembayarannya.").format(
                    number=purchase.number, owed=format_rupiah(owed)), field="reason")
        reversal = void_in(s, purchase, reason, actor=book.actor, entity="purchase",
                           entry_id=purchase.journal_entry_id, date=date)
        for move, _material in moves:
            s.add(StockMove(material_id=move.material_id, date=reversal.date, kind="purchase_void", qty=-move.qty,
                            value=-move.value, unit_cost=move.unit_cost, purchase_line_id=move.purchase_line_id,
                            journal_entry_id=reversal.id, created_by=book.actor, note=reason))
        return _row(s, purchase)


# --- reading ----------------------------------------------------------------------------

def _row(s: Session, p: Purchase, *, with_lines: bool = True) -> PurchaseRow:
    s.flush()
    supplier = s.get(Supplier, p.supplier_id).name if p.supplier_id is not None else ""
    journal = s.get(JournalEntry, p.journal_entry_id).number if p.journal_entry_id else ""
    lines = ()
    if with_lines:
        lines = tuple(PurchaseLineRow(line.material_id, name, unit, line.qty, line.unit_price, line.amount,
                                      line.shipping_share)
                      for line, name, unit in s.execute(
                          select(PurchaseLine, Material.name, Material.unit)
                          .join(Material, Material.id == PurchaseLine.material_id)
                          .where(PurchaseLine.purchase_id == p.id).order_by(PurchaseLine.line_no)).all())
    return PurchaseRow(p.id, p.number, p.date, p.status, p.supplier_id, supplier, p.method, p.slip_number,
                       p.shipping, p.total, p.order_id, p.notes, p.void_reason, p.attachment_id, journal, lines)


def get_purchase(book: Book, purchase_id: int) -> PurchaseRow:
    with book.reading() as s:
        p = s.get(Purchase, purchase_id)
        if p is None:
            raise UserError(_("Pembelian tidak ditemukan."))
        return _row(s, p)


def find_purchase(book: Book, number: str) -> PurchaseRow | None:
    with book.reading() as s:
        p = s.execute(select(Purchase).where(Purchase.number == number.strip().upper())).scalar()
        return _row(s, p) if p else None


def _filtered(q, f: PurchaseFilter):
    if f.start is not None:
        q = q.where(Purchase.date >= f.start)
    if f.end is not None:
        q = q.where(Purchase.date <= f.end)
    if f.supplier_id is not None:
        q = q.where(Purchase.supplier_id == f.supplier_id)
    if f.method:
        q = q.where(Purchase.method == f.method)
    if f.status:
        q = q.where(Purchase.status == f.status)
    if f.order_id is not None:
        q = q.where(Purchase.order_id == f.order_id)
    if f.material_id is not None:
        q = q.where(exists().where(PurchaseLine.purchase_id == Purchase.id,
                                   PurchaseLine.material_id == f.material_id))
    if f.search.strip():
        like = f"%{f.search.strip().lower()}%"
        q = q.where(func.lower(Purchase.number).like(like) | func.lower(Purchase.slip_number).like(like))
    return q


def list_purchases(book: Book, flt: PurchaseFilter | None = None, *, offset: int = 0,
                   limit: int | None = None) -> list[PurchaseRow]:
    """Purchases, newest first, one page at a time when `limit` is given (without lines)."""
    flt = flt or PurchaseFilter()
    with book.reading() as s:
        q = _filtered(select(Purchase, Supplier.name).outerjoin(Supplier, Supplier.id == Purchase.supplier_id), flt)
        q = q.order_by(Purchase.date.desc(), Purchase.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [PurchaseRow(p.id, p.number, p.date, p.status, p.supplier_id, name or "", p.method, p.slip_number,
                            p.shipping, p.total, p.order_id, p.notes, p.void_reason, p.attachment_id)
                for p, name in s.execute(q).all()]


def purchase_totals(book: Book, flt: PurchaseFilter | None = None) -> PurchaseTotals:
    """Count and totals of the purchases a filter selects (voided ones are not added up)."""
    flt = flt or PurchaseFilter()
    with book.reading() as s:
        base = _filtered(select(Purchase.method, Purchase.status, func.count(Purchase.id),
                                func.coalesce(func.sum(Purchase.total), 0)), flt)
        rows = s.execute(base.group_by(Purchase.method, Purchase.status)).all()
    by_method = {"cash": 0, "transfer": 0, "credit": 0}
    count = void = 0
    for method, status, n, total in rows:
        if status == DocStatus.VOID:
            void += n
            continue
        count += n
        by_method[method] += int(total)
    return PurchaseTotals(count, sum(by_method.values()), by_method["cash"], by_method["transfer"],
                          by_method["credit"], void)


def count_purchases(book: Book, flt: PurchaseFilter | None = None) -> int:
    with book.reading() as s:
        return int(s.execute(_filtered(select(func.count(Purchase.id)), flt or PurchaseFilter())).scalar() or 0)


def form_memory(book: Book) -> FormMemory:
    """The supplier and way of paying of the last purchase entered (the form starts with them)."""
    with book.reading() as s:
        p = s.execute(select(Purchase).order_by(Purchase.id.desc()).limit(1)).scalar()
        if p is None:
            return FormMemory(None, "cash")
        return FormMemory(p.supplier_id, p.method, p.date)


def slip_image(book: Book, attachment_id: int) -> tuple[str, str, bytes]:
    """(filename, mime, data) of an attached slip."""
    with book.reading() as s:
        att = s.get(Attachment, attachment_id)
        if att is None:
            raise UserError(_("Foto nota tidak ditemukan."))
        return att.filename, att.mime, att.data


def method_label(method: str) -> str:
    return _(METHODS[method][1]) if method in METHODS else method


def list_rows(book: Book) -> list[dict]:
    """`list purchases`: plain rows, oldest first (money as int rupiah, dates ISO)."""
    with book.reading() as s:
        q = (select(Purchase, Supplier.name).outerjoin(Supplier, Supplier.id == Purchase.supplier_id)
             .order_by(Purchase.date, Purchase.id))
        return [{"number": p.number, "date": p.date.isoformat(), "status": p.status, "supplier": name or "",
                 "method": p.method, "slip_number": p.slip_number, "shipping": p.shipping, "total": p.total,
                 "order_id": p.order_id, "void_reason": p.void_reason} for p, name in s.execute(q).all()]

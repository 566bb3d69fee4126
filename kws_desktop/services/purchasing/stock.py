"""Stock: quantity and value on hand (moving average cost), issues to orders, returns, counts.

Quantity and value on hand are the sums of a material's stock moves, so they always agree with
the inventory account. "On hand" counts every move regardless of its date (what is in the
store now); a move dated earlier does not rewrite history.

Session-level helpers (`issue_to_order`, `return_from_order`, `order_material_cost`,
`on_hand`) take a session and never commit: the orders area calls them inside its own
transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.text import one_line
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.money import round_rupiah
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_quantity
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.amounts import parse_quantity
from kws_desktop.services.purchasing.materials import read_materials
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.store.book import Book
from kws_desktop.store.models.purchasing import (Material, Purchase, PurchaseLine, StockCount,
                                                StockCountLine, StockMove)


ISSUE_KINDS = ("issue", "return")


@dataclass(frozen=True)
class StockIssue:
    move_id: int
    unit_cost: int
    value: int
    material_id: int = 0
    qty: Decimal = Decimal(0)
    journal_number: str = ""


# --- on hand ----------------------------------------------------------------------------

def on_hand(session: Session, material_id: int) -> tuple[Decimal, int]:
    """Session-level: (quantity, value in rupiah) of a material in stock now."""
    qty, value = session.execute(
        select(func.coalesce(func.sum(StockMove.qty), 0), func.coalesce(func.sum(StockMove.value), 0))
        .where(StockMove.material_id == material_id)).one()
    return _qty(qty), int(value or 0)


def _qty(value) -> Decimal:
    from kws_desktop.core.money import milli_to_quantity
    if isinstance(value, Decimal):
        return value
    return milli_to_quantity(int(value or 0))


def average_cost(session: Session, material: Material) -> int:
    """Moving average cost per unit; when nothing is in stock, the last cost paid, else the
    catalog price."""
    qty, value = on_hand(session, material.id)
    if qty > 0 and value > 0:
        return round_rupiah(Decimal(value) / qty)
    return _fallback_cost(session, material)


def _fallback_cost(session: Session, material: Material) -> int:
    last = session.execute(
        select(StockMove.unit_cost).where(StockMove.material_id == material.id,
                                          StockMove.kind == "purchase", StockMove.unit_cost > 0)
        .order_by(StockMove.date.desc(), StockMove.id.desc()).limit(1)).scalar()
    return int(last if last is not None else material.price)


def _value_out(session: Session, material: Material, qty: Decimal) -> int:
    """The value that leaves stock with `qty` units, at moving average cost. Taking everything
    takes the whole value (no rounding residue stays behind)."""
    have_qty, have_value = on_hand(session, material.id)
    if have_qty <= 0:
        return round_rupiah(qty * _fallback_cost(session, material))
    if qty == have_qty:
        return have_value
    if qty < have_qty:
        return round_rupiah(Decimal(have_value) * qty / have_qty)
    extra = qty - have_qty
    unit = round_rupiah(Decimal(have_value) / have_qty) if have_value > 0 else _fallback_cost(session, material)
    return have_value + round_rupiah(extra * unit)


def _material(session: Session, material_id: int) -> Material:
    material = session.get(Material, material_id)
    if material is None:
        raise UserError(_("Bahan tidak ditemukan."), field="material")
    return material


def shortage_message(material: Material, have: Decimal, want: Decimal) -> str:
    return _("Stok {name} tidak cukup: tersisa {have} {unit}, diminta {want} {unit}.").format(
        name=material.name, have=format_quantity(have), want=format_quantity(want), unit=material.unit)


# --- issues to orders -------------------------------------------------------------------

def issue_to_order(session: Session, *, order_id: int, material_id: int, qty: Decimal, date: dt.date,
                   actor: str, allow_negative_reason: str | None = None, note: str = "") -> StockIssue:
    """Session-level: take `qty` of a material out of stock for an order, at moving average cost.

    Posts Dr material cost / Cr inventory (source "stock_issue"). Refuses when the stock is not
    enough, unless `allow_negative_reason` says why (kept with the move and in the audit log).
    """
    problems: list = []
    qty = parse_quantity(qty, "qty", problems)
    if not isinstance(date, dt.date):
        problems.append(("date", _("Tanggal wajib diisi.")))
    if allow_negative_reason is not None and not allow_negative_reason.strip():
        problems.append(("allow_negative_reason", _("Tuliskan alasan memakai bahan melebihi stok.")))
    collect(problems)
    material = _material(session, material_id)
    ensure_open(session, date)
    have, _value = on_hand(session, material_id)
    beyond = qty > have
    if beyond and allow_negative_reason is None:
        raise UserError(shortage_message(material, have, qty), field="qty")
    value = _value_out(session, material, qty)
    unit_cost = round_rupiah(Decimal(value) / qty)
    move = StockMove(material_id=material_id, date=date, kind="issue", qty=-qty, value=-value,
                     unit_cost=unit_cost, order_id=order_id, created_by=actor,
                     negative_reason=(allow_negative_reason or "").strip() if beyond else "",
                     note=note)
    session.add(move)
    session.flush()
    number = ""
    if value:
        entry = post_entry(session, date=date, description=note or _("Pemakaian {name} {qty} {unit} untuk pesanan").format(
            name=material.name, qty=format_quantity(qty), unit=material.unit),
            postings=[debit(A.COST_MATERIALS, value), credit(A.INVENTORY, value)],
            source_type="stock_issue", source_id=move.id, actor=actor)
        move.journal_entry_id, number = entry.id, entry.number
    audit.record(session, actor, "issue", "stock_move", move.id, order_id=order_id, material=material.name,
                 qty=str(qty), value=value)
    if beyond:
        audit.record(session, actor, "issue_beyond_stock", "stock_move", move.id, order_id=order_id,
                     material=material.name, on_hand=str(have), qty=str(qty),
                     reason=allow_negative_reason.strip())
    return StockIssue(move.id, unit_cost, value, material_id, qty, number)


def issued_to_order(session: Session, order_id: int, material_id: int) -> tuple[Decimal, int]:
    """Session-level: (quantity, value) of a material issued to an order, net of returns."""
    qty, value = session.execute(
        select(func.coalesce(func.sum(StockMove.qty), 0), func.coalesce(func.sum(StockMove.value), 0))
        .where(StockMove.order_id == order_id, StockMove.material_id == material_id,
               StockMove.kind.in_(ISSUE_KINDS))).one()
    return -_qty(qty), -int(value or 0)


def return_from_order(session: Session, *, order_id: int, material_id: int, qty: Decimal, date: dt.date,
                      actor: str, note: str = "") -> StockIssue:
    """Session-level: bring unused material back from an order into stock, at the average cost
    of what was issued to that order. Posts Dr inventory / Cr material cost."""
    problems: list = []
    qty = parse_quantity(qty, "qty", problems)
    if not isinstance(date, dt.date):
        problems.append(("date", _("Tanggal wajib diisi.")))
    collect(problems)
    material = _material(session, material_id)
    ensure_open(session, date)
    issued_qty, issued_value = issued_to_order(session, order_id, material_id)
    if qty > issued_qty:
        raise UserError(_("Tidak bisa mengembalikan {qty} {unit} {name}: yang dipakai pesanan ini hanya "
                          "{issued} {unit}.").format(qty=format_quantity(qty), unit=material.unit,
                                                     name=material.name, issued=format_quantity(issued_qty)),
                        field="qty")
    value = issued_value if qty == issued_qty else round_rupiah(Decimal(issued_value) * qty / issued_qty)
    unit_cost = round_rupiah(Decimal(value) / qty)
    move = StockMove(material_id=material_id, date=date, kind="return", qty=qty, value=value,
                     unit_cost=unit_cost, order_id=order_id, created_by=actor, note=note)
    session.add(move)
    session.flush()
    number = ""
    if value:
        entry = post_entry(session, date=date, description=note or _("Pengembalian {name} {qty} {unit} dari pesanan").format(
            name=material.name, qty=format_quantity(qty), unit=material.unit),
            postings=[debit(A.INVENTORY, value), credit(A.COST_MATERIALS, value)],
            source_type="stock_return", source_id=move.id, actor=actor)
        move.journal_entry_id, number = entry.id, entry.number
    audit.record(session, actor, "return", "stock_move", move.id, order_id=order_id, material=material.name,
                 qty=str(qty), value=value)
    return StockIssue(move.id, unit_cost, value, material_id, qty, number)


def order_material_cost(session: Session, order_id: int) -> int:
    """Session-level: material cost of an order: issues minus returns plus purchases made
    directly for the order (not voided)."""
    moves = session.execute(select(func.coalesce(func.sum(StockMove.value), 0))
                            .where(StockMove.order_id == order_id, StockMove.kind.in_(ISSUE_KINDS))).scalar()
    direct = session.execute(select(func.coalesce(func.sum(Purchase.total), 0))
                             .where(Purchase.order_id == order_id, Purchase.status == DocStatus.POSTED)).scalar()
    return -int(moves or 0) + int(direct or 0)


@dataclass(frozen=True)
class OrderMaterialRow:
    material_id: int
    name: str
    unit: str
    qty: Decimal
    value: int
    source: str  # stock | purchase


def order_materials(session: Session, order_id: int) -> list[OrderMaterialRow]:
    """Session-level: what an order consumed, per material (from stock, net of returns, and
    bought directly for it)."""
    rows = session.execute(
        select(Material.id, Material.name, Material.unit, func.sum(StockMove.qty), func.sum(StockMove.value))
        .join(Material, Material.id == StockMove.material_id)
        .where(StockMove.order_id == order_id, StockMove.kind.in_(ISSUE_KINDS))
        .group_by(Material.id, Material.name, Material.unit).order_by(Material.name)).all()
    out = [OrderMaterialRow(mid, name, unit, -_qty(q), -int(v or 0), "stock")
           for mid, name, unit, q, v in rows if _qty(q) != 0 or v]
    direct = session.execute(
        select(Material.id, Material.name, Material.unit, func.sum(PurchaseLine.qty),
               func.sum(PurchaseLine.amount + PurchaseLine.shipping_share))
        .join(PurchaseLine, PurchaseLine.material_id == Material.id)
        .join(Purchase, Purchase.id == PurchaseLine.purchase_id)
        .where(Purchase.order_id == order_id, Purchase.status == DocStatus.POSTED)
        .group_by(Material.id, Material.name, Material.unit).order_by(Material.name)).all()
    out += [OrderMaterialRow(mid, name, unit, _qty(q), int(v or 0), "purchase") for mid, name, unit, q, v in direct]
    return out


# --- stock counts (stok opname) ---------------------------------------------------------

@dataclass(frozen=True)
class CountLineInput:
    material_id: int
    counted_qty: Decimal | int | str
    explanation: str = ""


@dataclass(frozen=True)
class CountSheetRow:
    material_id: int
    name: str
    unit: str
    category: str
    system_qty: Decimal
    avg_cost: int


@dataclass(frozen=True)
class StockCountLineRow:
    material_id: int
    name: str
    unit: str
    system_qty: Decimal
    counted_qty: Decimal
    difference: Decimal
    value: int
    explanation: str


@dataclass(frozen=True)
class StockCountRow:
    id: int
    number: str
    date: dt.date
    status: str
    notes: str
    counted_by: str
    difference_value: int
    lines: tuple[StockCountLineRow, ...] = ()


def count_sheet(book: Book) -> list[CountSheetRow]:
    """Every active material with what the book says is in stock: the form of a stock count."""
    with book.reading() as s:
        return [CountSheetRow(r.id, r.name, r.unit, r.category, r.stock_qty, r.avg_cost)
                for r in read_materials(s, active_only=True)]


def record_stock_count(book: Book, *, date: dt.date, lines: list[CountLineInput], notes: str = "",
                       counted_by: str = "", backdate_note: str = "") -> StockCountRow:
    """Post a stock count: each counted quantity against the book; every difference is moved
    into stock at average cost and posted against stock differences, with its explanation.
    One dated before the latest count of its year only with `backdate_note`
    (services/book/backdating.py)."""
    problems: list = []
    if not isinstance(date, dt.date):
        problems.append(("date", _("Tanggal stok opname wajib diisi.")))
    if not lines:
        problems.append(("lines", _("Isi paling sedikit satu bahan yang dihitung.")))
    parsed: list[tuple[int, Decimal, str]] = []
    seen: set[int] = set()
    for i, line in enumerate(lines):
        qty = parse_quantity(line.counted_qty, f"lines.{i}.counted_qty", problems, allow_zero=True)
        if line.material_id in seen:
            problems.append((f"lines.{i}.material", _("Bahan yang sama tercatat dua kali.")))
        seen.add(line.material_id)
        if qty is not None:
            parsed.append((line.material_id, qty, one_line(line.explanation)))
    collect(problems)
    with book.transaction() as s:
        ensure_open(s, date)
        backdated = ensure_date_order(s, "stock_count", date, backdate_note)
        count = StockCount(number=next_number(s, "stock_count", date.year), date=date,
                           notes=noted(notes, backdated), counted_by=counted_by.strip()[:120],
                           created_by=book.actor)
        s.add(count)
        s.flush()
        net = 0
        problems = []
        for i, (material_id, counted, explanation) in enumerate(parsed):
            material = _material(s, material_id)
            system, _value = on_hand(s, material_id)
            diff = counted - system
            if diff and not explanation:
                problems.append((f"lines.{i}.explanation", _("Tuliskan penjelasan selisih untuk {name}.")
                                 .format(name=material.name)))
                continue
            if diff > 0:
                value = round_rupiah(diff * average_cost(s, material))
            elif diff < 0:
                value = -_value_out(s, material, -diff)
            else:
                value = 0
            unit_cost = average_cost(s, material)
            line = StockCountLine(count_id=count.id, material_id=material_id, system_qty=system,
                                  counted_qty=counted, unit_cost=unit_cost, value=value,
                                  explanation=explanation)
            s.add(line)
            s.flush()
            if diff:
                s.add(StockMove(material_id=material_id, date=date, kind="count", qty=diff, value=value,
                                unit_cost=unit_cost, stock_count_line_id=line.id, created_by=book.actor,
                                note=explanation))
                net += value
        collect(problems)
        count.difference_value = net
        if net:
            postings = ([debit(A.INVENTORY, net), credit(A.STOCK_DIFFERENCE, net)] if net > 0
                        else [debit(A.STOCK_DIFFERENCE, -net), credit(A.INVENTORY, -net)])
            entry = post_entry(s, date=date, description=_("Selisih stok opname {number}").format(number=count.number),
                               postings=postings, source_type="stock_count", source_id=count.id, actor=book.actor)
            count.journal_entry_id = entry.id
            s.flush()
            for move in s.execute(select(StockMove).join(StockCountLine, StockCountLine.id == StockMove.stock_count_line_id)
                                  .where(StockCountLine.count_id == count.id)).scalars():
                move.journal_entry_id = entry.id
        audit.record(s, book.actor, "create", "stock_count", count.id, number=count.number,
                     lines=len(parsed), difference=net, **audit_detail(backdated))
        return _count_row(s, count)


def _count_row(s: Session, count: StockCount) -> StockCountRow:
    s.flush()
    lines = s.execute(select(StockCountLine, Material.name, Material.unit)
                      .join(Material, Material.id == StockCountLine.material_id)
                      .where(StockCountLine.count_id == count.id).order_by(StockCountLine.id)).all()
    return StockCountRow(count.id, count.number, count.date, count.status, count.notes, count.counted_by,
                         count.difference_value,
                         tuple(StockCountLineRow(line.material_id, name, unit, line.system_qty, line.counted_qty,
                                                 line.counted_qty - line.system_qty, line.value, line.explanation)
                               for line, name, unit in lines))


def list_stock_counts(book: Book, *, offset: int = 0, limit: int | None = None) -> list[StockCountRow]:
    with book.reading() as s:
        q = select(StockCount).order_by(StockCount.date.desc(), StockCount.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [StockCountRow(c.id, c.number, c.date, c.status, c.notes, c.counted_by, c.difference_value)
                for c in s.execute(q).scalars()]


def get_stock_count(book: Book, count_id: int) -> StockCountRow:
    with book.reading() as s:
        count = s.get(StockCount, count_id)
        if count is None:
            raise UserError(_("Stok opname tidak ditemukan."))
        return _count_row(s, count)


# --- stock history ----------------------------------------------------------------------

@dataclass(frozen=True)
class MoveRow:
    id: int
    date: dt.date
    kind: str
    qty: Decimal
    value: int
    unit_cost: int
    order_id: int | None
    note: str

    @property
    def kind_label(self) -> str:
        return _(MOVE_KIND_LABELS.get(self.kind, self.kind))


MOVE_KIND_LABELS = {"purchase": N_("Pembelian"), "purchase_void": N_("Pembelian dibatalkan"),
                    "issue": N_("Dipakai pesanan"), "return": N_("Kembali dari pesanan"),
                    "count": N_("Selisih opname")}


def material_moves(book: Book, material_id: int, *, offset: int = 0, limit: int = 200) -> list[MoveRow]:
    """The stock card of one material, newest first."""
    with book.reading() as s:
        q = (select(StockMove).where(StockMove.material_id == material_id)
             .order_by(StockMove.date.desc(), StockMove.id.desc()).offset(offset).limit(limit))
        return [MoveRow(m.id, m.date, m.kind, m.qty, m.value, m.unit_cost, m.order_id,
                        m.negative_reason or m.note) for m in s.execute(q).scalars()]


def issue_to_order_now(book: Book, *, order_id: int, material_id: int, qty: Decimal, date: dt.date,
                       allow_negative_reason: str | None = None) -> StockIssue:
    """Book-level wrapper of :func:`issue_to_order` (one transaction)."""
    with book.transaction() as s:
        return issue_to_order(s, order_id=order_id, material_id=material_id, qty=qty, date=date,
                              actor=book.actor, allow_negative_reason=allow_negative_reason)


def return_from_order_now(book: Book, *, order_id: int, material_id: int, qty: Decimal,
                          date: dt.date) -> StockIssue:
    with book.transaction() as s:
        return return_from_order(s, order_id=order_id, material_id=material_id, qty=qty, date=date,
                                 actor=book.actor)


def stock_value_total(session: Session) -> int:
    """Session-level: the value of everything in stock (equals the inventory account)."""
    return int(session.execute(select(func.coalesce(func.sum(StockMove.value), 0))).scalar() or 0)


def stock_value(book: Book) -> int:
    """The value of everything in stock now."""
    with book.reading() as s:
        return stock_value_total(s)

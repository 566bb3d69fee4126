"""The materials catalog: what the group buys and uses, its units, prices and price history."""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _
from kws_desktop.paths import resource
from kws_desktop.services.book import audit
from kws_desktop.services.book.amounts import LIST_PRICE, PRICE, check_rupiah, parse_quantity
from kws_desktop.store.book import Book
from kws_desktop.store.models.purchasing import Material, MaterialPrice, StockMove, Supplier

# Units a treasurer finds on a slip. Anything else is refused, so stock adds up in one unit.
UNITS: tuple[str, ...] = ("sak", "m3", "m2", "meter", "batang", "buah", "unit", "set", "kg",
                          "liter", "lembar", "dus", "kaleng", "roll", "ikat", "rit")
# Categories offered in the form (free text is allowed too).
CATEGORIES: tuple[str, ...] = (N_("Semen dan pasir"), N_("Batu dan bata"), N_("Besi dan kayu"),
                               N_("Pipa dan sambungan"), N_("Kloset dan sanitair"),
                               N_("Tangki dan cincin beton"), N_("Lain-lain"))
STARTER_CATALOG = ("materials", "bahan-contoh.csv")


@dataclass(frozen=True)
class MaterialInput:
    name: str
    unit: str
    category: str = ""
    price: int = 0
    min_stock: Decimal | int | str = 0
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class MaterialRow:
    id: int
    name: str
    unit: str
    category: str
    price: int
    min_stock: Decimal
    active: bool
    is_example: bool
    notes: str
    stock_qty: Decimal
    stock_value: int

    @property
    def avg_cost(self) -> int:
        return round_value(self.stock_value, self.stock_qty) if self.stock_qty > 0 else 0

    @property
    def low(self) -> bool:
        return self.active and self.min_stock > 0 and self.stock_qty < self.min_stock


@dataclass(frozen=True)
class PriceRow:
    date: dt.date
    price: int
    source: str  # purchase | catalog
    supplier: str
    purchase_id: int | None


def round_value(value: int, qty: Decimal) -> int:
    from kws_desktop.core.money import round_rupiah
    return round_rupiah(Decimal(value) / Decimal(qty)) if qty else 0


# --- validation -------------------------------------------------------------------------

def _validate(session: Session, data: MaterialInput, *, exclude_id: int | None = None) -> tuple[str, Decimal]:
    problems: list = []
    name = one_line(data.name)
    if not name:
        problems.append(("name", _("Nama bahan wajib diisi.")))
    elif len(name) > 120:
        problems.append(("name", _("Nama bahan terlalu panjang (paling banyak 120 huruf).")))
    else:
        q = select(Material.id).where(func.lower(Material.name) == name.lower())
        if exclude_id is not None:
            q = q.where(Material.id != exclude_id)
        if session.execute(q).first():
            problems.append(("name", _("Bahan dengan nama {name} sudah ada.").format(name=name)))
    if data.unit not in UNITS:
        problems.append(("unit", _("Satuan {unit} tidak dikenal. Pilih salah satu: {units}.").format(
            unit=data.unit or "?", units=", ".join(UNITS))))
    check_rupiah(data.price, "price", problems, LIST_PRICE, _("Harga"))
    min_stock = parse_quantity(data.min_stock, "min_stock", problems, allow_zero=True)
    collect(problems)
    return name, min_stock


# --- catalog ----------------------------------------------------------------------------

def create_material(book: Book, data: MaterialInput, *, date: dt.date | None = None) -> MaterialRow:
    with book.transaction() as s:
        material = add_material(s, data, actor=book.actor, date=date)
        return _row(s, material)


def add_material(session: Session, data: MaterialInput, *, actor: str, date: dt.date | None = None,
                 is_example: bool = False) -> Material:
    """Session-level: add a catalog entry (validated) and its first catalog price."""
    name, min_stock = _validate(session, data)
    material = Material(name=name, unit=data.unit, category=data.category.strip(),
                        price=data.price, min_stock=min_stock, active=data.active,
                        notes=data.notes.strip(), is_example=is_example)
    session.add(material)
    session.flush()
    if data.price:
        session.add(MaterialPrice(material_id=material.id, date=date or dt.date.today(),
                                  price=data.price, source="catalog", created_by=actor))
    audit.record(session, actor, "create", "material", material.id, name=name, unit=data.unit,
                 price=data.price)
    return material


def update_material(book: Book, material_id: int, data: MaterialInput) -> MaterialRow:
    """Change a catalog entry. A price change is recorded in the price history."""
    with book.transaction() as s:
        material = _get(s, material_id)
        name, min_stock = _validate(s, data, exclude_id=material_id)
        if data.unit != material.unit and _has_moves(s, material_id):
            raise UserError(_("Satuan tidak bisa diubah karena bahan ini sudah punya stok atau "
                              "pembelian. Buat bahan baru dengan satuan yang lain."), field="unit")
        old_price = material.price
        material.name, material.unit = name, data.unit
        material.category = data.category.strip()
        material.min_stock, material.active = min_stock, data.active
        material.notes = data.notes.strip()
        if data.price != old_price:
            _set_price(s, material, data.price, actor=book.actor)
        audit.record(s, book.actor, "update", "material", material_id, name=name)
        return _row(s, material)


def update_price(book: Book, material_id: int, new_price: int, *, date: dt.date | None = None) -> MaterialRow:
    """Set the catalog price of a material; the change is kept in the price history and audited."""
    problems: list = []
    check_rupiah(new_price, "price", problems, PRICE, _("Harga"))
    collect(problems)
    with book.transaction() as s:
        material = _get(s, material_id)
        _set_price(s, material, new_price, actor=book.actor, date=date)
        return _row(s, material)


def _set_price(s: Session, material: Material, price: int, *, actor: str, date: dt.date | None = None) -> None:
    old = material.price
    material.price = price
    material.is_example = False
    s.add(MaterialPrice(material_id=material.id, date=date or dt.date.today(), price=price,
                        source="catalog", created_by=actor))
    audit.record(s, actor, "price", "material", material.id, old=old, new=price)


def set_active(book: Book, material_id: int, active: bool) -> None:
    with book.transaction() as s:
        material = _get(s, material_id)
        material.active = active
        audit.record(s, book.actor, "activate" if active else "deactivate", "material", material_id)


def _get(s: Session, material_id: int) -> Material:
    material = s.get(Material, material_id)
    if material is None:
        raise UserError(_("Bahan tidak ditemukan."), field="material")
    return material


def _has_moves(s: Session, material_id: int) -> bool:
    from kws_desktop.store.models.purchasing import PurchaseLine
    return bool(s.execute(select(StockMove.id).where(StockMove.material_id == material_id).limit(1)).first()
                or s.execute(select(PurchaseLine.id).where(PurchaseLine.material_id == material_id).limit(1)).first())


# --- reading ----------------------------------------------------------------------------

def _stock_subquery():
    return (select(StockMove.material_id.label("mid"),
                   func.coalesce(func.sum(StockMove.qty), 0).label("qty"),
                   func.coalesce(func.sum(StockMove.value), 0).label("value"))
            .group_by(StockMove.material_id).subquery())


def _material_query(search: str = "", category: str | None = None, active_only: bool = False,
                    low_only: bool = False):
    stock = _stock_subquery()
    qty = func.coalesce(stock.c.qty, 0)
    q = (select(Material, qty.label("qty"), func.coalesce(stock.c.value, 0).label("value"))
         .outerjoin(stock, stock.c.mid == Material.id))
    if search.strip():
        like = f"%{search.strip().lower()}%"
        q = q.where(or_(func.lower(Material.name).like(like), func.lower(Material.category).like(like)))
    if category:
        q = q.where(Material.category == category)
    if active_only or low_only:
        q = q.where(Material.active.is_(True))
    if low_only:
        q = q.where(and_(Material.min_stock > 0, qty < Material.min_stock))
    return q


def _to_row(material: Material, qty, value) -> MaterialRow:
    from kws_desktop.core.money import milli_to_quantity
    qty = qty if isinstance(qty, Decimal) else milli_to_quantity(int(qty or 0))
    return MaterialRow(material.id, material.name, material.unit, material.category, material.price,
                       material.min_stock, material.active, material.is_example, material.notes,
                       qty, int(value or 0))


def _row(s: Session, material: Material) -> MaterialRow:
    s.flush()
    _material, qty, value = s.execute(_material_query().where(Material.id == material.id)).one()
    return _to_row(material, qty, value)


def list_materials(book: Book, *, search: str = "", category: str | None = None,
                   active_only: bool = False, low_only: bool = False,
                   offset: int = 0, limit: int | None = None) -> list[MaterialRow]:
    """Catalog rows with stock on hand, by name; one page at a time when `limit` is given."""
    with book.reading() as s:
        return read_materials(s, search=search, category=category, active_only=active_only,
                              low_only=low_only, offset=offset, limit=limit)


def read_materials(s: Session, *, search: str = "", category: str | None = None,
                   active_only: bool = False, low_only: bool = False,
                   offset: int = 0, limit: int | None = None) -> list[MaterialRow]:
    q = _material_query(search, category, active_only, low_only).order_by(
        func.lower(Material.name), Material.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return [_to_row(m, qty, value) for m, qty, value in s.execute(q).all()]


def material_choices(book: Book) -> list[tuple[int, str]]:
    """(id, name) of every material by name, for filters: no stock figures, so it stays
    instant however many stock moves the book has."""
    with book.reading() as s:
        return [(i, n) for i, n in s.execute(select(Material.id, Material.name)
                                              .order_by(func.lower(Material.name), Material.id))]


def count_materials(book: Book, *, search: str = "", category: str | None = None,
                    active_only: bool = False, low_only: bool = False) -> int:
    with book.reading() as s:
        sub = _material_query(search, category, active_only, low_only).subquery()
        return int(s.execute(select(func.count()).select_from(sub)).scalar() or 0)


def low_stock(book: Book) -> list[MaterialRow]:
    """Active materials below their minimum stock."""
    return list_materials(book, low_only=True)


def get_material(book: Book, material_id: int) -> MaterialRow:
    with book.reading() as s:
        return _row(s, _get(s, material_id))


def find_material(book: Book, name: str) -> MaterialRow | None:
    with book.reading() as s:
        m = s.execute(select(Material).where(func.lower(Material.name) == name.strip().lower())).scalar()
        return _row(s, m) if m else None


def categories(book: Book) -> list[str]:
    with book.reading() as s:
        used = [c for c in s.execute(select(Material.category).distinct()).scalars() if c]
    return sorted(set(used) | {_(c) for c in CATEGORIES}, key=str.lower)


def price_history(book: Book, material_id: int, *, limit: int = 200) -> list[PriceRow]:
    """Newest first: catalog price changes and prices paid, with the shop."""
    with book.reading() as s:
        rows = s.execute(
            select(MaterialPrice, Supplier.name).outerjoin(Supplier, Supplier.id == MaterialPrice.supplier_id)
            .where(MaterialPrice.material_id == material_id)
            .order_by(MaterialPrice.date.desc(), MaterialPrice.id.desc()).limit(limit)).all()
        return [PriceRow(p.date, p.price, p.source, name or "", p.purchase_id) for p, name in rows]


def last_purchase_price(book: Book, material_id: int, supplier_id: int | None = None) -> int | None:
    """The price last paid for a material (at this shop when given, else anywhere)."""
    with book.reading() as s:
        return read_last_price(s, material_id, supplier_id)


def read_last_price(s: Session, material_id: int, supplier_id: int | None = None) -> int | None:
    base = (select(MaterialPrice.price).where(MaterialPrice.material_id == material_id,
                                               MaterialPrice.source == "purchase")
            .order_by(MaterialPrice.date.desc(), MaterialPrice.id.desc()).limit(1))
    if supplier_id is not None:
        price = s.execute(base.where(MaterialPrice.supplier_id == supplier_id)).scalar()
        if price is not None:
            return price
    return s.execute(base).scalar()


# --- the starter catalog ----------------------------------------------------------------

@dataclass(frozen=True)
class StarterItem:
    name: str
    unit: str
    category: str
    price: int
    min_stock: Decimal


def starter_items() -> list[StarterItem]:
    """The shipped starter list (example prices, Kabupaten Tangerang)."""
    path = resource(*STARTER_CATALOG)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return [StarterItem(r["nama"], r["satuan"], r["kategori"], int(r["harga_contoh"]),
                        Decimal(r["stok_minimum"])) for r in csv.DictReader(lines)]


def load_starter_catalog(book: Book, *, date: dt.date | None = None) -> int:
    """Add the starter materials that the book does not have yet; their prices are marked as
    examples until someone changes them. Returns how many were added."""
    items = starter_items()
    with book.transaction() as s:
        have = {n.lower() for n in s.execute(select(Material.name)).scalars()}
        added = 0
        for item in items:
            if item.name.lower() in have:
                continue
            add_material(s, MaterialInput(item.name, item.unit, item.category, item.price, item.min_stock),
                         actor=book.actor, date=date, is_example=True)
            added += 1
        audit.record(s, book.actor, "import", "starter_catalog", None, added=added)
        return added


def list_rows(book: Book) -> list[dict]:
    """`list materials`: plain rows (money as int rupiah, quantities as text)."""
    return [{"id": r.id, "name": r.name, "unit": r.unit, "category": r.category, "price": r.price,
             "stock_qty": str(r.stock_qty), "stock_value": r.stock_value, "min_stock": str(r.min_stock),
             "active": r.active, "example_price": r.is_example} for r in list_materials(book)]

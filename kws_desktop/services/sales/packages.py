"""Work packages (paket pekerjaan): RAB templates a quote starts from, priced from the catalog."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line
from kws_desktop.core.money import QuantityError, to_quantity
from kws_desktop.core.rab import Component, ComponentKind, PackagePrice, price_package
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _
from kws_desktop.paths import resource
from kws_desktop.services.book.amounts import LIST_PRICE, PART, WAGE_SETTING, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.sales.package_warranty import check_months, warranties_set, write_warranty
from kws_desktop.store.base import utcnow
from kws_desktop.store.book import Book
from kws_desktop.store.models.purchasing import Material
from kws_desktop.store.models.sales import WorkPackage, WorkPackageMaterial

DEFAULT_PACKAGES = ("packages", "paket-contoh.json")
# Descriptions of the non-material RAB lines (Indonesian source strings, stored as printed).
LABOUR_TEXT = N_("Upah tenaga kerja (tukang dan pekerja)")
TRANSPORT_TEXT = N_("Transport bahan dan pekerja")
EQUIPMENT_TEXT = N_("Sewa dan susut peralatan")
LUMP_SUM = "ls"  # lump sum (lumpsum), as RABs write it


@dataclass(frozen=True)
class PackageMaterialInput:
    material_id: int
    qty: Decimal | int | str
    note: str = ""


@dataclass(frozen=True)
class PackageInput:
    code: str
    name: str
    unit: str = "unit"
    description: str = ""
    materials: tuple[PackageMaterialInput, ...] = ()
    labour_days: Decimal | int | str = 0
    daily_wage: int = 0
    transport_cost: int = 0
    equipment_cost: int = 0
    overhead_pct: Decimal | int | str = 0
    margin_pct: Decimal | int | str = 0
    active: bool = True
    warranty_months: int | None = None  # printed on its quotes; None: not set / left as it is


@dataclass(frozen=True)
class PackageMaterialRow:
    material_id: int
    name: str
    unit: str
    qty: Decimal
    unit_price: int
    cost: int
    note: str


@dataclass(frozen=True)
class PackageRow:
    id: int
    code: str
    name: str
    unit: str
    description: str
    materials: tuple[PackageMaterialRow, ...]
    labour_days: Decimal
    daily_wage: int
    transport_cost: int
    equipment_cost: int
    overhead_pct: Decimal
    margin_pct: Decimal
    active: bool
    is_example: bool
    warranty_months: int | None  # None: not set (its quotes promise no warranty)
    pricing: PackagePrice = field(repr=False)

    @property
    def cost(self) -> int:
        return self.pricing.cost

    @property
    def price(self) -> int:
        return self.pricing.price


@dataclass(frozen=True)
class PackageEffect:
    """What a catalog price change does to one package (for the catalog screen)."""

    package_id: int
    package_name: str
    qty: Decimal          # how much of the material one unit of the package uses
    cost_before: int
    cost_after: int
    price_before: int
    price_after: int

    @property
    def price_change(self) -> int:
        return self.price_after - self.price_before


# --- components and pricing ---------------------------------------------------------------

def package_components(session: Session, package: WorkPackage,
                       prices: dict[int, int] | None = None) -> list[Component]:
    """Session-level: the RAB components of one unit of `package` at today's catalog prices
    (`prices` overrides the price of some materials: {material_id: price})."""
    prices = prices or {}
    out: list[Component] = []
    for line in package.materials:
        m = session.get(Material, line.material_id)
        out.append(Component(ComponentKind.MATERIAL, m.name, m.unit, line.qty,
                             prices.get(m.id, m.price), m.id))
    if package.labour_days and package.daily_wage:
        out.append(Component(ComponentKind.LABOUR, _(LABOUR_TEXT), "HOK", package.labour_days,
                             package.daily_wage))
    if package.transport_cost:
        out.append(Component(ComponentKind.TRANSPORT, _(TRANSPORT_TEXT), LUMP_SUM, Decimal(1),
                             package.transport_cost))
    if package.equipment_cost:
        out.append(Component(ComponentKind.EQUIPMENT, _(EQUIPMENT_TEXT), LUMP_SUM, Decimal(1),
                             package.equipment_cost))
    return out


def price_of(session: Session, package: WorkPackage, prices: dict[int, int] | None = None) -> PackagePrice:
    return price_package(package_components(session, package, prices), package.overhead_pct,
                         package.margin_pct)


def _row(session: Session, p: WorkPackage, warranties: dict[int, int] | None = None) -> PackageRow:
    """`warranties`: the months set, read once for a list (else read for this package)."""
    warranties = warranties_set(session, {p.id}) if warranties is None else warranties
    pricing = price_of(session, p)
    mats = []
    for line, priced in zip(p.materials, pricing.lines):
        m = session.get(Material, line.material_id)
        mats.append(PackageMaterialRow(m.id, m.name, m.unit, line.qty, m.price, priced.cost, line.note))
    return PackageRow(p.id, p.code, p.name, p.unit, p.description, tuple(mats), p.labour_days,
                      p.daily_wage, p.transport_cost, p.equipment_cost, p.overhead_pct, p.margin_pct,
                      p.active, p.is_example, warranties.get(p.id), pricing)


# --- validation ---------------------------------------------------------------------------

def _qty(value, field: str, problems: list, *, allow_zero: bool) -> Decimal | None:
    try:
        qty = to_quantity(value if not isinstance(value, (int, Decimal)) else Decimal(value))
    except (QuantityError, TypeError):
        problems.append((field, _("Tulis angka (paling banyak 3 angka di belakang koma).")))
        return None
    if qty < 0 or (qty == 0 and not allow_zero):
        problems.append((field, _("Jumlah harus lebih dari nol.") if not allow_zero
                         else _("Angka tidak boleh negatif.")))
        return None
    return qty


def _pct(value, field: str, problems: list) -> Decimal | None:
    pct = _qty(value, field, problems, allow_zero=True)
    if pct is not None and pct > 300:
        problems.append((field, _("Persentase terlalu besar (paling banyak 300%).")))
        return None
    return pct


def _validate(session: Session, data: PackageInput, exclude_id: int | None = None) -> dict:
    problems: list = []
    code = one_line(data.code).upper()
    name = one_line(data.name)
    if not code:
        problems.append(("code", _("Kode paket wajib diisi.")))
    elif len(code) > 30:
        problems.append(("code", _("Kode paket terlalu panjang (paling banyak 30 huruf).")))
    if not name:
        problems.append(("name", _("Nama paket wajib diisi.")))
    elif len(name) > 150:
        problems.append(("name", _("Nama paket terlalu panjang (paling banyak 150 huruf).")))
    for col, value, message in ((WorkPackage.code, code, _("Kode paket {value} sudah dipakai.")),
                                (WorkPackage.name, name, _("Paket bernama {value} sudah ada."))):
        if value:
            q = select(WorkPackage.id).where(func.lower(col) == value.lower())
            if exclude_id is not None:
                q = q.where(WorkPackage.id != exclude_id)
            if session.execute(q).first():
                problems.append(("code" if col is WorkPackage.code else "name", message.format(value=value)))
    unit = one_line(data.unit) or "unit"
    materials = []
    seen = set()
    for i, line in enumerate(data.materials):
        f = f"materials.{i}"
        material = session.get(Material, line.material_id) if isinstance(line.material_id, int) else None
        if material is None:
            problems.append((f, _("Bahan pada baris {n} tidak ada di katalog.").format(n=i + 1)))
            continue
        if material.id in seen:
            problems.append((f, _("Bahan {name} tertulis dua kali.").format(name=material.name)))
            continue
        seen.add(material.id)
        qty = _qty(line.qty, f, problems, allow_zero=False)
        if qty is not None:
            materials.append((material.id, qty, (line.note or "").strip()))
    labour_days = _qty(data.labour_days, "labour_days", problems, allow_zero=True)
    values = dict(
        daily_wage=check_rupiah(data.daily_wage, "daily_wage", problems, WAGE_SETTING, _("Upah per HOK")),
        transport_cost=check_rupiah(data.transport_cost, "transport_cost", problems, PART, _("Biaya angkut")),
        equipment_cost=check_rupiah(data.equipment_cost, "equipment_cost", problems, PART, _("Sewa alat")),
        overhead_pct=_pct(data.overhead_pct, "overhead_pct", problems),
        margin_pct=_pct(data.margin_pct, "margin_pct", problems),
    )
    warranty = None if data.warranty_months is None \
        else check_months(data.warranty_months, "warranty_months", problems)
    if not problems and not materials and not (labour_days and values["daily_wage"]) \
            and not values["transport_cost"] and not values["equipment_cost"]:
        problems.append(("materials", _("Paket harus punya paling sedikit satu bahan atau biaya.")))
    collect(problems)
    return dict(code=code, name=name, unit=unit, description=(data.description or "").strip(),
                labour_days=labour_days, active=bool(data.active), materials=materials,
                warranty_months=warranty, **values)


def _apply(session: Session, package: WorkPackage, values: dict, actor: str, action: str) -> None:
    """Write the checked values and their audit: the package's, then its warranty months' when
    they are given (None leaves them as they are)."""
    materials = values.pop("materials")
    warranty = values.pop("warranty_months")
    for key, value in values.items():
        setattr(package, key, value)
    package.materials.clear()
    for n, (material_id, qty, note) in enumerate(materials, start=1):
        package.materials.append(WorkPackageMaterial(line_no=n, material_id=material_id, qty=qty, note=note))
    package.updated_at = utcnow()
    session.flush()
    audit.record(session, actor, action, "work_package", package.id, code=package.code)
    if warranty is not None:
        write_warranty(session, package.id, warranty, actor=actor)


# --- use cases ----------------------------------------------------------------------------

def create_package(book: Book, data: PackageInput) -> PackageRow:
    with book.transaction() as s:
        package = add_package(s, data, actor=book.actor)
        return _row(s, package)


def add_package(session: Session, data: PackageInput, *, actor: str, is_example: bool = False) -> WorkPackage:
    """Session-level: add a validated package (and its warranty months, when given)."""
    values = _validate(session, data)
    package = WorkPackage(is_example=is_example)
    session.add(package)
    _apply(session, package, values, actor, "create")
    return package


def update_package(book: Book, package_id: int, data: PackageInput) -> PackageRow:
    with book.transaction() as s:
        package = _get(s, package_id)
        values = _validate(s, data, exclude_id=package_id)
        package.is_example = False  # edited: now the group's own
        _apply(s, package, values, book.actor, "update")
        return _row(s, package)


def set_active(book: Book, package_id: int, active: bool) -> PackageRow:
    with book.transaction() as s:
        package = _get(s, package_id)
        package.active = active
        audit.record(s, book.actor, "activate" if active else "deactivate", "work_package", package.id)
        return _row(s, package)


def _get(s: Session, package_id: int) -> WorkPackage:
    package = s.get(WorkPackage, package_id)
    if package is None:
        raise UserError(_("Paket pekerjaan tidak ditemukan."), field="package")
    return package


def get_package(book: Book, package_id: int) -> PackageRow:
    with book.reading() as s:
        return _row(s, _get(s, package_id))


def list_packages(book: Book, *, active_only: bool = False) -> list[PackageRow]:
    """All packages with their current cost and price (a group has a handful, not thousands)."""
    with book.reading() as s:
        q = select(WorkPackage).order_by(WorkPackage.code)
        if active_only:
            q = q.where(WorkPackage.active.is_(True))
        rows = list(s.execute(q).scalars())
        warranties = warranties_set(s, [p.id for p in rows])
        return [_row(s, p, warranties) for p in rows]


def price_change_effect(book: Book, material_id: int, new_price: int) -> list[PackageEffect]:
    """How the cost and price of every package using `material_id` change if its catalog
    price becomes `new_price` (nothing is saved)."""
    problems: list = []
    check_rupiah(new_price, "price", problems, LIST_PRICE, _("Harga"))
    collect(problems)
    with book.reading() as s:
        q = (select(WorkPackage, WorkPackageMaterial.qty)
             .join(WorkPackageMaterial, WorkPackageMaterial.package_id == WorkPackage.id)
             .where(WorkPackageMaterial.material_id == material_id).order_by(WorkPackage.code))
        out = []
        for package, qty in s.execute(q).all():
            before = price_of(s, package)
            after = price_of(s, package, {material_id: new_price})
            out.append(PackageEffect(package.id, package.name, qty, before.cost, after.cost,
                                     before.price, after.price))
        return out


def package_cost_with_price(book: Book, package_id: int, material_id: int, new_price: int) -> PackagePrice:
    """The RAB of one package if `material_id` cost `new_price` (nothing is saved)."""
    with book.reading() as s:
        return price_of(s, _get(s, package_id), {material_id: new_price})


# --- shipped examples ---------------------------------------------------------------------

def default_package_specs() -> list[dict]:
    """The shipped example packages (resources/packages/paket-contoh.json)."""
    with open(resource(*DEFAULT_PACKAGES), encoding="utf-8") as fh:
        return json.load(fh)["packages"]


def _find_or_add_material(s: Session, spec: dict, actor: str) -> Material:
    names = [spec["name"], *spec.get("aliases", [])]
    for name in names:
        found = s.execute(select(Material).where(func.lower(Material.name) == name.lower())).scalar()
        if found is not None:
            return found
    from kws_desktop.services.purchasing import materials as catalog
    return catalog.add_material(s, catalog.MaterialInput(
        name=spec["name"], unit=spec["unit"], category=spec.get("category", ""),
        price=int(spec["price"])), actor=actor, is_example=True)


def load_default_packages(book: Book) -> int:
    """Add the shipped example packages that the book does not have yet (by code). Materials
    are matched in the catalog by name; a missing one is added as an example. An example the
    book has, still as shipped (never edited) and with no warranty set (loaded by a version
    before the examples carried one), gets the shipped warranty months. Returns how many
    packages were added."""
    added = 0
    with book.transaction() as s:
        for spec in default_package_specs():
            have = s.execute(select(WorkPackage).where(WorkPackage.code == spec["code"])).scalar()
            if have is not None:
                months = spec.get("warranty_months")
                if have.is_example and months is not None and not warranties_set(s, [have.id]):
                    write_warranty(s, have.id, months, actor=book.actor)
                continue
            lines = tuple(PackageMaterialInput(_find_or_add_material(s, m, book.actor).id, m["qty"])
                          for m in spec["materials"])
            add_package(s, PackageInput(
                code=spec["code"], name=spec["name"], unit=spec.get("unit", "unit"),
                description=spec.get("description", ""), materials=lines,
                labour_days=spec.get("labour_days", 0), daily_wage=spec.get("daily_wage", 0),
                transport_cost=spec.get("transport_cost", 0), equipment_cost=spec.get("equipment_cost", 0),
                overhead_pct=spec.get("overhead_pct", 0), margin_pct=spec.get("margin_pct", 0),
                warranty_months=spec.get("warranty_months")),
                actor=book.actor, is_example=True)
            added += 1
    return added

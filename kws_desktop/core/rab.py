"""RAB (rencana anggaran biaya) pricing: the cost and the price of a work package.

Pure Python, no I/O. The rule, as in the Indonesian "harga satuan pekerjaan" method:

* every component line has a cost: quantity x unit cost, rounded once (``core.money.line_total``);
* the selling unit price of a line is its unit cost marked up by overhead and margin,
  ``unit_cost x (1 + overhead%) x (1 + margin%)``, rounded once to whole rupiah;
* the selling amount of a line is quantity x selling unit price, rounded once;
* the package price is the sum of the selling amounts, so the printed RAB always adds up;
* the direct cost is the sum of the cost amounts; the overhead allowance is overhead% of the
  direct cost; the margin is what is left: price - direct cost - overhead.

Households see the selling prices only; cost, overhead and margin are for the group.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kws_desktop.core.money import line_total, percent_of, round_rupiah
from kws_desktop.core.percent import share_points


def N_(message: str) -> str:
    """Mark a label for the translation catalog (core/ cannot import kws_desktop.i18n); the
    label is translated with `_()` where it is shown."""
    return message

MAX_PERCENT = Decimal(1000)


class ComponentKind(StrEnum):
    MATERIAL = "material"    # from the catalog: quantity x unit price
    LABOUR = "labour"        # person-days (HOK) x daily wage
    TRANSPORT = "transport"  # hauling materials and crew
    EQUIPMENT = "equipment"  # tools and hire (molen, pompa, cetakan)
    OTHER = "other"          # anything else (a free line of a quote)


# The RAB sections, in the order they print; the labels are Indonesian source strings
# (translate where shown).
KIND_ORDER = (ComponentKind.MATERIAL, ComponentKind.LABOUR, ComponentKind.TRANSPORT,
              ComponentKind.EQUIPMENT, ComponentKind.OTHER)
KIND_LABELS = {
    ComponentKind.MATERIAL: N_("Bahan bangunan"),
    ComponentKind.LABOUR: N_("Upah tenaga kerja"),
    ComponentKind.TRANSPORT: N_("Transport"),
    ComponentKind.EQUIPMENT: N_("Peralatan"),
    ComponentKind.OTHER: N_("Lain-lain"),
}


@dataclass(frozen=True)
class Component:
    """One line of a package's RAB: ``quantity`` of ``unit`` at ``unit_cost`` rupiah."""

    kind: ComponentKind
    description: str
    unit: str
    quantity: Decimal
    unit_cost: int
    material_id: int | None = None

    @property
    def cost(self) -> int:
        return line_total(self.quantity, self.unit_cost)


@dataclass(frozen=True)
class PricedComponent:
    component: Component
    unit_price: int   # selling unit price (marked up)
    amount: int       # quantity x selling unit price
    cost: int         # quantity x unit cost


@dataclass(frozen=True)
class PackagePrice:
    """The RAB of one unit of a package, priced."""

    lines: tuple[PricedComponent, ...]
    overhead_pct: Decimal
    margin_pct: Decimal
    cost: int        # direct cost: materials + labour + transport + equipment + other
    overhead: int    # overhead allowance (biaya umum), part of what the price must carry
    margin: int      # price - cost - overhead (keuntungan)
    price: int       # what the household is quoted for one unit

    def cost_of(self, kind: ComponentKind) -> int:
        return sum(p.cost for p in self.lines if p.component.kind == kind)

    def amount_of(self, kind: ComponentKind) -> int:
        return sum(p.amount for p in self.lines if p.component.kind == kind)

    @property
    def margin_percent_of_price(self) -> Decimal:
        """Margin as a percentage of the price (one decimal, core/percent.py's rule), 0 for a free
        package."""
        return share_points(self.margin, self.price) or Decimal(0)


def markup_factor(overhead_pct: Decimal | int, margin_pct: Decimal | int) -> Decimal:
    return (1 + Decimal(overhead_pct) / 100) * (1 + Decimal(margin_pct) / 100)


def selling_unit_price(unit_cost: int, overhead_pct: Decimal | int, margin_pct: Decimal | int) -> int:
    """The unit cost marked up by overhead and margin, rounded once (half up)."""
    return round_rupiah(Decimal(unit_cost) * markup_factor(overhead_pct, margin_pct))


def price_package(components: Iterable[Component], overhead_pct: Decimal | int = 0,
                  margin_pct: Decimal | int = 0) -> PackagePrice:
    """Cost and price of one unit of a package from its components."""
    overhead_pct, margin_pct = Decimal(overhead_pct), Decimal(margin_pct)
    if not (0 <= overhead_pct <= MAX_PERCENT and 0 <= margin_pct <= MAX_PERCENT):
        raise ValueError("percentages must be between 0 and 1000")
    lines = []
    for c in components:
        if c.quantity < 0 or c.unit_cost < 0:
            raise ValueError("negative component")
        unit_price = selling_unit_price(c.unit_cost, overhead_pct, margin_pct)
        lines.append(PricedComponent(c, unit_price, line_total(c.quantity, unit_price), c.cost))
    cost = sum(p.cost for p in lines)
    price = sum(p.amount for p in lines)
    overhead = percent_of(cost, overhead_pct)
    return PackagePrice(tuple(lines), overhead_pct, margin_pct, cost, overhead,
                        price - cost - overhead, price)


@dataclass(frozen=True)
class QuoteTotals:
    subtotal: int
    discount: int
    total: int
    cost: int       # direct cost of everything quoted
    overhead: int   # overhead allowance
    margin: int     # total - cost - overhead (after the discount)

    @property
    def margin_pct(self) -> Decimal:
        """Margin as a percentage of the total (one decimal, core/percent.py's rule)."""
        return share_points(self.margin, self.total) or Decimal(0)


def quote_totals(lines: Sequence[tuple[int, int, int]], discount: int = 0) -> QuoteTotals:
    """Totals from ``(amount, cost, overhead)`` per quote line and a discount in rupiah."""
    subtotal = sum(a for a, _c, _o in lines)
    cost = sum(c for _a, c, _o in lines)
    overhead = sum(o for _a, _c, o in lines)
    total = subtotal - discount
    return QuoteTotals(subtotal, discount, total, cost, overhead, total - cost - overhead)

"""Money is whole rupiah (int); quantities are Decimal, kept exactly to thousandths.

One rounding rule for the whole program: half up, to whole rupiah, once per line.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

QTY_SCALE = 1000  # quantities are stored as integer thousandths
QTY_QUANTUM = Decimal("0.001")
MAX_RUPIAH = 999_999_999_999_999  # below one quadrillion: terbilang and BIGINT both hold it
MAX_QUANTITY = Decimal(999_999_999_999)  # stored as thousandths, far inside a 64-bit integer


class QuantityError(ValueError):
    """A quantity that cannot be kept exactly (too many decimals, not a number)."""


def round_rupiah(value: Decimal | int) -> int:
    """Round to whole rupiah, half up (away from zero for halves): the only rounding rule."""
    if isinstance(value, int):
        return value
    if isinstance(value, float):  # pragma: no cover - guarded so floats never sneak in
        raise TypeError("money never passes through float")
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_quantity(value: Decimal | int | str) -> Decimal:
    """An exact quantity with at most three decimals ("2,5" and "2.5" both read as 2.5)."""
    if isinstance(value, float):
        raise TypeError("quantities never pass through float")
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text and "." in text:  # Indonesian thousands dots with a decimal comma
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        value = text
    try:
        qty = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise QuantityError(str(value)) from exc
    if not qty.is_finite() or abs(qty) > MAX_QUANTITY:
        raise QuantityError(str(value))
    if qty != qty.quantize(QTY_QUANTUM):
        raise QuantityError(str(value))
    return qty.quantize(QTY_QUANTUM).normalize() if qty else Decimal(0)


def quantity_to_milli(qty: Decimal) -> int:
    """Decimal quantity -> integer thousandths, exactly."""
    scaled = Decimal(qty) * QTY_SCALE
    if scaled != scaled.to_integral_value():
        raise QuantityError(str(qty))
    return int(scaled)


def milli_to_quantity(milli: int) -> Decimal:
    """Integer thousandths -> Decimal quantity without trailing zeros (2500 -> 2.5) and
    without an exponent (10000 -> 10, never 1E+1, which str() would print in JSON and CSV)."""
    if not milli:
        return Decimal(0)
    qty = (Decimal(milli) / QTY_SCALE).quantize(QTY_QUANTUM).normalize()
    return qty.quantize(Decimal(1)) if qty.as_tuple().exponent > 0 else qty


def line_total(quantity: Decimal | int, unit_price: int) -> int:
    """Quantity times unit price, rounded once, half up."""
    return round_rupiah(Decimal(quantity) * unit_price)


def percent_of(amount: int, percent: Decimal | int) -> int:
    """`percent` % of `amount`, rounded half up (10.5 means 10.5 %)."""
    return round_rupiah(Decimal(amount) * Decimal(percent) / 100)


def split_evenly(total: int, parts: int) -> list[int]:
    """Split `total` into `parts` whole-rupiah amounts that add up exactly; the first carry the rest."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


INSTALMENT_UNIT = 1_000  # instalments are whole thousands of rupiah


def instalment_amounts(total: int, count: int, unit: int = INSTALMENT_UNIT) -> list[int]:
    """``total`` in ``count`` instalments that add up exactly: all but the last the same
    multiple of ``unit`` (rounded down), the last absorbing the difference (so it is the
    largest, by less than ``count`` units). Only a total smaller than ``count`` units falls
    back to tenfold smaller units, down to whole rupiah; so no instalment is under ``unit``
    when the total allows it."""
    if count <= 0:
        raise ValueError("count must be positive")
    if unit <= 0:
        raise ValueError("unit must be positive")
    while unit >= 1:
        each = total // count // unit * unit
        if each > 0:
            return [each] * (count - 1) + [total - each * (count - 1)]
        unit //= 10
    return split_evenly(total, count)


def allocate_by_weight(total: int, weights: list[Decimal | int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), adding up exactly."""
    weight_sum = sum(Decimal(w) for w in weights)
    if weight_sum <= 0:
        raise ValueError("weights must add up to more than zero")
    exact = [Decimal(total) * Decimal(w) / weight_sum for w in weights]
    floors = [int(x.to_integral_value(rounding="ROUND_FLOOR")) for x in exact]
    rest = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors

"""The one rule for money and quantities a service takes in, per kind of money.

`check_rupiah(value, field, problems, kind, what)` accepts a whole number of rupiah (an int, not
a bool) that is not below Rp0, above Rp0 where the kind must be (a payment), and not above the
kind's ceiling (a typing slip such as ten zeros too many); otherwise it adds the problem for
`field`, worded with `what` (the field's name as the user reads it, already translated), and
returns None. Every service checks its money through it, so the rule holds whatever a widget,
the command line or an import handed in. `parse_quantity` is the same for a quantity.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kws_desktop.core.money import MAX_RUPIAH, QuantityError, to_quantity
from kws_desktop.i18n import _, format_rupiah


@dataclass(frozen=True)
class MoneyKind:
    ceiling: int  # the most one such amount may be; above it is a typing slip
    positive: bool  # must be more than Rp0 (money handed over); else Rp0 is allowed


# Money handed over in one go: a payment and its kuitansi, a kasbon, a supplier payment, a cash
# entry, simpanan paid in. Rp10 miliar is far beyond what a KWS takes or pays at once.
PAYMENT = MoneyKind(ceiling=10_000_000_000, positive=True)
# A part of a payment or a setting that may be Rp0: uang titipan, a wage line, a deduction,
# shipping, a discount, a daily wage, a cost.
PART = MoneyKind(ceiling=10_000_000_000, positive=False)
# A day's wage of one member on a job (more than Rp10 juta a day is a typing slip), and the
# same as a default that may be left at Rp0 (a member's or a package's daily wage).
WAGE = MoneyKind(ceiling=10_000_000, positive=True)
WAGE_SETTING = MoneyKind(ceiling=10_000_000, positive=False)
# A unit price paid (a line of a purchase slip, a new catalog price).
PRICE = MoneyKind(ceiling=10_000_000_000, positive=True)
# A unit price that may be Rp0 (a catalog price not known yet, a free quote line, a package part).
LIST_PRICE = MoneyKind(ceiling=10_000_000_000, positive=False)
# A balance, a whole slip or an agreement's value: what a group already holds, a purchase's
# total, a program contract.
BALANCE = MoneyKind(ceiling=100_000_000_000, positive=False)
# One payer's share of a quote or an order (a program may fund many units): up to the largest
# amount the program can print in words.
FUNDING = MoneyKind(ceiling=MAX_RUPIAH, positive=True)


def rupiah_problem(value: object, kind: MoneyKind, what: str) -> str | None:
    """The sentence saying why `value` is not an amount of this kind (None when it is)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return _("{what} harus ditulis dalam rupiah bulat, misalnya 50.000.").format(what=what)
    if kind.positive and value <= 0:
        return _("{what} harus lebih dari Rp0.").format(what=what)
    if value < 0:
        return _("{what} tidak boleh kurang dari Rp0.").format(what=what)
    if value > kind.ceiling:
        # the amount itself is not repeated: a typing slip may be too long to print
        return _("{what} terlalu besar: paling banyak {ceiling}. Periksa angkanya.").format(
            what=what, ceiling=format_rupiah(kind.ceiling))
    return None


def check_rupiah(value: object, field: str | None, problems: list, kind: MoneyKind, what: str) -> int | None:
    """`value` when it is an amount of this kind; else None, with the problem added for `field`."""
    problem = rupiah_problem(value, kind, what)
    if problem is not None:
        problems.append((field, problem))
        return None
    return value  # type: ignore[return-value]


def parse_quantity(value, field: str, problems: list, *, allow_zero: bool = False) -> Decimal | None:
    """Read a quantity; adds a problem (for `field`) when it is not a positive number."""
    try:
        qty = to_quantity(value if not isinstance(value, (int, Decimal)) else Decimal(value))
    except (QuantityError, TypeError):
        problems.append((field, _("Jumlah harus berupa angka (paling banyak 3 angka di belakang koma).")))
        return None
    if qty < 0 or (qty == 0 and not allow_zero):
        problems.append((field, _("Jumlah harus lebih dari nol.") if not allow_zero
                         else _("Jumlah tidak boleh negatif.")))
        return None
    return qty

"""Percentages as the app shows and prints them: one rounding rule, two ways of writing.

The rule: one decimal, a half rounded away from zero (12,25 -> 12,3; 12,35 -> 12,4;
-0,05 -> -0,1), computed exactly from the figures (no rounding before the last step). Why this one:

- it is how a treasurer learned to round at school ("5 ke atas"), and how a spreadsheet shows
  a "0.0%" cell, so the printed report, the window and the XLSX of it say the same figure;
- one decimal tells 12,5% from 13% and still fits a table cell; more decimals would claim a
  precision the counts behind a share (a few dozen households) do not have;
- half-to-even ("banker's") rounding, which Python's round() and babel use, turns 12,25 into
  12,2 but 12,35 into 12,4: a reader who checks a figure by hand finds it "wrong" half the time.

Two ways of writing the rounded figure:

- in a table column (``fixed=True``: every report column of kind "percent", a share or margin
  column in a window's table) always one decimal: "21,0%", "21,3%", "100,0%". Figures under
  each other then line up on the decimal sign, and "21%" above "21,3%" is not read as rounded
  differently (an auditor's question);
- alone in a sentence or as a single figure (a key-figure tile, "laba (21%)", a note) a
  trailing ",0" is left out: "21%", "21,3%", "100%", easier to read where nothing stands under it.

A value that rounds to zero is "0%" / "0,0%", never "-0%".

Values come in as a ratio (0.125 is 12,5%), as points (12.5 is 12,5%) or as a part of a whole.
Floats are read through their shortest text (0.05 as "0.05"), so 0.05 rounds like 0,05.
Pure Python: the language's decimal sign comes from the caller (kws_desktop.i18n).
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["round_points", "ratio_points", "share_points", "percent_text"]

Number = Decimal | Fraction | int | float | str


def _exact(value: Number) -> Fraction:
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def _tenths(exact: Fraction) -> int:
    """`exact` points in whole tenths, a half away from zero."""
    tenths = abs(exact) * 10
    whole = int(tenths + Fraction(1, 2))  # int() floors a non-negative value
    return -whole if exact < 0 else whole


def _points(exact: Fraction) -> Decimal:
    return Decimal(_tenths(exact)).scaleb(-1)


def round_points(points: Number) -> Decimal:
    """Points rounded by the rule: 12.25 -> 12.3, -0.05 -> -0.1, 0.04 -> 0.0."""
    return _points(_exact(points))


def ratio_points(ratio: Number) -> Decimal:
    """A ratio as rounded points: 0.125 -> 12.5, 0.99951 -> 100.0."""
    return _points(_exact(ratio) * 100)


def share_points(part: Number, whole: Number) -> Decimal | None:
    """`part` of `whole` as rounded points (1 of 8 -> 12.5); None when the whole is zero."""
    whole = _exact(whole)
    if whole == 0:
        return None
    return _points(_exact(part) * 100 / whole)


def percent_text(points: Number, *, fixed: bool = False, decimal_mark: str = ",",
                 group_mark: str = ".") -> str:
    """Points written by the rule: "12,5%", "-0,1%", "100%", "1.250%" (0,04 is "0%", never "-0%").

    ``fixed``: for a table column, the decimal is always written: "100,0%", "1.250,0%", "0,0%"."""
    tenths = _tenths(_exact(points))
    whole, tenth = divmod(abs(tenths), 10)
    digits = f"{whole:,}".replace(",", group_mark)
    if tenth or fixed:
        digits += f"{decimal_mark}{tenth}"
    return ("-" if tenths < 0 else "") + digits + "%"

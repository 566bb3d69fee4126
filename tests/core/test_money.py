from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kws_desktop.core.money import (QuantityError, allocate_by_weight, line_total, milli_to_quantity,
                                    percent_of, quantity_to_milli, round_rupiah, split_evenly,
                                    to_quantity)


@pytest.mark.parametrize("value, expected", [
    (Decimal("0.5"), 1), (Decimal("1.5"), 2), (Decimal("2.5"), 3), (Decimal("2.49"), 2),
    (Decimal("-0.5"), -1), (Decimal("-2.5"), -3), (Decimal("1249999.5"), 1250000), (7, 7),
])
def test_round_half_up(value, expected):
    assert round_rupiah(value) == expected


def test_float_never_touches_money():
    with pytest.raises(TypeError):
        round_rupiah(2.5)
    with pytest.raises(TypeError):
        to_quantity(2.5)


@pytest.mark.parametrize("text, expected", [
    ("2,5", Decimal("2.5")), ("2.5", Decimal("2.5")), (" 10 ", Decimal("10")),
    ("1.250,75", Decimal("1250.75")), ("0,125", Decimal("0.125")), ("0", Decimal("0")),
])
def test_quantity_parsing(text, expected):
    assert to_quantity(text) == expected


@pytest.mark.parametrize("bad", ["", "abc", "1,2345", "NaN", "inf", "1e400x"])
def test_quantity_refuses(bad):
    with pytest.raises(QuantityError):
        to_quantity(bad)


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_quantity_roundtrip(milli):
    assert quantity_to_milli(milli_to_quantity(milli)) == milli


def test_line_total_rounds_once():
    assert line_total(Decimal("2.5"), 65_001) == 162_503  # 162502.5 -> half up
    assert line_total(Decimal("0.333"), 10) == 3
    assert percent_of(1_000_000, Decimal("10.5")) == 105_000


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=60))
def test_split_evenly_adds_up(total, parts):
    pieces = split_evenly(total, parts)
    assert sum(pieces) == total and max(pieces) - min(pieces) <= 1


@given(st.integers(min_value=0, max_value=10**12),
       st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=20).filter(lambda w: sum(w) > 0))
def test_allocate_by_weight_adds_up(total, weights):
    pieces = allocate_by_weight(total, weights)
    assert sum(pieces) == total
    assert all(p == 0 for p, w in zip(pieces, weights) if w == 0)


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_quantities_print_as_plain_digits(milli):
    qty = milli_to_quantity(milli)
    assert "E" not in str(qty) and Decimal(str(qty)) * 1000 == milli
    assert str(milli_to_quantity(10_000)) == "10" and str(milli_to_quantity(2_500)) == "2.5"

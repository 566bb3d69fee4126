from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kws_desktop.core.money import instalment_amounts
from kws_desktop.core.rab import (Component, ComponentKind, price_package,
                                  quote_totals, selling_unit_price)


def comp(qty, cost, kind=ComponentKind.MATERIAL):
    return Component(kind, "x", "buah", Decimal(qty), cost)


def test_price_is_sum_of_marked_up_lines_rounded_once_each():
    p = price_package([comp("0.5", 285_000), comp("3", 68_000), comp("6", 150_000, ComponentKind.LABOUR)],
                      Decimal(5), Decimal(10))
    # unit prices: 285000 * 1.155 = 329175; 68000 * 1.155 = 78540; 150000 * 1.155 = 173250
    assert [x.unit_price for x in p.lines] == [329_175, 78_540, 173_250]
    assert [x.amount for x in p.lines] == [164_588, 235_620, 1_039_500]  # 164587.5 rounds half up
    assert p.price == sum(x.amount for x in p.lines)
    assert p.cost == 142_500 + 204_000 + 900_000
    assert p.overhead == round(p.cost * 0.05)
    assert p.margin == p.price - p.cost - p.overhead
    assert p.cost_of(ComponentKind.LABOUR) == 900_000
    assert p.amount_of(ComponentKind.MATERIAL) == 164_588 + 235_620


def test_no_markup_means_price_equals_cost():
    p = price_package([comp("2.25", 1_001)])
    assert p.price == p.cost == 2_252  # 2252.25
    assert p.margin == 0 and p.overhead == 0


def test_selling_price_half_up():
    assert selling_unit_price(1, 50, 0) == 2  # 1.5 -> 2
    assert selling_unit_price(0, 10, 10) == 0


def test_bad_percent_and_negative_component():
    with pytest.raises(ValueError):
        price_package([comp("1", 100)], -1, 0)
    with pytest.raises(ValueError):
        price_package([comp("-1", 100)])


def test_quote_totals_with_discount():
    t = quote_totals([(1_000_000, 800_000, 40_000), (500_000, 450_000, 0)], 100_000)
    assert (t.subtotal, t.total, t.cost, t.overhead, t.margin) == (1_500_000, 1_400_000, 1_250_000, 40_000, 110_000)
    assert t.margin_pct == Decimal("7.9")


@pytest.mark.parametrize("total,count", [(6_096_124, 10), (1_000_000, 3), (5, 3), (1, 1), (99, 4), (2, 5)])
def test_instalments_add_up_and_the_last_absorbs_the_rest(total, count):
    parts = instalment_amounts(total, count)
    assert len(parts) == count and sum(parts) == total
    assert all(p >= 0 for p in parts)
    if total >= count:  # else some must be zero
        assert len(set(parts[:-1])) <= 1 and parts[-1] == max(parts)


def test_instalments_are_whole_thousands_when_possible():
    assert instalment_amounts(6_096_124, 10) == [609_000] * 9 + [615_124]
    assert instalment_amounts(3_000_240, 3) == [1_000_000, 1_000_000, 1_000_240]
    assert instalment_amounts(2_500, 5) == [500] * 5            # too small for thousands: hundreds
    assert instalment_amounts(6_000_000, 4, unit=50_000) == [1_500_000] * 4


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=120))
def test_no_instalment_under_a_thousand_when_the_total_allows(total, count):
    parts = instalment_amounts(total, count)
    assert sum(parts) == total and len(parts) == count
    if total >= 1_000 * count:
        assert min(parts) >= 1_000 and all(p % 1_000 == 0 for p in parts[:-1])

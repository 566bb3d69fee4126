"""Amounts as printed: the quick grouping gives exactly what babel gives for id_ID."""
from babel.numbers import format_decimal
from hypothesis import given, strategies as st

from kws_desktop.i18n import format_number, format_rupiah


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_amounts_are_grouped_as_babel_groups_them(amount):
    digits = format_decimal(abs(amount), format="#,##0", locale="id_ID")
    assert format_number(amount) == (f"({digits})" if amount < 0 else digits)
    assert format_number(amount, parentheses=False) == (f"-{digits}" if amount < 0 else digits)
    assert format_rupiah(amount) == (f"-Rp{digits}" if amount < 0 else f"Rp{digits}")
    assert format_rupiah(amount, space=True, parentheses=True) == (
        f"(Rp {digits})" if amount < 0 else f"Rp {digits}")


def test_a_decimal_amount_still_goes_through_babel():
    from decimal import Decimal
    assert format_number(Decimal("1250000")) == "1.250.000"

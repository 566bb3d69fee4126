"""Amounts and short dates as printed: the quick forms give exactly what babel and strftime give."""
import datetime as dt

from babel.numbers import format_decimal
from hypothesis import given, strategies as st

from kws_desktop.i18n import format_date_short, format_number, format_rupiah


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


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_short_dates_read_as_strftime_writes_them(day):
    assert format_date_short(day) == day.strftime("%d/%m/%Y")
    assert format_date_short(None) == ""

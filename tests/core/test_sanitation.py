"""Advisory septic tank sizing after SNI 2398:2017 (pure)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kws_desktop.core import sanitation as san


def test_small_households_get_the_standard_minimum_tank():
    for persons in (1, 2, 3, 4):
        t = san.advise_tank(persons)
        assert (t.length_m, t.width_m, t.height_m) == (Decimal("1.50"), Decimal("0.75"), Decimal("1.50"))
        assert t.volume_m3 == Decimal("1.69") and t.minimum_governs


def test_five_persons_close_to_the_2002_worked_table():
    t = san.advise_tank(5)
    assert t.sludge_m3 == Decimal("0.450") and t.wet_m3 == Decimal("1.200")
    assert (t.length_m, t.width_m) == (Decimal("1.70"), Decimal("0.85"))
    assert Decimal("2.0") <= t.volume_m3 <= Decimal("2.3")
    assert not t.minimum_governs


def test_tank_grows_with_household_and_keeps_ratio_and_minimums():
    previous = Decimal(0)
    for persons in range(1, san.MAX_USERS + 1):
        t = san.advise_tank(persons)
        assert t.volume_m3 >= previous
        previous = t.volume_m3
        assert t.width_m >= san.MIN_WIDTH_M and t.length_m >= san.MIN_LENGTH_M
        assert t.height_m >= san.MIN_HEIGHT_M
        # the liquid space (height less freeboard) holds the sludge and the wet volume
        assert t.length_m * t.width_m * (t.height_m - san.FREEBOARD_M) >= t.sludge_m3 + t.wet_m3
        assert Decimal(2) <= t.length_m / t.width_m <= Decimal(3)


def test_longer_desludging_period_needs_more_room():
    assert san.advise_tank(8, desludge_years=5).volume_m3 > san.advise_tank(8).volume_m3


@pytest.mark.parametrize("persons,code", [(0, "not_positive"), (-3, "not_positive"), (51, "too_many"),
                                          (1000, "too_many")])
def test_household_size_that_makes_no_sense(persons, code):
    with pytest.raises(san.SizingError) as info:
        san.advise_tank(persons)
    assert info.value.field == "household_size" and info.value.code == code


@pytest.mark.parametrize("distance,code", [(Decimal("-1"), "negative"), (Decimal("1000.5"), "too_far")])
def test_distance_that_makes_no_sense(distance, code):
    with pytest.raises(san.SizingError) as info:
        san.check_distance(distance)
    assert info.value.code == code


def test_well_distance_warning_only_for_wells_below_ten_metres():
    assert san.well_too_close("sumur_gali", Decimal("9.9"))
    assert san.well_too_close("sumur_bor", Decimal(0))
    assert not san.well_too_close("sumur_gali", Decimal(10))
    assert not san.well_too_close("pdam", Decimal(2))
    assert not san.well_too_close("sumur_gali", None)


def test_high_groundwater_is_two_metres_or_less():
    assert san.is_high_groundwater(Decimal("1.5")) and san.is_high_groundwater(Decimal(2))
    assert not san.is_high_groundwater(Decimal("2.1")) and not san.is_high_groundwater(None)

"""Advisory septic tank sizing and siting, after SNI 2398:2017.

SNI 2398:2017 "Tata cara perencanaan tangki septik dengan pengolahan lanjutan (sumur resapan,
bidang resapan, up flow filter, taman sanita)" is the Indonesian national standard a KWS builds
to. This module gives the leader an *advice* (the leader decides, and may override with a
reason); it is not a design calculation signed by an engineer.

What is used, and where it comes from
-------------------------------------
The standard itself is sold by BSN and was not available to read in full; the figures below
were taken from public transcriptions and summaries of it, cited here so anyone can check:

- Scope: tanks with further treatment for at most **50 users** (SNI 2398:2017 clause 1,
  "Ruang lingkup", as transcribed at id.scribd.com/document/659864961). -> MAX_USERS.
- High groundwater ("air tanah tinggi") means the water table is **at most 2 m** below the
  surface in the rainy season (same transcription, clause 3 "Istilah dan definisi"). ->
  HIGH_GROUNDWATER_DEPTH_M.
- Shape and minimum size: rectangular, length : width **2 : 1 to 3 : 1**, width **at least
  0,75 m**, length **at least 1,50 m**, height **at least 1,5 m including 0,3 m freeboard**
  (summaries of SNI 2398:2017 at tukanggambar.com/2022/11/spesifikasi-desain-septic-tank.html
  and strong-indonesia.com/?p=3200). -> MIN_WIDTH_M, MIN_LENGTH_M, MIN_HEIGHT_M, FREEBOARD_M.
- Distances: a clean-water well to the tank's infiltration at least **10 m**, to a building
  **1,5 m**, to a rainwater infiltration well **5 m** (tukanggambar.com, same page). ->
  MIN_WELL_DISTANCE_M (the one checked on the survey), MIN_BUILDING_DISTANCE_M,
  MIN_RAIN_WELL_DISTANCE_M.

Assumptions (not read from the 2017 text; honest stand-ins until someone checks the standard):

- Sludge accumulation **30 litres per person per year** and a desludging period of **3 years**,
  and a liquid (wet) volume of **0,24 m3 per person**: both derived from the worked table of the
  predecessor standard SNI 03-2398-2002 (1 family = 5 persons, mixed system, desludged every 3
  years: wet space 1,2 m3, sludge space 0,45 m3, freeboard 0,4 m3; 1,6 x 0,8 x 1,6 m), as
  quoted at vdokumen.com/sni-03-2398-2002-5597961180a46.html. 0,45 m3 / 5 persons / 3 years =
  30 L/person/year; 1,2 m3 / 5 persons = 0,24 m3/person (e.g. about 120 L/person/day of
  wastewater held about 2 days). -> SLUDGE_L_PER_PERSON_YEAR, DESLUDGE_YEARS,
  WET_M3_PER_PERSON.
- Dimensions are chosen at the 2 : 1 ratio with the minimum height (1,2 m of liquid + 0,3 m
  freeboard), each rounded up to 5 cm; the advised volume is the gross inner volume
  (length x width x height).

For 5 persons this gives 1,70 x 0,85 x 1,50 m = 2,17 m3, close to the 2,05 m3 of the 2002
table; for 1-3 persons the minimum dimensions govern (1,50 x 0,75 x 1,50 m = 1,69 m3).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

# -- figures from SNI 2398:2017 (see the module docstring for the sources) ---------------------
MAX_USERS = 50
MIN_WIDTH_M = Decimal("0.75")
MIN_LENGTH_M = Decimal("1.50")
MIN_HEIGHT_M = Decimal("1.50")
FREEBOARD_M = Decimal("0.30")
LENGTH_TO_WIDTH = Decimal(2)
MIN_WELL_DISTANCE_M = Decimal(10)
MIN_BUILDING_DISTANCE_M = Decimal("1.5")
MIN_RAIN_WELL_DISTANCE_M = Decimal(5)
HIGH_GROUNDWATER_DEPTH_M = Decimal(2)

# -- assumptions (derived from SNI 03-2398-2002's worked table, see the docstring) ------------
SLUDGE_L_PER_PERSON_YEAR = Decimal(30)
DESLUDGE_YEARS = 3
WET_M3_PER_PERSON = Decimal("0.24")

# Input sanity bounds (not from the standard): nobody measures a well 1 km away on a survey.
MAX_DISTANCE_M = Decimal(1000)

STEP_M = Decimal("0.05")


class SizingError(ValueError):
    """An input that makes no sense; `field` names it ("household_size" or "well_distance")."""

    def __init__(self, field: str, code: str):
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code  # "not_positive" | "too_many" | "negative" | "too_far"


@dataclass(frozen=True)
class TankAdvice:
    persons: int
    desludge_years: int
    sludge_m3: Decimal     # sludge accumulated over the desludging period
    wet_m3: Decimal        # liquid space
    length_m: Decimal
    width_m: Decimal
    height_m: Decimal      # including freeboard
    volume_m3: Decimal     # gross inner volume length x width x height, 2 decimals (rounded up)
    minimum_governs: bool  # the standard's minimum dimensions decided the size


def _up(value: Decimal, step: Decimal = STEP_M) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def check_household_size(persons: int) -> None:
    if persons is None or persons < 1:
        raise SizingError("household_size", "not_positive")
    if persons > MAX_USERS:
        raise SizingError("household_size", "too_many")


def check_distance(distance_m: Decimal | None) -> None:
    if distance_m is None:
        return
    if distance_m < 0:
        raise SizingError("well_distance", "negative")
    if distance_m > MAX_DISTANCE_M:
        raise SizingError("well_distance", "too_far")


def advise_tank(persons: int, *, desludge_years: int = DESLUDGE_YEARS) -> TankAdvice:
    """The advised tank for `persons` users, desludged every `desludge_years` years."""
    check_household_size(persons)
    if desludge_years < 1 or desludge_years > 10:
        raise SizingError("desludge_years", "out_of_range")
    sludge = SLUDGE_L_PER_PERSON_YEAR * persons * desludge_years / 1000
    wet = WET_M3_PER_PERSON * persons
    liquid_depth = MIN_HEIGHT_M - FREEBOARD_M
    area = (sludge + wet) / liquid_depth
    width = _up(Decimal(math.sqrt(area / LENGTH_TO_WIDTH)).quantize(Decimal("0.0001")))
    minimum = width <= MIN_WIDTH_M
    width = max(width, MIN_WIDTH_M)
    length = max(_up(width * LENGTH_TO_WIDTH), MIN_LENGTH_M)
    height = MIN_HEIGHT_M
    volume = (length * width * height).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    return TankAdvice(persons, desludge_years, sludge.quantize(Decimal("0.001")),
                      wet.quantize(Decimal("0.001")), length, width, height, volume, minimum)


WELL_SOURCES = frozenset({"sumur_gali", "sumur_bor"})


def well_too_close(water_source: str, distance_m: Decimal | None) -> bool:
    """True when the household draws groundwater from a well closer than the minimum."""
    if water_source not in WELL_SOURCES or distance_m is None:
        return False
    return distance_m < MIN_WELL_DISTANCE_M


def is_high_groundwater(depth_m: Decimal | None) -> bool:
    """Water table at most 2 m below the surface in the rainy season (SNI's "air tanah tinggi")."""
    return depth_m is not None and depth_m <= HIGH_GROUNDWATER_DEPTH_M

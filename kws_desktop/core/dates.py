"""The one rule for dates a book accepts: from 1 January 2000 to one year after today; money
that changes hands (payments, purchases, receipts) at most MONEY_DAYS_AHEAD days ahead.

Every service that takes a date and the command line's --from/--to use `out_of_range`, so a
typing slip (9999-12-31, 0001-01-01) is refused with one clear message instead of making a
document numbered KWT-9999-0001 or ending in a calendar overflow."""
from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(2000, 1, 1)
MONEY_DAYS_AHEAD = 31  # a payment dated later than this is a typing slip, not a plan


def latest(today: dt.date) -> dt.date:
    """One year after `today` (28 February when today is 29 February)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def out_of_range(day: dt.date, today: dt.date | None = None) -> str | None:
    """"early" before EARLIEST, "late" after latest(today), None when the date is accepted."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if day < EARLIEST:
        return "early"
    if day > latest(today or dt.date.today()):
        return "late"
    return None


def money_date_ahead(day: dt.date, today: dt.date | None = None) -> str | None:
    """For money that changes hands on `day`: None up to today, "soon" 1..MONEY_DAYS_AHEAD days
    ahead (allowed once the user confirms), "far" beyond that (refused)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    ahead = (day - (today or dt.date.today())).days
    if ahead <= 0:
        return None
    return "soon" if ahead <= MONEY_DAYS_AHEAD else "far"

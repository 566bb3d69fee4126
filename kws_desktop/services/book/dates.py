"""The date-range rule of core/dates.py as a message in the user's language.

`date_problem(day)` is the sentence for a date outside 1 January 2000 .. one year after today
(None when the date is fine); `ensure_date(day, field)` raises it as a UserError. Services call
it before anything else uses the date (periods.ensure_open, so every posting, does)."""
from __future__ import annotations

import datetime as dt

from kws_desktop.core.dates import EARLIEST, latest, out_of_range
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date


def date_problem(day: dt.date, today: dt.date | None = None) -> str | None:
    where = out_of_range(day, today)
    if where is None:
        return None
    shown = format_date(day)
    if where == "early":
        return _("Tanggal {date} terlalu lama: tanggal paling awal {first}.").format(
            date=shown, first=format_date(EARLIEST))
    return _("Tanggal {date} terlalu jauh di masa depan: paling lambat {last}.").format(
        date=shown, last=format_date(latest(today or dt.date.today())))


def ensure_date(day: dt.date, field: str = "date") -> None:
    """Raise the date_problem of `day` (a date) as a UserError beside `field`."""
    message = date_problem(day) if isinstance(day, dt.date) else None
    if message:
        raise UserError(message, field=field)

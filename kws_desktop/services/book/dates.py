"""The date-range rule of core/dates.py as a message in the user's language.

`date_problem(day)` is the sentence for a date outside 1 January 2000 .. one year after today
(None when the date is fine); `ensure_date(day, field)` raises it as a UserError. Services call
it before anything else uses the date (periods.ensure_open, so every posting, does).

`ensure_money_date(day, future_ok=...)` is the stricter rule for money that changes hands
(payments and their kuitansi, purchases, cash entries): a date after today needs the user's
explicit confirmation (`future_ok=True`; without it a FutureDateError the window turns into a
question with the date spelled out), more than MONEY_DAYS_AHEAD days ahead is refused."""
from __future__ import annotations

import datetime as dt

from kws_desktop.core.dates import EARLIEST, MONEY_DAYS_AHEAD, latest, money_date_ahead, out_of_range
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


class FutureDateError(UserError):
    """A date after today that the user has not confirmed yet; `day` is the date in question."""

    def __init__(self, message: str, *, field: str, day: dt.date):
        super().__init__(message, field=field)
        self.day = day


def ensure_money_date(day: dt.date, *, future_ok: bool, field: str = "date",
                      today: dt.date | None = None) -> None:
    """Refuse a money date more than MONEY_DAYS_AHEAD days ahead; one after today unless
    `future_ok` (the user confirmed it). Dates up to today pass (the shared range aside)."""
    if not isinstance(day, dt.date):
        return
    today = today or dt.date.today()
    ahead = money_date_ahead(day, today)
    if ahead == "far":
        raise UserError(_("Tanggal {date} terlalu jauh di masa depan: uang yang dibayar atau "
                          "diterima paling lambat bertanggal {last} ({days} hari dari hari ini). "
                          "Periksa tanggalnya.").format(
            date=format_date(day), last=format_date(today + dt.timedelta(days=MONEY_DAYS_AHEAD)),
            days=MONEY_DAYS_AHEAD), field=field)
    if ahead == "soon" and not future_ok:
        raise FutureDateError(_("Tanggal {date} belum tiba (hari ini {today}). Periksa tanggalnya; "
                                "bila memang benar, pastikan untuk mencatatnya dengan tanggal itu.").format(
            date=format_date(day), today=format_date(today)), field=field, day=day)

"""Closed periods: nothing is posted on or before the end of a period that stands closed."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date
from kws_desktop.store.models.book import PeriodClose


def closed_through(session: Session) -> dt.date | None:
    return session.execute(
        select(func.max(PeriodClose.period_end)).where(PeriodClose.reopened_at.is_(None))).scalar()


def ensure_open(session: Session, date: dt.date, field: str = "date") -> None:
    end = closed_through(session)
    if end is not None and date <= end:
        raise UserError(_("Tanggal {date} ada di periode yang sudah ditutup (sampai {end}). "
                          "Pilih tanggal sesudahnya.").format(date=format_date(date), end=format_date(end)),
                        field=field)

"""Closed periods: nothing is posted on or before the end of a period that stands closed."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date
from kws_desktop.services.book.dates import ensure_date
from kws_desktop.store.models.book import PeriodClose


_CACHE = "kws_closed_through"
_UNSET = object()


def closed_through(session: Session) -> dt.date | None:
    """The end of the latest closed period, read once per session (cheap for long batches);
    a PeriodClose added or changed through this session clears the cached value."""
    end = session.info.get(_CACHE, _UNSET)
    if end is _UNSET:
        end = session.info[_CACHE] = session.execute(
            select(func.max(PeriodClose.period_end)).where(PeriodClose.reopened_at.is_(None))).scalar()
    return end


@event.listens_for(Session, "before_flush")
def _forget_closed_through(session: Session, _context, _instances) -> None:
    if _CACHE in session.info and any(isinstance(o, PeriodClose)
                                      for o in (*session.new, *session.dirty, *session.deleted)):
        del session.info[_CACHE]


@event.listens_for(Session, "transient_to_pending")
def _forget_on_add(session: Session, instance) -> None:
    if isinstance(instance, PeriodClose):
        session.info.pop(_CACHE, None)


@event.listens_for(PeriodClose.period_end, "set")
@event.listens_for(PeriodClose.reopened_at, "set")
def _forget_on_change(target, _value, _old, _initiator) -> None:
    from sqlalchemy.orm import object_session
    session = object_session(target)
    if session is not None:
        session.info.pop(_CACHE, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget_at_transaction_end(session: Session, *_args) -> None:
    session.info.pop(_CACHE, None)
    session.info.pop("kws_account_ids", None)


def ensure_open(session: Session, date: dt.date, field: str = "date") -> None:
    """Refuse a date outside the accepted range (services/book/dates.py) or in a closed period."""
    ensure_date(date, field)
    end = closed_through(session)
    if end is not None and date <= end:
        raise UserError(_("Tanggal {date} ada di periode yang sudah ditutup (sampai {end}). "
                          "Pilih tanggal sesudahnya.").format(date=format_date(date), end=format_date(end)),
                        field=field)

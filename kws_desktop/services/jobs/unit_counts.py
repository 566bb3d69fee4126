"""How many units (orders, one order is one unit) a period counts: one definition for every
report, so the program report, the performance report and the dashboard agree where they
count the same thing. Session-level helpers (they take a session and never commit).

- ordered: orders dated in the period and not cancelled (the program report's units);
- built: orders finished (``finished_date``) in the period and still finished or handed over;
- handed over: ``handed_over_date`` in the period and still handed over.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.job_costing import Stage
from kws_desktop.store.models.jobs import Order

BUILT_STAGES = (Stage.SELESAI.value, Stage.DISERAHTERIMAKAN.value)


def _count(session: Session, *where) -> int:
    return int(session.execute(select(func.count(Order.id)).where(*where)).scalar() or 0)


def units_ordered(session: Session, start: dt.date, end: dt.date) -> int:
    return _count(session, Order.date >= start, Order.date <= end, Order.status != Stage.BATAL.value)


def units_built(session: Session, start: dt.date, end: dt.date) -> int:
    return _count(session, Order.finished_date >= start, Order.finished_date <= end,
                  Order.status.in_(BUILT_STAGES))


def units_handed_over(session: Session, start: dt.date, end: dt.date) -> int:
    return _count(session, Order.handed_over_date >= start, Order.handed_over_date <= end,
                  Order.status == Stage.DISERAHTERIMAKAN.value)

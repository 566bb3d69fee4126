"""The warranty months the group set for each work package (table package_warranties), checked,
written with its audit line and read in this one place: the package editor sets them with the
package (sales.packages), the evaluation area through its set_package_warranty, and a quote's
default terms print them (sales.quote_terms).

A package without a row has no warranty SET: its quotes promise none. The evaluation area still
judges complaints on it by its own default (service_visits.DEFAULT_WARRANTY_MONTHS).
"""
from __future__ import annotations

import math
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.i18n import _
from kws_desktop.services.book import audit
from kws_desktop.store.models.evaluation import PackageWarranty

MAX_MONTHS = 120  # ten years; the table's check says the same


def check_months(value, field: str, problems: list) -> int | None:
    """Whole months from 0 to MAX_MONTHS, or a problem on `field` (and None)."""
    months = None
    if isinstance(value, int) and not isinstance(value, bool):
        months = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal():
        months = int(value.strip())  # ASCII digits only: "²" or "٣" are digits to Python, not to int()
    elif (value.is_finite() if isinstance(value, Decimal) else isinstance(value, float) and math.isfinite(value)) \
            and value % 1 == 0:
        months = int(value)
    if months is None or not 0 <= months <= MAX_MONTHS:
        problems.append((field, _("Masa garansi harus antara 0 dan 120 bulan.")))
        return None
    return months


def warranties_set(session: Session, package_ids) -> dict[int, int]:
    """Session-level: package id -> the warranty months set for it (0: none); a package without
    a row is left out."""
    ids = {p for p in package_ids if p is not None}
    if not ids:
        return {}
    return dict(session.execute(select(PackageWarranty.package_id, PackageWarranty.months)
                                .where(PackageWarranty.package_id.in_(ids))).all())


def write_warranty(session: Session, package_id: int, months: int, *, actor: str) -> None:
    """Session-level: set the (checked) warranty months of an existing package; the audit
    records a change, not a save that leaves them as they were."""
    row = session.execute(select(PackageWarranty).where(PackageWarranty.package_id == package_id)).scalar()
    if row is not None and row.months == months:
        return
    if row is None:
        session.add(PackageWarranty(package_id=package_id, months=months))
    else:
        row.months = months
    session.flush()
    audit.record(session, actor, "warranty", "work_package", package_id, months=months)

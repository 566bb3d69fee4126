"""Every report of the book, by kind: one registry for the command line, the Laporan page and
the dashboard.

A report is a builder ``builder(book, start, end) -> TabularReport`` (``start``/``end`` are
``datetime.date`` or None, already checked: end is never before start). The module named for its
kind in :data:`REPORT_MODULES` registers it when imported, with one line::

    register_report("orders", N_("Laporan Pesanan"), build_orders_report)

The list is explicit: a kind is added by one line there and one ``register_report`` call in that
module. A module that fails to import raises (a test imports all of them), never a silent gap.

Use :func:`build_report` (period checks, default period, signatures) rather than calling a
builder directly.
"""
from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_date

if TYPE_CHECKING:  # SQLAlchemy loads only when a book is opened (the lean path, lean.py, needs none)
    from kws_desktop.documents.report_data import TabularReport
    from kws_desktop.store.book import Book

Builder = Callable[["Book", "dt.date | None", "dt.date | None"], "TabularReport"]


@dataclass(frozen=True)
class ReportSpec:
    """One kind of report: ``title`` is an Indonesian source string (translate where shown)."""

    kind: str
    title: str
    builder: Builder
    needs_period: bool = True   # False: a snapshot at the end date (or today), start is ignored
    signed: bool = True         # prepared by the treasurer, approved by the leader
    order: int = 100            # position in the list shown to users


REGISTRY: dict[str, ReportSpec] = {}

# Every kind and the module that registers it: asking for one kind (the command line) imports
# only that module; the Laporan page imports them all.
REPORT_MODULES: dict[str, str] = {
    "profit-loss": "kws_desktop.services.reports.statements",
    "financial-position": "kws_desktop.services.reports.statements",
    "cash-flow": "kws_desktop.services.reports.statements",
    "cash-book": "kws_desktop.services.reports.cash_book",
    "notes": "kws_desktop.services.reports.notes",
    "materials": "kws_desktop.services.purchasing.reports",
    "orders": "kws_desktop.services.jobs.orders",
    "receivables": "kws_desktop.services.billing.reports",
    "payables": "kws_desktop.services.reports.parties",
    "member-income": "kws_desktop.services.people.reports",
    "program": "kws_desktop.services.reports.program",
    "performance": "kws_desktop.services.evaluation.performance",
}
REGISTERED_BY: dict[str, str] = {}  # kind -> module whose register_report call made it


def register_report(kind: str, title: str, builder: Builder, *, needs_period: bool = True,
                    signed: bool = True, order: int = 100) -> None:
    """Add a report kind; one kind is registered once, by the module REPORT_MODULES names."""
    existing = REGISTRY.get(kind)
    if existing is not None and existing.builder is not builder:
        raise ValueError(f"report kind {kind!r} is registered twice")
    REGISTRY[kind] = ReportSpec(kind, title, builder, needs_period, signed, order)
    REGISTERED_BY[kind] = sys._getframe(1).f_globals.get("__name__", "")


def load_all() -> dict[str, ReportSpec]:
    """Import every report module (each once); returns the registry."""
    for name in dict.fromkeys(REPORT_MODULES.values()):
        importlib.import_module(name)
    return REGISTRY


def kinds() -> list[str]:
    """Report kinds in the order users see them."""
    load_all()
    return sorted(REGISTRY, key=lambda k: (REGISTRY[k].order, k))


def get_spec(kind: str) -> ReportSpec | None:
    """The report of this kind (importing only its module), or None for an unknown kind."""
    if kind not in REPORT_MODULES:
        return None
    importlib.import_module(REPORT_MODULES[kind])
    return REGISTRY[kind]


def unknown_kind_message(kind: str) -> str:
    return _("Jenis laporan tidak dikenal: {kind}. Pilihan: {kinds}").format(
        kind=kind, kinds=", ".join(kinds()))


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def before(self) -> dt.date:
        """The last day before the period (the comparison date)."""
        return self.start - dt.timedelta(days=1)


def resolve_period(start: dt.date | None, end: dt.date | None,
                   today: dt.date | None = None) -> Period:
    """The period to report: ``end`` defaults to today, ``start`` to 1 January of end's year.

    Raises UserError when the end is before the start.
    """
    check_period(start, end)
    end = end or today or dt.date.today()
    start = start or dt.date(end.year, 1, 1)
    if start > end:  # only an explicit start after the default end (today) gets here
        raise UserError(_("Tanggal awal {start} sesudah tanggal akhir {end}.").format(
            start=format_date(start), end=format_date(end)), field="start")
    return Period(start, end)


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    """Both ends inside the accepted date range (services/book/dates.py), the end not before the start."""
    from kws_desktop.services.book.dates import ensure_date
    ensure_date(start, "start")
    ensure_date(end, "end")
    if start is not None and end is not None and end < start:
        raise UserError(_("Tanggal akhir {end} lebih awal dari tanggal awal {start}. "
                          "Periksa periode laporan.").format(end=format_date(end),
                                                             start=format_date(start)),
                        field="end")


def period_text(period: Period) -> str:
    """"Periode 1 Januari 2026 s.d. 28 November 2026"."""
    return _("Periode {start} s.d. {end}").format(start=format_date(period.start),
                                                  end=format_date(period.end))


def as_of_text(day: dt.date) -> str:
    return _("Per {date}").format(date=format_date(day))


SIGNER_ROLES = (N_("Disiapkan oleh,\nBendahara"), N_("Disetujui oleh,\nKetua"))


def signers_for(book: Book) -> list[tuple[str, str]]:
    """Prepared by the treasurer, approved by the leader (names from the KWS profile)."""
    from kws_desktop.services.book.books import get_profile
    profile = get_profile(book)
    return [(_(SIGNER_ROLES[0]), profile.treasurer_name), (_(SIGNER_ROLES[1]), profile.leader_name)]


def build_report(book: Book, kind: str, start: dt.date | None = None,
                 end: dt.date | None = None) -> TabularReport:
    """Build report ``kind`` for the period (checked); signatures added for signed kinds."""
    spec = get_spec(kind)
    if spec is None:
        raise UserError(unknown_kind_message(kind), field="kind")
    check_period(start, end)
    report = spec.builder(book, start, end)
    if spec.signed and report.signers is None:
        report = replace(report, signers=signers_for(book))
    return report


def record_report_view(book: Book, kind: str) -> None:
    """Note in the audit log that a report was viewed on screen (workshop exercises read it).
    Nothing is written for a read-only book, nor twice in a row for the same kind."""
    import json

    from sqlalchemy import select

    from kws_desktop.services.book import audit
    from kws_desktop.store.models.book import AuditEvent
    if book.read_only:
        return
    with book.transaction() as s:
        last = s.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar()
        if last is not None and last.action == "view" and last.entity == "report":
            try:
                if json.loads(last.detail or "{}").get("kind") == kind:
                    return
            except ValueError:
                pass
        audit.record(s, book.actor, "view", "report", None, kind=kind)

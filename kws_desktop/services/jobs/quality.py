"""The quality checklist at handover and the household's satisfaction score.

An order may not be handed over while a check has failed, unless the failure was accepted
with a reason: the orders service calls :func:`ensure_handover_allowed` (session-level) before
it issues the handover (BAST). An order with no checklist yet is not blocked.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.core.job_costing import Stage
from kws_desktop.core.text import one_line
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_date
from kws_desktop.services.book import audit
from kws_desktop.store.base import utcnow
from kws_desktop.store.book import Book
from kws_desktop.store.models.evaluation import QualityCheck, Satisfaction
from kws_desktop.store.models.jobs import Order

# The construction checks that matter, in the order a mason walks through them.
CHECKS: dict[str, str] = {
    "kedap_air": N_("Uji kedap air: tangki diisi air 24 jam, tidak bocor"),
    "pipa_inlet_outlet": N_("Pipa masuk lebih tinggi dari pipa keluar, kemiringan benar"),
    "pipa_udara": N_("Pipa udara (ventilasi) terpasang"),
    "lubang_kontrol": N_("Lubang kontrol (manhole) dan tutupnya rapat"),
    "urugan": N_("Urugan tanah kembali padat dan rapi"),
    "jarak_aman": N_("Jarak ke sumur minimal 10 m terjaga"),
    "kloset": N_("Kloset leher angsa terpasang, air mengalir lancar"),
}
SCORES: dict[int, str] = {1: N_("Sangat tidak puas"), 2: N_("Tidak puas"), 3: N_("Cukup"),
                          4: N_("Puas"), 5: N_("Sangat puas")}


def check_label(code: str) -> str:
    return _(CHECKS.get(code, code))


@dataclass(frozen=True)
class CheckInput:
    code: str
    passed: bool
    note: str = ""
    accepted_reason: str = ""


@dataclass(frozen=True)
class CheckRow:
    code: str
    label: str
    recorded: bool
    passed: bool | None
    first_passed: bool | None
    note: str
    accepted_reason: str
    date: dt.date | None

    @property
    def blocking(self) -> bool:
        return self.recorded and not self.passed and not self.accepted_reason


@dataclass(frozen=True)
class ChecklistView:
    order_id: int
    order_number: str
    customer_name: str
    order_status: str
    rows: tuple[CheckRow, ...]
    satisfaction: int | None
    satisfaction_comment: str

    @property
    def complete(self) -> bool:
        return all(r.recorded for r in self.rows)

    @property
    def blocking(self) -> tuple[CheckRow, ...]:
        return tuple(r for r in self.rows if r.blocking)

    @property
    def all_passed(self) -> bool:
        return self.complete and all(r.passed for r in self.rows)


def _order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise UserError(_("Pesanan tidak ditemukan."), field="order_id")
    return order


def read_checklist(session: Session, order_id: int) -> ChecklistView:
    """Session-level: the checklist of an order (every check, recorded or not)."""
    order = _order(session, order_id)
    found = {c.code: c for c in session.execute(
        select(QualityCheck).where(QualityCheck.order_id == order_id)).scalars()}
    rows = []
    for code in CHECKS:
        c = found.get(code)
        rows.append(CheckRow(code, check_label(code), c is not None, c.passed if c else None,
                             c.first_passed if c else None, c.note if c else "",
                             c.accepted_reason if c else "", c.date if c else None))
    sat = session.execute(select(Satisfaction).where(Satisfaction.order_id == order_id)).scalar()
    return ChecklistView(order.id, order.number, order.customer_name, order.status, tuple(rows),
                         sat.score if sat else None, sat.comment if sat else "")


def get_checklist(book: Book, order_id: int) -> ChecklistView:
    with book.reading() as s:
        return read_checklist(s, order_id)


def ensure_handover_allowed(session: Session, order_id: int) -> None:
    """Session-level: raise UserError when a check of the order failed and was not accepted
    with a reason. The orders service calls this before handing an order over."""
    failed = session.execute(
        select(QualityCheck.code).where(QualityCheck.order_id == order_id,
                                        QualityCheck.passed.is_(False),
                                        QualityCheck.accepted_reason == "")
        .order_by(QualityCheck.id)).scalars().all()
    if failed:
        names = "; ".join(check_label(c) for c in failed)
        raise UserError(_("Pekerjaan belum bisa diserahterimakan: pemeriksaan mutu gagal ({checks}). "
                          "Perbaiki dan periksa lagi, atau terima kekurangannya dengan alasan.")
                        .format(checks=names), field="stage")


def record_checks_in(session: Session, order_id: int, date: dt.date, checks: list[CheckInput], *,
                     actor: str, checked_by: str = "") -> None:
    """Session-level: record (or re-record) checks of an order."""
    order = _order(session, order_id)
    problems: list = []
    if order.status == Stage.BATAL:
        problems.append(("order_id", _("Pesanan {number} sudah batal.").format(number=order.number)))
    if not isinstance(date, dt.date):
        problems.append(("date", _("Isi tanggal pemeriksaan.")))
    elif date < order.date:
        problems.append(("date", _("Tanggal pemeriksaan ({date}) tidak boleh sebelum tanggal pesanan "
                                   "({order_date}).").format(date=format_date(date),
                                                              order_date=format_date(order.date))))
    if not checks:
        problems.append(("checks", _("Isi paling sedikit satu pemeriksaan.")))
    seen = set()
    for c in checks:
        if c.code not in CHECKS:
            problems.append(("checks", _("Jenis pemeriksaan tidak dikenal: {code}.").format(code=c.code)))
        elif c.code in seen:
            problems.append(("checks", _("Pemeriksaan {name} diisi dua kali.").format(name=check_label(c.code))))
        seen.add(c.code)
        if not c.passed and not c.note.strip():
            problems.append((f"note:{c.code}", _("Tuliskan catatan untuk pemeriksaan yang gagal: {name}.")
                             .format(name=check_label(c.code))))
    collect(problems)
    existing = {c.code: c for c in session.execute(
        select(QualityCheck).where(QualityCheck.order_id == order_id)).scalars()}
    for c in checks:
        note = one_line(c.note)
        reason = one_line(c.accepted_reason) if not c.passed else ""
        row = existing.get(c.code)
        if row is None:
            session.add(QualityCheck(order_id=order_id, date=date, code=c.code, passed=bool(c.passed),
                                     first_passed=bool(c.passed), note=note, accepted_reason=reason,
                                     checked_by=one_line(checked_by), created_by=actor))
        else:
            row.date, row.passed, row.note, row.accepted_reason = date, bool(c.passed), note, reason
            row.checked_by, row.updated_at = one_line(checked_by), utcnow()
    session.flush()
    audit.record(session, actor, "quality_checks", "order", order_id, date=date,
                 checks={c.code: bool(c.passed) for c in checks},
                 accepted={c.code: c.accepted_reason for c in checks if not c.passed and c.accepted_reason})


def record_checks(book: Book, order_id: int, date: dt.date, checks: list[CheckInput], *,
                  checked_by: str = "") -> ChecklistView:
    """Record the handover checklist (all or some checks) of an order."""
    with book.transaction() as s:
        record_checks_in(s, order_id, date, checks, actor=book.actor, checked_by=checked_by)
        return read_checklist(s, order_id)


def accept_failure(book: Book, order_id: int, code: str, reason: str) -> ChecklistView:
    """Accept a failed check with a reason (the household agrees, or it cannot be fixed), so the
    order can be handed over."""
    reason = one_line(reason)
    with book.transaction() as s:
        _order(s, order_id)
        row = s.execute(select(QualityCheck).where(QualityCheck.order_id == order_id,
                                                   QualityCheck.code == code)).scalar()
        if row is None or row.passed:
            raise UserError(_("Pemeriksaan ini tidak gagal; tidak ada yang perlu diterima."), field="code")
        if not reason:
            raise UserError(_("Tuliskan alasan menerima kekurangan ini."), field="accepted_reason")
        row.accepted_reason, row.updated_at = reason, utcnow()
        audit.record(s, book.actor, "accept_failure", "order", order_id, code=code, reason=reason)
        s.flush()
        return read_checklist(s, order_id)


def record_satisfaction_in(session: Session, order_id: int, score: int, date: dt.date, *,
                           actor: str, comment: str = "") -> None:
    """Session-level: the household's satisfaction (1-5) at handover; a second call corrects it."""
    order = _order(session, order_id)
    problems: list = []
    try:
        value = int(score)
        if isinstance(score, float) and score != value:
            raise ValueError
    except (TypeError, ValueError):
        value = 0
    if value < 1 or value > 5:
        problems.append(("score", _("Nilai kepuasan harus 1 sampai 5 (1 = sangat tidak puas, "
                                    "5 = sangat puas).")))
    if order.status != "diserahterimakan":
        problems.append(("order_id", _("Kepuasan dicatat saat serah terima; pesanan {number} belum "
                                       "diserahterimakan.").format(number=order.number)))
    if not isinstance(date, dt.date):
        problems.append(("date", _("Isi tanggal.")))
    elif date < order.date:
        problems.append(("date", _("Tanggal tidak boleh sebelum tanggal pesanan ({order_date}).")
                         .format(order_date=format_date(order.date))))
    collect(problems)
    comment = one_line(comment)
    row = session.execute(select(Satisfaction).where(Satisfaction.order_id == order_id)).scalar()
    if row is None:
        session.add(Satisfaction(order_id=order_id, date=date, score=value, comment=comment,
                                 created_by=actor))
    else:
        row.date, row.score, row.comment = date, value, comment
    session.flush()
    audit.record(session, actor, "satisfaction", "order", order_id, score=value, date=date)


def record_satisfaction(book: Book, order_id: int, score: int, date: dt.date,
                        comment: str = "") -> ChecklistView:
    with book.transaction() as s:
        record_satisfaction_in(s, order_id, score, date, actor=book.actor, comment=comment)
        return read_checklist(s, order_id)

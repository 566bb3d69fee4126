"""Training records per member: topic, organiser, dates, certificate.

A training dated before the member joined the group is refused (it belongs to someone else's
history, or the date is mistyped).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_date
from kws_desktop.services.book import audit
from kws_desktop.services.book.records import correct, one_line
from kws_desktop.store.book import Book
from kws_desktop.store.models.evaluation import Partner, Training
from kws_desktop.store.models.people import Member

TOPICS: dict[str, str] = {
    "teknis": N_("Teknis"),
    "manajemen": N_("Manajemen usaha"),
    "pembukuan": N_("Pembukuan"),
    "produk": N_("Pengembangan produk"),
    "gender": N_("Gender"),
}
MAX_DAYS = 366


def topic_label(code: str) -> str:
    return _(TOPICS.get(code, code))


@dataclass(frozen=True)
class TrainingInput:
    member_id: int
    topic: str
    start_date: dt.date
    end_date: dt.date | None = None  # None = one day
    title: str = ""
    organiser: str = ""
    partner_id: int | None = None
    certificate: bool = False
    certificate_number: str = ""
    notes: str = ""


@dataclass(frozen=True)
class TrainingRow:
    id: int
    member_id: int
    member_name: str
    gender: str
    topic: str
    title: str
    organiser: str
    partner_id: int | None
    start_date: dt.date
    end_date: dt.date
    certificate: bool
    certificate_number: str
    notes: str

    @property
    def topic_label(self) -> str:
        return topic_label(self.topic)

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


def _values(s: Session, data: TrainingInput) -> dict:
    problems: list = []
    member = s.get(Member, data.member_id) if data.member_id is not None else None
    if member is None:
        problems.append(("member_id", _("Pilih anggota yang ikut pelatihan.")))
    if data.topic not in TOPICS:
        problems.append(("topic", _("Pilih topik pelatihan: teknis, manajemen usaha, pembukuan, "
                                    "pengembangan produk atau gender.")))
    end = data.end_date or data.start_date
    if not isinstance(data.start_date, dt.date):
        problems.append(("start_date", _("Isi tanggal mulai pelatihan.")))
    else:
        if member is not None and data.start_date < member.joined_on:
            problems.append(("start_date", _("Pelatihan tanggal {date} sebelum {name} bergabung dengan "
                                             "kelompok ({joined}). Periksa tanggalnya.").format(
                date=format_date(data.start_date), name=member.name, joined=format_date(member.joined_on))))
        if end < data.start_date:
            problems.append(("end_date", _("Tanggal selesai ({end}) tidak boleh sebelum tanggal mulai ({start}).")
                             .format(end=format_date(end), start=format_date(data.start_date))))
        elif (end - data.start_date).days >= MAX_DAYS:
            problems.append(("end_date", _("Pelatihan lebih dari satu tahun tidak masuk akal. Periksa tanggalnya.")))
    if data.partner_id is not None and s.get(Partner, data.partner_id) is None:
        problems.append(("partner_id", _("Mitra penyelenggara tidak ditemukan.")))
    collect(problems)
    return dict(member_id=member.id, topic=data.topic, title=one_line(data.title, 200),
                organiser=one_line(data.organiser, 200), partner_id=data.partner_id,
                start_date=data.start_date, end_date=end, certificate=bool(data.certificate),
                certificate_number=one_line(data.certificate_number, 80) if data.certificate else "",
                notes=one_line(data.notes, 300))


def _query():
    return select(Training, Member.name, Member.gender).join(Member, Member.id == Training.member_id)


def _row(t: Training, name: str, gender: str) -> TrainingRow:
    return TrainingRow(t.id, t.member_id, name, gender, t.topic, t.title, t.organiser, t.partner_id,
                       t.start_date, t.end_date, t.certificate, t.certificate_number, t.notes)


def read_training(session: Session, training_id: int) -> TrainingRow:
    found = session.execute(_query().where(Training.id == training_id)).first()
    if found is None:
        raise UserError(_("Catatan pelatihan tidak ditemukan."))
    return _row(*found)


def add_training_in(session: Session, data: TrainingInput, *, actor: str) -> int:
    t = Training(**_values(session, data), created_by=actor)
    session.add(t)
    session.flush()
    audit.record(session, actor, "create", "training", t.id, member=t.member_id, topic=t.topic,
                 start=t.start_date)
    return t.id


def save_training(book: Book, data: TrainingInput, training_id: int | None = None) -> TrainingRow:
    """Record a training, or correct training `training_id` (audited)."""
    with book.transaction() as s:
        if training_id is None:
            return read_training(s, add_training_in(s, data, actor=book.actor))
        t = s.get(Training, training_id)
        if t is None:
            raise UserError(_("Catatan pelatihan tidak ditemukan."))
        correct(s, t, _values(s, data), actor=book.actor, entity="training")
        return read_training(s, t.id)


def delete_training(book: Book, training_id: int, reason: str) -> None:
    """Remove a training recorded by mistake (a working record, not an issued document)."""
    reason = one_line(reason)
    if not reason:
        raise UserError(_("Tuliskan alasan menghapus catatan ini."), field="reason")
    with book.transaction() as s:
        t = s.get(Training, training_id)
        if t is None:
            raise UserError(_("Catatan pelatihan tidak ditemukan."))
        audit.record(s, book.actor, "delete", "training", t.id, member=t.member_id, topic=t.topic,
                     start=t.start_date, reason=reason)
        s.delete(t)


def _filtered(q, member_id, topic):
    if member_id is not None:
        q = q.where(Training.member_id == member_id)
    if topic:
        q = q.where(Training.topic == topic)
    return q


def list_trainings(book: Book, *, member_id: int | None = None, topic: str | None = None,
                   offset: int = 0, limit: int = 100) -> list[TrainingRow]:
    with book.reading() as s:
        q = _filtered(_query(), member_id, topic)
        q = q.order_by(Training.start_date.desc(), Training.id.desc()).offset(offset).limit(limit)
        return [_row(*r) for r in s.execute(q).all()]


def count_trainings(book: Book, *, member_id: int | None = None, topic: str | None = None) -> int:
    with book.reading() as s:
        return int(s.execute(_filtered(select(func.count(Training.id)), member_id, topic)).scalar() or 0)

"""The member register: who is in the group, since when, in which role, with what simpanan.

Balances (wages owed, profit share owed, kasbon outstanding, simpanan) are read from the
journal: lines on the member accounts carrying `party_kind="member"` and the member's id.

Other areas call:
- `ensure_can_work(session, member_id, work_date)` (session-level) before assigning a member to
  a job: refuses a date before they joined or after they left;
- `active_members(book, on=None)` for pick lists;
- `member_balances(session, ...)` for what the group owes each member.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.text import one_line
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, _, format_date, format_rupiah
from kws_desktop.services.book.amounts import PART, PAYMENT, WAGE_SETTING, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.dates import date_problem
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine
from kws_desktop.store.models.people import Member, MemberRole

GENDERS: dict[str, str] = {"P": N_("Perempuan"), "L": N_("Laki-laki")}
ROLES: dict[str, str] = {
    "ketua": N_("Ketua"),
    "bendahara": N_("Bendahara"),
    "sekretaris": N_("Sekretaris"),
    "tukang": N_("Tukang"),
    "pemasar": N_("Pemasar"),
    "anggota": N_("Anggota"),
}
LEADERSHIP_ROLES = ("ketua", "bendahara", "sekretaris")
METHODS: dict[str, str] = {"cash": N_("Tunai (kas)"), "bank": N_("Transfer bank")}
METHOD_ACCOUNTS = {"cash": A.CASH, "bank": A.BANK}



def gender_label(code: str) -> str:
    return _(GENDERS.get(code, code))


def role_label(code: str) -> str:
    return _(ROLES.get(code, code))


@dataclass(frozen=True)
class MemberInput:
    name: str
    gender: str                      # "P" | "L"
    role: str = "anggota"
    phone: str = ""
    address: str = ""
    joined_on: dt.date | None = None
    disability: bool = False
    capital: int = 0                 # simpanan paid in at registration (posted to the journal)
    capital_method: str = "cash"     # cash | bank
    daily_wage: int = 0
    notes: str = ""


@dataclass(frozen=True)
class Balances:
    """What stands between the group and a member (all >= 0 in a healthy book)."""

    wages_owed: int = 0          # upah belum dibayar
    profit_share_owed: int = 0   # bagi hasil belum dibayar
    advances: int = 0            # kasbon belum dipotong
    capital: int = 0             # simpanan

    @property
    def net_owed(self) -> int:
        return self.wages_owed + self.profit_share_owed - self.advances


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    gender: str
    role: str
    phone: str
    address: str
    joined_on: dt.date
    left_on: dt.date | None
    left_reason: str
    active: bool
    disability: bool
    capital: int
    daily_wage: int
    notes: str
    balances: Balances = Balances()

    @property
    def gender_label(self) -> str:
        return gender_label(self.gender)

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def wages_owed(self) -> int:
        return self.balances.wages_owed

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "gender": self.gender, "role": self.role,
                "phone": self.phone, "active": self.active, "disability": self.disability,
                "joined_on": self.joined_on.isoformat(),
                "left_on": self.left_on.isoformat() if self.left_on else None,
                "capital": self.balances.capital, "wages_owed": self.balances.wages_owed,
                "profit_share_owed": self.balances.profit_share_owed,
                "advances": self.balances.advances}


@dataclass(frozen=True)
class RoleSpell:
    role: str
    start_on: dt.date
    end_on: dt.date | None

    @property
    def role_label(self) -> str:
        return role_label(self.role)


# --- balances from the journal ------------------------------------------------------------

MEMBER_ACCOUNTS = {A.WAGES_PAYABLE: "wages_owed", A.PROFIT_SHARE_PAYABLE: "profit_share_owed",
                   A.MEMBER_ADVANCES: "advances", A.MEMBER_CAPITAL: "capital"}


def member_balances(session: Session, member_ids: list[int] | None = None, *,
                    until: dt.date | None = None) -> dict[int, Balances]:
    """Balances per member (session-level), aggregated in SQL. Members without lines are absent."""
    q = (select(JournalLine.party_id, Account.code, func.sum(JournalLine.amount))
         .join(Account, Account.id == JournalLine.account_id)
         .where(JournalLine.party_kind == "member", Account.code.in_(list(MEMBER_ACCOUNTS)))
         .group_by(JournalLine.party_id, Account.code))
    if until is not None:
        q = q.join(JournalEntry, JournalEntry.id == JournalLine.entry_id).where(JournalEntry.date <= until)
    if member_ids is not None:
        q = q.where(JournalLine.party_id.in_(member_ids))
    raw: dict[int, dict[str, int]] = {}
    for party_id, code, total in session.execute(q):
        sign = 1 if code == A.MEMBER_ADVANCES else -1  # liabilities and equity are credits
        raw.setdefault(party_id, {})[MEMBER_ACCOUNTS[code]] = sign * int(total or 0)
    return {pid: Balances(**vals) for pid, vals in raw.items()}


def member_row_now(s: Session, m: Member) -> MemberRow:
    """The member's row with their balances as the session sees them now."""
    return _row(m, member_balances(s, [m.id]).get(m.id))


def _row(m: Member, balances: Balances | None = None) -> MemberRow:
    return MemberRow(m.id, m.name, m.gender, m.role, m.phone, m.address, m.joined_on, m.left_on,
                     m.left_reason, m.active, m.disability, m.capital, m.daily_wage, m.notes,
                     balances or Balances())


# --- validation ---------------------------------------------------------------------------

def _clean(data: MemberInput) -> MemberInput:
    return MemberInput(name=one_line(data.name), gender=(data.gender or "").strip().upper(),
                       role=(data.role or "").strip().lower(), phone=(data.phone or "").strip(),
                       address=(data.address or "").strip(), joined_on=data.joined_on,
                       disability=bool(data.disability), capital=data.capital,
                       capital_method=data.capital_method, daily_wage=data.daily_wage,
                       notes=(data.notes or "").strip())


def _problems(data: MemberInput, *, new: bool) -> list[tuple[str | None, str]]:
    problems: list[tuple[str | None, str]] = []
    if not data.name:
        problems.append(("name", _("Nama anggota wajib diisi.")))
    elif len(data.name) > 120:
        problems.append(("name", _("Nama anggota terlalu panjang (paling banyak 120 huruf).")))
    if data.gender not in GENDERS:
        problems.append(("gender", _("Pilih jenis kelamin: perempuan (P) atau laki-laki (L).")))
    if data.role not in ROLES:
        problems.append(("role", _("Pilih jabatan: ketua, bendahara, sekretaris, tukang, pemasar "
                                   "atau anggota.")))
    if new and data.joined_on is None:
        problems.append(("joined_on", _("Tanggal masuk wajib diisi.")))
    elif isinstance(data.joined_on, dt.date) and date_problem(data.joined_on):
        problems.append(("joined_on", date_problem(data.joined_on)))
    check_rupiah(data.capital, "capital", problems, PART, _("Simpanan"))
    check_rupiah(data.daily_wage, "daily_wage", problems, WAGE_SETTING, _("Upah harian"))
    if new and data.capital and data.capital_method not in METHODS:
        problems.append(("capital_method", _("Pilih cara bayar simpanan: tunai atau bank.")))
    if len(data.phone) > 60:
        problems.append(("phone", _("Nomor telepon terlalu panjang.")))
    return problems


def _same_name(s: Session, name: str, exclude: int | None = None) -> bool:
    q = select(Member.id).where(func.lower(Member.name) == name.lower())
    if exclude is not None:
        q = q.where(Member.id != exclude)
    return s.execute(q.limit(1)).first() is not None


def member_in(s: Session, member_id: int) -> Member:
    """The member of `member_id`, or the message that there is none."""
    m = s.get(Member, member_id) if type(member_id) is int else None  # no None id to the ORM
    if m is None:
        raise UserError(_("Anggota tidak ditemukan."), field="member")
    return m


# --- services -----------------------------------------------------------------------------

def register_member(book: Book, data: MemberInput) -> MemberRow:
    """Add a member; their simpanan (if any) is posted Dr cash/bank, Cr member capital."""
    data = _clean(data)
    problems = _problems(data, new=True)
    collect(problems)
    with book.transaction() as s:
        m = register_member_in(s, data, actor=book.actor)
        return member_row_now(s, m)


def member_input_problems(data: MemberInput) -> list[tuple[str | None, str]]:
    """Every problem of a new member's details, without touching a book (for imports)."""
    return _problems(_clean(data), new=True)


def register_member_in(s: Session, data: MemberInput, *, actor: str) -> Member:
    """Session-level register_member (for imports): validates, adds, posts; never commits."""
    data = _clean(data)
    collect(_problems(data, new=True))
    if _same_name(s, data.name):
        raise UserError(_("Sudah ada anggota bernama {name}. Tambahkan nama panggilan atau "
                          "nama ayah agar berbeda.").format(name=data.name), field="name")
    m = Member(name=data.name, gender=data.gender, role=data.role, phone=data.phone,
               address=data.address, joined_on=data.joined_on, active=True,
               disability=data.disability, capital=0, daily_wage=data.daily_wage,
               notes=data.notes)
    s.add(m)
    s.flush()
    s.add(MemberRole(member_id=m.id, role=data.role, start_on=data.joined_on))
    if data.capital:
        _post_capital(s, actor, m, data.capital, data.joined_on, data.capital_method)
    audit.record(s, actor, "create", "member", m.id, name=m.name, role=m.role)
    return m


def _post_capital(s: Session, actor: str, m: Member, amount: int, date: dt.date, method: str) -> None:
    post_entry(s, date=date, description=_("Simpanan anggota: {name}").format(name=m.name),
               postings=[debit(METHOD_ACCOUNTS[method], amount),
                         credit(A.MEMBER_CAPITAL, amount, party_kind="member", party_id=m.id)],
               source_type="member_capital", source_id=m.id, actor=actor)
    m.capital += amount


def add_capital(book: Book, member_id: int, amount: int, date: dt.date, method: str = "cash") -> MemberRow:
    """Record more simpanan paid in by a member."""
    problems = []
    check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah simpanan"))
    if method not in METHODS:
        problems.append(("method", _("Pilih cara bayar simpanan: tunai atau bank.")))
    if date is None:
        problems.append(("date", _("Tanggal wajib diisi.")))
    collect(problems)
    with book.transaction() as s:
        m = member_in(s, member_id)
        ensure_can_work(s, member_id, date, field="date")
        _post_capital(s, book.actor, m, amount, date, method)
        audit.record(s, book.actor, "capital", "member", m.id, amount=amount)
        return member_row_now(s, m)


def update_member(book: Book, member_id: int, data: MemberInput) -> MemberRow:
    """Correct a member's details (name, gender, phone, address, disability, daily wage, notes,
    joined date). The role changes with `change_role`; simpanan with `add_capital`."""
    data = _clean(data)
    problems = [p for p in _problems(data, new=False) if p[0] not in ("role", "capital")]
    collect(problems)
    with book.transaction() as s:
        m = member_in(s, member_id)
        if _same_name(s, data.name, exclude=m.id):
            raise UserError(_("Sudah ada anggota bernama {name}.").format(name=data.name), field="name")
        if data.joined_on is not None and data.joined_on != m.joined_on:
            first = _first_activity(s, m.id)
            if first is not None and data.joined_on > first:
                raise UserError(_("{name} sudah tercatat bekerja atau menerima uang pada {date}; "
                                  "tanggal masuk tidak bisa sesudahnya.").format(
                    name=m.name, date=format_date(first)), field="joined_on")
            if m.left_on is not None and data.joined_on > m.left_on:
                raise UserError(_("Tanggal masuk tidak boleh sesudah tanggal keluar."), field="joined_on")
            first_role = s.execute(select(MemberRole).where(MemberRole.member_id == m.id)
                                   .order_by(MemberRole.start_on, MemberRole.id).limit(1)).scalar()
            if first_role is not None and first_role.start_on == m.joined_on:
                first_role.start_on = data.joined_on
            m.joined_on = data.joined_on
        before = {k: getattr(m, k) for k in ("name", "gender", "phone", "address", "disability",
                                              "daily_wage", "notes")}
        for key in before:
            setattr(m, key, getattr(data, key))
        changed = [k for k, v in before.items() if getattr(m, k) != v]
        audit.record(s, book.actor, "update", "member", m.id, changed=changed)
        return member_row_now(s, m)


def _first_activity(s: Session, member_id: int) -> dt.date | None:
    return s.execute(select(func.min(JournalEntry.date))
                     .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
                     .where(JournalLine.party_kind == "member", JournalLine.party_id == member_id)).scalar()


def change_role(book: Book, member_id: int, role: str, on: dt.date) -> MemberRow:
    """The member takes a new role from `on`; the old one ends the day before (history kept)."""
    role = (role or "").strip().lower()
    if role not in ROLES:
        raise UserError(_("Pilih jabatan: ketua, bendahara, sekretaris, tukang, pemasar atau anggota."),
                        field="role")
    if on is None:
        raise UserError(_("Tanggal wajib diisi."), field="date")
    with book.transaction() as s:
        m = member_in(s, member_id)
        if not m.active:
            raise UserError(_("{name} sudah keluar dari kelompok.").format(name=m.name), field="member")
        if role == m.role:
            raise UserError(_("{name} sudah menjabat sebagai {role}.").format(
                name=m.name, role=role_label(role)), field="role")
        current = s.execute(select(MemberRole).where(MemberRole.member_id == m.id,
                                                     MemberRole.end_on.is_(None))).scalars().all()
        for spell in current:
            if on <= spell.start_on:
                raise UserError(_("Tanggal harus sesudah {date} (awal jabatan sekarang).").format(
                    date=format_date(spell.start_on)), field="date")
            spell.end_on = on - dt.timedelta(days=1)
        s.add(MemberRole(member_id=m.id, role=role, start_on=on))
        old, m.role = m.role, role
        audit.record(s, book.actor, "role", "member", m.id, old=old, new=role, on=on)
        return member_row_now(s, m)


def member_leaves(book: Book, member_id: int, left_on: dt.date, reason: str = "") -> MemberRow:
    """The member leaves the group: inactive from `left_on`, history and balances kept."""
    if left_on is None:
        raise UserError(_("Tanggal keluar wajib diisi."), field="left_on")
    with book.transaction() as s:
        m = member_in(s, member_id)
        if not m.active:
            raise UserError(_("{name} sudah keluar pada {date}.").format(
                name=m.name, date=format_date(m.left_on)), field="member")
        if left_on < m.joined_on:
            raise UserError(_("Tanggal keluar tidak boleh sebelum tanggal masuk ({date}).").format(
                date=format_date(m.joined_on)), field="left_on")
        last_work = _last_work(s, m.id)
        if last_work is not None and last_work > left_on:
            raise UserError(_("{name} masih tercatat bekerja pada {date}; tanggal keluar tidak "
                              "bisa sebelum itu.").format(name=m.name, date=format_date(last_work)),
                            field="left_on")
        m.left_on, m.left_reason, m.active = left_on, (reason or "").strip(), False
        for spell in s.execute(select(MemberRole).where(MemberRole.member_id == m.id,
                                                        MemberRole.end_on.is_(None))).scalars():
            spell.end_on = max(left_on, spell.start_on)
        audit.record(s, book.actor, "leave", "member", m.id, left_on=left_on, reason=reason)
        return member_row_now(s, m)


def _last_work(s: Session, member_id: int) -> dt.date | None:
    crew = crew_table()
    if crew is None:
        return None
    return s.execute(select(func.max(crew.c.work_date)).where(
        crew.c.member_id == member_id, crew.c.status == DocStatus.POSTED)).scalar()


def crew_table():
    """The orders area's order_crew table (None while it does not exist)."""
    from kws_desktop.store.base import Base
    return Base.metadata.tables.get("order_crew")


def ensure_can_work(session: Session, member_id: int, work_date: dt.date, *, field: str = "member") -> None:
    """Session-level: refuse a work (or payment) date outside the member's membership."""
    m = session.get(Member, member_id)
    if m is None:
        raise UserError(_("Anggota tidak ditemukan."), field=field)
    if work_date < m.joined_on:
        raise UserError(_("{name} baru masuk kelompok pada {joined}; tidak bisa ditugaskan pada "
                          "tanggal {date}.").format(name=m.name, joined=format_date(m.joined_on),
                                                    date=format_date(work_date)), field=field)
    if m.left_on is not None and work_date > m.left_on:
        raise UserError(_("{name} sudah keluar dari kelompok pada {left}; tidak bisa ditugaskan "
                          "pada pekerjaan tanggal {date}.").format(
            name=m.name, left=format_date(m.left_on), date=format_date(work_date)), field=field)


def get_member(book: Book, member_id: int) -> MemberRow:
    with book.reading() as s:
        m = member_in(s, member_id)
        return member_row_now(s, m)


def _filtered(q, search: str, active: bool | None):
    if search.strip():
        like = f"%{search.strip().lower()}%"
        q = q.where(or_(func.lower(Member.name).like(like), Member.phone.like(like)))
    if active is not None:
        q = q.where(Member.active.is_(active))
    return q


def list_members(book: Book, *, search: str = "", active: bool | None = None, offset: int = 0,
                 limit: int | None = None) -> list[MemberRow]:
    """Members, active first then by name, a page at a time, with their balances."""
    with book.reading() as s:
        q = _filtered(select(Member), search, active).order_by(
            case((Member.active.is_(True), 0), else_=1), Member.name, Member.id).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        members = s.execute(q).scalars().all()
        balances = member_balances(s, [m.id for m in members]) if members else {}
        return [_row(m, balances.get(m.id)) for m in members]


def count_members(book: Book, *, search: str = "", active: bool | None = None) -> int:
    with book.reading() as s:
        return s.execute(_filtered(select(func.count(Member.id)), search, active)).scalar() or 0


def active_members(book: Book, on: dt.date | None = None) -> list[MemberRow]:
    """Members who can work (on `on`, if given): for crew pick lists."""
    with book.reading() as s:
        return [_row(m) for m in members_on(s, on)]


def members_on(session: Session, on: dt.date | None = None) -> list[Member]:
    """Session-level: members of the group (on a date, or now), by name."""
    q = select(Member).order_by(Member.name, Member.id)
    if on is None:
        q = q.where(Member.active.is_(True))
    else:
        q = q.where(Member.joined_on <= on, or_(Member.left_on.is_(None), Member.left_on >= on))
    return list(session.execute(q).scalars())


def members_in_period(session: Session, start: dt.date, end: dt.date) -> list[Member]:
    """Session-level: everyone who was a member at some time between start and end."""
    return list(session.execute(
        select(Member).where(Member.joined_on <= end,
                             or_(Member.left_on.is_(None), Member.left_on >= start))
        .order_by(Member.name, Member.id)).scalars())


def role_history(book: Book, member_id: int) -> list[RoleSpell]:
    with book.reading() as s:
        member_in(s, member_id)
        return [RoleSpell(r.role, r.start_on, r.end_on) for r in s.execute(
            select(MemberRole).where(MemberRole.member_id == member_id)
            .order_by(MemberRole.start_on, MemberRole.id)).scalars()]


def describe_balances(b: Balances) -> str:
    """One line for screens: "Upah belum dibayar Rp..., kasbon Rp..."."""
    parts = [_("upah belum dibayar {amount}").format(amount=format_rupiah(b.wages_owed))]
    if b.profit_share_owed:
        parts.append(_("bagi hasil belum dibayar {amount}").format(amount=format_rupiah(b.profit_share_owed)))
    if b.advances:
        parts.append(_("kasbon {amount}").format(amount=format_rupiah(b.advances)))
    return ", ".join(parts)

"""Member income: per member and period, wages earned, profit share, kasbon and money received;
the member's take-home slip; the `member-income` report; the gender view.

Wages earned come from the journal (Cr wages payable for the member, any source but a payout),
so they always agree with what is owed; the per-job detail (days, daily wage) comes from the
orders' crew table.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.errors import UserError
from kws_desktop.core.percent import share_points
from kws_desktop.i18n import N_, _, format_date, format_percent, format_quantity, format_rupiah, p_
from kws_desktop.services.people.capital_return import SOURCE_TYPE as RETURN_SOURCE
from kws_desktop.services.people.members import (LEADERSHIP_ROLES, Balances, crew_table,
                                          gender_label, member_balances, members_in_period,
                                          role_label)
from kws_desktop.services.people.profit_sharing import shares_in_period
from kws_desktop.services.people.wages import days_worked, member_jobs
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine
from kws_desktop.store.models.people import (Advance, Member, MemberRole, ProfitSharing,
                                              ProfitSharingLine, WagePayout, WagePayoutLine)


@dataclass(frozen=True)
class IncomeRow:
    member_id: int
    name: str
    gender: str
    role: str
    active: bool
    days: Decimal
    jobs: int
    wages: int               # earned in the period
    profit_share: int        # allocated in the period
    advances_taken: int      # kasbon given in the period (on its own or in a payout)
    advances_deducted: int
    received: int            # cash handed to the member in the period
    owed_end: int            # wages + profit share owed minus kasbon, at the end

    @property
    def income(self) -> int:
        return self.wages + self.profit_share


def _earned_wages(s: Session, start: dt.date, end: dt.date) -> dict[int, int]:
    q = (select(JournalLine.party_id, func.sum(JournalLine.amount))
         .join(Account, Account.id == JournalLine.account_id)
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .where(Account.code == A.WAGES_PAYABLE, JournalLine.party_kind == "member",
                JournalEntry.source_type != "wage_payout",
                JournalEntry.date >= start, JournalEntry.date <= end)
         .group_by(JournalLine.party_id))
    return {pid: -int(total or 0) for pid, total in s.execute(q)}


def _jobs_count(s: Session, start: dt.date, end: dt.date) -> dict[int, int]:
    crew = crew_table()
    if crew is None:
        return {}
    q = (select(crew.c.member_id, func.count(func.distinct(crew.c.order_id)))
         .where(crew.c.status == DocStatus.POSTED, crew.c.work_date >= start, crew.c.work_date <= end)
         .group_by(crew.c.member_id))
    return dict(s.execute(q).all())


def _payouts(s: Session, start: dt.date, end: dt.date) -> dict[int, tuple[int, int, int]]:
    """(net received, kasbon given, kasbon deducted) per member from payouts in the period."""
    q = (select(WagePayoutLine.member_id, func.sum(WagePayoutLine.net),
                func.sum(WagePayoutLine.advance_given), func.sum(WagePayoutLine.advance_deducted))
         .join(WagePayout, WagePayout.id == WagePayoutLine.payout_id)
         .where(WagePayout.status == DocStatus.POSTED, WagePayout.date >= start, WagePayout.date <= end)
         .group_by(WagePayoutLine.member_id))
    return {mid: (int(n or 0), int(g or 0), int(d or 0)) for mid, n, g, d in s.execute(q)}


def _advances(s: Session, start: dt.date, end: dt.date) -> dict[int, int]:
    q = (select(Advance.member_id, func.sum(Advance.amount))
         .where(Advance.status == DocStatus.POSTED, Advance.date >= start, Advance.date <= end)
         .group_by(Advance.member_id))
    return {mid: int(total or 0) for mid, total in s.execute(q)}


def income_rows(session: Session, start: dt.date, end: dt.date) -> list[IncomeRow]:
    """Session-level: one row per member of the period (or with money moving in it), by
    gender (perempuan first) then name."""
    members = {m.id: m for m in members_in_period(session, start, end)}
    wages = _earned_wages(session, start, end)
    shares = shares_in_period(session, start, end)
    pays = _payouts(session, start, end)
    advs = _advances(session, start, end)
    others = (set(wages) | set(shares) | set(pays) | set(advs)) - set(members)
    if others:
        members.update({m.id: m for m in session.execute(
            select(Member).where(Member.id.in_(others))).scalars()})
    days = days_worked(session, start, end)
    jobs = _jobs_count(session, start, end)
    balances = member_balances(session, list(members), until=end) if members else {}
    rows = []
    for m in members.values():
        net, given, deducted = pays.get(m.id, (0, 0, 0))
        b = balances.get(m.id, Balances())
        rows.append(IncomeRow(m.id, m.name, m.gender, m.role, m.active, days.get(m.id, Decimal(0)),
                              jobs.get(m.id, 0), wages.get(m.id, 0), shares.get(m.id, 0),
                              advs.get(m.id, 0) + given, deducted, net + advs.get(m.id, 0),
                              b.net_owed))
    rows.sort(key=lambda r: (0 if r.gender == "P" else 1, r.name.lower(), r.member_id))
    return rows


def member_income(book: Book, start: dt.date, end: dt.date) -> list[IncomeRow]:
    _check(start, end)
    with book.reading() as s:
        return income_rows(s, start, end)


def _check(start: dt.date | None, end: dt.date | None) -> None:
    if start is None or end is None:
        raise UserError(_("Isi tanggal awal dan akhir periode."), field="start" if start is None else "end")
    if end < start:
        raise UserError(_("Tanggal akhir {end} lebih awal dari tanggal awal {start}. Periksa periode.")
                        .format(end=format_date(end), start=format_date(start)), field="end")


# --- the report -----------------------------------------------------------------------------

REPORT_COLUMNS = (
    Column("name", N_("Nama")), Column("gender", N_("L/P")), Column("role", N_("Jabatan")),
    Column("days", N_("Hari kerja"), "qty"), Column("wages", N_("Upah"), "money"),
    Column("profit_share", N_("Bagi hasil"), "money"),
    Column("advances", N_("Kasbon diambil"), "money"), Column("received", N_("Uang diterima"), "money"),
    Column("owed", N_("Sisa hak"), "money"),
)


def _columns() -> list[Column]:
    return [Column(c.key, _(c.title), c.kind) for c in REPORT_COLUMNS]


def _cells(r: IncomeRow | None, name: str, rows: list[IncomeRow]) -> dict:
    def total(attr):
        return sum(getattr(x, attr) for x in rows)
    if r is not None:
        return {"name": r.name + ("" if r.active else " " + _("(keluar)")), "gender": r.gender,
                "role": role_label(r.role), "days": r.days, "wages": r.wages,
                "profit_share": r.profit_share, "income": r.income, "advances": r.advances_taken,
                "received": r.received, "owed": r.owed_end}
    return {"name": name, "days": sum((x.days for x in rows), Decimal(0)), "wages": total("wages"),
            "profit_share": total("profit_share"), "income": total("income"),
            "advances": total("advances_taken"), "received": total("received"), "owed": total("owed_end")}


def build_member_income_report(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    """`report member-income`: per member, grouped perempuan / laki-laki with a total for each."""
    end = end or dt.date.today()
    start = start or dt.date(end.year, 1, 1)
    rows = member_income(book, start, end)
    out: list[Row] = []
    for code in ("P", "L"):
        group = [r for r in rows if r.gender == code]
        out.append(Row({"name": _("{gender} ({n} orang)").format(gender=gender_label(code), n=len(group))},
                       style="heading"))
        out += [Row(_cells(r, "", group)) for r in group]
        out.append(Row(_cells(None, _("Jumlah {gender}").format(gender=gender_label(code).lower()), group),
                       style="subtotal"))
    out.append(Row(_cells(None, _("Jumlah seluruhnya"), rows), style="total"))
    women = sum(r.income for r in rows if r.gender == "P")
    total = sum(r.income for r in rows)
    notes = [
        _("Upah: hak upah dari pekerjaan dalam periode. Bagi hasil: bagian SHU yang dibagikan dalam "
          "periode. Uang diterima: upah, bagi hasil dan kasbon yang diserahkan. Sisa hak: upah dan "
          "bagi hasil yang belum dibayar dikurangi sisa kasbon, pada akhir periode."),
    ]
    if total > 0:
        notes.append(_("Penghasilan (upah dan bagi hasil): perempuan {women}, laki-laki {men}; bagian "
                       "perempuan {percent}.").format(
            women=format_rupiah(women), men=format_rupiah(total - women),
            percent=format_percent(share_points(women, total))))
    return TabularReport(title=_("Laporan Penghasilan Anggota"),
                         subtitle=_("Periode {start} s.d. {end}").format(start=format_date(start),
                                                                         end=format_date(end)),
                         columns=_columns(), rows=out, notes=notes)


# --- one member's statement -----------------------------------------------------------------

@dataclass(frozen=True)
class StatementLine:
    date: dt.date
    text: str
    earned: int = 0
    received: int = 0
    deducted: int = 0


@dataclass(frozen=True)
class MemberStatement:
    member_id: int
    name: str
    gender: str
    role: str
    joined_on: dt.date
    left_on: dt.date | None
    start: dt.date
    end: dt.date
    row: IncomeRow
    opening: Balances
    closing: Balances
    lines: tuple[StatementLine, ...]
    wages_paid: int = 0     # wages handed over in the period's payouts
    share_paid: int = 0     # profit share (SHU) handed over in the period's payouts
    capital_returned: int = 0  # simpanan paid back in the period (services/people/capital_return.py)


def member_statement(book: Book, member_id: int, start: dt.date, end: dt.date) -> MemberStatement:
    """A member's income for the period, line by line, with what is owed at both ends."""
    _check(start, end)
    with book.reading() as s:
        m = s.get(Member, member_id)
        if m is None:
            raise UserError(_("Anggota tidak ditemukan."), field="member")
        row = next((r for r in income_rows(s, start, end) if r.member_id == m.id), None)
        if row is None:
            row = IncomeRow(m.id, m.name, m.gender, m.role, m.active, Decimal(0), 0, 0, 0, 0, 0, 0,
                            member_balances(s, [m.id], until=end).get(m.id, Balances()).net_owed)
        opening = member_balances(s, [m.id], until=start - dt.timedelta(days=1)).get(m.id, Balances())
        closing = member_balances(s, [m.id], until=end).get(m.id, Balances())
        lines = _statement_lines(s, m.id, start, end)
        wages_paid, share_paid = _paid(s, m.id, start, end)
        return MemberStatement(m.id, m.name, m.gender, m.role, m.joined_on, m.left_on, start, end,
                               row, opening, closing, tuple(lines), wages_paid, share_paid,
                               _capital_returned(s, m.id, start, end))


def _capital_returned(s: Session, member_id: int, start: dt.date, end: dt.date) -> int:
    q = (select(func.sum(JournalLine.amount))
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .join(Account, Account.id == JournalLine.account_id)
         .where(Account.code == A.MEMBER_CAPITAL, JournalLine.party_kind == "member",
                JournalLine.party_id == member_id, JournalEntry.source_type == RETURN_SOURCE,
                JournalEntry.date >= start, JournalEntry.date <= end))
    return int(s.execute(q).scalar() or 0)


def _paid(s: Session, member_id: int, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(wages, profit share) handed to the member in the period's posted payouts."""
    q = (select(func.sum(WagePayoutLine.wages), func.sum(WagePayoutLine.profit_share))
         .join(WagePayout, WagePayout.id == WagePayoutLine.payout_id)
         .where(WagePayout.status == DocStatus.POSTED, WagePayoutLine.member_id == member_id,
                WagePayout.date >= start, WagePayout.date <= end))
    wages, share = s.execute(q).one()
    return int(wages or 0), int(share or 0)


def _statement_lines(s: Session, member_id: int, start: dt.date, end: dt.date) -> list[StatementLine]:
    lines: list[tuple[dt.date, int, StatementLine]] = []
    jobs = member_jobs(s, member_id, start, end)
    for j in jobs:
        text = _("Upah {order} {customer} ({days} hari)").format(
            order=j.order_number, customer=j.customer, days=format_quantity(j.days))
        lines.append((j.work_date, 0, StatementLine(j.work_date, text, earned=j.amount)))
    # wages accrued other than through a crew row (or all of them, before orders exist)
    skip = ("wage_payout", "order_crew") if crew_table() is not None else ("wage_payout",)
    q = (select(JournalEntry.date, JournalEntry.description, JournalLine.amount)
         .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
         .join(Account, Account.id == JournalLine.account_id)
         .where(Account.code == A.WAGES_PAYABLE, JournalLine.party_kind == "member",
                JournalLine.party_id == member_id, JournalEntry.source_type.not_in(skip),
                JournalEntry.date >= start, JournalEntry.date <= end)
         .order_by(JournalEntry.date, JournalEntry.id))
    for date, text, amount in s.execute(q):
        lines.append((date, 0, StatementLine(date, text, earned=-int(amount))))
    q = (select(ProfitSharing.date, ProfitSharing.number, ProfitSharingLine.amount)
         .join(ProfitSharingLine, ProfitSharingLine.sharing_id == ProfitSharing.id)
         .where(ProfitSharing.status == DocStatus.POSTED, ProfitSharingLine.member_id == member_id,
                ProfitSharingLine.amount != 0, ProfitSharing.date >= start, ProfitSharing.date <= end))
    for date, number, amount in s.execute(q):
        lines.append((date, 1, StatementLine(date, _("Bagi hasil {number}").format(number=number),
                                             earned=int(amount))))
    q = (select(WagePayout.date, WagePayout.number, WagePayoutLine)
         .join(WagePayoutLine, WagePayoutLine.payout_id == WagePayout.id)
         .where(WagePayout.status == DocStatus.POSTED, WagePayoutLine.member_id == member_id,
                WagePayout.date >= start, WagePayout.date <= end))
    for date, number, ln in s.execute(q):
        text = _("Pembayaran {number}").format(number=number)
        if ln.advance_given:
            text += " " + _("(termasuk kasbon baru {amount})").format(amount=_money(ln.advance_given))
        lines.append((date, 2, StatementLine(date, text, received=ln.net, deducted=ln.advance_deducted)))
    q = (select(Advance).where(Advance.status == DocStatus.POSTED, Advance.member_id == member_id,
                               Advance.date >= start, Advance.date <= end))
    for a in s.execute(q).scalars():
        lines.append((a.date, 3, StatementLine(a.date, _("Kasbon {number}").format(number=a.number),
                                               received=a.amount)))
    lines.sort(key=lambda t: (t[0], t[1]))
    return [ln for _d, _o, ln in lines]


def _money(amount: int) -> str:
    from kws_desktop.i18n import format_rupiah
    return format_rupiah(amount)


def write_member_income_slip(book: Book, member_id: int, start: dt.date, end: dt.date,
                             out: str | Path) -> Path:
    """The member's take-home income slip (A5 PDF)."""
    from kws_desktop.documents.member_slips import IncomeSlipLine, MemberIncomeSlip
    from kws_desktop.documents.member_slips import write_member_income_slip as write
    from kws_desktop.services.book.books import get_profile
    st = member_statement(book, member_id, start, end)
    r = st.row
    slip = MemberIncomeSlip(
        member_name=st.name, member_role=role_label(st.role), gender=gender_label(st.gender),
        joined_on=st.joined_on, left_on=st.left_on, start=start, end=end, days=r.days, jobs=r.jobs,
        wages_earned=r.wages, profit_share=r.profit_share, advances_taken=r.advances_taken,
        advances_deducted=r.advances_deducted, received=r.received, opening_owed=st.opening.net_owed,
        closing_wages_owed=st.closing.wages_owed, closing_share_owed=st.closing.profit_share_owed,
        closing_advances=st.closing.advances, capital=st.closing.capital,
        capital_returned=st.capital_returned,
        wages_paid=st.wages_paid, share_paid=st.share_paid,
        lines=tuple(IncomeSlipLine(ln.date, ln.text, ln.earned, ln.received, ln.deducted) for ln in st.lines))
    return write(out, slip, profile=get_profile(book))


# --- the gender view ------------------------------------------------------------------------

@dataclass(frozen=True)
class GenderRow:
    gender: str          # "P", "L" or "" for the total
    label: str
    members: int         # members at some time in the period
    active_at_end: int
    with_disability: int
    leaders: int         # members who held ketua/bendahara/sekretaris in the period
    days: Decimal
    wages: int
    profit_share: int

    @property
    def income(self) -> int:
        return self.wages + self.profit_share


@dataclass(frozen=True)
class LeadershipRow:
    role: str
    label: str
    women: tuple[str, ...]
    men: tuple[str, ...]


@dataclass(frozen=True)
class GenderView:
    start: dt.date
    end: dt.date
    rows: tuple[GenderRow, ...]          # P, L, then the total
    leadership: tuple[LeadershipRow, ...]

    def share_of_women(self, attr: str) -> Decimal | None:
        """Women's part of a figure (0..1), or None when the total is zero."""
        women, total = getattr(self.rows[0], attr), getattr(self.rows[-1], attr)
        return (Decimal(women) / Decimal(total)) if total else None


def gender_view(book: Book, start: dt.date, end: dt.date) -> GenderView:
    """Members, person-days, wages and profit share by gender; leadership roles by gender."""
    _check(start, end)
    with book.reading() as s:
        incomes = {r.member_id: r for r in income_rows(s, start, end)}
        members = members_in_period(s, start, end)
        spells = s.execute(
            select(MemberRole.role, Member.id, Member.name, Member.gender)
            .join(Member, Member.id == MemberRole.member_id)
            .where(MemberRole.role.in_(LEADERSHIP_ROLES), MemberRole.start_on <= end,
                   or_(MemberRole.end_on.is_(None), MemberRole.end_on >= start))
            .order_by(MemberRole.start_on, Member.name)).all()
        leaders = {mid for _r, mid, _n, _g in spells}
        rows = []
        for code in ("P", "L", ""):
            group = [m for m in members if not code or m.gender == code]
            ids = {m.id for m in group}
            inc = [r for mid, r in incomes.items() if (not code or r.gender == code)]
            rows.append(GenderRow(
                code, gender_label(code) if code else p_("baris total", "Jumlah"), len(group),
                sum(1 for m in group if m.left_on is None or m.left_on > end),
                sum(1 for m in group if m.disability), len(leaders & ids),
                sum((r.days for r in inc), Decimal(0)), sum(r.wages for r in inc),
                sum(r.profit_share for r in inc)))
    leadership = []
    for role in LEADERSHIP_ROLES:
        held = [(n, g) for r, _mid, n, g in spells if r == role]
        women = tuple(dict.fromkeys(n for n, g in held if g == "P"))
        men = tuple(dict.fromkeys(n for n, g in held if g == "L"))
        leadership.append(LeadershipRow(role, role_label(role), women, men))
    return GenderView(start, end, tuple(rows), tuple(leadership))


"""Wages: what each member earned on each job, advances (kasbon), and paying members out.

Wages are earned when the orders area records a crew on a job (Cr wages payable, party member,
source "order_crew"). Here they are paid:

- `record_advance`: Dr member advances (member) / Cr cash or bank.
- `pay_members`: one payout for one or many members, one journal entry:
  Dr wages payable (member) for the wages settled, Dr profit share payable (member) for the
  bagi hasil settled, Cr member advances (member) for the kasbon deducted, Cr cash or bank for
  the net handed over. Paying more wages than owed is refused unless the excess is recorded as
  a new kasbon (Dr member advances).
- Voids reverse the entry; the document keeps its number with status "void".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _, format_date, format_rupiah
from kws_desktop.services.book.amounts import PART, PAYMENT, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.book.dates import date_problem, ensure_money_date
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.people.members import (METHOD_ACCOUNTS, METHODS, Balances,
                                          crew_table, ensure_can_work, member_balances,
                                          role_label)
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.periods import closed_through
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.store.book import Book
from kws_desktop.store.models.people import Advance, Member, WagePayout, WagePayoutLine



@dataclass(frozen=True)
class PayLine:
    """What to pay one member. `deduct_advance` comes out of wages + profit share.
    With `excess_as_advance`, wages above what is owed are recorded as a new kasbon."""

    member_id: int
    wages: int = 0
    profit_share: int = 0
    deduct_advance: int = 0
    excess_as_advance: bool = False


@dataclass(frozen=True)
class OwedRow:
    member_id: int
    name: str
    gender: str
    role: str
    active: bool
    balances: Balances

    @property
    def payable(self) -> int:
        """What would be handed over if everything owed were paid and all kasbon deducted."""
        return max(0, self.balances.wages_owed + self.balances.profit_share_owed - self.balances.advances)


@dataclass(frozen=True)
class PayoutLineRow:
    member_id: int
    name: str
    gender: str
    role: str
    wages: int
    profit_share: int
    advance_given: int
    advance_deducted: int
    net: int


@dataclass(frozen=True)
class PayoutRow:
    id: int
    number: str
    date: dt.date
    status: str
    method: str
    note: str
    total_wages: int
    total_profit_share: int
    total_advance_given: int
    total_advance_deducted: int
    total_net: int
    void_reason: str
    lines: tuple[PayoutLineRow, ...] = ()
    member_count: int = 0


@dataclass(frozen=True)
class AdvanceRow:
    id: int
    number: str
    date: dt.date
    status: str
    member_id: int
    member_name: str
    amount: int
    method: str
    note: str
    void_reason: str


@dataclass(frozen=True)
class JobWage:
    """A member's work on one job (from the order's crew)."""

    work_date: dt.date
    order_number: str
    customer: str
    days: Decimal
    daily_wage: int
    amount: int


# --- reading ------------------------------------------------------------------------------

def wages_owed(book: Book, *, only_owed: bool = False) -> list[OwedRow]:
    """Every member with what the group owes them now (and their kasbon), by name."""
    with book.reading() as s:
        members = s.execute(select(Member).order_by(Member.active.desc(), Member.name)).scalars().all()
        balances = member_balances(s)
        rows = [OwedRow(m.id, m.name, m.gender, m.role, m.active, balances.get(m.id, Balances()))
                for m in members]
    if only_owed:
        rows = [r for r in rows if r.balances.wages_owed or r.balances.profit_share_owed or r.balances.advances]
    return rows


def _payout_row(s: Session, p: WagePayout, with_lines: bool = True, count: int = 0) -> PayoutRow:
    lines: tuple[PayoutLineRow, ...] = ()
    if with_lines:
        names = {m.id: m for m in s.execute(select(Member).where(
            Member.id.in_([ln.member_id for ln in p.lines]))).scalars()}
        lines = tuple(PayoutLineRow(ln.member_id, names[ln.member_id].name, names[ln.member_id].gender,
                                    names[ln.member_id].role, ln.wages, ln.profit_share,
                                    ln.advance_given, ln.advance_deducted, ln.net) for ln in p.lines)
    return PayoutRow(p.id, p.number, p.date, p.status, p.method, p.note, p.total_wages,
                     p.total_profit_share, p.total_advance_given, p.total_advance_deducted,
                     p.total_net, p.void_reason, lines, len(lines) if with_lines else count)


def get_payout(book: Book, number: str) -> PayoutRow:
    with book.reading() as s:
        return _payout_row(s, _payout(s, number))


def _payout(s: Session, number: str) -> WagePayout:
    p = s.execute(select(WagePayout).where(WagePayout.number == number.strip().upper())).scalar()
    if p is None:
        raise UserError(_("Pembayaran upah {number} tidak ditemukan.").format(number=number), field="number")
    return p


def list_payouts(book: Book, *, offset: int = 0, limit: int | None = None) -> list[PayoutRow]:
    """Payouts, newest first, a page at a time (without their lines)."""
    with book.reading() as s:
        q = select(WagePayout).order_by(WagePayout.date.desc(), WagePayout.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        payouts = s.execute(q).scalars().all()
        counts = dict(s.execute(select(WagePayoutLine.payout_id, func.count(WagePayoutLine.id))
                                .where(WagePayoutLine.payout_id.in_([p.id for p in payouts]))
                                .group_by(WagePayoutLine.payout_id)).all()) if payouts else {}
        return [_payout_row(s, p, with_lines=False, count=counts.get(p.id, 0)) for p in payouts]


def count_payouts(book: Book) -> int:
    with book.reading() as s:
        return s.execute(select(func.count(WagePayout.id))).scalar() or 0


def _advance_row(a: Advance, name: str) -> AdvanceRow:
    return AdvanceRow(a.id, a.number, a.date, a.status, a.member_id, name, a.amount, a.method,
                      a.note, a.void_reason)


def list_advances(book: Book, *, member_id: int | None = None, offset: int = 0,
                  limit: int | None = None) -> list[AdvanceRow]:
    with book.reading() as s:
        q = (select(Advance, Member.name).join(Member, Member.id == Advance.member_id)
             .order_by(Advance.date.desc(), Advance.id.desc()).offset(offset))
        if member_id is not None:
            q = q.where(Advance.member_id == member_id)
        if limit is not None:
            q = q.limit(limit)
        return [_advance_row(a, name) for a, name in s.execute(q)]


def count_advances(book: Book, *, member_id: int | None = None) -> int:
    with book.reading() as s:
        q = select(func.count(Advance.id))
        if member_id is not None:
            q = q.where(Advance.member_id == member_id)
        return s.execute(q).scalar() or 0


def member_jobs(session: Session, member_id: int, start: dt.date | None = None,
                end: dt.date | None = None) -> list[JobWage]:
    """Session-level: the member's work per job from the orders' crew (empty until orders exist)."""
    crew = crew_table()
    orders = crew.metadata.tables.get("orders") if crew is not None else None
    if crew is None or orders is None:
        return []
    q = (select(crew.c.work_date, orders.c.number, orders.c.customer_name, crew.c.days,
                crew.c.daily_wage, crew.c.amount)
         .join(orders, orders.c.id == crew.c.order_id)
         .where(crew.c.member_id == member_id, crew.c.status == DocStatus.POSTED)
         .order_by(crew.c.work_date, crew.c.id))
    if start is not None:
        q = q.where(crew.c.work_date >= start)
    if end is not None:
        q = q.where(crew.c.work_date <= end)
    from kws_desktop.store.base import Quantity
    out = []
    for work_date, number, customer, days, wage, amount in session.execute(q):
        days = days if isinstance(days, Decimal) else Quantity().process_result_value(days, None)
        out.append(JobWage(work_date, number, customer or "", days, int(wage), int(amount)))
    return out


def days_worked(session: Session, start: dt.date, end: dt.date) -> dict[int, Decimal]:
    """Session-level: person-days per member in the period (crew rows not voided)."""
    crew = crew_table()
    if crew is None:
        return {}
    from kws_desktop.core.money import milli_to_quantity
    q = (select(crew.c.member_id, func.sum(crew.c.days))
         .where(crew.c.status == DocStatus.POSTED, crew.c.work_date >= start, crew.c.work_date <= end)
         .group_by(crew.c.member_id))
    out = {}
    for member_id, total in session.execute(q):
        # the sum of a Quantity column comes back as the stored integer thousandths
        out[member_id] = total if isinstance(total, Decimal) else milli_to_quantity(int(total or 0))
    return out


# --- advances -----------------------------------------------------------------------------

def _check_date(s: Session, date: dt.date) -> None:
    end = closed_through(s)
    if end is not None and date <= end:
        raise UserError(_("Tanggal {date} ada di periode yang sudah ditutup (sampai {end}). "
                          "Pilih tanggal sesudahnya.").format(date=format_date(date), end=format_date(end)),
                        field="date")


def record_advance(book: Book, member_id: int, amount: int, date: dt.date, *, method: str = "cash",
                   note: str = "", future_ok: bool = False, backdate_note: str = "") -> AdvanceRow:
    """A kasbon: money given to a member now, deducted from their later pay (dated after today
    only with `future_ok`, the user's confirmation; before the latest kasbon of its year only
    with `backdate_note`, services/book/backdating.py)."""
    problems = []
    check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah kasbon"))
    if method not in METHODS:
        problems.append(("method", _("Pilih cara bayar: tunai atau bank.")))
    if date is None:
        problems.append(("date", _("Tanggal wajib diisi.")))
    elif date_problem(date):
        problems.append(("date", date_problem(date)))
    collect(problems)
    with book.transaction() as s:
        m = s.get(Member, member_id) if type(member_id) is int else None  # no None id to the ORM
        if m is None:
            raise UserError(_("Pilih anggota yang menerima kasbon."), field="member")
        if m.left_on is not None and date > m.left_on:
            raise UserError(_("{name} sudah keluar dari kelompok pada {left}; kasbon tidak bisa "
                              "dicatat.").format(name=m.name, left=format_date(m.left_on)), field="member")
        ensure_can_work(s, member_id, date)
        _check_date(s, date)
        ensure_money_date(date, future_ok=future_ok)
        backdated = ensure_date_order(s, "advance", date, backdate_note)
        a = Advance(number=next_number(s, "advance", date.year), date=date, member_id=m.id,
                    amount=amount, method=method, note=noted(note, backdated))
        s.add(a)
        s.flush()
        entry = post_entry(s, date=date, description=_("Kasbon {number}: {name}").format(
            number=a.number, name=m.name), postings=[
            debit(A.MEMBER_ADVANCES, amount, party_kind="member", party_id=m.id),
            credit(METHOD_ACCOUNTS[method], amount)], source_type="advance", source_id=a.id,
            actor=book.actor)
        a.entry_id = entry.id
        audit.record(s, book.actor, "create", "advance", a.id, number=a.number, amount=amount,
                     **audit_detail(backdated))
        return _advance_row(a, m.name)


def void_advance(book: Book, number: str, reason: str, *, date: dt.date | None = None) -> AdvanceRow:
    """Cancel a kasbon recorded by mistake (only while it has not been deducted)."""
    reason = void_reason(reason)
    with book.transaction() as s:
        a = s.execute(select(Advance).where(Advance.number == number.strip().upper())).scalar()
        if a is None:
            raise UserError(_("Kasbon {number} tidak ditemukan.").format(number=number), field="number")
        if a.status == DocStatus.VOID:
            raise UserError(_("Kasbon {number} sudah dibatalkan.").format(number=a.number))
        outstanding = member_balances(s, [a.member_id]).get(a.member_id, Balances()).advances
        if outstanding < a.amount:
            raise UserError(_("Kasbon {number} sudah dipotong dari upah (sisa kasbon {left}); "
                              "tidak bisa dibatalkan.").format(number=a.number,
                                                               left=format_rupiah(outstanding)))
        void_in(s, a, reason, actor=book.actor, entity="advance", entry_id=a.entry_id, date=date)
        return _advance_row(a, s.get(Member, a.member_id).name)


# --- payouts ------------------------------------------------------------------------------

def payout_kind(wages: int, profit_share: int, advance_given: int) -> str:
    """The numbering kind of a payout: profit shares (SHU) alone are not wages (PBH-, not UPH-)."""
    return "profit_share_payout" if profit_share and not wages and not advance_given else "wage_payout"


def _payout_description(p: WagePayout, first_name: str, members: int) -> str:
    """The journal (and cash book) text: says what was paid, wages or profit shares."""
    if p.total_profit_share and not p.total_wages and not p.total_advance_given:
        one, many = _("Pembayaran bagi hasil (SHU) {number}: {name}"), _(
            "Pembayaran bagi hasil (SHU) {number}: {n} anggota")
    elif p.total_profit_share:
        one, many = _("Pembayaran upah dan bagi hasil {number}: {name}"), _(
            "Pembayaran upah dan bagi hasil {number}: {n} anggota")
    else:
        one, many = _("Pembayaran upah {number}: {name}"), _("Pembayaran upah {number}: {n} anggota")
    if members == 1:
        return one.format(number=p.number, name=first_name)
    return many.format(number=p.number, n=members)


def pay_members(book: Book, *, date: dt.date, lines: list[PayLine], method: str = "cash",
                note: str = "", future_ok: bool = False, backdate_note: str = "") -> PayoutRow:
    """Pay one or many members at once. All or nothing: any line wrong, nothing is saved. Dated
    after today only with `future_ok` (the user's confirmation); before the latest payout of its
    kind this year only with `backdate_note` (services/book/backdating.py)."""
    problems: list[tuple[str | None, str]] = []
    if date is None:
        problems.append(("date", _("Tanggal wajib diisi.")))
    if method not in METHODS:
        problems.append(("method", _("Pilih cara bayar: tunai atau bank.")))
    lines = [ln for ln in lines if ln.wages or ln.profit_share or ln.deduct_advance]
    if not lines:
        problems.append(("lines", _("Isi jumlah yang dibayar untuk minimal satu anggota.")))
    ids = [ln.member_id for ln in lines]
    if len(ids) != len(set(ids)):
        problems.append(("lines", _("Seorang anggota tercantum dua kali dalam pembayaran ini.")))
    for ln in lines:
        for value in (ln.wages, ln.profit_share, ln.deduct_advance):
            if check_rupiah(value, "lines", problems, PART, _("Jumlah yang dibayar")) is None:
                break
    collect(problems)
    with book.transaction() as s:
        _check_date(s, date)
        ensure_money_date(date, future_ok=future_ok)
        members = {m.id: m for m in s.execute(select(Member).where(Member.id.in_(ids))).scalars()}
        missing = [i for i in ids if i not in members]
        if missing:
            raise UserError(_("Anggota tidak ditemukan."), field="lines")
        now = member_balances(s, ids)
        then = member_balances(s, ids, until=date)
        built = []
        for ln in lines:
            m = members[ln.member_id]
            b_now, b_then = now.get(m.id, Balances()), then.get(m.id, Balances())
            owed_wages = max(0, min(b_now.wages_owed, b_then.wages_owed))
            owed_share = max(0, min(b_now.profit_share_owed, b_then.profit_share_owed))
            outstanding = max(0, min(b_now.advances, b_then.advances))
            if m.joined_on > date:
                problems.append(("lines", _("{name} baru masuk kelompok pada {joined}.").format(
                    name=m.name, joined=format_date(m.joined_on))))
                continue
            wages, given = ln.wages, 0
            if wages > owed_wages:
                if not ln.excess_as_advance:
                    problems.append(("wages", _(
                        "Upah yang dibayar kepada {name} ({paid}) lebih besar dari upah yang belum "
                        "dibayar ({owed}). Kurangi jumlahnya, atau catat kelebihannya sebagai "
                        "kasbon.").format(name=m.name, paid=format_rupiah(wages),
                                          owed=format_rupiah(owed_wages))))
                    continue
                wages, given = owed_wages, wages - owed_wages
            if ln.profit_share > owed_share:
                problems.append(("profit_share", _(
                    "Bagi hasil yang dibayar kepada {name} ({paid}) lebih besar dari bagi hasil yang "
                    "belum dibayar ({owed}).").format(name=m.name, paid=format_rupiah(ln.profit_share),
                                                      owed=format_rupiah(owed_share))))
                continue
            if ln.deduct_advance > outstanding:
                problems.append(("deduct_advance", _(
                    "Potongan kasbon {name} ({deduct}) lebih besar dari sisa kasbonnya ({left}).").format(
                    name=m.name, deduct=format_rupiah(ln.deduct_advance), left=format_rupiah(outstanding))))
                continue
            net = wages + ln.profit_share + given - ln.deduct_advance
            if net < 0:
                problems.append(("deduct_advance", _(
                    "Potongan kasbon {name} ({deduct}) lebih besar dari yang dibayarkan ({paid}).").format(
                    name=m.name, deduct=format_rupiah(ln.deduct_advance),
                    paid=format_rupiah(wages + ln.profit_share + given))))
                continue
            built.append(WagePayoutLine(member_id=m.id, wages=wages, profit_share=ln.profit_share,
                                        advance_given=given, advance_deducted=ln.deduct_advance, net=net))
        collect(problems)
        kind = payout_kind(sum(ln.wages for ln in built), sum(ln.profit_share for ln in built),
                           sum(ln.advance_given for ln in built))
        backdated = ensure_date_order(s, kind, date, backdate_note)
        p = WagePayout(number=next_number(s, kind, date.year), date=date, method=method,
                       note=noted(note, backdated))
        p.lines = built
        p.total_wages = sum(ln.wages for ln in built)
        p.total_profit_share = sum(ln.profit_share for ln in built)
        p.total_advance_given = sum(ln.advance_given for ln in built)
        p.total_advance_deducted = sum(ln.advance_deducted for ln in built)
        p.total_net = sum(ln.net for ln in built)
        s.add(p)
        s.flush()
        postings = []
        for ln in built:
            party = {"party_kind": "member", "party_id": ln.member_id}
            name = members[ln.member_id].name
            postings += [debit(A.WAGES_PAYABLE, ln.wages, name, **party),
                         debit(A.PROFIT_SHARE_PAYABLE, ln.profit_share, name, **party),
                         debit(A.MEMBER_ADVANCES, ln.advance_given, _("Kasbon baru: {name}").format(name=name), **party),
                         credit(A.MEMBER_ADVANCES, ln.advance_deducted,
                                _("Potong kasbon: {name}").format(name=name), **party)]
        if p.total_net:
            postings.append(credit(METHOD_ACCOUNTS[method], p.total_net))
        if len([x for x in postings if x.amount]) < 2:
            raise UserError(_("Tidak ada uang yang berpindah dalam pembayaran ini."), field="lines")
        description = _payout_description(p, members[built[0].member_id].name, len(built))
        entry = post_entry(s, date=date, description=description, postings=postings,
                           source_type="wage_payout", source_id=p.id, actor=book.actor)
        p.entry_id = entry.id
        audit.record(s, book.actor, "create", "wage_payout", p.id, number=p.number, net=p.total_net,
                     **audit_detail(backdated))
        return _payout_row(s, p)


def void_payout(book: Book, number: str, reason: str, *, date: dt.date | None = None) -> PayoutRow:
    """Cancel a payout (wrong amounts, wrong member): the entry is reversed, the number kept."""
    reason = void_reason(reason)
    with book.transaction() as s:
        p = _payout(s, number)
        if p.status == DocStatus.VOID:
            raise UserError(_("Pembayaran upah {number} sudah dibatalkan.").format(number=p.number))
        void_in(s, p, reason, actor=book.actor, entity="wage_payout", entry_id=p.entry_id, date=date)
        return _payout_row(s, p)


# --- the wage slip ------------------------------------------------------------------------

def write_wage_slips(book: Book, number: str, out: str | Path, *, member_id: int | None = None) -> Path:
    """The payout's wage slips as a PDF: one slip per member (or only `member_id`'s)."""
    from kws_desktop.documents.member_slips import WageSlip, write_wage_slips as write
    from kws_desktop.services.book.books import get_profile
    with book.reading() as s:
        p = _payout(s, number)
        row = _payout_row(s, p)
        prev = s.execute(select(func.max(WagePayout.date)).where(
            WagePayout.date < p.date, WagePayout.status == DocStatus.POSTED)).scalar()
        balances = member_balances(s, [ln.member_id for ln in row.lines], until=p.date)
        slips = []
        for ln in row.lines:
            if member_id is not None and ln.member_id != member_id:
                continue
            start = (prev + dt.timedelta(days=1)) if prev else None
            jobs = tuple(member_jobs(s, ln.member_id, start, p.date))
            b = balances.get(ln.member_id, Balances())
            slips.append(WageSlip(number=row.number, date=row.date, status=row.status,
                                  method=_(METHODS[row.method]), member_name=ln.name,
                                  member_role=role_label(ln.role),
                                  jobs=jobs, wages=ln.wages, profit_share=ln.profit_share,
                                  advance_given=ln.advance_given, advance_deducted=ln.advance_deducted,
                                  net=ln.net, wages_owed_after=b.wages_owed,
                                  profit_share_owed_after=b.profit_share_owed,
                                  advances_after=b.advances, void_reason=row.void_reason))
        if not slips:
            raise UserError(_("Anggota ini tidak ada dalam pembayaran {number}.").format(number=row.number))
    return write(out, slips, profile=get_profile(book))

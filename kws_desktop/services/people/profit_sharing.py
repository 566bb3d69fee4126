"""Bagi hasil (SHU) at the close of a period: preview, post (closes the period), reverse (reopens).

Accounting treatment (SAK EMKM): the profit of a period stays in the revenue and expense
accounts, so the profit-and-loss statement of that period still shows it; the statements
carry the period's profit into retained earnings (saldo laba). Sharing it out is a
distribution of that retained profit, posted on the last day of the period:

    Dr Saldo Laba (3-3000)                       profit of the period
        Cr Dana Kas Kelompok (3-2000)            the group-fund share (stays in equity)
        Cr Utang Bagi Hasil Anggota (2-1400)     each member's share (party member), a debt
                                                 the group pays out later with the wages

So after the sharing, retained earnings for the period net to zero, the group fund grows, and
each member's share is a liability until paid (`services.wages.pay_members(profit_share=...)`).
Posting also closes the period (a PeriodClose row): nothing more can be posted on or before
its last day. Reversing posts the mirror entry and reopens the period (reopened_at, reason).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A, AccountType
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.profit_sharing import (MemberBasis, ProfitRule, ProfitRuleError, parse_rule,
                                             split_profit)
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_date, format_quantity, format_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order
from kws_desktop.services.book.book_settings import BOOK_SETTINGS
from kws_desktop.services.book.books import read_setting, set_setting
from kws_desktop.services.book.dates import ensure_date
from kws_desktop.services.book.ledger import post_entry, reverse_entry
from kws_desktop.services.people.members import Balances, member_balances, members_in_period
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.people.wages import days_worked
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine, PeriodClose
from kws_desktop.store.models.people import Member, ProfitSharing, ProfitSharingLine


BASIS_LABELS = {"days": N_("menurut hari kerja"), "equal": N_("dibagi rata"),
                "capital": N_("menurut simpanan"), "percent": N_("persentase tetap per anggota")}


def basis_label(basis: str) -> str:
    return _(BASIS_LABELS.get(basis, basis))


def rule_message(exc: ProfitRuleError) -> tuple[str, str | None]:
    """The Indonesian sentence (and form field) for a rule problem."""
    v = exc.values
    if exc.code == "bad_pct":
        return _("Persentase harus angka antara 0 dan 100."), v.get("name")
    if exc.code == "not_100":
        return (_("Bagian kas kelompok dan bagian anggota harus berjumlah 100%, sekarang {total}%.")
                .format(total=format_quantity(v["total"])), "group_fund_pct")
    if exc.code == "bad_basis":
        return _("Pilih dasar pembagian: hari kerja, rata, simpanan, atau persentase."), "basis"
    if exc.code == "member_pcts_not_100":
        return (_("Persentase para anggota berjumlah {total}%, padahal bagian anggota {expected}%. "
                  "Jumlahnya harus sama.").format(total=format_quantity(v["total"]),
                                                   expected=format_quantity(v["expected"])), "member_pcts")
    if exc.code == "bad_member_pct":
        return _("Ada persentase untuk orang yang bukan anggota pada periode ini."), "member_pcts"
    if exc.code == "no_members":
        return _("Tidak ada anggota pada periode ini."), None
    if exc.code == "no_basis":
        if v.get("basis") == "capital":
            return _("Belum ada anggota yang punya simpanan; bagi hasil menurut simpanan tidak bisa "
                     "dihitung. Pilih dasar pembagian lain."), "basis"
        return _("Tidak ada anggota yang tercatat bekerja pada periode ini; bagi hasil menurut hari "
                 "kerja tidak bisa dihitung. Pilih dasar pembagian lain (rata atau simpanan)."), "basis"
    return _("Aturan bagi hasil tidak bisa dipakai."), None


def _rule(data: Any) -> ProfitRule:
    if isinstance(data, ProfitRule):
        return data
    try:
        return parse_rule(data or {})
    except ProfitRuleError as exc:
        message, field = rule_message(exc)
        raise UserError(message, field=field) from exc


def get_rule(book: Book) -> ProfitRule:
    """The book's rule; a damaged setting falls back to the default (30% group fund, by days)."""
    with book.reading() as s:
        data = read_setting(s, "profit_rule")
    try:
        return parse_rule(data or {})
    except ProfitRuleError:
        return parse_rule(BOOK_SETTINGS["profit_rule"].default)


def set_rule(book: Book, data: dict | ProfitRule) -> ProfitRule:
    """Check and save the group's rule (refuses shares that do not add up to 100%)."""
    rule = _rule(data)
    set_setting(book, "profit_rule", rule.as_setting())
    return rule


@dataclass(frozen=True)
class ShareLine:
    member_id: int
    name: str
    gender: str
    role: str
    days: Decimal
    capital: int
    weight: Decimal
    amount: int
    explanation: str


@dataclass(frozen=True)
class SharingPreview:
    start: dt.date
    end: dt.date
    revenue: int
    expenses: int
    profit: int
    rule: ProfitRule
    group_amount: int
    members_amount: int
    weight_total: Decimal
    lines: tuple[ShareLine, ...]

    @property
    def explanation(self) -> str:
        return _("Laba {profit} = pendapatan {revenue} dikurangi beban {expenses}. "
                 "Kas kelompok {gpct}% = {group}; anggota {mpct}% = {members}, {basis}.").format(
            profit=format_rupiah(self.profit), revenue=format_rupiah(self.revenue),
            expenses=format_rupiah(self.expenses), gpct=format_quantity(self.rule.group_fund_pct),
            group=format_rupiah(self.group_amount), mpct=format_quantity(self.rule.members_pct),
            members=format_rupiah(self.members_amount), basis=basis_label(self.rule.basis))


@dataclass(frozen=True)
class SharingRow:
    id: int
    number: str
    date: dt.date
    status: str
    period_start: dt.date
    period_end: dt.date
    revenue: int
    expenses: int
    profit: int
    basis: str
    group_fund_pct: Decimal
    members_pct: Decimal
    group_amount: int
    members_amount: int
    void_reason: str
    lines: tuple[ShareLine, ...] = ()


def period_result(session: Session, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(revenue, expenses) of the period, summed in SQL from the journal."""
    q = (select(Account.type, func.coalesce(func.sum(JournalLine.amount), 0))
         .join(JournalLine, JournalLine.account_id == Account.id)
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .where(JournalEntry.date >= start, JournalEntry.date <= end,
                Account.type.in_([AccountType.REVENUE.value, AccountType.EXPENSE.value]))
         .group_by(Account.type))
    sums = {t: int(v) for t, v in session.execute(q)}
    return -sums.get(AccountType.REVENUE.value, 0), sums.get(AccountType.EXPENSE.value, 0)


def _explain(rule: ProfitRule, line: tuple, pool: int, total: Decimal, profit: int) -> str:
    weight, amount = line
    if amount == 0 and rule.members_pct:
        if rule.basis == "days":
            return _("Tidak bekerja pada periode ini.")
        if rule.basis == "capital":
            return _("Belum punya simpanan.")
        if rule.basis == "percent":
            return _("Tidak mendapat persentase.")
    if rule.basis == "days":
        return _("{days} dari {total} hari kerja × {pool} = {amount}").format(
            days=format_quantity(weight), total=format_quantity(total), pool=format_rupiah(pool),
            amount=format_rupiah(amount))
    if rule.basis == "capital":
        return _("Simpanan {capital} dari {total} × {pool} = {amount}").format(
            capital=format_rupiah(int(weight)), total=format_rupiah(int(total)),
            pool=format_rupiah(pool), amount=format_rupiah(amount))
    if rule.basis == "percent":
        return _("{pct}% dari laba {profit} = {amount}").format(
            pct=format_quantity(weight), profit=format_rupiah(profit), amount=format_rupiah(amount))
    return _("{pool} dibagi rata untuk {n} anggota = {amount}").format(
        pool=format_rupiah(pool), n=format_quantity(total), amount=format_rupiah(amount))


def _check_period(s: Session, start: dt.date, end: dt.date) -> None:
    if start is None or end is None:
        raise UserError(_("Isi tanggal awal dan akhir periode."), field="start" if start is None else "end")
    ensure_date(start, "start")
    ensure_date(end, "end")
    if end < start:
        raise UserError(_("Tanggal akhir periode tidak boleh sebelum tanggal awal."), field="end")
    closed = s.execute(select(PeriodClose).where(PeriodClose.reopened_at.is_(None),
                                                 PeriodClose.period_end >= start)
                       .order_by(PeriodClose.period_end.desc()).limit(1)).scalar()
    if closed is not None:
        raise UserError(_("Periode ini sudah ditutup (sampai {end}); sebuah periode tidak bisa "
                          "ditutup dua kali. Batalkan dulu bagi hasil yang lama bila perlu.").format(
            end=format_date(closed.period_end)), field="start")
    dup = s.execute(select(ProfitSharing.number).where(
        ProfitSharing.status == DocStatus.POSTED, ProfitSharing.period_start <= end,
        ProfitSharing.period_end >= start).limit(1)).scalar()
    if dup is not None:
        raise UserError(_("Periode ini sudah dibagi hasilnya ({number}).").format(number=dup), field="start")


def _preview(s: Session, start: dt.date, end: dt.date, rule: ProfitRule) -> SharingPreview:
    _check_period(s, start, end)
    revenue, expenses = period_result(s, start, end)
    profit = revenue - expenses
    if profit <= 0:
        what = _("rugi") if profit < 0 else _("impas (nol)")
        raise UserError(_("Periode ini tidak punya laba untuk dibagi: pendapatan {revenue} dikurangi "
                          "beban {expenses} = {profit} ({what}). Bagi hasil hanya bisa dari laba.").format(
            revenue=format_rupiah(revenue), expenses=format_rupiah(expenses),
            profit=format_rupiah(profit), what=what), field="start")
    members = members_in_period(s, start, end)
    days = days_worked(s, start, end)
    capital = member_balances(s, [m.id for m in members], until=end) if members else {}
    basis = [MemberBasis(m.id, days.get(m.id, Decimal(0)), capital.get(m.id, Balances()).capital)
             for m in members]
    try:
        split = split_profit(profit, rule, basis)
    except ProfitRuleError as exc:
        message, field = rule_message(exc)
        raise UserError(message, field=field) from exc
    lines = []
    for m, b, share in zip(members, basis, split.shares):
        lines.append(ShareLine(m.id, m.name, m.gender, m.role, b.days, b.capital, share.weight,
                               share.amount, _explain(rule, (share.weight, share.amount),
                                                      split.members_amount, split.weight_total, profit)))
    return SharingPreview(start, end, revenue, expenses, profit, rule, split.group_amount,
                          split.members_amount, split.weight_total, tuple(lines))


def preview_profit_sharing(book: Book, start: dt.date, end: dt.date,
                           rule: dict | ProfitRule | None = None) -> SharingPreview:
    """Every member's share and how it was computed; nothing is saved."""
    with book.reading() as s:
        r = _rule(rule) if rule is not None else _rule(read_setting(s, "profit_rule"))
        return _preview(s, start, end, r)


def post_profit_sharing(book: Book, start: dt.date, end: dt.date,
                        rule: dict | ProfitRule | None = None, *, backdate_note: str = "") -> SharingRow:
    """Post the sharing of the period's profit and close the period (all in one transaction).
    Dated the period's end; one before the latest sharing of that year only with
    `backdate_note`, kept in the audit log (services/book/backdating.py)."""
    ensure_date(start, "start")
    ensure_date(end, "end")
    with book.transaction() as s:
        r = _rule(rule) if rule is not None else _rule(read_setting(s, "profit_rule"))
        pv = _preview(s, start, end, r)
        backdated = ensure_date_order(s, "profit_sharing", end, backdate_note)
        sh = ProfitSharing(number=next_number(s, "profit_sharing", end.year), date=end,
                           period_start=start, period_end=end, revenue=pv.revenue, expenses=pv.expenses,
                           profit=pv.profit, basis=r.basis, group_fund_pct=r.group_fund_pct,
                           members_pct=r.members_pct, group_amount=pv.group_amount,
                           members_amount=pv.members_amount, created_by=book.actor)
        sh.lines = [ProfitSharingLine(member_id=ln.member_id, weight=ln.weight, amount=ln.amount)
                    for ln in pv.lines]
        s.add(sh)
        s.flush()
        postings = [debit(A.RETAINED_EARNINGS, pv.profit), credit(A.GROUP_FUND, pv.group_amount)]
        postings += [credit(A.PROFIT_SHARE_PAYABLE, ln.amount, ln.name, party_kind="member",
                            party_id=ln.member_id) for ln in pv.lines]
        entry = post_entry(s, date=end, description=_("Bagi hasil {number} periode {start} s.d. {end}").format(
            number=sh.number, start=format_date(start), end=format_date(end)), postings=postings,
            source_type="profit_sharing", source_id=sh.id, actor=book.actor)
        sh.entry_id = entry.id
        close = PeriodClose(period_start=start, period_end=end, closed_by=book.actor,
                            source_type="profit_sharing", source_id=sh.id)
        s.add(close)
        s.flush()
        sh.period_close_id = close.id
        audit.record(s, book.actor, "post", "profit_sharing", sh.id, number=sh.number,
                     profit=pv.profit, basis=r.basis, **audit_detail(backdated))
        audit.record(s, book.actor, "close", "period", close.id, start=start, end=end)
        return _row(s, sh)


def reverse_profit_sharing(book: Book, number: str, reason: str) -> SharingRow:
    """Reverse a sharing and reopen its period (refused once shares have been paid out)."""
    if not (reason or "").strip():
        raise UserError(_("Tuliskan alasan pembatalan."), field="reason")
    with book.transaction() as s:
        sh = _get(s, number)
        if sh.status == DocStatus.VOID:
            raise UserError(_("Bagi hasil {number} sudah dibatalkan.").format(number=sh.number))
        later = s.execute(select(PeriodClose).where(PeriodClose.reopened_at.is_(None),
                                                    PeriodClose.period_end > sh.period_end)
                          .order_by(PeriodClose.period_end).limit(1)).scalar()
        if later is not None:
            raise UserError(_("Periode sesudahnya (sampai {end}) sudah ditutup; batalkan dulu penutupan "
                              "itu.").format(end=format_date(later.period_end)))
        owed = member_balances(s, [ln.member_id for ln in sh.lines])
        for ln in sh.lines:
            if owed.get(ln.member_id, Balances()).profit_share_owed < ln.amount:
                name = s.get(Member, ln.member_id).name
                raise UserError(_("Bagi hasil {name} dari {number} sudah dibayarkan; batalkan dulu "
                                  "pembayarannya.").format(name=name, number=sh.number))
        now = dt.datetime.now(dt.UTC)
        if sh.period_close_id is not None:
            close = s.get(PeriodClose, sh.period_close_id)
            if close.reopened_at is None:
                close.reopened_at, close.reopen_reason = now, reason.strip()
            s.flush()
        reverse_entry(s, s.get(JournalEntry, sh.entry_id), date=sh.period_end, reason=reason.strip(),
                      actor=book.actor)
        sh.status, sh.void_reason, sh.voided_at = DocStatus.VOID, reason.strip(), now
        audit.record(s, book.actor, "void", "profit_sharing", sh.id, number=sh.number, reason=reason)
        audit.record(s, book.actor, "reopen", "period", sh.period_close_id, reason=reason)
        return _row(s, sh)


def _get(s: Session, number: str) -> ProfitSharing:
    sh = s.execute(select(ProfitSharing).where(ProfitSharing.number == number.strip().upper())).scalar()
    if sh is None:
        raise UserError(_("Bagi hasil {number} tidak ditemukan.").format(number=number), field="number")
    return sh


def _row(s: Session, sh: ProfitSharing, with_lines: bool = True) -> SharingRow:
    lines: tuple[ShareLine, ...] = ()
    if with_lines:
        rule = ProfitRule(sh.group_fund_pct, sh.members_pct, sh.basis)
        total = sum((ln.weight for ln in sh.lines), Decimal(0))
        members = {m.id: m for m in s.execute(select(Member).where(
            Member.id.in_([ln.member_id for ln in sh.lines]))).scalars()}
        out = []
        for ln in sh.lines:
            m = members[ln.member_id]
            days = ln.weight if sh.basis == "days" else Decimal(0)
            capital = int(ln.weight) if sh.basis == "capital" else 0
            out.append(ShareLine(m.id, m.name, m.gender, m.role, days, capital, ln.weight, ln.amount,
                                 _explain(rule, (ln.weight, ln.amount), sh.members_amount, total, sh.profit)))
        lines = tuple(out)
    return SharingRow(sh.id, sh.number, sh.date, sh.status, sh.period_start, sh.period_end, sh.revenue,
                      sh.expenses, sh.profit, sh.basis, sh.group_fund_pct, sh.members_pct,
                      sh.group_amount, sh.members_amount, sh.void_reason, lines)


def get_profit_sharing(book: Book, number: str) -> SharingRow:
    with book.reading() as s:
        return _row(s, _get(s, number))


def list_profit_sharings(book: Book, *, offset: int = 0, limit: int | None = None) -> list[SharingRow]:
    with book.reading() as s:
        q = select(ProfitSharing).order_by(ProfitSharing.period_end.desc(), ProfitSharing.id.desc()).offset(offset)
        if limit is not None:
            q = q.limit(limit)
        return [_row(s, sh, with_lines=False) for sh in s.execute(q).scalars()]


def shares_in_period(session: Session, start: dt.date, end: dt.date) -> dict[int, int]:
    """Session-level: each member's profit share from sharings (not voided) dated in the period."""
    q = (select(ProfitSharingLine.member_id, func.sum(ProfitSharingLine.amount))
         .join(ProfitSharing, ProfitSharing.id == ProfitSharingLine.sharing_id)
         .where(ProfitSharing.status == DocStatus.POSTED, ProfitSharing.date >= start, ProfitSharing.date <= end)
         .group_by(ProfitSharingLine.member_id))
    return {mid: int(total or 0) for mid, total in session.execute(q)}


"""Paying a member's simpanan back (when they leave, or when the group decides): one journal
entry Dr member capital (the member's party) / Cr cash or bank, audited."""
from __future__ import annotations

import datetime as dt

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.text import one_line
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _, format_date, format_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.amounts import PAYMENT, check_rupiah
from kws_desktop.services.book.dates import date_problem, ensure_money_date
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.cash.entries import ensure_money_there
from kws_desktop.services.people.members import (METHOD_ACCOUNTS, METHODS, Balances, MemberRow,
                                                  member_balances, member_in, member_row_now)
from kws_desktop.store.book import Book

SOURCE_TYPE = "member_capital_return"  # as posted below (for readers of the journal)


def return_capital(book: Book, member_id: int, amount: int, date: dt.date, method: str = "cash",
                   reason: str = "") -> MemberRow:
    """Pay `amount` of the member's simpanan back to them on `date` (not after today), from
    cash or bank. Refused, nothing saved, when it is more than their simpanan (now or on that
    date) or than the money in the cash box or bank."""
    problems: list[tuple[str | None, str]] = []
    check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah simpanan yang dikembalikan"))
    if method not in METHODS:
        problems.append(("method", _("Pilih cara pengembalian: tunai atau bank.")))
    if not isinstance(date, dt.date):
        problems.append(("date", _("Tanggal wajib diisi.")))
    elif date_problem(date):
        problems.append(("date", date_problem(date)))
    collect(problems)
    reason = one_line(reason or "")
    with book.transaction() as s:
        m = member_in(s, member_id)
        if date < m.joined_on:
            raise UserError(_("{name} baru masuk kelompok pada {date}; tanggal pengembalian tidak "
                              "bisa sebelumnya.").format(name=m.name, date=format_date(m.joined_on)),
                            field="date")
        ensure_open(s, date)
        ensure_money_date(date, future_ok=False)
        now = member_balances(s, [m.id]).get(m.id, Balances()).capital
        then = member_balances(s, [m.id], until=date).get(m.id, Balances()).capital
        saved = max(0, min(now, then))
        if amount > saved:
            if saved == 0:
                raise UserError(_("{name} tidak punya simpanan di kelompok pada {date}.").format(
                    name=m.name, date=format_date(date)), field="amount")
            raise UserError(_("Simpanan {name} hanya {saved}; tidak bisa dikembalikan {amount}.").format(
                name=m.name, saved=format_rupiah(saved), amount=format_rupiah(amount)), field="amount")
        ensure_money_there(s, method, amount)
        entry = post_entry(s, date=date, description=_("Pengembalian simpanan: {name}").format(name=m.name),
                           postings=[debit(A.MEMBER_CAPITAL, amount, party_kind="member", party_id=m.id,
                                           memo=reason),
                                     credit(METHOD_ACCOUNTS[method], amount)],
                           source_type=SOURCE_TYPE, source_id=m.id, actor=book.actor)
        m.capital -= amount
        audit.record(s, book.actor, "capital_return", "member", m.id, amount=amount, date=date,
                     method=method, reason=reason, entry=entry.number)
        return member_row_now(s, m)

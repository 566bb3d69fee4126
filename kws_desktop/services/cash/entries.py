"""Kas & Bank: other expenses (BKK), other income (BKM) and moving money between cash and bank (PB).

Sales, purchases, wages and payments have their own documents; this is for everything else a
treasurer pays or receives: stationery, phone credit, a meeting, a tool, bank interest, and
depositing the cash box into the bank.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import N_, NP_, _, format_rupiah
from kws_desktop.services.book.amounts import PAYMENT, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.backdating import audit_detail, ensure_date_order, noted
from kws_desktop.services.book.ledger import account_name, post_entry
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.dates import ensure_money_date
from kws_desktop.services.book.periods import ensure_open
from kws_desktop.services.book.voiding import void_in, void_reason
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, AccountDayTotal
from kws_desktop.store.models.cash import CashEntry


MONEY_ACCOUNTS = {"cash": A.CASH, "bank": A.BANK}
MONEY_LABELS = {"cash": N_("Kas (tunai)"), "bank": N_("Bank")}

# What the money went to / came from, as a treasurer names it.
EXPENSE_CATEGORIES: tuple[tuple[str, str], ...] = (
    (A.OPERATING, N_("Operasional kelompok (ATK, pulsa, listrik, rapat)")),
    (A.COST_TRANSPORT, N_("Transportasi")),
    (A.COST_EQUIPMENT, N_("Sewa peralatan")),
    (A.COST_PERMITS, N_("Perizinan")),
    (A.EQUIPMENT, N_("Beli peralatan kerja (molen, cetakan, dll.)")),
    (A.OTHER_EXPENSE, N_("Pengeluaran lain-lain")),
)
INCOME_CATEGORIES: tuple[tuple[str, str], ...] = (
    (A.REVENUE_OTHER, N_("Pemasukan lain-lain (bunga bank, sumbangan, dll.)")),
)
KIND_LABELS = {"expense": NP_("jenis catatan kas", "Pengeluaran"), "income": N_("Pemasukan"), "transfer": N_("Pindah kas/bank")}


@dataclass(frozen=True)
class CashEntryRow:
    id: int
    number: str
    date: dt.date
    kind: str
    status: str
    money_account: str  # "cash" | "bank" (for a transfer: where the money left)
    category: str       # the expense/income account name, or where a transfer went
    amount: int
    description: str
    party: str
    void_reason: str


def balance_of(session: Session, account_code: str) -> int:
    """The balance of a cash or bank account over every posted entry: its day totals summed in
    SQL (kept with every journal line in the same transaction, store/totals_triggers.py), so the
    check before each payment stays quick in a book of many years."""
    return int(session.execute(
        select(func.coalesce(func.sum(AccountDayTotal.amount), 0))
        .join(Account, Account.id == AccountDayTotal.account_id)
        .where(Account.code == account_code)).scalar())


def ensure_money_there(session: Session, money_account: str, amount: int) -> None:
    """Refuse paying `amount` out of the cash box or the bank ("cash" | "bank") that holds less."""
    available = balance_of(session, MONEY_ACCOUNTS[money_account])
    if amount > available:
        raise UserError(_("Saldo {account} hanya {balance}; tidak cukup untuk {amount}.").format(
            account=_(MONEY_LABELS[money_account]).lower(), balance=format_rupiah(available),
            amount=format_rupiah(amount)), field="amount")


def cash_balances(book: Book) -> dict[str, int]:
    with book.reading() as s:
        return {key: balance_of(s, code) for key, code in MONEY_ACCOUNTS.items()}


def _validate(kind: str, money: str, category: str | None, amount, description: str) -> None:
    problems = []
    if money not in MONEY_ACCOUNTS:
        problems.append(("money_account", _("Pilih kas atau bank.")))
    allowed = {"expense": EXPENSE_CATEGORIES, "income": INCOME_CATEGORIES}.get(kind)
    if allowed is not None and category not in {code for code, _l in allowed}:
        problems.append(("category", _("Pilih untuk apa uang ini.")))
    check_rupiah(amount, "amount", problems, PAYMENT, _("Jumlah uang"))
    if kind != "transfer" and not description.strip():
        problems.append(("description", _("Tuliskan keterangannya (untuk apa uang ini).")))
    collect(problems)


def record_cash_entry_in(session: Session, *, kind: str, date: dt.date, money_account: str,
                         category: str | None, amount: int, description: str, party: str = "",
                         actor: str, future_ok: bool = False, backdate_note: str = "") -> CashEntry:
    """Session-level: write and post one cash entry (validated; refused if the money is not there;
    a date after today only with `future_ok`, the user's confirmation; one dated before the
    latest of its kind this year only with `backdate_note`, services/book/backdating.py)."""
    _validate(kind, money_account, category, amount, description)
    ensure_open(session, date)
    ensure_money_date(date, future_ok=future_ok)
    money = MONEY_ACCOUNTS[money_account]
    if kind == "transfer":
        other = A.BANK if money == A.CASH else A.CASH
    else:
        other = category
    if kind in ("expense", "transfer"):
        ensure_money_there(session, money_account, amount)
    if kind == "transfer" and not description.strip():
        description = (_("Setor tunai ke bank") if money == A.CASH else _("Tarik tunai dari bank"))
    backdated = ensure_date_order(session, kind, date, backdate_note)
    entry = CashEntry(number=next_number(session, kind, date.year), date=date, kind=kind,
                      money_account=money, other_account=other, amount=amount,
                      description=noted(description, backdated), party=party.strip(), created_by=actor)
    session.add(entry)
    session.flush()
    if kind == "income":
        postings = [debit(money, amount), credit(other, amount)]
    else:  # expense, or a transfer out of `money` into `other`
        postings = [debit(other, amount), credit(money, amount)]
    journal = post_entry(session, date=date, description=f"{entry.number} {description.strip()}",
                         postings=postings, source_type="cash_entry", source_id=entry.id, actor=actor)
    entry.journal_entry_id = journal.id
    audit.record(session, actor, "create", "cash_entry", entry.id, number=entry.number, kind=kind,
                 amount=amount, **audit_detail(backdated))
    return entry


def _row(entry: CashEntry) -> CashEntryRow:
    money = "cash" if entry.money_account == A.CASH else "bank"
    if entry.kind == "transfer":
        category = _("ke {account}").format(account=account_name(entry.other_account))
    else:
        category = account_name(entry.other_account)
    return CashEntryRow(entry.id, entry.number, entry.date, entry.kind, entry.status, money, category,
                        entry.amount, entry.description, entry.party, entry.void_reason)


def record_expense(book: Book, *, date: dt.date, money_account: str, category: str, amount: int,
                   description: str, party: str = "", future_ok: bool = False,
                   backdate_note: str = "") -> CashEntryRow:
    with book.transaction() as s:
        return _row(record_cash_entry_in(s, kind="expense", date=date, money_account=money_account,
                                         category=category, amount=amount, description=description,
                                         party=party, actor=book.actor, future_ok=future_ok,
                                         backdate_note=backdate_note))


def record_income(book: Book, *, date: dt.date, money_account: str, category: str, amount: int,
                  description: str, party: str = "", future_ok: bool = False,
                  backdate_note: str = "") -> CashEntryRow:
    with book.transaction() as s:
        return _row(record_cash_entry_in(s, kind="income", date=date, money_account=money_account,
                                         category=category, amount=amount, description=description,
                                         party=party, actor=book.actor, future_ok=future_ok,
                                         backdate_note=backdate_note))


def transfer(book: Book, *, date: dt.date, from_account: str, amount: int,
             description: str = "", future_ok: bool = False, backdate_note: str = "") -> CashEntryRow:
    """Deposit the cash box into the bank (from "cash") or withdraw cash (from "bank")."""
    with book.transaction() as s:
        return _row(record_cash_entry_in(s, kind="transfer", date=date, money_account=from_account,
                                         category=None, amount=amount, description=description,
                                         actor=book.actor, future_ok=future_ok,
                                         backdate_note=backdate_note))


def void_cash_entry(book: Book, entry_id: int, *, reason: str, date: dt.date | None = None) -> CashEntryRow:
    """Cancel an entry: the journal entry is reversed, the number stays used, marked BATAL."""
    reason = void_reason(reason)
    with book.transaction() as s:
        entry = s.get(CashEntry, entry_id)
        if entry is None:
            raise UserError(_("Catatan kas tidak ditemukan."))
        if entry.status == DocStatus.VOID:
            raise UserError(_("Catatan {number} sudah dibatalkan.").format(number=entry.number))
        void_in(s, entry, reason, actor=book.actor, entity="cash_entry", entry_id=entry.journal_entry_id,
                date=date)
        return _row(entry)


def list_cash_entries(book: Book, *, offset: int = 0, limit: int = 200, kind: str | None = None,
                      start: dt.date | None = None, end: dt.date | None = None, search: str = "",
                      include_void: bool = True) -> list[CashEntryRow]:
    """One page of cash entries, newest first."""
    q = select(CashEntry)
    if kind:
        q = q.where(CashEntry.kind == kind)
    if start:
        q = q.where(CashEntry.date >= start)
    if end:
        q = q.where(CashEntry.date <= end)
    if not include_void:
        q = q.where(CashEntry.status != DocStatus.VOID)
    if search.strip():
        like = f"%{search.strip()}%"
        q = q.where(or_(CashEntry.description.ilike(like), CashEntry.party.ilike(like),
                        CashEntry.number.ilike(like)))
    q = q.order_by(CashEntry.date.desc(), CashEntry.id.desc()).offset(offset).limit(limit)
    with book.reading() as s:
        return [_row(e) for e in s.execute(q).scalars()]

"""Opening balances: the cash and bank a group already has when it starts its book."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.errors import UserError, collect
from kws_desktop.i18n import _
from kws_desktop.services.book.amounts import BALANCE, check_rupiah
from kws_desktop.services.book import audit
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import JournalEntry


def post_opening_balances(book: Book, date: dt.date, *, cash: int, bank: int) -> str | None:
    """Post the starting cash and bank once; returns the journal number (None if both are 0)."""
    problems = []
    check_rupiah(cash, "cash", problems, BALANCE, _("Saldo kas awal"))
    check_rupiah(bank, "bank", problems, BALANCE, _("Saldo bank awal"))
    collect(problems)
    if cash == 0 and bank == 0:
        return None
    with book.transaction() as s:
        exists = s.execute(select(JournalEntry.id).where(JournalEntry.source_type == "opening")).first()
        if exists:
            raise UserError(_("Saldo awal sudah pernah dicatat."))
        entry = post_entry(s, date=date, description=_("Saldo awal kas dan bank"), postings=[
            debit(A.CASH, cash), debit(A.BANK, bank), credit(A.OPENING_BALANCE, cash + bank)],
            source_type="opening", source_id=None, actor=book.actor)
        audit.record(s, book.actor, "post", "opening_balance", entry.id, cash=cash, bank=bank)
        return entry.number

"""Helpers shared by the members-area service tests."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.services.people import members
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.store.models.book import AuditEvent, JournalEntry, PeriodClose
from kws_desktop.store.models.people import (Advance, Member, ProfitSharing, WagePayout)

START = dt.date(2025, 1, 1)


def member(book, name="Siti", gender="P", role="anggota", joined=START, **kw):
    return members.register_member(book, members.MemberInput(name=name, gender=gender, role=role, joined_on=joined, **kw))


def accrue(book, member_id, amount, date=dt.date(2025, 3, 1)):
    """Wages earned, as the orders area posts them (labour cost / wages payable to the member)."""
    with book.transaction() as s:
        post_entry(s, date=date, description="upah uji", postings=[
            debit(A.COST_LABOUR, amount),
            credit(A.WAGES_PAYABLE, amount, party_kind="member", party_id=member_id)],
            source_type="test_wages", source_id=None, actor="uji")


def sale(book, amount, date=dt.date(2025, 6, 1)):
    with book.transaction() as s:
        post_entry(s, date=date, description="penjualan uji", postings=[
            debit(A.CASH, amount), credit(A.REVENUE_CONSTRUCTION, amount)],
            source_type="test_sale", source_id=None, actor="uji")


def counts(book) -> dict:
    with book.reading() as s:
        return {t.__name__: s.execute(select(func.count()).select_from(t)).scalar()
                for t in (JournalEntry, Member, Advance, WagePayout, ProfitSharing, PeriodClose, AuditEvent)}

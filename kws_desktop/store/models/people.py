"""Members, their roles over time, advances (kasbon), wage payouts and profit sharing (SHU).

What a member is owed is never kept as a running figure: it is the sum of the journal lines on
the wages-payable, profit-share-payable and advances accounts that carry the member as party
(`party_kind="member"`, `party_id=members.id`). The tables here are the documents behind those
journal lines.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kws_desktop.store.base import Base, IdMixin, Money, Quantity, UtcDateTime, utcnow
from kws_desktop.store.models.voidable import Voidable


class Member(IdMixin, Base):
    """A member of the group. A member who leaves keeps their row and their history."""

    __tablename__ = "members"
    name: Mapped[str] = mapped_column(String(120), index=True)
    gender: Mapped[str] = mapped_column(String(1))  # P (perempuan) | L (laki-laki)
    role: Mapped[str] = mapped_column(String(20))  # current role; history in member_roles
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    left_reason: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    disability: Mapped[bool] = mapped_column(Boolean, default=False)
    # Simpanan paid in so far; every change is also posted (Cr A.MEMBER_CAPITAL, party member).
    capital: Mapped[int] = mapped_column(Money, default=0)
    daily_wage: Mapped[int] = mapped_column(Money, default=0)  # usual wage per day (a default)
    notes: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("gender IN ('P', 'L')", name="gender"),
        CheckConstraint("capital >= 0", name="capital_not_negative"),
        CheckConstraint("daily_wage >= 0", name="daily_wage_not_negative"),
    )


class MemberRole(IdMixin, Base):
    """One period in one role (ketua from 2024-01-01 to 2025-06-30, ...); end None = still."""

    __tablename__ = "member_roles"
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Advance(IdMixin, Voidable, Base):
    """A kasbon: money handed to a member ahead of wages. Deducted from later pay."""

    __tablename__ = "advances"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(10), default="cash")  # cash | bank
    note: Mapped[str] = mapped_column(String(300), default="")
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)


class WagePayout(IdMixin, Voidable, Base):
    """Paying one or many members at once (one journal entry, one slip per member)."""

    __tablename__ = "wage_payouts"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    method: Mapped[str] = mapped_column(String(10), default="cash")  # cash | bank
    note: Mapped[str] = mapped_column(String(300), default="")
    total_wages: Mapped[int] = mapped_column(Money, default=0)
    total_profit_share: Mapped[int] = mapped_column(Money, default=0)
    total_advance_given: Mapped[int] = mapped_column(Money, default=0)
    total_advance_deducted: Mapped[int] = mapped_column(Money, default=0)
    total_net: Mapped[int] = mapped_column(Money, default=0)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    lines: Mapped[list[WagePayoutLine]] = relationship(back_populates="payout",
                                                       order_by="WagePayoutLine.id")


class WagePayoutLine(IdMixin, Base):
    """One member in a payout: wages settled, profit share settled, kasbon given or deducted.

    net = wages + profit_share + advance_given - advance_deducted (cash handed over).
    `advance_given` is the part paid beyond what was owed, recorded as a new kasbon.
    """

    __tablename__ = "wage_payout_lines"
    payout_id: Mapped[int] = mapped_column(ForeignKey("wage_payouts.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    wages: Mapped[int] = mapped_column(Money, default=0)
    profit_share: Mapped[int] = mapped_column(Money, default=0)
    advance_given: Mapped[int] = mapped_column(Money, default=0)
    advance_deducted: Mapped[int] = mapped_column(Money, default=0)
    net: Mapped[int] = mapped_column(Money, default=0)
    payout: Mapped[WagePayout] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("wages >= 0 AND profit_share >= 0 AND advance_given >= 0 "
                        "AND advance_deducted >= 0 AND net >= 0", name="not_negative"),
    )


class ProfitSharing(IdMixin, Voidable, Base):
    """Bagi hasil (SHU) of a closed period: the rule used, the split, the journal entry."""

    __tablename__ = "profit_sharings"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)  # = period_end
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    revenue: Mapped[int] = mapped_column(Money, default=0)
    expenses: Mapped[int] = mapped_column(Money, default=0)
    profit: Mapped[int] = mapped_column(Money)
    basis: Mapped[str] = mapped_column(String(10))  # days | equal | capital | percent
    group_fund_pct: Mapped[Decimal] = mapped_column(Quantity)
    members_pct: Mapped[Decimal] = mapped_column(Quantity)
    group_amount: Mapped[int] = mapped_column(Money)
    members_amount: Mapped[int] = mapped_column(Money)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    period_close_id: Mapped[int | None] = mapped_column(ForeignKey("period_closes.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    lines: Mapped[list[ProfitSharingLine]] = relationship(back_populates="sharing",
                                                          order_by="ProfitSharingLine.id")

    __table_args__ = (
        CheckConstraint("profit > 0", name="profit_positive"),
        Index("ix_profit_sharings_period", "period_start", "period_end"),
    )


class ProfitSharingLine(IdMixin, Base):
    """One member's share: the basis figure used (days, capital, 1, percent) and the amount."""

    __tablename__ = "profit_sharing_lines"
    sharing_id: Mapped[int] = mapped_column(ForeignKey("profit_sharings.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    weight: Mapped[Decimal] = mapped_column(Quantity)
    amount: Mapped[int] = mapped_column(Money)
    sharing: Mapped[ProfitSharing] = relationship(back_populates="lines")

"""Cash entries a treasurer writes directly: other expenses, other income, cash <-> bank."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from kws_desktop.store.base import Base, IdMixin, Money, UtcDateTime, utcnow
from kws_desktop.store.models.voidable import Voidable


class CashEntry(IdMixin, Voidable, Base):
    """A bukti kas keluar (BKK), bukti kas masuk (BKM) or pemindahbukuan (PB).

    Voided with a reason (the journal entry reversed), never edited or deleted."""

    __tablename__ = "cash_entries"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # expense | income | transfer
    money_account: Mapped[str] = mapped_column(String(20))  # the cash or bank account paid from/into
    other_account: Mapped[str] = mapped_column(String(20))  # expense/income account, or the other cash account
    amount: Mapped[int] = mapped_column(Money)
    description: Mapped[str] = mapped_column(String(300))
    party: Mapped[str] = mapped_column(String(150), default="")  # paid to / received from
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

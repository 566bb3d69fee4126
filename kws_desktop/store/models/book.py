"""The book itself: identity, profile, settings, ledger, numbering, audit, attachments."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, LargeBinary,
                        String, Text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kws_desktop.store.base import Base, IdMixin, Money, UtcDateTime, utcnow


class BookIdentity(Base):
    """One row that marks a database as a KWS book (a foreign SQLite file lacks it)."""

    __tablename__ = "kws_book"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    app: Mapped[str] = mapped_column(String(40), default="kws-desktop")
    book_uuid: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by_version: Mapped[str] = mapped_column(String(20))
    # A workshop copy of the demo book carries its exercise-start snapshot elsewhere; this flag
    # lets the window say "DEMO" so nobody mistakes it for their own book.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class Profile(Base):
    """The KWS profile printed on documents (single row, id 1)."""

    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    desa: Mapped[str] = mapped_column(String(100), default="")
    kecamatan: Mapped[str] = mapped_column(String(100), default="")
    kabupaten: Mapped[str] = mapped_column(String(100), default="")
    provinsi: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    leader_name: Mapped[str] = mapped_column(String(120), default="")
    treasurer_name: Mapped[str] = mapped_column(String(120), default="")
    bank_name: Mapped[str] = mapped_column(String(120), default="")
    bank_account: Mapped[str] = mapped_column(String(60), default="")
    bank_holder: Mapped[str] = mapped_column(String(120), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class Setting(Base):
    """Book-level settings (rules that travel with the book), JSON values by key."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Account(IdMixin, Base):
    __tablename__ = "accounts"
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(20))
    is_cash: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class JournalEntry(IdMixin, Base):
    """A posted, balanced entry. Never updated or deleted: corrected by a reversing entry."""

    __tablename__ = "journal_entries"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(String(300))
    source_type: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reversal_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id"), nullable=True, unique=True)
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    # how many lines it was posted with: the guards refuse any line added later
    line_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lines: Mapped[list[JournalLine]] = relationship(back_populates="entry", order_by="JournalLine.id")

    __table_args__ = (Index("ix_journal_entries_source", "source_type", "source_id"),)


class JournalLine(IdMixin, Base):
    __tablename__ = "journal_lines"
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    amount: Mapped[int] = mapped_column(Money)  # debit positive, credit negative
    memo: Mapped[str] = mapped_column(String(300), default="")
    party_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    party_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    entry: Mapped[JournalEntry] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("amount <> 0", name="nonzero"),
        Index("ix_journal_lines_account_entry", "account_id", "entry_id"),
        Index("ix_journal_lines_party", "party_kind", "party_id"),
    )


class AccountDayTotal(Base):
    """The journal summed per account and day, kept by the journal's own triggers in the same
    transaction as every line (store/guards.py), so a report sums days, not lines. `check` proves
    it equals a scan of the journal; `rebuild-totals` makes it again from the journal."""

    __tablename__ = "account_day_totals"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    amount: Mapped[int] = mapped_column(Money)          # signed sum: debit positive
    lines: Mapped[int] = mapped_column(Integer)         # how many journal lines it sums
    last_line_id: Mapped[int] = mapped_column(Integer)  # the newest of them (staleness stamp)

    __table_args__ = (Index("ix_account_day_totals_day", "day"),
                      Index("ix_account_day_totals_last_line", "last_line_id"))


class CashCounterDayTotal(Base):
    """For entries that move cash or bank: their other lines summed per account and day (what the
    cash flow statement classifies), kept by the same triggers as `AccountDayTotal`."""

    __tablename__ = "cash_counter_day_totals"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    amount: Mapped[int] = mapped_column(Money)
    lines: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_cash_counter_day_totals_day", "day"),)


class NumberSequence(Base):
    """The last number handed out per document kind and year (allocated in the same transaction)."""

    __tablename__ = "number_sequences"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_log"
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class PeriodClose(IdMixin, Base):
    """A closed period: nothing may be posted on or before `period_end` while it stands."""

    __tablename__ = "period_closes"
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_by: Mapped[str] = mapped_column(String(120), default="")
    reopened_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reopen_reason: Mapped[str] = mapped_column(String(300), default="")
    source_type: Mapped[str] = mapped_column(String(40), default="")
    source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Attachment(IdMixin, Base):
    """A picture or scan kept inside the book (slips, progress photos), already reduced in size."""

    __tablename__ = "attachments"
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(60))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


"""Invoices (tagihan), instalments (cicilan), payments and receipts (kuitansi).

"Paid" and the remaining balance are facts derived from posted payment allocations; the
invoice `status` ("open" | "paid" | "void") is a cache kept in the same transaction as the
payment that changes it. Issued documents are never edited or deleted: a wrong payment is
voided (its kuitansi keeps its number and prints BATAL), the ledger entry is reversed.

`customer_id` and `order_id` are plain indexed integers: the customers and orders tables
belong to other areas (no foreign key, so each area's migrations stay independent).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (CheckConstraint, Date, ForeignKey, Index, Integer, String,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kws_desktop.core.status import DocStatus
from kws_desktop.store.base import Base, IdMixin, Money, UtcDateTime, utcnow
from kws_desktop.store.models.voidable import VoidableWithActor


class Invoice(IdMixin, VoidableWithActor, Base):
    """One payer's bill: a household's share of one order, or a program's share of many."""

    __tablename__ = "invoices"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    customer_id: Mapped[int] = mapped_column(Integer, index=True)  # the payer (customers.id)
    payer_type: Mapped[str] = mapped_column(String(20))  # core.payers.PayerType
    payer_name: Mapped[str] = mapped_column(String(200), default="")  # as printed when issued
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    total: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)  # open | paid | void
    note: Mapped[str] = mapped_column(String(300), default="")
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    lines: Mapped[list[InvoiceLine]] = relationship(back_populates="invoice", order_by="InvoiceLine.id")
    instalments: Mapped[list[Instalment]] = relationship(back_populates="invoice",
                                                         order_by="Instalment.seq")

    __table_args__ = (
        CheckConstraint("status IN ('open', 'paid', 'void')", name="status"),
        CheckConstraint("total > 0", name="total_positive"),
        CheckConstraint("due_date >= date", name="due_after_date"),
    )


class InvoiceLine(IdMixin, Base):
    """What an invoice is for: one order (unit) and the payer's share of it."""

    __tablename__ = "invoice_lines"
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # orders.id
    description: Mapped[str] = mapped_column(String(300))
    amount: Mapped[int] = mapped_column(Money)
    revenue_account: Mapped[str] = mapped_column(String(20))  # core.accounts.A code
    invoice: Mapped[Invoice] = relationship(back_populates="lines")

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)


class Instalment(IdMixin, Base):
    """One due amount of an invoice (a single-payment invoice has exactly one)."""

    __tablename__ = "instalments"
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[int] = mapped_column(Money)
    is_down_payment: Mapped[bool] = mapped_column(default=False)
    invoice: Mapped[Invoice] = relationship(back_populates="instalments")

    __table_args__ = (
        UniqueConstraint("invoice_id", "seq", name="uq_instalments_invoice_seq"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )


class Payment(IdMixin, VoidableWithActor, Base):
    """Money received against an invoice (cash or transfer). `amount` is all that was handed
    over; `advance` the part explicitly kept as uang titipan (customer deposit); the rest is
    allocated to instalments. Method "advance": no new money, an earlier titipan of the payer
    applied to this invoice (dipotong uang muka); it has no kuitansi of its own."""

    __tablename__ = "payments"
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    customer_id: Mapped[int] = mapped_column(Integer, index=True)  # the invoice's payer
    payer_name: Mapped[str] = mapped_column(String(200))  # who handed the money over
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer | advance
    amount: Mapped[int] = mapped_column(Money)
    advance: Mapped[int] = mapped_column(Money, default=0)
    status: Mapped[str] = mapped_column(String(10), default=DocStatus.POSTED, index=True)  # posted | void
    note: Mapped[str] = mapped_column(String(300), default="")
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    void_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    allocations: Mapped[list[PaymentAllocation]] = relationship(back_populates="payment",
                                                                order_by="PaymentAllocation.id")
    receipt: Mapped[Receipt | None] = relationship(back_populates="payment", uselist=False)

    __table_args__ = (
        CheckConstraint("method IN ('cash', 'transfer', 'advance')", name="method"),
        CheckConstraint("status IN ('posted', 'void')", name="status"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("advance >= 0 AND advance <= amount", name="advance_in_amount"),
    )


class PaymentAllocation(IdMixin, Base):
    """The part of a payment that settles one instalment."""

    __tablename__ = "payment_allocations"
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    instalment_id: Mapped[int] = mapped_column(ForeignKey("instalments.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)
    payment: Mapped[Payment] = relationship(back_populates="allocations")

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)


class Receipt(IdMixin, Base):
    """The kuitansi of a payment. Its number is never reused; a voided payment's kuitansi keeps
    it and prints BATAL. `print_count` > 0 means the original was handed over: later prints
    say SALINAN."""

    __tablename__ = "receipts"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    status: Mapped[str] = mapped_column(String(10), default=DocStatus.POSTED)  # posted | void (mirrors payment)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    last_printed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    payment: Mapped[Payment] = relationship(back_populates="receipt")

    __table_args__ = (
        CheckConstraint("status IN ('posted', 'void')", name="status"),
        Index("ix_receipts_status_date", "status", "date"),
    )

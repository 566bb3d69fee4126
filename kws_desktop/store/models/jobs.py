"""Orders (jobs at a household): items, payers, stage history, crew, other costs, photos, handover.

An order is numbered (PSN-2026-0001) and never deleted: it is cancelled (stage "batal") with a
reason. Crew labour and other costs post to the journal and are voided by reversal.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kws_desktop.store.base import Base, IdMixin, Money, Quantity, UtcDateTime, utcnow
from kws_desktop.store.models.voidable import Voidable, VoidableWithActor

STAGES_SQL = "'dijadwalkan', 'dikerjakan', 'selesai', 'diserahterimakan', 'batal'"


class Order(IdMixin, Base):
    __tablename__ = "orders"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="dijadwalkan", index=True)  # the stage
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"), nullable=True, index=True)
    # The household and place of work as agreed (copied when the order is made).
    customer_name: Mapped[str] = mapped_column(String(150), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    desa: Mapped[str] = mapped_column(String(100), default="", index=True)
    kecamatan: Mapped[str] = mapped_column(String(100), default="", index=True)
    # The main package (largest item), for per-package costing; "" for custom work.
    package: Mapped[str] = mapped_column(String(150), default="", index=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    discount: Mapped[int] = mapped_column(Money, default=0)
    price: Mapped[int] = mapped_column(Money, default=0)        # agreed price (items - discount)
    quoted_cost: Mapped[int] = mapped_column(Money, default=0)  # cost the RAB expected
    # Payer kinds joined by commas ("swadaya,baznas"), for filtering lists without a join.
    payer_kinds: Mapped[str] = mapped_column(String(120), default="")
    facilitator_name: Mapped[str] = mapped_column(String(120), default="")  # program's TFL
    planned_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Stage dates (the latest reach of each stage; cleared when the order goes back).
    started_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    finished_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handed_over_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")
    cancelled_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    items: Mapped[list[OrderItem]] = relationship(back_populates="order", order_by="OrderItem.line_no")
    payers: Mapped[list[OrderPayer]] = relationship(back_populates="order", order_by="OrderPayer.line_no")

    __table_args__ = (
        CheckConstraint(f"status IN ({STAGES_SQL})", name="status"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        Index("ix_orders_status_date", "status", "date"),
    )


class OrderItem(IdMixin, Base):
    """A line of the order: a package or a single line, and (parent_id set) its components."""

    __tablename__ = "order_items"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("order_items.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(12), default="line")  # package | line | component
    package_id: Mapped[int | None] = mapped_column(ForeignKey("work_packages.id"), nullable=True)
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), nullable=True)
    description: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(20), default="")
    qty: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(1))
    unit_price: Mapped[int] = mapped_column(Money, default=0)
    amount: Mapped[int] = mapped_column(Money, default=0)  # qty x unit price (what the customer pays)
    cost: Mapped[int] = mapped_column(Money, default=0)    # what the RAB expected it to cost
    order: Mapped[Order] = relationship(back_populates="items")
    parent: Mapped[OrderItem | None] = relationship(remote_side="OrderItem.id")

    __table_args__ = (CheckConstraint("kind IN ('package', 'line', 'component')", name="kind"),)


class OrderPayer(IdMixin, Base):
    """Who pays how much of the price: the household (swadaya) or a program."""

    __tablename__ = "order_payers"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    payer_type: Mapped[str] = mapped_column(String(20))  # core.payers.PayerType
    # The institution that pays (customers.id), None for the household itself.
    payer_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True,
                                                          index=True)
    name: Mapped[str] = mapped_column(String(150), default="")
    amount: Mapped[int] = mapped_column(Money)
    order: Mapped[Order] = relationship(back_populates="payers")

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)


class OrderStageEvent(IdMixin, Base):
    """Every stage change, with its date; going back or cancelling carries a reason."""

    __tablename__ = "order_stage_events"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    from_stage: Mapped[str] = mapped_column(String(20), default="")
    to_stage: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")


class OrderCrew(IdMixin, VoidableWithActor, Base):
    """A member's work on the job: person-days at a daily wage, accrued as wages payable."""

    __tablename__ = "order_crew"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    work_date: Mapped[dt.date] = mapped_column(Date, index=True)
    days: Mapped[Decimal] = mapped_column(Quantity)
    daily_wage: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)
    role: Mapped[str] = mapped_column(String(60), default="")  # tukang, pembantu tukang...
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("days > 0", name="days_positive"),
        CheckConstraint("daily_wage > 0", name="wage_positive"),
        CheckConstraint("status IN ('posted', 'void')", name="status"),
        Index("ix_order_crew_order_status", "order_id", "status"),
    )


class OrderCost(IdMixin, VoidableWithActor, Base):
    """Another direct cost of the job (transport, equipment hire, permits, other), paid in cash
    or from the bank."""

    __tablename__ = "order_costs"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(12))  # core.job_costing.CostKind
    description: Mapped[str] = mapped_column(String(300), default="")
    amount: Mapped[int] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(10), default="cash")  # cash | transfer
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("kind IN ('transport', 'equipment', 'permits', 'other')", name="kind"),
        CheckConstraint("method IN ('cash', 'transfer')", name="method"),
        CheckConstraint("status IN ('posted', 'void')", name="status"),
        Index("ix_order_costs_order_status", "order_id", "status"),
    )


class OrderPhoto(IdMixin, Base):
    """A progress photo (0 %, 50 %, 100 %) kept in the book as an attachment."""

    __tablename__ = "order_photos"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
    stage_pct: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    caption: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (CheckConstraint("stage_pct IN (0, 50, 100)", name="stage_pct"),)


class OrderHandover(IdMixin, Voidable, Base):
    """The handover certificate (Berita Acara Serah Terima): numbered BAST-2026-0001 when the
    order is handed over; voided (number kept) if the order goes back a stage."""

    __tablename__ = "order_handovers"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="issued")  # issued | void
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    receiver_name: Mapped[str] = mapped_column(String(150), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (CheckConstraint("status IN ('issued', 'void')", name="status"),)

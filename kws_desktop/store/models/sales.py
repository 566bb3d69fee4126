"""Sales: customers (households and institutional payers), work packages (RAB templates) and
quotes (surat penawaran harga) with their frozen RAB.

A quote keeps a snapshot of every item's RAB (quote_item_components), so later catalog price
changes never alter a quote already made. `order_id` is a plain indexed integer: the orders
table belongs to the jobs area.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kws_desktop.store.base import Base, IdMixin, Money, Quantity, UtcDateTime, utcnow


class Customer(IdMixin, Base):
    """A household (kind "household") or an institution that pays for units (kind "institution").

    For households `name` is the head of household; `gender` is "L" (laki-laki) or "P"
    (perempuan). For institutions `payer_type` says which kind of payer it is (core.payers).
    """

    __tablename__ = "customers"
    kind: Mapped[str] = mapped_column(String(12), default="household")
    name: Mapped[str] = mapped_column(String(150))
    gender: Mapped[str] = mapped_column(String(1), default="")
    nik: Mapped[str] = mapped_column(String(16), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_digits: Mapped[str] = mapped_column(String(40), default="", index=True)  # for search
    address: Mapped[str] = mapped_column(String(300), default="")
    rt: Mapped[str] = mapped_column(String(5), default="")
    rw: Mapped[str] = mapped_column(String(5), default="")
    desa: Mapped[str] = mapped_column(String(100), default="")
    kecamatan: Mapped[str] = mapped_column(String(100), default="")
    kabupaten: Mapped[str] = mapped_column(String(100), default="")
    is_mbr: Mapped[bool] = mapped_column(Boolean, default=False)
    household_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payer_type: Mapped[str] = mapped_column(String(12), default="swadaya")
    contact_person: Mapped[str] = mapped_column(String(120), default="")  # institutions
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("kind IN ('household', 'institution')", name="kind"),
        CheckConstraint("gender IN ('', 'L', 'P')", name="gender"),
        CheckConstraint("household_size IS NULL OR household_size > 0", name="household_size"),
        Index("ix_customers_name", "name"),
        Index("ix_customers_kecamatan_desa", "kecamatan", "desa"),
        Index("ix_customers_kind_name", "kind", "name"),
    )


class WorkPackage(IdMixin, Base):
    """A paket pekerjaan: a bill of materials plus labour, transport, equipment, overhead, margin."""

    __tablename__ = "work_packages"
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    unit: Mapped[str] = mapped_column(String(20), default="unit")
    description: Mapped[str] = mapped_column(Text, default="")
    labour_days: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))  # HOK
    daily_wage: Mapped[int] = mapped_column(Money, default=0)
    transport_cost: Mapped[int] = mapped_column(Money, default=0)
    equipment_cost: Mapped[int] = mapped_column(Money, default=0)
    overhead_pct: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    margin_pct: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    materials: Mapped[list[WorkPackageMaterial]] = relationship(
        back_populates="package", order_by="WorkPackageMaterial.line_no", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("labour_days >= 0", name="labour_days"),
        CheckConstraint("daily_wage >= 0 AND transport_cost >= 0 AND equipment_cost >= 0",
                        name="costs_not_negative"),
        CheckConstraint("overhead_pct >= 0 AND margin_pct >= 0", name="pct_not_negative"),
    )


class WorkPackageMaterial(IdMixin, Base):
    __tablename__ = "work_package_materials"
    package_id: Mapped[int] = mapped_column(ForeignKey("work_packages.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"), index=True)
    qty: Mapped[Decimal] = mapped_column(Quantity)
    note: Mapped[str] = mapped_column(String(200), default="")
    package: Mapped[WorkPackage] = relationship(back_populates="materials")

    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)


class Quote(IdMixin, Base):
    """A surat penawaran harga. States: draft, sent, accepted, rejected, expired, superseded.

    A revision is a new quote with its own number, linked by `previous_quote_id` and `version`;
    the old one becomes "superseded". Once accepted (an order made) it never changes.
    """

    __tablename__ = "quotes"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String(200), default="")  # perihal
    site_address: Mapped[str] = mapped_column(String(300), default="")  # if not the customer's
    valid_until: Mapped[dt.date] = mapped_column(Date)
    terms: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")  # internal, never printed
    subtotal: Mapped[int] = mapped_column(Money, default=0)
    discount: Mapped[int] = mapped_column(Money, default=0)
    total: Mapped[int] = mapped_column(Money, default=0)
    cost: Mapped[int] = mapped_column(Money, default=0)      # internal: direct cost
    overhead: Mapped[int] = mapped_column(Money, default=0)  # internal: overhead allowance
    sent_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decided_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # accepted/rejected
    reject_reason: Mapped[str] = mapped_column(String(300), default="")
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    items: Mapped[list[QuoteItem]] = relationship(
        back_populates="quote", order_by="QuoteItem.line_no", cascade="all, delete-orphan")
    payers: Mapped[list[QuotePayer]] = relationship(
        back_populates="quote", order_by="QuotePayer.line_no", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("status IN ('draft', 'sent', 'accepted', 'rejected', 'expired', 'superseded')",
                        name="status"),
        CheckConstraint("discount >= 0 AND discount <= subtotal", name="discount"),
        CheckConstraint("total = subtotal - discount", name="total"),
        CheckConstraint("valid_until >= date", name="valid_until"),
        Index("ix_quotes_customer_date", "customer_id", "date"),
    )


class QuoteItem(IdMixin, Base):
    """One line of a quote: a work package (with its RAB snapshot) or a free line."""

    __tablename__ = "quote_items"
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("work_packages.id"), nullable=True, index=True)
    description: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(20), default="unit")
    qty: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[int] = mapped_column(Money)   # price of one unit (sum of the RAB amounts)
    amount: Mapped[int] = mapped_column(Money)       # qty x unit price, rounded once
    unit_cost: Mapped[int] = mapped_column(Money, default=0)      # internal
    cost: Mapped[int] = mapped_column(Money, default=0)           # internal: qty x unit cost
    overhead: Mapped[int] = mapped_column(Money, default=0)       # internal
    overhead_pct: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    margin_pct: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    quote: Mapped[Quote] = relationship(back_populates="items")
    components: Mapped[list[QuoteItemComponent]] = relationship(
        back_populates="item", order_by="QuoteItemComponent.line_no", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("unit_price >= 0", name="price_not_negative"),
        UniqueConstraint("quote_id", "line_no", name="line_once"),
    )


class QuoteItemComponent(IdMixin, Base):
    """The frozen RAB of one unit of a quote item (what it was priced from, that day)."""

    __tablename__ = "quote_item_components"
    item_id: Mapped[int] = mapped_column(ForeignKey("quote_items.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # core.rab.ComponentKind
    material_id: Mapped[int | None] = mapped_column(ForeignKey("materials.id"), nullable=True)
    description: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(20), default="")
    qty: Mapped[Decimal] = mapped_column(Quantity)
    unit_cost: Mapped[int] = mapped_column(Money)
    unit_price: Mapped[int] = mapped_column(Money)  # marked up by overhead and margin
    cost: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)
    item: Mapped[QuoteItem] = relationship(back_populates="components")

    __table_args__ = (
        CheckConstraint("kind IN ('material', 'labour', 'transport', 'equipment', 'other')", name="kind"),
        CheckConstraint("qty >= 0", name="qty_not_negative"),
    )


class QuotePayer(IdMixin, Base):
    """The funding plan: who pays how much (swadaya, APBD, DAK, BAZNAS, CSR, kredit...)."""

    __tablename__ = "quote_payers"
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    payer_type: Mapped[str] = mapped_column(String(12))  # core.payers.PayerType
    payer_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    amount: Mapped[int] = mapped_column(Money)
    instalments: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    quote: Mapped[Quote] = relationship(back_populates="payers")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("instalments IS NULL OR instalments BETWEEN 1 AND 120", name="instalments"),
    )

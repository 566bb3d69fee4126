"""Materials, suppliers, purchases, supplier payments, stock moves, stock counts, price history.

Stock is never kept as a running figure: the quantity and value on hand of a material are the
sums of its stock moves (signed), so the stock view, the inventory account and `check` always
agree. `order_id` columns are plain indexed integers (the orders table belongs to the orders
area; no foreign key).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kws_desktop.core.status import DocStatus
from kws_desktop.store.base import Base, IdMixin, Money, Quantity, UtcDateTime, utcnow
from kws_desktop.store.models.voidable import VoidableWithActor


class Material(IdMixin, Base):
    """A catalog entry: what the group buys and uses (semen, pasir, pipa PVC, kloset...)."""

    __tablename__ = "materials"
    name: Mapped[str] = mapped_column(String(120), unique=True)
    unit: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(60), default="", index=True)
    price: Mapped[int] = mapped_column(Money, default=0)  # catalog price per unit (for quotes)
    min_stock: Mapped[Decimal] = mapped_column(Quantity, default=Decimal(0))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)  # price from the starter list
    notes: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("price >= 0", name="price_not_negative"),)


class Supplier(IdMixin, Base):
    """A shop the group buys from (toko bangunan)."""

    __tablename__ = "suppliers"
    name: Mapped[str] = mapped_column(String(150), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class Purchase(IdMixin, VoidableWithActor, Base):
    """A purchase slip (nota pembelian). Voided with a reason, never edited or deleted."""

    __tablename__ = "purchases"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), nullable=True, index=True)
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer | credit
    slip_number: Mapped[str] = mapped_column(String(60), default="")  # the shop's own nota number
    shipping: Mapped[int] = mapped_column(Money, default=0)
    total: Mapped[int] = mapped_column(Money)  # lines + shipping
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # bought for one job
    notes: Mapped[str] = mapped_column(String(300), default="")
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"), nullable=True)
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    lines: Mapped[list[PurchaseLine]] = relationship(back_populates="purchase", order_by="PurchaseLine.line_no")

    __table_args__ = (
        CheckConstraint("method IN ('cash', 'transfer', 'credit')", name="method"),
        CheckConstraint("status IN ('posted', 'void')", name="status"),
        CheckConstraint("total > 0", name="total_positive"),
        CheckConstraint("shipping >= 0", name="shipping_not_negative"),
    )


class PurchaseLine(IdMixin, Base):
    __tablename__ = "purchase_lines"
    purchase_id: Mapped[int] = mapped_column(ForeignKey("purchases.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"), index=True)
    qty: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)  # qty x unit price, rounded once
    shipping_share: Mapped[int] = mapped_column(Money, default=0)  # part of the shipping, by value
    purchase: Mapped[Purchase] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("unit_price > 0", name="price_positive"),
    )


class SupplierPayment(IdMixin, VoidableWithActor, Base):
    """Paying a supplier what a credit purchase left owing."""

    __tablename__ = "supplier_payments"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer
    amount: Mapped[int] = mapped_column(Money)
    notes: Mapped[str] = mapped_column(String(300), default="")
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("method IN ('cash', 'transfer')", name="method"),
        CheckConstraint("status IN ('posted', 'void')", name="status"),
    )


class StockMove(IdMixin, Base):
    """One change of stock: signed quantity and signed value (rupiah) of one material.

    kind: purchase | purchase_void | issue | return | count | issue_void
    """

    __tablename__ = "stock_moves"
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    qty: Mapped[Decimal] = mapped_column(Quantity)
    value: Mapped[int] = mapped_column(Money)
    unit_cost: Mapped[int] = mapped_column(Money, default=0)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    purchase_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_lines.id"), nullable=True)
    stock_count_line_id: Mapped[int | None] = mapped_column(ForeignKey("stock_count_lines.id"), nullable=True)
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    negative_reason: Mapped[str] = mapped_column(String(300), default="")  # issued beyond stock: why
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        Index("ix_stock_moves_material_date", "material_id", "date"),
        CheckConstraint("qty <> 0", name="qty_nonzero"),
    )


class StockCount(IdMixin, Base):
    """A stock count (stok opname): counted against the book, differences posted."""

    __tablename__ = "stock_counts"
    number: Mapped[str] = mapped_column(String(30), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default=DocStatus.POSTED)
    notes: Mapped[str] = mapped_column(String(300), default="")
    counted_by: Mapped[str] = mapped_column(String(120), default="")
    difference_value: Mapped[int] = mapped_column(Money, default=0)  # signed: + found, - missing
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    lines: Mapped[list[StockCountLine]] = relationship(back_populates="count", order_by="StockCountLine.id")


class StockCountLine(IdMixin, Base):
    __tablename__ = "stock_count_lines"
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_counts.id"), index=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"))
    system_qty: Mapped[Decimal] = mapped_column(Quantity)
    counted_qty: Mapped[Decimal] = mapped_column(Quantity)
    unit_cost: Mapped[int] = mapped_column(Money, default=0)
    value: Mapped[int] = mapped_column(Money, default=0)  # signed value of the difference
    explanation: Mapped[str] = mapped_column(String(300), default="")
    count: Mapped[StockCount] = relationship(back_populates="lines")

    __table_args__ = (UniqueConstraint("count_id", "material_id", name="material_once"),)


class MaterialPrice(IdMixin, Base):
    """Price history: every purchase line and every catalog price change."""

    __tablename__ = "material_prices"
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), nullable=True)
    date: Mapped[dt.date] = mapped_column(Date)
    price: Mapped[int] = mapped_column(Money)
    source: Mapped[str] = mapped_column(String(20))  # purchase | catalog
    purchase_id: Mapped[int | None] = mapped_column(ForeignKey("purchases.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        Index("ix_material_prices_material_date", "material_id", "date"),
        Index("ix_material_prices_supplier", "supplier_id", "material_id"),
    )

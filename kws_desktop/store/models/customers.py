"""Customers: households (rumah tangga) and institutional payers (BAZNAS, a program, a company)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kws_desktop.store.base import Base, IdMixin, UtcDateTime, utcnow


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

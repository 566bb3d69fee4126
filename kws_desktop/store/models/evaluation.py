"""The evaluation records: site surveys, quality checks at handover, complaints and service
visits, satisfaction, warranty per package, partners and agreements, member trainings.

These are working records, not issued documents: a survey or a partner can be corrected (every
change is audited). Money that leaves the till (a service visit's cost) is posted to the journal
and voided by reversal like any other posting.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from kws_desktop.store.base import Base, IdMixin, Money, Quantity, UtcDateTime, utcnow
from kws_desktop.store.models.voidable import Voidable


class SiteSurvey(IdMixin, Base):
    """A survey of the place of work, on a quote or an order, with the advised tank size."""

    __tablename__ = "site_surveys"
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"), nullable=True, index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), nullable=True, index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True,
                                                    index=True)
    surveyor_name: Mapped[str] = mapped_column(String(120), default="")
    household_size: Mapped[int] = mapped_column(Integer)
    water_source: Mapped[str] = mapped_column(String(20))  # services.surveys.WATER_SOURCES
    # Distance from the well (or other water source) to the planned tank; None = no well.
    well_distance_m: Mapped[Decimal | None] = mapped_column(Quantity, nullable=True)
    groundwater_depth_m: Mapped[Decimal | None] = mapped_column(Quantity, nullable=True)
    soil_notes: Mapped[str] = mapped_column(String(300), default="")
    groundwater_notes: Mapped[str] = mapped_column(String(300), default="")
    truck_access: Mapped[str] = mapped_column(String(10), default="mudah")  # mudah | sulit | tidak
    advised_volume_m3: Mapped[Decimal] = mapped_column(Quantity)
    advised_length_m: Mapped[Decimal] = mapped_column(Quantity)
    advised_width_m: Mapped[Decimal] = mapped_column(Quantity)
    advised_height_m: Mapped[Decimal] = mapped_column(Quantity)
    chosen_volume_m3: Mapped[Decimal] = mapped_column(Quantity)
    override_reason: Mapped[str] = mapped_column(String(300), default="")
    distance_warning: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("quote_id IS NOT NULL OR order_id IS NOT NULL", name="on_quote_or_order"),
        CheckConstraint("household_size BETWEEN 1 AND 50", name="household_size"),
        CheckConstraint("well_distance_m IS NULL OR well_distance_m >= 0", name="distance"),
        CheckConstraint("chosen_volume_m3 > 0", name="chosen_volume"),
        CheckConstraint("truck_access IN ('mudah', 'sulit', 'tidak')", name="truck_access"),
    )


class QualityCheck(IdMixin, Base):
    """One construction check of an order at handover; a re-check replaces the result (audited)."""

    __tablename__ = "quality_checks"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    code: Mapped[str] = mapped_column(String(20))  # services.quality.CHECKS
    passed: Mapped[bool] = mapped_column(Boolean)
    # Passed when first checked (a later fix does not make the first result a pass).
    first_passed: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(300), default="")
    accepted_reason: Mapped[str] = mapped_column(String(300), default="")
    checked_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("order_id", "code", name="once_per_order"),)


class Satisfaction(IdMixin, Base):
    """The household's satisfaction (1-5) recorded at handover, one per order."""

    __tablename__ = "order_satisfaction"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score"),)


class PackageWarranty(IdMixin, Base):
    """Warranty months of a work package (the package table has no such column)."""

    __tablename__ = "package_warranties"
    package_id: Mapped[int] = mapped_column(ForeignKey("work_packages.id"), unique=True)
    months: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("months BETWEEN 0 AND 120", name="months"),)


class Complaint(IdMixin, Base):
    """A household's complaint after handover; open until resolved."""

    __tablename__ = "complaints"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    date_reported: Mapped[dt.date] = mapped_column(Date, index=True)
    reported_by: Mapped[str] = mapped_column(String(150), default="")
    problem: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)  # open | resolved
    date_resolved: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    resolution: Mapped[str] = mapped_column(String(300), default="")
    under_warranty: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("status IN ('open', 'resolved')", name="status"),
        CheckConstraint("date_resolved IS NULL OR date_resolved >= date_reported", name="resolved_after"),
    )


class ServiceVisit(IdMixin, Voidable, Base):
    """A visit to fix a complaint; the cost borne by the KWS is posted (Dr warranty, Cr cash/bank)."""

    __tablename__ = "service_visits"
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    fix: Mapped[str] = mapped_column(String(300), default="")
    cost: Mapped[int] = mapped_column(Money, default=0)
    method: Mapped[str] = mapped_column(String(10), default="cash")  # cash | transfer
    visited_by: Mapped[str] = mapped_column(String(120), default="")
    journal_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("cost >= 0", name="cost_not_negative"),
        CheckConstraint("method IN ('cash', 'transfer')", name="method"),
        CheckConstraint("status IN ('posted', 'void')", name="status"),
    )


class Partner(IdMixin, Base):
    """A partner of the group: district office, BAZNAS, bank, cooperative, supplier, company,
    NGO, village government. Linked to the payer (customers) and/or supplier it is in the book."""

    __tablename__ = "partners"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)  # services.partners.KINDS
    contact_person: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True, index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), nullable=True, index=True)
    since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("kind IN ('dinas', 'baznas', 'bank', 'koperasi', 'pemasok', 'perusahaan', "
                        "'lsm', 'desa', 'lainnya')", name="kind"),
    )


class PartnerAgreement(IdMixin, Base):
    """An MoU, SPK or cooperation agreement with a partner (their number, not ours)."""

    __tablename__ = "partner_agreements"
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="mou")  # mou | spk | pks
    number: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    value: Mapped[int] = mapped_column(Money, default=0)
    units: Mapped[int | None] = mapped_column(Integer, nullable=True)  # units agreed, if any
    notes: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("kind IN ('mou', 'spk', 'pks')", name="kind"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
    )


class Training(IdMixin, Base):
    """A training a member attended."""

    __tablename__ = "trainings"
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    topic: Mapped[str] = mapped_column(String(20), index=True)  # services.trainings.TOPICS
    title: Mapped[str] = mapped_column(String(200), default="")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), nullable=True)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    certificate_number: Mapped[str] = mapped_column(String(80), default="")
    notes: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        CheckConstraint("topic IN ('teknis', 'manajemen', 'pembukuan', 'produk', 'gender')",
                        name="topic"),
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        Index("ix_trainings_topic_start", "topic", "start_date"),
    )

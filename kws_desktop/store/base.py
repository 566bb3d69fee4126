"""Declarative base, column types and conventions shared by every model."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kws_desktop.core.money import milli_to_quantity, quantity_to_milli

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Money: whole rupiah in a 64-bit integer (SQLite INTEGER is 64-bit; PostgreSQL BIGINT).
Money = BigInteger().with_variant(Integer(), "sqlite")


class Quantity(TypeDecorator):
    """A Decimal quantity kept exactly as integer thousandths (2.5 m3 -> 2500)."""

    impl = BigInteger
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(Integer() if dialect.name == "sqlite" else BigInteger())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return quantity_to_milli(Decimal(value))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return milli_to_quantity(int(value))


class UtcDateTime(TypeDecorator):
    """Timestamps stored as naive UTC, returned timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


from kws_desktop.store import text_rule  # noqa: E402,F401 - the text rule applies to every flush

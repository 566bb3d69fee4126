"""The columns of an issued document that is voided (BATAL) with a reason, never edited or
deleted. A model mixes one in and may redeclare `status` for another default or an index."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kws_desktop.core.status import DocStatus
from kws_desktop.store.base import UtcDateTime


class Voidable:
    status: Mapped[str] = mapped_column(String(10), default=DocStatus.POSTED)  # posted | void
    void_reason: Mapped[str] = mapped_column(String(300), default="")
    voided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class VoidableWithActor(Voidable):
    """Voidable, also keeping who voided it."""

    voided_by: Mapped[str] = mapped_column(String(120), default="")

"""The status of an issued document or a posted record: in force, or voided (BATAL) with a
reason. Stored as these words; never edited back."""
from __future__ import annotations

from enum import StrEnum


class DocStatus(StrEnum):
    POSTED = "posted"   # in force
    VOID = "void"       # voided (BATAL) with a reason; its journal entry reversed

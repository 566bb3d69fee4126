"""Voiding an issued document: BATAL with a reason, its journal entry reversed, its number kept.

Every kind (kuitansi, invoice, purchase, supplier payment, cash entry, kasbon, payout, crew and
cost lines, service visits) voids through :func:`void_in`, so the rules are the same everywhere:
- the reason is one line and required;
- the reversal is dated the day of voiding (today), or the document's own date when that is
  later, never earlier: a period already reported is not changed behind the reader's back;
- the day must be in an open period (the reversal says which period it lands in);
- the document keeps its number and shows who voided it, when and why, in the audit log too.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.services.book import audit
from kws_desktop.services.book.ledger import reverse_entry
from kws_desktop.services.book.records import one_line
from kws_desktop.store.models.book import JournalEntry


def void_reason(reason: str | None) -> str:
    """The reason as kept: one line, required."""
    text = one_line(reason)
    if not text:
        raise UserError(_("Tuliskan alasan pembatalan."), field="reason")
    return text


def void_day(document_date: dt.date, date: dt.date | None) -> dt.date:
    """The reversal's date: `date` if given, else today (or the document's date if later).
    `document_date` is the date of the entry being reversed."""
    day = date or max(dt.date.today(), document_date)
    if day < document_date:
        raise UserError(_("Tanggal pembatalan tidak boleh sebelum tanggal dokumennya."), field="date")
    return day


def void_in(s: Session, doc: Any, reason: str | None, *, actor: str, entity: str,
            entry_id: int | None, date: dt.date | None = None, **audit_fields: object) -> JournalEntry | None:
    """Mark `doc` BATAL and reverse its entry (if it has one); returns the reversal.

    `doc` is a model with the Voidable columns; the caller has refused what is
    special to its kind (already void, money already used) before."""
    reason = void_reason(reason)
    reversal = None
    if entry_id is not None:
        entry = s.get(JournalEntry, entry_id)
        reversal = reverse_entry(s, entry, date=void_day(entry.date, date), reason=reason, actor=actor)
    doc.status, doc.void_reason, doc.voided_at = DocStatus.VOID, reason, dt.datetime.now(dt.UTC)
    if hasattr(doc, "voided_by"):
        doc.voided_by = actor
    number = getattr(doc, "number", None)
    audit.record(s, actor, "void", entity, doc.id, **({"number": number} if number else {}),
                 reason=reason, **audit_fields)
    return reversal  # not flushed: the caller may set more columns in the same UPDATE (guards)

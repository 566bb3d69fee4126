"""Document numbers, allocated inside the caller's transaction (never reused)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kws_desktop.core.numbering import format_doc_number
from kws_desktop.store.models.book import NumberSequence


def next_number(session: Session, kind: str, year: int) -> str:
    """The next number for `kind` in `year`. Rolled back with the transaction if it fails,
    so a number is used only by a document that was really saved."""
    row = session.execute(
        select(NumberSequence).where(NumberSequence.kind == kind, NumberSequence.year == year)
        .with_for_update()).scalar_one_or_none()
    if row is None:
        row = NumberSequence(kind=kind, year=year, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return format_doc_number(kind, year, row.last)

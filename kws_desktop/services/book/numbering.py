"""Document numbers, allocated inside the caller's transaction (never reused)."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from kws_desktop.core.numbering import format_doc_number
from kws_desktop.store.models.book import NumberSequence


def next_number(session: Session, kind: str, year: int) -> str:
    """The next number for `kind` in `year`. Rolled back with the transaction if it fails,
    so a number is used only by a document that was really saved."""
    # Create the counter if it is missing without racing another writer (PostgreSQL), then
    # lock it for the rest of this transaction; SQLite's write lock already serialises writers.
    bump = (update(NumberSequence).where(NumberSequence.kind == kind, NumberSequence.year == year)
            .values(last=NumberSequence.last + 1).returning(NumberSequence.last))
    last = session.execute(bump).scalar_one_or_none()  # the usual case: one statement
    if last is None:
        if session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        session.execute(insert(NumberSequence).values(kind=kind, year=year, last=0)
                        .on_conflict_do_nothing(index_elements=["kind", "year"]))
        last = session.execute(bump).scalar_one()
    return format_doc_number(kind, year, last)

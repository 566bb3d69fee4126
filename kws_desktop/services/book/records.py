"""Helpers for plain working records (partners, agreements, trainings): not issued documents,
so they may be corrected in place, with an audit line saying what changed."""
from __future__ import annotations

from sqlalchemy.orm import Session

from kws_desktop.core.text import one_line as tidy
from kws_desktop.services.book import audit


def one_line(text: str | None, limit: int | None = None) -> str:
    """Text typed by a person as one tidy line: control characters removed, spaces collapsed.
    Never cut: text longer than its column is refused by the text rule (store/text_rule.py)
    with "Isian terlalu panjang"; `limit` is kept for the callers' own wording only."""
    return tidy(text)


def correct(session: Session, record, values: dict, *, actor: str, entity: str) -> None:
    """Session-level: set `values` on `record` and audit the old and new value of each change."""
    changed = {k: [getattr(record, k), v] for k, v in values.items() if getattr(record, k) != v}
    for key, value in values.items():
        setattr(record, key, value)
    session.flush()
    audit.record(session, actor, "update", entity, record.id, **changed)

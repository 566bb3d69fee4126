"""The one rule for text on its way into a book, applied to every ORM row before it is written.

- Text is stored as the user gave it: markup characters (``<b>``, ``&amp;``), quotes, emoji,
  right-to-left text and every other printable character are kept exactly.
- Control characters are removed: C0 controls except tab, newline and carriage return, DEL,
  C1 controls and the non-characters U+FFFE/U+FFFF. They cannot be seen or typed on purpose,
  PostgreSQL refuses NUL, and XML-based files (XLSX) cannot hold them. Lone surrogates (only from
  broken input) become U+FFFD, the replacement character.
- Text longer than its column is refused with a clear message naming the field
  ("Isian terlalu panjang"), never cut short silently by the database (SQLite would keep any
  length, PostgreSQL would fail with an English error).

Services may apply stricter rules of their own first (names with collapsed spaces, length limits
with their own message); this is the floor under all of them.
"""
from __future__ import annotations

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from kws_desktop.core.text import clean_text  # noqa: F401 - the rule itself lives in core


@event.listens_for(Session, "before_flush")
def _clean_rows(session: Session, _context, _instances) -> None:
    from kws_desktop.errors import collect
    from kws_desktop.i18n import _
    problems: list[tuple[str | None, str]] = []
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        loaded = state.dict
        for attr in state.mapper.column_attrs:
            value = loaded.get(attr.key)
            if not isinstance(value, str):
                continue
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(obj, attr.key, cleaned)
            column = attr.columns[0]
            limit = getattr(column.type, "length", None) if isinstance(column.type, String) else None
            if limit and len(cleaned) > limit:
                problems.append((attr.key, _("Isian terlalu panjang (paling banyak {n} huruf).")
                                 .format(n=limit)))
    collect(problems)

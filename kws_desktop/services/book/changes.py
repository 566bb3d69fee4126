"""What an operation changed, by area: the tables a committed transaction wrote (the book
notes them, see Book.take_changes), named by the area whose models own them (store/models/
<area>.py). Pages say which areas they show and refresh when one of those changed."""
from __future__ import annotations

from functools import cache

import kws_desktop.store.models  # noqa: F401 - every model mapped, so every table has its area
from kws_desktop.store.base import Base
from kws_desktop.store.book import Book


@cache
def _area_of_table() -> dict[str, str]:
    return {mapper.local_table.name: mapper.class_.__module__.rsplit(".", 1)[-1]
            for mapper in Base.registry.mappers}


def areas_of(tables: frozenset[str]) -> frozenset[str]:
    """The areas whose records are in `tables` ("book" for the ledger, numbers and audit)."""
    owner = _area_of_table()
    return frozenset(owner.get(t, "book") for t in tables)


def take_changed_areas(book: Book) -> frozenset[str]:
    """The areas changed since the last call (and forget them)."""
    return areas_of(book.take_changes())

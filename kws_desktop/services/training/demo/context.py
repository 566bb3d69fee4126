"""What the demo's steps share: the book, the random source, today, and what earlier steps made."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from kws_desktop.services.training.demo.calendar import Calendar
from kws_desktop.store.book import Book


@dataclass
class DemoContext:
    book: Book
    rng: random.Random
    today: dt.date
    years: int
    orders: int
    summary: dict[str, int] = field(default_factory=dict)
    ids: dict[str, list[int]] = field(default_factory=dict)  # what steps made, for later steps
    extra: dict[str, object] = field(default_factory=dict)  # helpers steps share (the store room)
    calendar: Calendar = field(default_factory=Calendar)  # the dated events, done in date order

    @property
    def start(self) -> dt.date:
        return dt.date(self.today.year - self.years + 1, 1, 1)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        span = max(0, (last - first).days)
        return first + dt.timedelta(days=self.rng.randint(0, span))

    def count(self, label: str, n: int = 1) -> None:
        self.summary[label] = self.summary.get(label, 0) + n


Step = Callable[[DemoContext], None]

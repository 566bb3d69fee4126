"""The demo's one calendar: everything that happens on a day is done on that day, in date order.

Each area puts its dated events on `ctx.calendar` (`on`), and an event may put later events on
it (an order taken on plans its work, its invoice plans its payments). `run` then does them all
in date order, so every number the book gives (journal entries included) follows the dates, as
it does for a treasurer writing things down day by day.

Within a day, events go by their time of day (`DAY` < `LATE` < `EVENING` < `CLOSING`), then in
the order they were put on. Events that call a book-level service (which opens its own
transaction) are marked `alone`; the others share one transaction per batch, so a big demo
stays quick.
"""
from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kws_desktop.store.book import Book

DAY = 1        # the day's work: orders, purchases, payments taken
LATE = 2       # what the office does once the day's work is in: paydays, the month's program bills
EVENING = 3    # the treasurer counts the cash box and goes to the bank
CLOSING = 4    # a period's books closed (its profit shared) after its last evening
BATCH = 200    # events in one transaction


class Calendar:
    def __init__(self) -> None:
        self._heap: list = []
        self._seq = 0
        self.now: dt.date | None = None  # the day being done


    def on(self, day: dt.date, action: Callable, *args, when: int = DAY, alone: bool = False) -> None:
        """Do `action(session, day, *args)` on `day` (`action(day, *args)` when `alone`: it uses
        the book's own transactions). Never a day already done: that would be backdating."""
        if self.now is not None and day < self.now:
            raise ValueError(f"demo event on {day}, after {self.now} was done")
        heapq.heappush(self._heap, (day, when, self._seq, alone, action, args))
        self._seq += 1

    def run(self, book: Book) -> None:
        while self._heap:
            if self._heap[0][3]:
                day, _when, _seq, _alone, action, args = heapq.heappop(self._heap)
                self.now = day
                action(day, *args)
                continue
            with book.transaction() as s:
                done = 0
                while self._heap and not self._heap[0][3] and done < BATCH:
                    day, _when, _seq, _alone, action, args = heapq.heappop(self._heap)
                    self.now = day
                    action(s, day, *args)
                    done += 1

    def __bool__(self) -> bool:
        return bool(self._heap)

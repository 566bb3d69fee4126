"""A writer for the crash tests: runs service calls forever, printing each one that returned.

    python crash_writer.py BOOK                      journal posts ("call N")
    python crash_writer.py BOOK business IDS START   real business calls (flows.business_round),
                                                     IDS the JSON of flows.setup(); prints "KIND KEY"
"""
import datetime as dt
import json
import sys

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.ledger import post_entry


def journal(path: str) -> None:
    book = open_book(path)
    i = 0
    while True:
        i += 1
        with book.transaction() as s:
            post_entry(s, date=dt.date(2026, 6, 1), description=f"call {i}", postings=[
                debit(A.CASH, i), credit(A.REVENUE_OTHER, i // 2 + 1),
                credit(A.REVENUE_SERVICE, i - (i // 2 + 1))] if i > 1 else [
                debit(A.CASH, 1), credit(A.REVENUE_OTHER, 1)], source_type="test", source_id=None,
                actor=book.actor)
        print(i, flush=True)  # only after the commit returned


def business(path: str, ids: dict, start: int) -> None:
    import flows  # beside this file
    book = open_book(path)
    i = start
    while True:
        # printed only after the service call returned (its transaction committed)
        flows.business_round(book, ids, i, lambda kind, key: print(kind, key, flush=True))
        i += 1


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "business":
        business(sys.argv[1], json.loads(sys.argv[3]), int(sys.argv[4]))
    else:
        journal(sys.argv[1])

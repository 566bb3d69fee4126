"""The book's own settings, each declared once with its default and what it accepts: the rules
that travel with the book (paper, quote validity, the profit sharing rule, the treasurer's notes).
Reading a setting never stored, or stored with a value this version does not accept, gives the
default; storing one that is not accepted is refused with a sentence."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kws_desktop.i18n import N_

PAPERS = ("A4", "F4", "A5")


@dataclass(frozen=True)
class BookSetting:
    default: Any
    accepts: Callable[[Any], bool]
    refusal: str  # an Indonesian source string, shown when a value is not accepted


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_paper(value: Any) -> bool:
    return value in PAPERS


def _is_days(value: Any) -> bool:
    return type(value) is int and 1 <= value <= 365


def _is_notes(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 4000


def _is_profit_rule(value: Any) -> bool:
    return isinstance(value, dict)  # the rule itself is checked by core/profit_sharing.py


def _is_name_list(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


BOOK_SETTINGS: dict[str, BookSetting] = {
    # quotes print the RAB line by line (False: one line per section)
    "rab_itemised": BookSetting(True, _is_bool, N_("Pilih ya atau tidak.")),
    "receipt_paper": BookSetting("A5", _is_paper, N_("Kertas harus A4, F4 atau A5.")),
    # quotes, invoices, handover letters, reports
    "document_paper": BookSetting("A4", _is_paper, N_("Kertas harus A4, F4 atau A5.")),
    # basis: days | equal | capital | percent
    "profit_rule": BookSetting({"group_fund_pct": 30, "basis": "days"}, _is_profit_rule,
                               N_("Aturan bagi hasil tidak dikenal.")),
    "quote_validity_days": BookSetting(30, _is_days, N_("Masa berlaku penawaran 1 sampai 365 hari.")),
    # the treasurer's own notes printed in the CaLK (reports)
    "report_notes": BookSetting("", _is_notes, N_("Catatan paling banyak 4.000 huruf.")),
    # the group's own list of kecamatan for the customer form (None: the shipped list)
    "kecamatan_list": BookSetting(None, _is_name_list, N_("Daftar kecamatan tidak terbaca.")),
}

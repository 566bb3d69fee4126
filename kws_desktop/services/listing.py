"""Lists for `kws-desktop list KIND`: plain rows (dicts) with integer rupiah and ISO dates."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kws_desktop.i18n import N_
from kws_desktop.services.ledger import account_balances
from kws_desktop.store.book import Book


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # Indonesian source string, translated where shown
    kind: str = "text"  # text | money | int | qty | date


@dataclass(frozen=True)
class ListSpec:
    columns: tuple[ListColumn, ...]
    fetch: Callable[[Book], list[dict]]


def _accounts(book: Book) -> list[dict]:
    with book.reading() as s:
        return [{"code": r.code, "name": r.name, "type": r.type, "is_cash": r.is_cash,
                 "balance": r.balance} for r in account_balances(s)]


LISTS: dict[str, ListSpec] = {
    "accounts": ListSpec((ListColumn("code", N_("Kode")), ListColumn("name", N_("Nama akun")),
                          ListColumn("type", N_("Jenis")), ListColumn("balance", N_("Saldo"), "money")),
                         _accounts),
}


def _members(book: Book) -> list[dict]:
    from kws_desktop.services.members import list_members
    return [m.as_json() for m in list_members(book)]


LISTS["members"] = ListSpec((
    ListColumn("name", N_("Nama")), ListColumn("gender", N_("L/P")), ListColumn("role", N_("Jabatan")),
    ListColumn("active", N_("Aktif")), ListColumn("joined_on", N_("Masuk"), "date"),
    ListColumn("left_on", N_("Keluar"), "date"), ListColumn("wages_owed", N_("Upah belum dibayar"), "money"),
    ListColumn("advances", N_("Kasbon"), "money")), _members)


def register_list(kind: str, spec: ListSpec) -> None:
    LISTS[kind] = spec

"""Lists for `kws-desktop list KIND`: plain rows (dicts) with integer rupiah and ISO dates."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, _

if TYPE_CHECKING:  # the kinds are named without SQLAlchemy (`kws-desktop report` builds this help too)
    from kws_desktop.store.book import Book


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # Indonesian source string, translated where shown
    kind: str = "text"  # text | money | int | qty | date | status


# The stable status keys of the lists (JSON and CSV keep them) in the words a table shows.
STATUS_WORDS = {
    DocStatus.POSTED: N_("tercatat"), DocStatus.VOID: N_("batal"), "open": N_("belum lunas"), "paid": N_("lunas"),
    "draft": N_("draf"), "sent": N_("terkirim"), "accepted": N_("diterima"), "rejected": N_("ditolak"),
    "expired": N_("kedaluwarsa"), "superseded": N_("diganti revisi"),
}


def status_word(key: str) -> str:
    """A list status in the current language (order stages are Indonesian words already)."""
    return _(STATUS_WORDS[key]) if key in STATUS_WORDS else key


@dataclass(frozen=True)
class ListSpec:
    columns: tuple[ListColumn, ...]
    fetch: Callable[[Book], list[dict]]


def _accounts(book: Book) -> list[dict]:
    from kws_desktop.services.book.ledger import account_balances
    with book.reading() as s:
        return [{"code": r.code, "name": r.name, "type": r.type, "is_cash": r.is_cash,
                 "balance": r.balance} for r in account_balances(s)]


LISTS: dict[str, ListSpec] = {
    "accounts": ListSpec((ListColumn("code", N_("Kode")), ListColumn("name", N_("Nama akun")),
                          ListColumn("type", N_("Jenis")), ListColumn("balance", N_("Saldo"), "money")),
                         _accounts),
}


def _materials(book: Book) -> list[dict]:
    from kws_desktop.services.purchasing.materials import list_rows
    return list_rows(book)


def _purchases(book: Book) -> list[dict]:
    from kws_desktop.services.purchasing.purchases import list_rows
    return list_rows(book)


LISTS["materials"] = ListSpec((
    ListColumn("name", N_("Bahan")), ListColumn("unit", N_("Satuan")), ListColumn("category", N_("Kategori")),
    ListColumn("price", N_("Harga katalog"), "money"), ListColumn("stock_qty", N_("Stok"), "qty"),
    ListColumn("stock_value", N_("Nilai stok"), "money")), _materials)
LISTS["purchases"] = ListSpec((
    ListColumn("number", N_("Nomor")), ListColumn("date", N_("Tanggal"), "date"),
    ListColumn("status", N_("Status"), "status"), ListColumn("supplier", N_("Pemasok")),
    ListColumn("method", N_("Bayar")), ListColumn("total", N_("Jumlah"), "money")), _purchases)


def _members(book: Book) -> list[dict]:
    from kws_desktop.services.people.members import list_members
    return [m.as_json() for m in list_members(book)]


LISTS["members"] = ListSpec((
    ListColumn("name", N_("Nama")), ListColumn("gender", N_("L/P")), ListColumn("role", N_("Jabatan")),
    ListColumn("active", N_("Aktif")), ListColumn("joined_on", N_("Masuk"), "date"),
    ListColumn("left_on", N_("Keluar"), "date"), ListColumn("wages_owed", N_("Upah belum dibayar"), "money"),
    ListColumn("advances", N_("Kasbon"), "money")), _members)


def _orders(book: Book) -> list[dict]:
    from kws_desktop.services.jobs.orders import list_rows
    return list_rows(book)


LISTS["orders"] = ListSpec((
    ListColumn("number", N_("Nomor")), ListColumn("date", N_("Tanggal"), "date"),
    ListColumn("status", N_("Tahap")), ListColumn("customer", N_("Pelanggan")),
    ListColumn("desa", N_("Desa")), ListColumn("kecamatan", N_("Kecamatan")),
    ListColumn("price", N_("Harga"), "money"), ListColumn("cost", N_("Biaya"), "money"),
    ListColumn("margin", N_("Laba"), "money")), _orders)


def _billing_rows(kind: str) -> Callable[[Book], list[dict]]:
    def fetch(book: Book) -> list[dict]:
        from kws_desktop.services.billing import receivables
        return {"invoices": receivables.invoice_list_rows, "payments": receivables.payment_list_rows,
                "receipts": receivables.receipt_list_rows}[kind](book)
    return fetch


LISTS["invoices"] = ListSpec((
    ListColumn("number", N_("Nomor")), ListColumn("date", N_("Tanggal"), "date"),
    ListColumn("status", N_("Status"), "status"), ListColumn("payer", N_("Pembayar")),
    ListColumn("due_date", N_("Jatuh tempo"), "date"), ListColumn("amount", N_("Jumlah"), "money"),
    ListColumn("paid", N_("Dibayar"), "money"), ListColumn("outstanding", N_("Sisa"), "money")),
    _billing_rows("invoices"))
LISTS["payments"] = ListSpec((
    ListColumn("number", N_("Kuitansi")), ListColumn("date", N_("Tanggal"), "date"),
    ListColumn("status", N_("Status"), "status"), ListColumn("payer", N_("Pembayar")),
    ListColumn("invoice", N_("Tagihan")), ListColumn("method", N_("Cara bayar")),
    ListColumn("amount", N_("Jumlah"), "money"), ListColumn("advance", N_("Uang titipan"), "money")),
    _billing_rows("payments"))
LISTS["receipts"] = ListSpec((
    ListColumn("number", N_("Nomor")), ListColumn("date", N_("Tanggal"), "date"),
    ListColumn("status", N_("Status"), "status"), ListColumn("payer", N_("Sudah terima dari")),
    ListColumn("invoice", N_("Tagihan")), ListColumn("amount", N_("Jumlah"), "money"),
    ListColumn("print_count", N_("Dicetak"), "int")), _billing_rows("receipts"))


def _customers(book: Book) -> list[dict]:
    from kws_desktop.services.sales.customers import list_rows
    return list_rows(book)


def _quotes(book: Book) -> list[dict]:
    from kws_desktop.services.sales.quotes import list_rows
    return list_rows(book)


LISTS["customers"] = ListSpec((
    ListColumn("name", N_("Nama")), ListColumn("kind", N_("Jenis")), ListColumn("gender", N_("L/P")),
    ListColumn("desa", N_("Desa/kelurahan")), ListColumn("kecamatan", N_("Kecamatan")),
    ListColumn("phone", N_("Telepon")), ListColumn("is_mbr", N_("MBR"))), _customers)
LISTS["quotes"] = ListSpec((
    ListColumn("number", N_("Nomor")), ListColumn("date", N_("Tanggal"), "date"),
    ListColumn("status", N_("Status"), "status"), ListColumn("customer", N_("Pelanggan")),
    ListColumn("desa", N_("Desa/kelurahan")), ListColumn("total", N_("Jumlah"), "money")), _quotes)

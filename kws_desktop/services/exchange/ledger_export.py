"""The whole journal as a plain-text ledger file that `ledger` and `hledger` both read.

    ; KWS Desktop: KWS Tirta Sehat Mandiri
    account Aset
        ; type: A
    account Aset:Lancar:Kas
        ; type: C
    ...

    2026-01-01 * (JU-2026-000001) Saldo awal kas dan bank
        Aset:Lancar:Kas                           3500000 IDR
        Aset:Lancar:Bank                         12000000 IDR
        Ekuitas:Ekuitas Saldo Awal              -15500000 IDR

Accounts are "<type>[:<group>]:<Indonesian name>", grouped as the SAK EMKM statements group
them (Aset:Lancar, Aset:Tidak Lancar, Beban:Pokok Pendapatan, Beban:Usaha), so each subtotal of
the app's reports is an account of the tree. Every account is declared with its hledger type on
an indented comment line (`; type: A`), which hledger reads as the account's type (`bs`, `is`,
`cf`) and ledger reads as a comment; ledger finds the types by the top names (`bal ^Aset`).
Amounts are whole rupiah with the commodity after the number (``1250000 IDR``), which both
tools parse the same way. Entries are written in journal order (date, then entry), streamed
from the database a batch at a time, never loaded whole; the file is written atomically.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from kws_desktop import __version__
from kws_desktop.core.accounts import AccountType, is_cost_of_sales, is_noncurrent_asset
from kws_desktop.documents.output import atomic_output
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine

COMMODITY = "IDR"
T = AccountType
TYPE_ROOTS = {T.ASSET: "Aset", T.LIABILITY: "Liabilitas", T.EQUITY: "Ekuitas",
              T.REVENUE: "Pendapatan", T.EXPENSE: "Beban"}
# hledger's account types: A asset, C cash (an asset `cf` follows), L, E, R revenue, X expense
HLEDGER_TYPES = {T.ASSET: "A", T.LIABILITY: "L", T.EQUITY: "E", T.REVENUE: "R", T.EXPENSE: "X"}
CASH_TYPE = "C"
HEADER = """\
; KWS Desktop {version}: jurnal umum dalam format ledger/hledger
; Jumlah dalam rupiah penuh; debit positif, kredit negatif.
; Setiap akun punya jenis (type: A aset, C kas dan bank, L liabilitas, E ekuitas, R pendapatan,
; X beban) untuk laporan hledger. Contoh untuk tahun 2026 (tanggal -e tidak ikut dihitung):
;   hledger -f BERKAS bs -e 2027-01-01                  posisi keuangan 31 Desember 2026
;   hledger -f BERKAS is -b 2026-01-01 -e 2027-01-01    laba rugi tahun 2026
;   hledger -f BERKAS cf -b 2026-01-01 -e 2027-01-01    perubahan kas dan bank
;   ledger -f BERKAS bal ^Aset ^Liabilitas -e 2027-01-01
; Jurnal ini tidak memuat jurnal penutup: laba semua tahun sampai tanggal laporan belum
; dipindah ke Ekuitas:Saldo Laba. Saldo Laba di Laporan Posisi Keuangan aplikasi = saldo akun
; Ekuitas:Saldo Laba + laba itu (baris Net pada hledger bse), dan Jumlah Ekuitas = baris Net
; pada hledger bs (aset dikurangi liabilitas).
"""
BATCH = 2000
_SPACES = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Text safe in a description or comment: one line, single spaces (two spaces or a tab
    end a field in ledger's format)."""
    return _SPACES.sub(" ", text or "").strip()


def _statement_group(code: str, type_: str) -> str | None:
    """The group of the SAK EMKM statements an account is shown in, if its type has groups."""
    if type_ == T.ASSET:
        return "Tidak Lancar" if is_noncurrent_asset(code, type_) else "Lancar"
    if type_ == T.EXPENSE:
        return "Pokok Pendapatan" if is_cost_of_sales(code, type_) else "Usaha"
    return None


def ledger_account_name(code: str, type_: str, name_id: str) -> str:
    """"Aset:Lancar:Kas". Colons would make sub-accounts and brackets or parentheses around a
    whole name mean virtual postings, so they become plain characters."""
    root = TYPE_ROOTS.get(type_, type_.capitalize() or "Lain")
    clean = _one_line(name_id).replace(":", "-").replace(";", ",")
    clean = clean.replace("(", "- ").replace(")", "").replace("[", "").replace("]", "")
    clean = _one_line(clean).strip(" -") or "?"
    group = _statement_group(code, type_)
    return f"{root}:{group}:{clean}" if group else f"{root}:{clean}"


def account_declarations(accounts: list[tuple[str, str, bool]]) -> list[tuple[str, str | None]]:
    """(ledger name, hledger type) for every account and each of its parents, sorted by name,
    from (ledger name, account type, is cash) triples. A cash or bank account has type C;
    a type outside the chart has none (hledger then guesses, ledger does not care)."""
    declared: dict[str, str | None] = {}
    for name, type_, is_cash in accounts:
        kind = HLEDGER_TYPES.get(type_)
        parts = name.split(":")
        for depth in range(1, len(parts)):
            declared.setdefault(":".join(parts[:depth]), kind)
        declared[name] = CASH_TYPE if is_cash and kind == "A" else kind
    return sorted(declared.items())


def format_amount(amount: int) -> str:
    return f"{amount} {COMMODITY}"


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    entries: int
    lines: int


def write_ledger(book: Book, fh: TextIO) -> tuple[int, int]:
    """Write the journal to an open text file; returns (entries, lines)."""
    with book.reading() as s:
        chart = list(s.execute(select(Account).order_by(Account.code)).scalars())
        accounts = {a.id: ledger_account_name(a.code, a.type, a.name_id) for a in chart}
        fh.write(HEADER.format(version=__version__))
        fh.write(f"\ncommodity {COMMODITY}\n")
        for name, kind in account_declarations(
                [(accounts[a.id], a.type, bool(a.is_cash)) for a in chart]):
            fh.write(f"account {name}\n" + (f"    ; type: {kind}\n" if kind else ""))
        q = (select(JournalEntry.id, JournalEntry.date, JournalEntry.number,
                    JournalEntry.description, JournalLine.account_id, JournalLine.amount,
                    JournalLine.memo)
             .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
             .order_by(JournalEntry.date, JournalEntry.id, JournalLine.id)
             .execution_options(yield_per=BATCH))
        current = None
        entries = lines = 0
        width = max((len(n) for n in accounts.values()), default=20) + 2
        for entry_id, date, number, description, account_id, amount, memo in s.execute(q):
            if entry_id != current:
                current = entry_id
                entries += 1
                fh.write(f"\n{date.isoformat()} * ({_one_line(number)}) {_one_line(description)}\n")
            lines += 1
            account = accounts[account_id]
            text = f"    {account.ljust(width)}{format_amount(int(amount)):>18}"
            memo = _one_line(memo)
            fh.write(f"{text}  ; {memo}\n" if memo else f"{text}\n")
    return entries, lines


def export_ledger(book: Book, path: os.PathLike[str] | str) -> ExportSummary:
    """Write the whole journal to ``path`` (replaced atomically). Raises DocumentWriteError
    when the file cannot be written."""
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            entries, lines = write_ledger(book, fh)
    return ExportSummary(Path(path), entries, lines)

"""The whole journal as a plain-text ledger file that `ledger` and `hledger` both read.

    ; KWS Desktop: KWS Tirta Sehat Mandiri
    account Aset:Kas
    ...

    2026-01-01 * (JU-2026-000001) Saldo awal kas dan bank
        Aset:Kas                                  3500000 IDR
        Aset:Bank                                12000000 IDR
        Ekuitas:Ekuitas Saldo Awal              -15500000 IDR

Accounts are "<type>:<Indonesian name>"; amounts are whole rupiah with the commodity after
the number (``1250000 IDR``), which both tools parse the same way. Entries are written in
journal order (date, then entry), streamed from the database a batch at a time, never loaded
whole; the file is written atomically.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from kws_desktop import __version__
from kws_desktop.documents.output import atomic_output
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine

COMMODITY = "IDR"
TYPE_ROOTS = {"aset": "Aset", "liabilitas": "Liabilitas", "ekuitas": "Ekuitas",
              "pendapatan": "Pendapatan", "beban": "Beban"}
BATCH = 2000
_SPACES = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Text safe in a description or comment: one line, single spaces (two spaces or a tab
    end a field in ledger's format)."""
    return _SPACES.sub(" ", text or "").strip()


def ledger_account_name(type_: str, name_id: str) -> str:
    """"Aset:Kas". Colons would make sub-accounts and brackets or parentheses around a whole
    name mean virtual postings, so they become plain characters."""
    root = TYPE_ROOTS.get(type_, type_.capitalize() or "Lain")
    clean = _one_line(name_id).replace(":", "-").replace(";", ",")
    clean = clean.replace("(", "- ").replace(")", "").replace("[", "").replace("]", "")
    clean = _one_line(clean).strip(" -") or "?"
    return f"{root}:{clean}"


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
        accounts = {a.id: ledger_account_name(a.type, a.name_id)
                    for a in s.execute(select(Account).order_by(Account.code)).scalars()}
        fh.write(f"; KWS Desktop {__version__}: jurnal umum dalam format ledger/hledger\n")
        fh.write("; Jumlah dalam rupiah penuh; debit positif, kredit negatif.\n\n")
        fh.write(f"commodity {COMMODITY}\n")
        for name in sorted(set(accounts.values())):
            fh.write(f"account {name}\n")
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

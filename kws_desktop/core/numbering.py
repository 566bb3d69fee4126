"""Document numbers: sequential per kind and year, e.g. KWT-2026-0007."""
from __future__ import annotations

import re

# kind -> printed prefix. The kind is what the services and the CLI name.
PREFIXES = {
    "journal": "JU",
    "quote": "SPH",
    "order": "PSN",
    "invoice": "TGH",
    "receipt": "KWT",
    "purchase": "BLI",
    "supplier_payment": "BYR",
    "stock_count": "OPN",
    "wage_payout": "UPH",
    "profit_share_payout": "PBH",   # a payout of profit shares (SHU) only: not wages
    "advance": "KSB",
    "profit_sharing": "SHU",
    "expense": "BKK",
    "income": "BKM",
    "transfer": "PB",
    "handover": "BAST",
    "reminder": "SPT",              # surat pengingat tagihan: the letter is kept in the audit log
}

_PATTERN = re.compile(r"^([A-Z]+)-(\d{4})-(\d{4,})$")


def format_doc_number(kind: str, year: int, seq: int) -> str:
    width = 6 if kind == "journal" else 4
    return f"{PREFIXES[kind]}-{year}-{seq:0{width}d}"


def parse_doc_number(number: str) -> tuple[str, int, int] | None:
    """'KWT-2026-0007' -> ('receipt', 2026, 7); None if it is not one of ours."""
    match = _PATTERN.match(number.strip().upper())
    if not match:
        return None
    prefix, year, seq = match.groups()
    kinds = [k for k, p in PREFIXES.items() if p == prefix]
    if not kinds:
        return None
    return kinds[0], int(year), int(seq)

"""Sharing a document on WhatsApp: the number as wa.me wants it and the prefilled message.

Used by every area that sends a document (a kuitansi, a quote): `wa_number(phone)`, and
`ShareInfo` with the wa.me link built by `wa_link(phone, text)`."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


def wa_number(phone: str) -> str:
    """An Indonesian phone number as wa.me wants it: digits with country code 62
    ("0812-3456-7890" -> "6281234567890"); "" when there is no usable number."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if len(digits) >= 10 and digits.startswith("62") else ""


def wa_link(phone: str, text: str) -> str:
    """https://wa.me/<62number>?text=<message>, or https://wa.me/?text=... without a number."""
    return f"https://wa.me/{phone}?text={quote(text)}" if phone else f"https://wa.me/?text={quote(text)}"


@dataclass(frozen=True)
class ShareInfo:
    number: str
    phone: str      # wa.me form, "" when the payer has no number
    message: str
    url: str        # https://wa.me/<62number>?text=<message>, or https://wa.me/?text=... without one

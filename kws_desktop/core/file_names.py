"""The one helper for every file name built from user text (a payer's name, a number).

`safe_file_name("Pengingat Ibu A/B.pdf")` gives "Pengingat Ibu A-B.pdf": no folder separators,
no characters Windows refuses (<>:"/\\|?*), no control characters, no trailing dots or spaces,
no reserved Windows device names (CON, NUL, COM1...), at most 120 characters before the suffix."""
from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile('[<>:"/\\\\|?*\x00-\x1f\x7f-\x9f\ud800-\udfff]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 120


def safe_file_name(name: str, *, fallback: str = "dokumen") -> str:
    """`name` (with its suffix, e.g. ".pdf") made safe to use as one file name in any folder."""
    name = unicodedata.normalize("NFC", str(name or ""))
    stem, dot, suffix = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", suffix):
        stem, suffix = name, ""
    stem = " ".join(_UNSAFE.sub("-", stem).split()).strip(" .-")
    suffix = "." + suffix.lower() if suffix else ""
    stem = stem[:MAX_STEM].rstrip(" .-")
    if not stem or stem.split(".")[0].upper() in _RESERVED:
        stem = f"{fallback}-{stem}" if stem else fallback
    return stem + suffix

"""Text as a person typed it, made safe to keep: the pure rules under store/text_rule.py.

- `clean_text`: control characters removed (C0 except tab, newline and carriage return, DEL,
  C1, U+FFFE/U+FFFF), lone surrogates replaced by U+FFFD. Nothing else changes.
- `one_line`: `clean_text`, then runs of spaces collapsed to one and the ends trimmed; used for
  names and one-line fields *before* their required-field check, so a name of only NUL bytes
  is an empty name."""
from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` with control characters removed and lone surrogates replaced."""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return value


def one_line(value: object) -> str:
    """A tidy single line: control characters removed, spaces collapsed, ends trimmed."""
    if value is None:
        return ""
    return " ".join(clean_text(str(value)).split())

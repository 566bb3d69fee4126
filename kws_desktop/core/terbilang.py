"""Amounts of rupiah spelled out in Indonesian words ("terbilang"), as printed on a kuitansi.

Spelling rules (Ejaan Bahasa Indonesia):

* ``se-`` replaces ``satu`` only in sepuluh, sebelas, seratus and seribu; the larger
  scales always take ``satu`` (satu juta, satu miliar, satu triliun).
* ``seribu`` is used only when the whole thousands group is exactly one:
  1 000 = seribu, 101 000 = seratus satu ribu, 1 001 000 = satu juta seribu.
* 11..19 are ``belas`` numbers, tens are ``puluh``, hundreds ``ratus``.

Pure Python: no Qt, no babel.
"""
from __future__ import annotations

from kws_desktop.core.money import MAX_RUPIAH

__all__ = [
    "MAX_TERBILANG",
    "capitalize_words",
    "sentence_case",
    "terbilang",
    "terbilang_rupiah",
]

MAX_TERBILANG = MAX_RUPIAH  # 999 triliun 999 miliar ... sembilan ratus sembilan puluh sembilan

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# (value, word) from the largest scale down; thousands (ribu) is handled with "seribu".
_SCALES = (
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
    (10**3, "ribu"),
)


def _below_thousand(n: int) -> list[str]:
    """Words for 1..999 (empty list for 0)."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    if rest == 0:
        return words
    if rest < 10:
        words.append(_UNITS[rest])
    elif rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif rest < 20:
        words += [_UNITS[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"]
        if ones:
            words.append(_UNITS[ones])
    return words


def _check(amount: object) -> int:
    # bool is an int subclass but never a sum of money; floats never pass as money.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"terbilang needs an int amount of rupiah, not {type(amount).__name__}")
    if abs(amount) > MAX_TERBILANG:
        raise ValueError(f"amount out of range for terbilang: {amount}")
    return amount


def terbilang(amount: int) -> str:
    """``amount`` in lowercase Indonesian words, without "rupiah".

    >>> terbilang(1_250_000)
    'satu juta dua ratus lima puluh ribu'
    >>> terbilang(-1001)
    'minus seribu satu'
    """
    amount = _check(amount)
    if amount == 0:
        return "nol"
    if amount < 0:
        return "minus " + terbilang(-amount)
    words: list[str] = []
    rest = amount
    for value, name in _SCALES:
        group, rest = divmod(rest, value)
        if not group:
            continue
        if value == 1000 and group == 1:
            words.append("seribu")
        else:
            words += _below_thousand(group)
            words.append(name)
    words += _below_thousand(rest)
    return " ".join(words)


def terbilang_rupiah(amount: int) -> str:
    """``terbilang(amount) + " rupiah"``: "seratus ribu rupiah"."""
    return terbilang(amount) + " rupiah"


def capitalize_words(text: str) -> str:
    """Every word with an uppercase first letter: "Satu Juta Dua Ratus Ribu Rupiah".

    Unlike :meth:`str.title` the rest of each word is left alone and whitespace is
    normalised to single spaces.
    """
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def sentence_case(text: str) -> str:
    """First letter uppercase, the rest unchanged: "Satu juta rupiah"."""
    return text[:1].upper() + text[1:]

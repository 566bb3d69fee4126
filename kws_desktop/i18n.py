"""Languages: gettext messages (catalogs in top-level i18n/) and babel formatting.

Source strings are Indonesian, the default language; English comes from
i18n/en/LC_MESSAGES/kws_desktop.po, read directly with babel (no compile step, so an
installed wheel and a source checkout behave the same). `_()` looks the language up at call
time, so switching language takes effect for every string formatted afterwards.

One Indonesian word can need two English words: give it a context (gettext msgctxt), short
Indonesian words the translator reads. `p_("tombol", "Batal")` is the Cancel button while
`_("Batal")` is the status Cancelled; `NP_("jamak", "Pelanggan")` marks a constant for the
plural title Customers (plain "Pelanggan" is a Customer column). Contexts in use: "tombol"
(button), "menu", "jamak" (plural: sidebar, headings, tabs), "baris total" (a Total row),
"banyaknya" (a quantity column), and a few single-use ones.
"""
from __future__ import annotations

import datetime as dt
import gettext
from decimal import Decimal
from functools import cache

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from kws_desktop.core.percent import percent_text, ratio_points
from kws_desktop.paths import i18n_dir

DOMAIN = "kws_desktop"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
_BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}

_current = DEFAULT_LANGUAGE


class _PoTranslations(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str], plurals: dict[str, tuple[str, ...]]):
        super().__init__()
        self._messages = messages
        self._plurals = plurals  # singular source -> its forms (the two English forms)

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get(f"{context}\x04{message}") or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        # by the singular: Indonesian often has one form for both ("{n} bulan"), English two
        forms = self._plurals.get(singular)
        text = forms[0 if n == 1 else min(1, len(forms) - 1)] if forms else ""
        return text or (singular if n == 1 else plural)


@cache
def _translations(language: str) -> gettext.NullTranslations:
    po = i18n_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LANGUAGE or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for msg in catalog:
        if not msg.id or not msg.string or msg.fuzzy:
            continue
        if msg.context and isinstance(msg.id, str):
            messages[f"{msg.context}\x04{msg.id}"] = msg.string
        elif isinstance(msg.id, tuple):
            plurals[msg.id[0]] = tuple(msg.string)
        else:
            messages[msg.id] = msg.string
    return _PoTranslations(messages, plurals)


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _current = language


def current_language() -> str:
    return _current


class _InContext(str):
    """A source string marked with `NP_`: it carries its context until `_()` translates it."""
    context: str


def _(message: str) -> str:
    """Translate an Indonesian source string into the current language (a string marked with
    `NP_` is looked up in its context)."""
    context = getattr(message, "context", None)
    if context is not None:
        return _translations(_current).pgettext(context, message)
    return _translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a source string that means something else elsewhere: `context` (Indonesian,
    shown to the translator) tells the uses apart, e.g. "Bapak" as a title (Mr.) and as "you"."""
    return _translations(_current).pgettext(context, message)


def p_(context: str, message: str) -> str:
    """`_()` for a word that needs a different English in different places: "Batal" is the
    Cancel button (`p_("tombol", "Batal")`) and the status Cancelled (`_("Batal")`)."""
    return pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where shown)."""
    return message


def NP_(context: str, message: str) -> str:
    """`N_()` with a context: the constant stays Indonesian text and `_()` later translates it in
    that context, e.g. `NP_("status penawaran", "Diterima")` (Accepted, not Received)."""
    marked = _InContext(message)
    marked.context = context
    return marked


def locale_name(language: str | None = None) -> str:
    return _BABEL_LOCALE[language or _current]


# --- formatting -------------------------------------------------------------------------

def _grouped(amount: int) -> str:
    """1250000 -> 1.250.000: the id_ID grouping babel gives for "#,##0", without babel's cost
    (a busy cash book prints tens of thousands of amounts)."""
    return f"{amount:,}".replace(",", ".")


def format_rupiah(amount: int, *, space: bool = False, parentheses: bool = False) -> str:
    """`Rp1.250.000` (Indonesian grouping in both languages: the currency is the rupiah).

    Negative amounts read `-Rp1.250.000`, or `(Rp1.250.000)` in reports.
    """
    if not isinstance(amount, int):
        raise TypeError("money is an int of rupiah")
    digits = _grouped(abs(amount))
    text = ("Rp " if space else "Rp") + digits
    if amount < 0:
        return f"({text})" if parentheses else f"-{text}"
    return text


def format_number(amount: int, *, parentheses: bool = True) -> str:
    """A plain amount with dot grouping for report columns: 1.250.000, negatives as (1.250.000)."""
    digits = _grouped(abs(amount)) if isinstance(amount, int) else \
        format_decimal(abs(amount), format="#,##0", locale="id_ID")
    if amount < 0:
        return f"({digits})" if parentheses else f"-{digits}"
    return digits


def format_quantity(qty: Decimal | int) -> str:
    """2,5 in Indonesian, 2.5 in English; no trailing zeros."""
    return format_decimal(Decimal(qty).normalize(), format="#,##0.###", locale=locale_name())


def format_percent(points: Decimal | int | float, *, fixed: bool = False) -> str:
    """A percentage given in points (12.5 means 12.5%): 12,5% in Indonesian, 12.5% in English,
    rounded by the one rule of core/percent.py (one decimal, a half away from zero).

    A figure alone (a tile, a sentence) leaves a trailing ",0" out: 21%. ``fixed=True`` is for
    a table column, where every figure keeps its decimal so they line up: 21,0%, 21,3%."""
    return percent_text(points, fixed=fixed, decimal_mark=get_decimal_symbol(locale_name()),
                        group_mark=get_group_symbol(locale_name()))


def format_ratio(ratio: Decimal | int | float, *, fixed: bool = False) -> str:
    """A percentage given as a ratio (0.125 means 12.5%), written as :func:`format_percent`."""
    return format_percent(ratio_points(ratio), fixed=fixed)


def format_date(value: dt.date | None) -> str:
    """28 November 2026."""
    if value is None:
        return ""
    return _babel_date(value, format="d MMMM y", locale=locale_name())


def format_month(value: dt.date) -> str:
    """November 2026 (a month in tables)."""
    return _babel_date(value, format="LLLL y", locale=locale_name())


def format_date_short(value: dt.date | None) -> str:
    """28/11/2026 for dense tables."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"  # strftime costs 10x more


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return _babel_datetime(value, format="d MMMM y HH.mm" if _current == "id" else "d MMMM y HH:mm",
                           locale=locale_name())


def month_name(month: int) -> str:
    return _babel_date(dt.date(2000, month, 1), format="MMMM", locale=locale_name())


def parse_date(text: str) -> dt.date:
    """Read 2026-11-28, 28/11/2026 or 28-11-2026. Raises ValueError with no message for users."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)

"""User text on its way into documents: the one escaping helper and spreadsheet safety.

Every piece of user text (names, addresses, notes, descriptions) that ends up in a reportlab
``Paragraph`` goes through :func:`markup` and nothing else. Text drawn straight on a canvas
(which does not parse markup) goes through :func:`plain`. Text cells written to CSV go through
:func:`neutralise_cell` so a spreadsheet never runs them as formulas; XLSX text needs no such
change (its cells are typed: ``documents/sheets.py`` ``put_text`` writes string cells).
"""
from __future__ import annotations

import re

# C0 controls except tab and newline (carriage returns are turned into newlines first), DEL, C1
# controls, and the XML non-characters U+FFFE/U+FFFF: they have no business on paper and break
# XML-based formats.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# Lone surrogates cannot be encoded; they only come from broken input.
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
# Text with none of the above (line breaks other than "\n", controls, surrogates) is clean as it is.
_CLEAN = re.compile("[^\r\u2028\u2029\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]*")

_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
}
_ESCAPE_RE = re.compile("[&<>\"']")

# A text cell starting with one of these is a formula (or DDE payload) to a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def plain(text: object) -> str:
    """Clean text for places that do not parse markup (canvas strings, metadata, XLSX cells).

    ``None`` becomes ``""``; other values are converted with ``str``. Line breaks of every kind
    become ``"\\n"``, control characters other than newline and tab are removed, and lone
    surrogates become U+FFFD. Emoji, right-to-left text and all other characters are kept as
    given.
    """
    if text is None:
        return ""
    text = str(text)
    if _CLEAN.fullmatch(text):  # the usual case: nothing to change (one scan, not three)
        return text
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def markup(text: object) -> str:
    """Escape user text for reportlab ``Paragraph`` markup; the only way user text enters it.

    ``& < > " '`` are escaped, so ``"<b>"`` prints literally as ``<b>``; newlines become
    ``<br/>``; text is otherwise cleaned as by :func:`plain`. Wrap the result in your own tags
    freely: ``f"<b>{markup(name)}</b>"``.
    """
    escaped = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], plain(text))
    return escaped.replace("\n", "<br/>")


def neutralise_cell(value: object) -> object:
    """Make a CSV cell value safe to open in a spreadsheet (XLSX: ``sheets.put_text``).

    A text value beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
    leading apostrophe (``'=1+1``), so Excel/LibreOffice show it instead of running it. A cell
    of dashes only (``-``, the tables' "nothing here") cannot compute anything and stays as it
    is. Numbers, dates and ``None`` are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and value.strip("-"):
        return "'" + value
    return value

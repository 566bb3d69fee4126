"""The escaping helper and spreadsheet neutralisation."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paraparser import ParaParser

from kws_desktop.documents.text import markup, neutralise_cell, plain


def parsed_text(marked: str) -> str:
    """What reportlab's Paragraph parser reads back from ``marked`` (line breaks as \\n)."""
    _style, frags, _bullet = ParaParser().parse(marked, ParagraphStyle("t"))
    return "".join("\n" if getattr(f, "lineBreak", False) else f.text for f in frags)


@pytest.mark.parametrize("text, expected", [
    ("<b>", "&lt;b&gt;"),
    ("&amp;", "&amp;amp;"),
    ("<img src=x>", "&lt;img src=x&gt;"),
    ('"double" \'single\'', "&quot;double&quot; &#39;single&#39;"),
    ("a\nb", "a<br/>b"),
    ("a\r\nb\rc", "a<br/>b<br/>c"),
    ("bell\x07null\x00esc\x1bdel\x7f", "bellnullescdel"),
    ("tab\tstays", "tab\tstays"),
    ("😀 مرحبا שלום", "😀 مرحبا שלום"),
    (None, ""),
    (1250000, "1250000"),
])
def test_markup_escapes(text, expected):
    assert markup(text) == expected


def test_lone_surrogate_becomes_replacement_character():
    assert markup("a\ud800b") == "a\ufffdb"


def test_long_text_is_kept_whole():
    text = "Pelunasan <tangki> & jamban " * 400  # about 11k characters
    assert parsed_text(markup(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_reportlab_reads_back_exactly_the_clean_text(text):
    assert parsed_text(markup(text)) == plain(text)


@given(st.text())
def test_plain_has_no_control_characters(text):
    cleaned = plain(text)
    assert all(ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)


@pytest.mark.parametrize("value", ["=1+1", "+62812", "-5", "@SUM(A1)", "\tx", "\rx",
                                   "=HYPERLINK(\"http://x\",\"klik\")"])
def test_formula_like_text_is_neutralised(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Semen", "", "-", "--", "Rp1.250.000", " =x", 5, -5, Decimal("-2.5"),
                                   dt.date(2026, 11, 28), None, 1.5])
def test_other_values_are_untouched(value):
    assert neutralise_cell(value) == value

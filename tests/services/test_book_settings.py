"""Each book setting is declared once, with its default and what it accepts."""
import json

import pytest

from kws_desktop.errors import UserError
from kws_desktop.services.book.book_settings import BOOK_SETTINGS
from kws_desktop.services.book.books import get_setting, set_setting
from kws_desktop.store.models.book import Setting


def test_a_new_book_reads_every_default(book):
    assert {key: get_setting(book, key) for key in BOOK_SETTINGS} == {
        key: setting.default for key, setting in BOOK_SETTINGS.items()}


def test_a_value_not_accepted_is_refused_and_nothing_changes(book):
    set_setting(book, "document_paper", "F4")
    with pytest.raises(UserError) as err:
        set_setting(book, "document_paper", "Letter")
    assert "A4, F4 atau A5" in err.value.message
    assert get_setting(book, "document_paper") == "F4"
    with pytest.raises(UserError):
        set_setting(book, "quote_validity_days", 0)


def test_a_damaged_stored_value_reads_as_the_default(book):
    with book.transaction() as s:
        s.add(Setting(key="receipt_paper", value=json.dumps(None)))
        s.add(Setting(key="quote_validity_days", value="not json"))
    assert get_setting(book, "receipt_paper") == "A5"
    assert get_setting(book, "quote_validity_days") == 30


def test_every_setting_read_in_the_code_is_declared():
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "kws_desktop"
    used = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r'_setting\([^,()]+, "([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= set(BOOK_SETTINGS)

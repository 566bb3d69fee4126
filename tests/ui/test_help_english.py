"""Help in English: resources/help/en/<topic>.md first, the Indonesian page when there is none."""
import re

import pytest

from kws_desktop.i18n import set_language
from kws_desktop.paths import resource
from kws_desktop.ui.shell import help as help_ui
from kws_desktop.ui.shell.help import TOPICS, HelpDialog, topic_markdown

PAGES = [key for key, _title in TOPICS if key != "pintasan"]


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("id")


def _outline(text: str) -> list[str]:
    """Headings, numbered steps and bullets: the shape of a page, whatever its language."""
    shape = []
    for line in text.splitlines():
        if line.startswith("#"):
            shape.append(line.split(" ")[0])
        elif re.match(r"\d+\. ", line):
            shape.append(line.split(" ")[0])
        elif line.startswith("- "):
            shape.append("-")
    return shape


@pytest.mark.parametrize("topic", PAGES)
def test_every_help_page_has_an_english_page_with_the_same_shape(topic):
    indonesian = resource("help", f"{topic}.md").read_text(encoding="utf-8")
    english = resource("help", "en", f"{topic}.md").read_text(encoding="utf-8")
    assert _outline(english) == _outline(indonesian)
    assert re.findall(r"\(#\w+\)", english) == re.findall(r"\(#\w+\)", indonesian)  # same links


def test_help_viewer_shows_the_english_page(qtbot, english):
    dialog = HelpDialog(None, "tagihan")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert text.startswith("Invoices & Receipts") and "Receive payment" in text
    assert dialog.windowTitle() == "KWS Desktop Help"
    assert dialog.topics.currentItem().text() == "Invoices & Receipts"
    dialog.show_topic("pelanggan")
    assert dialog.browser.toPlainText().startswith("Customers")


def test_help_viewer_in_indonesian_is_unchanged(qtbot):
    dialog = HelpDialog(None, "tagihan")
    qtbot.addWidget(dialog)
    assert dialog.browser.toPlainText().startswith("Tagihan & Kuitansi")


def test_english_falls_back_to_the_indonesian_page(tmp_path, monkeypatch, english):
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "baru.md").write_text("# Halaman baru\n", encoding="utf-8")
    monkeypatch.setattr(help_ui, "resource", lambda *parts: tmp_path.joinpath(*parts))
    assert topic_markdown("baru") == "# Halaman baru\n"

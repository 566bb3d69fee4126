"""The explicit lists that tie the areas together name every piece, and every piece they name
loads: a broken or forgotten module is a failure here, never a silent gap at run time."""
import ast
import importlib
import re
from pathlib import Path

from sqlalchemy import select

import kws_desktop.store.models  # noqa: F401 - every table in the metadata
from kws_desktop.core.numbering import PREFIXES
from kws_desktop.services.book.check import NUMBERED_IN_AUDIT, NUMBERED_TABLES, SOURCE_TABLES
from kws_desktop.store.base import Base
from kws_desktop.store.models.book import JournalEntry, NumberSequence

PACKAGE = Path(__file__).resolve().parents[1] / "kws_desktop"
SOURCES_WITHOUT_TABLE = {"opening"}  # opening balances are entries of their own


def test_every_numbered_kind_has_its_table():
    assert set(NUMBERED_TABLES) | set(NUMBERED_IN_AUDIT) == set(PREFIXES)
    assert set(NUMBERED_TABLES) & set(NUMBERED_IN_AUDIT) == set()
    tables = set(Base.metadata.tables)
    assert {t for t in NUMBERED_TABLES.values() if t not in tables} == set()
    assert {t for t in SOURCE_TABLES.values() if t not in tables} == set()


def test_every_posted_source_type_is_checked():
    used = set()
    for path in (PACKAGE / "services").rglob("*.py"):
        used |= set(re.findall(r'source_type="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used - SOURCES_WITHOUT_TABLE - set(SOURCE_TABLES) == set()


def test_demo_book_uses_only_known_kinds(demo_book):
    with demo_book.reading() as s:
        sources = set(s.scalars(select(JournalEntry.source_type).distinct()))
        kinds = set(s.scalars(select(NumberSequence.kind).distinct()))
    assert sources - SOURCES_WITHOUT_TABLE - set(SOURCE_TABLES) == set()
    assert kinds - set(NUMBERED_TABLES) - set(NUMBERED_IN_AUDIT) == set()


def test_every_area_page_and_tab_loads():
    from kws_desktop.ui.pages.jobs.page import TABS
    from kws_desktop.ui.shell.main_window import AREAS
    entries = [(module, cls) for _k, _t, module, cls in AREAS] + [(m, c) for _k, m, c, _t in TABS]
    missing = [f"{m}.{c}" for m, c in entries if not hasattr(importlib.import_module(m), c)]
    assert missing == []


def test_a_page_that_fails_to_load_says_so(window, demo_path, monkeypatch):
    """A broken install shows the area with a plain sentence (and logs why), never hides it."""
    from PySide6.QtWidgets import QLabel
    assert window.open_location(str(demo_path))
    real = importlib.import_module

    def broken(name, *args):
        if name.endswith("cash.page"):
            raise ImportError("simulated broken install")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", broken)
    page = window.page("kas")
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "tidak dapat dibuka" in texts


def _public_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.name for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith("_")]


def test_each_area_says_its_modules_and_public_calls():
    """services/<area>/__init__.py lists every module of the area and its public calls (the map
    a newcomer reads first); a new public call is added there too."""
    unlisted = []
    for init in sorted((PACKAGE / "services").glob("*/__init__.py")):
        area = init.parent
        if area.name == "reports":
            continue  # its __init__ is the registry itself
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        for path in sorted(area.glob("*.py")):
            if path.name == "__init__.py":
                continue
            if f"`{path.stem}`" not in doc:
                unlisted.append(f"{area.name}/{path.name}")
            unlisted += [f"{area.name}/{path.stem}.{name}" for name in _public_calls(path)
                         if not re.search(rf"\b{name}\b", doc)]
    assert unlisted == []

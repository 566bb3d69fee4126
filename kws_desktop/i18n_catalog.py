"""Developer tool for the translation catalogs in top-level i18n/.

    python -m kws_desktop.i18n_catalog            update i18n/en/LC_MESSAGES/kws_desktop.po
    python -m kws_desktop.i18n_catalog --check    list source strings without an English text

Source strings are Indonesian (the default language); the English catalog translates them.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from kws_desktop.i18n import DOMAIN
from kws_desktop.paths import i18n_dir

PACKAGE = Path(__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "p_": ((1, "c"), 2),
            "NP_": ((1, "c"), 2)}


def extract() -> Catalog:
    template = Catalog(project="kws-desktop", charset="utf-8")
    method_map = [("**/_data/**", "ignore"), ("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=method_map, keywords=KEYWORDS, strip_comment_tags=True):
        template.add(message, None, [(f"kws_desktop/{filename}", lineno)], auto_comments=comments,
                     context=context)
    for filename, lineno, message, context in _in_fstrings():
        template.add(message, None, [(f"kws_desktop/{filename}", lineno)], context=context)
    return template


def _in_fstrings():
    """Messages inside f-strings, e.g. f"{_('sisa')}: {owed}": babel's extractor does not look
    inside them. Yields (filename, lineno, message, context)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_data" in path.relative_to(PACKAGE).parts:
            continue
        filename = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                        and call.func.id in KEYWORDS):
                    continue
                texts = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if len(texts) != len(call.args) or not texts:
                    continue  # a variable, translated where its constant is marked
                if call.func.id in ("pgettext", "p_", "NP_"):
                    yield filename, call.lineno, texts[1], texts[0]
                elif call.func.id == "ngettext":
                    yield filename, call.lineno, tuple(texts[:2]), None
                else:
                    yield filename, call.lineno, texts[0], None


def po_path(language: str = "en") -> Path:
    return i18n_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(language: str = "en") -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="kws-desktop")
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def update(language: str = "en") -> Catalog:
    catalog = load(language)
    catalog.update(extract(), no_fuzzy_matching=True)
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=False, ignore_obsolete=True)
    return catalog


def untranslated(language: str = "en") -> list[str]:
    """Source strings that have no (non-fuzzy) translation in the catalog."""
    catalog = load(language)
    missing = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found else None
        if isinstance(strings, tuple):
            ok = found is not None and all(strings) and not found.fuzzy
        else:
            ok = found is not None and bool(strings) and not found.fuzzy
        if not ok:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str]) -> int:
    if "--check" in argv:
        missing = untranslated()
        for m in missing:
            print(m)
        print(f"{len(missing)} untranslated", file=sys.stderr)
        return 1 if missing else 0
    catalog = update()
    print(f"{po_path()}: {len(catalog)} messages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

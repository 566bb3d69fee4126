"""documents/ takes plain data: no Qt, no database."""
from __future__ import annotations

import ast
from pathlib import Path

import kws_desktop.documents as documents

FORBIDDEN = ("PySide6", "sqlalchemy", "kws_desktop.ui", "kws_desktop.store", "kws_desktop.services")


def test_documents_import_neither_qt_nor_the_store():
    for path in Path(documents.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"

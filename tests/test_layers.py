"""The layer rule of DESIGN.md: only ui/ imports Qt; core/ imports no other layer."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kws_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _files(*layers: str):
    for layer in layers:
        yield from (PACKAGE / layer).rglob("*.py")


def test_only_ui_imports_qt():
    offenders = [str(f.relative_to(PACKAGE)) for f in PACKAGE.rglob("*.py")
                 if not f.relative_to(PACKAGE).parts[0] == "ui"
                 and any(n.split(".")[0] == "PySide6" for n in _imports(f))]
    assert offenders == []


def test_core_is_pure():
    banned = ("PySide6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "babel")
    offenders = []
    for f in _files("core"):
        for name in _imports(f):
            if name.split(".")[0] in banned or (name.startswith("kws_desktop.")
                                                 and not name.startswith("kws_desktop.core")):
                offenders.append(f"{f.name}: {name}")
    assert offenders == []


def test_services_and_documents_do_not_import_ui():
    offenders = [str(f) for f in _files("core", "store", "services", "documents")
                 if any(n.startswith("kws_desktop.ui") for n in _imports(f))]
    assert offenders == []

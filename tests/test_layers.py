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


def _runtime_imports(path: Path) -> set[str]:
    """Imported modules, leaving out those under `if TYPE_CHECKING:` (type hints only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    names = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_ui_uses_services_only():
    """The window reaches the book through services: it imports no store module and never
    opens a session itself."""
    offenders = []
    for f in _files("ui"):
        rel = f.relative_to(PACKAGE)
        offenders += [f"{rel}: imports {n}" for n in _runtime_imports(f)
                      if n.startswith("kws_desktop.store")]
        text = f.read_text(encoding="utf-8")
        offenders += [f"{rel}: opens a session" for call in (".reading()", ".transaction()")
                      if call in text]
    assert offenders == []


def _area_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 4 and parts[:2] == ["kws_desktop", "services"]:
        return parts[2] if (PACKAGE / "services" / parts[2]).is_dir() else None
    return None


def test_each_area_uses_only_book_and_what_it_declares():
    from kws_desktop.services import AREA_USES
    areas = {p.name for p in (PACKAGE / "services").iterdir() if (p / "__init__.py").exists()}
    assert set(AREA_USES) == areas
    offenders = []
    for area in sorted(areas):
        allowed = {"book", area, *AREA_USES[area]}
        for f in (PACKAGE / "services" / area).rglob("*.py"):
            for name in _runtime_imports(f):
                other = _area_of(name)
                if other is not None and other not in allowed:
                    offenders.append(f"services/{area}/{f.name} uses {other} ({name})")
    assert offenders == []


def _module_graph() -> dict[str, set[str]]:
    modules = {}
    for f in (PACKAGE / "services").rglob("*.py"):
        name = ".".join(("kws_desktop", *f.relative_to(PACKAGE).with_suffix("").parts))
        modules[name.removesuffix(".__init__")] = f
    graph = {}
    for name, f in modules.items():
        tree = ast.parse(f.read_text(encoding="utf-8"))
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                subs = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                targets |= subs if len(subs) == len(node.names) else {node.module, *subs}
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def test_no_import_cycles_in_services():
    """No two service modules import each other, even inside a function: the areas stack."""
    graph = _module_graph()
    cycles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join(p.removeprefix("kws_desktop.services.") for p in path))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    assert cycles == []

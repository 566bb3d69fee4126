"""The known schema revisions, read from the headers of the migration files shipped inside the
package: no Alembic, no SQLAlchemy (store/migrate.py falls back to Alembic when a header is
unusual; the lean reading path, store/lean.py, trusts only a book at the head found here)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_HEADER = re.compile(r'^(down_revision|revision)\s*=\s*(None|["\']([^"\']+)["\'])\s*$', re.M)


@lru_cache(maxsize=1)
def revision_graph() -> dict[str, str | None] | None:
    """{revision: down_revision} read from the migration files, or None if a header is unusual."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = {m.group(1): m.group(3) for m in _HEADER.finditer(path.read_text(encoding="utf-8"))}
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            return None
        graph[found["revision"]] = found["down_revision"]
    return graph or None


def head_from_files() -> str | None:
    """The one head revision of the migration files, or None when the headers do not say."""
    graph = revision_graph()
    if graph is None:
        return None
    heads = set(graph) - {down for down in graph.values() if down}
    return heads.pop() if len(heads) == 1 else None

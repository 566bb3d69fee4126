"""Run the Alembic migrations shipped inside the package.

Alembic is imported only when a migration really runs: opening an up-to-date book (every
start of the window) reads the known revisions from the migration files' headers instead.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_HEADER = re.compile(r'^(down_revision|revision)\s*=\s*(None|["\']([^"\']+)["\'])\s*$', re.M)


def __getattr__(name: str):
    if name == "command":  # `migrate.command` (tests downgrade through it), imported on demand
        from alembic import command
        return command
    raise AttributeError(name)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, str | None] | None:
    """{revision: down_revision} read from the migration files, or None if a header is unusual."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = {m.group(1): m.group(3) for m in _HEADER.finditer(path.read_text(encoding="utf-8"))}
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            return None
        graph[found["revision"]] = found["down_revision"]
    return graph or None


def head_revision() -> str:
    graph = _revision_graph()
    if graph is not None:
        heads = set(graph) - {down for down in graph.values() if down}
        if len(heads) == 1:
            return heads.pop()
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    graph = _revision_graph()
    if graph is not None:
        return set(graph)
    from alembic.script import ScriptDirectory
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), target)
        conn.commit()

"""Run the Alembic migrations shipped inside the package.

Alembic is imported only when a migration really runs: opening an up-to-date book (every
start of the window) reads the known revisions from the migration files' headers instead.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from kws_desktop.store.revisions import MIGRATIONS, head_from_files, revision_graph

if TYPE_CHECKING:
    from alembic.config import Config


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


def head_revision() -> str:
    head = head_from_files()
    if head is not None:
        return head
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    graph = revision_graph()
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

"""Developer tool: write the next migration from what the models have and the head lacks.

    .venv/bin/python -m kws_desktop.store.revision_tool "short description"

Released migrations are never edited (tests/store/test_released_migrations.py); every schema
change is a new revision, written here and then read and adjusted by hand (data moves, defaults
for old rows). Guards are not written in migrations: store/guards.py holds them and every upgrade
to the head re-creates them. See docs/migrations.md.
"""
from __future__ import annotations

import re
import sys

from alembic.autogenerate import produce_migrations, render_python_code
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from kws_desktop.store import migrate, models  # noqa: F401 - registers every table
from kws_desktop.store.base import Base

TEMPLATE = '''"""{message}

Revision ID: {revision}
Revises: {down}
"""
import sqlalchemy as sa
from alembic import op

import kws_desktop.store.base

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
{downgrade}
'''


def render(message: str, revision: str, down: str) -> str:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"render_as_batch": True})
        script = produce_migrations(ctx, Base.metadata)
    opts = {"render_as_batch": True, "user_module_prefix": "kws_desktop.store.base."}
    clean = lambda code: re.sub(r"\s*# ### .*###", "", code).strip("\n").rstrip() or "    pass"
    return TEMPLATE.format(message=message, revision=revision, down=down,
                           upgrade=clean(render_python_code(script.upgrade_ops, **opts)),
                           downgrade=clean(render_python_code(script.downgrade_ops, **opts)))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    down = migrate.head_revision()
    revision = f"{int(down) + 1:04d}"
    slug = re.sub(r"[^a-z0-9]+", "_", argv[0].lower()).strip("_")[:40]
    target = migrate.MIGRATIONS / "versions" / f"{revision}_{slug}.py"
    target.write_text(render(argv[0], revision, down), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

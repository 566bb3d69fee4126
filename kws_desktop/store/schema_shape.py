"""The shape of a book's schema (tables, columns, keys, checks, indexes), compared with the shape
the migrations give at a revision.

A book is trusted to be what its revision stamp says only when its shape agrees: books made
before 1.0 by a regenerated first migration carry the stamp of today's revisions but miss tables
or columns, and are recognised here by what they hold.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, inspect
from sqlalchemy.pool import StaticPool

from kws_desktop.i18n import _

Shape = dict[str, dict[str, Any]]


def _flat(sql: Any) -> str:
    return " ".join(str(sql or "").split()).replace("( ", "(").replace(" )", ")")


def describe(conn: Connection) -> Shape:
    """{table: {columns, primary key, foreign keys, uniques, checks, indexes}}, order-free."""
    insp = inspect(conn)
    shape: Shape = {}
    for table in insp.get_table_names():
        shape[table] = {
            "columns": {c["name"]: (str(c["type"]), bool(c["nullable"]), _flat(c.get("default")))
                        for c in insp.get_columns(table)},
            "primary key": tuple(insp.get_pk_constraint(table)["constrained_columns"]),
            "foreign keys": sorted((tuple(fk["constrained_columns"]), fk["referred_table"],
                                    tuple(fk["referred_columns"]), str(fk.get("options", {}).get("ondelete")))
                                   for fk in insp.get_foreign_keys(table)),
            "uniques": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
            "checks": sorted(_flat(c["sqltext"]) for c in insp.get_check_constraints(table)),
            "indexes": sorted((tuple(i["column_names"]), bool(i["unique"]))
                              for i in insp.get_indexes(table)),
        }
    return shape


@lru_cache(maxsize=8)
def reference(revision: str, dialect: str = "sqlite") -> Shape:
    """The shape a book has at `revision` when made by today's migrations (built in memory)."""
    from kws_desktop.store import migrate
    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        migrate.upgrade(engine, revision)
        with engine.connect() as conn:
            return describe(conn)
    finally:
        engine.dispose()


def differences(have: Shape, want: Shape) -> list[str]:
    """What differs, one short line each (for `check` and the upgrade's log)."""
    out = [_("tabel {table} tidak ada").format(table=t) for t in sorted(set(want) - set(have))]
    out += [_("tabel {table} tidak dikenal").format(table=t) for t in sorted(set(have) - set(want))]
    for table in sorted(set(want) & set(have)):
        mine, theirs = have[table], want[table]
        for key in theirs:
            if key == "columns":
                missing = sorted(set(theirs[key]) - set(mine[key]))
                extra = sorted(set(mine[key]) - set(theirs[key]))
                changed = sorted(c for c in set(theirs[key]) & set(mine[key]) if theirs[key][c] != mine[key][c])
                out += [_("kolom {table}.{column} tidak ada").format(table=table, column=c) for c in missing]
                out += [_("kolom {table}.{column} tidak dikenal").format(table=table, column=c) for c in extra]
                out += [_("kolom {table}.{column} berbeda").format(table=table, column=c) for c in changed]
            elif mine[key] != theirs[key]:
                out.append(_("tabel {table}: {part} berbeda").format(table=table, part=key))
    return out


def file_differences(path: Path, revision: str) -> list[str]:
    """How the SQLite book at `path` differs from the shape its `revision` should have."""
    engine = create_engine(f"sqlite:///{Path(path).resolve().as_uri()}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            return differences(describe(conn), reference(revision))
    finally:
        engine.dispose()

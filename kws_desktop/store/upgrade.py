"""Bring a SQLite book made by an earlier version up to today's schema without ever risking it.

The work is done on a copy beside the book: a book whose shape is not what its revision stamp
says (made before 1.0 by a regenerated first migration) is first rebuilt into the shape of its
stamp, then the migrations run, then the result is checked (integrity, foreign keys, every row
kept, shape and guards as a fresh book's). Only then does the copy's content replace the
book's, as one SQLite transaction (store/file_swap.py). Whatever fails on the way, the book is
exactly as before and the caller names the pre-upgrade backup in one sentence.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from kws_desktop.i18n import _
from kws_desktop.store import guards, migrate, schema_shape
from kws_desktop.store.backup import copy_verified
from kws_desktop.store.file_swap import page_size, replace_contents


class CannotUpgrade(Exception):
    """The old data cannot be carried into today's schema without losing some of it."""


def work_path(book: Path) -> Path:
    return book.with_name(f".{book.name}.pembaruan")


def _stamp(con: sqlite3.Connection) -> str | None:
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def _columns(con: sqlite3.Connection, schema: str, table: str) -> dict[str, tuple]:
    """{column: (not null, default, part of the primary key)}"""
    return {r[1]: (bool(r[3]), r[4], bool(r[5]))
            for r in con.execute(f'PRAGMA {schema}.table_info("{table}")')}


def _engine(path: Path):
    return create_engine(f"sqlite:///{path.resolve().as_uri()}?uri=true", poolclass=NullPool)


def rebuild(path: Path, revision: str) -> None:
    """Rewrite the SQLite file `path` into the shape that `revision` has today, carrying every
    row over. Raises CannotUpgrade when a value would be lost or a rule of that shape refuses
    the old data."""
    fresh = path.with_name(path.name + ".baru")
    fresh.unlink(missing_ok=True)
    con = sqlite3.connect(fresh, isolation_level=None)
    try:  # the page size sticks only once something is written: the swap needs the book's own
        con.execute(f"PRAGMA page_size = {page_size(path)}")
        con.execute("CREATE TABLE kws_page_size (x)")
        con.execute("DROP TABLE kws_page_size")
        con.close()
        engine = _engine(fresh)
        try:
            migrate.upgrade(engine, revision)
        finally:
            engine.dispose()
        con = sqlite3.connect(fresh, isolation_level=None)
        con.execute("PRAGMA foreign_keys = OFF")
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        con.execute("ATTACH DATABASE ? AS old", (f"{path.resolve().as_uri()}?mode=ro",))
        con.execute("BEGIN")
        for name, _sql in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        _carry_rows(con)
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
        broken = con.execute("PRAGMA main.foreign_key_check").fetchall()
        if broken:
            raise CannotUpgrade(_("{table}: rujukan ke {other} tidak ada").format(table=broken[0][0], other=broken[0][2]))
        con.execute("DETACH DATABASE old")
        con.close()
        fresh.replace(path)
    except sqlite3.IntegrityError as exc:  # SQLite's own words name the rule: keep only its name
        rule = str(exc).rsplit(":", 1)[-1].strip() or "?"
        raise CannotUpgrade(_("data lama tidak memenuhi aturan buku {rule}").format(rule=rule)) from exc
    finally:
        con.close()
        fresh.unlink(missing_ok=True)


def _carry_rows(con: sqlite3.Connection) -> None:
    new = [r[0] for r in con.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    old = {r[0] for r in con.execute(
        "SELECT name FROM old.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    for table in sorted(old - set(new)):
        if con.execute(f'SELECT 1 FROM old."{table}" LIMIT 1').fetchone():
            raise CannotUpgrade(_("tabel {table} tidak dikenal versi ini").format(table=table))
    for table in new:
        if table not in old or table == "alembic_version":
            continue
        mine, theirs = _columns(con, "main", table), _columns(con, "old", table)
        for column in set(theirs) - set(mine):
            if con.execute(f'SELECT 1 FROM old."{table}" WHERE "{column}" IS NOT NULL LIMIT 1').fetchone():
                raise CannotUpgrade(_("kolom {table}.{column} tidak dikenal versi ini").format(table=table, column=column))
        has_rows = con.execute(f'SELECT 1 FROM old."{table}" LIMIT 1').fetchone() is not None
        for column, (not_null, default, in_key) in mine.items():
            if column not in theirs and not_null and default is None and not in_key and has_rows:
                raise CannotUpgrade(_("kolom {table}.{column} harus diisi").format(table=table, column=column))
        common = ", ".join(f'"{c}"' for c in mine if c in theirs)
        con.execute(f'INSERT INTO main."{table}" ({common}) SELECT {common} FROM old."{table}"')


def bring_to_head(path: Path) -> None:
    """Migrate the SQLite file `path` (a copy, never the book itself) to the head revision."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        revision = _stamp(con)
    finally:
        con.close()
    if revision is None or schema_shape.file_differences(path, revision):
        rebuild(path, revision or migrate.head_revision())
    engine = _engine(path)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def verify(before: dict[str, int], path: Path) -> None:
    """The upgraded copy is whole, keeps every row, and has a fresh book's shape and guards."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise CannotUpgrade(_("salinan yang diperbarui rusak"))
        if con.execute("PRAGMA foreign_key_check").fetchone():
            raise CannotUpgrade(_("rujukan antarcatatan tidak lengkap"))
    finally:
        con.close()
    after = _counts(path)
    lost = [t for t, n in before.items() if after.get(t, 0) < n and t != "alembic_version"]
    if lost:
        raise CannotUpgrade(_("baris hilang di {tables}").format(tables=", ".join(lost)))
    if schema_shape.file_differences(path, migrate.head_revision()):
        raise CannotUpgrade(_("bentuk buku tidak sesuai versi ini"))
    engine = _engine(path)
    try:
        with engine.connect() as conn:
            if guards.differences(conn):
                raise CannotUpgrade(_("pengaman buku tidak lengkap"))
    finally:
        engine.dispose()


def _discard(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm", ".baru"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def upgrade_in_place(book: Path) -> None:
    """Upgrade the book at `book`, which the caller holds under its writer lock and has backed
    up. Raises CannotUpgrade, sqlite3.Error or OSError with the book exactly as before."""
    work = work_path(book)
    _discard(work)  # left by an upgrade that was killed
    try:
        before = _counts(book)
        copy_verified(book, work)
        bring_to_head(work)
        verify(before, work)
        replace_contents(book, work)
    finally:
        _discard(work)


def look_copy(book: Path) -> Path:
    """An upgraded copy of `book` in a private temporary folder, for a look without changing the
    book. The caller removes its folder (`discard_look`)."""
    folder = Path(tempfile.mkdtemp(prefix="kws-lihat-"))
    copy = folder / book.name
    try:
        copy_verified(book, copy)
        bring_to_head(copy)
    except BaseException:
        discard_look(copy)
        raise
    return copy


def discard_look(copy: Path) -> None:
    shutil.rmtree(copy.parent, ignore_errors=True)

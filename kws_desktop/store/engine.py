"""One engine factory: a .kws SQLite file or a database URL (PostgreSQL)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from kws_desktop.store.lean import SQLITE_HEADER  # noqa: F401 - one definition, used by store/book.py
from kws_desktop.store.location import is_url


def sqlite_url(path: Path, *, read_only: bool = False) -> str:
    uri = Path(path).resolve().as_uri()
    return f"sqlite:///{uri}?mode=ro&uri=true" if read_only else f"sqlite:///{uri}?uri=true"


def normalise_url(url: str) -> str:
    """postgresql://… and postgres://… use the psycopg (3) driver that the project installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(location: str | Path, *, read_only: bool = False, durable: bool = True) -> Engine:
    if is_url(location):
        engine = create_engine(normalise_url(str(location)), pool_pre_ping=True, pool_size=2,
                               max_overflow=4)
        _configure_postgres(engine)
        return engine
    engine = create_engine(sqlite_url(Path(location), read_only=read_only),
                           poolclass=NullPool, connect_args={"timeout": 15})
    _configure_sqlite(engine, read_only=read_only, durable=durable)
    return engine


def _configure_sqlite(engine: Engine, *, read_only: bool, durable: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn, _record):
        # We issue BEGIN ourselves (below), so pysqlite must not.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 15000")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
            # FULL: a returned commit survives power loss. Only a demo being generated (thrown
            # away if interrupted) skips the waits.
            cur.execute("PRAGMA synchronous = FULL" if durable else "PRAGMA synchronous = OFF")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn):
        # Writers take the write lock up front so two writers never deadlock mid-transaction.
        if conn.get_execution_options().get("kws_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


# Any fixed number: the key of the book's writer lock (one book per PostgreSQL database).
WRITER_LOCK_KEY = 0x4B5753  # "KWS"
LOCK_WAIT = "15s"  # as long as SQLite's busy_timeout


def _configure_postgres(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def on_begin(conn):
        # Like BEGIN IMMEDIATE on SQLite: one writer at a time. Each rule "not more than what is
        # left" (an invoice's balance, a titipan, the stock, the cash box, void once) reads and
        # then writes; behind this lock the read already sees every earlier writer's commit, so
        # two writers can never both take the same last rupiah. Readers are never held up.
        if conn.get_execution_options().get("kws_write"):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY})")
        else:
            # One snapshot for the whole read, as on SQLite: a report or `check` never sees a
            # writer's work half done.
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

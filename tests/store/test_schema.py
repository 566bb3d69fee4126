"""A fresh book and one upgraded step by step from the first migration have the same schema,
and both equal the models."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from kws_desktop.store import migrate
from kws_desktop.store.base import Base
from kws_desktop.store.engine import make_engine


def _schema(engine):
    insp = inspect(engine)
    out = {}
    for t in sorted(insp.get_table_names()):
        out[t] = (sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t)),
                  sorted(str(i["column_names"]) + str(i["unique"]) for i in insp.get_indexes(t)))
    return out


def test_fresh_equals_stepwise_upgrade(tmp_path):
    fresh = make_engine(tmp_path / "fresh.kws")
    migrate.upgrade(fresh)
    stepwise = make_engine(tmp_path / "steps.kws")
    migrate.upgrade(stepwise, "0001")
    migrate.upgrade(stepwise)
    assert _schema(fresh) == _schema(stepwise)


def test_migrations_match_models(tmp_path):
    engine = make_engine(tmp_path / "m.kws")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def _triggers(engine):
    with engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all())


def test_triggers_fresh_equal_stepwise_equal_guards(tmp_path):
    """Every way to the head gives the same guards, and they are those store/guards.py defines."""
    from kws_desktop.store import guards
    fresh = make_engine(tmp_path / "fresh.kws")
    migrate.upgrade(fresh)
    stepwise = make_engine(tmp_path / "steps.kws")
    for revision in sorted(migrate.known_revisions()):
        migrate.upgrade(stepwise, revision)
    assert _triggers(fresh) == _triggers(stepwise)
    with fresh.connect() as conn:
        assert guards.differences(conn) == []
        assert set(_triggers(fresh)) == set(guards.expected(conn))


def test_a_batch_operation_cannot_drop_a_guard(tmp_path):
    """An Alembic batch operation recreates a SQLite table without its triggers; the upgrade to
    the head puts them back in the same transaction."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import Column, Integer
    from kws_desktop.store import guards
    engine = make_engine(tmp_path / "b.kws")
    migrate.upgrade(engine, "0003")
    with engine.begin() as conn:
        with Operations(MigrationContext.configure(conn)).batch_alter_table(
                "receipts", recreate="always") as batch:
            batch.add_column(Column("probe", Integer, nullable=True))
    with engine.connect() as conn:
        assert "receipts_guard_update" not in dict(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all())
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert guards.differences(conn) == []


def test_check_names_a_dropped_guard_and_a_missing_column(tmp_path):
    from kws_desktop.services.book.books import create_book, open_book
    from kws_desktop.services.book.check import check_book
    path = tmp_path / "c.kws"
    create_book(path).close(backup=False)
    import sqlite3
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER receipts_no_delete")
    con.execute("DROP TABLE cash_entries")
    con.commit()
    con.close()
    with open_book(path, read_only=True) as book:
        problems = check_book(book)
    assert any("pengaman buku hilang" in p and "receipts_no_delete" in p for p in problems)
    assert any("cash_entries" in p for p in problems)

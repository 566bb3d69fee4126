"""A fresh book and one upgraded step by step from the first migration have the same schema,
and both equal the models."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

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

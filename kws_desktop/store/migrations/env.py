"""Alembic environment: always called with an open connection by store.migrate.

An upgrade that ends at the head revision re-creates the guards (store/guards.py) in the same
transaction, so no migration step, batch operation or older book can leave one out."""
from alembic import context

from kws_desktop.store import guards, models  # noqa: F401 - models registers every table
from kws_desktop.store.base import Base
from kws_desktop.store.migrate import head_revision

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
    if not context.is_offline_mode() and context.get_context().get_current_revision() == head_revision():
        guards.install(connection)

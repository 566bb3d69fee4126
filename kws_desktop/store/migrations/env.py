"""Alembic environment: always called with an open connection by store.migrate."""
from alembic import context

from kws_desktop.store import models  # noqa: F401 - registers every table
from kws_desktop.store.base import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()

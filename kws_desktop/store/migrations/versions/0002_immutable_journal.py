"""Posted journal entries cannot be changed or deleted, even by raw SQL.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("journal_entries", "journal_lines")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        if dialect == "sqlite":
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'kws: posted journal is immutable'); END")
        else:
            op.execute(
                "CREATE OR REPLACE FUNCTION kws_refuse_change() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'kws: posted journal is immutable'; END; $$ LANGUAGE plpgsql")
            op.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION kws_refuse_change()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        if dialect == "sqlite":
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")

"""A posted entry takes no further line; stronger guards against raw SQL.

`journal_entries.line_count` records how many lines an entry was posted with (filled here for
every existing entry), so the guards can refuse a balanced pair of lines slipped into an old
entry. The other guards of this revision (no INSERT OR REPLACE over a guarded row, sent quotes,
orders' money and payers, period closes, number sequences, accounts in use, attachments,
PostgreSQL TRUNCATE) are created by store/guards.py when the upgrade ends.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal_entries") as batch:
        batch.add_column(sa.Column("line_count", sa.Integer(), nullable=True))
    # the entries are immutable; the guard is re-created by env.py when the upgrade ends
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS journal_entries_no_update")
    else:
        op.execute("DROP TRIGGER IF EXISTS journal_entries_immutable ON journal_entries")
    op.execute("UPDATE journal_entries SET line_count = "
               "(SELECT count(*) FROM journal_lines l WHERE l.entry_id = journal_entries.id)")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, event in (("journal_entries", "update"), ("journal_entries", "delete"), ("journal_lines", "sealed")):
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{'sealed' if event == 'sealed' else 'no_' + event}")
        elif event != "delete":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{'sealed' if event == 'sealed' else 'immutable'} ON {table}")
    with op.batch_alter_table("journal_entries") as batch:
        batch.drop_column("line_count")
    # the journal guards of 0002, which the table's recreation above dropped
    if sqlite:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER journal_entries_no_{event.lower()} BEFORE {event} ON journal_entries "
                       "BEGIN SELECT RAISE(ABORT, 'kws: posted journal is immutable'); END")
    else:
        op.execute("CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries "
                   "FOR EACH ROW EXECUTE FUNCTION kws_refuse_change()")

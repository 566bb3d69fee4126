"""The journal's totals per account and day, filled here from every existing line.

`account_day_totals` sums the journal lines per account and entry date; `cash_counter_day_totals`
sums, for entries that move cash or bank, their other lines (what the cash flow classifies). From
here on the trigger `journal_lines_totals` (store/guards.py, created when the upgrade ends) adds
every new line in the same statement. The fill is written out here (not imported) so this
revision stays as released.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('account_day_totals',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.Column('last_line_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_account_day_totals_account_id_accounts')),
    sa.PrimaryKeyConstraint('account_id', 'day', name=op.f('pk_account_day_totals'))
    )
    with op.batch_alter_table('account_day_totals', schema=None) as batch_op:
        batch_op.create_index('ix_account_day_totals_day', ['day'], unique=False)
        batch_op.create_index('ix_account_day_totals_last_line', ['last_line_id'], unique=False)

    op.create_table('cash_counter_day_totals',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_cash_counter_day_totals_account_id_accounts')),
    sa.PrimaryKeyConstraint('account_id', 'day', name=op.f('pk_cash_counter_day_totals'))
    )
    with op.batch_alter_table('cash_counter_day_totals', schema=None) as batch_op:
        batch_op.create_index('ix_cash_counter_day_totals_day', ['day'], unique=False)

    cash = "(a.is_cash OR a.code IN ('1-1100', '1-1200'))"
    op.execute("INSERT INTO account_day_totals (account_id, day, amount, lines, last_line_id) "
               "SELECT l.account_id, e.date, sum(l.amount), count(*), max(l.id) FROM journal_lines l "
               "JOIN journal_entries e ON e.id = l.entry_id GROUP BY l.account_id, e.date")
    op.execute("INSERT INTO cash_counter_day_totals (account_id, day, amount, lines) "
               "SELECT l.account_id, e.date, sum(l.amount), count(*) FROM journal_lines l "
               "JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id "
               f"WHERE NOT {cash} AND EXISTS (SELECT 1 FROM journal_lines c JOIN accounts a ON "
               f"a.id = c.account_id WHERE c.entry_id = l.entry_id AND {cash}) "
               "GROUP BY l.account_id, e.date")


def downgrade() -> None:
    # the journal's trigger that fills the tables goes first (their own guards go with them)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS journal_lines_totals")
    else:
        op.execute("DROP TRIGGER IF EXISTS journal_lines_totals ON journal_lines")
        op.execute("DROP FUNCTION IF EXISTS kws_journal_totals()")
        op.execute("DROP FUNCTION IF EXISTS kws_guard_totals() CASCADE")
    with op.batch_alter_table('cash_counter_day_totals', schema=None) as batch_op:
        batch_op.drop_index('ix_cash_counter_day_totals_day')

    op.drop_table('cash_counter_day_totals')
    with op.batch_alter_table('account_day_totals', schema=None) as batch_op:
        batch_op.drop_index('ix_account_day_totals_last_line')
        batch_op.drop_index('ix_account_day_totals_day')

    op.drop_table('account_day_totals')

"""Other job costs in cost of sales: the account 5-8000 Beban Lain-lain Pekerjaan.

A job's "other" costs (order costs of kind "other") are posted from here on to 5-8000, in the
cost-of-sales group, beside transport, equipment hire and permits; before, they went to 6-1000
Beban Operasional Kelompok (an operating expense), so the P&L's cost of sales missed them.

Here the account is added to a book that has a chart (a new book gets it from the chart, with
the others). The entries already posted to 6-1000 stay where they are: posted entries are never
changed, and moving them by a reclassifying entry would either change the figures of years
already reported (dated in those years, possibly closed) or put several years' costs into
today's year (dated today). The profit and loss names the amount of such earlier costs in its
period instead (services/reports/statements.py).

Downgrade removes the account while nothing is posted to it; once costs are posted there it
stays (the older version shows it, a 5- account, among the cost of sales).

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# written out (not imported from core.accounts) so this revision stays as released
CODE = "5-8000"
accounts = sa.table("accounts", sa.column("id", sa.Integer), sa.column("code", sa.String),
                    sa.column("name_id", sa.String), sa.column("name_en", sa.String),
                    sa.column("type", sa.String), sa.column("is_cash", sa.Boolean),
                    sa.column("active", sa.Boolean))
journal_lines = sa.table("journal_lines", sa.column("account_id", sa.Integer))


def upgrade() -> None:
    bind = op.get_bind()
    has_chart = bind.execute(sa.select(sa.func.count()).select_from(accounts)).scalar()
    has_code = bind.execute(sa.select(accounts.c.id).where(accounts.c.code == CODE)).first()
    if has_chart and not has_code:
        op.execute(accounts.insert().values(code=CODE, name_id="Beban Lain-lain Pekerjaan",
                                            name_en="Other job costs", type="beban",
                                            is_cash=False, active=True))


def downgrade() -> None:
    used = sa.exists().where(journal_lines.c.account_id == accounts.c.id)
    op.execute(accounts.delete().where(accounts.c.code == CODE, ~used))

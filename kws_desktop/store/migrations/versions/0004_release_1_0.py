"""Release 1.0: the first frozen revision.

Books of the 0.x development versions carry the stamps 0001 to 0003 but may lack tables, columns
or guards that today's 0001 to 0003 create (those files were regenerated and edited before 1.0).
An upgrade to this revision therefore starts from what such a book holds, not from its stamp
(store/upgrade.py), and ends with the guards in force (store/guards.py, via migrations/env.py).
The step itself changes nothing.

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

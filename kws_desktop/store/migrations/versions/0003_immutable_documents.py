"""Issued documents cannot be changed or deleted, even by raw SQL: only voiding (with a reason)
and a few bookkeeping fields the services legitimately keep up to date may change.

Per table (see SPECS):
- no row is ever deleted (instalments: only those no payment was allocated to, which is what
  rescheduling an invoice does);
- every column is frozen once the row is written, except
  - `status`: only the transition to "void" (from the listed states) and only with a
    non-empty `void_reason` (receipts: only when their payment is void; invoices: also the
    cached open <-> paid status that follows payments);
  - the void columns (`void_reason`, `voided_at`, `voided_by`, `void_entry_id`): only in the
    update that voids the document;
  - link columns set once after the row was inserted (`journal_entry_id`, `entry_id`, ...): only
    from empty to a value;
  - counters and dates that only move forward (`print_count`, an invoice's `due_date` when it is
    rescheduled later);
  - free columns (a receipt's `last_printed_at`).
- the audit log is append-only.

The columns of each table are read from the database when the migration runs (SQLite); on
PostgreSQL every column except the allowed ones is compared as a whole row (jsonb), so columns
added later are protected there too. A later migration that adds a column to one of these tables
on SQLite recreates that table's trigger (call `create_guard(table)` again after dropping it).

Revision ID: 0003
Revises: 0002
"""

from dataclasses import dataclass

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MESSAGE = "kws: issued document is immutable"
VOID_COLUMNS = ("void_reason", "voided_at", "voided_by", "void_entry_id")


@dataclass(frozen=True)
class Spec:
    status: str | None = None        # None | "void" | "invoice" | "receipt"
    void_from: tuple[str, ...] = ("posted",)
    once: tuple[str, ...] = ()        # may go from NULL to a value, once
    grows: tuple[str, ...] = ()       # may only increase
    free: tuple[str, ...] = ()        # may change
    delete: str = "never"             # never | unallocated (instalments)
    special: tuple[tuple[str, str], ...] = ()  # (column, condition under which it may change)


SPECS: dict[str, Spec] = {
    "purchases": Spec(status="void", once=("journal_entry_id", "attachment_id")),
    "purchase_lines": Spec(),
    "supplier_payments": Spec(status="void", once=("journal_entry_id",)),
    "stock_moves": Spec(once=("journal_entry_id",)),
    "stock_counts": Spec(once=("journal_entry_id",), special=(
        # the net difference is written once the lines are counted, before the entry is posted
        ("difference_value", "OLD.journal_entry_id IS NULL AND OLD.difference_value = 0"),)),
    "stock_count_lines": Spec(),
    "invoices": Spec(status="invoice", once=("journal_entry_id",), grows=("due_date",)),
    "invoice_lines": Spec(),
    "instalments": Spec(delete="unallocated"),
    "payments": Spec(status="void", once=("journal_entry_id",)),
    "payment_allocations": Spec(),
    "receipts": Spec(status="receipt", grows=("print_count",), free=("last_printed_at",)),
    "advances": Spec(status="void", once=("entry_id",)),
    "wage_payouts": Spec(status="void", once=("entry_id",)),
    "wage_payout_lines": Spec(),
    "profit_sharings": Spec(status="void", once=("entry_id", "period_close_id")),
    "profit_sharing_lines": Spec(),
    "order_crew": Spec(status="void", once=("journal_entry_id",)),
    "order_costs": Spec(status="void", once=("journal_entry_id",)),
    "order_handovers": Spec(status="void", void_from=("issued",)),
    "cash_entries": Spec(status="void", once=("journal_entry_id",)),
    "audit_log": Spec(),
}


def _columns(table: str) -> list[str]:
    return [c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)]


def _conditions(table: str, spec: Spec, dialect: str) -> tuple[list[str], list[str]]:
    """(SQL conditions that make an UPDATE illegal, columns that may change at all)."""
    ne = (lambda c: f"NEW.{c} IS NOT OLD.{c}") if dialect == "sqlite" else \
        (lambda c: f"NEW.{c} IS DISTINCT FROM OLD.{c}")
    cols = _columns(table)
    void_cols = [c for c in VOID_COLUMNS if c in cols] if spec.status in ("void", "invoice") else []
    bad: list[str] = []
    reason = "trim(coalesce(NEW.void_reason, '')) <> ''"
    voiding = "OLD.status <> 'void' AND NEW.status = 'void'"
    if spec.status == "void":
        states = ", ".join(f"'{s}'" for s in spec.void_from)
        bad.append(f"{ne('status')} AND NOT (OLD.status IN ({states}) AND NEW.status = 'void' AND {reason})")
    elif spec.status == "invoice":
        bad.append(f"{ne('status')} AND NOT (OLD.status IN ('open', 'paid') AND "
                   f"(NEW.status IN ('open', 'paid') OR (NEW.status = 'void' AND {reason})))")
    elif spec.status == "receipt":
        bad.append(f"{ne('status')} AND NOT (OLD.status = 'posted' AND NEW.status = 'void' AND "
                   f"EXISTS (SELECT 1 FROM payments p WHERE p.id = NEW.payment_id AND p.status = 'void'))")
    if void_cols:
        bad.append("(" + " OR ".join(ne(c) for c in void_cols) + f") AND NOT ({voiding})")
    for c in spec.once:
        bad.append(f"OLD.{c} IS NOT NULL AND {ne(c)}")
    for c in spec.grows:
        bad.append(f"NEW.{c} < OLD.{c}")
    for c, allowed in spec.special:
        bad.append(f"{ne(c)} AND NOT ({allowed})")
    movable = set(void_cols) | set(spec.once) | set(spec.grows) | set(spec.free) | {c for c, _a in spec.special}
    if spec.status:
        movable.add("status")
    if dialect == "sqlite":
        bad += [ne(c) for c in cols if c not in movable]
    return bad, sorted(movable)


def create_guard(table: str) -> None:
    spec = SPECS[table]
    dialect = op.get_bind().dialect.name
    bad, movable = _conditions(table, spec, dialect)
    if dialect == "sqlite":
        raise_ = f"SELECT RAISE(ABORT, '{MESSAGE} ({table})')"
        if spec.delete == "never":
            op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN {raise_}; END")
        else:
            op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                       f"WHEN EXISTS (SELECT 1 FROM payment_allocations a WHERE a.instalment_id = OLD.id) "
                       f"BEGIN {raise_}; END")
        when = " OR ".join(f"({b})" for b in bad)
        op.execute(f"CREATE TRIGGER {table}_guard_update BEFORE UPDATE ON {table} "
                   f"WHEN {when} BEGIN {raise_}; END")
        return
    keep = "ARRAY[" + ", ".join(f"'{c}'" for c in movable) + "]::text[]" if movable else "ARRAY[]::text[]"
    bad.append(f"(to_jsonb(NEW) - {keep}) IS DISTINCT FROM (to_jsonb(OLD) - {keep})")
    if spec.delete == "never":
        on_delete = f"RAISE EXCEPTION '{MESSAGE} ({table})';"
    else:
        on_delete = (f"IF EXISTS (SELECT 1 FROM payment_allocations a WHERE a.instalment_id = OLD.id) THEN "
                     f"RAISE EXCEPTION '{MESSAGE} ({table})'; END IF; RETURN OLD;")
    when = " OR ".join(f"({b})" for b in bad)
    op.execute(
        f"CREATE OR REPLACE FUNCTION kws_guard_{table}() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' THEN {on_delete} END IF; "
        f"IF {when} THEN RAISE EXCEPTION '{MESSAGE} ({table})'; END IF; "
        f"RETURN NEW; END; $$ LANGUAGE plpgsql")
    op.execute(f"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} "
               f"FOR EACH ROW EXECUTE FUNCTION kws_guard_{table}()")


def drop_guard(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_guard_update")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_guard ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS kws_guard_{table}()")


def upgrade() -> None:
    for table in SPECS:
        create_guard(table)


def downgrade() -> None:
    for table in SPECS:
        drop_guard(table)

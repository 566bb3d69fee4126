"""The guards of a book: database triggers that keep posted entries and issued documents from
being changed or deleted, even by raw SQL (SQLite and PostgreSQL).

This module is the one definition of the guards in force. They are not written by the migrations
one by one: every upgrade that reaches the head revision ends with `install()` in the same
transaction (see migrations/env.py), which drops every guard and creates the current set from the
tables as they are then. So no migration can leave a guard out: an Alembic batch operation that
recreates a table without its triggers is repaired at the end of the same upgrade. Changing a
guard here needs a new (possibly empty) revision, so that existing books get it (enforced by
tests/store/test_released_migrations.py).

`expected()` renders the same statements for `check`, which compares them with the book's own.

Per document table (see SPECS):
- no row is ever deleted (instalments: only those no payment was allocated to, which is what
  rescheduling an invoice does);
- every column is frozen once the row is written, except
  - `status`: only the transition to "void" (from the listed states) and only with a
    non-empty `void_reason` (receipts: only when their payment is void; invoices: also the
    cached open <-> paid status that follows payments);
  - the void columns: only in the update that voids the document;
  - link columns set once after the row was inserted (`journal_entry_id`, `entry_id`, ...): only
    from empty to a value;
  - counters and dates that only move forward (`print_count`, an invoice's `due_date`);
  - free columns (a receipt's `last_printed_at`).
- the journal (entries and lines) and the audit log are append-only.

The journal's totals per account and day (`account_day_totals`, `cash_counter_day_totals`) are
kept by a trigger on every journal line, in the same statement: even a line written by raw SQL
moves them. Their rows are never deleted and an update may only add lines to a row (rebuilding
them, `services.book.totals.rebuild_totals`, lifts their guards within its transaction only).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text

from kws_desktop.store.totals_triggers import (JOURNAL_MESSAGE, SQLITE_TOTALS_TRIGGERS, TOTALS_TABLES, flat,
                                              sqlite_totals_statements, totals_body, totals_refused)

DOCUMENT_MESSAGE = "kws: issued document is immutable"
JOURNAL_TABLES = ("journal_entries", "journal_lines")
VOID_COLUMNS = ("void_reason", "voided_at", "voided_by", "void_entry_id")


ALLOCATED = "EXISTS (SELECT 1 FROM payment_allocations a WHERE a.instalment_id = OLD.id)"
ACCOUNT_USED = "EXISTS (SELECT 1 FROM journal_lines l WHERE l.account_id = OLD.id)"


@dataclass(frozen=True)
class Spec:
    status: str | None = None        # None | "void" | "invoice" | "receipt"
    void_from: tuple[str, ...] = ("posted",)
    once: tuple[str, ...] = ()        # may go from NULL to a value, once
    grows: tuple[str, ...] = ()       # may only increase
    free: tuple[str, ...] = ()        # may change
    refuse_delete: str = "1"          # SQL on OLD: when a DELETE is refused ("1": always)
    special: tuple[tuple[str, str], ...] = ()  # (column, condition under which it may change)
    rules: tuple[str, ...] = ()       # further conditions (on OLD and NEW) that refuse an update
    only: tuple[str, ...] | None = None  # set: only these columns are frozen, the others free
    applies: str | None = None        # set: the update rules hold only while this holds of OLD


QUOTE_SENT = "OLD.status <> 'draft'"

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
    "instalments": Spec(refuse_delete=ALLOCATED),
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
    # closing a period stands; it may only be reopened once, with a reason
    "period_closes": Spec(once=("reopened_at",), special=(
        ("reopen_reason", "OLD.reopened_at IS NULL AND NEW.reopened_at IS NOT NULL"),), rules=(
        "OLD.reopened_at IS NULL AND NEW.reopened_at IS NOT NULL "
        "AND trim(coalesce(NEW.reopen_reason, '')) = ''",)),
    # a number handed out is never handed out again
    "number_sequences": Spec(grows=("last",)),
    # an order's agreed money and its payers are fixed when it is made
    "orders": Spec(only=("id", "number", "price", "discount", "quoted_cost", "created_at", "created_by")),
    "order_items": Spec(),
    "order_payers": Spec(),
    # a quote once sent is what the household received: its content stays; a draft is free
    "quotes": Spec(applies=QUOTE_SENT, refuse_delete=QUOTE_SENT, free=(
        "status", "sent_date", "decided_date", "reject_reason", "order_id", "notes", "updated_at"),
        rules=("NEW.status = 'draft'",)),
    # an account that carries lines keeps its code and kind
    "accounts": Spec(only=("id", "code", "type", "is_cash"), applies=ACCOUNT_USED, refuse_delete=ACCOUNT_USED),
    # a picture or scan keeps its content; a purchase's slip stays while the purchase does
    "attachments": Spec(only=("id", "data", "filename", "mime", "created_at"),
                        refuse_delete="EXISTS (SELECT 1 FROM purchases p WHERE p.attachment_id = OLD.id)"),
}

# Rows that belong to a parent and follow its state: {table: condition on the row ({row} = NEW or
# OLD) under which no row may be added, changed or removed}.
CHILDREN: dict[str, str] = {
    "quote_items": "(SELECT q.status FROM quotes q WHERE q.id = {row}.quote_id) <> 'draft'",
    "quote_payers": "(SELECT q.status FROM quotes q WHERE q.id = {row}.quote_id) <> 'draft'",
    "quote_item_components": "(SELECT q.status FROM quotes q JOIN quote_items i ON i.quote_id = q.id "
                             "WHERE i.id = {row}.item_id) <> 'draft'",
}
# Lines of a document that was posted take no new line: {table: condition on NEW under which an
# insert is refused}. The services write the lines before posting (and linking) the document.
def _posted(parent: str, key: str, link: str) -> str:
    return f"(SELECT p.{link} FROM {parent} p WHERE p.id = NEW.{key}) IS NOT NULL"


BILLED = "EXISTS (SELECT 1 FROM invoice_lines l WHERE l.order_id = NEW.order_id)"
SEALED_CHILDREN: dict[str, str] = {
    "invoice_lines": _posted("invoices", "invoice_id", "journal_entry_id"),
    "purchase_lines": _posted("purchases", "purchase_id", "journal_entry_id"),
    "payment_allocations": _posted("payments", "payment_id", "journal_entry_id"),
    "wage_payout_lines": _posted("wage_payouts", "payout_id", "entry_id"),
    "profit_sharing_lines": _posted("profit_sharings", "sharing_id", "entry_id"),
    "stock_count_lines": _posted("stock_counts", "count_id", "journal_entry_id"),
    "order_items": BILLED,     # an order once billed keeps its items and payers
    "order_payers": BILLED,
}
# A posted entry takes no further line: it was posted with `line_count` lines.
SEALED_LINES = ("(SELECT count(*) FROM journal_lines l WHERE l.entry_id = NEW.entry_id) >= "
                "coalesce((SELECT e.line_count FROM journal_entries e WHERE e.id = NEW.entry_id), 0)")

GUARDED_TABLES = JOURNAL_TABLES + tuple(SPECS) + tuple(CHILDREN)

# The journal's totals: their trigger and guards are plain SQL text in store/totals_triggers.py
# (the lean reading path, store/lean.py, compares them without SQLAlchemy).


def _columns(conn: Connection, table: str) -> list[str]:
    return [c["name"] for c in inspect(conn).get_columns(table)]


def _keys(conn: Connection, table: str) -> list[tuple[str, ...]]:
    """The primary key and every unique key of `table` (what INSERT OR REPLACE would replace)."""
    insp = inspect(conn)
    keys = [tuple(insp.get_pk_constraint(table)["constrained_columns"])]
    keys += [tuple(u["column_names"]) for u in insp.get_unique_constraints(table)]
    keys += [tuple(i["column_names"]) for i in insp.get_indexes(table) if i["unique"]]
    return sorted({k for k in keys if k})


def _conditions(columns: list[str], spec: Spec, dialect: str) -> tuple[list[str], list[str]]:
    """(SQL conditions that make an UPDATE illegal, columns that may change at all)."""
    ne = (lambda c: f"NEW.{c} IS NOT OLD.{c}") if dialect == "sqlite" else \
        (lambda c: f"NEW.{c} IS DISTINCT FROM OLD.{c}")
    void_cols = [c for c in VOID_COLUMNS if c in columns] if spec.status in ("void", "invoice") else []
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
    for c in spec.grows:  # SQLite would rank a text or blob above every number: types must stay
        bad.append(f"typeof(NEW.{c}) <> typeof(OLD.{c}) OR NOT (NEW.{c} >= OLD.{c})" if dialect == "sqlite"
                   else f"NOT (NEW.{c} >= OLD.{c})")
    for c, allowed in spec.special:
        bad.append(f"{ne(c)} AND NOT ({allowed})")
    bad += list(spec.rules)
    movable = set(void_cols) | set(spec.once) | set(spec.grows) | set(spec.free) | {c for c, _a in spec.special}
    if spec.status:
        movable.add("status")
    if spec.only is not None:
        movable = set(columns) - set(spec.only)
        bad += [ne(c) for c in spec.only if c in columns]
    elif dialect == "sqlite":
        bad += [ne(c) for c in columns if c not in movable]
    if spec.applies:
        bad = [f"({spec.applies}) AND ({b})" for b in bad]
    return bad, sorted(movable)


def _no_replace(conn: Connection, table: str) -> dict[str, str]:
    """SQLite: INSERT OR REPLACE (and UPDATE OR REPLACE) delete the row they collide with without
    firing delete triggers, so a write that meets another row's key is refused before it happens."""
    match = " OR ".join("(" + " AND ".join(f"x.{c} = NEW.{c}" for c in key) + ")" for key in _keys(conn, table))
    raise_ = f"BEGIN SELECT RAISE(ABORT, '{DOCUMENT_MESSAGE} ({table})'); END"
    return {
        f"{table}_no_replace": (f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                                f"WHEN EXISTS (SELECT 1 FROM {table} x WHERE {match}) {raise_}"),
        f"{table}_no_replace_update": (f"CREATE TRIGGER {table}_no_replace_update BEFORE UPDATE ON {table} "
                                       f"WHEN EXISTS (SELECT 1 FROM {table} x WHERE x.rowid <> OLD.rowid "
                                       f"AND ({match})) {raise_}"),
    }


def _sqlite_statements(conn: Connection) -> dict[str, str]:
    """{trigger name: CREATE TRIGGER statement} of the guards in force, for this book's tables."""
    out: dict[str, str] = {}
    present = set(inspect(conn).get_table_names())
    for table in GUARDED_TABLES:
        if table not in present:  # a damaged book: its guards are named missing by `differences`
            out[f"{table}_no_replace"] = out[f"{table}_no_replace_update"] = ""
            continue
        out.update(_no_replace(conn, table))
    for table in JOURNAL_TABLES:
        for event in ("UPDATE", "DELETE"):
            name = f"{table}_no_{event.lower()}"
            out[name] = (f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
                         f"BEGIN SELECT RAISE(ABORT, '{JOURNAL_MESSAGE}'); END")
    out["journal_lines_sealed"] = (f"CREATE TRIGGER journal_lines_sealed BEFORE INSERT ON journal_lines "
                                   f"WHEN {SEALED_LINES} BEGIN SELECT RAISE(ABORT, '{JOURNAL_MESSAGE}'); END")
    for table, sealed in SEALED_CHILDREN.items():
        out[f"{table}_sealed"] = (f"CREATE TRIGGER {table}_sealed BEFORE INSERT ON {table} WHEN {sealed} "
                                  f"BEGIN SELECT RAISE(ABORT, '{DOCUMENT_MESSAGE} ({table})'); END")
    for table, spec in SPECS.items():
        if table not in present:
            out[f"{table}_no_delete"] = out[f"{table}_guard_update"] = ""
            continue
        bad, _movable = _conditions(_columns(conn, table), spec, "sqlite")
        raise_ = f"SELECT RAISE(ABORT, '{DOCUMENT_MESSAGE} ({table})')"
        when = "" if spec.refuse_delete == "1" else f"WHEN {spec.refuse_delete} "
        out[f"{table}_no_delete"] = (f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                                     f"{when}BEGIN {raise_}; END")
        out[f"{table}_guard_update"] = (f"CREATE TRIGGER {table}_guard_update BEFORE UPDATE ON {table} "
                                        f"WHEN " + " OR ".join(f"({b})" for b in bad) + f" BEGIN {raise_}; END")
    out.update(sqlite_totals_statements(present))
    for table, frozen in CHILDREN.items():
        raise_ = f"SELECT RAISE(ABORT, '{DOCUMENT_MESSAGE} ({table})')"
        new, old = frozen.format(row="NEW"), frozen.format(row="OLD")
        out[f"{table}_frozen_insert"] = (f"CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table} "
                                         f"WHEN {new} BEGIN {raise_}; END")
        out[f"{table}_frozen_update"] = (f"CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table} "
                                         f"WHEN ({old}) OR ({new}) BEGIN {raise_}; END")
        out[f"{table}_frozen_delete"] = (f"CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table} "
                                         f"WHEN {old} BEGIN {raise_}; END")
    return out


REFILLING = "kws.refilling_totals"  # PostgreSQL: set for one transaction, the totals may be made again


def allow_refilling_totals(conn: Connection) -> None:
    """Let this transaction delete and write the totals rows (their guards refuse it otherwise):
    SQLite drops those two guards (`install_totals_guards` puts them back in the same
    transaction); PostgreSQL, whose app role may not drop triggers, sets a flag for the
    transaction only."""
    if conn.dialect.name == "sqlite":
        for name in sqlite_totals_statements(set(TOTALS_TABLES)):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    else:
        conn.execute(text(f"SELECT set_config('{REFILLING}', 'on', true)"))


def install_totals_guards(conn: Connection) -> None:
    """After `allow_refilling_totals`: SQLite creates the totals' trigger and guards as defined
    here (so a refill also repairs a dropped one); PostgreSQL clears the flag."""
    if conn.dialect.name == "sqlite":
        for statement in sqlite_totals_statements(set(TOTALS_TABLES)).values():
            conn.execute(text(statement))
    else:
        conn.execute(text(f"SELECT set_config('{REFILLING}', 'off', true)"))


def totals_kept(conn: Connection) -> bool:
    """Whether the triggers that keep the journal's totals are in force as defined here: a cheap
    look at the trigger definitions only, for reports deciding whether to trust the totals."""
    if conn.dialect.name == "sqlite":
        have = dict(conn.execute(text(SQLITE_TOTALS_TRIGGERS)).all())
        wanted = sqlite_totals_statements(set(TOTALS_TABLES))
        return all(flat(have.get(name)) == flat(sql) for name, sql in wanted.items())
    enabled = {r[0] for r in conn.execute(text(
        "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
        "AND t.tgenabled <> 'D' AND c.relnamespace = current_schema()::regnamespace"))}
    names = {"journal_lines_totals"} | {f"{t}_guard" for t in TOTALS_TABLES}
    body = conn.execute(text("SELECT prosrc FROM pg_proc WHERE proname = 'kws_journal_totals' "
                             "AND pronamespace = current_schema()::regnamespace")).scalar()
    wanted = f" BEGIN {totals_body('postgresql')} RETURN NULL; END; "
    return names <= enabled and flat(body) == flat(wanted)


def _postgres_statements(conn: Connection) -> list[str]:
    # every function looks up tables in the book's schema, pg_temp last: a temporary table of the
    # same name made by a session can then not stand in for the real one
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    fixed = f"SET search_path = \"{schema}\", pg_catalog, pg_temp"
    out = ["CREATE OR REPLACE FUNCTION kws_refuse_change() RETURNS trigger AS $$ "
           f"BEGIN RAISE EXCEPTION '{JOURNAL_MESSAGE}'; END; $$ LANGUAGE plpgsql {fixed}",
           "CREATE OR REPLACE FUNCTION kws_refuse_truncate() RETURNS trigger AS $$ "
           f"BEGIN RAISE EXCEPTION '{DOCUMENT_MESSAGE} (%)', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql {fixed}",
           "CREATE OR REPLACE FUNCTION kws_guard_journal_lines_sealed() RETURNS trigger AS $$ BEGIN "
           f"IF {SEALED_LINES} THEN RAISE EXCEPTION '{JOURNAL_MESSAGE}'; END IF; RETURN NEW; END; "
           f"$$ LANGUAGE plpgsql {fixed}"]
    for table in JOURNAL_TABLES:
        out.append(f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION kws_refuse_change()")
    out.append("CREATE TRIGGER journal_lines_sealed BEFORE INSERT ON journal_lines "
               "FOR EACH ROW EXECUTE FUNCTION kws_guard_journal_lines_sealed()")
    for table, sealed in SEALED_CHILDREN.items():
        out.append(f"CREATE OR REPLACE FUNCTION kws_guard_{table}_sealed() RETURNS trigger AS $$ BEGIN "
                   f"IF {sealed} THEN RAISE EXCEPTION '{DOCUMENT_MESSAGE} ({table})'; END IF; RETURN NEW; END; "
                   f"$$ LANGUAGE plpgsql {fixed}")
        out.append(f"CREATE TRIGGER {table}_sealed BEFORE INSERT ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION kws_guard_{table}_sealed()")
    for table, spec in SPECS.items():
        bad, movable = _conditions(_columns(conn, table), spec, "postgresql")
        if spec.only is None:
            keep = "ARRAY[" + ", ".join(f"'{c}'" for c in movable) + "]::text[]" if movable else "ARRAY[]::text[]"
            whole = f"(to_jsonb(NEW) - {keep}) IS DISTINCT FROM (to_jsonb(OLD) - {keep})"
            bad.append(f"({spec.applies}) AND {whole}" if spec.applies else whole)
        refuse = f"RAISE EXCEPTION '{DOCUMENT_MESSAGE} ({table})';"
        on_delete = refuse if spec.refuse_delete == "1" else (
            f"IF {spec.refuse_delete} THEN {refuse} END IF; RETURN OLD;")
        when = " OR ".join(f"({b})" for b in bad)
        out.append(f"CREATE OR REPLACE FUNCTION kws_guard_{table}() RETURNS trigger AS $$ BEGIN "
                   f"IF TG_OP = 'DELETE' THEN {on_delete} END IF; "
                   f"IF {when} THEN {refuse} END IF; "
                   f"RETURN NEW; END; $$ LANGUAGE plpgsql {fixed}")
        out.append(f"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION kws_guard_{table}()")
    for table, frozen in CHILDREN.items():
        refuse = f"RAISE EXCEPTION '{DOCUMENT_MESSAGE} ({table})';"
        new, old = frozen.format(row="NEW"), frozen.format(row="OLD")
        out.append(f"CREATE OR REPLACE FUNCTION kws_guard_{table}() RETURNS trigger AS $$ BEGIN "
                   f"IF TG_OP IN ('UPDATE', 'DELETE') AND {old} THEN {refuse} END IF; "
                   f"IF TG_OP IN ('INSERT', 'UPDATE') AND {new} THEN {refuse} END IF; "
                   f"IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql {fixed}")
        out.append(f"CREATE TRIGGER {table}_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION kws_guard_{table}()")
    out.append(f"CREATE OR REPLACE FUNCTION kws_journal_totals() RETURNS trigger AS $$ BEGIN "
               f"{totals_body('postgresql')} RETURN NULL; END; $$ LANGUAGE plpgsql {fixed}")
    out.append("CREATE TRIGGER journal_lines_totals AFTER INSERT ON journal_lines "
               "FOR EACH ROW EXECUTE FUNCTION kws_journal_totals()")
    out.append("CREATE OR REPLACE FUNCTION kws_guard_totals() RETURNS trigger AS $$ BEGIN "
               f"IF coalesce(current_setting('{REFILLING}', true), '') <> 'on' AND "
               f"(TG_OP = 'DELETE' OR {totals_refused('postgresql')}) THEN "
               f"RAISE EXCEPTION '{JOURNAL_MESSAGE} (%)', TG_TABLE_NAME; END IF; "
               f"IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql {fixed}")
    for table in TOTALS_TABLES:
        out.append(f"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION kws_guard_totals()")
    for table in GUARDED_TABLES + TOTALS_TABLES:
        out.append(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION kws_refuse_truncate()")
    return out


def _postgres_triggers(conn: Connection) -> list[tuple[str, str]]:
    """(trigger, table) of every user trigger on the book's schema."""
    return [tuple(r) for r in conn.execute(text(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"))]


def remove(conn: Connection) -> None:
    """Drop every guard (only for filling a new copy of a whole book; `install` follows)."""
    if conn.dialect.name == "sqlite":
        for (name,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all():
            conn.execute(text(f'DROP TRIGGER "{name}"'))
        return
    for name, table in _postgres_triggers(conn):
        conn.execute(text(f'DROP TRIGGER "{name}" ON "{table}"'))


def install(conn: Connection) -> None:
    """Drop every guard of the book and create the set in force (inside the caller's transaction)."""
    remove(conn)
    if conn.dialect.name == "sqlite":
        for statement in _sqlite_statements(conn).values():
            if statement:
                conn.execute(text(statement))
        return
    for statement in _postgres_statements(conn):
        conn.execute(text(statement))


def expected(conn: Connection) -> dict[str, str]:
    """{guard name: its definition} as `install` would create it (SQLite: the statement; PostgreSQL:
    the trigger names, with the function body compared separately by `differences`)."""
    if conn.dialect.name == "sqlite":
        return _sqlite_statements(conn)
    names = {f"{t}_immutable" if t in JOURNAL_TABLES else f"{t}_guard": t for t in GUARDED_TABLES}
    names.update({f"{t}_no_truncate": t for t in GUARDED_TABLES})
    names["journal_lines_sealed"] = names["journal_lines_totals"] = "journal_lines"
    names.update({f"{t}_sealed": t for t in SEALED_CHILDREN})
    names.update({f"{t}_{what}": t for t in TOTALS_TABLES for what in ("guard", "no_truncate")})
    return names


def differences(conn: Connection) -> list[str]:
    """Names of the guards that are missing or not as installed; empty when every guard holds."""
    wanted = expected(conn)
    if conn.dialect.name == "sqlite":
        have = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all())
        return sorted(name for name, sql in wanted.items() if flat(have.get(name)) != flat(sql))
    present = {name for name, _table in _postgres_triggers(conn)}
    enabled = {r[0] for r in conn.execute(text(
        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"))}
    found = conn.execute(text(
        "SELECT proname, prosrc, array_to_string(proconfig, ',') FROM pg_proc WHERE proname LIKE 'kws\\_%'")).all()
    bodies = {name: body for name, body, _config in found}
    unpinned = {name for name, _body, config in found if "search_path=" not in (config or "")}
    wanted_bodies = {}
    for statement in _postgres_statements(conn):
        if statement.startswith("CREATE OR REPLACE FUNCTION"):
            name = statement.split()[4].split("(")[0]
            wanted_bodies[name] = statement.split("$$")[1]
    bad = [name for name in wanted if name not in present or name not in enabled]
    bad += [name for name, body in wanted_bodies.items()
            if flat(bodies.get(name)) != flat(body) or name in unpinned]
    return sorted(bad)

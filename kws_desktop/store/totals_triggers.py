"""The SQL text of the trigger that keeps the journal's totals and of the totals' own guards.

Plain strings, no SQLAlchemy: store/guards.py installs and compares them with the book's
triggers, and the lean reading path (store/lean.py) compares them through the standard library's
sqlite3 before it trusts the totals.
"""
from __future__ import annotations

JOURNAL_MESSAGE = "kws: posted journal is immutable"
TOTALS_TABLES = ("account_day_totals", "cash_counter_day_totals")
CASH_CODES = ("1-1100", "1-1200")  # core.accounts.CASH_ACCOUNTS, written out: guards are SQL text
CASH_CONDITION = "(a.is_cash OR a.code IN (" + ", ".join(f"'{c}'" for c in CASH_CODES) + "))"


def flat(sql: str | None) -> str:
    """A statement with its white space made single, for comparing definitions."""
    return " ".join((sql or "").split())


def totals_body(dialect: str) -> str:
    """The statements that add NEW (a journal line just inserted) to the totals.

    Cash counters: the other lines of an entry that moves cash or bank. A line counts when an
    earlier line of its entry is a cash line; the first cash line of an entry adds the earlier
    lines that are not. "Earlier": on SQLite the lines already written (its row triggers run as
    each row is written); on PostgreSQL the lines with a smaller id (its AFTER row triggers run
    when the whole statement is written, and a sequence numbers the rows in order)."""
    cash = CASH_CONDITION
    earlier = "l.id <> NEW.id" if dialect == "sqlite" else "l.id < NEW.id"
    newest = "max" if dialect == "sqlite" else "GREATEST"
    entry_day = "FROM journal_entries e WHERE e.id = NEW.entry_id"
    new_is_cash = f"EXISTS (SELECT 1 FROM accounts a WHERE a.id = NEW.account_id AND {cash})"
    earlier_cash = (f"EXISTS (SELECT 1 FROM journal_lines l JOIN accounts a ON a.id = l.account_id "
                    f"WHERE l.entry_id = NEW.entry_id AND {earlier} AND {cash})")
    add = ("ON CONFLICT (account_id, day) DO UPDATE SET amount = {t}.amount + excluded.amount, "
           "lines = {t}.lines + excluded.lines")
    day_totals = add.format(t="account_day_totals")
    counters = add.format(t="cash_counter_day_totals")
    return (f"INSERT INTO account_day_totals (account_id, day, amount, lines, last_line_id) "
            f"SELECT NEW.account_id, e.date, NEW.amount, 1, NEW.id {entry_day} "
            f"{day_totals}, last_line_id = {newest}(account_day_totals.last_line_id, excluded.last_line_id); "
            f"INSERT INTO cash_counter_day_totals (account_id, day, amount, lines) "
            f"SELECT NEW.account_id, e.date, NEW.amount, 1 {entry_day} "
            f"AND NOT {new_is_cash} AND {earlier_cash} {counters}; "
            f"INSERT INTO cash_counter_day_totals (account_id, day, amount, lines) "
            f"SELECT l.account_id, e.date, sum(l.amount), count(*) FROM journal_lines l "
            f"JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id "
            f"WHERE l.entry_id = NEW.entry_id AND {earlier} AND NOT {cash} "
            f"AND {new_is_cash} AND NOT {earlier_cash} GROUP BY l.account_id, e.date {counters};")


def totals_refused(dialect: str) -> str:
    """An update of a totals row that does more than add lines to it."""
    ne = "IS NOT" if dialect == "sqlite" else "IS DISTINCT FROM"
    return f"NEW.account_id {ne} OLD.account_id OR NEW.day {ne} OLD.day OR NEW.lines <= OLD.lines"


def sqlite_totals_statements(present: set[str]) -> dict[str, str]:
    """{trigger name: its CREATE statement} on SQLite: the totals' trigger on the journal lines
    and the guards of those totals tables in ``present`` (an empty text for a missing table)."""
    out = {"journal_lines_totals": (f"CREATE TRIGGER journal_lines_totals AFTER INSERT ON journal_lines "
                                    f"BEGIN {totals_body('sqlite')} END")}
    for table in TOTALS_TABLES:
        if table not in present:
            out[f"{table}_no_delete"] = out[f"{table}_guard_update"] = ""
            continue
        raise_ = f"SELECT RAISE(ABORT, '{JOURNAL_MESSAGE} ({table})')"
        out[f"{table}_no_delete"] = f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN {raise_}; END"
        out[f"{table}_guard_update"] = (f"CREATE TRIGGER {table}_guard_update BEFORE UPDATE ON {table} "
                                        f"WHEN {totals_refused('sqlite')} BEGIN {raise_}; END")
    return out


# The sqlite_master rows a reader compares with sqlite_totals_statements (the trigger and guards).
SQLITE_TOTALS_TRIGGERS = ("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                          "(name = 'journal_lines_totals' OR tbl_name IN ('account_day_totals', "
                          "'cash_counter_day_totals'))")
# Whether the totals have seen the newest journal line: both index lookups.
NEWEST_LINE = "SELECT max(id) FROM journal_lines"
NEWEST_LINE_SEEN = "SELECT max(last_line_id) FROM account_day_totals"

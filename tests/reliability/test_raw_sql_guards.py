"""Raw SQL past the guards (issue 22, finding 5): INSERT OR REPLACE over every guarded row, a
balanced pair of lines slipped into an old posted entry, sent quotes, orders' money and payers,
period closes, number sequences, accounts in use and attachments; `check` names a dropped guard
and a gap in the audit log. On PostgreSQL: TRUNCATE, and a disabled trigger named by check."""
import sqlite3

import pytest
from sqlalchemy import text

from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store import guards


@pytest.fixture
def raw(demo_path):
    con = sqlite3.connect(demo_path)
    yield con
    con.close()


def _refused(con, sql, *params):
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        con.execute(sql, params)
    con.rollback()


def test_insert_or_replace_cannot_rewrite_any_guarded_row(raw):
    tried = 0
    for table in guards.GUARDED_TABLES:
        columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
        row = raw.execute(f"SELECT * FROM {table} LIMIT 1").fetchone()
        if row is None:
            continue
        marks = ", ".join("?" for _ in columns)
        _refused(raw, f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", *row)
        _refused(raw, f"REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", *row)
        tried += 1
    assert tried >= 30


def test_no_line_can_be_added_to_a_posted_entry(raw):
    entry, account = raw.execute("SELECT entry_id, account_id FROM journal_lines ORDER BY id LIMIT 1").fetchone()
    _refused(raw, "INSERT INTO journal_lines (entry_id, account_id, amount, memo) VALUES (?, ?, 1000, '')",
             entry, account)
    newest = raw.execute("SELECT max(id) FROM journal_entries").fetchone()[0]
    _refused(raw, "INSERT INTO journal_lines (entry_id, account_id, amount, memo) VALUES (?, ?, 1000, '')",
             newest, account)


def test_what_a_household_received_stays_as_sent(raw):
    quote = raw.execute("SELECT id FROM quotes WHERE status <> 'draft' LIMIT 1").fetchone()[0]
    _refused(raw, "UPDATE quotes SET total = total + 1 WHERE id = ?", quote)
    _refused(raw, "UPDATE quotes SET status = 'draft' WHERE id = ?", quote)
    _refused(raw, "DELETE FROM quotes WHERE id = ?", quote)
    _refused(raw, "UPDATE quote_items SET amount = amount + 1 WHERE quote_id = ?", quote)
    _refused(raw, "DELETE FROM quote_payers WHERE quote_id = ?", quote)
    _refused(raw, "INSERT INTO quote_payers (quote_id, line_no, payer_type, amount, note) "
                  "VALUES (?, 99, 'swadaya', 1, '')", quote)
    _refused(raw, "UPDATE quote_item_components SET amount = 0 WHERE item_id IN "
                  "(SELECT id FROM quote_items WHERE quote_id = ?)", quote)


def test_orders_money_payers_periods_numbers_accounts_attachments(raw):
    _refused(raw, "UPDATE orders SET price = price * 10 WHERE id = (SELECT min(id) FROM orders)")
    _refused(raw, "DELETE FROM orders WHERE id = (SELECT min(id) FROM orders)")
    _refused(raw, "UPDATE order_payers SET amount = 0")
    _refused(raw, "DELETE FROM order_items")
    close = raw.execute("SELECT id FROM period_closes LIMIT 1").fetchone()
    if close:
        _refused(raw, "DELETE FROM period_closes WHERE id = ?", close[0])
        _refused(raw, "UPDATE period_closes SET period_end = '2000-01-01' WHERE id = ?", close[0])
        _refused(raw, "UPDATE period_closes SET reopened_at = '2026-01-01 00:00:00' WHERE id = ?", close[0])
    _refused(raw, "UPDATE number_sequences SET last = 0")
    _refused(raw, "DELETE FROM number_sequences")
    used = raw.execute("SELECT account_id FROM journal_lines LIMIT 1").fetchone()[0]
    _refused(raw, "DELETE FROM accounts WHERE id = ?", used)
    _refused(raw, "UPDATE accounts SET code = '9999' WHERE id = ?", used)
    raw.execute("UPDATE accounts SET name_id = name_id WHERE id = ?", (used,))  # renaming stays possible
    _refused(raw, "UPDATE attachments SET data = x'00'")
    slip = raw.execute("SELECT attachment_id FROM purchases WHERE attachment_id IS NOT NULL LIMIT 1").fetchone()
    if slip:
        _refused(raw, "DELETE FROM attachments WHERE id = ?", slip[0])


def test_check_names_dropped_guards_and_an_emptied_audit_log(demo_path):
    con = sqlite3.connect(demo_path)
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in names:
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DELETE FROM audit_log")
    con.commit()
    con.close()
    with open_book(demo_path, read_only=True) as book:
        problems = check_book(book)
    assert any("pengaman buku hilang" in p for p in problems)
    assert any("audit" in p and "kosong" in p for p in problems)


def test_check_names_a_gap_in_the_audit_log(demo_path):
    con = sqlite3.connect(demo_path)
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute("DELETE FROM audit_log WHERE id = 5")
    con.commit()
    con.close()
    with open_book(demo_path, read_only=True) as book:
        problems = check_book(book)
    assert any("tidak utuh" in p and "1 catatan hilang" in p for p in problems)


def test_postgresql_truncate_and_disabled_triggers(pg_url):
    import datetime as dt
    from kws_desktop.services.training.demo import build_demo
    build_demo(pg_url, seed=4, orders=6, years=1, today=dt.date(2026, 11, 28))
    with open_book(pg_url) as book:
        for table in ("journal_lines", "receipts", "audit_log"):
            with pytest.raises(Exception, match="immutable"):
                with book.engine.begin() as conn:
                    conn.execute(text(f"TRUNCATE {table} CASCADE"))
        with pytest.raises(Exception, match="immutable"):
            with book.engine.begin() as conn:
                conn.execute(text("INSERT INTO journal_lines (entry_id, account_id, amount, memo) "
                                  "SELECT entry_id, account_id, 1, '' FROM journal_lines LIMIT 1"))
        with book.engine.begin() as conn:
            conn.execute(text("ALTER TABLE payments DISABLE TRIGGER payments_guard"))
        assert any("payments_guard" in p for p in check_book(book))


def test_update_or_replace_cannot_push_a_guarded_row_out(raw):
    """A draft quote's number and an unused account's code may change, and both are unique: an
    UPDATE OR REPLACE onto another row's value would delete that row without a delete trigger."""
    sent = raw.execute("SELECT number FROM quotes WHERE status <> 'draft' LIMIT 1").fetchone()[0]
    draft = raw.execute("SELECT id FROM quotes WHERE status = 'draft' LIMIT 1").fetchone()
    if draft:
        _refused(raw, "UPDATE OR REPLACE quotes SET number = ? WHERE id = ?", sent, draft[0])
    used = raw.execute("SELECT code FROM accounts WHERE id IN (SELECT account_id FROM journal_lines) "
                       "LIMIT 1").fetchone()[0]
    unused = raw.execute("SELECT id FROM accounts WHERE id NOT IN (SELECT account_id FROM journal_lines) "
                         "LIMIT 1").fetchone()[0]
    _refused(raw, "UPDATE OR REPLACE accounts SET code = ? WHERE id = ?", used, unused)


@pytest.mark.parametrize("value", ["'reset'", "X'00'", "last + 0.5", "NULL"])
def test_a_counter_cannot_be_reset_by_changing_its_type(raw, value):
    _refused(raw, f"UPDATE number_sequences SET last = {value}")


@pytest.mark.parametrize("table, parent, key, link", [
    ("invoice_lines", "invoices", "invoice_id", "journal_entry_id"),
    ("purchase_lines", "purchases", "purchase_id", "journal_entry_id"),
    ("payment_allocations", "payments", "payment_id", "journal_entry_id"),
    ("wage_payout_lines", "wage_payouts", "payout_id", "entry_id"),
    ("profit_sharing_lines", "profit_sharings", "sharing_id", "entry_id"),
])
def test_no_line_can_be_added_to_a_posted_document(raw, table, parent, key, link):
    row = raw.execute(f"SELECT * FROM {table} WHERE {key} IN (SELECT id FROM {parent} "
                      f"WHERE {link} IS NOT NULL) LIMIT 1").fetchone()
    if row is None:
        pytest.skip(f"the demo has no posted {parent}")
    columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
    values = dict(zip(columns, row))
    values.pop("id")
    for unique in ("seq", "line_no"):
        if unique in values:
            values[unique] = 999
    cols = ", ".join(values)
    _refused(raw, f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' for _ in values)})", *values.values())


def test_no_payer_can_be_added_to_a_billed_order(raw):
    order = raw.execute("SELECT order_id FROM invoice_lines WHERE order_id IS NOT NULL LIMIT 1").fetchone()[0]
    _refused(raw, "INSERT INTO order_payers (order_id, line_no, payer_type, name, amount) "
                  "VALUES (?, 99, 'swadaya', 'Tambahan', 5000000)", order)

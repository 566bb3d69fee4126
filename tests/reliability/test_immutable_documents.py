"""Issued documents cannot be changed or deleted even by raw SQL (store/guards.py): every
protected column of every protected table is tried, on SQLite and on PostgreSQL. Corrections go
through the services' void/reverse, which the triggers let through and which leave an audit trail.
"""
import datetime as dt

import pytest
from sqlalchemy import func, inspect, select, text

from kws_desktop.errors import BookError
from kws_desktop.services.book.check import check_book

from kws_desktop.store.guards import SPECS, VOID_COLUMNS


def _frozen_columns(book, table):
    spec = SPECS[table]
    cols = [(c["name"], c["type"]) for c in inspect(book.engine).get_columns(table)]
    if spec.only is not None:
        return [(n, t) for n, t in cols if n in spec.only]
    movable = set(spec.once) | set(spec.grows) | set(spec.free) | {c for c, _a in spec.special}
    if spec.status:
        movable |= {"status", *VOID_COLUMNS}
    return [(n, t) for n, t in cols if n not in movable]


def _guarded_rows(table):
    """The rows a table's guard holds for (a sent quote, an account in use, ...), as SQL."""
    spec = SPECS[table]
    return (spec.applies or "1 = 1").replace("OLD.", f"{table}.")


def _deletable_rows(table):
    spec = SPECS[table]
    return "1 = 1" if spec.refuse_delete == "1" else spec.refuse_delete.replace("OLD.", f"{table}.")


def _changed(name, coltype, dialect):
    """An SQL expression giving a different value of the column's type (never NULL)."""
    t = str(coltype).upper()
    if name == "id":
        return "id + 1000000"
    if "BOOL" in t:
        return f"NOT COALESCE({name}, false)" if dialect == "postgresql" else f"1 - COALESCE({name}, 0)"
    if "DATETIME" in t or "TIMESTAMP" in t:
        if dialect == "postgresql":
            return f"COALESCE({name}, now()) + interval '1 second'"
        return f"datetime(COALESCE({name}, '2026-01-01 00:00:00'), '+1 second')"
    if "DATE" in t:
        return f"COALESCE({name}, DATE '2026-01-01') + 1" if dialect == "postgresql" else \
            f"date(COALESCE({name}, '2026-01-01'), '+1 day')"
    if "INT" in t or "NUMERIC" in t:
        return f"COALESCE({name}, 0) + 1"
    return f"COALESCE({name}, '') || 'x'"


def _refused(book, sql, **params):
    with pytest.raises(Exception, match="immutable"):
        with book.engine.begin() as conn:
            conn.execute(text(sql), params)


def _key(book, table):
    """The primary key columns of `table` (number_sequences has no id)."""
    return inspect(book.engine).get_pk_constraint(table)["constrained_columns"]


def _one_id(book, table, where="1 = 1"):
    with book.engine.connect() as conn:
        return conn.execute(text(f"SELECT id FROM {table} WHERE {where} ORDER BY id LIMIT 1")).scalar()


def _one_row(book, table, where="1 = 1"):
    """A WHERE clause naming one row of `table` that satisfies `where`, or None."""
    key = _key(book, table)
    with book.engine.connect() as conn:
        row = conn.execute(text(f"SELECT {', '.join(key)} FROM {table} WHERE {where} "
                                f"ORDER BY {', '.join(key)} LIMIT 1")).first()
    if row is None:
        return None
    return " AND ".join(f"{c} = {v!r}" if isinstance(v, str) else f"{c} = {v}" for c, v in zip(key, row))


def assert_documents_immutable(book):
    """Every protected table: no DELETE, no change to any frozen column (raw SQL)."""
    dialect = book.engine.dialect.name
    tried = 0
    for table in SPECS:
        row = _one_row(book, table, _guarded_rows(table))
        assert row is not None, f"the book has no {table} to try"
        doomed = _one_row(book, table, f"({_guarded_rows(table)}) AND ({_deletable_rows(table)})")
        if doomed is not None:
            _refused(book, f"DELETE FROM {table} WHERE {doomed}")
        for name, coltype in _frozen_columns(book, table):
            _refused(book, f"UPDATE {table} SET {name} = {_changed(name, coltype, dialect)} WHERE {row}")
            tried += 1
    assert tried > 150


def assert_state_rules(book):
    """Status only moves to void with a reason; void is final; set-once links stay; counters grow."""
    pay = _one_id(book, "payments", "status = 'posted'")
    _refused(book, "UPDATE payments SET status = 'void' WHERE id = :id", id=pay)  # no reason
    _refused(book, "UPDATE payments SET status = 'void', void_reason = '  ' WHERE id = :id", id=pay)
    _refused(book, "UPDATE payments SET void_reason = 'diam-diam' WHERE id = :id", id=pay)
    _refused(book, "UPDATE payments SET journal_entry_id = journal_entry_id + 1 WHERE id = :id", id=pay)
    _refused(book, "UPDATE payments SET journal_entry_id = NULL WHERE id = :id", id=pay)
    voided = _one_id(book, "payments", "status = 'void'")
    _refused(book, "UPDATE payments SET status = 'posted' WHERE id = :id", id=voided)
    _refused(book, "UPDATE payments SET void_reason = 'lain' WHERE id = :id", id=voided)
    rcpt = _one_id(book, "receipts", "status = 'posted'")
    _refused(book, "UPDATE receipts SET status = 'void' WHERE id = :id", id=rcpt)  # its payment stands
    _refused(book, "UPDATE receipts SET print_count = print_count - 1 WHERE id = :id", id=rcpt)
    _refused(book, "UPDATE receipts SET number = 'KWT-2026-9999' WHERE id = :id", id=rcpt)
    inv = _one_id(book, "invoices", "status IN ('open', 'paid')")
    _refused(book, "UPDATE invoices SET status = 'void' WHERE id = :id", id=inv)
    _refused(book, "UPDATE invoices SET due_date = date WHERE id = :id AND due_date > date", id=inv)
    _refused(book, "UPDATE invoices SET total = total + 1 WHERE id = :id", id=inv)
    pur = _one_id(book, "purchases", "status = 'void'")
    _refused(book, "UPDATE purchases SET status = 'posted' WHERE id = :id", id=pur)
    _refused(book, "UPDATE audit_log SET actor = 'orang lain'")
    _refused(book, "DELETE FROM audit_log")
    # what the services legitimately do still works
    with book.engine.begin() as conn:
        conn.execute(text("UPDATE receipts SET print_count = print_count + 1 WHERE id = :id"), {"id": rcpt})
        conn.execute(text("UPDATE invoices SET due_date = due_date WHERE id = :id"), {"id": inv})


def test_raw_sql_cannot_change_or_delete_issued_documents(demo_book):
    assert_documents_immutable(demo_book)
    assert_state_rules(demo_book)
    assert check_book(demo_book) == []


def test_refusal_through_a_service_transaction_is_a_clear_message(demo_book):
    with pytest.raises(BookError, match="tidak boleh diubah atau dihapus"):
        with demo_book.transaction() as s:
            s.execute(text("UPDATE payments SET amount = amount + 1"))


def test_voids_through_the_services_pass_and_are_audited(demo_book):
    from kws_desktop.services.billing import invoices, payments
    from kws_desktop.services.purchasing import purchases, suppliers
    from kws_desktop.services.people import wages
    from kws_desktop.store.models.billing import Payment
    from kws_desktop.store.models.book import AuditEvent
    from kws_desktop.store.models.purchasing import Purchase, SupplierPayment
    from kws_desktop.store.models.people import WagePayout
    book = demo_book
    day = dt.date(2026, 11, 28)
    with book.reading() as s:
        audits = s.execute(select(func.count(AuditEvent.id))).scalar()
        pay = s.execute(select(Payment.id).where(Payment.status == "posted").order_by(Payment.id.desc())).scalar()
        sup = s.execute(select(SupplierPayment.id).where(SupplierPayment.status == "posted")
                        .order_by(SupplierPayment.id.desc())).scalar()
        payout = s.execute(select(WagePayout.number).where(WagePayout.status == "posted")
                           .order_by(WagePayout.id.desc())).scalar()
    info = payments.void_payment(book, pay, "salah catat", date=day)
    assert info.status == "void"
    suppliers.void_supplier_payment(book, sup, reason="salah catat", date=day)
    wages.void_payout(book, payout, "salah orang", date=day)
    # an invoice with no payments left can now be voided; a purchase whose stock is still there
    with book.reading() as s:
        inv = s.get(Payment, pay).invoice_id
        left = s.execute(select(func.count(Payment.id)).where(Payment.invoice_id == inv,
                                                             Payment.status == "posted")).scalar()
        purchase = s.execute(select(Purchase.id).where(Purchase.status == "posted", Purchase.order_id.is_not(None))
                             .order_by(Purchase.id.desc())).scalar()
    if not left:
        invoices.void_invoice(book, inv, "tagihan ganda", date=day)
    purchases.void_purchase(book, purchase, reason="nota ganda", date=day)
    with book.reading() as s:
        assert s.execute(select(func.count(AuditEvent.id))).scalar() >= audits + 4
        assert s.get(Payment, pay).void_reason == "salah catat"
    assert check_book(book) == []


def test_guards_on_postgresql(pg_url):
    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.training.demo import build_demo
    build_demo(pg_url, seed=3, orders=12, years=1, today=dt.date(2026, 11, 28))
    with open_book(pg_url) as book:
        from kws_desktop.store import guards
        with book.engine.connect() as conn:
            assert guards.differences(conn) == []  # after the full chain, as store/guards.py says
        assert_documents_immutable(book)
        assert_state_rules(book)
        assert check_book(book) == []
        with book.engine.begin() as conn:  # a guard dropped by hand is named by check
            conn.execute(text("DROP TRIGGER receipts_guard ON receipts"))
        assert any("receipts_guard" in p for p in check_book(book))


def test_downgrade_removes_the_document_guards(tmp_path):
    """Stepping back to 0002 (developers only) removes what 0003 guarded and keeps the journal's;
    the next upgrade to the head installs the whole set again."""
    from kws_desktop.store import guards, migrate
    from kws_desktop.store.engine import make_engine
    engine = make_engine(tmp_path / "d.kws")
    migrate.upgrade(engine)
    names = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    with engine.connect() as conn:
        migrate.command.downgrade(migrate.alembic_config(conn), "0002")
        conn.commit()
        after = {r[0] for r in conn.exec_driver_sql(names)}
    import importlib
    guarded_by_0003 = importlib.import_module("kws_desktop.store.migrations.versions.0003_immutable_documents").SPECS
    assert not {f"{t}_guard_update" for t in guarded_by_0003} & after
    assert {"journal_entries_no_update", "journal_entries_no_delete", "journal_lines_no_update",
            "journal_lines_no_delete"} <= after
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert guards.differences(conn) == []
    engine.dispose()

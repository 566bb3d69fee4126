"""Issue 22, finding 3: `check` names money counted twice: an invoice or instalment paid beyond
its amount, a payment spread over more than it brought, a customer's piutang or titipan below
zero. The damage is written by raw SQL into a copy of the demo book (new rows only: the guards
refuse changes to posted rows)."""
import sqlite3

from sqlalchemy import func, select, text

from kws_desktop.cli import main
from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.i18n import format_rupiah
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.store.models.book import JournalEntry

SQL_PAYMENT = """
SELECT p.id, a.instalment_id, i.seq, v.number, v.total, r.number, p.customer_id
FROM payments p JOIN payment_allocations a ON a.payment_id = p.id
JOIN instalments i ON i.id = a.instalment_id JOIN invoices v ON v.id = i.invoice_id
JOIN receipts r ON r.payment_id = p.id
WHERE p.status = 'posted' AND p.advance = 0 ORDER BY p.id LIMIT 1"""


def test_demo_book_has_no_overpayment(demo_book):
    assert check_book(demo_book) == []


def test_check_names_an_over_allocated_invoice_instalment_and_payment(demo_path, capsys):
    con = sqlite3.connect(demo_path)
    pid, inst, seq, invoice, total, receipt, _customer = con.execute(SQL_PAYMENT).fetchone()
    con.execute("DROP TRIGGER payment_allocations_sealed")  # the guard refuses this very damage
    con.execute("INSERT INTO payment_allocations (payment_id, instalment_id, amount) VALUES (?, ?, ?)",
                (pid, inst, total))
    con.commit()
    con.close()
    with open_book(demo_path, read_only=True) as book:
        problems = check_book(book)
    text = "\n".join(problems)
    assert f"Tagihan {invoice} dibayar " in text and f"lebih dari jumlah tagihannya {format_rupiah(total)}." in text
    assert f"Cicilan ke-{seq} tagihan {invoice} dibayar " in text
    assert f"Kuitansi {receipt}: dibagikan ke cicilan " in text
    assert main(["check", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "masalah" in out and f"Kuitansi {receipt}" in out and "utuh" not in out


def test_check_names_a_customer_whose_piutang_went_below_zero(demo_book):
    with demo_book.reading() as s:
        customer, name = s.execute(text("SELECT id, name FROM customers ORDER BY id LIMIT 1")).one()
        owed = s.execute(text(
            "SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l JOIN accounts a ON a.id = l.account_id "
            "WHERE a.code = :code AND l.party_kind = 'customer' AND l.party_id = :c"),
            {"code": A.RECEIVABLES, "c": customer}).scalar()
        last_day = s.execute(select(func.max(JournalEntry.date))).scalar()
    too_much = int(owed) + 250_000
    with demo_book.transaction() as s:
        party = {"party_kind": "customer", "party_id": customer}
        post_entry(s, date=last_day, description="dobel", source_type="test", source_id=None,
                   actor="uji", postings=[debit(A.CASH, too_much), credit(A.RECEIVABLES, too_much, **party)])
    problems = check_book(demo_book)
    assert f"Piutang {name} minus Rp250.000: yang dibayar lebih banyak daripada yang ditagih." in problems


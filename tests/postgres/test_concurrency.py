"""Issue 22, finding 3: on a shared PostgreSQL book, writers racing each other never take more
than is left: an invoice's balance, a titipan, a supplier's debt, the stock, the cash box; and a
document is voided once. Each rule is raced by four threads at once, round after round."""
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.cash import entries as cash
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.book.books import create_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store.models.billing import Payment, PaymentAllocation

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_setup import D, add_customer, add_order  # noqa: E402

ROUNDS = 8
RACERS = 4


def race(work) -> list[str]:
    """Run `work()` in RACERS threads released at the same instant: "ok" or the refusal's text.
    Anything but a UserError fails the test."""
    gate = threading.Barrier(RACERS)
    results: list[str] = []
    crashes: list[BaseException] = []

    def one():
        gate.wait()
        try:
            work()
            results.append("ok")
        except UserError as exc:
            results.append(exc.message)
        except BaseException as exc:  # noqa: BLE001 - reported below
            crashes.append(exc)

    threads = [threading.Thread(target=one) for _ in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not crashes, crashes
    return results


@pytest.fixture
def pg_book(pg_url):
    book = create_book(pg_url)
    yield book
    book.close(backup=False)


def _invoice(book, total=1_000_000, name="Ahmad Fauzi"):
    hh = add_customer(book, name=name)
    order = add_order(book, hh, [("swadaya", "", total)])
    with book.transaction() as s:
        return hh, invoices.create_invoices_for_order(s, order, D, book.actor)[0]


def _allocated(book, invoice_id):
    with book.reading() as s:
        return s.execute(select(func.coalesce(func.sum(PaymentAllocation.amount), 0))
                         .join(Payment, Payment.id == PaymentAllocation.payment_id)
                         .where(Payment.status == "posted", Payment.invoice_id == invoice_id)).scalar()


def test_four_payments_at_once_never_overpay(pg_book):
    """The finding: 4 x Rp400.000 at once on an invoice of Rp1.000.000 allocated Rp1.600.000."""
    for _round in range(ROUNDS):
        _hh, inv = _invoice(pg_book)
        results = race(lambda: payments.record_payment(pg_book, invoice_id=inv.id, date=D,
                                                       amount=400_000))
        assert _allocated(pg_book, inv.id) == 800_000
        assert results.count("ok") == 2
        refused = sorted(r for r in results if r != "ok")
        assert refused == ["Uang Rp400.000 lebih besar dari sisa tagihan Rp200.000. Terima "
                           "Rp200.000 saja, atau catat kelebihannya Rp200.000 sebagai uang titipan."] * 2
    assert check_book(pg_book) == []


def test_titipan_applied_at_once_never_beyond_what_is_left(pg_book):
    for r in range(ROUNDS):
        hh, first = _invoice(pg_book, 100_000, name=f"Pelanggan {r}")
        payments.record_payment(pg_book, invoice_id=first.id, date=D, amount=600_000, advance=500_000)
        order = add_order(pg_book, hh, [("swadaya", "", 2_000_000)])
        with pg_book.transaction() as s:
            later = invoices.create_invoices_for_order(s, order, D, pg_book.actor)[0]
        results = race(lambda: payments.apply_advance(pg_book, later.id, 200_000, date=D))
        assert results.count("ok") == 2
        assert sorted(set(results) - {"ok"}) == [f"Uang muka Pelanggan {r} yang tersisa hanya Rp100.000."]
        assert payments.advance_left(pg_book, hh) == 100_000
    assert check_book(pg_book) == []


def test_supplier_paid_at_once_never_beyond_the_debt(pg_book):
    shop = suppliers.create_supplier(pg_book, suppliers.SupplierInput("TB Sinar Jaya"))
    cement = materials.create_material(pg_book, materials.MaterialInput("Semen 50 kg", "sak", "", 100_000))
    for _round in range(ROUNDS):
        purchases.record_purchase(pg_book, purchases.PurchaseInput(D, shop.id, "credit",
                                                   (purchases.PurchaseLineInput(cement.id, "10", 100_000),)))
        race(lambda: suppliers.pay_supplier(pg_book, supplier_id=shop.id, amount=400_000, date=D))
        assert 0 <= suppliers.get_supplier(pg_book, shop.id).owed <= 200_000
        with pg_book.transaction() as s:  # clear the rest for the next round
            owed = suppliers.owed_to(s, shop.id)
        if owed:
            suppliers.pay_supplier(pg_book, supplier_id=shop.id, amount=owed, date=D)
    assert check_book(pg_book) == []


def test_stock_issued_at_once_never_beyond_what_is_in_stock(pg_book):
    shop = suppliers.create_supplier(pg_book, suppliers.SupplierInput("TB Sinar Jaya"))
    cement = materials.create_material(pg_book, materials.MaterialInput("Semen 50 kg", "sak", "", 100_000))
    order = add_order(pg_book, add_customer(pg_book), [("swadaya", "", 1_000_000)])
    for _round in range(ROUNDS):
        purchases.record_purchase(pg_book, purchases.PurchaseInput(D, shop.id, "credit",
                                                   (purchases.PurchaseLineInput(cement.id, "10", 100_000),)))
        results = race(lambda: stock.issue_to_order_now(pg_book, order_id=order, material_id=cement.id,
                                                    qty=Decimal(4), date=D))
        assert results.count("ok") == 2
        assert "Stok Semen 50 kg tidak cukup: tersisa 2 sak, diminta 4 sak." in results
        with pg_book.reading() as s:
            left = stock.on_hand(s, cement.id)[0]
        assert left == 2
        stock.issue_to_order_now(pg_book, order_id=order, material_id=cement.id, qty=left, date=D)
    assert check_book(pg_book) == []


def test_cash_spent_at_once_never_beyond_what_is_in_the_box(pg_book):
    for _round in range(ROUNDS):
        cash.record_income(pg_book, date=D, money_account="cash", category=A.REVENUE_OTHER,
                           amount=1_000_000, description="Sumbangan")
        race(lambda: cash.record_expense(pg_book, date=D, money_account="cash", category=A.OPERATING,
                                         amount=400_000, description="Rapat"))
        left = cash.cash_balances(pg_book)["cash"]
        assert left == 200_000
        cash.record_expense(pg_book, date=D, money_account="cash", category=A.OPERATING, amount=left,
                            description="Rapat")
    assert check_book(pg_book) == []


def test_a_payment_voided_at_once_is_voided_once(pg_book):
    for _round in range(ROUNDS):
        _hh, inv = _invoice(pg_book)
        pay = payments.record_payment(pg_book, invoice_id=inv.id, date=D, amount=400_000)
        results = race(lambda: payments.void_payment(pg_book, pay.id, "Salah catat", date=D))
        assert results.count("ok") == 1
        assert set(results) - {"ok"} == {f"Kuitansi {pay.receipt_number} sudah dibatalkan sebelumnya."}
        assert _allocated(pg_book, inv.id) == 0
    assert check_book(pg_book) == []


def test_a_writer_held_up_too_long_is_told_to_try_again(pg_book, monkeypatch):
    from kws_desktop.store import engine
    monkeypatch.setattr(engine, "LOCK_WAIT", "300ms")
    _hh, inv = _invoice(pg_book)
    with pg_book.transaction() as other:  # another writer, still busy
        other.execute(select(1))
        with pytest.raises(UserError, match="Buku sedang dipakai program lain: perubahan tidak "
                                            "disimpan. Coba lagi sebentar."):
            payments.record_payment(pg_book, invoice_id=inv.id, date=D, amount=400_000)
    assert _allocated(pg_book, inv.id) == 0


def test_four_processes_paying_the_same_invoices(pg_book, pg_url):
    """The same race between programs (four treasurers' laptops), not threads of one."""
    import subprocess
    import textwrap
    ids = [_invoice(pg_book, name=f"Rumah {n}")[1].id for n in range(ROUNDS)]
    script = textwrap.dedent(f"""
        import datetime as dt
        from kws_desktop.errors import UserError
        from kws_desktop.services.billing import payments
        from kws_desktop.services.book.books import open_book
        book = open_book({pg_url!r})
        for invoice_id in {ids!r}:
            try:
                payments.record_payment(book, invoice_id=invoice_id, date=dt.date(2026, 3, 2),
                                        amount=400_000)
            except UserError as exc:
                assert "sisa tagihan" in exc.message or "sudah lunas" in exc.message, exc.message
        book.close()
        """)
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(RACERS)]
    assert [p.wait(timeout=300) for p in procs] == [0] * RACERS
    assert [_allocated(pg_book, i) for i in ids] == [800_000] * ROUNDS
    assert check_book(pg_book) == []

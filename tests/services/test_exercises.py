"""Guided workshop exercises: each is checked against the saved exercise start."""
import datetime as dt

from sqlalchemy import func, select

from kws_desktop.services.book import audit
from kws_desktop.services.training import exercises
from kws_desktop.services.billing import payments
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.sales import quotes
from kws_desktop.services.training.workshop import save_exercise_start
from kws_desktop.store.models.billing import Instalment, Invoice
from kws_desktop.store.models.purchasing import Material
from kws_desktop.store.models.sales import Quote, WorkPackage

TODAY = dt.date(2026, 11, 28)


def _done(book):
    return {e.key: e.done for e in exercises.progress(book).exercises}


def test_without_start_nothing_is_done_and_says_why(book):
    progress = exercises.progress(book)
    assert not progress.has_start
    assert progress.done_count == 0
    assert len(progress.exercises) == 5
    assert all("awal latihan" in e.detail for e in progress.exercises)
    assert all(e.steps and e.title for e in progress.exercises)


def test_each_exercise_is_checked_in_the_book(demo_book):
    save_exercise_start(demo_book)
    progress = exercises.progress(demo_book)
    assert progress.has_start and progress.done_count == 0
    assert "Belum ada pembelian" in progress.exercises[0].detail

    with demo_book.reading() as s:
        material = s.execute(select(Material).where(Material.active.is_(True)).limit(1)).scalar()
        material_id = material.id
    purchases.record_purchase(demo_book, purchases.PurchaseInput(
        date=TODAY, supplier_id=None, method="cash",
        lines=(purchases.PurchaseLineInput(material_id, 2, 50_000),)))
    assert _done(demo_book) == {"purchase": True, "quote": False, "instalment": False,
                                "receipt": False, "profit_loss": False}

    with demo_book.reading() as s:
        customer_id = s.execute(select(Quote.customer_id).limit(1)).scalar()
        package_id = s.execute(select(WorkPackage.id).limit(1)).scalar()
    quotes.create_quote(demo_book, quotes.QuoteInput(customer_id=customer_id, date=TODAY,
                                           lines=(quotes.QuoteLineInput(qty=1, package_id=package_id),)))
    assert _done(demo_book)["quote"]

    with demo_book.reading() as s:
        multi = (select(Instalment.invoice_id).group_by(Instalment.invoice_id)
                 .having(func.count(Instalment.id) > 1))
        invoice_id = s.execute(select(Invoice.id).where(Invoice.status == "open",
                                                        Invoice.id.in_(multi)).limit(1)).scalar()
    assert invoice_id is not None
    info = payments.record_payment(demo_book, invoice_id=invoice_id, date=TODAY, amount=10_000)
    progress = exercises.progress(demo_book)
    assert progress.exercises[2].done and "1 cicilan" in progress.exercises[2].detail
    assert not progress.exercises[3].done  # taking a payment is not printing its kuitansi

    payments.write_receipt(demo_book, info.receipt_number, demo_book.path.parent / "k.pdf")
    assert _done(demo_book)["receipt"]

    with demo_book.transaction() as s:  # another report does not count
        audit.record(s, demo_book.actor, "view", "report", None, kind="cash-book")
    assert not _done(demo_book)["profit_loss"]
    from kws_desktop.services.reports import record_report_view
    record_report_view(demo_book, "profit-loss")
    assert exercises.progress(demo_book).done_count == 5


def test_reset_start_clears_progress(demo_book):
    save_exercise_start(demo_book)
    with demo_book.transaction() as s:
        audit.record(s, demo_book.actor, "print", "receipt", 1)
    assert _done(demo_book)["receipt"]
    save_exercise_start(demo_book)  # a new start: nothing done since
    assert not _done(demo_book)["receipt"]

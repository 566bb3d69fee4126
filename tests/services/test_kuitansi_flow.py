"""Taking a payment hands back its kuitansi; the print rule (original once, then SALINAN) is the
service's, whatever window prints it."""
import pytest
from billing_setup import D, add_customer, add_order, billing_state

from kws_desktop.errors import UserError
from kws_desktop.services.billing import invoices, kuitansi, receivables


def _text(path) -> str:
    from pypdf import PdfReader
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _count(book, number):
    return next(r.print_count for r in receivables.list_receipts(book) if r.number == number)


@pytest.fixture
def invoice(book):
    household = add_customer(book, "Siti Rohmah")
    order = add_order(book, household, [("swadaya", "", 1_000_000)], customer_name="Siti Rohmah")
    return invoices.invoice_order(book, order, D)[0]


def test_take_payment_gives_its_kuitansi_not_yet_printed(book, invoice, tmp_path):
    taken = kuitansi.take_payment(book, invoice_id=invoice.id, date=D, amount=400_000)
    job = taken.kuitansi
    assert taken.payment.amount == 400_000 and job.counts_prints
    assert job.file_name == f"{taken.payment.receipt_number}.pdf"
    job.write(tmp_path / "a.pdf")
    job.write(tmp_path / "b.pdf")  # previews count nothing: still the original
    assert "SALINAN" not in _text(tmp_path / "b.pdf")
    assert _count(book, taken.payment.receipt_number) == 0
    job.printed()
    job.write(tmp_path / "c.pdf")
    assert "SALINAN" in _text(tmp_path / "c.pdf")
    assert _count(book, taken.payment.receipt_number) == 1


def test_a_refused_payment_records_nothing(book, invoice):
    before = billing_state(book)
    with pytest.raises(UserError):
        kuitansi.take_payment(book, invoice_id=invoice.id, date=D, amount=0)
    assert billing_state(book) == before


def test_share_saves_the_pdf_and_counts_it(book, invoice, tmp_path):
    taken = kuitansi.take_payment(book, invoice_id=invoice.id, date=D, amount=1_000_000)
    target = tmp_path / "kirim" / "kuitansi.pdf"
    info = kuitansi.share_kuitansi(book, taken.payment.receipt_number, target)
    assert target.exists() and info.url.startswith("https://wa.me/62")
    assert _count(book, taken.payment.receipt_number) == 1


def test_share_of_an_unknown_number_saves_nothing(book, tmp_path):
    with pytest.raises(UserError):
        kuitansi.share_kuitansi(book, "KWT-2026-9999", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()

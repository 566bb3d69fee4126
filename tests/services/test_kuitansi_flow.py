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


def test_a_voided_kuitansi_says_batal_and_prints_no_balance(book, invoice, tmp_path):
    """Printed again after its payment is voided, the kuitansi says BATAL, why and since when,
    and that it does not count: no "Sisa tagihan" of the day it was issued (it read as if the
    payment still counted), no LUNAS."""
    import datetime as dt

    from kws_desktop.services.billing import payments
    first = kuitansi.take_payment(book, invoice_id=invoice.id, date=D, amount=400_000).payment
    second = kuitansi.take_payment(book, invoice_id=invoice.id, date=D, amount=600_000).payment
    paid_up = _text(kuitansi.kuitansi_print(book, second.receipt_number).write(tmp_path / "lunas.pdf"))
    assert "Sisa tagihan: Rp0 (LUNAS)" in paid_up and "BATAL" not in paid_up
    payments.void_payment(book, second.id, "Uang palsu, dikembalikan", date=D + dt.timedelta(days=3))

    text = " ".join(_text(payments.write_receipt(book, second.receipt_number, tmp_path / "batal.pdf")).split())
    assert "BATAL" in text and second.receipt_number in text
    assert "Pembayaran ini DIBATALKAN pada 5 Maret 2026: Uang palsu, dikembalikan" in text
    assert "BATAL: tidak dihitung sebagai pembayaran" in text
    assert "Sisa tagihan" not in text and "LUNAS" not in text
    # the payment that still counts keeps its balance: what is owed now that the other is void
    assert "Sisa tagihan: Rp600.000" in _text(payments.write_receipt(book, first.receipt_number, tmp_path / "a.pdf"))
    share = payments.receipt_share(book, second.receipt_number).message
    assert "DIBATALKAN" in share and "Sisa tagihan" not in share

"""A voided kuitansi on its invoice (issue 19.1): listed as BATAL with its reason, never as
issued, and its money not counted as paid, in the service values and on the invoice PDF."""
import datetime as dt

from pypdf import PdfReader

from kws_desktop.services.billing import invoices, payments

from billing_setup import D, add_customer, add_order


def _invoice_with_a_voided_kuitansi(book):
    hh = add_customer(book)
    order = add_order(book, hh, [("swadaya", "", 2_000_000)])
    inv = invoices.invoice_order(book, order, D, household_plan=invoices.PlanSpec(count=4))[0]
    kept = payments.record_payment(book, invoice_id=inv.id, date=D, amount=500_000)
    wrong = payments.record_payment(book, invoice_id=inv.id, date=D, amount=300_000)
    payments.void_payment(book, wrong.id, "Salah ketik jumlah", date=D + dt.timedelta(days=1))
    return inv, kept, wrong


def test_the_invoice_lists_the_voided_kuitansi_as_batal_and_does_not_count_it(book):
    inv, kept, wrong = _invoice_with_a_voided_kuitansi(book)
    info = invoices.get_invoice(book, inv.id)
    assert info.paid == 500_000 and info.outstanding == 1_500_000
    listed = {r.number: r for r in info.receipts}
    assert set(listed) == {kept.receipt_number, wrong.receipt_number}
    assert not listed[kept.receipt_number].void
    assert listed[wrong.receipt_number].void
    assert listed[wrong.receipt_number].void_reason == "Salah ketik jumlah"
    assert listed[wrong.receipt_number].amount == 300_000


def test_the_invoice_pdf_says_batal_with_the_reason(book, tmp_path):
    inv, kept, wrong = _invoice_with_a_voided_kuitansi(book)
    out = invoices.write_invoice_pdf(book, inv.number, tmp_path / "tagihan.pdf")
    text = " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert f"{kept.receipt_number} 02/03/2026 500.000 Sah" in text
    assert f"{wrong.receipt_number} 02/03/2026 300.000 BATAL: Salah ketik jumlah" in text
    assert "Kuitansi BATAL tidak dihitung sebagai pembayaran." in text
    assert "Sudah dibayar Rp500.000" in text and "Sisa yang harus dibayar Rp1.500.000" in text
    assert "Kuitansi yang sudah diterbitkan" not in text


def test_the_invoice_note_stands_on_its_own_after_the_receipts(book, tmp_path):
    hh = add_customer(book)
    inv = invoices.create_invoice(book, customer_id=hh, payer_type="swadaya", date=D, due_date=None,
                                  lines=[invoices.LineSpec(None, "Perbaikan tutup tangki", 1_000_000)],
                                  note="Tagihan untuk pekerjaan tahap pertama")
    payments.record_payment(book, invoice_id=inv.id, date=D, amount=400_000)
    out = invoices.write_invoice_pdf(book, inv.number, tmp_path / "tagihan.pdf")
    text = " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    assert "Catatan: Tagihan untuk pekerjaan tahap pertama" in text
    assert text.index("Catatan:") > text.index("Sah")  # after the receipts' table, not inside it

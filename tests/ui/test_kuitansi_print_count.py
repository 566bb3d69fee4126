"""A kuitansi counts as printed only when it is really printed or saved as PDF, not when its
preview merely opens; after the original is out, the preview shows the SALINAN."""
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_setup import D, add_customer, add_order  # noqa: E402

from kws_desktop.services.billing import invoices, payments, receivables  # noqa: E402
from kws_desktop.ui.kit import pdf_preview  # noqa: E402


@pytest.fixture
def setup(book, qtbot):
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.pages.billing import page as billing
    hh = add_customer(book, "Siti Rohmah")
    order = add_order(book, hh, [("swadaya", "", 1_000_000)], customer_name="Siti Rohmah")
    inv = invoices.invoice_order(book, order, D)[0]
    paid = payments.record_payment(book, invoice_id=inv.id, date=D, amount=400_000)
    ctx = AppContext()
    ctx.book = book
    page = billing.BillingPage(ctx)
    qtbot.addWidget(page)
    return page, paid.receipt_number


def _count(book, number):
    return next(r.print_count for r in receivables.list_receipts(book) if r.number == number)


def _preview_doing(monkeypatch, action):
    """Open the preview, and instead of waiting for the user run `action(dialog)`."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        action(dialog)
        return 0
    monkeypatch.setattr(pdf_preview.PdfPreviewDialog, "exec", fake_exec)
    return seen


def test_opening_the_preview_counts_nothing(setup, book, monkeypatch):
    page, number = setup
    seen = _preview_doing(monkeypatch, lambda d: None)
    page.preview_receipt(number)
    assert seen and seen[0].page_count == 1
    assert _count(book, number) == 0


def test_saving_as_pdf_counts_and_preview_turns_salinan(setup, book, monkeypatch, tmp_path):
    page, number = setup
    target = tmp_path / "k.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    texts = []

    def save(dialog):
        texts.append(_text(dialog.pdf_path))
        dialog.save_as()
        texts.append(_text(dialog.pdf_path))
    _preview_doing(monkeypatch, save)
    page.preview_receipt(number)
    assert target.exists()
    assert _count(book, number) == 1
    assert "SALINAN" not in texts[0] and "SALINAN" in texts[1]


def test_printing_counts_and_cancelled_print_does_not(setup, book, monkeypatch):
    page, number = setup
    printed = []
    monkeypatch.setattr(pdf_preview, "print_pdf", lambda printer, path: printed.append(path))
    answer = [QDialog.DialogCode.Rejected]
    monkeypatch.setattr(pdf_preview.QPrintDialog, "exec", lambda self: answer[0])
    _preview_doing(monkeypatch, lambda d: d.print_document())
    page.preview_receipt(number)
    assert printed == [] and _count(book, number) == 0
    answer[0] = QDialog.DialogCode.Accepted
    page.preview_receipt(number)
    assert len(printed) == 1 and _count(book, number) == 1


def test_failed_save_counts_nothing(setup, book, monkeypatch, tmp_path):
    page, number = setup
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no-such-folder" / "k.pdf"), ""))
    errors = []
    monkeypatch.setattr(pdf_preview, "show_error", lambda parent, msg, *a: errors.append(msg))
    _preview_doing(monkeypatch, lambda d: d.save_as())
    page.preview_receipt(number)
    assert errors and "tidak dapat ditulis" in errors[0]
    assert _count(book, number) == 0


def _text(path):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()

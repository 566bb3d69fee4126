"""Potong uang muka: pay (part of) an invoice from the payer's earlier titipan. No new kuitansi
is printed: the money was receipted when it was received; the invoice shows "dipotong uang
muka"."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout

from kws_desktop.i18n import _, format_rupiah
from kws_desktop.services.billing import invoices
from kws_desktop.services.billing import payments
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, future_date_asked, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import dialog_buttons


class ApplyAdvanceDialog(QDialog):
    def __init__(self, page: Page, invoice: invoices.InvoiceInfo, left: int):
        super().__init__(page)
        self.page, self.invoice = page, invoice
        self.setWindowTitle(_("Potong uang muka: tagihan {number}").format(number=invoice.number))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FormErrors(form)
        form.addRow(_("Pembayar"), QLabel(invoice.payer_name))
        form.addRow(_("Sisa tagihan"), QLabel(format_rupiah(invoice.outstanding)))
        form.addRow(_("Uang muka (titipan) tersisa"), QLabel(format_rupiah(left)))
        self.amount = self.errors.add("amount", _("Dipotong"), MoneyEdit(value=min(left, invoice.outstanding)))
        self.date = self.errors.add("date", _("Tanggal"), DateEdit(value=max(dt.date.today(), invoice.date)))
        lay.addLayout(form)
        note = QLabel(_("Tidak ada kuitansi baru: uang ini sudah diberi kuitansi waktu dititipkan. "
                        "Di tagihan tertulis \"dipotong uang muka\"."))
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self.save, _("Potong")))
        self.resize(500, self.sizeHint().height() + 40)  # room for an error line under a field

    def save(self) -> None:
        amount, date = self.amount.value(), self.date.value()
        apply = lambda ok: payments.apply_advance(self.page.book, self.invoice.id, amount, date=date,  # noqa: E731
                                                  future_ok=ok)
        if self.page.call(lambda: future_date_asked(self, apply), errors=self.errors) is not None:
            self.accept()


def apply_advance_to(page: Page, row: dict | None) -> None:
    """From the invoice list: the selected invoice, if its payer has titipan left."""
    if not row:
        show_error(page, _("Pilih satu tagihan dulu."))
        return
    invoice = page.call(lambda: invoices.get_invoice(page.book, row["id"]))
    if invoice is None:
        return
    left = payments.advance_left(page.book, invoice.customer_id)
    if left <= 0:
        show_error(page, _("{payer} tidak punya uang muka (titipan) yang tersisa.").format(
            payer=invoice.payer_name), _("Potong uang muka"))
        return
    if invoice.outstanding <= 0:
        show_error(page, _("Tagihan {number} sudah lunas.").format(number=invoice.number),
                   _("Potong uang muka"))
        return
    ApplyAdvanceDialog(page, invoice, left).exec()

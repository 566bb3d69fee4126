"""The "Tagihan & Kuitansi" area: take a payment with the household in front of you, the
invoices and receipts lists (lazy, filtered, searchable), reprint, void, WhatsApp."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.i18n import _, p_
from kws_desktop.services.billing import payments
from kws_desktop.ui.kit.pdf_preview import preview_document
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.pages.billing import AREA
from kws_desktop.ui.pages.billing.invoices_tab import InvoicesTab
from kws_desktop.ui.pages.billing.payment_tab import PaymentTab
from kws_desktop.ui.pages.billing.receipts_tab import ReceiptsTab


class BillingPage(TabbedPage):
    """Only the tab on screen is loaded; another tab loads when it is chosen."""
    area = AREA
    watches = ("pesanan", "pelanggan")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Tagihan & Kuitansi"), parent)
        self.payment_tab = PaymentTab(self)
        self.invoices_tab = InvoicesTab(self)
        self.receipts_tab = ReceiptsTab(self)
        self.add_tabs((self.payment_tab, _("Terima pembayaran")),
                      (self.invoices_tab, p_("jamak", "Tagihan")),
                      (self.receipts_tab, p_("jamak", "Kuitansi")))

    def preview_receipt(self, number: str) -> None:
        """Show the kuitansi; the first print is the original, later ones say SALINAN."""
        preview_document(self, lambda path: payments.write_receipt(self.book, number, path, mark_printed=False),
                         ctx=self.ctx, kind="kuitansi", title=_("Kuitansi {number}").format(number=number),
                         suggested_name=f"{number}.pdf",
                         on_output=lambda: payments.mark_receipts_printed(self.book, [number]))
        self.receipts_tab.refresh()

    def share_receipt(self, number: str) -> None:
        """Save the kuitansi PDF, then open WhatsApp with a message to the payer."""
        info = self.call(lambda: payments.receipt_share(self.book, number))
        if info is None:
            return
        folder = Path.home() / "Documents" / "KWS Kuitansi"
        target, _f = QFileDialog.getSaveFileName(self, _("Simpan kuitansi untuk dikirim"),
                                                 str(folder / safe_file_name(f"{number}.pdf")), "PDF (*.pdf)")
        if not target:
            return
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        if self.call(lambda: payments.write_receipt(self.book, number, target)) is None:
            return
        if not info.phone:
            QMessageBox.information(self, _("Bagikan ke WhatsApp"), _(
                "Pembayar ini belum punya nomor HP. Pilih kontaknya sendiri di WhatsApp."))
        QDesktopServices.openUrl(QUrl(info.url))
        QMessageBox.information(self, _("Bagikan ke WhatsApp"), _(
            "Kuitansi disimpan di {path}. Lampirkan berkas itu di WhatsApp, lalu kirim.").format(path=target))

"""The "Tagihan & Kuitansi" area: take a payment with the household in front of you, the
invoices and receipts lists (lazy, filtered, searchable), reprint, void, WhatsApp."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.i18n import _, p_
from kws_desktop.services.billing import kuitansi
from kws_desktop.ui.kit.pdf_preview import preview_print_job
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.pages.billing import AREA
from kws_desktop.ui.pages.billing.invoices_tab import InvoicesTab
from kws_desktop.ui.pages.billing.payment_tab import PaymentTab
from kws_desktop.ui.pages.billing.receipts_tab import ReceiptsTab


class BillingPage(TabbedPage):
    """Only the tab on screen is loaded; another tab loads when it is chosen."""
    area = AREA
    shows = ("billing", "jobs", "sales")

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
        self.show_kuitansi(kuitansi.kuitansi_print(self.book, number))

    def show_kuitansi(self, job) -> None:
        preview_print_job(self, job, ctx=self.ctx)
        self.receipts_tab.refresh()

    def share_receipt(self, number: str) -> None:
        """Save the kuitansi PDF, then open WhatsApp with a message to the payer."""
        folder = Path.home() / "Documents" / "KWS Kuitansi"
        target, _f = QFileDialog.getSaveFileName(self, _("Simpan kuitansi untuk dikirim"),
                                                 str(folder / safe_file_name(f"{number}.pdf")), "PDF (*.pdf)")
        if not target:
            return
        info = self.call(lambda: kuitansi.share_kuitansi(self.book, number, target))
        if info is None:
            return
        if not info.phone:
            QMessageBox.information(self, _("Bagikan ke WhatsApp"), _(
                "Pembayar ini belum punya nomor HP. Pilih kontaknya sendiri di WhatsApp."))
        QDesktopServices.openUrl(QUrl(info.url))
        QMessageBox.information(self, _("Bagikan ke WhatsApp"), _(
            "Kuitansi disimpan di {path}. Lampirkan berkas itu di WhatsApp, lalu kirim.").format(path=target))

"""The receipts tab (Kuitansi): reprint, void, share to WhatsApp."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, _
from kws_desktop.services.billing import payments
from kws_desktop.services.billing import receivables
from kws_desktop.ui.kit.table_model import Column
from kws_desktop.ui.kit.widgets import VoidDialog, add_buttons, selected_row, void_receipt_note
from kws_desktop.ui.pages.billing.document_list import STATUS, DocumentList

if TYPE_CHECKING:
    from kws_desktop.ui.pages.billing.page import BillingPage


RECEIPT_COLUMNS = [
    Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", sortable=False),
    Column("payer", N_("Sudah terima dari"), sortable=False), Column("invoice", N_("Tagihan"), sortable=False),
    Column("method", N_("Cara bayar"), sortable=False), Column("amount", N_("Jumlah"), "money", sortable=False),
    Column("status", N_("Status"), sortable=False), Column("printed", N_("Dicetak"), "int", sortable=False)]


class ReceiptsTab(DocumentList):
    def __init__(self, page: BillingPage):
        super().__init__(page, RECEIPT_COLUMNS)
        self.status = self.add_filter(((_("Semua"), None), (_("Sah"), DocStatus.POSTED), (_("Batal"), DocStatus.VOID)))
        self.method = self.add_filter(((_("Tunai dan transfer"), None), (_("Tunai"), "cash"),
                                       (_("Transfer"), "transfer")))
        add_buttons(self.actions, ((_("Cetak ulang (SALINAN)…"), self.reprint),
                                   (_("Bagikan ke WhatsApp"), self.share), (_("Batalkan pembayaran…"), self.void)))
        self.view.doubleClicked.connect(lambda _i: self.reprint())

    def _filters(self) -> dict:
        return {"search": self.search.text(), "status": self.status.currentData(),
                "method": self.method.currentData()}

    def refresh(self) -> None:
        book, f = self.page.book, self._filters()

        def fetch(offset, limit, _key, _desc):
            return [{"number": r.number, "date": r.date, "payer": r.payer_name, "invoice": r.invoice_number,
                     "method": _("Tunai") if r.method == "cash" else _("Transfer"), "amount": r.amount,
                     "status": void_receipt_note(r.amount, r.void_reason) if r.status == DocStatus.VOID
                     else _(STATUS[r.status]), "printed": r.print_count, "payment_id": r.payment_id,
                     "_muted": r.status == DocStatus.VOID}
                    for r in receivables.list_receipts(book, offset=offset, limit=limit, **f)]
        self.model.set_fetch(fetch)
        self.count.setText(_("{n} kuitansi").format(n=receivables.count_receipts(book, **f)))

    def reprint(self) -> None:
        row = selected_row(self.view)
        if row:
            self.page.preview_receipt(row["number"])

    def share(self) -> None:
        row = selected_row(self.view)
        if row:
            self.page.share_receipt(row["number"])

    def void_dialog(self) -> VoidDialog | None:
        """The form that voids the selected kuitansi: the reason is checked beside its field
        before anything changes (None when nothing is selected)."""
        row = selected_row(self.view)
        if not row:
            return None
        return VoidDialog(self, self.page, title=_("Batalkan kuitansi {number}").format(number=row["number"]),
                          note=_("Kuitansi {number} dibatalkan; uangnya tercatat kembali sebagai belum "
                                 "dibayar. Kuitansinya tidak dihapus: nomornya tetap, ditandai BATAL.")
                          .format(number=row["number"]),
                          void=lambda reason: payments.void_payment(self.page.book, row["payment_id"], reason),
                          ok_text=_("Batalkan kuitansi"))

    def void(self) -> None:
        dialog = self.void_dialog()
        if dialog is not None:
            dialog.exec()

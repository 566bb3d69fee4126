"""The invoices tab (Tagihan): filtered and searchable; print, use an advance, remind on WhatsApp, void."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kws_desktop.core.status import DocStatus
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _
from kws_desktop.services.billing import invoices
from kws_desktop.services.billing import receivables
from kws_desktop.services.billing import reminders
from kws_desktop.ui.kit.forms import show_error
from kws_desktop.ui.kit.pdf_preview import preview_document, preview_print_job
from kws_desktop.ui.kit.table_model import Column
from kws_desktop.ui.kit.widgets import VoidDialog, add_buttons, selected_row
from kws_desktop.ui.pages.billing.document_list import STATUS, DocumentList

if TYPE_CHECKING:
    from kws_desktop.ui.pages.billing.page import BillingPage


INVOICE_COLUMNS = [
    Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", sortable=False),
    Column("payer", N_("Pembayar"), sortable=False), Column("kind", N_("Jenis"), sortable=False),
    Column("due_date", N_("Jatuh tempo"), "date", sortable=False), Column("total", N_("Jumlah"), "money", sortable=False),
    Column("paid", N_("Dibayar"), "money", sortable=False), Column("open", N_("Sisa"), "money", sortable=False),
    Column("status", N_("Status"), sortable=False)]


class InvoicesTab(DocumentList):
    def __init__(self, page: BillingPage):
        super().__init__(page, INVOICE_COLUMNS)
        self.status = self.add_filter(((_("Semua status"), None), (_("Belum lunas"), "open"),
                                       (_("Lunas"), "paid"), (_("Batal"), DocStatus.VOID), (_("Terlambat"), "late")))
        self.kind = self.add_filter(((_("Semua pembayar"), None), (_("Rumah tangga (swadaya)"), "swadaya"),
                                     (_("Program / lembaga"), "program")))
        add_buttons(self.actions, ((_("Cetak tagihan…"), self.print_invoice),
                                   (_("Surat pengingat…"), self.reminder),
                                   (_("Potong uang muka…"), self.apply_advance), (_("Batalkan tagihan…"), self.void)))
        self.view.doubleClicked.connect(lambda _i: self.print_invoice())

    def _filters(self) -> dict:
        status = self.status.currentData()
        late = status == "late"
        return {"search": self.search.text(), "status": None if late else status,
                "payer_type": self.kind.currentData(), "overdue_on": dt.date.today() if late else None}

    def refresh(self) -> None:
        book, f = self.page.book, self._filters()

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "number": r.number, "date": r.date, "payer": r.payer_name,
                     "kind": receivables.payer_label(r.payer_type), "due_date": r.due_date, "total": r.total,
                     "paid": r.paid, "open": r.outstanding, "status": _(STATUS[r.status]),
                     "customer_id": r.customer_id, "_muted": r.status == DocStatus.VOID}
                    for r in receivables.list_invoices(book, offset=offset, limit=limit, **f)]
        self.model.set_fetch(fetch)
        self.count.setText(_("{n} tagihan").format(n=receivables.count_invoices(book, **f)))

    def print_invoice(self) -> None:
        row = selected_row(self.view)
        if row:
            preview_document(self, lambda path: invoices.write_invoice_pdf(self.page.book, row["number"], path),
                             ctx=self.page.ctx, kind="tagihan", title=_("Tagihan {number}").format(
                                 number=row["number"]), suggested_name=f"{row['number']}.pdf")

    def apply_advance(self) -> None:
        from kws_desktop.ui.pages.billing.advance_dialog import apply_advance_to
        apply_advance_to(self.page, selected_row(self.view))

    def reminder(self) -> None:
        """Issue a numbered reminder letter to the selected invoice's payer and preview it."""
        row = selected_row(self.view)
        if not row:
            return
        try:
            job = reminders.issue_reminder(self.page.book, row["customer_id"])
        except UserError as exc:
            show_error(self, exc)
            return
        preview_print_job(self, job, ctx=self.page.ctx)

    def void(self) -> None:
        row = selected_row(self.view)
        if not row:
            return
        VoidDialog(self, self.page, title=_("Batalkan tagihan {number}").format(number=row["number"]),
                   note=_("Tagihan {number} dibatalkan: pelanggan tidak perlu membayarnya lagi. Tagihannya "
                          "tidak dihapus: nomornya tetap, ditandai BATAL.").format(number=row["number"]),
                   void=lambda reason: invoices.void_invoice(self.page.book, row["id"], reason),
                   ok_text=_("Batalkan tagihan")).exec()

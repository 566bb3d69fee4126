"""The payments made to suppliers (what a credit purchase left owing), a page of rows at a time,
with voiding: the payment keeps its number, its journal entry is reversed, the debt comes back."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, _
from kws_desktop.services.purchasing import suppliers
from kws_desktop.ui.kit.forms import show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import VoidDialog, add_buttons, chosen_row, table_view

COLUMNS = [Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", False),
           Column("supplier", N_("Toko"), sortable=False), Column("method", N_("Cara bayar"), sortable=False),
           Column("amount", N_("Jumlah"), "money", False), Column("status", N_("Status"), sortable=False),
           Column("note", N_("Keterangan"), sortable=False)]


def _as_row(p: suppliers.SupplierPaymentRow) -> dict:
    void = p.status == DocStatus.VOID
    method = suppliers.PAY_METHODS.get(p.method, (None, p.method))[1]
    return {"id": p.id, "number": p.number, "date": p.date, "supplier": p.supplier, "method": _(method),
            "amount": p.amount, "status": _("BATAL") if void else "", DocStatus.VOID: void,
            "note": _("Batal: {reason}").format(reason=p.void_reason) if void else p.notes, "_muted": void}


class SupplierPaymentsList(QWidget):
    """Every supplier's payments, or one supplier's after `show_supplier`."""

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.supplier_id: int | None = None
        self.supplier_name = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.title)
        self.model = PagedTableModel(COLUMNS)
        self.view = table_view(self.model)
        lay.addWidget(self.view)
        buttons = QHBoxLayout()
        add_buttons(buttons, ((_("Batalkan pembayaran…"), self.void),))
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def show_supplier(self, supplier_id: int | None, name: str = "") -> None:
        self.supplier_id, self.supplier_name = supplier_id, name
        self.refresh()

    def refresh(self) -> None:
        self.title.setText(_("Pembayaran utang ke {name}").format(name=self.supplier_name) if self.supplier_id
                           else _("Pembayaran utang ke semua pemasok"))
        book, supplier_id = self.page.book, self.supplier_id
        self.model.set_fetch(lambda offset, limit, _key, _desc: [
            _as_row(p) for p in suppliers.list_supplier_payments(book, supplier_id=supplier_id, offset=offset, limit=limit)])

    def void_dialog(self) -> VoidDialog | None:
        """The form that voids the selected payment (None, after saying why, when there is nothing to void)."""
        row = chosen_row(self.view, _("Pilih satu pembayaran dulu."))
        if row is None:
            return None
        if row[DocStatus.VOID]:
            show_error(self, _("Pembayaran {number} sudah dibatalkan.").format(number=row["number"]))
            return None
        return VoidDialog(self, self.page, title=_("Batalkan pembayaran {number}").format(number=row["number"]),
                          note=_("Pembayaran dibatalkan: utang ke toko tercatat kembali seperti sebelum "
                                 "dibayar. Pembayarannya tidak dihapus: nomornya tetap, ditandai BATAL."),
                          void=lambda reason: suppliers.void_supplier_payment(self.page.book, row["id"], reason=reason), ok_text=_("Batalkan pembayaran"))

    def void(self) -> None:
        dialog = self.void_dialog()
        if dialog is not None:
            dialog.exec()

"""The "Pemasok" tab: the suppliers, what is owed to each, and paying them."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from kws_desktop.i18n import N_, _, format_rupiah
from kws_desktop.services.purchasing import suppliers
from kws_desktop.ui.kit.dated import dated_asked
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import (add_buttons, chosen_row, dialog_buttons, search_box, selected_row,
                                        table_view)
from kws_desktop.ui.pages.purchasing.supplier_payments import SupplierPaymentsList


class SupplierDialog(QDialog):
    def __init__(self, page: Page, row: suppliers.SupplierRow | None = None):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Ubah pemasok") if row else _("Pemasok baru"))
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        self.name = self.errors.add("name", _("Nama toko"), QLineEdit(row.name if row else ""))
        self.address = self.errors.add("address", _("Alamat"), QLineEdit(row.address if row else ""))
        self.phone = self.errors.add("phone", _("Telepon/WhatsApp"), QLineEdit(row.phone if row else ""))
        self.notes = self.errors.add("notes", _("Catatan"), QLineEdit(row.notes if row else ""))
        self.active = QCheckBox(_("Masih langganan"))
        self.active.setChecked(row.active if row else True)
        form.addRow("", self.active)
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))

    def save(self) -> None:
        data = suppliers.SupplierInput(self.name.text(), self.address.text(), self.phone.text(), self.notes.text(),
                                self.active.isChecked())
        action = ((lambda: suppliers.update_supplier(self.page.book, self.row.id, data)) if self.row
                  else (lambda: suppliers.create_supplier(self.page.book, data)))
        self.created = self.page.call(action, errors=self.errors)
        if self.created is not None:
            self.accept()


class PayDialog(QDialog):
    def __init__(self, page: Page, row: suppliers.SupplierRow):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Bayar utang ke {name}").format(name=row.name))
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        form.addRow(_("Sisa utang"), QLabel(format_rupiah(row.owed)))
        self.date = self.errors.add("date", _("Tanggal bayar"), DateEdit())
        self.amount = self.errors.add("amount", _("Jumlah bayar (Rp)"), MoneyEdit(value=max(0, row.owed)))
        self.method = QComboBox()
        for key, (_acc, label) in suppliers.PAY_METHODS.items():
            self.method.addItem(_(label), key)
        self.errors.add("method", _("Cara bayar"), self.method)
        self.notes = self.errors.add("notes", _("Catatan"), QLineEdit())
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))

    def save(self) -> None:
        done = self.page.call(lambda: dated_asked(self, lambda ok, note: suppliers.pay_supplier(
            self.page.book, supplier_id=self.row.id, amount=self.amount.value(), date=self.date.value(),
            method=self.method.currentData(), notes=self.notes.text(), future_ok=ok, backdate_note=note)),
            errors=self.errors)
        if done is not None:
            self.accept()


class SuppliersPanel(QWidget):
    COLUMNS = [Column("name", N_("Toko")), Column("phone", N_("Telepon")), Column("address", N_("Alamat")),
               Column("last", N_("Beli terakhir"), "date"), Column("bought", N_("Total dibeli"), "money"),
               Column("owed", N_("Sisa utang"), "money")]

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = search_box(_("Cari toko..."), self.refresh)
        self.owing = QCheckBox(_("Hanya yang masih diutangi"))
        self.owing.toggled.connect(self.refresh)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.owing)
        lay.addLayout(bar)
        self.model = PagedTableModel(self.COLUMNS)
        self.view = table_view(self.model, stretch=0)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_payments())
        lay.addWidget(self.view, 3)
        self.total = QLabel()
        lay.addWidget(self.total)
        buttons = QHBoxLayout()
        add_buttons(buttons, ((_("Pemasok baru"), self.add), (_("Ubah"), self.edit), (_("Bayar utang"), self.pay)))
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.payments = SupplierPaymentsList(page)
        lay.addWidget(self.payments, 2)

    def refresh(self) -> None:
        book, search, owing = self.page.book, self.search.text(), self.owing.isChecked()

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "name": r.name, "phone": r.phone, "address": r.address, "last": r.last_purchase,
                     "bought": r.bought, "owed": r.owed, "_muted": not r.active}
                    for r in suppliers.list_suppliers(book, search=search, owing_only=owing, offset=offset, limit=limit)]
        self.model.set_fetch(fetch)
        owed = sum(r.owed for r in suppliers.list_suppliers(book, owing_only=True))
        self.total.setText(_("Utang ke semua pemasok: {amount}").format(amount=format_rupiah(owed)))
        self._show_payments()

    def _show_payments(self) -> None:
        """The selected supplier's payments; everyone's while no supplier is selected."""
        row = selected_row(self.view)
        self.payments.show_supplier(row["id"] if row else None, row["name"] if row else "")

    def _row(self) -> suppliers.SupplierRow | None:
        sel = chosen_row(self.view, _("Pilih satu pemasok dulu."))
        if sel is None:
            return None
        return suppliers.get_supplier(self.page.book, sel["id"])

    def add(self) -> None:
        SupplierDialog(self.page).exec()

    def edit(self) -> None:
        row = self._row()
        if row:
            SupplierDialog(self.page, row).exec()

    def pay(self) -> None:
        row = self._row()
        if row:
            if row.owed <= 0:
                show_error(self, _("Tidak ada utang ke {name}.").format(name=row.name))
                return
            PayDialog(self.page, row).exec()

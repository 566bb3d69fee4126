"""Choosing a quote's or order's customer: a search dialog and the field that opens it."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.services.sales import customers
from kws_desktop.ui.kit.forms import show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import dialog_buttons
from kws_desktop.ui.pages.sales.customers import CustomerDialog, CustomerList


class CustomerPicker(QDialog):
    def __init__(self, page: Page, *, kind: str | None = "household"):
        super().__init__(page)
        self.page = page
        self.chosen: int | None = None
        self.setWindowTitle(_("Pilih pelanggan"))
        self.resize(820, 480)
        lay = QVBoxLayout(self)
        self.list = CustomerList(page, kind=kind)
        self.list.view.doubleClicked.connect(lambda _i: self.choose())
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        new = QPushButton(_("Pelanggan baru..."))
        new.clicked.connect(self.new)
        row.addWidget(new)
        row.addStretch(1)
        row.addWidget(dialog_buttons(self, self.choose, _("Pilih")))
        lay.addLayout(row)
        self.list.load_kecamatan()
        self.list.refresh()
        self.list.search.setFocus()

    def choose(self) -> None:
        self.chosen = self.list.selected_id()
        if self.chosen is None:
            show_error(self, _("Pilih satu pelanggan dulu."))
            return
        self.accept()

    def new(self) -> None:
        dialog = CustomerDialog(self.page)
        if dialog.exec() and dialog.saved is not None:
            self.chosen = dialog.saved.id
            self.accept()


class CustomerField(QWidget):
    """The customer of a form: name and place shown read-only, chosen with the picker.
    `chosen` is emitted with the id after the user picked one."""

    chosen = Signal(int)

    def __init__(self, page: Page, button_text: str):
        super().__init__()
        self.page = page
        self.customer_id: int | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit()
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(_("belum dipilih"))
        self.button = QPushButton(button_text)
        self.button.clicked.connect(self.pick)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.button)

    def pick(self) -> None:
        picker = CustomerPicker(self.page)
        if picker.exec() and picker.chosen and self.set_customer(picker.chosen):
            self.chosen.emit(picker.chosen)

    def set_customer(self, customer_id: int) -> bool:
        """Show the customer; False (nothing chosen) when it no longer exists."""
        try:
            c = customers.get_customer(self.page.book, customer_id)
        except UserError:
            self.customer_id = None
            return False
        self.customer_id = c.id
        place = ", ".join(p for p in (c.desa, c.kecamatan) if p)
        self.text.setText(c.name + (f"  ({place})" if place else ""))
        return True

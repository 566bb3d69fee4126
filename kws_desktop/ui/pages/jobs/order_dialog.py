"""Pesanan baru: an order agreed without a written quote (customer, work, price, date, payers).

Enter moves to the next field; the Simpan button (or Ctrl+Enter) saves. A refusal is shown
beside the field it concerns and nothing is saved.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_rupiah
from kws_desktop.services.sales import customers
from kws_desktop.services.jobs import orders
from kws_desktop.services.sales.packages import list_packages
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.dated import backdate_asked
from kws_desktop.ui.kit.widgets import dialog_buttons

O_AREA = "pesanan"
# where each service field shows its message in this form
FIELD_OF = {"customer": "customer", "date": "date", "lines": "work", "lines.0.description": "work",
            "lines.0.qty": "work", "lines.0.unit_price": "price", "lines.0.cost": "price",
            "description": "work", "notes": "notes"}


def form_field(service_field: str | None) -> str | None:
    """The field of this form a service problem belongs beside (payer problems: the program row)."""
    if service_field and service_field.startswith("payers"):
        return "program"
    return FIELD_OF.get(service_field or "", service_field)


class NewOrderDialog(QDialog):
    """`saved` is the new order (an OrderView) once Simpan succeeded."""

    def __init__(self, page: Page):
        super().__init__(page)
        self.page = page
        self.saved: orders.OrderView | None = None
        self.setWindowTitle(_("Pesanan baru (tanpa surat penawaran)"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        intro = QLabel(_("Untuk pekerjaan yang harganya sudah disepakati tanpa surat penawaran. "
                         "Tekan Enter untuk pindah ke isian berikutnya."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.errors = FormErrors(form)

        from kws_desktop.ui.pages.sales.customer_picker import CustomerField
        self.customer = self.errors.add("customer", _("Pelanggan"), CustomerField(page, _("Pilih…")))
        self.customer.chosen.connect(lambda _id: self.work.setFocus())

        self.work = QComboBox()
        self.work.setEditable(True)
        self.work.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.work.lineEdit().setPlaceholderText(_("pilih paket, atau tulis pekerjaannya"))
        self._packages = {p.id: p for p in list_packages(page.book, active_only=True)}
        self.work.addItem("", None)
        for p in self._packages.values():
            self.work.addItem(p.name, p.id)
        self.work.activated.connect(self._package_chosen)
        self.errors.add("work", _("Pekerjaan"), self.work)

        self.price = self.errors.add("price", _("Harga disepakati"), MoneyEdit())
        self.price.textChanged.connect(self._update_share)
        self.date = self.errors.add("date", _("Tanggal pesanan"), DateEdit(value=dt.date.today()))

        prog = QWidget()
        pl = QHBoxLayout(prog)
        pl.setContentsMargins(0, 0, 0, 0)
        self.program = QComboBox()
        self.program.addItem(_("Tidak ada (rumah tangga bayar semua)"), None)
        for kind in PayerType:
            if kind != PayerType.SWADAYA:
                self.program.addItem(PAYER_LABELS[kind], kind.value)
        self.institution = QComboBox()
        pl.addWidget(self.program)
        pl.addWidget(self.institution, 1)
        form.addRow(_("Dibantu program"), prog)
        self.program_amount = self.errors.add("program", _("Dibayar program"), MoneyEdit())
        self.program.currentIndexChanged.connect(self._program_changed)
        self.program_amount.textChanged.connect(self._update_share)
        self.household_share = QLabel()
        form.addRow(_("Dibayar rumah tangga"), self.household_share)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.errors.add("notes", _("Catatan"), self.notes)
        lay.addLayout(form)
        lay.addWidget(self.errors.general)

        lay.addWidget(dialog_buttons(self, self.save))
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.save)
        self._program_changed()
        self.resize(640, self.sizeHint().height() + 80)  # room for error lines under the fields
        self.customer.button.setFocus()

    # Enter moves to the next field instead of closing the dialog; on a button it presses it.
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() \
                and not isinstance(self.focusWidget(), QPushButton):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    # --- customer ---------------------------------------------------------------------------
    def set_customer(self, customer_id: int) -> None:
        self.customer.set_customer(customer_id)

    # --- work and money ---------------------------------------------------------------------
    def _package(self):
        """The chosen package, while the text is still its name (edited text is free work)."""
        package = self._packages.get(self.work.currentData())
        return package if package and self.work.currentText() == package.name else None

    def _package_chosen(self) -> None:
        package = self._package()
        if package and not self.price.value():
            self.price.set_value(package.pricing.price)

    def _program_changed(self) -> None:
        kind = self.program.currentData()
        self.institution.clear()
        self.institution.setEnabled(kind is not None)
        self.program_amount.setEnabled(kind is not None)
        if kind is not None:
            self.institution.addItem(_("(tidak disebut)"), None)
            for c in customers.institutions(self.page.book, kind):
                self.institution.addItem(c.name, c.id)
        self._update_share()

    def _update_share(self) -> None:
        rest = self.price.value() - (self.program_amount.value() if self.program.currentData() else 0)
        self.household_share.setText(format_rupiah(rest) if rest >= 0 else
                                     _("{amount} (bagian program lebih besar dari harga)").format(
                                         amount=format_rupiah(rest)))

    def order_input(self) -> orders.OrderInput:
        price, package = self.price.value(), self._package()
        text = " ".join(self.work.currentText().split())
        line = orders.LineInput(description=text, qty=1, unit=package.unit if package else "unit",
                           unit_price=price, cost=package.pricing.cost if package else 0,
                           package_id=package.id if package else None)
        payers: list[orders.PayerInput] = []
        kind = self.program.currentData()
        if kind is not None:
            share = self.program_amount.value()
            payers.append(orders.PayerInput(kind, share, payer_customer_id=self.institution.currentData()))
            if price - share > 0:
                payers.append(orders.PayerInput(PayerType.SWADAYA.value, price - share))
        return orders.OrderInput(customer_id=self.customer.customer_id or 0, date=self.date.value(), lines=(line,),
                            payers=tuple(payers), notes=self.notes.toPlainText().strip())

    def save(self) -> None:
        data = self.order_input()
        problems = []
        if not self.customer.customer_id:
            problems.append(("customer", _("Pilih pelanggan (rumah tangga) untuk pesanan ini.")))
        if not self.price.value():
            problems.append(("price", _("Isi harga yang disepakati.")))
        if self.program.currentData() and not self.program_amount.value():
            problems.append(("program", _("Isi berapa yang dibayar program, atau pilih \"Tidak ada\".")))
        try:
            if problems:
                raise UserError(problems[0][1], field=problems[0][0], problems=problems)
            self.saved = backdate_asked(self, lambda note: orders.create_order(
                self.page.book, replace(data, backdate_note=note)))
        except UserError as exc:
            self.errors.show(UserError(exc.message, field=form_field(exc.field),
                                       problems=[(form_field(f), m) for f, m in exc.problems]))
            return
        self.errors.clear()
        self.page.ctx.notify_changes()
        self.accept()

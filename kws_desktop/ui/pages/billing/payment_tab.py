"""The quick payment tab (Terima pembayaran): take a payment with the household in front of you."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.i18n import _, format_date, format_date_short, format_rupiah
from kws_desktop.services.billing import invoices
from kws_desktop.services.billing import kuitansi
from kws_desktop.services.billing import receivables
from kws_desktop.ui.kit.dated import dated_asked
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit
from kws_desktop.ui.kit.widgets import RIGHT

if TYPE_CHECKING:
    from kws_desktop.ui.pages.billing.page import BillingPage


def _money_item(amount: int) -> QTableWidgetItem:
    item = QTableWidgetItem(format_rupiah(amount))
    item.setTextAlignment(RIGHT)
    return item


class PaymentTab(QWidget):
    """Find the person, see what is owed, take the money, print the kuitansi.

    By keys alone: the cursor starts in the search box and nobody is chosen until the treasurer
    says who; Enter there takes the first match and puts the cursor in the amount (the next
    instalment offered, selected to type over); Tab goes field to field (the table of what is
    owed is one stop, its rows chosen with the arrows); Enter in the amount takes the payment.
    By mouse: the person, then "Terima dan cetak kuitansi"."""

    def __init__(self, page: BillingPage):
        super().__init__()
        self.page = page
        self.invoices: list[invoices.InvoiceInfo] = []
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        find_label = QLabel(_("1. Cari nama, nomor HP, desa, atau nomor tagihan"))
        find_label.setWordWrap(True)  # the long words wrap: what is owed gets the room (1024 px, zoom)
        left.addWidget(find_label)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Ketik nama pembayar…"))
        self.search.setClearButtonEnabled(True)
        left.addWidget(self.search)
        self.search.returnPressed.connect(self.choose_first)
        self.people = QListWidget()
        self.people.setWordWrap(True)  # long names (a district office) wrap instead of scrolling sideways
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setMinimumWidth(self.people.fontMetrics().averageCharWidth() * 20)
        self.people.itemActivated.connect(lambda _item: self.to_amount())
        left.addWidget(self.people, 1)
        lay.addLayout(left, 2)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.people.currentItemChanged.connect(lambda *_a: self.load_person())

        right = QVBoxLayout()
        right.addWidget(QLabel(_("2. Yang masih harus dibayar")))
        # What was paid already is Total − Sisa (and in the schedule below): five columns fit a
        # 1024-px projector with the workshop zoom.
        self.owed = QTableWidget(0, 5)
        self.owed.setHorizontalHeaderLabels([_("Tagihan"), _("Tanggal"), _("Untuk"), _("Total"), _("Sisa")])
        self.owed.verticalHeader().hide()
        self.owed.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.owed.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.owed.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.owed.setTabKeyNavigation(False)  # Tab leaves the table; the arrows choose a row
        self.owed.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.owed.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.owed.itemSelectionChanged.connect(self.load_invoice)
        right.addWidget(self.owed, 1)
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        self.schedule.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.schedule)

        box = QGroupBox(_("3. Terima uang"))
        form = QFormLayout(box)
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal"), DateEdit())
        self.amount = self.errors.add("amount", _("Jumlah uang"), MoneyEdit())
        self.amount.textChanged.connect(self.update_after)
        self.amount.returnPressed.connect(self.take_payment)
        self.method = QComboBox()
        self.method.addItem(_("Tunai"), "cash")
        self.method.addItem(_("Transfer bank"), "transfer")
        self.errors.add("method", _("Cara bayar"), self.method)
        self.payer_name = self.errors.add("payer_name", _("Diserahkan oleh"), QLineEdit())
        self.payer_name.setPlaceholderText(_("(nama pembayar pada tagihan)"))
        self.advance = QCheckBox(_("Kelebihannya dicatat sebagai uang titipan"))
        self.advance.toggled.connect(self.update_after)
        self.errors.add("advance", "", self.advance)
        self.after = QLabel()
        form.addRow(_("Sisa sesudah ini"), self.after)
        form.addRow(self.errors.general)
        self.take = QPushButton(_("Terima dan cetak kuitansi"))
        self.take.setDefault(True)
        self.take.clicked.connect(self.take_payment)
        form.addRow(self.take)
        right.addWidget(box)
        lay.addLayout(right, 5)

    def refresh(self) -> None:
        self.find()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self.search.setFocus)

    def choose_first(self) -> None:
        """Enter in the search box: the first match (unless one is chosen already), then the amount."""
        self._timer.stop()
        self.find()
        if self.people.currentItem() is None and self.people.count():
            self.people.setCurrentRow(0)
        self.to_amount()

    def to_amount(self) -> None:
        if self.take.isEnabled():
            self.amount.setFocus()
            self.amount.selectAll()
        elif self.people.count():
            self.people.setFocus()

    def find(self) -> None:
        current = self.people.currentItem().data(Qt.ItemDataRole.UserRole) if self.people.currentItem() else None
        matches = receivables.find_payers(self.page.book, self.search.text())
        self.people.blockSignals(True)
        self.people.clear()
        for m in matches:
            owed = format_rupiah(m.outstanding) if m.outstanding else _("lunas")
            where = f" · {m.desa}" if m.desa else ""
            item = QListWidgetItem(f"{m.name}{where}\n   {_('sisa')}: {owed}")
            item.setData(Qt.ItemDataRole.UserRole, m.customer_id)
            self.people.addItem(item)
            if m.customer_id == current:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        self.load_person()  # nobody is chosen for the treasurer: a click takes money from that person

    def customer_id(self) -> int | None:
        item = self.people.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def load_person(self) -> None:
        cid = self.customer_id()
        self.invoices = invoices.open_invoices_for_customer(self.page.book, cid) if cid else []
        self.owed.setRowCount(len(self.invoices))
        for r, inv in enumerate(self.invoices):
            what = ", ".join(inv.order_numbers) or inv.payer_label
            for c, item in enumerate((QTableWidgetItem(inv.number), QTableWidgetItem(format_date_short(inv.date)),
                                      QTableWidgetItem(what), _money_item(inv.total),
                                      _money_item(inv.outstanding))):
                if c == 2:
                    item.setToolTip(what)
                self.owed.setItem(r, c, item)
        if self.invoices:
            self.owed.blockSignals(True)
            self.owed.selectRow(0)
            self.owed.blockSignals(False)
            self.load_invoice()
        else:
            self.schedule.setText(_("Tidak ada tagihan yang belum lunas.") if cid else "")
            self.amount.set_value(0)
        self.take.setEnabled(bool(self.invoices))
        self.errors.clear()

    def invoice(self) -> invoices.InvoiceInfo | None:
        rows = self.owed.selectionModel().selectedRows()
        return self.invoices[rows[0].row()] if rows and rows[0].row() < len(self.invoices) else None

    def load_invoice(self) -> None:
        inv = self.invoice()
        if inv is None:
            return
        count = len(inv.instalments)
        has_dp = any(i.is_down_payment for i in inv.instalments)
        today = dt.date.today()
        lines = []
        for i in inv.instalments:
            state = _("lunas") if i.open <= 0 else (
                _("kurang {amount}").format(amount=format_rupiah(i.open)))
            late = i.open > 0 and i.due_date < today
            text = f"{i.label(count, has_dp)}: {format_rupiah(i.amount)}, {_('jatuh tempo')} " \
                   f"{format_date(i.due_date)} — {state}"
            lines.append(f"<span style='color:#b00020'>{text} ({_('terlambat')})</span>" if late else text)
        self.schedule.setText("<br>".join(lines))
        nxt = next((i for i in inv.instalments if i.open > 0), None)
        self.amount.set_value(nxt.open if nxt else 0)
        self.update_after()

    def update_after(self) -> None:
        inv = self.invoice()
        if inv is None:
            self.after.setText("")
            return
        rest = inv.outstanding - self.amount.value()
        if rest >= 0:
            self.after.setText(format_rupiah(rest) if rest else _("Rp0 — LUNAS"))
        elif self.advance.isChecked():
            self.after.setText(_("Rp0 — LUNAS, uang titipan {amount}").format(amount=format_rupiah(-rest)))
        else:
            self.after.setText(_("lebih {amount}").format(amount=format_rupiah(-rest)))

    def take_payment(self) -> None:
        inv = self.invoice()
        if inv is None:
            return
        amount = self.amount.value()
        advance = max(0, amount - inv.outstanding) if self.advance.isChecked() else 0
        day = self.date.value()
        taken = self.page.call(lambda: dated_asked(self, lambda future_ok, note: kuitansi.take_payment(
            self.page.book, invoice_id=inv.id, date=day, amount=amount,
            method=self.method.currentData(), payer_name=self.payer_name.text(), advance=advance,
            backdate_note=note, future_ok=future_ok)), errors=self.errors)
        if taken is None:
            return
        self.payer_name.clear()
        self.advance.setChecked(False)
        self.page.show_kuitansi(taken.kuitansi)
        self.search.setFocus()  # the next person
        self.search.selectAll()

"""The purchase slip form (nota pembelian): supplier, lines of materials, paid now or owed."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QCompleter, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_rupiah, p_
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import suppliers
from kws_desktop.ui.kit.dated import dated_asked
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, QuantityEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import error_label
from kws_desktop.ui.pages.purchasing.suppliers_tab import SupplierDialog


class LineRow:
    """One line of the slip: material, quantity, unit price, amount."""

    def __init__(self, form: PurchaseForm, index: int):
        self.form = form
        self.material = QComboBox()
        self.material.setEditable(True)
        self.material.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.material.addItem("", None)
        for m in form.materials:
            self.material.addItem(f"{m.name} ({m.unit})", m.id)
        self.material.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.material.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.material.setMinimumWidth(280)
        self.qty = QuantityEdit()
        self.qty.setPlaceholderText("0")
        self.price = MoneyEdit()
        self.amount = QLabel("")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setMinimumWidth(110)
        self.error = error_label()
        self.material.currentIndexChanged.connect(self._material_chosen)
        self.qty.textChanged.connect(form.update_total)
        self.price.textChanged.connect(form.update_total)

    def widgets(self) -> list[QWidget]:
        return [self.material, self.qty, self.price, self.amount]

    def material_id(self) -> int | None:
        return self.material.currentData()

    def _material_chosen(self) -> None:
        mid = self.material_id()
        if mid is not None and not self.price.value():
            price = self.form.remembered_price(mid)
            if price:
                self.price.set_value(price)
        self.form.update_total()

    def is_blank(self) -> bool:
        return self.material_id() is None and not self.qty.text().strip() and not self.price.value()

    def line_amount(self) -> int:
        qty = self.qty.value()
        if qty is None or not self.price.value():
            return 0
        from kws_desktop.core.money import line_total
        return line_total(qty, self.price.value())

    def clear(self) -> None:
        self.material.setCurrentIndex(0)
        self.qty.clear()
        self.price.set_value(0)
        self.error.hide()


class PurchaseForm(QDialog):
    """A slip as it is on paper, fast to type: Enter/Tab moves on, Ctrl+Enter saves and starts
    the next slip with the same shop and date; prices paid before are filled in."""

    START_LINES = 6

    def __init__(self, page: Page, order_id: int | None = None):
        super().__init__(page)
        self.page, self.order_id = page, order_id
        self.setWindowTitle(_("Catat nota pembelian"))
        self.resize(860, 640)
        self.materials = materials.list_materials(page.book, active_only=True)
        self.memory = purchases.form_memory(page.book)
        self.slip_path: str | None = None
        self.saved: list[str] = []
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal nota"), DateEdit(value=self.memory.date or dt.date.today()))
        supplier_row = QHBoxLayout()
        self.supplier = QComboBox()
        self.supplier.setEditable(True)
        self.supplier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.supplier.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self._fill_suppliers()
        supplier_row.addWidget(self.supplier, 1)
        new_supplier = QPushButton(_("Toko baru..."))
        new_supplier.setAutoDefault(False)
        new_supplier.clicked.connect(self._new_supplier)
        supplier_row.addWidget(new_supplier)
        holder = QWidget()
        holder.setLayout(supplier_row)
        supplier_row.setContentsMargins(0, 0, 0, 0)
        self.errors.add("supplier", _("Toko/pemasok"), holder, focus=self.supplier)
        self.method = QComboBox()
        for key, (_acc, label) in purchases.METHODS.items():
            self.method.addItem(_(label), key)
        self.method.setCurrentIndex(max(0, self.method.findData(self.memory.method)))
        self.errors.add("method", _("Cara bayar"), self.method)
        self.slip_number = self.errors.add("slip_number", _("Nomor nota toko"), QLineEdit())
        if order_id is not None:
            form.addRow(_("Untuk pesanan"), QLabel(_("dibeli langsung untuk pesanan ini (tidak masuk stok)")))

        grid_holder = QWidget()
        holder_lay = QVBoxLayout(grid_holder)
        self.grid = QGridLayout()
        holder_lay.addLayout(self.grid)
        holder_lay.addStretch(1)
        for col, title in enumerate((_("Bahan"), p_("banyaknya", "Jumlah"), _("Harga satuan (Rp)"), _("Jumlah (Rp)"))):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.grid.setColumnStretch(0, 3)
        self.lines: list[LineRow] = []
        for _i in range(self.START_LINES):
            self._add_line()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_holder)
        outer.addWidget(scroll, 1)
        more = QPushButton(_("Tambah baris"))
        more.setAutoDefault(False)
        more.clicked.connect(self._add_line)
        self.lines_error = error_label()
        outer.addWidget(self.lines_error)
        bottom = QFormLayout()
        outer.addLayout(bottom)
        bottom.addRow("", more)
        self.shipping = MoneyEdit()
        self.shipping.textChanged.connect(self.update_total)
        bottom.addRow(_("Ongkos kirim (Rp)"), self.shipping)
        self.shipping_error = error_label()
        bottom.addRow("", self.shipping_error)
        self.notes = QLineEdit()
        bottom.addRow(_("Catatan"), self.notes)
        slip_row = QHBoxLayout()
        self.slip_label = QLabel(_("belum ada"))
        pick = QPushButton(_("Pilih foto/scan nota..."))
        pick.setAutoDefault(False)
        pick.clicked.connect(self._pick_slip)
        slip_row.addWidget(self.slip_label, 1)
        slip_row.addWidget(pick)
        bottom.addRow(_("Foto nota"), slip_row)
        self.slip_error = error_label()
        bottom.addRow("", self.slip_error)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 14pt; font-weight: bold;")
        bottom.addRow(_("Total nota"), self.total)
        outer.addWidget(self.errors.general)
        self.status = QLabel()
        outer.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.save_next = buttons.addButton(_("Simpan && nota berikutnya (Ctrl+Enter)"),
                                           QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_close = buttons.addButton(_("Simpan && tutup"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_next.clicked.connect(lambda: self.save(close=False))
        self.save_close.clicked.connect(lambda: self.save(close=True))
        buttons.rejected.connect(self.reject)
        for b in (self.save_next, self.save_close):
            b.setAutoDefault(False)
        outer.addWidget(buttons)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=lambda: self.save(close=False))
        self.update_total()
        self.supplier.setFocus()

    # Enter moves to the next field, as on a calculator pad, instead of closing the dialog.
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _fill_suppliers(self, select_id: int | None = None) -> None:
        self.supplier.clear()
        self.supplier.addItem(_("(tanpa nama toko)"), None)
        for s in suppliers.list_suppliers(self.page.book, active_only=True):
            self.supplier.addItem(s.name, s.id)
        wanted = select_id if select_id is not None else self.memory.supplier_id
        self.supplier.setCurrentIndex(max(0, self.supplier.findData(wanted)))

    def _new_supplier(self) -> None:
        dialog = SupplierDialog(self.page)
        if dialog.exec():
            self._fill_suppliers(dialog.created.id)

    def _add_line(self) -> None:
        line = LineRow(self, len(self.lines))
        r = 1 + 2 * len(self.lines)
        for col, w in enumerate(line.widgets()):
            self.grid.addWidget(w, r, col)
        self.grid.addWidget(line.error, r + 1, 0, 1, 4)
        self.lines.append(line)

    def _pick_slip(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih foto atau scan nota"), "",
                                               _("Gambar atau PDF (*.jpg *.jpeg *.png *.pdf *.heic *.webp)"))
        if path:
            self.slip_path = path
            self.slip_label.setText(path.rsplit("/", 1)[-1])

    def remembered_price(self, material_id: int) -> int | None:
        return (materials.last_purchase_price(self.page.book, material_id, self.supplier.currentData())
                or next((m.price for m in self.materials if m.id == material_id), None))

    def update_total(self) -> None:
        total = 0
        for line in self.lines:
            amount = line.line_amount()
            line.amount.setText(format_rupiah(amount) if amount else "")
            total += amount
        self.total.setText(format_rupiah(total + self.shipping.value()))

    def data(self) -> purchases.PurchaseInput:
        filled = [line for line in self.lines if not line.is_blank()]
        self._filled = filled
        return purchases.PurchaseInput(
            date=self.date.value(), supplier_id=self.supplier.currentData(), method=self.method.currentData(),
            lines=tuple(purchases.PurchaseLineInput(line.material_id(), line.qty.text().strip() or "0", line.price.value())
                        for line in filled),
            shipping=self.shipping.value(), slip_number=self.slip_number.text(), order_id=self.order_id,
            notes=self.notes.text(), slip_path=self.slip_path)

    def _show_errors(self, exc: UserError) -> None:
        for line in self.lines:
            line.error.hide()
        for label in (self.lines_error, self.shipping_error, self.slip_error):
            label.hide()
        rest = []
        for field, message in exc.problems:
            if field and field.startswith("lines."):
                parts = field.split(".")
                i = int(parts[1])
                line = self._filled[i] if i < len(self._filled) else None
                if line is not None:
                    line.error.setText(message)
                    line.error.show()
                    {"qty": line.qty, "unit_price": line.price}.get(parts[2], line.material).setFocus()
                    continue
            target = {"lines": self.lines_error, "shipping": self.shipping_error, "slip": self.slip_error}.get(field or "")
            if target is not None:
                target.setText(message)
                target.show()
            else:
                rest.append((field, message))
        if rest:
            self.errors.show(UserError(rest[0][1], field=rest[0][0], problems=rest))
        else:
            self.errors.clear()

    def save(self, *, close: bool) -> None:
        try:
            data = self.data()
            row = dated_asked(self, lambda ok, note: purchases.record_purchase(
                self.page.book, data, future_ok=ok, backdate_note=note))
        except UserError as exc:
            self._show_errors(exc)
            return
        self.page.ctx.notify_changes()
        self.saved.append(row.number)
        if close:
            self.accept()
            return
        # next slip: same shop, date and way of paying; lines, shipping, slip number cleared
        self._show_errors(UserError("", problems=[]))
        for line in self.lines:
            line.clear()
        self.shipping.set_value(0)
        self.slip_number.clear()
        self.notes.clear()
        self.slip_path = None
        self.slip_label.setText(_("belum ada"))
        self.update_total()
        self.status.setText(_("Tersimpan: {number} ({total}). Silakan isi nota berikutnya.").format(
            number=row.number, total=format_rupiah(row.total)))
        self.lines[0].material.setFocus()

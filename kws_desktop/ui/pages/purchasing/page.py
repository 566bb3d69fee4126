"""Bahan & Pembelian: catalog, suppliers, purchases (with a fast slip entry form), stock."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QCompleter, QDialog,
                               QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_date, format_date_short, format_quantity, format_rupiah, p_
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.sales import packages
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, QuantityEdit, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.pages.purchasing.supplier_payments import SupplierPaymentsList
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import (VoidDialog, add_buttons, chosen_row, dialog_buttons, error_label,
                                    period_row, search_box, selected_row, table_view)

AREA = "bahan"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def qty_text(qty: Decimal) -> str:
    """A quantity to type over: no thousands dots (they would read back as decimals), comma decimals."""
    return format(Decimal(qty).normalize(), "f").replace(".", ",")


# --- catalog ------------------------------------------------------------------------------

class MaterialDialog(QDialog):
    def __init__(self, page: Page, row: materials.MaterialRow | None = None):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Ubah bahan") if row else _("Bahan baru"))
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        self.name = self.errors.add("name", _("Nama bahan"), QLineEdit(row.name if row else ""))
        self.unit = QComboBox()
        self.unit.addItems(materials.UNITS)
        if row:
            self.unit.setCurrentText(row.unit)
        self.errors.add("unit", _("Satuan"), self.unit)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(materials.categories(page.book))
        self.category.setCurrentText(row.category if row else "")
        self.errors.add("category", _("Kategori"), self.category)
        self.price = self.errors.add("price", _("Harga katalog (Rp)"), MoneyEdit(value=row.price if row else 0))
        self.min_stock = self.errors.add("min_stock", _("Stok minimum"), QuantityEdit())
        self.min_stock.setText(qty_text(row.min_stock if row else Decimal(0)))
        self.active = QCheckBox(_("Masih dipakai"))
        self.active.setChecked(row.active if row else True)
        form.addRow("", self.active)
        self.notes = self.errors.add("notes", _("Catatan"), QLineEdit(row.notes if row else ""))
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))

    def data(self) -> materials.MaterialInput:
        return materials.MaterialInput(self.name.text(), self.unit.currentText(), self.category.currentText(),
                               self.price.value(), self.min_stock.text() or "0", self.active.isChecked(),
                               self.notes.text())

    def save(self) -> None:
        if self.row:
            done = self.page.call(lambda: materials.update_material(self.page.book, self.row.id, self.data()),
                                  changed=AREA, errors=self.errors)
        else:
            done = self.page.call(lambda: materials.create_material(self.page.book, self.data()),
                                  changed=AREA, errors=self.errors)
        if done is not None:
            self.accept()


class PriceDialog(QDialog):
    """Change the catalog price: the history, and what it does to the quote packages."""

    def __init__(self, page: Page, row: materials.MaterialRow):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Harga {name}").format(name=row.name))
        self.resize(640, 480)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        self.errors = FormErrors(form)
        form.addRow(_("Harga sekarang"), QLabel(format_rupiah(row.price) + (
            "  " + _("(harga contoh)") if row.is_example else "")))
        self.price = self.errors.add("price", _("Harga baru (Rp) per {unit}").format(unit=row.unit),
                                     MoneyEdit(value=row.price))
        self.price.textChanged.connect(self._effect)
        lay.addWidget(self.errors.general)
        lay.addWidget(QLabel(_("Pengaruh ke paket pekerjaan yang memakai bahan ini:")))
        self.effect = QTableWidget(0, 5)
        self.effect.setHorizontalHeaderLabels([_("Paket"), _("Jumlah bahan"), _("Biaya sebelum"),
                                               _("Biaya sesudah"), _("Harga jual sesudah")])
        self.effect.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.effect.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.effect.verticalHeader().hide()
        self.effect.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lay.addWidget(self.effect)
        lay.addWidget(QLabel(_("Riwayat harga:")))
        history = materials.price_history(page.book, row.id, limit=50)
        self.history = QTableWidget(len(history), 4)
        self.history.setHorizontalHeaderLabels([_("Tanggal"), _("Harga"), _("Dari"), _("Toko")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for i, h in enumerate(history):
            for j, text in enumerate((format_date_short(h.date), format_rupiah(h.price),
                                      _("Pembelian") if h.source == "purchase" else _("Katalog"), h.supplier)):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setTextAlignment(RIGHT)
                self.history.setItem(i, j, item)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.history)
        lay.addWidget(dialog_buttons(self, self.save))
        self._effect()

    def _effect(self) -> None:
        try:
            effects = packages.price_change_effect(self.page.book, self.row.id, self.price.value())
        except UserError:
            effects = []
        self.effect.setRowCount(len(effects))
        for i, e in enumerate(effects):
            cells = (e.package_name, format_quantity(e.qty), format_rupiah(e.cost_before),
                     format_rupiah(e.cost_after), format_rupiah(e.price_after))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(RIGHT)
                self.effect.setItem(i, j, item)
        if not effects:
            self.effect.setRowCount(1)
            self.effect.setItem(0, 0, QTableWidgetItem(_("Tidak ada paket yang memakai bahan ini.")))

    def save(self) -> None:
        if self.page.call(lambda: materials.update_price(self.page.book, self.row.id, self.price.value()),
                          changed=AREA, errors=self.errors) is not None:
            self.accept()


class CatalogPanel(QWidget):
    COLUMNS = [Column("name", N_("Bahan")), Column("unit", N_("Satuan")), Column("category", N_("Kategori")),
               Column("price_text", N_("Harga katalog")), Column("stock_qty", N_("Stok"), "qty"),
               Column("stock_value", N_("Nilai stok"), "money"), Column("min_stock", N_("Stok minimum"), "qty")]

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = search_box(_("Cari bahan atau kategori..."), self.refresh)
        self.low_only = QCheckBox(_("Hanya stok menipis"))
        self.low_only.toggled.connect(self.refresh)
        self.inactive = QCheckBox(_("Tampilkan yang tidak dipakai lagi"))
        self.inactive.toggled.connect(self.refresh)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.low_only)
        bar.addWidget(self.inactive)
        lay.addLayout(bar)
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.model = PagedTableModel(self.COLUMNS)
        self.view = table_view(self.model, stretch=0)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        lay.addWidget(self.view)
        buttons = QHBoxLayout()
        add_buttons(buttons, ((_("Bahan baru"), self.add), (_("Ubah"), self.edit), (_("Ubah harga"), self.price),
                              (_("Muat daftar bahan contoh"), self.load_starter)))
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def refresh(self) -> None:
        search, low, inactive = self.search.text(), self.low_only.isChecked(), self.inactive.isChecked()
        book = self.page.book

        def fetch(offset, limit, _key, _desc):
            rows = materials.list_materials(book, search=search, low_only=low, active_only=not inactive,
                                    offset=offset, limit=limit)
            return [{"id": r.id, "name": r.name, "unit": r.unit, "category": r.category,
                     "price_text": format_rupiah(r.price) + (" *" if r.is_example else ""),
                     "stock_qty": r.stock_qty, "stock_value": r.stock_value, "min_stock": r.min_stock,
                     "_muted": not r.active, "_bold": r.low} for r in rows]
        self.model.set_fetch(fetch)
        total = materials.count_materials(book)
        if total == 0:
            self.note.setText(_("Katalog masih kosong. Tekan \"Muat daftar bahan contoh\" untuk mulai dengan "
                                "bahan tangki septik yang umum, lalu sesuaikan harganya."))
        else:
            self.note.setText(_("* harga contoh dari daftar bawaan: ganti dengan harga toko Anda. "
                                "Baris tebal: stok di bawah minimum."))

    def _row(self) -> materials.MaterialRow | None:
        sel = chosen_row(self.view, _("Pilih satu bahan dulu."))
        if sel is None:
            return None
        return materials.get_material(self.page.book, sel["id"])

    def add(self) -> None:
        MaterialDialog(self.page).exec()

    def edit(self) -> None:
        row = self._row()
        if row:
            MaterialDialog(self.page, row).exec()

    def price(self) -> None:
        row = self._row()
        if row:
            PriceDialog(self.page, row).exec()

    def load_starter(self) -> None:
        n = self.page.call(lambda: materials.load_starter_catalog(self.page.book), changed=AREA)
        if n is not None:
            self.note.setText(_("{n} bahan contoh ditambahkan.").format(n=n))


# --- suppliers ----------------------------------------------------------------------------

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
        self.created = self.page.call(action, changed=AREA, errors=self.errors)
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
        done = self.page.call(lambda: suppliers.pay_supplier(
            self.page.book, supplier_id=self.row.id, amount=self.amount.value(), date=self.date.value(),
            method=self.method.currentData(), notes=self.notes.text()), changed=AREA, errors=self.errors)
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


# --- purchase entry -------------------------------------------------------------------------

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
        self.errors.add("supplier", _("Toko/pemasok"), holder)
        self.errors._fields["supplier"] = self.supplier
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
            row = purchases.record_purchase(self.page.book, self.data())
        except UserError as exc:
            self._show_errors(exc)
            return
        self.page.ctx.notify(AREA)
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


class PurchaseDetail(QDialog):
    def __init__(self, page: Page, row: purchases.PurchaseRow):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Nota pembelian {number}").format(number=row.number))
        self.resize(640, 460)
        lay = QVBoxLayout(self)
        from html import escape  # user text shown literally in this rich-text label
        status = _("BATAL: {reason}").format(reason=escape(row.void_reason)) if row.status == "void" else _("Tercatat")
        info = QLabel(
            f"<b>{row.number}</b> · {format_date(row.date)} · {escape(row.supplier) or _('(tanpa nama toko)')}<br>"
            + _("Cara bayar: {method}").format(method=purchases.method_label(row.method))
            + (f" · {_('Nomor nota toko')}: {escape(row.slip_number)}" if row.slip_number else "")
            + f"<br>{_('Status')}: {status} · {_('Jurnal')}: {row.journal_number}")
        info.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(info)
        table = QTableWidget(len(row.lines) + 2, 5)
        table.setHorizontalHeaderLabels([_("Bahan"), p_("banyaknya", "Jumlah"), _("Harga satuan"), _("Ongkos kirim"), _("Jumlah (Rp)")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        cells = [(ln.material, f"{format_quantity(ln.qty)} {ln.unit}", format_rupiah(ln.unit_price),
                  format_rupiah(ln.shipping_share), format_rupiah(ln.amount)) for ln in row.lines]
        cells += [(_("Ongkos kirim"), "", "", "", format_rupiah(row.shipping)),
                  (_("Total"), "", "", "", format_rupiah(row.total))]
        for i, values in enumerate(cells):
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(RIGHT)
                table.setItem(i, j, item)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(table)
        if row.attachment_id:
            name, mime, data = purchases.slip_image(page.book, row.attachment_id)
            if mime.startswith("image/"):
                pic = QLabel()
                pix = QPixmap()
                pix.loadFromData(data)
                pic.setPixmap(pix.scaledToWidth(min(600, pix.width()), Qt.TransformationMode.SmoothTransformation))
                scroll = QScrollArea()
                scroll.setWidget(pic)
                lay.addWidget(scroll)
            else:
                lay.addWidget(QLabel(_("Lampiran: {name}").format(name=name)))
        buttons = QHBoxLayout()
        if row.status != "void":
            void = QPushButton(_("Batalkan nota ini..."))
            void.clicked.connect(self.void)
            buttons.addWidget(void)
        buttons.addStretch(1)
        close = QPushButton(_("Tutup"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        lay.addLayout(buttons)

    def void(self) -> None:
        dialog = VoidDialog(self, self.page, title=_("Batalkan nota {number}").format(number=self.row.number),
                            note=_("Nota tidak dihapus: nomornya tetap, jurnalnya dibalik dan stoknya dikurangi."),
                            void=lambda reason: purchases.void_purchase(self.page.book, self.row.id, reason=reason),
                            changed=AREA, ok_text=_("Batalkan nota"))
        if dialog.exec():
            self.accept()


class PurchasesPanel(QWidget):
    COLUMNS = [Column("number", N_("Nomor")), Column("date", N_("Tanggal"), "date"),
               Column("supplier", N_("Toko")), Column("method", N_("Bayar")), Column("slip", N_("Nota toko")),
               Column("for", N_("Untuk")), Column("total", N_("Jumlah"), "money"), Column("status", N_("Status"))]

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar, self.start, self.end = period_row(label=_("Dari"))
        self.supplier = QComboBox()
        self.material = QComboBox()
        self.material.setEditable(True)
        self.material.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.material.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.show_void = QCheckBox(_("Tampilkan yang batal"))
        bar.addWidget(QLabel(_("Toko")))
        bar.addWidget(self.supplier, 1)
        bar.addWidget(QLabel(_("Bahan")))
        bar.addWidget(self.material, 1)
        bar.addWidget(self.show_void)
        lay.addLayout(bar)
        self.model = PagedTableModel(self.COLUMNS)
        self.view = table_view(self.model, stretch=2)
        self.view.doubleClicked.connect(lambda _i: self.open())
        lay.addWidget(self.view)
        self.totals = QLabel()
        self.totals.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.totals)
        buttons = QHBoxLayout()
        # Ctrl+N is "Buku baru" in the main window; a new slip has Ctrl+Shift+B ("Catat pembelian…"),
        # from every page (its tooltip says so)
        add_buttons(buttons, ((_("Catat nota baru"), self.new), (_("Lihat / batalkan"), self.open)))
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self._filling = False
        for w in (self.start, self.end):
            w.dateChanged.connect(self.refresh_list)
        self.supplier.currentIndexChanged.connect(self.refresh_list)
        self.material.currentIndexChanged.connect(self.refresh_list)
        self.show_void.toggled.connect(self.refresh_list)

    def refresh(self) -> None:
        self._filling = True
        keep_s, keep_m = self.supplier.currentData(), self.material.currentData()
        self.supplier.clear()
        self.supplier.addItem(_("Semua toko"), None)
        for s in suppliers.list_suppliers(self.page.book):
            self.supplier.addItem(s.name, s.id)
        self.supplier.setCurrentIndex(max(0, self.supplier.findData(keep_s)))
        self.material.clear()
        self.material.addItem(_("Semua bahan"), None)
        for material_id, name in materials.material_choices(self.page.book):
            self.material.addItem(name, material_id)
        self.material.setCurrentIndex(max(0, self.material.findData(keep_m)))
        self._filling = False
        self.refresh_list()

    def filter(self) -> purchases.PurchaseFilter:
        return purchases.PurchaseFilter(start=self.start.value(), end=self.end.value(), supplier_id=self.supplier.currentData(),
                                material_id=self.material.currentData(),
                                status=None if self.show_void.isChecked() else "posted")

    def refresh_list(self) -> None:
        if self._filling:
            return
        flt, book = self.filter(), self.page.book

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "number": r.number, "date": r.date, "supplier": r.supplier,
                     "method": purchases.method_label(r.method), "slip": r.slip_number,
                     "for": _("pesanan") if r.order_id else _("stok"), "total": r.total,
                     "status": _("BATAL") if r.status == "void" else "", "_muted": r.status == "void"}
                    for r in purchases.list_purchases(book, flt, offset=offset, limit=limit)]
        self.model.set_fetch(fetch)
        t = purchases.purchase_totals(book, flt)
        self.totals.setText(_("{n} nota · total {total} (tunai {cash}, transfer {transfer}, utang {credit})").format(
            n=t.count, total=format_rupiah(t.total), cash=format_rupiah(t.cash), transfer=format_rupiah(t.transfer),
            credit=format_rupiah(t.credit)))

    def new(self) -> None:
        if not materials.count_materials(self.page.book, active_only=True):
            show_error(self, _("Katalog bahan masih kosong. Isi dulu bahan di tab Katalog."))
            return
        PurchaseForm(self.page).exec()

    def open(self) -> None:
        sel = chosen_row(self.view, _("Pilih satu nota dulu."))
        if sel is None:
            return
        PurchaseDetail(self.page, purchases.get_purchase(self.page.book, sel["id"])).exec()


# --- stock ---------------------------------------------------------------------------------

class CountDialog(QDialog):
    """Stok opname: what the book says, what was counted, and why they differ."""

    def __init__(self, page: Page):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(_("Stok opname baru"))
        self.resize(820, 600)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal hitung"), DateEdit())
        self.by = self.errors.add("counted_by", _("Dihitung oleh"), QLineEdit())
        lay.addWidget(QLabel(_("Isi jumlah yang benar-benar ada di gudang. Kalau berbeda, tulis penjelasannya.")))
        self.sheet = stock.count_sheet(page.book)
        self.table = QTableWidget(len(self.sheet), 5)
        self.table.setHorizontalHeaderLabels([_("Bahan"), _("Menurut buku"), _("Dihitung"), _("Selisih"),
                                              _("Penjelasan")])
        for i, r in enumerate(self.sheet):
            name = QTableWidgetItem(f"{r.name} ({r.unit})")
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            system = QTableWidgetItem(format_quantity(r.system_qty))
            system.setFlags(system.flags() & ~Qt.ItemFlag.ItemIsEditable)
            system.setTextAlignment(RIGHT)
            counted = QTableWidgetItem(qty_text(r.system_qty))
            counted.setTextAlignment(RIGHT)
            diff = QTableWidgetItem("")
            diff.setFlags(diff.flags() & ~Qt.ItemFlag.ItemIsEditable)
            diff.setTextAlignment(RIGHT)
            for j, item in enumerate((name, system, counted, diff, QTableWidgetItem(""))):
                self.table.setItem(i, j, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._changed)
        lay.addWidget(self.table)
        self.line_error = error_label()
        lay.addWidget(self.line_error)
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self.save))

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 2:
            return
        from kws_desktop.core.money import QuantityError, to_quantity
        r = self.sheet[item.row()]
        try:
            diff = to_quantity(item.text()) - r.system_qty
            text = "" if diff == 0 else ("+" if diff > 0 else "") + format_quantity(diff)
        except QuantityError:
            text = "?"
        self.table.blockSignals(True)
        self.table.item(item.row(), 3).setText(text)
        self.table.blockSignals(False)

    def save(self) -> None:
        lines = [stock.CountLineInput(r.material_id, self.table.item(i, 2).text(), self.table.item(i, 4).text())
                 for i, r in enumerate(self.sheet)]
        try:
            stock.record_stock_count(self.page.book, date=self.date.value(), lines=lines, counted_by=self.by.text())
        except UserError as exc:
            line_msgs = [(f, m) for f, m in exc.problems if f and f.startswith("lines.")]
            if line_msgs:
                i = int(line_msgs[0][0].split(".")[1])
                self.table.setCurrentCell(i, 4 if line_msgs[0][0].endswith("explanation") else 2)
                self.line_error.setText("\n".join(m for _f, m in line_msgs))
                self.line_error.show()
            rest = [(f, m) for f, m in exc.problems if not (f and f.startswith("lines."))]
            if rest:
                self.errors.show(UserError(rest[0][1], field=rest[0][0], problems=rest))
            return
        self.page.ctx.notify(AREA)
        self.accept()


class StockPanel(QWidget):
    COLUMNS = [Column("name", N_("Bahan")), Column("unit", N_("Satuan")), Column("stock_qty", N_("Stok"), "qty"),
               Column("min_stock", N_("Minimum"), "qty"), Column("avg", N_("Harga rata-rata"), "money"),
               Column("stock_value", N_("Nilai stok"), "money"), Column("state", N_("Keadaan"))]
    COUNT_COLUMNS = [Column("number", N_("Nomor")), Column("date", N_("Tanggal"), "date"),
                     Column("by", N_("Dihitung oleh")), Column("diff", N_("Nilai selisih"), "money")]

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        self.low = QLabel()
        self.low.setWordWrap(True)
        self.low.setStyleSheet("color: #8a4b00;")
        lay.addWidget(self.low)
        self.model = PagedTableModel(self.COLUMNS)
        self.view = table_view(self.model, stretch=0)
        lay.addWidget(self.view, 3)
        self.total = QLabel()
        self.total.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.total)
        lay.addWidget(QLabel(_("Stok opname:")))
        self.counts = PagedTableModel(self.COUNT_COLUMNS)
        self.counts_view = table_view(self.counts, stretch=2)
        lay.addWidget(self.counts_view, 1)
        buttons = QHBoxLayout()
        count = QPushButton(_("Stok opname baru"))
        count.clicked.connect(lambda: CountDialog(self.page).exec())
        buttons.addWidget(count)
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def refresh(self) -> None:
        book = self.page.book

        def fetch(offset, limit, _key, _desc):
            return [{"name": r.name, "unit": r.unit, "stock_qty": r.stock_qty, "min_stock": r.min_stock or None,
                     "avg": r.avg_cost or None, "stock_value": r.stock_value,
                     "state": _("menipis") if r.low else (_("minus") if r.stock_qty < 0 else ""), "_bold": r.low}
                    for r in materials.list_materials(book, active_only=True, offset=offset, limit=limit)]
        self.model.set_fetch(fetch)
        low = materials.low_stock(book)
        self.low.setText(_("Stok menipis: {names}").format(names=", ".join(
            f"{r.name} ({format_quantity(r.stock_qty)} {r.unit})" for r in low[:12]) + (" ..." if len(low) > 12 else ""))
            if low else _("Tidak ada bahan yang stoknya di bawah minimum."))
        value = stock.stock_value(book)
        self.total.setText(_("Nilai seluruh stok: {amount}").format(amount=format_rupiah(value)))

        def fetch_counts(offset, limit, _key, _desc):
            return [{"number": c.number, "date": c.date, "by": c.counted_by, "diff": c.difference_value}
                    for c in stock.list_stock_counts(book, offset=offset, limit=limit)]
        self.counts.set_fetch(fetch_counts)


class MaterialsPage(TabbedPage):
    area = AREA

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Bahan & Pembelian"), parent)
        self.catalog = CatalogPanel(self)
        self.suppliers = SuppliersPanel(self)
        self.purchases = PurchasesPanel(self)
        self.stock = StockPanel(self)
        self.add_tabs((self.purchases, _("Pembelian")), (self.stock, _("Stok")), (self.catalog, _("Katalog bahan")),
                      (self.suppliers, p_("jamak", "Pemasok")))

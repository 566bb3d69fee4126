"""The "Katalog bahan" tab: the materials with their units and prices, and the dialogs that edit them."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_date_short, format_quantity, format_rupiah
from kws_desktop.services.purchasing import materials
from kws_desktop.services.sales import packages
from kws_desktop.ui.kit.forms import FormErrors, MoneyEdit, QuantityEdit, qty_text
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import RIGHT, add_buttons, chosen_row, dialog_buttons, search_box, table_view


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
            done = self.page.call(lambda: materials.update_material(self.page.book, self.row.id, self.data()), errors=self.errors)
        else:
            done = self.page.call(lambda: materials.create_material(self.page.book, self.data()), errors=self.errors)
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
        if self.page.call(lambda: materials.update_price(self.page.book, self.row.id, self.price.value()), errors=self.errors) is not None:
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
        n = self.page.call(lambda: materials.load_starter_catalog(self.page.book))
        if n is not None:
            self.note.setText(_("{n} bahan contoh ditambahkan.").format(n=n))

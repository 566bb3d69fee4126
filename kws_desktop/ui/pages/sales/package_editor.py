"""Work packages (paket pekerjaan): the list of packages and the editor of one package."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.core.rab import Component, ComponentKind, price_package
from kws_desktop.i18n import _, format_percent, format_rupiah, ngettext, p_
from kws_desktop.services.sales import packages
from kws_desktop.ui.kit.fit import fit_to_screen
from kws_desktop.ui.kit.forms import FormErrors, MoneyEdit, qty_text, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import RIGHT, dialog_buttons
from kws_desktop.ui.pages.sales.quote_format import read_qty


class PackageEditor(QDialog):
    """A work package: its materials, labour, transport, equipment, overhead and margin, with the
    cost and price it comes to, computed as you type."""

    def __init__(self, page: Page, row: packages.PackageRow | None = None):
        super().__init__(page)
        from kws_desktop.services.purchasing import materials
        self.page, self.row = page, row
        self.setWindowTitle(_("Ubah paket {name}").format(name=row.name) if row else _("Paket pekerjaan baru"))
        fit_to_screen(self, 720, 700)
        self.catalog = {m.id: m for m in materials.list_materials(page.book, active_only=True, limit=500)}
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FormErrors(form)
        self.code = self.errors.add("code", _("Kode"), QLineEdit(row.code if row else ""))
        self.name = self.errors.add("name", _("Nama paket"), QLineEdit(row.name if row else ""))
        self.unit = self.errors.add("unit", _("Satuan"), QLineEdit(row.unit if row else "unit"))
        self.description = self.errors.add("description", _("Keterangan"), QLineEdit(row.description if row else ""))
        self.labour = self.errors.add("labour_days", _("Hari orang kerja (HOK)"),
                                      QLineEdit(qty_text(row.labour_days) if row else "0"))
        self.wage = self.errors.add("daily_wage", _("Upah per HOK (Rp)"), MoneyEdit(value=row.daily_wage if row else 0))
        self.transport = self.errors.add("transport_cost", _("Transport (Rp)"),
                                         MoneyEdit(value=row.transport_cost if row else 0))
        self.equipment = self.errors.add("equipment_cost", _("Peralatan (Rp)"),
                                         MoneyEdit(value=row.equipment_cost if row else 0))
        self.overhead = self.errors.add("overhead_pct", _("Biaya umum (%)"),
                                        QLineEdit(qty_text(row.overhead_pct) if row else "5"))
        self.margin = self.errors.add("margin_pct", _("Keuntungan (%)"),
                                      QLineEdit(qty_text(row.margin_pct) if row else "10"))
        box, self.warranty = self._warranty_box(row.warranty_months if row else None)
        self.errors.add("warranty_months", _("Garansi (bulan)"), box, self.warranty)
        lay.addLayout(form)
        lay.addWidget(QLabel(_("Bahan untuk satu satuan paket:")))
        self.mats = QTableWidget(0, 3)
        self.mats.setHorizontalHeaderLabels([_("Bahan"), p_("banyaknya", "Jumlah"), _("Harga katalog")])
        self.mats.verticalHeader().hide()
        self.mats.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.mats, 1)
        mb = QHBoxLayout()
        add = QPushButton(_("Tambah bahan"))
        add.clicked.connect(lambda: self.add_material(None, "1"))
        rem = QPushButton(_("Hapus bahan"))
        rem.clicked.connect(self.remove_material)
        mb.addWidget(add)
        mb.addWidget(rem)
        mb.addStretch(1)
        lay.addLayout(mb)
        self.result = QLabel()
        self.result.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.result)
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self.save))
        for m in (row.materials if row else ()):
            self.add_material(m.material_id, qty_text(m.qty))
        for w in (self.labour, self.overhead, self.margin, self.wage, self.transport, self.equipment):
            w.textChanged.connect(self.update_price)
        self.update_price()

    @staticmethod
    def _warranty_box(months: int | None) -> tuple[QWidget, QSpinBox]:
        """0 to 120 months; a package without its months set shows "belum diatur" (one below 0),
        which it leaves by choosing a number: a set warranty is never unset here."""
        spin = QSpinBox()
        spin.setRange(0 if months is not None else -1, 120)
        if months is None:
            spin.setSpecialValueText(_("belum diatur"))
        spin.setValue(-1 if months is None else months)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin)
        row.addWidget(QLabel(_("0 = tanpa garansi; dicetak di surat penawaran")), 1)
        return box, spin

    def remove_material(self) -> None:
        r = self.mats.currentRow()
        if r >= 0:
            self.mats.removeRow(r)
            self.update_price()

    def add_material(self, material_id: int | None, qty: str) -> None:
        r = self.mats.rowCount()
        self.mats.insertRow(r)
        combo = QComboBox()
        for m in sorted(self.catalog.values(), key=lambda m: m.name.lower()):
            combo.addItem(f"{m.name} ({m.unit})", m.id)
        if material_id is not None:
            combo.setCurrentIndex(max(0, combo.findData(material_id)))
        qty_edit = QLineEdit(qty)
        qty_edit.setAlignment(RIGHT)
        price = QLabel()
        price.setAlignment(RIGHT)
        self.mats.setCellWidget(r, 0, combo)
        self.mats.setCellWidget(r, 1, qty_edit)
        self.mats.setCellWidget(r, 2, price)
        combo.currentIndexChanged.connect(self.update_price)
        qty_edit.textChanged.connect(self.update_price)

    def data(self) -> packages.PackageInput:
        lines = []
        for r in range(self.mats.rowCount()):
            combo, qty = self.mats.cellWidget(r, 0), self.mats.cellWidget(r, 1)
            if combo.currentData() is not None:
                lines.append(packages.PackageMaterialInput(combo.currentData(), qty.text() or "0"))
        return packages.PackageInput(code=self.code.text(), name=self.name.text(), unit=self.unit.text(),
                              description=self.description.text(), materials=tuple(lines),
                              labour_days=self.labour.text() or "0", daily_wage=self.wage.value(),
                              transport_cost=self.transport.value(), equipment_cost=self.equipment.value(),
                              overhead_pct=self.overhead.text() or "0", margin_pct=self.margin.text() or "0",
                              warranty_months=self.warranty.value() if self.warranty.value() >= 0 else None)

    def update_price(self) -> None:
        comps = []
        for r in range(self.mats.rowCount()):
            combo, qty = self.mats.cellWidget(r, 0), self.mats.cellWidget(r, 1)
            m = self.catalog.get(combo.currentData())
            self.mats.cellWidget(r, 2).setText(format_rupiah(m.price) if m else "")
            q = read_qty(qty.text())
            if m and q and q > 0:
                comps.append(Component(ComponentKind.MATERIAL, m.name, m.unit, q, m.price))
        days = read_qty(self.labour.text()) or Decimal(0)
        comps.append(Component(ComponentKind.LABOUR, "", "HOK", days, self.wage.value()))
        comps.append(Component(ComponentKind.TRANSPORT, "", "ls", Decimal(1), self.transport.value()))
        comps.append(Component(ComponentKind.EQUIPMENT, "", "ls", Decimal(1), self.equipment.value()))
        try:
            priced = price_package(comps, read_qty(self.overhead.text()) or 0, read_qty(self.margin.text()) or 0)
        except ValueError:
            self.result.setText("")
            return
        self.result.setText(_("Biaya {cost} + biaya umum {overhead} + keuntungan {margin} = harga jual {price}").format(
            cost=format_rupiah(priced.cost), overhead=format_rupiah(priced.overhead),
            margin=format_rupiah(priced.margin), price=format_rupiah(priced.price)))

    def save(self) -> None:
        data = self.data()
        action = ((lambda: packages.update_package(self.page.book, self.row.id, data)) if self.row
                  else (lambda: packages.create_package(self.page.book, data)))
        if self.page.call(action, errors=self.errors) is not None:
            self.accept()


def _warranty_text(months: int | None) -> str:
    """The list's warranty cell: what the quotes of the package promise."""
    if months is None:
        return _("belum diatur")
    if months == 0:
        return _("tanpa garansi")
    return ngettext("{n} bulan", "{n} bulan", months).format(n=months)


class PackagesDialog(QDialog):
    """The work packages with their cost and price today; the shipped ones are marked as examples."""

    def __init__(self, page: Page):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(_("Paket pekerjaan"))
        self.resize(860, 420)
        lay = QVBoxLayout(self)
        note = QLabel(_("Paket adalah contoh RAB yang dipakai untuk membuat penawaran. Paket bertanda * adalah "
                        "contoh bawaan: sesuaikan jumlah bahan, upah dan persentasenya."))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([_("Kode"), _("Paket"), _("Satuan"), _("Biaya"), _("Harga jual"),
                                              _("Keuntungan"), _("Garansi")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        lay.addWidget(self.table, 1)
        bar = QHBoxLayout()
        for text, slot in ((_("Paket baru"), self.new), (_("Ubah"), self.edit),
                           (_("Muat paket contoh"), self.load_examples)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            b.setEnabled(not page.book.read_only or text == _("Ubah"))
            bar.addWidget(b)
        bar.addStretch(1)
        close = QPushButton(_("Tutup"))
        close.clicked.connect(self.accept)
        bar.addWidget(close)
        lay.addLayout(bar)
        self.refresh()

    def refresh(self) -> None:
        self.rows = packages.list_packages(self.page.book)
        self.table.setRowCount(len(self.rows))
        for r, p in enumerate(self.rows):
            cells = (p.code, p.name + (" *" if p.is_example else "") + ("" if p.active else _(" (tidak dipakai)")),
                     p.unit, format_rupiah(p.cost), format_rupiah(p.price),
                     format_percent(p.pricing.margin_percent_of_price, fixed=True),  # a column: 10,0%
                     _warranty_text(p.warranty_months))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 3 <= c <= 5:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(r, c, item)

    def new(self) -> None:
        if PackageEditor(self.page).exec():
            self.refresh()

    def edit(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            show_error(self, _("Pilih satu paket dulu."))
            return
        if PackageEditor(self.page, self.rows[r]).exec():
            self.refresh()

    def load_examples(self) -> None:
        n = self.page.call(lambda: packages.load_default_packages(self.page.book))
        if n is not None:
            self.refresh()
            QMessageBox.information(self, _("Paket contoh"), _("{n} paket contoh ditambahkan.").format(n=n))

"""The "Stok" tab: stock on hand, materials running low, and stock counts (stock opname)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_quantity, format_rupiah
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import stock
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, qty_text
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.dated import backdate_asked
from kws_desktop.ui.kit.widgets import RIGHT, dialog_buttons, error_label, table_view


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
            backdate_asked(self, lambda note: stock.record_stock_count(
                self.page.book, date=self.date.value(), lines=lines, counted_by=self.by.text(), backdate_note=note))
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
        self.page.ctx.notify_changes()
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

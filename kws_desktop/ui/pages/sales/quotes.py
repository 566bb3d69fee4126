"""Penawaran: the quote list and the quote editor (the "Penawaran" tab of the Pesanan area)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox,
                               QSplitter, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.core.money import QuantityError, line_total, to_quantity
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.core.file_names import safe_file_name
from kws_desktop.core.rab import Component, ComponentKind, price_package, quote_totals
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, NP_, _, format_date, format_percent, format_quantity, format_rupiah, p_
from kws_desktop.services.sales import customers
from kws_desktop.services.sales import packages as packages
from kws_desktop.services.sales import quotes
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, confirm, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.pages.sales.customers import CustomerDialog, CustomerList
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import dialog_buttons

AREA = "penawaran"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ERROR_STYLE = "color: #b00020;"
INTERNAL_STYLE = "QGroupBox { background: #f3f6fb; border: 1px solid #c9d3e3; border-radius: 4px; margin-top: 14px; }" \
                 "QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }"


def qty_text(qty: Decimal) -> str:
    return format(Decimal(qty).normalize(), "f").replace(".", ",")


def _read_qty(text: str) -> Decimal | None:
    try:
        return to_quantity(text) if text.strip() else None
    except QuantityError:
        return None


# --- one line of the editor -----------------------------------------------------------------

@dataclass
class LineState:
    """A quote line as the editor holds it: per-unit values, the quantity as typed."""

    package_id: int | None
    description: str
    unit: str
    qty_text: str
    unit_price: int
    unit_cost: int
    unit_overhead: int
    components: tuple[quotes.ComponentInput, ...] | None = None
    overhead_pct: Decimal | None = None
    margin_pct: Decimal | None = None

    @property
    def qty(self) -> Decimal | None:
        return _read_qty(self.qty_text)

    def amounts(self) -> tuple[int, int, int]:
        q = self.qty
        if q is None or q <= 0:
            return 0, 0, 0
        return line_total(q, self.unit_price), line_total(q, self.unit_cost), line_total(q, self.unit_overhead)

    def to_input(self) -> quotes.QuoteLineInput:
        qty = self.qty if self.qty is not None else self.qty_text
        if self.package_id is None:
            return quotes.QuoteLineInput(qty=qty, description=self.description, unit=self.unit,
                                    unit_price=self.unit_price, unit_cost=self.unit_cost)
        return quotes.QuoteLineInput(qty=qty, package_id=self.package_id, description=self.description, unit=self.unit,
                                components=self.components, overhead_pct=self.overhead_pct,
                                margin_pct=self.margin_pct)

    @classmethod
    def from_priced(cls, p: quotes.PricedLine) -> LineState:
        comps = tuple(quotes.ComponentInput(c.kind, c.description, c.unit, c.qty, c.unit_cost, c.material_id)
                      for c in p.components)
        unit_overhead = price_package([Component(ComponentKind(c.kind), c.description, c.unit, c.qty, c.unit_cost)
                                       for c in comps], p.overhead_pct, p.margin_pct).overhead
        return cls(p.package_id, p.description, p.unit, qty_text(p.qty), p.unit_price, p.unit_cost,
                   unit_overhead, comps, p.overhead_pct, p.margin_pct)

    @classmethod
    def from_item(cls, i: quotes.ItemSnapshot) -> LineState:
        if i.package_id is None:
            return cls(None, i.description, i.unit, qty_text(i.qty), i.unit_price, i.unit_cost, 0)
        comps = tuple(quotes.ComponentInput(c.kind, c.description, c.unit, c.qty, c.unit_cost, c.material_id)
                      for c in i.components)
        unit_overhead = price_package([Component(ComponentKind(c.kind), c.description, c.unit, c.qty, c.unit_cost)
                                       for c in comps], i.overhead_pct, i.margin_pct).overhead
        return cls(i.package_id, i.description, i.unit, qty_text(i.qty), i.unit_price, i.unit_cost, unit_overhead,
                   comps, i.overhead_pct, i.margin_pct)


# --- choosing a customer ------------------------------------------------------------------------

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


# --- the editor ----------------------------------------------------------------------------------

class QuoteEditor(QDialog):
    """A new quote, or a draft being changed. Totals follow every keystroke."""

    LINE_COLS = [N_("Uraian"), NP_("banyaknya", "Jumlah"), N_("Satuan"), N_("Harga satuan"), N_("Jumlah harga")]
    PAYER_COLS = [N_("Sumber dana"), N_("Lembaga"), N_("Jumlah (Rp)"), N_("Cicilan"), N_("Catatan")]

    def __init__(self, page: Page, quote: quotes.QuoteDetail | None = None, *, customer_id: int | None = None):
        super().__init__(page)
        self.page, self.quote = page, quote
        self.saved: quotes.QuoteDetail | None = None
        self.book = page.book
        self.lines: list[LineState] = [LineState.from_item(i) for i in quote.items] if quote else []
        self.setWindowTitle(_("Ubah penawaran {number}").format(number=quote.number) if quote
                            else _("Penawaran baru"))
        self.resize(1120, 780)
        self._filling = False
        outer = QVBoxLayout(self)

        top = QFormLayout()
        self.errors = FormErrors(top)
        self.customer = self.errors.add("customer", _("Pelanggan"),
                                        CustomerField(page, _("Pilih pelanggan...")))
        dates = QWidget()
        dl = QHBoxLayout(dates)
        dl.setContentsMargins(0, 0, 0, 0)
        today = dt.date.today()
        self.date = DateEdit(value=quote.date if quote else today)
        validity = self._validity_days()
        self.valid_until = DateEdit(value=quote.valid_until if quote else today + dt.timedelta(days=validity))
        dl.addWidget(self.date)
        dl.addWidget(QLabel(_("berlaku sampai")))
        dl.addWidget(self.valid_until)
        dl.addStretch(1)
        self.errors.add("date", _("Tanggal"), dates)
        self.errors._fields["valid_until"] = self.valid_until
        self.errors._labels["valid_until"] = self.errors._labels["date"]
        self.title = self.errors.add("title", _("Perihal"), QLineEdit(quote.title if quote else ""))
        self.title.setPlaceholderText(_("Penawaran harga pekerjaan sanitasi"))
        outer.addLayout(top)

        split = QSplitter(Qt.Orientation.Vertical)
        # lines
        lines_box = QWidget()
        ll = QVBoxLayout(lines_box)
        ll.setContentsMargins(0, 0, 0, 0)
        addbar = QHBoxLayout()
        self.package = QComboBox()
        for p in packages.list_packages(self.book, active_only=True):
            self.package.addItem(f"{p.name}  ({format_rupiah(p.price)} / {p.unit})", p.id)
        add_pkg = QPushButton(_("Tambah paket"))
        add_pkg.clicked.connect(self.add_package)
        add_free = QPushButton(_("Tambah baris bebas"))
        add_free.clicked.connect(self.add_free)
        remove = QPushButton(_("Hapus baris"))
        remove.clicked.connect(self.remove_line)
        reprice = QPushButton(_("Pakai harga bahan terbaru"))
        reprice.setToolTip(_("Hitung ulang paket yang dipilih dengan harga katalog hari ini."))
        reprice.clicked.connect(self.reprice_line)
        addbar.addWidget(self.package, 1)
        for b in (add_pkg, add_free, remove, reprice):
            addbar.addWidget(b)
        ll.addLayout(addbar)
        self.table = QTableWidget(0, len(self.LINE_COLS))
        self.table.setHorizontalHeaderLabels([_(c) for c in self.LINE_COLS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._line_edited)
        ll.addWidget(self.table, 1)
        self.line_error = QLabel()
        self.line_error.setStyleSheet(ERROR_STYLE)
        self.line_error.setWordWrap(True)
        ll.addWidget(self.line_error)
        split.addWidget(lines_box)

        # totals, funding and the internal view
        bottom = QWidget()
        bl = QHBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        totals = QGridLayout()
        self.subtotal_label, self.total_label = QLabel(), QLabel()
        self.discount = MoneyEdit()
        self.discount.textChanged.connect(self.update_totals)
        self.discount_error = QLabel()
        self.discount_error.setStyleSheet(ERROR_STYLE)
        for r, (text, w) in enumerate(((p_("subtotal", "Jumlah"), self.subtotal_label), (_("Potongan harga (Rp)"), self.discount),
                                      (_("Total penawaran"), self.total_label))):
            totals.addWidget(QLabel(text), r, 0)
            totals.addWidget(w, r, 1)
            if isinstance(w, QLabel):
                w.setAlignment(RIGHT)
        self.total_label.setStyleSheet("font-weight: bold; font-size: 13pt;")
        totals.addWidget(self.discount_error, 3, 0, 1, 2)
        left.addLayout(totals)
        self.terbilang = QLabel()
        self.terbilang.setWordWrap(True)
        self.terbilang.setStyleSheet("font-style: italic; color: #444;")
        left.addWidget(self.terbilang)

        fund = QGroupBox(_("Rencana pembayaran"))
        fl = QVBoxLayout(fund)
        self.payers = QTableWidget(0, len(self.PAYER_COLS))
        self.payers.setHorizontalHeaderLabels([_(c) for c in self.PAYER_COLS])
        self.payers.verticalHeader().hide()
        ph = self.payers.horizontalHeader()
        ph.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ph.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 175), (2, 115), (3, 80), (4, 120)):
            self.payers.setColumnWidth(col, width)
        self.payers.verticalHeader().setDefaultSectionSize(30)
        fl.addWidget(self.payers)
        pb = QHBoxLayout()
        addp = QPushButton(_("Tambah sumber dana"))
        addp.clicked.connect(lambda: self.add_payer(PayerType.APBD, 0))
        delp = QPushButton(_("Hapus"))
        delp.clicked.connect(self.remove_payer)
        self.rest_label = QLabel()
        pb.addWidget(addp)
        pb.addWidget(delp)
        pb.addStretch(1)
        pb.addWidget(self.rest_label)
        fl.addLayout(pb)
        self.payer_error = QLabel()
        self.payer_error.setStyleSheet(ERROR_STYLE)
        self.payer_error.setWordWrap(True)
        fl.addWidget(self.payer_error)
        left.addWidget(fund, 1)
        bl.addLayout(left, 3)

        right = QVBoxLayout()
        internal = QGroupBox(_("Untuk kelompok saja (tidak dicetak)"))
        internal.setStyleSheet(INTERNAL_STYLE)
        il = QFormLayout(internal)
        self.cost_label, self.overhead_label, self.margin_label = QLabel(), QLabel(), QLabel()
        for w in (self.cost_label, self.overhead_label, self.margin_label):
            w.setAlignment(RIGHT)
        il.addRow(_("Biaya bahan, upah, transport, alat"), self.cost_label)
        il.addRow(_("Biaya umum (overhead)"), self.overhead_label)
        il.addRow(_("Keuntungan"), self.margin_label)
        right.addWidget(internal)
        terms_box = QGroupBox(_("Ketentuan (satu baris satu ketentuan)"))
        tl = QVBoxLayout(terms_box)
        self.terms = QPlainTextEdit(quote.terms if quote else _(quotes.DEFAULT_TERMS))
        tl.addWidget(self.terms)
        right.addWidget(terms_box, 1)
        self.notes = QLineEdit(quote.notes if quote else "")
        self.notes.setPlaceholderText(_("Catatan untuk kelompok (tidak dicetak)"))
        right.addWidget(self.notes)
        bl.addLayout(right, 2)
        split.addWidget(bottom)
        split.setSizes([360, 340])
        outer.addWidget(split, 1)
        outer.addWidget(self.errors.general)

        outer.addWidget(dialog_buttons(self, self.save, _("Simpan draf")))

        chosen = quote.customer.id if quote else customer_id
        if chosen:
            self.customer.set_customer(chosen)
        if quote:
            self.discount.set_value(quote.totals.discount)
            for p in quote.payers:
                self.add_payer(PayerType(p.payer_type), p.amount, p.payer_customer_id, p.instalments, p.note)
        else:
            self.add_payer(PayerType.SWADAYA, 0)
        self.fill_lines()

    # --- helpers ------------------------------------------------------------------------------
    def _validity_days(self) -> int:
        from kws_desktop.services.book.books import get_setting
        try:
            return int(get_setting(self.book, "quote_validity_days"))
        except (KeyError, TypeError, ValueError):
            return 30

    # --- lines --------------------------------------------------------------------------------
    def fill_lines(self) -> None:
        self._filling = True
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            amount, _c, _o = line.amounts()
            free = line.package_id is None
            cells = [line.description, line.qty_text, line.unit, format_rupiah(line.unit_price), format_rupiah(amount)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                editable = c == 1 or (free and c in (0, 2, 3))
                flags = item.flags()
                item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags & ~Qt.ItemFlag.ItemIsEditable)
                if c >= 1 and c != 2:
                    item.setTextAlignment(RIGHT)
                if c == 0 and not free:
                    item.setToolTip(_("Paket: rincian RAB tercetak di surat penawaran."))
                self.table.setItem(r, c, item)
        self._filling = False
        self.update_totals()

    def _line_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        r, c = item.row(), item.column()
        line = self.lines[r]
        text = item.text()
        if c == 0:
            line.description = text
        elif c == 1:
            line.qty_text = text
        elif c == 2:
            line.unit = text
        elif c == 3:
            digits = text.replace(".", "").replace("Rp", "").replace(" ", "")
            line.unit_price = int(digits) if digits.isdigit() else 0
            line.unit_cost = line.unit_price if line.package_id is None and not line.components else line.unit_cost
        amount, _c, _o = line.amounts()
        self._filling = True
        self.table.item(r, 4).setText(format_rupiah(amount))
        if c == 3:
            item.setText(format_rupiah(line.unit_price))
        self._filling = False
        bad = line.qty is None or line.qty <= 0
        self.line_error.setText(_("Jumlah pada baris {n} harus angka lebih dari nol.").format(n=r + 1) if bad else "")
        self.update_totals()

    def add_package(self) -> None:
        pid = self.package.currentData()
        if pid is None:
            show_error(self, _("Belum ada paket pekerjaan. Buat paket dulu di katalog paket."))
            return
        priced = self.page.call(lambda: quotes.price_package_line(self.book, pid, 1))
        if priced is not None:
            self.lines.append(LineState.from_priced(priced))
            self.fill_lines()

    def add_free(self) -> None:
        self.lines.append(LineState(None, _("Pekerjaan tambahan"), "ls", "1", 0, 0, 0))
        self.fill_lines()
        self.table.editItem(self.table.item(len(self.lines) - 1, 0))

    def _current_line(self) -> int | None:
        r = self.table.currentRow()
        return r if 0 <= r < len(self.lines) else None

    def remove_line(self) -> None:
        r = self._current_line()
        if r is not None:
            del self.lines[r]
            self.fill_lines()

    def reprice_line(self) -> None:
        r = self._current_line()
        if r is None or self.lines[r].package_id is None:
            show_error(self, _("Pilih satu baris paket dulu."))
            return
        old = self.lines[r]
        priced = self.page.call(lambda: quotes.price_package_line(self.book, old.package_id, 1))
        if priced is not None:
            fresh = LineState.from_priced(priced)
            fresh.qty_text, fresh.description = old.qty_text, old.description
            self.lines[r] = fresh
            self.fill_lines()

    # --- funding ------------------------------------------------------------------------------
    def add_payer(self, payer: PayerType, amount: int, customer_id: int | None = None,
                  instalments: int | None = None, note: str = "") -> None:
        r = self.payers.rowCount()
        self.payers.insertRow(r)
        kind = QComboBox()
        for p in PayerType:
            kind.addItem(PAYER_LABELS[p] if p != PayerType.SWADAYA else _("Swadaya (rumah tangga)"), str(p))
        kind.setCurrentIndex(kind.findData(str(payer)))
        inst = QComboBox()
        money = MoneyEdit(value=amount)
        count = QSpinBox()
        count.setRange(0, 120)
        count.setSpecialValueText(_("tunai"))
        count.setSuffix(_(" kali"))
        count.setValue(instalments or 0)
        notes = QLineEdit(note)
        for c, w in enumerate((kind, inst, money, count, notes)):
            self.payers.setCellWidget(r, c, w)
        self._fill_institutions(kind, inst, customer_id)
        kind.currentIndexChanged.connect(lambda _i, k=kind, w=inst: self._fill_institutions(k, w, None))
        money.textChanged.connect(self.update_totals)
        self.update_totals()

    def _fill_institutions(self, kind: QComboBox, inst: QComboBox, chosen: int | None) -> None:
        inst.clear()
        payer = kind.currentData()
        if payer == PayerType.SWADAYA:
            inst.addItem(_("(rumah tangga sendiri)"), None)
            inst.setEnabled(False)
            return
        inst.setEnabled(True)
        inst.addItem(_("(tidak disebut)"), None)
        for c in customers.institutions(self.book, payer):
            inst.addItem(c.name, c.id)
        if chosen is not None:
            inst.setCurrentIndex(max(0, inst.findData(chosen)))

    def remove_payer(self) -> None:
        r = self.payers.currentRow()
        if r < 0:
            r = self.payers.rowCount() - 1
        if r >= 0:
            self.payers.removeRow(r)
            self.update_totals()

    def payer_inputs(self) -> tuple[quotes.PayerInput, ...]:
        out = []
        for r in range(self.payers.rowCount()):
            kind, inst, money, count, notes = (self.payers.cellWidget(r, c) for c in range(5))
            out.append(quotes.PayerInput(kind.currentData(), money.value(), inst.currentData(),
                                    count.value() or None, notes.text()))
        return tuple(out)

    def _swadaya_takes_rest(self, total: int) -> None:
        """With one payer row, it follows the total; otherwise the swadaya row takes what is left."""
        rows = self.payers.rowCount()
        if rows == 0:
            return
        if rows == 1:
            target = 0
        else:
            target = next((r for r in range(rows) if self.payers.cellWidget(r, 0).currentData() == PayerType.SWADAYA),
                          None)
            if target is None:
                return
        others = sum(self.payers.cellWidget(r, 2).value() for r in range(rows) if r != target)
        money = self.payers.cellWidget(target, 2)
        want = max(0, total - others)
        if money.value() != want and not money.hasFocus():
            money.blockSignals(True)
            money.set_value(want)
            money.blockSignals(False)

    # --- totals -------------------------------------------------------------------------------
    def totals(self):
        return quote_totals([line.amounts() for line in self.lines], self.discount.value())

    def update_totals(self) -> None:
        from kws_desktop.core.terbilang import sentence_case, terbilang_rupiah
        t = self.totals()
        self.subtotal_label.setText(format_rupiah(t.subtotal))
        self.total_label.setText(format_rupiah(t.total))
        self.discount_error.setText(_("Potongan lebih besar dari jumlah penawaran.") if t.total < 0 else "")
        self.terbilang.setText(_("Terbilang: {words}").format(words=sentence_case(terbilang_rupiah(t.total)))
                               if t.total > 0 else "")
        self.cost_label.setText(format_rupiah(t.cost))
        self.overhead_label.setText(format_rupiah(t.overhead))
        self.margin_label.setText(f"{format_rupiah(t.margin)}  ({format_percent(t.margin_pct)})")
        self.margin_label.setStyleSheet("color: #b00020; font-weight: bold;" if t.margin < 0 else "font-weight: bold;")
        self._swadaya_takes_rest(max(0, t.total))
        planned = sum(p.amount for p in self.payer_inputs())
        rest = t.total - planned
        self.rest_label.setText("" if rest == 0 else _("Belum dibagi: {amount}").format(amount=format_rupiah(rest)))
        self.rest_label.setStyleSheet(ERROR_STYLE if rest else "")

    # --- saving -------------------------------------------------------------------------------
    def data(self) -> quotes.QuoteInput:
        payers = tuple(p for p in self.payer_inputs() if p.amount or p.payer_type != PayerType.SWADAYA)
        return quotes.QuoteInput(customer_id=self.customer.customer_id, date=self.date.value(),
                            lines=tuple(line.to_input() for line in self.lines), discount=self.discount.value(),
                            payers=payers, valid_until=self.valid_until.value(), terms=self.terms.toPlainText(),
                            title=self.title.text(), notes=self.notes.text())

    def save(self) -> None:
        data = self.data()
        self.line_error.setText("")
        self.payer_error.setText("")
        action = ((lambda: quotes.update_quote(self.book, self.quote.id, data)) if self.quote
                  else (lambda: quotes.create_quote(self.book, data)))
        try:
            self.saved = action()
        except UserError as exc:
            self.errors.show(exc)
            lines = [m for f, m in exc.problems if f and f.startswith("lines")]
            payers = [m for f, m in exc.problems if f and f.startswith("payers")]
            discount = [m for f, m in exc.problems if f == "discount"]
            self.line_error.setText("\n".join(lines))
            self.payer_error.setText("\n".join(payers))
            if discount:
                self.discount_error.setText("\n".join(discount))
            self.errors.general.setText("\n".join(m for f, m in exc.problems
                                                  if not f or f.split(".")[0] not in ("customer", "date", "valid_until",
                                                                                      "title", "lines", "payers",
                                                                                      "discount")))
            self.errors.general.setVisible(bool(self.errors.general.text()))
            return
        self.page.ctx.notify(AREA)
        self.accept()


# --- the panel -------------------------------------------------------------------------------------

LIST_COLUMNS = [Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", sortable=False),
                Column("customer", N_("Pelanggan"), sortable=False), Column("desa", N_("Desa"), sortable=False),
                Column("status", N_("Status"), sortable=False), Column("total", N_("Jumlah"), "money", sortable=False),
                Column("valid_until", N_("Berlaku sampai"), "date", sortable=False)]


class QuotesPanel(Page):
    """The quote list with its actions; the lead places it as the "Penawaran" tab."""

    area = AREA
    watches = ("pelanggan", "pesanan", "bahan")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nomor, nama pelanggan atau desa..."))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(_("Semua status"), None)
        for key in quotes.STATUSES:
            self.status.addItem(quotes.status_label(key), key)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "F4"])
        self.paper.setToolTip(_("Ukuran kertas surat penawaran"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status)
        bar.addWidget(QLabel(_("Kertas")))
        bar.addWidget(self.paper)
        lay.addLayout(bar)
        self.model = PagedTableModel(LIST_COLUMNS)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.open())
        lay.addWidget(self.view, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        buttons = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (("new", _("Penawaran baru"), self.new), ("open", _("Buka / ubah"), self.open),
                                ("send", _("Tandai terkirim"), self.send),
                                ("accept", _("Terima (jadikan pesanan)"), self.accept_quote),
                                ("reject", _("Tolak"), self.reject), ("revise", _("Revisi"), self.revise),
                                ("print", _("Cetak..."), self.print_quote), ("pdf", _("Simpan PDF..."), self.save_pdf),
                                ("packages", _("Paket pekerjaan..."), self.packages)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.actions[key] = b
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self.refresh)
        self.view.clicked.connect(lambda _i: self._enable())

    def refresh(self) -> None:
        book = self.book
        if not book.read_only:
            try:
                quotes.expire_overdue(book, dt.date.today())
            except UserError:
                pass
        try:
            from kws_desktop.services.book.books import get_setting
            self.paper.setCurrentText(get_setting(book, "document_paper") or "A4")
        except KeyError:
            pass
        search, status = self.search.text(), self.status.currentData()

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "number": r.number, "date": r.date, "customer": r.customer_name, "desa": r.desa,
                     "status": r.status_label, "_status": r.status, "total": r.total, "valid_until": r.valid_until,
                     "_muted": r.status in ("superseded", "rejected", "expired")}
                    for r in quotes.list_quotes(book, search, status=status, offset=offset, limit=limit)]
        self.model.set_fetch(fetch)
        self.count.setText(_("{n} penawaran").format(n=quotes.count_quotes(book, search, status=status)))
        self._enable()

    def _enable(self) -> None:
        row = self._selected_row()
        state = row["_status"] if row else None
        allowed = {"open": state is not None, "send": state == "draft", "accept": state in quotes.ACCEPTABLE,
                   "reject": state in ("draft", "sent", "expired"), "revise": state in quotes.REVISABLE,
                   "print": state is not None, "pdf": state is not None, "new": True, "packages": True}
        for key, button in self.actions.items():
            button.setEnabled(allowed[key] and (key in ("print", "pdf", "open", "packages") or not self.book.read_only))

    def _selected_row(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def _selected(self) -> quotes.QuoteDetail | None:
        row = self._selected_row()
        if row is None:
            show_error(self, _("Pilih satu penawaran dulu."))
            return None
        return quotes.get_quote(self.book, row["id"])

    def new(self) -> None:
        QuoteEditor(self).exec()

    def packages(self) -> None:
        PackagesDialog(self).exec()

    def open(self) -> None:
        q = self._selected()
        if q is None:
            return
        if q.status == "draft" and not self.book.read_only:
            QuoteEditor(self, q).exec()
        else:
            QuoteView(self, q).exec()

    def send(self) -> None:
        q = self._selected()
        if q:
            self.call(lambda: quotes.send_quote(self.book, q.id, max(dt.date.today(), q.date)), changed=AREA)

    def accept_quote(self) -> None:
        q = self._selected()
        if q is None:
            return
        try:
            from kws_desktop.services.jobs.orders import accept_quote
        except ImportError:
            show_error(self, _("Bagian pesanan belum tersedia di versi ini."))
            return
        day = _ask_date(self, _("Terima penawaran {number}").format(number=q.number),
                        _("Tanggal pesanan (penawaran diterima):"), max(dt.date.today(), q.date))
        if day is None:
            return
        order = self.call(lambda: accept_quote(self.book, q.id, day), changed=AREA)
        if order is not None:
            self.ctx.notify("pesanan")
            number = getattr(order, "number", "")
            QMessageBox.information(self, _("Pesanan dibuat"),
                                    _("Penawaran {quote} diterima. Pesanan {order} sudah dibuat.").format(
                                        quote=q.number, order=number))

    def reject(self) -> None:
        q = self._selected()
        if q is None:
            return
        reason, ok = QInputDialog.getText(self, _("Penawaran ditolak"), _("Alasan (boleh kosong):"))
        if ok:
            self.call(lambda: quotes.reject_quote(self.book, q.id, max(dt.date.today(), q.date), reason), changed=AREA)

    def revise(self) -> None:
        q = self._selected()
        if q is None:
            return
        if not confirm(self, _("Buat revisi dari {number}? Penawaran lama tetap disimpan dan ditandai "
                               "\"diganti revisi\"; revisinya mendapat nomor baru.").format(number=q.number)):
            return
        new = self.call(lambda: quotes.revise_quote(self.book, q.id, max(dt.date.today(), q.date)), changed=AREA)
        if new is not None:
            QuoteEditor(self, new).exec()

    def _writer(self, q: quotes.QuoteDetail):
        paper = self.paper.currentText()
        return lambda path: quotes.write_quote_pdf(self.book, q.id, path, paper=paper)

    def print_quote(self) -> None:
        q = self._selected()
        if q is None:
            return
        from kws_desktop.ui.kit.pdf_preview import preview_document
        preview_document(self, self._writer(q), ctx=self.ctx, kind="penawaran",
                         title=_("Surat Penawaran Harga {number}").format(number=q.number),
                         suggested_name=f"{q.number}.pdf")

    def save_pdf(self) -> None:
        q = self._selected()
        if q is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, _("Simpan surat penawaran"), str(Path.home() / safe_file_name(f"{q.number}.pdf")),
                                               _("Berkas PDF (*.pdf)"))
        if not path:
            return
        try:
            self._writer(q)(Path(path))
        except (UserError, OSError) as exc:
            show_error(self, str(exc))
            return
        QMessageBox.information(self, _("Tersimpan"), _("Surat penawaran disimpan: {path}").format(path=path))


class QuoteView(QDialog):
    """A quote that can no longer change: what it says, and its internal cost view."""

    def __init__(self, page: QuotesPanel, q: quotes.QuoteDetail):
        super().__init__(page)
        self.setWindowTitle(_("Penawaran {number}").format(number=q.number))
        self.resize(760, 560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(_("Status"), QLabel(q.status_label + (f" — {q.reject_reason}" if q.reject_reason else "")))
        form.addRow(_("Pelanggan"), QLabel(q.customer.name))
        form.addRow(_("Tanggal"), QLabel(_("{date}  (berlaku sampai {until})").format(
            date=format_date(q.date), until=format_date(q.valid_until))))
        if q.previous_number:
            form.addRow(_("Revisi dari"), QLabel(q.previous_number))
        if q.next_number:
            form.addRow(_("Diganti oleh"), QLabel(q.next_number))
        lay.addLayout(form)
        table = QTableWidget(len(q.items), 5)
        table.setHorizontalHeaderLabels([_("Uraian"), p_("banyaknya", "Jumlah"), _("Satuan"), _("Harga satuan"), _("Jumlah harga")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, i in enumerate(q.items):
            for c, text in enumerate((i.description, format_quantity(i.qty), i.unit, format_rupiah(i.unit_price),
                                      format_rupiah(i.amount))):
                item = QTableWidgetItem(text)
                if c in (1, 3, 4):
                    item.setTextAlignment(RIGHT)
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(table, 1)
        t = q.totals
        summary = QFormLayout()
        if t.discount:
            summary.addRow(_("Potongan harga"), QLabel(format_rupiah(t.discount)))
        total = QLabel(format_rupiah(t.total))
        total.setStyleSheet("font-weight: bold;")
        summary.addRow(_("Total penawaran"), total)
        for p in q.payers:
            text = format_rupiah(p.amount) + (f"  ({p.instalments} {_('kali')})" if p.instalments else "")
            summary.addRow(p.payer_name or p.label, QLabel(text))
        lay.addLayout(summary)
        internal = QGroupBox(_("Untuk kelompok saja (tidak dicetak)"))
        internal.setStyleSheet(INTERNAL_STYLE)
        il = QFormLayout(internal)
        il.addRow(_("Biaya bahan, upah, transport, alat"), QLabel(format_rupiah(t.cost)))
        il.addRow(_("Biaya umum (overhead)"), QLabel(format_rupiah(t.overhead)))
        il.addRow(_("Keuntungan"), QLabel(f"{format_rupiah(t.margin)}  ({format_percent(t.margin_pct)})"))
        lay.addWidget(internal)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(_("Tutup"))
        box.rejected.connect(self.reject)
        lay.addWidget(box)


def _ask_date(parent: QWidget, title: str, label: str, default: dt.date) -> dt.date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    edit = DateEdit(value=default)
    form.addRow(label, edit)
    form.addRow(dialog_buttons(dialog, dialog.accept, _("Terima")))
    return edit.value() if dialog.exec() else None


# --- work packages (paket pekerjaan) -----------------------------------------------------------

class PackageEditor(QDialog):
    """A work package: its materials, labour, transport, equipment, overhead and margin, with the
    cost and price it comes to, computed as you type."""

    def __init__(self, page: Page, row: packages.PackageRow | None = None):
        super().__init__(page)
        from kws_desktop.services.purchasing import materials
        self.page, self.row = page, row
        self.setWindowTitle(_("Ubah paket {name}").format(name=row.name) if row else _("Paket pekerjaan baru"))
        self.resize(760, 760)
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
                              overhead_pct=self.overhead.text() or "0", margin_pct=self.margin.text() or "0")

    def update_price(self) -> None:
        comps = []
        for r in range(self.mats.rowCount()):
            combo, qty = self.mats.cellWidget(r, 0), self.mats.cellWidget(r, 1)
            m = self.catalog.get(combo.currentData())
            self.mats.cellWidget(r, 2).setText(format_rupiah(m.price) if m else "")
            q = _read_qty(qty.text())
            if m and q and q > 0:
                comps.append(Component(ComponentKind.MATERIAL, m.name, m.unit, q, m.price))
        days = _read_qty(self.labour.text()) or Decimal(0)
        comps.append(Component(ComponentKind.LABOUR, "", "HOK", days, self.wage.value()))
        comps.append(Component(ComponentKind.TRANSPORT, "", "ls", Decimal(1), self.transport.value()))
        comps.append(Component(ComponentKind.EQUIPMENT, "", "ls", Decimal(1), self.equipment.value()))
        try:
            priced = price_package(comps, _read_qty(self.overhead.text()) or 0, _read_qty(self.margin.text()) or 0)
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
        if self.page.call(action, changed=AREA, errors=self.errors) is not None:
            self.accept()


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
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("Kode"), _("Paket"), _("Satuan"), _("Biaya"), _("Harga jual"),
                                              _("Keuntungan")])
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
                     format_percent(p.pricing.margin_percent_of_price))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 3:
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
        n = self.page.call(lambda: packages.load_default_packages(self.page.book), changed=AREA)
        if n is not None:
            self.refresh()
            QMessageBox.information(self, _("Paket contoh"), _("{n} paket contoh ditambahkan.").format(n=n))

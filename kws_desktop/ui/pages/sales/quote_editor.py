"""The quote editor: lines from work packages or typed by hand, discount, payers and the internal cost view."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.core.money import line_total
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.core.rab import Component, ComponentKind, price_package, quote_totals
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, NP_, _, format_percent, format_rupiah, p_
from kws_desktop.services.sales import customers
from kws_desktop.services.sales import packages
from kws_desktop.services.sales import quote_terms, quotes
from kws_desktop.ui.kit.fit import fit_to_screen
from kws_desktop.ui.kit.forms import (ERROR_STYLE, DateEdit, FormErrors, MoneyDelegate, MoneyEdit, qty_text,
                                      show_error)
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.pdf_preview import preview_document
from kws_desktop.ui.kit.dated import backdate_asked
from kws_desktop.ui.kit.widgets import RIGHT, dialog_buttons
from kws_desktop.ui.pages.sales.customer_picker import CustomerField
from kws_desktop.ui.pages.sales.quote_format import INTERNAL_STYLE, read_qty


class InstalmentCount(QSpinBox):
    """How many instalments a payer pays in ("tunai" for at once): a click in it selects the
    number, so typing 4 replaces it (one click, not four on the arrow)."""

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)


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
        return read_qty(self.qty_text)

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
    def from_line(cls, i: quotes.PricedLine) -> LineState:
        if i.package_id is None:
            return cls(None, i.description, i.unit, qty_text(i.qty), i.unit_price, i.unit_cost, 0)
        comps = tuple(quotes.ComponentInput(c.kind, c.description, c.unit, c.qty, c.unit_cost, c.material_id)
                      for c in i.components)
        unit_overhead = price_package([Component(ComponentKind(c.kind), c.description, c.unit, c.qty, c.unit_cost)
                                       for c in comps], i.overhead_pct, i.margin_pct).overhead
        return cls(i.package_id, i.description, i.unit, qty_text(i.qty), i.unit_price, i.unit_cost, unit_overhead,
                   comps, i.overhead_pct, i.margin_pct)


class QuoteEditor(QDialog):
    """A new quote, or a draft being changed. Totals follow every keystroke."""

    LINE_COLS = [N_("Uraian"), NP_("banyaknya", "Jumlah"), N_("Satuan"), N_("Harga satuan"), N_("Jumlah harga")]
    PAYER_COLS = [N_("Sumber dana"), N_("Lembaga"), N_("Jumlah (Rp)"), N_("Cicilan"), N_("Catatan")]

    def __init__(self, page: Page, quote: quotes.QuoteDetail | None = None, *, customer_id: int | None = None):
        super().__init__(page)
        self.page, self.quote = page, quote
        self.saved: quotes.QuoteDetail | None = None
        self.shared = ""  # after "kirim WhatsApp": where the letter was saved, to attach it
        self.book = page.book
        self.lines: list[LineState] = [LineState.from_line(i) for i in quote.items] if quote else []
        self.setWindowTitle(_("Ubah penawaran {number}").format(number=quote.number) if quote
                            else _("Penawaran baru"))
        fit_to_screen(self, 1000, 700)
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
        self.errors.add("date", _("Tanggal"), dates, focus=self.date)
        self.errors.share("valid_until", self.valid_until, shown_under="date")
        self.title = self.errors.add("title", _("Perihal"), QLineEdit(quote.title if quote else ""))
        self.title.setPlaceholderText(_("Penawaran harga pekerjaan sanitasi"))
        outer.addLayout(top)

        split = QSplitter(Qt.Orientation.Vertical)
        # lines
        lines_box = QWidget()
        ll = QVBoxLayout(lines_box)
        ll.setContentsMargins(0, 0, 0, 0)
        addbar = QHBoxLayout()
        # Choosing a package in the list adds it (two clicks); the first entry only says so.
        self.package = QComboBox()
        self.package.addItem(_("+ Tambah paket pekerjaan…"), None)
        self.package.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.package.setMinimumContentsLength(24)  # long package names must not widen the dialog
        for p in packages.list_packages(self.book, active_only=True):
            self.package.addItem(f"{p.name}  ({format_rupiah(p.price)} / {p.unit})", p.id)
        self.package.activated.connect(self._package_chosen)
        add_free = QPushButton(_("Tambah baris bebas"))
        add_free.clicked.connect(self.add_free)
        remove = QPushButton(_("Hapus baris"))
        remove.clicked.connect(self.remove_line)
        reprice = QPushButton(_("Pakai harga bahan terbaru"))
        reprice.setToolTip(_("Hitung ulang paket yang dipilih dengan harga katalog hari ini."))
        reprice.clicked.connect(self.reprice_line)
        addbar.addWidget(self.package, 1)
        for b in (add_free, remove, reprice):
            addbar.addWidget(b)
        ll.addLayout(addbar)
        self.table = QTableWidget(0, len(self.LINE_COLS))
        self.table.setHorizontalHeaderLabels([_(c) for c in self.LINE_COLS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(3, MoneyDelegate(self.table))  # the price typed as every amount
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
        # The default terms follow the lines until the user edits them (sales.quote_terms).
        self.terms = QPlainTextEdit()
        shown = self._terms_for_lines(quote.terms if quote else None)
        self._auto_terms = shown.text if shown.follows else None
        self.terms.setPlainText(quote.terms if self._auto_terms is None else shown.text)
        tl.addWidget(self.terms)
        self.terms_hint = QLabel()  # a package without warranty months: said while the terms follow
        self.terms_hint.setWordWrap(True)
        tl.addWidget(self.terms_hint)
        self._show_terms_hint(shown)
        self.terms.textChanged.connect(lambda: self.terms_follow_lines() or self.terms_hint.hide())
        right.addWidget(terms_box, 1)
        self.notes = QLineEdit(quote.notes if quote else "")
        self.notes.setPlaceholderText(_("Catatan untuk kelompok (tidak dicetak)"))
        right.addWidget(self.notes)
        bl.addLayout(right, 2)
        split.addWidget(bottom)
        split.setSizes([360, 340])
        outer.addWidget(split, 1)
        outer.addWidget(self.errors.general)

        buttons = dialog_buttons(self, self.save, _("Simpan draf"))
        self.preview_button = QPushButton(_("Simpan dan lihat / cetak…"))
        self.preview_button.clicked.connect(self.save_and_preview)
        self.share_button = QPushButton(_("Simpan dan kirim WhatsApp…"))
        self.share_button.clicked.connect(self.save_and_share)
        foot = QHBoxLayout()
        foot.addWidget(self.preview_button)
        foot.addWidget(self.share_button)
        foot.addStretch(1)
        foot.addWidget(buttons)
        outer.addLayout(foot)
        self.customer.chosen.connect(lambda _id: self.errors.hide_error("customer"))

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

    # --- terms --------------------------------------------------------------------------------
    def _terms_for_lines(self, saved: str | None = None) -> quote_terms.TermsForLines:
        return quote_terms.terms_for_lines(self.book, [line.to_input() for line in self.lines], saved)

    def _show_terms_hint(self, shown: quote_terms.TermsForLines) -> None:
        hint = shown.hint if self.terms_follow_lines() else ""
        self.terms_hint.setText(hint)
        self.terms_hint.setVisible(bool(hint))

    def terms_follow_lines(self) -> bool:
        """True while the terms box holds the default put there (the user has not edited it)."""
        return self._auto_terms is not None and self.terms.toPlainText() == self._auto_terms

    def _follow_terms(self) -> None:
        if not self.terms_follow_lines():
            self._auto_terms = None  # edited once: left alone from now on
            self.terms_hint.hide()
            return
        shown = self._terms_for_lines()
        if shown.text != self._auto_terms:
            self._auto_terms = shown.text
            self.terms.setPlainText(shown.text)
        self._show_terms_hint(shown)

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
        self.line_error.setText(self._line_problem())
        self.update_totals()
        self._follow_terms()

    def _line_problem(self) -> str:
        """What is still wrong with the lines as typed ("" when nothing): the error shown under
        the table follows each change, so it goes away once fixed."""
        bad = next((n for n, line in enumerate(self.lines, start=1) if line.qty is None or line.qty <= 0), None)
        return _("Jumlah pada baris {n} harus angka lebih dari nol.").format(n=bad) if bad else ""

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
        self.line_error.setText(self._line_problem())
        self.update_totals()
        if c in (0, 1):  # the name or quantity of a line: what the terms are made of
            self._follow_terms()

    def _package_chosen(self, index: int) -> None:
        if self.package.itemData(index) is not None or self.package.count() == 1:
            self.add_package()
        self.package.setCurrentIndex(0)

    def add_package(self) -> None:
        pid = self.package.currentData()
        if pid is None:
            show_error(self, _("Belum ada paket pekerjaan. Buat paket dulu di katalog paket.")
                       if self.package.count() == 1 else _("Pilih paket pekerjaan di daftar."))
            return
        priced = self.page.call(lambda: quotes.price_package_line(self.book, pid, 1))
        if priced is not None:
            self.lines.append(LineState.from_line(priced))
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
            fresh = LineState.from_line(priced)
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
        count = InstalmentCount()
        count.setRange(0, 120)
        count.setSpecialValueText(_("tunai"))
        count.setSuffix(_(" kali"))
        count.setValue(instalments or 0)
        notes = QLineEdit(note)
        for c, w in enumerate((kind, inst, money, count, notes)):
            self.payers.setCellWidget(r, c, w)
        self._fill_institutions(kind, inst, customer_id)
        kind.currentIndexChanged.connect(lambda _i, k=kind, w=inst: self._fill_institutions(k, w, None))
        for changed in (kind.currentIndexChanged, inst.currentIndexChanged, count.valueChanged):
            changed.connect(lambda *_a: self.payer_error.setText(""))
        money.textChanged.connect(self._payer_amount_changed)
        self._payer_amount_changed()

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

    def _payer_amount_changed(self) -> None:
        self.payer_error.setText("")
        self.update_totals()

    def remove_payer(self) -> None:
        r = self.payers.currentRow()
        if r < 0:
            r = self.payers.rowCount() - 1
        if r >= 0:
            self.payers.removeRow(r)
            self._payer_amount_changed()

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
        if rest > 0:
            self.rest_label.setText(_("Belum dibagi: {amount}").format(amount=format_rupiah(rest)))
        elif rest < 0:
            self.rest_label.setText(_("Dana melebihi harga {amount}").format(amount=format_rupiah(-rest)))
        else:
            self.rest_label.setText("")
        self.rest_label.setStyleSheet(ERROR_STYLE if rest else "")

    # --- saving -------------------------------------------------------------------------------
    def data(self) -> quotes.QuoteInput:
        payers = tuple(p for p in self.payer_inputs() if p.amount or p.payer_type != PayerType.SWADAYA)
        return quotes.QuoteInput(customer_id=self.customer.customer_id, date=self.date.value(),
                            lines=tuple(line.to_input() for line in self.lines), discount=self.discount.value(),
                            payers=payers, valid_until=self.valid_until.value(),
                            terms=None if self.terms_follow_lines() else self.terms.toPlainText(),
                            title=self.title.text(), notes=self.notes.text())

    def save(self) -> None:
        if self.store() is not None:
            self.accept()

    def store(self) -> quotes.QuoteDetail | None:
        """Save the draft (new or changed); the problems show beside their fields and None is
        returned when the service refuses it. Once saved, later saves change the same draft."""
        data = self.data()
        self.line_error.setText("")
        self.payer_error.setText("")
        action = ((lambda: backdate_asked(self, lambda note: quotes.update_quote(
            self.book, self.quote.id, replace(data, backdate_note=note)))) if self.quote
                  else (lambda: backdate_asked(self, lambda note: quotes.create_quote(
                      self.book, replace(data, backdate_note=note)))))
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
            return None
        self.quote = self.saved
        self.notes.setText(self.saved.notes)  # with the reason of a backdated date, if one was given
        self.setWindowTitle(_("Ubah penawaran {number}").format(number=self.saved.number))
        self.page.ctx.notify_changes()
        return self.saved

    # --- the letter from inside the editor ----------------------------------------------------
    def save_and_preview(self) -> None:
        """Save the draft, then show the Surat Penawaran Harga to print or save as PDF."""
        q = self.store()
        if q is None:
            return
        preview_document(self, lambda path: quotes.write_quote_pdf(self.book, q.id, path), ctx=self.page.ctx,
                         kind="penawaran", title=_("Surat Penawaran Harga {number}").format(number=q.number),
                         suggested_name=f"{q.number}.pdf")

    def save_and_share(self) -> None:
        """Save the draft and its letter as a PDF in the quotes folder, then open WhatsApp with the
        message to the customer and the folder with the file, to attach it."""
        q = self.store()
        if q is None:
            return
        try:
            info = quotes.quote_share(self.book, q.id)
            target = share_folder() / safe_file_name(f"{q.number}.pdf")
            target.parent.mkdir(parents=True, exist_ok=True)
            quotes.write_quote_pdf(self.book, q.id, target)
        except (UserError, OSError) as exc:
            show_error(self, str(exc))
            return
        open_url(QUrl(info.url))
        open_url(QUrl.fromLocalFile(str(target.parent)))
        note = _("Surat penawaran disimpan: {path}. Lampirkan berkas itu di WhatsApp, lalu kirim.").format(
            path=target)
        if not info.phone:
            note += " " + _("Pelanggan ini belum punya nomor HP: pilih kontaknya sendiri di WhatsApp.")
        self.shared = note
        self.accept()  # sent: back to the list, where the note stays in view


def share_folder() -> Path:
    """Where the letters to send by WhatsApp are saved (Documents/KWS Penawaran)."""
    return Path.home() / "Documents" / "KWS Penawaran"


def open_url(url: QUrl) -> None:
    QDesktopServices.openUrl(url)

"""Pesanan: the order list (filters, search, sort, totals; lazy pages) and the order's whole story.

The lead places :class:`OrdersPanel` as the "Pesanan" tab of the Pesanan area.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from kws_desktop.core.status import DocStatus
from kws_desktop.core.job_costing import STAGE_LABELS, Stage
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.i18n import N_, _, format_quantity, format_rupiah
from kws_desktop.services.jobs import handover
from kws_desktop.services.jobs import orders
from kws_desktop.ui.kit.fit import button_rows
from kws_desktop.ui.kit.forms import DateEdit, confirm
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.pages.jobs import AREA
from kws_desktop.ui.pages.jobs.order_steps import (CancelDialog, CostDialog, CrewDialog, MaterialDialog,
                                                   PhotoDialog, StageDialog)
from kws_desktop.ui.pages.jobs.order_view import OrderView


LIST_COLUMNS = [
    Column("number", N_("Nomor")), Column("date", N_("Tanggal"), "date"),
    Column("stage", N_("Tahap")), Column("customer", N_("Pelanggan")),
    Column("desa", N_("Desa")), Column("kecamatan", N_("Kecamatan")),
    Column("package", N_("Paket")),
    Column("price", N_("Harga"), "money"), Column("cost", N_("Biaya"), "money"),
    Column("margin", N_("Laba"), "money"),
]


def _row_dict(r: orders.OrderRow) -> dict:
    return {"id": r.id, "number": r.number, "date": r.date, "stage": r.stage_label,
            "customer": r.customer_name, "desa": r.desa, "kecamatan": r.kecamatan,
            "package": r.package, "price": r.price, "cost": r.cost, "margin": r.margin,
            "_muted": r.stage == Stage.BATAL}


class OrdersPanel(Page):
    """The order list with filters and totals above, the selected order's story below."""

    area = AREA
    shows = ("jobs", "sales", "billing", "purchasing", "people")  # an order's payers, costs and crew

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_button = QPushButton(_("Pesanan baru…"))
        self.new_button.setToolTip(_("Catat pesanan yang harganya sudah disepakati tanpa surat penawaran."))
        self.new_button.clicked.connect(self.new_order)
        bar.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nomor, nama pelanggan, desa atau paket..."))
        self.search.setClearButtonEnabled(True)
        self.stage = QComboBox()
        self.stage.addItem(_("Semua tahap"), None)
        for stage in Stage:
            self.stage.addItem(_(STAGE_LABELS[stage]), stage.value)
        self.kecamatan = QComboBox()
        self.desa = QComboBox()
        self.payer = QComboBox()
        self.payer.addItem(_("Semua pembayar"), None)
        for payer in PayerType:
            self.payer.addItem(PAYER_LABELS[payer], payer.value)
        self.use_period = QCheckBox(_("Periode"))
        today = dt.date.today()
        self.start = DateEdit(value=dt.date(today.year, 1, 1))
        self.end = DateEdit(value=today)
        bar.addWidget(self.search, 1)
        for w in (self.use_period, self.start, QLabel(_("s.d.")), self.end):
            bar.addWidget(w)
        lay.addLayout(bar)
        filters = QHBoxLayout()  # a second row: one row would need ~1,100 px (a projector has 1,024)
        for w in (self.stage, self.kecamatan, self.desa, self.payer):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(12)
            filters.addWidget(w, 1)
        lay.addLayout(filters)

        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        self.model = PagedTableModel(LIST_COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # the customer's name gets the room it needs; the package (last) takes what is left
        for col, width in ((0, 110), (1, 85), (2, 120), (3, 210), (4, 110), (5, 100), (6, 160), (7, 105),
                           (8, 105), (9, 105)):
            header.resizeSection(col, width)
        tl.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tl.addWidget(self.totals)
        split.addWidget(top)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (("stage", _("Ubah tahap..."), self.change_stage),
                                ("crew", _("Tambah tukang..."), self.add_crew),
                                ("issue", _("Pakai bahan..."), self.issue_material),
                                ("return", _("Bahan kembali..."), self.return_material),
                                ("cost", _("Tambah biaya..."), self.add_cost),
                                ("photo", _("Tambah foto..."), self.add_photo),
                                ("bast", _("Cetak BAST..."), self.print_handover),
                                (DocStatus.VOID, _("Batalkan baris..."), self.void_line),
                                ("tfl", _("Fasilitator..."), self.set_facilitator),
                                ("cancel", _("Batalkan pesanan..."), self.cancel_order)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            self.actions[key] = b
        bl.addLayout(button_rows(list(self.actions.values()), per_row=5))
        self.detail = OrderView(self)
        bl.addWidget(self.detail, 1)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)  # the list and the order's story share the height:
        split.setStretchFactor(1, 1)  # on a 768-px screen the list keeps ~8 rows
        lay.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.reload_list)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.stage, self.desa, self.payer):
            combo.currentIndexChanged.connect(self.reload_list)
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self.use_period.toggled.connect(self._period_toggled)
        self.start.dateChanged.connect(self._timer.start)
        self.end.dateChanged.connect(self._timer.start)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_selected())
        self.start.setEnabled(False)  # the list loads when the page is first shown, not here
        self.end.setEnabled(False)
        self._choices: dict[str, list[str]] = {"kecamatan": [], "desa": []}
        self._enable()

    # --- list ----------------------------------------------------------------------------
    def filter(self) -> orders.OrderFilter:
        period = self.use_period.isChecked()
        return orders.OrderFilter(stage=self.stage.currentData(), kecamatan=self.kecamatan.currentData(),
                             desa=self.desa.currentData(), payer_type=self.payer.currentData(),
                             start=self.start.value() if period else None,
                             end=self.end.value() if period else None, search=self.search.text())

    def refresh(self) -> None:
        self._load_choices()
        self.reload_list()

    def _load_choices(self) -> None:
        choices = orders.filter_choices(self.book)
        if choices == self._choices:
            return
        self._choices = choices
        for combo, key, everything in ((self.kecamatan, "kecamatan", _("Semua kecamatan")),
                                       (self.desa, "desa", _("Semua desa"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for name in choices[key]:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _kecamatan_changed(self) -> None:
        self.desa.blockSignals(True)
        self.desa.setCurrentIndex(0)
        self.desa.blockSignals(False)
        self.reload_list()

    def _period_toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        if self.ctx.book is not None:
            self.reload_list()

    def reload_list(self) -> None:
        if self.ctx.book is None:
            return
        flt, book = self.filter(), self.book

        def fetch(offset: int, limit: int, sort: str | None, descending: bool) -> list[dict]:
            rows = orders.list_orders(book, flt, sort=sort or "date", descending=descending if sort else True,
                                 offset=offset, limit=limit)
            return [_row_dict(r) for r in rows]
        keep = self.detail.view.id if self.detail.view else None
        self.model.set_fetch(fetch)
        t = orders.order_totals(book, flt)
        self.totals.setText(_("{n} pesanan · harga {price} · biaya {cost} · laba {margin} (pesanan batal tidak dihitung)")
                            .format(n=format_quantity(t.count), price=format_rupiah(t.price),
                                    cost=format_rupiah(t.cost), margin=format_rupiah(t.margin)))
        if keep is not None:
            self._select_id(keep)
        else:
            self.show_selected()

    def _select_id(self, order_id: int) -> None:
        for r in range(self.model.loaded_rows):
            if self.model.row(r)["id"] == order_id:
                self.table.selectRow(r)
                self.show_order(order_id)
                return
        self.show_order(order_id)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row())["id"] if rows else None

    def show_selected(self) -> None:
        self.show_order(self.selected_id())

    def show_order(self, order_id: int | None) -> None:
        view = None
        if order_id is not None:
            view = self.call(lambda: orders.get_order(self.book, order_id))
        self.detail.show_order(view)
        self._enable()

    def _enable(self) -> None:
        v = self.detail.view
        live = v is not None and not v.cancelled
        for key, button in self.actions.items():
            button.setEnabled(live)
        if v is not None:
            self.actions["bast"].setEnabled(bool(v.handovers))
            self.actions[DocStatus.VOID].setEnabled(True)
            self.actions["return"].setEnabled(any(m.source == "stock" and m.qty > 0 for m in v.materials))
            self.actions["cancel"].setEnabled(live and v.stage != Stage.DISERAHTERIMAKAN)
            self.actions["tfl"].setEnabled(v.program_funded)

    # --- actions -------------------------------------------------------------------------
    def _current(self) -> orders.OrderView | None:
        return self.detail.view

    def _dialog(self, factory) -> None:
        v = self._current()
        if v is None:
            return
        dialog = factory(self, v)
        if dialog.exec():
            self.reload_list()

    def new_order(self) -> None:
        from kws_desktop.ui.pages.jobs.order_dialog import NewOrderDialog
        dialog = NewOrderDialog(self)
        if dialog.exec() and dialog.saved is not None:
            self.reload_list()
            self._select_id(dialog.saved.id)

    def change_stage(self) -> None:
        self._dialog(StageDialog)

    def add_crew(self) -> None:
        self._dialog(CrewDialog)

    def issue_material(self) -> None:
        self._dialog(MaterialDialog)

    def return_material(self) -> None:
        self._dialog(lambda page, v: MaterialDialog(page, v, returning=True))

    def add_cost(self) -> None:
        self._dialog(CostDialog)

    def add_photo(self) -> None:
        self._dialog(PhotoDialog)

    def cancel_order(self) -> None:
        self._dialog(CancelDialog)

    def set_facilitator(self) -> None:
        from PySide6.QtWidgets import QInputDialog
        v = self._current()
        if v is None:
            return
        name, ok = QInputDialog.getText(self, _("Fasilitator lapangan (TFL)"),
                                        _("Nama fasilitator program yang ikut menandatangani BAST:"),
                                        text=v.facilitator_name)
        if ok and self.call(lambda: orders.update_order_details(self.book, v.id, facilitator_name=name)) is not None:
            self.reload_list()

    def void_line(self) -> None:
        """Void the selected crew or cost line (on the Tukang / Biaya lain tab)."""
        from PySide6.QtWidgets import QInputDialog
        v = self._current()
        if v is None:
            return
        tab = self.detail.tabs.currentWidget()
        if tab is self.detail.crew:
            rows, items, void = self.detail.crew.selectionModel().selectedRows(), v.crew, orders.void_crew
        elif tab is self.detail.costs:
            rows, items, void = self.detail.costs.selectionModel().selectedRows(), v.costs, orders.void_cost
        else:
            rows = []
        if not rows:
            from kws_desktop.ui.kit.forms import show_error
            show_error(self, _("Pilih satu baris di tab Tukang atau Biaya lain yang mau dibatalkan."))
            return
        line = items[rows[0].row()]
        if line.status == DocStatus.VOID:
            return
        reason, ok = QInputDialog.getText(self, _("Batalkan baris"), _("Alasan pembatalan:"))
        if ok and self.call(lambda: void(self.book, line.id, reason)) is not None:
            self.reload_list()

    def print_handover(self) -> None:
        v = self._current()
        if v is None:
            return
        from kws_desktop.ui.kit.pdf_preview import preview_document
        number = v.handover.number if v.handover else (v.handovers[-1].number if v.handovers else v.number)
        with_photo = True
        if any(p.stage_pct == 100 for p in v.photos):
            with_photo = confirm(self, _("Sertakan foto pekerjaan selesai (100%) di berita acara?"),
                                 _("Cetak BAST"))
        preview_document(self, lambda path: handover.write_handover(self.book, v.id, path, with_photo=with_photo),
                         ctx=self.ctx, kind="bast", title=_("Berita Acara Serah Terima {number}").format(number=number),
                         suggested_name=f"{number}.pdf")

"""The "Pembelian" tab: the purchase list, one purchase shown in full, and voiding it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, _, format_date, format_quantity, format_rupiah, p_
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import suppliers
from kws_desktop.ui.kit.forms import show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import RIGHT, VoidDialog, add_buttons, chosen_row, period_row, table_view
from kws_desktop.ui.pages.purchasing.purchase_form import PurchaseForm


class PurchaseDetail(QDialog):
    def __init__(self, page: Page, row: purchases.PurchaseRow):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Nota pembelian {number}").format(number=row.number))
        self.resize(640, 460)
        lay = QVBoxLayout(self)
        from html import escape  # user text shown literally in this rich-text label
        status = _("BATAL: {reason}").format(reason=escape(row.void_reason)) if row.status == DocStatus.VOID else _("Tercatat")
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
        if row.status != DocStatus.VOID:
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
                            note=_("Nota dibatalkan: bahannya dikeluarkan lagi dari stok dan uangnya tercatat kembali "
                                   "seperti sebelum membeli. Notanya tidak dihapus: nomornya tetap, ditandai BATAL."),
                            void=lambda reason: purchases.void_purchase(self.page.book, self.row.id, reason=reason), ok_text=_("Batalkan nota"))
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
                                status=None if self.show_void.isChecked() else DocStatus.POSTED)

    def refresh_list(self) -> None:
        if self._filling:
            return
        flt, book = self.filter(), self.page.book

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "number": r.number, "date": r.date, "supplier": r.supplier,
                     "method": purchases.method_label(r.method), "slip": r.slip_number,
                     "for": _("pesanan") if r.order_id else _("stok"), "total": r.total,
                     "status": _("BATAL") if r.status == DocStatus.VOID else "", "_muted": r.status == DocStatus.VOID}
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

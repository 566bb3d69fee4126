"""Pesanan: the order list (filters, search, sort, totals; lazy pages) and the order's whole story.

The lead places :class:`OrdersPanel` as the "Pesanan" tab of the Pesanan area.
"""
from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog,
                               QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableView,
                               QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout,
                               QWidget)

from kws_desktop.core.job_costing import (COST_KIND_LABELS, PHOTO_STAGES, STAGE_LABELS, STAGE_LINE,
                                          CostKind, Stage)
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.i18n import N_, _, format_date, format_percent, format_quantity, format_rupiah, p_
from kws_desktop.services.jobs import handover, orders
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, QuantityEdit, confirm
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import dialog_buttons

AREA = "pesanan"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARN_STYLE = "color: #b00020; font-weight: bold;"

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


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(RIGHT)
    return item


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]], right: set[int]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, _item(value, c in right))
    table.resizeColumnsToContents()


def _table() -> QTableWidget:
    t = QTableWidget()
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    return t


# --- dialogs --------------------------------------------------------------------------------

class FormDialog(QDialog):
    """A small form; `save()` returns a service call, errors show beside the fields."""

    def __init__(self, page: Page, title: str):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.errors = FormErrors(self.form)
        lay.addLayout(self.form)
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self._save))

    def action(self) -> Callable[[], object]:
        raise NotImplementedError

    def _save(self) -> None:
        if self.page.call(self.action(), changed=AREA, errors=self.errors) is not None:
            self.accept()


class StageDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Ubah tahap pesanan {number}").format(number=view.number))
        self.view = view
        self.stage = QComboBox()
        for stage in STAGE_LINE:
            if stage != view.stage:
                self.stage.addItem(_(STAGE_LABELS[stage]), stage.value)
        current = Stage(view.stage)
        nxt = STAGE_LINE.index(current) + 1 if current in STAGE_LINE else 0
        if nxt < len(STAGE_LINE):
            self.stage.setCurrentIndex(max(0, self.stage.findData(STAGE_LINE[nxt].value)))
        self.date = DateEdit(value=dt.date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Wajib diisi bila kembali ke tahap sebelumnya"))
        self.receiver = QLineEdit()
        self.receiver.setPlaceholderText(view.customer_name)
        self.errors.add("stage", _("Tahap baru"), self.stage)
        self.errors.add("date", _("Tanggal"), self.date)
        self.errors.add("reason", _("Alasan"), self.reason)
        self.errors.add("receiver", _("Yang menerima (BAST)"), self.receiver)
        self.form.insertRow(0, _("Tahap sekarang"), QLabel(view.stage_label))
        self.stage.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        target = self.stage.currentData()
        self.receiver.setEnabled(target == Stage.DISERAHTERIMAKAN)

    def action(self):
        view, stage, date = self.view, self.stage.currentData(), self.date.value()
        reason, receiver = self.reason.text(), self.receiver.text()
        return lambda: orders.change_stage(self.page.book, view.id, stage, date, reason=reason, receiver_name=receiver)


class CancelDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Batalkan pesanan {number}").format(number=view.number))
        self.view = view
        self.date = DateEdit(value=dt.date.today())
        self.reason = QLineEdit()
        self.errors.add("date", _("Tanggal batal"), self.date)
        self.errors.add("reason", _("Alasan"), self.reason)
        note = QLabel(_("Biaya yang sudah dikeluarkan tetap tercatat. Pesanan yang sudah dibayar "
                        "tidak bisa dibatalkan."))
        note.setWordWrap(True)
        self.form.addRow(note)

    def action(self):
        view, date, reason = self.view, self.date.value(), self.reason.text()
        return lambda: orders.cancel_order(self.page.book, view.id, date, reason)


class CrewDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Tambah tukang: pesanan {number}").format(number=view.number))
        from kws_desktop.services.people.members import active_members
        self.view = view
        self.member = QComboBox()
        self._wages: dict[int, int] = {}
        for m in active_members(page.book):
            self.member.addItem(f"{m.name} ({m.role})", m.id)
            self._wages[m.id] = getattr(m, "daily_wage", 0) or 0
        self.date = DateEdit(value=max(view.started_date or view.date, min(dt.date.today(), dt.date.today())))
        self.days = QuantityEdit(value=Decimal(1))
        self.wage = MoneyEdit()
        self.role = QLineEdit(_("tukang"))
        self.errors.add("member", _("Anggota"), self.member)
        self.errors.add("work_date", _("Tanggal kerja"), self.date)
        self.errors.add("days", _("Jumlah hari (HOK)"), self.days)
        self.errors.add("daily_wage", _("Upah per hari"), self.wage)
        self.errors.add("role", _("Tugas"), self.role)
        self.member.currentIndexChanged.connect(self._wage)
        self._wage()

    def _wage(self) -> None:
        wage = self._wages.get(self.member.currentData() or 0, 0)
        if wage:
            self.wage.set_value(wage)

    def action(self):
        member, date = self.member.currentData(), self.date.value()
        days = self.days.value() if self.days.value() is not None else self.days.text()
        wage, role = self.wage.value(), self.role.text()
        return lambda: orders.add_crew(self.page.book, self.view.id, member or 0, date, days, wage, role)


class MaterialDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView, *, returning: bool = False):
        title = _("Bahan kembali ke gudang: pesanan {number}") if returning else \
            _("Pakai bahan dari gudang: pesanan {number}")
        super().__init__(page, title.format(number=view.number))
        from kws_desktop.services.purchasing.materials import list_materials
        self.view, self.returning = view, returning
        self.material = QComboBox()
        if returning:
            for m in view.materials:
                if m.source == "stock" and m.qty > 0:
                    self.material.addItem(f"{m.name} ({format_quantity(m.qty)} {m.unit})", m.material_id)
        else:
            for m in list_materials(page.book, active_only=True):
                self.material.addItem(_("{name}: stok {qty} {unit}").format(
                    name=m.name, qty=format_quantity(m.stock_qty), unit=m.unit), m.id)
        self.qty = QuantityEdit()
        self.date = DateEdit(value=max(view.date, dt.date.today()) if view.date > dt.date.today()
                             else dt.date.today())
        self.errors.add("material", _("Bahan"), self.material)
        self.errors.add("qty", _("Banyaknya"), self.qty)
        self.errors.add("date", _("Tanggal"), self.date)
        self.beyond = QCheckBox(_("Stok di buku kurang, tapi bahan memang dipakai"))
        self.reason = QLineEdit()
        self.reason.setEnabled(False)
        if not returning:
            self.form.addRow("", self.beyond)
            self.errors.add("allow_negative_reason", _("Alasan"), self.reason)
            self.beyond.toggled.connect(self.reason.setEnabled)

    def action(self):
        material, date = self.material.currentData() or 0, self.date.value()
        qty = self.qty.value() if self.qty.value() is not None else self.qty.text()
        if self.returning:
            return lambda: orders.return_material(self.page.book, self.view.id, material, qty, date)
        reason = self.reason.text() if self.beyond.isChecked() else None
        return lambda: orders.issue_material(self.page.book, self.view.id, material, qty, date,
                                        allow_negative_reason=reason)


class CostDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Tambah biaya: pesanan {number}").format(number=view.number))
        self.view = view
        self.kind = QComboBox()
        for kind in CostKind:
            self.kind.addItem(_(COST_KIND_LABELS[kind]), kind.value)
        self.amount = MoneyEdit()
        self.date = DateEdit(value=dt.date.today())
        self.method = QComboBox()
        for key, label in orders.METHOD_LABELS.items():
            self.method.addItem(_(label), key)
        self.description = QLineEdit()
        self.errors.add("kind", _("Jenis biaya"), self.kind)
        self.errors.add("amount", _("Jumlah"), self.amount)
        self.errors.add("date", _("Tanggal"), self.date)
        self.errors.add("method", _("Dibayar dari"), self.method)
        self.errors.add("description", _("Keterangan"), self.description)

    def action(self):
        kind, amount, date = self.kind.currentData(), self.amount.value(), self.date.value()
        method, text = self.method.currentData(), self.description.text()
        return lambda: orders.add_cost(self.page.book, self.view.id, kind, amount, date, method=method,
                                  description=text)


class PhotoDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Tambah foto: pesanan {number}").format(number=view.number))
        self.view = view
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        choose = QPushButton(_("Pilih foto..."))
        choose.clicked.connect(self._choose)
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.path, 1)
        rl.addWidget(choose)
        self.stage = QComboBox()
        for pct in PHOTO_STAGES:
            self.stage.addItem(f"{pct}%", pct)
        self.date = DateEdit(value=dt.date.today())
        self.caption = QLineEdit()
        self.errors.add("photo", _("Foto"), row)
        self.errors.add("stage_pct", _("Tahap foto"), self.stage)
        self.errors.add("date", _("Tanggal foto"), self.date)
        self.errors.add("caption", _("Keterangan"), self.caption)

    def _choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih foto"), str(Path.home()),
                                               _("Gambar (*.jpg *.jpeg *.png *.bmp *.webp)"))
        if path:
            self.path.setText(path)

    def action(self):
        from kws_desktop.services.jobs import photos
        path, pct, date, caption = self.path.text(), self.stage.currentData(), self.date.value(), self.caption.text()

        def run():
            if not path:
                from kws_desktop.errors import UserError
                raise UserError(_("Pilih berkas foto dulu."), field="photo")
            return photos.add_photo(self.page.book, self.view.id, path, pct, date, caption)
        return run


# --- the order view ---------------------------------------------------------------------------

class OrderView(QWidget):
    """Everything about one order: quote, payers, stages, crew, materials, costs, photos, billing,
    margin and the over-cost warning."""

    def __init__(self, panel: OrdersPanel):
        super().__init__(panel)
        self.panel = panel
        self.view: orders.OrderView | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("pageHeading")
        self.warning = QLabel()
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.warning)
        self.tabs = QTabWidget()
        self.summary = QTextBrowser()
        self.summary.setOpenExternalLinks(False)
        self.crew, self.materials, self.costs, self.billing, self.history = (_table() for _i in range(5))
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(200, 150))
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.setSpacing(8)
        self.photos.itemDoubleClicked.connect(self._show_photo)
        for widget, title in ((self.summary, _("Ringkasan")), (self.crew, p_("jamak", "Tukang")),
                              (self.materials, p_("jamak", "Bahan")), (self.costs, _("Biaya lain")),
                              (self.photos, p_("jamak", "Foto")), (self.billing, _("Tagihan dan pembayaran")),
                              (self.history, _("Riwayat tahap"))):
            self.tabs.addTab(widget, title)
        lay.addWidget(self.tabs, 1)

    def show_order(self, view: orders.OrderView | None) -> None:
        self.view = view
        if view is None:
            self.title.setText(_("Pilih pesanan di daftar untuk melihat rinciannya."))
            self.warning.hide()
            for t in (self.crew, self.materials, self.costs, self.billing, self.history):
                t.setRowCount(0)
            self.summary.clear()
            self.photos.clear()
            return
        self.title.setText(f"{view.number} · {view.customer_name} · {view.stage_label}")
        c = view.cost
        warnings = []
        if c.over_cost:
            warnings.append(_("Biaya sebenarnya ({actual}) sudah melebihi perkiraan biaya di penawaran ({quoted}), "
                              "lebih {over}.").format(actual=format_rupiah(c.actual),
                                                      quoted=format_rupiah(c.quoted_cost),
                                                      over=format_rupiah(c.over_by)))
        if c.loss:
            warnings.append(_("Pekerjaan ini rugi {amount}.").format(amount=format_rupiah(-c.margin)))
        if view.cancelled:
            warnings.append(_("Dibatalkan {date}: {reason}").format(date=format_date(view.cancelled_date),
                                                                    reason=view.cancel_reason))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.summary.setHtml(self._summary_html(view))
        _fill(self.crew, [_("Tanggal"), _("Anggota"), _("Tugas"), _("Hari"), _("Upah/hari"), _("Jumlah"),
                          _("Status")],
              [[format_date(r.work_date), r.member_name, r.role, format_quantity(r.days),
                format_rupiah(r.daily_wage), format_rupiah(r.amount),
                _("batal: {reason}").format(reason=r.void_reason) if r.status == "void" else _("tercatat")]
               for r in view.crew], {3, 4, 5})
        _fill(self.materials, [_("Bahan"), _("Banyaknya"), _("Satuan"), _("Nilai"), _("Dari")],
              [[m.name, format_quantity(m.qty), m.unit, format_rupiah(m.value),
                _("gudang") if m.source == "stock" else _("dibeli langsung")] for m in view.materials], {1, 3})
        _fill(self.costs, [_("Tanggal"), _("Jenis"), _("Keterangan"), _("Jumlah"), _("Dibayar"), _("Status")],
              [[format_date(r.date), r.kind_label, r.description, format_rupiah(r.amount),
                _(orders.METHOD_LABELS.get(r.method, r.method)),
                _("batal: {reason}").format(reason=r.void_reason) if r.status == "void" else _("tercatat")]
               for r in view.costs], {3})
        _fill(self.history, [_("Tanggal"), _("Dari"), _("Ke"), _("Alasan"), _("Oleh")],
              [[format_date(e.date), _(STAGE_LABELS[Stage(e.from_stage)]) if e.from_stage else "",
                _(STAGE_LABELS[Stage(e.to_stage)]), e.reason, e.created_by] for e in view.events], set())
        self._fill_billing(view)
        self._fill_photos(view)

    def _summary_html(self, v: orders.OrderView) -> str:
        e = html.escape
        c = v.cost
        rows = [(_("Tanggal pesanan"), format_date(v.date)),
                (_("Penawaran"), v.quote_number or _("(pesanan langsung)")),
                (_("Lokasi"), ", ".join(p for p in (v.address, v.desa, v.kecamatan and f"Kec. {v.kecamatan}") if p)),
                (_("Tahap"), v.stage_label),
                (_("Rencana mulai"), format_date(v.planned_start)),
                (_("Mulai dikerjakan"), format_date(v.started_date)),
                (_("Selesai"), format_date(v.finished_date)),
                (_("Diserahterimakan"), format_date(v.handed_over_date) +
                 (f" ({v.handover.number})" if v.handover else ""))]
        if v.program_funded:
            rows.append((_("Fasilitator (TFL)"), v.facilitator_name or _("(belum diisi)")))
        out = ["<table cellspacing='0' cellpadding='2'>"]
        out += [f"<tr><td>{e(k)}</td><td>: {e(val)}</td></tr>" for k, val in rows]
        out.append("</table><h4>" + e(_("Pekerjaan")) + "</h4><table cellspacing='0' cellpadding='2'>")
        for i in v.main_items:
            out.append(f"<tr><td>{e(i.description)}</td><td align='right'>{e(format_quantity(i.qty))} {e(i.unit)}</td>"
                       f"<td align='right'>{e(format_rupiah(i.amount))}</td></tr>")
        if v.discount:
            out.append(f"<tr><td>{e(_('Potongan harga'))}</td><td></td>"
                       f"<td align='right'>-{e(format_rupiah(v.discount))}</td></tr>")
        out.append("</table><h4>" + e(_("Pembayar")) + "</h4><table cellspacing='0' cellpadding='2'>")
        for p in v.payers:
            out.append(f"<tr><td>{e(PAYER_LABELS.get(PayerType(p.payer_type), p.payer_type))}</td>"
                       f"<td>{e(p.name)}</td><td align='right'>{e(format_rupiah(p.amount))}</td></tr>")
        out.append("</table><h4>" + e(_("Biaya dan laba")) + "</h4><table cellspacing='0' cellpadding='2'>")
        profit = (_("Laba") if c.margin_ratio is None
                  else _("Laba ({percent})").format(percent=format_percent(c.margin_ratio * 100)))
        for label, amount, bold in ((_("Harga pekerjaan"), c.price, False),
                                    (_("Perkiraan biaya di penawaran"), c.quoted_cost, False),
                                    (p_("jamak", "Bahan"), c.material, False), (_("Upah tukang"), c.labour, False),
                                    (_("Biaya lain"), c.other, False), (_("Jumlah biaya"), c.actual, True),
                                    (profit, c.margin, True)):
            colour = " style='color:#b00020'" if amount < 0 else ""
            cell = f"<b>{e(format_rupiah(amount))}</b>" if bold else e(format_rupiah(amount))
            out.append(f"<tr><td>{e(label)}</td><td align='right'{colour}>{cell}</td></tr>")
        out.append("</table>")
        if v.notes:
            out.append("<p>" + e(v.notes) + "</p>")
        return "".join(out)

    def _fill_billing(self, v: orders.OrderView) -> None:
        try:
            from kws_desktop.services.billing.receivables import order_billing_summary
            summary = order_billing_summary(self.panel.book, v.id)
        except ImportError:  # pragma: no cover - the billing area ships with every release
            self.billing.setRowCount(0)
            return
        rows = []
        for i in summary.invoices:  # a program's invoice covers many orders: this order's part only
            mine = [line for line in i.lines if line.order_id == v.id]
            billed, paid = sum(line.amount for line in mine), sum(line.paid for line in mine)
            note = _("batal") if i.status == "void" else (_("lunas") if i.status == "paid" else _("belum lunas"))
            if billed != i.total:
                note += " · " + _("bagian dari tagihan {total}").format(total=format_rupiah(i.total))
            rows.append([_("Tagihan"), i.number, format_date(i.date), i.payer_name, format_rupiah(billed),
                         format_rupiah(paid), note])
        rows += [[_("Kuitansi"), r.number, format_date(r.date), r.payer_name, "", format_rupiah(r.amount),
                  _("batal") if r.status == "void" else ""] for r in summary.receipts]
        rows.append([p_("baris total", "Jumlah"), "", "", "", format_rupiah(summary.invoiced), format_rupiah(summary.paid),
                     _("sisa {amount}").format(amount=format_rupiah(summary.outstanding))])
        _fill(self.billing, [_("Jenis"), _("Nomor"), _("Tanggal"), _("Pembayar"), _("Ditagih"),
                             _("Dibayar"), _("Keterangan")], rows, {4, 5})

    def _fill_photos(self, v: orders.OrderView) -> None:
        from kws_desktop.services.jobs.photos import order_photos
        self.photos.clear()
        for p in order_photos(self.panel.book, v.id):
            image = QImage.fromData(p.thumbnail)
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)),
                                   f"{p.stage_pct}% · {format_date(p.date)}\n{p.caption}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(p.caption)
            self.photos.addItem(item)

    def _show_photo(self, item: QListWidgetItem) -> None:
        from kws_desktop.services.jobs.photos import photo_image
        data = photo_image(self.panel.book, item.data(Qt.ItemDataRole.UserRole))
        dialog = QDialog(self)
        dialog.setWindowTitle(item.text().split("\n")[0])
        lay = QVBoxLayout(dialog)
        label = QLabel()
        pix = QPixmap.fromImage(QImage.fromData(data))
        label.setPixmap(pix.scaled(QSize(1000, 700), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation))
        lay.addWidget(label)
        dialog.exec()


# --- the panel --------------------------------------------------------------------------------

class OrdersPanel(Page):
    """The order list with filters and totals above, the selected order's story below."""

    area = AREA
    watches = ("penawaran", "tagihan", "bahan", "anggota", "pelanggan")

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
        for w in (self.search,):
            bar.addWidget(w, 2)
        for w in (self.stage, self.kecamatan, self.desa, self.payer, self.use_period, self.start,
                  QLabel(_("s.d.")), self.end):
            bar.addWidget(w)
        lay.addLayout(bar)

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
        header.setStretchLastSection(False)
        for col, width in ((0, 120), (1, 90), (2, 130), (4, 110), (5, 100), (6, 190), (7, 110), (8, 110),
                           (9, 110)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        tl.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tl.addWidget(self.totals)
        split.addWidget(top)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (("stage", _("Ubah tahap..."), self.change_stage),
                                ("crew", _("Tambah tukang..."), self.add_crew),
                                ("issue", _("Pakai bahan..."), self.issue_material),
                                ("return", _("Bahan kembali..."), self.return_material),
                                ("cost", _("Tambah biaya..."), self.add_cost),
                                ("photo", _("Tambah foto..."), self.add_photo),
                                ("bast", _("Cetak BAST..."), self.print_handover),
                                ("void", _("Batalkan baris..."), self.void_line),
                                ("tfl", _("Fasilitator..."), self.set_facilitator),
                                ("cancel", _("Batalkan pesanan..."), self.cancel_order)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.actions[key] = b
        buttons.addStretch(1)
        bl.addLayout(buttons)
        self.detail = OrderView(self)
        bl.addWidget(self.detail, 1)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 4)
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
            self.actions["void"].setEnabled(True)
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
        if ok and self.call(lambda: orders.update_order_details(self.book, v.id, facilitator_name=name),
                            changed=AREA) is not None:
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
        if line.status == "void":
            return
        reason, ok = QInputDialog.getText(self, _("Batalkan baris"), _("Alasan pembatalan:"))
        if ok and self.call(lambda: void(self.book, line.id, reason), changed=AREA) is not None:
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

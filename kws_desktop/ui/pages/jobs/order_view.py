"""One order's whole story beside the list: stages, crew, materials, costs, photos, invoices and
payments, with the buttons that record the next step."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QLabel, QListWidget, QListWidgetItem,
                               QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout,
                               QWidget)

from kws_desktop.core.status import DocStatus
from kws_desktop.core.job_costing import STAGE_LABELS, Stage
from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.i18n import _, format_date, format_percent, format_quantity, format_ratio, format_rupiah, p_
from kws_desktop.services.jobs import orders
from kws_desktop.ui.kit.widgets import RIGHT, void_receipt_note

if TYPE_CHECKING:
    from kws_desktop.ui.pages.jobs.order_list import OrdersPanel


WARN_STYLE = "color: #b00020; font-weight: bold;"


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
                _("batal: {reason}").format(reason=r.void_reason) if r.status == DocStatus.VOID else _("tercatat")]
               for r in view.crew], {3, 4, 5})
        _fill(self.materials, [_("Bahan"), _("Banyaknya"), _("Satuan"), _("Nilai"), _("Dari")],
              [[m.name, format_quantity(m.qty), m.unit, format_rupiah(m.value),
                _("gudang") if m.source == "stock" else _("dibeli langsung")] for m in view.materials], {1, 3})
        _fill(self.costs, [_("Tanggal"), _("Jenis"), _("Keterangan"), _("Jumlah"), _("Dibayar"), _("Status")],
              [[format_date(r.date), r.kind_label, r.description, format_rupiah(r.amount),
                _(orders.METHOD_LABELS.get(r.method, r.method)),
                _("batal: {reason}").format(reason=r.void_reason) if r.status == DocStatus.VOID else _("tercatat")]
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
                  else _("Laba ({percent})").format(percent=format_ratio(c.margin_ratio)))
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
            note = _("batal") if i.status == DocStatus.VOID else (_("lunas") if i.status == "paid" else _("belum lunas"))
            if billed != i.total:
                note += " · " + _("bagian dari tagihan {total}").format(total=format_rupiah(i.total))
            rows.append([_("Tagihan"), i.number, format_date(i.date), i.payer_name, format_rupiah(billed),
                         format_rupiah(paid), note])
        rows += [[_("Kuitansi"), r.number, format_date(r.date), r.payer_name, "",
                  "" if r.status == DocStatus.VOID else format_rupiah(r.amount),
                  void_receipt_note(r.amount, r.void_reason) if r.status == DocStatus.VOID else ""]
                 for r in summary.receipts]
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
                                   f"{format_percent(p.stage_pct)} · {format_date(p.date)}\n{p.caption}")
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

"""The complaints and service visits tab, with the forms to report, visit and resolve."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, NP_, _, p_
from kws_desktop.services.evaluation import service_visits
from kws_desktop.ui.kit.forms import DateEdit, MoneyEdit, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import add_buttons, selected_row, table_view
from kws_desktop.ui.pages.evaluation.forms import EvaluationDialog, combo


class ComplaintDialog(EvaluationDialog):
    def __init__(self, page: Page):
        super().__init__(page, _("Keluhan baru"))
        e = self.errors
        self.document = e.add("order_id", _("Nomor pesanan"), QLineEdit())
        self.document.setPlaceholderText("PSN-2026-0001")
        self.date = e.add("date_reported", _("Tanggal dilaporkan"), DateEdit())
        self.problem = e.add("problem", _("Masalah"), QLineEdit())
        self.reported_by = e.add("reported_by", _("Dilaporkan oleh"), QLineEdit())
        self.finish()

    def save(self) -> None:
        def action():
            from kws_desktop.services.jobs import orders
            number = self.document.text().strip().upper()
            if not number:
                raise UserError(_("Isi nomor pesanan."), field="order_id")
            order = orders.find_order(self.page.book, number)
            return service_visits.report_complaint(self.page.book, service_visits.ComplaintInput(
                order.id, self.date.value(), self.problem.text(), self.reported_by.text()))
        self.attempt(action)


class VisitDialog(EvaluationDialog):
    def __init__(self, page: Page, complaint: dict):
        super().__init__(page, _("Kunjungan layanan: {number}").format(number=complaint["order"]))
        self.complaint_id = complaint["id"]
        e = self.errors
        self.form.addRow(_("Keluhan"), QLabel(complaint["problem"]))
        self.date = e.add("date", _("Tanggal kunjungan"), DateEdit())
        self.fix = e.add("fix", _("Perbaikan yang dilakukan"), QLineEdit())
        self.cost = e.add("cost", _("Biaya ditanggung KWS (Rp)"), MoneyEdit())
        self.method = e.add("method", p_("cara bayar", "Dibayar"), combo(service_visits.METHOD_LABELS))
        self.by = e.add("visited_by", _("Petugas"), QLineEdit())
        self.resolve = QCheckBox(_("Keluhan selesai pada tanggal ini"))
        self.form.addRow("", self.resolve)
        self.finish()

    def save(self) -> None:
        self.attempt(lambda: service_visits.add_visit(self.page.book, self.complaint_id, service_visits.VisitInput(
            self.date.value(), self.fix.text(), self.cost.value(), self.method.currentData(), self.by.text()),
            resolve=self.resolve.isChecked()))


class ResolveDialog(EvaluationDialog):
    def __init__(self, page: Page, complaint: dict):
        super().__init__(page, _("Keluhan selesai"))
        self.complaint_id = complaint["id"]
        self.form.addRow(_("Keluhan"), QLabel(complaint["problem"]))
        self.date = self.errors.add("date_resolved", _("Tanggal selesai"), DateEdit())
        self.resolution = self.errors.add("resolution", _("Cara penyelesaian"), QLineEdit())
        self.finish()

    def save(self) -> None:
        self.attempt(lambda: service_visits.resolve_complaint(self.page.book, self.complaint_id, self.date.value(),
                                                  self.resolution.text()))


COMPLAINT_COLUMNS = [Column("date", N_("Dilaporkan"), "date", False), Column("order", N_("Pesanan"), sortable=False),
                     Column("customer", N_("Rumah tangga"), sortable=False),
                     Column("problem", N_("Masalah"), sortable=False), Column("status", N_("Status"), sortable=False),
                     Column("resolved", NP_("status keluhan", "Selesai"), "date", False), Column("days", N_("Hari"), "int", False),
                     Column("warranty", N_("Garansi"), "bool", False), Column("cost", N_("Biaya"), "money", False)]


def complaint_dict(r: service_visits.ComplaintRow) -> dict:
    return {"id": r.id, "date": r.date_reported, "order": r.order_number, "customer": r.customer_name,
            "problem": r.problem, "status": r.status_label, "resolved": r.date_resolved,
            "days": r.days_to_resolve, "warranty": r.under_warranty, "cost": r.cost,
            "open": r.status == "open", "_bold": r.status == "open"}


class ComplaintsTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.status = combo(service_visits.STATUS_LABELS, _("Semua keluhan"))
        self.status.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.status)
        bar.addStretch(1)
        add_buttons(bar, ((_("Keluhan baru"), self.new), (_("Catat kunjungan"), self.visit),
                          (_("Tandai selesai"), self.resolve)))
        lay.addLayout(bar)
        self.model = PagedTableModel(COMPLAINT_COLUMNS)
        self.view = table_view(self.model)
        lay.addWidget(self.view)

    def refresh(self) -> None:
        status = self.status.currentData()
        self.model.set_fetch(lambda off, lim, _k, _d: [complaint_dict(r) for r in service_visits.list_complaints(
            self.page.book, status=status, offset=off, limit=lim)])

    def new(self) -> None:
        if ComplaintDialog(self.page).exec():
            self.refresh()

    def _selected_open(self) -> dict | None:
        r = selected_row(self.view)
        if r is None:
            show_error(self, _("Pilih dulu keluhannya di daftar."))
            return None
        if not r["open"]:
            show_error(self, _("Keluhan ini sudah selesai."))
            return None
        return r

    def visit(self) -> None:
        r = self._selected_open()
        if r is not None and VisitDialog(self.page, r).exec():
            self.refresh()

    def resolve(self) -> None:
        r = self._selected_open()
        if r is not None and ResolveDialog(self.page, r).exec():
            self.refresh()

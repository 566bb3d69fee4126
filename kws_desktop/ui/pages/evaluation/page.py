"""Kinerja & Kemitraan: site surveys, the handover checklist, complaints and service visits,
partners and agreements, trainings, and the performance summary (Laporan Kinerja KWS)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout,
                               QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, NP_, _, format_date, format_quantity, format_rupiah, p_
from kws_desktop.services.evaluation import partners
from kws_desktop.services.jobs import quality
from kws_desktop.services.evaluation import service_visits
from kws_desktop.services.evaluation import surveys
from kws_desktop.services.evaluation import trainings
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import add_buttons, dialog_buttons, period_row, search_box, selected_row, table_view

AREA = "kinerja"
WARN_STYLE = "color: #8a5a00; background: #fff4d6; padding: 4px;"
OK_STYLE = "color: #1f5f3a; background: #e5f4ea; padding: 4px;"


def combo(items: dict[str, str], everything: str | None = None) -> QComboBox:
    """A choice among `items` (code -> label); `everything` first, meaning no filter, when given."""
    box = QComboBox()
    if everything is not None:
        box.addItem(everything, None)
    for code, label in items.items():
        box.addItem(_(label), code)
    return box


def _find_document(book, number: str) -> tuple[int | None, int | None]:
    """(order id, quote id) of a PSN-/SPH- number typed by the user."""
    from kws_desktop.services.jobs import orders
    from kws_desktop.services.sales import quotes
    number = number.strip().upper()
    if not number:
        raise UserError(_("Isi nomor pesanan (PSN-...) atau penawaran (SPH-...)."), field="document")
    if number.startswith("SPH"):
        return None, quotes.find_quote(book, number).id
    return orders.find_order(book, number).id, None


class _Dialog(QDialog):
    def __init__(self, page: Page, title: str):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.form = QFormLayout(self)
        self.errors = FormErrors(self.form)

    def finish(self) -> None:
        self.form.addRow(self.errors.general)
        self.form.addRow(dialog_buttons(self, self.save))

    def attempt(self, action) -> None:
        if self.page.call(action, changed=AREA, errors=self.errors) is not None:
            self.accept()


# --- surveys --------------------------------------------------------------------------------

class SurveyDialog(_Dialog):
    def __init__(self, page: Page, row: surveys.SurveyRow | None = None):
        super().__init__(page, _("Ubah survei lokasi") if row else _("Survei lokasi baru"))
        self.row = row
        e = self.errors
        self.document = e.add("document", _("Nomor pesanan / penawaran"), QLineEdit())
        self.document.setPlaceholderText("PSN-2026-0001 / SPH-2026-0001")
        self.date = e.add("date", _("Tanggal survei"), DateEdit())
        self.persons = e.add("household_size", _("Jumlah penghuni (jiwa)"), QLineEdit())
        self.source = e.add("water_source", _("Sumber air"), combo(surveys.WATER_SOURCES))
        self.distance = e.add("well_distance_m", _("Jarak sumur ke tangki (m)"), QLineEdit())
        self.distance.setPlaceholderText(_("kosongkan bila tidak ada sumur"))
        self.depth = e.add("groundwater_depth_m", _("Kedalaman air tanah musim hujan (m)"), QLineEdit())
        self.soil = e.add("soil_notes", _("Catatan tanah"), QLineEdit())
        self.groundwater = e.add("groundwater_notes", _("Catatan air tanah"), QLineEdit())
        self.truck = e.add("truck_access", _("Akses truk sedot tinja"), combo(surveys.TRUCK_ACCESS))
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setMinimumHeight(150)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.form.addRow(_("Saran SNI 2398:2017"), self.advice)
        self.chosen = e.add("chosen_volume_m3", _("Volume tangki dipilih (m³)"), QLineEdit())
        self.chosen.setPlaceholderText(_("kosongkan untuk mengikuti saran"))
        self.reason = e.add("override_reason", _("Alasan bila lebih kecil dari saran"), QLineEdit())
        self.surveyor = e.add("surveyor_name", _("Nama petugas survei"), QLineEdit())
        for w in (self.persons, self.distance, self.depth):
            w.textChanged.connect(self.update_advice)
        self.source.currentIndexChanged.connect(self.update_advice)
        if row is not None:
            self.document.setText(row.document_number)
            self.document.setEnabled(False)
            self.date.set_value(row.date)
            self.persons.setText(str(row.household_size))
            self.source.setCurrentIndex(max(0, self.source.findData(row.water_source)))
            self.distance.setText(format_quantity(row.well_distance_m) if row.well_distance_m is not None else "")
            self.depth.setText(format_quantity(row.groundwater_depth_m) if row.groundwater_depth_m is not None else "")
            self.soil.setText(row.soil_notes)
            self.groundwater.setText(row.groundwater_notes)
            self.truck.setCurrentIndex(max(0, self.truck.findData(row.truck_access)))
            if row.chosen_volume_m3 != row.advised_volume_m3:
                self.chosen.setText(format_quantity(row.chosen_volume_m3))
            self.reason.setText(row.override_reason)
            self.surveyor.setText(row.surveyor_name)
        self.update_advice()
        self.finish()

    def update_advice(self) -> None:
        if not self.persons.text().strip():
            self.advice.setText(_("Isi jumlah penghuni untuk melihat saran ukuran tangki."))
            self.advice.setStyleSheet("")
            return
        try:
            a = surveys.advise(self.persons.text().strip(), self.source.currentData(), self.distance.text(),
                          self.depth.text())
        except UserError as exc:
            self.advice.setText(exc.message)
            self.advice.setStyleSheet(WARN_STYLE)
            return
        text = _("Tangki minimal {dims}, dikuras tiap {n} tahun.").format(
            dims=a.dimensions_text, n=a.tank.desludge_years)
        self.advice.setText("\n".join([text, *a.warnings]))
        self.advice.setStyleSheet(WARN_STYLE if a.warnings else OK_STYLE)

    def save(self) -> None:
        def action():
            if self.row is not None:
                order_id, quote_id = self.row.order_id, self.row.quote_id
            else:
                order_id, quote_id = _find_document(self.page.book, self.document.text())
            data = surveys.SurveyInput(
                date=self.date.value(), order_id=order_id, quote_id=quote_id,
                household_size=self.persons.text().strip() or 0, water_source=self.source.currentData(),
                well_distance_m=self.distance.text(), groundwater_depth_m=self.depth.text(),
                soil_notes=self.soil.text(), groundwater_notes=self.groundwater.text(),
                truck_access=self.truck.currentData(), chosen_volume_m3=self.chosen.text(),
                override_reason=self.reason.text(), surveyor_name=self.surveyor.text())
            return surveys.save_survey(self.page.book, data, self.row.id if self.row else None)
        self.attempt(action)


SURVEY_COLUMNS = [Column("date", N_("Tanggal"), "date", False), Column("doc", N_("Pesanan/penawaran"), sortable=False),
                  Column("customer", N_("Rumah tangga"), sortable=False),
                  Column("persons", N_("Jiwa"), "int", False), Column("source", N_("Sumber air"), sortable=False),
                  Column("distance", N_("Jarak sumur (m)"), "qty", False),
                  Column("advised", N_("Saran (m³)"), "qty", False), Column("chosen", N_("Dipilih (m³)"), "qty", False),
                  Column("warning", N_("Peringatan"), sortable=False)]


def survey_dict(r: surveys.SurveyRow) -> dict:
    return {"id": r.id, "row": r, "date": r.date, "doc": r.document_number, "customer": r.customer_name,
            "persons": r.household_size, "source": r.water_source_label, "distance": r.well_distance_m,
            "advised": r.advised_volume_m3, "chosen": r.chosen_volume_m3,
            "warning": _("sumur < 10 m") if r.distance_warning else "", "_bold": r.distance_warning}


class SurveysTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.only_warnings = QCheckBox(_("Hanya yang sumurnya terlalu dekat"))
        self.only_warnings.toggled.connect(self.refresh)
        new = QPushButton(_("Survei baru"))
        new.clicked.connect(lambda: self.open(None))
        edit = QPushButton(_("Ubah"))
        edit.clicked.connect(self.edit)
        bar.addWidget(self.only_warnings)
        bar.addStretch(1)
        bar.addWidget(new)
        bar.addWidget(edit)
        lay.addLayout(bar)
        self.model = PagedTableModel(SURVEY_COLUMNS)
        self.view = table_view(self.model)
        self.view.doubleClicked.connect(self.edit)
        lay.addWidget(self.view)

    def refresh(self) -> None:
        warn = self.only_warnings.isChecked()
        self.model.set_fetch(lambda off, lim, _k, _d: [survey_dict(r) for r in surveys.list_surveys(
            self.page.book, offset=off, limit=lim, warnings_only=warn)])

    def open(self, row) -> None:
        if SurveyDialog(self.page, row).exec():
            self.refresh()

    def edit(self) -> None:
        r = selected_row(self.view)
        if r is not None:
            self.open(r["row"])


# --- quality checklist and satisfaction -------------------------------------------------------

class QualityTab(QWidget):
    STATES = ((None, N_("Belum diperiksa")), (True, N_("Lulus")), (False, N_("Gagal")))

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.order_id: int | None = None
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setPlaceholderText("PSN-2026-0001")
        self.number.returnPressed.connect(self.load)
        load = QPushButton(_("Buka"))
        load.clicked.connect(self.load)
        bar.addWidget(QLabel(_("Nomor pesanan")))
        bar.addWidget(self.number)
        bar.addWidget(load)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.title = QLabel(_("Ketik nomor pesanan yang akan diserahterimakan, lalu tekan Buka."))
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        grid = QGridLayout()
        for col, text in enumerate((_("Pemeriksaan"), _("Hasil"), _("Catatan"), _("Diterima karena (bila gagal)"))):
            head = QLabel(text)
            head.setStyleSheet("font-weight: bold;")
            grid.addWidget(head, 0, col)
        self.rows: dict[str, tuple[QComboBox, QLineEdit, QLineEdit]] = {}
        for i, (code, label) in enumerate(quality.CHECKS.items(), start=1):
            name = QLabel(_(label))
            name.setWordWrap(True)
            state = QComboBox()
            for value, text in self.STATES:
                state.addItem(_(text), value)
            note, reason = QLineEdit(), QLineEdit()
            grid.addWidget(name, i, 0)
            grid.addWidget(state, i, 1)
            grid.addWidget(note, i, 2)
            grid.addWidget(reason, i, 3)
            self.rows[code] = (state, note, reason)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        lay.addLayout(grid)
        form = QFormLayout()
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal pemeriksaan"), DateEdit())
        self.checked_by = self.errors.add("checked_by", _("Diperiksa oleh"), QLineEdit())
        form.addRow(self.errors.general)
        lay.addLayout(form)
        save = QPushButton(_("Simpan pemeriksaan"))
        save.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(save, alignment=Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.status)
        sat = QHBoxLayout()
        self.score = QComboBox()
        self.score.addItem(_("- pilih -"), 0)
        for value in range(5, 0, -1):
            self.score.addItem(f"{value} - {_(quality.SCORES[value])}", value)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(_("Komentar pelanggan"))
        save_score = QPushButton(_("Simpan nilai kepuasan"))
        save_score.clicked.connect(self.save_score)
        sat.addWidget(QLabel(_("Kepuasan pelanggan saat serah terima")))
        sat.addWidget(self.score)
        sat.addWidget(self.comment, 1)
        sat.addWidget(save_score)
        lay.addLayout(sat)
        lay.addStretch(1)

    def refresh(self) -> None:
        if self.order_id is not None:
            self.show_view(quality.get_checklist(self.page.book, self.order_id))

    def load(self) -> None:
        from kws_desktop.services.jobs import orders
        try:
            order = orders.find_order(self.page.book, self.number.text().strip().upper())
        except UserError as exc:
            show_error(self, exc, _("Pesanan tidak ditemukan"))
            return
        self.order_id = order.id
        self.refresh()

    def show_view(self, v: quality.ChecklistView) -> None:
        self.title.setText(_("Pesanan {number}: {name}").format(number=v.order_number, name=v.customer_name))
        for r in v.rows:
            state, note, reason = self.rows[r.code]
            state.setCurrentIndex(0 if not r.recorded else (1 if r.passed else 2))
            note.setText(r.note)
            reason.setText(r.accepted_reason)
        self.score.setCurrentIndex(max(0, self.score.findData(v.satisfaction or 0)))
        self.comment.setText(v.satisfaction_comment)
        if v.blocking:
            self.status.setText(_("Belum boleh diserahterimakan: {n} pemeriksaan gagal tanpa alasan diterima.")
                                .format(n=len(v.blocking)))
            self.status.setStyleSheet(WARN_STYLE)
        elif v.all_passed:
            self.status.setText(_("Semua pemeriksaan lulus."))
            self.status.setStyleSheet(OK_STYLE)
        else:
            self.status.setText(_("Tidak ada pemeriksaan gagal yang menghalangi serah terima."))
            self.status.setStyleSheet("")

    def save(self) -> None:
        if self.order_id is None:
            show_error(self, _("Buka dulu pesanannya."))
            return
        checks = []
        for code, (state, note, reason) in self.rows.items():
            if state.currentData() is None:
                continue
            checks.append(quality.CheckInput(code, bool(state.currentData()), note.text(), reason.text()))
        view = self.page.call(lambda: quality.record_checks(self.page.book, self.order_id, self.date.value(), checks,
                                                       checked_by=self.checked_by.text()),
                              changed=AREA, errors=self.errors)
        if view is not None:
            self.show_view(view)

    def save_score(self) -> None:
        if self.order_id is None:
            show_error(self, _("Buka dulu pesanannya."))
            return
        view = self.page.call(lambda: quality.record_satisfaction(self.page.book, self.order_id, self.score.currentData(),
                                                             self.date.value(), self.comment.text()), changed=AREA)
        if view is not None:
            self.show_view(view)


# --- complaints and service visits --------------------------------------------------------------

class ComplaintDialog(_Dialog):
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


class VisitDialog(_Dialog):
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


class ResolveDialog(_Dialog):
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


# --- partners and agreements ---------------------------------------------------------------------

class PartnerDialog(_Dialog):
    def __init__(self, page: Page, row: partners.PartnerRow | None = None):
        super().__init__(page, _("Ubah mitra") if row else _("Mitra baru"))
        self.row = row
        e = self.errors
        self.name = e.add("name", _("Nama mitra"), QLineEdit(row.name if row else ""))
        self.kind = e.add("kind", _("Jenis"), combo(partners.KINDS))
        self.contact = e.add("contact_person", _("Orang yang dihubungi"), QLineEdit(row.contact_person if row else ""))
        self.phone = e.add("phone", _("Telepon/WA"), QLineEdit(row.phone if row else ""))
        self.address = e.add("address", _("Alamat"), QLineEdit(row.address if row else ""))
        self.payer = e.add("customer_id", _("Sebagai pembayar (lembaga)"), QComboBox())
        self.supplier = e.add("supplier_id", _("Sebagai pemasok"), QComboBox())
        self.active = QCheckBox(_("Masih bermitra"))
        self.active.setChecked(row.active if row else True)
        self.form.addRow("", self.active)
        from kws_desktop.services.sales import customers
        from kws_desktop.services.purchasing import suppliers
        self.payer.addItem(_("- tidak -"), None)
        for c in customers.institutions(page.book):
            self.payer.addItem(c.name, c.id)
        self.supplier.addItem(_("- tidak -"), None)
        for s in suppliers.list_suppliers(page.book):
            self.supplier.addItem(s.name, s.id)
        if row is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
            self.payer.setCurrentIndex(max(0, self.payer.findData(row.customer_id)))
            self.supplier.setCurrentIndex(max(0, self.supplier.findData(row.supplier_id)))
        self.finish()

    def save(self) -> None:
        self.attempt(lambda: partners.save_partner(self.page.book, partners.PartnerInput(
            self.name.text(), self.kind.currentData(), self.contact.text(), self.phone.text(), self.address.text(),
            self.payer.currentData(), self.supplier.currentData(), active=self.active.isChecked(),
            since=self.row.since if self.row else None, notes=self.row.notes if self.row else ""),
            self.row.id if self.row else None))


class AgreementDialog(_Dialog):
    def __init__(self, page: Page, partner: partners.PartnerRow):
        super().__init__(page, _("Perjanjian baru dengan {name}").format(name=partner.name))
        self.partner = partner
        e = self.errors
        self.kind = e.add("kind", _("Jenis"), combo(partners.AGREEMENT_KINDS))
        self.number = e.add("number", _("Nomor"), QLineEdit())
        self.title_edit = e.add("title", _("Perihal"), QLineEdit())
        self.start = e.add("start_date", _("Mulai"), DateEdit())
        self.has_end = QCheckBox(_("Ada tanggal berakhir"))
        self.has_end.setChecked(True)
        self.form.addRow("", self.has_end)
        self.end = e.add("end_date", _("Berakhir"), DateEdit(value=dt.date.today() + dt.timedelta(days=364)))
        self.has_end.toggled.connect(self.end.setEnabled)
        self.value = e.add("value", _("Nilai (Rp)"), MoneyEdit())
        self.units = e.add("units", _("Jumlah unit (bila ada)"), QLineEdit())
        self.finish()

    def save(self) -> None:
        def action():
            units = self.units.text().strip()
            if units and not units.isdigit():
                raise UserError(_("Jumlah unit harus angka 0 atau lebih."), field="units")
            return partners.save_agreement(self.page.book, partners.AgreementInput(
                self.partner.id, self.title_edit.text(), self.start.value(),
                self.end.value() if self.has_end.isChecked() else None, self.kind.currentData(),
                self.number.text(), self.value.value(), int(units) if units else None))
        self.attempt(action)


PARTNER_COLUMNS = [Column("name", N_("Mitra"), sortable=False), Column("kind", N_("Jenis"), sortable=False),
                   Column("contact", N_("Kontak"), sortable=False),
                   Column("agreements", N_("Perjanjian"), "int", False),
                   Column("value", N_("Nilai perjanjian"), "money", False)]


class PartnersTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = search_box(_("Cari nama mitra"), self.refresh)
        bar.addWidget(self.search, 1)
        add_buttons(bar, ((_("Mitra baru"), self.new), (_("Ubah"), self.edit),
                          (_("Perjanjian baru"), self.agreement)))
        lay.addLayout(bar)
        self.model = PagedTableModel(PARTNER_COLUMNS)
        self.view = table_view(self.model)
        self.view.clicked.connect(self.show_detail)
        lay.addWidget(self.view, 2)
        self.detail = QLabel(_("Pilih mitra untuk melihat perjanjian dan yang sudah dikerjakan bersama."))
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMargin(6)
        lay.addWidget(self.detail, 1)

    def refresh(self) -> None:
        search = self.search.text()
        self.model.set_fetch(lambda off, lim, _k, _d: [
            {"id": r.id, "row": r, "name": r.name, "kind": r.kind_label, "contact": r.contact_person,
             "agreements": r.agreements, "value": r.agreements_value, "_muted": not r.active}
            for r in partners.list_partners(self.page.book, search=search, offset=off, limit=lim)])

    def show_detail(self) -> None:
        r = selected_row(self.view)
        if r is None:
            return
        v = partners.get_partner(self.page.book, r["id"])
        lines = [v.partner.name + " (" + v.partner.kind_label + ")"]
        f = v.flow
        lines.append(_("Unit yang dibiayai: {n} (bagian mitra {amount}); uang diterima: {received}; "
                       "pembelian: {bought}").format(n=f.units, amount=format_rupiah(f.units_amount),
                                                    received=format_rupiah(f.received),
                                                    bought=format_rupiah(f.purchased)))
        for a in v.agreements:
            end = format_date(a.end_date) if a.end_date else _("tanpa batas")
            lines.append(f"• {a.kind.upper()} {a.number}: {a.title} — {format_date(a.start_date)} s.d. {end}, "
                         f"{format_rupiah(a.value)}")
        if not v.agreements:
            lines.append(_("Belum ada perjanjian tercatat."))
        self.detail.setText("\n".join(lines))

    def new(self) -> None:
        if PartnerDialog(self.page).exec():
            self.refresh()

    def edit(self) -> None:
        r = selected_row(self.view)
        if r is not None and PartnerDialog(self.page, r["row"]).exec():
            self.refresh()

    def agreement(self) -> None:
        r = selected_row(self.view)
        if r is None:
            show_error(self, _("Pilih dulu mitranya di daftar."))
            return
        if AgreementDialog(self.page, r["row"]).exec():
            self.refresh()


# --- trainings ---------------------------------------------------------------------------

class TrainingDialog(_Dialog):
    def __init__(self, page: Page):
        super().__init__(page, _("Catat pelatihan"))
        from kws_desktop.services.people import members
        e = self.errors
        self.member = e.add("member_id", _("Anggota"), QComboBox())
        for m in members.list_members(page.book, limit=1000):
            self.member.addItem(m.name, m.id)
        self.topic = e.add("topic", _("Topik"), combo(trainings.TOPICS))
        self.title_edit = e.add("title", _("Judul pelatihan"), QLineEdit())
        self.organiser = e.add("organiser", _("Penyelenggara"), QLineEdit())
        self.start = e.add("start_date", _("Mulai"), DateEdit())
        self.end = e.add("end_date", p_("tanggal akhir", "Selesai"), DateEdit())
        self.start.dateChanged.connect(lambda d: self.end.setDate(d) if self.end.date() < d else None)
        self.certificate = QCheckBox(_("Mendapat sertifikat"))
        self.form.addRow("", self.certificate)
        self.cert_number = e.add("certificate_number", _("Nomor sertifikat"), QLineEdit())
        self.finish()

    def save(self) -> None:
        self.attempt(lambda: trainings.save_training(self.page.book, trainings.TrainingInput(
            self.member.currentData(), self.topic.currentData(), self.start.value(), self.end.value(),
            self.title_edit.text(), self.organiser.text(), certificate=self.certificate.isChecked(),
            certificate_number=self.cert_number.text())))


TRAINING_COLUMNS = [Column("start", N_("Tanggal"), "date", False), Column("member", N_("Anggota"), sortable=False),
                    Column("gender", N_("L/P"), sortable=False), Column("topic", N_("Topik"), sortable=False),
                    Column("title", N_("Judul"), sortable=False), Column("organiser", N_("Penyelenggara"), sortable=False),
                    Column("days", N_("Hari"), "int", False), Column("cert", N_("Sertifikat"), "bool", False)]


class TrainingsTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.topic = combo(trainings.TOPICS, _("Semua topik"))
        self.topic.currentIndexChanged.connect(self.refresh)
        new = QPushButton(_("Catat pelatihan"))
        new.clicked.connect(self.new)
        bar.addWidget(self.topic)
        bar.addStretch(1)
        bar.addWidget(new)
        lay.addLayout(bar)
        self.model = PagedTableModel(TRAINING_COLUMNS)
        self.view = table_view(self.model)
        lay.addWidget(self.view)

    def refresh(self) -> None:
        topic = self.topic.currentData()
        self.model.set_fetch(lambda off, lim, _k, _d: [
            {"id": r.id, "start": r.start_date, "member": r.member_name, "gender": r.gender, "topic": r.topic_label,
             "title": r.title, "organiser": r.organiser, "days": r.days, "cert": r.certificate}
            for r in trainings.list_trainings(self.page.book, topic=topic, offset=off, limit=lim)])

    def new(self) -> None:
        if TrainingDialog(self.page).exec():
            self.refresh()


# --- performance summary ---------------------------------------------------------------------

class SummaryTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar, self.start, self.end = period_row(label=_("Dari"), between=_("sampai"))
        show = QPushButton(_("Tampilkan"))
        show.clicked.connect(self.refresh)
        save = QPushButton(_("Simpan laporan (PDF/XLSX/CSV)"))
        save.clicked.connect(self.save)
        preview = QPushButton(_("Pratinjau dan cetak…"))
        preview.setToolTip(_("Lihat Laporan Kinerja KWS seperti di kertas, lalu cetak."))
        preview.clicked.connect(self.print_preview)
        bar.addWidget(show)
        bar.addStretch(1)
        bar.addWidget(preview)
        bar.addWidget(save)
        lay.addLayout(bar)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        lay.addLayout(self.grid)
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def refresh(self) -> None:
        """The figures are computed in the background ("Menghitung…" meanwhile); an answer to
        an older request (period changed, book closed) is dropped."""
        from kws_desktop.services.evaluation.performance import performance
        from kws_desktop.ui.kit.tasks import run_background
        book, start, end = self.page.book, self.start.value(), self.end.value()
        self._asked = asked = object()
        self.note.setText(_("Menghitung…"))

        def failed(exc: BaseException) -> None:
            if self._asked is asked:
                self.note.setText("")
                if not isinstance(exc, UserError):
                    raise exc
                show_error(self, exc)

        run_background(self, lambda _p: performance(book, start, end),
                       lambda p: self._show(p) if self._asked is asked else None, failed)

    def _show(self, p) -> None:
        from kws_desktop.services.evaluation.performance import tiles
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        for i, (label, value, sub) in enumerate(tiles(p)):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setStyleSheet("QFrame { background: #f6f8f9; }")
            v = QVBoxLayout(box)
            top = QLabel(label)
            top.setStyleSheet("color: #555;")
            big = QLabel(value)
            big.setStyleSheet("font-size: 20px; font-weight: bold;")
            small = QLabel(sub)
            small.setStyleSheet("color: #555;")
            small.setWordWrap(True)
            for w in (top, big, small):
                v.addWidget(w)
            self.grid.addWidget(box, i // 3, i % 3)
        self.note.setText(_("Rincian lengkap, grafik, kemitraan dan pelatihan ada di laporan "
                            "(tombol Simpan laporan)."))

    def save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Simpan Laporan Kinerja KWS"), "laporan-kinerja.pdf",
                                                    "PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)")
        if not path:
            return
        self.page.call(lambda: self.write(path))

    def write(self, path):
        from kws_desktop.documents.tabular import write_report
        from kws_desktop.services.book.books import get_profile, get_setting
        from kws_desktop.services.reports import build_report
        paper = get_setting(self.page.book, "document_paper")
        return write_report(build_report(self.page.book, "performance", self.start.value(), self.end.value()),
                            path, profile=get_profile(self.page.book), paper=paper if paper in ("A4", "F4") else "A4")

    def print_preview(self) -> None:
        from kws_desktop.ui.kit.pdf_preview import preview_document
        preview_document(self, self.write, ctx=self.page.ctx, kind="laporan_kinerja",
                         title=_("Laporan Kinerja KWS"), suggested_name="laporan-kinerja.pdf")


class EvaluationPage(TabbedPage):
    area = AREA
    watches = ("pesanan", "anggota", "tagihan", "bahan", "pelanggan")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Kinerja & Kemitraan"), parent)
        self.surveys = SurveysTab(self)
        self.quality = QualityTab(self)
        self.complaints = ComplaintsTab(self)
        self.partners = PartnersTab(self)
        self.trainings = TrainingsTab(self)
        self.summary = SummaryTab(self)
        self.add_tabs((self.summary, _("Ringkasan kinerja")), (self.surveys, _("Survei lokasi")),
                      (self.quality, _("Pemeriksaan mutu")),
                      (self.complaints, _("Keluhan & layanan").replace("&", "&&")),
                      (self.partners, _("Mitra & perjanjian").replace("&", "&&")), (self.trainings, _("Pelatihan")))

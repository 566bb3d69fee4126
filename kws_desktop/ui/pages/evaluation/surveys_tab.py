"""The site survey (survei lokasi) tab and its form."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_quantity
from kws_desktop.services.evaluation import surveys
from kws_desktop.ui.kit.forms import DateEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import selected_row, table_view
from kws_desktop.ui.pages.evaluation.forms import OK_STYLE, WARN_STYLE, EvaluationDialog, combo


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


class SurveyDialog(EvaluationDialog):
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

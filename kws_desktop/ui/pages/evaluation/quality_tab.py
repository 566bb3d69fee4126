"""The handover checklist and customer satisfaction tab."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _
from kws_desktop.services.jobs import quality
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.pages.evaluation.forms import OK_STYLE, WARN_STYLE


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
                                                       checked_by=self.checked_by.text()), errors=self.errors)
        if view is not None:
            self.show_view(view)

    def save_score(self) -> None:
        if self.order_id is None:
            show_error(self, _("Buka dulu pesanannya."))
            return
        view = self.page.call(lambda: quality.record_satisfaction(self.page.book, self.order_id, self.score.currentData(),
                                                             self.date.value(), self.comment.text()))
        if view is not None:
            self.show_view(view)

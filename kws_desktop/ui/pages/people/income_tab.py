"""The member income tab (Penghasilan anggota)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from kws_desktop.i18n import _, format_date, format_quantity, format_rupiah
from kws_desktop.services.people import member_income
from kws_desktop.services.people import members
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import add_buttons, period_row


class IncomeTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.member = QComboBox()
        top.addWidget(QLabel(_("Anggota")))
        top.addWidget(self.member, 1)
        lay.addLayout(top)
        row, self.start, self.end = period_row()
        lay.addLayout(row)
        add_buttons(row, ((_("Tampilkan"), self.show), (_("Cetak slip penghasilan"), self.print_slip)))
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Tanggal"), _("Uraian"), _("Penghasilan"), _("Diterima"),
                                              _("Potong kasbon")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)

    def refresh(self) -> None:
        current = self.member.currentData()
        self.member.clear()
        for m in members.list_members(self.page.book):
            self.member.addItem(m.name + ("" if m.active else " " + _("(keluar)")), m.id)
        if current is not None and (i := self.member.findData(current)) >= 0:
            self.member.setCurrentIndex(i)

    def show(self) -> None:
        mid = self.member.currentData()
        if mid is None:
            return
        st = self.page.call(lambda: member_income.member_statement(self.page.book, mid, self.start.value(), self.end.value()))
        if st is None:
            return
        r = st.row
        self.summary.setText(_("{days} hari kerja di {jobs} pekerjaan. Upah {wages}, bagi hasil {share}, "
                               "uang diterima {received}. Pada akhir periode: {balances}.").format(
            days=format_quantity(r.days), jobs=r.jobs, wages=format_rupiah(r.wages),
            share=format_rupiah(r.profit_share), received=format_rupiah(r.received),
            balances=members.describe_balances(st.closing)))
        self.table.setRowCount(len(st.lines))
        for i, ln in enumerate(st.lines):
            cells = (format_date(ln.date), ln.text, ln.earned, ln.received, ln.deducted)
            for c, value in enumerate(cells):
                item = QTableWidgetItem(format_rupiah(value) if isinstance(value, int) and value else
                                        ("" if isinstance(value, int) else value))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
        self.table.resizeColumnToContents(0)

    def print_slip(self) -> None:
        from kws_desktop.ui.kit.pdf_preview import preview_document
        mid = self.member.currentData()
        if mid is None:
            return
        preview_document(self, lambda path: member_income.write_member_income_slip(
            self.page.book, mid, self.start.value(), self.end.value(), path), ctx=self.page.ctx,
            kind="slip_penghasilan", title=_("Slip penghasilan anggota"), suggested_name="penghasilan-anggota.pdf")

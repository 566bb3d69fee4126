"""The profit sharing tab (Bagi hasil, SHU)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, NP_, _, format_date, format_rupiah
from kws_desktop.services.people import members
from kws_desktop.services.people import profit_sharing
from kws_desktop.ui.kit.forms import FormErrors, confirm
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.dated import ask_why, backdate_asked
from kws_desktop.ui.kit.widgets import add_buttons, period_row, selected_row, table_view
from kws_desktop.ui.pages.people.wages_tab import status_text


class SharingTab(QWidget):
    BASES = ("days", "equal", "capital")

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.preview = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FormErrors(form)
        self.group_pct = QDoubleSpinBox()
        self.group_pct.setRange(0, 100)
        self.group_pct.setDecimals(1)
        self.group_pct.setSuffix(" %")
        self.group_pct.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.group_pct.setMaximumWidth(140)
        self.errors.add("group_fund_pct", _("Bagian kas kelompok"), self.group_pct)
        self.basis = QComboBox()
        for b in self.BASES:
            self.basis.addItem(profit_sharing.basis_label(b), b)
        self.basis.setMaximumWidth(260)
        self.errors.add("basis", _("Sisanya untuk anggota, dibagi"), self.basis)
        lay.addLayout(form)
        today = dt.date.today()
        row, self.start, self.end = period_row(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
        lay.addLayout(row)
        row.addStretch(1)
        lay.addWidget(self.errors.general)
        bar = QHBoxLayout()
        add_buttons(bar, ((_("Simpan aturan"), self.save_rule), (_("Pratinjau"), self.show_preview),
                          (_("Bagikan dan tutup periode"), self.post), (_("Batalkan bagi hasil"), self.reverse)))
        bar.addStretch(1)
        lay.addLayout(bar)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        lay.addWidget(self.explain)
        self.lines = QTableWidget(0, 5)
        self.lines.setHorizontalHeaderLabels([_("Anggota"), _("Jenis kelamin"), _("Jabatan"), _("Bagian"),
                                              _("Cara menghitung")])
        self.lines.verticalHeader().hide()
        self.lines.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.lines, 2)
        lay.addWidget(QLabel(_("Bagi hasil yang sudah dibuat")))
        self.history = PagedTableModel([
            Column("number", N_("Nomor"), sortable=False), Column("period", N_("Periode"), sortable=False),
            Column("status", N_("Status"), sortable=False), Column("profit", N_("Laba"), "money", False),
            Column("group_amount", N_("Kas kelompok"), "money", False),
            Column("members_amount", NP_("jamak", "Anggota"), "money", False), Column("basis", N_("Dasar"), sortable=False)])
        self.history_view = table_view(self.history)
        lay.addWidget(self.history_view, 1)

    def refresh(self) -> None:
        rule = profit_sharing.get_rule(self.page.book)
        self.group_pct.setValue(float(rule.group_fund_pct))
        if rule.basis in self.BASES:
            self.basis.setCurrentIndex(self.BASES.index(rule.basis))
        book = self.page.book
        self.history.set_fetch(lambda off, lim, _k, _d: [
            {"number": r.number, "status": status_text(r.status), "profit": r.profit,
             "period": f"{format_date(r.period_start)} – {format_date(r.period_end)}",
             "group_amount": r.group_amount, "members_amount": r.members_amount,
             "basis": profit_sharing.basis_label(r.basis), "_muted": r.status == DocStatus.VOID}
            for r in profit_sharing.list_profit_sharings(book, offset=off, limit=lim)])

    def rule(self) -> dict:
        return {"group_fund_pct": str(round(self.group_pct.value(), 1)), "basis": self.basis.currentData()}

    def save_rule(self) -> None:
        self.page.call(lambda: profit_sharing.set_rule(self.page.book, self.rule()), errors=self.errors)

    def show_preview(self) -> bool:
        pv = self.page.call(lambda: profit_sharing.preview_profit_sharing(self.page.book, self.start.value(),
                                                              self.end.value(), self.rule()), errors=self.errors)
        self.preview = pv
        self.lines.setRowCount(0)
        if pv is None:
            self.explain.setText("")
            return False
        self.explain.setText(pv.explanation)
        self.lines.setRowCount(len(pv.lines))
        for r, ln in enumerate(pv.lines):
            for c, text in enumerate((ln.name, members.gender_label(ln.gender), members.role_label(ln.role),
                                      format_rupiah(ln.amount), ln.explanation)):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(r, c, item)
        self.lines.resizeColumnsToContents()
        return True

    def post(self) -> None:
        if not self.show_preview():
            return
        if not confirm(self, _("Bagikan laba {profit} dan tutup periode {start} s.d. {end}? Sesudah ini "
                               "tidak ada lagi yang bisa dicatat pada periode itu.").format(
                profit=format_rupiah(self.preview.profit), start=format_date(self.start.value()),
                end=format_date(self.end.value()))):
            return
        row = self.page.call(lambda: backdate_asked(self, lambda note: profit_sharing.post_profit_sharing(
            self.page.book, self.start.value(), self.end.value(), self.rule(), backdate_note=note)), errors=self.errors)
        if row is not None:
            QMessageBox.information(self, _("Bagi hasil"), _("Bagi hasil {number} dicatat; periode ditutup. "
                                                             "Bagian anggota dibayar lewat Bayar upah.").format(
                number=row.number))

    def reverse(self) -> None:
        row = selected_row(self.history_view)
        if row and (reason := ask_why(self, _("Batalkan {number} dan buka lagi periodenya").format(
                number=row["number"]), _("Alasan:"))) is not None:
            self.page.call(lambda: profit_sharing.reverse_profit_sharing(self.page.book, row["number"], reason))

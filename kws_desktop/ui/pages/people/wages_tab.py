"""The wages and kasbon tab: paying members their wages, and advances (kasbon)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, NP_, _, format_rupiah
from kws_desktop.services.people import members
from kws_desktop.services.people import wages
from kws_desktop.ui.kit.dated import ask_why, dated_asked
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import add_buttons, dialog_buttons, selected_row, table_view


class PayDialog(QDialog):
    """Pay one or many members: every member with something owed, amounts prefilled."""

    COLS = (_("Anggota"), _("Upah belum dibayar"), _("Upah dibayar"), _("Bagi hasil belum dibayar"),
            _("Bagi hasil dibayar"), _("Sisa kasbon"), _("Potong kasbon"), _("Lebih jadi kasbon"))

    def __init__(self, page: Page, owed: list[wages.OwedRow]):
        super().__init__(page)
        self.page, self.owed = page, owed
        self.result_row: wages.PayoutRow | None = None
        self.setWindowTitle(_("Bayar upah anggota"))
        self.resize(1000, 480)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal bayar"), DateEdit())
        self.method = QComboBox()
        for code, label in members.METHODS.items():
            self.method.addItem(_(label), code)
        self.errors.add("method", _("Cara bayar"), self.method)
        lay.addLayout(form)
        self.table = QTableWidget(len(owed), len(self.COLS))
        self.table.setHorizontalHeaderLabels(list(self.COLS))
        self.table.verticalHeader().hide()
        self.edits = []
        for r, row in enumerate(owed):
            b = row.balances
            self.table.setItem(r, 0, QTableWidgetItem(row.name))
            for c, value in ((1, b.wages_owed), (3, b.profit_share_owed), (5, b.advances)):
                item = QTableWidgetItem(format_rupiah(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            wages_edit, share = MoneyEdit(value=b.wages_owed), MoneyEdit(value=0)
            deduct = MoneyEdit(value=min(b.advances, b.wages_owed))
            excess = QCheckBox()
            for c, w in ((2, wages_edit), (4, share), (6, deduct), (7, excess)):
                self.table.setCellWidget(r, c, w)
            self.edits.append((row.member_id, wages_edit, share, deduct, excess))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.table, 1)
        hint = QLabel(_("Isi 0 untuk anggota yang tidak dibayar sekarang. Upah yang lebih dari hak "
                        "hanya boleh bila dicatat sebagai kasbon (centang kolom terakhir)."))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self.save, _("Bayar dan cetak slip")))

    def save(self) -> None:
        lines = [wages.PayLine(mid, wages=w.value(), profit_share=s.value(), deduct_advance=d.value(),
                           excess_as_advance=e.isChecked()) for mid, w, s, d, e in self.edits]
        self.result_row = self.page.call(lambda: dated_asked(self, lambda ok, note: wages.pay_members(
            self.page.book, date=self.date.value(), lines=lines, method=self.method.currentData(), future_ok=ok,
            backdate_note=note)), errors=self.errors)
        if self.result_row is not None:
            self.accept()


class AdvanceDialog(QDialog):
    def __init__(self, page: Page):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(_("Catat kasbon"))
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        self.member = QComboBox()
        for m in members.active_members(page.book):
            self.member.addItem(m.name, m.id)
        self.errors.add("member", _("Anggota"), self.member)
        self.amount = self.errors.add("amount", _("Jumlah"), MoneyEdit())
        self.date = self.errors.add("date", _("Tanggal"), DateEdit())
        self.method = QComboBox()
        for code, label in members.METHODS.items():
            self.method.addItem(_(label), code)
        self.errors.add("method", _("Diberikan dari"), self.method)
        self.note = self.errors.add("note", _("Keperluan"), QLineEdit())
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))

    def save(self) -> None:
        if self.page.call(lambda: dated_asked(self, lambda ok, why: wages.record_advance(
                self.page.book, self.member.currentData(), self.amount.value(), self.date.value(),
                method=self.method.currentData(), note=self.note.text(), future_ok=ok, backdate_note=why)),
                errors=self.errors) is not None:
            self.accept()


PAYOUT_COLUMNS = [Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", False),
                  Column("status", N_("Status"), sortable=False), Column("member_count", NP_("jamak", "Anggota"), "int", False),
                  Column("total_wages", N_("Upah"), "money", False),
                  Column("total_profit_share", N_("Bagi hasil"), "money", False),
                  Column("total_advance_deducted", N_("Potong kasbon"), "money", False),
                  Column("total_net", N_("Dibayar"), "money", False)]
ADVANCE_COLUMNS = [Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", False),
                   Column("status", N_("Status"), sortable=False), Column("member_name", N_("Anggota"), sortable=False),
                   Column("amount", N_("Jumlah"), "money", False), Column("note", N_("Keperluan"), sortable=False)]


def status_text(status: str) -> str:
    """How a payout's or kasbon's status reads in the lists."""
    return _("BATAL") if status == DocStatus.VOID else _("sah")


class WagesTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        bar = QHBoxLayout()
        add_buttons(bar, ((_("Bayar upah..."), self.pay), (_("Catat kasbon..."), self.advance),
                          (_("Cetak slip upah"), self.print_slips), (_("Batalkan pembayaran"), self.void_payout),
                          (_("Batalkan kasbon"), self.void_advance)))
        bar.addStretch(1)
        lay.addLayout(bar)
        lay.addWidget(QLabel(_("Pembayaran upah")))
        self.payouts = PagedTableModel(PAYOUT_COLUMNS)
        self.payout_view = table_view(self.payouts)
        lay.addWidget(self.payout_view, 2)
        lay.addWidget(QLabel(_("Kasbon")))
        self.advances = PagedTableModel(ADVANCE_COLUMNS)
        self.advance_view = table_view(self.advances)
        lay.addWidget(self.advance_view, 1)

    def refresh(self) -> None:
        book = self.page.book
        owed = wages.wages_owed(book, only_owed=True)
        wages_total = sum(r.balances.wages_owed for r in owed)
        shares = sum(r.balances.profit_share_owed for r in owed)
        kasbon = sum(r.balances.advances for r in owed)
        self.summary.setText(_("Upah belum dibayar {wages}; bagi hasil belum dibayar {shares}; kasbon "
                               "belum dipotong {kasbon} ({n} anggota).").format(
            wages=format_rupiah(wages_total), shares=format_rupiah(shares), kasbon=format_rupiah(kasbon), n=len(owed)))
        self.payouts.set_fetch(lambda off, lim, _k, _d: [
            {**p.__dict__, "status": status_text(p.status), "_muted": p.status == DocStatus.VOID} for p in wages.list_payouts(book, offset=off, limit=lim)])
        self.advances.set_fetch(lambda off, lim, _k, _d: [
            {**a.__dict__, "status": status_text(a.status), "_muted": a.status == DocStatus.VOID}
            for a in wages.list_advances(book, offset=off, limit=lim)])

    def pay(self) -> None:
        owed = [r for r in wages.wages_owed(self.page.book, only_owed=True)
                if r.balances.wages_owed or r.balances.profit_share_owed]
        if not owed:
            QMessageBox.information(self, _("Bayar upah"), _("Tidak ada upah atau bagi hasil yang belum dibayar."))
            return
        dialog = PayDialog(self.page, owed)
        if dialog.exec() and dialog.result_row is not None:
            self._preview(dialog.result_row.number)

    def advance(self) -> None:
        AdvanceDialog(self.page).exec()

    def _preview(self, number: str) -> None:
        from kws_desktop.ui.kit.pdf_preview import preview_document
        preview_document(self, lambda path: wages.write_wage_slips(self.page.book, number, path), ctx=self.page.ctx,
                         kind="slip_upah", title=_("Slip upah {number}").format(number=number),
                         suggested_name=f"slip-upah-{number}.pdf")

    def print_slips(self) -> None:
        row = selected_row(self.payout_view)
        if row:
            self._preview(row["number"])

    def void_payout(self) -> None:
        self._void(self.payout_view, wages.void_payout)

    def void_advance(self) -> None:
        self._void(self.advance_view, wages.void_advance)

    def _void(self, view, void) -> None:
        row = selected_row(view)
        if row and (reason := ask_why(self, _("Batalkan {number}").format(number=row["number"]),
                                      _("Alasan:"))) is not None:
            self.page.call(lambda: void(self.page.book, row["number"], reason))

"""The "Anggota" area: the register, wages and kasbon, profit sharing, member income, gender."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.i18n import N_, NP_, _, format_date, format_quantity, format_rupiah, p_
from kws_desktop.services.people import member_income
from kws_desktop.services.people import members
from kws_desktop.services.people import profit_sharing
from kws_desktop.services.people import wages
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, confirm
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import (add_buttons, ask_reason, dialog_buttons, period_row, search_box, selected_row,
                                    table_view)

AREA = "anggota"


# --- member form --------------------------------------------------------------------------

class MemberDialog(QDialog):
    """Register a member, or correct one (`row` given)."""

    def __init__(self, page: Page, row: members.MemberRow | None = None):
        super().__init__(page)
        self.page, self.row = page, row
        self.setWindowTitle(_("Ubah data anggota") if row else _("Anggota baru"))
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        self.name = self.errors.add("name", _("Nama"), QLineEdit(row.name if row else ""))
        self.gender = QComboBox()
        for code in members.GENDERS:
            self.gender.addItem(members.gender_label(code), code)
        if row:
            self.gender.setCurrentIndex(list(members.GENDERS).index(row.gender))
        self.errors.add("gender", _("Jenis kelamin"), self.gender)
        self.role = QComboBox()
        for code in members.ROLES:
            self.role.addItem(members.role_label(code), code)
        if row:
            self.role.setCurrentIndex(list(members.ROLES).index(row.role))
            self.role.setEnabled(False)
            self.role.setToolTip(_("Jabatan diganti dengan tombol Ganti jabatan, agar riwayatnya tersimpan."))
        self.errors.add("role", _("Jabatan"), self.role)
        self.phone = self.errors.add("phone", _("Telepon"), QLineEdit(row.phone if row else ""))
        self.address = self.errors.add("address", _("Alamat"), QLineEdit(row.address if row else ""))
        self.joined = self.errors.add("joined_on", _("Tanggal masuk"),
                                      DateEdit(value=row.joined_on if row else None))
        self.daily_wage = self.errors.add("daily_wage", _("Upah harian biasa"),
                                          MoneyEdit(value=row.daily_wage if row else 0))
        self.capital = MoneyEdit()
        self.method = QComboBox()
        for code, label in members.METHODS.items():
            self.method.addItem(_(label), code)
        if not row:
            self.errors.add("capital", _("Simpanan awal"), self.capital)
            self.errors.add("capital_method", _("Simpanan dibayar"), self.method)
        self.disability = QCheckBox(_("Penyandang disabilitas"))
        self.disability.setChecked(bool(row and row.disability))
        form.addRow("", self.disability)
        self.notes = self.errors.add("notes", _("Catatan"), QLineEdit(row.notes if row else ""))
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))

    def data(self) -> members.MemberInput:
        return members.MemberInput(name=self.name.text(), gender=self.gender.currentData(),
                             role=self.role.currentData(), phone=self.phone.text(),
                             address=self.address.text(), joined_on=self.joined.value(),
                             disability=self.disability.isChecked(), capital=self.capital.value(),
                             capital_method=self.method.currentData(), daily_wage=self.daily_wage.value(),
                             notes=self.notes.text())

    def save(self) -> None:
        if self.row:
            action = lambda: members.update_member(self.page.book, self.row.id, self.data())  # noqa: E731
        else:
            action = lambda: members.register_member(self.page.book, self.data())  # noqa: E731
        if self.page.call(action, changed=AREA, errors=self.errors) is not None:
            self.accept()


# --- tab: the register --------------------------------------------------------------------

MEMBER_COLUMNS = [Column("name", N_("Nama")), Column("gender_label", N_("Jenis kelamin")),
                  Column("role_label", N_("Jabatan")), Column("phone", N_("Telepon")),
                  Column("joined_on", N_("Masuk"), "date"), Column("left_on", N_("Keluar"), "date"),
                  Column("capital", N_("Simpanan"), "money"), Column("wages_owed", N_("Upah belum dibayar"), "money"),
                  Column("profit_share_owed", N_("Bagi hasil belum dibayar"), "money"),
                  Column("advances", N_("Kasbon"), "money")]


def _member_dict(m: members.MemberRow) -> dict:
    return {"id": m.id, "name": m.name + (" ♿" if m.disability else ""), "gender_label": m.gender_label,
            "role_label": m.role_label, "phone": m.phone, "joined_on": m.joined_on, "left_on": m.left_on,
            "capital": m.balances.capital, "wages_owed": m.balances.wages_owed,
            "profit_share_owed": m.balances.profit_share_owed, "advances": m.balances.advances,
            "_muted": not m.active, "_row": m}


class RegisterTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = search_box(_("Cari nama atau telepon"), self.refresh)
        self.only_active = QCheckBox(_("Hanya anggota aktif"))
        self.only_active.toggled.connect(self.refresh)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.only_active)
        lay.addLayout(bar)
        self.model = PagedTableModel([Column(c.key, c.title, c.kind, sortable=False) for c in MEMBER_COLUMNS])
        self.view = table_view(self.model)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.view.clicked.connect(lambda _i: self.show_detail())
        lay.addWidget(self.view, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        lay.addWidget(self.detail)
        buttons = QHBoxLayout()
        add_buttons(buttons, ((_("Anggota baru"), self.add), (_("Ubah"), self.edit),
                              (_("Ganti jabatan"), self.change_role), (_("Tambah simpanan"), self.add_capital),
                              (_("Keluar dari kelompok"), self.leave)))
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def refresh(self) -> None:
        search, active = self.search.text(), (True if self.only_active.isChecked() else None)
        self.model.set_fetch(lambda off, lim, _k, _d: [
            _member_dict(m) for m in members.list_members(self.page.book, search=search, active=active,
                                                    offset=off, limit=lim)])
        self.detail.setText(_("{n} anggota").format(n=members.count_members(self.page.book, search=search,
                                                                       active=active)))

    def current(self) -> members.MemberRow | None:
        row = selected_row(self.view)
        return row["_row"] if row else None

    def show_detail(self) -> None:
        m = self.current()
        if m is None:
            return
        spells = members.role_history(self.page.book, m.id)
        history = "; ".join(
            (_("{role} sejak {start} sampai {end}") if r.end_on else _("{role} sejak {start}")).format(
                role=r.role_label, start=format_date(r.start_on), end=format_date(r.end_on))
            for r in spells)
        text = (f"<b>{m.name}</b>: {members.describe_balances(m.balances)}.<br/>"
                + _("Riwayat jabatan: {history}").format(history=history))
        if m.left_on:
            text += "<br/>" + _("Keluar {date}: {reason}").format(date=format_date(m.left_on), reason=m.left_reason)
        self.detail.setText(text)

    def add(self) -> None:
        MemberDialog(self.page).exec()

    def edit(self) -> None:
        m = self.current()
        if m:
            MemberDialog(self.page, m).exec()

    def change_role(self) -> None:
        m = self.current()
        if m is None:
            return
        labels = [members.role_label(c) for c in members.ROLES]
        label, ok = QInputDialog.getItem(self, _("Ganti jabatan"), _("Jabatan baru untuk {name}:").format(
            name=m.name), labels, labels.index(m.role_label), False)
        if ok:
            role = list(members.ROLES)[labels.index(label)]
            self.page.call(lambda: members.change_role(self.page.book, m.id, role, dt.date.today()), changed=AREA)

    def add_capital(self) -> None:
        m = self.current()
        if m is None:
            return
        amount, ok = QInputDialog.getInt(self, _("Tambah simpanan"), _("Simpanan {name} (rupiah, tunai):").format(
            name=m.name), 0, 0, 2_000_000_000, 10_000)
        if ok:
            self.page.call(lambda: members.add_capital(self.page.book, m.id, amount, dt.date.today()), changed=AREA)

    def leave(self) -> None:
        m = self.current()
        if m is None:
            return
        reason = ask_reason(self, _("{name} keluar dari kelompok hari ini").format(name=m.name), _("Alasan:"))
        if reason is not None:
            self.page.call(lambda: members.member_leaves(self.page.book, m.id, dt.date.today(), reason), changed=AREA)


# --- tab: wages and kasbon ----------------------------------------------------------------

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
        self.result_row = self.page.call(lambda: wages.pay_members(
            self.page.book, date=self.date.value(), lines=lines, method=self.method.currentData()),
            changed=AREA, errors=self.errors)
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
        if self.page.call(lambda: wages.record_advance(
                self.page.book, self.member.currentData(), self.amount.value(), self.date.value(),
                method=self.method.currentData(), note=self.note.text()), changed=AREA,
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


def _status(status: str) -> str:
    return _("BATAL") if status == "void" else _("sah")


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
            {**p.__dict__, "status": _status(p.status), "_muted": p.status == "void"} for p in wages.list_payouts(book, offset=off, limit=lim)])
        self.advances.set_fetch(lambda off, lim, _k, _d: [
            {**a.__dict__, "status": _status(a.status), "_muted": a.status == "void"}
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
        if row and (reason := ask_reason(self, _("Batalkan {number}").format(number=row["number"]),
                                         _("Alasan:"))) is not None:
            self.page.call(lambda: void(self.page.book, row["number"], reason), changed=AREA)


# --- tab: profit sharing ------------------------------------------------------------------

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
            {"number": r.number, "status": _status(r.status), "profit": r.profit,
             "period": f"{format_date(r.period_start)} – {format_date(r.period_end)}",
             "group_amount": r.group_amount, "members_amount": r.members_amount,
             "basis": profit_sharing.basis_label(r.basis), "_muted": r.status == "void"}
            for r in profit_sharing.list_profit_sharings(book, offset=off, limit=lim)])

    def rule(self) -> dict:
        return {"group_fund_pct": str(round(self.group_pct.value(), 1)), "basis": self.basis.currentData()}

    def save_rule(self) -> None:
        self.page.call(lambda: profit_sharing.set_rule(self.page.book, self.rule()), changed=AREA, errors=self.errors)

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
        row = self.page.call(lambda: profit_sharing.post_profit_sharing(self.page.book, self.start.value(), self.end.value(),
                                                            self.rule()), changed=AREA, errors=self.errors)
        if row is not None:
            QMessageBox.information(self, _("Bagi hasil"), _("Bagi hasil {number} dicatat; periode ditutup. "
                                                             "Bagian anggota dibayar lewat Bayar upah.").format(
                number=row.number))

    def reverse(self) -> None:
        row = selected_row(self.history_view)
        if row and (reason := ask_reason(self, _("Batalkan {number} dan buka lagi periodenya").format(
                number=row["number"]), _("Alasan:"))) is not None:
            self.page.call(lambda: profit_sharing.reverse_profit_sharing(self.page.book, row["number"], reason), changed=AREA)


# --- tab: member income -------------------------------------------------------------------

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


# --- tab: gender --------------------------------------------------------------------------

class GenderTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        row, self.start, self.end = period_row()
        lay.addLayout(row)
        b = QPushButton(_("Tampilkan"))
        b.clicked.connect(self.refresh)
        row.addWidget(b)
        row.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Perempuan"), _("Laki-laki"), p_("baris total", "Jumlah"), _("Bagian perempuan")])
        lay.addWidget(self.table, 1)
        lay.addWidget(QLabel(_("Jabatan pengurus")))
        self.leaders = QTableWidget(0, 2)
        self.leaders.setHorizontalHeaderLabels([_("Perempuan"), _("Laki-laki")])
        self.leaders.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.leaders, 1)

    def refresh(self) -> None:
        view = self.page.call(lambda: member_income.gender_view(self.page.book, self.start.value(), self.end.value()))
        if view is None:
            return
        figures = [(p_("jamak", "Anggota"), "members", str), (_("Aktif di akhir periode"), "active_at_end", str),
                   (_("Pengurus (ketua, bendahara, sekretaris)"), "leaders", str),
                   (_("Penyandang disabilitas"), "with_disability", str),
                   (_("Hari orang kerja (HOK)"), "days", format_quantity), (_("Upah"), "wages", format_rupiah),
                   (_("Bagi hasil"), "profit_share", format_rupiah),
                   (_("Penghasilan"), "income", format_rupiah)]
        self.table.setRowCount(len(figures))
        self.table.setVerticalHeaderLabels([f[0] for f in figures])
        for r, (_label, attr, fmt) in enumerate(figures):
            share = view.share_of_women(attr)
            cells = [fmt(getattr(row, attr)) for row in view.rows]
            cells.append("" if share is None else f"{format_quantity((share * 100).quantize(1))}%")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.leaders.setRowCount(len(view.leadership))
        self.leaders.setVerticalHeaderLabels([ln.label for ln in view.leadership])
        for r, ln in enumerate(view.leadership):
            self.leaders.setItem(r, 0, QTableWidgetItem(", ".join(ln.women) or "–"))
            self.leaders.setItem(r, 1, QTableWidgetItem(", ".join(ln.men) or "–"))


# --- the page -----------------------------------------------------------------------------

class MembersPage(TabbedPage):
    area = AREA
    watches = ("pesanan", "tagihan")  # crews accrue wages; billing brings the profit

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, p_("jamak", "Anggota"), parent)
        self.register_tab = RegisterTab(self)
        self.wages_tab = WagesTab(self)
        self.sharing_tab = SharingTab(self)
        self.income_tab = IncomeTab(self)
        self.gender_tab = GenderTab(self)
        self.add_tabs((self.register_tab, _("Daftar anggota")), (self.wages_tab, _("Upah dan kasbon")),
                      (self.sharing_tab, _("Bagi hasil (SHU)")), (self.income_tab, _("Penghasilan anggota")),
                      (self.gender_tab, _("Gender")))

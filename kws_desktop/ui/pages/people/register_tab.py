"""The member register tab (Daftar anggota) and the member form."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from kws_desktop.i18n import N_, _, format_date, format_rupiah
from kws_desktop.services.people import members
from kws_desktop.ui.kit.dated import ask_why
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, confirm, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.pages.people.capital_return_dialog import ReturnCapitalDialog
from kws_desktop.ui.kit.widgets import add_buttons, dialog_buttons, search_box, selected_row, table_view


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
        if self.page.call(action, errors=self.errors) is not None:
            self.accept()


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
                              (_("Keluar dari kelompok"), self.leave),
                              (_("Kembalikan simpanan…"), self.return_capital)))
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
            self.page.call(lambda: members.change_role(self.page.book, m.id, role, dt.date.today()))

    def add_capital(self) -> None:
        m = self.current()
        if m is None:
            return
        amount, ok = QInputDialog.getInt(self, _("Tambah simpanan"), _("Simpanan {name} (rupiah, tunai):").format(
            name=m.name), 0, 0, 2_000_000_000, 10_000)
        if ok:
            self.page.call(lambda: members.add_capital(self.page.book, m.id, amount, dt.date.today()))

    def leave(self) -> None:
        m = self.current()
        if m is None:
            return
        reason = ask_why(self, _("{name} keluar dari kelompok hari ini").format(name=m.name), _("Alasan:"))
        if reason is None:
            return
        left = self.page.call(lambda: members.member_leaves(self.page.book, m.id, dt.date.today(), reason))
        if left is not None and left.balances.capital > 0 and confirm(self, _(
                "{name} sudah keluar dari kelompok. Simpanannya {amount} masih di kelompok. "
                "Kembalikan simpanan sekarang?").format(name=left.name,
                                                        amount=format_rupiah(left.balances.capital)),
                _("Kembalikan simpanan")):
            ReturnCapitalDialog(self.page, left).exec()

    def return_capital(self) -> None:
        m = self.current()
        if m is None:
            show_error(self, _("Pilih dulu anggota yang simpanannya dikembalikan."), _("Kembalikan simpanan"))
            return
        if m.balances.capital <= 0:
            show_error(self, _("{name} tidak punya simpanan di kelompok.").format(name=m.name),
                       _("Kembalikan simpanan"))
            return
        ReturnCapitalDialog(self.page, m).exec()

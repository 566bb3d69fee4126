"""Kembalikan simpanan: pay a member's simpanan back (services/people/capital_return.py)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit

from kws_desktop.i18n import _, format_rupiah
from kws_desktop.services.people import members
from kws_desktop.services.people.capital_return import return_capital
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import dialog_buttons


class ReturnCapitalDialog(QDialog):
    """The amount starts at the member's whole simpanan, the date at today."""

    def __init__(self, page: Page, member: members.MemberRow):
        super().__init__(page)
        self.page, self.member = page, member
        self.result_row: members.MemberRow | None = None
        self.setWindowTitle(_("Kembalikan simpanan"))
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        form.addRow(_("Anggota"), QLabel(member.name))
        form.addRow(_("Simpanan di kelompok"), QLabel(format_rupiah(member.balances.capital)))
        self.amount = self.errors.add("amount", _("Jumlah dikembalikan"),
                                      MoneyEdit(value=member.balances.capital))
        self.date = self.errors.add("date", _("Tanggal"), DateEdit())
        self.method = QComboBox()
        for code, label in members.METHODS.items():
            self.method.addItem(_(label), code)
        self.errors.add("method", _("Dibayar dari"), self.method)
        self.reason = self.errors.add("reason", _("Alasan"), QLineEdit(
            _("Anggota keluar dari kelompok") if not member.active else ""))
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save, _("Kembalikan")))

    def save(self) -> None:
        row = self.page.call(lambda: return_capital(
            self.page.book, self.member.id, self.amount.value(), self.date.value(),
            method=self.method.currentData(), reason=self.reason.text()), errors=self.errors)
        if row is not None:
            self.result_row = row
            self.accept()

"""The partners (mitra) and agreements tab with their forms."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, format_date, format_rupiah
from kws_desktop.services.evaluation import partners
from kws_desktop.ui.kit.forms import DateEdit, MoneyEdit, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import add_buttons, search_box, selected_row, table_view
from kws_desktop.ui.pages.evaluation.forms import EvaluationDialog, combo


class PartnerDialog(EvaluationDialog):
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


class AgreementDialog(EvaluationDialog):
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

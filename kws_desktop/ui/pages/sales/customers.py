"""Pelanggan: households and institutional payers; search by name, desa or phone."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget)

from kws_desktop.core.payers import PAYER_LABELS, PayerType
from kws_desktop.i18n import N_, _, p_
from kws_desktop.services.book import books
from kws_desktop.services.sales import customers
from kws_desktop.ui.kit.forms import FormErrors, confirm
from kws_desktop.ui.kit.page import Page, heading
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import add_buttons, chosen_row, dialog_buttons, selected_row, table_view

AREA = "pelanggan"
WARN_STYLE = "color: #8a5a00; background: #fff4d6; padding: 4px;"


COLUMNS = [Column("name", N_("Nama"), sortable=False), Column("kind", N_("Jenis"), sortable=False),
           Column("gender", N_("L/P"), sortable=False), Column("address", N_("Alamat"), sortable=False),
           Column("desa", N_("Desa/kelurahan"), sortable=False),
           Column("kecamatan", N_("Kecamatan"), sortable=False), Column("phone", N_("Telepon/WA"), sortable=False),
           Column("mbr", N_("MBR"), sortable=False), Column("size", N_("Jiwa"), "int", sortable=False)]


def row_dict(r: customers.CustomerRow) -> dict:
    return {"id": r.id, "name": r.name, "kind": _(customers.KIND_LABELS[r.kind]) if r.kind == "household" else r.payer_label,
            "gender": r.gender, "address": ", ".join(p for p in (r.address, r.rt_rw) if p), "desa": r.desa,
            "kecamatan": r.kecamatan, "phone": r.phone, "mbr": _("ya") if r.is_mbr else "",
            "size": r.household_size, "_muted": not r.active}


class CustomerDialog(QDialog):
    """New or changed customer, with a warning when it looks like someone already recorded."""

    def __init__(self, page: Page, row: customers.CustomerRow | None = None, *, kind: str = "household"):
        super().__init__(page)
        self.page, self.row = page, row
        self.saved: customers.CustomerRow | None = None
        self.setWindowTitle(_("Ubah pelanggan") if row else _("Pelanggan baru"))
        self.setMinimumWidth(520)
        book = page.book
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        self.kind = QComboBox()
        for key in customers.KINDS:
            self.kind.addItem(_(customers.KIND_LABELS[key]), key)
        self.kind.setCurrentIndex(customers.KINDS.index(row.kind if row else kind))
        self.errors.add("kind", _("Jenis"), self.kind)
        self.name = self.errors.add("name", _("Nama kepala keluarga"), QLineEdit(row.name if row else ""))
        self.name_label = form.labelForField(self.name)
        self.gender = QComboBox()
        self.gender.addItem(_("(belum diisi)"), "")
        for key, label in customers.GENDERS.items():
            self.gender.addItem(_(label), key)
        self.gender.setCurrentIndex(max(0, self.gender.findData(row.gender if row else "")))
        self.errors.add("gender", _("Jenis kelamin"), self.gender)
        self.nik = self.errors.add("nik", _("NIK (boleh kosong)"), QLineEdit(row.nik if row else ""))
        self.nik.setMaxLength(16)
        self.phone = self.errors.add("phone", _("Telepon/WhatsApp"), QLineEdit(row.phone if row else ""))
        self.address = self.errors.add("address", _("Alamat (jalan, kampung)"), QLineEdit(row.address if row else ""))
        rtrw = QWidget()
        rl = QHBoxLayout(rtrw)
        rl.setContentsMargins(0, 0, 0, 0)
        self.rt, self.rw = QLineEdit(row.rt if row else ""), QLineEdit(row.rw if row else "")
        for w, ph in ((self.rt, "RT"), (self.rw, "RW")):
            w.setPlaceholderText(ph)
            w.setMaxLength(3)
            w.setMaximumWidth(70)
        rl.addWidget(self.rt)
        rl.addWidget(QLabel("/"))
        rl.addWidget(self.rw)
        rl.addStretch(1)
        self.errors.add("rt", _("RT / RW"), rtrw)
        self.errors.share("rw", self.rw, shown_under="rt")
        self.kecamatan = QComboBox()
        self.kecamatan.setEditable(True)
        self.kecamatan.addItems(customers.kecamatan_list(book))
        self.kecamatan.setCurrentText(row.kecamatan if row else "")
        self.kecamatan.lineEdit().setPlaceholderText(_("pilih atau ketik"))
        self.errors.add("kecamatan", _("Kecamatan"), self.kecamatan)
        self.desa = self.errors.add("desa", _("Desa/kelurahan"), QLineEdit(row.desa if row else ""))
        self._desa_model = QStringListModel(self)
        completer = QCompleter(self._desa_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.desa.setCompleter(completer)
        self.kecamatan.currentTextChanged.connect(self._desa_choices)
        self._desa_choices()
        default_kab = books.get_profile(book).kabupaten
        self.kabupaten = self.errors.add("kabupaten", _("Kabupaten/kota"),
                                         QLineEdit(row.kabupaten if row else default_kab))
        self.is_mbr = QCheckBox(_("Rumah tangga berpenghasilan rendah (MBR)"))
        self.is_mbr.setChecked(row.is_mbr if row else False)
        form.addRow("", self.is_mbr)
        self.size = QSpinBox()
        self.size.setRange(0, 50)
        self.size.setSpecialValueText(_("(belum diisi)"))
        self.size.setValue(row.household_size or 0 if row else 0)
        self.errors.add("household_size", _("Jumlah anggota keluarga"), self.size)
        self.payer = QComboBox()
        for p in PayerType:
            if p != PayerType.SWADAYA:
                self.payer.addItem(PAYER_LABELS[p], str(p))
        if row and row.kind == "institution":
            self.payer.setCurrentIndex(max(0, self.payer.findData(row.payer_type)))
        self.errors.add("payer_type", _("Jenis pembayar"), self.payer)
        self.contact = self.errors.add("contact_person", _("Orang yang dihubungi"),
                                       QLineEdit(row.contact_person if row else ""))
        self.notes = QPlainTextEdit(row.notes if row else "")
        self.notes.setFixedHeight(54)
        self.errors.add("notes", _("Catatan"), self.notes)
        self.active = QCheckBox(_("Masih aktif"))
        self.active.setChecked(row.active if row else True)
        form.addRow("", self.active)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.hide()
        form.addRow(self.warning)
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))
        self._form = form
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(300)
        self._dup_timer.timeout.connect(self.check_duplicates)
        for w in (self.name, self.desa, self.phone):
            w.textChanged.connect(self._dup_timer.start)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        household = self.kind.currentData() == "household"
        for w in (self.gender, self.nik, self.is_mbr, self.size):
            w.setVisible(household)
            label = self._form.labelForField(w)
            if label:
                label.setVisible(household)
        for w in (self.payer, self.contact):
            w.setVisible(not household)
            label = self._form.labelForField(w)
            if label:
                label.setVisible(not household)
        label = self._form.labelForField(self.name)
        if label:
            label.setText(_("Nama kepala keluarga") if household else _("Nama lembaga"))

    def _desa_choices(self) -> None:
        self._desa_model.setStringList(customers.desa_names(self.page.book, self.kecamatan.currentText().strip()))

    def data(self) -> customers.CustomerInput:
        household = self.kind.currentData() == "household"
        return customers.CustomerInput(
            name=self.name.text(), kind=self.kind.currentData(), gender=self.gender.currentData() if household else "",
            nik=self.nik.text() if household else "", phone=self.phone.text(), address=self.address.text(),
            rt=self.rt.text(), rw=self.rw.text(), desa=self.desa.text(), kecamatan=self.kecamatan.currentText(),
            kabupaten=self.kabupaten.text(), is_mbr=household and self.is_mbr.isChecked(),
            household_size=(self.size.value() or None) if household else None,
            payer_type=PayerType.SWADAYA if household else self.payer.currentData(),
            contact_person="" if household else self.contact.text(), notes=self.notes.toPlainText(),
            active=self.active.isChecked())

    def duplicates(self) -> list[customers.CustomerRow]:
        return customers.likely_duplicates(self.page.book, self.name.text(), self.desa.text(), self.phone.text(),
                                   exclude_id=self.row.id if self.row else None)

    def check_duplicates(self) -> None:
        text = customers.duplicate_warning(self.duplicates())
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def save(self) -> None:
        dupes = self.duplicates()
        if dupes:
            ask = _("Simpan juga?") if self.row else _("Simpan juga sebagai pelanggan baru?")
            if not confirm(self, customers.duplicate_warning(dupes) + "\n\n" + ask):
                return
        data = self.data()
        action = ((lambda: customers.update_customer(self.page.book, self.row.id, data)) if self.row
                  else (lambda: customers.create_customer(self.page.book, data)))
        self.saved = self.page.call(action, changed=AREA, errors=self.errors)
        if self.saved is not None:
            self.accept()


class CustomerList(QWidget):
    """Search box, filters and the lazy customer table (used by the page and the picker)."""

    def __init__(self, page: Page, *, kind: str | None = None):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nama, desa atau nomor telepon..."))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem(_("Semua"), None)
        for key in customers.KINDS:
            self.kind.addItem(_(customers.KIND_LABELS[key]), key)
        if kind:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kecamatan = QComboBox()
        self.kecamatan.addItem(_("Semua kecamatan"), None)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.kind)
        bar.addWidget(self.kecamatan)
        lay.addLayout(bar)
        self.model = PagedTableModel(COLUMNS)
        self.view = table_view(self.model, stretch=0)
        lay.addWidget(self.view, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.kecamatan.currentIndexChanged.connect(self.refresh)

    def load_kecamatan(self) -> None:
        current = self.kecamatan.currentData()
        self.kecamatan.blockSignals(True)
        self.kecamatan.clear()
        self.kecamatan.addItem(_("Semua kecamatan"), None)
        for name in customers.kecamatan_list(self.page.book):
            self.kecamatan.addItem(name, name)
        self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(current)))
        self.kecamatan.blockSignals(False)

    def refresh(self) -> None:
        book = self.page.book
        search, kind, kec = self.search.text(), self.kind.currentData(), self.kecamatan.currentData()

        def fetch(offset, limit, _key, _desc):
            return [row_dict(r) for r in customers.search_customers(book, search, kind=kind, kecamatan=kec,
                                                            offset=offset, limit=limit)]
        self.model.set_fetch(fetch)
        n = customers.count_customers(book, search, kind=kind, kecamatan=kec)
        self.count.setText(_("{n} pelanggan").format(n=n))

    def selected_id(self) -> int | None:
        row = selected_row(self.view)
        return row["id"] if row else None


class CustomersPage(Page):
    area = AREA

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(p_("jamak", "Pelanggan")))
        note = QLabel(_("Rumah tangga yang dilayani dan lembaga yang ikut membayar (BAZNAS, program, "
                        "perusahaan). Cari dengan sebagian nama, desa atau nomor telepon."))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.list = CustomerList(self)
        self.list.view.doubleClicked.connect(lambda _i: self.edit())
        lay.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        add_buttons(buttons, ((_("Rumah tangga baru"), self.add), (_("Lembaga baru"), self.add_institution),
                              (_("Ubah"), self.edit), (_("Buat penawaran"), self.quote)))
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def refresh(self) -> None:
        self.list.load_kecamatan()
        self.list.refresh()

    def add(self) -> None:
        CustomerDialog(self).exec()

    def add_institution(self) -> None:
        CustomerDialog(self, kind="institution").exec()

    def _chosen_id(self) -> int | None:
        row = chosen_row(self.list.view, _("Pilih satu pelanggan dulu."))
        return row["id"] if row else None

    def edit(self) -> None:
        if (cid := self._chosen_id()) is not None:
            CustomerDialog(self, customers.get_customer(self.book, cid)).exec()

    def quote(self) -> None:
        if (cid := self._chosen_id()) is None:
            return
        from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor
        QuoteEditor(self, customer_id=cid).exec()

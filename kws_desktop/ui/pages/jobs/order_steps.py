"""The small forms that record what happens to an order: its stage, cancelling, the crew, materials
used or returned, costs and photos."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from kws_desktop.core.job_costing import (COST_KIND_LABELS, PHOTO_STAGES, STAGE_LABELS, STAGE_LINE, CostKind,
                                          Stage)
from kws_desktop.i18n import _, format_percent, format_quantity
from kws_desktop.services.jobs import orders
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, QuantityEdit
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.dated import backdate_asked
from kws_desktop.ui.kit.widgets import dialog_buttons


class FormDialog(QDialog):
    """A small form; `save()` returns a service call, errors show beside the fields."""

    def __init__(self, page: Page, title: str):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.errors = FormErrors(self.form)
        lay.addLayout(self.form)
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self._save))

    def action(self) -> Callable[[], object]:
        raise NotImplementedError

    def _save(self) -> None:
        if self.page.call(self.action(), errors=self.errors) is not None:
            self.accept()


class StageDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Ubah tahap pesanan {number}").format(number=view.number))
        self.view = view
        self.stage = QComboBox()
        for stage in STAGE_LINE:
            if stage != view.stage:
                self.stage.addItem(_(STAGE_LABELS[stage]), stage.value)
        current = Stage(view.stage)
        nxt = STAGE_LINE.index(current) + 1 if current in STAGE_LINE else 0
        if nxt < len(STAGE_LINE):
            self.stage.setCurrentIndex(max(0, self.stage.findData(STAGE_LINE[nxt].value)))
        self.date = DateEdit(value=dt.date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Wajib diisi bila kembali ke tahap sebelumnya"))
        self.receiver = QLineEdit()
        self.receiver.setPlaceholderText(view.customer_name)
        self.errors.add("stage", _("Tahap baru"), self.stage)
        self.errors.add("date", _("Tanggal"), self.date)
        self.errors.add("reason", _("Alasan"), self.reason)
        self.errors.add("receiver", _("Yang menerima (BAST)"), self.receiver)
        self.form.insertRow(0, _("Tahap sekarang"), QLabel(view.stage_label))
        self.stage.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        target = self.stage.currentData()
        self.receiver.setEnabled(target == Stage.DISERAHTERIMAKAN)

    def action(self):
        view, stage, date = self.view, self.stage.currentData(), self.date.value()
        reason, receiver = self.reason.text(), self.receiver.text()
        return lambda: backdate_asked(self, lambda note: orders.change_stage(
            self.page.book, view.id, stage, date, reason=reason, receiver_name=receiver, backdate_note=note))


class CancelDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Batalkan pesanan {number}").format(number=view.number))
        self.view = view
        self.date = DateEdit(value=dt.date.today())
        self.reason = QLineEdit()
        self.errors.add("date", _("Tanggal batal"), self.date)
        self.errors.add("reason", _("Alasan"), self.reason)
        note = QLabel(_("Biaya yang sudah dikeluarkan tetap tercatat. Pesanan yang sudah dibayar "
                        "tidak bisa dibatalkan."))
        note.setWordWrap(True)
        self.form.addRow(note)

    def action(self):
        view, date, reason = self.view, self.date.value(), self.reason.text()
        return lambda: orders.cancel_order(self.page.book, view.id, date, reason)


class CrewDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Tambah tukang: pesanan {number}").format(number=view.number))
        from kws_desktop.services.people.members import active_members
        self.view = view
        self.member = QComboBox()
        self._wages: dict[int, int] = {}
        for m in active_members(page.book):
            self.member.addItem(f"{m.name} ({m.role})", m.id)
            self._wages[m.id] = getattr(m, "daily_wage", 0) or 0
        self.date = DateEdit(value=max(view.started_date or view.date, min(dt.date.today(), dt.date.today())))
        self.days = QuantityEdit(value=Decimal(1))
        self.wage = MoneyEdit()
        self.role = QLineEdit(_("tukang"))
        self.errors.add("member", _("Anggota"), self.member)
        self.errors.add("work_date", _("Tanggal kerja"), self.date)
        self.errors.add("days", _("Jumlah hari (HOK)"), self.days)
        self.errors.add("daily_wage", _("Upah per hari"), self.wage)
        self.errors.add("role", _("Tugas"), self.role)
        self.member.currentIndexChanged.connect(self._wage)
        self._wage()

    def _wage(self) -> None:
        wage = self._wages.get(self.member.currentData() or 0, 0)
        if wage:
            self.wage.set_value(wage)

    def action(self):
        member, date = self.member.currentData(), self.date.value()
        days = self.days.value() if self.days.value() is not None else self.days.text()
        wage, role = self.wage.value(), self.role.text()
        return lambda: orders.add_crew(self.page.book, self.view.id, member or 0, date, days, wage, role)


class MaterialDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView, *, returning: bool = False):
        title = _("Bahan kembali ke gudang: pesanan {number}") if returning else \
            _("Pakai bahan dari gudang: pesanan {number}")
        super().__init__(page, title.format(number=view.number))
        from kws_desktop.services.purchasing.materials import list_materials
        self.view, self.returning = view, returning
        self.material = QComboBox()
        if returning:
            for m in view.materials:
                if m.source == "stock" and m.qty > 0:
                    self.material.addItem(f"{m.name} ({format_quantity(m.qty)} {m.unit})", m.material_id)
        else:
            for m in list_materials(page.book, active_only=True):
                self.material.addItem(_("{name}: stok {qty} {unit}").format(
                    name=m.name, qty=format_quantity(m.stock_qty), unit=m.unit), m.id)
        self.qty = QuantityEdit()
        self.date = DateEdit(value=max(view.date, dt.date.today()) if view.date > dt.date.today()
                             else dt.date.today())
        self.errors.add("material", _("Bahan"), self.material)
        self.errors.add("qty", _("Banyaknya"), self.qty)
        self.errors.add("date", _("Tanggal"), self.date)
        self.beyond = QCheckBox(_("Stok di buku kurang, tapi bahan memang dipakai"))
        self.reason = QLineEdit()
        self.reason.setEnabled(False)
        if not returning:
            self.form.addRow("", self.beyond)
            self.errors.add("allow_negative_reason", _("Alasan"), self.reason)
            self.beyond.toggled.connect(self.reason.setEnabled)

    def action(self):
        material, date = self.material.currentData() or 0, self.date.value()
        qty = self.qty.value() if self.qty.value() is not None else self.qty.text()
        if self.returning:
            return lambda: orders.return_material(self.page.book, self.view.id, material, qty, date)
        reason = self.reason.text() if self.beyond.isChecked() else None
        return lambda: orders.issue_material(self.page.book, self.view.id, material, qty, date,
                                        allow_negative_reason=reason)


class CostDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Tambah biaya: pesanan {number}").format(number=view.number))
        self.view = view
        self.kind = QComboBox()
        for kind in CostKind:
            self.kind.addItem(_(COST_KIND_LABELS[kind]), kind.value)
        self.amount = MoneyEdit()
        self.date = DateEdit(value=dt.date.today())
        self.method = QComboBox()
        for key, label in orders.METHOD_LABELS.items():
            self.method.addItem(_(label), key)
        self.description = QLineEdit()
        self.errors.add("kind", _("Jenis biaya"), self.kind)
        self.errors.add("amount", _("Jumlah"), self.amount)
        self.errors.add("date", _("Tanggal"), self.date)
        self.errors.add("method", _("Dibayar dari"), self.method)
        self.errors.add("description", _("Keterangan"), self.description)

    def action(self):
        kind, amount, date = self.kind.currentData(), self.amount.value(), self.date.value()
        method, text = self.method.currentData(), self.description.text()
        return lambda: orders.add_cost(self.page.book, self.view.id, kind, amount, date, method=method,
                                  description=text)


class PhotoDialog(FormDialog):
    def __init__(self, page: Page, view: orders.OrderView):
        super().__init__(page, _("Tambah foto: pesanan {number}").format(number=view.number))
        self.view = view
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        choose = QPushButton(_("Pilih foto..."))
        choose.clicked.connect(self._choose)
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.path, 1)
        rl.addWidget(choose)
        self.stage = QComboBox()
        for pct in PHOTO_STAGES:
            self.stage.addItem(format_percent(pct), pct)
        self.date = DateEdit(value=dt.date.today())
        self.caption = QLineEdit()
        self.errors.add("photo", _("Foto"), row)
        self.errors.add("stage_pct", _("Tahap foto"), self.stage)
        self.errors.add("date", _("Tanggal foto"), self.date)
        self.errors.add("caption", _("Keterangan"), self.caption)

    def _choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih foto"), str(Path.home()),
                                               _("Gambar (*.jpg *.jpeg *.png *.bmp *.webp)"))
        if path:
            self.path.setText(path)

    def action(self):
        from kws_desktop.services.jobs import photos
        path, pct, date, caption = self.path.text(), self.stage.currentData(), self.date.value(), self.caption.text()

        def run():
            if not path:
                from kws_desktop.errors import UserError
                raise UserError(_("Pilih berkas foto dulu."), field="photo")
            return photos.add_photo(self.page.book, self.view.id, path, pct, date, caption)
        return run

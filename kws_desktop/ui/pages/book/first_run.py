"""The first-run wizard of a new book: profile, logo, signatories, opening balances, examples.

Every step is checked when "Lanjut" is pressed; problems appear in red beside the fields.
Nothing is saved until "Selesai"; "Batal" leaves the book as it was (still usable).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
                               QWizard, QWizardPage)

from kws_desktop.core.profile import KwsProfile
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_rupiah, p_
from kws_desktop.services.book import books
from kws_desktop.services.book import first_run
from kws_desktop.services.sales.customers import kecamatan_list
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, show_error


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("hint")
    return label


class _Page(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, title: str, intro: str):
        super().__init__()
        self.w = wizard
        self.setTitle(title)
        lay = QVBoxLayout(self)
        lay.addWidget(_intro(intro))
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        lay.addLayout(self.form)
        self.errors = FormErrors(self.form)
        self.body = lay

    def finish_form(self) -> None:
        self.form.addRow(self.errors.general)
        self.body.addStretch(1)

    def run_check(self, check) -> bool:
        try:
            check()
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        return True


class ProfilePage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard, _("Profil KWS"), _(
            "Data ini dicetak di kepala surat penawaran, tagihan dan kuitansi. "
            "Yang bertanda * wajib diisi."))
        p = wizard.start_profile
        self.name = self.errors.add("name", _("Nama KWS *"), QLineEdit(p.name))
        self.name.setPlaceholderText(_("contoh: KWS Tirta Mandiri"))
        self.name.setToolTip(_("Nama kelompok seperti tertulis di papan nama atau SK."))
        self.address = self.errors.add("address", _("Alamat (jalan, RT/RW)"), QLineEdit(p.address))
        self.desa = self.errors.add("desa", _("Desa/Kelurahan"), QLineEdit(p.desa))
        self.kecamatan = QComboBox()
        self.kecamatan.setEditable(True)
        names = kecamatan_list(wizard.book)
        self.kecamatan.addItems([""] + names)
        self.kecamatan.setCurrentText(p.kecamatan)
        self.kecamatan.lineEdit().setPlaceholderText(_("ketik atau pilih"))
        completer = QCompleter(names, self.kecamatan)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.kecamatan.setCompleter(completer)
        self.kecamatan.setToolTip(_("Kecamatan tempat kelompok berada; ditulis sebelum tanggal surat."))
        self.errors.add("kecamatan", _("Kecamatan *"), self.kecamatan)
        self.kabupaten = self.errors.add("kabupaten", _("Kabupaten/Kota"),
                                         QLineEdit(p.kabupaten or _("Kabupaten Tangerang")))
        self.provinsi = self.errors.add("provinsi", _("Provinsi"), QLineEdit(p.provinsi or "Banten"))
        self.phone = self.errors.add("phone", _("Telepon/WhatsApp"), QLineEdit(p.phone))
        self.phone.setPlaceholderText("08…")
        self.finish_form()

    def profile(self, base: KwsProfile) -> KwsProfile:
        return replace(base, name=self.name.text(), address=self.address.text(), desa=self.desa.text(),
                       kecamatan=self.kecamatan.currentText().strip(), kabupaten=self.kabupaten.text(),
                       provinsi=self.provinsi.text(), phone=self.phone.text())

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        return self.run_check(lambda: first_run.check_profile(self.w.profile()))


class LogoPage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard, _("Logo (boleh dilewati)"), _(
            "Jika kelompok punya logo, pilih gambarnya (PNG atau JPG). Logo dicetak di pojok "
            "kiri atas surat. Tanpa logo pun dokumen tetap rapi."))
        self.logo: bytes | None = wizard.start_profile.logo_png
        row = QHBoxLayout()
        self.view = QLabel()
        self.view.setFixedSize(120, 120)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setStyleSheet("border: 1px solid #ccc; background: white;")
        choose = QPushButton(_("Pilih logo…"))
        choose.setToolTip(_("Pilih berkas gambar dari komputer atau flashdisk."))
        choose.clicked.connect(self.choose)
        remove = QPushButton(_("Tanpa logo"))
        remove.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        row.addWidget(self.view)
        row.addLayout(buttons)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        self.errors.add("logo", _("Logo"), holder)
        self.finish_form()
        self.show_logo()

    def show_logo(self) -> None:
        if self.logo:
            pix = QPixmap()
            pix.loadFromData(self.logo)
            self.view.setPixmap(pix.scaled(110, 110, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        else:
            self.view.setPixmap(QPixmap())
            self.view.setText(_("(tanpa logo)"))

    def choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih logo"), "", _("Gambar (*.png *.jpg *.jpeg)"))
        if path:
            self.load(path)

    def load(self, path: str) -> bool:
        from kws_desktop.ui.pages.book.settings import read_logo
        try:
            self.logo = read_logo(path)
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        self.show_logo()
        return True

    def remove(self) -> None:
        self.logo = None
        self.errors.clear()
        self.show_logo()


class SignatoriesPage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard, _("Penandatangan"), _(
            "Ketua menandatangani surat penawaran dan berita acara; bendahara menandatangani "
            "kuitansi dan laporan keuangan."))
        p = wizard.start_profile
        self.leader = self.errors.add("leader_name", _("Nama ketua *"), QLineEdit(p.leader_name))
        self.treasurer = self.errors.add("treasurer_name", _("Nama bendahara *"), QLineEdit(p.treasurer_name))
        self.bank_name = self.errors.add("bank_name", _("Bank (jika ada)"), QLineEdit(p.bank_name))
        self.bank_name.setPlaceholderText(_("contoh: BRI"))
        self.bank_account = self.errors.add("bank_account", _("Nomor rekening"), QLineEdit(p.bank_account))
        self.bank_holder = self.errors.add("bank_holder", _("Atas nama rekening"), QLineEdit(p.bank_holder))
        self.bank_account.setToolTip(_("Dicetak di tagihan supaya pembayar bisa transfer."))
        self.finish_form()

    def profile(self, base: KwsProfile) -> KwsProfile:
        return replace(base, leader_name=self.leader.text(), treasurer_name=self.treasurer.text(),
                       bank_name=self.bank_name.text(), bank_account=self.bank_account.text(),
                       bank_holder=self.bank_holder.text())

    def validatePage(self) -> bool:  # noqa: N802
        return self.run_check(lambda: first_run.check_signatories(self.w.profile()))


class OpeningPage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard, _("Saldo awal kas dan bank"), _(
            "Berapa uang kelompok pada hari mulai memakai buku ini? Hitung uang tunai di kas "
            "dan lihat saldo di buku tabungan. Isi 0 jika belum ada."))
        self.already = first_run.opening_posted(wizard.book)
        today = wizard.today
        self.date = self.errors.add("opening_date", _("Per tanggal"), DateEdit(value=today))
        self.date.setToolTip(_("Biasanya hari ini, atau awal bulan/tahun buku."))
        self.cash = self.errors.add("cash", _("Uang tunai di kas (Rp)"), MoneyEdit())
        self.bank = self.errors.add("bank", _("Saldo di bank (Rp)"), MoneyEdit())
        for edit in (self.cash, self.bank):
            edit.setMinimumWidth(180)
        if self.already:
            for widget in (self.date, self.cash, self.bank):
                widget.setEnabled(False)
            self.body.addWidget(_intro(_("Saldo awal buku ini sudah pernah dicatat; langkah ini dilewati.")))
        self.finish_form()

    def values(self) -> tuple[dt.date, int, int]:
        if self.already:
            return self.date.value(), 0, 0
        return self.date.value(), self.cash.value(), self.bank.value()

    def validatePage(self) -> bool:  # noqa: N802
        date, cash, bank = self.values()
        return self.run_check(lambda: first_run.check_opening(date, cash, bank, today=self.w.today))


class ExamplesPage(_Page):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard, _("Bahan dan paket contoh"), _(
            "Buku bisa langsung diisi daftar bahan bangunan dan paket pekerjaan contoh (tangki "
            "septik, jamban, biofilter) dengan harga contoh Kabupaten Tangerang. Harga contoh "
            "ditandai dan bisa diubah kapan saja di Bahan & Pembelian."))
        self.examples = QCheckBox(_("Ya, mulai dengan bahan, paket dan harga contoh"))
        self.examples.setChecked(True)
        self.form.addRow(self.examples)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addSpacing(12)
        self.body.addWidget(self.summary)
        self.finish_form()

    def initializePage(self) -> None:  # noqa: N802
        p = self.w.profile()
        date, cash, bank = self.w.opening.values()
        lines = [_("Yang akan disimpan:"),
                 "• " + _("KWS: {name}, Kec. {kecamatan}").format(name=p.name.strip(), kecamatan=p.kecamatan),
                 "• " + _("Ketua: {leader} · Bendahara: {treasurer}").format(
                     leader=p.leader_name.strip(), treasurer=p.treasurer_name.strip()),
                 "• " + (_("Logo dipakai") if self.w.logo_page.logo else _("Tanpa logo"))]
        if self.w.opening.already:
            lines.append("• " + _("Saldo awal sudah ada sebelumnya"))
        else:
            lines.append("• " + _("Saldo awal: kas {cash}, bank {bank}").format(
                cash=format_rupiah(cash), bank=format_rupiah(bank)))
        self.summary.setText("\n".join(lines))


class FirstRunWizard(QWizard):
    """Fill in a new book. `result_info` holds the SetupResult after Selesai."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        assert ctx.book is not None
        self.ctx = ctx
        self.book = ctx.book
        self.today = today or dt.date.today()
        self.start_profile = books.get_profile(self.book)
        self.result_info: first_run.SetupResult | None = None
        self.setWindowTitle(_("Mulai buku baru"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, p_("tombol", "Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, p_("tombol", "Batal"))
        self.profile_page = ProfilePage(self)
        self.logo_page = LogoPage(self)
        self.signatories = SignatoriesPage(self)
        self.opening = OpeningPage(self)
        self.examples_page = ExamplesPage(self)
        for page in (self.profile_page, self.logo_page, self.signatories, self.opening, self.examples_page):
            self.addPage(page)
        self.resize(640, 520)

    def profile(self) -> KwsProfile:
        p = self.profile_page.profile(self.start_profile)
        p = self.signatories.profile(p)
        return replace(p, logo_png=self.logo_page.logo)

    def setup_input(self) -> first_run.SetupInput:
        date, cash, bank = self.opening.values()
        return first_run.SetupInput(profile=self.profile(), opening_date=date, cash=cash, bank=bank,
                            examples=self.examples_page.examples.isChecked())

    def accept(self) -> None:
        try:
            self.result_info = first_run.apply_setup(self.book, self.setup_input(), today=self.today)
        except UserError as exc:
            show_error(self, exc)
            return
        self.ctx.notify_changes()
        super().accept()


def run_first_run(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """Show the wizard for the open book; True when it was completed."""
    if ctx.book is None or ctx.book.read_only:
        return False
    wizard = FirstRunWizard(ctx, parent)
    return bool(wizard.exec())

"""Pengaturan: the KWS profile on every document, language, zoom, paper."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from kws_desktop.core.profile import KwsProfile
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _, set_language
from kws_desktop.paths import resource
from kws_desktop.services.book import books
from kws_desktop.ui.kit.forms import FormErrors
from kws_desktop.ui.kit.page import Page, heading

PROFILE_FIELDS = [
    ("name", N_("Nama KWS")), ("address", N_("Alamat (jalan, RT/RW)")), ("desa", N_("Desa/Kelurahan")),
    ("kecamatan", N_("Kecamatan")), ("kabupaten", N_("Kabupaten/Kota")), ("provinsi", N_("Provinsi")),
    ("phone", N_("Telepon/WhatsApp")), ("email", N_("Email")), ("leader_name", N_("Nama ketua")),
    ("treasurer_name", N_("Nama bendahara")), ("bank_name", N_("Bank")), ("bank_account", N_("Nomor rekening")),
    ("bank_holder", N_("Atas nama rekening")),
]
MAX_LOGO_BYTES = 2_000_000


def read_logo(path: str) -> bytes:
    """A logo file as PNG bytes, reduced to at most 400 px; UserError when it is no picture."""
    pixmap = QPixmap(path)
    if pixmap.isNull():
        raise UserError(_("Berkas itu bukan gambar yang bisa dibaca."), field="logo")
    if max(pixmap.width(), pixmap.height()) > 400:
        pixmap = pixmap.scaled(400, 400, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buf, "PNG")
    raw = bytes(data.data())
    if len(raw) > MAX_LOGO_BYTES:
        raise UserError(_("Gambar logo terlalu besar."), field="logo")
    return raw


class SettingsPage(Page):
    area = "pengaturan"
    shows = ("book",)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.addWidget(heading(_("Pengaturan")))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)

        box = QGroupBox(_("Profil KWS (dicetak di surat dan kuitansi)"))
        form = QFormLayout(box)
        self.errors = FormErrors(form)
        self.inputs: dict[str, QLineEdit] = {}
        kecamatan = [k.strip() for k in resource("kecamatan-tangerang.txt").read_text(encoding="utf-8").splitlines()
                     if k.strip() and not k.startswith("#")]
        for key, label in PROFILE_FIELDS:
            if key == "kecamatan":
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems([""] + kecamatan)
                self.kecamatan = widget
                self.errors.add(key, _(label), widget)
                continue
            edit = QLineEdit()
            self.inputs[key] = edit
            self.errors.add(key, _(label), edit)
        logo_row = QHBoxLayout()
        self.logo_view = QLabel()
        self.logo_view.setFixedSize(96, 96)
        self.logo_view.setStyleSheet("border: 1px solid #ccc;")
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton(_("Pilih logo…"))
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton(_("Hapus logo"))
        remove.clicked.connect(self._remove_logo)
        logo_row.addWidget(self.logo_view)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        logo_row.addStretch(1)
        logo_box = QWidget()
        logo_box.setLayout(logo_row)
        self.errors.add("logo", _("Logo"), logo_box)
        form.addRow(self.errors.general)
        save = QPushButton(_("Simpan profil"))
        save.clicked.connect(self.save_profile)
        form.addRow("", save)
        lay.addWidget(box)

        app_box = QGroupBox(_("Tampilan"))
        app_form = QFormLayout(app_box)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.settings.language == "id" else 1)
        self.language.currentIndexChanged.connect(self._language_changed)
        app_form.addRow(_("Bahasa"), self.language)
        self.zoom = QSpinBox()
        self.zoom.setRange(100, 200)
        self.zoom.setSingleStep(10)
        self.zoom.setSuffix(" %")
        self.zoom.setValue(ctx.settings.zoom_percent)
        self._zoom_timer = QTimer(self, singleShot=True, interval=400)  # arrows clicked quickly: one rebuild
        self._zoom_timer.timeout.connect(self._apply_zoom)
        self.zoom.valueChanged.connect(self._zoom_timer.start)
        app_form.addRow(_("Perbesar tulisan (proyektor)"), self.zoom)
        lay.addWidget(app_box)

        doc_box = QGroupBox(_("Dokumen"))
        doc_form = QFormLayout(doc_box)
        self.receipt_paper = QComboBox()
        for code, label in (("A5", _("A5 mendatar")), ("A4", "A4"), ("F4", _("F4 (folio)"))):
            self.receipt_paper.addItem(label, code)
        doc_form.addRow(_("Kertas kuitansi"), self.receipt_paper)
        self.document_paper = QComboBox()
        for code, label in (("A4", "A4"), ("F4", _("F4 (folio)"))):
            self.document_paper.addItem(label, code)
        doc_form.addRow(_("Kertas surat dan laporan"), self.document_paper)
        self.rab_itemised = QCheckBox(_("Cetak RAB per barang (bukan ringkasan per bagian)"))
        doc_form.addRow("", self.rab_itemised)
        save_docs = QPushButton(_("Simpan pengaturan dokumen"))
        save_docs.clicked.connect(self.save_documents)
        doc_form.addRow("", save_docs)
        lay.addWidget(doc_box)
        lay.addStretch(1)
        self._logo: bytes | None = None

    def refresh(self) -> None:
        profile = books.get_profile(self.book)
        for key, edit in self.inputs.items():
            edit.setText(getattr(profile, key))
        self.kecamatan.setCurrentText(profile.kecamatan)
        self._logo = profile.logo_png
        self._show_logo()
        self._select(self.receipt_paper, books.get_setting(self.book, "receipt_paper"))
        self._select(self.document_paper, books.get_setting(self.book, "document_paper"))
        self.rab_itemised.setChecked(bool(books.get_setting(self.book, "rab_itemised")))

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _show_logo(self) -> None:
        if self._logo:
            pix = QPixmap()
            pix.loadFromData(self._logo)
            self.logo_view.setPixmap(pix.scaled(90, 90, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_view.setPixmap(QPixmap())
            self.logo_view.setText(_("(tanpa logo)"))

    def _choose_logo(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih logo"), "", _("Gambar (*.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            self._logo = read_logo(path)
        except UserError as exc:
            self.errors.show(exc)
            return
        self._show_logo()

    def _remove_logo(self) -> None:
        self._logo = None
        self._show_logo()

    def profile_from_form(self) -> KwsProfile:
        values = {key: edit.text() for key, edit in self.inputs.items()}
        return replace(KwsProfile(), kecamatan=self.kecamatan.currentText(), logo_png=self._logo, **values)

    def save_profile(self) -> None:
        if self.call(lambda: books.update_profile(self.book, self.profile_from_form()), errors=self.errors) is not None:
            QMessageBox.information(self, _("Profil"), _("Profil KWS disimpan."))

    def save_documents(self) -> None:
        def save():
            books.set_setting(self.book, "receipt_paper", self.receipt_paper.currentData())
            books.set_setting(self.book, "document_paper", self.document_paper.currentData())
            books.set_setting(self.book, "rab_itemised", self.rab_itemised.isChecked())
            return True
        self.call(save)

    def _language_changed(self) -> None:
        language = self.language.currentData()
        if language == self.ctx.settings.language:
            return
        self.ctx.settings.language = language
        self.ctx.save_settings()
        set_language(language)
        self.ctx.language_changed.emit()

    def _apply_zoom(self) -> None:
        """The workshop's fast path: the window drops its pages and builds the screen again at
        the new size. That deletes this page too, so it runs after this call has returned."""
        from kws_desktop.ui.pages.training import workshop
        window, value = self.window(), self.zoom.value()
        if value == self.ctx.settings.zoom_percent or not hasattr(window, "rebuild"):
            return

        def apply() -> None:
            workshop.set_zoom(window, value)
            page = window.page("pengaturan")
            page.zoom.setFocus()
        QTimer.singleShot(0, window, apply)

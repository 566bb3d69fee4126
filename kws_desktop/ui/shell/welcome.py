"""The welcome screen: start my book, open the demo, open or create another book."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from kws_desktop.i18n import _
from kws_desktop.paths import default_book_path


class WelcomeScreen(QWidget):
    start_default = Signal()
    open_demo = Signal()
    open_other = Signal()
    new_book = Signal()
    open_recent = Signal(str)

    def __init__(self, recent: list[str], parent: QWidget | None = None, *, notice: str = ""):
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        col = QVBoxLayout()
        outer.addLayout(col, 3)
        outer.addStretch(1)
        col.addStretch(1)
        self.notice = QLabel(notice)
        self.notice.setObjectName("firstRun")
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        col.addWidget(self.notice)
        title = QLabel(_("Selamat datang di KWS Desktop"))
        title.setObjectName("welcomeTitle")
        col.addWidget(title)
        intro = QLabel(_("Pembukuan Kelompok Wirausaha Sanitasi: pesanan, bahan, tagihan, kuitansi, "
                         "upah anggota dan laporan, dalam satu buku."))
        intro.setWordWrap(True)
        col.addWidget(intro)
        col.addSpacing(16)
        buttons = [
            (_("Mulai buku kelompok saya"), _("Buku disimpan di: {path}").format(path=default_book_path()),
             self.start_default),
            (_("Buka buku demo (untuk belajar)"), _("Salinan contoh yang boleh dicoba apa saja."),
             self.open_demo),
            (_("Buka buku lain…"), _("Pilih berkas .kws dari komputer atau flashdisk."), self.open_other),
            (_("Buat buku baru…"), _("Buku kosong di tempat yang Anda pilih."), self.new_book),
        ]
        for text, hint, signal in buttons:
            button = QPushButton(text)
            button.setMinimumHeight(44)
            button.setToolTip(hint)
            button.clicked.connect(signal.emit)
            col.addWidget(button)
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            col.addWidget(note)
        existing = [r for r in recent if "://" in r or Path(r).exists()]
        if existing:
            col.addSpacing(12)
            col.addWidget(QLabel(_("Buku yang terakhir dibuka:")))
            lst = QListWidget()
            lst.setMaximumHeight(140)
            for r in existing:
                item = QListWidgetItem(r)
                item.setData(Qt.ItemDataRole.UserRole, r)
                lst.addItem(item)
            lst.itemActivated.connect(lambda it: self.open_recent.emit(it.data(Qt.ItemDataRole.UserRole)))
            lst.itemDoubleClicked.connect(lambda it: self.open_recent.emit(it.data(Qt.ItemDataRole.UserRole)))
            col.addWidget(lst)
        col.addStretch(2)

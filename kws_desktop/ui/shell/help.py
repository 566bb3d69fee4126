"""Help: a short Indonesian page per area (resources/help/<area>.md), read-only, and the list
of keyboard shortcuts. F1 opens the page of the area on screen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QListWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from kws_desktop.i18n import N_, NP_, _, current_language, p_
from kws_desktop.paths import resource

# (topic, title); area topics carry the sidebar key of their area.
TOPICS: list[tuple[str, str]] = [
    ("beranda", N_("Beranda")),
    ("pesanan", N_("Pesanan dan penawaran")),
    ("pelanggan", NP_("jamak", "Pelanggan")),
    ("bahan", N_("Bahan & Pembelian")),
    ("tagihan", N_("Tagihan & Kuitansi")),
    ("kas", N_("Kas & Bank")),
    ("anggota", N_("Anggota, upah dan bagi hasil")),
    ("kinerja", N_("Kinerja & Kemitraan")),
    ("laporan", N_("Laporan")),
    ("pengaturan", N_("Pengaturan")),
    ("mencetak", N_("Mencetak dokumen")),
    ("pelatihan", N_("Mode pelatihan")),
    ("pintasan", N_("Pintasan keyboard")),
]

# The frequent actions and their keys, shown in the menus and in help (action, key).
SHORTCUTS: list[tuple[str, str]] = [
    (N_("Terima pembayaran"), "Ctrl+Shift+P"),
    (N_("Catat pembelian"), "Ctrl+Shift+B"),
    (N_("Penawaran baru"), "Ctrl+Shift+N"),
    (N_("Cari di halaman ini"), "Ctrl+F"),
    (N_("Bantuan untuk halaman ini"), "F1"),
    (N_("Perbesar tulisan"), "Ctrl++"),
    (N_("Perkecil tulisan"), "Ctrl+-"),
    (N_("Ukuran tulisan normal"), "Ctrl+0"),
    (N_("Daftar latihan (pelatihan)"), "Ctrl+L"),
    (N_("Buku baru"), "Ctrl+N"),
    (N_("Buka buku"), "Ctrl+O"),
    (N_("Tutup buku"), "Ctrl+W"),
]


def shortcuts_markdown() -> str:
    rows = "\n".join(f"| {_(action)} | **{key}** |" for action, key in SHORTCUTS)
    return (f"# {_('Pintasan keyboard')}\n\n"
            + _("Tekan tombol-tombol ini bersamaan. Semua pintasan juga tertulis di menu.") + "\n\n"
            + f"| {p_('kolom daftar pintasan', 'Pekerjaan')} | {_('Tombol')} |\n|---|---|\n" + rows + "\n")


def topic_markdown(topic: str) -> str:
    """The help text of a topic: resources/help/<lang>/<topic>.md if translated, else the
    Indonesian resources/help/<topic>.md."""
    if topic == "pintasan":
        return shortcuts_markdown()
    for path in (resource("help", current_language(), f"{topic}.md"), resource("help", f"{topic}.md")):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    title = dict(TOPICS).get(topic, topic)
    return f"# {_(title)}\n\n" + _("Bantuan untuk bagian ini belum ditulis.")


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, topic: str = "beranda"):
        super().__init__(parent)
        self.setWindowTitle(_("Bantuan KWS Desktop"))
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.topics = QListWidget()
        self.topics.setMaximumWidth(230)
        for key, title in TOPICS:
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.topics.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setReadOnly(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._link)
        row.addWidget(self.topics)
        row.addWidget(self.browser, 1)
        lay.addLayout(row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Tutup"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.topics.currentRowChanged.connect(self._show_row)
        self.resize(860, 620)
        self.show_topic(topic)

    @property
    def topic(self) -> str:
        item = self.topics.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def show_topic(self, topic: str) -> None:
        keys = [k for k, _t in TOPICS]
        self.topics.setCurrentRow(keys.index(topic) if topic in keys else 0)
        self._show_row(self.topics.currentRow())

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(TOPICS):
            self.browser.setMarkdown(topic_markdown(TOPICS[row][0]))

    def _link(self, url) -> None:
        # Links between help pages are written as (#topic) or (topic.md).
        target = url.toString().lstrip("#").removesuffix(".md")
        self.show_topic(target)


def open_help(parent: QWidget | None, topic: str) -> HelpDialog:
    dialog = HelpDialog(parent, topic)
    dialog.setModal(False)
    dialog.show()
    return dialog

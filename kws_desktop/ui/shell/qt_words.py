"""Qt's own words in Indonesian: message-box buttons, the text fields' right-click menu, the
wizard's buttons, and the file and print dialogs where Qt draws them.

PySide6 ships no qtbase_id.qm (its Qt/translations folder has no Indonesian), so the words
come from the project's own catalog: `QtWords` is a QTranslator that answers Qt's
(context, source text) with the Indonesian below while the app speaks Indonesian, and leaves
Qt's English alone in English mode. It is plain Python, so the PyInstaller bundle needs no
extra file."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from kws_desktop.i18n import NP_, _, current_language

_EDIT_MENU = {"&Undo": NP_("Qt", "&Batalkan ketikan"), "&Redo": NP_("Qt", "&Ulangi ketikan"),
              "Cu&t": NP_("Qt", "Po&tong"), "&Copy": NP_("Qt", "&Salin"), "&Paste": NP_("Qt", "&Tempel"),
              "Delete": NP_("Qt", "Hapus"), "Select All": NP_("Qt", "Pilih semua")}
_BUTTONS = {"OK": NP_("Qt", "OK"), "Save": NP_("Qt", "Simpan"), "&Yes": NP_("Qt", "&Ya"),
            "&No": NP_("Qt", "&Tidak"), "Close": NP_("Qt", "Tutup"), "Cancel": NP_("Qt", "Batal"),
            "Open": NP_("Qt", "Buka"), "Apply": NP_("Qt", "Terapkan"), "Discard": NP_("Qt", "Buang"),
            "Help": NP_("Qt", "Bantuan"), "Retry": NP_("Qt", "Coba lagi"), "Abort": NP_("Qt", "Hentikan"),
            "Ignore": NP_("Qt", "Abaikan"), "Reset": NP_("Qt", "Atur ulang")}

QT_WORDS: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": {"&Step up": NP_("Qt", "&Naik satu"), "Step &down": NP_("Qt", "&Turun satu"),
                         "&Select All": NP_("Qt", "&Pilih semua")},
    "QWizard": {"< &Back": NP_("Qt", "< &Kembali"), "&Next >": NP_("Qt", "&Lanjut >"),
                "&Finish": NP_("Qt", "&Selesai"), "Cancel": NP_("Qt", "Batal"), "Commit": NP_("Qt", "Simpan")},
    "QInputDialog": {"Enter a value:": NP_("Qt", "Isi nilainya:")},
    "QFileDialog": {
        "&Look in:": NP_("Qt", "&Cari di:"), "Back": NP_("Qt", "Kembali"), "Go back": NP_("Qt", "Kembali"),
        "Forward": NP_("Qt", "Maju"), "Go forward": NP_("Qt", "Maju"),
        "Parent Directory": NP_("Qt", "Folder di atasnya"),
        "Go to the parent directory": NP_("Qt", "Ke folder di atasnya"),
        "Create New Folder": NP_("Qt", "Buat folder baru"), "Create a New Folder": NP_("Qt", "Buat folder baru"),
        "List View": NP_("Qt", "Daftar"), "Change to list view mode": NP_("Qt", "Tampilkan sebagai daftar"),
        "Detail View": NP_("Qt", "Rincian"), "Change to detail view mode": NP_("Qt", "Tampilkan rinciannya"),
        "Sidebar": NP_("Qt", "Tempat"), "List of places and bookmarks": NP_("Qt", "Daftar tempat dan penanda"),
        "Files": NP_("Qt", "Berkas"), "Files of &type:": NP_("Qt", "&Jenis berkas:"),
        "Open": NP_("Qt", "Buka"), "File &name:": NP_("Qt", "&Nama berkas:"), "&Open": NP_("Qt", "&Buka"),
        "All Files (*)": NP_("Qt", "Semua berkas (*)"), "&Rename": NP_("Qt", "&Ganti nama"),
        "&Delete": NP_("Qt", "&Hapus"), "Show &hidden files": NP_("Qt", "Tampilkan berkas &tersembunyi"),
        "&New Folder": NP_("Qt", "Folder &baru"), "&Save": NP_("Qt", "&Simpan"),
        "Save As": NP_("Qt", "Simpan sebagai"), "&Choose": NP_("Qt", "&Pilih"),
        "New Folder": NP_("Qt", "Folder baru"), "Directory:": NP_("Qt", "Folder:")},
    "QFileSystemModel": {"Computer": NP_("Qt", "Komputer"), "Name": NP_("Qt", "Nama"),
                         "Size": NP_("Qt", "Ukuran"), "Type": NP_("Qt", "Jenis"),
                         "Date Modified": NP_("Qt", "Tanggal diubah")},
    "QAbstractFileIconProvider": {"Drive": NP_("Qt", "Drive"), "Folder": NP_("Qt", "Folder")},
    "QPrintDialog": {"Print": NP_("Qt", "Cetak"), "&Print": NP_("Qt", "&Cetak"),
                     "All Pages": NP_("Qt", "Semua halaman"), "Odd Pages": NP_("Qt", "Halaman ganjil"),
                     "Even Pages": NP_("Qt", "Halaman genap"), "&Options >>": NP_("Qt", "&Pilihan >>"),
                     "&Options <<": NP_("Qt", "&Pilihan <<"),
                     "Print to File (PDF)": NP_("Qt", "Cetak ke berkas (PDF)"),
                     "Local file": NP_("Qt", "Berkas di komputer ini"), "Write PDF file": NP_("Qt", "Tulis berkas PDF")},
    "QPrintWidget": {"Printer": NP_("Qt", "Pencetak"), "&Name:": NP_("Qt", "&Nama:"),
                     "P&roperties": NP_("Qt", "&Pengaturan pencetak"), "Location:": NP_("Qt", "Tempat:"),
                     "Preview": NP_("Qt", "Pratinjau"), "Type:": NP_("Qt", "Jenis:"),
                     "Output &file:": NP_("Qt", "&Berkas hasil:")},
    "QPrintSettingsOutput": {
        "Print range": NP_("Qt", "Halaman yang dicetak"), "Print all": NP_("Qt", "Semua"),
        "Pages from": NP_("Qt", "Halaman"), "to": NP_("Qt", "sampai"), "Pages": NP_("Qt", "Halaman"),
        "Current Page": NP_("Qt", "Halaman ini"), "Selection": NP_("Qt", "Yang dipilih"),
        "Page &Set:": NP_("Qt", "&Kumpulan halaman:"), "Output Settings": NP_("Qt", "Pengaturan hasil"),
        "Copies:": NP_("Qt", "Rangkap:"), "Collate": NP_("Qt", "Urutkan per rangkap"),
        "Reverse": NP_("Qt", "Terbalik"), "Copies": NP_("Qt", "Rangkap"), "Color Mode": NP_("Qt", "Warna"),
        "Color": NP_("Qt", "Berwarna"), "Grayscale": NP_("Qt", "Hitam putih"),
        "Double Sided Printing": NP_("Qt", "Cetak bolak-balik"), "Off": NP_("Qt", "Tidak"),
        "Long side binding": NP_("Qt", "Dijilid di sisi panjang"),
        "Short side binding": NP_("Qt", "Dijilid di sisi pendek"), "Options": NP_("Qt", "Pilihan")},
}


class QtWords(QTranslator):
    """Qt's own words from the project's catalog, in Indonesian mode only."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt's name
        if current_language() != "id":
            return None  # Qt's English as it is
        word = QT_WORDS.get(context, {}).get(source)
        return _(word) if word is not None else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


_installed: list[QtWords] = []


def install_qt_words(app: QCoreApplication) -> QtWords:
    """Install the translator once for the application; returns it."""
    if not _installed:
        _installed.append(QtWords(app))
        app.installTranslator(_installed[0])
    return _installed[0]

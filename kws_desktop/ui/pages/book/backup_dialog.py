"""Restore from a backup, with a preview of what each backup holds."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date, format_datetime
from kws_desktop.services.book import backup as backup_service
from kws_desktop.ui.kit.forms import show_error


class RestoreDialog(QDialog):
    def __init__(self, parent: QWidget | None, book_path: Path, problem: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Pulihkan dari cadangan"))
        self.book_path = book_path
        self.chosen: Path | None = None
        lay = QVBoxLayout(self)
        if problem:
            warn = QLabel(problem)
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #b00020;")
            lay.addWidget(warn)
        lay.addWidget(QLabel(_("Cadangan otomatis untuk {name}:").format(name=book_path.name)))
        self.list = QListWidget()
        for b in backup_service.automatic_backups(book_path):
            item = QListWidgetItem(f"{format_datetime(b.taken_at)}  ({b.reason})")
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._preview)
        lay.addWidget(self.list)
        other = QPushButton(_("Pilih berkas cadangan lain…"))
        other.clicked.connect(self._choose_file)
        lay.addWidget(other)
        self.preview = QLabel(_("Pilih cadangan untuk melihat isinya."))
        self.preview.setWordWrap(True)
        lay.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(_("Pulihkan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(560, 420)

    def _choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih cadangan"), "", _("Buku KWS (*.kws)"))
        if path:
            self._show(Path(path))

    def _preview(self, item) -> None:
        if item is not None:
            self._show(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _show(self, path: Path) -> None:
        try:
            p = backup_service.preview(path)
        except UserError as exc:
            self.preview.setText(exc.message)
            self.ok.setEnabled(False)
            self.chosen = None
            return
        counts = ", ".join(f"{n} {label}" for label, n in p.counts.items())
        self.preview.setText(_("Kelompok: {name}\nJurnal: {n} (terakhir {last})\nIsi: {counts}").format(
            name=p.kws_name or "-", n=p.journal_entries,
            last=format_date(p.last_entry_date) if p.last_entry_date else "-", counts=counts or "-"))
        self.chosen = path
        self.ok.setEnabled(True)

    def restore(self) -> bool:
        if self.chosen is None:
            return False
        try:
            backup_service.restore(self.chosen, self.book_path)
        except UserError as exc:
            show_error(self.parent(), exc)
            return False
        return True


def offer_restore(parent: QWidget, book_path: Path, problem: str) -> bool:
    """A book could not be opened: offer its backups. True if one was restored."""
    if not backup_service.automatic_backups(book_path):
        QMessageBox.warning(parent, _("Buku tidak bisa dibuka"), problem + "\n\n" +
                            _("Tidak ada cadangan otomatis untuk buku ini."))
        return False
    dialog = RestoreDialog(parent, book_path, problem)
    return bool(dialog.exec()) and dialog.restore()

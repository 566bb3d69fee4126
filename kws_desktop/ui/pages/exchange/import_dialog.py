"""Berkas > Impor dari Excel…: save the blank template, pick a filled workbook, import it in
the background (all or nothing), and show what was imported or every problem found.

When the import stops at a question only the user can answer (money dated after today, a
document dated before the latest of its kind), the dialog asks it, as the forms do, and
imports again with the answer; the answers hold for that file until another is chosen."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.ui.kit.forms import ERROR_STYLE, confirm_future_date
from kws_desktop.ui.kit.dated import ask_why


class ImportDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Impor dari Excel"))
        self.resize(720, 520)
        self._cancel = None
        self._future_ok, self._backdate_note = False, ""
        lay = QVBoxLayout(self)

        intro = QLabel(_(
            "Pindahkan catatan dari buku tulis atau Excel: simpan templat kosong, isi lembar-lembarnya "
            "(petunjuknya ada di lembar Petunjuk), lalu pilih berkas itu dan tekan Impor. Semua baris "
            "diperiksa dulu; bila ada satu saja yang salah, tidak ada yang dimasukkan."))
        intro.setWordWrap(True)
        lay.addWidget(intro)

        self.template_button = QPushButton(_("Simpan templat kosong…"))
        self.template_button.clicked.connect(self.save_template)
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addStretch(1)
        lay.addLayout(row)

        pick = QHBoxLayout()
        pick.addWidget(QLabel(_("Berkas Excel:")))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("belum dipilih"))
        self.path_edit.textChanged.connect(self._file_changed)
        pick.addWidget(self.path_edit, 1)
        self.browse_button = QPushButton(_("Pilih berkas…"))
        self.browse_button.clicked.connect(self.choose_file)
        pick.addWidget(self.browse_button)
        lay.addLayout(pick)

        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        lay.addWidget(self.heading)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(_("Hasil impor atau daftar kesalahan muncul di sini."))
        lay.addWidget(self.details, 1)

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("Impor"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.start_import)
        close = buttons.addButton(_("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        lay.addWidget(buttons)
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------
    def save_template(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, _("Simpan templat impor"),
                                               str(Path.home() / "templat-impor-kws.xlsx"),
                                               _("Buku kerja Excel (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.write_template_to(Path(path))

    def write_template_to(self, path: Path) -> None:
        from kws_desktop.services.exchange.spreadsheet_import import write_template
        try:
            write_template(path)
        except UserError as exc:
            self._show(_("Templat tidak bisa disimpan"), [exc.message], error=True)
            return
        self._show(_("Templat disimpan: {path}").format(path=path),
                   [_("Buka dengan Excel atau LibreOffice, isi datanya, simpan, lalu pilih berkas itu di "
                      "sini dan tekan Impor.")])

    def choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Pilih berkas Excel"), str(Path.home()),
                                               _("Buku kerja Excel (*.xlsx);;Semua berkas (*)"))
        if path:
            self.path_edit.setText(path)

    def start_import(self) -> None:
        from kws_desktop.services.exchange.spreadsheet_import import import_workbook
        from kws_desktop.ui.kit.tasks import run_task
        book = self.ctx.book
        path = self.path_edit.text().strip()
        if book is None or not path or self._cancel is not None:
            return
        self._show(_("Memeriksa dan mengimpor…"), [])
        self._set_running(True)

        future_ok, backdate_note = self._future_ok, self._backdate_note

        def work(progress):
            return import_workbook(book, Path(path), progress=progress.report, future_ok=future_ok,
                                   backdate_note=backdate_note)

        self._cancel = run_task(self, _("Memeriksa dan mengimpor data…"), work, self._done, self._failed)

    def _done(self, summary) -> None:
        self._set_running(False)
        lines = summary.lines() + ["", _("{rows} baris dibaca dalam {seconds} detik.").format(
            rows=summary.rows, seconds=f"{summary.seconds:.1f}".replace(".", ","))]
        self._show(_("Impor selesai. Semua data sudah masuk ke buku."), lines)
        self.ctx.notify_changes()

    def _failed(self, exc: BaseException) -> None:
        from kws_desktop.services.exchange.spreadsheet_import import ImportRefused
        self._set_running(False)
        if isinstance(exc, ImportRefused) and self._answered(exc):
            self.start_import()
            return
        if isinstance(exc, ImportRefused):
            problems = exc.import_problems
            head = _("Tidak ada yang diimpor. Ditemukan {n} masalah; perbaiki di Excel lalu impor lagi:") \
                .format(n=len(problems))
            self._show(head, [f"• {p}" for p in problems], error=True)
        elif isinstance(exc, UserError):
            self._show(_("Tidak ada yang diimpor."), [exc.message], error=True)
        else:
            self._show(_("Tidak ada yang diimpor: terjadi kesalahan yang tidak terduga."),
                       [f"{type(exc).__name__}: {exc}"], error=True)

    def _answered(self, exc) -> bool:
        """Ask what stopped the import, if it is a question; True when answered (import again)."""
        if exc.future_day and not self._future_ok:
            self._future_ok = confirm_future_date(self, exc.future_day)
            return self._future_ok
        if exc.needs_reason and not self._backdate_note:
            problem = exc.import_problems[0] if exc.import_problems else ""
            reason = ask_why(self, _("Tanggal lebih awal dari nomor sebelumnya"), _(
                "{problem}\n\nBila tanggal di Excel memang benar (catatan lama yang baru dimasukkan), "
                "tulis alasannya. Alasan ini disimpan bersama dokumen yang tanggalnya lebih awal:")
                .format(problem=problem))
            self._backdate_note = (reason or "").strip()
            return bool(self._backdate_note)
        return False

    def _file_changed(self) -> None:
        self._future_ok, self._backdate_note = False, ""
        self._update_buttons()

    # --- display --------------------------------------------------------------------------
    def _show(self, heading: str, lines: list[str], *, error: bool = False) -> None:
        self.heading.setText(heading)
        self.heading.setStyleSheet(ERROR_STYLE if error else "")
        self.details.setPlainText("\n".join(lines))

    def _set_running(self, running: bool) -> None:
        if not running:
            self._cancel = None
        for w in (self.template_button, self.browse_button, self.path_edit):
            w.setEnabled(not running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        book = self.ctx.book
        self.import_button.setEnabled(bool(self.path_edit.text().strip()) and self._cancel is None
                                      and book is not None and not book.read_only)


def open_import_dialog(ctx, parent: QWidget | None = None) -> ImportDialog:
    dialog = ImportDialog(ctx, parent)
    dialog.show()
    return dialog

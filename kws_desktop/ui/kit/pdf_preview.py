"""One print preview for every document: see the PDF, print it, or save it.

Pages are rendered with pdfium (pypdfium2), so what is previewed and printed is exactly the PDF
that is saved. The printer chosen for each document kind is remembered.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.ui.kit.fit import fit_to_screen
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.forms import show_error

PREVIEW_DPI = 96


def render_page(pdf: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    page = pdf[index]
    bitmap = page.render(scale=dpi / 72)
    pil = bitmap.to_pil().convert("RGB")
    data = pil.tobytes("raw", "RGB")
    image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: `data` goes away


def page_size_points(pdf: pdfium.PdfDocument, index: int) -> tuple[float, float]:
    width, height = pdf[index].get_size()
    return float(width), float(height)


def print_pdf(printer: QPrinter, pdf_path: Path) -> None:
    """Draw every page of the PDF on the printer, each page on its own sheet at its own size."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        painter = QPainter()
        first = True
        for i in range(len(pdf)):
            w, h = page_size_points(pdf, i)
            layout = QPageLayout(QPageSize(QSizeF(w, h), QPageSize.Unit.Point),
                                 QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
            printer.setPageLayout(layout)
            if first:
                if not painter.begin(printer):
                    raise UserError(_("Printer tidak bisa dipakai."))
                first = False
            else:
                printer.newPage()
            dpi = min(300, printer.resolution())
            image = render_page(pdf, i, dpi)
            target = QRectF(painter.viewport())
            painter.drawImage(target, image)
        if not first:
            painter.end()
    finally:
        pdf.close()


class PdfPreviewDialog(QDialog):
    """Shows a PDF. `on_output()` runs after each real print or save (not when the preview
    merely opens); `write(path)`, when given, then writes the PDF again so the preview keeps
    showing what the next print would be (a kuitansi turns SALINAN once the original is out)."""

    def __init__(self, parent: QWidget | None, pdf_path: Path, *, ctx: AppContext | None = None,
                 kind: str = "dokumen", title: str = "", suggested_name: str = "dokumen.pdf",
                 on_output: Callable[[], object] | None = None,
                 write: Callable[[Path], object] | None = None):
        super().__init__(parent)
        self.on_output = on_output
        self.write = write
        self.setWindowTitle(title or _("Pratinjau cetak"))
        self.pdf_path = Path(pdf_path)
        self.ctx = ctx
        self.kind = kind
        self.suggested_name = safe_file_name(suggested_name)
        self.zoom = 1.0
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        for text, slot in ((_("Cetak…"), self.print_document), (_("Simpan PDF…"), self.save_as),
                           ("−", lambda: self.set_zoom(self.zoom / 1.25)),
                           ("+", lambda: self.set_zoom(self.zoom * 1.25)), (_("Tutup"), self.accept)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        self.info = QLabel()
        bar.addWidget(self.info)
        lay.addLayout(bar)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.scroll)
        fit_to_screen(self, 760, 700)
        self._pages: list[QLabel] = []
        self.render_pages()

    def render_pages(self) -> None:
        holder = QWidget()
        col = QVBoxLayout(holder)
        col.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        pdf = pdfium.PdfDocument(str(self.pdf_path))
        try:
            count = len(pdf)
            self._pages = []
            for i in range(count):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(render_page(pdf, i, PREVIEW_DPI * self.zoom)))
                label.setStyleSheet("border: 1px solid #999; background: white;")
                col.addWidget(label)
                self._pages.append(label)
        finally:
            pdf.close()
        self.scroll.setWidget(holder)
        self.info.setText(_("{n} halaman").format(n=count))

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.5, min(3.0, zoom))
        self.render_pages()

    def _output_done(self) -> None:
        if self.on_output is None:
            return
        try:
            self.on_output()
            if self.write is not None:
                self.write(self.pdf_path)
                self.render_pages()
        except UserError as exc:
            show_error(self, exc)

    def save_as(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, _("Simpan PDF"), str(Path.home() / self.suggested_name),
                                               "PDF (*.pdf)")
        if path:
            try:
                shutil.copyfile(self.pdf_path, path)
            except OSError as exc:
                from kws_desktop.os_errors import os_reason
                show_error(self, _("Berkas tidak dapat ditulis: {path}").format(path=path) + f" ({os_reason(exc)})")
                return
            self._output_done()

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        remembered = self.ctx.settings.printers.get(self.kind) if self.ctx else None
        if remembered and remembered in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(remembered)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(printer, self.pdf_path)
        except UserError as exc:
            show_error(self, exc)
            return
        self._output_done()
        if self.ctx is not None and printer.printerName():
            self.ctx.settings.printers[self.kind] = printer.printerName()
            self.ctx.save_settings()


def preview_document(parent: QWidget, write: Callable[[Path], object], *, ctx: AppContext | None = None,
                     kind: str = "dokumen", title: str = "", suggested_name: str = "dokumen.pdf",
                     on_output: Callable[[], object] | None = None) -> None:
    """Write a document with `write(path)` into a temporary PDF and show the preview.
    `on_output()` runs after each real print or PDF save (see PdfPreviewDialog).

    A UserError from `write` is shown as a message; nothing else happens."""
    folder = Path(tempfile.mkdtemp(prefix="kws-pratinjau-"))
    suggested_name = safe_file_name(suggested_name)  # built from user text: "Pengingat Ibu A/B.pdf"
    path = folder / suggested_name
    try:
        write(path)
    except UserError as exc:
        show_error(parent, exc)
        return
    dialog = PdfPreviewDialog(parent, path, ctx=ctx, kind=kind, title=title, suggested_name=suggested_name,
                              on_output=on_output, write=write if on_output else None)
    dialog.exec()
    shutil.rmtree(folder, ignore_errors=True)


def preview_print_job(parent: QWidget, job, *, ctx: AppContext | None = None) -> None:
    """Show a document a service made ready for paper (services/book/print_jobs.PrintJob): the
    preview counts nothing; each real print or saved PDF tells the job (a kuitansi then prints
    SALINAN)."""
    preview_document(parent, job.write, ctx=ctx, kind=job.kind, title=job.title,
                     suggested_name=job.file_name, on_output=job.printed if job.counts_prints else None)

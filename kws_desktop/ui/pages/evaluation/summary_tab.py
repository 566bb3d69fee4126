"""The performance summary tab (Laporan Kinerja KWS)."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.ui.kit.forms import show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import period_row


class SummaryTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        lay = QVBoxLayout(self)
        bar, self.start, self.end = period_row(label=_("Dari"), between=_("sampai"))
        show = QPushButton(_("Tampilkan"))
        show.clicked.connect(self.refresh)
        save = QPushButton(_("Simpan laporan (PDF/XLSX/CSV)"))
        save.clicked.connect(self.save)
        preview = QPushButton(_("Pratinjau dan cetak…"))
        preview.setToolTip(_("Lihat Laporan Kinerja KWS seperti di kertas, lalu cetak."))
        preview.clicked.connect(self.print_preview)
        bar.addWidget(show)
        bar.addStretch(1)
        bar.addWidget(preview)
        bar.addWidget(save)
        lay.addLayout(bar)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        lay.addLayout(self.grid)
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def refresh(self) -> None:
        """The figures are computed in the background ("Menghitung…" meanwhile); an answer to
        an older request (period changed, book closed) is dropped."""
        from kws_desktop.services.evaluation.performance import performance
        from kws_desktop.ui.kit.tasks import run_background
        book, start, end = self.page.book, self.start.value(), self.end.value()
        self._asked = asked = object()
        self.note.setText(_("Menghitung…"))

        def failed(exc: BaseException) -> None:
            if self._asked is asked:
                self.note.setText("")
                if not isinstance(exc, UserError):
                    raise exc
                show_error(self, exc)

        run_background(self, lambda _p: performance(book, start, end),
                       lambda p: self._show(p) if self._asked is asked else None, failed)

    def _show(self, p) -> None:
        from kws_desktop.services.evaluation.performance import tiles
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()
        for i, (label, value, sub) in enumerate(tiles(p)):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setStyleSheet("QFrame { background: #f6f8f9; }")
            v = QVBoxLayout(box)
            top = QLabel(label)
            top.setStyleSheet("color: #555;")
            big = QLabel(value)
            big.setStyleSheet("font-size: 20px; font-weight: bold;")
            small = QLabel(sub)
            small.setStyleSheet("color: #555;")
            small.setWordWrap(True)
            for w in (top, big, small):
                v.addWidget(w)
            self.grid.addWidget(box, i // 3, i % 3)
        self.note.setText(_("Rincian lengkap, grafik, kemitraan dan pelatihan ada di laporan "
                            "(tombol Simpan laporan)."))

    def save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Simpan Laporan Kinerja KWS"), "laporan-kinerja.pdf",
                                                    "PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)")
        if not path:
            return
        self.page.call(lambda: self.write(path))

    def write(self, path):
        from kws_desktop.documents.tabular import write_report
        from kws_desktop.services.book.books import get_profile, get_setting
        from kws_desktop.services.reports import build_report
        paper = get_setting(self.page.book, "document_paper")
        return write_report(build_report(self.page.book, "performance", self.start.value(), self.end.value()),
                            path, profile=get_profile(self.page.book), paper=paper or "A4")

    def print_preview(self) -> None:
        from kws_desktop.ui.kit.pdf_preview import preview_document
        preview_document(self, self.write, ctx=self.page.ctx, kind="laporan_kinerja",
                         title=_("Laporan Kinerja KWS"), suggested_name="laporan-kinerja.pdf")

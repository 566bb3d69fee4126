"""Penawaran: the quote list with its actions (the "Penawaran" tab of the Pesanan area)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.errors import UserError
from kws_desktop.i18n import N_, _
from kws_desktop.services.sales import quotes
from kws_desktop.ui.kit.fit import button_rows
from kws_desktop.ui.kit.forms import DateEdit, confirm, show_error
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.dated import backdate_asked
from kws_desktop.ui.kit.widgets import dialog_buttons
from kws_desktop.ui.pages.sales.package_editor import PackagesDialog
from kws_desktop.ui.pages.sales.quote_editor import QuoteEditor
from kws_desktop.ui.pages.sales.quote_format import AREA
from kws_desktop.ui.pages.sales.quote_view import QuoteView


LIST_COLUMNS = [Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", sortable=False),
                Column("customer", N_("Pelanggan"), sortable=False), Column("desa", N_("Desa"), sortable=False),
                Column("status", N_("Status"), sortable=False), Column("total", N_("Jumlah"), "money", sortable=False),
                Column("valid_until", N_("Berlaku sampai"), "date", sortable=False)]


class QuotesPanel(Page):
    """The quote list with its actions; the lead places it as the "Penawaran" tab."""

    area = AREA
    shows = ("sales", "jobs", "purchasing")  # accepted quotes become orders; prices from the catalog

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nomor, nama pelanggan atau desa..."))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(_("Semua status"), None)
        for key in quotes.STATUSES:
            self.status.addItem(quotes.status_label(key), key)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "F4"])
        self.paper.setToolTip(_("Ukuran kertas surat penawaran"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status)
        bar.addWidget(QLabel(_("Kertas")))
        bar.addWidget(self.paper)
        lay.addLayout(bar)
        self.model = PagedTableModel(LIST_COLUMNS)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.open())
        lay.addWidget(self.view, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        self.note = QLabel()  # what the editor left to do (attach the saved letter in WhatsApp)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        lay.addWidget(self.note)
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot in (("new", _("Penawaran baru"), self.new), ("open", _("Buka / ubah"), self.open),
                                ("send", _("Tandai terkirim"), self.send),
                                ("accept", _("Terima (jadikan pesanan)"), self.accept_quote),
                                ("reject", _("Tolak"), self.reject), ("revise", _("Revisi"), self.revise),
                                ("print", _("Cetak..."), self.print_quote), ("pdf", _("Simpan PDF..."), self.save_pdf),
                                ("packages", _("Paket pekerjaan..."), self.packages)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            self.actions[key] = b
        lay.addLayout(button_rows(list(self.actions.values()), per_row=5))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())

    def refresh(self) -> None:
        book = self.book
        if not book.read_only:
            try:
                quotes.expire_overdue(book, dt.date.today())
            except UserError:
                pass
        try:
            from kws_desktop.services.book.books import get_setting
            self.paper.setCurrentText(get_setting(book, "document_paper") or "A4")
        except KeyError:
            pass
        search, status = self.search.text(), self.status.currentData()

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "number": r.number, "date": r.date, "customer": r.customer_name, "desa": r.desa,
                     "status": r.status_label, "_status": r.status, "total": r.total, "valid_until": r.valid_until,
                     "_muted": r.status in ("superseded", "rejected", "expired")}
                    for r in quotes.list_quotes(book, search, status=status, offset=offset, limit=limit)]
        self.model.set_fetch(fetch)
        self.count.setText(_("{n} penawaran").format(n=quotes.count_quotes(book, search, status=status)))
        self._enable()

    def _enable(self) -> None:
        row = self._selected_row()
        state = row["_status"] if row else None
        allowed = {"open": state is not None, "send": state == "draft", "accept": state in quotes.ACCEPTABLE,
                   "reject": state in ("draft", "sent", "expired"), "revise": state in quotes.REVISABLE,
                   "print": state is not None, "pdf": state is not None, "new": True, "packages": True}
        for key, button in self.actions.items():
            button.setEnabled(allowed[key] and (key in ("print", "pdf", "open", "packages") or not self.book.read_only))

    def _selected_row(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def _selected(self) -> quotes.QuoteDetail | None:
        row = self._selected_row()
        if row is None:
            show_error(self, _("Pilih satu penawaran dulu."))
            return None
        return quotes.get_quote(self.book, row["id"])

    def new(self) -> None:
        self.edit(QuoteEditor(self))

    def edit(self, editor: QuoteEditor) -> None:
        """Run the editor; the quote it saved is then selected in the list, its buttons ready."""
        editor.exec()
        self.note.setText(editor.shared)
        self.note.setVisible(bool(editor.shared))
        if editor.saved is not None:
            self.select_quote(editor.saved.id)

    def select_quote(self, quote_id: int) -> bool:
        """Show the list afresh with `quote_id` selected (the search and status filter are
        cleared when they hide it)."""
        self.refresh_now()
        if self._select_row_of(quote_id):
            return True
        if not (self.search.text() or self.status.currentIndex()):
            return False
        for box, reset in ((self.search, self.search.clear), (self.status, lambda: self.status.setCurrentIndex(0))):
            box.blockSignals(True)
            reset()
            box.blockSignals(False)
        self.refresh_now()
        return self._select_row_of(quote_id)

    def _select_row_of(self, quote_id: int) -> bool:
        row = 0
        while row < self.model.rowCount() or self.model.canFetchMore():
            if row >= self.model.rowCount():
                self.model.fetchMore()
                continue
            if self.model.row(row)["id"] == quote_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
            row += 1
        return False

    def packages(self) -> None:
        PackagesDialog(self).exec()

    def open(self) -> None:
        q = self._selected()
        if q is None:
            return
        if q.status == "draft" and not self.book.read_only:
            self.edit(QuoteEditor(self, q))
        else:
            QuoteView(self, q).exec()

    def send(self) -> None:
        q = self._selected()
        if q:
            self.call(lambda: quotes.send_quote(self.book, q.id, max(dt.date.today(), q.date)))

    def accept_quote(self) -> None:
        q = self._selected()
        if q is None:
            return
        try:
            from kws_desktop.services.jobs.orders import accept_quote
        except ImportError:
            show_error(self, _("Bagian pesanan belum tersedia di versi ini."))
            return
        day = _ask_date(self, _("Terima penawaran {number}").format(number=q.number),
                        _("Tanggal pesanan (penawaran diterima):"), max(dt.date.today(), q.date))
        if day is None:
            return
        order = self.call(lambda: backdate_asked(self, lambda note: accept_quote(
            self.book, q.id, day, backdate_note=note)))
        if order is not None:
            self.ctx.notify_changes()
            number = getattr(order, "number", "")
            QMessageBox.information(self, _("Pesanan dibuat"),
                                    _("Penawaran {quote} diterima. Pesanan {order} sudah dibuat.").format(
                                        quote=q.number, order=number))

    def reject(self) -> None:
        q = self._selected()
        if q is None:
            return
        reason, ok = QInputDialog.getText(self, _("Penawaran ditolak"), _("Alasan (boleh kosong):"))
        if ok:
            self.call(lambda: quotes.reject_quote(self.book, q.id, max(dt.date.today(), q.date), reason))

    def revise(self) -> None:
        q = self._selected()
        if q is None:
            return
        if not confirm(self, _("Buat revisi dari {number}? Penawaran lama tetap disimpan dan ditandai "
                               "\"diganti revisi\"; revisinya mendapat nomor baru.").format(number=q.number)):
            return
        new = self.call(lambda: backdate_asked(self, lambda note: quotes.revise_quote(
            self.book, q.id, max(dt.date.today(), q.date), backdate_note=note)))
        if new is not None:
            self.edit(QuoteEditor(self, new))

    def _writer(self, q: quotes.QuoteDetail):
        paper = self.paper.currentText()
        return lambda path: quotes.write_quote_pdf(self.book, q.id, path, paper=paper)

    def print_quote(self) -> None:
        q = self._selected()
        if q is None:
            return
        from kws_desktop.ui.kit.pdf_preview import preview_document
        preview_document(self, self._writer(q), ctx=self.ctx, kind="penawaran",
                         title=_("Surat Penawaran Harga {number}").format(number=q.number),
                         suggested_name=f"{q.number}.pdf")

    def save_pdf(self) -> None:
        q = self._selected()
        if q is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, _("Simpan surat penawaran"), str(Path.home() / safe_file_name(f"{q.number}.pdf")),
                                               _("Berkas PDF (*.pdf)"))
        if not path:
            return
        try:
            self._writer(q)(Path(path))
        except (UserError, OSError) as exc:
            show_error(self, str(exc))
            return
        QMessageBox.information(self, _("Tersimpan"), _("Surat penawaran disimpan: {path}").format(path=path))


def _ask_date(parent: QWidget, title: str, label: str, default: dt.date) -> dt.date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    edit = DateEdit(value=default)
    form.addRow(label, edit)
    form.addRow(dialog_buttons(dialog, dialog.accept, _("Terima")))
    return edit.value() if dialog.exec() else None

"""The "Tagihan & Kuitansi" area: take a payment with the household in front of you, the
invoices and receipts lists (lazy, filtered, searchable), reprint, void, WhatsApp."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.i18n import N_, _, format_date, format_date_short, format_rupiah, p_
from kws_desktop.services.billing import invoices
from kws_desktop.services.billing import payments
from kws_desktop.services.billing import receivables
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit, confirm
from kws_desktop.ui.kit.tabbed import TabbedPage
from kws_desktop.ui.kit.pdf_preview import preview_document
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import add_buttons, ask_reason, selected_row, table_view

AREA = "tagihan"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _money_item(amount: int) -> QTableWidgetItem:
    item = QTableWidgetItem(format_rupiah(amount))
    item.setTextAlignment(RIGHT)
    return item


STATUS = {"open": N_("Belum lunas"), "paid": N_("Lunas"), "void": N_("BATAL"), "posted": N_("Sah")}


# --- quick payment --------------------------------------------------------------------------

class PaymentTab(QWidget):
    """Find the person, see what is owed, take the money, print the kuitansi."""

    def __init__(self, page: BillingPage):
        super().__init__()
        self.page = page
        self.invoices: list[invoices.InvoiceInfo] = []
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(_("1. Cari nama, nomor HP, desa, atau nomor tagihan")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Ketik nama pembayar…"))
        self.search.setClearButtonEnabled(True)
        left.addWidget(self.search)
        self.people = QListWidget()
        left.addWidget(self.people, 1)
        lay.addLayout(left, 2)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.people.currentItemChanged.connect(lambda *_a: self.load_person())

        right = QVBoxLayout()
        right.addWidget(QLabel(_("2. Yang masih harus dibayar")))
        self.owed = QTableWidget(0, 6)
        self.owed.setHorizontalHeaderLabels([_("Tagihan"), _("Tanggal"), _("Untuk"), _("Total"),
                                             _("Sudah dibayar"), _("Sisa")])
        self.owed.verticalHeader().hide()
        self.owed.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.owed.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.owed.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.owed.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.owed.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.owed.itemSelectionChanged.connect(self.load_invoice)
        right.addWidget(self.owed, 1)
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        self.schedule.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.schedule)

        box = QGroupBox(_("3. Terima uang"))
        form = QFormLayout(box)
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal"), DateEdit())
        self.amount = self.errors.add("amount", _("Jumlah uang"), MoneyEdit())
        self.amount.textChanged.connect(self.update_after)
        self.method = QComboBox()
        self.method.addItem(_("Tunai"), "cash")
        self.method.addItem(_("Transfer bank"), "transfer")
        self.errors.add("method", _("Cara bayar"), self.method)
        self.payer_name = self.errors.add("payer_name", _("Diserahkan oleh"), QLineEdit())
        self.payer_name.setPlaceholderText(_("(nama pembayar pada tagihan)"))
        self.advance = QCheckBox(_("Kelebihannya dicatat sebagai uang titipan"))
        self.advance.toggled.connect(self.update_after)
        self.errors.add("advance", "", self.advance)
        self.after = QLabel()
        form.addRow(_("Sisa sesudah ini"), self.after)
        form.addRow(self.errors.general)
        self.take = QPushButton(_("Terima dan cetak kuitansi"))
        self.take.setDefault(True)
        self.take.clicked.connect(self.take_payment)
        form.addRow(self.take)
        right.addWidget(box)
        lay.addLayout(right, 5)

    def refresh(self) -> None:
        self.find()

    def find(self) -> None:
        current = self.people.currentItem().data(Qt.ItemDataRole.UserRole) if self.people.currentItem() else None
        matches = receivables.find_payers(self.page.book, self.search.text())
        self.people.blockSignals(True)
        self.people.clear()
        for m in matches:
            owed = format_rupiah(m.outstanding) if m.outstanding else _("lunas")
            where = f" · {m.desa}" if m.desa else ""
            item = QListWidgetItem(f"{m.name}{where}\n   {_('sisa')}: {owed}")
            item.setData(Qt.ItemDataRole.UserRole, m.customer_id)
            self.people.addItem(item)
            if m.customer_id == current:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        if self.people.currentItem() is None and self.people.count():
            self.people.setCurrentRow(0)
        self.load_person()

    def customer_id(self) -> int | None:
        item = self.people.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def load_person(self) -> None:
        cid = self.customer_id()
        self.invoices = invoices.open_invoices_for_customer(self.page.book, cid) if cid else []
        self.owed.setRowCount(len(self.invoices))
        for r, inv in enumerate(self.invoices):
            what = ", ".join(inv.order_numbers) or inv.payer_label
            for c, item in enumerate((QTableWidgetItem(inv.number), QTableWidgetItem(format_date_short(inv.date)),
                                      QTableWidgetItem(what), _money_item(inv.total), _money_item(inv.paid),
                                      _money_item(inv.outstanding))):
                self.owed.setItem(r, c, item)
        if self.invoices:
            self.owed.blockSignals(True)
            self.owed.selectRow(0)
            self.owed.blockSignals(False)
            self.load_invoice()
        else:
            self.schedule.setText(_("Tidak ada tagihan yang belum lunas.") if cid else "")
            self.amount.set_value(0)
        self.take.setEnabled(bool(self.invoices))
        self.errors.clear()

    def invoice(self) -> invoices.InvoiceInfo | None:
        rows = self.owed.selectionModel().selectedRows()
        return self.invoices[rows[0].row()] if rows and rows[0].row() < len(self.invoices) else None

    def load_invoice(self) -> None:
        inv = self.invoice()
        if inv is None:
            return
        count = len(inv.instalments)
        has_dp = any(i.is_down_payment for i in inv.instalments)
        today = dt.date.today()
        lines = []
        for i in inv.instalments:
            state = _("lunas") if i.open <= 0 else (
                _("kurang {amount}").format(amount=format_rupiah(i.open)))
            late = i.open > 0 and i.due_date < today
            text = f"{i.label(count, has_dp)}: {format_rupiah(i.amount)}, {_('jatuh tempo')} " \
                   f"{format_date(i.due_date)} — {state}"
            lines.append(f"<span style='color:#b00020'>{text} ({_('terlambat')})</span>" if late else text)
        self.schedule.setText("<br>".join(lines))
        nxt = next((i for i in inv.instalments if i.open > 0), None)
        self.amount.set_value(nxt.open if nxt else 0)
        self.update_after()

    def update_after(self) -> None:
        inv = self.invoice()
        if inv is None:
            self.after.setText("")
            return
        rest = inv.outstanding - self.amount.value()
        if rest >= 0:
            self.after.setText(format_rupiah(rest) if rest else _("Rp0 — LUNAS"))
        elif self.advance.isChecked():
            self.after.setText(_("Rp0 — LUNAS, uang titipan {amount}").format(amount=format_rupiah(-rest)))
        else:
            self.after.setText(_("lebih {amount}").format(amount=format_rupiah(-rest)))

    def take_payment(self) -> None:
        inv = self.invoice()
        if inv is None:
            return
        amount = self.amount.value()
        advance = max(0, amount - inv.outstanding) if self.advance.isChecked() else 0
        day = self.date.value()
        backdate_note = ""
        latest = payments.backdated_before(self.page.book, day)
        if latest is not None:
            # the kuitansi number would run against the dates: ask, and keep the reason
            backdate_note = ask_reason(self, _("Tanggal sebelum kuitansi terakhir"), _(
                "Kuitansi terakhir bertanggal {latest}; kuitansi ini bertanggal {date}, jadi "
                "nomornya tidak urut dengan tanggalnya. Bila tanggalnya benar, tulis alasannya:")
                .format(latest=format_date(latest), date=format_date(day)))
            if not backdate_note:
                return
        paid = self.page.call(lambda: payments.record_payment(
            self.page.book, invoice_id=inv.id, date=day, amount=amount,
            method=self.method.currentData(), payer_name=self.payer_name.text(), advance=advance,
            printed=False, backdate_note=backdate_note), changed=AREA, errors=self.errors)
        if paid is None:
            return
        self.payer_name.clear()
        self.advance.setChecked(False)
        self.page.preview_receipt(paid.receipt_number)


# --- lists ----------------------------------------------------------------------------------

INVOICE_COLUMNS = [
    Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", sortable=False),
    Column("payer", N_("Pembayar"), sortable=False), Column("kind", N_("Jenis"), sortable=False),
    Column("due_date", N_("Jatuh tempo"), "date", sortable=False), Column("total", N_("Jumlah"), "money", sortable=False),
    Column("paid", N_("Dibayar"), "money", sortable=False), Column("open", N_("Sisa"), "money", sortable=False),
    Column("status", N_("Status"), sortable=False)]
RECEIPT_COLUMNS = [
    Column("number", N_("Nomor"), sortable=False), Column("date", N_("Tanggal"), "date", sortable=False),
    Column("payer", N_("Sudah terima dari"), sortable=False), Column("invoice", N_("Tagihan"), sortable=False),
    Column("method", N_("Cara bayar"), sortable=False), Column("amount", N_("Jumlah"), "money", sortable=False),
    Column("status", N_("Status"), sortable=False), Column("printed", N_("Dicetak"), "int", sortable=False)]


class DocumentList(QWidget):
    """A lazy list of documents: a search box and filters above it (the list follows them),
    the count and the actions below."""

    def __init__(self, page: BillingPage, columns: list[Column]):
        super().__init__()
        self.page = page
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nomor atau nama…"))
        self.search.setClearButtonEnabled(True)
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 2)
        self.model = PagedTableModel(columns)
        self.view = table_view(self.model, stretch=2)
        self.count = QLabel()
        self.actions = QHBoxLayout()
        self.actions.addWidget(self.count)
        self.actions.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(self.filters)
        lay.addWidget(self.view, 1)
        lay.addLayout(self.actions)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())

    def add_filter(self, choices) -> QComboBox:
        """A filter of (label, code) choices beside the search box; choosing one reloads the list."""
        box = QComboBox()
        for label, code in choices:
            box.addItem(label, code)
        box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filters.addWidget(box)
        return box

    def refresh(self) -> None:
        """Reload the list with the current search and filters."""


class InvoicesTab(DocumentList):
    def __init__(self, page: BillingPage):
        super().__init__(page, INVOICE_COLUMNS)
        self.status = self.add_filter(((_("Semua status"), None), (_("Belum lunas"), "open"),
                                       (_("Lunas"), "paid"), (_("Batal"), "void"), (_("Terlambat"), "late")))
        self.kind = self.add_filter(((_("Semua pembayar"), None), (_("Rumah tangga (swadaya)"), "swadaya"),
                                     (_("Program / lembaga"), "program")))
        add_buttons(self.actions, ((_("Cetak tagihan…"), self.print_invoice),
                                   (_("Surat pengingat…"), self.reminder),
                                   (_("Potong uang muka…"), self.apply_advance), (_("Batalkan tagihan…"), self.void)))
        self.view.doubleClicked.connect(lambda _i: self.print_invoice())

    def _filters(self) -> dict:
        status = self.status.currentData()
        late = status == "late"
        return {"search": self.search.text(), "status": None if late else status,
                "payer_type": self.kind.currentData(), "overdue_on": dt.date.today() if late else None}

    def refresh(self) -> None:
        book, f = self.page.book, self._filters()

        def fetch(offset, limit, _key, _desc):
            return [{"id": r.id, "number": r.number, "date": r.date, "payer": r.payer_name,
                     "kind": receivables.payer_label(r.payer_type), "due_date": r.due_date, "total": r.total,
                     "paid": r.paid, "open": r.outstanding, "status": _(STATUS[r.status]),
                     "customer_id": r.customer_id, "_muted": r.status == "void"}
                    for r in receivables.list_invoices(book, offset=offset, limit=limit, **f)]
        self.model.set_fetch(fetch)
        self.count.setText(_("{n} tagihan").format(n=receivables.count_invoices(book, **f)))

    def print_invoice(self) -> None:
        row = selected_row(self.view)
        if row:
            preview_document(self, lambda path: invoices.write_invoice_pdf(self.page.book, row["number"], path),
                             ctx=self.page.ctx, kind="tagihan", title=_("Tagihan {number}").format(
                                 number=row["number"]), suggested_name=f"{row['number']}.pdf")

    def apply_advance(self) -> None:
        from kws_desktop.ui.pages.billing.advance_dialog import apply_advance_to
        apply_advance_to(self.page, selected_row(self.view))

    def reminder(self) -> None:
        row = selected_row(self.view)
        if row:
            preview_document(self, lambda path: receivables.write_reminder_pdf(self.page.book, row["customer_id"], path),
                             ctx=self.page.ctx, kind="surat", title=_("Surat pengingat"),
                             suggested_name=safe_file_name(f"Pengingat {row['payer']}.pdf"))

    def void(self) -> None:
        row = selected_row(self.view)
        if not row:
            return
        reason = ask_reason(self, _("Batalkan tagihan {number}").format(number=row["number"]))
        if reason is not None:
            self.page.call(lambda: invoices.void_invoice(self.page.book, row["id"], reason), changed=AREA)


class ReceiptsTab(DocumentList):
    def __init__(self, page: BillingPage):
        super().__init__(page, RECEIPT_COLUMNS)
        self.status = self.add_filter(((_("Semua"), None), (_("Sah"), "posted"), (_("Batal"), "void")))
        self.method = self.add_filter(((_("Tunai dan transfer"), None), (_("Tunai"), "cash"),
                                       (_("Transfer"), "transfer")))
        add_buttons(self.actions, ((_("Cetak ulang (SALINAN)…"), self.reprint),
                                   (_("Bagikan ke WhatsApp"), self.share), (_("Batalkan pembayaran…"), self.void)))
        self.view.doubleClicked.connect(lambda _i: self.reprint())

    def _filters(self) -> dict:
        return {"search": self.search.text(), "status": self.status.currentData(),
                "method": self.method.currentData()}

    def refresh(self) -> None:
        book, f = self.page.book, self._filters()

        def fetch(offset, limit, _key, _desc):
            return [{"number": r.number, "date": r.date, "payer": r.payer_name, "invoice": r.invoice_number,
                     "method": _("Tunai") if r.method == "cash" else _("Transfer"), "amount": r.amount,
                     "status": _(STATUS[r.status]), "printed": r.print_count, "payment_id": r.payment_id,
                     "_muted": r.status == "void"}
                    for r in receivables.list_receipts(book, offset=offset, limit=limit, **f)]
        self.model.set_fetch(fetch)
        self.count.setText(_("{n} kuitansi").format(n=receivables.count_receipts(book, **f)))

    def reprint(self) -> None:
        row = selected_row(self.view)
        if row:
            self.page.preview_receipt(row["number"])

    def share(self) -> None:
        row = selected_row(self.view)
        if row:
            self.page.share_receipt(row["number"])

    def void(self) -> None:
        row = selected_row(self.view)
        if not row:
            return
        reason = ask_reason(self, _("Batalkan pembayaran {number}").format(number=row["number"]))
        if reason is None:
            return
        if not confirm(self, _("Kuitansi {number} akan ditandai BATAL dan jurnalnya dibalik. "
                               "Lanjutkan?").format(number=row["number"])):
            return
        self.page.call(lambda: payments.void_payment(self.page.book, row["payment_id"], reason), changed=AREA)


# --- the page -------------------------------------------------------------------------------

class BillingPage(TabbedPage):
    """Only the tab on screen is loaded; another tab loads when it is chosen."""
    area = AREA
    watches = ("pesanan", "pelanggan")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, _("Tagihan & Kuitansi"), parent)
        self.payment_tab = PaymentTab(self)
        self.invoices_tab = InvoicesTab(self)
        self.receipts_tab = ReceiptsTab(self)
        self.add_tabs((self.payment_tab, _("Terima pembayaran")),
                      (self.invoices_tab, p_("jamak", "Tagihan")),
                      (self.receipts_tab, p_("jamak", "Kuitansi")))

    def preview_receipt(self, number: str) -> None:
        """Show the kuitansi; the first print is the original, later ones say SALINAN."""
        preview_document(self, lambda path: payments.write_receipt(self.book, number, path, mark_printed=False),
                         ctx=self.ctx, kind="kuitansi", title=_("Kuitansi {number}").format(number=number),
                         suggested_name=f"{number}.pdf",
                         on_output=lambda: payments.mark_receipts_printed(self.book, [number]))
        self.receipts_tab.refresh()

    def share_receipt(self, number: str) -> None:
        """Save the kuitansi PDF, then open WhatsApp with a message to the payer."""
        info = self.call(lambda: payments.receipt_share(self.book, number))
        if info is None:
            return
        folder = Path.home() / "Documents" / "KWS Kuitansi"
        target, _f = QFileDialog.getSaveFileName(self, _("Simpan kuitansi untuk dikirim"),
                                                 str(folder / safe_file_name(f"{number}.pdf")), "PDF (*.pdf)")
        if not target:
            return
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        if self.call(lambda: payments.write_receipt(self.book, number, target)) is None:
            return
        if not info.phone:
            QMessageBox.information(self, _("Bagikan ke WhatsApp"), _(
                "Pembayar ini belum punya nomor HP. Pilih kontaknya sendiri di WhatsApp."))
        QDesktopServices.openUrl(QUrl(info.url))
        QMessageBox.information(self, _("Bagikan ke WhatsApp"), _(
            "Kuitansi disimpan di {path}. Lampirkan berkas itu di WhatsApp, lalu kirim.").format(path=target))

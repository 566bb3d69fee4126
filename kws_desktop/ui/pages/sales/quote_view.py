"""A quote that can no longer change, shown read-only with its internal cost view."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kws_desktop.i18n import _, format_date, format_percent, format_quantity, format_rupiah, p_
from kws_desktop.services.sales import quotes
from kws_desktop.ui.kit.widgets import RIGHT
from kws_desktop.ui.pages.sales.quote_format import INTERNAL_STYLE


class QuoteView(QDialog):
    """A quote that can no longer change: what it says, and its internal cost view."""

    def __init__(self, page: QWidget, q: quotes.QuoteDetail):
        super().__init__(page)
        self.setWindowTitle(_("Penawaran {number}").format(number=q.number))
        self.resize(760, 560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(_("Status"), QLabel(q.status_label + (f" — {q.reject_reason}" if q.reject_reason else "")))
        form.addRow(_("Pelanggan"), QLabel(q.customer.name))
        form.addRow(_("Tanggal"), QLabel(_("{date}  (berlaku sampai {until})").format(
            date=format_date(q.date), until=format_date(q.valid_until))))
        if q.previous_number:
            form.addRow(_("Revisi dari"), QLabel(q.previous_number))
        if q.next_number:
            form.addRow(_("Diganti oleh"), QLabel(q.next_number))
        lay.addLayout(form)
        table = QTableWidget(len(q.items), 5)
        table.setHorizontalHeaderLabels([_("Uraian"), p_("banyaknya", "Jumlah"), _("Satuan"), _("Harga satuan"), _("Jumlah harga")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, i in enumerate(q.items):
            for c, text in enumerate((i.description, format_quantity(i.qty), i.unit, format_rupiah(i.unit_price),
                                      format_rupiah(i.amount))):
                item = QTableWidgetItem(text)
                if c in (1, 3, 4):
                    item.setTextAlignment(RIGHT)
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(table, 1)
        t = q.totals
        summary = QFormLayout()
        if t.discount:
            summary.addRow(_("Potongan harga"), QLabel(format_rupiah(t.discount)))
        total = QLabel(format_rupiah(t.total))
        total.setStyleSheet("font-weight: bold;")
        summary.addRow(_("Total penawaran"), total)
        for p in q.payers:
            text = format_rupiah(p.amount) + (f"  ({p.instalments} {_('kali')})" if p.instalments else "")
            summary.addRow(p.payer_name or p.label, QLabel(text))
        lay.addLayout(summary)
        internal = QGroupBox(_("Untuk kelompok saja (tidak dicetak)"))
        internal.setStyleSheet(INTERNAL_STYLE)
        il = QFormLayout(internal)
        il.addRow(_("Biaya bahan, upah, transport, alat"), QLabel(format_rupiah(t.cost)))
        il.addRow(_("Biaya umum (overhead)"), QLabel(format_rupiah(t.overhead)))
        il.addRow(_("Keuntungan"), QLabel(f"{format_rupiah(t.margin)}  ({format_percent(t.margin_pct)})"))
        lay.addWidget(internal)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(_("Tutup"))
        box.rejected.connect(self.reject)
        lay.addWidget(box)

"""The "Kas & Bank" area: balances, other expenses and income, cash <-> bank, with the list."""
from __future__ import annotations

from dataclasses import asdict

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, _, format_rupiah
from kws_desktop.services.cash import entries
from kws_desktop.ui.kit.dated import dated_asked
from kws_desktop.ui.kit.forms import DateEdit, FormErrors, MoneyEdit
from kws_desktop.ui.kit.page import Page, heading
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import VoidDialog, dialog_buttons, period_row, selected_row, table_view

AREA = "kas"
COLUMNS = [
    Column("number", N_("Nomor")), Column("date", N_("Tanggal"), "date"), Column("kind_label", N_("Jenis")),
    Column("money_label", N_("Kas/Bank")), Column("category", N_("Untuk / dari")),
    Column("description", N_("Keterangan")), Column("party", N_("Dibayar ke / diterima dari")),
    Column("amount", N_("Jumlah"), "money"), Column("status_label", N_("Status")),
]


def _as_row(entry: entries.CashEntryRow) -> dict:
    row = asdict(entry)
    row["kind_label"] = _(entries.KIND_LABELS[entry.kind])
    row["money_label"] = _(entries.MONEY_LABELS[entry.money_account])
    row["status_label"] = _("BATAL") if entry.status == DocStatus.VOID else ""
    row["_muted"] = entry.status == DocStatus.VOID
    return row


class CashEntryDialog(QDialog):
    """Write one expense, income or transfer; mistakes show beside the field, nothing saved."""

    def __init__(self, page: Page, kind: str):
        super().__init__(page)
        self.page, self.kind = page, kind
        titles = {"expense": _("Catat pengeluaran"), "income": _("Catat pemasukan lain"),
                  "transfer": _("Pindahkan uang kas/bank")}
        self.setWindowTitle(titles[kind])
        form = QFormLayout(self)
        self.errors = FormErrors(form)
        self.date = self.errors.add("date", _("Tanggal"), DateEdit())
        self.money = QComboBox()
        if kind == "transfer":
            self.money.addItem(_("Setor tunai ke bank (dari kas)"), "cash")
            self.money.addItem(_("Tarik tunai dari bank (ke kas)"), "bank")
        else:
            for key in ("cash", "bank"):
                self.money.addItem(_(entries.MONEY_LABELS[key]), key)
        self.errors.add("money_account", _("Arah") if kind == "transfer" else _("Uang dari/ke"), self.money)
        self.category = QComboBox()
        if kind != "transfer":
            choices = entries.EXPENSE_CATEGORIES if kind == "expense" else entries.INCOME_CATEGORIES
            for code, label in choices:
                self.category.addItem(_(label), code)
            self.errors.add("category", _("Untuk apa") if kind == "expense" else _("Dari mana"), self.category)
        self.amount = self.errors.add("amount", _("Jumlah (Rp)"), MoneyEdit())
        self.description = self.errors.add("description", _("Keterangan"), QLineEdit())
        self.party = QLineEdit()
        if kind != "transfer":
            self.errors.add("party", _("Dibayar ke") if kind == "expense" else _("Diterima dari"), self.party)
        form.addRow(self.errors.general)
        form.addRow(dialog_buttons(self, self.save))

    def save(self) -> None:
        book = self.page.book
        if self.kind == "transfer":
            write = lambda ok, note: entries.transfer(
                book, date=self.date.value(), from_account=self.money.currentData(), amount=self.amount.value(),
                description=self.description.text(), future_ok=ok, backdate_note=note)
        else:
            record = entries.record_expense if self.kind == "expense" else entries.record_income
            write = lambda ok, note: record(book, date=self.date.value(), money_account=self.money.currentData(),
                                            category=self.category.currentData(), amount=self.amount.value(),
                                            description=self.description.text(), party=self.party.text(),
                                            future_ok=ok, backdate_note=note)
        if self.page.call(lambda: dated_asked(self, write), errors=self.errors) is not None:
            self.accept()


class CashPage(Page):
    area = AREA
    shows = ("cash", "book")  # balances come from the ledger every posting writes

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(_("Kas & Bank")))
        self.balances = QLabel()
        self.balances.setObjectName("balances")
        lay.addWidget(self.balances)
        actions = QHBoxLayout()
        for text, kind, tip in (
                (_("Catat pengeluaran"), "expense", _("Uang keluar selain belanja bahan dan upah: ATK, pulsa, rapat, alat.")),
                (_("Catat pemasukan lain"), "income", _("Uang masuk selain pembayaran tagihan: bunga bank, sumbangan.")),
                (_("Setor / tarik bank"), "transfer", _("Memindahkan uang antara kas tunai dan rekening bank."))):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, k=kind: self.new_entry(k))
            actions.addWidget(button)
        void = QPushButton(_("Batalkan catatan…"))
        void.setToolTip(_("Catatan yang salah dibatalkan dengan alasan; nomornya tetap tercatat."))
        void.clicked.connect(self.void_selected)
        actions.addWidget(void)
        actions.addStretch(1)
        lay.addLayout(actions)
        filters, self.start, self.end = period_row()
        self.kind = QComboBox()
        self.kind.addItem(_("Semua jenis"), None)
        for key, label in entries.KIND_LABELS.items():
            self.kind.addItem(_(label), key)
        filters.addWidget(self.kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari keterangan, nama, nomor…"))
        filters.addWidget(self.search, 1)
        for signal in (self.start.dateChanged, self.end.dateChanged, self.kind.currentIndexChanged,
                       self.search.textChanged):
            signal.connect(self.reload_list)
        lay.addLayout(filters)
        self.model = PagedTableModel(COLUMNS)
        self.view = table_view(self.model)
        lay.addWidget(self.view, 1)

    def refresh(self) -> None:
        balances = entries.cash_balances(self.book)
        self.balances.setText(_("Saldo kas: {cash}    ·    Saldo bank: {bank}").format(
            cash=format_rupiah(balances["cash"]), bank=format_rupiah(balances["bank"])))
        self.reload_list()

    def reload_list(self) -> None:
        if self.ctx.book is None:
            return
        book, kind, start, end, search = (self.book, self.kind.currentData(), self.start.value(),
                                          self.end.value(), self.search.text())

        def fetch(offset, limit, _sort, _desc):
            return [_as_row(e) for e in entries.list_cash_entries(book, offset=offset, limit=limit, kind=kind,
                                                            start=start, end=end, search=search)]
        self.model.set_fetch(fetch)

    def new_entry(self, kind: str) -> None:
        CashEntryDialog(self, kind).exec()

    def void_selected(self) -> None:
        row = selected_row(self.view)
        if row is None or row["status"] == DocStatus.VOID:
            return
        VoidDialog(self, self, title=_("Batalkan {number}").format(number=row["number"]),
                   note=_("Catatan {number} dibatalkan: saldo kas atau bank kembali seperti sebelum "
                          "dicatat. Catatannya tidak dihapus: nomornya tetap, ditandai BATAL.")
                   .format(number=row["number"]),
                   void=lambda reason: entries.void_cash_entry(self.book, row["id"], reason=reason),
                   ok_text=_("Batalkan catatan")).exec()

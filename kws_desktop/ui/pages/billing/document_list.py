"""What the invoice and receipt lists share: a lazy list with a search box, filters, the count
and actions, and how a document's status reads."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import N_, _
from kws_desktop.ui.kit.table_model import Column, PagedTableModel
from kws_desktop.ui.kit.widgets import table_view

if TYPE_CHECKING:
    from kws_desktop.ui.pages.billing.page import BillingPage


STATUS = {"open": N_("Belum lunas"), "paid": N_("Lunas"), DocStatus.VOID: N_("BATAL"), DocStatus.POSTED: N_("Sah")}


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

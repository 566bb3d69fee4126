"""The "Pesanan" area: quotes (Penawaran) and orders (Pesanan) side by side in tabs."""
from __future__ import annotations

import importlib

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kws_desktop.i18n import NP_, _
from kws_desktop.ui.context import AppContext
from kws_desktop.ui.pages.base import missing_area

TABS = [
    ("orders", "kws_desktop.ui.pages.orders", "OrdersPanel", NP_("jamak", "Pesanan")),
    ("quotes", "kws_desktop.ui.pages.quotes", "QuotesPanel", NP_("jamak", "Penawaran")),
]


class OrdersAreaPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.panels: dict[str, QWidget] = {}
        for key, module, cls, title in TABS:
            try:
                panel = getattr(importlib.import_module(module), cls)(ctx)
            except ModuleNotFoundError:
                panel = missing_area(_(title))
            self.panels[key] = panel
            self.tabs.addTab(panel, _(title))
        lay.addWidget(self.tabs)

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.panels[key])

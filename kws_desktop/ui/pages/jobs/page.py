"""The "Pesanan" area: quotes (Penawaran) and orders (Pesanan) side by side in tabs.

A tab's panel (and its module) is built when the tab is first shown, so opening the area builds
only the order list."""
from __future__ import annotations

import importlib

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kws_desktop.i18n import NP_, _
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.page import broken_area

TABS = [
    ("orders", "kws_desktop.ui.pages.jobs.order_list", "OrdersPanel", NP_("jamak", "Pesanan")),
    ("quotes", "kws_desktop.ui.pages.sales.quote_list", "QuotesPanel", NP_("jamak", "Penawaran")),
]
TAB_KEYS = [t[0] for t in TABS]


class OrdersAreaPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.panels: dict[str, QWidget] = {}
        for _key, _module, _cls, title in TABS:
            self.tabs.addTab(QWidget(), _(title))  # replaced by the panel when first shown
        self.tabs.currentChanged.connect(lambda index: self.panel(TAB_KEYS[index]))
        lay.addWidget(self.tabs)
        self.panel(TAB_KEYS[0])

    def panel(self, key: str) -> QWidget:
        """The tab's panel, built on first use."""
        if key not in self.panels:
            index = TAB_KEYS.index(key)
            _key, module, cls, title = TABS[index]
            try:
                panel = getattr(importlib.import_module(module), cls)(self.ctx)
            except ImportError as exc:  # a broken install: say so on the page, never hide the area
                panel = broken_area(_(title), exc)
            self.panels[key] = panel
            from kws_desktop.ui.kit.light_tables import fit_to_visible_rows
            from kws_desktop.ui.kit.tooltips import apply_tooltips
            apply_tooltips(panel)
            fit_to_visible_rows(panel)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, panel, _(title))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()
        return self.panels[key]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.panel(key))

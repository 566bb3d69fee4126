"""An area page made of tabs: a heading over a tab widget; only the tab on screen is reloaded."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.page import Page, heading


class TabbedPage(Page):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.tabs = QTabWidget()
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title))
        lay.addWidget(self.tabs)

    def add_tabs(self, *tabs: tuple[QWidget, str]) -> None:
        """Add the (tab, title) pairs; from then on, showing another tab reloads it."""
        for tab, title in tabs:
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh_now())

    def refresh(self) -> None:
        tab = self.tabs.currentWidget()
        if hasattr(tab, "refresh"):
            tab.refresh()

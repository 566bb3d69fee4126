"""The frequent actions from anywhere: new payment, new purchase, new quote, find."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

from kws_desktop.i18n import _

if TYPE_CHECKING:
    from kws_desktop.ui.shell.main_window import MainWindow


def new_payment(window: MainWindow) -> None:
    if window.ctx.book is None:
        return
    window.show_area("tagihan")
    page = window.page("tagihan")
    tab = getattr(page, "payment_tab", None)
    if tab is not None:
        page.tabs.setCurrentWidget(tab)
        tab.search.setFocus()
        tab.search.selectAll()


def new_purchase(window: MainWindow) -> None:
    if window.ctx.book is None:
        return
    window.show_area("bahan")
    page = window.page("bahan")
    panel = getattr(page, "purchases", None)
    if panel is not None:
        page.tabs.setCurrentWidget(panel)
        if not window.ctx.book.read_only:
            panel.new()


def new_quote(window: MainWindow) -> None:
    if window.ctx.book is None:
        return
    window.show_area("pesanan")
    page = window.page("pesanan")
    if hasattr(page, "show_tab"):
        page.show_tab("quotes")
    panel = getattr(page, "panels", {}).get("quotes")
    if panel is not None and hasattr(panel, "new") and not window.ctx.book.read_only:
        panel.new()


def _visible_search_boxes(root: QWidget) -> list[QLineEdit]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        box = getattr(widget, "search", None)
        if isinstance(box, QLineEdit) and box.isVisible() and box.isEnabled() and box not in found:
            found.append(box)
    return found


def find_in_page(window: MainWindow) -> QLineEdit | None:
    """Focus the search box of what is on screen (the current tab's, if the page has tabs)."""
    if window.ctx.book is None:
        return None
    key = window.current_area()
    if key is None:
        return None
    page = window.page(key)
    boxes = _visible_search_boxes(page)
    if not boxes:  # a page without a named search box: its first visible clearable line edit
        boxes = [e for e in page.findChildren(QLineEdit)
                 if e.isVisible() and e.isClearButtonEnabled() and not e.isReadOnly()]
    if not boxes:
        window.statusBar().showMessage(_("Halaman ini tidak punya kotak cari."), 2500)
        return None
    box = boxes[0]
    for tabs in page.findChildren(QTabWidget):  # prefer the box inside the tab on screen
        current = tabs.currentWidget()
        inside = [b for b in boxes if current is not None and current.isAncestorOf(b)]
        if inside:
            box = inside[0]
    box.setFocus()
    box.selectAll()
    return box

"""Shared by the page tests: an area page over a book, shown offscreen like in the window."""
from __future__ import annotations

from kws_desktop.ui.kit.context import AppContext


def shown_page(qtbot, book, page_class, size: tuple[int, int] = (1100, 700)):
    ctx = AppContext()
    ctx.book = book
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    return page

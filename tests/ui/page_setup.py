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


def click(widget, text: str) -> None:
    """Press the button labelled `text` inside `widget`, as the user would."""
    from PySide6.QtWidgets import QAbstractButton
    buttons = [b for b in widget.findChildren(QAbstractButton) if b.text() == text]
    assert len(buttons) == 1, f"{len(buttons)} buttons labelled {text!r}"
    buttons[0].click()


def context_with_packages(book) -> AppContext:
    """A window context on `book` with the starter materials and the example packages loaded."""
    from kws_desktop.services.purchasing.materials import load_starter_catalog
    from kws_desktop.services.sales import packages
    load_starter_catalog(book)
    packages.load_default_packages(book)
    ctx = AppContext()
    ctx.book = book
    return ctx

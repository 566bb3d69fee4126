"""Percentages in a window's table column keep one decimal (21,0% under 21,3%), right-aligned."""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt

from kws_desktop.ui.pages.people.page import MembersPage
from kws_desktop.ui.pages.sales.quote_list import QuotesPanel
from tests.ui.page_setup import shown_page

ONE_DECIMAL = re.compile(r"\d{1,3}(\.\d{3})*,\d%")
RIGHT = Qt.AlignmentFlag.AlignRight


def _column(table, column: int) -> list[tuple[str, int]]:
    items = [table.item(r, column) for r in range(table.rowCount())]
    return [(i.text(), int(i.textAlignment())) for i in items if i is not None and i.text()]


def test_the_gender_tab_shares_keep_one_decimal(demo_book, qtbot):
    page = shown_page(qtbot, demo_book, MembersPage)
    tab = page.gender_tab
    tab.start.set_value(dt.date(2025, 1, 1))
    tab.end.set_value(dt.date(2026, 11, 28))
    tab.refresh()
    shares = _column(tab.table, 3)
    assert len(shares) >= 5, shares
    assert all(ONE_DECIMAL.fullmatch(text) and align & int(RIGHT) for text, align in shares), shares


def test_the_packages_margin_column_keeps_one_decimal(demo_book, qtbot):
    from kws_desktop.ui.pages.sales.package_editor import PackagesDialog
    panel = shown_page(qtbot, demo_book, QuotesPanel)
    dialog = PackagesDialog(panel)
    qtbot.addWidget(dialog)
    margins = _column(dialog.table, 5)
    assert len(margins) >= 3, margins
    assert all(ONE_DECIMAL.fullmatch(text) and align & int(RIGHT) for text, align in margins), margins

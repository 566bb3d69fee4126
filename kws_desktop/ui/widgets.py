"""Small widgets every page uses: a list view over a paged model, the selected row, a reason."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QInputDialog, QLabel, QTableView, QWidget

from kws_desktop.i18n import _
from kws_desktop.ui.forms import DateEdit


def table_view(model, parent: QWidget | None = None) -> QTableView:
    """A read-only list: whole rows selected, one at a time, columns fitted to their content."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_row(view: QTableView) -> dict | None:
    """The row dict behind the selected line of a PagedTableModel view, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().row(rows[0].row()) if rows else None


def ask_reason(parent: QWidget, title: str, label: str | None = None) -> str | None:
    """Ask why (for a void or a reversal). None when the user cancels."""
    text, ok = QInputDialog.getText(parent, title, label or _("Alasan pembatalan:"))
    return text if ok else None


def period_row(start: dt.date | None = None, end: dt.date | None = None):
    """A "Periode [from] s.d. [to]" row; returns (layout, start_edit, end_edit)."""
    today = dt.date.today()
    start_edit = DateEdit(value=start or dt.date(today.year, 1, 1))
    end_edit = DateEdit(value=end or today)
    row = QHBoxLayout()
    row.addWidget(QLabel(_("Periode")))
    row.addWidget(start_edit)
    row.addWidget(QLabel(_("s.d.")))
    row.addWidget(end_edit)
    return row, start_edit, end_edit

"""A lazy table model: rows come from a service a page at a time, never the whole table."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kws_desktop.i18n import _, format_date_short, format_quantity, format_rupiah

PAGE_SIZE = 200


@dataclass(frozen=True)
class Column:
    key: str
    title: str            # Indonesian source string; translated when shown
    kind: str = "text"    # text | money | int | qty | date | bool
    sortable: bool = True


# fetch(offset, limit, sort_key, descending) -> list of row dicts
Fetch = Callable[[int, int, str | None, bool], list[dict]]


class PagedTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], fetch: Fetch | None = None, parent=None,
                 page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.columns = columns
        self._fetch = fetch
        self._rows: list[dict] = []
        self._exhausted = fetch is None
        self._page = page_size
        self._sort_key: str | None = None
        self._descending = False
        self._busy = False  # inside a reset or a fetch: views asking for more must wait

    # --- the query ------------------------------------------------------------------
    def set_fetch(self, fetch: Fetch) -> None:
        """Replace the query (new filter) and start again from the first page."""
        self._fetch = fetch
        self.reload()

    def reload(self) -> None:
        # Views react to the reset by asking for more rows; they must not insert rows while the
        # reset is still being announced, so the first page is fetched once it is over.
        self._busy = True
        try:
            self.beginResetModel()
            self._rows = []
            self._exhausted = self._fetch is None
            self.endResetModel()
        finally:
            self._busy = False
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def row(self, index: int) -> dict:
        return self._rows[index]

    @property
    def loaded_rows(self) -> int:
        return len(self._rows)

    # --- Qt model ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._busy

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._exhausted or self._fetch is None or self._busy:
            return
        self._busy = True
        try:
            batch = self._fetch(len(self._rows), self._page, self._sort_key, self._descending)
            if len(batch) < self._page:
                self._exhausted = True
            if batch:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
                self._rows.extend(batch)
                self.endInsertRows()
        finally:
            self._busy = False

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            if self.columns[section].kind in ("money", "int", "qty"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        col = self.columns[index.column()]
        row = self._rows[index.row()]
        value = row.get(col.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value, col.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("money", "int", "qty"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col.kind == "money" and isinstance(value, int) and value < 0:
                return QBrush(QColor("#b00020"))
            if row.get("_muted"):
                return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.FontRole and row.get("_bold"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        col = self.columns[column]
        if not col.sortable:
            return
        self._sort_key = col.key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()


def display(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return format_rupiah(int(value))
    if kind == "date":
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        return format_date_short(value)
    if kind == "qty":
        return format_quantity(Decimal(str(value)))
    if kind == "bool" or isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if kind == "int":
        return f"{int(value):,}".replace(",", ".")
    return str(value)

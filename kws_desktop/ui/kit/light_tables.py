"""Keep list views light: a column fitted to its content looks only at the rows on screen.

Qt's default for ResizeToContents measures up to 1,000 rows of every column each time rows
arrive, asking the model for every cell; with paged lists of 200 rows that alone kept the UI
thread busy for a third of a second when an area opened."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget


def fit_to_visible_rows(root: QWidget) -> None:
    """Every table header under `root` sizes its columns from the visible rows only."""
    for header in root.findChildren(QHeaderView):
        header.setResizeContentsPrecision(0)

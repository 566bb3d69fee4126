"""Screens that fit a cheap laptop (1366×768) and a projector (1024×768), also zoomed.

A page that needs more room than the window has scrolls inside its area instead of pushing
the window past the screen; a window or dialog asks for its preferred size only as far as the
screen allows."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

SCREEN_MARGIN = 40  # room left for the task bar and the window frame


def screen_room(widget: QWidget | None = None) -> QSize:
    """The usable size of the screen `widget` is on (the primary screen before it is shown)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size()
    return QSize(max(320, room.width() - SCREEN_MARGIN // 2), max(240, room.height() - SCREEN_MARGIN))


def fitted_size(widget: QWidget | None, width: int, height: int) -> QSize:
    """(`width`, `height`), made smaller where the screen is smaller."""
    room = screen_room(widget)
    return QSize(min(width, room.width()), min(height, room.height()))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to its preferred size, as far as the screen allows."""
    widget.resize(fitted_size(widget, width, height))


def scrolled(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that follows its size: it scrolls only when the
    room is smaller than what `content` needs."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area


def button_rows(buttons: list[QWidget], per_row: int) -> QVBoxLayout:
    """`buttons` in rows of `per_row`, each row left-aligned: a long row of actions stays
    within a 1024-px screen."""
    rows = QVBoxLayout()
    rows.setSpacing(4)
    for start in range(0, len(buttons), per_row):
        row = QHBoxLayout()
        for button in buttons[start:start + per_row]:
            row.addWidget(button)
        row.addStretch(1)
        rows.addLayout(row)
    return rows

"""What every page shares: the open book, the app settings, and change notifications."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kws_desktop.settings import AppSettings, app_settings, save_settings

if TYPE_CHECKING:  # the window paints before SQLAlchemy is even imported
    from kws_desktop.store.book import Book


class AppContext(QObject):
    book_changed = Signal()        # a book was opened or closed
    data_changed = Signal(object)  # frozenset of the areas an operation changed (services/
                                   # book/changes.py names); pages showing one of them refresh
    area_requested = Signal(str)   # ask the main window to show an area (dashboard click-through)
    language_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.book: Book | None = None
        try:
            self.settings: AppSettings = app_settings()
        except OSError:  # no settings folder can be made (a read-only home): defaults, still runs
            self.settings = AppSettings()

    def save_settings(self) -> None:
        """Save; a settings folder that cannot be written (a read-only home or USB stick) costs
        only the remembered choices, never the book, and is logged."""
        try:
            save_settings(self.settings)
        except OSError as exc:
            from kws_desktop.logs import log_exception
            log_exception(exc, "settings not saved")

    def notify_changes(self, also: frozenset[str] = frozenset()) -> None:
        """Tell the pages what the operations since the last call changed: the areas whose
        tables the book's committed transactions wrote (plus `also`, for what lives outside
        the book, such as a saved exercise start)."""
        changed = set(also)
        if self.book is not None:
            from kws_desktop.services.book.changes import take_changed_areas
            changed |= take_changed_areas(self.book)
        if changed:
            self.data_changed.emit(frozenset(changed))

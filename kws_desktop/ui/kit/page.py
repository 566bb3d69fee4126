"""The base of every area page: access to the book, refresh when data changes, safe calls."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.forms import show_error

if TYPE_CHECKING:
    from kws_desktop.store.book import Book


class Page(QWidget):
    """Subclasses build their widgets in __init__ and fill them in refresh().

    `area` is the sidebar key (help, the workshop's exercises); `shows` names the areas whose
    records the page shows (services/book/changes.py: "sales", "billing", ..., "book" for the
    ledger; "*" for all): when an operation changed one of them, the page refreshes.
    """

    area: str = ""
    shows: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.data_changed.connect(self._on_data_changed)
        ctx.book_changed.connect(self.mark_stale)

    @property
    def book(self) -> Book:
        assert self.ctx.book is not None
        return self.ctx.book

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_now()

    def refresh_now(self) -> None:
        self._stale = False
        if self.ctx.book is not None:
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale:
            self.refresh_now()

    def _on_data_changed(self, areas: frozenset[str]) -> None:
        if "*" in self.shows or areas & set(self.shows):
            self.mark_stale()

    def call(self, action: Callable[[], Any], *, errors=None) -> Any | None:
        """Run a service call; a UserError is shown (beside fields when `errors` is a FormErrors)
        and None returned; on success the pages showing what it changed refresh."""
        try:
            result = action()
        except UserError as exc:
            if errors is not None:
                errors.show(exc)
            else:
                show_error(self, exc)
            return None
        if errors is not None:
            errors.clear()
        self.ctx.notify_changes()
        return result


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageHeading")
    return label


def broken_area(title: str, exc: BaseException) -> QWidget:
    """Shown in place of an area whose code failed to load (a broken install): says so plainly
    and writes the details to the log, instead of hiding the area or crashing the window."""
    from kws_desktop.logs import log_exception, log_file
    log_exception(exc, f"area {title!r} failed to load")
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.addWidget(heading(title))
    where = log_file()
    text = _("Bagian ini tidak dapat dibuka karena ada kesalahan di program. Buku Anda tidak "
             "berubah. Pasang ulang KWS Desktop, atau kirim catatan kesalahan kepada pendamping.")
    if where is not None:
        text += "\n" + _("Catatan kesalahan: {path}").format(path=where)
    label = QLabel(text)
    label.setWordWrap(True)
    lay.addWidget(label)
    lay.addStretch(1)
    return w

"""Asking about a document's date the one way for every dialog that issues a numbered document.

`backdate_asked(parent, action)`: the service refuses a document dated before the latest one of
its kind this year (services/book/backdating.py BackdateError): the user is asked why and the
action runs again with the reason. `dated_asked` adds the question about money dated after
today (forms.future_date_asked) for the money documents.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.services.book.backdating import BackdateError
from kws_desktop.ui.kit.forms import future_date_asked

T = TypeVar("T")


def backdate_asked(parent: QWidget | None, action: Callable[[str], T]) -> T:
    """Run `action(backdate_note)`; when the service refuses only because the document would be
    numbered against the dates, ask why (the service's sentence says what is wrong) and run it
    again with the reason. Cancelled or left empty: the refusal goes on beside the date field,
    nothing saved."""
    try:
        return action("")
    except BackdateError as exc:
        reason = ask_why(parent, _("Tanggal lebih awal dari nomor sebelumnya"),
                         exc.message + "\n\n" + _("Alasan:"))
        if not (reason or "").strip():
            raise UserError(exc.message, field="date") from exc
    return action(reason)


def ask_why(parent: QWidget | None, title: str, label: str) -> str | None:
    """The reason typed, or None when the user cancels; the long sentence wraps, so the question
    fits a 1024-pixel screen."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    for text in dialog.findChildren(QLabel):
        text.setWordWrap(True)
    dialog.setMinimumWidth(460)
    dialog.resize(520, dialog.sizeHint().height())
    return dialog.textValue() if dialog.exec() else None


def dated_asked(parent: QWidget | None, action: Callable[[bool, str], T]) -> T:
    """Money documents: `action(future_ok, backdate_note)` with both questions asked as needed."""
    return future_date_asked(parent, lambda future_ok: backdate_asked(
        parent, lambda note: action(future_ok, note)))

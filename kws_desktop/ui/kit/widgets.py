"""Small widgets every page uses: a list view over a paged model, the selected row, a period,
a search box, a row of buttons, a red error line, Save/Cancel, the void form and how a voided
kuitansi reads in a list."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QBoxLayout, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from kws_desktop.i18n import _, format_rupiah, p_
from kws_desktop.ui.kit.forms import ERROR_STYLE, DateEdit, FormErrors, show_error


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # numbers in table cells

def table_view(model, parent: QWidget | None = None, stretch: int | None = None) -> QTableView:
    """A read-only list: whole rows selected, one at a time, columns fitted to their content;
    column `stretch` (the last one when None) takes the spare width."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(0)  # fit to the rows on screen, not to every loaded row
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def selected_row(view: QTableView) -> dict | None:
    """The row dict behind the selected line of a PagedTableModel view, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().row(rows[0].row()) if rows else None


def chosen_row(view: QTableView, missing: str) -> dict | None:
    """The selected row; when there is none the user is told `missing` (e.g. "Pilih satu nota dulu.")."""
    row = selected_row(view)
    if row is None:
        show_error(view, missing)
    return row


def period_row(start: dt.date | None = None, end: dt.date | None = None, *, label: str | None = None,
               between: str | None = None):
    """A "Periode [from] s.d. [to]" row (other words by `label` and `between`), from January 1st
    to today unless told; returns (layout, start_edit, end_edit)."""
    today = dt.date.today()
    start_edit = DateEdit(value=start or dt.date(today.year, 1, 1))
    end_edit = DateEdit(value=end or today)
    row = QHBoxLayout()
    row.addWidget(QLabel(label or _("Periode")))
    row.addWidget(start_edit)
    row.addWidget(QLabel(between or _("s.d.")))
    row.addWidget(end_edit)
    return row, start_edit, end_edit


def search_box(placeholder: str, on_change) -> QLineEdit:
    """A search line that calls `on_change(text)` as the user types."""
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.textChanged.connect(on_change)
    return box


def add_buttons(layout: QBoxLayout, actions) -> list[QPushButton]:
    """A push button per (text, slot) in `actions`, added to `layout` in order."""
    buttons = []
    for text, slot in actions:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        buttons.append(button)
    return buttons


def error_label() -> QLabel:
    """A red line for a refusal, hidden until there is something to say."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def dialog_buttons(dialog: QDialog, on_ok, ok_text: str | None = None) -> QDialogButtonBox:
    """Save/Cancel in the user's language (Qt's own labels are not translated): the first calls
    `on_ok`, the second closes the dialog."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Save).setText(ok_text or _("Simpan"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(p_("tombol", "Batal"))
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box


def void_receipt_note(amount: int, reason: str) -> str:
    """How a list says a kuitansi was voided: BATAL, why, and that its money is not counted."""
    text = _("BATAL: {reason}").format(reason=reason) if reason else _("BATAL")
    return text + " · " + _("{amount} tidak dihitung").format(amount=format_rupiah(amount))


class VoidDialog(QDialog):
    """Asks why a document is voided. `void(reason)` runs through `page.call`: a refusal (an empty
    reason, a closed period) shows beside the field and nothing is saved; once voided the dialog
    closes and the pages showing what changed refresh."""

    def __init__(self, parent: QWidget, page, *, title: str, note: str, void, ok_text: str):
        super().__init__(parent)
        self._page, self._void = page, void
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        explain = QLabel(note)
        explain.setWordWrap(True)
        lay.addWidget(explain)
        form = QFormLayout()
        lay.addLayout(form)
        self.errors = FormErrors(form)
        self.reason = self.errors.add("reason", _("Alasan pembatalan"), QLineEdit())
        lay.addWidget(self.errors.general)
        lay.addWidget(dialog_buttons(self, self.save, ok_text))

    def save(self) -> None:
        done = self._page.call(lambda: self._void(self.reason.text()) or True, errors=self.errors)
        if done is not None:
            self.accept()

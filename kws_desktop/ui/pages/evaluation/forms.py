"""What the Kinerja tabs share: the dialog frame of their forms, choice boxes, and the warning and
all-good styles."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout

from kws_desktop.i18n import _
from kws_desktop.ui.kit.forms import FormErrors
from kws_desktop.ui.kit.page import Page
from kws_desktop.ui.kit.widgets import dialog_buttons


WARN_STYLE = "color: #8a5a00; background: #fff4d6; padding: 4px;"
OK_STYLE = "color: #1f5f3a; background: #e5f4ea; padding: 4px;"


def combo(items: dict[str, str], everything: str | None = None) -> QComboBox:
    """A choice among `items` (code -> label); `everything` first, meaning no filter, when given."""
    box = QComboBox()
    if everything is not None:
        box.addItem(everything, None)
    for code, label in items.items():
        box.addItem(_(label), code)
    return box


class EvaluationDialog(QDialog):
    """A form of the Kinerja area: fields with their error lines, saved through the page."""

    def __init__(self, page: Page, title: str):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.form = QFormLayout(self)
        self.errors = FormErrors(self.form)

    def finish(self) -> None:
        self.form.addRow(self.errors.general)
        self.form.addRow(dialog_buttons(self, self.save))

    def attempt(self, action) -> None:
        if self.page.call(action, errors=self.errors) is not None:
            self.accept()

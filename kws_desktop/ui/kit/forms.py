"""Form helpers: money, quantity and date fields, and errors shown beside the field."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QDateEdit, QFormLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QWidget)

from kws_desktop.core.money import QuantityError, to_quantity
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, current_language, format_number, p_

ERROR_STYLE = "color: #b00020;"


def qty_text(qty: Decimal) -> str:
    """A quantity to type over: no thousands dots (they would read back as decimals), comma decimals."""
    return format(Decimal(qty).normalize(), "f").replace(".", ",")


class MoneyValidator(QValidator):
    """Digits with optional dot grouping (1.250.000); no decimals: money is whole rupiah."""

    def validate(self, text, pos):
        plain = text.replace(".", "").replace(" ", "").removeprefix("Rp")
        if plain == "":
            return QValidator.State.Intermediate, text, pos
        if plain.isdigit() and len(plain) <= 15:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


class MoneyEdit(QLineEdit):
    """A rupiah amount: typed as digits, shown with dots, read back as int."""

    def __init__(self, parent: QWidget | None = None, value: int = 0):
        super().__init__(parent)
        self.setValidator(MoneyValidator(self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText("0")
        self.set_value(value)
        self.editingFinished.connect(self._regroup)

    def value(self) -> int:
        plain = self.text().replace(".", "").replace(" ", "").removeprefix("Rp")
        return int(plain) if plain.isdigit() else 0

    def set_value(self, value: int) -> None:
        self.setText(format_number(value, parentheses=False) if value else "")

    def _regroup(self) -> None:
        self.set_value(self.value())


class QuantityEdit(QLineEdit):
    """A quantity with up to three decimals; comma or dot as decimal sign."""

    def __init__(self, parent: QWidget | None = None, value: Decimal | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        if value is not None:
            self.set_value(value)

    def value(self) -> Decimal | None:
        """The quantity, or None when the text is not a number (the service then says why)."""
        try:
            return to_quantity(self.text()) if self.text().strip() else None
        except QuantityError:
            return None

    def set_value(self, value: Decimal) -> None:
        """Shown without thousands dots (1250,5), so the text always reads back the same."""
        text = format(Decimal(value).normalize(), "f")
        self.setText(text.replace(".", ",") if current_language() == "id" else text)


class DateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None, value: dt.date | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.set_value(value or dt.date.today())

    def value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class FormErrors:
    """Shows each problem of a UserError in a red line under the field it names."""

    def __init__(self, layout: QFormLayout):
        self._layout = layout
        self._fields: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self.general = QLabel()
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()

    def add(self, name: str, label: str, widget: QWidget, focus: QWidget | None = None) -> QWidget:
        """Add a row `label: widget` with an (initially hidden) error line below it; a problem
        with the field puts the cursor in `focus` (default: the widget itself)."""
        self._layout.addRow(label, widget)
        err = QLabel()
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.hide()
        self._layout.addRow("", err)
        self._fields[name] = focus or widget
        self._labels[name] = err
        return widget

    def share(self, name: str, widget: QWidget, shown_under: str) -> None:
        """Problems with field `name` (typed in `widget`) show in the error line of `shown_under`,
        for two fields on one row (RT / RW, a date and the date it is valid until)."""
        self._fields[name] = widget
        self._labels[name] = self._labels[shown_under]

    def message(self, name: str) -> str:
        """The problem shown under field `name`; empty when none is shown."""
        label = self._labels[name]
        return "" if label.isHidden() else label.text()

    def messages(self) -> list[str]:
        """Every problem on show: under the fields, then the general ones."""
        shown = [label.text() for label in dict.fromkeys(self._labels.values()) if not label.isHidden()]
        return shown + ([] if self.general.isHidden() else [self.general.text()])

    def clear(self) -> None:
        for label in self._labels.values():
            label.hide()
        self.general.hide()

    def show(self, error: UserError) -> None:
        self.clear()
        general = []
        for field, message in error.problems:
            label = self._labels.get(field or "")
            if label is None:
                general.append(message)
            else:
                label.setText(message)
                label.show()
        first = next((f for f, _m in error.problems if f in self._fields), None)
        if first:
            self._fields[first].setFocus()
        if general:
            self.general.setText("\n".join(general))
            self.general.show()


def show_error(parent: QWidget | None, error: UserError | str, title: str | None = None) -> None:
    message = error.message if isinstance(error, UserError) else str(error)
    QMessageBox.warning(parent, title or _("Tidak bisa disimpan"), message)


def confirm(parent: QWidget | None, question: str, title: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title or _("Konfirmasi"), question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(p_("tombol", "Ya"))  # never Qt's English
    box.button(QMessageBox.StandardButton.No).setText(p_("tombol", "Tidak"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_password(parent: QWidget | None, why: str) -> str | None:
    """The password typed (hidden while typing), or None when the user cancels."""
    text, ok = QInputDialog.getText(parent, _("Kata sandi PostgreSQL"),
                                    why + "\n\n" + _("Ketik kata sandinya:"), QLineEdit.EchoMode.Password)
    return text if ok and text else None

"""Form helpers: money, quantity and date fields, and errors shown beside the field."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QDateEdit, QFormLayout, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QStyledItemDelegate, QTextEdit, QToolTip,
                               QWidget)

from kws_desktop.core.money import QuantityError, to_quantity
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, current_language, format_date, format_number, format_rupiah, p_
from kws_desktop.services.book.dates import FutureDateError

ERROR_STYLE = "color: #b00020;"
T = TypeVar("T")


MAX_MONEY_DIGITS = 15  # below one quadrillion, as core.money.MAX_RUPIAH


def typed_money_problem(text: str) -> str | None:
    """Why `text` cannot be an amount being typed (None when it can): whole rupiah, digits
    grouped with dots, an optional "Rp" in front."""
    body = text.strip()
    if body[:2].lower() == "rp":
        body = body[2:]
    body = body.replace(" ", "")
    if "-" in body or "−" in body:
        return _("Tanda minus tidak bisa dipakai: tulis jumlah uangnya saja, misalnya 50.000.")
    if "," in body:
        return _("Tulis rupiah bulat tanpa koma (tanpa sen), misalnya 50.000.")
    if any(not (ch.isdigit() and ch.isascii()) and ch != "." for ch in body):
        return _("Hanya angka yang bisa diketik di sini, misalnya 50.000.")
    if len(body.replace(".", "")) > MAX_MONEY_DIGITS:
        return _("Angka ini terlalu panjang untuk jumlah uang.")
    return None


def qty_text(qty: Decimal) -> str:
    """A quantity to type over: no thousands dots (they would read back as decimals), comma decimals."""
    return format(Decimal(qty).normalize(), "f").replace(".", ",")


class MoneyValidator(QValidator):
    """Lets in only what typed_money_problem accepts; tells the field why it refused the rest."""

    def __init__(self, edit: MoneyEdit):
        super().__init__(edit)
        self._edit = edit

    def validate(self, text, pos):
        problem = typed_money_problem(text)
        if problem is not None:
            self._edit.refuse(problem)
            return QValidator.State.Invalid, text, pos
        if not text.strip():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class MoneyEdit(QLineEdit):
    """The one field for an amount of rupiah: digits only, grouped with dots as they are typed
    (1.250.000), read back as an int. A minus sign, letters or a comma are not let in: the field
    says why beside itself (the red line of its FormErrors row, or a tip under it) and emits
    `refused(message)`. Enter emits returnPressed as in any line edit."""

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None, value: int = 0):
        super().__init__(parent)
        self.refusal = ""  # the last refusal shown, "" once a good key is typed again
        self.tip_refusals = True  # a tip under the field; off when a FormErrors line shows them
        self.setValidator(MoneyValidator(self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText("0")
        self.set_value(value)
        self.textEdited.connect(self._regroup_as_typed)

    def value(self) -> int:
        plain = self.text().replace(".", "").replace(" ", "").removeprefix("Rp").removeprefix("rp")
        return int(plain) if plain.isdigit() else 0

    def set_value(self, value: int) -> None:
        self.setText(format_number(value, parentheses=False) if value else "")

    def refuse(self, message: str) -> None:
        self.refusal = message
        self.refused.emit(message)
        if self.tip_refusals and not self.signalsBlocked():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Backspace or Delete next to a grouping dot removes the digit beyond it, not the dot
        # (which the regrouping would put straight back).
        if not self.hasSelectedText():
            pos, text = self.cursorPosition(), self.text()
            if event.key() == Qt.Key.Key_Backspace and pos > 0 and text[pos - 1] == ".":
                self.setCursorPosition(pos - 1)
            elif event.key() == Qt.Key.Key_Delete and pos < len(text) and text[pos] == ".":
                self.setCursorPosition(pos + 1)
        super().keyPressEvent(event)

    def _regroup_as_typed(self, text: str) -> None:
        if self.refusal:
            self.refusal = ""
            self.refused.emit("")
            QToolTip.hideText()
        digits_before = sum(ch.isdigit() for ch in text[:self.cursorPosition()])
        digits = "".join(ch for ch in text if ch.isdigit())
        stripped = digits.lstrip("0") or ("0" if digits else "")
        digits_before = max(0, digits_before - (len(digits) - len(stripped)))
        grouped = format_number(int(stripped), parentheses=False) if stripped else ""
        if grouped == text:
            return
        pos = 0
        seen = 0
        while pos < len(grouped) and seen < digits_before:
            seen += grouped[pos].isdigit()
            pos += 1
        self.setText(grouped)
        self.setCursorPosition(pos)


class MoneyDelegate(QStyledItemDelegate):
    """A table cell holding rupiah ("Rp1.250.000") is edited with a MoneyEdit: the same rules
    as every amount field (no minus, no letters, grouped as typed)."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        return MoneyEdit(parent)

    def setEditorData(self, editor: MoneyEdit, index) -> None:  # noqa: N802
        digits = "".join(ch for ch in str(index.data() or "") if ch.isdigit())
        editor.set_value(int(digits) if digits else 0)
        editor.selectAll()

    def setModelData(self, editor: MoneyEdit, model, index) -> None:  # noqa: N802
        model.setData(index, format_rupiah(editor.value()))


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

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        # Tab goes to the next field, as in every other field (Qt's date field would step
        # through day, month and year); the arrow keys and typing still move between them.
        return QWidget.focusNextPrevChild(self, next)

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
        self.watch(name, widget)
        if focus is not None and focus is not widget:
            self.watch(name, focus)
        return widget

    def watch(self, name: str, widget: QWidget) -> None:
        """Hide the error of `name` as soon as `widget` is changed (the mistake is being fixed);
        a MoneyEdit's refusal of a key is shown there too."""
        changed = _changed_signal(widget)
        if changed is not None:
            changed.connect(lambda *_a: self.hide_error(name))
        if isinstance(widget, MoneyEdit):
            widget.tip_refusals = False
            widget.refused.connect(lambda message: self.show_message(name, message))

    def show_message(self, name: str, message: str) -> None:
        label = self._labels.get(name)
        if label is None:
            return
        label.setText(message)
        label.setVisible(bool(message))

    def hide_error(self, name: str) -> None:
        label = self._labels.get(name)
        if label is not None:
            label.hide()

    def share(self, name: str, widget: QWidget, shown_under: str) -> None:
        """Problems with field `name` (typed in `widget`) show in the error line of `shown_under`,
        for two fields on one row (RT / RW, a date and the date it is valid until)."""
        self._fields[name] = widget
        self._labels[name] = self._labels[shown_under]
        self.watch(name, widget)

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


def _changed_signal(widget: QWidget):
    """The signal a user's change of `widget` emits (None for widgets without one)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
        return widget.valueChanged
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    return None


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


def confirm_future_date(parent: QWidget | None, day: dt.date) -> bool:
    """Ask whether money really changes hands on `day`, a date after today, spelled out."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Tanggal belum tiba"), _(
        "Tanggal {date} belum tiba: hari ini {today}.\n\nApakah uang ini memang dicatat dengan "
        "tanggal {date}?").format(date=format_date(day), today=format_date(dt.date.today())), parent=parent)
    yes = box.addButton(_("Ya, tanggal {date}").format(date=format_date(day)), QMessageBox.ButtonRole.YesRole)
    check = box.addButton(_("Periksa tanggalnya lagi"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(check)
    box.setEscapeButton(check)
    box.exec()
    return box.clickedButton() is yes


def future_date_asked(parent: QWidget | None, action: Callable[[bool], T]) -> T:
    """Run `action(future_ok)` for money dated by the user: when the service refuses only because
    the date is after today (FutureDateError), ask with the date spelled out and run it again
    with future_ok=True if the user confirms; otherwise the refusal goes on to the caller (shown
    beside the date field)."""
    try:
        return action(False)
    except FutureDateError as exc:
        if not confirm_future_date(parent, exc.day):
            raise
    return action(True)


def ask_password(parent: QWidget | None, why: str) -> str | None:
    """The password typed (hidden while typing), or None when the user cancels."""
    text, ok = QInputDialog.getText(parent, _("Kata sandi PostgreSQL"),
                                    why + "\n\n" + _("Ketik kata sandinya:"), QLineEdit.EchoMode.Password)
    return text if ok and text else None

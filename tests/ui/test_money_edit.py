"""The one amount field (ui/kit/forms.py MoneyEdit), typed into with keys as a treasurer does:
digits grouped as they are typed, the cursor where the next digit goes, a minus sign and letters
refused with a message beside the field (not swallowed silently)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QWidget

from kws_desktop.errors import UserError
from kws_desktop.ui.kit.forms import FormErrors, MoneyEdit


@pytest.fixture
def form(qtbot):
    host = QWidget()
    layout = QFormLayout(host)
    errors = FormErrors(layout)
    edit = errors.add("amount", "Jumlah uang", MoneyEdit())
    qtbot.addWidget(host)
    host.show()
    edit.setFocus()
    yield edit, errors
    host.close()


def test_digits_are_grouped_as_typed(form, qtbot):
    edit, _errors = form
    qtbot.keyClicks(edit, "1250000")
    assert edit.text() == "1.250.000" and edit.value() == 1_250_000
    assert edit.cursorPosition() == len(edit.text())


def test_a_digit_typed_in_the_middle_keeps_the_cursor_after_it(form, qtbot):
    edit, _errors = form
    qtbot.keyClicks(edit, "125000")
    assert edit.text() == "125.000"
    edit.setCursorPosition(1)  # after the 1
    qtbot.keyClicks(edit, "0")
    assert edit.text() == "1.025.000"
    assert edit.text()[:edit.cursorPosition()] == "1.0"


def test_backspace_beside_a_dot_removes_the_digit_before_it(form, qtbot):
    edit, _errors = form
    qtbot.keyClicks(edit, "1250000")
    edit.setCursorPosition(2)  # just after "1."
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "250.000"


def test_a_minus_sign_is_refused_with_a_message_beside_the_field(form, qtbot):
    """The finding: -50000 dropped the minus and saved a Rp50.000 kuitansi."""
    edit, errors = form
    qtbot.keyClicks(edit, "-")
    assert edit.text() == ""
    assert "Tanda minus tidak bisa dipakai" in errors.message("amount")
    assert edit.refusal == errors.message("amount")
    qtbot.keyClicks(edit, "50000")
    assert edit.text() == "50.000" and errors.message("amount") == "" and edit.refusal == ""


@pytest.mark.parametrize("typed, words", [("a", "Hanya angka"), ("5x", "Hanya angka"),
                                          ("5,", "tanpa koma")])
def test_letters_and_commas_are_refused_not_swallowed(form, qtbot, typed, words):
    """The finding: letters vanished and the service then said "harus lebih dari Rp0"."""
    edit, errors = form
    qtbot.keyClicks(edit, typed)
    assert edit.text() == "".join(ch for ch in typed if ch.isdigit())
    assert words in errors.message("amount")


def test_a_pasted_amount_with_rp_and_dots_is_read(form, qtbot):
    edit, _errors = form
    edit.insert("Rp1.250.000")
    assert edit.value() == 1_250_000


def test_a_pasted_negative_amount_is_refused_whole(form, qtbot):
    edit, errors = form
    edit.insert("-50.000")
    assert edit.text() == "" and "minus" in errors.message("amount")


def test_more_digits_than_any_amount_are_refused(form, qtbot):
    edit, errors = form
    qtbot.keyClicks(edit, "9" * 16)
    assert edit.value() == int("9" * 15) and "terlalu panjang" in errors.message("amount")


def test_leading_zeros_fall_away(form, qtbot):
    edit, _errors = form
    qtbot.keyClicks(edit, "0050")
    assert edit.text() == "50"


def test_a_service_error_beside_the_field_clears_when_the_amount_is_changed(form, qtbot):
    edit, errors = form
    errors.show(UserError("Jumlah uang harus lebih dari Rp0.", field="amount"))
    assert errors.message("amount") == "Jumlah uang harus lebih dari Rp0."
    qtbot.keyClicks(edit, "5")
    assert errors.message("amount") == ""


def test_a_field_outside_a_form_still_says_why(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.show()
    said = []
    edit.refused.connect(said.append)
    qtbot.keyClicks(edit, "-")
    assert said and "minus" in said[0] and edit.text() == ""


# --- money dated after today: one question, the date spelled out ---------------------------

def _future_refusal(day):
    from kws_desktop.services.book.dates import FutureDateError
    return FutureDateError(f"Tanggal {day} belum tiba.", field="date", day=day)


def test_a_date_after_today_is_asked_once_then_saved(monkeypatch):
    import datetime as dt

    from kws_desktop.ui.kit import forms
    day = dt.date.today() + dt.timedelta(days=3)
    asked, calls = [], []
    monkeypatch.setattr(forms, "confirm_future_date", lambda parent, d: asked.append(d) or True)

    def action(future_ok):
        calls.append(future_ok)
        if not future_ok:
            raise _future_refusal(day)
        return "disimpan"
    assert forms.future_date_asked(None, action) == "disimpan"
    assert asked == [day] and calls == [False, True]


def test_saying_no_keeps_the_refusal_beside_the_date(monkeypatch):
    import datetime as dt

    from kws_desktop.services.book.dates import FutureDateError
    from kws_desktop.ui.kit import forms
    day = dt.date.today() + dt.timedelta(days=3)
    monkeypatch.setattr(forms, "confirm_future_date", lambda parent, d: False)
    calls = []

    def action(future_ok):
        calls.append(future_ok)
        raise _future_refusal(day)
    with pytest.raises(FutureDateError):
        forms.future_date_asked(None, action)
    assert calls == [False]


def test_the_question_spells_the_date_out(qtbot, monkeypatch):
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from kws_desktop.ui.kit import forms
    seen = {}

    def answer(box):
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        box.buttons()[0].click()  # "Ya, tanggal ..."
        return 0
    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert forms.confirm_future_date(None, dt.date(2027, 1, 5)) is True
    assert "Tanggal 5 Januari 2027 belum tiba" in seen["text"]
    assert "Ya, tanggal 5 Januari 2027" in seen["buttons"] and "Periksa tanggalnya lagi" in seen["buttons"]


def test_a_money_cell_of_a_table_is_edited_with_the_same_field(qtbot):
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    from kws_desktop.ui.kit.forms import MoneyDelegate
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    table.setItemDelegateForColumn(0, MoneyDelegate(table))
    table.setItem(0, 0, QTableWidgetItem("Rp50.000"))
    table.show()
    table.editItem(table.item(0, 0))
    editor = table.findChild(MoneyEdit)
    assert editor is not None and editor.value() == 50_000
    qtbot.keyClicks(editor, "-")
    assert editor.refusal and "minus" in editor.refusal
    qtbot.keyClicks(editor, "1250000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it after the key is handled
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "Rp1.250.000")

"""Pelanggan page: the lazy list, a clear word when nothing is selected, Save/Cancel in Indonesian."""
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from kws_desktop.ui.pages.sales.customers import CustomerDialog, CustomersPage
from tests.ui.page_setup import shown_page


@pytest.fixture
def page(qtbot, demo_book):
    return shown_page(qtbot, demo_book, CustomersPage)


def test_list_fills_and_edit_needs_a_choice(page, monkeypatch, qtmodeltester):
    assert 0 < page.list.model.rowCount() <= 200 and "pelanggan" in page.list.count.text()
    qtmodeltester.check(page.list.model)
    told = []
    monkeypatch.setattr("kws_desktop.ui.kit.widgets.show_error", lambda _p, msg: told.append(msg))
    page.list.view.clearSelection()
    page.edit()
    page.quote()
    assert told == ["Pilih satu pelanggan dulu."] * 2
    page.list.view.selectRow(0)
    assert page.list.selected_id() == page.list.model.row(0)["id"]


def test_dialog_buttons_are_in_indonesian(page):
    box = CustomerDialog(page).findChild(QDialogButtonBox)
    assert box.button(QDialogButtonBox.StandardButton.Save).text() == "Simpan"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Batal"

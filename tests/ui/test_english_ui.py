"""The window in English: the two "Batal" (Cancel button, Cancelled status), the sidebar."""
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from kws_desktop.i18n import set_language
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def english_window(qtbot, demo_path):
    set_language("en")
    ctx = AppContext()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert w.open_location(str(demo_path))
    yield w
    set_language("id")
    if ctx.book is not None:
        ctx.book.close(backup=False)
        ctx.book = None


def test_sidebar_in_english(english_window):
    titles = [english_window.sidebar.item(i).text() for i in range(english_window.sidebar.count())]
    assert titles[:3] == ["Home", "Orders", "Customers"]
    assert "Members" in titles and "Settings" in titles


def test_cancel_button_and_cancelled_status_are_different_words(english_window):
    english_window.show_area("tagihan")
    invoices = english_window.page("tagihan").invoices_tab
    statuses = [invoices.status.itemText(i) for i in range(invoices.status.count())]
    assert "Cancelled" in statuses and "Cancel" not in statuses

    from kws_desktop.ui.pages.sales.customers import CustomerDialog
    english_window.show_area("pelanggan")
    dialog = CustomerDialog(english_window.page("pelanggan"))
    box = dialog.findChild(QDialogButtonBox)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    dialog.deleteLater()


def test_file_menu_exit_is_not_a_member_leaving(english_window):
    from PySide6.QtWidgets import QMenu
    texts = [a.text() for menu in english_window.menuBar().findChildren(QMenu) for a in menu.actions()]
    assert "Exit" in texts and "Left" not in texts

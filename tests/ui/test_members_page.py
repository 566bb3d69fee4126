import datetime as dt

from kws_desktop.services.people import members
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.pages.people.page import MembersPage
from kws_desktop.ui.pages.people.register_tab import MemberDialog


def test_members_page_tabs_and_register_form(book, qtbot):
    members.register_member(book, members.MemberInput("Siti Aminah", "P", "ketua", joined_on=dt.date(2025, 1, 1)))
    ctx = AppContext()
    ctx.book = book
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.register_tab.model.rowCount() == 1
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
    # a bad form shows the message beside the field and saves nothing
    dialog = MemberDialog(page)
    qtbot.addWidget(dialog)
    dialog.name.setText("")
    dialog.save()
    assert "Nama anggota wajib diisi." in dialog.errors.message("name")
    assert members.count_members(book) == 1
    dialog.name.setText("Budi")
    dialog.gender.setCurrentIndex(1)
    dialog.save()
    assert members.count_members(book) == 2
    # the sharing preview explains why it cannot be computed (no profit)
    page.tabs.setCurrentWidget(page.sharing_tab)
    assert page.sharing_tab.show_preview() is False
    assert "tidak punya laba" in "".join(page.sharing_tab.errors.messages())

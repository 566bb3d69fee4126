import datetime as dt

from kws_desktop.services.people import members
from kws_desktop.ui.pages.people.page import MembersPage
from kws_desktop.ui.pages.people.register_tab import MemberDialog
from tests.ui.page_setup import shown_page


def test_members_page_tabs_and_register_form(book, qtbot):
    members.register_member(book, members.MemberInput("Siti Aminah", "P", "ketua", joined_on=dt.date(2025, 1, 1)))
    page = shown_page(qtbot, book, MembersPage)
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


def test_return_capital_dialog_refuses_beside_the_field_then_pays_back(book, qtbot):
    from kws_desktop.services.book.check import check_book
    from kws_desktop.ui.pages.people.capital_return_dialog import ReturnCapitalDialog
    m = members.register_member(book, members.MemberInput("Ujang", "L", "tukang", joined_on=dt.date(2025, 1, 1),
                                                          capital=200_000))
    left = members.member_leaves(book, m.id, dt.date(2025, 6, 30), "pindah")
    page = shown_page(qtbot, book, MembersPage)
    dialog = ReturnCapitalDialog(page, left)
    qtbot.addWidget(dialog)
    assert dialog.amount.value() == 200_000 and dialog.date.value() == dt.date.today()
    dialog.amount.set_value(300_000)
    dialog.save()
    assert "Simpanan Ujang hanya Rp200.000" in dialog.errors.message("amount")
    assert dialog.result_row is None and members.get_member(book, m.id).balances.capital == 200_000
    dialog.method.setCurrentIndex(list(members.METHODS).index("bank"))
    dialog.amount.set_value(200_000)
    dialog.save()
    assert "Saldo bank hanya Rp0" in dialog.errors.message("amount")
    dialog.method.setCurrentIndex(list(members.METHODS).index("cash"))
    dialog.save()
    assert dialog.result_row is not None and dialog.result_row.balances.capital == 0
    assert members.get_member(book, m.id).balances.capital == 0
    assert check_book(book) == []


def test_leaving_offers_to_return_the_simpanan(book, qtbot, monkeypatch):
    from kws_desktop.ui.pages.people import register_tab
    members.register_member(book, members.MemberInput("Ujang", "L", "tukang", joined_on=dt.date(2025, 1, 1),
                                                      capital=200_000))
    page = shown_page(qtbot, book, MembersPage)
    tab = page.register_tab
    tab.view.selectRow(0)
    asked, opened = [], []
    monkeypatch.setattr(register_tab, "ask_why", lambda *a: "pindah")
    monkeypatch.setattr(register_tab, "confirm", lambda _p, question, _t: asked.append(question) or True)
    monkeypatch.setattr(register_tab.ReturnCapitalDialog, "exec", lambda d: opened.append(d.member.name))
    tab.leave()
    assert asked and "Simpanannya Rp200.000 masih di kelompok" in asked[0]
    assert opened == ["Ujang"]


def test_return_button_says_why_when_there_is_no_simpanan(book, qtbot, monkeypatch):
    from kws_desktop.ui.pages.people import register_tab
    members.register_member(book, members.MemberInput("Siti", "P", "anggota", joined_on=dt.date(2025, 1, 1)))
    tab = shown_page(qtbot, book, MembersPage).register_tab
    shown, opened = [], []
    monkeypatch.setattr(register_tab, "show_error", lambda _p, message, _t: shown.append(message))
    monkeypatch.setattr(register_tab.ReturnCapitalDialog, "exec", lambda d: opened.append(d))
    tab.return_capital()
    assert shown == ["Pilih dulu anggota yang simpanannya dikembalikan."]
    tab.view.selectRow(0)
    tab.return_capital()
    assert shown[-1] == "Siti tidak punya simpanan di kelompok." and opened == []

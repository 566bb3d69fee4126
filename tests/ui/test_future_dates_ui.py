"""Money dated after today, where it is typed in a window (a purchase slip, a supplier payment, a
cash entry): one question with the date spelled out; "Periksa tanggalnya lagi" saves nothing and
leaves the reason beside the date; yes saves it with that date."""
import datetime as dt

import pytest

from kws_desktop.core.accounts import A
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.services.cash import entries
from kws_desktop.services.purchasing import materials, purchases, suppliers
from kws_desktop.ui.kit import forms
from kws_desktop.ui.kit.context import AppContext

SOON = dt.date.today() + dt.timedelta(days=4)


@pytest.fixture
def answers(monkeypatch):
    """The treasurer's answers to the question, in turn; the days asked about are kept."""
    asked: list = []
    replies: list = []
    monkeypatch.setattr(forms, "confirm_future_date", lambda parent, day: asked.append(day) or replies.pop(0))
    return asked, replies


@pytest.fixture
def ctx(book):
    post_opening_balances(book, dt.date(2026, 1, 1), cash=5_000_000, bank=0)
    c = AppContext()
    c.book = book
    return c


def test_a_cash_entry_after_today_is_asked_about(ctx, qtbot, answers):
    from kws_desktop.ui.pages.cash.page import CashEntryDialog, CashPage
    asked, replies = answers
    page = CashPage(ctx)
    qtbot.addWidget(page)
    dialog = CashEntryDialog(page, "expense")
    qtbot.addWidget(dialog)
    dialog.date.set_value(SOON)
    dialog.amount.set_value(75_000)
    dialog.description.setText("bensin")
    dialog.category.setCurrentIndex(dialog.category.findData(A.OPERATING))
    replies.append(False)
    dialog.save()
    assert asked == [SOON] and "belum tiba" in dialog.errors.message("date")
    assert entries.list_cash_entries(ctx.book) == []
    replies.append(True)
    dialog.save()
    assert [e.date for e in entries.list_cash_entries(ctx.book)] == [SOON]


def test_a_purchase_slip_after_today_is_asked_about(ctx, qtbot, answers):
    from kws_desktop.ui.pages.purchasing.page import MaterialsPage
    from kws_desktop.ui.pages.purchasing.purchase_form import PurchaseForm
    from tests.ui.page_setup import shown_page
    asked, replies = answers
    cement = materials.create_material(ctx.book, materials.MaterialInput("Semen 50 kg", "sak", "", 68_000))
    page = shown_page(qtbot, ctx.book, MaterialsPage)
    form = PurchaseForm(page)
    qtbot.addWidget(form)
    form.date.set_value(SOON)
    line = form.lines[0]
    line.material.setCurrentIndex(line.material.findData(cement.id))
    line.qty.setText("2")
    line.price.set_value(68_000)
    replies.append(False)
    form.save(close=False)
    assert asked == [SOON] and purchases.count_purchases(ctx.book) == 0
    assert "belum tiba" in " ".join(form.errors.messages())
    replies.append(True)
    form.save(close=False)
    assert purchases.count_purchases(ctx.book) == 1


def test_a_supplier_payment_after_today_is_asked_about(ctx, qtbot, answers):
    from kws_desktop.ui.pages.purchasing.page import MaterialsPage
    from kws_desktop.ui.pages.purchasing.suppliers_tab import PayDialog
    from tests.ui.page_setup import shown_page
    asked, replies = answers
    cement = materials.create_material(ctx.book, materials.MaterialInput("Semen 50 kg", "sak", "", 68_000))
    shop = suppliers.create_supplier(ctx.book, suppliers.SupplierInput("TB Jaya"))
    purchases.record_purchase(ctx.book, purchases.PurchaseInput(
        dt.date(2026, 3, 1), shop.id, "credit", (purchases.PurchaseLineInput(cement.id, "10", 68_000),)))
    page = shown_page(qtbot, ctx.book, MaterialsPage)
    dialog = PayDialog(page, suppliers.get_supplier(ctx.book, shop.id))
    qtbot.addWidget(dialog)
    dialog.date.set_value(SOON)
    dialog.amount.set_value(100_000)
    replies.append(False)
    dialog.save()
    assert asked == [SOON] and suppliers.list_supplier_payments(ctx.book) == []
    assert "belum tiba" in dialog.errors.message("date")
    replies.append(True)
    dialog.save()
    assert [p.date for p in suppliers.list_supplier_payments(ctx.book)] == [SOON]


def test_a_kasbon_after_today_is_asked_about(ctx, qtbot, answers):
    from kws_desktop.services.people import members, wages
    from kws_desktop.ui.pages.people.page import MembersPage
    from kws_desktop.ui.pages.people.wages_tab import AdvanceDialog
    asked, replies = answers
    members.register_member(ctx.book, members.MemberInput(name="Bu Siti", gender="P", joined_on=dt.date(2026, 1, 1)))
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    dialog = AdvanceDialog(page)
    qtbot.addWidget(dialog)
    dialog.date.set_value(SOON)
    dialog.amount.set_value(50_000)
    replies.append(False)
    dialog.save()
    assert asked == [SOON] and wages.list_advances(ctx.book) == []
    replies.append(True)
    dialog.save()
    assert [a.date for a in wages.list_advances(ctx.book)] == [SOON]

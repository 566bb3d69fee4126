"""Kas & Bank page: write an expense through the dialog; a mistake shows beside the field."""
import datetime as dt

from kws_desktop.core.accounts import A
from kws_desktop.services.cash import entries
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.pages.cash.page import CashEntryDialog, CashPage


def test_expense_dialog_and_list(qtbot, book):
    post_opening_balances(book, dt.date(2026, 1, 1), cash=300_000, bank=0)
    ctx = AppContext()
    ctx.book = book
    page = CashPage(ctx)
    qtbot.addWidget(page)
    page.start.set_value(dt.date(2026, 1, 1))
    page.refresh_now()
    assert "Rp300.000" in page.balances.text()

    dialog = CashEntryDialog(page, "expense")
    dialog.date.set_value(dt.date(2026, 3, 3))
    dialog.amount.set_value(500_000)          # more than the cash box holds
    dialog.description.setText("<b>Rapat</b> & konsumsi")
    dialog.save()
    assert dialog.errors.message("amount")
    assert entries.list_cash_entries(book) == []

    dialog.amount.set_value(75_000)
    dialog.category.setCurrentIndex(dialog.category.findData(A.OPERATING))
    dialog.save()
    page.refresh_now()
    assert page.model.rowCount() == 1
    assert page.model.row(0)["description"] == "<b>Rapat</b> & konsumsi"
    assert "Rp225.000" in page.balances.text()


def test_backdated_cash_entry_asks_why(qtbot, book, monkeypatch):
    """An expense dated before the latest cash-out voucher of the year: the dialog asks why (the
    one question of ui/kit/dated.py); cancelled, nothing saved and the reason shows beside the
    date; answered, the voucher is saved with the reason in its description."""
    from kws_desktop.ui.kit import dated
    post_opening_balances(book, dt.date(2026, 1, 1), cash=300_000, bank=0)
    entries.record_expense(book, date=dt.date(2026, 3, 10), money_account="cash", category=A.OPERATING,
                           amount=10_000, description="Pulsa")
    ctx = AppContext()
    ctx.book = book
    page = CashPage(ctx)
    qtbot.addWidget(page)
    dialog = CashEntryDialog(page, "expense")
    dialog.date.set_value(dt.date(2026, 3, 3))
    dialog.amount.set_value(20_000)
    dialog.category.setCurrentIndex(dialog.category.findData(A.OPERATING))
    dialog.description.setText("Fotokopi")
    asked = []
    monkeypatch.setattr(dated, "ask_why", lambda parent, title, label: asked.append(label) or None)
    dialog.save()
    assert "Bukti kas keluar terakhir tahun ini bertanggal 10 Maret 2026" in asked[0]
    assert "Bukti kas keluar terakhir" in dialog.errors.message("date")
    assert len(entries.list_cash_entries(book)) == 1
    monkeypatch.setattr(dated, "ask_why", lambda parent, title, label: "Nota terselip")
    dialog.save()
    rows = entries.list_cash_entries(book)
    assert len(rows) == 2
    assert any(r.description.startswith("Fotokopi Dicatat mundur (sesudah BKK-2026-0001") and
               r.description.endswith(": Nota terselip") for r in rows)

"""The Laporan and Beranda pages."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

D = dt.date


@pytest.fixture
def ctx(book):
    from test_reports import post_samples

    from kws_desktop.ui.kit.context import AppContext
    post_samples(book)
    c = AppContext()
    c.book = book
    return c


def test_reports_page_shows_and_saves(ctx, qtbot, tmp_path):
    from kws_desktop.ui.pages.reports.page import ReportsPage
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_kind("cash-book")
    page.set_period(D(2026, 1, 1), D(2026, 12, 31))
    page.show_report()
    assert page.title.text() == "Buku Kas Umum"
    assert page.model.rowCount() == len(page.current.rows)
    saldo = page.model.columns.index(next(c for c in page.model.columns if c.key == "saldo"))
    last = page.model.index(page.model.rowCount() - 1, saldo)
    assert page.model.data(last) == "17.000.000"
    for fmt in ("pdf", "xlsx", "csv"):
        assert page.save_to(tmp_path / f"bku.{fmt}", fmt)
        assert (tmp_path / f"bku.{fmt}").stat().st_size > 0


def test_reports_page_bad_period_shows_message(ctx, qtbot):
    from kws_desktop.ui.pages.reports.page import ReportsPage
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_kind("profit-loss")
    page.set_period(D(2026, 5, 1), D(2026, 4, 1))
    page.show_report()
    assert "lebih awal dari tanggal awal" in page.error.text()
    assert page.current is None and not page.print_button.isEnabled()


def test_reports_page_notes_saved(ctx, qtbot):
    from kws_desktop.services.reports.notes import notes_text
    from kws_desktop.ui.pages.reports.page import ReportsPage
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_kind("notes")
    assert page.own_notes.isVisible()
    page.own_notes.setPlainText("Rapat anggota 5 Desember.")
    page.save_notes.click()  # the button under the notes
    assert notes_text(ctx.book) == "Rapat anggota 5 Desember."
    assert any(r.cells.get("uraian") == "Rapat anggota 5 Desember." for r in page.current.rows)


def test_preset_periods():
    from kws_desktop.ui.pages.reports.page import preset_period
    today = D(2026, 3, 15)
    assert preset_period("month", today) == (D(2026, 3, 1), today)
    assert preset_period("last_month", today) == (D(2026, 2, 1), D(2026, 2, 28))
    assert preset_period("last_year", today) == (D(2025, 1, 1), D(2025, 12, 31))


def test_dashboard_figures_click_through(ctx, qtbot):
    from kws_desktop.ui.pages.reports.dashboard import DashboardPage
    page = DashboardPage(ctx, today=D(2026, 5, 20))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=20000)  # computed in the background
    assert page.cards["profit_year"].value.text() == "Rp2.600.000"
    asked = []
    ctx.area_requested.connect(asked.append)
    qtbot.mouseClick(page.cards["profit_year"], Qt.MouseButton.LeftButton)
    assert asked == ["laporan"] and ctx.pending_report == "profit-loss"
    qtbot.mouseClick(page.cards["cash"], Qt.MouseButton.LeftButton)
    assert asked[-1] == "kas"
    qtbot.mouseClick(page.cards["receivables"], Qt.MouseButton.LeftButton)
    assert asked[-1] == "tagihan"


def test_reports_page_takes_pending_report(ctx, qtbot):
    from kws_desktop.ui.pages.reports.page import ReportsPage
    ctx.pending_report = "cash-flow"
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.kind() == "cash-flow" and page.title.text() == "Laporan Arus Kas"

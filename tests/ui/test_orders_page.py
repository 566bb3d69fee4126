"""The Pesanan panel: lazy list with filters and totals, the order's story, dialogs that keep
errors beside the field and save nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from kws_desktop.services.jobs import orders
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.pages.jobs.order_list import OrdersPanel
from kws_desktop.ui.pages.jobs.order_steps import CrewDialog, StageDialog
from tests.ui.page_setup import click


@pytest.fixture
def panel(qtbot, demo_book):
    ctx = AppContext()
    ctx.book = demo_book
    p = OrdersPanel(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 860)
    p.show()
    p.refresh_now()
    yield p
    ctx.book = None


def test_list_filters_totals_and_story(panel, qtmodeltester):
    p = panel
    total = orders.count_orders(p.book)
    assert p.model.rowCount() == min(total, 200)
    assert "pesanan" in p.totals.text()
    p.stage.setCurrentIndex(p.stage.findData("dikerjakan"))
    assert all(p.model.row(r)["stage"] == "Dikerjakan" for r in range(p.model.rowCount()))
    p.stage.setCurrentIndex(p.stage.findData("diserahterimakan"))
    p.table.selectRow(0)
    v = p.detail.view
    assert v is not None and v.stage == "diserahterimakan"
    assert p.detail.crew.rowCount() == len(v.crew) and p.actions["bast"].isEnabled()
    p.table.sortByColumn(9, p.table.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    margins = [p.model.row(r)["margin"] for r in range(p.model.rowCount())]
    assert margins == sorted(margins)
    # (checked last: the shared PagedTableModel fetches its first page during a reset, which
    # the tester reports as a change in flight)
    qtmodeltester.check(p.model)


def test_stage_dialog_error_beside_field_nothing_saved(panel, qtbot):
    p = panel
    row = next(r for r in range(p.model.rowCount()) if p.model.row(r)["stage"] != "Batal")
    p.table.selectRow(row)
    v = p.detail.view
    d = StageDialog(p, v)
    qtbot.addWidget(d)
    d.stage.setCurrentIndex(0)
    d.date.set_value(v.date - dt.timedelta(days=1))
    click(d, "Simpan")
    assert "sebelum tanggal pesanan" in d.errors.message("date")
    assert orders.get_order(p.book, v.id).stage == v.stage


def test_crew_dialog_bad_days(panel, qtbot):
    p = panel
    row = next(r for r in range(p.model.rowCount()) if p.model.row(r)["stage"] != "Batal")
    p.table.selectRow(row)
    v = p.detail.view
    d = CrewDialog(p, v)
    qtbot.addWidget(d)
    d.days.setText("0")
    click(d, "Simpan")
    assert "lebih dari nol" in d.errors.message("days")
    assert len(orders.get_order(p.book, v.id).crew) == len(v.crew)


def _colours(widget, step: int = 6) -> int:
    """How many different colours a grid of points of the widget's rendered image shows."""
    image = widget.grab().toImage()
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_the_story_of_a_handed_over_order_fits_and_shows_on_every_tab(panel):
    p = panel
    p.stage.setCurrentIndex(p.stage.findData("diserahterimakan"))
    p.table.selectRow(0)
    hint = p.minimumSizeHint()
    assert hint.width() <= p.width() and hint.height() <= p.height()  # nothing cut off at 1280x860
    assert p.grab().deviceIndependentSize().toSize() == p.size()
    for i in range(p.detail.tabs.count()):
        p.detail.tabs.setCurrentIndex(i)
        assert _colours(p.detail.tabs.currentWidget()) > 2, p.detail.tabs.tabText(i)  # not a blank tab

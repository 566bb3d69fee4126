"""Job costing: the pure cost sheet, and the `orders` report and list on the demo book."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from kws_desktop.i18n import format_ratio
from kws_desktop.core.job_costing import JobCost, PackageSummary, average, is_backward, stages_between


def test_cost_sheet_margin_and_over_cost():
    c = JobCost(price=4_500_000, quoted_cost=3_000_000, material=2_000_000, labour=900_000, other=150_000)
    assert c.actual == 3_050_000 and c.margin == 1_450_000
    assert c.margin_ratio == Decimal(1_450_000) / Decimal(4_500_000)  # rounded only where shown
    assert format_ratio(c.margin_ratio) == "32,2%"
    assert c.over_cost and c.over_by == 50_000
    assert not JobCost(0, 0, 0, 0, 0).over_cost and JobCost(0, 0, 0, 0, 0).margin_ratio is None
    p = PackageSummary("Tangki", 3, 10_000_000, 7_000_001)
    assert (p.average_price, p.average_cost, p.average_margin) == (3_333_333, 2_333_334, 1_000_000)
    assert average(-5, 2) == -3


def test_stage_rules():
    assert [s.value for s in stages_between("dijadwalkan", "selesai")] == ["dikerjakan", "selesai"]
    assert stages_between("selesai", "dikerjakan") == ()
    assert is_backward("diserahterimakan", "dikerjakan") and not is_backward("batal", "dikerjakan")


def test_demo_orders_report_and_list(demo_book, tmp_path):
    from kws_desktop.documents.tabular import write_report
    from kws_desktop.services.jobs import orders
    from kws_desktop.services.book.check import check_book
    from kws_desktop.services.reports import build_report
    assert check_book(demo_book) == []
    stages = {r.stage for r in orders.list_orders(demo_book, limit=None)}
    assert "diserahterimakan" in stages and len(stages) >= 3
    report = build_report(demo_book, "orders", dt.date(2025, 1, 1), dt.date(2026, 11, 28))
    total = [r for r in report.rows if r.style == "total"][0].cells
    rows = orders.list_rows(demo_book)
    live = [r for r in rows if r["status"] != "batal"]
    assert total["price"] == sum(r["price"] for r in live)
    assert total["cost"] == sum(r["cost"] for r in live)
    assert all(isinstance(r["price"], int) for r in rows)
    # the profit of a job is known once it is finished; a cancelled order has none
    finished = [r for r in rows if r["status"] in ("selesai", "diserahterimakan")]
    assert all(isinstance(r["margin"], int) for r in finished)
    assert all(r["margin"] is None for r in rows if r not in finished)
    assert total["margin"] == sum(r["margin"] for r in finished)
    json.dumps(rows)
    t = orders.order_totals(demo_book)
    assert t.count == len(rows) and t.price == total["price"] and t.cost == total["cost"]
    for fmt in ("pdf", "xlsx", "csv"):
        assert write_report(report, tmp_path / f"r.{fmt}").stat().st_size > 0


def test_the_orders_report_margin_column_keeps_one_decimal(demo_book, tmp_path):
    """Laba % is a column: 30,0% stands under 23,2%, never 30% (nor 0.3 under 0.232 in the CSV)."""
    import re

    from kws_desktop.documents.table import format_cell
    from kws_desktop.documents.tabular import write_report
    from kws_desktop.services.reports import build_report
    report = build_report(demo_book, "orders", dt.date(2025, 1, 1), dt.date(2026, 11, 28))
    column = next(c for c in report.columns if c.key == "ratio")
    shown = [format_cell(column.kind, r.cells.get("ratio")) for r in report.rows]
    figures = [t for t in shown if t not in ("", "-")]
    assert len(figures) >= 10 and any(t.endswith(",0%") for t in figures)  # 20,0%, not 20%
    assert all(re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d%", t) for t in figures), figures
    lines = write_report(report, tmp_path / "r.csv", "csv").read_text(encoding="utf-8-sig").splitlines()
    ratios = [line.rsplit(";", 1)[1] for line in lines[1:]]
    odd = [r for r in ratios if r not in ("", "-") and not re.fullmatch(r"-?\d+\.\d{3}", r)]
    assert odd == [] and len(ratios) >= 10

"""`list materials`, `list purchases`, `report materials` and the demo's materials history."""
import csv
import datetime as dt
import json

import pytest

from kws_desktop.cli import main
from kws_desktop.core.accounts import A
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.services.purchasing.reports import build_materials_report, material_flows


def test_list_json(demo_path, capsys):
    assert main(["list", "materials", str(demo_path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    semen = next(r for r in rows if r["name"] == "Semen Portland 50 kg")
    assert semen["unit"] == "sak" and isinstance(semen["price"], int) and isinstance(semen["stock_value"], int)
    assert main(["list", "purchases", str(demo_path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(isinstance(r["total"], int) for r in rows)
    assert {r["status"] for r in rows} == {"posted", "void"}
    assert rows[0]["number"].startswith("BLI-") and dt.date.fromisoformat(rows[0]["date"])
    assert {r["method"] for r in rows} == {"cash", "transfer", "credit"}


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_report_materials_files(demo_path, tmp_path, fmt):
    out = tmp_path / f"bahan.{fmt}"
    assert main(["report", "materials", str(demo_path), "--from", "2025-01-01", "--to", "2026-11-28",
                 "--out", str(out), "--format", fmt]) == 0
    assert out.stat().st_size > 500
    if fmt == "csv":
        text = out.read_text(encoding="utf-8-sig")
        assert "Semen Portland 50 kg" in text and "Nilai stok akhir" in next(csv.reader([text.splitlines()[0]], delimiter=";"))


def test_report_adds_up(demo_book):
    flows = material_flows(demo_book, dt.date(2026, 1, 1), dt.date(2026, 11, 28))
    for f in flows:
        assert f.opening_qty + f.bought_qty - f.used_qty + f.diff_qty == f.closing_qty
        assert f.opening_value + f.bought_value - f.used_value + f.diff_value == f.closing_value
    with demo_book.reading() as s:
        inventory = {r.code: r.balance for r in account_balances(s)}[A.INVENTORY]
        assert stock.stock_value_total(s) == inventory
    report = build_materials_report(demo_book, dt.date(2026, 1, 1), dt.date(2026, 11, 28))
    assert report.rows[-1].style == "total"
    assert report.rows[-1].cells["closing_value"] == sum(f.closing_value for f in flows)


def test_demo_materials_history(demo_book):
    shops = suppliers.list_suppliers(demo_book)
    assert 4 <= len(shops) <= 6
    assert any(s.owed > 0 for s in shops)  # some credit still owed
    assert suppliers.list_supplier_payments(demo_book)
    assert len(stock.list_stock_counts(demo_book)) == 2
    t = purchases.purchase_totals(demo_book)
    assert t.cash and t.transfer and t.credit and t.void_count == 1

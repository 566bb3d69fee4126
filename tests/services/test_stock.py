import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.store.models.book import AuditEvent, JournalEntry
from kws_desktop.store.models.purchasing import StockCount, StockMove

D = dt.date(2026, 5, 4)


@pytest.fixture
def cement(book):
    m = materials.create_material(book, materials.MaterialInput("Semen 50 kg", "sak", "", 68_000, 5))
    purchases.record_purchase(book, purchases.PurchaseInput(D, None, "cash", (purchases.PurchaseLineInput(m.id, "10", 60_000),)))
    purchases.record_purchase(book, purchases.PurchaseInput(D, None, "cash", (purchases.PurchaseLineInput(m.id, "10", 70_000),)))
    return m


def _bal(book):
    with book.reading() as s:
        return {r.code: r.balance for r in account_balances(s)}


def _moves(book):
    with book.reading() as s:
        return (s.execute(select(func.count(StockMove.id))).scalar(),
                s.execute(select(func.count(JournalEntry.id))).scalar())


def test_issue_at_moving_average_and_return(book, cement):
    with book.transaction() as s:
        issue = stock.issue_to_order(s, order_id=7, material_id=cement.id, qty=Decimal("3"), date=D, actor="t")
    assert (issue.unit_cost, issue.value) == (65_000, 195_000)
    bal = _bal(book)
    assert bal[A.COST_MATERIALS] == 195_000 and bal[A.INVENTORY] == 1_300_000 - 195_000
    with book.transaction() as s:
        back = stock.return_from_order(s, order_id=7, material_id=cement.id, qty=Decimal(1), date=D, actor="t")
        assert back.value == 65_000
        assert stock.order_material_cost(s, 7) == 130_000
        assert [r.qty for r in stock.order_materials(s, 7)] == [2]
    with book.reading() as s:
        assert stock.stock_value_total(s) == _bal(book)[A.INVENTORY]
    assert check_book(book) == []


def test_issue_everything_takes_whole_value(book, cement):
    with book.transaction() as s:
        stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=Decimal("6.5"), date=D, actor="t")
        stock.issue_to_order(s, order_id=2, material_id=cement.id, qty=Decimal("13.5"), date=D, actor="t")
        assert stock.on_hand(s, cement.id) == (0, 0)
    assert _bal(book)[A.INVENTORY] == 0


def test_issue_more_than_stock_refused_nothing_saved(book, cement):
    before = _moves(book)
    with pytest.raises(UserError) as exc:
        with book.transaction() as s:
            stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=Decimal(21), date=D, actor="t")
    assert exc.value.field == "qty"
    assert exc.value.message == "Stok Semen 50 kg tidak cukup: tersisa 20 sak, diminta 21 sak."
    assert _moves(book) == before


def test_issue_beyond_stock_with_recorded_reason(book, cement):
    with book.transaction() as s:
        issue = stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=Decimal(22), date=D, actor="t",
                                 allow_negative_reason="semen dari toko langsung ke lokasi, nota menyusul")
        assert stock.on_hand(s, cement.id)[0] == -2
        assert issue.value == 1_300_000 + 2 * 65_000
    with book.reading() as s:
        move = s.get(StockMove, issue.move_id)
        assert "nota menyusul" in move.negative_reason
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "issue_beyond_stock")).scalar()
    with pytest.raises(UserError, match="alasan"):
        with book.transaction() as s:
            stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=Decimal(1), date=D, actor="t",
                             allow_negative_reason="  ")


@pytest.mark.parametrize("qty", [Decimal(0), Decimal(-1)])
def test_issue_zero_or_negative_refused(book, cement, qty):
    before = _moves(book)
    with pytest.raises(UserError) as exc:
        with book.transaction() as s:
            stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=qty, date=D, actor="t")
    assert exc.value.field == "qty" and "lebih dari nol" in exc.value.message
    assert _moves(book) == before


def test_return_more_than_issued_refused(book, cement):
    with book.transaction() as s:
        stock.issue_to_order(s, order_id=3, material_id=cement.id, qty=Decimal(2), date=D, actor="t")
    with pytest.raises(UserError, match="hanya 2 sak"):
        with book.transaction() as s:
            stock.return_from_order(s, order_id=3, material_id=cement.id, qty=Decimal(3), date=D, actor="t")


def test_stock_count_posts_differences(book, cement):
    sand = materials.create_material(book, materials.MaterialInput("Pasir", "m3", "", 285_000))
    purchases.record_purchase(book, purchases.PurchaseInput(D, None, "cash", (purchases.PurchaseLineInput(sand.id, "2", 280_000),)))
    count = stock.record_stock_count(book, date=D, counted_by="Dewi", lines=[
        stock.CountLineInput(cement.id, "19", "1 sak mengeras kena hujan"),
        stock.CountLineInput(sand.id, "2,25", "sisa pesanan belum dicatat kembali")])
    assert count.number == "OPN-2026-0001"
    assert [(ln.difference, ln.value) for ln in count.lines] == [(Decimal(-1), -65_000), (Decimal("0.25"), 70_000)]
    assert count.difference_value == 5_000
    bal = _bal(book)
    assert bal[A.STOCK_DIFFERENCE] == -5_000
    with book.reading() as s:
        assert stock.stock_value_total(s) == bal[A.INVENTORY]
    assert check_book(book) == []


def test_stock_count_needs_explanation_nothing_saved(book, cement):
    before = _moves(book)
    with pytest.raises(UserError) as exc:
        stock.record_stock_count(book, date=D, lines=[stock.CountLineInput(cement.id, "18", "")])
    assert exc.value.field == "lines.0.explanation" and "penjelasan" in exc.value.message
    with pytest.raises(UserError) as exc:
        stock.record_stock_count(book, date=D, lines=[stock.CountLineInput(cement.id, "-1", "x")])
    assert exc.value.field == "lines.0.counted_qty"
    assert _moves(book) == before
    with book.reading() as s:
        assert s.execute(select(func.count(StockCount.id))).scalar() == 0


def test_count_sheet_and_low_stock(book, cement):
    sheet = stock.count_sheet(book)
    assert [(r.name, r.system_qty) for r in sheet] == [("Semen 50 kg", 20)]
    assert materials.low_stock(book) == []
    with book.transaction() as s:
        stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=Decimal(16), date=D, actor="t")
    assert [r.name for r in materials.low_stock(book)] == ["Semen 50 kg"]
    assert [m.kind for m in stock.material_moves(book, cement.id)] == ["issue", "purchase", "purchase"]

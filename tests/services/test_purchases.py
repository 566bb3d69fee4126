import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.purchasing import materials
from kws_desktop.services.purchasing import purchases
from kws_desktop.services.purchasing import stock
from kws_desktop.services.purchasing import suppliers
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.store.models.book import JournalEntry, NumberSequence, PeriodClose
from kws_desktop.store.models.purchasing import MaterialPrice, Purchase, StockMove, SupplierPayment

D = dt.date(2026, 3, 10)


@pytest.fixture
def setup(book):
    cement = materials.create_material(book, materials.MaterialInput("Semen 50 kg", "sak", "Semen dan pasir", 68_000, 10))
    sand = materials.create_material(book, materials.MaterialInput("Pasir pasang", "m3", "Semen dan pasir", 285_000))
    shop = suppliers.create_supplier(book, suppliers.SupplierInput("TB Sumber Rejeki", "Jl. Raya Balaraja", "0812"))
    return book, cement, sand, shop


def _balances(book):
    with book.reading() as s:
        return {r.code: r.balance for r in account_balances(s)}


def _counts(book):
    with book.reading() as s:
        return tuple(s.execute(select(func.count()).select_from(t)).scalar()
                     for t in (Purchase, StockMove, JournalEntry, MaterialPrice, SupplierPayment, NumberSequence))


def _buy(book, cement, shop, method="cash", qty="20", price=68_000, shipping=0, order_id=None, date=D):
    return purchases.record_purchase(book, purchases.PurchaseInput(date, shop.id if shop else None, method,
                                                   (purchases.PurchaseLineInput(cement.id, qty, price),),
                                                   shipping=shipping, order_id=order_id))


def test_cash_purchase_posts_inventory_and_stock(setup):
    book, cement, sand, shop = setup
    p = purchases.record_purchase(book, purchases.PurchaseInput(D, shop.id, "cash", (
        purchases.PurchaseLineInput(cement.id, "20", 68_000), purchases.PurchaseLineInput(sand.id, "2,5", 285_000)),
        shipping=50_000, slip_number="NT-77"))
    assert p.number == "BLI-2026-0001" and p.total == 20 * 68_000 + 712_500 + 50_000
    assert sum(line.shipping_share for line in p.lines) == 50_000
    bal = _balances(book)
    assert bal[A.INVENTORY] == p.total and bal[A.CASH] == -p.total
    c = materials.get_material(book, cement.id)
    assert c.stock_qty == 20 and c.stock_value == 1_360_000 + p.lines[0].shipping_share
    assert materials.get_material(book, sand.id).stock_qty == Decimal("2.5")
    assert materials.last_purchase_price(book, sand.id, shop.id) == 285_000
    assert purchases.form_memory(book).supplier_id == shop.id
    assert check_book(book) == []


def test_credit_purchase_then_payment(setup):
    book, cement, _sand, shop = setup
    _buy(book, cement, shop, "credit")
    assert suppliers.get_supplier(book, shop.id).owed == 1_360_000
    pay = suppliers.pay_supplier(book, supplier_id=shop.id, amount=1_000_000, date=D, method="transfer")
    assert pay.number == "BYR-2026-0001"
    assert suppliers.get_supplier(book, shop.id).owed == 360_000
    bal = _balances(book)
    assert bal[A.PAYABLES] == 360_000 and bal[A.BANK] == -1_000_000
    rows = suppliers.list_suppliers(book, owing_only=True)
    assert [(r.name, r.owed, r.bought) for r in rows] == [("TB Sumber Rejeki", 360_000, 1_360_000)]
    suppliers.void_supplier_payment(book, pay.id, reason="salah nominal")
    assert suppliers.get_supplier(book, shop.id).owed == 1_360_000
    assert check_book(book) == []


def test_paying_more_than_owed_refused_nothing_saved(setup):
    book, cement, _sand, shop = setup
    _buy(book, cement, shop, "credit")
    before = _counts(book)
    with pytest.raises(UserError) as exc:
        suppliers.pay_supplier(book, supplier_id=shop.id, amount=1_360_001, date=D)
    assert exc.value.field == "amount" and "lebih besar dari utang" in exc.value.message
    assert _counts(book) == before
    assert suppliers.get_supplier(book, shop.id).owed == 1_360_000


def test_credit_needs_supplier(setup):
    book, cement, _sand, _shop = setup
    with pytest.raises(UserError) as exc:
        _buy(book, cement, None, "credit")
    assert exc.value.field == "supplier" and "pemasok" in exc.value.message


@pytest.mark.parametrize("qty,price,field,text", [
    ("0", 68_000, "lines.0.qty", "Jumlah harus lebih dari nol"),
    ("-2", 68_000, "lines.0.qty", "Jumlah harus lebih dari nol"),
    ("abc", 68_000, "lines.0.qty", "Jumlah harus berupa angka"),
    ("3", 0, "lines.0.unit_price", "Harga pada baris 1 harus lebih dari Rp0"),
    ("3", -500, "lines.0.unit_price", "Harga pada baris 1 harus lebih dari Rp0"),
])
def test_bad_line_refused_nothing_saved(setup, qty, price, field, text):
    book, cement, _sand, shop = setup
    before = _counts(book)
    with pytest.raises(UserError) as exc:
        _buy(book, cement, shop, qty=qty, price=price)
    assert exc.value.field == field and text in exc.value.message
    assert _counts(book) == before


def test_purchase_in_closed_period_refused(setup):
    book, cement, _sand, shop = setup
    with book.transaction() as s:
        s.add(PeriodClose(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31)))
    before = _counts(book)
    with pytest.raises(UserError) as exc:
        _buy(book, cement, shop)
    assert exc.value.field == "date" and "sudah ditutup" in exc.value.message
    assert _counts(book) == before


def test_purchase_for_order_goes_to_cost_not_stock(setup):
    book, cement, _sand, shop = setup
    p = _buy(book, cement, shop, "cash", qty="5", shipping=10_000, order_id=41)
    assert materials.get_material(book, cement.id).stock_qty == 0
    bal = _balances(book)
    assert bal[A.COST_MATERIALS] == p.total and bal.get(A.INVENTORY, 0) == 0
    with book.reading() as s:
        assert stock.order_material_cost(s, 41) == 5 * 68_000 + 10_000
    assert purchases.list_purchases(book, purchases.PurchaseFilter(order_id=41))[0].number == p.number


def test_void_purchase_reverses_and_keeps_number(setup):
    book, cement, _sand, shop = setup
    p = _buy(book, cement, shop, "credit")
    v = purchases.void_purchase(book, p.id, reason="nota dobel", date=D)
    assert v.status == "void" and v.number == p.number and v.void_reason == "nota dobel"
    assert materials.get_material(book, cement.id).stock_qty == 0
    assert suppliers.get_supplier(book, shop.id).owed == 0
    bal = _balances(book)
    assert bal[A.INVENTORY] == 0 and bal[A.PAYABLES] == 0
    with pytest.raises(UserError, match="sudah dibatalkan"):
        purchases.void_purchase(book, p.id, reason="lagi", date=D)
    assert purchases.purchase_totals(book).void_count == 1 and purchases.purchase_totals(book).total == 0
    assert check_book(book) == []


def test_void_refused_when_stock_already_used(setup):
    book, cement, _sand, shop = setup
    p = _buy(book, cement, shop)
    with book.transaction() as s:
        stock.issue_to_order(s, order_id=1, material_id=cement.id, qty=Decimal(15), date=D, actor="t")
    before = _counts(book)
    with pytest.raises(UserError) as exc:
        purchases.void_purchase(book, p.id, reason="salah", date=D)
    assert "sudah terpakai" in exc.value.message
    assert _counts(book) == before


def test_void_refused_when_credit_already_paid(setup):
    book, cement, _sand, shop = setup
    p = _buy(book, cement, shop, "credit")
    suppliers.pay_supplier(book, supplier_id=shop.id, amount=500_000, date=D)
    with pytest.raises(UserError, match="sudah dibayar"):
        purchases.void_purchase(book, p.id, reason="salah", date=D)


def test_list_filters_and_totals(setup):
    book, cement, sand, shop = setup
    other = suppliers.create_supplier(book, suppliers.SupplierInput("TB Maju Jaya"))
    _buy(book, cement, shop, "cash")
    _buy(book, cement, other, "transfer", date=dt.date(2026, 4, 2))
    purchases.record_purchase(book, purchases.PurchaseInput(dt.date(2026, 4, 5), other.id, "credit",
                                            (purchases.PurchaseLineInput(sand.id, "1", 300_000),)))
    assert purchases.count_purchases(book) == 3
    april = purchases.PurchaseFilter(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
    assert [r.number for r in purchases.list_purchases(book, april)] == ["BLI-2026-0003", "BLI-2026-0002"]
    t = purchases.purchase_totals(book, april)
    assert (t.count, t.total, t.transfer, t.credit, t.cash) == (2, 1_660_000, 1_360_000, 300_000, 0)
    assert purchases.count_purchases(book, purchases.PurchaseFilter(material_id=sand.id)) == 1
    assert purchases.count_purchases(book, purchases.PurchaseFilter(supplier_id=shop.id)) == 1
    assert len(purchases.list_purchases(book, offset=1, limit=1)) == 1


def test_slip_photo_attached(setup, tmp_path):
    from PIL import Image
    book, cement, _sand, shop = setup
    photo = tmp_path / "nota.png"
    Image.new("RGB", (3000, 2000), "white").save(photo)
    p = purchases.record_purchase(book, purchases.PurchaseInput(D, shop.id, "cash", (purchases.PurchaseLineInput(cement.id, "1", 68_000),),
                                                slip_path=str(photo)))
    name, mime, data = purchases.slip_image(book, p.attachment_id)
    assert mime == "image/jpeg" and data[:2] == b"\xff\xd8"
    bad = tmp_path / "bukan.png"
    bad.write_bytes(b"not an image")
    before = _counts(book)
    with pytest.raises(UserError) as exc:
        purchases.record_purchase(book, purchases.PurchaseInput(D, shop.id, "cash", (purchases.PurchaseLineInput(cement.id, "1", 68_000),),
                                                slip_path=str(bad)))
    assert exc.value.field == "slip"
    assert _counts(book) == before

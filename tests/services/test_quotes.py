import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.sales import customers
from kws_desktop.services.sales import packages
from kws_desktop.services.sales import quotes
from kws_desktop.store.models.book import NumberSequence
from kws_desktop.store.models.sales import Quote, QuoteItem

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def setup(book):
    from kws_desktop.services.purchasing.materials import load_starter_catalog
    load_starter_catalog(book)
    assert packages.load_default_packages(book) == 6
    assert packages.load_default_packages(book) == 0  # by code, never twice
    pk = {p.code: p for p in packages.list_packages(book)}
    home = customers.create_customer(book, customers.CustomerInput(name="Siti Komariah", gender="P", desa="Saga", kecamatan="Balaraja"))
    baznas = customers.create_customer(book, customers.CustomerInput(name="BAZNAS Kabupaten Tangerang", kind="institution",
                                                     payer_type="baznas"))
    return book, pk, home, baznas


def _counts(book):
    with book.reading() as s:
        return (s.execute(select(func.count(Quote.id))).scalar(), s.execute(select(func.count(QuoteItem.id))).scalar(),
                s.execute(select(func.coalesce(func.sum(NumberSequence.last), 0))).scalar())


def _quote(pk, home, **kw):
    base = dict(customer_id=home.id, date=DAY, lines=(quotes.QuoteLineInput(1, pk["TS-BIO"].id),))
    base.update(kw)
    return quotes.QuoteInput(**base)


def test_packages_use_the_starter_catalog(setup):
    book, pk, _home, _b = setup
    from kws_desktop.services.purchasing.materials import list_materials
    names = {m.name for m in list_materials(book, limit=500)}
    assert len(names) == 36  # every package material matched the starter catalog, none added
    bio = pk["TS-BIO"]
    assert bio.materials[0].name == "Tangki septik biofilter 1 m3 (fiber)"
    assert bio.price > bio.cost > 0 and bio.is_example
    assert bio.pricing.margin > 0


def test_price_change_effect(setup):
    book, pk, _home, _b = setup
    cement = next(m for m in pk["TS-BATA"].materials if m.name.startswith("Semen"))
    effects = packages.price_change_effect(book, cement.material_id, cement.unit_price + 10_000)
    by_name = {e.package_name: e for e in effects}
    e = by_name[pk["TS-BATA"].name]
    assert e.qty == 12 and e.cost_after - e.cost_before == 120_000
    assert e.price_after > e.price_before == pk["TS-BATA"].price
    assert pk["SEDOT"].name not in by_name
    assert packages.get_package(book, pk["TS-BATA"].id).price == e.price_before  # nothing saved


def test_package_validation(setup):
    book, pk, _h, _b = setup
    with pytest.raises(UserError) as e:
        packages.create_package(book, packages.PackageInput(code="TS-BIO", name="", materials=(packages.PackageMaterialInput(999, 1),)))
    fields = {f for f, _m in e.value.problems}
    assert {"code", "name", "materials.0"} <= fields
    with pytest.raises(UserError) as e:
        packages.create_package(book, packages.PackageInput(code="X", name="Kosong"))
    assert "paling sedikit satu bahan" in e.value.message
    assert len(packages.list_packages(book)) == 6


def test_create_quote_totals_and_default_payer(setup):
    book, pk, home, _b = setup
    q = quotes.create_quote(book, _quote(pk, home, lines=(
        quotes.QuoteLineInput(1, pk["TS-BIO"].id), quotes.QuoteLineInput(2, pk["JMB-LA"].id),
        quotes.QuoteLineInput("2,5", description="Galian tambahan", unit="meter", unit_price=45_000, unit_cost=38_000)),
        discount=12_345))
    assert q.number == "SPH-2026-0001" and q.status == "draft" and q.version == 1
    assert q.valid_until == DAY + dt.timedelta(days=30)
    amounts = [i.amount for i in q.items]
    assert amounts[1] == 2 * pk["JMB-LA"].price and amounts[2] == 112_500
    assert q.totals.subtotal == sum(amounts) and q.total == q.totals.subtotal - 12_345
    assert q.totals.cost == pk["TS-BIO"].cost + 2 * pk["JMB-LA"].cost + 95_000
    assert [(p.payer_type, p.amount) for p in q.payers] == [("swadaya", q.total)]
    assert sum(c.amount for c in q.items[0].components) == q.items[0].unit_price


@pytest.mark.parametrize("change,field,message", [
    (dict(customer_id=None), "customer", "Pilih pelanggan"),
    (dict(lines=()), "lines", "paling sedikit satu pekerjaan"),
    (dict(qty=0), "lines.0.qty", "harus lebih dari nol"),
    (dict(qty=-1), "lines.0.qty", "harus lebih dari nol"),
    (dict(qty="dua"), "lines.0.qty", "harus berupa angka"),
    (dict(discount=10**9), "discount", "tidak boleh lebih dari jumlah penawaran"),
    (dict(discount=-5), "discount", "tidak boleh kurang dari Rp0"),
    (dict(valid_until=DAY - dt.timedelta(days=1)), "valid_until", "tidak boleh sebelum tanggal penawaran"),
    (dict(payers="short"), "payers", "Rencana pembayaran berjumlah"),
    (dict(free_without_text=True), "lines.0.description", "Uraian pada baris 1 wajib diisi"),
])
def test_bad_quote_refused_nothing_saved(setup, change, field, message):
    book, pk, home, baznas = setup
    before = _counts(book)
    kw = {}
    if "qty" in change:
        kw["lines"] = (quotes.QuoteLineInput(change["qty"], pk["TS-BIO"].id),)
    elif change.get("payers") == "short":
        kw["payers"] = (quotes.PayerInput("baznas", 1_000_000, baznas.id), quotes.PayerInput("swadaya", 500_000))
    elif change.get("free_without_text"):
        kw["lines"] = (quotes.QuoteLineInput(1, description=" ", unit_price=10_000),)
    else:
        kw.update(change)
    with pytest.raises(UserError) as e:
        quotes.create_quote(book, _quote(pk, home, **kw))
    assert message in e.value.message
    assert field in {f for f, _m in e.value.problems}
    assert _counts(book) == before  # no quote, no line, no number used


def test_funding_plan_with_instalments(setup):
    book, pk, home, baznas = setup
    price = pk["TS-BIO"].price
    q = quotes.create_quote(book, _quote(pk, home, payers=(
        quotes.PayerInput("baznas", 4_000_000, baznas.id), quotes.PayerInput("swadaya", price - 4_000_000, instalments=6))))
    sw = q.payers[1]
    assert q.payers[0].payer_name == "BAZNAS Kabupaten Tangerang" and q.payers[0].name == q.payers[0].payer_name
    assert sum(sw.instalment_amounts) == sw.amount and len(sw.instalment_amounts) == 6
    with pytest.raises(UserError) as e:
        quotes.create_quote(book, _quote(pk, home, payers=(quotes.PayerInput("swadaya", price, instalments=0),)))
    assert "cicilan" in e.value.message


def test_states_send_reject_revise(setup):
    book, pk, home, _b = setup
    q = quotes.create_quote(book, _quote(pk, home))
    sent = quotes.send_quote(book, q.id, DAY + dt.timedelta(days=1))
    assert sent.status == "sent" and sent.status_label == "Terkirim"
    with pytest.raises(UserError) as e:
        quotes.update_quote(book, q.id, _quote(pk, home, discount=1))
    assert "tidak bisa diubah" in e.value.message
    new = quotes.revise_quote(book, q.id, DAY + dt.timedelta(days=3))
    assert new.number == "SPH-2026-0002" and new.version == 2 and new.previous_number == q.number
    assert new.status == "draft" and new.total == q.total and new.date == DAY + dt.timedelta(days=3)
    old = quotes.get_quote(book, q.id)
    assert old.status == "superseded" and old.next_number == new.number
    with pytest.raises(UserError):
        quotes.revise_quote(book, q.id, DAY + dt.timedelta(days=4))
    with pytest.raises(UserError) as e:
        quotes.revise_quote(book, new.id, DAY + dt.timedelta(days=4))
    assert "masih draf" in e.value.message
    import dataclasses
    edited = quotes.update_quote(book, new.id, dataclasses.replace(new.as_input(), discount=1_000, payers=()))
    assert edited.total == q.total - 1_000
    rejected = quotes.reject_quote(book, new.id, DAY + dt.timedelta(days=5), "Belum ada dana")
    assert rejected.status == "rejected" and rejected.reject_reason == "Belum ada dana"


def test_quote_keeps_its_prices_when_the_catalog_changes(setup):
    book, pk, home, _b = setup
    q = quotes.create_quote(book, _quote(pk, home))
    tank = pk["TS-BIO"].materials[0]
    from kws_desktop.services.purchasing.materials import update_price
    update_price(book, tank.material_id, tank.unit_price + 1_000_000)
    again = quotes.get_quote(book, q.id)
    assert again.total == q.total
    # editing the draft keeps the frozen RAB; a fresh package line takes the new price
    kept = quotes.update_quote(book, q.id, again.as_input())
    assert kept.total == q.total
    assert quotes.price_package_line(book, pk["TS-BIO"].id).unit_price > q.items[0].unit_price


def test_expire_and_accept_rules(setup):
    book, pk, home, _b = setup
    q = quotes.create_quote(book, _quote(pk, home, valid_until=DAY + dt.timedelta(days=10)))
    quotes.send_quote(book, q.id, DAY)
    late = DAY + dt.timedelta(days=11)
    with book.transaction() as s:
        snap = quotes.quote_for_order(s, q.id)
        assert snap.customer_id == home.id and snap.total == q.total and snap.items[0].components
        assert snap.valid_until == DAY + dt.timedelta(days=10)
    with pytest.raises(UserError) as e:
        with book.transaction() as s:
            quotes.mark_accepted(s, q.id, None, late, "test")
    assert "kedaluwarsa" in e.value.message
    assert quotes.get_quote(book, q.id).status == "sent"
    assert quotes.expire_overdue(book, late) == 1
    with pytest.raises(UserError) as e:
        with book.transaction() as s:
            quotes.mark_accepted(s, q.id, None, DAY + dt.timedelta(days=2), "test")
    assert "kedaluwarsa" in e.value.message
    q2 = quotes.create_quote(book, _quote(pk, home))
    with book.transaction() as s:
        quotes.mark_accepted(s, q2.id, 77, DAY + dt.timedelta(days=1), "test")
    a = quotes.get_quote(book, q2.id)
    assert a.status == "accepted" and a.order_id == 77
    with pytest.raises(UserError) as e:
        with book.transaction() as s:
            quotes.mark_accepted(s, q2.id, 78, DAY + dt.timedelta(days=1), "test")
    assert "sudah diterima" in e.value.message
    for action in (lambda: quotes.update_quote(book, q2.id, _quote(pk, home)),
                   lambda: quotes.revise_quote(book, q2.id, DAY + dt.timedelta(days=2)),
                   lambda: quotes.reject_quote(book, q2.id, DAY + dt.timedelta(days=2))):
        with pytest.raises(UserError):
            action()


def test_orders_accept_quote_refuses_expired(setup):
    orders = pytest.importorskip("kws_desktop.services.jobs.orders")
    book, pk, home, _b = setup
    q = quotes.create_quote(book, _quote(pk, home, valid_until=DAY + dt.timedelta(days=5)))
    with pytest.raises(UserError) as e:
        orders.accept_quote(book, q.id, DAY + dt.timedelta(days=6))
    assert "kedaluwarsa" in e.value.message
    assert quotes.get_quote(book, q.id).status == "draft"
    orders.accept_quote(book, q.id, DAY + dt.timedelta(days=1))
    assert quotes.get_quote(book, q.id).status == "accepted"


def test_list_and_find(setup):
    book, pk, home, _b = setup
    q = quotes.create_quote(book, _quote(pk, home))
    assert quotes.find_quote(book, " sph-2026-0001 ").id == q.id
    with pytest.raises(UserError) as e:
        quotes.find_quote(book, "SPH-2026-0404")
    assert "tidak ada di buku ini" in e.value.message
    rows = quotes.list_quotes(book, "komariah")
    assert [r.number for r in rows] == [q.number] and rows[0].desa == "Saga"
    assert quotes.count_quotes(book, status="sent") == 0
    assert quotes.list_rows(book)[0] == {"number": q.number, "date": "2026-11-02", "status": "draft", "total": q.total,
                                    "customer": "Siti Komariah", "customer_id": home.id, "desa": "Saga",
                                    "kecamatan": "Balaraja", "valid_until": "2026-12-02", "version": 1}
    assert isinstance(quotes.totals_of([quotes.price_free_line("a", Decimal(2), "m", 5)]).total, int)

"""Orders: create, stages, crew, costs, materials, cancel; every bad input refused, nothing saved."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.jobs import orders
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.store.models.book import JournalEntry, JournalLine
from kws_desktop.store.models.jobs import Order, OrderCost, OrderCrew, OrderStageEvent

D = dt.date(2026, 3, 2)


@pytest.fixture
def setup(book):
    from kws_desktop.services.sales.customers import CustomerInput, create_customer
    from kws_desktop.services.purchasing.materials import MaterialInput, create_material
    from kws_desktop.services.people.members import MemberInput, register_member
    from kws_desktop.services.book.opening import post_opening_balances
    from kws_desktop.services.purchasing.purchases import PurchaseInput, PurchaseLineInput, record_purchase
    post_opening_balances(book, dt.date(2026, 1, 1), cash=5_000_000, bank=10_000_000)
    cust = create_customer(book, CustomerInput(name="Bapak Ahmad Sutisna", gender="L", address="Kp. Sukamaju",
                                               rt="002", rw="004", desa="Sentul", kecamatan="Balaraja"))
    member = register_member(book, MemberInput(name="Ujang Suryana", gender="L", role="tukang",
                                               joined_on=dt.date(2025, 1, 1), daily_wage=120_000))
    semen = create_material(book, MaterialInput(name="Semen 50 kg", unit="sak", price=65_000))
    pipa = create_material(book, MaterialInput(name="Pipa PVC 4 inci", unit="batang", price=90_000))
    record_purchase(book, PurchaseInput(date=dt.date(2026, 2, 1), supplier_id=None, method="cash",
                                        lines=(PurchaseLineInput(semen.id, 10, 60_000),)))
    return {"customer": cust.id, "member": member.id, "semen": semen.id, "pipa": pipa.id}


def _order(book, setup, *, payers=(), date=D) -> orders.OrderView:
    return orders.create_order(book, orders.OrderInput(
        customer_id=setup["customer"], date=date,
        lines=(orders.LineInput("Tangki septik individual biofilter", 1, "unit", 4_500_000, cost=3_400_000),),
        payers=payers))


def _counts(book) -> tuple[int, ...]:
    with book.reading() as s:
        return tuple(s.execute(select(func.count()).select_from(t)).scalar()
                     for t in (Order, OrderCrew, OrderCost, OrderStageEvent, JournalEntry, JournalLine))


def test_direct_order_has_number_swadaya_payer_and_place(book, setup):
    o = _order(book, setup)
    assert o.number == "PSN-2026-0001"
    assert o.stage == "dijadwalkan"
    assert o.price == 4_500_000 and o.quoted_cost == 3_400_000
    assert [(p.payer_type, p.amount, p.name) for p in o.payers] == [("swadaya", 4_500_000, "Bapak Ahmad Sutisna")]
    assert o.desa == "Sentul" and o.kecamatan == "Balaraja" and "RT 002/RW 004" in o.address
    assert o.cost.actual == 0 and o.cost.margin == 4_500_000


def test_payers_must_add_up_to_price(book, setup):
    before = _counts(book)
    with pytest.raises(UserError) as e:
        _order(book, setup, payers=(orders.PayerInput("swadaya", 1_000_000), orders.PayerInput("baznas", 3_000_000)))
    assert "harus sama dengan harga" in e.value.message
    assert _counts(book) == before


def test_whole_life_crew_costs_materials_and_margin(book, setup):
    o = _order(book, setup, payers=(orders.PayerInput("swadaya", 1_500_000), orders.PayerInput("baznas", 3_000_000)))
    assert o.program_funded
    orders.change_stage(book, o.id, "dikerjakan", D + dt.timedelta(days=2))
    crew = orders.add_crew(book, o.id, setup["member"], D + dt.timedelta(days=2), "3,5", 120_000, role="tukang")
    assert crew.amount == 420_000 and crew.journal_number.startswith("JU-2026-")
    orders.add_cost(book, o.id, "transport", 150_000, D + dt.timedelta(days=2), description="Angkut bahan")
    v = orders.issue_material(book, o.id, setup["semen"], 4, D + dt.timedelta(days=2))
    assert v.cost.material == 240_000
    v = orders.return_material(book, o.id, setup["semen"], 1, D + dt.timedelta(days=5))
    assert v.cost.material == 180_000
    v = orders.change_stage(book, o.id, "diserahterimakan", D + dt.timedelta(days=6))
    assert v.stage == "diserahterimakan"
    assert v.finished_date == v.handed_over_date == D + dt.timedelta(days=6)
    assert v.handover.number == "BAST-2026-0001"
    assert [e.to_stage for e in v.events] == ["dijadwalkan", "dikerjakan", "selesai", "diserahterimakan"]
    assert (v.cost.material, v.cost.labour, v.cost.other) == (180_000, 420_000, 150_000)
    assert v.cost.margin == 4_500_000 - 750_000
    assert not v.cost.over_cost
    # labour is owed to the member, in the members' sub-ledger
    with book.reading() as s:
        owed = s.execute(select(func.sum(JournalLine.amount)).where(
            JournalLine.party_kind == "member", JournalLine.party_id == setup["member"])).scalar()
        bal = {r.code: r.balance for r in account_balances(s)}
    assert owed == -420_000
    assert bal[A.COST_LABOUR] == 420_000 and bal[A.COST_TRANSPORT] == 150_000
    assert check_book(book) == []


def test_finishing_without_crew_is_refused(book, setup):
    o = _order(book, setup)
    orders.change_stage(book, o.id, "dikerjakan", D)
    before = _counts(book)
    for stage in ("selesai", "diserahterimakan"):
        with pytest.raises(UserError) as e:
            orders.change_stage(book, o.id, stage, D + dt.timedelta(days=3))
        assert "belum ada tukang" in e.value.message
    assert _counts(book) == before
    assert orders.get_order(book, o.id).stage == "dikerjakan"


def test_stage_date_before_order_date_is_refused(book, setup):
    o = _order(book, setup)
    before = _counts(book)
    with pytest.raises(UserError) as e:
        orders.change_stage(book, o.id, "dikerjakan", D - dt.timedelta(days=1))
    assert "tidak boleh sebelum tanggal pesanan" in e.value.message and e.value.field == "date"
    assert _counts(book) == before
    v = orders.get_order(book, o.id)
    assert v.stage == "dijadwalkan" and v.started_date is None


def test_work_dated_before_the_order_is_refused_with_its_own_words(book, setup):
    """Crew, other costs and material use share one rule (orders.order_open_on), each in its words."""
    o = _order(book, setup)
    early = D - dt.timedelta(days=1)
    before = _counts(book)
    for work, words, field in (
            (lambda: orders.add_crew(book, o.id, setup["member"], early, 1, 100_000), "Tanggal kerja", "work_date"),
            (lambda: orders.add_cost(book, o.id, "permits", 50_000, early), "Tanggal biaya", "date"),
            (lambda: orders.issue_material(book, o.id, setup["semen"], 1, early), "Tanggal pemakaian", "date")):
        with pytest.raises(UserError) as e:
            work()
        assert e.value.message == (f"{words} (1 Maret 2026) tidak boleh sebelum tanggal pesanan (2 Maret 2026)."
                                   ) and e.value.field == field
    assert _counts(book) == before
    assert orders.get_order(book, o.id).cost.material == 0


def test_stage_date_before_previous_stage_is_refused(book, setup):
    o = _order(book, setup)
    orders.change_stage(book, o.id, "dikerjakan", D + dt.timedelta(days=5))
    orders.add_crew(book, o.id, setup["member"], D + dt.timedelta(days=5), 1, 100_000)
    with pytest.raises(UserError) as e:
        orders.change_stage(book, o.id, "selesai", D + dt.timedelta(days=2))
    assert "tahap dikerjakan" in e.value.message


def test_issuing_material_not_in_stock_is_refused(book, setup):
    o = _order(book, setup)
    before = _counts(book)
    with pytest.raises(UserError) as e:
        orders.issue_material(book, o.id, setup["pipa"], 2, D)
    assert "tidak cukup" in e.value.message
    with pytest.raises(UserError) as e:
        orders.issue_material(book, o.id, setup["semen"], 11, D)
    assert "Stok Semen 50 kg tidak cukup" in e.value.message
    assert _counts(book) == before
    assert orders.get_order(book, o.id).cost.material == 0


def test_going_back_needs_a_reason_and_voids_the_handover(book, setup):
    o = _order(book, setup)
    orders.add_crew(book, o.id, setup["member"], D, 2, 100_000)
    orders.change_stage(book, o.id, "diserahterimakan", D + dt.timedelta(days=3))
    with pytest.raises(UserError) as e:
        orders.change_stage(book, o.id, "dikerjakan", D + dt.timedelta(days=4))
    assert "alasan" in e.value.message
    v = orders.change_stage(book, o.id, "dikerjakan", D + dt.timedelta(days=4), reason="Pipa bocor, diperbaiki")
    assert v.stage == "dikerjakan" and v.finished_date is None and v.handed_over_date is None
    assert v.handover is None and v.handovers[0].status == "void"
    assert v.events[-1].reason == "Pipa bocor, diperbaiki"
    v = orders.change_stage(book, o.id, "diserahterimakan", D + dt.timedelta(days=6))
    assert v.handover.number == "BAST-2026-0002"
    assert check_book(book) == []


def test_cancel_needs_reason_and_keeps_costs(book, setup):
    o = _order(book, setup)
    orders.add_cost(book, o.id, "permits", 50_000, D)
    with pytest.raises(UserError):
        orders.cancel_order(book, o.id, D, "  ")
    v = orders.cancel_order(book, o.id, D + dt.timedelta(days=1), "Rumah tangga pindah")
    assert v.stage == "batal" and v.cancel_reason == "Rumah tangga pindah"
    assert v.cost.other == 50_000
    with pytest.raises(UserError) as e:
        orders.add_crew(book, o.id, setup["member"], D, 1, 100_000)
    assert "sudah dibatalkan" in e.value.message


def test_cancelling_an_order_with_payments_is_refused(book, setup):
    from kws_desktop.services.billing.invoices import invoice_order
    from kws_desktop.services.billing.payments import record_payment
    o = _order(book, setup)
    invoices = invoice_order(book, o.id, D)
    record_payment(book, invoice_id=invoices[0].id, date=D, amount=1_000_000)
    before = _counts(book)
    for attempt in (lambda: orders.cancel_order(book, o.id, D, "Salah catat"),
                    lambda: orders.delete_order(book, o.id, "Salah catat"),
                    lambda: orders.change_stage(book, o.id, "batal", D, reason="Salah catat")):
        with pytest.raises(UserError) as e:
            attempt()
        assert "sudah ada pembayaran" in e.value.message
    assert _counts(book) == before
    assert orders.get_order(book, o.id).stage == "dijadwalkan"


def test_void_crew_and_cost_reverse_their_entries(book, setup):
    o = _order(book, setup)
    crew = orders.add_crew(book, o.id, setup["member"], D, 1, 100_000)
    cost = orders.add_cost(book, o.id, "equipment", 75_000, D, method="transfer")
    orders.void_crew(book, crew.id, "Salah orang", D)
    orders.void_cost(book, cost.id, "Dobel", D)
    v = orders.get_order(book, o.id)
    assert v.cost.actual == 0
    assert [c.status for c in v.crew] == ["void"] and v.costs[0].void_reason == "Dobel"
    with book.reading() as s:
        bal = {r.code: r.balance for r in account_balances(s)}
    assert bal[A.COST_LABOUR] == 0 and bal[A.WAGES_PAYABLE] == 0 and bal[A.COST_EQUIPMENT] == 0
    assert check_book(book) == []


def test_crew_refuses_bad_days_and_wage(book, setup):
    o = _order(book, setup)
    before = _counts(book)
    with pytest.raises(UserError) as e:
        orders.add_crew(book, o.id, setup["member"], D, 0, 0)
    assert {f for f, _m in e.value.problems} == {"days", "daily_wage"}
    with pytest.raises(UserError) as e:
        orders.add_crew(book, o.id, setup["member"], D - dt.timedelta(days=3), 1, 100_000)
    assert "sebelum tanggal pesanan" in e.value.message
    assert _counts(book) == before


def test_list_filters_sort_and_totals(book, setup):
    a = _order(book, setup)
    b = _order(book, setup, payers=(orders.PayerInput("swadaya", 500_000), orders.PayerInput("apbd", 4_000_000)),
               date=D + dt.timedelta(days=1))
    orders.add_crew(book, b.id, setup["member"], D + dt.timedelta(days=1), 10, 500_000)
    rows = orders.list_orders(book, sort="margin", descending=False)
    assert [r.number for r in rows] == [b.number, a.number]
    assert rows[0].cost == 5_000_000 and rows[0].margin == -500_000
    assert [r.number for r in orders.list_orders(book, orders.OrderFilter(payer_type="apbd"))] == [b.number]
    assert orders.count_orders(book, orders.OrderFilter(search="ahmad")) == 2
    assert orders.count_orders(book, orders.OrderFilter(search="PSN-2026-0002")) == 1
    t = orders.order_totals(book)
    assert (t.count, t.price, t.cost, t.margin) == (2, 9_000_000, 5_000_000, 4_000_000)
    assert orders.get_order(book, b.id).cost.over_cost


def _quote(book, setup, *, date=D, valid_until=None):
    from kws_desktop.services.sales import quotes
    from kws_desktop.services.sales.packages import PackageInput, PackageMaterialInput, create_package
    pkg = create_package(book, PackageInput(code="TS-1", name="Tangki septik individual", materials=(
        PackageMaterialInput(setup["semen"], 6),), labour_days=4, daily_wage=120_000,
        transport_cost=100_000, overhead_pct=10, margin_pct=15))
    return quotes.create_quote(book, quotes.QuoteInput(
        customer_id=setup["customer"], date=date, valid_until=valid_until,
        lines=(quotes.QuoteLineInput(qty=1, package_id=pkg.id),), title="Pembangunan tangki septik",
        site_address="Kp. Sukamaju Hilir"))


def test_accept_quote_copies_items_components_payers_and_freezes_quote(book, setup):
    from kws_desktop.services.sales import quotes
    q = _quote(book, setup)
    v = orders.accept_quote(book, q.id, D + dt.timedelta(days=3))
    assert v.quote_id == q.id and v.quote_number == q.number
    assert v.price == q.total and v.quoted_cost == q.totals.cost
    main = v.main_items
    assert len(main) == 1 and main[0].kind == "package"
    assert v.package == main[0].description
    assert any(i.kind == "component" and i.material_id == setup["semen"] for i in v.items)
    assert v.quoted_cost > 0 and v.address == "Kp. Sukamaju Hilir"
    assert quotes.get_quote(book, q.id).order_id == v.id
    assert sum(p.amount for p in v.payers) == v.price
    after = quotes.get_quote(book, q.id)
    assert after.status == "accepted"
    before = _counts(book)
    with pytest.raises(UserError) as e:
        orders.accept_quote(book, q.id, D + dt.timedelta(days=4))
    assert "sudah diterima" in e.value.message
    assert _counts(book) == before


def test_accepting_an_expired_quote_is_refused(book, setup):
    from kws_desktop.services.sales import quotes
    q = _quote(book, setup, valid_until=D + dt.timedelta(days=10))
    before = _counts(book)
    with pytest.raises(UserError) as e:
        orders.accept_quote(book, q.id, D + dt.timedelta(days=11))
    assert "kedaluwarsa" in e.value.message and e.value.field == "date"
    assert _counts(book) == before
    assert quotes.get_quote(book, q.id).status != "accepted"


def test_an_order_typed_without_a_package_names_its_work_on_the_invoice(book, setup):
    """Issue 19.2, the window's way: the work typed on the line is the order's description, so
    the invoice says it instead of "Pekerjaan sanitasi"."""
    from kws_desktop.services.billing import invoices
    o = _order(book, setup)
    with book.reading() as s:
        assert s.get(Order, o.id).description == "Tangki septik individual biofilter"
    bill = invoices.invoice_order(book, o.id, D)[0]
    assert bill.lines[0].description == f"{o.number}: Tangki septik individual biofilter - Bapak Ahmad Sutisna (bagian Swadaya)"

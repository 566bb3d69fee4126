"""Input validation sweep: every main form's service call gets hostile values in every field
(None, empty, wrong types, negative, huge beyond MAX_RUPIAH, NaN, dates at the ends of the
calendar, markup, control characters). Each call either succeeds or refuses with a UserError
carrying a message; it never crashes, and a refusal leaves the book exactly as it was."""
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).parent))
import flows  # noqa: E402
from service_runs import service_runs  # noqa: E402

from kws_desktop.core.money import MAX_RUPIAH  # noqa: E402
from kws_desktop.errors import UserError  # noqa: E402
from kws_desktop.services.sales import customers, quotes
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.purchasing import materials, purchases, stock, suppliers
from kws_desktop.services.people import members, profit_sharing, wages
from kws_desktop.services.jobs import orders
from test_invariants_stateful import _fingerprint  # noqa: E402

HOSTILE = [None, "", " ", "abc", "12abc", -1, 0, 10**15, MAX_RUPIAH + 1, 2**63, 10**30, True, 1.5,
           float("nan"), Decimal("NaN"), Decimal("-0.0001"), Decimal("1e400"), "1e400", "-5", "2,5",
           dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.datetime(2026, 6, 1, 12, 0), "2026-13-40",
           "<b>x</b>", "\x00", "x" * 5000, (), [], {}]
# Text fields come from text widgets (always str): they get hostile strings.
HOSTILE_TEXT = ["", " ", "<b>x</b>", "\x00\x07", "x" * 5000, "🚽 مرحبا", "' OR 1=1 --", "=1+1"]
DAY = dt.date(2026, 6, 1)
_BOOK: dict = {}


def _book(tmp_path_factory):
    if "book" not in _BOOK:
        from kws_desktop.services.book.books import create_book
        path = tmp_path_factory.mktemp("sweep") / "sweep.kws"
        book = create_book(path, durable=False)
        event.listen(book.engine, "connect", lambda c, _r: c.execute("PRAGMA synchronous = OFF"))
        ids = flows.setup(book)
        flows.business_round(book, ids, 1, lambda kind, key: ids.setdefault(kind, key))
        with book.reading() as s:
            from sqlalchemy import select

            from kws_desktop.store.models.billing import Invoice
            from kws_desktop.store.models.jobs import Order
            ids["order_id"] = s.execute(select(Order.id)).scalar()
            ids["invoice_id"] = s.execute(select(Invoice.id)).scalar()
        _BOOK.update(book=book, ids=ids)
    return _BOOK["book"], _BOOK["ids"]


@pytest.fixture(scope="module")
def sweep_book(tmp_path_factory):
    book, ids = _book(tmp_path_factory)
    yield book, ids
    book.close(backup=False)
    _BOOK.clear()


def field(good, draw):
    """Mostly a good value, often a hostile one."""
    return draw(st.one_of(st.just(good), st.sampled_from(HOSTILE)))


IDS = [0, -1, 999_999, None]
DATES = [None, dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2025, 12, 31)]


def ident(good, draw):
    """Ids come from pickers: the right one, none, or one that does not exist."""
    return draw(st.one_of(st.just(good), st.sampled_from(IDS)))


def day(good, draw):
    """Dates come from date widgets or the command line parser: a date or nothing."""
    return draw(st.one_of(st.just(good), st.sampled_from(DATES)))


def text(good, draw):
    return draw(st.one_of(st.just(good), st.sampled_from(HOSTILE_TEXT)))


def _call(book, fn):
    before = _fingerprint(book)
    try:
        fn()
    except UserError as exc:
        assert exc.message.strip()
        assert all(m.strip() for _f, m in exc.problems)
        assert _fingerprint(book) == before, f"refused but changed: {exc.message}"


def _forms(ids):
    """(name, builder(draw) -> zero-argument call) for every main form."""
    c, sup, (m1, _m2), mem = ids["customer"], ids["supplier"], ids["materials"], ids["member"]
    o, inv = ids["order_id"], ids["invoice_id"]
    return {
        "customer": lambda d: lambda b: customers.create_customer(b, customers.CustomerInput(
            name=text("Ibu Ani", d), address=text("Jl. Mawar", d), phone=text("0812 3456 7890", d),
            rt=text("003", d), household_size=field(4, d), notes=text("", d), desa=text("Sentul", d))),
        "member": lambda d: lambda b: members.register_member(b, members.MemberInput(
            name=text("Bu Siti", d), gender=text("P", d), role=text("anggota", d),
            joined_on=day(DAY, d), capital=field(0, d), daily_wage=field(100_000, d),
            address=text("", d), notes=text("", d))),
        "material": lambda d: lambda b: materials.create_material(b, materials.MaterialInput(
            name=text("Batu bata", d), unit=text("buah", d), price=field(800, d),
            min_stock=field(0, d), notes=text("", d))),
        "supplier": lambda d: lambda b: suppliers.create_supplier(b, suppliers.SupplierInput(
            name=text("TB Jaya", d), address=text("", d), phone=text("", d), notes=text("", d))),
        "purchase": lambda d: lambda b: purchases.record_purchase(b, purchases.PurchaseInput(
            date=day(DAY, d), supplier_id=ident(sup, d), method=text("cash", d),
            lines=(purchases.PurchaseLineInput(ident(m1, d), field("2.5", d), field(65_000, d)),),
            shipping=field(0, d), slip_number=text("", d), order_id=ident(None, d), notes=text("", d))),
        "quote": lambda d: lambda b: quotes.create_quote(b, quotes.QuoteInput(
            customer_id=ident(c, d), date=day(DAY, d), discount=field(0, d), title=text("", d),
            valid_until=day(None, d), notes=text("", d),
            lines=(quotes.QuoteLineInput(field(1, d), description=text("Jamban", d), unit=text("unit", d),
                                         unit_price=field(1_500_000, d)),))),
        "payment": lambda d: lambda b: payments.record_payment(
            b, invoice_id=ident(inv, d), date=day(DAY, d), amount=field(10_000, d),
            method=text("cash", d), payer_name=text("", d), advance=field(0, d), note=text("", d)),
        "advance": lambda d: lambda b: wages.record_advance(
            b, ident(mem, d), field(50_000, d), day(DAY, d), method=text("cash", d), note=text("", d)),
        "payout": lambda d: lambda b: wages.pay_members(b, date=day(DAY, d), method=text("cash", d), lines=[
            wages.PayLine(ident(mem, d), wages=field(1_000, d), profit_share=field(0, d),
                          deduct_advance=field(0, d))]),
        "supplier_payment": lambda d: lambda b: suppliers.pay_supplier(
            b, supplier_id=ident(sup, d), amount=field(1_000, d), date=day(DAY, d),
            method=text("cash", d), notes=text("", d)),
        "crew": lambda d: lambda b: orders.add_crew(b, ident(o, d), ident(mem, d), day(DAY, d),
                                                    field("1", d), field(100_000, d), text("", d)),
        "cost": lambda d: lambda b: orders.add_cost(b, ident(o, d), text("transport", d),
                                                    field(20_000, d), day(DAY, d)),
        "stock_count": lambda d: lambda b: stock.record_stock_count(b, date=day(DAY, d), notes=text("", d), lines=[
            stock.CountLineInput(ident(m1, d), field("3", d), text("pecah", d))]),
        "invoice_plan": lambda d: lambda b: invoices.reschedule(b, ident(inv, d), invoices.PlanSpec(
            count=field(2, d), down_payment=field(0, d), first_due=day(None, d))),
        "void_payment": lambda d: lambda b: payments.void_payment(b, ident(1, d), text("salah", d),
                                                                  date=day(DAY, d)),
        "profit_sharing": lambda d: lambda b: profit_sharing.post_profit_sharing(
            b, day(dt.date(2026, 1, 1), d), day(dt.date(2026, 1, 31), d)),
        "issue": lambda d: lambda b: orders.issue_material(b, ident(o, d), ident(m1, d), field("1", d),
                                                           day(DAY, d)),
    }


FORMS = ["customer", "member", "material", "supplier", "purchase", "quote", "payment", "advance",
         "payout", "supplier_payment", "crew", "cost", "stock_count", "invoice_plan", "void_payment",
         "profit_sharing", "issue"]


@pytest.mark.parametrize("form", FORMS)
def test_hostile_values_never_crash_nor_leave_partial_writes(sweep_book, form):
    book, ids = sweep_book
    build = _forms(ids)[form]

    @service_runs()
    @given(st.data())
    def run(data):
        _call(book, lambda: build(data.draw)(book))

    run()


# --- issue 22: names of NUL bytes, 1 MB names, dates at the ends of the calendar -------------

NUL_NAME, HUGE_NAME = "\x00\x00\x00", "x" * 1_000_000
EARLY, LATE = dt.date(1, 1, 1), dt.date(9999, 12, 31)


def _refused(book, fn, *words):
    before = _fingerprint(book)
    with pytest.raises(UserError) as info:
        fn()
    assert all(w in info.value.message for w in words), info.value.message
    assert _fingerprint(book) == before
    return info.value


def _named(kind, name):
    return {
        "member": lambda b: members.register_member(b, members.MemberInput(name=name, gender="P",
                                                                          joined_on=DAY)),
        "customer": lambda b: customers.create_customer(b, customers.CustomerInput(name=name)),
        "material": lambda b: materials.create_material(b, materials.MaterialInput(name=name, unit="sak")),
        "supplier": lambda b: suppliers.create_supplier(b, suppliers.SupplierInput(name=name)),
    }[kind]


@pytest.mark.parametrize("kind", ["member", "customer", "material", "supplier"])
def test_a_name_of_only_nul_bytes_is_an_empty_name(sweep_book, kind):
    book, _ids = sweep_book
    _refused(book, lambda: _named(kind, NUL_NAME)(book), "wajib diisi")


@pytest.mark.parametrize("kind", ["member", "customer", "material", "supplier"])
def test_a_1_mb_name_is_refused_not_cut(sweep_book, kind):
    book, _ids = sweep_book
    _refused(book, lambda: _named(kind, HUGE_NAME)(book), "terlalu panjang")


def test_a_1_mb_payer_name_is_refused_not_cut(sweep_book):
    """The finding: the payer name was cut to 200 characters silently."""
    book, ids = sweep_book
    exc = _refused(book, lambda: payments.record_payment(book, invoice_id=ids["invoice_id"], date=DAY,
                                                         amount=1_000, payer_name=HUGE_NAME),
                   "terlalu panjang", "200")
    assert exc.field == "payer_name"


def test_a_nul_payer_name_falls_back_to_the_invoice_payer(sweep_book):
    book, ids = sweep_book
    info = payments.record_payment(book, invoice_id=ids["invoice_id"], date=DAY, amount=1_000,
                                   payer_name=NUL_NAME)
    assert info.payer_name.strip() and "\x00" not in info.payer_name
    payments.void_payment(book, info.id, "uji", date=DAY)


def _dated(ids, day):
    c, sup, (m1, _m2), mem = ids["customer"], ids["supplier"], ids["materials"], ids["member"]
    return {
        "member": lambda b: members.register_member(b, members.MemberInput(
            name=f"Bu Tanggal {day.year}", gender="P", joined_on=day)),
        "purchase": lambda b: purchases.record_purchase(b, purchases.PurchaseInput(
            date=day, supplier_id=sup, method="cash", lines=(purchases.PurchaseLineInput(m1, 1, 1_000),))),
        "quote": lambda b: quotes.create_quote(b, quotes.QuoteInput(customer_id=c, date=day, lines=(
            quotes.QuoteLineInput(1, description="Jamban", unit="unit", unit_price=1_000_000),))),
        "payment": lambda b: payments.record_payment(b, invoice_id=ids["invoice_id"], date=day, amount=1_000),
        "invoice": lambda b: invoices.invoice_order(b, ids["order_id"], day),
        "advance": lambda b: wages.record_advance(b, mem, 50_000, day),
        "stock_count": lambda b: stock.record_stock_count(b, date=day, lines=[stock.CountLineInput(m1, "3", "")]),
        "supplier_payment": lambda b: suppliers.pay_supplier(b, supplier_id=sup, amount=1_000, date=day),
        "crew": lambda b: orders.add_crew(b, ids["order_id"], mem, day, "1", 100_000, ""),
        "profit_sharing": lambda b: profit_sharing.post_profit_sharing(b, day, day),
    }


DATED = ["member", "purchase", "quote", "payment", "invoice", "advance", "stock_count",
         "supplier_payment", "crew", "profit_sharing"]


@pytest.mark.parametrize("form", DATED)
@pytest.mark.parametrize("day, words", [(LATE, "terlalu jauh di masa depan"),
                                        (EARLY, "terlalu lama: tanggal paling awal 1 Januari 2000")])
def test_dates_outside_the_range_are_refused_by_the_shared_rule(sweep_book, form, day, words):
    """The finding: 9999-12-31 was accepted (KWT-9999-0001) and invoicing it overflowed."""
    book, ids = sweep_book
    try:
        _refused(book, lambda: _dated(ids, day)[form](book), words)
    except OverflowError as exc:  # pragma: no cover - the finding itself
        pytest.fail(f"{form} at {day}: OverflowError {exc}")


def test_the_rule_is_one_core_function():
    from kws_desktop.core.dates import EARLIEST, latest, out_of_range
    today = dt.date(2026, 12, 3)
    assert EARLIEST == dt.date(2000, 1, 1) and latest(today) == dt.date(2027, 12, 3)
    assert latest(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert out_of_range(EARLIEST, today) is None and out_of_range(latest(today), today) is None
    assert out_of_range(dt.date(1999, 12, 31), today) == "early"
    assert out_of_range(dt.date(2027, 12, 4), today) == "late"


def test_invoicing_an_order_at_the_last_accepted_date_does_not_overflow(sweep_book):
    from kws_desktop.core.dates import latest
    book, ids = sweep_book
    last = latest(dt.date.today())
    q = quotes.create_quote(book, quotes.QuoteInput(customer_id=ids["customer"], date=last, lines=(
        quotes.QuoteLineInput(1, description="Jamban", unit="unit", unit_price=1_000_000),)))
    o = orders.accept_quote(book, q.id, last)
    made = invoices.invoice_order(book, o.id, last)
    assert made and made[0].date == last


@pytest.mark.parametrize("start, end", [(EARLY, None), (None, LATE), (EARLY, LATE), (dt.date(1999, 12, 31), None)])
def test_every_report_at_extreme_dates_is_refused_not_overflowing(sweep_book, start, end):
    """The finding: `report cash-book --from 0001-01-01` crashed with OverflowError."""
    from kws_desktop.services.reports import build_report, kinds
    book, _ids = sweep_book
    for kind in kinds():
        with pytest.raises(UserError, match="terlalu"):
            build_report(book, kind, start, end)


def test_every_report_at_the_ends_of_the_range_works(sweep_book):
    from kws_desktop.core.dates import EARLIEST, latest
    from kws_desktop.services.reports import build_report, kinds
    book, _ids = sweep_book
    for kind in kinds():
        assert build_report(book, kind, EARLIEST, latest(dt.date.today())).title

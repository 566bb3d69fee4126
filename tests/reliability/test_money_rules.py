"""Right money only: one rule per kind of money (services/book/amounts.py) that every service
uses, whatever a widget handed in; and money dated after today needs the user's confirmation
(services/book/dates.py ensure_money_date), more than 31 days ahead is refused. Each refusal
says why in Indonesian and leaves the book exactly as it was (no kuitansi number used up)."""
import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).parent))
import flows  # noqa: E402

from kws_desktop.errors import UserError  # noqa: E402
from kws_desktop.services.billing import payments  # noqa: E402
from kws_desktop.services.book import amounts  # noqa: E402
from kws_desktop.services.book.dates import FutureDateError, ensure_money_date  # noqa: E402
from kws_desktop.services.cash import entries  # noqa: E402
from kws_desktop.services.people import capital_return, members, wages  # noqa: E402
from kws_desktop.services.purchasing import purchases, suppliers  # noqa: E402
from kws_desktop.services.sales import quotes  # noqa: E402
from test_invariants_stateful import _fingerprint  # noqa: E402

TODAY = dt.date.today()
_BOOK: dict = {}


@pytest.fixture(scope="module")
def money_book(tmp_path_factory):
    from sqlalchemy import select

    from kws_desktop.services.book.books import create_book
    from kws_desktop.store.models.billing import Invoice
    book = create_book(tmp_path_factory.mktemp("money") / "money.kws", durable=False)
    event.listen(book.engine, "connect", lambda c, _r: c.execute("PRAGMA synchronous = OFF"))
    ids = flows.setup(book)
    flows.business_round(book, ids, 1, lambda kind, key: ids.setdefault(kind, key))
    flows.buy(book, ids, ids["materials"][0], "10", 50_000, method="credit")  # something owed
    entries.record_income(book, date=flows.DAY, money_account="cash", category=entries.INCOME_CATEGORIES[0][0],
                          amount=50_000_000, description="modal")
    q = flows.quote(book, ids, 90_000_000)
    from kws_desktop.services.billing import invoices
    from kws_desktop.services.jobs import orders
    o = orders.accept_quote(book, q.id, flows.DAY)
    invoices.invoice_order(book, o.id, flows.DAY)
    with book.reading() as s:
        ids["invoice_id"] = s.execute(select(Invoice.id).where(Invoice.status == "open")
                                      .order_by(Invoice.id.desc())).scalar()
    yield book, ids
    book.close(backup=False)


def _refused(book, call, words: str, field: str | None = None) -> UserError:
    before = _fingerprint(book)
    with pytest.raises(UserError) as exc:
        call()
    assert words in exc.value.message, exc.value.message
    if field is not None:
        assert field in [f for f, _m in exc.value.problems], exc.value.problems
    assert _fingerprint(book) == before, "refused but changed"
    return exc.value


# --- the rule itself ------------------------------------------------------------------------

@pytest.mark.parametrize("value, kind, words", [
    (-1, amounts.PAYMENT, "Jumlah uang harus lebih dari Rp0."),
    (0, amounts.PAYMENT, "Jumlah uang harus lebih dari Rp0."),
    (-1, amounts.PART, "Jumlah uang tidak boleh kurang dari Rp0."),
    (True, amounts.PART, "Jumlah uang harus ditulis dalam rupiah bulat, misalnya 50.000."),
    (1.5, amounts.PAYMENT, "rupiah bulat"),
    ("50000", amounts.PAYMENT, "rupiah bulat"),
    (None, amounts.PART, "rupiah bulat"),
    (10_000_000_001, amounts.PAYMENT,
     "Jumlah uang terlalu besar: paling banyak Rp10.000.000.000. Periksa angkanya."),
    (10**30, amounts.PART, "Jumlah uang terlalu besar"),
    (10_000_001, amounts.WAGE, "paling banyak Rp10.000.000"),
])
def test_a_wrong_amount_is_refused_with_its_reason(value, kind, words):
    problems: list = []
    assert amounts.check_rupiah(value, "amount", problems, kind, "Jumlah uang") is None
    assert problems and problems[0][0] == "amount" and words in problems[0][1]


@pytest.mark.parametrize("value, kind", [(1, amounts.PAYMENT), (0, amounts.PART),
                                         (10_000_000_000, amounts.PAYMENT), (0, amounts.LIST_PRICE),
                                         (10_000_000, amounts.WAGE)])
def test_a_right_amount_passes_unchanged(value, kind):
    problems: list = []
    assert amounts.check_rupiah(value, "amount", problems, kind, "Jumlah uang") == value and problems == []


def test_every_kind_has_a_ceiling_below_what_the_program_can_print():
    from kws_desktop.core.money import MAX_RUPIAH
    kinds = [v for v in vars(amounts).values() if isinstance(v, amounts.MoneyKind)]
    assert len(kinds) >= 6 and all(0 < k.ceiling <= MAX_RUPIAH for k in kinds)


def test_no_service_checks_money_by_hand_any_more():
    """The finding: ~25 inline `type(x) is not int` checks with different rules and messages."""
    root = Path(__file__).parents[2] / "kws_desktop" / "services"
    found = [str(p.relative_to(root)) for p in root.rglob("*.py")
             if "type(amount) is not int" in p.read_text() or "def _money(value, field" in p.read_text()]
    assert found == []


# --- every money form refuses negative and absurd amounts ------------------------------------

def _money_calls(book, ids):
    """(name, field, call(amount)) for each service that takes money from a form."""
    sup, (m1, _m2), mem, inv = ids["supplier"], ids["materials"], ids["member"], ids["invoice_id"]
    return {
        "payment": ("amount", lambda a: payments.record_payment(book, invoice_id=inv, date=flows.DAY, amount=a)),
        "titipan": ("advance", lambda a: payments.record_payment(book, invoice_id=inv, date=flows.DAY,
                                                                 amount=100_000, advance=a)),
        "supplier_payment": ("amount", lambda a: suppliers.pay_supplier(book, supplier_id=sup, amount=a,
                                                                        date=flows.DAY)),
        "kasbon": ("amount", lambda a: wages.record_advance(book, mem, a, flows.DAY)),
        "payout": ("lines", lambda a: wages.pay_members(book, date=flows.DAY,
                                                        lines=[wages.PayLine(mem, wages=a)])),
        "simpanan": ("amount", lambda a: members.add_capital(book, mem, a, flows.DAY)),
        "simpanan_return": ("amount", lambda a: capital_return.return_capital(book, mem, a, flows.DAY)),
        "expense": ("amount", lambda a: entries.record_expense(
            book, date=flows.DAY, money_account="cash", category=entries.EXPENSE_CATEGORIES[0][0],
            amount=a, description="bensin")),
        "purchase_price": ("lines.0.unit_price", lambda a: purchases.record_purchase(book, purchases.PurchaseInput(
            date=flows.DAY, supplier_id=sup, method="cash", lines=(purchases.PurchaseLineInput(m1, 1, a),)))),
        "shipping": ("shipping", lambda a: purchases.record_purchase(book, purchases.PurchaseInput(
            date=flows.DAY, supplier_id=sup, method="cash", lines=(purchases.PurchaseLineInput(m1, 1, 1_000),),
            shipping=a))),
        "quote_discount": ("discount", lambda a: quotes.create_quote(book, quotes.QuoteInput(
            customer_id=ids["customer"], date=flows.DAY, discount=a,
            lines=(quotes.QuoteLineInput(1, description="Jamban", unit="unit", unit_price=1_000_000),)))),
    }


@pytest.mark.parametrize("form", ["payment", "titipan", "supplier_payment", "kasbon", "payout", "simpanan",
                                  "simpanan_return",
                                  "expense", "purchase_price", "shipping", "quote_discount"])
@pytest.mark.parametrize("amount, words", [(-50_000, "Rp0"), (10**13, "terlalu besar"),
                                           (True, "rupiah bulat")])
def test_each_money_form_refuses_negative_and_absurd_amounts(money_book, form, amount, words):
    book, ids = money_book
    field, call = _money_calls(book, ids)[form]
    _refused(book, lambda: call(amount), words, field)


# --- money dated after today ------------------------------------------------------------------

def test_the_rule_for_money_dates():
    today = dt.date(2026, 12, 3)
    ensure_money_date(today, future_ok=False, today=today)
    ensure_money_date(dt.date(2026, 1, 1), future_ok=False, today=today)
    with pytest.raises(FutureDateError) as exc:
        ensure_money_date(dt.date(2027, 1, 3), future_ok=False, today=today)
    assert exc.value.message.startswith("Tanggal 3 Januari 2027 belum tiba (hari ini 3 Desember 2026).")
    assert exc.value.day == dt.date(2027, 1, 3) and exc.value.field == "date"
    ensure_money_date(dt.date(2027, 1, 3), future_ok=True, today=today)  # 31 days: confirmed
    with pytest.raises(UserError) as far:
        ensure_money_date(dt.date(2027, 1, 4), future_ok=True, today=today)
    assert not isinstance(far.value, FutureDateError)
    assert far.value.message == ("Tanggal 4 Januari 2027 terlalu jauh di masa depan: uang yang dibayar atau "
                                 "diterima paling lambat bertanggal 3 Januari 2027 (31 hari dari hari ini). "
                                 "Periksa tanggalnya.")


def _dated_calls(ids, book):
    sup, (m1, _m2) = ids["supplier"], ids["materials"]
    return {
        "payment": lambda day, ok: payments.record_payment(book, invoice_id=ids["invoice_id"], date=day,
                                                           amount=1_000, future_ok=ok),
        "purchase": lambda day, ok: purchases.record_purchase(book, purchases.PurchaseInput(
            date=day, supplier_id=sup, method="cash", lines=(purchases.PurchaseLineInput(m1, 1, 1_000),)),
            future_ok=ok),
        "supplier_payment": lambda day, ok: suppliers.pay_supplier(book, supplier_id=sup, amount=1_000, date=day,
                                                                   future_ok=ok),
        "kasbon": lambda day, ok: wages.record_advance(book, ids["member"], 1_000, day, future_ok=ok),
        "payout": lambda day, ok: wages.pay_members(book, date=day, future_ok=ok, lines=[
            wages.PayLine(ids["member"], wages=1_000, excess_as_advance=True)]),
        "income": lambda day, ok: entries.record_income(
            book, date=day, money_account="cash", category=entries.INCOME_CATEGORIES[0][0], amount=1_000,
            description="sumbangan", future_ok=ok),
    }


@pytest.mark.parametrize("form", ["payment", "purchase", "supplier_payment", "kasbon", "payout", "income"])
def test_money_dated_after_today_needs_a_confirmation(money_book, form):
    """The finding: a payment dated 400 days ahead was saved and started KWT-2028-0001."""
    book, ids = money_book
    call = _dated_calls(ids, book)[form]
    soon = TODAY + dt.timedelta(days=5)
    err = _refused(book, lambda: call(soon, False), "belum tiba", "date")
    assert isinstance(err, FutureDateError) and err.day == soon
    far = TODAY + dt.timedelta(days=32)
    _refused(book, lambda: call(far, True), "terlalu jauh di masa depan", "date")
    _refused(book, lambda: call(TODAY + dt.timedelta(days=400), True), "terlalu jauh di masa depan", "date")
    call(TODAY, False)  # today never asks
    before = _fingerprint(book)
    call(soon, True)  # confirmed: saved
    assert _fingerprint(book) != before


def test_a_refused_future_payment_uses_no_kuitansi_number(money_book):
    book, ids = money_book
    # the module's book may already hold a confirmed kuitansi dated ahead: today's need a reason
    note = "uji: tanggal hari ini"
    first = payments.record_payment(book, invoice_id=ids["invoice_id"], date=TODAY, amount=1_000,
                                    backdate_note=note)
    with pytest.raises(FutureDateError):
        payments.record_payment(book, invoice_id=ids["invoice_id"], date=TODAY + dt.timedelta(days=3), amount=1_000)
    then = payments.record_payment(book, invoice_id=ids["invoice_id"], date=TODAY, amount=1_000,
                                   backdate_note=note)
    serial = lambda p: int(p.receipt_number.rsplit("-", 1)[1])  # noqa: E731
    assert serial(then) == serial(first) + 1

"""Numbers that follow dates (issue 19), one rule for every numbered kind
(services/book/backdating.py), held on the demo book for each kind a service issues:
- dated before the latest document of its kind this year: refused without a reason (the
  Indonesian sentence, field backdate_note), nothing changed;
- with a reason: accepted, the reason kept with the document and in the audit log;
- dated on the latest document's day: no question.
(The kuitansi has its own tests in test_payments.py.)"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import column, func, select, table

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.i18n import set_language
from kws_desktop.services.book.backdating import (
    KIND_NAMES, BackdateError, backdated_before, kind_name, latest_of, noted,
)
from kws_desktop.services.book.check import NUMBERED_TABLES, check_book
from kws_desktop.store.models.book import AuditEvent
from kws_desktop.store.models.people import Member
from kws_desktop.store.models.purchasing import Material, Supplier
from kws_desktop.store.models.sales import Customer

REASON = "Nota lama baru ditemukan di laci"


def _first(book, model, *where):
    with book.reading() as s:
        return s.execute(select(model.id).where(*where).order_by(model.id).limit(1)).scalar_one()


def _household(book):
    return _first(book, Customer, Customer.kind == "household")


def _invoice(book, day, note):
    from kws_desktop.services.billing import invoices
    return invoices.create_invoice(book, customer_id=_household(book), payer_type="swadaya", date=day,
                                   due_date=None, lines=[invoices.LineSpec(None, "Perbaikan pipa", 150_000)],
                                   backdate_note=note).number


def _purchase(book, day, note, method="cash"):
    from kws_desktop.services.purchasing import purchases
    line = purchases.PurchaseLineInput(_first(book, Material, Material.active.is_(True)), 1, 20_000)
    return purchases.record_purchase(book, purchases.PurchaseInput(day, _first(book, Supplier), method, (line,)),
                                     backdate_note=note).number


def _supplier_payment(book, day, note):
    from kws_desktop.services.purchasing import suppliers
    return suppliers.pay_supplier(book, supplier_id=_first(book, Supplier), amount=1_000, date=day,
                                  backdate_note=note).number


def _cash(kind):
    def issue(book, day, note):
        from kws_desktop.services.cash import entries
        if kind == "transfer":
            return entries.transfer(book, date=day, from_account="bank", amount=10_000, backdate_note=note).number
        record = entries.record_expense if kind == "expense" else entries.record_income
        category = A.OPERATING if kind == "expense" else A.REVENUE_OTHER
        return record(book, date=day, money_account="cash", category=category, amount=10_000,
                      description="Fotokopi", backdate_note=note).number
    return issue


def _mason(book):
    return _first(book, Member, Member.role == "tukang", Member.left_on.is_(None))


def _advance(book, day, note):
    from kws_desktop.services.people import wages
    return wages.record_advance(book, _mason(book), 100_000, day, backdate_note=note).number


def _wage_payout(book, day, note):
    from kws_desktop.services.people import wages
    line = wages.PayLine(_mason(book), wages=50_000, excess_as_advance=True)
    return wages.pay_members(book, date=day, lines=[line], backdate_note=note).number


def _quote(book, day, note):
    from kws_desktop.services.sales import quotes
    line = quotes.QuoteLineInput(1, description="Sedot tinja", unit="kali", unit_price=400_000)
    return quotes.create_quote(book, quotes.QuoteInput(customer_id=_household(book), date=day, lines=(line,),
                                                       backdate_note=note)).number


def _order(book, day, note, *, ready=False):
    from kws_desktop.services.jobs import orders
    row = orders.create_order(book, orders.OrderInput(
        customer_id=_household(book), date=day, lines=(orders.LineInput("Perbaikan tutup tangki", 1, "kali", 300_000),),
        backdate_note=note))
    if ready:  # worked and finished the next day, ready to be handed over
        orders.add_crew(book, row.id, _mason(book), day, 1, 150_000)
        orders.change_stage(book, row.id, "selesai", day + dt.timedelta(days=1))
    return row.number if not ready else row.id


READY: list[int] = []  # orders finished and waiting for their handover (made by _ready_orders)


def _ready_orders(book, latest):
    """Two orders worked and finished the day before the latest BAST, ready to be handed over."""
    READY[:] = [_order(book, latest.date - dt.timedelta(days=2), "Pesanan untuk uji serah terima", ready=True)
                for _n in range(2)]


def _owed_to_shop(book, _latest):
    """Something owed to the shop first, bought on credit on the latest slip's day."""
    with book.reading() as s:
        _purchase(book, latest_of(s, "purchase", 2026).date, "", method="credit")


def _handover(book, day, note):
    from kws_desktop.services.jobs import orders
    orders.change_stage(book, READY[0], "diserahterimakan", day, backdate_note=note)
    READY.pop(0)
    return _newest_number(book, "handover")


def _open_from(book):
    """The first day after the last closed period (profit sharing closes its period)."""
    from kws_desktop.store.models.book import PeriodClose
    with book.reading() as s:
        end = s.execute(select(func.max(PeriodClose.period_end)).where(PeriodClose.reopened_at.is_(None))).scalar()
    return end + dt.timedelta(days=1)


def _profit_sharing(book, day, note):
    """The open period up to ``day`` shared equally among the members."""
    from kws_desktop.services.people import profit_sharing
    rule = {"group_fund_pct": 30, "members_pct": 70, "basis": "equal"}
    return profit_sharing.post_profit_sharing(book, _open_from(book), day, rule, backdate_note=note).number


def _sharing_reversed(book, _latest):
    """A sharing of the first half of 2026 posted and reversed (a wrong period): its number and
    date stay, the period is open again. A gain on its last day leaves a profit to share on that
    day alone, once the days before it are shared."""
    from kws_desktop.services.cash import entries
    from kws_desktop.services.people import profit_sharing
    number = _profit_sharing(book, dt.date(2026, 6, 30), "")
    profit_sharing.reverse_profit_sharing(book, number, "Periode salah, dibagi ulang")
    entries.record_income(book, date=dt.date(2026, 6, 30), money_account="cash", category=A.REVENUE_OTHER,
                          amount=5_000_000, description="Hibah alat", backdate_note="Hibah lama baru dicatat")


def _share_owed(book):
    from kws_desktop.services.people import wages
    return next(r.member_id for r in wages.wages_owed(book) if r.balances.profit_share_owed >= 10_000)


def _profit_share_payout(book, day, note):
    from kws_desktop.services.people import wages
    line = wages.PayLine(_share_owed(book), profit_share=1_000)
    return wages.pay_members(book, date=day, lines=[line], backdate_note=note).number


def _shares_paid_in_july(book, _latest):
    """The first half of 2026 shared (dated 30 June), a first share paid out on 3 July."""
    _profit_sharing(book, dt.date(2026, 6, 30), "")
    _profit_share_payout(book, dt.date(2026, 7, 3), "")


def _stock_count(book, day, note):
    from kws_desktop.services.purchasing import stock
    sheet = stock.count_sheet(book)[:2]
    lines = [stock.CountLineInput(r.material_id, r.system_qty, "") for r in sheet]
    return stock.record_stock_count(book, date=day, lines=lines, backdate_note=note).number


def _newest_number(book, kind):
    docs = table(NUMBERED_TABLES[kind], column("id"), column("number"))
    with book.reading() as s:
        return s.execute(select(docs.c.number).order_by(docs.c.id.desc()).limit(1)).scalar()


ISSUERS = {
    "invoice": _invoice, "purchase": _purchase, "supplier_payment": _supplier_payment,
    "expense": _cash("expense"), "income": _cash("income"), "transfer": _cash("transfer"),
    "advance": _advance, "wage_payout": _wage_payout, "quote": _quote, "order": _order,
    "handover": _handover, "stock_count": _stock_count, "profit_sharing": _profit_sharing,
    "profit_share_payout": _profit_share_payout,
}


# made before the test: what the document needs, or (SHU, PBH) a latest one in 2026 to be dated before
PREPARE = {"supplier_payment": _owed_to_shop, "handover": _ready_orders,
           "profit_sharing": _sharing_reversed, "profit_share_payout": _shares_paid_in_july}


def _state(book, kind):
    with book.reading() as s:
        docs = s.execute(select(func.count()).select_from(table(NUMBERED_TABLES[kind]))).scalar()
        audit = s.execute(select(func.count(AuditEvent.id))).scalar()
    return docs, audit


@pytest.mark.parametrize("kind", sorted(ISSUERS))
def test_a_backdated_document_needs_a_reason(demo_book, kind):
    book = demo_book
    with book.reading() as s:
        latest = latest_of(s, kind, 2026)
    if kind in PREPARE:
        PREPARE[kind](book, latest)
        with book.reading() as s:
            latest = latest_of(s, kind, 2026)
    assert latest is not None and latest.date.month > 1, kind
    earlier = latest.date - dt.timedelta(days=1)
    assert backdated_before(book, kind, earlier) == latest
    before = _state(book, kind)
    with pytest.raises(BackdateError) as err:
        ISSUERS[kind](book, earlier, "")
    assert err.value.field == "backdate_note" and err.value.latest == latest
    assert "terakhir tahun ini bertanggal" in err.value.message
    assert "jadi nomornya tidak urut dengan tanggalnya" in err.value.message
    with pytest.raises(UserError):
        ISSUERS[kind](book, earlier, "   ")  # spaces are no reason
    assert _state(book, kind) == before  # nothing saved

    number = ISSUERS[kind](book, earlier, REASON)
    with book.reading() as s:
        events = [json.loads(e.detail) for e in s.execute(select(AuditEvent).order_by(AuditEvent.id.desc())
                                                          .limit(8)).scalars() if e.detail]
    assert any(REASON in e.get("backdated", "") and latest.number in e["backdated"] for e in events), events
    assert _note_of(book, kind, number) is None or REASON in _note_of(book, kind, number)

    # on the latest document's day (or later) nothing is asked
    assert backdated_before(book, kind, latest.date) is None
    ISSUERS[kind](book, latest.date, "")
    assert check_book(book) == []


def _note_of(book, kind, number):
    """The note (or description) kept with a document, None when its kind has no such column."""
    name = {"expense": "description", "income": "description", "transfer": "description",
              "invoice": "note", "advance": "note", "wage_payout": "note",
              "profit_share_payout": "note"}.get(kind, "notes")
    if kind in ("handover", "profit_sharing"):  # the reason is in the audit log only
        return None
    docs = table(NUMBERED_TABLES[kind], column(name), column("number"))
    with book.reading() as s:
        return s.execute(select(docs.c[name]).where(docs.c.number == number)).scalar()


@pytest.mark.parametrize("language, start, middle", [
    ("id", "Tagihan terakhir tahun ini", "Tanggal tagihan ini lebih awal"),
    ("en", "Invoice out of date order", "the latest invoice of this year"),
])
def test_the_kind_is_in_lower_case_mid_sentence(demo_book, language, start, middle):
    with demo_book.reading() as s:
        latest = latest_of(s, "invoice", 2026)
    set_language(language)
    with pytest.raises(BackdateError) as err:
        _invoice(demo_book, latest.date - dt.timedelta(days=1), "")
    message = err.value.message
    assert message.startswith(start) and middle in message, message
    assert message.count(kind_name("invoice")) == 1  # capitalised only where the sentence starts


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_kind_name_in_lower_case_mid_sentence(language):
    set_language(language)
    for kind in KIND_NAMES:
        name, middle = kind_name(kind), kind_name(kind, mid_sentence=True)
        assert name[0].isupper() and middle[0].islower() and middle[1:] == name[1:], (kind, middle)
    assert kind_name("wage_payout", mid_sentence=True) == ("pembayaran upah" if language == "id" else "wage payment")
    assert kind_name("profit_sharing", mid_sentence=True) == (
        "pembagian SHU" if language == "id" else "profit sharing")


def test_the_reason_fits_the_note_column():
    long_note = "x" * 290
    kept = noted(long_note, "Dicatat mundur (sesudah TGH-2026-0001 bertanggal 1 Maret 2026): lupa")
    assert len(kept) <= 300 and kept.endswith(": lupa")
    assert noted("catatan", "") == "catatan"
    assert noted("", "tanda") == "tanda"
    assert noted("a" * 500, "tanda", limit=None) == "a" * 500 + " tanda"


def test_a_draft_quote_moved_before_an_earlier_number_needs_a_reason(demo_book):
    """Changing a draft's date keeps its number in date order too: before a quote numbered
    before it (or after one numbered after it) only with a reason, kept in its notes."""
    from kws_desktop.services.sales import quotes
    book = demo_book
    with book.reading() as s:
        latest = latest_of(s, "quote", 2026)
    number = _quote(book, latest.date, "")
    draft = quotes.find_quote(book, number)
    data = draft.as_input(date=latest.date - dt.timedelta(days=2))
    with pytest.raises(BackdateError) as err:
        quotes.update_quote(book, draft.id, data)
    assert err.value.field == "backdate_note"
    assert err.value.message.startswith(f"Surat penawaran {latest.number} bertanggal ")
    assert quotes.get_quote(book, draft.id).date == latest.date  # nothing changed
    from dataclasses import replace
    moved = quotes.update_quote(book, draft.id, replace(data, backdate_note=REASON))
    assert moved.date == latest.date - dt.timedelta(days=2) and moved.notes.endswith(REASON)
    # a later number dated before the new date is the other way round
    second = quotes.find_quote(book, _quote(book, latest.date, ""))
    with pytest.raises(BackdateError) as err:
        quotes.update_quote(book, draft.id, draft.as_input(date=latest.date + dt.timedelta(days=1)))
    assert second.number in err.value.message and "nomornya lebih besar" in err.value.message
    quotes.update_quote(book, draft.id, draft.as_input(date=latest.date))  # between its neighbours: fine

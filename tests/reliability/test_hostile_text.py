"""Hostile text everywhere: markup, quotes, emoji, right-to-left text, very long strings and
control characters are stored as given (control characters removed by the one text rule,
kws_desktop/store/text_rule.py; too long refused, never cut silently), printed literally in
every PDF, and neutralised in CSV/XLSX exports."""
import csv
import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import event, func, select

sys.path.insert(0, str(Path(__file__).parent))
import flows  # noqa: E402

from kws_desktop.errors import UserError  # noqa: E402
from kws_desktop.services.book import books
from kws_desktop.services.sales import customers, quotes
from kws_desktop.services.billing import invoices, payments
from kws_desktop.services.purchasing import materials, suppliers
from kws_desktop.services.people import members, wages
from kws_desktop.services.jobs import handover, orders
from kws_desktop.store.text_rule import clean_text  # noqa: E402

TOKENS = ["<b>", "</b>", "&amp;", "&", "<img src=x>", '"', "'", "<", ">", "🚽", "😀", "👩🏽‍🔧",
          "مرحبا", "שלום", "\u202e", "Ñoño", "=1+1", "@SUM(A1)", "-2", "+62", "%s", "{name}", "\\",
          "NULL", "' OR 1=1 --", "Robert'); DROP TABLE customers;--", "ä", "ß", "丁"]
# Printable text as users may type it: hostile tokens and any printable characters, single spaces.
WORD = st.one_of(st.sampled_from(TOKENS),
                 st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Co", "Cn")),
                         min_size=1, max_size=12))
HOSTILE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)

NAME = 'Ibu <b>Sari</b> &amp; "Ani" \'Tini\' <img src=x> 🚽 مرحبا'
ADDRESS = 'Jl. <i>Mawar</i> & "No. 5" RT <script>alert(1)</script>'
SUPPLIER = "TB <b>Bangun</b> &amp; Co"
MATERIAL = "Semen <b>Tiga</b> Roda"
MEMBER = "Pak <b>Ujang</b> 'Tukang'"
TITLE = "<img src=x> perihal &amp; tangki"
LINE = 'Tangki <b>biofilter</b> &amp; "pipa"'
PAYER = "Bpk <script>alert(2)</script>"
FORMULA = '=HYPERLINK("http://x","klik")'


@pytest.fixture(scope="module")
def store_book(tmp_path_factory):
    from kws_desktop.services.book.books import create_book
    book = create_book(tmp_path_factory.mktemp("hostile") / "h.kws", durable=False)
    event.listen(book.engine, "connect", lambda c, _r: c.execute("PRAGMA synchronous = OFF"))
    yield book
    book.close(backup=False)


_n = [0]


def _unique(text: str) -> str:
    _n[0] += 1
    return f"{text} {_n[0]}"


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(name=HOSTILE, address=HOSTILE, notes=HOSTILE)
def test_customer_text_stored_as_given(store_book, name, address, notes):
    name = _unique(name)[-150:].strip() or "x"
    row = customers.create_customer(store_book, customers.CustomerInput(
        name=name, address=address[:300], notes=notes))
    back = customers.get_customer(store_book, row.id)
    assert (back.name, back.address, back.notes) == (" ".join(name.split()), " ".join(address[:300].split()),
                                                     notes.strip())


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(name=HOSTILE, text=HOSTILE)
def test_member_material_supplier_text_stored_as_given(store_book, name, text):
    name = _unique(name)[-110:].strip()
    m = members.register_member(store_book, members.MemberInput(
        name=name, gender="P", joined_on=dt.date(2026, 1, 1), address=text[:300], notes=text[:300]))
    assert (m.name, m.address, m.notes) == (" ".join(name.split()), text[:300].strip(), text[:300].strip())
    mat = materials.create_material(store_book, materials.MaterialInput(name=name, unit="sak", notes=text[:300]))
    assert materials.get_material(store_book, mat.id).name == " ".join(name.split())
    sup = suppliers.create_supplier(store_book, suppliers.SupplierInput(name=name, address=text[:300]))
    assert suppliers.get_supplier(store_book, sup.id).name == " ".join(name.split())


def test_control_characters_removed_by_one_rule(store_book):
    row = customers.create_customer(store_book, customers.CustomerInput(
        name="Ibu\x00 Ra\x07ni\x1b", notes="baris satu\nbaris\x00 dua\x7f\x85 \ud800"))
    back = customers.get_customer(store_book, row.id)
    assert back.name == "Ibu Rani"
    assert back.notes == "baris satu\nbaris dua \ufffd"
    assert clean_text("a\tb\nc\rd\x0be\x0cf\x9fg") == "a\tb\nc\rdefg"


def test_too_long_is_refused_with_a_message_not_cut(store_book):
    with store_book.reading() as s:
        from kws_desktop.store.models.people import Member
        before = s.execute(select(func.count(Member.id))).scalar()
    with pytest.raises(UserError, match="terlalu panjang") as info:
        members.register_member(store_book, members.MemberInput(
            name="Bu Panjang", gender="P", joined_on=dt.date(2026, 1, 1), address="x" * 301))
    assert info.value.field == "address"
    with pytest.raises(UserError, match="terlalu panjang"):
        customers.create_customer(store_book, customers.CustomerInput(name="y" * 151))
    with store_book.reading() as s:
        assert s.execute(select(func.count(Member.id))).scalar() == before


# --- documents ------------------------------------------------------------------------------

def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_has(path: Path, *needles: str) -> None:
    text = _squash("".join(p.extract_text() or "" for p in PdfReader(str(path)).pages))
    for needle in needles:
        assert _squash(needle) in text, f"{needle!r} not printed literally in {path.name}"


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """A book whose every name and note is hostile, with one of each document."""
    from kws_desktop.services.book.books import create_book
    book = create_book(tmp_path_factory.mktemp("hostiledocs") / "h.kws", durable=False)
    books.update_profile(book, books.with_profile(books.get_profile(book), name="KWS <b>Maju</b> & Jaya",
                                                  leader_name=MEMBER, treasurer_name=NAME[:60]))
    day = flows.DAY
    c = customers.create_customer(book, customers.CustomerInput(name=NAME, address=ADDRESS, desa="<u>Sentul</u>"))
    f = customers.create_customer(book, customers.CustomerInput(name=FORMULA, address=FORMULA))
    shop = suppliers.create_supplier(book, suppliers.SupplierInput(name=SUPPLIER))
    mat = materials.create_material(book, materials.MaterialInput(name=MATERIAL, unit="sak", price=70_000))
    mason = members.register_member(book, members.MemberInput(name=MEMBER, gender="L", role="tukang",
                                                              joined_on=dt.date(2026, 1, 1)))
    ids = {"customer": c.id, "supplier": shop.id, "materials": [mat.id], "member": mason.id}
    flows.buy(book, ids, mat.id, 10, 65_000)
    q = quotes.create_quote(book, quotes.QuoteInput(
        customer_id=c.id, date=day, title=TITLE, site_address=ADDRESS, notes="<b>internal</b>",
        lines=(quotes.QuoteLineInput(1, description=LINE, unit="unit", unit_price=6_000_000, unit_cost=4_000_000),)))
    qf = quotes.create_quote(book, quotes.QuoteInput(customer_id=f.id, date=day, lines=(
        quotes.QuoteLineInput(1, description=FORMULA, unit="unit", unit_price=1_000_000),)))
    o = orders.accept_quote(book, q.id, day)
    orders.accept_quote(book, qf.id, day)
    orders.issue_material(book, o.id, mat.id, 2, day)
    inv = invoices.invoice_order(book, o.id, day)[0]
    pay = payments.record_payment(book, invoice_id=inv.id, date=day, amount=5_500_000, payer_name=PAYER,
                                  note="<b>catatan</b>")
    orders.add_crew(book, o.id, mason.id, day, 2, 150_000, role="<i>tukang</i>")
    payout = wages.pay_members(book, date=day, lines=[wages.PayLine(mason.id, wages=300_000)],
                               note="<b>upah</b>")
    orders.change_stage(book, o.id, "diserahterimakan", day, receiver_name="<b>Penerima</b> & Co")
    yield book, {"quote": q, "order": o, "invoice": inv, "payment": pay, "payout": payout}
    book.close(backup=False)


def test_every_pdf_prints_user_text_literally(hostile_book, tmp_path):
    book, docs = hostile_book
    out = tmp_path
    quotes.write_quote_pdf(book, docs["quote"].id, out / "q.pdf")
    pdf_has(out / "q.pdf", "<b>Sari</b>", "&amp;", "<img src=x>", "<b>biofilter</b>", '"pipa"',
            "<script>alert(1)</script>", "KWS <b>Maju</b> & Jaya")
    invoices.write_invoice_pdf(book, docs["invoice"].number, out / "i.pdf")
    pdf_has(out / "i.pdf", "<b>Sari</b>", "<img src=x>", "KWS <b>Maju</b>")
    payments.write_receipt(book, docs["payment"].receipt_number, out / "k.pdf", mark_printed=False)
    pdf_has(out / "k.pdf", "<script>alert(2)</script>", "KWS <b>Maju</b>")
    handover.write_handover(book, docs["order"].id, out / "bast.pdf")
    pdf_has(out / "bast.pdf", "<b>Sari</b>", "<b>Penerima</b> & Co", "<b>biofilter</b>")
    wages.write_wage_slips(book, docs["payout"].number, out / "slip.pdf")
    pdf_has(out / "slip.pdf", "Pak <b>Ujang</b> 'Tukang'")


@pytest.mark.parametrize("kind,needle", [("cash-book", "TB <b>Bangun</b>"), ("receivables", "<b>Sari</b>"),
                                         ("orders", "<b>Sari</b>"), ("materials", "Semen <b>Tiga</b> Roda"),
                                         ("member-income", "Pak <b>Ujang</b>")])
def test_reports_print_literally_and_exports_are_neutralised(hostile_book, tmp_path, kind, needle):
    from openpyxl import load_workbook

    from kws_desktop.documents.tabular import write_report
    from kws_desktop.services.reports import build_report
    book, _docs = hostile_book
    report = build_report(book, kind, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    profile = books.get_profile(book)
    write_report(report, tmp_path / "r.pdf", profile=profile)
    pdf_has(tmp_path / "r.pdf", needle)
    write_report(report, tmp_path / "r.csv")
    write_report(report, tmp_path / "r.xlsx", profile=profile)
    cells = [v for row in csv.reader(open(tmp_path / "r.csv", encoding="utf-8-sig")) for v in row]
    assert any(needle in v for v in cells), f"{needle!r} not in the CSV"
    assert not any(v.startswith(("=", "+", "@")) for v in cells), "a CSV cell would run as a formula"
    wb = load_workbook(tmp_path / "r.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in XLSX cell {cell.coordinate}: {cell.value!r}"


def test_cli_csv_list_neutralises_formulas(hostile_book, capsys):
    from kws_desktop.cli import main
    book, _docs = hostile_book
    assert main(["list", "customers", str(book.path), "--format", "csv"]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines()))
    names = [v for r in rows for v in r]
    assert "'" + FORMULA in names and FORMULA not in names
    assert NAME in names

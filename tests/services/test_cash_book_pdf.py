"""The cash book as paper: every movement once and in order, the balance carried to the top of
each page, the service's totals printed, long descriptions whole, on A4, F4 and A5 (turned:
upright, its description would be too narrow to read)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.pdf import paper_size
from kws_desktop.documents.tabular import write_report
from kws_desktop.i18n import format_number
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.book.opening import post_opening_balances
from kws_desktop.services.reports import build_report
from kws_desktop.services.reports.cash_book import cash_book

D = dt.date
START, END = D(2026, 3, 1), D(2026, 3, 31)
LONG = ("Pelunasan pembangunan tangki septik individual, kloset leher angsa dan pipa untuk rumah "
        "tangga Ibu Siti Rohmah di RT 004/RW 001 Desa Sukamaju, dibayar tunai di balai desa")


@pytest.fixture
def busy_book(book):
    """200 movements in March 2026 (Kas and Bank), every ninth with a long description."""
    post_opening_balances(book, D(2026, 1, 1), cash=25_000_000, bank=40_000_000)
    with book.transaction() as s:
        for i in range(200):
            day = D(2026, 3, 1 + i % 28)
            money = A.CASH if i % 2 == 0 else A.BANK
            amount = 10_000 * (i % 7 + 1)
            text = LONG if i % 9 == 0 else f"Pembelian bahan nomor {i}"
            postings = ([debit(money, amount), credit(A.REVENUE_SERVICE, amount)] if i % 3 == 0 else
                        [debit(A.OPERATING, amount), credit(money, amount)])
            post_entry(s, date=day, description=text, postings=postings, source_type="test",
                       source_id=None, actor="test")
    return book


def _pages(path) -> list[str]:
    """Each page's text in drawing order, a word broken after its hyphen joined again, one
    space between words."""
    return [" ".join(page.extract_text().replace("-\n", "-").split()) for page in PdfReader(str(path)).pages]


def _span(needle: str, haystack: str) -> int:
    """How many characters of ``haystack`` the letters of ``needle`` take, in order (-1: never)."""
    best = -1
    letters = "".join(needle.split())
    start = haystack.find(letters[0])
    while start >= 0:
        at = start
        for ch in letters[1:]:
            at = haystack.find(ch, at + 1)
            if at < 0:
                return best
        best = at - start if best < 0 else min(best, at - start)
        start = haystack.find(letters[0], start + 1)
    return best


@pytest.mark.parametrize("paper", ["A4", "F4", "A5"])
def test_cash_book_pdf_prints_every_movement_and_carries_the_balance(busy_book, tmp_path, paper):
    figures = cash_book(busy_book, START, END)
    report = build_report(busy_book, "cash-book", START, END)
    out = write_report(report, tmp_path / f"kas-{paper}.pdf", "pdf", profile=KwsProfile(name="KWS Uji"),
                       paper=paper)
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    turned = paper == "A5"
    assert (round(float(box.width)), round(float(box.height))) == tuple(round(v) for v in paper_size(paper, turned))
    pages = _pages(out)
    assert len(pages) >= 4
    assert f"hal. {len(pages)} dari {len(pages)}" in pages[-1]

    # every movement once, in the service's order (Kas, then Bank)
    expected = [m.number for section in figures.sections for m in section.movements]
    printed = [n for page in pages for n in re.findall(r"JU-\d{4}-\d{6}", page)]
    assert printed == expected

    # each later page starts, under the header, with the last balance of the page before
    header = "Tanggal No. Bukti Uraian Penerimaan Pengeluaran Saldo "
    carried = 0
    for n in range(1, len(pages)):
        before, page = pages[n - 1], pages[n]
        if "JU-" not in page:
            continue  # the signatures, on a page of their own
        assert page.startswith(header)
        rest = page[len(header):]
        found = re.match(r"Saldo (\w+) pindahan dari halaman sebelumnya ([\d.]+) ", rest)
        if found is None:
            # only where a section starts, or a tall row goes on from the page before
            assert re.match(r"(Bank Saldo awal|Jumlah|SALDO KAS)", rest) or \
                not re.match(r"\d\d/\d\d/\d{4} ", rest), rest[:80]
            continue
        section = re.findall(r"(Kas|Bank) \d\d/\d\d/\d{4} Saldo awal", " ".join(pages[:n]))[-1]
        last_balance = re.findall(r"\d[\d.]*\d", before.split(" hal. ")[0])[-1]
        assert found.groups() == (section, last_balance)
        carried += 1
    assert carried >= 2

    # the totals are the service's
    text = " ".join(" ".join(pages).split())
    for section in figures.sections:
        assert (f"Jumlah {section.name} {format_number(section.receipts)} {format_number(section.payments)} "
                f"{format_number(section.closing)}") in text
    assert (f"SALDO KAS DAN BANK AKHIR {format_number(sum(s.receipts for s in figures.sections))} "
            f"{format_number(sum(s.payments for s in figures.sections))} {format_number(figures.closing)}") in text
    assert f"Saldo awal {format_number(figures.sections[0].opening)}" in text

    # a long description wraps onto more lines, at its spaces, and loses no letter
    raw = PdfReader(str(out)).pages[0].extract_text()
    assert LONG not in raw and LONG in " ".join(raw.split())
    compact = "".join(text.split())
    assert 0 < _span(LONG, compact) < len("".join(LONG.split())) + 400


def test_the_carried_balance_is_only_on_paper(busy_book, tmp_path):
    report = build_report(busy_book, "cash-book", START, END)
    csv = write_report(report, tmp_path / "kas.csv", "csv")
    assert "pindahan" not in csv.read_text(encoding="utf-8-sig")

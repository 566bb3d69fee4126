"""The cash flow's bagi hasil line is the bagi hasil paid in cash: a kasbon a payout deducts is
settled first against the wages in that payout, then against its bagi hasil
(totals_sql.KASBON_SETTLED_FROM_SHARES). On SQLite the full and the lean path agree on every
figure; on PostgreSQL (when dev.py test starts a server) the full path gives the same."""
from __future__ import annotations

import datetime as dt

import pytest
from members_helpers import accrue, member, sale

from kws_desktop.core.accounts import A
from kws_desktop.core.ledger import credit, debit
from kws_desktop.documents.terminal import report_text
from kws_desktop.services.book.books import create_book
from kws_desktop.services.book.ledger import post_entry
from kws_desktop.services.people import wages
from kws_desktop.services.reports import build_report, lean
from kws_desktop.services.reports.statements import cash_flow

D = dt.date
OWED_ON, KASBON_ON, PAYDAY, VOID_ON = D(2026, 1, 5), D(2026, 1, 8), D(2026, 2, 10), D(2026, 3, 2)
WAGES_LINE, SHARES_LINE = "Pembayaran upah dan kasbon anggota", "Pembayaran bagi hasil anggota"


@pytest.fixture(params=["sqlite", "postgres"])
def book(request, tmp_path):
    """A fresh book in a SQLite file, or in a PostgreSQL database (skipped without a server)."""
    b = create_book(tmp_path / "buku.kws" if request.param == "sqlite" else request.getfixturevalue("pg_url"))
    yield b
    b.close(backup=False)


def _owe(book, member_id, *, wages_owed=0, share=0, kasbon=0):
    """A member owed wages and bagi hasil, holding a kasbon taken in cash, with cash in the box."""
    sale(book, 5_000_000)
    if wages_owed:
        accrue(book, member_id, wages_owed, date=OWED_ON)
    if share:
        with book.transaction() as s:
            post_entry(s, date=OWED_ON, description="bagi hasil uji", postings=[
                debit(A.RETAINED_EARNINGS, share),
                credit(A.PROFIT_SHARE_PAYABLE, share, party_kind="member", party_id=member_id)],
                source_type="test_sharing", source_id=None, actor="uji")
    if kasbon:
        wages.record_advance(book, member_id, kasbon, KASBON_ON, note="berobat")


def _lines(book, start, end=None):
    """The cash flow's (wages and kasbon, bagi hasil, net change) from ``start`` to ``end``, after
    checking the lean path prints the same statement from a SQLite book."""
    end = end or start
    if book.path is not None:
        got = lean.read_report(book.path, "cash-flow", start, end)
        assert got is not None and report_text(got) == report_text(build_report(book, "cash-flow", start, end))
    cf = cash_flow(book, start, end)
    lines = {label: amount for _a, label, amount in cf.lines}
    return lines[WAGES_LINE], lines[SHARES_LINE], cf.net_change


def test_kasbon_settled_from_bagi_hasil_is_not_bagi_hasil_paid(book):
    b = member(book, "Budi", "L", "tukang")
    _owe(book, b.id, share=500_000, kasbon=115_000)
    p = wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, profit_share=500_000,
                                                                  deduct_advance=115_000)])
    assert p.total_net == 385_000
    # the payout alone: the bagi hasil paid in cash, the kasbon settled moves no cash
    assert _lines(book, PAYDAY) == (0, -385_000, -385_000)
    # the year: the kasbon line is the kasbon given in cash, unchanged by the payout
    assert _lines(book, D(2026, 1, 1), D(2026, 12, 31)) == (-115_000, -385_000, -500_000)
    # the statement says so, with the amount, where an auditor compares it with the SHU slips
    notes = build_report(book, "cash-flow", PAYDAY, PAYDAY).notes
    assert any(n.startswith("Kasbon Rp115.000 yang dipotong dari bagi hasil") for n in notes), notes


def test_a_void_of_the_payout_nets_to_zero(book):
    b = member(book, "Budi", "L", "tukang")
    _owe(book, b.id, share=500_000, kasbon=115_000)
    p = wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, profit_share=500_000,
                                                                  deduct_advance=115_000)])
    wages.void_payout(book, p.number, "salah anggota", date=VOID_ON)
    assert _lines(book, VOID_ON) == (0, 385_000, 385_000)  # the reversal mirrors the payout
    assert _lines(book, PAYDAY, VOID_ON) == (0, 0, 0)
    assert _lines(book, D(2026, 1, 1), D(2026, 12, 31)) == (-115_000, 0, -115_000)


def test_a_mixed_payout_settles_the_kasbon_from_wages_first(book):
    b = member(book, "Budi", "L", "tukang")
    _owe(book, b.id, wages_owed=200_000, share=300_000, kasbon=250_000)
    wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=200_000, profit_share=300_000,
                                                              deduct_advance=250_000)])
    # 200.000 of the kasbon is settled from the wages, 50.000 from the bagi hasil
    assert _lines(book, PAYDAY) == (0, -250_000, -250_000)


def test_a_kasbon_deducted_within_the_wages_moves_nothing(book):
    b = member(book, "Budi", "L", "tukang")
    _owe(book, b.id, wages_owed=300_000, share=300_000, kasbon=250_000)
    wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=300_000, profit_share=300_000,
                                                              deduct_advance=250_000)])
    assert _lines(book, PAYDAY) == (-50_000, -300_000, -350_000)


def test_a_new_kasbon_in_the_payout_is_netted_with_the_one_deducted(book):
    b = member(book, "Budi", "L", "tukang")
    _owe(book, b.id, wages_owed=100_000, share=300_000, kasbon=250_000)
    p = wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(
        b.id, wages=150_000, profit_share=300_000, deduct_advance=250_000, excess_as_advance=True)])
    assert (p.total_advance_given, p.total_net) == (50_000, 200_000)
    # kasbon 250.000 - 50.000 new = 200.000 net: 100.000 settled from wages, 100.000 from bagi hasil
    assert _lines(book, PAYDAY) == (0, -200_000, -200_000)


def test_each_members_kasbon_is_settled_against_his_own_wages(book):
    a, b = member(book, "Siti", "P"), member(book, "Budi", "L", "tukang")
    _owe(book, a.id, wages_owed=200_000)
    _owe(book, b.id, share=300_000, kasbon=250_000)
    p = wages.pay_members(book, date=PAYDAY, lines=[
        wages.PayLine(a.id, wages=200_000),
        wages.PayLine(b.id, profit_share=300_000, deduct_advance=250_000)])
    assert p.total_net == 250_000
    # Siti's wages are hers: Budi's kasbon comes out of his bagi hasil, paid 50.000 net
    assert _lines(book, PAYDAY) == (-200_000, -50_000, -250_000)


def test_a_bagi_hasil_payout_without_kasbon_is_all_bagi_hasil(book):
    b = member(book, "Budi", "L", "tukang")
    _owe(book, b.id, wages_owed=100_000, share=400_000)
    wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=100_000, profit_share=400_000)])
    assert _lines(book, PAYDAY) == (-100_000, -400_000, -500_000)
    assert not any("dipotong dari bagi hasil" in n for n in build_report(book, "cash-flow", PAYDAY, PAYDAY).notes)

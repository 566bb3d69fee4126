import datetime as dt

import pytest

from kws_desktop.errors import UserError
from kws_desktop.services.people import members
from kws_desktop.services.people import wages
from kws_desktop.services.book.check import check_book
from kws_desktop.services.people.member_income import member_statement
from members_helpers import accrue, counts, member

PAYDAY = dt.date(2025, 3, 28)


def test_pay_many_members_with_kasbon_deducted(book, tmp_path):
    a, b = member(book, "Siti", "P"), member(book, "Budi", "L", "tukang")
    accrue(book, a.id, 400_000)
    accrue(book, b.id, 1_000_000)
    adv = wages.record_advance(book, b.id, 300_000, dt.date(2025, 3, 5), note="berobat")
    assert adv.number == "KSB-2025-0001"
    p = wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(a.id, wages=400_000),
                                                wages.PayLine(b.id, wages=1_000_000, deduct_advance=300_000)])
    assert p.number == "UPH-2025-0001" and p.total_net == 1_100_000
    owed = {r.member_id: r.balances for r in wages.wages_owed(book)}
    assert owed[b.id] == members.Balances(wages_owed=0, profit_share_owed=0, advances=0, capital=0)
    st = member_statement(book, b.id, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (st.row.wages, st.row.received, st.row.advances_deducted) == (1_000_000, 1_000_000, 300_000)
    assert check_book(book) == []
    out = wages.write_wage_slips(book, p.number, tmp_path / "slip.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    # one slip per member, each a paper of its own: page 1 of 1, not 1 of 2 of the file
    from pypdf import PdfReader
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 2 and all("hal. 1 dari 1" in text for text in pages), pages


def test_paying_more_than_owed_refused_and_nothing_saved(book):
    b = member(book, "Budi", "L", "tukang")
    accrue(book, b.id, 500_000)
    before = counts(book)
    with pytest.raises(UserError) as err:
        wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=600_000)])
    assert err.value.message == ("Upah yang dibayar kepada Budi (Rp600.000) lebih besar dari upah yang "
                                 "belum dibayar (Rp500.000). Kurangi jumlahnya, atau catat kelebihannya "
                                 "sebagai kasbon.")
    assert err.value.field == "wages"
    assert counts(book) == before


def test_excess_recorded_as_kasbon(book):
    b = member(book, "Budi", "L", "tukang")
    accrue(book, b.id, 500_000)
    p = wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=600_000, excess_as_advance=True)])
    line = p.lines[0]
    assert (line.wages, line.advance_given, line.net) == (500_000, 100_000, 600_000)
    bal = members.get_member(book, b.id).balances
    assert (bal.wages_owed, bal.advances) == (0, 100_000)
    # the kasbon is deducted from the next pay, never lost
    accrue(book, b.id, 300_000, dt.date(2025, 4, 10))
    p2 = wages.pay_members(book, date=dt.date(2025, 4, 28), lines=[wages.PayLine(b.id, wages=300_000, deduct_advance=100_000)])
    assert p2.total_net == 200_000
    assert members.get_member(book, b.id).balances.advances == 0


@pytest.mark.parametrize("line,message", [
    (dict(wages=100_000, deduct_advance=50_000), "lebih besar dari sisa kasbonnya"),
    (dict(profit_share=1), "Bagi hasil yang dibayar kepada Budi"),
    (dict(wages=-5), "tidak boleh kurang dari Rp0"),
    (dict(), "minimal satu anggota"),
])
def test_bad_payout_lines(book, line, message):
    b = member(book, "Budi", "L", "tukang")
    accrue(book, b.id, 500_000)
    before = counts(book)
    with pytest.raises(UserError, match=message):
        wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, **line)])
    assert counts(book) == before


def test_wages_not_yet_earned_on_the_payout_date_are_not_payable(book):
    b = member(book, "Budi", "L", "tukang")
    accrue(book, b.id, 500_000, dt.date(2025, 4, 5))
    with pytest.raises(UserError, match="belum dibayar \\(Rp0\\)"):
        wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=500_000)])


def test_void_payout_and_advance(book):
    b = member(book, "Budi", "L", "tukang")
    accrue(book, b.id, 500_000)
    p = wages.pay_members(book, date=PAYDAY, lines=[wages.PayLine(b.id, wages=500_000)])
    wages.void_payout(book, p.number, "salah orang", date=PAYDAY)  # the same day: owed again at once
    assert members.get_member(book, b.id).balances.wages_owed == 500_000
    assert wages.get_payout(book, p.number).status == "void"
    with pytest.raises(UserError, match="sudah dibatalkan"):
        wages.void_payout(book, p.number, "lagi")
    adv = wages.record_advance(book, b.id, 200_000, dt.date(2025, 3, 29))
    wages.pay_members(book, date=dt.date(2025, 3, 30), lines=[wages.PayLine(b.id, wages=500_000, deduct_advance=200_000)])
    with pytest.raises(UserError, match="sudah dipotong dari upah"):
        wages.void_advance(book, adv.number, "keliru")
    assert check_book(book) == []


def test_advance_for_member_who_left_refused(book):
    b = member(book, "Ujang", "L", "tukang")
    members.member_leaves(book, b.id, dt.date(2025, 2, 1))
    before = counts(book)
    with pytest.raises(UserError, match="sudah keluar dari kelompok"):
        wages.record_advance(book, b.id, 100_000, dt.date(2025, 2, 10))
    assert counts(book) == before

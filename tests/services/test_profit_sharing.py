import datetime as dt

import pytest

from kws_desktop.errors import UserError
from kws_desktop.services.people import members
from kws_desktop.services.people import profit_sharing
from kws_desktop.services.people import wages
from kws_desktop.services.book.books import get_setting
from kws_desktop.services.book.check import check_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.services.book.periods import closed_through
from members_helpers import accrue, counts, member, sale

Y0, Y1 = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def _setup(book):
    a = member(book, "Siti", "P", "ketua", capital=300_000)
    b = member(book, "Budi", "L", "tukang", capital=100_000)
    accrue(book, a.id, 1_000_000)
    accrue(book, b.id, 1_000_000)
    sale(book, 10_000_001)
    return a, b


def test_preview_post_pay_and_reverse(book):
    a, b = _setup(book)
    pv = profit_sharing.preview_profit_sharing(book, Y0, Y1, {"group_fund_pct": 30, "basis": "capital"})
    assert pv.profit == 8_000_001
    assert pv.group_amount + sum(ln.amount for ln in pv.lines) == pv.profit
    assert pv.lines[0].explanation.startswith("Simpanan Rp")
    before = counts(book)
    assert counts(book) == before  # the preview saved nothing
    sh = profit_sharing.post_profit_sharing(book, Y0, Y1, {"group_fund_pct": 30, "basis": "capital"})
    assert sh.number == "SHU-2025-0001"
    with book.reading() as s:
        assert closed_through(s) == Y1
        bal = {r.code: r.balance for r in account_balances(s)}
    assert bal["3-2000"] == sh.group_amount and bal["2-1400"] == sh.members_amount
    assert bal["3-3000"] == -sh.profit  # the statements move the period's profit in
    # the closed period takes no more postings
    with pytest.raises(UserError, match="sudah ditutup"):
        wages.record_advance(book, b.id, 10_000, dt.date(2025, 12, 1))
    # paying out the shares settles the payable
    share_b = next(ln.amount for ln in sh.lines if ln.member_id == b.id)
    p = wages.pay_members(book, date=dt.date(2026, 1, 10), lines=[wages.PayLine(b.id, profit_share=share_b)])
    assert members.get_member(book, b.id).balances.profit_share_owed == 0
    with pytest.raises(UserError, match="sudah dibayarkan"):
        profit_sharing.reverse_profit_sharing(book, sh.number, "salah hitung")
    wages.void_payout(book, p.number, "ditunda")
    back = profit_sharing.reverse_profit_sharing(book, sh.number, "salah hitung")
    assert back.status == "void"
    with book.reading() as s:
        assert closed_through(s) is None
    assert check_book(book) == []
    # reopened: the period can be shared again
    assert profit_sharing.post_profit_sharing(book, Y0, Y1, {"group_fund_pct": 30, "basis": "equal"}).number == "SHU-2025-0002"


def test_period_closed_twice_refused(book):
    _setup(book)
    profit_sharing.set_rule(book, {"group_fund_pct": 30, "basis": "equal"})
    profit_sharing.post_profit_sharing(book, Y0, Y1)
    before = counts(book)
    with pytest.raises(UserError) as err:
        profit_sharing.post_profit_sharing(book, Y0, Y1)
    assert "sebuah periode tidak bisa ditutup dua kali" in err.value.message
    with pytest.raises(UserError, match="sudah ditutup"):
        profit_sharing.post_profit_sharing(book, dt.date(2025, 7, 1), dt.date(2026, 3, 31))
    assert counts(book) == before


def test_shares_not_adding_up_to_100_refused(book):
    a, b = _setup(book)
    rule_before = get_setting(book, "profit_rule")
    with pytest.raises(UserError) as err:
        profit_sharing.set_rule(book, {"group_fund_pct": 30, "members_pct": 60, "basis": "days"})
    assert err.value.message == ("Bagian kas kelompok dan bagian anggota harus berjumlah 100%, "
                                 "sekarang 90%.")
    assert get_setting(book, "profit_rule") == rule_before
    before = counts(book)
    with pytest.raises(UserError, match="Persentase para anggota berjumlah 60%"):
        profit_sharing.post_profit_sharing(book, Y0, Y1, {"group_fund_pct": 30, "basis": "percent",
                                              "member_pcts": {str(a.id): 40, str(b.id): 20}})
    assert counts(book) == before


def test_no_profit_explained(book):
    a = member(book, "Siti", "P")
    accrue(book, a.id, 500_000)
    sale(book, 200_000)
    before = counts(book)
    with pytest.raises(UserError) as err:
        profit_sharing.post_profit_sharing(book, Y0, Y1)
    assert err.value.message.startswith("Periode ini tidak punya laba untuk dibagi: pendapatan Rp200.000 "
                                        "dikurangi beban Rp500.000 = -Rp300.000 (rugi)")
    assert counts(book) == before


def test_days_basis_without_work_suggests_another_basis(book):
    member(book, "Siti", "P")
    sale(book, 1_000_000)
    with pytest.raises(UserError) as err:
        profit_sharing.preview_profit_sharing(book, Y0, Y1, {"group_fund_pct": 30, "basis": "days"})
    assert err.value.field == "basis" and "Pilih dasar pembagian lain" in err.value.message


def test_set_rule_saves(book):
    rule = profit_sharing.set_rule(book, {"group_fund_pct": 25, "basis": "equal"})
    assert profit_sharing.get_rule(book) == rule
    assert get_setting(book, "profit_rule") == {"group_fund_pct": 25, "members_pct": 75, "basis": "equal"}


def test_profit_share_payout_is_not_wages(book, tmp_path):
    """Paying out SHU is numbered, described and printed as profit sharing (PBH-), not as
    wages (UPH-, "SLIP UPAH"); the member's income slip shows the SHU received."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parents[1] / "documents"))
    from helpers import page_count, pdf_text
    from kws_desktop.services.people.member_income import member_statement, write_member_income_slip
    from kws_desktop.store.models.book import JournalEntry
    a, b = _setup(book)
    sh = profit_sharing.post_profit_sharing(book, Y0, Y1, {"group_fund_pct": 30, "basis": "capital"})
    share_b = next(ln.amount for ln in sh.lines if ln.member_id == b.id)
    share_a = next(ln.amount for ln in sh.lines if ln.member_id == a.id)
    accrue(book, a.id, 250_000, date=dt.date(2026, 1, 5))
    shu = wages.pay_members(book, date=dt.date(2026, 1, 10), lines=[wages.PayLine(b.id, profit_share=share_b)])
    both = wages.pay_members(book, date=dt.date(2026, 1, 12),
                             lines=[wages.PayLine(a.id, wages=250_000, profit_share=share_a)])
    assert shu.number == "PBH-2026-0001" and both.number == "UPH-2026-0001"
    with book.reading() as s:
        texts = dict(s.query(JournalEntry.source_id, JournalEntry.description)
                     .filter(JournalEntry.source_type == "wage_payout").all())
    assert texts[shu.id] == "Pembayaran bagi hasil (SHU) PBH-2026-0001: Budi"
    assert texts[both.id] == "Pembayaran upah dan bagi hasil UPH-2026-0001: Siti"
    assert check_book(book) == []
    slip = pdf_text(wages.write_wage_slips(book, shu.number, tmp_path / "shu.pdf"))
    assert "BUKTI PEMBAYARAN BAGI HASIL (SHU)" in slip and "SLIP UPAH" not in slip
    assert "SLIP UPAH DAN BAGI HASIL ANGGOTA" in pdf_text(
        wages.write_wage_slips(book, both.number, tmp_path / "both.pdf"))
    st = member_statement(book, a.id, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (st.row.profit_share, st.share_paid, st.wages_paid) == (0, share_a, 250_000)
    out = write_member_income_slip(book, a.id, dt.date(2026, 1, 1), dt.date(2026, 12, 31), tmp_path / "m.pdf")
    text = pdf_text(out)
    assert "Bagi hasil (SHU)" in text and f"{share_a:,}".replace(",", ".") in text
    assert page_count(out) == 1

"""Paying a member's simpanan back (services/people/capital_return.py)."""
import datetime as dt

import pytest
from sqlalchemy import select

from kws_desktop.core.accounts import A
from kws_desktop.errors import UserError
from kws_desktop.services.book.check import check_book
from kws_desktop.services.cash.entries import balance_of
from kws_desktop.services.people import members
from kws_desktop.services.people.capital_return import return_capital
from kws_desktop.services.people.member_income import member_statement
from kws_desktop.store.models.book import Account, AuditEvent, JournalEntry
from members_helpers import START, counts, member

LEFT = dt.date(2025, 6, 30)


def _left_with_capital(book, capital=200_000, method="cash"):
    m = member(book, "Ujang", "L", "tukang", capital=capital, capital_method=method)
    members.member_leaves(book, m.id, LEFT, "pindah")
    return m


def test_return_posts_one_entry_and_clears_the_simpanan(book):
    m = _left_with_capital(book)
    row = return_capital(book, m.id, 200_000, dt.date(2025, 7, 2), reason="keluar dari kelompok")
    assert row.balances.capital == 0 and row.capital == 0
    with book.reading() as s:
        entry = s.execute(select(JournalEntry).where(
            JournalEntry.source_type == "member_capital_return")).scalar_one()
        assert entry.description == "Pengembalian simpanan: Ujang" and entry.date == dt.date(2025, 7, 2)
        codes = dict(s.execute(select(Account.id, Account.code)).all())
        by_account = {(codes[ln.account_id], ln.party_kind, ln.party_id): ln.amount for ln in entry.lines}
        assert by_account == {(A.MEMBER_CAPITAL, "member", m.id): 200_000, (A.CASH, None, None): -200_000}
        assert balance_of(s, A.CASH) == 0
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "capital_return")).scalar_one()
        assert event.entity_id == m.id and '"amount": 200000' in event.detail
    assert check_book(book) == []
    # the statement of the period shows the simpanan before and after
    st = member_statement(book, m.id, dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    assert st.opening.capital == 200_000 and st.closing.capital == 0 and st.capital_returned == 200_000


def test_part_returned_from_the_bank_leaves_the_rest(book):
    m = member(book, "Siti", capital=300_000, capital_method="bank")
    row = return_capital(book, m.id, 100_000, dt.date(2025, 2, 1), method="bank")
    assert row.balances.capital == 200_000
    with book.reading() as s:
        assert balance_of(s, A.BANK) == 200_000
    assert members.get_member(book, m.id).balances.capital == 200_000
    assert check_book(book) == []


@pytest.mark.parametrize("amount,date,method,field,message", [
    (0, dt.date(2025, 7, 2), "cash", "amount", "lebih dari Rp0"),
    (-5, dt.date(2025, 7, 2), "cash", "amount", "lebih dari Rp0"),
    (1.5, dt.date(2025, 7, 2), "cash", "amount", "rupiah"),
    (300_000, dt.date(2025, 7, 2), "cash", "amount", "Simpanan Ujang hanya Rp200.000"),
    (200_000, None, "cash", "date", "Tanggal wajib diisi."),
    (200_000, dt.date.today() + dt.timedelta(days=3), "cash", "date", "belum tiba"),
    (200_000, START - dt.timedelta(days=1), "cash", "date", "baru masuk kelompok"),
    (200_000, dt.date(2025, 7, 2), "emas", "method", "tunai atau bank"),
    (200_000, dt.date(2025, 7, 2), "bank", "amount", "Saldo bank hanya Rp0; tidak cukup"),
])
def test_refusals_change_nothing(book, amount, date, method, field, message):
    m = _left_with_capital(book)
    before = counts(book)
    with pytest.raises(UserError) as err:
        return_capital(book, m.id, amount, date, method=method)
    assert message in err.value.message and err.value.field == field
    assert counts(book) == before
    row = members.get_member(book, m.id)
    assert row.balances.capital == 200_000 and row.capital == 200_000


def test_not_enough_cash_and_twice_refused(book):
    m = _left_with_capital(book)
    with book.transaction() as s:  # the cash was spent meanwhile
        from kws_desktop.core.ledger import credit, debit
        from kws_desktop.services.book.ledger import post_entry
        post_entry(s, date=dt.date(2025, 3, 1), description="belanja uji", postings=[
            debit(A.COST_LABOUR, 150_000), credit(A.CASH, 150_000)],
            source_type="test_cost", source_id=None, actor="uji")
    before = counts(book)
    with pytest.raises(UserError, match="Saldo kas \\(tunai\\) hanya Rp50.000; tidak cukup untuk Rp200.000"):
        return_capital(book, m.id, 200_000, dt.date(2025, 7, 2))
    assert counts(book) == before
    return_capital(book, m.id, 50_000, dt.date(2025, 7, 2))
    with pytest.raises(UserError, match="Simpanan Ujang hanya Rp150.000"):
        return_capital(book, m.id, 200_000, dt.date(2025, 7, 3))


def test_not_before_the_simpanan_was_paid_in(book):
    m = member(book, "Siti")
    members.add_capital(book, m.id, 100_000, dt.date(2025, 5, 1))
    before = counts(book)
    with pytest.raises(UserError, match="tidak punya simpanan di kelompok pada 1 April 2025"):
        return_capital(book, m.id, 100_000, dt.date(2025, 4, 1))
    assert counts(book) == before


def test_unknown_member(book):
    with pytest.raises(UserError) as err:
        return_capital(book, 999, 1000, dt.date(2025, 7, 2))
    assert err.value.field == "member"


def test_the_income_slip_shows_the_return(book, tmp_path):
    from kws_desktop.services.people.member_income import write_member_income_slip
    from pypdf import PdfReader

    def pdf_text(path):
        return " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    m = _left_with_capital(book)
    before = pdf_text(write_member_income_slip(book, m.id, dt.date(2025, 6, 1), dt.date(2025, 6, 30),
                                               tmp_path / "juni.pdf"))
    assert "Simpanan di kelompok: Rp200.000" in " ".join(before.split())
    return_capital(book, m.id, 200_000, dt.date(2025, 7, 2))
    text = " ".join(pdf_text(write_member_income_slip(book, m.id, dt.date(2025, 7, 1), dt.date(2025, 7, 31),
                                                      tmp_path / "juli.pdf")).split())
    assert "Simpanan dikembalikan dalam periode ini: Rp200.000. Simpanan di kelompok: Rp0" in text
    later = " ".join(pdf_text(write_member_income_slip(book, m.id, dt.date(2025, 8, 1), dt.date(2025, 8, 31),
                                                       tmp_path / "agustus.pdf")).split())
    assert "Simpanan" not in later  # nothing left, nothing returned in August


def test_not_in_a_closed_period(book):
    from kws_desktop.store.models.book import PeriodClose
    m = _left_with_capital(book)
    with book.transaction() as s:
        s.add(PeriodClose(period_start=START, period_end=dt.date(2025, 7, 31)))
    before = counts(book)
    with pytest.raises(UserError) as err:
        return_capital(book, m.id, 200_000, dt.date(2025, 7, 2))
    assert "periode yang sudah ditutup" in err.value.message and err.value.field == "date"
    assert counts(book) == before
    assert return_capital(book, m.id, 200_000, dt.date(2025, 8, 1)).balances.capital == 0

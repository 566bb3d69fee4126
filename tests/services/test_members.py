import datetime as dt

import pytest

from kws_desktop.errors import UserError
from kws_desktop.services.people import members
from kws_desktop.services.book.check import check_book
from kws_desktop.services.people.member_income import gender_view
from members_helpers import START, accrue, counts, member


def test_register_with_capital_posts_to_journal(book):
    row = member(book, "Siti Aminah", "P", "ketua", capital=500_000, phone="0812")
    assert row.balances.capital == 500_000 and row.capital == 500_000
    assert members.get_member(book, row.id).role_label == "Ketua"
    assert [r.role for r in members.role_history(book, row.id)] == ["ketua"]
    assert check_book(book) == []


@pytest.mark.parametrize("data,field,message", [
    (members.MemberInput(name="", gender="P", joined_on=START), "name", "Nama anggota wajib diisi."),
    (members.MemberInput(name="Ani", gender="X", joined_on=START), "gender", "perempuan (P) atau laki-laki (L)"),
    (members.MemberInput(name="Ani", gender="P", role="bos", joined_on=START), "role", "Pilih jabatan"),
    (members.MemberInput(name="Ani", gender="P"), "joined_on", "Tanggal masuk wajib diisi."),
    (members.MemberInput(name="Ani", gender="P", joined_on=START, capital=-5), "capital", "tidak boleh kurang dari Rp0"),
])
def test_bad_member_input_saves_nothing(book, data, field, message):
    before = counts(book)
    with pytest.raises(UserError) as err:
        members.register_member(book, data)
    assert message in err.value.message and err.value.field == field
    assert counts(book) == before


def test_duplicate_name_refused(book):
    member(book, "Siti Aminah")
    before = counts(book)
    with pytest.raises(UserError, match="Sudah ada anggota bernama"):
        member(book, "siti  aminah")
    assert counts(book) == before


def test_member_who_left_cannot_work_after_leaving(book):
    m = member(book, "Ujang", "L", "tukang")
    left = members.member_leaves(book, m.id, dt.date(2025, 6, 30), "pindah")
    assert not left.active and left.left_on == dt.date(2025, 6, 30)
    with book.reading() as s:
        members.ensure_can_work(s, m.id, dt.date(2025, 6, 30))  # the last day still counts
        with pytest.raises(UserError) as err:
            members.ensure_can_work(s, m.id, dt.date(2025, 7, 1))
        assert "sudah keluar dari kelompok pada 30 Juni 2025" in err.value.message
        with pytest.raises(UserError, match="baru masuk kelompok"):
            members.ensure_can_work(s, m.id, dt.date(2024, 12, 31))
    assert [r.id for r in members.active_members(book)] == []
    assert [r.id for r in members.active_members(book, on=dt.date(2025, 5, 1))] == [m.id]
    # history kept: the role spell ends on the day they left
    assert members.role_history(book, m.id)[0].end_on == dt.date(2025, 6, 30)


def test_role_change_keeps_history_and_gender_view(book):
    a = member(book, "Nurhayati", "P", "anggota")
    b = member(book, "Dedi", "L", "ketua")
    members.change_role(book, a.id, "ketua", dt.date(2025, 7, 1))
    members.change_role(book, b.id, "tukang", dt.date(2025, 7, 1))
    hist = members.role_history(book, a.id)
    assert [(r.role, r.end_on) for r in hist] == [("anggota", dt.date(2025, 6, 30)), ("ketua", None)]
    accrue(book, b.id, 300_000)
    view = gender_view(book, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    ketua = view.leadership[0]
    assert ketua.women == ("Nurhayati",) and ketua.men == ("Dedi",)
    women, men, total = view.rows
    assert (women.members, men.members, total.members) == (1, 1, 2)
    assert (women.leaders, men.leaders) == (1, 1)
    assert (women.wages, men.wages, total.wages) == (0, 300_000, 300_000)


def test_list_and_count_paged(book):
    for i in range(5):
        member(book, f"Anggota {i}", "P" if i % 2 else "L")
    assert members.count_members(book) == 5
    page = members.list_members(book, offset=2, limit=2)
    assert [m.name for m in page] == ["Anggota 2", "Anggota 3"]
    assert members.count_members(book, search="anggota 4") == 1

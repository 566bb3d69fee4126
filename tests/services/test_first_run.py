"""First run of a new book: every step checked, then profile, opening balances and examples."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kws_desktop.core.profile import KwsProfile
from kws_desktop.errors import UserError
from kws_desktop.services.book import books
from kws_desktop.services.book import first_run
from kws_desktop.store.models.book import JournalEntry
from kws_desktop.store.models.purchasing import Material
from kws_desktop.store.models.sales import WorkPackage

TODAY = dt.date(2026, 11, 28)
GOOD = KwsProfile(name="KWS Tirta Mandiri", kecamatan="Tigaraksa", leader_name="Ibu Siti",
                  treasurer_name="Pak Rahmat")


def _counts(book):
    with book.reading() as s:
        return tuple(s.execute(select(func.count(m.id))).scalar() for m in (JournalEntry, Material, WorkPackage))


def test_setup_saves_everything(book):
    assert first_run.needs_setup(book)
    result = first_run.apply_setup(book, first_run.SetupInput(GOOD, TODAY, cash=1_500_000, bank=4_250_000), today=TODAY)
    assert result.opening_number and result.materials_added > 10 and result.packages_added >= 1
    assert books.get_profile(book).name == "KWS Tirta Mandiri"
    assert not first_run.needs_setup(book) and first_run.opening_posted(book)
    journal, materials, packages = _counts(book)
    assert journal == 1 and materials == result.materials_added and packages == result.packages_added


def test_setup_without_examples_or_money(book):
    result = first_run.apply_setup(book, first_run.SetupInput(GOOD, TODAY, examples=False), today=TODAY)
    assert result == first_run.SetupResult(None, 0, 0)
    assert _counts(book) == (0, 0, 0)
    assert not first_run.opening_posted(book)


@pytest.mark.parametrize("profile, field, message", [
    (KwsProfile(kecamatan="Tigaraksa", leader_name="a", treasurer_name="b"), "name", "Nama KWS wajib diisi."),
    (KwsProfile(name="KW", kecamatan="Tigaraksa", leader_name="a", treasurer_name="b"), "name", "terlalu pendek"),
    (KwsProfile(name="KWS Maju", leader_name="a", treasurer_name="b"), "kecamatan", "Pilih kecamatan"),
    (KwsProfile(name="KWS Maju", kecamatan="Cikupa", phone="08-12 abc", leader_name="a", treasurer_name="b"),
     "phone", "hanya boleh berisi angka"),
    (KwsProfile(name="KWS Maju", kecamatan="Cikupa", treasurer_name="b"), "leader_name", "Nama ketua wajib"),
    (KwsProfile(name="KWS Maju", kecamatan="Cikupa", leader_name="a"), "treasurer_name", "Nama bendahara wajib"),
])
def test_bad_profile_refused_nothing_saved(book, profile, field, message):
    with pytest.raises(UserError) as err:
        first_run.apply_setup(book, first_run.SetupInput(profile, TODAY, cash=100_000), today=TODAY)
    assert field in [f for f, _m in err.value.problems]
    assert message in err.value.message
    assert books.get_profile(book).name == "" and _counts(book) == (0, 0, 0)


@pytest.mark.parametrize("date, cash, bank, field, message", [
    (dt.date(2026, 12, 1), 0, 0, "opening_date", "tidak boleh di masa depan"),
    (TODAY, -5, 0, "cash", "Saldo kas tidak boleh kurang dari Rp0."),
    (TODAY, 0, -1, "bank", "Saldo bank tidak boleh kurang dari Rp0."),
    (TODAY, 0, 10**12, "bank", "terlalu besar"),
])
def test_bad_opening_refused_nothing_saved(book, date, cash, bank, field, message):
    with pytest.raises(UserError) as err:
        first_run.apply_setup(book, first_run.SetupInput(GOOD, date, cash=cash, bank=bank), today=TODAY)
    assert field in [f for f, _m in err.value.problems] and message in err.value.message
    assert books.get_profile(book).name == "" and _counts(book) == (0, 0, 0)


def test_opening_only_once(book):
    first_run.apply_setup(book, first_run.SetupInput(GOOD, TODAY, cash=1_000, examples=False), today=TODAY)
    with pytest.raises(UserError, match="sudah pernah dicatat"):
        first_run.apply_setup(book, first_run.SetupInput(GOOD, TODAY, cash=2_000, examples=False), today=TODAY)
    assert _counts(book)[0] == 1
    # running it again without money is fine (e.g. only the profile changed); examples not doubled
    first = first_run.apply_setup(book, first_run.SetupInput(GOOD, TODAY), today=TODAY)
    again = first_run.apply_setup(book, first_run.SetupInput(GOOD, TODAY), today=TODAY)
    assert first.materials_added > 0 and again.materials_added == 0 and again.packages_added == 0

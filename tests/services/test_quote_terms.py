"""A quote's default terms follow its packages: work days from their HOK, the warranty the group
set for each package; typed terms and issued quotes are never changed."""
import dataclasses
import datetime as dt

import pytest

from kws_desktop.i18n import set_language
from kws_desktop.services.evaluation import service_visits
from kws_desktop.services.sales import customers, packages, quote_terms, quotes
from kws_desktop.store.models.sales import Quote

DAY = dt.date(2026, 11, 2)
PIPE = quotes.QuoteLineInput(2, description="Pipa PVC 4 inci tambahan", unit="batang", unit_price=195_000)


@pytest.fixture
def setup(book):
    from kws_desktop.services.purchasing.materials import load_starter_catalog
    load_starter_catalog(book)
    packages.load_default_packages(book)
    pk = {p.code: p for p in packages.list_packages(book)}
    home = customers.create_customer(book, customers.CustomerInput(name="Siti Komariah", desa="Saga",
                                                                   kecamatan="Balaraja"))
    return book, pk, home


def _make(book, home, *lines, day=DAY, **kw):
    return quotes.create_quote(book, quotes.QuoteInput(customer_id=home.id, date=day, lines=lines, **kw))


def _line(pk, code, qty=1):
    return quotes.QuoteLineInput(qty, pk[code].id)


def test_desludging_only_promises_a_day_and_no_warranty(setup):
    book, pk, home = setup
    for months in (None, 0):  # no warranty set, and set to none
        if months is not None:
            service_visits.set_package_warranty(book, pk["SEDOT"].id, months)
        q = _make(book, home, _line(pk, "SEDOT"))
        assert "Garansi" not in q.terms and "bulan" not in q.terms
        assert "Pekerjaan selesai kira-kira 1 hari kerja bila cuaca dan lokasi memungkinkan." in q.terms_lines
        assert "7 hari" not in q.terms


def test_a_twelve_month_package_prints_twelve(setup):
    book, pk, home = setup
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 12)
    q = _make(book, home, _line(pk, "TS-BIO"), PIPE)
    assert q.terms_lines[-1] == "Garansi pekerjaan 12 bulan sejak serah terima."
    # 6 HOK for a crew of three
    assert "Pekerjaan selesai kira-kira 2 hari kerja bila cuaca dan lokasi memungkinkan." in q.terms_lines
    two = _make(book, home, _line(pk, "TS-BIO", 2), _line(pk, "JMB-LA"))  # 2 x 6 + 4 HOK = 16
    assert "Pekerjaan selesai kira-kira 6 hari kerja bila cuaca dan lokasi memungkinkan." in two.terms_lines
    assert not any("Garansi" in t for t in two.terms_lines[:-1])
    assert two.terms_lines[-1] == "Garansi pekerjaan 12 bulan sejak serah terima."  # the toilet's shipped 12


def test_a_package_without_months_set_promises_none(setup):
    book, pk, home = setup
    own = packages.create_package(book, packages.PackageInput(
        code="JMB-2", name="Jamban duduk", materials=(packages.PackageMaterialInput(
            pk["JMB-LA"].materials[0].material_id, 1),), labour_days=3, daily_wage=120_000))
    assert own.warranty_months is None
    q = _make(book, home, quotes.QuoteLineInput(1, own.id), _line(pk, "TS-BIO"))
    assert q.terms_lines[-1] == ("Garansi sejak serah terima: Jamban duduk tanpa garansi; "
                                 "Tangki septik biofilter (fiberglass) 24 bulan.")
    alone = _make(book, home, quotes.QuoteLineInput(1, own.id))
    assert "Garansi" not in alone.terms and "bahan" in alone.terms_lines[0]


SERVICE = "Harga sudah termasuk upah kerja, pengangkutan dan peralatan sampai pekerjaan selesai."
INSTALLED = "Harga sudah termasuk bahan, upah kerja, pengangkutan dan peralatan sampai selesai terpasang."


def test_desludging_installs_nothing_and_a_tank_is_installed(setup):
    book, pk, home = setup
    sedot = _make(book, home, _line(pk, "SEDOT", 2))
    assert sedot.terms_lines[0] == SERVICE
    assert "bahan" not in sedot.terms and "terpasang" not in sedot.terms
    tank = _make(book, home, _line(pk, "TS-BIO"))
    assert tank.terms_lines[0] == INSTALLED
    both = _make(book, home, _line(pk, "SEDOT"), _line(pk, "TS-CINCIN"))
    assert both.terms_lines[0] == INSTALLED
    with_free = _make(book, home, _line(pk, "SEDOT"), PIPE)  # a typed line may be a material
    assert with_free.terms_lines[0] == INSTALLED


def test_two_packages_with_different_warranties_are_named(setup):
    book, pk, home = setup
    service_visits.set_package_warranty(book, pk["TS-BATA"].id, 24)
    service_visits.set_package_warranty(book, pk["SEDOT"].id, 0)
    q = _make(book, home, _line(pk, "TS-BATA"), _line(pk, "SEDOT"))
    assert q.terms_lines[-1] == ("Garansi sejak serah terima: Tangki septik pasangan bata (2 ruang) 24 bulan; "
                                 "Penyedotan lumpur tinja tanpa garansi.")
    assert "Pekerjaan selesai kira-kira 5 hari kerja bila cuaca dan lokasi memungkinkan." in q.terms_lines  # 13 HOK


def test_free_lines_only_promise_no_days_and_no_warranty(setup):
    book, _pk, home = setup
    q = _make(book, home, PIPE)
    assert q.terms_lines == [
        "Harga sudah termasuk bahan, upah kerja, pengangkutan dan peralatan sampai selesai terpasang.",
        "Pekerjaan dimulai setelah surat penawaran ini disetujui dan ditandatangani.",
        "Bagian swadaya dibayar sesuai rencana pembayaran di atas; setiap pembayaran diberi kuitansi."]


def test_typed_terms_are_kept_as_typed(setup):
    book, pk, home = setup
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 12)
    typed = "Harga sudah termasuk semuanya.\nGaransi 3 bulan."
    q = _make(book, home, _line(pk, "TS-BIO"), terms=typed)
    assert q.terms == typed
    changed = quotes.update_quote(book, q.id, dataclasses.replace(q.as_input(), lines=(_line(pk, "SEDOT"),),
                                                                  payers=()))
    assert changed.terms == typed
    assert _make(book, home, _line(pk, "TS-BIO"), terms="").terms == ""  # no terms at all, as chosen
    quotes.send_quote(book, q.id, DAY)
    revised = quotes.revise_quote(book, q.id, DAY + dt.timedelta(days=2))
    assert revised.terms == typed


def test_a_draft_saved_without_terms_follows_its_new_lines(setup):
    book, pk, home = setup
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 12)
    q = _make(book, home, _line(pk, "TS-BIO"))
    changed = quotes.update_quote(book, q.id, dataclasses.replace(q.as_input(), lines=(_line(pk, "SEDOT"),),
                                                                  terms=None, payers=()))
    assert "Garansi" not in changed.terms and "1 hari kerja" in changed.terms


def test_issued_quotes_keep_their_terms_and_a_revision_of_default_terms_follows(setup):
    book, pk, home = setup
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 12)
    q = _make(book, home, _line(pk, "TS-BIO"))
    quotes.send_quote(book, q.id, DAY)
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 24)
    assert quotes.get_quote(book, q.id).terms == q.terms  # sent: never changed
    revised = quotes.revise_quote(book, q.id, DAY + dt.timedelta(days=2))
    # the old text was not today's default any more (the warranty changed): kept as printed
    assert revised.terms == q.terms
    later = DAY + dt.timedelta(days=3)
    fresh = _make(book, home, _line(pk, "TS-BIO"), day=later)
    quotes.send_quote(book, fresh.id, later)
    again = quotes.revise_quote(book, fresh.id, later + dt.timedelta(days=2))
    assert again.terms_lines[-1] == "Garansi pekerjaan 24 bulan sejak serah terima."
    assert quotes.get_quote(book, fresh.id).terms == fresh.terms


def _unset(book, *codes):
    """As a 1.0.0 book has its packages: no warranty months set."""
    from kws_desktop.store.models.evaluation import PackageWarranty
    from kws_desktop.store.models.sales import WorkPackage
    with book.transaction() as s:
        ids = [i for (i,) in s.query(WorkPackage.id).filter(WorkPackage.code.in_(codes))]
        s.query(PackageWarranty).filter(PackageWarranty.package_id.in_(ids)).delete()


def test_the_fixed_text_of_earlier_versions_stays_until_the_packages_have_months(setup):
    """A 1.0.0 quote promised 'Garansi ... 6 bulan' to the household: a revision keeps that
    promise while a package of it has no warranty set, and follows the lines once they all do."""
    book, pk, home = setup
    _unset(book, "TS-BIO")
    q = _make(book, home, _line(pk, "TS-BIO"))
    with book.transaction() as s:  # as 1.0.0 saved it
        s.get(Quote, q.id).terms = quote_terms.LEGACY_TERMS
    quotes.send_quote(book, q.id, DAY)
    kept = quotes.revise_quote(book, q.id, DAY + dt.timedelta(days=1))
    assert kept.terms == quote_terms.LEGACY_TERMS
    shown = quote_terms.terms_for_lines(book, [_line(pk, "TS-BIO")], kept.terms)
    assert not shown.follows and shown.unset == (pk["TS-BIO"].name,)
    assert shown.hint.startswith(f"Garansi {pk['TS-BIO'].name} belum diatur, jadi tidak dicetak.")
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 24)
    quotes.send_quote(book, kept.id, DAY + dt.timedelta(days=1))
    followed = quotes.revise_quote(book, kept.id, DAY + dt.timedelta(days=2))
    assert followed.terms_lines[-1] == "Garansi pekerjaan 24 bulan sejak serah terima."
    assert "7 hari" not in followed.terms
    assert quotes.get_quote(book, q.id).terms == quote_terms.LEGACY_TERMS  # the issued one stays
    assert quote_terms.terms_for_lines(book, [_line(pk, "TS-BIO")]).hint == ""


def test_terms_typed_like_a_default_opening_are_kept(setup):
    book, pk, home = setup
    typed = _make(book, home, _line(pk, "SEDOT"), terms=INSTALLED)  # typed: not a whole default
    quotes.send_quote(book, typed.id, DAY)
    assert quotes.revise_quote(book, typed.id, DAY + dt.timedelta(days=1)).terms == INSTALLED


def test_english_terms_count_days_and_months(setup):
    book, pk, home = setup
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 1)
    set_language("en")
    one = quote_terms.terms_for_lines(book, [_line(pk, "SEDOT")]).text
    assert "about 1 working day " in one and "arrant" not in one
    tank = quote_terms.terms_for_lines(book, [_line(pk, "TS-BIO")]).text.splitlines()
    assert "about 2 working days " in tank[2] and tank[-1] == "1-month warranty on the work from handover."
    service_visits.set_package_warranty(book, pk["TS-BIO"].id, 12)
    mixed = quote_terms.terms_for_lines(book, [_line(pk, "TS-BIO"), _line(pk, "SEDOT")]).text.splitlines()
    assert mixed[-1] == ("Warranty from handover: Tangki septik biofilter (fiberglass) 12 months; "
                         "Penyedotan lumpur tinja without warranty.")


def test_lines_not_yet_valid_are_left_out(setup):
    book, pk, _home = setup
    terms = quote_terms.terms_for_lines(book, [quotes.QuoteLineInput("dua", pk["TS-BIO"].id),
                                               quotes.QuoteLineInput(1, 999_999)]).text
    assert "hari kerja" not in terms and "Garansi" not in terms


def test_demo_quotes_promise_what_their_packages_carry(demo_book):
    """The demo sets the warranties before its quotes: desludging none, tanks 24 months."""
    rows = quotes.all_quotes(demo_book)
    seen = {"sedot": 0, "tank": 0}
    for row in rows:
        q = quotes.get_quote(demo_book, row.id)
        names = {i.description for i in q.items if i.package_id is not None}
        assert "7 hari kerja" not in q.terms and "kebocoran" not in q.terms
        if names == {"Penyedotan lumpur tinja"}:
            seen["sedot"] += 1
            assert "Garansi" not in q.terms and "1 hari kerja" in q.terms
        elif names and all(n.startswith("Tangki septik") for n in names):
            seen["tank"] += 1
            assert q.terms_lines[-1] == "Garansi pekerjaan 24 bulan sejak serah terima."
    assert seen["sedot"] and seen["tank"]


def test_the_days_follow_the_lines_own_rab(setup):
    """A line keeps the RAB it was priced with: its HOK, not the package's of today, set the days."""
    book, pk, home = setup
    rab = (quotes.ComponentInput("labour", "Upah tenaga kerja", "HOK", 12, 150_000),
           quotes.ComponentInput("transport", "Transport", "ls", 1, 150_000))
    line = quotes.QuoteLineInput(1, pk["TS-BIO"].id, components=rab)  # 12 HOK, no materials
    shown = quote_terms.terms_for_lines(book, [line])
    assert "Pekerjaan selesai kira-kira 4 hari kerja bila cuaca dan lokasi memungkinkan." in shown.text
    assert shown.text.splitlines()[0] == SERVICE  # this RAB installs nothing
    assert "kira-kira 2 hari kerja" in quote_terms.terms_for_lines(book, [_line(pk, "TS-BIO")]).text

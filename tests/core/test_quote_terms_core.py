"""The default terms of a quote follow its lines (core.quote_terms)."""
from decimal import Decimal

from kws_desktop.core.quote_terms import TermsLine, default_terms, installs, warranty_sentence, work_days

TANK = TermsLine("Tangki septik biofilter (fiberglass)", Decimal(1), True, Decimal(6), 12, materials=True)
SEDOT = TermsLine("Penyedotan lumpur tinja", Decimal(1), True, Decimal(1), 0)
PIPE = TermsLine("Pipa PVC 4 inci tambahan", Decimal(2), False)


def test_work_days_are_the_packages_hok_shared_by_a_crew_of_three():
    assert work_days([TANK]) == 2                        # 6 HOK
    assert work_days([TermsLine(TANK.name, Decimal(2), True, Decimal(6), 12)]) == 4  # 2 x 6 HOK
    assert work_days([TermsLine("Bata", Decimal(1), True, Decimal(7), 0)]) == 3  # 7/3 rounded up
    assert work_days([SEDOT]) == 1                       # 1 HOK: at least a day
    assert work_days([TermsLine("x", Decimal("0.5"), True, Decimal(1), 0)]) == 1
    assert work_days([PIPE]) == 0                        # free lines bring no labour
    assert work_days([TermsLine("Tanpa upah", Decimal(1), True, Decimal(0), 6)]) == 0
    assert work_days([]) == 0


def test_one_warranty_for_all_packages_is_one_sentence():
    assert warranty_sentence([TANK, PIPE]) == "Garansi pekerjaan 12 bulan sejak serah terima."
    jamban = TermsLine("Jamban sehat", Decimal(1), True, Decimal(4), 12)
    assert warranty_sentence([TANK, jamban]) == "Garansi pekerjaan 12 bulan sejak serah terima."


def test_different_warranties_name_each_package():
    jamban = TermsLine("Jamban sehat", Decimal(1), True, Decimal(4), 6)
    assert warranty_sentence([TANK, jamban, SEDOT, PIPE]) == (
        "Garansi sejak serah terima: Tangki septik biofilter (fiberglass) 12 bulan; Jamban sehat 6 bulan; "
        "Penyedotan lumpur tinja tanpa garansi.")
    # the same package twice is named once
    assert warranty_sentence([TANK, SEDOT, TANK]).count("Tangki") == 1


def test_no_warranty_no_sentence():
    assert warranty_sentence([SEDOT]) == ""
    assert warranty_sentence([PIPE]) == ""
    assert warranty_sentence([]) == ""


def test_desludging_only_terms():
    terms = default_terms([SEDOT]).splitlines()
    assert "Pekerjaan selesai kira-kira 1 hari kerja bila cuaca dan lokasi memungkinkan." in terms
    assert not any("Garansi" in t for t in terms)
    assert terms[0] == "Harga sudah termasuk upah kerja, pengangkutan dan peralatan sampai pekerjaan selesai."
    assert len(terms) == 4


def test_only_packages_without_materials_install_nothing():
    assert not installs([SEDOT]) and not installs([SEDOT, SEDOT])
    assert installs([TANK]) and installs([SEDOT, TANK])
    assert installs([SEDOT, PIPE])   # a typed line may be a material
    assert installs([])              # nothing yet: the sentence the letter always had
    assert default_terms([SEDOT, TANK]).startswith("Harga sudah termasuk bahan, upah kerja")


def test_free_lines_only_promise_neither_days_nor_warranty():
    terms = default_terms([PIPE]).splitlines()
    assert terms == [
        "Harga sudah termasuk bahan, upah kerja, pengangkutan dan peralatan sampai selesai terpasang.",
        "Pekerjaan dimulai setelah surat penawaran ini disetujui dan ditandatangani.",
        "Bagian swadaya dibayar sesuai rencana pembayaran di atas; setiap pembayaran diberi kuitansi."]


def test_a_tank_gets_its_days_and_warranty_in_order():
    terms = default_terms([TANK]).splitlines()
    assert terms[2] == "Pekerjaan selesai kira-kira 2 hari kerja bila cuaca dan lokasi memungkinkan."
    assert terms[-1] == "Garansi pekerjaan 12 bulan sejak serah terima."
    assert len(terms) == 5


def test_the_callers_translation_is_used():
    terms = default_terms([TANK], lambda m: m.upper(), lambda s, p, n: (s if n == 1 else p) + "!")
    assert terms.splitlines()[0] == terms.splitlines()[0].upper()
    assert terms.splitlines()[-1] == "Garansi pekerjaan 12 bulan sejak serah terima.!"

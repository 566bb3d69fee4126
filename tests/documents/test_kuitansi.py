"""The kuitansi PDF as printed: words, figures, meterai only above Rp5.000.000, SALINAN, BATAL."""
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from kws_desktop.documents.kuitansi import KuitansiData, receipt_layout, write_kuitansi, write_many


def _data(amount, **kw):
    base = dict(number="KWT-2026-0007", date=dt.date(2026, 11, 28), payer_name="Ahmad Fauzi",
                amount=amount, purpose="Pesanan PSN-2026-0003, tagihan TGH-2026-0005, cicilan ke-2 dari 4",
                remaining=1_250_000, receiver_name="Dewi Lestari", receiver_role="Bendahara")
    base.update(kw)
    return KuitansiData(**base)


def _text(path):
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_kuitansi_text(tmp_path, profile):
    path = write_kuitansi(_data(1_250_000), tmp_path / "k.pdf", profile=profile)
    text = _text(path)
    for expected in ("KUITANSI", "KWT-2026-0007", "Sudah terima dari", "Ahmad Fauzi", "Uang sejumlah",
                     "Satu Juta Dua Ratus Lima Puluh Ribu Rupiah", "Untuk pembayaran",
                     "cicilan ke-2 dari 4", "Rp1.250.000", "Sisa tagihan: Rp1.250.000",
                     "28 November 2026", "Tigaraksa", "Dewi Lestari", "Cap KWS"):
        assert expected in text, expected
    assert "Meterai" not in text
    assert "SALINAN" not in text and "BATAL" not in text


@pytest.mark.parametrize("amount,box", [(5_000_000, False), (4_999_999, False), (1, False),
                                        (5_000_001, True), (12_500_000, True)])
def test_meterai_box_only_above_five_million(tmp_path, profile, amount, box):
    text = _text(write_kuitansi(_data(amount), tmp_path / "k.pdf", profile=profile))
    assert ("Meterai Rp10.000" in text) is box


def test_words_for_big_and_odd_amounts(tmp_path, profile):
    text = _text(write_kuitansi(_data(101_001_011), tmp_path / "k.pdf", profile=profile))
    assert "Seratus Satu Juta Seribu Sebelas Rupiah" in text
    assert "Rp101.001.011" in text


def test_reprint_says_salinan_and_void_says_batal(tmp_path, profile):
    copy = _text(write_kuitansi(_data(750_000, copy=True), tmp_path / "c.pdf", profile=profile))
    assert "SALINAN" in copy and "BATAL" not in copy
    void = _text(write_kuitansi(_data(750_000, void=True, void_reason="Salah catat"), tmp_path / "v.pdf",
                                profile=profile))
    assert "BATAL" in void and "Salah catat" in void and "KWT-2026-0007" in void


@pytest.mark.parametrize("setting,size", [("A5", (595, 420)), ("A4", (595, 842)), ("F4", (609, 935))])
def test_paper_from_setting(tmp_path, profile, setting, size):
    path = write_kuitansi(_data(7_500_000), tmp_path / "k.pdf", profile=profile, paper=setting)
    box = PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    assert receipt_layout("a5") == ("A5", True)


def test_batch_writes_one_file_each(tmp_path, profile):
    items = [_data(100_000 * (n + 1), number=f"KWT-2026-{n + 1:04d}") for n in range(30)]
    paths = write_many(items, tmp_path / "batch", profile=profile)  # speed: see benchmarks/
    assert sorted(p.name for p in paths) == sorted(f"{d.number}.pdf" for d in items)
    assert re.search("Rp300.000", _text(paths[2]))

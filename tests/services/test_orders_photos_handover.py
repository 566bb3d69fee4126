"""Progress photos (reduced, thumbnailed, in the book) and the handover letter (BAST)."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from kws_desktop.errors import UserError
from kws_desktop.services.jobs import handover, orders, photos
from kws_desktop.store.models.book import Attachment

from tests.services.test_orders import D, _order, setup  # noqa: F401 - fixture


def _jpeg(w=4000, h=3000, color=(90, 140, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), color).save(out, format="JPEG", quality=95)
    return out.getvalue()


def test_photo_is_reduced_and_thumbnailed(book, setup, tmp_path):
    o = _order(book, setup)
    src = tmp_path / "IMG_0001.JPG"
    src.write_bytes(_jpeg())
    row = photos.add_photo(book, o.id, src, 50, D + dt.timedelta(days=1), "Galian selesai")
    assert (row.width, row.height) == (1600, 1200)
    thumb = Image.open(io.BytesIO(row.thumbnail))
    assert max(thumb.size) == 240
    full = photos.photo_image(book, row.id)
    assert Image.open(io.BytesIO(full)).format == "JPEG"
    assert [p.stage_pct for p in orders.get_order(book, o.id).photos] == [50]
    photos.remove_photo(book, row.id, "Foto salah")
    with book.reading() as s:
        assert s.execute(select(func.count()).select_from(Attachment)).scalar() == 0


def test_bad_photos_are_refused(book, setup):
    o = _order(book, setup)
    with pytest.raises(UserError) as e:
        photos.add_photo(book, o.id, b"not a picture", 0, D)
    assert "bukan foto" in e.value.message
    with pytest.raises(UserError) as e:
        photos.add_photo(book, o.id, _jpeg(40, 30), 75, D)
    assert "0%, 50% atau 100%" in e.value.message
    with pytest.raises(UserError) as e:
        photos.add_photo(book, o.id, _jpeg(40, 30), 0, D - dt.timedelta(days=1))
    assert "sebelum tanggal pesanan" in e.value.message
    with book.reading() as s:
        assert s.execute(select(func.count()).select_from(Attachment)).scalar() == 0


def test_handover_letter_pdf(book, setup, tmp_path):
    o = _order(book, setup, payers=(orders.PayerInput("swadaya", 1_500_000),
                                    orders.PayerInput("baznas", 3_000_000, name="BAZNAS Kab. Tangerang")))
    with pytest.raises(UserError) as e:
        handover.write_handover(book, o.id, tmp_path / "x.pdf")
    assert "belum diserahterimakan" in e.value.message
    orders.update_order_details(book, o.id, facilitator_name="Rina Marlina")
    orders.add_crew(book, o.id, setup["member"], D, 3, 120_000)
    photos.add_photo(book, o.id, _jpeg(1200, 900, (120, 160, 90)), 100, D + dt.timedelta(days=5))
    orders.change_stage(book, o.id, "diserahterimakan", D + dt.timedelta(days=6))
    with book.reading() as s:
        data = handover.handover_data(s, o.id)
    assert data.number == "BAST-2026-0001" and data.program_funded and data.photo
    assert data.facilitator_name == "Rina Marlina"
    assert "BAZNAS Kab. Tangerang" in data.funding  # not "BAZNAS (BAZNAS Kab. Tangerang)"
    assert data.funding[0].startswith("Swadaya")
    path = handover.write_handover(book, o.id, tmp_path / "bast.pdf")
    assert path.read_bytes().startswith(b"%PDF")


def test_both_parties_of_the_handover_letter_have_the_same_labels(book, setup, tmp_path):
    """Issue 19.5: one party had "Jabatan", the other "Sebagai"."""
    from pypdf import PdfReader
    o = _order(book, setup)
    orders.add_crew(book, o.id, setup["member"], D, 3, 120_000)
    orders.change_stage(book, o.id, "diserahterimakan", D + dt.timedelta(days=6))
    path = handover.write_handover(book, o.id, tmp_path / "bast.pdf")
    text = " ".join(PdfReader(str(path)).pages[0].extract_text().split())
    assert "Sebagai" not in text
    parties = text.split("bawah ini:")[1].split("PIHAK PERTAMA menyerahkan")[0]
    first, second = parties.split("selanjutnya disebut PIHAK PERTAMA (yang menyerahkan);")
    assert second.strip().endswith("selanjutnya disebut PIHAK KEDUA (yang menerima).")
    for party in (first, second):
        assert [label in party for label in ("Nama :", "Jabatan :", "Alamat :")] == [True, True, True]
    assert "Jabatan : Pemilik rumah / kepala keluarga" in second

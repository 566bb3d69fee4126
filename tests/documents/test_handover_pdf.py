"""The BAST on narrow paper: the photo goes under the details instead of squeezing them."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kws_desktop.documents.handover import HandoverData, WorkLine, write_handover_pdf

from .helpers import pdf_text, png_logo

LOCATION = "Kp. Pabuaran No. 15, RT 002/RW 006"


def _handover() -> HandoverData:
    return HandoverData(
        number="BAST-2026-0063", date=dt.date(2026, 12, 1), order_number="PSN-2026-0061",
        customer_name="Romlah Fitriani", address=LOCATION, desa="Sepatan", kecamatan="Sepatan",
        kabupaten="Kabupaten Tangerang", work=[WorkLine("Tangki septik cincin beton pracetak", Decimal(1), "unit")],
        started=dt.date(2026, 11, 18), finished=dt.date(2026, 11, 25),
        funding=["APBD (Dinas Perumahan, Permukiman dan Pemakaman Kab. Tangerang)"],
        program_funded=True, facilitator_name="Lina Marlina", photo=png_logo())


def _location_lines(text: str) -> list[str]:
    """The lines the work's location is printed on (after "Lokasi pekerjaan" and its colon)."""
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line == "Lokasi pekerjaan") + 2
    end = next(i for i, line in enumerate(lines) if line == "Waktu pengerjaan")
    return lines[start:end]


def test_a5_photo_goes_under_the_details(tmp_path, profile):
    text = pdf_text(write_handover_pdf(_handover(), tmp_path / "bast.pdf", profile=profile, paper="A5"))
    assert len(_location_lines(text)) <= 2, _location_lines(text)
    assert "Foto pekerjaan selesai (100%)" in text


def test_a4_keeps_the_photo_beside_the_details_on_one_page(tmp_path, profile):
    path = write_handover_pdf(_handover(), tmp_path / "bast.pdf", profile=profile, paper="A4")
    text = pdf_text(path)
    assert "\f" not in text and "Foto pekerjaan selesai (100%)" in text

"""PDF building: hostile text, paper sizes, page numbers, watermark, write errors."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.blocks import (
    key_value_table, money_table, needs_meterai, signature_blocks, title_block,
)
from kws_desktop.documents.output import DocumentWriteError
from kws_desktop.documents.pdf import build_pdf, content_width, paper_size
from kws_desktop.errors import UserError
from kws_desktop.documents.styles import paragraph
from kws_desktop.documents.table import Column, Row, data_table

from .helpers import page_count, pdf_text

HOSTILE = [
    "<b>not bold</b>",
    "&amp; stays &amp;",
    "<img src=x>",
    '"double" and \'single\' quotes',
    "<para>nested</para> <br/> <font size=80>",
]


def _story(text: str) -> list[Flowable]:
    return [
        *title_block(text, number=text),
        paragraph(text),
        key_value_table([(text, text), ("Nama", paragraph(text, bold=True))]),
        data_table([Column("u", text), Column("m", "Jumlah", "money")], [Row([text, -1250000])]),
        money_table([(text, 5_000_000)], total=(text, 5_000_000)),
        signature_blocks([(text, text), (text, "")], place_date=text, meterai_for=1),
    ]


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_characters_print_literally(tmp_path, text):
    profile = KwsProfile(name=text, address=text, phone=text)
    out = build_pdf(tmp_path / "hostile.pdf", _story(text), profile=profile, title=text)
    extracted = pdf_text(out)
    # each block prints the text: letterhead, title, number, paragraph, tables, signatures
    assert extracted.count(text) >= 8, extracted


def test_unicode_text_survives(tmp_path):
    text = "Ibu Nurhayati — مرحبا שלום Ελληνικά Кириллица ẞ ₹"
    out = build_pdf(tmp_path / "u.pdf", [paragraph(text)], profile=KwsProfile(), title="u")
    extracted = pdf_text(out)
    for word in ("Nurhayati", "Ελληνικά", "Кириллица"):
        assert word in extracted


def test_control_characters_emoji_and_very_long_text(tmp_path):
    long_word = "x" * 10_000
    long_text = "Pelunasan jamban <b>keluarga</b> " * 350
    text = "nul\x00 bell\x07 esc\x1b 😀🚽 \ud800 \u202eRTL override\u202c"
    story = [
        paragraph(text), paragraph(long_word), paragraph(long_text),
        data_table([Column("a", "A"), Column("b", "B")], [Row([long_word, long_text]), Row([text, text])]),
        signature_blocks([(long_text[:300], long_word[:500])]),
    ]
    out = build_pdf(tmp_path / "long.pdf", story, profile=KwsProfile(name=text), title=long_text)
    assert page_count(out) >= 2
    assert "<b>keluarga</b>" in pdf_text(out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), watermark=st.text(max_size=20))
def test_any_text_builds(text, watermark):
    with tempfile.TemporaryDirectory() as tmp:
        build_pdf(Path(tmp) / "any.pdf", _story(text), profile=KwsProfile(name=text, address=text),
                  title=text, watermark=watermark or None)


@pytest.mark.parametrize("name, landscape, size_mm", [
    ("A4", False, (210, 297)), ("F4", False, (215, 330)), ("folio", False, (215, 330)),
    ("A5", False, (148, 210)), ("A5", True, (210, 148)), ("a4", True, (297, 210)),
])
def test_paper_sizes(name, landscape, size_mm):
    width, height = paper_size(name, landscape)
    assert (round(width / mm), round(height / mm)) == size_mm


def test_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="Letter"):
        paper_size("Letter")


@pytest.mark.parametrize("paper, landscape", [("F4", False), ("A5", True)])
def test_pdf_has_the_requested_page_size(tmp_path, profile, paper, landscape):
    out = build_pdf(tmp_path / "p.pdf", [paragraph("isi")], profile=profile, title="t",
                    paper=paper, landscape=landscape)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == tuple(
        round(v) for v in paper_size(paper, landscape))
    assert content_width(paper, landscape) < float(box.width)


def test_page_numbers_and_watermark_on_every_page(tmp_path, profile):
    story = [paragraph(f"Baris {i}") for i in range(120)]
    out = build_pdf(tmp_path / "n.pdf", story, profile=profile, title="Uji", watermark="BATAL")
    reader = PdfReader(str(out))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"hal. {number} dari {total}" in text
        assert "BATAL" in text


def test_no_page_numbers_no_letterhead(tmp_path, profile):
    out = build_pdf(tmp_path / "n.pdf", [paragraph("isi")], profile=profile, title="Uji",
                    single_page_footer=False, letterhead=False)
    text = pdf_text(out)
    assert "hal." not in text and profile.name not in text


def test_a_letter_that_runs_over_is_numbered(tmp_path, profile):
    """A paper without a footer on one page (a letter) still says "hal. x dari y" when it runs
    over: a two-page reminder letter printed no page numbers at all."""
    story = [paragraph(f"Baris {i}") for i in range(120)]
    out = build_pdf(tmp_path / "n.pdf", story, profile=profile, title="Uji", single_page_footer=False)
    pages = pdf_text(out).split("\f")
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"hal. {number} dari {len(pages)}" in page


def test_letterhead_shows_the_profile(tmp_path, profile):
    out = build_pdf(tmp_path / "l.pdf", [paragraph("isi")], profile=profile, title="Uji")
    text = pdf_text(out)
    assert profile.name in text and "Tigaraksa" in text and "0812-3456-7890" in text


def test_broken_logo_is_left_out(tmp_path):
    profile = KwsProfile(name="KWS Rusak", logo_png=b"\x89PNG not really")
    out = build_pdf(tmp_path / "l.pdf", [paragraph("isi")], profile=profile, title="Uji")
    assert "KWS Rusak" in pdf_text(out)


def test_meterai_box_and_signers(tmp_path, profile):
    story = [signature_blocks([("Yang menyerahkan,", "Ahmad Suryadi"), ("Yang menerima,", "")],
                              place_date="Tigaraksa, 28 November 2026", meterai_for=0)]
    out = build_pdf(tmp_path / "s.pdf", story, profile=profile, title="Kuitansi", paper="A5",
                    landscape=True)
    text = pdf_text(out)
    assert page_count(out) == 1
    for expected in ("Meterai", "Rp10.000", "Ahmad Suryadi", "Yang menerima,", "Tigaraksa, 28 November"):
        assert expected in text


def test_meterai_rule():
    assert not needs_meterai(5_000_000)
    assert needs_meterai(5_000_001)


def test_meterai_index_must_name_a_signer():
    with pytest.raises(IndexError):
        signature_blocks([("Ketua", "Siti")], meterai_for=1)


def test_money_table_shows_negatives_in_parentheses(tmp_path, profile):
    story = [money_table([("Harga", 8_000_000), ("Uang muka", -1_500_000)], total=("Sisa", 6_500_000))]
    text = pdf_text(build_pdf(tmp_path / "m.pdf", story, profile=profile, title="t"))
    assert "(Rp1.500.000)" in text and "Rp6.500.000" in text


# --- write errors --------------------------------------------------------------------------

def test_missing_folder_raises_documented_error(tmp_path, profile):
    target = tmp_path / "tidak-ada" / "out.pdf"
    with pytest.raises(DocumentWriteError) as info:
        build_pdf(target, [paragraph("isi")], profile=profile, title="t")
    assert isinstance(info.value, OSError) and isinstance(info.value, UserError)
    assert info.value.path == target
    assert str(info.value).startswith(f"Berkas tidak dapat ditulis: {target}")


def test_directory_as_target_raises_documented_error(tmp_path, profile):
    with pytest.raises(DocumentWriteError):
        build_pdf(tmp_path, [paragraph("isi")], profile=profile, title="t")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_raises_documented_error(tmp_path, profile):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DocumentWriteError):
            build_pdf(folder / "out.pdf", [paragraph("isi")], profile=profile, title="t")
    finally:
        folder.chmod(0o700)


class _Boom(Flowable):
    def wrap(self, aw, ah):
        raise RuntimeError("boom")


def test_failed_build_leaves_the_old_file_and_no_temporaries(tmp_path, profile):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        build_pdf(target, [paragraph("isi"), _Boom()], profile=profile, title="t")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_replaces_an_existing_file(tmp_path, profile):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    build_pdf(target, [paragraph("baru")], profile=profile, title="t")
    assert "baru" in pdf_text(target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_file_in_place_of_a_folder_raises_documented_error(tmp_path, profile):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    with pytest.raises(DocumentWriteError):
        build_pdf(blocker / "out.pdf", [paragraph("isi")], profile=profile, title="t")

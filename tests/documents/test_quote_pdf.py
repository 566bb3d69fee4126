import datetime as dt

import pytest
from pypdf import PdfReader

from kws_desktop.services.book import books
from kws_desktop.services.sales import customers
from kws_desktop.services.sales import packages
from kws_desktop.services.sales import quotes
from kws_desktop.services.training.demo.foundation import DEMO_PROFILE
from kws_desktop.documents.pdf import paper_size

NAME = "Ujang \"Oray\" <b>Sudrajat</b> & Ibu O'Neil 😀"
ADDRESS = "Kp. <Cibadak> & Pasir 'Kupa' 🚽"


@pytest.fixture
def quote(book):
    books.update_profile(book, DEMO_PROFILE)
    packages.load_default_packages(book)
    pk = {p.code: p for p in packages.list_packages(book)}
    home = customers.create_customer(book, customers.CustomerInput(name=NAME, gender="L", address=ADDRESS, rt="4", rw="1",
                                                   desa="Saga & <Tobat>", kecamatan="Balaraja"))
    baznas = customers.create_customer(book, customers.CustomerInput(name="BAZNAS Kabupaten Tangerang", kind="institution",
                                                     payer_type="baznas"))
    lines = (quotes.QuoteLineInput(1, pk["TS-CINCIN"].id),
             quotes.QuoteLineInput(2, description="Pipa <tambahan> & \"sambungan\"", unit="batang", unit_price=195_000))
    total = pk["TS-CINCIN"].price + 390_000 - 50_000
    q = quotes.create_quote(book, quotes.QuoteInput(
        customer_id=home.id, date=dt.date(2026, 11, 2), lines=lines, discount=50_000,
        payers=(quotes.PayerInput("baznas", 2_000_000, baznas.id), quotes.PayerInput("swadaya", total - 2_000_000, instalments=5)),
        terms="Harga <final> & tidak berubah.", title="Penawaran tangki septik cincin beton"))
    return book, q


def _text(path):
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_quote_pdf_prints_user_text_literally_and_no_cost(quote, tmp_path):
    book, q = quote
    out = quotes.write_quote_pdf(book, q.id, tmp_path / "q.pdf")
    text = _text(out)
    flat = " ".join(text.split())
    for literal in ("Ujang \"Oray\" <b>Sudrajat</b> & Ibu O'Neil", "Kp. <Cibadak> & Pasir 'Kupa'",
                    "Saga & <Tobat>", "Pipa <tambahan> & \"sambungan\"", "Harga <final> & tidak berubah."):
        assert literal in flat, literal
    # the emoji glyph is drawn (DejaVu has it), but reportlab writes its ToUnicode entry in a
    # form pypdf cannot read back, so only the text around it is checked here
    assert q.number in text and "2 November 2026" in text
    assert "TOTAL HARGA PENAWARAN" in text and "Terbilang" in text
    from kws_desktop.core.terbilang import sentence_case, terbilang_rupiah
    assert sentence_case(terbilang_rupiah(q.total)) in flat
    assert "BAZNAS Kabupaten Tangerang" in text and "dicicil 5 kali" in text
    assert "berlaku sampai dengan 2 Desember 2026" in flat
    assert "Siti Aminah" in text  # the leader signs
    assert "Cincin beton (buis) diameter 80 cm" in text or "Cincin beton" in text  # itemised by default
    for secret in ("Keuntungan", "margin", "Biaya langsung"):
        assert secret not in text


def test_quote_pdf_a4_f4_and_summary(quote, tmp_path):
    book, q = quote
    a4 = quotes.write_quote_pdf(book, q.id, tmp_path / "a4.pdf", paper="A4")
    f4 = quotes.write_quote_pdf(book, q.id, tmp_path / "f4.pdf", paper="F4", itemised=False)
    for path, paper in ((a4, "A4"), (f4, "F4")):
        box = PdfReader(str(path)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == tuple(round(v) for v in paper_size(paper))
    summary = _text(f4)
    assert "Bahan bangunan" in summary and "Upah tenaga kerja" in summary
    assert "Tutup cincin beton" not in summary
    books.set_setting(book, "rab_itemised", False)
    assert "Tutup cincin beton" not in _text(quotes.write_quote_pdf(book, q.id, tmp_path / "s.pdf"))


def test_superseded_quote_is_marked(quote, tmp_path):
    book, q = quote
    quotes.send_quote(book, q.id, dt.date(2026, 11, 3))
    new = quotes.revise_quote(book, q.id, dt.date(2026, 11, 5))
    assert "DIGANTI REVISI" in _text(quotes.write_quote_pdf(book, q.id, tmp_path / "old.pdf"))
    text = _text(quotes.write_quote_pdf(book, new.id, tmp_path / "new.pdf"))
    assert "menggantikan penawaran nomor " + q.number in " ".join(text.split())


def test_a_draft_quote_says_draf_on_every_page_and_is_no_offer_yet(quote, tmp_path):
    """Issue 19.3: a quote not yet sent printed like a live offer."""
    book, q = quote
    draft = PdfReader(str(quotes.write_quote_pdf(book, q.id, tmp_path / "draft.pdf")))
    pages = [" ".join(p.extract_text().split()) for p in draft.pages]
    assert len(pages) >= 2 and all("DRAF" in page for page in pages)  # the watermark on each page
    assert f"Nomor : {q.number} DRAF (belum berlaku sebagai penawaran)" in pages[0]
    assert "RINCIAN ANGGARAN BIAYA (RAB) - DRAF" in " ".join(pages)
    quotes.send_quote(book, q.id, dt.date(2026, 11, 3))
    sent = " ".join(_text(quotes.write_quote_pdf(book, q.id, tmp_path / "sent.pdf")).split())
    assert "DRAF" not in sent and f"Nomor : {q.number} Lampiran" in sent

"""The materials report on paper (issue 19): a category whose materials go on over a page
break is headed again on the next page, "Pipa dan sambungan (lanjutan)", on A4 and A5."""
from __future__ import annotations

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kws_desktop.documents.tabular import write_pdf
from kws_desktop.services.book.backdating import latest_of
from kws_desktop.services.book.books import get_profile
from kws_desktop.services.purchasing import materials, purchases
from kws_desktop.services.reports import build_report
from kws_desktop.store.models.purchasing import Supplier

CATEGORY = "Pipa dan sambungan"


@pytest.fixture
def many_pipes(demo_book):
    """60 more pipe fittings, all bought on the day of the book's latest purchase."""
    with demo_book.reading() as s:
        day = latest_of(s, "purchase", 2026).date
        supplier = s.execute(select(Supplier.id).order_by(Supplier.id).limit(1)).scalar_one()
    lines = tuple(purchases.PurchaseLineInput(materials.create_material(demo_book, materials.MaterialInput(
        f"Sambungan pipa uji nomor {n:02d}", "buah", CATEGORY, 12_000)).id, 2, 12_000) for n in range(60))
    purchases.record_purchase(demo_book, purchases.PurchaseInput(day, supplier, "cash", lines))
    return day


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_category_over_a_page_break_is_headed_again(demo_book, many_pipes, tmp_path, paper):
    report = build_report(demo_book, "materials", many_pipes.replace(month=1, day=1), many_pipes)
    path = write_pdf(report, tmp_path / f"bahan-{paper}.pdf", profile=get_profile(demo_book), paper=paper)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]
    start = next(i for i, row in enumerate(report.rows) if row.style == "heading" and row.cells["name"] == CATEGORY)
    group = []
    for row in report.rows[start + 1:]:
        if row.style != "normal":
            break
        group.append(row.cells["name"])
    continued = [n for n, page in enumerate(pages) if f"{CATEGORY} (lanjutan) " in page]
    assert continued, "the category runs over a page and is not headed again"
    for n in continued:
        rest = pages[n].split(f"{CATEGORY} (lanjutan) ", 1)
        assert "Nilai stok akhir" in rest[0] and rest[0].count(" ") < 25, "right under the header"
        assert rest[1].startswith(tuple(group)), "then the category's next material"
        assert CATEGORY in pages[n - 1]  # the group started on the page before
    # a page that goes on with the pipes never starts them without their heading
    for page in pages[1:]:
        body = page.split("Nilai stok akhir ", 1)[-1]
        assert not body.startswith(tuple(group)), body[:80]

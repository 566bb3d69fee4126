"""Every PDF the app writes names only the shipped DejaVu faces, each embedded (issue 19.6).

reportlab starts a canvas in Helvetica and a table cell without a FONTNAME falls back to it,
so a PDF could list an unembedded /Helvetica even when no text is drawn in it. This writes
every kind of document and every report from the demo book and reads the fonts back."""
from __future__ import annotations

import datetime as dt

import pytest
from reportlab.platypus import Table

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.pdf import build_pdf
from kws_desktop.services import reports
from kws_desktop.services.billing import invoices, payments, reminders
from kws_desktop.services.jobs import handover
from kws_desktop.services.people import member_income, wages
from kws_desktop.services.sales import quotes
from kws_desktop.documents.tabular import write_report
from kws_desktop.store.models.billing import Instalment, Invoice, Receipt
from kws_desktop.store.models.jobs import OrderHandover
from kws_desktop.store.models.people import Member, WagePayout
from kws_desktop.store.models.sales import Quote

from .helpers import pdf_fonts

DEJAVU = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}


def _only_embedded_dejavu(path) -> None:
    fonts = pdf_fonts(path)
    assert fonts, f"{path.name}: no fonts found"
    assert {name for name, _e in fonts} <= DEJAVU, f"{path.name}: {sorted(fonts)}"
    assert all(is_embedded for _n, is_embedded in fonts), f"{path.name}: {sorted(fonts)}"


def test_a_table_cell_without_a_font_still_prints_in_dejavu(tmp_path):
    """The finding itself: a plain table (reportlab's default cell font is Helvetica)."""
    out = build_pdf(tmp_path / "t.pdf", [Table([["Kas", "Rp1.000"]])], profile=KwsProfile(), title="t")
    _only_embedded_dejavu(out)


def _first(session, query):
    found = session.execute(query.limit(1)).scalar()
    assert found is not None, str(query)
    return found


def _documents(book, folder) -> list:
    from sqlalchemy import select
    with book.reading() as s:
        quote_ids = {status: _first(s, select(Quote.id).where(Quote.status == status))
                     for status in ("draft", "accepted")}
        invoice = _first(s, select(Invoice.number).where(Invoice.status == "open"))
        receipt = _first(s, select(Receipt.number))
        void_receipt = _first(s, select(Receipt.number).where(Receipt.status == "void"))
        order_handed = _first(s, select(OrderHandover.order_id))
        payout = _first(s, select(WagePayout.number))
        member = _first(s, select(Member.id))
        late = _first(s, select(Invoice.customer_id).join(Instalment, Instalment.invoice_id == Invoice.id)
                      .where(Invoice.status == "open").order_by(Instalment.due_date))
        latest_due = _first(s, select(Instalment.due_date).order_by(Instalment.due_date.desc()))
    written = [quotes.write_quote_pdf(book, qid, folder / f"quote-{status}.pdf")
               for status, qid in quote_ids.items()]
    written.append(invoices.write_invoice_pdf(book, invoice, folder / "invoice.pdf"))
    written.append(payments.write_receipt(book, receipt, folder / "kuitansi.pdf", mark_printed=False))
    written.append(payments.write_receipt(book, void_receipt, folder / "kuitansi-batal.pdf", mark_printed=False))
    written.append(handover.write_handover(book, order_handed, folder / "bast.pdf"))
    written.append(reminders.write_reminder_pdf(book, late, folder / "reminder.pdf",
                                               as_of=latest_due + dt.timedelta(days=1)))
    written.append(wages.write_wage_slips(book, payout, folder / "wage-slips.pdf"))
    written.append(member_income.write_member_income_slip(book, member, dt.date(2000, 1, 1),
                                                          dt.date.today(), folder / "income-slip.pdf"))
    return written


def test_every_document_kind_embeds_only_dejavu(demo_book, tmp_path):
    for path in _documents(demo_book, tmp_path):
        _only_embedded_dejavu(path)


@pytest.mark.parametrize("kind", sorted(reports.REPORT_MODULES))
def test_every_report_pdf_embeds_only_dejavu(demo_book, tmp_path, kind):
    report = reports.build_report(demo_book, kind, None, None)
    _only_embedded_dejavu(write_report(report, tmp_path / f"{kind}.pdf"))

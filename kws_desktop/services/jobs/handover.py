"""The handover letter (Berita Acara Serah Terima, BAST) of an order: its data and its PDF."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from kws_desktop.core.status import DocStatus
from kws_desktop.i18n import _
from kws_desktop.errors import UserError
from kws_desktop.services.book.books import get_profile, read_setting
from kws_desktop.services.jobs.orders import read_order
from kws_desktop.services.jobs.photos import final_photo
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Profile
from kws_desktop.store.models.sales import Customer

if TYPE_CHECKING:
    from kws_desktop.documents.handover import HandoverData


def _funding_text(label: str, name: str) -> str:
    """"Swadaya (Bapak Ahmad)"; a name that already says its kind stands alone
    ("BAZNAS Kab. Tangerang", not "BAZNAS (BAZNAS Kab. Tangerang)")."""
    if not name or name == label:
        return label
    return name if label.casefold() in name.casefold() else f"{label} ({name})"


def handover_data(session: Session, order_id: int, *, with_photo: bool = True) -> HandoverData:
    """Session-level: the plain data of an order's handover letter (the latest one issued, or
    the last voided one, which prints BATAL)."""
    from kws_desktop.documents.handover import HandoverData, WorkLine  # reportlab loads on print only
    view = read_order(session, order_id)
    handover = view.handover or (view.handovers[-1] if view.handovers else None)
    if handover is None:
        raise UserError(_("Pesanan {number} belum diserahterimakan; berita acara dibuat saat "
                          "pekerjaan diserahterimakan.").format(number=view.number))
    customer = session.get(Customer, view.customer_id)
    profile = session.get(Profile, 1)
    funding = [_funding_text(p.label, p.name) for p in view.payers]
    return HandoverData(
        number=handover.number, date=handover.date, order_number=view.number,
        customer_name=view.customer_name, address=view.address, desa=view.desa,
        kecamatan=view.kecamatan, kabupaten=(customer.kabupaten if customer else "") or
        (profile.kabupaten if profile else ""),
        work=tuple(WorkLine(i.description, i.qty, i.unit) for i in view.main_items),
        started=view.started_date, finished=view.finished_date, funding=tuple(funding),
        program_funded=view.program_funded, facilitator_name=view.facilitator_name,
        receiver_name=handover.receiver_name, photo=final_photo(session, order_id) if with_photo else None,
        void=handover.status == DocStatus.VOID)


def write_handover(book: Book, order_id: int, path, *, with_photo: bool = True):
    """Write the order's Berita Acara Serah Terima as a PDF; returns the path."""
    from kws_desktop.documents.handover import write_handover_pdf
    with book.reading() as s:
        data = handover_data(s, order_id, with_photo=with_photo)
        paper = read_setting(s, "document_paper")
    return write_handover_pdf(data, path, profile=get_profile(book), paper=paper)

"""Taking a payment and its kuitansi, from the money to the paper, in one place.

`take_payment` records the payment and returns its kuitansi ready to print; `kuitansi_print`
gives any kuitansi to the print preview (first print the original, later ones SALINAN);
`share_kuitansi` saves the PDF for WhatsApp and counts it as printed. The window calls these and
nothing else of the flow.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kws_desktop.i18n import _
from kws_desktop.services.billing import payments
from kws_desktop.services.book.print_jobs import PrintJob
from kws_desktop.store.book import Book


@dataclass(frozen=True)
class TakenPayment:
    payment: payments.PaymentInfo
    kuitansi: PrintJob


def kuitansi_print(book: Book, number: str) -> PrintJob:
    """The kuitansi for the print preview. A book open only for reading prints SALINAN always
    (see payments.write_receipt) and counts nothing."""
    key = number.strip().upper()
    return PrintJob(
        kind="kuitansi", title=_("Kuitansi {number}").format(number=key), file_name=f"{key}.pdf",
        write=lambda path: payments.write_receipt(book, key, path, mark_printed=False),
        printed=lambda: payments.mark_receipts_printed(book, [key]), counts_prints=True)


def take_payment(book: Book, *, invoice_id: int, date: dt.date, amount: int, method: str = "cash",
                 payer_name: str = "", advance: int = 0, note: str = "", backdate_note: str = "",
                 future_ok: bool = False) -> TakenPayment:
    """Record the payment (one transaction, all or nothing; the rules of
    payments.record_payment_in, including the reason a backdated kuitansi needs and the
    confirmation of a date after today) and hand back its kuitansi, not yet printed: it counts
    as the original only when really printed or saved."""
    paid = payments.record_payment(book, invoice_id=invoice_id, date=date, amount=amount,
                                   method=method, payer_name=payer_name, advance=advance,
                                   note=note, printed=False, backdate_note=backdate_note,
                                   future_ok=future_ok)
    return TakenPayment(paid, kuitansi_print(book, paid.receipt_number))


def share_kuitansi(book: Book, number: str, target: str | Path) -> payments.ShareInfo:
    """Save the kuitansi as a PDF at `target` to attach in WhatsApp (counted as printed) and
    return the message to send with it. An unknown number is refused before anything is saved."""
    info = payments.receipt_share(book, number)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    payments.write_receipt(book, number, target)
    return info

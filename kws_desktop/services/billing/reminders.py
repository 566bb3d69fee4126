"""Reminder letters (surat pengingat pembayaran) to a payer with late instalments.

Each letter issued gets the next number of the book's "reminder" sequence (SPT-2026-0001) and
a line in the audit log naming the payer, the date, the late invoices and the amount: the
letter has no table of its own, and `check` finds its numbers there
(services/book/check.py NUMBERED_IN_AUDIT).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from kws_desktop.core.file_names import safe_file_name
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, pgettext
from kws_desktop.services.billing.invoices import customer_address
from kws_desktop.services.billing.receivables import read_open_total, read_overdue
from kws_desktop.services.book import audit
from kws_desktop.services.book.numbering import next_number
from kws_desktop.services.book.print_jobs import PrintJob
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Profile
from kws_desktop.store.models.sales import Customer

AUDIT_ENTITY = "reminder_letter"


def issue_reminder(book: Book, customer_id: int, *, as_of: dt.date | None = None) -> PrintJob:
    """Issue a numbered reminder letter for one payer's instalments late on `as_of` (default
    today) and hand it to the print preview; writing it again prints the same letter and
    number. Refused, with nothing numbered, when nothing is late."""
    from kws_desktop.documents.reminder import ReminderDoc, ReminderLine, write_reminder
    from kws_desktop.services.book.books import _to_profile, read_setting
    as_of = as_of or dt.date.today()
    with book.transaction() as s:
        late = read_overdue(s, as_of, customer_id) if type(customer_id) is int else []
        if not late:
            raise UserError(_("Tidak ada cicilan yang terlambat untuk pembayar ini."))
        cust = s.get(Customer, customer_id)
        salutation, gender = "", ""
        if cust is not None and cust.kind == "household":
            salutation = {"L": _("Bapak"), "P": _("Ibu")}.get(
                cust.gender, pgettext("sebutan di depan nama", "Bapak/Ibu"))
            gender = cust.gender or ""
        name, address = (cust.name, customer_address(cust)) if cust else (late[0].payer_name, "")
        number = next_number(s, "reminder", as_of.year)
        doc = ReminderDoc(
            date=as_of, payer_name=name, payer_address=address, salutation=salutation,
            lines=[ReminderLine(o.invoice_number, o.label, o.due_date, o.open, o.days_late,
                                instalment=o.count > 1) for o in late],
            outstanding_total=read_open_total(s, as_of, customer_id), gender=gender, number=number)
        audit.record(s, book.actor, "issue", AUDIT_ENTITY, customer_id, number=number,
                     date=as_of.isoformat(), payer=name, overdue=doc.overdue_total,
                     invoices=sorted({o.invoice_number for o in late}))
        profile = _to_profile(s.get(Profile, 1))
        paper = read_setting(s, "document_paper")
    return PrintJob(kind="surat", title=_("Surat pengingat {number}").format(number=number),
                    file_name=safe_file_name(f"{number} {name}.pdf"),
                    write=lambda path: write_reminder(doc, path, profile=profile, paper=paper))


def write_reminder_pdf(book: Book, customer_id: int, path, *, as_of: dt.date | None = None) -> Path:
    """Issue a reminder letter (see issue_reminder) and write it to `path`."""
    return Path(issue_reminder(book, customer_id, as_of=as_of).write(path))

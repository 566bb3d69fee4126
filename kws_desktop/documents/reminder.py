"""The reminder letter (surat pengingat pembayaran) for a payer with overdue instalments: the
letter head (Nomor, Lampiran, Perihal, place and date), polite plain words, the late instalments
in a table, how to pay, and whom to ask."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kws_desktop.core.profile import KwsProfile
from kws_desktop.documents.blocks import letter_heading, signature_blocks, with_signatures
from kws_desktop.documents.pdf import build_pdf
from kws_desktop.documents.styles import paragraph, styles
from kws_desktop.documents.table import Column, Row, data_table
from kws_desktop.documents.text import markup
from kws_desktop.i18n import _, format_date, format_rupiah, pgettext, p_

__all__ = ["ReminderLine", "ReminderDoc", "write_reminder"]


@dataclass(frozen=True)
class ReminderLine:
    invoice_number: str
    label: str             # "Cicilan ke-2 dari 4"
    due_date: dt.date
    amount: int            # what is still open of it
    days_late: int
    instalment: bool = False  # part of a plan of several instalments (angsuran), not one bill


@dataclass(frozen=True)
class ReminderDoc:
    date: dt.date
    payer_name: str
    payer_address: str
    salutation: str        # title before the name: "Bapak" / "Ibu" (empty for institutions)
    lines: Sequence[ReminderLine]
    outstanding_total: int  # everything the payer still owes (late or not)
    gender: str = ""       # "L" / "P" for a household head: how the letter says "you"
    number: str = ""       # SPT-2026-0001, from the book's reminder sequence

    @property
    def overdue_total(self) -> int:
        return sum(l.amount for l in self.lines)

    @property
    def subject(self) -> str:
        """Perihal: instalments of a plan are reminded; a bill paid at once is notified."""
        if any(l.instalment for l in self.lines):
            return _("Pengingat pembayaran angsuran")
        return _("Pemberitahuan tagihan")


def form_of_address(gender: str) -> str:
    """The word the letter uses for "you": Bapak / Ibu / Bapak/Ibu (Sir / Madam / Sir/Madam)."""
    if gender == "L":
        return pgettext("sapaan dalam surat (kata ganti Anda)", "Bapak")
    if gender == "P":
        return pgettext("sapaan dalam surat (kata ganti Anda)", "Ibu")
    return pgettext("sapaan dalam surat (kata ganti Anda)", "Bapak/Ibu")


def reminder_story(doc: ReminderDoc, profile: KwsProfile) -> list[Flowable]:
    you = form_of_address(doc.gender)
    st = styles()
    place = f"{profile.place}, {format_date(doc.date)}" if profile.place else format_date(doc.date)
    story: list[Flowable] = [letter_heading([
        (_("Nomor"), doc.number or "-"), (_("Lampiran"), "-"),
        (_("Perihal"), Paragraph(f"<b>{markup(doc.subject)}</b>", st.body))], place)]
    story.append(Spacer(1, 5 * mm))
    story.append(paragraph(_("Kepada Yth.")))
    story.append(Paragraph(f"<b>{markup(f'{doc.salutation} {doc.payer_name}'.strip())}</b>", st.body))
    if doc.payer_address:
        story.append(paragraph(doc.payer_address))
    story.append(paragraph(_("di tempat")))
    story.append(Spacer(1, 4 * mm))
    story.append(paragraph(_("Dengan hormat,")))
    story.append(Spacer(1, 2 * mm))
    story.append(paragraph(_(
        "Terima kasih atas kepercayaan {you} kepada {kws}. Menurut catatan kami, "
        "pembayaran berikut sudah lewat tanggal jatuh tempo dan belum kami terima:").format(
        you=you, kws=profile.name or _("kelompok kami"))))
    story.append(Spacer(1, 3 * mm))
    columns = [Column("invoice", _("Tagihan")), Column("label", _("Cicilan")),
               Column("due", _("Jatuh tempo"), "date"), Column("late", _("Terlambat (hari)"), "int"),
               Column("amount", _("Belum dibayar"), "money")]
    rows = [Row({"invoice": l.invoice_number, "label": l.label, "due": l.due_date, "late": l.days_late,
                 "amount": l.amount}) for l in doc.lines]
    rows.append(Row({"label": p_("baris total", "Jumlah"), "amount": doc.overdue_total}, style="total"))
    story.append(data_table(columns, rows))
    story.append(Spacer(1, 3 * mm))
    text = _("Mohon pembayaran sebesar {amount} dapat dilakukan secepatnya.").format(
        amount=format_rupiah(doc.overdue_total))
    if doc.outstanding_total > doc.overdue_total:
        text += " " + _("Seluruh sisa tagihan {you} saat ini {total}.").format(
            you=you, total=format_rupiah(doc.outstanding_total))
    story.append(paragraph(text))
    story.append(Spacer(1, 2 * mm))
    how = _("Pembayaran dapat diserahkan langsung kepada bendahara kami, {name}, dan akan diberi "
            "kuitansi.").format(name=profile.treasurer_name or _("bendahara"))
    if profile.bank_account:
        how += " " + _("Bisa juga transfer ke {bank} nomor rekening {account} atas nama {holder}.").format(
            bank=profile.bank_name, account=profile.bank_account, holder=profile.bank_holder or profile.name)
    story.append(paragraph(how))
    story.append(Spacer(1, 2 * mm))
    if profile.phone:
        closing = _("Bila pembayaran sudah dilakukan, mohon abaikan surat ini dan tunjukkan kuitansinya "
                    "kepada kami. Bila ada kesulitan, silakan bicarakan dengan kami di {phone}; kita cari "
                    "jalan keluarnya bersama.").format(phone=profile.phone)
    else:
        closing = _("Bila pembayaran sudah dilakukan, mohon abaikan surat ini dan tunjukkan kuitansinya "
                    "kepada kami. Bila ada kesulitan, silakan bicarakan dengan kami; kita cari jalan "
                    "keluarnya bersama.")
    story.append(with_signatures(
        [paragraph(closing), Spacer(1, 2 * mm),
         paragraph(_("Atas perhatian {you}, kami ucapkan terima kasih.").format(you=you))],
        signature_blocks([(_("Bendahara,"), profile.treasurer_name), (_("Ketua KWS,"), profile.leader_name)])))
    return story


def write_reminder(doc: ReminderDoc, path: os.PathLike[str] | str, *, profile: KwsProfile,
                   paper: str = "A4") -> Path:
    return build_pdf(path, reminder_story(doc, profile), profile=profile,
                     title=_("Surat pengingat pembayaran {number} - {name}").format(
                         number=doc.number, name=doc.payer_name),
                     paper=paper if paper in ("A4", "F4") else "A4", single_page_footer=False)

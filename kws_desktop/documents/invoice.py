"""The invoice (tagihan) PDF, mainly for institutional payers: the units/orders it covers, what
each costs, what is paid and what is still due, the instalment schedule, and where to transfer
(the KWS bank account from the profile)."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kws_desktop.core.profile import KwsProfile
from kws_desktop.core.terbilang import capitalize_words, terbilang_rupiah
from kws_desktop.documents.blocks import (key_value_table, money_table, signature_blocks, title_block,
                                          with_signatures)
from kws_desktop.documents.pdf import build_pdf
from kws_desktop.documents.styles import paragraph, styles
from kws_desktop.documents.table import Column, Row, data_table
from kws_desktop.i18n import _, format_date

__all__ = ["InvoiceDocLine", "InvoiceDocInstalment", "InvoiceDocReceipt", "InvoiceDoc", "write_invoice"]


@dataclass(frozen=True)
class InvoiceDocLine:
    order_number: str
    description: str
    amount: int
    paid: int


@dataclass(frozen=True)
class InvoiceDocInstalment:
    label: str
    due_date: dt.date
    amount: int
    paid: int


@dataclass(frozen=True)
class InvoiceDocReceipt:
    """A kuitansi issued on the invoice; a voided one prints BATAL and is not counted as paid."""

    number: str
    date: dt.date
    amount: int
    void: bool = False
    void_reason: str = ""


@dataclass(frozen=True)
class InvoiceDoc:
    number: str
    date: dt.date
    due_date: dt.date
    payer_name: str
    payer_address: str
    payer_label: str          # "BAZNAS", "Swadaya", ...
    total: int
    paid: int
    lines: Sequence[InvoiceDocLine]
    instalments: Sequence[InvoiceDocInstalment] = field(default_factory=tuple)
    receipts: Sequence[InvoiceDocReceipt] = field(default_factory=tuple)
    note: str = ""
    void: bool = False
    void_reason: str = ""
    advance_applied: int = 0  # part of `paid` taken from the payer's earlier uang muka (titipan)

    @property
    def outstanding(self) -> int:
        return 0 if self.void else self.total - self.paid


def invoice_story(doc: InvoiceDoc, profile: KwsProfile) -> list[Flowable]:
    story: list[Flowable] = [*title_block(_("TAGIHAN"), doc.number)]
    head = [(_("Kepada Yth."), doc.payer_name + (f"\n{doc.payer_address}" if doc.payer_address else "")),
            (_("Pembayar"), doc.payer_label),
            (_("Tanggal tagihan"), format_date(doc.date)),
            (_("Jatuh tempo"), format_date(doc.due_date))]
    if doc.void:
        head.append((_("Keterangan"), _("Tagihan ini DIBATALKAN: {reason}").format(reason=doc.void_reason)))
    story.append(key_value_table(head))
    story.append(Spacer(1, 4 * mm))
    columns = [Column("no", _("No."), "int"), Column("order", _("Pesanan")),
               Column("desc", _("Uraian")), Column("amount", _("Jumlah"), "money"),
               Column("paid", _("Dibayar"), "money"), Column("open", _("Sisa"), "money")]
    rows = [Row({"no": n, "order": l.order_number or "-", "desc": l.description, "amount": l.amount,
                 "paid": l.paid, "open": l.amount - l.paid}) for n, l in enumerate(doc.lines, 1)]
    rows.append(Row({"desc": _("Jumlah ({n} unit)").format(n=len(doc.lines)), "amount": doc.total,
                     "paid": doc.paid, "open": doc.outstanding}, style="total"))
    story.append(data_table(columns, rows))
    story.append(Spacer(1, 3 * mm))
    paid_rows = [(_("Sudah dibayar"), doc.paid - doc.advance_applied)]
    if doc.advance_applied:
        paid_rows.insert(0, (_("Dipotong uang muka"), doc.advance_applied))
    sections: list[list[Flowable]] = [[money_table([(_("Total tagihan"), doc.total), *paid_rows],
                                                   total=(_("Sisa yang harus dibayar"), doc.outstanding),
                                                   width=95 * mm)]]
    if doc.outstanding > 0:
        sections[0] += [Spacer(1, 2 * mm), paragraph(_("Terbilang: {words}").format(
            words=capitalize_words(terbilang_rupiah(doc.outstanding))), "small")]
    if len(doc.instalments) > 1:
        icol = [Column("label", _("Cicilan")), Column("due", _("Jatuh tempo"), "date"),
                Column("amount", _("Jumlah"), "money"), Column("paid", _("Dibayar"), "money"),
                Column("open", _("Sisa"), "money")]
        sections.append([paragraph(_("Jadwal pembayaran"), "heading"),
                         data_table(icol, [Row({"label": i.label, "due": i.due_date, "amount": i.amount,
                                                "paid": i.paid, "open": i.amount - i.paid})
                                           for i in doc.instalments])])
    if doc.outstanding > 0 and (profile.bank_name or profile.bank_account):
        sections.append([paragraph(_("Pembayaran melalui transfer ke"), "heading"),
                         key_value_table([(_("Bank"), profile.bank_name),
                                          (_("Nomor rekening"), profile.bank_account),
                                          (_("Atas nama"), profile.bank_holder or profile.name)]),
                         paragraph(_("Mohon cantumkan nomor tagihan {number} pada berita transfer.")
                                   .format(number=doc.number), "small")])
    if doc.receipts:
        sections.append(_receipts_block(doc.receipts))
    if doc.note:  # on its own, so it never reads as a note on the receipts or the bank above it
        sections.append([Spacer(1, 2 * mm), paragraph(_("Catatan: {note}").format(note=doc.note), "small")])
    for section in sections[:-1]:
        story.extend(section)
    place = f"{profile.place}, {format_date(doc.date)}" if profile.place else format_date(doc.date)
    story.append(with_signatures(sections[-1], signature_blocks(
        [(_("Bendahara,"), profile.treasurer_name), (_("Ketua KWS,"), profile.leader_name)],
        place_date=place)))
    return story


def _receipts_block(receipts: Sequence[InvoiceDocReceipt]) -> list[Flowable]:
    """The kuitansi issued on the invoice, each with its status: a voided one says BATAL and why,
    and its money is not in "Sudah dibayar" above."""
    columns = [Column("number", _("Nomor kuitansi")), Column("date", _("Tanggal"), "date"),
               Column("amount", _("Jumlah"), "money"), Column("status", _("Keterangan"))]
    rows = [Row({"number": r.number, "date": r.date, "amount": r.amount,
                 "status": (_("BATAL: {reason}").format(reason=r.void_reason) if r.void_reason else _("BATAL"))
                 if r.void else _("Sah")}) for r in receipts]
    flows: list[Flowable] = [paragraph(_("Kuitansi untuk tagihan ini"), "heading"), data_table(columns, rows)]
    if any(r.void for r in receipts):
        flows.append(paragraph(_("Kuitansi BATAL tidak dihitung sebagai pembayaran."), "small"))
    return flows


def write_invoice(doc: InvoiceDoc, path: os.PathLike[str] | str, *, profile: KwsProfile,
                  paper: str = "A4") -> Path:
    styles()
    return build_pdf(path, invoice_story(doc, profile), profile=profile,
                     title=_("Tagihan {number}").format(number=doc.number),
                     paper=paper if paper in ("A4", "F4") else "A4",
                     watermark=_("BATAL") if doc.void else None)

"""Papers a member takes home: the wage slip (slip upah) and the member income slip.

Plain data in (the dataclasses below), a PDF out. A5 portrait, one slip per page, each with
the KWS letterhead, so a payout for eight members prints eight slips to cut or hand out.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from kws_desktop.core.status import DocStatus
from kws_desktop.core.profile import KwsProfile
from kws_desktop.core.terbilang import sentence_case, terbilang_rupiah
from kws_desktop.documents.blocks import (key_value_table, money_table, signature_blocks, title_block,
                                          with_signatures)
from kws_desktop.documents.letterhead import letterhead
from kws_desktop.documents.pdf import PaperStart, build_pdf, content_width
from kws_desktop.documents.styles import paragraph
from kws_desktop.documents.table import Column, Row, data_table
from kws_desktop.documents.tabular import default_place_date
from kws_desktop.i18n import _, format_date, format_month, format_rupiah, p_

PAPER = "A5"


class WageSlipJob(Protocol):
    """One job on a wage slip (services.people.wages.JobWage is one)."""

    work_date: dt.date
    order_number: str
    customer: str
    days: Decimal
    daily_wage: int
    amount: int


@dataclass(frozen=True)
class WageSlip:
    number: str
    date: dt.date
    status: str
    method: str                 # already in words ("Tunai (kas)")
    member_name: str
    member_role: str            # already in words ("Tukang")
    jobs: tuple[WageSlipJob, ...]
    wages: int
    profit_share: int
    advance_given: int
    advance_deducted: int
    net: int
    wages_owed_after: int
    profit_share_owed_after: int
    advances_after: int
    void_reason: str = ""


@dataclass(frozen=True)
class IncomeSlipLine:
    date: dt.date
    text: str
    earned: int = 0      # wages or profit share earned (adds to what the group owes)
    received: int = 0    # money handed over (wages, profit share, kasbon)
    deducted: int = 0    # kasbon taken back out of pay


@dataclass(frozen=True)
class MemberIncomeSlip:
    member_name: str
    member_role: str
    gender: str             # in words
    joined_on: dt.date
    left_on: dt.date | None
    start: dt.date
    end: dt.date
    days: Decimal
    jobs: int
    wages_earned: int
    profit_share: int
    advances_taken: int
    advances_deducted: int
    received: int           # wages_paid + share_paid + advances_taken - advances_deducted
    opening_owed: int       # wages + profit share owed minus kasbon, at the start
    closing_wages_owed: int
    closing_share_owed: int
    closing_advances: int
    capital: int
    lines: tuple[IncomeSlipLine, ...] = field(default_factory=tuple)
    wages_paid: int = 0     # wages handed over in the period (earned then or earlier)
    share_paid: int = 0     # profit share (SHU) handed over in the period, of any earlier sharing
    capital_returned: int = 0  # simpanan paid back to the member in the period


def _job_table(jobs: Sequence[WageSlipJob]) -> Flowable:
    columns = [Column("date", _("Tanggal"), "date"), Column("order", _("Pekerjaan")),
               Column("days", _("Hari"), "qty"), Column("wage", _("Upah/hari"), "money"),
               Column("amount", _("Jumlah"), "money")]
    rows = [Row({"date": j.work_date, "order": f"{j.order_number} {j.customer}".strip(),
                 "days": j.days, "wage": j.daily_wage, "amount": j.amount}) for j in jobs]
    rows.append(Row({"order": p_("baris total", "Jumlah"), "days": sum((j.days for j in jobs), Decimal(0)),
                     "amount": sum(j.amount for j in jobs)}, style="total"))
    return data_table(columns, rows)


def slip_title(slip: WageSlip) -> str:
    """Profit shares (SHU) are not wages: a slip says which of the two it pays."""
    if slip.profit_share and not slip.wages and not slip.advance_given:
        return _("BUKTI PEMBAYARAN BAGI HASIL (SHU)")
    if slip.profit_share:
        return _("SLIP UPAH DAN BAGI HASIL ANGGOTA")
    return _("SLIP UPAH ANGGOTA")


def _wage_slip_story(slip: WageSlip, profile: KwsProfile, width: float) -> list[Flowable]:
    story: list[Flowable] = [*letterhead(profile, width, compact=True)]
    story += title_block(slip_title(slip), slip.number)
    story.append(key_value_table([
        (_("Nama"), slip.member_name),
        (_("Jabatan"), slip.member_role),
        (_("Tanggal bayar"), format_date(slip.date)),
        (_("Cara bayar"), slip.method),
    ]))
    story.append(Spacer(1, 3 * mm))
    if slip.jobs:
        story.append(paragraph(_("Pekerjaan sejak pembayaran sebelumnya:"), "small"))
        story.append(Spacer(1, 1 * mm))
        story.append(_job_table(slip.jobs))
        story.append(Spacer(1, 3 * mm))
    rows: list[tuple[str, int]] = []
    if slip.wages:
        rows.append((_("Upah dibayar"), slip.wages))
    if slip.profit_share:
        rows.append((_("Bagi hasil (SHU) dibayar"), slip.profit_share))
    if slip.advance_given:
        rows.append((_("Kasbon baru (dipotong dari upah berikutnya)"), slip.advance_given))
    if slip.advance_deducted:
        rows.append((_("Potongan kasbon"), -slip.advance_deducted))
    story.append(money_table(rows, total=(_("Diterima bersih"), slip.net)))
    story.append(Spacer(1, 1.5 * mm))
    story.append(paragraph(_("Terbilang: {words}").format(words=sentence_case(terbilang_rupiah(slip.net))),
                           "small"))
    story.append(Spacer(1, 2.5 * mm))
    after = [(_("Upah yang belum dibayar"), format_rupiah(slip.wages_owed_after))]
    if slip.profit_share_owed_after:
        after.append((_("Bagi hasil yang belum dibayar"), format_rupiah(slip.profit_share_owed_after)))
    after.append((_("Sisa kasbon"), format_rupiah(slip.advances_after)))
    last: list[Flowable] = [paragraph(_("Sesudah pembayaran ini:"), "small"), key_value_table(after)]
    if slip.status == DocStatus.VOID:
        last += [Spacer(1, 2 * mm),
                 paragraph(_("DIBATALKAN: {reason}").format(reason=slip.void_reason), bold=True)]
    story.append(with_signatures(last, signature_blocks(
        [(_("Yang menyerahkan,\nBendahara"), profile.treasurer_name), (_("Yang menerima,"), slip.member_name)],
        place_date=default_place_date(profile, slip.date), sign_space=15 * mm)))
    return story


def write_wage_slips(path: os.PathLike[str] | str, slips: Sequence[WageSlip], *,
                     profile: KwsProfile) -> Path:
    """One A5 page per member of the payout (a page may run over if a member worked many jobs)."""
    width = content_width(PAPER)
    story: list[Flowable] = []
    for i, slip in enumerate(slips):
        if i:
            story += [PageBreak(), PaperStart()]  # each member's slip numbers its own pages
        story += _wage_slip_story(slip, profile, width)
    void = bool(slips) and all(s.status == DocStatus.VOID for s in slips)
    title = f"{slip_title(slips[0])} {slips[0].number}" if slips else _("Slip Upah")
    return build_pdf(path, story, profile=profile, title=title, paper=PAPER, letterhead=False,
                     watermark=_("BATAL") if void else None)


def _heading(text: str) -> Flowable:
    """A section heading that stays on the page of what it heads."""
    from reportlab.lib.styles import ParagraphStyle
    from kws_desktop.documents.styles import styles
    return paragraph(text, ParagraphStyle("kws-heading-keep", parent=styles().heading, keepWithNext=1))


def monthly_lines(lines: Sequence[IncomeSlipLine]) -> list[tuple[dt.date, int, int, int]]:
    """(first day of the month, earned, received, kasbon deducted) per month with any line."""
    months: dict[dt.date, list[int]] = {}
    for ln in lines:
        total = months.setdefault(ln.date.replace(day=1), [0, 0, 0])
        total[0] += ln.earned
        total[1] += ln.received
        total[2] += ln.deducted
    return [(month, *months[month]) for month in sorted(months)]


def write_member_income_slip(path: os.PathLike[str] | str, slip: MemberIncomeSlip, *,
                             profile: KwsProfile) -> Path:
    """The member's income for a period: what they earned, received, and what is still owed,
    with one line per month (the wage slips hold the detail of each job)."""
    width = content_width(PAPER)
    story: list[Flowable] = [*letterhead(profile, width, compact=True)]
    story += title_block(_("PENGHASILAN ANGGOTA"), subtitle=_("Periode {start} s.d. {end}").format(
        start=format_date(slip.start), end=format_date(slip.end)))
    info = [(_("Nama"), slip.member_name), (_("Jabatan"), slip.member_role),
            (_("Jenis kelamin"), slip.gender), (_("Anggota sejak"), format_date(slip.joined_on))]
    if slip.left_on:
        info.append((_("Keluar"), format_date(slip.left_on)))
    info.append((_("Hari kerja"), _("{days} hari di {jobs} pekerjaan").format(
        days=_qty(slip.days), jobs=slip.jobs)))
    story.append(key_value_table(info))
    story.append(Spacer(1, 2 * mm))
    story.append(_heading(_("Hak dan uang diterima dalam periode ini")))
    columns = [Column("text", ""), Column("earned", _("Hak (penghasilan)"), "money"),
               Column("received", _("Diterima"), "money")]
    rows = [Row({"text": _("Upah"), "earned": slip.wages_earned, "received": slip.wages_paid}),
            Row({"text": _("Bagi hasil (SHU)"), "earned": slip.profit_share, "received": slip.share_paid}),
            Row({"text": _("Kasbon diambil"), "received": slip.advances_taken}),
            Row({"text": _("Kasbon dipotong"), "received": -slip.advances_deducted}),
            Row({"text": p_("baris total", "Jumlah"), "earned": slip.wages_earned + slip.profit_share,
                 "received": slip.received}, style="total")]
    story.append(data_table(columns, rows))
    story.append(Spacer(1, 1 * mm))
    story.append(paragraph(_("Diterima: uang yang diserahkan dalam periode, juga untuk hak dari "
                             "periode sebelumnya."), "small"))
    story.append(Spacer(1, 1.5 * mm))
    standing: list[Flowable] = [
        _heading(_("Keadaan pada {date}").format(date=format_date(slip.end))),
        money_table([(_("Upah yang belum dibayar"), slip.closing_wages_owed),
                     (_("Bagi hasil yang belum dibayar"), slip.closing_share_owed),
                     (_("Sisa kasbon"), -slip.closing_advances)],
                    total=(_("Masih akan diterima"),
                           slip.closing_wages_owed + slip.closing_share_owed - slip.closing_advances))]
    if slip.capital_returned:
        standing += [Spacer(1, 1 * mm), paragraph(_(
            "Simpanan dikembalikan dalam periode ini: {returned}. Simpanan di kelompok: "
            "{amount}").format(returned=format_rupiah(slip.capital_returned),
                               amount=format_rupiah(slip.capital)), "small")]
    elif slip.capital:
        standing += [Spacer(1, 1 * mm), paragraph(_("Simpanan di kelompok: {amount}").format(
            amount=format_rupiah(slip.capital)), "small")]
    last = standing
    months = monthly_lines(slip.lines)
    if len(months) > 1:  # one month would repeat the table above
        story += standing
        columns = [Column("month", _("Bulan")), Column("earned", _("Penghasilan"), "money"),
                   Column("received", _("Diterima"), "money"),
                   Column("deducted", _("Potong kasbon"), "money")]
        rows = [Row({"month": format_month(month), "earned": earned or None,
                     "received": received or None, "deducted": deducted or None})
                for month, earned, received, deducted in months]
        rows.append(Row({"month": p_("baris total", "Jumlah"), "earned": sum(m[1] for m in months),
                         "received": sum(m[2] for m in months),
                         "deducted": sum(m[3] for m in months)}, style="total"))
        last = [Spacer(1, 2 * mm), _heading(_("Rincian per bulan")), data_table(columns, rows)]
    story.append(with_signatures(last, signature_blocks(
        [(_("Bendahara,"), profile.treasurer_name), (_("Anggota,"), slip.member_name)],
        place_date=default_place_date(profile), sign_space=10 * mm)))
    return build_pdf(path, story, profile=profile,
                     title=_("Penghasilan Anggota: {name}").format(name=slip.member_name),
                     paper=PAPER, letterhead=False)


def _qty(value: Decimal) -> str:
    from kws_desktop.i18n import format_quantity
    return format_quantity(value)

"""Surat Penawaran Harga (SPH): the price letter with its RAB, as a household signs it.

Takes plain data (the quote as read by services.quotes, the KWS profile) and writes a PDF.
Cost, overhead and margin are never printed: households see selling prices only.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, Paragraph, Spacer,
                                Table, TableStyle)

from kws_desktop.core.profile import KwsProfile
from kws_desktop.core.rab import KIND_LABELS, KIND_ORDER, ComponentKind
from kws_desktop.core.terbilang import sentence_case, terbilang_rupiah
from kws_desktop.documents.blocks import key_value_table, letter_heading, signature_blocks, title_block
from kws_desktop.documents.flow import FullWidth
from kws_desktop.documents.fonts import register_fonts
from kws_desktop.documents.pdf import build_pdf
from kws_desktop.documents.styles import LINE, SHADE_LIGHT, paragraph, styles
from kws_desktop.documents.table import Column, Row, data_table
from kws_desktop.documents.text import markup
from kws_desktop.i18n import N_, _, format_date, format_quantity, format_rupiah, p_

__all__ = ["write_quote_pdf", "quote_story", "WATERMARKS"]

# Quotes that must not be mistaken for a live offer carry a mark across the page.
# Marked with N_ for the catalog; translated with _() where drawn (write_quote_pdf).
WATERMARKS = {"draft": N_("DRAF"), "superseded": N_("DIGANTI REVISI"), "rejected": N_("DITOLAK"),
              "expired": N_("KEDALUWARSA")}
DRAFT = "draft"  # not sent yet: not an offer the household can accept

# Title prefixes a user may have typed, in either language (stripped whatever the current one).
_TITLE_PREFIXES = ("penawaran harga ", "penawaran ", "price quote for ", "quote for ")


def _letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _rab_rows(items: Sequence, itemised: bool) -> list[Row]:
    rows: list[Row] = []
    for n, item in enumerate(items, start=1):
        letter = _letters(n)
        comps = list(item.components)
        if item.package_id is None or not comps:
            rows.append(Row({"no": letter, "uraian": item.description, "vol": item.qty, "sat": item.unit,
                             "harga": item.unit_price, "jumlah": item.amount}))
            continue
        qty_text = f"{format_quantity(item.qty)} {item.unit}"
        rows.append(Row({"no": letter, "uraian": f"{item.description} ({qty_text})"}, style="heading"))
        if itemised:
            for m, c in enumerate(comps, start=1):
                rows.append(Row({"no": str(m), "uraian": c.description, "vol": c.qty, "sat": c.unit,
                                 "harga": c.unit_price, "jumlah": c.amount}))
        else:
            m = 0
            for kind in KIND_ORDER:
                amount = sum(c.amount for c in comps if c.kind == kind)
                if amount:
                    m += 1
                    rows.append(Row({"no": str(m), "uraian": _(KIND_LABELS[ComponentKind(kind)]),
                                     "jumlah": amount}))
        if item.qty == 1:
            if len(items) == 1:
                continue  # the total right below says it
            rows.append(Row({"uraian": _("Jumlah {letter}").format(letter=letter), "jumlah": item.amount},
                            style="subtotal"))
        else:
            rows.append(Row({"uraian": _("Harga per {unit}").format(unit=item.unit), "jumlah": item.unit_price},
                            style="subtotal"))
            rows.append(Row({"uraian": _("Jumlah {letter}: {qty} x {price}").format(
                letter=letter, qty=qty_text, price=format_rupiah(item.unit_price)), "jumlah": item.amount},
                style="subtotal"))
    return rows


def _total_rows(totals) -> list[Row]:
    rows = []
    if totals.discount:
        rows.append(Row({"uraian": _("Jumlah seluruh pekerjaan"), "jumlah": totals.subtotal}, style="subtotal"))
        rows.append(Row({"uraian": _("Potongan harga"), "jumlah": -totals.discount}, style="subtotal"))
    rows.append(Row({"uraian": _("TOTAL HARGA PENAWARAN"), "jumlah": totals.total}, style="total"))
    return rows


def _rab_table(items: Sequence, totals, itemised: bool) -> Flowable:
    columns = [Column("no", _("No"), "date"), Column("uraian", _("Uraian pekerjaan")),
               Column("vol", _("Volume"), "qty"), Column("sat", _("Satuan"), "date"),
               Column("harga", _("Harga satuan (Rp)"), "money"), Column("jumlah", _("Jumlah (Rp)"), "money")]
    return data_table(columns, _rab_rows(items, itemised) + _total_rows(totals))


def _work_name(title: str) -> str:
    """"Penawaran harga pembangunan jamban" -> "Pembangunan jamban" (the work, not the letter)."""
    text = (title or "").strip()
    for prefix in _TITLE_PREFIXES:
        if text.lower().startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
            break
    return (text[:1].upper() + text[1:]) if text else _("Pekerjaan sanitasi")


def _summary_table(items: Sequence, totals) -> Flowable:
    """The letter's own short table: one line per item, then the total."""
    columns = [Column("no", _("No"), "date"), Column("uraian", _("Uraian pekerjaan")),
               Column("vol", _("Volume"), "qty"), Column("sat", _("Satuan"), "date"),
               Column("harga", _("Harga satuan (Rp)"), "money"), Column("jumlah", _("Jumlah (Rp)"), "money")]
    rows = [Row({"no": str(n), "uraian": i.description, "vol": i.qty, "sat": i.unit, "harga": i.unit_price,
                 "jumlah": i.amount}) for n, i in enumerate(items, start=1)]
    return data_table(columns, rows + _total_rows(totals))


def _terbilang_box(total: int) -> Flowable:
    st = styles()
    register_fonts(italic=True)
    words = sentence_case(terbilang_rupiah(total))
    text = Paragraph(f"<b>{markup(_('Terbilang:'))}</b> <i>{markup(words)}</i>", st.body)

    def build(width: float) -> Table:
        t = Table([[text]], colWidths=[width])
        t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
                               ("BOX", (0, 0), (-1, -1), 0.6, LINE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        return t

    return FullWidth(build)


def _instalment_text(payer) -> str:
    if not payer.instalments or payer.instalments <= 1:
        return ""
    amounts = payer.instalment_amounts
    first, last = amounts[0], amounts[-1]
    if first == last:
        return _("dicicil {n} kali, masing-masing {amount}").format(n=payer.instalments,
                                                                    amount=format_rupiah(first))
    return _("dicicil {n} kali: {k} x {amount} dan 1 x {last}").format(
        n=payer.instalments, k=payer.instalments - 1, amount=format_rupiah(first), last=format_rupiah(last))


def _funding_table(payers: Sequence, total: int) -> Flowable:
    rows = []
    for n, p in enumerate(payers, start=1):
        source = p.label if p.payer_type != "swadaya" else _("Swadaya (rumah tangga)")
        if p.payer_name:
            source = p.payer_name if p.label.lower() in p.payer_name.lower() else f"{p.payer_name} ({p.label})"
        notes = [t for t in (_instalment_text(p), p.note) if t]
        rows.append(Row({"no": str(n), "sumber": source, "ket": "; ".join(notes), "jumlah": p.amount}))
    rows.append(Row({"sumber": p_("baris total", "Jumlah"), "jumlah": total}, style="total"))
    columns = [Column("no", _("No"), "date"), Column("sumber", _("Sumber dana"))]
    if any(r.cells["ket"] for r in rows[:-1]):
        columns.append(Column("ket", _("Keterangan")))
    columns.append(Column("jumlah", _("Jumlah (Rp)"), "money"))
    return data_table(columns, rows)


def _heading_block(quote, place_date: str) -> Flowable:
    st = styles()
    attachment = _("1 (satu) berkas rincian anggaran biaya (RAB)")
    about = quote.title or _("Penawaran harga pekerjaan sanitasi")
    number: object = quote.number
    if quote.status == DRAFT:
        number = Paragraph(markup(quote.number) + " &nbsp;<b>" + markup(_("DRAF")) + "</b> " + markup(
            _("(belum berlaku sebagai penawaran)")), st.body)
    return letter_heading([(_("Nomor"), number), (_("Lampiran"), attachment),
                           (_("Perihal"), Paragraph(f"<b>{markup(about)}</b>", st.body))], place_date)


def _addressee(customer) -> list[Flowable]:
    st = styles()
    lines = [_("Kepada Yth.")]
    name = f"{customer.salutation} {customer.name}".strip()
    flows: list[Flowable] = [paragraph(lines[0])]
    flows.append(Paragraph(f"<b>{markup(name)}</b>", st.body))
    if customer.kind != "household" and customer.contact_person:
        flows.append(paragraph(_("u.p. {name}").format(name=customer.contact_person)))
    for line in customer.address_lines:
        flows.append(paragraph(line))
    flows.append(paragraph(_("di tempat")))
    return flows


def quote_story(quote, profile: KwsProfile, *, itemised: bool = True) -> list[Flowable]:
    """The flowables of the letter (after the letterhead)."""
    st = styles()
    place = profile.place
    date_text = format_date(quote.date)
    place_date = f"{place}, {date_text}" if place else date_text
    story: list[Flowable] = [_heading_block(quote, place_date), Spacer(1, 2 * mm)]
    if quote.previous_number:
        story.append(paragraph(_("Revisi ke-{version}, menggantikan penawaran nomor {number}.").format(
            version=quote.version - 1, number=quote.previous_number), "small"))
    story.append(Spacer(1, 3 * mm))
    story.extend(_addressee(quote.customer))
    story.append(Spacer(1, 3 * mm))
    story.append(paragraph(_("Dengan hormat,")))
    story.append(Spacer(1, 1.5 * mm))
    who = profile.name or _("kelompok kami")
    site = quote.site_address or ", ".join(quote.customer.address_lines[:2])
    if site:
        intro = _("Bersama surat ini {kws} menyampaikan penawaran harga pekerjaan sanitasi di lokasi "
                  "{site} sebagai berikut (rincian anggaran biaya terlampir):").format(kws=who, site=site)
    else:
        intro = _("Bersama surat ini {kws} menyampaikan penawaran harga pekerjaan sanitasi sebagai "
                  "berikut (rincian anggaran biaya terlampir):").format(kws=who)
    story.append(paragraph(intro))
    story.append(Spacer(1, 2 * mm))
    story.append(_summary_table(quote.items, quote.totals))
    story.append(Spacer(1, 2.5 * mm))
    story.append(_terbilang_box(quote.totals.total))
    if quote.payers:
        story.append(KeepTogether([
            paragraph(_("Rencana pembayaran"), "heading"),
            _funding_table(quote.payers, quote.totals.total)]))
    terms = [_("Penawaran ini berlaku sampai dengan {date}.").format(date=format_date(quote.valid_until))]
    terms += quote.terms_lines
    term_style = ParagraphStyle("kws-quote-terms", parent=st.body, fontSize=9, leading=11.5)
    items = [ListItem(paragraph(t, term_style), leftIndent=12, value=i) for i, t in enumerate(terms, start=1)]
    story.append(KeepTogether([
        paragraph(_("Ketentuan"), "heading"),
        ListFlowable(items, bulletType="1", bulletFormat="%s.", leftIndent=12, bulletFontName=st.body.fontName,
                     bulletFontSize=9)]))
    closing = _("Demikian penawaran ini kami sampaikan. Bila setuju, mohon ditandatangani. Terima kasih.")
    customer = quote.customer
    agree_role = _("Menyetujui,\nPemilik rumah") if customer.kind == "household" else _("Menyetujui,\nPemberi dana")
    kws_role = _("Hormat kami,\nKetua {kws}").format(kws=profile.name) if profile.name else _("Hormat kami,\nKetua KWS")
    agree_name = customer.name if customer.kind == "household" else (customer.contact_person or "")
    signatures = signature_blocks([(agree_role, agree_name), (kws_role, profile.leader_name)],
                                  sign_space=16 * mm)
    signatures.spaceBefore = 3 * mm
    story.append(KeepTogether([Spacer(1, 2 * mm), paragraph(closing), signatures]))
    # the attachment: the RAB itself
    story.append(PageBreak())
    rab_title = _("RINCIAN ANGGARAN BIAYA (RAB)")
    if quote.status == DRAFT:
        rab_title = _("{title} - DRAF").format(title=rab_title)
    story.extend(title_block(rab_title, subtitle=_(
        "Lampiran surat penawaran nomor {number} tanggal {date}").format(number=quote.number, date=date_text)))
    name = f"{customer.salutation} {customer.name}".strip()
    story.append(key_value_table([(_("Pelanggan"), name), (_("Lokasi"), site or "-"),
                                  (_("Pekerjaan"), _work_name(quote.title))]))
    story.append(Spacer(1, 3 * mm))
    story.append(_rab_table(quote.items, quote.totals, itemised))
    story.append(Spacer(1, 2.5 * mm))
    story.append(_terbilang_box(quote.totals.total))
    story.append(Spacer(1, 2 * mm))
    story.append(paragraph(_("Harga satuan sudah termasuk biaya umum dan jasa pelaksana."), "small"))
    return story


def write_quote_pdf(quote, path: os.PathLike[str] | str, *, profile: KwsProfile, itemised: bool = True,
                    paper: str = "A4") -> Path:
    """Write the Surat Penawaran Harga for ``quote`` (services.quotes.QuoteDetail) to ``path``.

    ``itemised`` prints every RAB line (False: one line per section: materials, labour,
    transport, equipment); ``paper`` is "A4" or "F4". Raises DocumentWriteError if the file
    cannot be written."""
    title = _("Surat Penawaran Harga {number}").format(number=quote.number)
    mark = WATERMARKS.get(quote.status)
    return build_pdf(path, quote_story(quote, profile, itemised=itemised), profile=profile, title=title,
                     paper=paper, watermark=_(mark) if mark else None)


def default_filename(quote) -> str:
    from kws_desktop.core.file_names import safe_file_name
    return safe_file_name(f"{quote.number}.pdf")

"""Laporan Program: the units (orders) of a period by desa and kecamatan, by package, by payer
and by stage, with household-head gender and MBR counts. What districts and programs ask for.

Units are orders dated in the period that are not cancelled; one order is one unit. A unit
paid by several payers counts once under each of them (the payer rows show each payer's share).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, select

from kws_desktop.core.job_costing import STAGE_LABELS, STAGE_LINE, Stage
from kws_desktop.core.payers import PAYER_LABELS
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _
from kws_desktop.services.jobs.unit_counts import units_built, units_handed_over
from kws_desktop.services.reports import period_text, register_report, resolve_period
from kws_desktop.store.book import Book
from kws_desktop.store.models.sales import Customer
from kws_desktop.store.models.jobs import Order, OrderPayer


def _counts():
    return (func.count(Order.id),
            func.sum(case((Customer.gender == "L", 1), else_=0)),
            func.sum(case((Customer.gender == "P", 1), else_=0)),
            func.sum(case((Customer.is_mbr.is_(True), 1), else_=0)))


def _row(label: str, n, male, female, mbr, value, style: str = "normal", indent: int = 0) -> Row:
    return Row({"uraian": label, "unit": int(n or 0), "l": int(male or 0), "p": int(female or 0),
                "mbr": int(mbr or 0), "nilai": int(value or 0)}, style, indent)


def build_program(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    period = resolve_period(start, end)
    base = (Order.status != Stage.BATAL, Order.date >= period.start, Order.date <= period.end)
    rows: list[Row] = []
    with book.reading() as s:
        def grouped(*keys, value=func.sum(Order.price), join_payers=False):
            q = select(*keys, *_counts(), value).select_from(Order).join(
                Customer, Customer.id == Order.customer_id)
            if join_payers:
                q = q.join(OrderPayer, OrderPayer.order_id == Order.id)
            return s.execute(q.where(*base).group_by(*keys).order_by(*keys)).all()

        total = s.execute(select(*_counts(), func.sum(Order.price)).select_from(Order)
                          .join(Customer, Customer.id == Order.customer_id).where(*base)).one()
        places = grouped(Order.kecamatan, Order.desa)
        packages = grouped(Order.package)
        payers = dict((p, r) for p, *r in grouped(OrderPayer.payer_type, value=func.sum(OrderPayer.amount),
                                                  join_payers=True))
        stages = {st: r for st, *r in grouped(Order.status)}
        built = units_built(s, period.start, period.end)
        handed = units_handed_over(s, period.start, period.end)

    rows.append(Row({"uraian": _("MENURUT KECAMATAN DAN DESA")}, "heading"))
    current = None
    sub = None
    for kec, desa, *figures in places:
        if kec != current:
            if sub is not None:
                rows.append(sub)
            current = kec
            kec_rows = [f for k, _d, *f in places if k == kec]
            sums = [sum(int(f[i] or 0) for f in kec_rows) for i in range(5)]
            rows.append(Row({"uraian": _("Kecamatan {name}").format(name=kec or "-")}, "heading", 1))
            sub = _row(_("Jumlah Kecamatan {name}").format(name=kec or "-"), *sums, style="subtotal",
                       indent=1)
        rows.append(_row(desa or _("(desa belum diisi)"), *figures, indent=2))
    if sub is not None:
        rows.append(sub)
    rows.append(Row({"uraian": _("MENURUT PAKET PEKERJAAN")}, "heading"))
    rows += [_row(pkg or _("(tanpa paket)"), *f, indent=1) for pkg, *f in packages]
    rows.append(Row({"uraian": _("MENURUT SUMBER DANA")}, "heading"))
    for payer, label in PAYER_LABELS.items():
        if payer.value in payers:
            rows.append(_row(label, *payers[payer.value], indent=1))
    for payer, figures in payers.items():
        if payer not in {p.value for p in PAYER_LABELS}:
            rows.append(_row(payer, *figures, indent=1))
    rows.append(Row({"uraian": _("MENURUT TAHAP PEKERJAAN HARI INI")}, "heading"))
    for stage in STAGE_LINE:
        rows.append(_row(_(STAGE_LABELS[stage]), *(stages.get(stage.value) or (0, 0, 0, 0, 0)), indent=1))
    rows.append(_row(_("JUMLAH UNIT"), *total, style="total"))
    rows.append(Row({"uraian": _("DIKERJAKAN DALAM PERIODE (SEPERTI LAPORAN KINERJA)")}, "heading"))
    rows.append(Row({"uraian": _("Selesai dibangun (tanggal selesai dalam periode)"),
                     "unit": built}, indent=1))
    rows.append(Row({"uraian": _("Diserahterimakan (tanggal serah terima dalam periode)"),
                     "unit": handed}, indent=1))
    cols = [Column("uraian", _("Uraian")), Column("unit", _("Unit"), "int"),
            Column("l", _("KK laki-laki"), "int"), Column("p", _("KK perempuan"), "int"),
            Column("mbr", _("MBR"), "int"), Column("nilai", _("Nilai (Rp)"), "money")]
    notes = [_("Unit: pesanan yang bertanggal dalam periode dan tidak batal, dengan tahapnya hari "
               "ini. KK: kepala keluarga. MBR: masyarakat berpenghasilan rendah."),
             _("Dikerjakan dalam periode: semua pesanan yang selesai atau diserahterimakan dalam "
               "periode, juga yang dipesan sebelumnya; angka ini sama dengan Laporan Kinerja."),
             _("Menurut sumber dana: satu unit yang dibiayai beberapa pihak dihitung pada setiap "
               "pihak; nilai adalah bagian masing-masing pihak.")]
    if not int(total[0] or 0):
        notes.insert(0, _("Tidak ada pesanan pada periode ini."))
    return TabularReport(title=_("Laporan Program Sanitasi"), subtitle=period_text(period),
                         columns=cols, rows=rows, notes=notes)


register_report("program", N_("Laporan Program Sanitasi"), build_program,
                order=80)

"""`report materials`: per material for a period: stock at the start, bought, used, counted
differences, stock at the end, in quantity and value (moving average cost)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select

from kws_desktop.core.status import DocStatus
from kws_desktop.core.money import milli_to_quantity
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, p_
from kws_desktop.services.reports import period_text, register_report, resolve_period
from kws_desktop.store.book import Book
from kws_desktop.store.models.purchasing import Material, Purchase, PurchaseLine, StockMove


@dataclass(frozen=True)
class MaterialFlow:
    material_id: int
    name: str
    unit: str
    category: str
    opening_qty: Decimal
    opening_value: int
    bought_qty: Decimal
    bought_value: int
    used_qty: Decimal
    used_value: int
    diff_qty: Decimal
    diff_value: int
    closing_qty: Decimal
    closing_value: int

    @property
    def empty(self) -> bool:
        return not any((self.opening_qty, self.opening_value, self.bought_qty, self.used_qty, self.diff_qty,
                        self.closing_qty, self.closing_value))


def _q(value) -> Decimal:
    """A summed quantity: SQLAlchemy hands back a Decimal (the Quantity type), else thousandths."""
    if isinstance(value, Decimal):
        return value
    return milli_to_quantity(int(value or 0))


def material_flows(book: Book, start: dt.date, end: dt.date) -> list[MaterialFlow]:
    """Quantities and values per material; opening + bought - used + differences = closing.

    Bought includes purchases made straight for an order; those count as used at once.
    Voided purchases count neither as bought nor as used.
    """
    raw_qty = StockMove.qty
    val = StockMove.value

    def s(cond, col):
        return func.coalesce(func.sum(case((cond, col), else_=0)), 0)

    before = StockMove.date < start
    within = (StockMove.date >= start) & (StockMove.date <= end)
    bought = within & StockMove.kind.in_(("purchase", "purchase_void"))
    used = within & StockMove.kind.in_(("issue", "return"))
    counted = within & (StockMove.kind == "count")
    upto = StockMove.date <= end
    with book.reading() as ses:
        moves = {r[0]: r[1:] for r in ses.execute(
            select(StockMove.material_id, s(before, raw_qty), s(before, val), s(bought, raw_qty), s(bought, val),
                   s(used, raw_qty), s(used, val), s(counted, raw_qty), s(counted, val), s(upto, raw_qty),
                   s(upto, val))
            .group_by(StockMove.material_id)).all()}
        pl_qty = PurchaseLine.qty
        direct = {r[0]: r[1:] for r in ses.execute(
            select(PurchaseLine.material_id, func.sum(pl_qty), func.sum(PurchaseLine.amount + PurchaseLine.shipping_share))
            .join(Purchase, Purchase.id == PurchaseLine.purchase_id)
            .where(Purchase.order_id.is_not(None), Purchase.status == DocStatus.POSTED,
                   Purchase.date >= start, Purchase.date <= end)
            .group_by(PurchaseLine.material_id)).all()}
        materials = ses.execute(select(Material).order_by(Material.category, func.lower(Material.name))).scalars().all()
        out = []
        for m in materials:
            oq, ov, bq, bv, uq, uv, cq, cv, eq, ev = moves.get(m.id, (0,) * 10)
            dq, dv = direct.get(m.id, (0, 0))
            out.append(MaterialFlow(m.id, m.name, m.unit, m.category, _q(oq), int(ov), _q(bq) + _q(dq),
                                    int(bv) + int(dv or 0), _q(dq) - _q(uq), int(dv or 0) - int(uv),
                                    _q(cq), int(cv), _q(eq), int(ev)))
        return out


COLUMNS = (("name", N_("Bahan"), "text"), ("unit", N_("Satuan"), "text"),
           ("opening_qty", N_("Stok awal"), "qty"), ("bought_qty", N_("Dibeli"), "qty"),
           ("bought_value", N_("Nilai beli"), "money"), ("used_qty", N_("Dipakai"), "qty"),
           ("used_value", N_("Nilai pakai"), "money"), ("diff_qty", N_("Selisih opname"), "qty"),
           ("closing_qty", N_("Stok akhir"), "qty"), ("closing_value", N_("Nilai stok akhir"), "money"))


def build_materials_report(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    """Purchases, usage and stock value per material for the period (pdf, xlsx or csv)."""
    period = resolve_period(start, end)
    flows = [f for f in material_flows(book, period.start, period.end) if not f.empty]
    rows: list[Row] = []
    category = None
    for f in flows:
        if f.category != category:
            category = f.category
            rows.append(Row({"name": category or _("Tanpa kategori")}, style="heading"))
        rows.append(Row({"name": f.name, "unit": f.unit, "opening_qty": f.opening_qty, "bought_qty": f.bought_qty,
                         "bought_value": f.bought_value, "used_qty": f.used_qty, "used_value": f.used_value,
                         "diff_qty": f.diff_qty, "closing_qty": f.closing_qty, "closing_value": f.closing_value}))
    if not flows:
        rows.append(Row({"name": _("Tidak ada pembelian, pemakaian atau stok pada periode ini.")}))
    total = {"bought_value": sum(f.bought_value for f in flows), "used_value": sum(f.used_value for f in flows),
             "closing_value": sum(f.closing_value for f in flows)}
    rows.append(Row({"name": p_("baris total", "Jumlah"), **total}, style="total"))
    opening = sum(f.opening_value for f in flows)
    diff = sum(f.diff_value for f in flows)
    notes = [
        _("Nilai stok dihitung dengan harga rata-rata (rata-rata bergerak), termasuk ongkos kirim."),
        _("Bahan yang dibeli langsung untuk satu pesanan dihitung dibeli dan langsung dipakai."),
        _("Nilai stok awal {opening}; selisih stok opname {diff}.").format(
            opening=_fmt(opening), diff=_fmt(diff)),
    ]
    return TabularReport(title=_("Laporan Bahan dan Persediaan"), subtitle=period_text(period),
                         columns=[Column(k, _(t), kind) for k, t, kind in COLUMNS], rows=rows, notes=notes)


def _fmt(amount: int) -> str:
    from kws_desktop.i18n import format_rupiah
    return format_rupiah(amount, parentheses=True)


register_report("materials", N_("Laporan Bahan dan Persediaan"), build_materials_report, order=60)

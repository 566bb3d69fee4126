"""Job costing in SQL: the real material, labour and other cost of every order.

Material cost of an order = materials issued from stock for it (less returns), valued at the
average cost the stock moves carry, plus purchases bought directly for it (purchases.order_id).
Labour = posted crew wages. Other = posted transport, equipment hire, permits, other costs.

The cost expressions are correlated scalar subqueries on indexed `order_id` columns, so a page
of the order list costs a few index lookups per row, and totals are aggregated in SQL.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kws_desktop.core.status import DocStatus
from kws_desktop.core.job_costing import JobCost, PackageSummary, Stage
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, format_rupiah, p_
from kws_desktop.store.book import Book
from kws_desktop.store.models.purchasing import Purchase, StockMove
from kws_desktop.store.models.jobs import Order, OrderCost, OrderCrew

# Stock move kinds that belong to an order (issued, returned): as services/purchasing/stock.py counts them.
ORDER_MOVE_KINDS = ("issue", "return")


def stock_cost_expr(order_id_col=Order.id) -> ColumnElement[int]:
    """Material taken from stock for the order, net of returns (stock moves are signed: an
    issue takes value out of stock, so its cost is minus the move's value)."""
    return (select(func.coalesce(-func.sum(StockMove.value), 0))
            .where(StockMove.order_id == order_id_col, StockMove.kind.in_(ORDER_MOVE_KINDS))
            .scalar_subquery())


def purchase_cost_expr(order_id_col=Order.id) -> ColumnElement[int]:
    """Purchases bought directly for the order (not through stock)."""
    return (select(func.coalesce(func.sum(Purchase.total), 0))
            .where(Purchase.order_id == order_id_col, Purchase.status == DocStatus.POSTED)
            .scalar_subquery())


def material_cost_expr(order_id_col=Order.id) -> ColumnElement[int]:
    return stock_cost_expr(order_id_col) + purchase_cost_expr(order_id_col)


def labour_cost_expr(order_id_col=Order.id) -> ColumnElement[int]:
    return (select(func.coalesce(func.sum(OrderCrew.amount), 0))
            .where(OrderCrew.order_id == order_id_col, OrderCrew.status == DocStatus.POSTED)
            .scalar_subquery())


def other_cost_expr(order_id_col=Order.id) -> ColumnElement[int]:
    return (select(func.coalesce(func.sum(OrderCost.amount), 0))
            .where(OrderCost.order_id == order_id_col, OrderCost.status == DocStatus.POSTED)
            .scalar_subquery())


def order_cost(session: Session, order_id: int) -> JobCost:
    """The cost sheet of one order (takes a session; reads only)."""
    row = session.execute(
        select(Order.price, Order.quoted_cost, material_cost_expr(), labour_cost_expr(),
               other_cost_expr()).where(Order.id == order_id)).one()
    return JobCost(int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4]))


def order_costs(session: Session, order_ids: list[int]) -> dict[int, JobCost]:
    """Cost sheets of many orders in one query."""
    if not order_ids:
        return {}
    rows = session.execute(
        select(Order.id, Order.price, Order.quoted_cost, material_cost_expr(), labour_cost_expr(),
               other_cost_expr()).where(Order.id.in_(order_ids))).all()
    return {r[0]: JobCost(int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5])) for r in rows}


# --- per package ------------------------------------------------------------------------

def _costed_orders(start: dt.date | None, end: dt.date | None, *, finished_only: bool):
    cost = material_cost_expr() + labour_cost_expr() + other_cost_expr()
    q = select(Order.package, Order.price, cost.label("cost")).where(Order.status != Stage.BATAL.value)
    if finished_only:
        q = q.where(Order.status.in_((Stage.SELESAI.value, Stage.DISERAHTERIMAKAN.value)))
    if start is not None:
        q = q.where(Order.date >= start)
    if end is not None:
        q = q.where(Order.date <= end)
    return q.subquery()


def package_summaries(session: Session, start: dt.date | None = None, end: dt.date | None = None,
                      *, finished_only: bool = True) -> list[PackageSummary]:
    """Per package: orders, price, cost and margin (averages on the value) over orders dated in
    the period. Only finished jobs by default: the cost of a job still in progress is not
    known yet."""
    sub = _costed_orders(start, end, finished_only=finished_only)
    rows = session.execute(
        select(sub.c.package, func.count(), func.sum(sub.c.price), func.sum(sub.c.cost))
        .group_by(sub.c.package).order_by(func.count().desc(), sub.c.package)).all()
    return [PackageSummary(pkg or _("Pekerjaan lain (tanpa paket)"), int(n), int(p or 0), int(c or 0))
            for pkg, n, p, c in rows]


# --- the `orders` report ----------------------------------------------------------------

# Stage names short enough for a report column (Indonesian source strings).
SHORT_STAGE = {Stage.DIJADWALKAN: N_("Dijadwalkan"), Stage.DIKERJAKAN: N_("Dikerjakan"),
               Stage.SELESAI: N_("Selesai"), Stage.DISERAHTERIMAKAN: N_("Serah terima"),
               Stage.BATAL: N_("Batal")}

@dataclass(frozen=True)
class ReportLine:
    number: str
    date: dt.date
    customer: str
    desa: str
    package: str
    stage: str
    cost: JobCost


def report_lines(session: Session, start: dt.date | None, end: dt.date | None) -> list[ReportLine]:
    q = (select(Order.number, Order.date, Order.customer_name, Order.desa, Order.package,
                Order.status, Order.price, Order.quoted_cost, material_cost_expr(),
                labour_cost_expr(), other_cost_expr())
         .where(Order.status != Stage.BATAL.value).order_by(Order.date, Order.number))
    if start is not None:
        q = q.where(Order.date >= start)
    if end is not None:
        q = q.where(Order.date <= end)
    out = []
    for r in session.execute(q):
        out.append(ReportLine(r[0], r[1], r[2], r[3], r[4], r[5],
                              JobCost(int(r[6]), int(r[7]), int(r[8]), int(r[9]), int(r[10]))))
    return out


def is_finished(stage: str) -> bool:
    """Only a finished job has its whole cost, so only its profit is known."""
    return stage in (Stage.SELESAI.value, Stage.DISERAHTERIMAKAN.value)


def _ratio(value: Decimal | None) -> object:
    return "-" if value is None else value


def build_orders_report(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    """Price, cost and margin of every order dated in the period (cancelled orders left out),
    then the averages per package over the finished jobs."""
    from kws_desktop.services.reports import period_text, resolve_period
    period = resolve_period(start, end)
    with book.reading() as s:
        lines = report_lines(s, period.start, period.end)
        packages = package_summaries(s, period.start, period.end)
    columns = [
        Column("number", _("Nomor")), Column("date", _("Tanggal"), "date"),
        Column("customer", _("Pelanggan")), Column("stage", _("Tahap")),
        Column("price", _("Harga"), "money"), Column("cost", _("Biaya"), "money"),
        Column("margin", _("Laba"), "money"),
        Column("ratio", _("Laba %"), "percent"),
    ]
    rows: list[Row] = []
    totals = dict.fromkeys(("price", "material", "labour", "other", "cost", "margin",
                            "finished_price"), 0)
    over = 0
    for line in lines:
        c = line.cost
        flag = " *" if c.over_cost else ""
        customer = f"{line.customer}, {line.desa}" if line.desa else line.customer
        finished = is_finished(line.stage)
        rows.append(Row({"number": line.number, "date": line.date, "customer": customer,
                         "stage": _(SHORT_STAGE[Stage(line.stage)]) + flag,
                         "price": c.price, "cost": c.actual,
                         "margin": c.margin if finished else "-",
                         "ratio": _ratio(c.margin_ratio) if finished else "-"}))
        over += c.over_cost
        for key, value in (("price", c.price), ("material", c.material), ("labour", c.labour),
                           ("other", c.other), ("cost", c.actual)):
            totals[key] += value
        if finished:
            totals["margin"] += c.margin
            totals["finished_price"] += c.price
    from kws_desktop.core.job_costing import margin_ratio
    rows.append(Row({"number": p_("baris total", "Jumlah"), "customer": _("{n} pesanan").format(n=len(lines)),
                     "price": totals["price"], "cost": totals["cost"], "margin": totals["margin"],
                     "ratio": _ratio(margin_ratio(totals["finished_price"], totals["margin"]))},
                    style="total"))
    if packages:
        rows.append(Row({"number": _("Rata-rata per paket, pekerjaan yang sudah selesai")}, style="heading"))
        for p in packages:
            rows.append(Row({"number": _("{n} pesanan").format(n=p.orders), "customer": p.package,
                             "price": p.average_price, "cost": p.average_cost,
                             "margin": p.average_margin, "ratio": _ratio(p.margin_ratio)}))
    notes = [_("Harga = harga yang disepakati. Biaya = bahan (dari gudang dan dibeli langsung), "
               "upah tukang, dan biaya lain. Pesanan batal tidak dihitung."),
             _("Laba hanya untuk pekerjaan yang sudah selesai: pesanan yang belum selesai (-) belum "
               "lengkap biayanya dan tidak masuk jumlah laba. Laporan Laba Rugi mencatat pendapatan "
               "menurut tanggal tagihan dan biaya menurut tanggal pemakaian, jadi jumlahnya berbeda "
               "per periode."),
             _("Jumlah biaya: bahan {material}, upah {labour}, biaya lain {other}.").format(
                 material=format_rupiah(totals["material"]), labour=format_rupiah(totals["labour"]),
                 other=format_rupiah(totals["other"]))]
    if over:
        notes.append(_("* Biaya sebenarnya melebihi perkiraan biaya di penawaran ({n} pesanan).")
                     .format(n=over))
    return TabularReport(title=_("Laporan Pesanan: Harga, Biaya dan Laba"),
                         subtitle=period_text(period), columns=columns, rows=rows, notes=notes)

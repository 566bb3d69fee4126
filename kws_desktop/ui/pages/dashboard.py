"""The "Beranda" area: this month and this year at a glance, with charts. Every figure opens
the area behind it (through ``ctx.area_requested``; money figures open the matching report)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QLineSeries, QPieSeries, QValueAxis)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from kws_desktop.core.job_costing import STAGE_LABELS
from kws_desktop.core.payers import PAYER_LABELS
from kws_desktop.i18n import _, format_date, format_quantity, format_rupiah, month_name
from kws_desktop.services.dashboard import Dashboard, dashboard
from kws_desktop.ui.context import AppContext
from kws_desktop.ui.pages.base import Page, heading


class Card(QFrame):
    """A figure: a small label over a big value; clicking it opens what lies behind it."""

    clicked = Signal()

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("#dashCard { background: white; border: 1px solid #c8c8c8; "
                           "border-radius: 6px; } #dashCard:hover { border-color: #2e7d32; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        self.label = QLabel(label)
        self.label.setStyleSheet("color: #555; border: none;")
        self.label.setWordWrap(True)
        self.value = QLabel("")
        self.value.setStyleSheet("font-size: 15pt; font-weight: bold; border: none;")
        self.detail = QLabel("")
        self.detail.setStyleSheet("color: #555; border: none;")
        self.detail.setWordWrap(True)
        for w in (self.label, self.value, self.detail):
            lay.addWidget(w)

    def set(self, value: str, detail: str = "", *, warn: bool = False) -> None:
        self.value.setText(value)
        color = "#b00020" if warn else "#1a1a1a"
        self.value.setStyleSheet(f"font-size: 15pt; font-weight: bold; border: none; color: {color};")
        self.detail.setText(detail or " ")

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class ClickableChart(QChartView):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


def _millions(amount: int) -> float:
    return amount / 1_000_000


class DashboardPage(Page):
    area = "beranda"
    watches = ("*",)
    # (area key, report kind or "") when a figure is clicked; the main window listens to
    # ctx.area_requested, this signal is for tests and other listeners.
    figure_clicked = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.today = today
        self.data: Dashboard | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(heading(_("Beranda")))
        self.as_of = QLabel()
        top.addStretch(1)
        top.addWidget(self.as_of)
        lay.addLayout(top)

        self.cards: dict[str, Card] = {}
        grid = QGridLayout()
        specs = [
            ("revenue_month", _("Pendapatan bulan ini"), "laporan", "profit-loss"),
            ("costs_month", _("Biaya bulan ini"), "laporan", "profit-loss"),
            ("profit_month", _("Laba bulan ini"), "laporan", "profit-loss"),
            ("cash", _("Kas dan bank"), "kas", ""),
            ("revenue_year", _("Pendapatan tahun ini"), "laporan", "profit-loss"),
            ("costs_year", _("Biaya tahun ini"), "laporan", "profit-loss"),
            ("profit_year", _("Laba tahun ini"), "laporan", "profit-loss"),
            ("receivables", _("Piutang pelanggan"), "tagihan", ""),
            ("handed_over", _("Unit diserahterimakan"), "pesanan", ""),
            ("open_orders", _("Pesanan berjalan"), "pesanan", ""),
            ("overdue", _("Cicilan terlambat"), "tagihan", ""),
            ("low_stock", _("Stok menipis"), "bahan", ""),
        ]
        for i, (key, label, area, kind) in enumerate(specs):
            card = Card(label)
            card.clicked.connect(lambda a=area, k=kind: self.open_area(a, k))
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)
        lay.addLayout(grid)

        self.missing = QLabel()
        self.missing.setStyleSheet("color: #777;")
        self.missing.setWordWrap(True)
        lay.addWidget(self.missing)

        self.monthly_chart = ClickableChart()
        self.monthly_chart.setMinimumHeight(300)
        self.monthly_chart.clicked.connect(lambda: self.open_area("laporan", "profit-loss"))
        lay.addWidget(self.monthly_chart)
        row = QHBoxLayout()
        self.kecamatan_chart = ClickableChart()
        self.kecamatan_chart.clicked.connect(lambda: self.open_area("laporan", "program"))
        self.funding_chart = ClickableChart()
        self.funding_chart.clicked.connect(lambda: self.open_area("laporan", "program"))
        row.addWidget(self.kecamatan_chart, 1)
        row.addWidget(self.funding_chart, 1)
        lay.addLayout(row)
        lay.addStretch(1)

    # --- navigation -----------------------------------------------------------------------
    def open_area(self, area: str, report_kind: str = "") -> None:
        if report_kind:
            self.ctx.pending_report = report_kind
        self.figure_clicked.emit(area, report_kind)
        self.ctx.area_requested.emit(area)

    # --- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        d = self.data = dashboard(self.book, self.today)
        self.as_of.setText(_("Keadaan per {date}").format(date=format_date(d.today)))
        c = self.cards
        c["revenue_month"].set(format_rupiah(d.month.revenue))
        c["costs_month"].set(format_rupiah(d.month.costs))
        c["profit_month"].set(format_rupiah(d.month.profit), warn=d.month.profit < 0)
        c["revenue_year"].set(format_rupiah(d.year.revenue))
        c["costs_year"].set(format_rupiah(d.year.costs))
        c["profit_year"].set(format_rupiah(d.year.profit), warn=d.year.profit < 0)
        c["cash"].set(format_rupiah(d.cash + d.bank), _("Kas {cash} · Bank {bank}").format(
            cash=format_rupiah(d.cash), bank=format_rupiah(d.bank)), warn=d.cash < 0 or d.bank < 0)
        c["receivables"].set(format_rupiah(d.receivables))
        if d.overdue_amount is None:
            c["overdue"].hide()
        else:
            c["overdue"].show()
            c["overdue"].set(format_rupiah(d.overdue_amount), _("{n} cicilan lewat jatuh tempo").format(
                n=d.overdue_instalments), warn=bool(d.overdue_instalments))
        if d.handed_over_year is None:
            c["handed_over"].hide()
            c["open_orders"].hide()
        else:
            c["handed_over"].set(_("{n} unit").format(n=d.handed_over_month),
                                 _("bulan ini; {n} unit tahun ini").format(n=d.handed_over_year))
            total = sum(n for _s, n in d.open_orders or ())
            c["open_orders"].set(_("{n} pesanan").format(n=total), " · ".join(
                f"{_(STAGE_LABELS.get(s, s))} {n}" for s, n in d.open_orders or ()))
        if d.low_stock is None:
            c["low_stock"].hide()
        else:
            names = ", ".join(f"{m.name} ({format_quantity(m.on_hand)} {m.unit})" for m in d.low_stock[:4])
            c["low_stock"].set(_("{n} bahan").format(n=len(d.low_stock)), names, warn=bool(d.low_stock))
        self.missing.setText(_("Belum tersedia di buku ini: {names}.").format(
            names=", ".join(_(m) for m in d.missing)) if d.missing else "")
        self.missing.setVisible(bool(d.missing))
        self._monthly(d)
        self._kecamatan(d)
        self._funding(d)

    def _monthly(self, d: Dashboard) -> None:
        chart = QChart()
        chart.setTitle(_("Pendapatan, biaya dan laba per bulan (juta rupiah)"))
        revenue, costs = QBarSet(_("Pendapatan")), QBarSet(_("Biaya"))
        profit = QLineSeries()
        profit.setName(_("Laba"))
        categories = []
        for i, p in enumerate(d.months):
            revenue.append(_millions(p.revenue))
            costs.append(_millions(p.costs))
            profit.append(i, _millions(p.profit))
            categories.append(f"{month_name(p.month)[:3]} {str(p.year)[2:]}")
        revenue.setColor(QColor("#1e88e5"))
        costs.setColor(QColor("#fb8c00"))
        pen = QPen(QColor("#2e7d32"))
        pen.setWidth(3)
        profit.setPen(pen)
        bars = QBarSeries()
        bars.append(revenue)
        bars.append(costs)
        chart.addSeries(bars)
        chart.addSeries(profit)
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        axis_y = QValueAxis()
        values = [_millions(v) for p in d.months for v in (p.revenue, p.costs, p.profit)] or [0]
        low, high = min(0.0, min(values)), max(1.0, max(values))
        axis_y.setRange(low * 1.1, high * 1.1)
        axis_y.applyNiceNumbers()
        axis_y.setLabelFormat("%.1f")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, profit):
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.monthly_chart.setChart(chart)

    def _kecamatan(self, d: Dashboard) -> None:
        chart = QChart()
        chart.setTitle(_("Unit per kecamatan (12 bulan terakhir)"))
        self.kecamatan_chart.setVisible(d.units_by_kecamatan is not None)
        rows = list(d.units_by_kecamatan or ())[:8]
        if rows:
            units = QBarSet(_("Unit"))
            names = []
            for name, n in reversed(rows):
                units.append(n)
                names.append(name or _("(tanpa kecamatan)"))
            series = QHorizontalBarSeries()
            series.append(units)
            chart.addSeries(series)
            axis_y = QBarCategoryAxis()
            axis_y.append(names)
            axis_x = QValueAxis()
            axis_x.setLabelFormat("%d")
            axis_x.setRange(0, max(n for _k, n in rows) + 1)
            chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
            chart.legend().hide()
        else:
            chart.setTitle(_("Unit per kecamatan: belum ada pesanan dalam 12 bulan terakhir"))
        self.kecamatan_chart.setChart(chart)

    def _funding(self, d: Dashboard) -> None:
        chart = QChart()
        chart.setTitle(_("Sumber dana (12 bulan terakhir)"))
        self.funding_chart.setVisible(d.funding_mix is not None)
        rows = [(p, a) for p, a in d.funding_mix or () if a > 0]
        if rows:
            pie = QPieSeries()
            total = sum(a for _p, a in rows)
            for payer, amount in rows:
                label = PAYER_LABELS.get(payer, payer)
                part = pie.append(f"{label} {round(100 * amount / total)}%", amount)
                part.setLabelVisible(True)
            chart.addSeries(pie)
            chart.legend().hide()  # each slice carries its own label
        else:
            chart.setTitle(_("Sumber dana: belum ada pesanan dalam 12 bulan terakhir"))
        self.funding_chart.setChart(chart)

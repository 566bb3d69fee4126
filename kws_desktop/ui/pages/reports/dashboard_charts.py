"""The dashboard's charts (QtCharts), imported only once there are figures to draw: QtCharts is
not needed for the window's first paint."""
from __future__ import annotations

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QLineSeries, QPieSeries, QValueAxis)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kws_desktop.core.payers import PAYER_LABELS
from kws_desktop.core.percent import share_points
from kws_desktop.i18n import _, format_percent, month_name
from kws_desktop.services.reports.dashboard import Dashboard


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


def monthly(view: ClickableChart, d: Dashboard) -> None:
    """Revenue, costs and profit per month."""
    chart = QChart()
    chart.setTitle(_("Pendapatan, biaya dan laba per bulan (juta rupiah)"))
    revenue, costs = QBarSet(_("Pendapatan")), QBarSet(_("Biaya"))
    profit = QLineSeries()
    profit.setName(_("Laba"))
    categories = []
    for i, p in enumerate(d.money.months):
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
    values = [_millions(v) for p in d.money.months for v in (p.revenue, p.costs, p.profit)] or [0]
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
    view.setChart(chart)

def kecamatan(view: ClickableChart, d: Dashboard) -> None:
    """Units per kecamatan over the last 12 months."""
    chart = QChart()
    chart.setTitle(_("Unit per kecamatan (12 bulan terakhir)"))
    view.setVisible(d.units_by_kecamatan is not None)
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
        axis_y.setTruncateLabels(False)  # the names in full: "…" told the treasurer nothing
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        axis_x.setRange(0, max(n for _k, n in rows) + 1)
        axis_x.applyNiceNumbers()  # whole-number ticks: 0, 2, 4 … units
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().hide()
    else:
        chart.setTitle(_("Unit per kecamatan: belum ada pesanan dalam 12 bulan terakhir"))
    view.setChart(chart)

def funding(view: ClickableChart, d: Dashboard) -> None:
    """The funding mix over the last 12 months."""
    chart = QChart()
    chart.setTitle(_("Sumber dana (12 bulan terakhir)"))
    view.setVisible(d.funding_mix is not None)
    rows = [(p, a) for p, a in d.funding_mix or () if a > 0]
    if rows:
        pie = QPieSeries()
        total = sum(a for _p, a in rows)
        for payer, amount in rows:
            label = PAYER_LABELS.get(payer, payer)
            part = pie.append(f"{label} {format_percent(share_points(amount, total))}", amount)
            part.setLabelVisible(True)
        chart.addSeries(pie)
        chart.legend().hide()  # each slice carries its own label
    else:
        chart.setTitle(_("Sumber dana: belum ada pesanan dalam 12 bulan terakhir"))
    view.setChart(chart)

"""The "Beranda" area: this month and this year at a glance, with charts. Every figure opens
the area behind it (through ``ctx.area_requested``; money figures open the matching report).

The figures are computed in the background ("Menghitung…" meanwhile); a result computed for a
book that is no longer open, or overtaken by a newer computation, is dropped.

While a book opens, the window shows this page as a preview (``preview=True``: nothing on it can
be clicked) with the money figures read by the lean path (services/reports/lean.py), before
SQLAlchemy and the models are loaded; the opened book's page starts from those figures
(`show_money`) and adds the rest when the full computation is done."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from kws_desktop.core.job_costing import STAGE_LABELS
from kws_desktop.errors import UserError
from kws_desktop.i18n import _, format_date, format_quantity, format_rupiah
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.kit.page import Page, heading
from kws_desktop.ui.kit.tasks import run_background

if TYPE_CHECKING:  # the full dashboard (SQLAlchemy) loads in the background, when first computed
    from kws_desktop.services.reports.dashboard import Dashboard
    from kws_desktop.services.reports.dashboard_figures import MoneyFigures


def dashboard(book, today: dt.date | None) -> Dashboard:
    """Every figure of the Beranda (services/reports/dashboard.py, SQLAlchemy), imported on the
    first computation, in the background."""
    from kws_desktop.services.reports.dashboard import dashboard as compute
    return compute(book, today)


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


START_AT_LATEST_MS = 300  # the figures' work starts after the first paint, or after this
# the cards the lean path fills (MoneyFigures); the others wait for the full computation
MONEY_CARDS = ("revenue_month", "costs_month", "profit_month", "cash", "revenue_year", "costs_year",
               "profit_year", "receivables")


class DashboardPage(Page):
    area = "beranda"
    shows = ("*",)
    # (area key, report kind or "") when a figure is clicked; the main window listens to
    # ctx.area_requested, this signal is for tests and other listeners.
    figure_clicked = Signal(str, str)
    first_painted = Signal()  # once, when the page has been painted for the first time

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: dt.date | None = None,
                 *, preview: bool = False):
        super().__init__(ctx, parent)
        self.today = today
        self.preview = preview  # shown while the book opens: figures only, nothing to click
        self.data: Dashboard | None = None
        self.money: MoneyFigures | None = None   # the money figures on screen (lean or full path)
        self._early_money: MoneyFigures | None = None  # from the lean path, until the full figures
        self.loading = False    # a computation is running in the background
        self._generation = 0    # bumped by every refresh: older results are stale
        self._start_after_paint = None
        self._painted = False
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
            if preview:
                card.setCursor(Qt.CursorShape.ArrowCursor)
            card.clicked.connect(lambda a=area, k=kind: self.open_area(a, k))
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)
        lay.addLayout(grid)

        self.missing = QLabel()
        self.missing.setStyleSheet("color: #777;")
        self.missing.setWordWrap(True)
        lay.addWidget(self.missing)

        self._charts_at = lay  # the charts are built with the first figures (QtCharts loads then)
        self.monthly_chart = self.kecamatan_chart = self.funding_chart = None
        lay.addStretch(1)

    # --- navigation -----------------------------------------------------------------------
    def open_area(self, area: str, report_kind: str = "") -> None:
        if self.preview:  # the book is still opening: no area to show yet
            return
        if report_kind:
            self.ctx.pending_report = report_kind
        self.figure_clicked.emit(area, report_kind)
        self.ctx.area_requested.emit(area)

    # --- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the figures in the background; the cards say "Menghitung…" meanwhile."""
        self._generation += 1
        generation, book, today = self._generation, self.book, self.today
        self.loading = True
        self.as_of.setText(_("Menghitung…"))
        for key, card in self.cards.items():
            if self._early_money is not None and key in MONEY_CARDS:
                continue  # the lean path's figures of this very book, just read: they stand
            card.value.setEnabled(False)  # the last figures, greyed until the new ones arrive
            if not card.value.text():
                card.value.setText("…")

        def current() -> bool:
            return generation == self._generation and book is self.ctx.book

        def done(d: Dashboard) -> None:
            if current():
                self.loading = False
                self.show_figures(d)

        def failed(exc: BaseException) -> None:
            if not current():
                return
            self.loading = False
            if isinstance(exc, UserError):
                reason = exc.message
            else:
                from kws_desktop.ui.shell.app import log_error
                log_error(exc)
                reason = _("terjadi kesalahan saat membaca buku")
            self.as_of.setText(_("Angka beranda tidak bisa dihitung: {reason}").format(reason=reason))

        def work(_progress) -> Dashboard:
            import kws_desktop.ui.pages.reports.dashboard_charts  # noqa: F401 - QtCharts loads here, not on the UI thread
            return dashboard(book, today)

        started = False

        def start() -> None:
            nonlocal started
            if not started and current():
                started = True
                run_background(self, work, done, failed)

        # The work competes with painting for the interpreter, so it starts once the page has
        # been painted (the window shows the book at once, however large); the timer is the
        # fallback when no paint comes (the page was hidden meanwhile).
        self._start_after_paint = start
        self.update()
        QTimer.singleShot(START_AT_LATEST_MS, start)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
        start, self._start_after_paint = self._start_after_paint, None
        if start is not None:
            QTimer.singleShot(0, start)

    def show_money(self, m: MoneyFigures) -> None:
        """The money figures of the lean path, before the full computation: the other cards
        keep "…" until it is done."""
        if self.data is not None:
            return  # the full figures are on screen already
        self._early_money = m
        self._fill_money(m)
        for key, card in self.cards.items():
            if key not in MONEY_CARDS and not card.value.text():
                card.value.setText("…")
                card.value.setEnabled(False)
        self.as_of.setText(_("Keadaan per {date}; angka lainnya sedang dihitung…").format(
            date=format_date(m.today)))

    def _fill_money(self, m: MoneyFigures) -> None:
        self.money = m
        c = self.cards
        for key in MONEY_CARDS:
            c[key].value.setEnabled(True)
        c["revenue_month"].set(format_rupiah(m.month.revenue))
        c["costs_month"].set(format_rupiah(m.month.costs))
        c["profit_month"].set(format_rupiah(m.month.profit), warn=m.month.profit < 0)
        c["revenue_year"].set(format_rupiah(m.year.revenue))
        c["costs_year"].set(format_rupiah(m.year.costs))
        c["profit_year"].set(format_rupiah(m.year.profit), warn=m.year.profit < 0)
        c["cash"].set(format_rupiah(m.cash + m.bank), _("Kas {cash} · Bank {bank}").format(
            cash=format_rupiah(m.cash), bank=format_rupiah(m.bank)), warn=m.cash < 0 or m.bank < 0)
        c["receivables"].set(format_rupiah(m.receivables))

    def show_figures(self, d: Dashboard) -> None:
        self.data = d
        self._early_money = None
        for card in self.cards.values():
            card.value.setEnabled(True)
        self.as_of.setText(_("Keadaan per {date}").format(date=format_date(d.money.today)))
        c = self.cards
        self._fill_money(d.money)
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
        self._draw_charts(d)

    def _draw_charts(self, d: Dashboard) -> None:
        from kws_desktop.ui.pages.reports import dashboard_charts as charts
        if self.monthly_chart is None:
            self.monthly_chart = charts.ClickableChart()
            self.monthly_chart.setMinimumHeight(300)
            self.monthly_chart.clicked.connect(lambda: self.open_area("laporan", "profit-loss"))
            self.kecamatan_chart = charts.ClickableChart()
            self.kecamatan_chart.clicked.connect(lambda: self.open_area("laporan", "program"))
            self.funding_chart = charts.ClickableChart()
            self.funding_chart.clicked.connect(lambda: self.open_area("laporan", "program"))
            row = QHBoxLayout()
            row.addWidget(self.kecamatan_chart, 1)
            row.addWidget(self.funding_chart, 1)
            at = self._charts_at.count() - 1  # before the closing stretch
            self._charts_at.insertWidget(at, self.monthly_chart)
            self._charts_at.insertLayout(at + 1, row)
        charts.monthly(self.monthly_chart, d)
        charts.kecamatan(self.kecamatan_chart, d)
        charts.funding(self.funding_chart, d)

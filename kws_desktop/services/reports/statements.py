"""The SAK EMKM statements from the journal: profit and loss, financial position, cash flow.

Every figure is a SQL aggregate of journal lines; nothing loads the journal into Python.
The figure functions (``profit_loss``, ``financial_position``, ``cash_flow``) return frozen
dataclasses for the dashboard and tests; the ``build_*`` functions turn them into reports.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kws_desktop.core.accounts import A, is_cost_of_sales, is_noncurrent_asset
from kws_desktop.documents.tabular import Column, Row, TabularReport
from kws_desktop.i18n import N_, _, format_date, format_date_short, format_rupiah
from kws_desktop.services.reports import (Period, as_of_text, period_text, register_report,
                                          resolve_period)
from kws_desktop.services.reports.queries import (accounts, cash_balance,
                                                  counter_sums_of_cash_entries, has_entries,
                                                  sums_by_account)
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import Account, JournalEntry, JournalLine

Line = tuple[str, str, int]  # (code, name, amount in the account's normal direction)


def _amount_col() -> Column:
    return Column("jumlah", _("Jumlah (Rp)"), "money")


def _text_col() -> Column:
    return Column("uraian", _("Uraian"))


def _empty_note(session: Session, start: dt.date | None, end: dt.date) -> list[str]:
    if has_entries(session, start, end):
        return []
    return [_("Tidak ada transaksi pada periode ini.")]


# --- profit and loss ---------------------------------------------------------------------

@dataclass(frozen=True)
class ProfitLoss:
    period: Period
    revenue: tuple[Line, ...]
    cost_of_sales: tuple[Line, ...]
    operating: tuple[Line, ...]

    @property
    def total_revenue(self) -> int:
        return sum(a for _c, _n, a in self.revenue)

    @property
    def total_cost_of_sales(self) -> int:
        return sum(a for _c, _n, a in self.cost_of_sales)

    @property
    def gross_profit(self) -> int:
        return self.total_revenue - self.total_cost_of_sales

    @property
    def total_operating(self) -> int:
        return sum(a for _c, _n, a in self.operating)

    @property
    def total_costs(self) -> int:
        return self.total_cost_of_sales + self.total_operating

    @property
    def net_profit(self) -> int:
        return self.gross_profit - self.total_operating


def profit_loss_in(session: Session, period: Period) -> ProfitLoss:
    """Profit and loss for ``period`` (session-level)."""
    sums = sums_by_account(session, since=period.start, until=period.end)
    revenue, cost, operating = [], [], []
    for acc in accounts(session):
        amount = acc.sign * sums.get(acc.code, 0)
        if not acc.active and amount == 0:
            continue
        line = (acc.code, acc.name, amount)
        if acc.type == "pendapatan":
            revenue.append(line)
        elif is_cost_of_sales(acc.code, acc.type):
            cost.append(line)
        elif acc.type == "beban":
            operating.append(line)
    return ProfitLoss(period, tuple(revenue), tuple(cost), tuple(operating))


def profit_loss(book: Book, start: dt.date | None = None, end: dt.date | None = None) -> ProfitLoss:
    period = resolve_period(start, end)
    with book.reading() as s:
        return profit_loss_in(s, period)


def job_costs_in_operating(session: Session, period: Period) -> int:
    """A job's other costs posted in ``period`` to Beban Operasional Kelompok: where they went
    before revision 0007 gave them an account among the cost of sales. Those entries stay as
    posted (session-level)."""
    q = (select(func.coalesce(func.sum(JournalLine.amount), 0))
         .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
         .join(Account, Account.id == JournalLine.account_id)
         .where(JournalEntry.source_type == "order_cost", Account.code == A.OPERATING,
                JournalEntry.date.between(period.start, period.end)))
    return int(session.execute(q).scalar())


def _job_costs_note(session: Session, period: Period) -> list[str]:
    amount = job_costs_in_operating(session, period)
    if not amount:
        return []
    names = {a.code: a.name for a in accounts(session)}
    return [_("{operating} berisi {amount} biaya lain-lain pekerjaan yang dicatat sebelum ada akun "
              "{job}. Catatan lama itu tidak diubah, jadi laba kotor periode ini lebih besar "
              "sebanyak itu.").format(operating=names.get(A.OPERATING, A.OPERATING),
                                      amount=format_rupiah(amount),
                                      job=names.get(A.COST_OTHER_JOB, A.COST_OTHER_JOB))]


def build_profit_loss(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    period = resolve_period(start, end)
    with book.reading() as s:
        pl = profit_loss_in(s, period)
        notes = _empty_note(s, period.start, period.end) + _job_costs_note(s, period)
    rows: list[Row] = [Row({"uraian": _("PENDAPATAN")}, "heading")]
    rows += [Row({"uraian": name, "jumlah": a}, indent=1) for _c, name, a in pl.revenue]
    rows.append(Row({"uraian": _("Jumlah Pendapatan"), "jumlah": pl.total_revenue}, "subtotal"))
    rows.append(Row({"uraian": _("BEBAN POKOK PENDAPATAN")}, "heading"))
    rows += [Row({"uraian": name, "jumlah": a}, indent=1) for _c, name, a in pl.cost_of_sales]
    rows.append(Row({"uraian": _("Jumlah Beban Pokok Pendapatan"), "jumlah": pl.total_cost_of_sales},
                    "subtotal"))
    rows.append(Row({"uraian": _("LABA (RUGI) KOTOR"), "jumlah": pl.gross_profit}, "subtotal"))
    rows.append(Row({"uraian": _("BEBAN USAHA")}, "heading"))
    rows += [Row({"uraian": name, "jumlah": a}, indent=1) for _c, name, a in pl.operating]
    rows.append(Row({"uraian": _("Jumlah Beban Usaha"), "jumlah": pl.total_operating}, "subtotal"))
    rows.append(Row({"uraian": _("LABA (RUGI) BERSIH"), "jumlah": pl.net_profit}, "total"))
    return TabularReport(title=_("Laporan Laba Rugi"), subtitle=period_text(period),
                         columns=[_text_col(), _amount_col()], rows=rows, notes=notes)


# --- financial position ------------------------------------------------------------------

@dataclass(frozen=True)
class PositionColumn:
    """The position at the end of ``day``, presented the SAK EMKM way for the day's year.

    Every earlier year is closed into Saldo Laba: ``retained_opening`` is the retained earnings
    at the end of the previous year (that year's profit included, earlier profit sharing taken
    out). ``year_profit`` is the profit from 1 January of the day's year to the day, and
    ``year_sharing`` what was taken from Saldo Laba in that time (profit sharing, as a negative
    amount). The column depends only on its day, so the position at 31 December is the same in
    that year's report and as the comparison column of the next year's report."""
    day: dt.date
    current_assets: tuple[Line, ...]
    noncurrent_assets: tuple[Line, ...]
    liabilities: tuple[Line, ...]
    equity: tuple[Line, ...]      # equity accounts other than Saldo Laba
    retained_opening: int
    year_profit: int
    year_sharing: int

    @property
    def total_current_assets(self) -> int:
        return sum(a for *_x, a in self.current_assets)

    @property
    def total_noncurrent_assets(self) -> int:
        return sum(a for *_x, a in self.noncurrent_assets)

    @property
    def total_assets(self) -> int:
        return self.total_current_assets + self.total_noncurrent_assets

    @property
    def total_liabilities(self) -> int:
        return sum(a for *_x, a in self.liabilities)

    @property
    def retained_earnings(self) -> int:
        """Saldo Laba at the end of the day."""
        return self.retained_opening + self.year_profit + self.year_sharing

    @property
    def total_equity(self) -> int:
        return sum(a for *_x, a in self.equity) + self.retained_earnings

    @property
    def cash_and_bank(self) -> int:
        return sum(a for code, _n, a in self.current_assets if code in (A.CASH, A.BANK))


def _position_at(session: Session, day: dt.date) -> PositionColumn:
    year_start = dt.date(day.year, 1, 1)
    sums = sums_by_account(session, until=day)
    before = sums_by_account(session, until=year_start - dt.timedelta(days=1))
    accs = accounts(session)
    income_codes = {a.code for a in accs if a.type in ("pendapatan", "beban")}
    earlier_profit = -sum(v for code, v in before.items() if code in income_codes)
    all_profit = -sum(v for code, v in sums.items() if code in income_codes)
    retained_before = -before.get(A.RETAINED_EARNINGS, 0)
    retained_now = -sums.get(A.RETAINED_EARNINGS, 0)
    current, noncurrent, liabilities, equity = [], [], [], []
    for acc in accs:
        amount = acc.sign * sums.get(acc.code, 0)
        if acc.code == A.RETAINED_EARNINGS or (not acc.active and amount == 0):
            continue
        line = (acc.code, acc.name, amount)
        if acc.type == "aset":
            (noncurrent if is_noncurrent_asset(acc.code, acc.type) else current).append(line)
        elif acc.type == "liabilitas":
            liabilities.append(line)
        elif acc.type == "ekuitas":
            equity.append(line)
    return PositionColumn(day, tuple(current), tuple(noncurrent), tuple(liabilities), tuple(equity),
                          retained_opening=retained_before + earlier_profit,
                          year_profit=all_profit - earlier_profit,
                          year_sharing=retained_now - retained_before)


@dataclass(frozen=True)
class FinancialPosition:
    period: Period
    now: PositionColumn
    before: PositionColumn


def financial_position(book: Book, start: dt.date | None = None,
                       end: dt.date | None = None) -> FinancialPosition:
    period = resolve_period(start, end)
    with book.reading() as s:
        return FinancialPosition(period, _position_at(s, period.end),
                                 _position_at(s, period.before))


def build_financial_position(book: Book, start: dt.date | None,
                             end: dt.date | None) -> TabularReport:
    fp = financial_position(book, start, end)
    now, before = fp.now, fp.before
    cols = [_text_col(), Column("now", format_date_short(now.day), "money"),
            Column("before", format_date_short(before.day), "money")]

    def lines(a: tuple[Line, ...], b: tuple[Line, ...]) -> list[Row]:
        other = {code: amount for code, _n, amount in b}
        return [Row({"uraian": name, "now": amount, "before": other.get(code, 0)}, indent=1)
                for code, name, amount in a]

    def total(label: str, x: int, y: int, style: str = "subtotal") -> Row:
        return Row({"uraian": label, "now": x, "before": y}, style)

    rows = [Row({"uraian": _("ASET")}, "heading"),
            Row({"uraian": _("Aset Lancar")}, "heading", indent=1)]
    rows += lines(now.current_assets, before.current_assets)
    rows.append(total(_("Jumlah Aset Lancar"), now.total_current_assets, before.total_current_assets))
    rows.append(Row({"uraian": _("Aset Tidak Lancar")}, "heading", indent=1))
    rows += lines(now.noncurrent_assets, before.noncurrent_assets)
    rows.append(total(_("Jumlah Aset Tidak Lancar"), now.total_noncurrent_assets,
                      before.total_noncurrent_assets))
    rows.append(total(_("JUMLAH ASET"), now.total_assets, before.total_assets, "total"))
    rows.append(Row({"uraian": _("LIABILITAS")}, "heading"))
    rows += lines(now.liabilities, before.liabilities)
    rows.append(total(_("Jumlah Liabilitas"), now.total_liabilities, before.total_liabilities))
    rows.append(Row({"uraian": _("EKUITAS")}, "heading"))
    rows += lines(now.equity, before.equity)
    retained = ((_("Saldo laba sampai akhir tahun lalu"), "retained_opening"),
                (_("Laba (rugi) tahun berjalan"), "year_profit"),
                (_("Laba dibagikan (SHU) tahun berjalan"), "year_sharing"))
    rows += [Row({"uraian": label, "now": getattr(now, field), "before": getattr(before, field)},
                 indent=1) for label, field in retained]
    rows.append(Row({"uraian": _("Saldo Laba"), "now": now.retained_earnings,
                     "before": before.retained_earnings}, "subtotal", indent=1))
    rows.append(total(_("Jumlah Ekuitas"), now.total_equity, before.total_equity))
    rows.append(total(_("JUMLAH LIABILITAS DAN EKUITAS"), now.total_liabilities + now.total_equity,
                      before.total_liabilities + before.total_equity, "total"))
    notes = [_("Kolom kedua: posisi pada akhir hari sebelum periode dimulai, sebagai pembanding. "
               "Laba tahun-tahun sebelumnya sudah masuk saldo laba; laba tahun berjalan dihitung "
               "dari 1 Januari sampai tanggal kolom; bagi hasil (SHU) diambil dari saldo laba.")]
    return TabularReport(title=_("Laporan Posisi Keuangan"), subtitle=as_of_text(fp.period.end),
                         columns=cols, rows=rows, notes=notes)


# --- cash flow ---------------------------------------------------------------------------

# Where a counter-account puts a cash movement: (activity, line label).
OPERATING, INVESTING, FINANCING = "operating", "investing", "financing"
_CUSTOMERS = (OPERATING, N_("Penerimaan dari pelanggan"))
_OTHER_IN = (OPERATING, N_("Penerimaan lain-lain"))
_SUPPLIERS = (OPERATING, N_("Pembayaran kepada pemasok bahan"))
_WAGES = (OPERATING, N_("Pembayaran upah dan kasbon anggota"))
_COSTS = (OPERATING, N_("Pembayaran beban usaha lainnya"))
_EQUIPMENT = (INVESTING, N_("Pembelian dan penjualan peralatan"))
_CAPITAL = (FINANCING, N_("Simpanan anggota dan dana kelompok"))
_SHARES = (FINANCING, N_("Pembayaran bagi hasil anggota"))
_OPENING = (FINANCING, N_("Saldo awal buku (modal awal)"))
CASH_FLOW_LINES = (_CUSTOMERS, _OTHER_IN, _SUPPLIERS, _WAGES, _COSTS, _EQUIPMENT, _CAPITAL, _SHARES, _OPENING)
_BY_CODE = {
    A.RECEIVABLES: _CUSTOMERS, A.CUSTOMER_DEPOSITS: _CUSTOMERS, A.REVENUE_OTHER: _OTHER_IN,
    A.PAYABLES: _SUPPLIERS, A.INVENTORY: _SUPPLIERS, A.PREPAID: _SUPPLIERS,
    A.COST_MATERIALS: _SUPPLIERS,
    A.WAGES_PAYABLE: _WAGES, A.COST_LABOUR: _WAGES, A.MEMBER_ADVANCES: _WAGES,
    A.EQUIPMENT: _EQUIPMENT, A.ACCUM_DEPRECIATION: _EQUIPMENT,
    A.MEMBER_CAPITAL: _CAPITAL, A.GROUP_FUND: _CAPITAL,
    A.PROFIT_SHARE_PAYABLE: _SHARES, A.RETAINED_EARNINGS: _SHARES,
    A.OPENING_BALANCE: _OPENING,
}


def classify_counter_account(code: str, type_: str) -> tuple[str, str]:
    """The cash-flow line a cash movement against account ``code`` belongs to."""
    if code in _BY_CODE:
        return _BY_CODE[code]
    if type_ == "pendapatan":
        return _CUSTOMERS
    if type_ == "aset" and code.startswith("1-2"):
        return _EQUIPMENT
    if type_ == "ekuitas":
        return _CAPITAL
    return _COSTS


@dataclass(frozen=True)
class CashFlow:
    period: Period
    lines: tuple[tuple[str, str, int], ...]   # (activity, label source string, amount)
    opening: dict[str, int]                   # cash and bank by code before the period
    closing: dict[str, int]

    def activity_total(self, activity: str) -> int:
        return sum(a for act, _l, a in self.lines if act == activity)

    @property
    def net_change(self) -> int:
        return sum(a for *_x, a in self.lines)

    @property
    def opening_total(self) -> int:
        return sum(self.opening.values())

    @property
    def closing_total(self) -> int:
        return sum(self.closing.values())


def cash_flow(book: Book, start: dt.date | None = None, end: dt.date | None = None) -> CashFlow:
    period = resolve_period(start, end)
    with book.reading() as s:
        types = {a.code: a.type for a in accounts(s)}
        counter = counter_sums_of_cash_entries(s, period.start, period.end)
        opening = cash_balance(s, before=period.start)
        closing = cash_balance(s, until=period.end)
    totals = {line: 0 for line in CASH_FLOW_LINES}
    for code, amount in counter.items():
        totals[classify_counter_account(code, types.get(code, ""))] -= amount
    lines = tuple((act, label, totals[(act, label)]) for act, label in CASH_FLOW_LINES)
    return CashFlow(period, lines, opening, closing)


def build_cash_flow(book: Book, start: dt.date | None, end: dt.date | None) -> TabularReport:
    cf = cash_flow(book, start, end)
    heads = {OPERATING: (N_("ARUS KAS DARI AKTIVITAS OPERASI"),
                         N_("Arus kas bersih dari aktivitas operasi")),
             INVESTING: (N_("ARUS KAS DARI AKTIVITAS INVESTASI"),
                         N_("Arus kas bersih dari aktivitas investasi")),
             FINANCING: (N_("ARUS KAS DARI AKTIVITAS PENDANAAN"),
                         N_("Arus kas bersih dari aktivitas pendanaan"))}
    rows: list[Row] = []
    for activity, (head, net) in heads.items():
        rows.append(Row({"uraian": _(head)}, "heading"))
        for act, label, amount in cf.lines:
            if act != activity or (amount == 0 and (act, label) in (_OPENING, _OTHER_IN)):
                continue
            rows.append(Row({"uraian": _(label), "jumlah": amount}, indent=1))
        rows.append(Row({"uraian": _(net), "jumlah": cf.activity_total(activity)}, "subtotal"))
    rows.append(Row({"uraian": _("KENAIKAN (PENURUNAN) KAS DAN BANK"), "jumlah": cf.net_change},
                    "subtotal"))
    rows.append(Row({"uraian": _("Kas dan bank awal periode ({date})").format(
        date=format_date(cf.period.before)), "jumlah": cf.opening_total}))
    rows.append(Row({"uraian": _("KAS DAN BANK AKHIR PERIODE ({date})").format(
        date=format_date(cf.period.end)), "jumlah": cf.closing_total}, "total"))
    with book.reading() as s:
        names = {a.code: a.name for a in accounts(s)}
        notes = _empty_note(s, cf.period.start, cf.period.end)
    for code, amount in cf.closing.items():
        rows.append(Row({"uraian": names.get(code, code), "jumlah": amount}, indent=1))
    notes.append(_("Metode langsung: setiap penerimaan dan pengeluaran kas dan bank dikelompokkan "
                   "menurut akun lawannya. Pemindahan antara kas dan bank tidak dihitung."))
    return TabularReport(title=_("Laporan Arus Kas"), subtitle=period_text(cf.period),
                         columns=[_text_col(), _amount_col()], rows=rows, notes=notes)


register_report("profit-loss", N_("Laporan Laba Rugi"), build_profit_loss, order=10)
register_report("financial-position", N_("Laporan Posisi Keuangan"), build_financial_position,
                order=20)
register_report("cash-flow", N_("Laporan Arus Kas"), build_cash_flow, order=30)

"""The figures of the SAK EMKM statements, computed from the journal's sums by account.

Plain data in, frozen dataclasses out: no session, no SQL. The full path (statements.py, through
SQLAlchemy) and the lean path (lean.py, through sqlite3) read the same sums and hand them here,
so both give the same figures.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kws_desktop.core.accounts import A, is_cost_of_sales, is_noncurrent_asset
from kws_desktop.i18n import N_
from kws_desktop.services.reports import Period

Line = tuple[str, str, int]  # (code, name, amount in the account's normal direction)
Sums = Mapping[str, int]     # signed journal totals by account code (debit positive)


@dataclass(frozen=True)
class AccountInfo:
    id: int
    code: str
    name: str
    type: str
    is_cash: bool
    active: bool

    @property
    def sign(self) -> int:
        """+1 for assets and expenses (debit normal), -1 for the rest."""
        return 1 if self.type in ("aset", "beban") else -1


def account_infos(rows, language: str) -> list[AccountInfo]:
    """AccountInfo from the rows of totals_sql.ACCOUNTS, named in ``language``."""
    return [AccountInfo(id_, code, name_en if language == "en" else name_id, type_, bool(is_cash), bool(active))
            for id_, code, name_id, name_en, type_, is_cash, active in rows]


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


def profit_loss_from(period: Period, sums: Sums, accounts: Sequence[AccountInfo]) -> ProfitLoss:
    """Profit and loss for ``period`` from the period's ``sums``; ``accounts`` in code order."""
    revenue, cost, operating = [], [], []
    for acc in accounts:
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


def position_from(day: dt.date, through_day: Sums, before_year: Sums,
                  accounts: Sequence[AccountInfo]) -> PositionColumn:
    """The position at the end of ``day`` from the sums of every day through it
    (``through_day``) and of every day before 1 January of its year (``before_year``)."""
    income_codes = {a.code for a in accounts if a.type in ("pendapatan", "beban")}
    earlier_profit = -sum(v for code, v in before_year.items() if code in income_codes)
    all_profit = -sum(v for code, v in through_day.items() if code in income_codes)
    retained_before = -before_year.get(A.RETAINED_EARNINGS, 0)
    retained_now = -through_day.get(A.RETAINED_EARNINGS, 0)
    current, noncurrent, liabilities, equity = [], [], [], []
    for acc in accounts:
        amount = acc.sign * through_day.get(acc.code, 0)
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


def year_before(day: dt.date) -> dt.date:
    """The last day of the year before ``day``'s (the through-day of ``before_year``)."""
    return dt.date(day.year, 1, 1) - dt.timedelta(days=1)


def as_day(value: dt.date | str | None) -> dt.date | None:
    """A day read from SQL: a date (SQLAlchemy on PostgreSQL), ISO text (SQLite) or NULL."""
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class FinancialPosition:
    """The position at the period's end (``now``) and at the end of the day before it
    (``before``). ``book_start`` is the day of the book's first journal entry (None in an empty
    book): before it the book holds nothing, so ``before`` is a comparison only from that day on."""
    period: Period
    now: PositionColumn
    before: PositionColumn
    book_start: dt.date | None

    @property
    def compared(self) -> bool:
        """Whether the book holds the day before the period (its comparison column is shown)."""
        return self.book_start is not None and self.book_start <= self.period.before


# --- cash flow ---------------------------------------------------------------------------

# Where a counter-account puts a cash movement: (activity, line label).
OPERATING, INVESTING, FINANCING = "operating", "investing", "financing"
CUSTOMERS = (OPERATING, N_("Penerimaan dari pelanggan"))
OTHER_IN = (OPERATING, N_("Penerimaan lain-lain"))
_SUPPLIERS = (OPERATING, N_("Pembayaran kepada pemasok bahan"))
_WAGES = (OPERATING, N_("Pembayaran upah dan kasbon anggota"))
_COSTS = (OPERATING, N_("Pembayaran beban usaha lainnya"))
_EQUIPMENT = (INVESTING, N_("Pembelian dan penjualan peralatan"))
_CAPITAL = (FINANCING, N_("Simpanan anggota dan dana kelompok"))
_SHARES = (FINANCING, N_("Pembayaran bagi hasil anggota"))
OPENING = (FINANCING, N_("Saldo awal buku (modal awal)"))
CASH_FLOW_LINES = (CUSTOMERS, OTHER_IN, _SUPPLIERS, _WAGES, _COSTS, _EQUIPMENT, _CAPITAL, _SHARES, OPENING)
_BY_CODE = {
    A.RECEIVABLES: CUSTOMERS, A.CUSTOMER_DEPOSITS: CUSTOMERS, A.REVENUE_OTHER: OTHER_IN,
    A.PAYABLES: _SUPPLIERS, A.INVENTORY: _SUPPLIERS, A.PREPAID: _SUPPLIERS,
    A.COST_MATERIALS: _SUPPLIERS,
    A.WAGES_PAYABLE: _WAGES, A.COST_LABOUR: _WAGES, A.MEMBER_ADVANCES: _WAGES,
    A.EQUIPMENT: _EQUIPMENT, A.ACCUM_DEPRECIATION: _EQUIPMENT,
    A.MEMBER_CAPITAL: _CAPITAL, A.GROUP_FUND: _CAPITAL,
    A.PROFIT_SHARE_PAYABLE: _SHARES, A.RETAINED_EARNINGS: _SHARES,
    A.OPENING_BALANCE: OPENING,
}


def classify_counter_account(code: str, type_: str) -> tuple[str, str]:
    """The cash-flow line a cash movement against account ``code`` belongs to."""
    if code in _BY_CODE:
        return _BY_CODE[code]
    if type_ == "pendapatan":
        return CUSTOMERS
    if is_noncurrent_asset(code, type_):
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
    settled_from_shares: int = 0              # kasbon payouts deducted from bagi hasil (see below)

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


def cash_flow_from(period: Period, counter: Sums, opening: dict[str, int], closing: dict[str, int],
                   accounts: Sequence[AccountInfo], *, settled_from_shares: int) -> CashFlow:
    """The cash flow of ``period`` from the signed sums of the other lines of its cash entries
    (``counter``) and the cash and bank balances before and at its end.

    ``settled_from_shares`` (totals_sql.KASBON_SETTLED_FROM_SHARES): the kasbon that payouts
    deducted from bagi hasil rather than from wages. It was never paid out as bagi hasil, so it
    comes off that line and goes back on the wages and kasbon line (which counted it as income)."""
    types = {a.code: a.type for a in accounts}
    totals = {line: 0 for line in CASH_FLOW_LINES}
    for code, amount in counter.items():
        totals[classify_counter_account(code, types.get(code, ""))] -= amount
    totals[_SHARES] += settled_from_shares
    totals[_WAGES] -= settled_from_shares
    lines = tuple((act, label, totals[(act, label)]) for act, label in CASH_FLOW_LINES)
    return CashFlow(period, lines, opening, closing, settled_from_shares)

"""Three readers of an exported journal that give the raw figures of the statements: hledger's
`bs`/`bse`/`is`/`cf` (by the declared account types), ledger's `bal` by the top account names,
and a small independent parser that needs neither tool. `presented` turns the raw figures into
the app's SAK EMKM presentation; `app_presented` takes the same figures from the app's reports.

Raw figures, every amount in its normal direction (assets and expenses debit, the rest credit):
- at the end of a day: current and noncurrent assets, assets, liabilities, the equity accounts
  (Saldo Laba among them), the Saldo Laba account, the profit of every year not closed into
  it (the journal has no closing entries), and assets less liabilities;
- over a period: revenue, cost of sales, operating expenses, net profit, the change of cash
  and bank.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
from collections import defaultdict
from functools import cache

from kws_desktop.services.reports.statements import cash_flow, financial_position, profit_loss

DAY = dt.timedelta(days=1)
SALDO_LABA = "Ekuitas:Saldo Laba"
_ENTRY = re.compile(r"^(\d{4}-\d{2}-\d{2}) \* \(([^)]*)\) (.*)$")
_POSTING = re.compile(r"^    (\S(?:\S| (?! ))*)  +(-?\d+) IDR(?:  ; .*)?$")
_ACCOUNT = re.compile(r"^account (\S(?:\S| (?! ))*)$")
_TYPE = re.compile(r"^    ; type: ([ACLERX])$")


# --- the independent parser --------------------------------------------------------------

class ParsedJournal:
    """Reads the export line by line: account declarations with their types, entries, postings.
    Checks every entry balances and every posting's account was declared with a type."""

    def __init__(self, text: str):
        self.types: dict[str, str] = {}
        self.postings: list[tuple[dt.date, str, int]] = []
        self.dates: list[dt.date] = []
        declaring = None
        open_sum = None
        for line in text.splitlines():
            if m := _ACCOUNT.match(line):
                declaring = m.group(1)
            elif declaring and (m := _TYPE.match(line)):
                self.types[declaring] = m.group(1)
                declaring = None
            elif m := _ENTRY.match(line):
                assert open_sum in (None, 0), "previous entry does not balance"
                self.dates.append(dt.date.fromisoformat(m.group(1)))
                open_sum = 0
            elif m := _POSTING.match(line):
                assert m.group(1) in self.types, f"posting to an undeclared account: {line}"
                self.postings.append((self.dates[-1], m.group(1), int(m.group(2))))
                open_sum += int(m.group(2))
            else:
                assert line == "" or line.startswith((";", "commodity ")), line
        assert open_sum in (None, 0)

    def balances(self, since: dt.date | None = None, until: dt.date | None = None) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for day, account, amount in self.postings:
            if (since is None or day >= since) and (until is None or day <= until):
                out[account] += amount
        return dict(out)

    def _sum(self, balances: dict[str, int], kinds: str, prefix: str = "") -> int:
        return sum(v for k, v in balances.items() if self.types[k] in kinds and k.startswith(prefix))

    def position(self, day: dt.date) -> dict[str, int]:
        b = self.balances(until=day)
        assets = self._sum(b, "AC")
        liabilities = -self._sum(b, "L")
        return {"current": self._sum(b, "AC", "Aset:Lancar:"),
                "noncurrent": self._sum(b, "AC", "Aset:Tidak Lancar:"),
                "assets": assets, "liabilities": liabilities, "equity": -self._sum(b, "E"),
                "saldo_laba": -b.get(SALDO_LABA, 0), "unclosed": -self._sum(b, "RX"),
                "net_worth": assets - liabilities}

    def period(self, start: dt.date, end: dt.date) -> dict[str, int]:
        b = self.balances(since=start, until=end)
        return {"revenue": -self._sum(b, "R"),
                "cost_of_sales": self._sum(b, "X", "Beban:Pokok Pendapatan:"),
                "operating": self._sum(b, "X", "Beban:Usaha:"),
                "net": -self._sum(b, "RX"), "cash": self._sum(b, "C")}


# --- hledger -------------------------------------------------------------------------------

def _idr(text: str) -> int:
    text = text.strip()
    return int(text.removesuffix(" IDR")) if text not in ("", "0") else 0


def _hledger_rows(path, *args) -> list[list[str]]:
    r = subprocess.run(["hledger", "-f", str(path), "--strict", *args, "-O", "csv"],
                       capture_output=True, text=True, check=True)
    return list(csv.reader(io.StringIO(r.stdout)))


def _sections(rows: list[list[str]]) -> tuple[dict[str, dict[str, int]], int]:
    """A multi-section report (bs, bse, is, cf) as {section: {account or "total": amount}}, Net."""
    sections: dict[str, dict[str, int]] = {}
    current = None
    net = 0
    for row in rows[2:]:
        name, amount = row[0], (row[1] if len(row) > 1 else "")
        label = name.lower().rstrip(":")  # hledger 1.25 writes "total", later ones "Total:"
        if label == "net":
            net = _idr(amount)
        elif label == "total":
            current["total"] = _idr(amount)
        elif amount == "":
            current = sections.setdefault(name, {})
        else:
            current[name] = _idr(amount)
    return sections, net


class Hledger:
    """hledger's own statements: it knows each account's type from the declarations."""

    def __init__(self, path):
        self.path = path

    @cache
    def position(self, day: dt.date) -> dict[str, int]:
        end = (day + DAY).isoformat()
        bs, net_worth = _sections(_hledger_rows(self.path, "bs", "-e", end, "--flat", "--depth", "2"))
        bse, unclosed = _sections(_hledger_rows(self.path, "bse", "-e", end, "--flat"))
        return {"current": bs["Assets"].get("Aset:Lancar", 0),
                "noncurrent": bs["Assets"].get("Aset:Tidak Lancar", 0),
                "assets": bs["Assets"].get("total", 0),
                "liabilities": bs["Liabilities"].get("total", 0),
                "equity": bse["Equity"].get("total", 0),
                "saldo_laba": bse["Equity"].get(SALDO_LABA, 0),
                "unclosed": unclosed, "net_worth": net_worth}

    @cache
    def period(self, start: dt.date, end: dt.date) -> dict[str, int]:
        dates = ("-b", start.isoformat(), "-e", (end + DAY).isoformat())
        income, net = _sections(_hledger_rows(self.path, "is", *dates, "--flat", "--depth", "2"))
        cash, _net = _sections(_hledger_rows(self.path, "cf", *dates))
        return {"revenue": income["Revenues"].get("total", 0),
                "cost_of_sales": income["Expenses"].get("Beban:Pokok Pendapatan", 0),
                "operating": income["Expenses"].get("Beban:Usaha", 0),
                "net": net, "cash": next(iter(cash.values())).get("total", 0)}


# --- ledger ----------------------------------------------------------------------------------

class Ledger:
    """Plain ledger has no account types: it reads them from the top names (^Aset, ...), and the
    cash accounts are the ones the file declares with type C."""

    ROOTS = ("^Aset", "^Liabilitas", "^Ekuitas", "^Pendapatan", "^Beban")

    def __init__(self, path, cash_accounts: list[str]):
        self.path = path
        self.cash = cash_accounts

    def _bal(self, *args) -> dict[str, int]:
        r = subprocess.run(["ledger", "-f", str(self.path), "--strict", "bal", "--flat", "--no-total",
                            "--balance-format", "%(account)\t%(quantity(scrub(display_total)))\n",
                            *args], capture_output=True, text=True, check=True)
        assert "Warning" not in r.stderr, r.stderr
        return {account: int(amount) for account, amount in
                (line.split("\t") for line in r.stdout.splitlines())}

    def _sum(self, balances: dict[str, int], prefix: str) -> int:
        return sum(v for k, v in balances.items() if k == prefix or k.startswith(prefix + ":"))

    @cache
    def position(self, day: dt.date) -> dict[str, int]:
        b = self._bal("-e", (day + DAY).isoformat(), *self.ROOTS)
        assets, liabilities = self._sum(b, "Aset"), -self._sum(b, "Liabilitas")
        return {"current": self._sum(b, "Aset:Lancar"),
                "noncurrent": self._sum(b, "Aset:Tidak Lancar"),
                "assets": assets, "liabilities": liabilities, "equity": -self._sum(b, "Ekuitas"),
                "saldo_laba": -self._sum(b, SALDO_LABA),
                "unclosed": -self._sum(b, "Pendapatan") - self._sum(b, "Beban"),
                "net_worth": assets - liabilities}

    @cache
    def period(self, start: dt.date, end: dt.date) -> dict[str, int]:
        b = self._bal("-b", start.isoformat(), "-e", (end + DAY).isoformat(), *self.ROOTS)
        revenue = -self._sum(b, "Pendapatan")
        cost, operating = self._sum(b, "Beban:Pokok Pendapatan"), self._sum(b, "Beban:Usaha")
        return {"revenue": revenue, "cost_of_sales": cost, "operating": operating,
                "net": revenue - cost - operating,
                "cash": sum(self._sum(b, name) for name in self.cash)}


# --- the app's presentation ------------------------------------------------------------------

def presented(reader, start: dt.date, end: dt.date) -> dict[str, int]:
    """The figures of the app's P&L, financial position (at ``end``) and cash flow, made from a
    reader's raw figures the SAK EMKM way: every earlier year closed into Saldo Laba."""
    year_start = dt.date(end.year, 1, 1)
    now, last_year = reader.position(end), reader.position(year_start - DAY)
    flow, year = reader.period(start, end), reader.period(year_start, end)
    return {
        "revenue": flow["revenue"], "cost_of_sales": flow["cost_of_sales"],
        "gross_profit": flow["revenue"] - flow["cost_of_sales"], "operating": flow["operating"],
        "net_profit": flow["net"], "cash_change": flow["cash"],
        "current_assets": now["current"], "noncurrent_assets": now["noncurrent"],
        "assets": now["assets"], "liabilities": now["liabilities"],
        "equity_accounts": now["equity"] - now["saldo_laba"],
        "retained_opening": last_year["saldo_laba"] + last_year["unclosed"],
        "year_profit": year["net"],
        "year_sharing": now["saldo_laba"] - last_year["saldo_laba"],
        "retained_earnings": now["saldo_laba"] + now["unclosed"],
        "total_equity": now["net_worth"],
    }


def app_presented(book, start: dt.date, end: dt.date) -> dict[str, int]:
    pl = profit_loss(book, start, end)
    fp = financial_position(book, start, end).now
    return {
        "revenue": pl.total_revenue, "cost_of_sales": pl.total_cost_of_sales,
        "gross_profit": pl.gross_profit, "operating": pl.total_operating,
        "net_profit": pl.net_profit, "cash_change": cash_flow(book, start, end).net_change,
        "current_assets": fp.total_current_assets, "noncurrent_assets": fp.total_noncurrent_assets,
        "assets": fp.total_assets, "liabilities": fp.total_liabilities,
        "equity_accounts": sum(a for *_x, a in fp.equity),
        "retained_opening": fp.retained_opening, "year_profit": fp.year_profit,
        "year_sharing": fp.year_sharing, "retained_earnings": fp.retained_earnings,
        "total_equity": fp.total_equity,
    }

"""`export-ledger`: the journal as ledger/hledger text whose balances equal the app's.

The comparison with the real tools runs when `hledger` or `ledger` is installed (CI: apt-get
install hledger ledger); an independent parser here always checks the same thing.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from collections import defaultdict

import pytest

from kws_desktop.cli import main
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.services.exchange.ledger_export import export_ledger, ledger_account_name

_ENTRY = re.compile(r"^(\d{4}-\d{2}-\d{2}) \* \(([^)]*)\) (.*)$")
_POSTING = re.compile(r"^    (\S(?:\S| (?! ))*)  +(-?\d+) IDR(?:  ; .*)?$")


def parse_journal(text: str) -> tuple[dict[str, int], list[dt.date]]:
    """A small independent reader: balances by account, entry dates; checks every entry sums to 0."""
    balances: dict[str, int] = defaultdict(int)
    dates: list[dt.date] = []
    open_sum = None
    for line in text.splitlines():
        if m := _ENTRY.match(line):
            assert open_sum in (None, 0), "previous entry does not balance"
            dates.append(dt.date.fromisoformat(m.group(1)))
            open_sum = 0
        elif m := _POSTING.match(line):
            balances[m.group(1)] += int(m.group(2))
            open_sum += int(m.group(2))
        else:
            assert line == "" or line.startswith((";", "account ", "commodity ")), line
    assert open_sum in (None, 0)
    return dict(balances), dates


def app_balances(book) -> dict[str, int]:
    """The app's signed balances (debit positive) keyed by ledger account name."""
    with book.reading() as s:
        rows = account_balances(s)
    from kws_desktop.store.models.book import Account
    from sqlalchemy import select
    with book.reading() as s:
        names = {a.code: ledger_account_name(a.type, a.name_id) for a in s.execute(select(Account)).scalars()}
    return {names[r.code]: r.balance * (1 if r.type in ("aset", "beban") else -1)
            for r in rows if r.balance}


@pytest.fixture
def sample_book(book):
    from test_reports import post_samples
    post_samples(book)
    return book


@pytest.fixture(params=["sample", "demo"])
def any_book(request, book, demo_book):
    if request.param == "sample":
        from test_reports import post_samples
        post_samples(book)
        return book
    return demo_book


def test_export_parses_and_balances(any_book, tmp_path):
    out = tmp_path / "buku.journal"
    summary = export_ledger(any_book, out)
    balances, dates = parse_journal(out.read_text(encoding="utf-8"))
    assert dates == sorted(dates) and len(dates) == summary.entries
    assert {k: v for k, v in balances.items() if v} == app_balances(any_book)


@pytest.mark.skipif(shutil.which("hledger") is None, reason="hledger is not installed")
def test_hledger_agrees(any_book, tmp_path):
    out = tmp_path / "buku.journal"
    export_ledger(any_book, out)
    r = subprocess.run(["hledger", "-f", str(out), "--strict", "bal", "--flat", "--no-total",
                        "-O", "csv"], capture_output=True, text=True, check=True)
    got = {}
    for account, balance in list(csv.reader(io.StringIO(r.stdout)))[1:]:
        amount = int(balance.replace(" IDR", "")) if balance not in ("0", "") else 0
        if amount:
            got[account] = amount
    assert got == app_balances(any_book)


@pytest.mark.skipif(shutil.which("ledger") is None, reason="ledger is not installed")
def test_ledger_agrees(any_book, tmp_path):
    out = tmp_path / "buku.journal"
    export_ledger(any_book, out)
    r = subprocess.run(["ledger", "-f", str(out), "--strict", "bal", "--flat", "--no-total",
                        "--balance-format", "%(account)\t%(quantity(scrub(display_total)))\n"],
                       capture_output=True, text=True, check=True)
    assert "Warning" not in r.stderr
    got = {}
    for line in r.stdout.splitlines():
        account, amount = line.split("\t")
        if int(amount):
            got[account] = int(amount)
    assert got == app_balances(any_book)


def test_account_names_are_safe():
    assert ledger_account_name("aset", "Kas") == "Aset:Kas"
    assert ledger_account_name("pendapatan", "Jasa (Sedot: Tinja)  ;x") == "Pendapatan:Jasa - Sedot- Tinja ,x"


def test_description_with_odd_text_stays_one_line(book, tmp_path):
    from kws_desktop.core.accounts import A
    from kws_desktop.core.ledger import credit, debit
    from kws_desktop.services.book.ledger import post_entry
    with book.transaction() as s:
        post_entry(s, date=dt.date(2026, 1, 2), description="Bayar  ;  nota\nbaris dua | x",
                   postings=[debit(A.OPERATING, 10), credit(A.CASH, 10, memo="catatan\t; aneh")],
                   source_type="test", source_id=None, actor="t")
    out = tmp_path / "j.journal"
    export_ledger(book, out)
    text = out.read_text(encoding="utf-8")
    assert "Bayar ; nota baris dua | x" in text
    balances, _d = parse_journal(text)
    assert balances == {"Beban:Beban Operasional Kelompok": 10, "Aset:Kas": -10}


def test_cli_export_ledger(demo_path, tmp_path, capsys):
    out = tmp_path / "demo.journal"
    assert main(["export-ledger", str(demo_path), "--out", str(out)]) == 0
    assert "Jurnal ditulis" in capsys.readouterr().out and out.exists()


def test_cli_export_ledger_unwritable(demo_path, tmp_path, capsys):
    assert main(["export-ledger", str(demo_path), "--out", str(tmp_path / "nope" / "x.journal")]) == 1
    assert "tidak ada" in capsys.readouterr().err
    folder = tmp_path / "dir.journal"
    folder.mkdir()
    assert main(["export-ledger", str(demo_path), "--out", str(folder)]) == 1
    assert "tidak dapat ditulis" in capsys.readouterr().err

"""`export-ledger`: the journal as ledger/hledger text whose balances and statements equal the app's.

The comparison with the real tools runs when `hledger` or `ledger` is installed (CI: apt-get
install hledger ledger, `dev.py` asks for both); an independent parser here
(`ledger_readers.ParsedJournal`) always checks the same things.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from kws_desktop.cli import main
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.ledger import account_balances
from kws_desktop.services.exchange.ledger_export import (account_declarations, export_ledger,
                                                         ledger_account_name)
from kws_desktop.store.models.book import Account
from ledger_readers import Hledger, Ledger, ParsedJournal, app_presented, presented

needs_hledger = pytest.mark.skipif(shutil.which("hledger") is None, reason="hledger is not installed")
needs_ledger = pytest.mark.skipif(shutil.which("ledger") is None, reason="ledger is not installed")


def app_balances(book) -> dict[str, int]:
    """The app's signed balances (debit positive) keyed by ledger account name."""
    with book.reading() as s:
        rows = account_balances(s)
        names = {a.code: ledger_account_name(a.code, a.type, a.name_id)
                 for a in s.execute(select(Account)).scalars()}
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
    journal = ParsedJournal(out.read_text(encoding="utf-8"))
    assert journal.dates == sorted(journal.dates) and len(journal.dates) == summary.entries
    assert {k: v for k, v in journal.balances().items() if v} == app_balances(any_book)


@needs_hledger
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


@needs_ledger
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


def test_account_names_are_safe_and_grouped_as_the_statements():
    assert ledger_account_name("1-1100", "aset", "Kas") == "Aset:Lancar:Kas"
    assert ledger_account_name("1-2100", "aset", "Peralatan") == "Aset:Tidak Lancar:Peralatan"
    assert ledger_account_name("5-1000", "beban", "Beban Bahan") == "Beban:Pokok Pendapatan:Beban Bahan"
    assert ledger_account_name("6-1000", "beban", "Operasional") == "Beban:Usaha:Operasional"
    assert ledger_account_name("3-3000", "ekuitas", "Saldo Laba") == "Ekuitas:Saldo Laba"
    assert (ledger_account_name("4-2000", "pendapatan", "Jasa (Sedot: Tinja)  ;x")
            == "Pendapatan:Jasa - Sedot- Tinja ,x")


def test_every_account_and_its_parents_are_declared_with_a_type():
    declared = dict(account_declarations([("Aset:Lancar:Kas", "aset", True),
                                          ("Aset:Lancar:Piutang Usaha", "aset", False),
                                          ("Beban:Usaha:Operasional", "beban", False),
                                          ("Liabilitas:Utang Usaha", "liabilitas", False),
                                          ("Lain:Aneh", "lain", False)]))
    assert declared == {"Aset": "A", "Aset:Lancar": "A", "Aset:Lancar:Kas": "C",
                        "Aset:Lancar:Piutang Usaha": "A", "Beban": "X", "Beban:Usaha": "X",
                        "Beban:Usaha:Operasional": "X", "Liabilitas": "L",
                        "Liabilitas:Utang Usaha": "L", "Lain": None, "Lain:Aneh": None}


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
    assert ParsedJournal(text).balances() == {"Beban:Usaha:Beban Operasional Kelompok": 10,
                                              "Aset:Lancar:Kas": -10}


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


# --- the statements of hledger and ledger are the app's, on demo books of several seeds ----

SEEDS = (3, 7, 11)
TODAY = dt.date(2026, 11, 28)
PERIODS = ((dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2026, 1, 1), TODAY),
           (dt.date(2026, 4, 1), dt.date(2026, 6, 30)), (dt.date(2025, 3, 1), dt.date(2026, 2, 28)))


@pytest.fixture(scope="module")
def seed_exports(tmp_path_factory):
    """{seed: (book path, its export)}, built once for this module."""
    from kws_desktop.services.training.demo import build_demo
    folder = tmp_path_factory.mktemp("ledger-seeds")
    made = {}
    for seed in SEEDS:
        path, journal = folder / f"demo-{seed}.kws", folder / f"demo-{seed}.journal"
        build_demo(path, seed=seed, orders=20, years=2, today=TODAY)
        with open_book(path, read_only=True) as book:
            export_ledger(book, journal)
        made[seed] = (path, journal)
    return made


@pytest.fixture(params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def seed_export(request, seed_exports):
    path, journal = seed_exports[request.param]
    with open_book(path, read_only=True) as book:
        yield book, journal


def _compare(book, reader):
    for start, end in PERIODS:
        app = app_presented(book, start, end)
        assert app["revenue"] and app["cost_of_sales"] and app["assets"]  # a real comparison
        assert presented(reader, start, end) == app, (start, end)


def test_statements_from_the_export_equal_the_apps(seed_export):
    book, journal = seed_export
    parsed = ParsedJournal(journal.read_text(encoding="utf-8"))
    assert {t for t in parsed.types.values()} == {"A", "C", "L", "E", "R", "X"}
    _compare(book, parsed)


@needs_hledger
def test_hledger_bs_is_cf_equal_the_apps_statements(seed_export):
    book, journal = seed_export
    _compare(book, Hledger(journal))


@needs_ledger
def test_ledger_balances_by_type_equal_the_apps_statements(seed_export):
    book, journal = seed_export
    parsed = ParsedJournal(journal.read_text(encoding="utf-8"))
    _compare(book, Ledger(journal, [name for name, kind in parsed.types.items() if kind == "C"]))


@needs_hledger
def test_hledger_reads_the_type_of_every_account(seed_export):
    _book, journal = seed_export
    declared = ParsedJournal(journal.read_text(encoding="utf-8")).types
    r = subprocess.run(["hledger", "-f", str(journal), "accounts", "--types"],
                       capture_output=True, text=True, check=True)
    read = dict(re.fullmatch(r"(.*?) +; type: (\w+)", line).groups() for line in r.stdout.splitlines())
    assert read == declared
    assert read["Aset:Lancar:Kas"] == "C" and read["Ekuitas:Saldo Laba"] == "E"

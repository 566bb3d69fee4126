#!/usr/bin/env python3
"""The targets of issue 20, measured as ratios in one run (whole processes, offscreen):

    python benchmarks/targets.py [--runs 3] [--sizes 100000,1000000] [--json out.json]

- profit-loss (`kws-desktop report profit-loss`, this year to date) printed to the terminal (the
  lean path: sqlite3 over the totals) and as PDF (the full path), against `ledger bal` and
  `hledger bal` on the same book's `export-ledger` journal; its time at 1M against 100k;
- start until the dashboard shows its money figures (the lean path, on the opening screen) and
  all its figures, against an empty PySide6 window painted the same way, at 1k, 100k and 1M
  entries, with the peak memory (max RSS) of that process;
- the cash book as PDF for a busy stretch of the year (about 200 pages), with its page count.

Books: the benchmark's 1,000-entry demo book (through the services, benchmarks/.cache/), and from
it the larger books by the bulk path (benchmarks/bulk_book.py: cash entries with the services'
rules, batched writes), kept in benchmarks/.cache/ as entries-N-bulk.kws. `check` is run on each
bulk book once, when it is built.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bulk_book  # noqa: E402
from run import CACHE, EMPTY_WINDOW, PY, child_env, ensure_book, fmt_s, kws  # noqa: E402


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Wall and CPU seconds and peak memory (MiB) of one child process (os.wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env or child_env())
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.stdout.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{out[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
            "out": out}


def median_of(runs: int, cmd: list[str], env: dict | None = None) -> dict:
    got = [timed(cmd, env) for _ in range(runs)]
    return {k: statistics.median(g[k] for g in got) for k in ("wall", "cpu", "rss_mib")} | {"out": got[-1]["out"]}


def _mark(out: str, name: str) -> float | None:
    m = re.search(rf"\b{name}=([0-9.]+)", out)
    return float(m.group(1)) if m else None


def start(book: Path | None, runs: int) -> dict:
    """Medians of the marks the window prints (ui/shell/app.py) and of its peak memory."""
    marks: dict[str, list[float]] = {"first_paint_s": [], "money_figures_after_s": [], "painted_after_s": [],
                                     "figures_after_s": []}
    rss = []
    for _ in range(runs):
        if book is None:
            r = timed([PY, "-c", EMPTY_WINDOW])
        else:
            r = timed(kws(str(book)), child_env(KWS_DESKTOP_EXIT_AFTER_PAINT="1"))
        rss.append(r["rss_mib"])
        for name, values in marks.items():
            value = _mark(r["out"], name)
            if value is not None:
                values.append(value)
    return {name: statistics.median(v) if v else None for name, v in marks.items()} | {
        "rss_mib": statistics.median(rss)}


SUMS = r"""
import json, sys, time
from kws_desktop.services.book.books import open_book
from kws_desktop.services.reports.dashboard import dashboard
from kws_desktop.services.reports import lean
from kws_desktop.services.reports.statements import cash_flow, financial_position, profit_loss
from kws_desktop.store import totals
book = open_book(sys.argv[1], read_only=True, defer_checks=True)
def timed(fn):
    best = None
    for _ in range(3):
        t = time.perf_counter(); value = fn(); t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    return best, value
out = {}
out["profit_loss_lean"], _ = timed(lambda: lean.read_report(sys.argv[1], "profit-loss"))
out["dashboard_lean"], money = timed(lambda: lean.read_money_figures(sys.argv[1]))
out["lean_same"] = money == dashboard(book).money
for how in ("totals", "scan"):
    if how == "scan":
        totals.current = lambda conn: False
    for name, fn in (("profit_loss", lambda: profit_loss(book)), ("financial_position", lambda: financial_position(book)),
                     ("cash_flow", lambda: cash_flow(book)), ("dashboard", lambda: dashboard(book))):
        out[f"{name}_{how}"], out[f"{name}_{how}_value"] = timed(fn)
same = all(out[f"{n}_totals_value"] == out[f"{n}_scan_value"] for n in ("profit_loss", "financial_position", "cash_flow", "dashboard"))
print(json.dumps({k: v for k, v in out.items() if not k.endswith("_value")} | {"same": same}))
book.close(backup=False)
"""


def sums(book: Path) -> dict:
    """In one process: each statement's figures from the totals and from a scan of the journal
    (best of 3), and whether they are equal."""
    return json.loads(timed([PY, "-c", SUMS, str(book)])["out"].strip().splitlines()[-1])


def bulk(entries: int, base: Path) -> tuple[Path, dict | None]:
    path = CACHE / f"entries-{entries}-bulk.kws"
    if path.exists():
        return path, None
    tmp = CACHE / f"entries-{entries}-bulk.building.kws"
    print(f"building {entries:,} entries by the bulk path from {base.name} …", flush=True)
    made = bulk_book.build(base, tmp, entries, seed=11)
    t = time.perf_counter()
    check = subprocess.run(kws("check", str(tmp)), capture_output=True, text=True, env=child_env())
    made["check"] = check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr
    made["check_s"] = round(time.perf_counter() - t, 1)
    if check.returncode != 0:
        raise RuntimeError(f"check refused the bulk book:\n{check.stdout}\n{check.stderr}")
    for suffix in ("-wal", "-shm", ".lock"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    (CACHE / f"entries-{entries}-bulk.json").write_text(json.dumps(made))
    return path, made


def busy_stretch(book: Path, movements: int) -> tuple[str, str]:
    """The last days of the book holding about ``movements`` cash and bank movements."""
    con = sqlite3.connect(f"{book.resolve().as_uri()}?mode=ro", uri=True)
    try:
        last = con.execute("SELECT max(date) FROM journal_entries").fetchone()[0]
        days = con.execute(
            "SELECT e.date, count(DISTINCT e.id) FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id "
            "JOIN accounts a ON a.id = l.account_id WHERE a.is_cash GROUP BY e.date ORDER BY e.date DESC").fetchall()
    finally:
        con.close()
    seen, first = 0, last
    for day, n in days:
        seen += n
        first = day
        if seen >= movements:
            break
    return first, last


def pages(pdf: Path) -> int | None:
    if not shutil.which("pdfinfo"):
        return None
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"Pages:\s+(\d+)", info)
    return int(m.group(1)) if m else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--sizes", default="100000,1000000", help="bulk books besides the 1k demo book")
    p.add_argument("--cash-book-movements", type=int, default=8000,
                   help="cash movements in the busy stretch (≈ 200 pages)")
    p.add_argument("--no-cash-book", dest="cash_book", action="store_false",
                   help="leave out the cash book PDF (its own issue; a minute or two at 1M)")
    p.add_argument("--json")
    args = p.parse_args(argv)
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "kws_desktop")], check=True, env=child_env())
    base, _built = ensure_book(1000)
    books = {1000: base}
    built = {}
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        books[size], built[size] = bulk(size, base)
    results: dict = {"built": built, "books": {}}
    results["empty_window"] = start(None, args.runs)
    print(f"empty PySide6 window: painted {fmt_s(results['empty_window']['painted_after_s'])}, "
          f"{results['empty_window']['rss_mib']:.0f} MiB", flush=True)
    work = Path(tempfile.mkdtemp(prefix="kws-targets-"))
    try:
        for size, book in books.items():
            entries = sqlite3.connect(f"{book.resolve().as_uri()}?mode=ro", uri=True).execute(
                "SELECT count(*) FROM journal_entries").fetchone()[0]
            r: dict = {"entries": entries}
            r["sums"] = sums(book)
            r["empty_window"] = start(None, args.runs)  # right before, under the same load
            r["start"] = start(book, args.runs)
            pl = median_of(args.runs, kws("report", "profit-loss", str(book)))
            r["profit_loss"] = {k: pl[k] for k in ("wall", "cpu", "rss_mib")}
            pdf = median_of(args.runs, kws("report", "profit-loss", str(book), "--out", str(work / "pl.pdf")))
            r["profit_loss_pdf"] = {k: pdf[k] for k in ("wall", "cpu", "rss_mib")}
            journal = work / f"{size}.journal"
            r["export_s"] = timed(kws("export-ledger", str(book), "--out", str(journal)))["wall"]
            for tool in ("ledger", "hledger"):
                if shutil.which(tool) and not (tool == "hledger" and size > 100_000):
                    got = median_of(args.runs if size <= 100_000 else 1, [tool, "-f", str(journal), "bal"])
                    r[tool] = {k: got[k] for k in ("wall", "cpu", "rss_mib")}
            if args.cash_book:
                first, last = busy_stretch(book, args.cash_book_movements)
                pdf = work / f"kas-{size}.pdf"
                cb = timed(kws("report", "cash-book", str(book), "--from", first, "--to", last, "--out", str(pdf)))
                r["cash_book"] = {"from": first, "to": last, "wall": cb["wall"], "pages": pages(pdf)}
            journal.unlink(missing_ok=True)
            results["books"][size] = r
            print(f"\n== {entries:,} entries: in-process {r['sums']}\n   start {r['start']}\n   profit-loss {r['profit_loss']}\n"
                  f"   ledger {r.get('ledger')}\n   hledger {r.get('hledger')}\n   cash book {r.get('cash_book')}",
                  flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_ratios(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0


def print_ratios(results: dict) -> None:
    books = results["books"]
    sizes = sorted(books)
    print("\n| measure | " + " | ".join(f"{books[s]['entries']:,} entries" for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))

    def row(label, fn):
        cells = []
        for s in sizes:
            try:
                cells.append(fn(books[s]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("–")
        print(f"| {label} | " + " | ".join(cells) + " |")
    row("profit-loss to the terminal, whole process (CPU)",
        lambda b: f"{fmt_s(b['profit_loss']['wall'])} ({fmt_s(b['profit_loss']['cpu'])})")
    row("profit-loss as PDF, whole process (CPU)",
        lambda b: f"{fmt_s(b['profit_loss_pdf']['wall'])} ({fmt_s(b['profit_loss_pdf']['cpu'])})")
    row("`ledger bal` (CPU, memory)", lambda b: f"{fmt_s(b['ledger']['wall'])} ({fmt_s(b['ledger']['cpu'])}, "
        f"{b['ledger']['rss_mib']:.0f} MiB)")
    row("`hledger bal` (CPU, memory)", lambda b: f"{fmt_s(b['hledger']['wall'])} ({fmt_s(b['hledger']['cpu'])}, "
        f"{b['hledger']['rss_mib']:.0f} MiB)")
    row("**profit-loss ÷ `ledger bal`** (CPU)", lambda b: f"{b['profit_loss']['wall'] / b['ledger']['wall']:.2f} "
        f"({b['profit_loss']['cpu'] / b['ledger']['cpu']:.2f})")
    if 100_000 in books:
        base = books[100_000]["profit_loss"]
        row("**profit-loss ÷ profit-loss at 100k** (CPU)", lambda b: f"{b['profit_loss']['wall'] / base['wall']:.2f} "
            f"({b['profit_loss']['cpu'] / base['cpu']:.2f})")
    row("PDF ÷ `ledger bal` (CPU)", lambda b: f"{b['profit_loss_pdf']['wall'] / b['ledger']['wall']:.2f} "
        f"({b['profit_loss_pdf']['cpu'] / b['ledger']['cpu']:.2f})")
    row("profit-loss peak memory (terminal / PDF)",
        lambda b: f"{b['profit_loss']['rss_mib']:.0f} / {b['profit_loss_pdf']['rss_mib']:.0f} MiB")
    row("lean path in process: profit-loss / dashboard money", lambda b: f"{fmt_s(b['sums']['profit_loss_lean'])} / "
        f"{fmt_s(b['sums']['dashboard_lean'])}" + ("" if b["sums"]["lean_same"] else " (DIFFER)"))
    for name in ("profit_loss", "financial_position", "cash_flow", "dashboard"):
        row(f"{name} figures in process: totals / scan", lambda b, n=name: f"{fmt_s(b['sums'][n + '_totals'])} / "
            f"{fmt_s(b['sums'][n + '_scan'])}" + ("" if b["sums"]["same"] else " (DIFFER)"))
    row("start: first paint", lambda b: fmt_s(b["start"]["first_paint_s"]))
    row("start: money figures shown (lean path)", lambda b: fmt_s(b["start"]["money_figures_after_s"]))
    row("start: painted with the book open", lambda b: fmt_s(b["start"]["painted_after_s"]))
    row("start: dashboard figures shown", lambda b: fmt_s(b["start"]["figures_after_s"]))
    row("empty PySide6 window, painted (just before)", lambda b: fmt_s(b["empty_window"]["painted_after_s"]))
    row("**money figures shown ÷ empty window**",
        lambda b: f"{b['start']['money_figures_after_s'] / b['empty_window']['painted_after_s']:.2f}×")
    row("all figures shown ÷ empty window",
        lambda b: f"{b['start']['figures_after_s'] / b['empty_window']['painted_after_s']:.2f}×")
    row("peak memory, dashboard shown", lambda b: f"{b['start']['rss_mib']:.0f} MiB")
    row("cash book PDF, busy stretch", lambda b: f"{fmt_s(b['cash_book']['wall'])} ({b['cash_book']['pages']} pages, "
        f"{b['cash_book']['from']}…{b['cash_book']['to']})")


if __name__ == "__main__":
    raise SystemExit(main())

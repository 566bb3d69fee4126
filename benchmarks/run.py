#!/usr/bin/env python3
"""KWS Desktop benchmark: how the app behaves as a book grows.

    python benchmarks/run.py                       # books of about 1,000, 10,000 and 100,000 entries
    python benchmarks/run.py --sizes 1000,10000    # only some sizes
    python benchmarks/run.py --quick               # one small book, one run of each measure

Demo books are built once (`kws-desktop demo`) and kept in benchmarks/.cache/ for later runs
(building the 100,000-entry book takes a while: see docs/performance.md). Every measure runs in
a fresh process so imports, caches and memory are those a user meets; the window runs
offscreen (QT_QPA_PLATFORM=offscreen) with private settings and data folders.

Measured per book:
  start       cold start until the main window is painted with the book open (median of runs);
              an empty PySide6 window is measured once for the ratio
  list        first page of the orders list and scrolling to its end, through the real Qt model
  ui          the longest wait on the UI thread while the window opens the book, shows the
              dashboard and every area
  memory      peak memory (max RSS) with the book open and the dashboard shown
  reports     every report kind, whole process from the command line (PDF)
  kuitansi    a batch of 500 kuitansi PDFs (receipts per second)
  import      a large spreadsheet (`kws-desktop import` of a generated workbook) into a new book
  ledger      `ledger -f FILE bal` over the book's export-ledger output, when `ledger` is installed,
              and our profit-and-loss time as a ratio to it
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = Path(os.environ.get("KWS_BENCH_CACHE") or HERE / ".cache")  # where the books are kept
PY = sys.executable
DEMO_TODAY = "2026-11-28"

# journal entries wanted -> (--orders, --years) of `kws-desktop demo` (about 14-15.5 entries per order)
PLANS = {1000: (60, 2), 10000: (620, 4), 100000: (7000, 8)}


def plan_for(entries: int) -> tuple[int, int]:
    if entries in PLANS:
        return PLANS[entries]
    return max(1, round(entries / 15.5)), max(1, min(20, round(entries / 12500) or 1))


# --- environment -------------------------------------------------------------------------

_HOME = Path(tempfile.mkdtemp(prefix="kws-bench-home-"))


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(_HOME / "data"),
               XDG_CONFIG_HOME=str(_HOME / "config"),
               KWS_DESKTOP_CONFIG=str(_HOME / "config" / "pengaturan.json"),
               PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: compiled modules are kept
    env.update(extra)
    return env


def run(cmd: list[str], *, env: dict | None = None, check: bool = True) -> tuple[float, str]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env or child_env())
    elapsed = time.perf_counter() - t
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stdout


def kws(*args: str) -> list[str]:
    return [PY, "-m", "kws_desktop", *args]


def probe(name: str, *args: str) -> dict:
    """Run one of the in-process measures below in a fresh interpreter; it prints JSON."""
    _t, out = run([PY, str(Path(__file__).resolve()), "--probe", name, *args])
    return json.loads(out.strip().splitlines()[-1])


# --- building the books ----------------------------------------------------------------

def ensure_book(entries: int) -> tuple[Path, float | None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"entries-{entries}.kws"
    if path.exists():
        return path, None
    orders, years = plan_for(entries)
    tmp = CACHE / f"entries-{entries}.building.kws"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    print(f"building a demo book for about {entries:,} entries: demo --orders {orders} --years {years} …",
          flush=True)
    elapsed, _out = run(kws("demo", str(tmp), "--orders", str(orders), "--years", str(years), "--seed", "11"))
    os.replace(tmp, path)
    return path, elapsed


def count_entries(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("journal_entries", "journal_lines", "orders", "receipts")}
    finally:
        con.close()


# --- the measures ----------------------------------------------------------------------

EMPTY_WINDOW = r"""
import os, sys
from pathlib import Path
def age():
    ticks = os.sysconf("SC_CLK_TCK")
    start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
    return float(Path("/proc/uptime").read_text().split()[0]) - start
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("kosong")); w.resize(1200, 760)
class F(QObject):
    seen = False
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, lambda: (print(f"painted_after_s={age():.3f}", flush=True), app.exit(0)))
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""


def _painted(out: str) -> float:
    m = re.search(r"\bpainted_after_s=([0-9.]+)", out)
    if not m:
        raise RuntimeError("the window did not report its first paint:\n" + out)
    return float(m.group(1))


def _mark(out: str, name: str) -> float | None:
    m = re.search(rf"\b{name}=([0-9.]+)", out)
    return float(m.group(1)) if m else None


def measure_start(book: Path | None, runs: int) -> float:
    """Median seconds from process start to the first paint with the book open."""
    return measure_start_marks(book, runs)["painted_after_s"]


def measure_start_marks(book: Path | None, runs: int) -> dict[str, float | None]:
    """Medians of the window's start marks: first paint (the "Membuka buku…" screen), first
    paint with the book open, dashboard figures shown (see ui/shell/app.py)."""
    marks: dict[str, list[float]] = {"first_paint_s": [], "painted_after_s": [], "figures_after_s": []}
    for _ in range(runs):
        if book is None:
            _t, out = run([PY, "-c", EMPTY_WINDOW])
        else:
            proc = subprocess.run(kws(str(book)), capture_output=True, text=True,
                                  env=child_env(KWS_DESKTOP_EXIT_AFTER_PAINT="1"))
            out = proc.stdout
            if proc.returncode != 0:  # measured, but say so: the app must also quit cleanly
                print(f"  ! the app exited with {proc.returncode} after its marks:\n{proc.stderr[-2000:]}",
                      flush=True)
        _painted(out)
        for name, values in marks.items():
            value = _mark(out, name)
            if value is not None:
                values.append(value)
    return {name: statistics.median(v) if v else None for name, v in marks.items()}


def measure_reports(book: Path, work: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from kws_desktop.services.reports import kinds
    out = {}
    for kind in kinds():
        target = work / f"{kind}.pdf"
        out[kind], _o = run(kws("report", kind, str(book), "--out", str(target)))
    return out


def timed_cpu(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _o = run(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_ledger(book: Path, work: Path) -> dict[str, float | None]:
    """`ledger bal` over our export against our profit-and-loss PDF, both whole processes,
    median of 3 each, wall and CPU time (CPU time is less disturbed by a busy machine)."""
    journal = work / "book.journal"
    export, _o = run(kws("export-ledger", str(book), "--out", str(journal)))
    pl = [timed_cpu(kws("report", "profit-loss", str(book), "--out", str(work / "pl.pdf")))
          for _ in range(3)]
    result: dict[str, float | None] = {
        "export": export, "ledger_bal": None, "ledger_cpu": None,
        "profit_loss": statistics.median(w for w, _c in pl),
        "profit_loss_cpu": statistics.median(c for _w, c in pl)}
    if shutil.which("ledger"):
        times = [timed_cpu(["ledger", "-f", str(journal), "bal"]) for _ in range(3)]
        result["ledger_bal"] = statistics.median(w for w, _c in times)
        result["ledger_cpu"] = statistics.median(c for _w, c in times)
    return result


def measure_import(rows: int, work: Path) -> dict[str, float]:
    workbook = work / "impor.xlsx"
    _t, out = run([PY, "-c", "import sys; from kws_desktop.services.exchange.spreadsheet_sample import "
                   "make_sample_workbook as m; m(sys.argv[1], rows=int(sys.argv[2]))",
                   str(workbook), str(rows)])
    target = work / "impor.kws"
    elapsed, _o = run(kws("import", str(target), str(workbook)))
    return {"rows": rows, "seconds": elapsed}


# --- probes (run in a child interpreter: `run.py --probe NAME ARGS`) -----------------------

def probe_list(book_path: str) -> dict:
    """The orders page's own model: first page, then every further page to the end."""
    import resource

    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from kws_desktop.services.book.books import open_book
    from kws_desktop.ui.kit.context import AppContext
    app = QApplication.instance() or QApplication([])
    ctx = AppContext()
    ctx.book = open_book(book_path, read_only=True)
    from kws_desktop.services.book.books import get_profile
    get_profile(ctx.book)  # the first query maps the models; the app does it while opening
    from kws_desktop.ui.pages.jobs.order_list import OrdersPanel
    page = OrdersPanel(ctx)
    t = time.perf_counter()
    page.reload_list()               # the query, the first page and the totals line
    first = time.perf_counter() - t
    model = page.model
    first_rows = model.loaded_rows
    pages, slowest, biggest = 0, 0.0, first_rows
    t = time.perf_counter()
    while model.canFetchMore(QModelIndex()):
        before = model.loaded_rows
        s = time.perf_counter()
        model.fetchMore(QModelIndex())
        slowest = max(slowest, time.perf_counter() - s)
        biggest = max(biggest, model.loaded_rows - before)
        pages += 1
    scroll = time.perf_counter() - t
    total_rows = model.loaded_rows
    # sorted by margin (computed costs): the heaviest sort the list offers
    t = time.perf_counter()
    model.sort([c.key for c in model.columns].index("margin") if any(c.key == "margin" for c in model.columns)
               else 0)
    sorted_first = time.perf_counter() - t
    ctx.book.close(backup=False)
    app.processEvents()
    return {"first_page": first, "first_rows": first_rows, "scroll_all": scroll, "pages": pages + 1,
            "slowest_page": slowest, "largest_fetch": biggest, "total_rows": total_rows,
            "sorted_first_page": sorted_first,
            "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def probe_ui(book_path: str) -> dict:
    """Open the window on the book as a user does; a 10 ms heartbeat on the UI thread records
    the longest stall; memory is read once the dashboard shows its figures."""
    import resource

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from kws_desktop.ui.shell import app as kapp
    app = QApplication.instance() or QApplication([])
    clock = QElapsedTimer()
    clock.start()
    state = {"last": 0, "max": 0, "where": "", "step": "start"}

    def beat():
        now = clock.elapsed()
        gap = now - state["last"]
        if gap > state["max"]:
            state["max"], state["where"] = gap, state["step"]
        state["last"] = now
    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(10)
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.shell.main_window import AREA_KEYS
    ctx = AppContext()
    window = kapp.create_window(ctx)
    window.show()

    def settle(ms: int) -> None:
        end = clock.elapsed() + ms
        while clock.elapsed() < end:
            app.processEvents()
            time.sleep(0.002)

    settle(200)
    state["last"] = clock.elapsed()
    stalls = {}

    def step(name, action, until=lambda: True):
        """`action` on the UI thread, then the event loop runs until `until()` (background work
        done) and 1.5 s more; the longest stall of the whole time is recorded."""
        state["step"], before = name, state["max"]
        state["max"] = 0
        t = time.perf_counter()
        action()
        took = time.perf_counter() - t
        for _ in range(600):
            if until():
                break
            settle(100)
        settle(1500)
        stalls[name] = {"call_s": round(took, 3), "longest_stall_s": max(state["max"], took * 1000) / 1000}
        state["max"] = max(before, state["max"])

    def figures_shown() -> bool:  # the book is open and the dashboard shows its figures
        page = window._pages.get("beranda") if ctx.book is not None else None
        return page is not None and page.data is not None and not page.loading
    opener = getattr(window, "open_in_background", window.open_location)  # as the app starts
    step("open book + dashboard", lambda: opener(book_path), until=figures_shown)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for key in AREA_KEYS[1:]:
        step(f"area {key}", lambda k=key: window.show_area(k))
    longest = max(stalls.items(), key=lambda kv: kv[1]["longest_stall_s"])
    if ctx.book is not None:
        ctx.book.close(backup=False)
    return {"max_rss_dashboard_mib": rss, "steps": stalls, "longest": [longest[0], longest[1]["longest_stall_s"]],
            "max_rss_all_areas_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def probe_kuitansi(book_path: str, folder: str, n: str) -> dict:
    from sqlalchemy import select

    from kws_desktop.services.book.books import open_book
    from kws_desktop.services.billing.payments import write_receipts
    from kws_desktop.store.models.billing import Receipt
    with open_book(book_path, read_only=True) as book:
        with book.reading() as s:
            numbers = list(s.execute(select(Receipt.number).order_by(Receipt.id.desc())
                                     .limit(int(n))).scalars())
        t = time.perf_counter()
        paths = write_receipts(book, numbers, folder)
        elapsed = time.perf_counter() - t
    return {"count": len(paths), "seconds": elapsed, "per_second": len(paths) / elapsed}


def probe_lists(book_path: str) -> dict:
    """Every lazy list of the window: open each area and each of its tabs, timing every page
    fetch of every PagedTableModel (first page and the largest page fetched)."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication, QTabWidget

    from kws_desktop.ui.shell import app as kapp
    from kws_desktop.ui.kit import table_model
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.shell.main_window import AREA_KEYS
    app = QApplication.instance() or QApplication([])
    fetches: dict[str, dict] = {}
    plain_fetch = table_model.PagedTableModel.fetchMore

    def timed_fetch(model, parent=QModelIndex()):
        before, t = model.loaded_rows, time.perf_counter()
        plain_fetch(model, parent)
        took = time.perf_counter() - t
        name = " / ".join(c.title for c in model.columns[:3])
        rec = fetches.setdefault(name, {"first_s": took, "slowest_s": 0.0, "largest_rows": 0})
        rec["slowest_s"] = max(rec["slowest_s"], took)
        rec["largest_rows"] = max(rec["largest_rows"], model.loaded_rows - before)
    table_model.PagedTableModel.fetchMore = timed_fetch

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)
    ctx = AppContext()
    window = kapp.create_window(ctx)
    window.show()
    window.open_location(book_path)
    settle(2.0)
    for key in AREA_KEYS:
        window.show_area(key)
        settle(0.3)
        for tabs in window.findChildren(QTabWidget):
            if tabs.isVisible():
                for i in range(tabs.count()):
                    tabs.setCurrentIndex(i)
                    settle(0.2)
    if ctx.book is not None:
        ctx.book.close(backup=False)
    slowest = max(fetches.items(), key=lambda kv: kv[1]["first_s"]) if fetches else ("–", {"first_s": 0})
    return {"lists": fetches, "count": len(fetches), "slowest_first": [slowest[0], slowest[1]["first_s"]],
            "largest_fetch": max((r["largest_rows"] for r in fetches.values()), default=0)}


PROBES = {"list": probe_list, "ui": probe_ui, "kuitansi": probe_kuitansi, "lists": probe_lists}


# --- the table -------------------------------------------------------------------------

def machine() -> dict[str, str]:
    import platform
    info = {"python": platform.python_version(), "os": platform.platform(), "sqlite": sqlite3.sqlite_version}
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        info["cpu"] = re.search(r"model name\s*:\s*(.*)", cpu).group(1).strip()
    except (OSError, AttributeError):
        info["cpu"] = platform.processor() or "?"
    info["cores"] = str(os.cpu_count())
    try:
        kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        info["ram"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["ram"] = "?"
    try:
        import PySide6
        info["pyside6"] = PySide6.__version__
    except ImportError:
        info["pyside6"] = "?"
    try:
        info["load"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        pass
    return info


def fmt_s(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--probe":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        sys.path.insert(0, str(ROOT))
        print(json.dumps(PROBES[argv[1]](*argv[2:])))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="journal entries per book, comma separated")
    p.add_argument("--quick", action="store_true", help="one small book, one run of each measure")
    p.add_argument("--runs", type=int, default=3, help="cold starts per book (median)")
    p.add_argument("--receipts", type=int, default=500)
    p.add_argument("--import-rows", type=int, default=2000)
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args(argv)
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = 1 if args.quick else args.runs
    # as an installation does: every module compiled once, so no run pays for compiling
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "kws_desktop")], check=True,
                   env=child_env())
    info = machine()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)
    results: dict = {"machine": info, "books": {}}
    empty = measure_start(None, runs)
    results["empty_window_s"] = empty
    print(f"empty PySide6 window: {fmt_s(empty)}", flush=True)
    work_root = Path(tempfile.mkdtemp(prefix="kws-bench-"))
    try:
        for size in sizes:
            book, built = ensure_book(size)
            work = work_root / str(size)
            work.mkdir()
            r: dict = {"book": str(book), "counts": count_entries(book), "build_s": built,
                       "size_mib": book.stat().st_size / 2**20}
            print(f"\n== {size:,}: {r['counts']['journal_entries']:,} entries, {r['counts']['orders']:,} orders, "
                  f"{r['size_mib']:.1f} MiB", flush=True)
            r["start_marks"] = measure_start_marks(book, runs)
            r["start_s"] = r["start_marks"]["painted_after_s"]
            print("  start: " + ", ".join(f"{k} {fmt_s(v)}" for k, v in r["start_marks"].items()), flush=True)
            r["list"] = probe("list", str(book))
            print(f"  orders list: first page {fmt_s(r['list']['first_page'])}, scroll to end "
                  f"{fmt_s(r['list']['scroll_all'])} ({r['list']['pages']} pages)", flush=True)
            r["ui"] = probe("ui", str(book))
            print(f"  UI: longest stall {fmt_s(r['ui']['longest'][1])} ({r['ui']['longest'][0]}), "
                  f"memory {r['ui']['max_rss_dashboard_mib']:.0f} MiB", flush=True)
            r["reports"] = measure_reports(book, work)
            print("  reports: " + ", ".join(f"{k} {fmt_s(v)}" for k, v in r["reports"].items()), flush=True)
            n = 50 if args.quick else args.receipts
            r["kuitansi"] = probe("kuitansi", str(book), str(work / "kwt"), str(n))
            print(f"  kuitansi: {r['kuitansi']['count']} in {fmt_s(r['kuitansi']['seconds'])} "
                  f"({r['kuitansi']['per_second']:.0f}/s)", flush=True)
            r["ledger"] = measure_ledger(book, work)
            led = r["ledger"]
            if led["ledger_bal"]:
                led["ratio"] = led["profit_loss"] / led["ledger_bal"]
                led["cpu_ratio"] = led["profit_loss_cpu"] / led["ledger_cpu"]
                print(f"  ledger bal {fmt_s(led['ledger_bal'])} (cpu {fmt_s(led['ledger_cpu'])}); "
                      f"profit-loss {fmt_s(led['profit_loss'])} (cpu {fmt_s(led['profit_loss_cpu'])}); "
                      f"ratio {led['ratio']:.2f} (cpu {led['cpu_ratio']:.2f})", flush=True)
            r["lists"] = probe("lists", str(book))
            print(f"  {r['lists']['count']} lists: slowest first page {fmt_s(r['lists']['slowest_first'][1])} "
                  f"({r['lists']['slowest_first'][0]}), largest fetch {r['lists']['largest_fetch']} rows",
                  flush=True)
            results["books"][size] = r
        rows = 300 if args.quick else args.import_rows
        results["import"] = measure_import(rows, work_root)
        print(f"\nimport of a {rows}-row workbook into a new book: {fmt_s(results['import']['seconds'])}")
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
        shutil.rmtree(_HOME, ignore_errors=True)
    print_table(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0


def print_table(results: dict) -> None:
    books = results["books"]
    sizes = list(books)
    small = books[sizes[0]]["start_s"] if sizes else None
    head = ["measure"] + [f"{books[s]['counts']['journal_entries']:,} entries" for s in sizes]
    lines: list[list[str]] = []

    def row(label, fn):
        lines.append([label] + [fn(books[s]) for s in sizes])
    row("orders / receipts", lambda b: f"{b['counts']['orders']:,} / {b['counts']['receipts']:,}")
    row("book file", lambda b: f"{b['size_mib']:.1f} MiB")
    row("cold start: first paint (\"Membuka buku…\")", lambda b: fmt_s(b["start_marks"]["first_paint_s"]))
    row("cold start: painted with the book open", lambda b: fmt_s(b["start_s"]))
    row("  ÷ empty PySide6 window", lambda b: f"{b['start_s'] / results['empty_window_s']:.2f}×")
    row("  ÷ smallest book", lambda b: f"{b['start_s'] / small:.2f}×")
    row("cold start: dashboard figures shown", lambda b: fmt_s(b["start_marks"]["figures_after_s"]))
    row("orders list: first page", lambda b: fmt_s(b["list"]["first_page"]))
    row("orders list: slowest next page", lambda b: fmt_s(b["list"]["slowest_page"]))
    row("orders list: scroll to end", lambda b: f"{fmt_s(b['list']['scroll_all'])} ({b['list']['pages']} pages "
        f"of ≤{b['list']['largest_fetch']})")
    row("orders list: first page by margin", lambda b: fmt_s(b["list"]["sorted_first_page"]))
    row("every list: slowest first page", lambda b: f"{fmt_s(b['lists']['slowest_first'][1])} "
        f"({b['lists']['slowest_first'][0]}; {b['lists']['count']} lists)")
    row("every list: largest single fetch", lambda b: f"{b['lists']['largest_fetch']} rows")
    row("longest UI-thread wait", lambda b: f"{fmt_s(b['ui']['longest'][1])} ({b['ui']['longest'][0]})")
    row("peak memory, dashboard shown", lambda b: f"{b['ui']['max_rss_dashboard_mib']:.0f} MiB")
    row("peak memory, every area opened", lambda b: f"{b['ui']['max_rss_all_areas_mib']:.0f} MiB")
    for kind in next(iter(books.values()))["reports"] if books else []:
        row(f"report {kind}", lambda b, k=kind: fmt_s(b["reports"][k]))
    row("kuitansi PDFs per second", lambda b: f"{b['kuitansi']['per_second']:.0f}")
    row("export-ledger", lambda b: fmt_s(b["ledger"]["export"]))
    row("profit-loss, median of 3 (CPU)", lambda b: f"{fmt_s(b['ledger']['profit_loss'])} "
        f"({fmt_s(b['ledger']['profit_loss_cpu'])})")
    row("`ledger bal`, median of 3 (CPU)", lambda b: f"{fmt_s(b['ledger']['ledger_bal'])} "
        f"({fmt_s(b['ledger']['ledger_cpu'])})" if b["ledger"]["ledger_bal"] else "–")
    row("profit-loss ÷ `ledger bal` (CPU)", lambda b: f"{b['ledger']['ratio']:.2f} ({b['ledger']['cpu_ratio']:.2f})"
        if b["ledger"].get("ratio") else "–")
    widths = [max(len(r[i]) for r in [head] + lines) for i in range(len(head))]
    print()
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in lines:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(r, widths)) + " |")
    print(f"\nempty PySide6 window: {fmt_s(results['empty_window_s'])}; import of "
          f"{results['import']['rows']} spreadsheet rows: {fmt_s(results['import']['seconds'])}")


if __name__ == "__main__":
    raise SystemExit(main())

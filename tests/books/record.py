"""Record a kept book: a small demo book made by the app of an earlier version, with what that
version printed of it, so that today's code can be held against it (tests/store/test_kept_books.py).

    git worktree add --detach /tmp/kws-1.0.0 v1.0.0
    .venv/bin/python tests/books/record.py /tmp/kws-1.0.0 1.0.0

The book and the outputs are made by running the OLD tree's own command line (its code on
PYTHONPATH, this machine's packages); nothing here writes the book by hand. Run it once per
release and commit tests/books/<label>/.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LISTS = ("members", "customers", "materials", "purchases", "quotes", "orders", "invoices",
         "payments", "receipts", "accounts")
REPORTS = ("profit-loss", "financial-position", "cash-flow", "cash-book", "receivables",
           "payables", "member-income", "program", "materials", "orders", "performance")
DEMO = ("--seed", "3", "--orders", "8", "--years", "1")


def _cli(tree: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "kws_desktop", *args], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=600)


def period(made: dt.date) -> tuple[str, str]:
    """The report period recorded: the demo's years up to the end of the year it was made."""
    return f"{made.year - 1}-01-01", f"{made.year}-12-31"


def record(tree: Path, label: str) -> Path:
    out = HERE / label
    out.mkdir(parents=True, exist_ok=False)
    book = out / "book.kws"
    done = _cli(tree, "demo", str(book), *DEMO)
    if done.returncode:
        raise SystemExit(done.stderr)
    made = dt.date.today()
    start, end = period(made)
    lists, reports = {}, {}
    for kind in LISTS:
        res = _cli(tree, "list", kind, str(book), "--format", "json")
        if res.returncode == 0:
            lists[kind] = json.loads(res.stdout)
    for kind in REPORTS:
        target = out / f"report-{kind}.csv"
        res = _cli(tree, "report", kind, str(book), "--from", start, "--to", end,
                   "--out", str(target), "--format", "csv")
        if res.returncode == 0 and target.exists():
            reports[kind] = target.name
    (out / "lists.json").write_text(json.dumps(lists, indent=1, ensure_ascii=False), encoding="utf-8")
    con = sqlite3.connect(book)
    stamp = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    version = _cli(tree, "--version").stdout.strip()
    meta = {"label": label, "commit": commit, "version": version, "made": made.isoformat(),
            "stamp": stamp, "demo": list(DEMO), "period": [start, end], "reports": reports}
    (out / "made.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    for leftover in out.glob("book.kws-*"):
        leftover.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path, help="a checkout of the earlier version")
    parser.add_argument("label", help="folder name under tests/books/ (the version, or version-commit)")
    args = parser.parse_args()
    print(record(args.tree.resolve(), args.label))


if __name__ == "__main__":
    main()

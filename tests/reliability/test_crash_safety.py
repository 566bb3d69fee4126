"""Kill a writer with SIGKILL at random moments: the book always opens whole, balanced, and
holds every call that returned before the kill."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store.backup import integrity_ok
from kws_desktop.store.models.book import JournalEntry

WRITER = Path(__file__).with_name("crash_writer.py")
sys.path.insert(0, str(WRITER.parent))  # flows.py, shared with the writer
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _run_and_kill(path: Path, delay: float) -> list[int]:
    """Start the writer, wait for its first returned call (however slow the machine), then
    kill it `delay` seconds later, in the middle of whatever it is doing."""
    proc = subprocess.Popen([sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate()
    return [int(x) for x in (first + out).split()]


def test_sigkill_many_times(tmp_path):
    rng = random.Random(20261128)
    path = tmp_path / "crash.kws"
    create_book(path).close(backup=False)
    acknowledged: set[str] = set()
    for _round in range(12):
        done = _run_and_kill(path, rng.uniform(0.0, 0.4))
        acknowledged |= {f"call {i}" for i in done}
        # each run numbers its calls from 1 again: every acknowledged one must be in the book
        assert integrity_ok(path)
        with open_book(path, read_only=True) as book:
            assert check_book(book) == []
            with book.reading() as s:
                have = set(s.execute(select(JournalEntry.description)).scalars())
        assert acknowledged <= have
    assert acknowledged  # the writer really wrote


def _run_business_and_kill(path: Path, ids: dict, start: int, delay: float,
                           after: str = "") -> list[tuple[str, str]]:
    """Start the business writer, wait for its first returned call (or for the first `after`
    call, however slow the machine), then kill it `delay` seconds later."""
    import json
    proc = subprocess.Popen([sys.executable, str(WRITER), str(path), "business", json.dumps(ids), str(start)],
                            stdout=subprocess.PIPE, text=True, cwd=WRITER.parent)
    first = line = proc.stdout.readline()
    while after and line and not line.startswith(after + " "):
        line = proc.stdout.readline()
        first += line
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate()
    acks = [tuple(line.split()) for line in (first + out).splitlines()]
    return [a for a in acks if len(a) == 2]


def test_sigkill_during_real_business_calls(tmp_path):
    """Purchases, quotes, orders, stock issues, invoices, payments, crew wages, payouts and voids
    through the services, killed at random moments: every call that returned is in the book,
    `check` is clean, stock and receivables agree with their documents."""
    import flows
    rng = random.Random(20261129)
    path = tmp_path / "business.kws"
    book = create_book(path)
    ids = flows.setup(book)
    book.close(backup=False)
    acknowledged: list[tuple[str, str]] = []
    for n in range(6):
        # later rounds first let the writer reach a payment, so every kind of call gets killed
        acknowledged += _run_business_and_kill(path, ids, 100 * n + 1, rng.uniform(0.0, 1.2),
                                               after="receipt" if n >= 3 else "")
        assert integrity_ok(path)
        with open_book(path, read_only=True) as book:
            assert flows.invariants(book) == []
            assert flows.acknowledged_present(book, acknowledged) == []
    kinds = {k for k, _v in acknowledged}
    assert {"purchase", "quote", "order", "issue", "invoice", "receipt"} <= kinds


def test_sigkill_during_backup_leaves_book_untouched(tmp_path):
    from kws_desktop.services.training.demo import build_demo
    path = tmp_path / "b.kws"
    build_demo(path, orders=30, years=1)
    before = path.read_bytes()
    target = tmp_path / "copy.kws"
    code = ("import sys; from pathlib import Path; from kws_desktop.services.book.backup import backup_book\n"
            f"while True: backup_book(Path({str(path)!r}), Path({str(target)!r}))")
    for delay in (0.3, 0.5, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", code])
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert path.read_bytes() == before
        if target.exists():  # a finished copy is always a whole, verified book
            assert integrity_ok(target)


def test_sigkill_during_migration(tmp_path):
    """An older book killed while it is being upgraded opens (and upgrades) next time."""
    from kws_desktop.store import migrate
    from kws_desktop.store.engine import make_engine
    path = tmp_path / "old.kws"
    create_book(path).close(backup=False)
    engine = make_engine(path)
    with engine.begin() as conn:  # step the book back to the first revision
        migrate.command.downgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    code = f"from kws_desktop.services.book.books import open_book; open_book({str(path)!r}).close()"
    for delay in (0.05, 0.2, 0.4):
        proc = subprocess.Popen([sys.executable, "-c", code])
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert integrity_ok(path)
    with open_book(path) as book:
        assert check_book(book) == []
    assert migrate.current_revision(make_engine(path)) == migrate.head_revision()

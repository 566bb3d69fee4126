"""An upgrade that fails halfway (old data a rule refuses, a full disk, a kill) leaves the book
exactly as it was, names the pre-upgrade backup in one sentence, and is never opened half done
(issue 16)."""
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kws_desktop.errors import BookError
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store import file_swap, migrate, upgrade
from kws_desktop.store.backup import integrity_ok

KEPT = Path(__file__).parents[1] / "books"


def _old_book(tmp_path, era="0.1.0-before-cash") -> Path:
    path = tmp_path / "kelompok.kws"
    shutil.copy(KEPT / era / "book.kws", path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(".") or p.suffix in (".baru", ".pulih")]


def test_old_data_a_rule_refuses_leaves_the_book_and_names_the_backup(tmp_path):
    path = _old_book(tmp_path)
    con = sqlite3.connect(path)  # a 0.x book may hold what today's rules refuse
    con.execute("DROP TRIGGER IF EXISTS payments_guard_update")
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("UPDATE payments SET method = 'cek' WHERE id = (SELECT min(id) FROM payments)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(BookError) as info:
        open_book(path)
    message = info.value.message
    assert "tidak bisa diperbarui otomatis" in message and "Buku tidak diubah" in message
    assert "aturan buku ck_payments_method" in message and "constraint failed" not in message
    backup = Path(message.rsplit(": ", 1)[1])
    assert backup.exists() and integrity_ok(backup)
    assert _digest(path) == before and not _leftovers(path)


def test_a_full_disk_while_swapping_in_leaves_the_book(tmp_path, monkeypatch):
    path = _old_book(tmp_path)
    before = _digest(path)

    def full(_target, _source):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(upgrade, "replace_contents", full)
    with pytest.raises(BookError) as info:
        open_book(path)
    assert "Pembaruan buku kelompok.kws gagal (disk penuh)" in info.value.message
    assert "Cadangan sebelum pembaruan:" in info.value.message
    assert _digest(path) == before and not _leftovers(path)
    monkeypatch.undo()
    with open_book(path) as book:  # room again: the upgrade goes through
        assert check_book(book) == []


def test_a_full_disk_halfway_through_the_real_swap_leaves_the_book(tmp_path):
    """The swap itself is one SQLite transaction: a target that runs out of pages keeps the old."""
    path = _old_book(tmp_path)
    work = tmp_path / "baru.kws"
    shutil.copy(path, work)
    upgrade.bring_to_head(work)
    con = sqlite3.connect(path)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    before = _digest(path)
    real_connect = sqlite3.connect

    def cramped(target, *args, **kw):
        con = real_connect(target, *args, **kw)
        if str(target) == str(path):
            con.execute(f"PRAGMA max_page_count = {pages // 2}")
        return con
    sqlite3.connect = cramped
    try:
        with pytest.raises(sqlite3.Error):
            file_swap.replace_contents(path, work)
    finally:
        sqlite3.connect = real_connect
    assert _digest(path) == before and integrity_ok(path)


def test_a_kill_during_the_upgrade_never_leaves_a_half_book(tmp_path):
    path = _old_book(tmp_path, "0.1.0-pre-0003")
    code = f"from kws_desktop.services.book.books import open_book; open_book({str(path)!r}).close()"
    for delay in (0.3, 0.8, 1.5, 2.5):
        proc = subprocess.Popen([sys.executable, "-c", code])
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert integrity_ok(path)
        con = sqlite3.connect(path)
        stamp = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        con.close()
        # either still the old book (stamp 0002, no cash table) or the whole upgraded one
        assert (stamp, "cash_entries" in tables) in {("0002", False), (migrate.head_revision(), True)}
    with open_book(path) as book:
        assert check_book(book) == []
    assert not _leftovers(path)


def test_a_book_of_another_page_size_upgrades(tmp_path):
    path = _old_book(tmp_path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA page_size = 8192")
    con.execute("VACUUM")
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    with open_book(path) as book:
        assert check_book(book) == []
    assert file_swap.page_size(path) == 8192

"""Commands that write a book file never overwrite a book in use; backups stay with their own
book; a book open elsewhere prints copies, not uncounted originals; restore refuses what it
could not open afterwards and lists every safety copy (issue 22, findings 2, 4, 7 and 8)."""
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from kws_desktop import cli
from kws_desktop.errors import BookError, UserError
from kws_desktop.services.book import backup as backup_service
from kws_desktop.services.book.books import create_book, open_book


def _hold(path: Path, then: str = "") -> subprocess.Popen:
    """A process holding `path` open for writing until it reads a line, then running `then`."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from kws_desktop.services.book.books import open_book
        b = open_book({str(path)!r})
        print("open", flush=True)
        sys.stdin.readline()
        {then}
        b.close(backup=False)
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open", proc.stderr.read()
    return proc


def test_backup_never_overwrites_a_book_open_for_writing(demo_path, tmp_path):
    other = tmp_path / "lain.kws"
    create_book(other).close(backup=False)
    holder = _hold(other, then=textwrap.dedent("""
        from kws_desktop.services.book.opening import post_opening_balances
        import datetime as dt
        post_opening_balances(b, dt.date(2026, 1, 1), cash=12345, bank=0)
        """).replace("\n", "\n        "))
    try:
        with pytest.raises(UserError, match="sedang dibuka untuk ditulis"):
            backup_service.backup_book(demo_path, other)
        result = subprocess.run([sys.executable, "-m", "kws_desktop", "backup", str(demo_path), str(other)],
                                capture_output=True, text=True)
        assert result.returncode == 1 and "sedang dibuka" in result.stderr
    finally:
        holder.communicate("\n", timeout=60)
    con = sqlite3.connect(other)  # what the writer saved afterwards is there
    assert con.execute("SELECT count(*) FROM journal_entries").fetchone()[0] == 1
    con.close()


def test_two_books_of_one_name_keep_their_own_backups(tmp_path):
    first, second = tmp_path / "a" / "kas.kws", tmp_path / "b" / "kas.kws"
    for path in (first, second):
        path.parent.mkdir()
        create_book(path).close(backup=False)
    open_book(second).close()
    theirs = {b.path for b in backup_service.automatic_backups(second)}
    assert theirs
    for _ in range(11):
        open_book(first).close()
    assert {b.path for b in backup_service.automatic_backups(second)} == theirs
    mine = backup_service.automatic_backups(first)
    assert len(mine) == 10 and not {b.path for b in mine} & theirs


def test_a_damaged_book_is_offered_only_its_own_backups(tmp_path):
    first, second = tmp_path / "a" / "kas.kws", tmp_path / "b" / "kas.kws"
    for path in (first, second):
        path.parent.mkdir()
        create_book(path).close()
        open_book(path).close()
    theirs = {b.path for b in backup_service.automatic_backups(second)}
    first.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # damaged beyond reading its id
    offered = {b.path for b in backup_service.automatic_backups(first)}
    assert offered and not offered & theirs


def test_a_receipt_from_a_book_open_elsewhere_is_a_copy(demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    number, count = con.execute("SELECT number, print_count FROM receipts WHERE status = 'posted' "
                                "AND print_count = 0 LIMIT 1").fetchone() or \
        con.execute("SELECT number, print_count FROM receipts WHERE status = 'posted' LIMIT 1").fetchone()
    con.close()
    holder = _hold(demo_path)
    try:
        out = tmp_path / "k.pdf"
        result = subprocess.run([sys.executable, "-m", "kws_desktop", "receipt", str(demo_path), number,
                                 "--out", str(out)], capture_output=True, text=True)
    finally:
        holder.communicate("\n", timeout=60)
    assert result.returncode == 0 and "SALINAN" in result.stderr
    assert "SALINAN" in "".join(page.extract_text() for page in PdfReader(out).pages)
    con = sqlite3.connect(demo_path)
    assert con.execute("SELECT print_count FROM receipts WHERE number = ?", (number,)).fetchone()[0] == count
    con.close()


def test_restore_refuses_a_newer_or_foreign_file(demo_path, tmp_path):
    newer = tmp_path / "baru.kws"
    shutil.copy(demo_path, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = demo_path.read_bytes()
    with pytest.raises(BookError, match="lebih baru"):
        backup_service.restore(newer, demo_path)
    foreign = tmp_path / "asing.kws"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE kws_book (app TEXT)")
    con.execute("INSERT INTO kws_book VALUES ('kws-desktop')")
    con.commit()
    con.close()
    with pytest.raises(BookError, match="bukan buku"):
        backup_service.preview(foreign)
    with pytest.raises(BookError, match="bukan buku"):
        backup_service.restore(foreign, demo_path)
    assert demo_path.read_bytes() == before


def test_restore_from_the_command_line_lists_every_safety_copy(demo_path, capsys):
    open_book(demo_path).close()  # "sebelum-pembaruan" is not needed here; "buka" and "tutup"
    assert cli.main(["restore", str(demo_path)]) == 0
    listing = capsys.readouterr().out
    assert "buka" in listing and "tutup" in listing
    assert cli.main(["restore", str(demo_path), "2"]) == 0
    capsys.readouterr()
    assert cli.main(["restore", str(demo_path)]) == 0
    assert "sebelum-pemulihan" in capsys.readouterr().out
    assert cli.main(["restore", str(demo_path), "99"]) == 1
    assert cli.main(["check", str(demo_path)]) == 0


def test_restoring_over_a_damaged_book_keeps_the_damaged_file_aside(demo_path, tmp_path):
    open_book(demo_path).close()
    good = backup_service.automatic_backups(demo_path)[0].path
    data = bytearray(demo_path.read_bytes())
    data[8192:12288] = b"\xff" * 4096  # one page overwritten
    demo_path.write_bytes(bytes(data))
    backup_service.restore(good, demo_path)
    kept = [p for p in demo_path.parent.glob(demo_path.name + ".rusak-*") if not p.name.endswith("-wal")]
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)
    assert cli.main(["check", str(demo_path)]) == 0

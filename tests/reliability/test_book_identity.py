"""One book, one writer, whatever name it is reached by (issue 22, finding 1): a symbolic link
shares the lock of the file it points to; a file with a second name (hard link) is not written
at all, since SQLite keeps a -wal per name (two writers through two names corrupted a book in
~150 calls each); a book in a network folder is not written either."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kws_desktop.errors import BookError
from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.store import file_place
from kws_desktop.store.lock import BookLock, lock_path


def _holder(path: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from kws_desktop.services.book.books import open_book
        b = open_book({str(path)!r})
        print("open", flush=True)
        sys.stdin.readline()
        b.close(backup=False)
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="POSIX links")
def test_a_symbolic_link_shares_the_lock_of_its_file(tmp_path):
    real = tmp_path / "kas.kws"
    create_book(real).close(backup=False)
    (tmp_path / "lain").mkdir()
    alias = tmp_path / "lain" / "nama-lain.kws"
    alias.symlink_to(real)
    assert lock_path(alias) == lock_path(real)
    holder = _holder(real)
    try:
        with pytest.raises(BookError) as info:
            open_book(alias)
        assert f"proses {holder.pid}" in info.value.message
    finally:
        holder.communicate("\n", timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="hard links made here with os.link on POSIX")
def test_a_file_with_two_names_is_never_written(tmp_path):
    real = tmp_path / "kas.kws"
    create_book(real).close(backup=False)
    second = tmp_path / "h.kws"
    os.link(real, second)
    before = real.read_bytes()
    for name in (real, second):
        with pytest.raises(BookError, match="tautan keras"):
            open_book(name)
        # a second process is refused the same way (the finding: two writers, two names)
        result = subprocess.run([sys.executable, "-m", "kws_desktop", "receipt", str(name),
                                 "KWT-2026-0001", "--out", str(tmp_path / "k.pdf")],
                                capture_output=True, text=True)
        assert "Terjadi kesalahan" not in result.stderr
    with open_book(second, read_only=True) as book:
        assert book.read_only
    assert real.read_bytes() == before


def test_the_owner_is_readable_while_the_lock_is_held(tmp_path):
    """The owner is written at the start of the lock file; the byte Windows locks lies far past it
    (a locked range cannot be read by another process there)."""
    from kws_desktop.store import lock as lock_module
    path = tmp_path / "b.kws"
    create_book(path).close(backup=False)
    holder = _holder(path)
    try:
        raw = lock_path(path).read_bytes()  # another process reads it while it is held
        assert b'"pid": %d' % holder.pid in raw
        assert lock_module.LOCKED_BYTE > len(raw)
        with pytest.raises(lock_module.BookLockedError) as info:
            BookLock(path).acquire()
        assert info.value.owner.pid == holder.pid
    finally:
        holder.communicate("\n", timeout=30)


MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/kantor rw,relatime shared:20 - cifs //server/kws rw,vers=3.0
41 22 0:36 / /srv/nfs rw,relatime shared:21 - nfs4 server:/export rw
42 40 8:2 / /mnt/kantor/lokal rw,relatime - ext4 /dev/sdb1 rw
"""


@pytest.mark.parametrize("path, kind", [
    ("/home/bendahara/KWS/kas.kws", None),
    ("/mnt/kantor/kas.kws", "cifs"),
    ("/srv/nfs/a/kas.kws", "nfs4"),
    ("/mnt/kantor/lokal/kas.kws", None),   # a local disk mounted inside the share
    ("/mnt/kantorlain/kas.kws", None),     # a prefix of the name only
])
def test_network_folders_are_recognised(path, kind):
    assert file_place._posix_network(Path(path), MOUNTINFO) == kind


def test_a_book_in_a_network_folder_opens_only_for_reading(tmp_path, monkeypatch):
    path = tmp_path / "n.kws"
    create_book(path).close(backup=False)
    monkeypatch.setattr(file_place, "network_kind", lambda p: "cifs")
    with pytest.raises(BookError, match="folder jaringan"):
        open_book(path)
    with open_book(path, read_only=True):
        pass

"""Hostile values at the other edges (issue 22): every command-line option that takes a value,
file names built from user text, and the operating system's refusals (full disk, no
permission, read-only, no such file) in Indonesian words."""
import errno
import os
from pathlib import Path

import pytest

from kws_desktop.cli import main
from kws_desktop.core.file_names import safe_file_name
from kws_desktop.errors import BookError, UserError
from kws_desktop.os_errors import os_reason

UNEXPECTED = "tidak terduga"
ENGLISH = ("No space left", "Permission denied", "Read-only file system", "No such file", "Errno")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edges")
    path = folder / "demo.kws"
    assert main(["demo", str(path), "--orders", "6", "--years", "1"]) == 0
    return folder, path


def _cases(folder: Path, book: Path):
    B, out = str(book), str(folder / "keluar.pdf")
    late = "Tanggal 31 Desember 9999 terlalu jauh di masa depan"
    early = "Tanggal 1 Januari 1 terlalu lama: tanggal paling awal 1 Januari 2000"
    unreadable = "tidak dapat dibaca"
    return [
        (["report", "cash-book", B, "--from", "0001-01-01", "--out", out], 2, early),
        (["report", "cash-book", B, "--from", "9999-12-31", "--out", out], 2, late),
        (["report", "profit-loss", B, "--to", "9999-12-31", "--out", out], 2, late),
        (["report", "cash-book", B, "--to", "31/12/9999", "--out", out], 2, late),
        (["report", "cash-book", B, "--from", "2026-13-40", "--out", out], 2, unreadable),
        (["report", "cash-book", B, "--from", "99999999999-01-01", "--out", out], 2, unreadable),
        (["report", "cash-book", B, "--from", "kemarin", "--out", out], 2, unreadable),
        (["report", "cash-book", B, "--out", str(folder / "tidak-ada" / "x.pdf")], 1, "tidak ada; laporan tidak ditulis"),
        (["report", "cash-book", B, "--out", str(folder / ("x" * 300 + ".pdf"))], 1,
         "nama berkas atau alamat foldernya terlalu panjang"),
        (["report", "cash-book", B, "--out", str(folder)], 2, "Format laporan tidak dikenal"),
        (["report", "cash-book", B, "--out", out + "\x00.pdf"], 2, "tanda yang tidak sah (NUL)"),
        (["list", "members", B + "\x00"], 2, "tanda yang tidak sah (NUL)"),
        (["list", "members", str(folder / "a/b.kws")], 1, "Buku tidak ditemukan"),
        (["list", "members", str(folder)], 1, "adalah folder, bukan buku"),
        (["quote", B, "SPH-9999-0001", "--out", out], 1, "tidak ada di buku ini"),
        (["quote", B, "x" * 100_000, "--out", out], 1, "tidak ada di buku ini"),
        (["invoice", B, "TGH-2026-99999999999999999999", "--out", out], 1, "tidak ditemukan"),
        (["receipt", B, "KWT-9999-0001", "--out", out], 1, "tidak ditemukan"),
        (["receipt", B, "KWT-9999-0001", "--out", str(folder / "a/b/k.pdf")], 1, "tidak ada; berkas tidak ditulis"),
        (["demo", str(folder / "d.kws"), "--orders", "1000000000000"], 2, "harus dari 0 sampai 1000000"),
        (["demo", str(folder / "d.kws"), "--orders", "-5"], 2, "harus dari 0 sampai 1000000"),
        (["demo", str(folder / "d.kws"), "--years", "0"], 2, "harus dari 1 sampai 20"),
        (["demo", str(folder / "d.kws"), "--seed", "1e308"], 2, "bukan bilangan bulat"),
        (["demo", B], 1, "sudah ada"),
        (["backup", B, B], 1, "tidak boleh menimpa buku itu sendiri"),
        (["template", str(folder / "tidak-ada" / "t.xlsx")], 1, "tidak ada; templat tidak ditulis"),
        (["template", str(folder)], 1, "itu sebuah folder, bukan berkas"),
        (["import", B, str(folder / "a/b.xlsx")], 1, "Berkas tidak ditemukan"),
        (["import", B, B], 1, "bukan berkas Excel (.xlsx)"),
        (["export-ledger", B, "--out", str(folder)], 1, "itu sebuah folder, bukan berkas"),
        (["check", str(folder / "a/b.kws")], 1, "Buku tidak ditemukan"),
        (["consolidate", "postgresql://nobody:rahasia@127.0.0.1:1/x", B], 1, "tidak bisa dihubungi"),
        (["consolidate", "bukan-alamat", B], 1, "hanya bisa ke database PostgreSQL"),
    ]


def test_every_option_value_gets_a_specific_message(demo, capsys):
    folder, book = demo
    for argv, code, words in _cases(folder, book):
        try:
            got = main(list(argv))
        except SystemExit as exc:  # argparse refusals (exit 2)
            got = exc.code
        err = capsys.readouterr().err
        shown = " ".join(a[:30] for a in argv)
        assert got == code, f"{shown}: exit {got}, {err}"
        assert words in err, f"{shown}: {err}"
        assert UNEXPECTED not in err and "Traceback" not in err and "rahasia" not in err, f"{shown}: {err}"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT,
                                  errno.EDQUOT, errno.ENAMETOOLONG, errno.EISDIR])
def test_os_refusals_are_indonesian_words(code):
    reason = os_reason(OSError(code, os.strerror(code)))
    assert reason and not any(e in reason for e in ENGLISH)
    assert os.strerror(code) not in reason


def test_unknown_os_refusal_names_its_code_only():
    assert os_reason(OSError(errno.EXDEV, os.strerror(errno.EXDEV))) == f"sistem menolak (kode {errno.EXDEV})"


def test_cli_full_disk_is_an_indonesian_sentence(demo, capsys, monkeypatch):
    """The finding: "No space left on device" in English inside the Indonesian sentence."""
    folder, book = demo
    import kws_desktop.documents.output as output

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(output.os, "replace", full)
    assert main(["report", "cash-book", str(book), "--out", str(folder / "penuh.csv")]) == 1
    err = capsys.readouterr().err
    assert "disk penuh: tidak ada ruang tersisa" in err
    assert not any(e in err for e in ENGLISH), err
    assert not (folder / "penuh.csv").exists()


def test_full_disk_while_locking_leaves_no_lock_file(tmp_path, monkeypatch):
    """The finding: a full disk left a 0-byte BOOK.lock (and an English reason)."""
    from kws_desktop.services.book.books import create_book, open_book
    from kws_desktop.store import lock
    path = tmp_path / "penuh.kws"
    create_book(path, durable=False).close(backup=False)
    real_open = open

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def flush(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(lock, "open", lambda p, mode: Full(real_open(p, mode)), raising=False)
    with pytest.raises(BookError) as info:
        open_book(path)
    assert "disk penuh" in info.value.message and "No space" not in info.value.message
    assert not lock.lock_path(path).exists()
    monkeypatch.undo()
    open_book(path).close(backup=False)  # and the book opens once there is room again


def test_backup_on_a_full_disk_is_an_indonesian_sentence(tmp_path, monkeypatch):
    from kws_desktop.services.book.backup import backup_book
    from kws_desktop.services.book.books import create_book
    from kws_desktop.store import backup as store_backup
    path = tmp_path / "b.kws"
    create_book(path, durable=False).close(backup=False)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(store_backup.os, "replace", full)
    with pytest.raises(UserError) as info:
        backup_book(path, tmp_path / "salinan.kws")
    assert "Cadangan gagal dibuat: disk penuh" in info.value.message
    assert not any(e in info.value.message for e in ENGLISH)


@pytest.mark.parametrize("name, safe", [
    ("Pengingat Ibu A/B.pdf", "Pengingat Ibu A-B.pdf"),
    ("Pengingat ../../etc/passwd.pdf", "Pengingat ..-..-etc-passwd.pdf"),
    ('Pengingat Bu "Sari": <lunas>?*|.pdf', "Pengingat Bu -Sari- -lunas.pdf"),
    ("Pengingat \x00\x07.pdf", "Pengingat.pdf"),
    ("CON.pdf", "dokumen-CON.pdf"),
    ("/.pdf", "dokumen.pdf"),
    ("KWT-2026-0001.pdf", "KWT-2026-0001.pdf"),
])
def test_file_names_from_user_text_are_safe(name, safe):
    assert safe_file_name(name) == safe
    assert "/" not in safe and "\\" not in safe


def test_long_file_name_is_kept_short():
    assert len(safe_file_name("Pengingat " + "x" * 1000 + ".pdf")) <= 124


def test_reminder_preview_with_a_slash_in_the_payer_name(tmp_path, monkeypatch):
    """The finding: a payer named with '/' broke the reminder preview's file name."""
    from kws_desktop.ui.kit import pdf_preview
    written = []

    class Dialog:
        def __init__(self, _parent, path, **kw):
            written.append((Path(path), kw["suggested_name"]))

        def exec(self):
            return 0
    monkeypatch.setattr(pdf_preview, "PdfPreviewDialog", Dialog)
    pdf_preview.preview_document(None, lambda p: Path(p).write_bytes(b"%PDF-1.4"),
                                 suggested_name="Pengingat Ibu A/B.pdf")
    path, suggested = written[0]
    assert path.name == suggested == "Pengingat Ibu A-B.pdf"
    assert path.parent.name.startswith("kws-pratinjau-")

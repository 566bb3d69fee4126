"""Berkas › Buka hanya untuk dilihat: a book of an earlier version opens in the window for a look,
every area shows, nothing can be saved, and the file is left exactly as it was (issue 16)."""
import shutil
from pathlib import Path

from PySide6.QtWidgets import QLabel

from kws_desktop.ui.shell.main_window import AREA_KEYS

OLD = Path(__file__).parents[1] / "books" / "0.1.0-before-cash" / "book.kws"




def test_an_old_book_opens_for_a_look_and_stays_untouched(window, qtbot, tmp_path):
    book_path = tmp_path / "kelompok-lama.kws"
    shutil.copy(OLD, book_path)
    before = book_path.read_bytes()
    window.open_in_background(str(book_path), read_only=True)
    qtbot.waitUntil(lambda: window.ctx.book is not None, timeout=60000)
    book = window.ctx.book
    assert book.read_only and book.location == str(book_path)
    assert "hanya dibaca" in window.statusBar().findChild(QLabel, "bookLabel").text()
    for key in AREA_KEYS:
        window.show_area(key)
    window.set_book(None, backup=False)
    assert book_path.read_bytes() == before
    # only SQLite's own (empty) -wal/-shm of a reader may stay beside it
    assert all(p.name.endswith(("-wal", "-shm")) and p.stat().st_size <= 32768
               for p in tmp_path.iterdir() if p.name != book_path.name)


def test_the_file_menu_offers_the_look(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Buka hanya untuk dilihat…" in texts

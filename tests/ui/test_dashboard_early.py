"""While a book opens, the Beranda's money figures come first by the lean path (no SQLAlchemy):
the opening screen shows them, nothing on it can be clicked, the opened book's page starts from
them, and they equal the full path's figures."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from kws_desktop.ui.pages.reports.dashboard import MONEY_CARDS

ROOT = Path(__file__).resolve().parents[2]


def _texts(page) -> dict[str, str]:
    return {key: page.cards[key].value.text() for key in MONEY_CARDS}


def _action(window, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def test_money_figures_show_while_the_book_opens_and_equal_the_full_ones(window, demo_path, qtbot):
    from kws_desktop.services.reports import lean
    window.show()
    window.open_in_background(str(demo_path))
    qtbot.waitUntil(lambda: window._preview is not None and window._preview.money is not None, timeout=30000)
    preview = window._preview
    early = _texts(preview)
    assert preview.money == lean.read_money_figures(demo_path)
    assert all(text.startswith("Rp") for text in early.values())
    assert preview.cards["overdue"].value.text() == "…"
    assert "angka lainnya sedang dihitung" in preview.as_of.text()
    # nothing on the preview leads anywhere, and the book's actions wait for the book
    clicked, asked = [], []
    preview.figure_clicked.connect(lambda *a: clicked.append(a))
    window.ctx.area_requested.connect(asked.append)
    qtbot.mouseClick(preview.cards["profit_year"], Qt.MouseButton.LeftButton)
    assert clicked == [] and asked == [] and window.ctx.book is None
    assert not _action(window, "Tutup buku").isEnabled()
    assert not _action(window, "Impor dari Excel…").isEnabled()

    qtbot.waitUntil(lambda: window.ctx.book is not None, timeout=30000)
    page = window.page("beranda")
    assert page.money == preview.money       # the opened page starts from the early figures
    qtbot.waitUntil(lambda: page.data is not None and not page.loading, timeout=30000)
    assert page.data.money == preview.money  # the full path's figures are the same
    assert _texts(page) == early
    assert page.as_of.text().startswith("Keadaan per") and "dihitung" not in page.as_of.text()


def test_a_book_the_lean_path_cannot_trust_opens_without_a_preview(window, demo_path, qtbot):
    con = sqlite3.connect(demo_path)
    con.execute("DROP TRIGGER journal_lines_totals")
    con.commit()
    con.close()
    previews = []
    window.show()
    window.open_in_background(str(demo_path))
    qtbot.waitUntil(lambda: previews.append(window._preview) or window.ctx.book is not None, timeout=30000)
    assert set(previews) == {None}
    page = window.page("beranda")
    qtbot.waitUntil(lambda: page.data is not None and not page.loading, timeout=30000)
    assert page.cards["cash"].value.text().startswith("Rp")


def test_the_window_paints_the_money_figures_before_sqlalchemy_is_imported(demo_path):
    home = Path(tempfile.mkdtemp(prefix="kws-early-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "KWS_DESKTOP_EXIT_AFTER_PAINT": "1",
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "KWS_DESKTOP_CONFIG": str(home / "config" / "pengaturan.json")}
    out = subprocess.run([sys.executable, "-m", "kws_desktop", str(demo_path)], capture_output=True, text=True,
                         env=env, timeout=120).stdout
    marks = dict(part.split("=") for line in out.splitlines() for part in line.split() if "=" in part)
    assert marks.get("orm_loaded") == "0", json.dumps(marks)
    assert float(marks["money_figures_after_s"]) <= float(marks["painted_after_s"]) <= float(marks["figures_after_s"])

"""The window stays responsive: the book opens and the dashboard computes in the background,
stale results are dropped, the automatic "buka" backup runs after the window is shown, and its
failure is a quiet message, never a crash."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from kws_desktop.services.book import backup as backup_service
from kws_desktop.store import backup as store_backup




@pytest.fixture
def demo_path(demo_path):
    """The demo copy under a name and an identity of its own: automatic backups are listed by the
    book's identity, and every demo copy shares the demo's (earlier tests' backups would show)."""
    import sqlite3
    import uuid
    own = demo_path.with_name(f"resp-{uuid.uuid4().hex[:8]}.kws")
    demo_path.rename(own)
    con = sqlite3.connect(own)
    with con:
        con.execute("UPDATE kws_book SET book_uuid = ?", (str(uuid.uuid4()),))
    con.close()
    return own


def _dashboard_ready(window) -> bool:
    page = window.built_page("beranda")
    return page is not None and page.data is not None and not page.loading


def test_book_opens_in_background_then_dashboard_shows_figures(window, demo_path, qtbot):
    window.show()
    window.open_in_background(str(demo_path))
    assert window.opening and window.ctx.book is None  # "Membuka buku…" meanwhile
    qtbot.waitUntil(lambda: window.ctx.book is not None, timeout=30000)
    page = window.page("beranda")
    qtbot.waitUntil(lambda: _dashboard_ready(window), timeout=30000)
    assert page.cards["cash"].value.text().startswith("Rp")
    assert page.as_of.text().startswith("Keadaan per")
    assert "[DEMO]" in window.windowTitle()


def test_dashboard_says_computing_until_figures_arrive(window, demo_path, qtbot, monkeypatch):
    gate = threading.Event()
    from kws_desktop.ui.pages.reports import dashboard as page_module
    real = page_module.dashboard
    monkeypatch.setattr(page_module, "dashboard", lambda book, today: (gate.wait(20), real(book, today))[1])
    window.show()
    window.open_location(str(demo_path))
    page = window.page("beranda")
    assert page.loading and page.as_of.text() == "Menghitung…"
    gate.set()
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    assert page.data is not None and page.cards["revenue_year"].value.text().startswith("Rp")


def test_switching_book_drops_stale_dashboard_result(window, demo_path, tmp_path, qtbot, monkeypatch):
    from kws_desktop.services.book.books import create_book
    from kws_desktop.ui.pages.reports import dashboard as page_module
    other = tmp_path / "lain.kws"
    create_book(other).close(backup=False)
    gate, entered, computed = threading.Event(), threading.Event(), []
    real = page_module.dashboard

    def slow(book, today):
        if book.path == demo_path:
            entered.set()
            gate.wait(20)
        result = real(book, today)
        computed.append(book.path)
        return result

    monkeypatch.setattr(page_module, "dashboard", slow)
    window.show()
    window.open_location(str(demo_path))
    qtbot.waitUntil(entered.is_set, timeout=30000)
    window.open_location(str(other))  # while the demo's figures are still being computed
    page = window.page("beranda")
    qtbot.waitUntil(lambda: other in computed and not page.loading, timeout=30000)
    assert page.cards["revenue_year"].value.text() == "Rp0"
    gate.set()
    qtbot.waitUntil(lambda: demo_path in computed, timeout=30000)
    qtbot.wait(100)  # the demo's result reaches the event loop, and is dropped
    assert page.data is not None and page.cards["revenue_year"].value.text() == "Rp0"
    assert window.ctx.book.path == other


def test_buka_backup_runs_after_the_window_is_shown(window, demo_path, qtbot):
    window.open_location(str(demo_path))
    assert backup_service.automatic_backups(demo_path) == []  # not on the way to the first paint
    window.show()
    qtbot.waitUntil(lambda: any(b.reason == "buka" for b in backup_service.automatic_backups(demo_path)),
                    timeout=30000)
    qtbot.waitUntil(lambda: not window.checks_running, timeout=30000)
    assert window.notice_text() == ""


def test_failing_buka_backup_shows_quiet_notice(window, demo_path, qtbot, monkeypatch):
    def broken(*args, **kwargs):
        raise store_backup.BackupError("disk I/O error")
    monkeypatch.setattr(store_backup, "automatic_backup", broken)
    window.open_location(str(demo_path))
    window.show()
    qtbot.waitUntil(lambda: window.notice_text() != "", timeout=30000)
    assert "Cadangan otomatis" in window.notice_text() and "Cadangkan sekarang" in window.notice_text()
    assert window.ctx.book is not None  # the book stays open and usable
    window.show_area("kas")


def test_closing_during_background_backup_is_safe(window, demo_path, qtbot, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real_copy = store_backup.copy_verified

    def slow_copy(source, target, cancel=None):
        started.set()
        release.wait(20)
        return real_copy(source, target, cancel)

    monkeypatch.setattr(store_backup, "copy_verified", slow_copy)
    window.open_location(str(demo_path))
    window.show()
    qtbot.waitUntil(started.is_set, timeout=30000)
    book = window.ctx.book
    threading.Timer(0.2, release.set).start()
    window.close()  # waits for the running backup to stop, then closes the book
    assert window.ctx.book is None
    qtbot.waitUntil(lambda: not window.checks_running, timeout=30000)
    folder = store_backup.automatic_folder(book.backups_root, demo_path)
    assert not list(folder.glob("*.tmp"))  # nothing half-written left behind
    for b in backup_service.automatic_backups(demo_path):
        assert store_backup.integrity_ok(b.path)


def test_background_backup_stops_when_the_book_closes(demo_path):
    from kws_desktop.services.book.books import open_book
    book = open_book(demo_path, defer_checks=True)
    book.stop_backup()  # as Lewati, or close() while a backup runs
    with pytest.raises(store_backup.BackupCancelled):
        book.open_checks()
    book.close(backup=False)
    assert backup_service.automatic_backups(demo_path) == []


def test_damaged_book_found_by_background_check_is_closed(window, demo_path, qtbot, monkeypatch):
    from kws_desktop.errors import BookError
    refused = []
    monkeypatch.setattr(window, "_refused", lambda location, exc: refused.append(exc.message))

    def damaged(self):
        raise BookError("Buku ini rusak dan tidak bisa dibuka.", can_restore=True)
    monkeypatch.setattr("kws_desktop.store.book.Book.open_checks", damaged)
    window.open_location(str(demo_path))
    window.show()
    qtbot.waitUntil(lambda: bool(refused), timeout=30000)
    assert "rusak" in refused[0] and window.ctx.book is None


def test_orders_area_builds_quotes_tab_when_first_shown(window, demo_path):
    window.open_location(str(demo_path))
    window.show_area("pesanan")
    page = window.page("pesanan")
    assert set(page.panels) == {"orders"}
    page.tabs.setCurrentIndex(1)
    assert set(page.panels) == {"orders", "quotes"}
    assert page.tabs.currentWidget() is page.panels["quotes"]


def test_performance_summary_fills_in_the_background(window, demo_path, qtbot):
    window.show()
    window.open_location(str(demo_path))
    window.show_area("kinerja")
    summary = window.page("kinerja").summary
    qtbot.waitUntil(lambda: summary.grid.count() > 0, timeout=30000)
    assert summary.note.text() != "Menghitung…"
    from PySide6.QtWidgets import QLabel
    texts = [label.text() for label in summary.findChildren(QLabel)]
    assert any(t.startswith("Rp") or t.isdigit() for t in texts)


def test_closing_backup_runs_off_the_ui_thread_and_can_be_skipped(window, demo_path, qtbot, monkeypatch):
    """The closing backup reads the whole book: it runs in a worker while the window keeps
    painting, and "Lewati" skips that copy without harming the book."""
    import threading

    from kws_desktop.store import backup as backups
    assert window.open_location(str(demo_path))
    book = window.ctx.book
    started, seen_threads = threading.Event(), []

    def slow_backup(book_path, root, reason, keep=10, cancel=None):
        seen_threads.append(threading.current_thread() is threading.main_thread())
        started.set()
        while not cancel.is_set():
            cancel.wait(0.01)
        raise backups.BackupCancelled("skipped")
    monkeypatch.setattr(backups, "automatic_backup", slow_backup)
    QTimer.singleShot(200, book.stop_backup)   # the user presses Lewati
    window.set_book(None)
    assert started.is_set() and seen_threads == [False]
    assert not book.holds_lock                  # closed and unlocked all the same
    assert window.ctx.book is None

"""The first start as a user sees it: the window title with the version and the icon, the old
book offered (never a new empty one over it), a book whose folder is gone, the second backup on
close, and the crash dialog's 'Salin rincian'."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from kws_desktop import __version__, paths
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def places(tmp_path, monkeypatch):
    """Private Documents, data folder and settings file: a second backup place or a remembered
    book chosen here must not reach other tests."""
    monkeypatch.setenv("KWS_DESKTOP_DOCUMENTS", str(tmp_path / "Documents"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("KWS_DESKTOP_CONFIG", str(tmp_path / "config" / "pengaturan.json"))
    return tmp_path


@pytest.fixture
def window(qtbot, places):
    w = MainWindow(AppContext())
    qtbot.addWidget(w)
    yield w
    qtbot.waitUntil(lambda: not w.checks_running and not w.opening, timeout=30000)
    if w.ctx.book is not None:
        w.ctx.book.close(backup=False)
        w.ctx.book = None


def _answer(monkeypatch, text: str):
    """QMessageBox.exec answers by pressing the button called `text`; returns what was asked."""
    asked = []

    def exec_(box):
        asked.append(box.text())
        for button in box.buttons():
            if button.text() == text:
                button.click()
                return 0
        raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def test_title_has_the_version(window, demo_path):
    assert window.windowTitle() == f"KWS Desktop {__version__}"
    window.open_location(str(demo_path))
    assert __version__ in window.windowTitle() and "[DEMO]" in window.windowTitle()


def test_icon_is_shipped():
    from kws_desktop.ui.shell.app import app_icon
    assert paths.resource("icons", "kws-desktop.png").exists()
    assert paths.resource("icons", "kws-desktop.ico").exists()
    assert not app_icon().isNull()


def _old_book(demo_master):
    old = paths.old_default_book_path()
    old.parent.mkdir(parents=True)
    shutil.copy(demo_master, old)
    return old


def test_old_book_is_offered_and_copied(window, demo_master, monkeypatch, qtbot):
    old = _old_book(demo_master)
    before = old.read_bytes()
    asked = _answer(monkeypatch, "Salin ke folder Dokumen lalu buka")
    window.start_default_book()
    assert asked and str(old) in asked[0]
    qtbot.waitUntil(lambda: window.ctx.book is not None, timeout=30000)
    assert window.ctx.book.path == paths.default_book_path()
    assert old.read_bytes() == before


def test_old_book_opened_where_it_is(window, demo_master, monkeypatch, qtbot):
    old = _old_book(demo_master)
    _answer(monkeypatch, "Buka di tempat lama")
    window.start_default_book()
    qtbot.waitUntil(lambda: window.ctx.book is not None, timeout=30000)
    assert window.ctx.book.path == old
    assert not paths.default_book_path().exists()


def test_old_book_cancel_makes_no_new_book(window, demo_master, monkeypatch):
    _old_book(demo_master)
    _answer(monkeypatch, "Batal")
    window.start_default_book()
    assert window.ctx.book is None and not window.opening
    assert not paths.default_book_path().exists()


def test_first_start_in_documents(window, monkeypatch, qtbot):
    monkeypatch.setattr("kws_desktop.ui.pages.book.first_run.run_first_run", lambda ctx, parent: False)
    window.start_default_book()
    assert window.ctx.book is not None and window.ctx.book.path == paths.default_book_path()
    assert paths.default_book_path().parent.name == "KWS"


def test_documents_not_writable_one_sentence(window, monkeypatch):
    shown = []
    monkeypatch.setattr("kws_desktop.ui.shell.main_window.show_error",
                        lambda parent, error, title=None: shown.append(error.message))

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("pathlib.Path.mkdir", refuse)
    window.start_default_book()
    assert window.ctx.book is None
    assert len(shown) == 1 and "tidak bisa dibuat" in shown[0]


def test_remembered_book_folder_gone(places, monkeypatch, qtbot):
    """run_app with a last book on a pulled-out flash drive: the welcome screen says so."""
    import sys

    from kws_desktop.settings import app_settings, save_settings
    from kws_desktop.ui.shell import app as app_module
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its guard
    settings = app_settings()
    gone = places / "flashdisk" / "buku.kws"
    settings.last_book = str(gone)
    save_settings(settings)
    seen = {}
    made = []
    real_create = app_module.create_window
    monkeypatch.setattr(app_module, "create_window", lambda ctx: made.append(real_create(ctx)) or made[-1])

    def fake_exec():
        w = made[-1]
        from PySide6.QtCore import QCoreApplication, QEvent

        from kws_desktop.ui.shell.welcome import WelcomeScreen
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # screens replaced are gone
        seen["notice"] = w.findChild(WelcomeScreen).notice.text()
        seen["book"] = w.ctx.book
        return 0
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    try:
        assert app_module.run_app() == 0
    finally:
        settings.last_book = ""
        save_settings(settings)
        for w in made:
            w.hide()
            w.deleteLater()
    assert seen["book"] is None
    assert str(gone.parent) in seen["notice"] and "flashdisk" in seen["notice"]
    assert not paths.default_book_path().exists()  # no new empty book made instead


def test_second_backup_made_on_close(window, demo_path, places, qtbot):
    usb = places / "usb"
    usb.mkdir()
    from kws_desktop.services.book import book_place
    book_place.choose_second_backup(window.ctx.settings, str(usb))
    window.open_location(str(demo_path))
    window.close_book()
    copies = list(usb.rglob("*.kws"))
    assert len(copies) == 1 and "tutup" in copies[0].name
    assert window.ctx.settings.second_backup_ok


def test_second_backup_reminder_shown(window, demo_path):
    import datetime as dt
    from kws_desktop.services.book import book_place
    book_place.choose_second_backup(window.ctx.settings, "/media/tidak-ada",
                                    now=dt.datetime.now() - dt.timedelta(days=9))
    window.open_location(str(demo_path))
    assert "/media/tidak-ada" in window.notice_text()


def test_crash_dialog_copies_details(qtbot, places):
    from kws_desktop.ui.shell.app import CrashDialog
    try:
        raise KeyError("hilang")
    except KeyError as exc:
        dialog = CrashDialog(exc)
    qtbot.addWidget(dialog)
    assert "Traceback" not in dialog.message.text()
    assert dialog.copy_button.text() == "Salin rincian"
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "KeyError" in copied and __version__ in copied
    assert dialog.copied.text()

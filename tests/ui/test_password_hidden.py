"""Issue 22, finding 6, in the window: a PostgreSQL book's password is not in the "opening"
screen, the book label, the title or the remembered books; a refused login asks for it."""
from kws_desktop.ui.kit.context import AppContext
from kws_desktop.ui.shell.main_window import MainWindow

SECRET = "s3cretPW"


def test_unreachable_server_named_without_password(qtbot, monkeypatch):
    from PySide6.QtWidgets import QLabel
    shown, asked = [], []
    monkeypatch.setattr("kws_desktop.ui.shell.main_window.show_error",
                        lambda parent, exc, title=None: shown.append(exc.message))
    monkeypatch.setattr("kws_desktop.ui.shell.main_window.ask_password", lambda *a: asked.append(a))
    window = MainWindow(AppContext())
    qtbot.addWidget(window)
    window.open_in_background(f"postgresql://kws:{SECRET}@127.0.0.1:1/x")
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert "Membuka buku postgresql://kws@127.0.0.1:1/x…" in texts
    assert not any(SECRET in t for t in texts)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown == ["Server PostgreSQL 127.0.0.1:1 tidak bisa dihubungi. Periksa jaringan dan "
                     "alamat servernya, lalu coba lagi."]
    assert asked == []  # not a login problem: no password prompt

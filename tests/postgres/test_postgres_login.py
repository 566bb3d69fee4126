"""Issue 22, finding 6, against a real server: a wrong password or user is called that (not a
damaged book), a missing one is asked for, and the password shows nowhere once the book is open."""
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from kws_desktop.cli import main
from kws_desktop.errors import BookError, LoginError
from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store.engine import normalise_url

RIGHT = "s3cretPW"


@pytest.fixture
def login(pg_admin_url, pg_url):
    """(user, server and database part of the URL): a role that must give its password over
    TCP (one pg_hba.conf line for that role only, taken out again afterwards)."""
    role = "kws_login_" + uuid.uuid4().hex[:8]
    admin = create_engine(normalise_url(pg_admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        hba = conn.execute(text("SHOW hba_file")).scalar()
        if not os.access(hba, os.W_OK):
            pytest.skip("pg_hba.conf of the test server cannot be changed here")
        conn.execute(text(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{RIGHT}'"))
        before = open(hba, encoding="utf-8").read()
        with open(hba, "w", encoding="utf-8") as fh:
            fh.write(f"host all {role} 127.0.0.1/32 scram-sha-256\n" + before)
        conn.execute(text("SELECT pg_reload_conf()"))
    host_db = pg_url.split("@", 1)[1]
    try:
        yield role, host_db
    finally:
        with open(hba, "w", encoding="utf-8") as fh:
            fh.write(before)
        book_db = create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
        with book_db.connect() as conn:  # what the role made lives in the test's database
            conn.execute(text(f"DROP OWNED BY {role}"))
        book_db.dispose()
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_reload_conf()"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def test_wrong_password_is_called_a_wrong_password(login, capsys):
    role, host_db = login
    url = f"postgresql://{role}:not-{RIGHT}@{host_db}"
    server = host_db.split("/")[0]
    with pytest.raises(LoginError) as refused:
        open_book(url)
    assert refused.value.message == (f"Kata sandi atau nama pengguna PostgreSQL salah (pengguna {role} "
                                     f"di server {server}). Periksa lalu coba lagi.")
    assert main(["check", url]) == 1
    out, err = capsys.readouterr()
    assert "Kata sandi atau nama pengguna PostgreSQL salah" in err
    assert RIGHT not in out + err and "rusak" not in out + err


def test_no_password_is_asked_for(login):
    role, host_db = login
    with pytest.raises(LoginError, match=f"meminta kata sandi untuk pengguna {role}"):
        open_book(f"postgresql://{role}@{host_db}")


def test_unknown_user_and_missing_database(pg_admin_url):
    base = pg_admin_url.split("@", 1)[1].rsplit("/", 1)[0]
    with pytest.raises(LoginError, match="Kata sandi atau nama pengguna PostgreSQL salah"):
        open_book(f"postgresql://tidak_ada:{RIGHT}@{base}/postgres")
    with pytest.raises(BookError, match="Database tidak_ada tidak ada di server PostgreSQL"):
        open_book(f"postgresql://postgres:{RIGHT}@{base}/tidak_ada")


def test_right_password_opens_and_shows_nowhere(login, capsys):
    role, host_db = login
    url = f"postgresql://{role}:{RIGHT}@{host_db}"
    book = create_book(url)
    try:
        assert RIGHT not in book.location + book.display_name
        assert book.display_name == f"postgresql://{role}@{host_db}"
        assert check_book(book) == []
    finally:
        book.close(backup=False)
    assert main(["check", url]) == 0
    out, err = capsys.readouterr()
    assert f"postgresql://{role}@{host_db} utuh" in out and RIGHT not in out + err


def test_window_shows_remembers_and_asks_without_leaking(login, qtbot, monkeypatch, fake_keyring):
    from kws_desktop.settings import settings_path
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.shell.main_window import MainWindow
    role, host_db = login
    public = f"postgresql://{role}@{host_db}"
    create_book(f"postgresql://{role}:{RIGHT}@{host_db}").close(backup=False)
    window = MainWindow(AppContext())
    qtbot.addWidget(window)
    try:
        assert window.open_location(f"postgresql://{role}:{RIGHT}@{host_db}")
        shown = window._book_label.text() + window.windowTitle()
        assert public in shown and RIGHT not in shown
        saved = settings_path().read_text(encoding="utf-8")
        assert public in saved and RIGHT not in saved
        assert list(fake_keyring.values()) == [RIGHT]
        window.set_book(None)
        assert window.open_location(public)  # the kept password is used again
        window.set_book(None)
        fake_keyring.clear()  # nothing kept (no keyring): the window asks
        answers = [f"not-{RIGHT}", RIGHT]
        asked = []
        monkeypatch.setattr("kws_desktop.ui.shell.main_window.ask_password",
                            lambda parent, why: asked.append(why) or answers.pop(0))
        assert not window.open_location(public)
        qtbot.waitUntil(lambda: window.ctx.book is not None, timeout=20_000)
        assert asked[0] == f"Server PostgreSQL {host_db.split('/')[0]} meminta kata sandi untuk pengguna {role}."
        assert asked[1].startswith("Kata sandi atau nama pengguna PostgreSQL salah")
        assert window.ctx.book.location == public
    finally:
        if window.ctx.book is not None:
            window.ctx.book.close(backup=False)
            window.ctx.book = None

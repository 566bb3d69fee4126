"""Issue 22, finding 6: a PostgreSQL password never shows: not in an error, a label, the command
line's output (even with --debug), nor the settings file (which only its owner may read); it goes
to the OS keyring when there is a safe one, else nowhere."""
import json
import os
import stat
import sys

import pytest

from kws_desktop import credentials
from kws_desktop.cli import main
from kws_desktop.errors import BookError
from kws_desktop.services.book.books import create_book, open_book
from kws_desktop.settings import AppSettings, app_settings, save_settings, settings_path
from kws_desktop.store.location import location_label, public_location, with_password

SECRET = "s3cretPW"
UNREACHABLE = f"postgresql://kws:{SECRET}@127.0.0.1:1/x"  # port 1: nothing listens there


@pytest.fixture
def no_keyring(monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)  # `import keyring` fails


def test_locations_are_shown_without_the_password():
    assert public_location(UNREACHABLE) == "postgresql://kws@127.0.0.1:1/x"
    assert public_location(f"postgresql+psycopg://kws@h/db?password={SECRET}&sslmode=require") == \
        "postgresql://kws@h/db?sslmode=require"
    assert public_location(f"postgresql://kws:{SECRET}@[broken/x") == "postgresql://kws@[broken/x"
    assert location_label(UNREACHABLE) == "postgresql://kws@127.0.0.1:1/x"
    assert with_password("postgresql://kws@h/db", "p@ss") == "postgresql://kws:p%40ss@h/db"
    assert public_location("/data/buku.kws") == "/data/buku.kws"


@pytest.mark.parametrize("call", [open_book, create_book, lambda u: open_book(u, read_only=True)])
def test_unreachable_server_is_named_plainly(call):
    with pytest.raises(BookError) as refused:
        call(UNREACHABLE)
    assert SECRET not in refused.value.message
    assert refused.value.message == ("Server PostgreSQL 127.0.0.1:1 tidak bisa dihubungi. Periksa "
                                     "jaringan dan alamat servernya, lalu coba lagi.")
    assert "rusak" not in refused.value.message


def test_an_unreadable_address_is_named_without_its_password():
    with pytest.raises(BookError, match="tidak bisa dibaca") as refused:
        open_book(f"postgresql://kws:{SECRET}@h:notaport/x")
    assert SECRET not in refused.value.message


def _cli_commands(tmp_path):
    url, out = UNREACHABLE, str(tmp_path / "keluar")
    book = tmp_path / "buku.kws"
    create_book(book).close(backup=False)
    template = tmp_path / "impor.xlsx"
    assert main(["template", str(template)]) == 0
    return [["check", url], ["list", "customers", url], ["list", "invoices", url, "--format", "json"],
            ["report", "profit-loss", url, "--out", out + ".pdf"],
            ["report", "program", url, "--by-kws", "--out", out + ".csv"],
            ["invoice", url, "TGH-2026-0001", "--out", out + ".pdf"],
            ["receipt", url, "KWT-2026-0001", "--out", out + ".pdf"],
            ["quote", url, "SPH-2026-0001", "--out", out + ".pdf"],
            ["export-ledger", url, "--out", out + ".journal"], ["import", url, str(template)],
            ["demo", url], ["consolidate", url, str(book)], ["backup", url, out + ".kws"]]


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_command_line_never_prints_the_password(tmp_path, capsys, debug):
    commands = _cli_commands(tmp_path)
    capsys.readouterr()
    for args in commands:
        code = main(debug + args)
        out, err = capsys.readouterr()
        assert code == 1, (args, out, err)
        assert SECRET not in out + err, (args, out, err)
        if not debug:
            assert "Traceback" not in err and err.strip(), (args, err)


def test_settings_file_keeps_no_password_and_only_its_owner_reads_it(fake_keyring):
    settings = AppSettings()
    settings.remember_book(UNREACHABLE)
    settings.remember_book(f"postgresql://kws:{SECRET}@server/lain")
    save_settings(settings)
    text = settings_path().read_text(encoding="utf-8")
    assert SECRET not in text
    assert json.loads(text)["last_book"] == "postgresql://kws@server/lain"
    if os.name == "posix":
        assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600
    assert fake_keyring == {(credentials.SERVICE, "postgresql://kws@127.0.0.1:1/x"): SECRET,
                            (credentials.SERVICE, "postgresql://kws@server/lain"): SECRET}
    assert credentials.fill_in("postgresql://kws@server/lain") == f"postgresql://kws:{SECRET}@server/lain"


def test_without_a_keyring_the_password_is_not_kept_anywhere(no_keyring):
    settings = AppSettings()
    settings.remember_book(UNREACHABLE)
    save_settings(settings)
    assert SECRET not in settings_path().read_text(encoding="utf-8")
    assert not credentials.can_keep_passwords()
    assert credentials.fill_in("postgresql://kws@127.0.0.1:1/x") == "postgresql://kws@127.0.0.1:1/x"


@pytest.mark.parametrize("backend", ["PlaintextKeyring", "fail.Keyring"])
def test_a_keyring_that_writes_plain_text_is_not_used(fake_keyring, monkeypatch, backend):
    sys.modules["keyring"].get_keyring = type(backend.split(".")[-1], (), {"__module__": backend})
    assert not credentials.remember(UNREACHABLE)
    assert fake_keyring == {}


def test_an_older_settings_file_with_a_password_is_cleaned_on_reading(no_keyring):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"last_book": UNREACHABLE, "recent_books": [UNREACHABLE, "/a.kws"]}))
    os.chmod(path, 0o644)
    settings = app_settings()
    assert settings.last_book == "postgresql://kws@127.0.0.1:1/x"
    assert settings.recent_books == ["postgresql://kws@127.0.0.1:1/x", "/a.kws"]
    assert SECRET not in path.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("url, password", [
    ("postgresql://kws:rahasia@server/buku", "rahasia"),
    ("postgresql://kws@server:5432/buku?password=rahasia", "rahasia"),
    ("postgresql://kws:p%40ss@server/buku", "p@ss"),
    ("postgresql://kws@server:5432/buku", None),
    ("postgresql://server/buku", None),
])
def test_a_password_is_found_without_parsing_a_url_that_has_none(url, password):
    from kws_desktop.store.location import password_of
    assert password_of(url) == password

"""Test setup: headless Qt, private user folders, and books to work on."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

# Before anything imports Qt or platformdirs: headless, and never the tester's own folders.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="kws-test-home-"))
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ["XDG_STATE_HOME"] = str(_HOME / "state")   # the log (platformdirs user_log_dir)
os.environ["XDG_CACHE_HOME"] = str(_HOME / "cache")
os.environ["KWS_DESKTOP_DOCUMENTS"] = str(_HOME / "Documents")  # books_dir(): Documents/KWS
os.environ["KWS_DESKTOP_CONFIG"] = str(_HOME / "config" / "pengaturan.json")
if sys.platform == "win32":  # pragma: no cover
    os.environ["APPDATA"] = os.environ["LOCALAPPDATA"] = str(_HOME)

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

from kws_desktop.i18n import set_language  # noqa: E402

DEMO_TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _indonesian():
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def book(tmp_path):
    """A fresh, empty book open for writing."""
    from kws_desktop.services.book.books import create_book
    b = create_book(tmp_path / "buku.kws")
    yield b
    b.close(backup=False)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo book, built once per test run (copied by `demo_book` for each test)."""
    from kws_desktop.services.training.demo import build_demo
    path = tmp_path_factory.mktemp("demo") / "demo.kws"
    build_demo(path, seed=7, orders=60, years=2, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_path(demo_master, tmp_path) -> Path:
    """A private copy of the demo book file (closed)."""
    target = tmp_path / "demo.kws"
    shutil.copy(demo_master, target)
    return target


@pytest.fixture
def demo_book(demo_path):
    """A private copy of the demo book, open for writing."""
    from kws_desktop.services.book.books import open_book
    b = open_book(demo_path)
    yield b
    b.close(backup=False)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_HOME, ignore_errors=True)


# --- PostgreSQL (a throwaway server started by dev.py test; see KWS_TEST_PG_URL) -----------

@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = os.environ.get("KWS_TEST_PG_URL")
    if not url:
        if os.environ.get("KWS_REQUIRE_PG"):
            pytest.fail("KWS_REQUIRE_PG is set but no PostgreSQL server was started")
        pytest.skip("no PostgreSQL server for tests (dev.py test starts one)")
    return url


@pytest.fixture
def pg_url(pg_admin_url, request):
    """The URL of a new, empty database, dropped after the test."""
    import uuid

    from sqlalchemy import create_engine, text

    from kws_desktop.store.engine import normalise_url
    name = "kws_" + uuid.uuid4().hex[:12]
    admin = create_engine(normalise_url(pg_admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = pg_admin_url.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def fake_keyring(monkeypatch):
    """A stand-in for the `keyring` library with a safe backend: a dict in memory
    {(service, public location): password}."""
    import types
    kept: dict[tuple[str, str], str] = {}

    class MemoryBackend:  # the name says nothing of "fail", "null" or "plaintext"
        pass

    module = types.ModuleType("keyring")
    module.get_keyring = MemoryBackend
    module.set_password = lambda service, user, secret: kept.__setitem__((service, user), secret)
    module.get_password = lambda service, user: kept.get((service, user))
    module.delete_password = lambda service, user: kept.pop((service, user), None)
    monkeypatch.setitem(sys.modules, "keyring", module)
    return kept


@pytest.fixture
def window(qtbot):
    """The main window on a fresh context; its book (if any) is closed afterwards."""
    from kws_desktop.ui.kit.context import AppContext
    from kws_desktop.ui.shell.main_window import MainWindow
    ctx = AppContext()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    yield w
    qtbot.waitUntil(lambda: not w.checks_running, timeout=30000)
    if ctx.book is not None:
        ctx.book.close(backup=False)
        ctx.book = None

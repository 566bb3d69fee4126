"""Where things live: shipped data (resources, translations) and the user's folders."""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "KWS Desktop"
APP_AUTHOR = "KWS"
_PACKAGE = Path(__file__).resolve().parent


@cache
def _shipped(name: str) -> Path:
    """An installed wheel carries data in kws_desktop/_data; a source checkout has it at the top."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def resources_dir() -> Path:
    return _shipped("resources")


def i18n_dir() -> Path:
    return _shipped("i18n")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_log_dir() -> Path:
    """The log (kws_desktop.logs): platformdirs' log folder, made on first use."""
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


BOOKS_FOLDER = "KWS"            # in the user's Documents folder
DEFAULT_BOOK = "buku-kws.kws"


def books_dir() -> Path:
    """Where the group's book and its automatic backups live: Documents/KWS, a folder the user
    can find, copy to a flash drive and back up (not hidden application data). Not created here
    (see ensure_books_dir). KWS_DESKTOP_DOCUMENTS replaces the Documents folder (tests, a
    trainer's portable setup)."""
    override = os.environ.get("KWS_DESKTOP_DOCUMENTS")
    documents = Path(override) if override else Path(platformdirs.user_documents_dir())
    return documents / BOOKS_FOLDER


def ensure_books_dir() -> Path:
    """books_dir(), created when missing; OSError when it cannot be (a read-only home)."""
    path = books_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_book_path() -> Path:
    return books_dir() / DEFAULT_BOOK


def old_default_book_path() -> Path:
    """Where versions before 1.0 kept the group's book (hidden application data)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / DEFAULT_BOOK


def old_backups_dir() -> Path:
    """Where versions before 1.0 kept automatic backups (still listed, never deleted)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "cadangan"


def backups_dir() -> Path:
    """Automatic backups: Documents/KWS/cadangan (each book in its own folder; see store.backup).
    Falls back to the old hidden folder when Documents cannot be written."""
    path = books_dir() / "cadangan"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = old_backups_dir()
        path.mkdir(parents=True, exist_ok=True)
    return path

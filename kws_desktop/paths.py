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


def default_book_path() -> Path:
    return user_data_dir() / "buku-kws.kws"


def backups_dir() -> Path:
    path = user_data_dir() / "cadangan"
    path.mkdir(parents=True, exist_ok=True)
    return path

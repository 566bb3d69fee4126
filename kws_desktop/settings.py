"""Per-user application settings (not per book): one typed registry with defaults, in JSON.

Book rules (profit sharing, paper for receipts) live in the book; see services.books.
A PostgreSQL book is remembered by its URL without the password (the password, if kept at all,
is in the OS keyring: see credentials); the file is readable by its owner only (0600).
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from kws_desktop.paths import user_config_dir
from kws_desktop.store.location import password_of, public_location

MAX_RECENT = 8


@dataclass
class AppSettings:
    language: str = "id"
    last_book: str = ""
    recent_books: list[str] = field(default_factory=list)
    zoom_percent: int = 100            # presentation zoom for projectors, 100..200
    rupiah_with_space: bool = False    # "Rp 1.250.000" instead of "Rp1.250.000"
    printers: dict[str, str] = field(default_factory=dict)  # document kind -> printer name
    exercise_start: str = ""           # workshop mode: snapshot to reset to
    second_backup: str = ""            # a second backup folder (flash drive, synced folder), or ""
    second_backup_since: str = ""      # when it was chosen (ISO), for the weekly reminder
    second_backup_ok: str = ""         # when it last got a copy (ISO), or ""

    def remember_book(self, location: str) -> None:
        """Remember a book opened; a URL's password goes to the keyring, never in here."""
        if password_of(location):
            from kws_desktop import credentials
            credentials.remember(location)
            location = public_location(location)
        self.last_book = location
        self.recent_books = [location] + [b for b in self.recent_books if b != location]
        del self.recent_books[MAX_RECENT:]


def settings_path() -> Path:
    override = os.environ.get("KWS_DESKTOP_CONFIG")
    return Path(override) if override else user_config_dir() / "pengaturan.json"


def app_settings() -> AppSettings:
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    known = {f.name for f in fields(AppSettings)}
    try:
        settings = AppSettings(**{k: v for k, v in data.items() if k in known})
    except TypeError:
        return AppSettings()
    if _drop_passwords(settings):
        try:  # an older version wrote them in plain text: take them out of the file now
            save_settings(settings)
        except OSError:
            pass
    if settings.language not in ("id", "en"):
        settings.language = "id"
    settings.zoom_percent = min(200, max(100, int(settings.zoom_percent or 100)))
    return settings


def _drop_passwords(settings: AppSettings) -> bool:
    """Move any password found in the remembered books to the keyring; True if one was found."""
    books = [settings.last_book, *settings.recent_books]
    if not any(isinstance(b, str) and password_of(b) for b in books):
        return False
    from kws_desktop import credentials
    for location in books:
        if isinstance(location, str) and password_of(location):
            credentials.remember(location)
    settings.last_book = public_location(settings.last_book)
    settings.recent_books = list(dict.fromkeys(public_location(b) for b in settings.recent_books))
    return True


def save_settings(settings: AppSettings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=1).encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # owner only, where the OS can
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    if os.name == "posix":
        os.chmod(tmp, 0o600)  # an older .tmp left with other modes
    os.replace(tmp, path)

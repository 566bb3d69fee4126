"""Per-user application settings (not per book): one typed registry with defaults, in JSON.

Book rules (profit sharing, paper for receipts) live in the book; see services.books.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from kws_desktop.paths import user_config_dir

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
    if settings.language not in ("id", "en"):
        settings.language = "id"
    settings.zoom_percent = min(200, max(100, int(settings.zoom_percent or 100)))
    return settings


def save_settings(settings: AppSettings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)

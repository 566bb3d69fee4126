"""Creating and opening books, the KWS profile and book-level settings."""
from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kws_desktop.core.profile import KwsProfile
from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.paths import backups_dir
from kws_desktop.services.book import audit
from kws_desktop.services.book.book_settings import BOOK_SETTINGS
from kws_desktop.services.book.ledger import install_chart
from kws_desktop.store import book as store
from kws_desktop.store.book import Book
from kws_desktop.store.models.book import BookIdentity, Profile, Setting

def create_book(location: str | Path, *, profile: KwsProfile | None = None,
                is_demo: bool = False, durable: bool = True) -> Book:
    """A new book with the chart of accounts and the profile. Returns it open for writing."""
    book = store.create_book(location, is_demo=is_demo, durable=durable)
    try:
        with book.transaction() as s:
            install_chart(s)
            s.add(Profile(id=1, **_profile_columns(profile or KwsProfile())))
            audit.record(s, book.actor, "create", "book", 1)
    except BaseException:
        book.close(backup=False)
        raise
    book._backups_root = backups_dir() if book.is_sqlite else None
    return book


def open_book(location: str | Path, *, read_only: bool = False, defer_checks: bool = False) -> Book:
    """Open a book (see store.book.open_book; with `defer_checks` the caller runs
    `book.open_checks()` later, in the background)."""
    return store.open_book(location, read_only=read_only, defer_checks=defer_checks,
                           backups_root=None if read_only else backups_dir())


def _profile_columns(profile: KwsProfile) -> dict[str, Any]:
    return {f.name: getattr(profile, f.name) for f in fields(KwsProfile)}


def _to_profile(row: Profile | None) -> KwsProfile:
    if row is None:
        return KwsProfile()
    return KwsProfile(**{f.name: getattr(row, f.name) for f in fields(KwsProfile)})


def get_profile(book: Book) -> KwsProfile:
    with book.reading() as s:
        return _to_profile(s.get(Profile, 1))


def update_profile(book: Book, profile: KwsProfile) -> KwsProfile:
    if not profile.name.strip():
        raise UserError(_("Nama KWS wajib diisi."), field="name")
    with book.transaction() as s:
        row = s.get(Profile, 1) or Profile(id=1)
        before = _to_profile(row)
        for key, value in _profile_columns(profile).items():
            setattr(row, key, value.strip() if isinstance(value, str) else value)
        s.add(row)
        changed = [k for k in asdict(profile) if k != "logo_png"
                   and getattr(before, k) != getattr(profile, k)]
        audit.record(s, book.actor, "update", "profile", 1, changed=changed)
        return _to_profile(row)


def is_demo(book: Book) -> bool:
    with book.reading() as s:
        return bool(s.execute(select(BookIdentity.is_demo)).scalar())


def get_setting(book: Book, key: str) -> Any:
    with book.reading() as s:
        return read_setting(s, key)


def read_setting(session, key: str) -> Any:
    """The stored value, or the setting's default when none (or none this version accepts) is
    stored. An undeclared key is a programming error (KeyError)."""
    setting = BOOK_SETTINGS[key]
    row = session.get(Setting, key)
    if row is None:
        return setting.default
    try:
        value = json.loads(row.value)
    except ValueError:
        return setting.default
    return value if setting.accepts(value) else setting.default


def set_setting(book: Book, key: str, value: Any) -> None:
    """Store a book setting; a value it does not accept is refused and nothing changes."""
    setting = BOOK_SETTINGS[key]
    if not setting.accepts(value):
        raise UserError(_(setting.refusal), field=key)
    with book.transaction() as s:
        row = s.get(Setting, key) or Setting(key=key, value="null")
        row.value = json.dumps(value)
        s.add(row)
        audit.record(s, book.actor, "setting", "settings", None, key=key, value=value)


def with_profile(profile: KwsProfile, **changes) -> KwsProfile:
    return replace(profile, **changes)

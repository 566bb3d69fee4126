"""Where a book lives, said without its secret: a file path, or a PostgreSQL URL shown and
remembered without the password (postgresql://kws@server/buku). And a refused connection said
plainly: wrong password or user, server out of reach, no such database; never "damaged"."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kws_desktop.errors import BookError, LoginError
from kws_desktop.i18n import _

if TYPE_CHECKING:  # SQLAlchemy parses URLs only when a location is one (a file needs none of it)
    from sqlalchemy.engine import URL

_CREDENTIALS = re.compile(r"(://[^/@:?#]*):[^@/?#]*@")


def is_url(location: str | Path) -> bool:
    return "://" in str(location)


def _parse(location: str) -> URL | None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    try:
        return make_url(location)
    except (ArgumentError, ValueError):
        return None


def _may_hold_password(url: str) -> bool:
    """False when ``url`` certainly has no password (no ':' in what comes before its last '@',
    no 'password' in it): then it need not be parsed (SQLAlchemy loads only for one that may)."""
    rest = url.split("://", 1)[1]
    return ":" in rest.rpartition("@")[0] or "password" in rest.lower()


def password_of(location: str | Path) -> str | None:
    if not is_url(location) or not _may_hold_password(str(location)):
        return None
    url = _parse(str(location))
    if url is None:
        return None
    return url.password or url.query.get("password") or None


def public_location(location: str | Path) -> str:
    """The location without its password: safe to show, log and remember."""
    text = str(location)
    if not is_url(text):
        return text
    url = _parse(text)
    if url is None:
        return _CREDENTIALS.sub(r"\1@", text)
    from sqlalchemy.engine import URL
    query = {k: v for k, v in url.query.items() if k != "password"}
    driver = url.drivername.split("+")[0]
    return URL.create(driver, username=url.username, host=url.host, port=url.port,
                      database=url.database, query=query).render_as_string(hide_password=False)


def with_password(location: str, password: str) -> str:
    """`location` (a URL) with `password` put in."""
    url = _parse(location)
    if url is None or not password:
        return location
    return url.set(password=password).render_as_string(hide_password=False)


def location_label(location: str | Path) -> str:
    """How a book is named in messages: a file by its name, a database by its public URL."""
    return public_location(location) if is_url(location) else Path(location).name


def scrub(text: str, location: str | Path) -> str:
    """`text` with the location's password (if any) blotted out."""
    secret = password_of(location)
    return text.replace(secret, "***") if secret else text


def _server(url: URL | None) -> str:
    if url is None:
        return "?"
    return f"{url.host or 'localhost'}:{url.port}" if url.port else (url.host or "localhost")


def connection_problem(exc: BaseException, location: str | Path) -> BookError | None:
    """A BookError naming why a PostgreSQL server refused us, or None when `exc` is not a
    refused connection. PostgreSQL's SQLSTATE first, then libpq's own words."""
    if not is_url(location):
        return None
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None) or ""
    text = str(orig).lower()
    url = _parse(str(location))
    user = (url.username if url else None) or "?"
    server = _server(url)
    if "no password supplied" in text or "password is required" in text:
        return LoginError(_("Server PostgreSQL {server} meminta kata sandi untuk pengguna {user}.")
                          .format(server=server, user=user))
    if state in ("28P01", "28000") or "password authentication failed" in text or (
            "role" in text and "does not exist" in text):
        return LoginError(_("Kata sandi atau nama pengguna PostgreSQL salah (pengguna {user} di "
                            "server {server}). Periksa lalu coba lagi.").format(user=user, server=server))
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return BookError(_("Database {name} tidak ada di server PostgreSQL {server}.").format(
            name=(url.database if url else None) or "?", server=server))
    if any(word in text for word in ("connection refused", "could not connect", "timeout expired",
                                     "could not translate host", "name or service not known",
                                     "network is unreachable", "no route to host",
                                     "connection to server", "server closed the connection")):
        return BookError(_("Server PostgreSQL {server} tidak bisa dihubungi. Periksa jaringan dan "
                           "alamat servernya, lalu coba lagi.").format(server=server))
    return None


@contextmanager
def plain_connection_errors(location: str | Path) -> Iterator[None]:
    """Inside: a refused connection to `location` comes out as a BookError in plain words."""
    from sqlalchemy.exc import DBAPIError
    try:
        yield
    except DBAPIError as exc:
        problem = connection_problem(exc, location)
        if problem is None:
            raise
        raise problem from exc

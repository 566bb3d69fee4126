"""`kws-desktop setup-postgres`: make (or upgrade) a shared PostgreSQL book as its owner and let
the app in through a role that owns nothing (store/pg_roles.py)."""
from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.store import pg_roles
from kws_desktop.store.engine import make_engine
from kws_desktop.store.location import connection_problem, public_location


def setup_postgres(admin_url: str, app_role: str, *, owner_role: str | None = None,
                   app_password: str | None = None) -> str:
    """Create the book at `admin_url` if it holds none (else bring it up to date), give its
    tables to the owner role and rows to the app role. Returns the app's address (no password)."""
    if not admin_url.startswith(("postgresql://", "postgres://")):
        raise UserError(_("setup-postgres hanya untuk alamat PostgreSQL (postgresql://…)."))
    owner_role = owner_role or f"{app_role}_pemilik"
    for role in (app_role, owner_role):
        if not pg_roles.valid_role(role):
            raise UserError(_("Nama peran {name} tidak bisa dipakai: pakai huruf kecil, angka dan _ saja.")
                            .format(name=role))
    if app_role == owner_role:
        raise UserError(_("Peran aplikasi dan peran pemilik harus berbeda."))
    roles = pg_roles.Roles(owner=owner_role, app=app_role)
    engine = make_engine(admin_url)
    try:
        with engine.begin() as conn:
            if pg_roles.privileged(conn, app_role, owner_role):
                raise UserError(_("Peran {name} terlalu berkuasa untuk aplikasi (pengelola, superuser, atau "
                                  "anggota pemilik): pengaman buku bisa dimatikan lewat peran itu. Pilih "
                                  "peran lain.").format(name=app_role))
            pg_roles.ensure_roles(conn, roles, app_password)
            has_book = inspect(conn).has_table("kws_book")
        _create_or_upgrade(admin_url, has_book)
        with engine.begin() as conn:
            pg_roles.hand_over(conn, roles)
    except DBAPIError as exc:
        problem = connection_problem(exc, admin_url)
        if problem is not None:
            raise problem from exc
        raise UserError(_("Pengaturan PostgreSQL gagal; pakai alamat pengelola database yang boleh membuat "
                          "peran. Rincian: {reason}").format(reason=str(exc.orig).splitlines()[0])) from exc
    finally:
        engine.dispose()
    return public_location(make_url(admin_url).set(username=app_role, password=None)
                           .render_as_string(hide_password=False))


def _create_or_upgrade(admin_url: str, has_book: bool) -> None:
    from kws_desktop.services.book.books import create_book, open_book
    book = open_book(admin_url) if has_book else create_book(admin_url)
    book.close(backup=False)

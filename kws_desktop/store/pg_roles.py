"""Two roles for a shared PostgreSQL book: an owner that holds the tables, and the role the app
logs in as, which may read and write rows but owns nothing.

A table's owner can DISABLE or DROP its triggers and TRUNCATE it; so can nobody else. With the app
working as a role that owns nothing, the guards (store/guards.py) hold even against someone who
has the app's own login: they can only do what the app's services do, and the guards refuse
the rest. The owner never logs in; an administrator acts as it (`SET ROLE`) to create or upgrade
the book (`kws-desktop setup-postgres`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Roles:
    owner: str
    app: str


def valid_role(name: str) -> bool:
    return bool(_NAME.match(name))


def _exists(conn: Connection, role: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def ensure_roles(conn: Connection, roles: Roles, app_password: str | None) -> None:
    """Create the owner (no login) and the app role (login) when missing; the administrator may
    act as the owner."""
    if not _exists(conn, roles.owner):
        conn.execute(text(f'CREATE ROLE "{roles.owner}" NOLOGIN'))
    if not _exists(conn, roles.app):
        conn.execute(text(f'CREATE ROLE "{roles.app}" LOGIN'))
    if app_password:
        conn.execute(text(f'ALTER ROLE "{roles.app}" PASSWORD :p'), {"p": app_password})
    conn.execute(text(f'GRANT "{roles.owner}" TO current_user'))


def hand_over(conn: Connection, roles: Roles) -> None:
    """Every table, sequence and guard function of the book's schema to the owner; rows (not
    TRUNCATE, not the tables themselves) to the app."""
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    for (name,) in conn.execute(text(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
            "AND c.relkind IN ('r', 'p')")).all():  # a serial's sequence follows its table
        conn.execute(text(f'ALTER TABLE "{schema}"."{name}" OWNER TO "{roles.owner}"'))
    for (signature,) in conn.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'kws\\_%'")).all():
        conn.execute(text(f'ALTER FUNCTION {signature} OWNER TO "{roles.owner}"'))
    database = conn.execute(text("SELECT current_database()")).scalar()
    conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{roles.app}"'))
    conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{roles.app}"'))
    conn.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM "{roles.app}"'))
    conn.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" '
                      f'TO "{roles.app}"'))
    conn.execute(text(f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{roles.app}"'))
    conn.execute(text(f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC'))

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
    if app_password:  # a utility command takes no bound parameters: a quoted literal
        literal = "'" + app_password.replace("'", "''") + "'"
        conn.exec_driver_sql(f'ALTER ROLE "{roles.app}" PASSWORD {literal}')
    conn.execute(text(f'GRANT "{roles.owner}" TO current_user'))


def privileged(conn: Connection, role: str, owner: str) -> bool:
    """The role could switch guards off all the same: the administrator, a superuser, a role that
    may create roles or bypass row security, or a member of the owner."""
    row = conn.execute(text(
        "SELECT r.rolname = current_user OR r.rolsuper OR r.rolcreaterole OR r.rolbypassrls "
        "OR (EXISTS (SELECT 1 FROM pg_roles o WHERE o.rolname = :o) AND pg_has_role(r.rolname, :o, 'MEMBER')) "
        "FROM pg_roles r WHERE r.rolname = :r"), {"r": role, "o": owner}).first()
    return bool(row and row[0])


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
    # the book's identity and revision stamp are the administrator's: the app only reads them
    for table in ("alembic_version", "kws_book"):
        conn.execute(text(f'REVOKE INSERT, UPDATE, DELETE ON "{schema}"."{table}" FROM "{roles.app}"'))
    conn.execute(text(f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC'))
    # no temporary tables either: nothing may stand in for a table of the book within a session
    conn.execute(text(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC'))
    conn.execute(text(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM "{roles.app}"'))

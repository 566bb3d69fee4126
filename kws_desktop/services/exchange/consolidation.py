"""Consolidation for a district office or facilitator: several KWS books (files) in one
PostgreSQL database, and the program report across all of them, by KWS.

Design: every KWS book gets its own PostgreSQL schema (``kws_<book uuid>``) holding the same
tables as a book, created by the same migrations, plus one registry table in ``public``
(``kws_consolidated_books``: which schema holds which KWS, copied from which file, when).
Running it again with a newer copy of a book replaces that book's schema as a whole (built
beside the old one and swapped in one transaction); an older copy than the one already there
is skipped. Each schema is a complete read-only KWS book, so every report of the app runs on
it unchanged (``open_consolidated``).
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Sequence

from sqlalchemy import Engine, create_engine, insert, select, text

from kws_desktop.errors import UserError
from kws_desktop.i18n import _
from kws_desktop.store import guards
from kws_desktop.store.book import Book
from kws_desktop.store.engine import is_url, normalise_url
from kws_desktop.store.location import plain_connection_errors

REGISTRY = "kws_consolidated_books"
BATCH = 2000


@dataclass(frozen=True)
class ConsolidatedBook:
    schema: str
    book_uuid: str
    kws_name: str
    source: str
    source_modified: dt.datetime
    consolidated_at: dt.datetime
    journal_entries: int
    orders: int


@dataclass(frozen=True)
class ConsolidationResult:
    added: tuple[ConsolidatedBook, ...]
    skipped: tuple[tuple[str, str], ...]   # (file, reason)


def _require_postgres(url: str) -> str:
    if not is_url(url) or not normalise_url(url).startswith("postgresql"):
        raise UserError(_("Gabungan buku hanya bisa ke database PostgreSQL "
                          "(alamat seperti postgresql://pengguna@server/nama)."))
    return normalise_url(url)


def _admin_engine(url: str) -> Engine:
    """The database at `url`, reached once now: a server that does not answer is one sentence."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError
    engine = create_engine(_require_postgres(url), pool_pre_ping=True)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise UserError(_("Database {url} tidak bisa dihubungi. Periksa alamat, nama pengguna dan kata "
                          "sandinya, dan pastikan server PostgreSQL menyala.").format(
            url=make_url(url).render_as_string(hide_password=True))) from exc
    return engine


def schema_engine(url: str, schema: str) -> Engine:
    """An engine whose unqualified table names are those of one consolidated book."""
    return create_engine(_require_postgres(url), pool_pre_ping=True,
                         connect_args={"options": f"-csearch_path={schema}"})


def _schema_for(book_uuid: str) -> str:
    return "kws_" + "".join(ch for ch in book_uuid.lower() if ch.isalnum())[:24]


def _ensure_registry(conn) -> None:
    conn.execute(text(
        f"CREATE TABLE IF NOT EXISTS public.{REGISTRY} ("
        "schema_name varchar(63) PRIMARY KEY, book_uuid varchar(36) UNIQUE NOT NULL, "
        "kws_name varchar(200) NOT NULL, source text NOT NULL, source_modified timestamp NOT NULL, "
        "consolidated_at timestamp NOT NULL, journal_entries integer NOT NULL, orders integer NOT NULL)"))


def _read_identity(path: Path) -> tuple[str, str]:
    """(book uuid, KWS name) of a book file, refusing what is not a KWS book."""
    from kws_desktop.store.book import _check_sqlite_file, _identify_file
    _check_sqlite_file(path)
    _identify_file(path)  # refuses foreign and damaged files with one clear sentence
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        book_uuid = con.execute("SELECT book_uuid FROM kws_book LIMIT 1").fetchone()[0]
        row = con.execute("SELECT name FROM profile WHERE id = 1").fetchone()
    finally:
        con.close()
    return book_uuid, (row[0] if row and row[0] else path.stem)


def consolidated_books(url: str) -> list[ConsolidatedBook]:
    """The books in the consolidation database, by KWS name."""
    engine = _admin_engine(url)
    try:
        with plain_connection_errors(url), engine.begin() as conn:
            _ensure_registry(conn)
            rows = conn.execute(text(
                f"SELECT schema_name, book_uuid, kws_name, source, source_modified, consolidated_at, "
                f"journal_entries, orders FROM public.{REGISTRY} ORDER BY kws_name, schema_name")).all()
    finally:
        engine.dispose()
    return [ConsolidatedBook(*r) for r in rows]


def consolidate(url: str, books: Sequence[str | Path], *, progress=None) -> ConsolidationResult:
    """Copy each KWS book file into its own schema of the PostgreSQL database at ``url``
    (replacing an older copy of the same book). ``progress(done, total)`` is called per book."""
    from kws_desktop.store import migrate
    from kws_desktop.store import models  # noqa: F401 - every table
    from kws_desktop.store.base import Base
    from kws_desktop.store.book import open_book
    paths = [Path(b) for b in books]
    if not paths:
        raise UserError(_("Sebutkan paling sedikit satu berkas buku KWS untuk digabung."))
    identities = [(p, *_read_identity(p)) for p in paths]   # refuse a bad file before any change
    seen: dict[str, Path] = {}
    for path, book_uuid, _name in identities:
        if book_uuid in seen:
            raise UserError(_("{a} dan {b} adalah buku yang sama; sebutkan satu saja.").format(
                a=seen[book_uuid].name, b=path.name))
        seen[book_uuid] = path
    admin = _admin_engine(url)
    added: list[ConsolidatedBook] = []
    skipped: list[tuple[str, str]] = []
    try:
        with plain_connection_errors(url), admin.begin() as conn:
            _ensure_registry(conn)
            known = {r[0]: r[1] for r in conn.execute(
                text(f"SELECT book_uuid, source_modified FROM public.{REGISTRY}"))}
        for n, (path, book_uuid, name) in enumerate(identities):
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
            if book_uuid in known and known[book_uuid] > modified:
                skipped.append((str(path), _("salinan ini lebih lama dari yang sudah digabung")))
                continue
            schema = _schema_for(book_uuid)
            building = schema + "_baru"
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{building}" CASCADE'))
                conn.execute(text(f'CREATE SCHEMA "{building}"'))
            target = schema_engine(url, building)
            try:
                migrate.upgrade(target)
                source = open_book(path, read_only=True)
                try:
                    counts = _copy_tables(source, target, Base.metadata)
                finally:
                    source.close(backup=False)
            finally:
                target.dispose()
            now = dt.datetime.now().replace(microsecond=0)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                conn.execute(text(f'ALTER SCHEMA "{building}" RENAME TO "{schema}"'))
                conn.execute(text(f"DELETE FROM public.{REGISTRY} WHERE book_uuid = :u"), {"u": book_uuid})
                conn.execute(text(
                    f"INSERT INTO public.{REGISTRY} VALUES (:s, :u, :n, :src, :m, :at, :e, :o)"),
                    {"s": schema, "u": book_uuid, "n": name, "src": str(path.resolve()), "m": modified,
                     "at": now, "e": counts.get("journal_entries", 0), "o": counts.get("orders", 0)})
            added.append(ConsolidatedBook(schema, book_uuid, name, str(path.resolve()), modified, now,
                                          counts.get("journal_entries", 0), counts.get("orders", 0)))
            if progress is not None:
                progress(n + 1, len(identities))
    finally:
        admin.dispose()
    return ConsolidationResult(tuple(added), tuple(skipped))


def _copy_tables(source: Book, target: Engine, metadata) -> dict[str, int]:
    """Every row of every table, in dependency order, with ids kept; then the id sequences
    continue after the highest id."""
    counts: dict[str, int] = {}
    with source.engine.connect() as src, target.begin() as dst:
        guards.remove(dst)  # rows arrive in table order (a sent quote before its lines): guard after
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = src.execution_options(stream_results=True).execute(select(table))
            n = 0
            while True:
                batch = rows.fetchmany(BATCH)
                if not batch:
                    break
                dst.execute(insert(table), [dict(r._mapping) for r in batch])
                n += len(batch)
            counts[table.name] = n
            ids = [c for c in table.primary_key.columns if c.name == "id" and c.autoincrement is not False]
            if ids and n:
                dst.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT max(id) FROM {table.name}))"))
        guards.install(dst)
    return counts


@contextmanager
def open_consolidated(url: str, schema: str) -> Iterator[Book]:
    """One consolidated KWS book, read-only, for any report or list of the app."""
    engine = schema_engine(url, schema)
    book = Book(f"{url}#{schema}", engine, read_only=True, lock=None, backups_root=None)
    try:
        yield book
    finally:
        engine.dispose()


def build_program_by_kws(url: str, start: dt.date | None = None, end: dt.date | None = None):
    """The program report across every consolidated KWS: one line per KWS, then each KWS's own
    report (by kecamatan and desa, package, payer and stage), then the grand total."""
    from kws_desktop.documents.tabular import Row, TabularReport
    from kws_desktop.services.reports import period_text, resolve_period
    from kws_desktop.services.reports.program import build_program
    books = consolidated_books(url)
    if not books:
        raise UserError(_("Database ini belum berisi buku KWS. Gabungkan dulu dengan "
                          "`kws-desktop consolidate`."))
    period = resolve_period(start, end)
    reports = []
    for b in books:
        with open_consolidated(url, b.schema) as book:
            reports.append((b, build_program(book, period.start, period.end)))
    keys = ("unit", "l", "p", "mbr", "nilai")
    names = [b.kws_name for b in books]

    def label(b: ConsolidatedBook) -> str:
        """The KWS name, with its file name when two books carry the same name."""
        return b.kws_name if names.count(b.kws_name) == 1 else f"{b.kws_name} ({Path(b.source).stem})"

    def figures(report) -> dict:
        total = next(r for r in reversed(report.rows) if r.style == "total")
        return {k: int(total.cells.get(k) or 0) for k in keys}

    rows = [Row({"uraian": _("MENURUT KWS")}, "heading")]
    grand = dict.fromkeys(keys, 0)
    for b, report in reports:
        f = figures(report)
        rows.append(Row({"uraian": label(b), **f}, "normal", 1))
        for k in keys:
            grand[k] += f[k]
    rows.append(Row({"uraian": _("JUMLAH SEMUA KWS"), **grand}, "subtotal"))
    for b, report in reports:
        rows.append(Row({"uraian": label(b).upper()}, "heading"))
        for r in report.rows:
            if r.style == "total":
                rows.append(replace(r, cells={**r.cells, "uraian": _("Jumlah unit {name}").format(
                    name=label(b))}, style="subtotal", indent=1))
            else:
                rows.append(replace(r, indent=r.indent + 1))
    rows.append(Row({"uraian": _("JUMLAH UNIT SEMUA KWS"), **grand}, "total"))
    first = reports[0][1]
    notes = [_("Gabungan {n} buku KWS; setiap buku disalin dari berkasnya pada tanggal yang "
               "tertulis di daftar gabungan.").format(n=len(reports)), *first.notes[-2:]]
    return TabularReport(title=_("Laporan Program Sanitasi per KWS"), subtitle=period_text(period),
                         columns=first.columns, rows=rows, notes=notes)

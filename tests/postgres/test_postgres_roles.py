"""The app works as a role that owns nothing (issue 22, finding 5 on PostgreSQL): its own login
can post and void through the services, but cannot TRUNCATE, DISABLE or DROP a guard, nor drop a
table; `setup-postgres` makes both roles, and upgrades are left to the administrator."""
import datetime as dt
import uuid

import pytest
from sqlalchemy import create_engine, text

from kws_desktop import cli
from kws_desktop.errors import BookError
from kws_desktop.services.book.books import open_book
from kws_desktop.services.book.check import check_book
from kws_desktop.store.engine import normalise_url


@pytest.fixture
def roles(pg_url):
    app = "kws_app_" + uuid.uuid4().hex[:8]
    yield app, app + "_pemilik"
    admin = create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for role in (app, app + "_pemilik"):
            conn.execute(text(f'REASSIGN OWNED BY "{role}" TO current_user'))
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def _as(pg_url, role):
    return pg_url.replace("postgres@", f"{role}@", 1)


def test_the_apps_role_can_work_but_not_switch_the_guards_off(pg_url, roles, capsys):
    app, owner = roles
    assert cli.main(["setup-postgres", pg_url, "--app-role", app]) == 0
    assert f"{app}@" in capsys.readouterr().out
    from kws_desktop.services.book.opening import post_opening_balances
    with open_book(_as(pg_url, app)) as book:
        post_opening_balances(book, dt.date(2026, 1, 1), cash=500_000, bank=0)
        assert check_book(book) == []
        for attack in ("TRUNCATE journal_lines CASCADE",
                       "ALTER TABLE receipts DISABLE TRIGGER USER",
                       "DROP TRIGGER journal_lines_immutable ON journal_lines",
                       "DROP TABLE audit_log CASCADE",
                       "UPDATE journal_lines SET amount = amount * 10",
                       "UPDATE alembic_version SET version_num = '0001'",
                       "DELETE FROM kws_book",
                       "DELETE FROM audit_log"):
            with pytest.raises(Exception, match="permission denied|must be owner|immutable"):
                with book.engine.begin() as conn:
                    conn.execute(text(attack))
    admin = create_engine(normalise_url(pg_url))
    with admin.connect() as conn:
        owners = {r[0] for r in conn.execute(text(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))}
    admin.dispose()
    assert owners == {owner}


def test_an_upgrade_is_left_to_the_administrator(pg_url, roles):
    app, _owner = roles
    assert cli.main(["setup-postgres", pg_url, "--app-role", app]) == 0
    from kws_desktop.store import migrate
    admin = create_engine(normalise_url(pg_url))
    with admin.connect() as conn:  # the book as release 1.0.0 left it
        migrate.command.downgrade(migrate.alembic_config(conn), "0004")
        conn.commit()
    admin.dispose()
    with pytest.raises(BookError, match="pengelola database"):
        open_book(_as(pg_url, app))
    assert cli.main(["setup-postgres", pg_url, "--app-role", app]) == 0  # the administrator upgrades
    with open_book(_as(pg_url, app)) as book:
        assert check_book(book) == []


def test_setup_refuses_bad_role_names_and_files(tmp_path, capsys):
    assert cli.main(["setup-postgres", str(tmp_path / "a.kws"), "--app-role", "kws"]) == 1
    assert "hanya untuk alamat PostgreSQL" in capsys.readouterr().err
    assert cli.main(["setup-postgres", "postgresql://x@127.0.0.1:1/db", "--app-role", "Robert'); DROP"]) == 1
    assert "tidak bisa dipakai" in capsys.readouterr().err


def test_a_temporary_table_cannot_stand_in_for_the_journal(pg_url, roles):
    """The guard functions look up tables in the book's schema (pg_temp last), and the app's role
    may not create temporary tables at all."""
    app, _owner = roles
    assert cli.main(["setup-postgres", pg_url, "--app-role", app]) == 0
    from kws_desktop.services.book.opening import post_opening_balances
    with open_book(pg_url) as book:  # as the administrator, who may make temporary tables
        post_opening_balances(book, dt.date(2026, 1, 1), cash=500_000, bank=0)
        with book.engine.connect() as conn:
            conn.execute(text("CREATE TEMP TABLE journal_lines (entry_id int, account_id int)"))
            entry, account = conn.execute(text(
                "SELECT entry_id, account_id FROM public.journal_lines LIMIT 1")).one()
            with pytest.raises(Exception, match="immutable"):
                conn.execute(text("INSERT INTO public.journal_lines (entry_id, account_id, amount, memo) "
                                  "VALUES (:e, :a, 999000, '')"), {"e": entry, "a": account})
    with open_book(_as(pg_url, app)) as book:
        with pytest.raises(Exception, match="permission denied"):
            with book.engine.begin() as conn:
                conn.execute(text("CREATE TEMP TABLE accounts (id int)"))


def test_setup_with_a_password_and_refusing_a_privileged_role(pg_url, roles, monkeypatch, capsys):
    app, _owner = roles
    monkeypatch.setenv("KWS_APP_PASSWORD", "rahasia'; DROP TABLE x; --:p")
    assert cli.main(["setup-postgres", pg_url, "--app-role", app]) == 0
    assert "rahasia" not in capsys.readouterr().out
    assert cli.main(["setup-postgres", pg_url, "--app-role", "postgres"]) == 1
    assert "terlalu berkuasa" in capsys.readouterr().err

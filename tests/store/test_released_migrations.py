"""Releases are forever: a released migration is never edited, and the guards of a released
revision never change under it. A change to the schema or to store/guards.py is a new revision
(`python -m kws_desktop.store.revision_tool "..."`, see docs/migrations.md)."""
import hashlib

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from kws_desktop.store import guards, migrate

# Every migration file of a release, with its SHA-256 (line endings as LF). Add the new files at
# each release; never change a line of this table.
RELEASED = {
    "1.0.0": {
        "0001_initial.py": "c82208ab4c7d7ace76388f18dda93b328966ec7cc28bb84d39bbd342874f0d53",
        "0002_immutable_journal.py": "9e3b12068ee18eccd42fbb17eaee74e23f93040657f2c539ad603755d385dd10",
        "0003_immutable_documents.py": "87b3439c0ec966c677ee1e0b97e0bb772526321124efbd94b70b29536aeb12d2",
        "0004_release_1_0.py": "3fd17195f61b17e4c66004ae80642dc8be236b9fa602294aa26a8752286c01ab",
        "0005_sealed_entries.py": "66f48637dc66b557f497bb8be35b7fb82375354544cfefb377bf4eb1cfa398f9",
    },
}

# The guard set (SQLite statements on a fresh book) at each head revision that has one. A change
# of store/guards.py adds a revision and a line here; a released revision's line never changes.
GUARD_SETS = {
    "0004": "e59f2851561f69271ec5f41fdd695b869bb25728acb9409d1a8328caf78f8bcb",
    "0005": "95a62566ed02a45b443ca06d1c4a2415564572bed164896cd267e551923eea57",
    "0006": "cac3afcf8ddd3489a773efc6cd77276aebfd6e1510c9014f79fc3c6208ec29cc",
    "0007": "cac3afcf8ddd3489a773efc6cd77276aebfd6e1510c9014f79fc3c6208ec29cc",  # guards as 0006
}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def test_released_migrations_are_unchanged():
    versions = migrate.MIGRATIONS / "versions"
    for release, files in RELEASED.items():
        for name, digest in files.items():
            path = versions / name
            assert path.exists(), f"{name} of release {release} was removed"
            assert _digest(path) == digest, (
                f"{name} belongs to release {release} and must not be edited: "
                "write a new revision instead (docs/migrations.md)")


def test_every_new_migration_comes_after_the_released_ones():
    released = {name for files in RELEASED.values() for name in files}
    last = max(name[:4] for name in released)
    for path in (migrate.MIGRATIONS / "versions").glob("*.py"):
        if path.name not in released:
            assert path.name[:4] > last, f"{path.name} is numbered among the released migrations"


def test_guard_set_belongs_to_its_revision():
    engine = create_engine("sqlite://", poolclass=StaticPool)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        statements = guards.expected(conn)
    digest = hashlib.sha256("\n".join(f"{k}\t{v}" for k, v in sorted(statements.items())).encode()).hexdigest()
    head = migrate.head_revision()
    assert GUARD_SETS.get(head) == digest, (
        "the guards changed without a revision of their own: add one (revision_tool) so that "
        f"existing books get them, and record its guard set here as {head!r}: {digest!r}")

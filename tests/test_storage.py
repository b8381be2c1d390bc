"""The SQLite store on real files: creating, migrating, refusing what is not ours.

Every test works on a database file under tmp_path. A database the code
refuses must be left byte for byte as it was, so those tests compare the
file's sha256 before and after.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPO

from rhetrack import storage
from rhetrack.errors import DatabaseError
from rhetrack.storage import MIGRATION_SET, applied_migrations, migration_files, open_database

SNAPSHOT = Path(__file__).with_name("schema_snapshot.sql")
UPDATE_SNAPSHOT_ENV = "RHETRACK_UPDATE_SNAPSHOT"
RHETRACK_TABLES = {"documents", "actors", "aliases", "statements", "targets", "statement_targets"}


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that commits on success and is always closed."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    """Journal files SQLite would leave next to a database it wrote to."""
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name + "-")]


def table_names(path: Path) -> set[str]:
    with connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def recorded_migrations(path: Path) -> list[tuple[str, str]]:
    with connect(path) as conn:
        return conn.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid").fetchall()


def schema_dump(path: Path) -> list[tuple[str, str, str]]:
    """(type, name, sql with whitespace collapsed) of every schema object."""
    with connect(path) as conn:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
    return [(type_, name, " ".join((sql or "").split())) for type_, name, sql in rows]


# -- creating and migrating ------------------------------------------------------------


def test_open_database_creates_and_migrates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    db = open_database(path)
    try:
        assert path.is_file()
        assert path.read_bytes().startswith(b"SQLite format 3\x00")
        tables = set(db.table_names())
        assert tables >= RHETRACK_TABLES | {"statements_fts", "_sqlite_migrations"}
        assert applied_migrations(db) == [name for name, _ in migration_files()]
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        db.close()
    assert recorded_migrations(path) == [(MIGRATION_SET, name) for name, _ in migration_files()]


def test_foreign_keys_are_enforced_on_the_opened_connection(tmp_path: Path) -> None:
    db = open_database(tmp_path / "fk.db")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO statements (document_id, kind, quote, sentence, span_start, span_end, "
                "date_precision, level) VALUES (12345, 'direct', 'q', 's', 0, 1, 'unknown', 0)"
            )
    finally:
        db.close()


def test_reopening_applies_nothing_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    open_database(path).close()
    with connect(path) as conn:
        first = conn.execute("SELECT id, migration_set, name, applied_at FROM _sqlite_migrations").fetchall()
    before = sha256(path)

    db = open_database(path)
    try:
        assert applied_migrations(db) == [name for name, _ in migration_files()]
    finally:
        db.close()

    with connect(path) as conn:
        again = conn.execute("SELECT id, migration_set, name, applied_at FROM _sqlite_migrations").fetchall()
    assert again == first
    assert sha256(path) == before


def test_open_database_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(DatabaseError, match=r"rhetrack ingest") as excinfo:
        open_database(path, create=False)
    assert str(path) in str(excinfo.value)
    assert not path.exists()


def test_open_database_without_create_opens_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "exists.db"
    open_database(path).close()
    db = open_database(path, create=False)
    try:
        assert applied_migrations(db) == [name for name, _ in migration_files()]
    finally:
        db.close()


# -- refusing databases that are not ours, or newer than the code ------------------------


def test_a_database_from_a_newer_rhetrack_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    with connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [MIGRATION_SET, "9999_future", "2099-01-01 00:00:00.000000+00:00"],
        )
    before = sha256(path)

    with pytest.raises(DatabaseError) as excinfo:
        open_database(path)

    message = str(excinfo.value)
    assert "newer" in message
    assert "9999_future" in message
    assert "untouched" in message
    assert sha256(path) == before
    assert sidecars(path) == []


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n", encoding="utf-8")
    before = sha256(path)

    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_database(path)

    assert sha256(path) == before
    assert path.read_text(encoding="utf-8") == "These are my notes, not a database.\n"
    assert sidecars(path) == []


def test_another_applications_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO recipes (title) VALUES ('bread')")
    before = sha256(path)

    with pytest.raises(DatabaseError, match="not rhetrack's") as excinfo:
        open_database(path)

    assert "untouched" in str(excinfo.value)
    assert sha256(path) == before
    assert table_names(path) == {"recipes"}
    assert sidecars(path) == []


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="folder"):
        open_database(folder)
    assert list(folder.iterdir()) == []


# -- migrations ------------------------------------------------------------------------


def test_migration_files_are_shipped_sorted_and_match_the_repository() -> None:
    files = migration_files()
    assert files, "no migrations found in the package"
    names = [name for name, _ in files]
    assert names == sorted(names)
    assert names[0] == "0001_initial"
    assert all(sql.strip() for _, sql in files)
    # Every numbered file of the repository's migrations/ is found, and nothing else.
    on_disk = sorted(p.stem for p in (REPO / "migrations").glob("*.sql"))
    assert names == on_disk
    assert dict(files)["0001_initial"] == (REPO / "migrations" / "0001_initial.sql").read_text(
        encoding="utf-8"
    )


BROKEN_MIGRATION = (
    "9998_broken",
    "CREATE TABLE half_done (id INTEGER PRIMARY KEY);\n"
    "ALTER TABLE documents ADD COLUMN half_done_column TEXT;\n"
    "INSERT INTO no_such_table (id) VALUES (1);\n",
)


def test_a_failing_migration_on_a_new_database_leaves_no_trace_of_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = migration_files()
    monkeypatch.setattr(storage, "migration_files", lambda: [*real, BROKEN_MIGRATION])
    path = tmp_path / "broken.db"

    with pytest.raises(DatabaseError, match="migrating the schema failed"):
        open_database(path)

    # The real migrations went in, each in its own transaction; nothing of the broken one did.
    assert recorded_migrations(path) == [(MIGRATION_SET, name) for name, _ in real]
    tables = table_names(path)
    assert "half_done" not in tables
    assert tables >= RHETRACK_TABLES
    with connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
    assert "half_done_column" not in columns


def test_a_failing_migration_on_an_existing_database_keeps_its_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "existing.db"
    open_database(path).close()
    schema_before = schema_dump(path)
    real = migration_files()
    monkeypatch.setattr(storage, "migration_files", lambda: [*real, BROKEN_MIGRATION])

    with pytest.raises(DatabaseError, match="migrating the schema failed"):
        open_database(path)

    assert schema_dump(path) == schema_before
    assert recorded_migrations(path) == [(MIGRATION_SET, name) for name, _ in real]


def test_a_new_migration_is_applied_when_an_old_database_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "upgrade.db"
    open_database(path).close()
    real = migration_files()
    extra = ("9999_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n")
    monkeypatch.setattr(storage, "migration_files", lambda: [*real, extra])

    db = open_database(path)
    try:
        assert applied_migrations(db) == [*(name for name, _ in real), "9999_notes"]
        assert "notes" in db.table_names()
    finally:
        db.close()


# -- the schema snapshot -----------------------------------------------------------------


def render_snapshot(rows: list[tuple[str, str, str]]) -> str:
    lines = [
        "-- The schema of a freshly migrated rhetrack database, whitespace collapsed.",
        f"-- Generated by tests/test_storage.py; regenerate with {UPDATE_SNAPSHOT_ENV}=1.",
        "",
    ]
    for type_, name, sql in rows:
        lines.append(f"-- {type_} {name}")
        lines.append(f"{sql};" if sql else "-- (no sql)")
    return "\n".join(lines) + "\n"


def test_schema_matches_the_committed_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.db"
    open_database(path).close()
    current = render_snapshot(schema_dump(path))

    if os.environ.get(UPDATE_SNAPSHOT_ENV) == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
        pytest.skip(f"rewrote {SNAPSHOT.name}; review and commit it")

    assert SNAPSHOT.exists(), (
        f"{SNAPSHOT} is missing; create it with "
        f"{UPDATE_SNAPSHOT_ENV}=1 pytest tests/test_storage.py -k snapshot"
    )
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert current == expected, (
        "The schema of a fresh database differs from tests/schema_snapshot.sql. "
        "Schema changes go in a new migrations/NNNN_name.sql file (never edit a released one). "
        f"If the change is intended, regenerate the snapshot with {UPDATE_SNAPSHOT_ENV}=1 "
        "pytest tests/test_storage.py -k snapshot, and commit it."
    )


def test_a_writing_connection_uses_wal_with_normal_sync(tmp_path: Path) -> None:
    """WAL with synchronous=NORMAL: no fsync per document, still safe from corruption."""
    db = open_database(tmp_path / "r.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


ARTICLE = (
    "Militia leader warns U.S.\n\nBAGHDAD, March 3, 2024 —\n\n"
    'Qais al-Khazali said, "We will strike the American bases if they stay." '
    'Hadi al-Ameri warned, "The occupiers will pay a heavy price."\n'
)


def test_source_counts_stay_equal_to_the_sources_through_copies_and_changes(tmp_path: Path) -> None:
    from rhetrack.ingest import ingest

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    db = open_database(tmp_path / "r.db")

    def counts() -> list[tuple[int, int, int]]:
        return db.execute(
            """SELECT id, source_count, (SELECT count(*) FROM statement_sources WHERE statement_id = s.id)
               FROM statements s WHERE orphaned = 0 ORDER BY id"""
        ).fetchall()

    ingest(db, [folder])
    assert [(stored, actual) for _, stored, actual in counts()] == [(3, 3), (3, 3)]
    (folder / "b.txt").write_text(ARTICLE.replace("a heavy price", "the highest price"), encoding="utf-8")
    (folder / "c.txt").write_text(ARTICLE.split("Hadi")[0], encoding="utf-8")
    ingest(db, [folder])
    assert all(stored == actual for _, stored, actual in counts())
    # Khazali's quote in all three; Ameri's in a, and his changed quote in b.
    assert sorted(stored for _, stored, _ in counts()) == [1, 1, 3]


def test_a_read_transaction_is_a_snapshot_that_never_blocks_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    db = open_database(path)
    with storage.read_transaction(db):
        before = db.execute("SELECT count(*) FROM targets").fetchone()[0]
        with connect(path) as other:
            other.execute("PRAGMA busy_timeout = 0")
            other.execute("BEGIN IMMEDIATE")  # the write lock is free
            other.execute("INSERT INTO targets (name) VALUES ('somewhere-new')")
            other.execute("COMMIT")
        assert db.execute("SELECT count(*) FROM targets").fetchone()[0] == before  # the snapshot holds
    assert db.execute("SELECT count(*) FROM targets").fetchone()[0] == before + 1

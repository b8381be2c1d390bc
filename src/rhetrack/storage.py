"""The SQLite store: opening and migrating the database, writing documents.

All writes live here (reads live in `query`), all SQL parameterized. The
schema comes only from the numbered files in `migrations/`, shipped inside
the package, applied in order on open, each in its own transaction and
recorded by sqlite-utils' `Migrations` in `_sqlite_migrations`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rhetrack.errors import DatabaseError
from rhetrack.gazetteer import Gazetteer, fold_name

if TYPE_CHECKING:
    from sqlite_utils import Database

    from rhetrack.extract import Statement
    from rhetrack.partial_date import PartialDate

DB_ENV = "RHETRACK_DB"
DEFAULT_DB = "rhetrack.db"
MIGRATION_SET = "rhetrack"
_SQLITE_HEADER = b"SQLite format 3\x00"

DocumentStatus = Literal["new", "updated", "unchanged"]


def database_path(option: Path | None = None) -> Path:
    """The database to use: `--db`, else `$RHETRACK_DB`, else `./rhetrack.db`."""
    if option is not None:
        return option
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def migration_files() -> list[tuple[str, str]]:
    """(name, sql) of every migration, in order, from the installed package."""
    folder: Traversable = resources.files("rhetrack") / "migrations"
    if not folder.is_dir():
        # Running from a source checkout without an install: the top-level folder.
        folder = Path(__file__).resolve().parents[2] / "migrations"
    files = sorted((entry.name, entry) for entry in folder.iterdir() if entry.name.endswith(".sql"))
    return [(name.removesuffix(".sql"), entry.read_text(encoding="utf-8")) for name, entry in files]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        statements.append(buffer.strip())
    return statements


def _migrations():  # -> sqlite_utils.migrations.Migrations
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, sql in migration_files():

        def apply(db: Database, sql: str = sql) -> None:
            # executescript() would COMMIT the surrounding transaction, so
            # each statement runs on its own inside the migration's one.
            for statement in _statements(sql):
                db.execute(statement)

        migrations(name=name)(apply)
    return migrations


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database file; give --db a file path")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
    if header and header != _SQLITE_HEADER:
        raise DatabaseError(f"{path}: not a SQLite database; it was left untouched. Give --db another path.")


def open_database(path: Path, *, create: bool = True) -> Database:
    """Open a rhetrack database, creating and migrating it as needed.

    Raises DatabaseError, leaving the file untouched, when the file is not a
    SQLite database, holds another application's tables, or was written by
    a newer rhetrack (it has migrations this code does not know).
    """
    from sqlite_utils import Database

    _check_file(path)
    if not path.exists() and not create:
        raise DatabaseError(f"{path}: no database here yet; run `rhetrack ingest PATH` first")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = Database(path, execute_plugins=False)
        db.execute("PRAGMA busy_timeout = 5000")
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: cannot be opened as SQLite ({exc}); it was left untouched") from exc

    migrations = _migrations()
    applied = {m.name for m in migrations.applied(db)} if "_sqlite_migrations" in tables else set()
    known = {name for name, _ in migration_files()}
    if tables and not applied and tables - {"_sqlite_migrations"}:
        db.close()
        raise DatabaseError(
            f"{path}: holds tables that are not rhetrack's; it was left untouched. Give --db another path."
        )
    if applied - known:
        db.close()
        newer = ", ".join(sorted(applied - known))
        raise DatabaseError(
            f"{path}: was written by a newer rhetrack (schema {newer}); upgrade rhetrack to use it. "
            "It was left untouched."
        )
    if known - applied:
        try:
            migrations.apply(db)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{path}: migrating the schema failed ({exc})") from exc
    db.execute("PRAGMA foreign_keys = ON")
    return db


def applied_migrations(db: Database) -> list[str]:
    """Names of the schema migrations recorded in the database, in order."""
    return [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            [MIGRATION_SET],
        ).fetchall()
    ]


# -- the gazetteer's actors and targets ------------------------------------------


def sync_gazetteer(db: Database, gazetteer: Gazetteer) -> None:
    """Add the gazetteer's actors, aliases and targets that the database lacks.

    Existing rows are kept as they are: actors the user edited stay theirs.
    """
    with db.atomic():
        for actor in gazetteer.actors.values():
            db.execute(
                "INSERT OR IGNORE INTO actors (name, kind, source) VALUES (?, ?, 'gazetteer')",
                [actor.name, actor.kind],
            )
        ids = dict(db.execute("SELECT name, id FROM actors").fetchall())
        for actor in gazetteer.actors.values():
            if actor.organization and actor.organization in ids:
                db.execute(
                    "UPDATE actors SET organization_id = ? WHERE id = ? AND organization_id IS NULL",
                    [ids[actor.organization], ids[actor.name]],
                )
        db.conn.executemany(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
            [
                (ids[actor.name], surface, fold_name(surface))
                for actor in gazetteer.actors.values()
                for surface in (actor.name, *actor.aliases)
            ],
        )
        for target in gazetteer.targets.values():
            db.execute("INSERT OR IGNORE INTO targets (name) VALUES (?)", [target.name])
        target_ids = dict(db.execute("SELECT name, id FROM targets").fetchall())
        for target in gazetteer.targets.values():
            if target.parent:
                db.execute(
                    "UPDATE targets SET parent_id = ? WHERE id = ?",
                    [target_ids[target.parent], target_ids[target.name]],
                )


# -- documents and their statements ----------------------------------------------------


@dataclass(frozen=True)
class DocumentRecord:
    """A document as stored: identity, metadata and the cleaned text."""

    path: str
    name: str
    content_hash: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    published_source: str | None = None


def stored_document(db: Database, path: str) -> dict[str, str | None] | None:
    """The stored hash and metadata of a document path, or None if it is new."""
    row = db.execute(
        "SELECT content_hash, title, url, publisher, published FROM documents WHERE path = ?",
        [path],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("content_hash", "title", "url", "publisher", "published"), row, strict=True))


def _actor_id(db: Database, statement: Statement, cache: dict[str, int]) -> int:
    speaker = statement.speaker
    if speaker.name in cache:
        return cache[speaker.name]
    row = db.execute("SELECT id FROM actors WHERE name = ?", [speaker.name]).fetchone()
    if row is None:
        folded = fold_name(speaker.name)
        row = db.execute("SELECT actor_id FROM aliases WHERE folded = ? LIMIT 1", [folded]).fetchone()
    if row is None:
        cursor = db.execute(
            "INSERT INTO actors (name, kind, source) VALUES (?, ?, 'extracted')",
            [speaker.name, speaker.kind],
        )
        actor_id = cursor.lastrowid
        db.execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
            [actor_id, speaker.name, fold_name(speaker.name)],
        )
        assert actor_id is not None
        cache[speaker.name] = actor_id
        return actor_id
    cache[speaker.name] = row[0]
    return row[0]


def store_document(db: Database, document: DocumentRecord, statements: Iterable[Statement]) -> DocumentStatus:
    """Write a document and replace its statements, in one transaction.

    A document is identified by its path: a changed file keeps its id and
    gets its statements replaced; an unchanged one is the caller's to skip.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    published = document.published
    values = {
        "path": document.path,
        "name": document.name,
        "content_hash": document.content_hash,
        "title": document.title,
        "url": document.url,
        "publisher": document.publisher,
        "published": published.iso() if published else None,
        "published_precision": published.precision if published else "unknown",
        "published_source": document.published_source,
        "text": document.text,
        "ingested_at": now,
    }
    with db.atomic():
        row = db.execute("SELECT id FROM documents WHERE path = ?", [document.path]).fetchone()
        if row is None:
            columns = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cursor = db.execute(f"INSERT INTO documents ({columns}) VALUES ({marks})", list(values.values()))
            document_id = cursor.lastrowid
            status: DocumentStatus = "new"
        else:
            document_id = row[0]
            assignments = ", ".join(f"{column} = ?" for column in values)
            db.execute(f"UPDATE documents SET {assignments} WHERE id = ?", [*values.values(), document_id])
            db.execute("DELETE FROM statements WHERE document_id = ?", [document_id])
            status = "updated"
        target_ids = dict(db.execute("SELECT name, id FROM targets").fetchall())
        actor_cache: dict[str, int] = {}
        for statement in statements:
            date = statement.date
            interval = date.interval()
            cursor = db.execute(
                """INSERT INTO statements (document_id, actor_id, speaker_text, kind, quote, sentence,
                       span_start, span_end, attribution_cue, date, date_precision, date_start, date_end,
                       date_expression, level, cues)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    document_id,
                    _actor_id(db, statement, actor_cache),
                    statement.speaker.surface,
                    statement.kind,
                    statement.quote,
                    statement.sentence,
                    statement.start,
                    statement.end,
                    statement.attribution_cue,
                    date.value.iso() if date.value else None,
                    date.precision,
                    interval[0].isoformat() if interval else None,
                    interval[1].isoformat() if interval else None,
                    date.expression,
                    statement.level,
                    json.dumps(
                        [
                            {
                                "family": c.family,
                                "level": c.level,
                                "text": c.text,
                                **({"note": c.note} if c.note else {}),
                            }
                            for c in statement.classification.cues
                        ],
                        ensure_ascii=False,
                    ),
                ],
            )
            statement_id = cursor.lastrowid
            for mention in statement.classification.targets:
                if mention.target in target_ids:
                    db.execute(
                        "INSERT OR IGNORE INTO statement_targets (statement_id, target_id, mention) "
                        "VALUES (?, ?, ?)",
                        [statement_id, target_ids[mention.target], mention.text],
                    )
    return status

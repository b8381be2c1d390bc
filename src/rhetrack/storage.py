"""The SQLite store: opening and migrating the database, writing documents.

All writes live here, with the reads that writing needs (listings and
reports live in `query`); all SQL is parameterized. The
schema comes only from the numbered files in `migrations/`, shipped inside
the package, applied in order on open, each in its own transaction and
recorded by sqlite-utils' `Migrations` in `_sqlite_migrations`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rhetrack.errors import DatabaseError, QueryError
from rhetrack.gazetteer import Gazetteer, fold_name, load_gazetteer
from rhetrack.partial_date import PartialDate

if TYPE_CHECKING:
    from rhetrack.extract import Statement

DB_ENV = "RHETRACK_DB"
DEFAULT_DB = "rhetrack.db"
MIGRATION_SET = "rhetrack"
_SQLITE_HEADER = b"SQLite format 3\x00"

DocumentStatus = Literal["new", "updated", "unchanged"]
BUSY_TIMEOUT_MS = 30_000  # how long a write waits for another writer's lock


class Database:
    """A connection to a rhetrack database: the part of sqlite-utils' `Database` rhetrack uses.

    `execute`, `conn`, `atomic`, `table_names` and `close` on a plain sqlite3
    connection in autocommit mode, so a statement outside a transaction
    commits at once, as sqlite-utils' `execute` does. sqlite-utils itself is
    imported only to apply migrations: a command that only reads starts
    without loading it (and click, and pluggy), which is a fifth of its
    start-up.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.isolation_level = None
        # As sqlite-utils sets it: a REPLACE that deletes a row fires its delete triggers.
        conn.execute("PRAGMA recursive_triggers = ON")
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def atomic(self) -> AbstractContextManager[Database]:
        """A write transaction, or a savepoint inside the one already open (`write_transaction`)."""
        return write_transaction(self)

    def close(self) -> None:
        self.conn.close()


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

        def apply(db: Any, sql: str = sql) -> None:  # a sqlite_utils.Database
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
    _check_file(path)
    if not path.exists() and not create:
        raise DatabaseError(f"{path}: no database here yet; run `rhetrack ingest PATH` first")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    read_only = path.exists() and not os.access(path, os.W_OK)
    try:
        db = Database(_read_only_connection(path) if read_only else sqlite3.connect(path))
        # Another ingest may hold the write lock: wait for it rather than fail.
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: cannot be opened as SQLite ({exc}); it was left untouched") from exc

    applied = set(applied_migrations(db)) if "_sqlite_migrations" in tables else set()
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
    if known - applied and read_only:
        db.close()
        raise DatabaseError(
            f"{path}: is read-only and needs a schema upgrade; open it once where it is writable"
        )
    if known - applied:
        from sqlite_utils import Database as SqliteUtilsDatabase

        try:
            _migrations().apply(SqliteUtilsDatabase(db.conn, execute_plugins=False))
        except sqlite3.DatabaseError as exc:
            db.close()
            raise DatabaseError(f"{path}: migrating the schema failed ({exc})") from exc
        _fill_quote_keys(db)
    if not read_only:
        # WAL: readers never block the writer, and two ingests can take turns.
        db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL is still safe from corruption on a crash; it skips
        # the fsync per commit (one per document), so a power cut may undo the
        # last documents of a run, which a re-run then stores again.
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that can never write: queries work on a read-only file."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL database in a folder we cannot write to: read it as immutable.
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock up front (BEGIN IMMEDIATE).

    With a deferred BEGIN, two ingests that both read first can deadlock on
    upgrading to a write lock and fail with "database is locked"; taking the
    lock first makes the second one wait its turn (busy_timeout).
    """
    if db.conn.in_transaction:
        # Inside the transaction already open: a savepoint.
        savepoint = f"rhetrack_{secrets.token_hex(8)}"
        db.conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield db
        except BaseException:
            # A failure may already have ended the transaction, savepoint and all.
            if db.conn.in_transaction:
                db.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                db.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        db.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise


@contextmanager
def read_transaction(db: Database) -> Iterator[Database]:
    """One snapshot for several reads (a deferred BEGIN): in WAL mode it neither
    blocks a writer nor waits for one."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")


def quote_key(quote: str) -> str:
    """The key two reports of one utterance share: case, marks, dashes and spacing folded.

    >>> quote_key("“We will strike,” ") == quote_key('we will strike')
    True
    """
    return " ".join(re.sub(r"[^\w\s]", " ", quote.casefold()).split())


def _fill_quote_keys(db: Database) -> None:
    """Statements stored before corroboration existed get their quote keys."""
    rows = db.execute("SELECT id, quote FROM statements WHERE quote_key IS NULL").fetchall()
    if rows:
        with write_transaction(db):
            db.conn.executemany(
                "UPDATE statements SET quote_key = ? WHERE id = ?", [(quote_key(q), i) for i, q in rows]
            )


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

    The registry is the user's: existing rows are never changed, and an actor
    whose name is already an alias of another (after `actor merge`) is not
    brought back.
    """
    with write_transaction(db):
        known = {row[0] for row in db.execute("SELECT folded FROM aliases")}
        for actor in gazetteer.actors.values():
            if fold_name(actor.name) not in known:
                db.execute(
                    "INSERT OR IGNORE INTO actors (name, kind, source) VALUES (?, ?, 'gazetteer')",
                    [actor.name, actor.kind],
                )
        ids = dict(db.execute("SELECT name, id FROM actors").fetchall())
        for actor in gazetteer.actors.values():
            if actor.name in ids and actor.organization in ids:
                db.execute(
                    """UPDATE actors SET organization_id = ?
                       WHERE id = ? AND organization_id IS NULL AND source = 'gazetteer'""",
                    [ids[actor.organization], ids[actor.name]],
                )
        db.conn.executemany(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
            [
                (ids[actor.name], surface, fold_name(surface))
                for actor in gazetteer.actors.values()
                if actor.name in ids
                for surface in (actor.name, *actor.aliases)
                if fold_name(surface) not in known or surface == actor.name
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


@dataclass(frozen=True)
class StoreResult:
    status: DocumentStatus
    orphaned_corrections: int = 0  # corrections whose quote is no longer in the document


def stored_document(db: Database, path: str) -> dict[str, str | None] | None:
    """The stored hash and metadata of a document path, or None if it is new."""
    row = db.execute(
        "SELECT content_hash, title, url, publisher, published FROM documents WHERE path = ?", [path]
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("content_hash", "title", "url", "publisher", "published"), row, strict=True))


def actor_id_for(db: Database, name: str, kind: str = "person", *, source: str = "extracted") -> int:
    """The id of the actor a name names (canonical or alias), created if unknown."""
    row = db.execute("SELECT id FROM actors WHERE name = ?", [name]).fetchone()
    if row is None:
        row = db.execute(
            "SELECT actor_id FROM aliases WHERE folded = ? LIMIT 1", [fold_name(name)]
        ).fetchone()
    if row is not None:
        return row[0]
    cursor = db.execute("INSERT INTO actors (name, kind, source) VALUES (?, ?, ?)", [name, kind, source])
    actor_id = cursor.lastrowid
    assert actor_id is not None
    db.execute(
        "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
        [actor_id, name, fold_name(name)],
    )
    return actor_id


def _date_columns(value: PartialDate | None, precision: str) -> list[str | None]:
    interval = value.interval() if value is not None else None
    return [
        value.iso() if value is not None else None,
        precision,
        interval[0].isoformat() if interval else None,
        interval[1].isoformat() if interval else None,
    ]


def _cues_json(statement: Statement) -> str:
    return json.dumps(
        [
            {"family": c.family, "level": c.level, "text": c.text, **({"note": c.note} if c.note else {})}
            for c in statement.classification.cues
        ],
        ensure_ascii=False,
    )


def _extracted_values(statement: Statement, actor_id: int) -> dict[str, object]:
    """A statement's columns as extraction found them (corrections are replayed after)."""
    date = statement.date
    date_value, date_precision, date_start, date_end = _date_columns(date.value, date.precision)
    return {
        "actor_id": actor_id,
        "extracted_actor_id": actor_id,
        "speaker_text": statement.speaker.surface,
        "kind": statement.kind,
        "quote": statement.quote,
        "sentence": statement.sentence,
        "span_start": statement.start,
        "span_end": statement.end,
        "attribution_cue": statement.attribution_cue,
        "date": date_value,
        "date_precision": date_precision,
        "date_start": date_start,
        "date_end": date_end,
        "date_expression": date.expression,
        "level": statement.level,
        "cues": _cues_json(statement),
        "quote_key": quote_key(statement.quote),
        "rejected": 0,
        "note": None,
    }


def _write_extracted_fields(db: Database, statement_id: int, statement: Statement, actor_id: int) -> None:
    """Set a statement's fields to what extraction found (corrections are replayed after)."""
    values = _extracted_values(statement, actor_id)
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE statements SET {assignments} WHERE id = ?", [*values.values(), statement_id])
    _set_targets(db, statement_id, _targets_of(statement))


def _insert_extracted(db: Database, document_id: int, statement: Statement, actor_id: int) -> int:
    """A new statement with its fields and targets, in one INSERT (one full-text index update)."""
    statement_id = _insert(
        db, "statements", {"document_id": document_id, **_extracted_values(statement, actor_id)}
    )
    _insert_targets(db, statement_id, _targets_of(statement))
    return statement_id


def _insert(db: Database, table: str, values: dict[str, object]) -> int:
    """Insert one row of `values` (column: value) into `table`; its id."""
    columns, marks = ", ".join(values), ", ".join("?" for _ in values)
    row_id = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())).lastrowid
    assert row_id is not None
    return row_id


def _targets_of(statement: Statement) -> list[tuple[str, str]]:
    """(target, mention) of each target a statement threatens."""
    return [(m.target, m.text) for m in statement.classification.targets]


def _set_targets(db: Database, statement_id: int, targets: list[tuple[str, str]]) -> None:
    db.execute("DELETE FROM statement_targets WHERE statement_id = ?", [statement_id])
    _insert_targets(db, statement_id, targets)


def _insert_targets(db: Database, statement_id: int, targets: list[tuple[str, str]]) -> None:
    if targets:
        db.conn.executemany(
            """INSERT OR IGNORE INTO statement_targets (statement_id, target_id, mention)
               SELECT ?, id, ? FROM targets WHERE name = ?""",
            [(statement_id, mention, name) for name, mention in targets],
        )


def _upsert_document(db: Database, document: DocumentRecord) -> tuple[int, DocumentStatus]:
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
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    row = db.execute("SELECT id FROM documents WHERE path = ?", [document.path]).fetchone()
    if row is None:
        return _insert(db, "documents", values), "new"
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE documents SET {assignments} WHERE id = ?", [*values.values(), row[0]])
    return row[0], "updated"


def store_document(db: Database, document: DocumentRecord, statements: Iterable[Statement]) -> StoreResult:
    """Write a document and its statements in one transaction.

    Each extracted statement joins the existing statement with the same
    speaker (as extracted, whatever an analyst changed it to) and quote (the
    same utterance reported again, or re-extracted from a changed file: its
    id stays), or becomes a new one. A statement left with no source is
    removed; if it carries corrections they move to the new statement whose
    quote matches, or, when the quote is gone, the statement is kept marked
    orphaned with its corrections (and revived if the quote comes back).
    Then every correction is replayed, so analysts' edits always win.
    """
    with write_transaction(db):
        document_id, status = _upsert_document(db, document)
        lost_source = [
            row[0]
            for row in db.execute(
                "SELECT statement_id FROM statement_sources WHERE document_id = ?", [document_id]
            )
        ]
        # Correlated, so each source looks up its statement by id: "statement_id
        # IN (SELECT id …)" listed every extracted statement, once per document.
        db.execute(
            """DELETE FROM statement_sources WHERE document_id = ? AND EXISTS (
                   SELECT 1 FROM statements WHERE id = statement_sources.statement_id
                   AND origin = 'extracted')""",
            [document_id],
        )
        touched: list[int] = []
        inserted: set[int] = set()  # new statements: their one source is this document
        one_more_source: list[int] = []  # known statements this document adds a source to
        actor_ids: dict[tuple[str, str], int] = {}
        for statement in statements:
            speaker = (statement.speaker.name, statement.speaker.kind)
            if speaker not in actor_ids:
                actor_ids[speaker] = actor_id_for(db, *speaker)
            actor_id = actor_ids[speaker]
            key = quote_key(statement.quote)
            row = db.execute(
                """SELECT id, document_id FROM statements
                   WHERE extracted_actor_id = ? AND quote_key = ? AND origin = 'extracted'
                   ORDER BY id LIMIT 1""",
                [actor_id, key],
            ).fetchone()
            if row is None:
                statement_id = _insert_extracted(db, document_id, statement, actor_id)
                inserted.add(statement_id)
                _add_source(db, statement_id, document_id, statement)
                touched.append(statement_id)
                continue
            statement_id, primary = row
            added = _add_source(db, statement_id, document_id, statement)
            if added:
                _revive(db, statement_id)
                one_more_source.append(statement_id)
            if added and (primary == document_id or not _has_source(db, statement_id, primary)):
                # The first source speaks for the statement's fields.
                db.execute("UPDATE statements SET document_id = ? WHERE id = ?", [document_id, statement_id])
                _write_extracted_fields(db, statement_id, statement, actor_id)
            touched.append(statement_id)
        orphaned = _settle_orphans(db, document_id, document.path, touched, lost_source)
        orphaned += _reanchor_added(db, document_id, document.path, document.text)
        # A statement new in this run has no corrections, unless settling the
        # statements that lost this document as a source moved some to it.
        for statement_id in dict.fromkeys(touched):
            if statement_id not in inserted or lost_source:
                replay_corrections(db, statement_id)
        # A statement that only gained this document as a source keeps its
        # primary source and counts one more; one that lost a source is recounted.
        lost = set(lost_source)
        for statement_id in one_more_source:
            if statement_id not in lost:
                db.execute(
                    "UPDATE statements SET source_count = source_count + 1 WHERE id = ?", [statement_id]
                )
        for statement_id in dict.fromkeys(lost_source):
            _refresh_sources(db, statement_id)
    return StoreResult(status, orphaned)


def _add_source(db: Database, statement_id: int, document_id: int, statement: Statement) -> bool:
    """Record that a document reports a statement; False if it already did."""
    return bool(
        db.execute(
            """INSERT OR IGNORE INTO statement_sources
                   (statement_id, document_id, span_start, span_end, quote, sentence)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [statement_id, document_id, statement.start, statement.end, statement.quote, statement.sentence],
        ).rowcount
    )


def _revive(db: Database, statement_id: int) -> None:
    """A statement found again: no longer orphaned, nor are its corrections."""
    db.execute("UPDATE statements SET orphaned = 0 WHERE id = ? AND orphaned = 1", [statement_id])
    db.execute("UPDATE corrections SET orphaned = 0 WHERE statement_id = ? AND orphaned = 1", [statement_id])


def _has_source(db: Database, statement_id: int, document_id: int) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM statement_sources WHERE statement_id = ? AND document_id = ?",
            [statement_id, document_id],
        ).fetchone()
        is not None
    )


def _refresh_sources(db: Database, statement_id: int) -> None:
    """Keep source_count, and the primary source when the old one is gone."""
    db.execute(
        """UPDATE statements SET source_count =
               (SELECT count(*) FROM statement_sources WHERE statement_id = statements.id)
           WHERE id = ?""",
        [statement_id],
    )
    db.execute(
        """UPDATE statements SET
               (document_id, span_start, span_end, sentence) = (
                   SELECT document_id, span_start, span_end, sentence FROM statement_sources
                   WHERE statement_id = statements.id ORDER BY document_id LIMIT 1)
           WHERE id = ? AND NOT EXISTS (
               SELECT 1 FROM statement_sources
               WHERE statement_id = statements.id AND document_id = statements.document_id)
             AND EXISTS (SELECT 1 FROM statement_sources WHERE statement_id = statements.id)""",
        [statement_id],
    )


def quote_similarity(a: str, b: str) -> float:
    """How alike two quotes are (0-1): the better of their overall similarity
    (an edited word) and how much of the shorter the longest common run
    covers (a quote cut short)."""
    left, right = quote_key(a), quote_key(b)
    if not left or not right:
        return 0.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    run = matcher.find_longest_match(0, len(left), 0, len(right)).size
    return max(matcher.ratio(), run / min(len(left), len(right)))


REANCHOR_SIMILARITY = 0.8


def _settle_orphans(
    db: Database, document_id: int, document_path: str, touched: list[int], lost_source: list[int]
) -> int:
    """Settle statements left without a source by this ingest; count corrections orphaned.

    Corrections move to the statement of this document whose quote is most
    alike; a statement whose corrections find no new home is kept, marked
    orphaned (hidden from listings, its history intact); one without
    corrections is removed.
    """
    # Only statements this document reported can have lost their last source.
    orphans = [
        statement_id
        for statement_id in dict.fromkeys(lost_source)
        if db.execute(
            """SELECT 1 FROM statements s WHERE id = ? AND origin = 'extracted' AND orphaned = 0
               AND NOT EXISTS (SELECT 1 FROM statement_sources WHERE statement_id = s.id)""",
            [statement_id],
        ).fetchone()
    ]
    candidates = db.execute(
        "SELECT statement_id, quote FROM statement_sources WHERE document_id = ?", [document_id]
    ).fetchall()
    orphaned = 0
    for orphan in orphans:
        corrections = db.execute(
            "SELECT id, anchor_quote, document_path FROM corrections WHERE statement_id = ? ORDER BY id",
            [orphan],
        ).fetchall()
        kept = False
        for correction_id, anchor, path in corrections:
            scored = [(quote_similarity(anchor, quote), statement_id) for statement_id, quote in candidates]
            score, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
            if path == document_path and best is not None and score >= REANCHOR_SIMILARITY:
                db.execute("UPDATE corrections SET statement_id = ? WHERE id = ?", [best, correction_id])
                touched.append(best)
            else:
                db.execute("UPDATE corrections SET orphaned = 1 WHERE id = ?", [correction_id])
                orphaned += 1
                kept = True
        if kept:
            db.execute("UPDATE statements SET orphaned = 1, source_count = 0 WHERE id = ?", [orphan])
        else:
            db.execute("DELETE FROM statements WHERE id = ?", [orphan])
    return orphaned


def _reanchor_added(db: Database, document_id: int, document_path: str, text: str) -> int:
    """Find analysts' added statements again in a changed text; count those lost.

    A lost one keeps its correction and is kept, orphaned, without this
    source (so nothing points at unrelated text); it is revived, source and
    all, when its quote comes back.
    """
    lost = 0
    rows = db.execute(
        """SELECT s.id, s.quote FROM statements s JOIN corrections c ON c.statement_id = s.id
           WHERE s.origin = 'user' AND c.field = 'added' AND c.document_path = ?""",
        [document_path],
    ).fetchall()
    for statement_id, quote in rows:
        found = text.find(quote)
        if found < 0:
            gone = db.execute(
                "DELETE FROM statement_sources WHERE statement_id = ? AND document_id = ?",
                [statement_id, document_id],
            ).rowcount
            if gone:
                db.execute("UPDATE corrections SET orphaned = 1 WHERE statement_id = ?", [statement_id])
                db.execute(
                    "UPDATE statements SET orphaned = 1, source_count = 0 WHERE id = ?", [statement_id]
                )
                lost += 1
            continue
        sentence = _sentence_around(text, found, found + len(quote))
        db.execute(
            """INSERT INTO statement_sources
                   (statement_id, document_id, span_start, span_end, quote, sentence)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT DO UPDATE SET span_start = excluded.span_start, span_end = excluded.span_end,
                   sentence = excluded.sentence""",
            [statement_id, document_id, found, found + len(quote), quote, sentence],
        )
        db.execute(
            "UPDATE statements SET document_id = ?, span_start = ?, span_end = ?, sentence = ? WHERE id = ?",
            [document_id, found, found + len(quote), sentence, statement_id],
        )
        _revive(db, statement_id)
        _refresh_sources(db, statement_id)
    return lost


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding a span (to its end, at least)."""
    from rhetrack.segment import segment

    sentence = segment(text).sentence_at(start)
    return text[sentence.start : max(sentence.end, end)]


# -- corrections ---------------------------------------------------------------------------


def _statement_essentials(db: Database, statement_id: int) -> sqlite3.Row | tuple:
    row = db.execute(
        """SELECT s.id, s.quote, d.path, a.name, s.level, s.date, s.date_precision, s.kind, s.note, s.rejected
           FROM statements s JOIN documents d ON d.id = s.document_id
           LEFT JOIN actors a ON a.id = s.actor_id WHERE s.id = ?""",
        [statement_id],
    ).fetchone()
    if row is None:
        raise QueryError(f"no statement {statement_id}; see `rhetrack show` for statement ids")
    return row


def _current_targets(db: Database, statement_id: int) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            """SELECT t.name FROM statement_targets st JOIN targets t ON t.id = st.target_id
               WHERE st.statement_id = ? ORDER BY t.name""",
            [statement_id],
        )
    ]


def _apply(db: Database, statement_id: int, field: str, value: str | None) -> None:
    """Set one field of a statement to a corrected value."""
    if field == "speaker":
        assert value is not None
        db.execute("UPDATE statements SET actor_id = ? WHERE id = ?", [actor_id_for(db, value), statement_id])
    elif field == "level":
        db.execute("UPDATE statements SET level = ? WHERE id = ?", [int(value or 0), statement_id])
    elif field == "targets":
        names = json.loads(value or "[]")
        _set_targets(db, statement_id, [(name, "(corrected)") for name in names])
    elif field == "date":
        date = PartialDate.parse_iso(value) if value else None
        precision = date.precision if date is not None else "unknown"
        db.execute(
            "UPDATE statements SET date = ?, date_precision = ?, date_start = ?, date_end = ? WHERE id = ?",
            [*_date_columns(date, precision), statement_id],
        )
    elif field == "kind":
        db.execute("UPDATE statements SET kind = ? WHERE id = ?", [value, statement_id])
    elif field == "note":
        db.execute("UPDATE statements SET note = ? WHERE id = ?", [value, statement_id])
    elif field == "rejected":
        db.execute("UPDATE statements SET rejected = ? WHERE id = ?", [int(value == "true"), statement_id])


def replay_corrections(db: Database, statement_id: int) -> None:
    """Apply a statement's corrections, oldest first, over its extracted values."""
    corrections = db.execute(
        "SELECT field, new_value FROM corrections WHERE statement_id = ? AND orphaned = 0 ORDER BY id",
        [statement_id],
    ).fetchall()
    for field, value in corrections:
        _apply(db, statement_id, field, value)
    db.execute(
        "UPDATE statements SET corrected = ? WHERE id = ? AND corrected != ?",
        [int(bool(corrections)), statement_id, int(bool(corrections))],
    )


def _current_value(db: Database, statement_id: int, field: str) -> str | None:
    _, _, _, speaker, level, date, _, kind, note, rejected = _statement_essentials(db, statement_id)
    return {
        "speaker": speaker,
        "level": str(level),
        "targets": json.dumps(_current_targets(db, statement_id)),
        "date": date,
        "kind": kind,
        "note": note,
        "rejected": "true" if rejected else "false",
    }[field]


def _check_targets(db: Database, names: list[str]) -> None:
    known = {row[0] for row in db.execute("SELECT name FROM targets")}
    unknown = sorted(set(names) - known)
    if unknown:
        raise QueryError(f"unknown target {', '.join(unknown)}; known targets: {', '.join(sorted(known))}")


def correct_statement(
    db: Database, statement_id: int, changes: dict[str, str | None], note: str | None
) -> int:
    """Record and apply an analyst's changes to a statement; return how many fields changed.

    `changes` maps a field (speaker, level, targets as a JSON list, date as
    ISO, kind, note, rejected as "true"/"false") to its new value.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    changed = 0
    if changes.get("targets") is not None:
        _check_targets(db, json.loads(changes["targets"] or "[]"))
    if changes.get("speaker"):
        _ensure_registry(db)
        # Any name or alias names its canonical actor; an unknown name becomes the user's actor.
        changes = {**changes, "speaker": _canonical_name(db, changes["speaker"] or "")}
    with write_transaction(db):
        _, quote, path, *_ = _statement_essentials(db, statement_id)
        for field, value in changes.items():
            old = _current_value(db, statement_id, field)
            if old == value:
                continue
            db.execute(
                """INSERT INTO corrections (statement_id, document_path, anchor_quote, field, old_value,
                       new_value, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [statement_id, path, quote, field, old, value, note, now],
            )
            _apply(db, statement_id, field, value)
            changed += 1
        db.execute(
            "UPDATE statements SET corrected = 1 WHERE id = ? AND EXISTS "
            "(SELECT 1 FROM corrections WHERE statement_id = ?)",
            [statement_id, statement_id],
        )
    return changed


def _canonical_name(db: Database, name: str) -> str:
    row = db.execute(
        "SELECT a.name FROM aliases l JOIN actors a ON a.id = l.actor_id WHERE l.folded = ? LIMIT 1",
        [fold_name(name)],
    ).fetchone()
    if row is not None:
        return row[0]
    with write_transaction(db):
        actor_id_for(db, name, source="user")
    return name


def add_statement(
    db: Database,
    document: str,
    quote: str,
    speaker: str,
    *,
    kind: str = "direct",
    level: int = 0,
    date: PartialDate | None = None,
    targets: list[str] | None = None,
    note: str | None = None,
) -> int:
    """Add a statement the extractor missed, anchored to a document and its quote."""
    _check_targets(db, targets or [])
    row = db.execute(
        "SELECT id, path, text, published FROM documents WHERE name = ? OR path = ? ORDER BY id LIMIT 1",
        [document, document],
    ).fetchone()
    if row is None:
        raise QueryError(f"no document {document!r}; see `rhetrack docs` for document names")
    document_id, path, text, published = row
    start = text.find(quote)
    if start < 0:
        raise QueryError(
            f"the quote is not in {document!r}; copy it exactly from the document (see `rhetrack explain`)"
        )
    end = start + len(quote)
    sentence_text = _sentence_around(text, start, end)
    if date is None and published:
        date, precision = PartialDate.parse_iso(published), "reported"
    else:
        precision = date.precision if date is not None else "unknown"
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with write_transaction(db):
        actor_id = actor_id_for(db, speaker, source="user")
        cursor = db.execute(
            """INSERT INTO statements (document_id, actor_id, speaker_text, kind, quote, sentence, span_start,
                   span_end, attribution_cue, date, date_precision, date_start, date_end, level, origin,
                   corrected, note, quote_key)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'added by hand', ?, ?, ?, ?, ?, 'user', 1, ?, ?)""",
            [
                document_id, actor_id, speaker, kind, quote, sentence_text, start, end,
                *_date_columns(date, precision), level, note, quote_key(quote),
            ],
        )  # fmt: skip
        statement_id = cursor.lastrowid
        assert statement_id is not None
        db.execute(
            """INSERT INTO statement_sources
                   (statement_id, document_id, span_start, span_end, quote, sentence)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [statement_id, document_id, start, end, quote, sentence_text],
        )
        _set_targets(db, statement_id, [(name, "(added by hand)") for name in targets or []])
        db.execute(
            """INSERT INTO corrections (statement_id, document_path, anchor_quote, field, old_value,
                   new_value, note, created_at) VALUES (?, ?, ?, 'added', NULL, ?, ?, ?)""",
            [
                statement_id, path, quote,
                json.dumps({"speaker": speaker, "kind": kind, "level": level,
                            "date": date.iso() if date else None, "targets": targets or []}),
                note, now,
            ],
        )  # fmt: skip
    return statement_id


# -- the actor registry ------------------------------------------------------------------


def match_actors(db: Database, text: str) -> list[int]:
    """Ids of the actors a name names: any alias, case-, diacritic- and
    transliteration-insensitive, partial ("Khazali" finds Qais al-Khazali).

    Exact alias matches win over whole-word matches, which win over partial
    ones. Raises QueryError naming the closest names when nothing matches.
    """
    folded = fold_name(text)
    if not folded:
        raise QueryError("an empty actor name matches nothing; give part of a name, e.g. --actor Khazali")
    rows = db.execute("SELECT actor_id, folded FROM aliases").fetchall()
    exact = {actor for actor, alias in rows if alias == folded}
    if exact:
        return sorted(exact)
    padded = f" {folded} "
    words = {actor for actor, alias in rows if padded in f" {alias} "}
    if words:
        return sorted(words)
    partial = {actor for actor, alias in rows if folded in alias}
    if partial:
        return sorted(partial)
    names = [row[0] for row in db.execute("SELECT alias FROM aliases").fetchall()]
    closest = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(closest)}" if closest else "; see `rhetrack actors` for the names known"
    raise QueryError(f"no actor matches {text!r}{hint}")


def _ensure_registry(db: Database) -> None:
    """A registry command on a new database first gets the gazetteer's actors."""
    if db.execute("SELECT 1 FROM actors WHERE source = 'gazetteer' LIMIT 1").fetchone() is None:
        sync_gazetteer(db, load_gazetteer())


def _actor(db: Database, name: str) -> int:
    _ensure_registry(db)
    ids = match_actors(db, name)
    if len(ids) > 1:
        names = [
            r[0] for r in db.execute(f"SELECT name FROM actors WHERE id IN ({','.join('?' * len(ids))})", ids)
        ]
        raise QueryError(f"{name!r} matches several actors ({', '.join(names)}); give the full name")
    return ids[0]


def add_actor(db: Database, name: str, kind: str, organization: str | None, aliases: list[str]) -> int:
    """Register an actor of the user's; its aliases find it in queries and ingest."""
    _ensure_registry(db)
    with write_transaction(db):
        if db.execute("SELECT 1 FROM aliases WHERE folded = ?", [fold_name(name)]).fetchone():
            raise QueryError(f"{name!r} is already a name or alias of an actor; see `rhetrack actor show`")
        cursor = db.execute("INSERT INTO actors (name, kind, source) VALUES (?, ?, 'user')", [name, kind])
        actor_id = cursor.lastrowid
        assert actor_id is not None
        for alias in (name, *aliases):
            db.execute(
                "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
                [actor_id, alias, fold_name(alias)],
            )
        if organization:
            db.execute(
                "UPDATE actors SET organization_id = ? WHERE id = ?", [_actor(db, organization), actor_id]
            )
    return actor_id


def add_alias(db: Database, name: str, alias: str) -> None:
    """Give an actor another name."""
    with write_transaction(db):
        actor_id = _actor(db, name)
        owner = db.execute("SELECT actor_id FROM aliases WHERE folded = ?", [fold_name(alias)]).fetchone()
        if owner is not None and owner[0] != actor_id:
            raise QueryError(f"{alias!r} already names another actor; merge them with `rhetrack actor merge`")
        db.execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
            [actor_id, alias, fold_name(alias)],
        )


def set_organization(db: Database, name: str, organization: str | None) -> None:
    """Set (or, with None, clear) the organization an actor speaks for."""
    with write_transaction(db):
        actor_id = _actor(db, name)
        org_id = _actor(db, organization) if organization else None
        if org_id == actor_id:
            raise QueryError(f"{name!r} cannot be its own organization")
        db.execute("UPDATE actors SET organization_id = ?, source = 'user' WHERE id = ?", [org_id, actor_id])


def merge_actors(db: Database, source: str, into: str) -> tuple[str, str]:
    """Merge actor `source` into `into`: statements, aliases and members follow.

    The merged actor's name becomes an alias of the survivor, so later
    ingests attribute to the survivor too. Returns (merged, survivor) names.
    """
    with write_transaction(db):
        source_id, into_id = _actor(db, source), _actor(db, into)
        if source_id == into_id:
            raise QueryError(f"{source!r} and {into!r} are the same actor")
        names = dict(db.execute("SELECT id, name FROM actors WHERE id IN (?, ?)", [source_id, into_id]))
        db.execute("UPDATE statements SET actor_id = ? WHERE actor_id = ?", [into_id, source_id])
        db.execute(
            "UPDATE statements SET extracted_actor_id = ? WHERE extracted_actor_id = ?", [into_id, source_id]
        )
        db.execute("UPDATE actors SET organization_id = ? WHERE organization_id = ?", [into_id, source_id])
        db.execute("""UPDATE OR IGNORE aliases SET actor_id = ? WHERE actor_id = ?""", [into_id, source_id])
        db.execute("DELETE FROM aliases WHERE actor_id = ?", [source_id])
        db.execute("DELETE FROM actors WHERE id = ?", [source_id])
        db.execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, folded) VALUES (?, ?, ?)",
            [into_id, names[source_id], fold_name(names[source_id])],
        )
        db.execute("UPDATE actors SET source = 'user' WHERE id = ?", [into_id])
        # A survivor that was a member of the merged organization is not its own organization.
        db.execute(
            "UPDATE actors SET organization_id = NULL WHERE id = ? AND organization_id = ?",
            [into_id, into_id],
        )
        # The correction log stays as written: a speaker correction naming the merged
        # actor still resolves to the survivor, through the alias added above.
    return names[source_id], names[into_id]


# -- import ------------------------------------------------------------------------------------

EXCHANGE_TABLES = (
    "documents", "actors", "aliases", "targets", "statements", "statement_sources",
    "statement_targets", "corrections",
)  # fmt: skip


def load_rows(db: Database, tables: dict[str, list[dict[str, object]]]) -> dict[str, int]:
    """Load exported rows, ids kept, into an empty database; return counts per table."""
    held = db.execute(
        """SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM statements)
                + (SELECT count(*) FROM corrections)
                + (SELECT count(*) FROM actors WHERE source != 'gazetteer')"""
    ).fetchone()[0]
    if held:
        raise DatabaseError(
            "the database already holds documents, statements or actors of yours; "
            "import into a new one (give --db a new path)"
        )
    counts = {}
    columns_of = {
        table: {row[1] for row in db.execute(f"PRAGMA table_info({table})")} for table in EXCHANGE_TABLES
    }
    for table, rows in tables.items():
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not set(row) <= columns_of[table]:
                raise DatabaseError(
                    f"{table}.jsonl, line {number}: not a {table} row of this rhetrack "
                    f"(columns {', '.join(sorted(columns_of[table]))}); export again"
                )
    with write_transaction(db):
        db.execute("DELETE FROM aliases")
        db.execute("DELETE FROM actors")
        db.execute("DELETE FROM targets")
        for table in EXCHANGE_TABLES:
            rows = tables.get(table, [])
            if table == "actors":
                # Organizations refer to actors: insert first, link after.
                orgs = [(row.get("organization_id"), row["id"]) for row in rows]
                rows = [{**row, "organization_id": None} for row in rows]
            if table == "targets":
                parents = [(row.get("parent_id"), row["id"]) for row in rows]
                rows = [{**row, "parent_id": None} for row in rows]
            for number, row in enumerate(rows, start=1):
                # Column names were checked against the table above.
                columns = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                try:
                    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
                except sqlite3.Error as exc:
                    raise DatabaseError(
                        f"{table}.jsonl, line {number}: cannot be loaded ({exc}); export again"
                    ) from exc
            if table == "actors":
                db.conn.executemany("UPDATE actors SET organization_id = ? WHERE id = ?", orgs)
            if table == "targets":
                db.conn.executemany("UPDATE targets SET parent_id = ? WHERE id = ?", parents)
            counts[table] = len(rows)
    return counts

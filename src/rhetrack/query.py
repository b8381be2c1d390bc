"""Reading the store: statements by filter, actor profiles, timelines, listings.

All reads live here, all SQL parameterized. Rows come back as plain dicts
whose keys follow `STATEMENT_COLUMNS`, the public column order.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rhetrack.classify import LEVEL_NAMES
from rhetrack.errors import QueryError
from rhetrack.gazetteer import fold_name

if TYPE_CHECKING:
    from sqlite_utils import Database

    from rhetrack.partial_date import PartialDate

STATEMENT_COLUMNS = (
    "id", "document", "speaker", "organization", "date", "date_precision",
    "level", "level_name", "targets", "kind", "quote", "sentence",
)  # fmt: skip
ACTOR_COLUMNS = (
    "name",
    "kind",
    "organization",
    "statements",
    "last_seen",
    "highest_level",
    "highest_level_name",
)
DOCUMENT_COLUMNS = (
    "id",
    "name",
    "title",
    "publisher",
    "published",
    "published_precision",
    "statements",
    "url",
)


@dataclass(frozen=True)
class StatementFilter:
    """What `show` and `timeline` select. Empty fields do not filter."""

    actor: str | None = None
    org: str | None = None
    target: str | None = None
    min_level: int | None = None
    level: int | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    kind: str | None = None
    search: str | None = None
    doc: str | None = None
    limit: int | None = None
    dated_only: bool = False


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


def _target_ids(db: Database, name: str) -> list[int]:
    rows = db.execute(
        """WITH RECURSIVE tree(id) AS (
               SELECT id FROM targets WHERE name = ?
               UNION SELECT targets.id FROM targets JOIN tree ON targets.parent_id = tree.id)
           SELECT id FROM tree""",
        [name.strip().casefold()],
    ).fetchall()
    if not rows:
        known = ", ".join(r[0] for r in db.execute("SELECT name FROM targets ORDER BY name").fetchall())
        raise QueryError(f"no target named {name!r}; known targets: {known}")
    return [row[0] for row in rows]


def _where(db: Database, filters: StatementFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: list[int]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if filters.actor:
        any_of("s.actor_id", match_actors(db, filters.actor))
    if filters.org:
        orgs = match_actors(db, filters.org)
        marks = ", ".join("?" for _ in orgs)
        clauses.append(f"(s.actor_id IN ({marks}) OR a.organization_id IN ({marks}))")
        params.extend(orgs + orgs)
    if filters.target:
        ids = _target_ids(db, filters.target)
        marks = ", ".join("?" for _ in ids)
        clauses.append(f"s.id IN (SELECT statement_id FROM statement_targets WHERE target_id IN ({marks}))")
        params.extend(ids)
    if filters.min_level is not None:
        clauses.append("s.level >= ?")
        params.append(filters.min_level)
    if filters.level is not None:
        clauses.append("s.level = ?")
        params.append(filters.level)
    if filters.since is not None:
        # Partial dates match by overlap: "2023-10" keeps what may fall on or after Oct 1.
        clauses.append("s.date_end >= ?")
        params.append(filters.since.interval()[0].isoformat())
    if filters.until is not None:
        clauses.append("s.date_start <= ?")
        params.append(filters.until.interval()[1].isoformat())
    if filters.dated_only:
        clauses.append("s.date_start IS NOT NULL")
    if filters.kind:
        clauses.append("s.kind = ?")
        params.append(filters.kind)
    if filters.doc:
        clauses.append("(d.name = ? OR d.path = ? OR d.name LIKE ? ESCAPE '\\')")
        escaped = filters.doc.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.extend([filters.doc, filters.doc, f"%{escaped}%"])
    if filters.search:
        clauses.append("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
        params.append(filters.search)
    return clauses, params


_SELECT = """
SELECT s.id, d.name AS document, COALESCE(a.name, s.speaker_text) AS speaker, o.name AS organization,
       s.date, s.date_precision, s.level, s.kind, s.quote, s.sentence,
       (SELECT json_group_array(t.name) FROM statement_targets st JOIN targets t ON t.id = st.target_id
         WHERE st.statement_id = s.id) AS targets
FROM statements s
JOIN documents d ON d.id = s.document_id
LEFT JOIN actors a ON a.id = s.actor_id
LEFT JOIN actors o ON o.id = a.organization_id
"""


def _fts_phrase(text: str) -> str:
    """A search the user typed, as FTS5 phrases, for when it is not valid FTS syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def find_statements(db: Database, filters: StatementFilter) -> list[dict[str, Any]]:
    """Statements matching every filter, in date order (undated last)."""
    clauses, params = _where(db, filters)
    sql = _SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "")
    sql += " ORDER BY s.date_start IS NULL, s.date_start, s.date_end, d.name, s.span_start"
    if filters.limit is not None:
        sql += " LIMIT ?"
        params.append(filters.limit)
    try:
        rows = db.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        if not filters.search:
            raise
        # Words with FTS5 syntax in them ("al-Assad", a lone quote): search them as phrases.
        index = params.index(filters.search)
        params[index] = _fts_phrase(filters.search)
        try:
            rows = db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {filters.search!r} ({exc}); try plain words") from exc
    return [_statement_row(row) for row in rows]


def _statement_row(row: tuple[Any, ...]) -> dict[str, Any]:
    (
        id_,
        document,
        speaker,
        organization,
        date,
        precision,
        level,
        kind,
        quote,
        sentence,
        targets,
    ) = row
    return {
        "id": id_,
        "document": document,
        "speaker": speaker,
        "organization": organization,
        "date": date,
        "date_precision": precision,
        "level": level,
        "level_name": LEVEL_NAMES[level],
        "targets": sorted(json.loads(targets)) if targets else [],
        "kind": kind,
        "quote": quote,
        "sentence": sentence,
    }


def count_undated(db: Database, filters: StatementFilter) -> int:
    """How many statements match the filters but have no date."""
    clauses, params = _where(
        db, StatementFilter(**{**filters.__dict__, "since": None, "until": None, "limit": None})
    )
    clauses.append("s.date_start IS NULL")
    sql = (
        "SELECT count(*) FROM statements s JOIN documents d ON d.id = s.document_id "
        "LEFT JOIN actors a ON a.id = s.actor_id WHERE " + " AND ".join(clauses)
    )
    return db.execute(sql, params).fetchone()[0]


def actor_profiles(db: Database, name: str) -> list[dict[str, Any]]:
    """A profile for each actor the name matches (see `match_actors`)."""
    profiles = []
    for actor_id in match_actors(db, name):
        actor = db.execute(
            """SELECT a.name, a.kind, o.name FROM actors a LEFT JOIN actors o ON o.id = a.organization_id
               WHERE a.id = ?""",
            [actor_id],
        ).fetchone()
        aliases = [
            r[0]
            for r in db.execute("SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", [actor_id])
        ]
        stats = db.execute(
            """SELECT count(*), min(CASE WHEN date IS NOT NULL THEN date_start END),
                      max(CASE WHEN date IS NOT NULL THEN date_end END), max(level)
               FROM statements WHERE actor_id = ?""",
            [actor_id],
        ).fetchone()
        levels = Counter(
            dict(
                db.execute(
                    "SELECT level, count(*) FROM statements WHERE actor_id = ? GROUP BY level",
                    [actor_id],
                )
            )
        )
        first_last = db.execute(
            """SELECT (SELECT date FROM statements WHERE actor_id = ?1 AND date IS NOT NULL
                       ORDER BY date_start LIMIT 1),
                      (SELECT date FROM statements WHERE actor_id = ?1 AND date IS NOT NULL
                       ORDER BY date_end DESC LIMIT 1)""",
            [actor_id],
        ).fetchone()
        targets = db.execute(
            """SELECT t.name, count(*) AS n FROM statement_targets st
               JOIN statements s ON s.id = st.statement_id JOIN targets t ON t.id = st.target_id
               WHERE s.actor_id = ? GROUP BY t.name ORDER BY n DESC, t.name LIMIT 5""",
            [actor_id],
        ).fetchall()
        if stats[0] == 0 and len(profiles) > 0:
            continue
        profiles.append(
            {
                "name": actor[0],
                "kind": actor[1],
                "organization": actor[2],
                "aliases": [a for a in aliases if a != actor[0]],
                "statements": stats[0],
                "first_date": first_last[0],
                "last_date": first_last[1],
                "highest_level": stats[3],
                "highest_level_name": LEVEL_NAMES[stats[3]] if stats[3] is not None else None,
                "levels": {LEVEL_NAMES[level]: levels.get(level, 0) for level in range(len(LEVEL_NAMES))},
                "top_targets": [{"target": t, "statements": n} for t, n in targets],
            }
        )
    return profiles


def timeline(db: Database, filters: StatementFilter) -> list[dict[str, Any]]:
    """Dated statements matching the filters, each with the month it falls in.

    A statement known only to the year falls in that year (month "YYYY").
    """
    rows = find_statements(db, StatementFilter(**{**filters.__dict__, "dated_only": True}))
    for row in rows:
        row["month"] = row["date"][:7] if row["date"] else None
    return rows


def list_actors(db: Database) -> list[dict[str, Any]]:
    """Actors with at least one statement: organization, count, last seen, highest level."""
    rows = db.execute(
        """SELECT a.name, a.kind, o.name, count(s.id), max(s.date), max(s.level)
           FROM actors a JOIN statements s ON s.actor_id = a.id
           LEFT JOIN actors o ON o.id = a.organization_id
           GROUP BY a.id ORDER BY count(s.id) DESC, a.name"""
    ).fetchall()
    return [
        {
            "name": name,
            "kind": kind,
            "organization": org,
            "statements": count,
            "last_seen": last,
            "highest_level": level,
            "highest_level_name": LEVEL_NAMES[level],
        }
        for name, kind, org, count, last, level in rows
    ]


def list_documents(db: Database) -> list[dict[str, Any]]:
    """Documents with their publication date and statement count."""
    rows = db.execute(
        """SELECT d.id, d.name, d.title, d.publisher, d.published, d.published_precision,
                  (SELECT count(*) FROM statements s WHERE s.document_id = d.id), d.url
           FROM documents d ORDER BY d.name"""
    ).fetchall()
    return [dict(zip(DOCUMENT_COLUMNS, row, strict=True)) for row in rows]


def statement_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM statements").fetchone()[0]

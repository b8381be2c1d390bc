"""Reading the store: statements by filter, actor profiles, timelines, listings.

All reads live here, all SQL parameterized. Rows come back as plain dicts
whose keys follow `STATEMENT_COLUMNS`, the public column order.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from rhetrack.errors import QueryError
from rhetrack.levels import LEVEL_NAMES, event_codes
from rhetrack.storage import EXCHANGE_TABLES, match_actors

if TYPE_CHECKING:
    from rhetrack.partial_date import PartialDate
    from rhetrack.storage import Database

# Above this many statement-target links, --target with a limit reads in date
# order; below it, fetching and sorting the few statements is faster.
COMMON_TARGET_LINKS = 10_000
# Checking one statement against the full-text index (a seek for each term in
# every FTS5 segment) costs about as much as fetching and sorting this many
# matches: measured at a million statements.
SEARCH_CHECK_COST = 50
MAX_INTERVAL_DAYS = 366  # the longest a statement's date can cover: a leap year
STATEMENT_COLUMNS = (
    "id", "document", "speaker", "organization", "date", "date_precision",
    "level", "level_name", "targets", "kind", "quote", "sentence",
    "sources", "cameo", "goldstein", "corrected",
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
    min_sources: int | None = None
    include_rejected: bool = False
    search_sentences: bool = False


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


SincePart = Literal["overlap", "from"]


@dataclass(frozen=True)
class _Search:
    """How a full-text search is read.

    "match": every match from the FTS index, then sorted (`value` is the
    user's text, retried as phrases if it does not parse); "walk": each
    statement checked in the order of the ORDER BY, stopping at the limit
    (`value` is FTS5 text that parses); "ids": the matches, already read
    (`value` is a JSON array of their rowids).
    """

    mode: Literal["match", "walk", "ids"]
    value: str


def _where(
    db: Database, filters: StatementFilter, since_part: SincePart | None = None, *, by_date: bool = False
) -> tuple[list[str], list[Any]]:
    clauses, params = _filter_where(db, filters, since_part, by_date=by_date)
    return _with_search(filters, clauses, params, None)


def _with_search(
    filters: StatementFilter, clauses: list[str], params: list[Any], search: _Search | None
) -> tuple[list[str], list[Any]]:
    """The other filters' clauses and parameters with the search's added (read as `search` says)."""
    if not filters.search:
        return clauses, params
    search = search or _Search("match", filters.search)
    column = "statements_fts" if filters.search_sentences else "quote"
    if search.mode == "walk":
        # Last: SQLite checks subqueries in the order written, so a statement
        # reaches this check (a seek in every FTS5 segment) only once every
        # cheaper filter, a target's link among them, has kept it.
        clause = f"EXISTS (SELECT 1 FROM statements_fts f WHERE f.rowid = s.id AND f.{column} MATCH ?)"
        return [*clauses, clause], [*params, search.value]
    if search.mode == "ids":
        clause = "s.id IN (SELECT value FROM json_each(?))"
    else:
        clause = f"s.id IN (SELECT rowid FROM statements_fts WHERE {column} MATCH ?)"
    # First: its parameter is params[0], for the phrase fallback.
    return [clause, *clauses], [search.value, *params]


def _filter_where(
    db: Database, filters: StatementFilter, since_part: SincePart | None, *, by_date: bool = False
) -> tuple[list[str], list[Any]]:
    """The clauses and parameters of every filter but the search.

    `by_date`: the query reads a few months through a date index, so the
    level, kind and source-count tests (common values all) are kept off their
    indexes with a unary `+`; without it SQLite may read every statement of
    level 3 and up to find the few in the period.
    """
    clauses: list[str] = []
    params: list[Any] = []
    plus = "+" if by_date else ""

    def any_of(column: str, values: list[int]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if filters.actor:
        any_of("s.actor_id", match_actors(db, filters.actor))
    if filters.org:
        orgs = match_actors(db, filters.org)
        marks = ", ".join("?" for _ in orgs)
        # The organization and its members, as ids: one indexed IN over actor_id.
        members = [
            row[0]
            for row in db.execute(
                f"SELECT id FROM actors WHERE id IN ({marks}) OR organization_id IN ({marks})", orgs + orgs
            )
        ]
        any_of("s.actor_id", members)
    if filters.target:
        ids = _target_ids(db, filters.target)
        marks = ", ".join("?" for _ in ids)
        links = db.execute(
            f"SELECT count(*) FROM statement_targets WHERE target_id IN ({marks})", ids
        ).fetchone()[0]
        if filters.limit is not None and links >= COMMON_TARGET_LINKS:
            # A common target: walk statements in date order and stop after the
            # limit (each one a primary-key lookup), instead of sorting them all.
            clauses.append(
                "EXISTS (SELECT 1 FROM statement_targets lt "
                f"WHERE lt.statement_id = s.id AND lt.target_id IN ({marks}))"
            )
        else:
            # A rare target: fetch its few statements and sort them.
            clauses.append(
                f"s.id IN (SELECT statement_id FROM statement_targets WHERE target_id IN ({marks}))"
            )
        params.extend(ids)
    if filters.min_level is not None:
        clauses.append(f"{plus}s.level >= ?")
        params.append(filters.min_level)
    if filters.level is not None:
        clauses.append(f"{plus}s.level = ?")
        params.append(filters.level)
    if filters.since is not None:
        # Partial dates match by overlap: "2023-10" keeps what may fall on or after Oct 1.
        since = filters.since.interval()[0].isoformat()
        # No date covers more than a year, so a statement that overlaps `since`
        # starts at most a year before it.
        earliest = (filters.since.interval()[0] - timedelta(days=MAX_INTERVAL_DAYS)).isoformat()
        if since_part == "from":
            # Everything starting on or after `since`: the date index, in order.
            clauses.append("s.date_start >= ?")
            params.append(since)
        elif since_part == "overlap":
            # Multi-day dates that start before `since` and reach it: the partial index.
            clauses.append(
                "s.date_start < ? AND s.date_start >= ? AND s.date_end >= ? AND s.date_start < s.date_end"
            )
            params.extend([since, earliest, since])
        else:
            clauses.append("s.date_end >= ? AND s.date_start >= ?")
            params.extend([since, earliest])
    if filters.until is not None:
        clauses.append("s.date_start <= ?")
        params.append(filters.until.interval()[1].isoformat())
    if filters.kind:
        clauses.append(f"{plus}s.kind = ?")
        params.append(filters.kind)
    if filters.doc:
        # Any source counts: a corroborated statement belongs to every document reporting it.
        clauses.append(
            """s.id IN (SELECT ss.statement_id FROM statement_sources ss
                        JOIN documents sd ON sd.id = ss.document_id
                        WHERE sd.name = ? OR sd.path = ? OR sd.name LIKE ? ESCAPE '\\')"""
        )
        escaped = filters.doc.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.extend([filters.doc, filters.doc, f"%{escaped}%"])
    if filters.min_sources is not None:
        clauses.append(f"{plus}s.source_count >= ?")
        params.append(filters.min_sources)
    if not filters.include_rejected:
        clauses.append("s.rejected = 0")
    # Statements whose quote left their document live on only for `corrections` and `explain`.
    clauses.append("s.orphaned = 0")
    return clauses, params


_SELECT = """
SELECT s.id, d.name AS document, COALESCE(a.name, s.speaker_text) AS speaker, o.name AS organization,
       s.date, s.date_precision, s.level, s.kind, s.quote, s.sentence, s.source_count, s.corrected,
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


def statement_query(
    db: Database, filters: StatementFilter, *, dated: bool = True, since_part: SincePart | None = None
) -> tuple[str, list[Any]]:
    """The SQL and parameters for the dated (or undated) statements `find_statements` lists.

    Ordered by (date_start, id), the order of the date_start index, so a
    LIMIT stops after the first rows instead of sorting the whole table.
    """
    sql, params, _ = _statement_query(db, filters, dated=dated, since_part=since_part)
    return sql, params


def _statement_query(
    db: Database, filters: StatementFilter, *, dated: bool, since_part: SincePart | None
) -> tuple[str, list[Any], str | None]:
    """`statement_query`, and the search text to retry as phrases should it
    not parse as FTS5 (None when there is no such text to retry)."""
    filter_clauses, filter_params = _filter_where(db, filters, since_part)
    filter_clauses.append("s.date_start IS NOT NULL" if dated else "s.date_start IS NULL")

    def build(search: _Search | None) -> tuple[str, list[Any]]:
        clauses, params = _with_search(filters, filter_clauses, filter_params, search)
        sql = (
            _SELECT
            + " WHERE "
            + " AND ".join(clauses)
            + (" ORDER BY s.date_start, s.id" if dated else " ORDER BY s.id")
        )
        if filters.limit is not None:
            sql += " LIMIT ?"
            params = [*params, filters.limit]
        return sql, params

    search = None
    # Checking statements one by one pays only if they are read in order and
    # the LIMIT stops the reading: not when the other filters make SQLite sort
    # (--org, --doc, a rare --target), which would check every one of theirs,
    # nor for a prefix ("embas*"), whose every check merges the doclists of
    # all the words it begins, as dear as the whole search.
    if (
        filters.search
        and filters.limit is not None
        and "*" not in filters.search
        and not _sorts(db, *build(_Search("walk", filters.search)))
    ):
        search = _limited_search(db, filters)
    sql, params = build(search)
    return sql, params, filters.search if search is None or search.mode == "match" else None


def _sorts(db: Database, sql: str, params: list[Any]) -> bool:
    """Whether SQLite sorts every row of this query before its LIMIT."""
    return any(
        step[3] == "USE TEMP B-TREE FOR ORDER BY" for step in db.execute("EXPLAIN QUERY PLAN " + sql, params)
    )


def _limited_search(db: Database, filters: StatementFilter) -> _Search:
    """A limited search as a walk in date order if its matches are many, else as its matches.

    To find `limit` matches, walking checks about limit * statements /
    matches statements, each costing SEARCH_CHECK_COST times what fetching
    and sorting one match does: the walk is the cheaper when the matches
    number more than sqrt(limit * statements * SEARCH_CHECK_COST). Reading
    the FTS index up to that many tells which; when there are fewer, they
    have all been read and are not searched for again.
    """
    assert filters.search and filters.limit is not None
    column = "statements_fts" if filters.search_sentences else "quote"
    # The largest id stands in for the number of statements: exact enough, and
    # one index seek where count(*) reads the whole table.
    statements = db.execute("SELECT max(id) FROM statements").fetchone()[0] or 0
    enough = math.isqrt(filters.limit * statements * SEARCH_CHECK_COST)
    for text in (filters.search, _fts_phrase(filters.search)):
        try:
            matches, ids = db.execute(
                f"""SELECT count(*), json_group_array(rowid)
                    FROM (SELECT rowid FROM statements_fts WHERE {column} MATCH ? LIMIT ?)""",
                [text, enough + 1],
            ).fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise
            continue  # not valid FTS5 syntax: try the words as phrases, as the query would
        return _Search("walk", text) if matches > enough else _Search("ids", ids)
    return _Search("match", filters.search)  # neither parses: the query itself says so


def find_statements(db: Database, filters: StatementFilter) -> list[dict[str, Any]]:
    """Statements matching every filter, in date order (undated last)."""
    if filters.since is not None:
        # Those that overlap the start come first in date order, then the rest.
        rows = _run_statement_query(db, filters, dated=True, since_part="overlap")
        if filters.limit is None or len(rows) < filters.limit:
            remaining = None if filters.limit is None else filters.limit - len(rows)
            rows += _run_statement_query(db, replace(filters, limit=remaining), dated=True, since_part="from")
    else:
        rows = _run_statement_query(db, filters, dated=True)
    if not filters.dated_only and (filters.limit is None or len(rows) < filters.limit):
        remaining = None if filters.limit is None else filters.limit - len(rows)
        rows += _run_statement_query(db, replace(filters, limit=remaining), dated=False)
    return [_statement_row(row) for row in rows]


def _run_statement_query(
    db: Database, filters: StatementFilter, *, dated: bool, since_part: SincePart | None = None
) -> list[tuple[Any, ...]]:
    sql, params, retry = _statement_query(db, filters, dated=dated, since_part=since_part)
    return _fetch_with_search(db, sql, params, retry)


def _fetch_with_search(
    db: Database, sql: str, params: list[Any], search: str | None
) -> list[tuple[Any, ...]]:
    """Run a statement query; when the search text is not valid FTS5 syntax
    ("al-Assad", a lone quote, "*"), search its words as phrases instead."""
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if not search or "locked" in str(exc):
            raise
    params = [_fts_phrase(search), *params[1:]]  # the search is always the first parameter
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {search!r} ({exc}); try plain words") from exc


def _statement_row(row: tuple[Any, ...]) -> dict[str, Any]:
    """A row of `_SELECT` as the public statement fields (plus nothing else)."""
    (id_, document, speaker, organization, date, precision, level, kind, quote, sentence, sources,
     corrected, targets) = row  # fmt: skip
    code = event_codes()[level]
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
        "sources": sources,
        "cameo": code.cameo,
        "goldstein": code.goldstein,
        "corrected": bool(corrected),
    }


def count_undated(db: Database, filters: StatementFilter) -> int:
    """How many statements match the filters but have no date."""
    clauses, params = _where(db, replace(filters, since=None, until=None, limit=None))
    clauses.append("s.date_start IS NULL")
    sql = (
        "SELECT count(*) FROM statements s JOIN documents d ON d.id = s.document_id "
        "LEFT JOIN actors a ON a.id = s.actor_id WHERE " + " AND ".join(clauses)
    )
    return _fetch_with_search(db, sql, params, filters.search)[0][0]


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
               FROM statements WHERE actor_id = ? AND rejected = 0 AND orphaned = 0""",
            [actor_id],
        ).fetchone()
        levels = Counter(
            dict(
                db.execute(
                    """SELECT level, count(*) FROM statements
                       WHERE actor_id = ? AND rejected = 0 AND orphaned = 0 GROUP BY level""",
                    [actor_id],
                )
            )
        )
        first_last = db.execute(
            """SELECT (SELECT date FROM statements WHERE actor_id = ?1 AND date IS NOT NULL
                         AND rejected = 0 AND orphaned = 0 ORDER BY date_start LIMIT 1),
                      (SELECT date FROM statements WHERE actor_id = ?1 AND date IS NOT NULL
                         AND rejected = 0 AND orphaned = 0 ORDER BY date_end DESC LIMIT 1)""",
            [actor_id],
        ).fetchone()
        targets = db.execute(
            """SELECT t.name, count(*) AS n FROM statement_targets st
               JOIN statements s ON s.id = st.statement_id JOIN targets t ON t.id = st.target_id
               WHERE s.actor_id = ? AND s.rejected = 0 AND s.orphaned = 0
               GROUP BY t.name ORDER BY n DESC, t.name LIMIT 5""",
            [actor_id],
        ).fetchall()
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
    rows = find_statements(db, replace(filters, dated_only=True))
    for row in rows:
        row["month"] = row["date"][:7] if row["date"] else None
    return rows


# Each actor's listed statements through the partial index statements_listed_actor
# (actor_id, level, date): its entries alone answer the aggregates.
# INDEXED BY: with a few hundred actors SQLite's planner otherwise prefers
# statements_actor_date, which reads every statement row to count it.
ACTOR_LISTING = """SELECT a.name, a.kind, o.name, count(*), max(s.date), max(s.level)
           FROM actors a JOIN statements s INDEXED BY statements_listed_actor
             ON s.actor_id = a.id AND s.rejected = 0 AND s.orphaned = 0
           LEFT JOIN actors o ON o.id = a.organization_id
           GROUP BY a.id ORDER BY count(*) DESC, a.name"""


def list_actors(db: Database) -> list[dict[str, Any]]:
    """Actors with at least one statement: organization, count, last seen, highest level."""
    rows = db.execute(ACTOR_LISTING).fetchall()
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
                  (SELECT count(*) FROM statement_sources ss JOIN statements s ON s.id = ss.statement_id
                    WHERE ss.document_id = d.id AND s.rejected = 0 AND s.orphaned = 0), d.url
           FROM documents d ORDER BY d.name"""
    ).fetchall()
    return [dict(zip(DOCUMENT_COLUMNS, row, strict=True)) for row in rows]


def statement_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM statements").fetchone()[0]


# -- aggregates over a selection: trends and the report ---------------------------------

# A statement has a place in time when its date lies within one calendar month
# (a day, a month, a publication date known to the day or month); one known
# only to the year has none finer than the year, and is left out of monthly
# figures and of the periods `trends` compares.
# (No "IS NOT NULL": a NULL date fails the comparison, and the test would lead
# SQLite to read the date_start index where date_end order is wanted.)
PLACED = "substr(s.date_start, 1, 7) = substr(s.date_end, 1, 7)"
# Where in its interval a statement is placed: the middle (a day is itself).
_POINT = "(julianday(s.date_start) + julianday(s.date_end)) / 2"
# A placed date covers a month at most, so the statements placed in a period
# start at most this many days before it (the date_start index's range).
_LONGEST_PLACED_DAYS = 31


def _selection(
    db: Database, filters: StatementFilter, *, by_date: bool = False
) -> tuple[list[str], list[Any]]:
    """The clauses and parameters that select the filters' statements (no limit);
    `by_date` for a query that reads a period through a date index."""
    return _where(db, replace(filters, limit=None, dated_only=False), by_date=by_date)


def _run_selection(
    db: Database, filters: StatementFilter, sql: str, params: list[Any]
) -> list[tuple[Any, ...]]:
    """Run SQL built on `_selection`, retrying a search that is not FTS5 syntax as phrases.

    The selection's clauses come first in the SQL and any other parameter
    after them, so the search text stays the first parameter, where the
    phrase fallback replaces it.
    """
    return _fetch_with_search(db, sql, params, filters.search)


def latest_placed_date(db: Database, filters: StatementFilter) -> date | None:
    """The last day of the latest statement of the selection that has a place in time."""
    clauses, params = _selection(db, filters, by_date=True)
    clauses, params = [*clauses, PLACED, "s.date_end IS NOT NULL"], list(params)
    if filters.until is not None:
        # Read back from --until, not from the newest statement of all.
        latest = filters.until.interval()[1] + timedelta(days=_LONGEST_PLACED_DAYS)
        clauses.append("s.date_end <= ?")
        params.append(latest.isoformat())
    where = " AND ".join(clauses)
    sql = f"SELECT s.date_end FROM statements s WHERE {where} ORDER BY s.date_end DESC LIMIT 1"
    rows = _run_selection(db, filters, sql, params)
    return date.fromisoformat(rows[0][0]) if rows else None


def _period_clauses(start: date, end: date) -> tuple[list[str], list[Any]]:
    """Placed statements whose point lies in (start, end]; the date_start index reaches them."""
    earliest = (start - timedelta(days=_LONGEST_PLACED_DAYS)).isoformat()
    return (
        [PLACED, "s.date_start >= ?", "s.date_start <= ?", f"{_POINT} > julianday(?)",
         f"{_POINT} <= julianday(?)"],
        [earliest, end.isoformat(), start.isoformat(), end.isoformat()],
    )  # fmt: skip


def placed_counts(
    db: Database, filters: StatementFilter, start: date, split: date, end: date
) -> tuple[int, int]:
    """How many statements of the selection are placed in (start, split] and in (split, end]."""
    clauses, params = _selection(db, filters, by_date=True)
    period, bounds = _period_clauses(start, end)
    sql = f"""WITH chosen AS MATERIALIZED (
                  SELECT {_POINT} AS point FROM statements s WHERE {" AND ".join([*clauses, *period])})
              SELECT count(*) - count(CASE WHEN point > julianday(?) THEN 1 END),
                     count(CASE WHEN point > julianday(?) THEN 1 END)
              FROM chosen"""
    earlier, recent = _run_selection(
        db, filters, sql, [*params, *bounds, split.isoformat(), split.isoformat()]
    )[0]
    return earlier, recent


PERIOD_FIGURES = ("statements", "highest", "mean", "threats", "calls")


def actor_period_figures(
    db: Database, filters: StatementFilter, start: date, split: date, end: date
) -> list[dict[str, Any]]:
    """Each actor's figures in the earlier period (start, split] and the recent one (split, end].

    One row per actor and period: `actor_id`, `actor`, `organization`,
    `recent` (bool) and PERIOD_FIGURES (`mean` the mean level, `threats`
    the statements of level 3, `calls` those of level 4).
    """
    clauses, params = _selection(db, filters, by_date=True)
    period, bounds = _period_clauses(start, end)
    # MATERIALIZED: read the period through the date index first, then join the
    # actors; flattened, SQLite may walk every actor's statements instead.
    sql = f"""
        WITH chosen AS MATERIALIZED (
            SELECT s.actor_id, s.level, {_POINT} AS point FROM statements s
            WHERE {" AND ".join([*clauses, *period, "s.actor_id IS NOT NULL"])})
        SELECT c.actor_id, a.name, o.name, c.point > julianday(?) AS recent,
               count(*), max(c.level), avg(c.level), sum(c.level = 3), sum(c.level = 4)
        FROM chosen c JOIN actors a ON a.id = c.actor_id LEFT JOIN actors o ON o.id = a.organization_id
        GROUP BY c.actor_id, recent"""
    rows = _run_selection(db, filters, sql, [*params, *bounds, split.isoformat()])
    return [
        {"actor_id": actor_id, "actor": name, "organization": org, "recent": bool(recent),
         "statements": count, "highest": highest, "mean": mean, "threats": threats, "calls": calls}
        for actor_id, name, org, recent, count, highest, mean, threats, calls in rows
    ]  # fmt: skip


def strongest_statements(
    db: Database, filters: StatementFilter, actor_ids: list[int], start: date, end: date, each: int
) -> dict[int, list[dict[str, Any]]]:
    """For each of these actors, its `each` statements of the selection placed in
    (start, end] with the highest level, then the newest."""
    if not actor_ids:
        return {}
    clauses, params = _selection(db, filters, by_date=True)
    period, bounds = _period_clauses(start, end)
    sql = f"""
        WITH ranked AS MATERIALIZED (
            SELECT s.id, s.actor_id, row_number() OVER (
                       PARTITION BY s.actor_id ORDER BY s.level DESC, s.date_start DESC, s.id DESC) AS place
            FROM statements s WHERE {" AND ".join([*clauses, *period])})
        {_SELECT.replace("FROM statements s", ", r.actor_id FROM statements s")} JOIN ranked r ON r.id = s.id
        WHERE r.place <= ? AND r.actor_id IN (SELECT value FROM json_each(?))
        ORDER BY r.actor_id, r.place"""
    # The period is read whole through the date index and ranked: asked for
    # its few actors, SQLite would read each one's statements of every date.
    rows = _run_selection(db, filters, sql, [*params, *bounds, each, json.dumps(actor_ids)])
    found: dict[int, list[dict[str, Any]]] = {}
    for *statement, actor_id in rows:
        found.setdefault(actor_id, []).append(_statement_row(tuple(statement)))
    return found


# What `selection_counts` can group by: the month a statement is placed in,
# its level, its speaker (actor id), the root of each target it threatens
# (a parent stands for its children: us-bases counts for united-states).
_GROUPS = {
    "month": ("substr(c.date_start, 1, 7)", "substr(c.date_start, 1, 7) = substr(c.date_end, 1, 7)"),
    "level": ("c.level", None),
    "actor": ("c.actor_id", "c.actor_id IS NOT NULL"),
    "target": ("r.root", None),
    "subtarget": ("leaf.name", None),  # the target as named, not rolled up
}
_TARGET_ROOTS = """WITH RECURSIVE roots(id, root) AS (
        SELECT id, name FROM targets WHERE parent_id IS NULL
        UNION ALL SELECT t.id, roots.root FROM targets t JOIN roots ON t.parent_id = roots.id)"""


def selection_counts(db: Database, filters: StatementFilter, group: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """How many statements of the selection fall in each group: rows of the
    group's values and the count, e.g. `("month", "level")` gives
    `("2023-11", 3, 12)`. Grouping by month leaves out statements with no place
    in a month; by target, those that threaten none (a statement counts once
    for each root it threatens)."""
    unknown = set(group) - _GROUPS.keys()
    if unknown or not group:
        raise ValueError(f"cannot group by {sorted(unknown) or 'nothing'}; use {', '.join(_GROUPS)}")
    clauses, params = _selection(db, filters)
    keys = [_GROUPS[name][0] for name in group]
    conditions = [_GROUPS[name][1] for name in group if _GROUPS[name][1]]
    joins = ""
    if "target" in group or "subtarget" in group:
        joins = """JOIN statement_targets st ON st.statement_id = c.id JOIN roots r ON r.id = st.target_id
                   JOIN targets leaf ON leaf.id = st.target_id"""
    # MATERIALIZED: the selection first, through the filters' own indexes;
    # then the links of those statements alone.
    sql = f"""{_TARGET_ROOTS},
        chosen AS MATERIALIZED (
            SELECT s.id, s.actor_id, s.level, s.date_start, s.date_end FROM statements s
            WHERE {" AND ".join(clauses)})
        SELECT {", ".join(keys)}, count(DISTINCT c.id) FROM chosen c {joins}
        {"WHERE " + " AND ".join(conditions) if conditions else ""}
        GROUP BY {", ".join(keys)} ORDER BY {", ".join(keys)}"""
    return _run_selection(db, filters, sql, params)


SUMMARY_FIGURES = ("statements", "documents", "actors", "first_date", "last_date", "undated", "unplaced")


def selection_summary(db: Database, filters: StatementFilter) -> dict[str, Any]:
    """What a selection covers: its statements, the documents reporting them,
    their speakers, the first and last date, how many are undated, and how
    many have no place in a month (dated only to the year)."""
    clauses, params = _selection(db, filters)
    sql = f"""WITH chosen AS MATERIALIZED (
            SELECT s.id, s.actor_id, s.date, s.date_start, s.date_end FROM statements s
            WHERE {" AND ".join(clauses)})
        SELECT count(*),
               (SELECT count(DISTINCT ss.document_id) FROM statement_sources ss
                 WHERE ss.statement_id IN (SELECT id FROM chosen)),
               count(DISTINCT actor_id), min(date_start), max(date_end), count(*) - count(date_start),
               count(date_start)
                 - count(CASE WHEN substr(date_start, 1, 7) = substr(date_end, 1, 7) THEN 1 END)
        FROM chosen"""
    return dict(zip(SUMMARY_FIGURES, _run_selection(db, filters, sql, params)[0], strict=True))


def target_tree(db: Database) -> dict[str, str]:
    """Every target's root (a target with no parent is its own): `{"us-bases": "united-states", …}`."""
    return dict(db.execute(f"{_TARGET_ROOTS} SELECT t.name, roots.root FROM roots JOIN targets t USING (id)"))


def actor_labels(db: Database, actor_ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Each actor's name and organization."""
    return {
        actor_id: (name, org)
        for actor_id, name, org in db.execute(
            """SELECT a.id, a.name, o.name FROM actors a LEFT JOIN actors o ON o.id = a.organization_id
               WHERE a.id IN (SELECT value FROM json_each(?))""",
            [json.dumps(actor_ids)],
        )
    }


SOURCES_BATCH = 50_000  # statements whose sources are read in one query (their ids as one JSON array)


def report_statements(db: Database, filters: StatementFilter, limit: int | None) -> list[dict[str, Any]]:
    """The selection's statements, newest first (undated last), each with what
    `explain` gives for it: the words that named the speaker and the cue, the
    date expression and its reason, the level cues, the target mentions, the
    note, and every source document (`sources_detail`: name, title, url,
    publisher, published), the first source first."""
    clauses, params = _selection(db, filters)
    sql = (
        _SELECT.replace(
            "FROM statements s",
            """, s.speaker_text, s.attribution_cue, s.date_expression, s.cues, s.note, d.published,
               (SELECT json_group_array(json_array(t.name, st.mention)) FROM statement_targets st
                  JOIN targets t ON t.id = st.target_id WHERE st.statement_id = s.id)
            FROM statements s""",
        )
        + " WHERE "
        + " AND ".join(clauses)
        + " ORDER BY s.date_start IS NULL, s.date_start DESC, s.id DESC"
        + (" LIMIT ?" if limit is not None else "")
    )
    rows = _run_selection(db, filters, sql, [*params, limit] if limit is not None else params)
    statements = []
    for row in rows:
        statement = _statement_row(row[:13])
        speaker_text, cue, expression, cues, note, published, mentions = row[13:]
        statement.update(
            speaker_text=speaker_text,
            attribution_cue=cue,
            date_expression=expression,
            date_reason=_date_reason(expression, statement["date_precision"], published),
            cues=json.loads(cues or "[]"),
            note=note,
            target_mentions=[{"target": t, "mention": m} for t, m in sorted(json.loads(mentions or "[]"))],
            sources_detail=[],
        )
        statements.append(statement)
    by_id = {statement["id"]: statement for statement in statements}
    for first in range(0, len(statements), SOURCES_BATCH):
        batch = [statement["id"] for statement in statements[first : first + SOURCES_BATCH]]
        for statement_id, name, title, url, publisher, published in db.execute(
            """SELECT ss.statement_id, d.name, d.title, d.url, d.publisher, d.published
               FROM statement_sources ss JOIN statements s ON s.id = ss.statement_id
               JOIN documents d ON d.id = ss.document_id
               WHERE ss.statement_id IN (SELECT value FROM json_each(?))
               ORDER BY ss.statement_id, ss.document_id != s.document_id, d.published, d.name""",
            [json.dumps(batch)],
        ):
            by_id[statement_id]["sources_detail"].append(
                {"name": name, "title": title, "url": url, "publisher": publisher, "published": published}
            )
    return statements


# -- one statement: explain and history ---------------------------------------------------


def _passage(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The paragraph around a span, and the span's offsets within it."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return text[left:right], start - left, end - left


def statement_detail(db: Database, statement_id: int) -> dict[str, Any]:
    """Everything `explain` shows: the statement, why it was read so, and every source."""
    row = db.execute(_SELECT + " WHERE s.id = ?", [statement_id]).fetchone()
    if row is None:
        raise QueryError(f"no statement {statement_id}; see `rhetrack show` for statement ids")
    detail = _statement_row(row)
    (speaker_text, cue, expression, cues, origin, rejected, note, published, precision, orphaned) = (
        db.execute(
            """SELECT s.speaker_text, s.attribution_cue, s.date_expression, s.cues, s.origin, s.rejected,
                  s.note, d.published, s.date_precision, s.orphaned
           FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.id = ?""",
            [statement_id],
        ).fetchone()
    )
    detail.update(
        speaker_text=speaker_text,
        attribution_cue=cue,
        date_expression=expression,
        date_reason=_date_reason(expression, precision, published),
        cues=json.loads(cues or "[]"),
        origin=origin,
        rejected=bool(rejected),
        orphaned=bool(orphaned),
        note=note,
        target_mentions=[
            {"target": target, "mention": mention}
            for target, mention in db.execute(
                """SELECT t.name, st.mention FROM statement_targets st JOIN targets t ON t.id = st.target_id
                   WHERE st.statement_id = ? ORDER BY t.name""",
                [statement_id],
            )
        ],
        sources=[],
    )
    for name, path, published_at, url, text, start, end in db.execute(
        """SELECT d.name, d.path, d.published, d.url, d.text, ss.span_start, ss.span_end
           FROM statement_sources ss JOIN documents d ON d.id = ss.document_id
           WHERE ss.statement_id = ? ORDER BY d.published, d.name""",
        [statement_id],
    ):
        passage, left, right = _passage(text, start, end)
        detail["sources"].append(
            {"document": name, "path": path, "published": published_at, "url": url,
             "passage": passage, "quote_start": left, "quote_end": right}
        )  # fmt: skip
    detail["history"] = statement_history(db, statement_id)
    return detail


def _date_reason(expression: str | None, precision: str, published: str | None) -> str:
    if expression:
        return f"resolved from {expression!r} against the publication date {published or '(unknown)'}"
    if precision == "reported":
        return f"no date in the text: the publication date {published}; made on or before it"
    if precision == "unknown":
        return "no date in the text and no publication date"
    return "set by hand"


HISTORY_COLUMNS = ("correction", "at", "field", "before", "after", "note", "orphaned")


def statement_history(db: Database, statement_id: int) -> list[dict[str, Any]]:
    """The corrections of a statement, oldest first."""
    if db.execute("SELECT 1 FROM statements WHERE id = ?", [statement_id]).fetchone() is None:
        raise QueryError(f"no statement {statement_id}; see `rhetrack show` for statement ids")
    return [
        dict(zip(HISTORY_COLUMNS, (*row[:-1], bool(row[-1])), strict=True))
        for row in db.execute(
            """SELECT id, created_at, field, old_value, new_value, note, orphaned FROM corrections
               WHERE statement_id = ? ORDER BY id""",
            [statement_id],
        )
    ]


CORRECTION_COLUMNS = ("correction", "statement", "document", "field", "after", "quote", "at")


def orphaned_corrections(db: Database) -> list[dict[str, Any]]:
    """Corrections whose quote is no longer in their document: kept for the analyst."""
    return [
        dict(zip(CORRECTION_COLUMNS, row, strict=True))
        for row in db.execute(
            """SELECT id, statement_id, document_path, field, new_value, anchor_quote, created_at
               FROM corrections WHERE orphaned = 1 ORDER BY id"""
        )
    ]


# -- search with highlights -------------------------------------------------------------

HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"
HIGHLIGHT_BATCH = 500


def search_statements(db: Database, filters: StatementFilter) -> list[dict[str, Any]]:
    """Statements matching a full-text search and the filters, each with its
    matching words marked (HIGHLIGHT_OPEN/CLOSE) in `highlighted_quote` and
    `highlighted_sentence`."""
    rows = find_statements(db, filters)
    if not rows or not filters.search:
        return rows
    highlights: dict[int, tuple[str, str]] = {}
    for query in (filters.search, _fts_phrase(filters.search)):
        try:
            # In batches: SQLite limits the number of parameters of one statement.
            for first in range(0, len(rows), HIGHLIGHT_BATCH):
                batch = [row["id"] for row in rows[first : first + HIGHLIGHT_BATCH]]
                marks = ", ".join("?" for _ in batch)
                highlights.update(
                    (rowid, (quote, sentence))
                    for rowid, quote, sentence in db.execute(
                        f"""SELECT rowid, highlight(statements_fts, 0, ?, ?),
                                   highlight(statements_fts, 1, ?, ?)
                            FROM statements_fts WHERE statements_fts MATCH ? AND rowid IN ({marks})""",
                        [HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE, query, *batch],
                    )
                )
            break
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise
            highlights = {}  # not valid FTS5 syntax: try the words as phrases
    for row in rows:
        quote, sentence = highlights.get(row["id"], (row["quote"], row["sentence"]))
        row["highlighted_quote"], row["highlighted_sentence"] = quote, sentence
    return rows


# -- export -----------------------------------------------------------------------------------


def table_rows(db: Database, table: str) -> list[dict[str, Any]]:
    """Every row of one of the exchange tables, in key order, as dicts."""
    if table not in EXCHANGE_TABLES:
        raise QueryError(f"{table!r} is not a table rhetrack exports")
    cursor = db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

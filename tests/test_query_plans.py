"""Every filter of `show` and `timeline` reaches statements through an index.

The speed goal (any single filter under 100 ms at a million statements)
lives in bench/; here the cause is checked: SQLite's EXPLAIN QUERY PLAN for
each filter must never scan the statements table, and the unfiltered and
date-bounded listings must follow the date index's order, so a LIMIT stops
early instead of sorting everything.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from rhetrack.gazetteer import load_gazetteer
from rhetrack.partial_date import PartialDate
from rhetrack.query import StatementFilter, find_statements, statement_query
from rhetrack.storage import open_database, quote_key, sync_gazetteer

STATEMENTS = 5000
WORDS = ["attack", "strike", "embassy", "bases", "withdraw",
         "enemy", "occupation", "resistance", "warn", "forces"]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """A database of synthetic statements over many actors, targets, dates and documents."""
    db = open_database(tmp_path_factory.mktemp("plans") / "plans.db")
    sync_gazetteer(db, load_gazetteer())
    rng = random.Random(5)
    actors = [row[0] for row in db.execute("SELECT id FROM actors")]
    targets = [row[0] for row in db.execute("SELECT id FROM targets")]
    documents = STATEMENTS // 50
    with db.atomic():
        db.conn.executemany(
            """INSERT INTO documents (id, path, name, content_hash, text, ingested_at)
               VALUES (?, ?, ?, 'hash', 'text', 'now')""",
            [(i, f"/plans/doc{i}.txt", f"doc{i}.txt") for i in range(1, documents + 1)],
        )
        statements, sources, links = [], [], []
        for i in range(1, STATEMENTS + 1):
            day = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            quote = " ".join(rng.choice(WORDS) for _ in range(10))
            document, actor = rng.randint(1, documents), rng.choice(actors)
            statements.append(
                (i, document, actor, actor, rng.choice(("direct", "indirect")), quote, quote, 0, len(quote),
                 day, "day", day, day, rng.randint(0, 4), quote_key(quote), rng.randint(1, 3))
            )  # fmt: skip
            sources.append((i, document, 0, len(quote), quote, quote))
            links.append((i, rng.choice(targets), "x"))
        db.conn.executemany(
            """INSERT INTO statements (id, document_id, actor_id, extracted_actor_id, kind, quote, sentence,
                   span_start, span_end, date, date_precision, date_start, date_end, level, quote_key,
                   source_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            statements,
        )
        db.conn.executemany("INSERT INTO statement_sources VALUES (?, ?, ?, ?, ?, ?)", sources)
        db.conn.executemany("INSERT OR IGNORE INTO statement_targets VALUES (?, ?, ?)", links)
    db.execute("ANALYZE")
    return db


FILTERS = {
    "none": StatementFilter(),
    "actor": StatementFilter(actor="Khazali"),
    "org": StatementFilter(org="Kataib Hezbollah"),
    "target": StatementFilter(target="us-forces"),
    "min-level": StatementFilter(min_level=4),
    "level": StatementFilter(level=3),
    "since": StatementFilter(since=PartialDate(2025, 10)),
    "until": StatementFilter(until=PartialDate(2015, 2)),
    "kind": StatementFilter(kind="indirect"),
    "search": StatementFilter(search="embassy"),
    "doc": StatementFilter(doc="doc7.txt"),
    "min-sources": StatementFilter(min_sources=3),
}


def plan(db: Database, filters: StatementFilter, *, dated: bool = True) -> list[str]:
    sql, params = statement_query(db, filters, dated=dated)
    return [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_no_filter_scans_the_statements_table(db: Database, name: str, dated: bool) -> None:
    steps = plan(db, StatementFilter(**{**FILTERS[name].__dict__, "limit": 100}), dated=dated)
    # "SCAN s" / "SCAN d" would read every statement or every document joined to them;
    # the FTS index ("SCAN statements_fts") and the --doc name match over the
    # (hundred times smaller) documents table ("SCAN sd") are not such scans.
    scans = [step for step in steps if re.match(r"SCAN [sd]\b", step)]
    assert not scans, steps
    assert any(step.startswith("SEARCH s") for step in steps), steps


@pytest.mark.parametrize("name", ["none", "kind", "min-level", "level", "since", "until", "min-sources"])
def test_listings_follow_the_date_index_so_a_limit_stops_early(db: Database, name: str) -> None:
    steps = plan(db, StatementFilter(**{**FILTERS[name].__dict__, "limit": 100}))
    assert any("statements_date_start" in step or "statements_actor_date" in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps


@pytest.mark.parametrize("name", FILTERS)
def test_every_filter_returns_what_it_says(db: Database, name: str, tmp_path: Path) -> None:
    rows = find_statements(db, StatementFilter(**{**FILTERS[name].__dict__, "limit": 50}))
    assert rows, name
    dates = [row["date"] for row in rows]
    assert dates == sorted(dates)
    if name == "since":
        assert all(row["date"] >= "2025-10" for row in rows)
    if name == "min-level":
        assert all(row["level"] == 4 for row in rows)
    if name == "min-sources":
        assert all(row["sources"] == 3 for row in rows)


@pytest.mark.parametrize(
    ("part", "index"), [("overlap", "statements_spanning"), ("from", "statements_date_start")]
)
def test_since_reads_the_overlap_and_the_rest_through_their_indexes(
    db: Database, part: str, index: str
) -> None:
    sql, params = statement_query(
        db, StatementFilter(since=PartialDate(2025, 10), limit=100), since_part=part
    )
    steps = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params)]
    assert any(index in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps) or part == "overlap", steps


def test_a_common_target_is_read_in_date_order(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from rhetrack import query

    filters = StatementFilter(target="united-states", limit=100)
    monkeypatch.setattr(query, "COMMON_TARGET_LINKS", 1)
    steps = plan(db, filters)
    assert any("statements_date_start" in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps
    common = find_statements(db, filters)
    monkeypatch.setattr(query, "COMMON_TARGET_LINKS", 10**9)
    assert find_statements(db, filters) == common  # the same rows either way


@pytest.mark.parametrize(
    "name", ["none", "actor", "target", "min-level", "level", "since", "until", "kind", "min-sources"]
)
def test_a_common_search_is_checked_in_date_order(
    db: Database, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from rhetrack import query

    monkeypatch.setattr(query, "SEARCH_CHECK_COST", 0)  # any match makes a search common
    monkeypatch.setattr(query, "COMMON_TARGET_LINKS", 1)
    steps = plan(db, StatementFilter(**{**FILTERS[name].__dict__, "search": "embassy", "limit": 100}))
    assert any("statements_date_start" in step or "statements_actor_date" in step for step in steps), steps
    # Neither every match read from the FTS index nor all of them sorted: the
    # statements are checked one by one in date order until the limit.
    assert not any(step.startswith("SCAN statements_fts") for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps


@pytest.mark.parametrize(
    "filters",
    [StatementFilter(doc="doc7.txt", search="embassy", limit=100), StatementFilter(search="emb*", limit=100)],
    ids=["sorted-by-another-filter", "prefix"],
)
def test_a_search_that_would_check_every_statement_reads_its_matches_once(
    db: Database, monkeypatch: pytest.MonkeyPatch, filters: StatementFilter
) -> None:
    from rhetrack import query

    # Common, but a --doc makes SQLite sort (so the check would run on every
    # statement of the document), and a prefix costs a whole search per check.
    monkeypatch.setattr(query, "SEARCH_CHECK_COST", 0)
    steps = plan(db, filters)
    assert any(step.startswith("SCAN statements_fts") for step in steps), steps


def test_a_search_is_common_enough_to_check_in_date_order_for_a_small_limit(db: Database) -> None:
    # "embassy" is in about two thirds of the quotes: the first statements in
    # date order hold the first match, but a thousand matches take some 1,500
    # checks, dearer than fetching and sorting the 3,000-odd matches.
    first = plan(db, StatementFilter(search="embassy", limit=1))
    assert not any(step.startswith("SCAN statements_fts") for step in first), first
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in first), first
    thousand = plan(db, StatementFilter(search="embassy", limit=1000))
    assert any("TEMP B-TREE FOR ORDER BY" in step for step in thousand), thousand


# Tables that grow with the archive: a statement that scans one of them
# costs more with every document stored, and ingest becomes quadratic.
GROWING = ("statements", "statement_sources", "statement_targets", "documents", "corrections")


def test_storing_a_document_never_scans_a_growing_table(seeds_copy: Path, tmp_path: Path) -> None:
    """Every statement ingest runs (new, corroborating, changed and orphaning
    documents, with corrections and added statements) reaches rows by index."""
    from rhetrack.ingest import ingest
    from rhetrack.storage import add_statement, correct_statement

    db = open_database(tmp_path / "store.db")
    ingest(db, [seeds_copy])
    first_id = db.execute("SELECT min(id) FROM statements").fetchone()[0]
    correct_statement(db, first_id, {"level": "4"}, "analyst")
    document, quote = db.execute(
        "SELECT d.name, s.quote FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.id = ?",
        [first_id],
    ).fetchone()
    add_statement(db, document, quote[:40], "Someone Else")
    executed: list[str] = []
    db.conn.set_trace_callback(executed.append)
    for path in sorted(seeds_copy.glob("*.txt")):
        # Changed text: one quote dropped, another copied from the first file.
        text = path.read_text(encoding="utf-8")
        paragraphs = text.split("\n\n")
        path.write_text("\n\n".join(paragraphs[:-2] + paragraphs[-1:]) + f"\n\n{quote}\n", encoding="utf-8")
    (seeds_copy / "copy.txt").write_text(next(seeds_copy.glob("*.txt")).read_text(encoding="utf-8"))
    ingest(db, [seeds_copy])
    db.conn.set_trace_callback(None)

    statements = {sql for sql in executed if re.match(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", sql)}
    assert len(statements) > 10  # the replay above reached the write paths
    scans = {}
    for sql in statements:
        steps = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        found = [step for step in steps if re.match(rf"SCAN ({'|'.join(GROWING)})\b", step)]
        if found:
            scans[sql] = found
    assert not scans, sorted({re.sub(r"\d+", "N", " ".join(sql.split())) for sql in scans})


def test_the_actor_listing_reads_the_listed_actor_index_not_the_statements(db: Database) -> None:
    from rhetrack.query import ACTOR_LISTING

    steps = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + ACTOR_LISTING)]
    assert any("statements_listed_actor" in step for step in steps), steps
    assert not any(re.match(r"SCAN s\b", step) for step in steps), steps


def _traced(db: Database, action: Callable[[], object]) -> list[str]:
    """The SELECT (and WITH) statements `action` runs, with their parameters bound."""
    executed: list[str] = []
    db.conn.set_trace_callback(executed.append)
    try:
        action()
    finally:
        db.conn.set_trace_callback(None)
    return [sql for sql in executed if re.match(r"\s*(SELECT|WITH)\b", sql)]


@pytest.mark.parametrize("name", FILTERS)
def test_trends_read_their_periods_through_an_index(db: Database, name: str) -> None:
    from rhetrack.trends import actor_trends

    filters = FILTERS[name]
    statements = _traced(db, lambda: actor_trends(db, filters, window=300))
    assert len(statements) >= 3
    for sql in statements:
        steps = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        assert not [step for step in steps if re.match(r"SCAN [sd]\b", step)], (sql, steps)
    latest = next(sql for sql in statements if "ORDER BY s.date_end DESC LIMIT 1" in sql)
    steps = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + latest)]
    if name in ("none", "min-level", "level", "kind", "min-sources", "until"):
        # Read back from the newest date: the first statement that passes is the answer.
        assert any("statements_date_end" in step for step in steps), steps
        assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps
    periods = [sql for sql in statements if "MATERIALIZED" in sql]
    for sql in periods:
        steps = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        if name in ("none", "min-level", "level", "kind", "min-sources", "since", "until"):
            # A period is a few months of the date index, whatever the level filter says.
            assert any(
                "statements_date_start" in step or "statements_actor_date" in step for step in steps
            ), steps

"""`statements_view`: one readable row per listed statement, for sqlite-utils,
Datasette and any SQL client, checked on real databases against `show`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import sqlite_utils
from cli_helpers import ok

from rhetrack.levels import LEVEL_NAMES
from rhetrack.query import StatementFilter, find_statements
from rhetrack.storage import open_database

VIEW_COLUMNS = [
    "id", "date", "date_precision", "speaker", "organization", "level", "level_name", "targets",
    "kind", "quote", "sources", "document", "document_title", "url", "corrected",
]  # fmt: skip


def test_the_view_shows_every_listed_statement_as_show_does(seeded_database: Path) -> None:
    db = open_database(seeded_database, create=False)
    try:
        listed = {row["id"]: row for row in find_statements(db, StatementFilter())}
        titles = dict(db.execute("SELECT name, title FROM documents").fetchall())
        urls = dict(db.execute("SELECT name, url FROM documents").fetchall())
    finally:
        db.close()
    # Read through sqlite-utils, as a user of its CLI or library would.
    view = sqlite_utils.Database(seeded_database)["statements_view"]
    assert "statements_view" in sqlite_utils.Database(seeded_database).view_names()
    assert view.columns_dict and [column.name for column in view.columns] == VIEW_COLUMNS
    rows = {row["id"]: row for row in view.rows}
    assert rows.keys() == listed.keys() and len(rows) > 30
    for statement_id, row in rows.items():
        shown = listed[statement_id]
        for column in ("date", "date_precision", "speaker", "organization", "level", "kind", "quote",
                       "document"):  # fmt: skip
            assert row[column] == shown[column], column
        assert row["level_name"] == LEVEL_NAMES[row["level"]]
        assert row["targets"] == (", ".join(shown["targets"]) or None)
        assert row["sources"] == shown["sources"]
        assert row["corrected"] == int(shown["corrected"])
        assert row["document_title"] == titles[row["document"]]
        assert row["url"] == urls[row["document"]]
    assert any(row["targets"] and ", " in row["targets"] for row in rows.values())
    assert any(row["organization"] for row in rows.values())


def test_corrections_show_in_the_view_and_rejected_statements_leave_it(
    seeded_database: Path, tmp_path: Path
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(seeded_database, path)
    view = sqlite_utils.Database(path)["statements_view"]
    first, second = (row["id"] for row in view.rows_where(order_by="id", limit=2))
    ok("edit", str(first), "--level", "threat", "--targets", "us-bases,iran", "--db", path)
    ok("reject", str(second), "--db", path)
    rows = {row["id"]: row for row in sqlite_utils.Database(path)["statements_view"].rows}
    assert second not in rows
    edited = rows[first]
    assert (edited["level"], edited["level_name"]) == (3, "threat")
    assert edited["targets"] == "iran, us-bases"
    assert edited["corrected"] == 1


def test_full_text_search_reaches_the_view_through_the_quote_index(seeded_database: Path) -> None:
    # What Datasette runs for ?_search=… with fts_table=statements_fts, fts_pk=id:
    # the index holds each statement's quote and sentence.
    db = sqlite_utils.Database(seeded_database)
    found = db.execute(
        """SELECT id FROM statements_view
           WHERE id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)""",
        ["bases"],
    ).fetchall()
    everything = db.execute(
        "SELECT v.id, v.quote, s.sentence FROM statements_view v JOIN statements s ON s.id = v.id"
    ).fetchall()
    word = re.compile(r"\bbases\b", re.IGNORECASE)
    expected = [(i,) for i, quote, sentence in everything if word.search(f"{quote} {sentence}")]
    assert found and sorted(found) == sorted(expected)

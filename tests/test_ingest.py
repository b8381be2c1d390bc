"""Library-level ingest on copies of the seeds and on small hand-written articles.

Each test ingests into its own database under tmp_path and checks what was
stored by reading the tables back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from rhetrack.ingest import FileResult, IngestSummary, ingest
from rhetrack.partial_date import PartialDate
from rhetrack.query import StatementFilter, find_statements, statement_count
from rhetrack.storage import open_database

SEED_002 = "002_bfbc928f984825ec.txt"
NEW_QUOTE = "We will strike the occupation bases."
NEW_PARAGRAPH = f'\n\nHadi al-Ameri warned, "{NEW_QUOTE}"\n'
KHAZALI_LINE = 'Qais al-Khazali said, "We will fight the American occupation forces until they leave."\n'


@pytest.fixture
def db(isolated_database: Path) -> Iterator[Database]:
    database = open_database(isolated_database)
    yield database
    database.close()


def by_status(summary: IngestSummary) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for result in summary.results:
        grouped.setdefault(result.status, []).append(result.name)
    return grouped


def statements_by_document(db: Database) -> dict[str, set[tuple[int, str]]]:
    """(id, quote) of every stored statement, by document name."""
    grouped: dict[str, set[tuple[int, str]]] = {}
    for row in find_statements(db, StatementFilter()):
        grouped.setdefault(row["document"], set()).add((row["id"], row["quote"]))
    return grouped


def document(db: Database, name: str) -> dict[str, object]:
    row = db.execute(
        "SELECT name, title, url, publisher, published, published_precision, published_source "
        "FROM documents WHERE name = ?",
        [name],
    ).fetchone()
    assert row is not None, f"{name} not stored"
    keys = ("name", "title", "url", "publisher", "published", "published_precision", "published_source")
    return dict(zip(keys, row, strict=True))


# -- the seeds ---------------------------------------------------------------------------


def test_ingesting_the_seeds_stores_every_document(db: Database, seeds_copy: Path) -> None:
    seen: list[FileResult] = []
    summary = ingest(db, [seeds_copy], on_result=seen.append)

    row = summary.as_row()
    assert row["documents_new"] == 5
    assert row["documents_updated"] == 0
    assert row["documents_unchanged"] == 0
    assert row["documents_failed"] == 0
    assert row["statements"] > 30
    assert row["undated_statements"] == 0
    assert row["statements"] == statement_count(db)
    # Every file was reported as it went, by its name under the folder; manifest.csv is not a document.
    assert [r.name for r in seen] == sorted(p.name for p in seeds_copy.glob("*.txt"))
    assert seen == summary.results
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_a_second_ingest_of_the_same_files_changes_nothing(db: Database, seeds_copy: Path) -> None:
    ingest(db, [seeds_copy])
    before = statements_by_document(db)
    count = statement_count(db)

    summary = ingest(db, [seeds_copy])

    row = summary.as_row()
    assert row["documents_unchanged"] == 5
    assert row["documents_new"] == row["documents_updated"] == row["documents_failed"] == 0
    assert row["statements"] == 0  # nothing was written
    assert statement_count(db) == count
    assert statements_by_document(db) == before


def test_a_changed_file_has_its_statements_replaced(db: Database, seeds_copy: Path) -> None:
    ingest(db, [seeds_copy])
    before = statements_by_document(db)
    assert all(NEW_QUOTE not in quote for rows in before.values() for _, quote in rows)
    doc_id = db.execute("SELECT id FROM documents WHERE name = ?", [SEED_002]).fetchone()[0]

    changed = seeds_copy / SEED_002
    changed.write_text(changed.read_text(encoding="utf-8") + NEW_PARAGRAPH, encoding="utf-8")
    summary = ingest(db, [seeds_copy])

    assert by_status(summary) == {
        "updated": [SEED_002],
        "unchanged": sorted(name for name in before if name != SEED_002),
    }
    after = statements_by_document(db)
    new_quotes = {quote for _, quote in after[SEED_002]}
    assert NEW_QUOTE in new_quotes
    assert {quote for _, quote in before[SEED_002]} <= new_quotes
    # The document kept its identity, and so did every statement it still makes:
    # re-extracted statements with the same speaker and quote keep their ids
    # (corrections hang on them); only the new quote has a new id.
    assert db.execute("SELECT id FROM documents WHERE name = ?", [SEED_002]).fetchone()[0] == doc_id
    assert set(before[SEED_002]) <= set(after[SEED_002])
    (new_row,) = set(after[SEED_002]) - set(before[SEED_002])
    assert new_row[1] == NEW_QUOTE
    assert new_row[0] > max(id_ for rows in before.values() for id_, _ in rows)
    # Every other document's statements are exactly as they were.
    for name, rows in before.items():
        if name != SEED_002:
            assert after[name] == rows, name
    assert statement_count(db) == sum(len(rows) for rows in after.values())
    assert summary.as_row()["statements"] == len(after[SEED_002])
    # The full-text index follows the replacement.
    found = find_statements(db, StatementFilter(search="strike occupation bases"))
    assert [row["quote"] for row in found] == [NEW_QUOTE]
    assert found[0]["speaker"] == "Hadi al-Ameri"


def test_a_changed_manifest_date_re_extracts_the_file(db: Database, seeds_copy: Path) -> None:
    ingest(db, [seeds_copy])
    before = statements_by_document(db)
    assert document(db, SEED_002)["published"] == "2021-04"
    march = find_statements(db, StatementFilter(doc=SEED_002, search="consolidate"))
    assert [row["date"] for row in march] == ["2021-03"]

    manifest = seeds_copy / "manifest.csv"
    text = manifest.read_text(encoding="utf-8")
    assert f"{SEED_002},2021-04," in text
    manifest.write_text(text.replace(f"{SEED_002},2021-04,", f"{SEED_002},2022-06,"), encoding="utf-8")
    summary = ingest(db, [seeds_copy])

    assert by_status(summary)["updated"] == [SEED_002]
    assert len(by_status(summary)["unchanged"]) == 4
    stored = document(db, SEED_002)
    assert stored["published"] == "2022-06"
    assert stored["published_precision"] == "month"
    assert stored["published_source"] == "manifest"
    # Dates read relative to the publication date moved with it.
    march = find_statements(db, StatementFilter(doc=SEED_002, search="consolidate"))
    assert [row["date"] for row in march] == ["2022-03"]
    april = find_statements(db, StatementFilter(doc=SEED_002, search="withdraw"))
    assert [row["date"] for row in april] == ["2022-04-02"]
    # The same statements, re-dated in place: their ids stay.
    after = statements_by_document(db)
    assert after[SEED_002] == before[SEED_002]


# -- files that cannot be read -----------------------------------------------------------


def test_unreadable_files_are_reported_by_name_and_the_rest_are_ingested(
    db: Database, seeds_copy: Path
) -> None:
    bad = {
        "binary.txt": b"\x00\x01\x02 PK\x03\x04 not an article \xff\x00",
        "empty.md": b"",
        "blank.txt": b"   \n\n  \t\n",
    }
    for name, data in bad.items():
        (seeds_copy / name).write_bytes(data)
    dangling = seeds_copy / "gone.txt"
    os.symlink(seeds_copy / "does-not-exist.txt", dangling)

    summary = ingest(db, [seeds_copy])

    failed = {result.name: result.reason for result in summary.failed}
    assert set(failed) == {*bad, "gone.txt"}
    for name in bad:
        assert str(seeds_copy.resolve() / name) in (failed[name] or ""), failed[name]
    assert "binary" in (failed["binary.txt"] or "")
    assert "empty" in (failed["empty.md"] or "")
    assert "no article text" in (failed["blank.txt"] or "")
    # A dangling link is reported with the path it points to, which is what is missing.
    assert "does-not-exist.txt: cannot read" in (failed["gone.txt"] or "")
    row = summary.as_row()
    assert row["documents_failed"] == 4
    assert row["documents_new"] == 5
    assert row["statements"] > 30
    stored = {r[0] for r in db.execute("SELECT name FROM documents")}
    assert stored == {p.name for p in seeds_copy.glob("0*.txt")}


def test_a_missing_path_argument_is_reported_and_the_others_are_ingested(
    db: Database, seeds_copy: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere"
    summary = ingest(db, [missing, seeds_copy])
    assert len(summary.failed) == 1
    assert str(missing) in (summary.failed[0].reason or "")
    assert summary.as_row()["documents_new"] == 5


# -- publication metadata ------------------------------------------------------------------


def test_front_matter_metadata_is_stored(db: Database, tmp_path: Path) -> None:
    article = tmp_path / "front.md"
    article.write_text(
        "---\n"
        'title: "Khazali speaks"\n'
        "url: https://example.org/khazali\n"
        "publisher: Example Press\n"
        "published: 2022-05-06\n"
        "---\n\n" + KHAZALI_LINE,
        encoding="utf-8",
    )
    summary = ingest(db, [article])

    assert summary.as_row()["documents_new"] == 1
    assert document(db, "front.md") == {
        "name": "front.md",
        "title": "Khazali speaks",
        "url": "https://example.org/khazali",
        "publisher": "Example Press",
        "published": "2022-05-06",
        "published_precision": "day",
        "published_source": "front-matter",
    }
    (row,) = find_statements(db, StatementFilter(doc="front.md"))
    assert row["speaker"] == "Qais al-Khazali"
    assert row["date"] == "2022-05-06"
    # The front matter is not part of the stored text.
    text = db.execute("SELECT text FROM documents WHERE name = 'front.md'").fetchone()[0]
    assert "publisher:" not in text


def _folder_with_manifest(tmp_path: Path, front_matter: str | None, byline: str | None) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    body = ""
    if front_matter:
        body += f"---\npublished: {front_matter}\ntitle: From front matter\n---\n\n"
    body += "Militias threaten again\n\n"
    if byline:
        body += f"{byline}\n\n"
    body += KHAZALI_LINE
    (folder / "story.md").write_text(body, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published,url,title,publisher\n"
        "story.md,2023-12,https://example.org/m,From manifest,Manifest Press\n",
        encoding="utf-8",
    )
    return folder


def test_published_option_beats_front_matter_and_manifest(db: Database, tmp_path: Path) -> None:
    folder = _folder_with_manifest(tmp_path, front_matter="2022-05-06", byline="Nov 1, 2023")
    ingest(db, [folder / "story.md"], published=PartialDate(2020, 2, 3))
    stored = document(db, "story.md")
    assert stored["published"] == "2020-02-03"
    assert stored["published_source"] == "option"
    (row,) = find_statements(db, StatementFilter())
    assert row["date"] == "2020-02-03"


def test_front_matter_beats_manifest_which_fills_the_gaps(db: Database, tmp_path: Path) -> None:
    folder = _folder_with_manifest(tmp_path, front_matter="2022-05-06", byline="Nov 1, 2023")
    ingest(db, [folder])
    stored = document(db, "story.md")
    assert stored["published"] == "2022-05-06"
    assert stored["published_source"] == "front-matter"
    assert stored["title"] == "From front matter"
    # Fields the front matter lacks come from the manifest row.
    assert stored["url"] == "https://example.org/m"
    assert stored["publisher"] == "Manifest Press"


def test_manifest_beats_byline(db: Database, tmp_path: Path) -> None:
    folder = _folder_with_manifest(tmp_path, front_matter=None, byline="Nov 1, 2023")
    ingest(db, [folder])
    stored = document(db, "story.md")
    assert stored["published"] == "2023-12"
    assert stored["published_precision"] == "month"
    assert stored["published_source"] == "manifest"
    assert stored["title"] == "From manifest"


def test_byline_date_is_used_when_nothing_else_dates_the_document(db: Database, tmp_path: Path) -> None:
    article = tmp_path / "byline.txt"
    article.write_text("Militias threaten again\n\nNov 1, 2023\n\n" + KHAZALI_LINE, encoding="utf-8")
    ingest(db, [article])
    stored = document(db, "byline.txt")
    assert stored["published"] == "2023-11-01"
    assert stored["published_source"] == "byline"


def test_a_single_file_takes_its_row_from_the_manifest_beside_it(db: Database, seeds_copy: Path) -> None:
    summary = ingest(db, [seeds_copy / SEED_002])
    assert summary.as_row()["documents_new"] == 1
    stored = document(db, SEED_002)
    assert stored["published"] == "2021-04"
    assert stored["publisher"] == "Middle East Institute"


def test_an_undated_document_is_ingested_and_its_statements_counted_undated(
    db: Database, tmp_path: Path
) -> None:
    article = tmp_path / "undated.txt"
    article.write_text("Militia news\n\n" + KHAZALI_LINE + NEW_PARAGRAPH, encoding="utf-8")

    summary = ingest(db, [article])

    row = summary.as_row()
    assert row["documents_new"] == 1
    assert row["documents_failed"] == 0
    assert row["statements"] == 2
    assert row["undated_statements"] == 2
    assert summary.results[0].undated == 2
    stored = document(db, "undated.txt")
    assert stored["published"] is None
    assert stored["published_precision"] == "unknown"
    assert stored["published_source"] is None
    rows = find_statements(db, StatementFilter())
    assert {r["speaker"] for r in rows} == {"Qais al-Khazali", "Hadi al-Ameri"}
    assert all(r["date"] is None and r["date_precision"] == "unknown" for r in rows)


def test_undated_statements_are_counted_beside_dated_ones(db: Database, seeds_copy: Path) -> None:
    (seeds_copy / "undated.txt").write_text("Militia news\n\n" + KHAZALI_LINE, encoding="utf-8")
    row = ingest(db, [seeds_copy]).as_row()
    assert row["documents_new"] == 6
    assert row["undated_statements"] == 1
    assert db.execute("SELECT count(*) FROM statements WHERE date IS NULL").fetchone()[0] == 1


def test_parallel_ingest_stores_exactly_what_one_process_does(tmp_path: Path, seeds_copy: Path) -> None:
    from rhetrack.storage import open_database

    tables = ("documents", "statements", "statement_sources", "statement_targets")

    def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in tables
            if table != "documents"
        } | {
            "documents": db.execute("SELECT path, content_hash, text FROM documents ORDER BY path").fetchall()
        }

    serial, parallel = open_database(tmp_path / "one.db"), open_database(tmp_path / "two.db")
    assert not ingest(serial, [seeds_copy], jobs=1).failed
    summary = ingest(parallel, [seeds_copy], jobs=2)
    assert not summary.failed and summary.count("new") == 5
    assert dump(parallel) == dump(serial)

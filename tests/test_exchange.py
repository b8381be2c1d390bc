"""Getting statements out: explain, search, event codes, and export/import
of a whole curated database.

Real files in tmp_path, real SQLite databases, the CLI through Typer's
CliRunner (stdout and stderr apart).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import KAABI_QUOTE, KHAZALI_QUOTE, PUBLISHED, TWO_LEADERS, as_json, ingest, ok, rewrite, run

import rhetrack
from rhetrack.storage import EXCHANGE_TABLES

CSV_HEADER = (
    "id,document,speaker,organization,date,date_precision,level,level_name,targets,kind,quote,sentence,"
    "sources,cameo,goldstein,corrected"
)
MANIFEST = "rhetrack-export.json"
ARTICLE = TWO_LEADERS
EMBASSY = """Tensions around the diplomatic quarter

Rockets fell near the airport on Monday.

Qais al-Khazali said, "The American embassy in Baghdad is a military base and will be treated as one."

Standing outside the embassy compound, Akram al-Kaabi said, "Our patience with the occupation is running out."

Hadi al-Ameri said, "The embassy must close its doors to the spies."
"""


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def one(rows: list[dict[str, Any]], words: str) -> dict[str, Any]:
    found = [row for row in rows if words in row["quote"]]
    assert len(found) == 1, found
    return found[0]


def event_codes_file() -> dict[int, dict[str, Any]]:
    path = Path(rhetrack.__file__).parent / "data" / "event_codes.toml"
    with path.open("rb") as handle:
        return {entry["level"]: entry for entry in tomllib.load(handle)["level"]}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "militias.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    assert ingest(path, "--published", PUBLISHED)["statements"] == 2
    return path


@pytest.fixture
def embassy(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "embassy.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(EMBASSY, encoding="utf-8")
    assert ingest(path, "--published", "2023-11-06")["statements"] == 3
    return path


# -- explain ---------------------------------------------------------------------------------


def test_explain_table_shows_passage_cue_date_reason_levels_and_targets(article: Path) -> None:
    khazali = one(as_json("show"), "will strike")

    result = ok("explain", str(khazali["id"]))

    assert result.stderr == ""
    out = result.stdout
    assert f"statement {khazali['id']}" in out
    assert "Qais al-Khazali" in out
    assert "2023-10-30 (day)" in out
    assert "level 3 threat" in out
    assert f'On October 30, Qais al-Khazali said, "{KHAZALI_QUOTE}"' in out  # the passage
    assert f"militias.txt  published {PUBLISHED}" in out
    assert "'Qais al-Khazali' → Qais al-Khazali (cue: said)" in out
    assert f"resolved from 'On October 30' against the publication date {PUBLISHED}" in out
    # The frame that decided the level, with the parts it read (issue 11).
    assert (
        "'will strike' → 3 (threat, actor: own (we); act: strike; on: other; modality: conditional, future"
        in out
    )
    assert "us-bases ← 'the American bases'" in out
    assert "CAMEO 138, Goldstein -7.0" in out
    assert "corrections" not in out  # no history yet


def test_explain_of_a_statement_dated_by_publication(article: Path) -> None:
    kaabi = one(as_json("show"), "patience")
    out = ok("explain", str(kaabi["id"])).stdout
    assert f"no date in the text: the publication date {PUBLISHED}; made on or before it" in out
    assert "(cue: said)" in out
    assert KAABI_QUOTE in out


def test_explain_json_has_cues_target_mentions_and_sources(article: Path) -> None:
    khazali = one(as_json("show"), "will strike")

    detail = as_json("explain", str(khazali["id"]))

    for key, value in khazali.items():
        if key != "sources":
            assert detail[key] == value, key
    assert detail["attribution_cue"] == "said"
    assert detail["speaker_text"] == "Qais al-Khazali"
    assert detail["date_expression"] == "On October 30"
    assert detail["date_reason"] == f"resolved from 'On October 30' against the publication date {PUBLISHED}"
    (threat,) = [cue for cue in detail["cues"] if cue["family"] == "threat"]
    assert (threat["level"], threat["text"]) == (3, "will strike")
    assert threat["note"].startswith("actor: own (we); act: strike; on: other; modality: conditional, future")
    assert max(cue["level"] for cue in detail["cues"]) == 3
    assert detail["target_mentions"] == [{"target": "us-bases", "mention": "the American bases"}]
    assert (detail["origin"], detail["rejected"], detail["note"], detail["history"]) == (
        "extracted",
        False,
        None,
        [],
    )
    (source,) = detail["sources"]
    assert source["document"] == "militias.txt"
    assert source["path"] == str(article.resolve())
    assert source["published"] == PUBLISHED
    assert source["passage"] == f'On October 30, Qais al-Khazali said, "{KHAZALI_QUOTE}"'
    assert source["passage"][source["quote_start"] : source["quote_end"]] == KHAZALI_QUOTE


def test_explain_shows_corrections_made_by_hand(article: Path) -> None:
    kaabi = one(as_json("show"), "patience")
    ok("edit", str(kaabi["id"]), "--level", "threat", "--note", "conditional threat")

    out = ok("explain", str(kaabi["id"])).stdout
    detail = as_json("explain", str(kaabi["id"]))

    assert "corrected by hand" in out
    assert "conditional threat" in out
    assert [(row["field"], row["before"], row["after"]) for row in detail["history"]] == [("level", "2", "3")]


def test_every_seed_statement_explains_its_quote_position(seeded_database: Path) -> None:
    rows = as_json("show", "--db", seeded_database)
    assert len(rows) > 20
    for row in rows:
        detail = as_json("explain", str(row["id"]), "--db", seeded_database)
        assert detail["sources"], row
        for source in detail["sources"]:
            assert source["passage"][source["quote_start"] : source["quote_end"]] == row["quote"], row["id"]
        assert detail["attribution_cue"], row["id"]
        assert detail["date_reason"], row["id"]


# -- search ----------------------------------------------------------------------------------


def test_search_finds_quotes_with_the_word(embassy: Path) -> None:
    rows = as_json("search", "embassy")

    assert [row["speaker"] for row in rows] == ["Qais al-Khazali", "Hadi al-Ameri"]  # in text order
    assert all("embassy" in row["quote"] for row in rows)
    assert sorted(row["quote"] for row in rows) == sorted(
        [
            "The American embassy in Baghdad is a military base and will be treated as one.",
            "The embassy must close its doors to the spies.",
        ]
    )
    assert as_json("search", "EMBASSY") == rows  # case-insensitive


def test_search_sentences_finds_words_only_in_sentences(embassy: Path) -> None:
    assert "compound" not in " ".join(row["quote"] for row in as_json("show"))
    assert as_json("search", "compound") == []

    rows = as_json("search", "compound", "--sentences")

    assert [(row["speaker"], row["quote"]) for row in rows] == [
        ("Akram al-Kaabi", "Our patience with the occupation is running out.")
    ]
    assert len(as_json("search", "embassy", "--sentences")) == 3
    table = ok("search", "compound", "--sentences").stdout
    assert "sentence" in table
    assert "Standing outside the embassy compound" in table


def test_search_filters_apply(embassy: Path) -> None:
    rows = as_json("search", "embassy", "--sentences", "--actor", "Kaabi")
    assert [row["speaker"] for row in rows] == ["Akram al-Kaabi"]
    assert [row["speaker"] for row in as_json("search", "embassy", "--actor", "Ameri")] == ["Hadi al-Ameri"]
    assert as_json("search", "embassy", "--actor", "Kaabi") == []
    # Kaabi's sentence (not his quote) names the embassy; the level filter keeps the two warnings.
    assert {row["speaker"] for row in as_json("search", "embassy", "--sentences", "--level", "warning")} == {
        "Akram al-Kaabi",
        "Hadi al-Ameri",
    }
    assert as_json("search", "embassy", "--org", "Badr Organization")[0]["speaker"] == "Hadi al-Ameri"
    assert len(as_json("search", "embassy", "--sentences", "--limit", "2")) == 2
    assert as_json("search", "embassy", "--since", "2024") == []


def test_search_leaves_out_rejected_statements_unless_asked(embassy: Path) -> None:
    ameri = one(as_json("show"), "must close")
    ok("reject", str(ameri["id"]))
    assert [row["speaker"] for row in as_json("search", "embassy")] == ["Qais al-Khazali"]
    assert len(as_json("search", "embassy", "--include-rejected")) == 2


def test_search_csv_has_the_public_header(embassy: Path) -> None:
    result = ok("search", "embassy", "--format", "csv")
    assert result.stdout.splitlines()[0] == CSV_HEADER
    rows = csv_rows(result.stdout)
    assert sorted(row["speaker"] for row in rows) == ["Hadi al-Ameri", "Qais al-Khazali"]
    assert result.stderr == ""


def test_search_table_contains_the_matching_word(embassy: Path) -> None:
    result = ok("search", "embassy")
    assert "2 matching" in result.stdout
    assert "quote" in result.stdout
    assert "The American embassy in Baghdad" in result.stdout
    assert "The embassy must close its doors" in result.stdout
    assert "\x02" not in result.stdout and "\x03" not in result.stdout
    assert "Standing outside" not in result.stdout


def test_search_seeds_for_embassy(seeded_database: Path) -> None:
    rows = as_json("search", "embassy", "--db", seeded_database)
    assert rows
    assert all("embassy" in row["quote"].casefold() for row in rows)
    in_sentences = as_json("search", "embassy", "--sentences", "--db", seeded_database)
    assert {row["id"] for row in rows} < {row["id"] for row in in_sentences}
    assert all("embassy" in (row["quote"] + row["sentence"]).casefold() for row in in_sentences)


# -- event codes ---------------------------------------------------------------------------------


def test_level_3_statements_have_cameo_138_and_goldstein_minus_7(seeded_database: Path) -> None:
    threats = as_json("show", "--db", seeded_database, "--level", "threat")
    assert threats
    assert {(row["cameo"], row["goldstein"]) for row in threats} == {("138", -7.0)}
    rows = csv_rows(ok("show", "--db", seeded_database, "--level", "3", "--format", "csv").stdout)
    assert {(row["cameo"], row["goldstein"]) for row in rows} == {("138", "-7.0")}


def test_every_seed_statement_has_its_levels_event_codes(seeded_database: Path) -> None:
    codes = event_codes_file()
    rows = as_json("show", "--db", seeded_database)
    assert {row["level"] for row in rows} == set(codes)  # the seeds have every level
    for row in rows:
        code = codes[row["level"]]
        assert (row["cameo"], row["goldstein"], row["level_name"]) == (
            code["cameo"],
            code["goldstein"],
            code["name"],
        )


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_every_levels_event_codes_equal_the_data_file(article: Path, level: int) -> None:
    code = event_codes_file()[level]
    kaabi = one(as_json("show"), "patience")
    ok("edit", str(kaabi["id"]), "--level", str(level))

    row = one(as_json("show"), "patience")
    assert (row["level"], row["level_name"], row["cameo"], row["goldstein"]) == (
        level,
        code["name"],
        code["cameo"],
        code["goldstein"],
    )
    csv_row = one(csv_rows(ok("show", "--format", "csv").stdout), "patience")
    assert (csv_row["cameo"], float(csv_row["goldstein"])) == (code["cameo"], code["goldstein"])
    detail = as_json("explain", str(kaabi["id"]))
    assert (detail["cameo"], detail["goldstein"]) == (code["cameo"], code["goldstein"])
    assert f"CAMEO {code['cameo']}, Goldstein {code['goldstein']}" in ok("explain", str(kaabi["id"])).stdout


# -- export and import -----------------------------------------------------------------------


def table_contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in EXCHANGE_TABLES
        }
    finally:
        conn.close()


def table_columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


@pytest.fixture
def curated(seeds_copy: Path, isolated_database: Path) -> Path:
    """The seeds with an edit, a reject, an add, an alias, a merge and an orphaned correction."""
    assert ingest(seeds_copy)["documents_new"] == 5
    rows = as_json("show")
    picnic = one(rows, "no picnic")
    ok("edit", str(picnic["id"]), "--level", "4", "--targets", "us-forces,israel", "--note", "explicit")
    trump = one(rows, "Donald Trump has warned")
    ok("reject", str(trump["id"]), "--note", "not a militia statement")
    ok("add", "003_dbfe6519d6ec12d8.txt", "the use of armed force outside the authority of the Iraqi state",
       "--speaker", "Kataib Hezbollah", "--level", "1", "--kind", "indirect")  # fmt: skip
    ok("actor", "alias", "Qais al-Khazali", "Sheikh Qais")
    ok("actor", "merge", "Saraya Awliya al-Dam", "Asaib Ahl al-Haq")
    ok("actor", "add", "Abu Test", "--org", "Kataib Hezbollah", "--alias", "Tester")
    ceiling = one(rows, "no ceiling")
    ok("edit", str(ceiling["id"]), "--level", "3")
    seed = seeds_copy / "000_425beebd4e0e943e.txt"
    rewrite(seed, "Haidari warned that “there is no ceiling for Israel and the United States,” ", "")
    assert ingest(seeds_copy)["corrections_orphaned"] == 1
    return isolated_database


def test_export_writes_every_table_as_csv_and_jsonl(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup" / "nested"

    result = run("export", folder)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    contents = table_contents(curated)
    assert result.stderr.startswith("exported 5 documents, ")
    for table in EXCHANGE_TABLES:
        assert f"{len(contents[table])} {table}" in result.stderr
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"format": 1, "tables": {table: len(contents[table]) for table in EXCHANGE_TABLES}}
    assert manifest["tables"]["corrections"] == 5  # level+targets, rejected, added, level (orphaned)
    for table in EXCHANGE_TABLES:
        columns = table_columns(curated, table)
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            assert next(reader) == columns, table
            assert len(list(reader)) == len(contents[table]), table
        lines = (folder / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [tuple(json.loads(line).values()) for line in lines] == contents[table], table
        assert all(list(json.loads(line)) == columns for line in lines), table


def test_export_then_import_gives_back_the_same_database(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    copy = tmp_path / "restored" / "new.db"

    result = run("import", folder, "--db", copy)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("imported 5 documents, ")
    original, restored = table_contents(curated), table_contents(copy)
    for table in EXCHANGE_TABLES:
        assert restored[table] == original[table], table
    assert original["corrections"] and original["aliases"] and original["statement_sources"]
    for args in (
        ("show", "--format", "csv"),
        ("show", "--include-rejected", "--format", "csv"),
        ("timeline", "--format", "csv"),
        ("actors", "--format", "csv"),
        ("docs", "--format", "csv"),
        ("corrections", "--format", "csv"),
        ("search", "Iran", "--sentences", "--format", "csv"),
        ("show", "--actor", "Sheikh Qais", "--format", "csv"),
        ("show", "--actor", "Saraya Awliya al-Dam", "--format", "json"),
        ("actor", "show", "Tester", "--format", "json"),
    ):
        mine, theirs = ok(*args), ok(*args, "--db", copy)
        assert theirs.stdout == mine.stdout, args
    assert ok("show", "--format", "csv").stdout.startswith(CSV_HEADER + "\n")
    picnic = one(as_json("show", "--db", copy), "no picnic")
    assert (picnic["level"], picnic["targets"], picnic["corrected"]) == (4, ["israel", "us-forces"], True)
    assert as_json("history", str(picnic["id"]), "--db", copy) == as_json("history", str(picnic["id"]))

    # Exporting the imported database writes the same files.
    again = tmp_path / "again"
    ok("export", again, "--db", copy)
    for table in EXCHANGE_TABLES:
        for suffix in ("csv", "jsonl"):
            name = f"{table}.{suffix}"
            assert (again / name).read_bytes() == (folder / name).read_bytes(), name


def test_an_imported_database_keeps_corrections_through_reingest(
    curated: Path, seeds_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    copy = tmp_path / "new.db"
    ok("import", folder, "--db", copy)

    unchanged = ingest(seeds_copy, "--db", str(copy))
    assert (unchanged["documents_unchanged"], unchanged["documents_new"]) == (5, 0)

    rewrite(
        seeds_copy / "003_dbfe6519d6ec12d8.txt", "Analysts say the rhetoric", "Analysts said the rhetoric"
    )
    summary = ingest(seeds_copy, "--db", str(copy))
    assert summary["documents_updated"] == 1
    assert summary["corrections_orphaned"] == 0
    rows = as_json("show", "--db", copy, "--include-rejected")
    picnic = one(rows, "no picnic")
    assert (picnic["level"], picnic["targets"]) == (4, ["israel", "us-forces"])
    assert as_json("explain", str(one(rows, "Donald Trump")["id"]), "--db", copy)["rejected"] is True
    added = one(rows, "the use of armed force outside the authority")
    assert (added["speaker"], added["kind"], added["corrected"]) == ("Kataib Hezbollah", "indirect", True)
    assert "Saraya Awliya al-Dam" not in {row["speaker"] for row in rows}


def test_import_into_a_database_with_documents_exits_1(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    before = table_contents(curated)

    result = run("import", folder)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "the database already holds documents" in result.stderr
    assert table_contents(curated) == before

    copy = tmp_path / "new.db"
    ok("import", folder, "--db", copy)
    second = run("import", folder, "--db", copy)
    assert second.exit_code == 1
    assert "already holds documents" in second.stderr
    assert table_contents(copy) == before


def test_import_into_a_database_with_registered_actors_exits_1(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    target = tmp_path / "registry-only.db"
    ok("actor", "add", "Somebody New", "--db", target)

    result = run("import", folder, "--db", target)

    assert result.exit_code == 1
    assert "Somebody New" in {row["name"] for row in as_json("actor", "show", "Somebody New", "--db", target)}


def test_import_of_a_folder_without_the_manifest_exits_1_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "not-an-export"
    folder.mkdir()
    (folder / "statements.csv").write_text("id\n", encoding="utf-8")

    result = run("import", folder, "--db", tmp_path / "new.db")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(folder) in result.stderr
    assert MANIFEST in result.stderr


def test_import_of_an_export_missing_a_table_exits_1_naming_the_file(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    (folder / "aliases.jsonl").unlink()
    copy = tmp_path / "new.db"

    result = run("import", folder, "--db", copy)

    assert result.exit_code == 1
    assert str(folder / "aliases.jsonl") in result.stderr
    assert "missing from the export" in result.stderr
    assert table_contents(copy)["documents"] == []


def test_import_of_a_damaged_jsonl_file_exits_1_naming_the_line(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    with (folder / "statements.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    lines = len((folder / "statements.jsonl").read_text(encoding="utf-8").splitlines())

    result = run("import", folder, "--db", tmp_path / "new.db")

    assert result.exit_code == 1
    assert f"statements.jsonl, line {lines}: not JSON" in result.stderr


def test_import_of_another_export_format_exits_1(curated: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    ok("export", folder)
    (folder / MANIFEST).write_text(json.dumps({"format": 99, "tables": {}}), encoding="utf-8")

    result = run("import", folder, "--db", tmp_path / "new.db")

    assert result.exit_code == 1
    assert "export format 99, this rhetrack reads 1" in result.stderr

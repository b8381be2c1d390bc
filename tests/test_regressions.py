"""Bugs found in review, each reproduced here so it stays fixed."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import as_json, ok, run


def test_actor_alias_after_importing_an_empty_export(tmp_path: Path) -> None:
    # A nested write transaction used to recurse forever here.
    from rhetrack.storage import open_database

    open_database(tmp_path / "empty.db").close()
    ok("export", tmp_path / "empty-export", "--db", tmp_path / "empty.db")
    ok("import", tmp_path / "empty-export", "--db", tmp_path / "restored.db")
    ok("actor", "alias", "Qais al-Khazali", "Sheikh Qais", "--db", tmp_path / "restored.db")
    profile = as_json("actor", "show", "Sheikh Qais", "--db", tmp_path / "restored.db")
    assert profile[0]["name"] == "Qais al-Khazali"


def test_import_refuses_rows_with_unknown_columns_naming_the_file(
    tmp_path: Path, seeded_database: Path
) -> None:
    export = tmp_path / "export"
    ok("export", export, "--db", seeded_database)
    with (export / "actors.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": 99999, "name": "X", "kind": "person", "bogus": 1}) + "\n")
    result = run("import", export, "--db", tmp_path / "new.db")
    assert result.exit_code == 1
    assert "actors.jsonl, line" in result.stderr and "Traceback" not in result.stderr


def test_timeline_search_with_fts_syntax_counts_undated_too(seeded_database: Path) -> None:
    result = run("timeline", "--search", "al-Assad", "--db", seeded_database, "--format", "json")
    assert result.exit_code == 0, result.output
    assert all("Assad" in row["quote"] for row in json.loads(result.stdout))


def test_edit_refuses_an_unknown_target(seeded_database: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(seeded_database.read_bytes())
    statement = as_json("show", "--db", db, "--limit", "1")[0]
    result = run("edit", str(statement["id"]), "--targets", "us-forcse", "--db", db)
    assert result.exit_code == 1
    assert "unknown target us-forcse" in result.stderr and "us-forces" in result.stderr
    assert run("history", str(statement["id"]), "--db", db, "--format", "json").stdout.strip() == "[]"


def test_nested_records_refuse_csv(seeded_database: Path) -> None:
    statement = as_json("show", "--db", seeded_database, "--limit", "1")[0]
    for args in (("explain", str(statement["id"])), ("actor", "show", "Khazali")):
        result = run(*args, "--db", seeded_database, "--format", "csv")
        assert result.exit_code == 2 and "json" in result.output


def test_counts_agree_with_listings(seeded_database: Path, tmp_path: Path) -> None:
    db = tmp_path / "counts.db"
    db.write_bytes(seeded_database.read_bytes())
    ameri = as_json("show", "--actor", "Ameri", "--db", db)
    ok("reject", str(ameri[0]["id"]), "--db", db)
    listed = as_json("show", "--actor", "Ameri", "--db", db)
    (profile,) = as_json("actor", "show", "Hadi al-Ameri", "--db", db)
    assert profile["statements"] == len(listed) == len(ameri) - 1
    documents = {row["name"]: row["statements"] for row in as_json("docs", "--db", db)}
    assert sum(documents.values()) == len(as_json("show", "--db", db))

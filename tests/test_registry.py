"""The actor registry through the CLI: actor show, add, alias, set-org, merge,
and how the registry holds across re-ingest and the gazetteer sync.

Real article files in tmp_path, a real SQLite database ($RHETRACK_DB points
into tmp_path), Typer's CliRunner with stdout and stderr apart.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import as_json, ingest, ok, rewrite, run

PUBLISHED = "2023-11-05"
KHAZALI = "Qais al-Khazali"
KAABI = "Akram al-Kaabi"
NUJABA = "Harakat Hezbollah al-Nujaba"
ARTICLE = """Militia leaders raise the stakes

The remarks followed a week of rocket attacks on bases in western Iraq.

Qais al-Khazali said, "We will strike the American bases in Iraq if the occupation continues."

Akram al-Kaabi said, "Our patience with the occupation is running out and the resistance is ready."

Later that day, Akram al-Kaabi said, "The next phase of operations will be greater than the last."

Analysts expect further statements from the factions in the coming days.
"""
NEW_PERSON_ARTICLE = """A new voice among the factions

The statement came after a week of rocket attacks on bases in western Iraq.

New Person said, "We will strike the American bases in Iraq if the occupation continues."
"""


def actor_rows() -> list[tuple[str, str, str | None, str]]:
    """(name, kind, organization name, source) of every actor, straight from SQLite."""
    conn = sqlite3.connect(os.environ["RHETRACK_DB"])
    try:
        return conn.execute(
            """SELECT a.name, a.kind, o.name, a.source FROM actors a
               LEFT JOIN actors o ON o.id = a.organization_id ORDER BY a.name"""
        ).fetchall()
    finally:
        conn.close()


def actor_names() -> set[str]:
    return {row[0] for row in actor_rows()}


def profile(name: str) -> dict[str, Any]:
    (found,) = as_json("actor", "show", name)
    return found


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """An article quoting Khazali once and Kaabi twice, ingested."""
    path = tmp_path / "articles" / "stakes.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    summary = ingest(path, "--published", PUBLISHED)
    assert summary["statements"] == 3
    return path


def speakers() -> dict[str, str]:
    """quote -> speaker of every statement."""
    return {row["quote"]: row["speaker"] for row in as_json("show", "--include-rejected")}


# -- actor show ------------------------------------------------------------------------------


def test_actor_show_prints_the_profile(seeds_copy: Path) -> None:
    ingest(seeds_copy)
    statements = as_json("show", "--actor", "Khazali")
    assert statements
    assert {row["speaker"] for row in statements} == {KHAZALI}

    result = ok("actor", "show", "Khazali")

    assert result.stderr == ""
    for text in (KHAZALI, "aliases", "Khazali", "person", "Asaib Ahl al-Haq", "statements",
                 "first dated", "last dated", "highest level", "levels", "most threatened"):  # fmt: skip
        assert text in result.stdout
    found = profile("Khazali")
    assert (found["name"], found["kind"], found["organization"]) == (KHAZALI, "person", "Asaib Ahl al-Haq")
    assert "Khazali" in found["aliases"]
    assert KHAZALI not in found["aliases"]
    assert found["statements"] == len(statements)
    assert sum(found["levels"].values()) == len(statements)
    assert found["highest_level"] == max(row["level"] for row in statements)
    dated = sorted(row["date"] for row in statements if row["date"])
    assert (found["first_date"], found["last_date"]) == (dated[0], dated[-1])
    assert f"statements       {len(statements)}" in result.stdout


def test_actor_show_of_an_unknown_name_exits_1(article: Path) -> None:
    result = run("actor", "show", "Nobody At All")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no actor matches 'Nobody At All'" in result.stderr


# -- actor add --------------------------------------------------------------------------------


def test_actor_add_then_show_by_its_alias_after_ingest(article: Path, tmp_path: Path) -> None:
    added = run("actor", "add", "New Person", "--org", "Kataib Hezbollah", "--alias", "Nicky")
    assert added.exit_code == 0, added.output
    assert added.stdout == ""
    assert "added New Person" in added.stderr

    path = tmp_path / "new.txt"
    path.write_text(NEW_PERSON_ARTICLE, encoding="utf-8")
    assert ingest(path, "--published", PUBLISHED)["statements"] == 1

    rows = as_json("show", "--actor", "Nicky")
    assert [(row["speaker"], row["organization"]) for row in rows] == [("New Person", "Kataib Hezbollah")]
    assert rows[0]["quote"] == "We will strike the American bases in Iraq if the occupation continues."
    assert as_json("show", "--actor", "New Person") == rows
    assert rows[0]["id"] in [row["id"] for row in as_json("show", "--org", "Kataib Hezbollah")]
    table = ok("show", "--actor", "Nicky").stdout
    for text in ("New Person", "Nicky", "Kataib Hezbollah", "1 statement"):
        assert text in table
    found = profile("Nicky")
    assert (found["name"], found["kind"], found["organization"], found["aliases"]) == (
        "New Person",
        "person",
        "Kataib Hezbollah",
        ["Nicky"],
    )
    assert ("New Person", "person", "Kataib Hezbollah", "user") in actor_rows()


def test_actor_add_before_the_first_ingest(tmp_path: Path) -> None:
    result = run("actor", "add", "New Person", "--org", "Kataib Hezbollah", "--alias", "Nicky")
    assert result.exit_code == 0, result.output

    path = tmp_path / "new.txt"
    path.write_text(NEW_PERSON_ARTICLE, encoding="utf-8")
    ingest(path, "--published", PUBLISHED)

    rows = as_json("show", "--actor", "Nicky")
    assert [(row["speaker"], row["organization"]) for row in rows] == [("New Person", "Kataib Hezbollah")]


def test_a_registered_actor_is_found_after_a_headline_ending_in_a_name(article: Path, tmp_path: Path) -> None:
    ok("actor", "add", "New Person", "--org", "Kataib Hezbollah", "--alias", "Nicky")
    path = tmp_path / "new.txt"
    path.write_text(
        'Statements from Baghdad\n\nNew Person said, "We will strike the American bases in Iraq."\n',
        encoding="utf-8",
    )

    ingest(path, "--published", PUBLISHED)

    assert [row["speaker"] for row in as_json("show", "--actor", "Nicky")] == ["New Person"]


def test_actor_add_of_a_known_name_exits_1(article: Path) -> None:
    result = run("actor", "add", "Khazali")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'Khazali' is already a name or alias of an actor" in result.stderr


def test_actor_add_as_an_organization_with_aliases(article: Path) -> None:
    ok("actor", "add", "Saraya Test", "--kind", "organization", "--alias", "ST", "--alias", "Test Brigades")
    found = profile("Test Brigades")
    assert (found["name"], found["kind"], found["organization"]) == ("Saraya Test", "organization", None)
    assert found["aliases"] == ["ST", "Test Brigades"]
    assert found["statements"] == 0


def test_user_added_actors_survive_reingest(article: Path) -> None:
    ok("actor", "add", "Abu Test al-Iraqi", "--org", NUJABA, "--alias", "Abu Test")
    before = actor_rows()

    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    summary = ingest(article, "--published", PUBLISHED)

    assert summary["documents_updated"] == 1
    assert ("Abu Test al-Iraqi", "person", NUJABA, "user") in actor_rows()
    assert actor_rows() == before
    found = profile("Abu Test")
    assert (found["name"], found["organization"], found["aliases"]) == (
        "Abu Test al-Iraqi",
        NUJABA,
        ["Abu Test"],
    )


# -- actor alias -------------------------------------------------------------------------------


def test_actor_alias_finds_the_actor_by_the_new_name(article: Path) -> None:
    result = run("actor", "alias", KHAZALI, "Sheikh Qais")

    assert result.exit_code == 0, result.output
    khazali_rows = as_json("show", "--actor", KHAZALI)
    assert len(khazali_rows) == 1
    assert as_json("show", "--actor", "Sheikh Qais") == khazali_rows
    assert as_json("show", "--actor", "sheikh qais") == khazali_rows
    assert "Sheikh Qais" in profile(KHAZALI)["aliases"]
    # The alias outlives re-ingest and the gazetteer sync.
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    ingest(article, "--published", PUBLISHED)
    assert as_json("show", "--actor", "Sheikh Qais") == khazali_rows


def test_actor_alias_already_naming_another_actor_exits_1(article: Path) -> None:
    result = run("actor", "alias", KHAZALI, KAABI)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"'{KAABI}' already names another actor" in result.stderr
    assert {row["speaker"] for row in as_json("show", "--actor", KAABI)} == {KAABI}


# -- actor set-org ----------------------------------------------------------------------------


def test_actor_set_org_changes_and_clears_the_organization(article: Path) -> None:
    kaabi_ids = sorted(row["id"] for row in as_json("show", "--actor", KAABI))
    assert {row["organization"] for row in as_json("show", "--actor", KAABI)} == {NUJABA}

    ok("actor", "set-org", KAABI, "Kataib Hezbollah")

    assert {row["organization"] for row in as_json("show", "--actor", KAABI)} == {"Kataib Hezbollah"}
    assert profile(KAABI)["organization"] == "Kataib Hezbollah"
    assert kaabi_ids == sorted(
        row["id"] for row in as_json("show", "--org", "Kataib Hezbollah") if row["speaker"] == KAABI
    )
    assert [row for row in as_json("show", "--org", NUJABA) if row["speaker"] == KAABI] == []

    # The gazetteer does not put it back on re-ingest.
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    ingest(article, "--published", PUBLISHED)
    assert profile(KAABI)["organization"] == "Kataib Hezbollah"

    ok("actor", "set-org", KAABI)
    assert profile(KAABI)["organization"] is None
    assert {row["organization"] for row in as_json("show", "--actor", KAABI)} == {None}
    rewrite(article, "a fortnight of rocket attacks", "a month of rocket attacks")
    ingest(article, "--published", PUBLISHED)
    assert profile(KAABI)["organization"] is None


def test_actor_set_org_to_itself_exits_1(article: Path) -> None:
    result = run("actor", "set-org", KAABI, "Kaabi")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "cannot be its own organization" in result.stderr


# -- actor merge ------------------------------------------------------------------------------


def test_actor_merge_moves_statements_and_names(article: Path) -> None:
    kaabi_ids = sorted(row["id"] for row in as_json("show", "--actor", KAABI))
    assert len(kaabi_ids) == 2
    nujaba_before = as_json("show", "--actor", NUJABA)

    result = run("actor", "merge", KAABI, NUJABA)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"merged {KAABI} into {NUJABA}" in result.stderr
    merged = as_json("show", "--actor", NUJABA)
    assert sorted(row["id"] for row in merged) == sorted(kaabi_ids + [row["id"] for row in nujaba_before])
    assert {row["speaker"] for row in merged} == {NUJABA}
    assert KAABI in profile(NUJABA)["aliases"]
    assert as_json("show", "--actor", KAABI) == merged  # the old name is an alias now
    assert KAABI not in actor_names()
    assert KAABI not in {row["name"] for row in as_json("actors")}


def test_merged_actor_stays_merged_after_reingest_of_a_changed_document(article: Path) -> None:
    ok("actor", "merge", KAABI, NUJABA)

    # A new Kaabi quote and a changed word elsewhere.
    rewrite(
        article,
        "Analysts expect",
        'Akram al-Kaabi said, "The resistance will answer every strike on Iraqi soil."\n\nAnalysts expect',
    )
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    summary = ingest(article, "--published", PUBLISHED)

    assert summary["documents_updated"] == 1
    by_quote = speakers()
    assert by_quote["The resistance will answer every strike on Iraqi soil."] == NUJABA
    assert by_quote["Our patience with the occupation is running out and the resistance is ready."] == NUJABA
    assert by_quote["The next phase of operations will be greater than the last."] == NUJABA
    assert by_quote["We will strike the American bases in Iraq if the occupation continues."] == KHAZALI
    assert KAABI not in actor_names()  # the gazetteer sync did not bring it back
    assert KAABI in profile(NUJABA)["aliases"]
    assert len(as_json("show", "--actor", NUJABA)) == 3

    # A second document quoting the merged name attributes to the survivor too.
    other = article.with_name("more.txt")
    other.write_text(
        'Rockets fell near the airport.\n\nAkram al-Kaabi said, "We will not stop."\n', encoding="utf-8"
    )
    ingest(other, "--published", PUBLISHED)
    assert speakers()["We will not stop."] == NUJABA
    assert KAABI not in actor_names()


def test_a_speaker_correction_follows_a_merge_and_the_log_stays_as_written(article: Path) -> None:
    khazali = next(row for row in as_json("show") if row["speaker"] == KHAZALI)
    ok("edit", str(khazali["id"]), "--speaker", KAABI)
    ok("actor", "merge", KAABI, NUJABA)

    assert speakers()[khazali["quote"]] == NUJABA
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    ingest(article, "--published", PUBLISHED)

    assert speakers()[khazali["quote"]] == NUJABA
    assert KAABI not in actor_names()
    corrected = next(row for row in as_json("show") if row["quote"] == khazali["quote"])
    # The log is never rewritten: it says what the analyst typed; the merge's alias resolves it.
    (change,) = as_json("history", str(corrected["id"]))
    assert (change["field"], change["after"]) == ("speaker", KAABI)


def test_merging_an_extracted_actor_into_a_user_actor(article: Path, tmp_path: Path) -> None:
    path = tmp_path / "articles" / "unknown.txt"
    path.write_text(
        'Rockets fell near the airport.\n\nNadia Harb said, "The occupation must end before the summer."\n',
        encoding="utf-8",
    )
    ingest(path, "--published", PUBLISHED)
    assert speakers()["The occupation must end before the summer."] == "Nadia Harb"
    ok("actor", "add", "Nadia Harb al-Basri", "--org", NUJABA)

    ok("actor", "merge", "Nadia Harb", "Nadia Harb al-Basri")

    rows = as_json("show", "--actor", "Nadia Harb al-Basri")
    assert [(row["speaker"], row["organization"]) for row in rows] == [("Nadia Harb al-Basri", NUJABA)]
    rewrite(path, "before the summer", "before the winter")
    ingest(path, "--published", PUBLISHED)
    assert speakers()["The occupation must end before the winter."] == "Nadia Harb al-Basri"
    assert "Nadia Harb" not in actor_names()


@pytest.mark.parametrize("other", [KHAZALI, "Khazali", "qais al-khazali"])
def test_merging_an_actor_into_itself_exits_1(article: Path, other: str) -> None:
    before = actor_rows()

    result = run("actor", "merge", KHAZALI, other)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "are the same actor" in result.stderr
    assert actor_rows() == before


def test_merging_an_unknown_actor_exits_1(article: Path) -> None:
    result = run("actor", "merge", "Nobody At All", KHAZALI)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no actor matches 'Nobody At All'" in result.stderr


def _user_folders(tmp_path: Path, data_file: str, data: str, article: str) -> tuple[Path, Path]:
    """A RHETRACK_DATA folder holding one data file, and a folder of one article."""
    folder = tmp_path / "rhetrack-data"
    folder.mkdir()
    (folder / data_file).write_text(data, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "article.txt").write_text(article, encoding="utf-8")
    return folder, articles


def _fresh_rhetrack(*args: str, env: dict[str, str]) -> str:
    """rhetrack in a fresh process, as a user runs it: data files are read once per process."""
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[1] / "src"
    pythonpath = str(src) + os.pathsep + os.environ.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "rhetrack", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": pythonpath, **env},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_user_data_file_adds_aliases_to_a_shipped_actor_and_keeps_its_kind(tmp_path: Path) -> None:
    # The README's RHETRACK_DATA example: an entry with a name and aliases only adds to
    # the shipped actor; it does not make a person an organization.
    import json

    data, articles = _user_folders(
        tmp_path,
        "actors.toml",
        '[[actor]]\nname = "Abu Fadak al-Mohammedawi"\naliases = ["al-Muhammadawi"]\n',
        "PMF chief speaks\n\nOn Friday, al-Muhammadawi said, “The Popular Mobilization will defend Iraq.”\n",
    )
    env = {"RHETRACK_DATA": str(data), "RHETRACK_DB": str(tmp_path / "user.db")}
    _fresh_rhetrack("ingest", str(articles), env=env)
    actors = {row["name"]: row for row in json.loads(_fresh_rhetrack("actors", "--format", "json", env=env))}
    assert actors["Abu Fadak al-Mohammedawi"]["kind"] == "person"


def test_a_user_sides_file_names_what_a_side_calls_its_enemy(tmp_path: Path) -> None:
    # sides.toml's `enemies`, extended the way the README says.
    import json

    data, articles = _user_folders(
        tmp_path,
        "sides.toml",
        '[[side]]\nname = "Houthis"\nenemies = { saudi-arabia = ["the aggression coalition"] }\n',
        "Saree speaks\n\nOn Friday, Yahya Saree said, “We will strike the aggression coalition.”\n",
    )

    def targets(env: dict[str, str]) -> list[str]:
        env = {"RHETRACK_DB": str(tmp_path / f"user{len(env)}.db"), **env}
        _fresh_rhetrack("ingest", str(articles), env=env)
        (row,) = json.loads(_fresh_rhetrack("show", "--format", "json", env=env))
        return row["targets"]

    assert targets({}) == []
    assert targets({"RHETRACK_DATA": str(data)}) == ["saudi-arabia"]

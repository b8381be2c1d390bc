"""The command line through Typer's CliRunner, on real files and databases.

Typer's runner (Click 8.2+) keeps stdout and stderr apart: `result.stdout`
is what a pipe would get, `result.stderr` what the terminal shows beside it,
and `result.output` both interleaved. The first test checks that, since
every other test relies on it.

Rich sizes tables from $COLUMNS; most tests set a wide terminal so that
assertions do not depend on where a cell wraps, and the tests about narrow
terminals set COLUMNS=80 explicitly.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from rhetrack import __version__
from rhetrack.cli import app
from rhetrack.dates import parse_user_date
from rhetrack.partial_date import PartialDate
from rhetrack.query import STATEMENT_COLUMNS, StatementFilter, find_statements
from rhetrack.storage import open_database

CSV_HEADER = (
    "id,document,speaker,organization,date,date_precision,level,level_name,targets,kind,quote,sentence,"
    "sources,cameo,goldstein,corrected"
)
KHAZALI = "Qais al-Khazali"
WIDE = {"COLUMNS": "250"}
NARROW = {"COLUMNS": "80"}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner(env=WIDE if env is None else env)
    return runner.invoke(app, [str(arg) for arg in args])


def rows_of_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def ingested(seeds_copy: Path, isolated_database: Path) -> Path:
    """The seeds ingested through the CLI into $RHETRACK_DB."""
    result = run("ingest", seeds_copy)
    assert result.exit_code == 0, result.output
    return isolated_database


def test_runner_keeps_stdout_and_stderr_apart(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--actor", "Nobody")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no actor matches 'Nobody'" in result.stderr
    assert "no actor matches" in result.output  # the interleaved view has both


# -- ingest ------------------------------------------------------------------------------


def test_ingest_prints_the_summary(seeds_copy: Path, isolated_database: Path) -> None:
    result = run("ingest", seeds_copy)

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    for header in ("documents new", "documents updated", "documents unchanged", "documents failed",
                   "statements", "undated statements"):  # fmt: skip
        assert header in result.stdout
    assert isolated_database.is_file()
    conn = sqlite3.connect(isolated_database)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    finally:
        conn.close()


def test_ingest_summary_as_json_and_a_second_run(seeds_copy: Path) -> None:
    first = run("ingest", seeds_copy, "--format", "json")
    assert first.exit_code == 0, first.output
    (summary,) = json.loads(first.stdout)
    assert summary["documents_new"] == 5
    assert summary["documents_failed"] == 0
    assert summary["statements"] > 30
    assert summary["undated_statements"] == 0

    second = run("ingest", seeds_copy, "--format", "json")
    assert second.exit_code == 0, second.output
    (again,) = json.loads(second.stdout)
    assert again["documents_unchanged"] == 5
    assert again["documents_new"] == again["documents_updated"] == again["statements"] == 0


def test_ingest_with_a_bad_file_reports_it_and_ingests_the_others(
    seeds_copy: Path, isolated_database: Path
) -> None:
    bad = seeds_copy / "zz_broken.txt"
    bad.write_bytes(b"\x00\x01binary\x00")

    result = run("ingest", seeds_copy, env={"COLUMNS": "1000"})

    assert result.exit_code == 1
    assert str(bad.resolve()) in result.stderr
    assert "binary" in result.stderr
    assert str(bad) not in result.stdout
    docs = run("docs", "--format", "json")
    assert docs.exit_code == 0, docs.output
    assert len(json.loads(docs.stdout)) == 5


def test_a_failed_files_path_is_printed_whole_on_a_narrow_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "an-archive-folder-with-a-fairly-long-name-as-real-archives-have"
    folder.mkdir()
    bad = folder / "zz_broken_article.txt"
    bad.write_bytes(b"\x00\x01binary\x00")

    result = run("ingest", folder, env=NARROW)

    assert result.exit_code == 1
    assert str(bad.resolve()) in result.stderr


def test_published_applies_to_one_file_only(seeds_copy: Path, isolated_database: Path) -> None:
    result = run("ingest", seeds_copy, "--published", "2023-11-01")
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert "one file" in result.stderr
    assert result.stdout == ""
    assert not isolated_database.exists()


def test_published_sets_a_single_files_date(seeds_copy: Path) -> None:
    result = run("ingest", seeds_copy / "002_bfbc928f984825ec.txt", "--published", "2020-06-15")
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(run("docs", "--format", "json").stdout)
    assert doc["published"] == "2020-06-15"
    assert doc["published_precision"] == "day"


def test_bad_published_value_exits_2(seeds_copy: Path) -> None:
    result = run("ingest", seeds_copy / "002_bfbc928f984825ec.txt", "--published", "soon-ish")
    assert result.exit_code == 2
    assert "soon-ish" in result.stderr


def test_db_option_overrides_the_environment(
    seeds_copy: Path, tmp_path: Path, isolated_database: Path
) -> None:
    other = tmp_path / "elsewhere" / "other.db"
    result = run("ingest", seeds_copy, "--db", other)
    assert result.exit_code == 0, result.output
    assert other.is_file()
    assert not isolated_database.exists()

    docs = run("docs", "--db", other, "--format", "json")
    assert docs.exit_code == 0, docs.output
    assert len(json.loads(docs.stdout)) == 5
    # Without --db, $RHETRACK_DB is used, and it has no database yet.
    missing = run("docs")
    assert missing.exit_code == 1
    assert str(isolated_database) in missing.stderr


def test_rhetrack_db_environment_variable_is_used(seeds_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "from-env.db"
    result = run("ingest", seeds_copy, env={**WIDE, "RHETRACK_DB": str(path)})
    assert result.exit_code == 0, result.output
    assert path.is_file()


def test_default_database_is_rhetrack_db_in_the_working_directory(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RHETRACK_DB")
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    result = run("ingest", seeds_copy)
    assert result.exit_code == 0, result.output
    assert (workdir / "rhetrack.db").is_file()


def test_a_database_that_is_not_rhetracks_is_refused_with_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n", encoding="utf-8")
    result = run("show", "--db", path)
    assert result.exit_code == 1
    assert "not a SQLite database" in result.stderr
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == "my notes\n"


# -- output formats --------------------------------------------------------------------------


def test_show_csv_has_the_public_header_and_nothing_else_on_stdout(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--format", "csv")

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == CSV_HEADER
    rows = rows_of_csv(result.stdout)
    assert len(rows) > 30
    assert all(list(row) == list(STATEMENT_COLUMNS) for row in rows)
    assert all(row["id"].isdigit() and row["level"] in "01234" for row in rows)


def test_json_jsonl_and_csv_carry_the_same_rows(seeded_database: Path) -> None:
    as_json = run("show", "--db", seeded_database, "--format", "json")
    as_jsonl = run("show", "--db", seeded_database, "--format", "jsonl")
    as_csv = run("show", "--db", seeded_database, "--format", "csv")
    for result in (as_json, as_jsonl, as_csv):
        assert result.exit_code == 0, result.output
        assert result.stderr == ""

    json_rows = json.loads(as_json.stdout)
    jsonl_rows = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    csv_rows = rows_of_csv(as_csv.stdout)
    assert json_rows == jsonl_rows
    assert len(json_rows) == len(csv_rows) > 30
    assert all(list(row) == list(STATEMENT_COLUMNS) for row in json_rows)
    multi = [row for row in json_rows if len(row["targets"]) > 1]
    assert multi, "the seeds have statements with several targets"
    for row, flat in zip(json_rows, csv_rows, strict=True):
        assert isinstance(row["targets"], list)
        assert flat["targets"] == ";".join(row["targets"])
        assert flat["id"] == str(row["id"])
        assert flat["quote"] == row["quote"]
        assert flat["date"] == (row["date"] or "")
        assert isinstance(row["level"], int)


def test_show_actor_csv_has_only_that_actors_statements(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--actor", "Khazali", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == CSV_HEADER  # no profile in CSV
    rows = rows_of_csv(result.stdout)
    assert len(rows) >= 3
    assert {row["speaker"] for row in rows} == {KHAZALI}


def test_show_actor_table_prints_the_profile_before_the_statements(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--actor", "Khazali")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for label in ("aliases", "organization", "first dated", "last dated", "highest level", "most threatened"):
        assert label in out
    assert "4 mobilization" in out
    profile = out.index(KHAZALI)
    table_title = out.index("4 statements")
    assert profile < out.index("aliases") < out.index("most threatened") < table_title
    assert "emphasize" in out[table_title:]


def test_show_json_with_actor_has_only_statements(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--actor", "Khazali", "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) >= 3
    assert {row["speaker"] for row in rows} == {KHAZALI}


NARROW_TABLE_BUG = (
    "render.render_table sizes columns so that on an 80-column terminal (the width rich assumes "
    "when stdout is not a terminal) a column is cut to nothing or cropped at the right edge"
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            ["show", "--actor", "Khazali", "--level", "4"],
            ["Qais", "emphasize", "withdraw", "Kurdistan"],
            id="show-quote",
        ),
        pytest.param(
            ["actors"],
            ["Khazali", "Humaidawi", "Hashem", "Asaib"],
            id="actors-names",
        ),
        pytest.param(
            ["ingest", "SEEDS"],
            ["new", "updated", "unchanged", "failed", "statements", "undated"],
            id="ingest-summary",
        ),
        pytest.param(
            ["docs"],
            ["Washington", "Institute", "statements"],
            id="docs",
        ),
        pytest.param(["timeline", "--since", "2026-01"], ["2026-01", "Hussein", "hostile"], id="timeline"),
    ],
)
def test_tables_are_readable_on_an_80_column_terminal(
    args: list[str], expected: list[str], seeds_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "narrow.db"
    if args != ["ingest", "SEEDS"]:
        assert run("ingest", seeds_copy, "--db", db).exit_code == 0
    args = [str(seeds_copy) if arg == "SEEDS" else arg for arg in args]
    result = run(*args, "--db", db, env=NARROW)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), "a line is wider than the terminal"
    for word in expected:
        assert word in result.stdout, word


@pytest.mark.parametrize("columns", [30, 20, 12])
@pytest.mark.parametrize(
    "args", [["show", "--limit", "3"], ["docs"], ["actors"], ["timeline", "--limit", "2"]]
)
def test_no_line_is_wider_than_a_very_narrow_terminal(
    args: list[str], columns: int, seeded_database: Path
) -> None:
    from rich.cells import cell_len

    result = run(*args, "--db", seeded_database, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > columns]
    assert not too_wide


def test_quotes_are_printed_literally_in_tables(tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        'Qais al-Khazali said, "[bold]We resist[/bold] and [red]fight[/red] on."\n', encoding="utf-8"
    )
    assert run("ingest", article).exit_code == 0
    result = run("show", env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "[bold]We resist[/bold] and [red]fight[/red] on." in result.stdout


def test_ansi_escapes_in_quotes_do_not_reach_the_terminal(tmp_path: Path) -> None:
    article = tmp_path / "ansi.txt"
    article.write_text('Qais al-Khazali said, "We \x1b[31mresist\x1b[0m and fight on."\n', encoding="utf-8")
    assert run("ingest", article).exit_code == 0
    result = run("show", env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "resist" in result.stdout
    assert "\x1b" not in result.stdout


# -- filters ------------------------------------------------------------------------------------


def test_timeline_since_a_month_as_json(seeded_database: Path) -> None:
    result = run("timeline", "--db", seeded_database, "--since", "2023-10", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 8
    assert all(row["date"] >= "2023-10" for row in rows)
    assert all(list(row) == list(STATEMENT_COLUMNS) for row in rows)
    dates = [PartialDate.parse_iso(row["date"]).interval()[0] for row in rows]
    assert dates == sorted(dates)


def test_timeline_table_groups_by_month(seeded_database: Path) -> None:
    result = run("timeline", "--db", seeded_database, "--since", "2026-01")
    assert result.exit_code == 0, result.output
    assert "2026-01" in result.stdout
    assert "Abu Hussein al-Humaidawi" in result.stdout
    assert "2024-12" not in result.stdout


def test_timeline_counts_undated_statements_on_stderr(seeds_copy: Path) -> None:
    (seeds_copy / "undated.txt").write_text(
        'Militia news\n\nQais al-Khazali said, "We will fight the American forces until they leave."\n',
        encoding="utf-8",
    )
    ingest = run("ingest", seeds_copy, "--format", "json")
    assert ingest.exit_code == 0, ingest.output
    assert json.loads(ingest.stdout)[0]["undated_statements"] == 1

    result = run("timeline", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "1 undated statements left out" in result.stderr
    rows = rows_of_csv(result.stdout)  # the footer does not pollute the CSV
    assert rows and all(row["date"] for row in rows)
    shown = rows_of_csv(run("show", "--format", "csv").stdout)
    assert len(shown) == len(rows) + 1


def test_level_and_min_level_take_numbers_or_names(seeded_database: Path) -> None:
    by_name = run("show", "--db", seeded_database, "--level", "threat", "--format", "json")
    by_number = run("show", "--db", seeded_database, "--level", "3", "--format", "json")
    assert by_name.exit_code == by_number.exit_code == 0
    assert by_name.stdout == by_number.stdout
    assert {row["level"] for row in json.loads(by_name.stdout)} == {3}
    at_least = json.loads(run("show", "--db", seeded_database, "--min-level", "Warning", "-f", "json").stdout)
    assert at_least and all(row["level"] >= 2 for row in at_least)


@pytest.mark.parametrize("option", ["--min-level", "--level"])
def test_out_of_range_level_exits_2(seeded_database: Path, option: str) -> None:
    result = run("show", "--db", seeded_database, option, "9")
    assert result.exit_code == 2
    assert "'9' is not a level" in result.stderr
    assert "0-4" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_unreadable_date_exits_2_naming_the_accepted_forms(seeded_database: Path, option: str) -> None:
    result = run("show", "--db", seeded_database, option, "banana")
    assert result.exit_code == 2
    assert "banana" in result.stderr
    for form in ("2023", "2023-10", "2023-10-30", "last month"):
        assert form in result.stderr
    assert result.stdout == ""


def test_natural_language_since(seeded_database: Path) -> None:
    since = parse_user_date("2 years ago")
    db = open_database(seeded_database, create=False)
    try:
        expected = [row["id"] for row in find_statements(db, StatementFilter(since=since))]
    finally:
        db.close()
    result = run("show", "--db", seeded_database, "--since", "2 years ago", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == expected
    start = since.interval()[0]
    assert all(PartialDate.parse_iso(row["date"]).interval()[1] >= start for row in rows)


def test_unknown_actor_exits_1_with_nothing_on_stdout(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--actor", "Qais al-Kazali", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no actor matches" in result.stderr
    assert KHAZALI in result.stderr  # the closest name


def test_unknown_target_exits_1_listing_targets(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--target", "mars")
    assert result.exit_code == 1
    assert "us-forces" in result.stderr
    assert result.stdout == ""


def test_other_filters_through_the_cli(seeded_database: Path) -> None:
    def rows(*args: str) -> list[dict]:
        result = run("show", "--db", seeded_database, "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert {r["kind"] for r in rows("--kind", "indirect")} == {"indirect"}
    assert {r["document"] for r in rows("--doc", "003")} == {"003_dbfe6519d6ec12d8.txt"}
    assert len(rows("--limit", "2")) == 2
    assert all("us-forces" in r["targets"] or "us-bases" in r["targets"] for r in rows("-t", "us-forces"))
    assert {r["speaker"] for r in rows("--org", "Asaib Ahl al-Haq")} == {KHAZALI, "Saraya Awliya al-Dam"}
    found = rows("--search", "liberate")
    assert found and all("liberate" in r["quote"] for r in found)
    assert all(r["date"] <= "2021-12-31" for r in rows("--until", "2021"))


def test_search_for_a_hyphenated_name_through_the_cli(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--search", "al-Assad", "--format", "json")
    assert result.exit_code == 0, result.output
    assert any("al-Assad" in r["quote"] for r in json.loads(result.stdout))


def test_limit_must_be_positive(seeded_database: Path) -> None:
    result = run("show", "--db", seeded_database, "--limit", "0")
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["show", "timeline", "actors", "docs"])
def test_reading_commands_without_a_database_tell_to_run_ingest(
    command: str, isolated_database: Path
) -> None:
    result = run(command)
    assert result.exit_code == 1
    assert "rhetrack ingest" in result.stderr
    assert result.stdout == ""
    assert not isolated_database.exists()


def test_actors_and_docs(ingested: Path) -> None:
    actors = run("actors", "--format", "csv")
    assert actors.exit_code == 0, actors.output
    rows = rows_of_csv(actors.stdout)
    assert list(rows[0]) == [
        "name", "kind", "organization", "statements", "last_seen", "highest_level", "highest_level_name",
    ]  # fmt: skip
    khazali = next(row for row in rows if row["name"] == KHAZALI)
    assert khazali["organization"] == "Asaib Ahl al-Haq"
    assert int(khazali["statements"]) >= 3

    docs = run("docs", "--format", "jsonl")
    assert docs.exit_code == 0, docs.output
    documents = [json.loads(line) for line in docs.stdout.splitlines()]
    assert len(documents) == 5
    assert sum(d["statements"] for d in documents) > 30

    table = run("docs")
    assert table.exit_code == 0, table.output
    assert "Washington" in table.stdout and "2023-11-01" in table.stdout


# -- version and help ------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"rhetrack {__version__}"


def test_no_arguments_prints_help() -> None:
    result = run()
    assert "ingest" in result.output and "show" in result.output


def _commands() -> dict[str, Any]:
    """The registered commands, read off the Click group as sqlite-utils' tests do.

    (Typer 0.29 vendors its own Click, so this goes by attributes, not isinstance.)
    """
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", None)
    assert commands, f"{group!r} is not a group of commands"
    return dict(commands)


def test_the_expected_commands_are_registered() -> None:
    assert {"ingest", "show", "timeline", "actors", "docs"} <= set(_commands())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_is_documented_with_an_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"rhetrack {name}" in result.stdout
    command = _commands()[name]
    assert command.help and "Example" in command.help
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{name} {param.opts} has no help text"

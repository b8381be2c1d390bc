"""Analysts' corrections through the CLI: edit, reject, restore, add, history,
corrections, and how they survive re-ingesting changed documents; and
corroboration (one utterance reported by several documents).

Everything runs on real files in tmp_path and a real SQLite database (the
autouse fixture points $RHETRACK_DB there), through Typer's CliRunner, whose
result keeps stdout and stderr apart.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import KAABI_QUOTE, KHAZALI_QUOTE, PUBLISHED, TWO_LEADERS, as_json, ingest, ok, rewrite, run

from rhetrack.storage import applied_migrations, migration_files, open_database

ARTICLE = TWO_LEADERS + "\nAnalysts expect further statements from the factions in the coming days.\n"
SEED_003 = "003_dbfe6519d6ec12d8.txt"
DATELINE = "BAGHDAD –"


def ingest_article(path: Path) -> dict[str, int]:
    return ingest(path, "--published", PUBLISHED)


def every_statement() -> list[dict[str, Any]]:
    return as_json("show", "--include-rejected")


def statement(quote: str) -> dict[str, Any]:
    """The one statement (rejected or not) whose quote is exactly `quote`."""
    rows = [row for row in every_statement() if row["quote"] == quote]
    assert len(rows) == 1, rows
    return rows[0]


def history(statement_id: int) -> list[dict[str, Any]]:
    return as_json("history", str(statement_id))


def database_file() -> Path:
    return Path(os.environ["RHETRACK_DB"])


def recent(timestamp: str) -> bool:
    at = datetime.fromisoformat(timestamp)
    return at.tzinfo is not None and abs(datetime.now(UTC) - at) < timedelta(minutes=10)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A short article, ingested: Khazali (level 3, dated) and Kaabi (level 2, a warning)."""
    path = tmp_path / "articles" / "militias.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    summary = ingest_article(path)
    assert summary["documents_new"] == 1
    assert summary["statements"] == 2
    assert statement(KAABI_QUOTE)["level"] == 2
    assert statement(KHAZALI_QUOTE)["level"] == 3
    return path


# -- edit and history ------------------------------------------------------------------------


def test_edit_level_changes_the_level_and_history_records_it(article: Path) -> None:
    kaabi = statement(KAABI_QUOTE)

    result = run("edit", str(kaabi["id"]), "--level", "threat", "--note", "conditional threat")

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"statement {kaabi['id']}: 1 field(s) changed" in result.stderr
    after = statement(KAABI_QUOTE)
    assert after["id"] == kaabi["id"]
    assert (after["level"], after["level_name"], after["corrected"]) == (3, "threat", True)
    assert (after["cameo"], after["goldstein"]) == ("138", -7.0)
    (change,) = history(kaabi["id"])
    assert change["field"] == "level"
    assert (change["before"], change["after"]) == ("2", "3")
    assert change["note"] == "conditional threat"
    assert change["orphaned"] is False
    assert recent(change["at"])
    # The other statement is untouched.
    assert statement(KHAZALI_QUOTE)["corrected"] is False
    assert history(statement(KHAZALI_QUOTE)["id"]) == []


def test_history_table_shows_before_after_time_and_note(article: Path) -> None:
    kaabi_id = str(statement(KAABI_QUOTE)["id"])
    ok("edit", kaabi_id, "--level", "hostile", "--note", "framing, not a warning")

    result = ok("history", kaabi_id)

    assert f"history of statement {kaabi_id}" in result.stdout
    for header in ("correction", "at", "field", "before", "after", "note"):
        assert header in result.stdout
    (change,) = history(int(kaabi_id))
    line = next(line for line in result.stdout.splitlines() if "framing, not a warning" in line)
    cells = [cell.strip() for cell in line.strip("│ ").split("│")]
    assert cells[:6] == [str(change["correction"]), change["at"], "level", "2", "1", "framing, not a warning"]


def test_edit_speaker_targets_date_and_kind(article: Path) -> None:
    khazali = statement(KHAZALI_QUOTE)
    assert (khazali["speaker"], khazali["date"], khazali["kind"]) == (
        "Qais al-Khazali",
        "2023-10-30",
        "direct",
    )

    result = run(
        "edit", str(khazali["id"]),
        "--speaker", "Hadi al-Ameri",
        "--targets", "us-forces, israel",
        "--date", "2023-10-29",
        "--kind", "indirect",
        "--note", "checked against the video",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "4 field(s) changed" in result.stderr
    after = statement(KHAZALI_QUOTE)
    assert after["id"] == khazali["id"]
    assert after["speaker"] == "Hadi al-Ameri"
    assert after["organization"] == "Badr Organization"
    assert after["targets"] == ["israel", "us-forces"]
    assert (after["date"], after["date_precision"]) == ("2023-10-29", "day")
    assert after["kind"] == "indirect"
    assert after["corrected"] is True
    changes = {row["field"]: (row["before"], row["after"]) for row in history(khazali["id"])}
    assert changes == {
        "speaker": ("Qais al-Khazali", "Hadi al-Ameri"),
        "targets": (json.dumps(khazali["targets"]), json.dumps(["israel", "us-forces"])),
        "date": ("2023-10-30", "2023-10-29"),
        "kind": ("direct", "indirect"),
    }
    assert {row["note"] for row in history(khazali["id"])} == {"checked against the video"}
    # The speaker filter follows the correction.
    assert [row["id"] for row in as_json("show", "--actor", "Hadi al-Ameri")] == [khazali["id"]]
    assert as_json("show", "--actor", "Qais al-Khazali") == []


def test_edit_date_to_a_month(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]
    khazali_id = statement(KHAZALI_QUOTE)["id"]
    october = ("show", "--since", "2023-10", "--until", "2023-10")
    assert [row["id"] for row in as_json(*october)] == [khazali_id]

    ok("edit", str(kaabi_id), "--date", "2023-10")

    after = statement(KAABI_QUOTE)
    assert (after["date"], after["date_precision"]) == ("2023-10", "month")
    assert sorted(row["id"] for row in as_json(*october)) == sorted([kaabi_id, khazali_id])
    (change,) = history(kaabi_id)
    assert (change["field"], change["before"], change["after"]) == ("date", PUBLISHED, "2023-10")


def test_edit_targets_empty_string_clears_them(article: Path) -> None:
    khazali = statement(KHAZALI_QUOTE)
    assert khazali["targets"] == ["us-bases"]

    ok("edit", str(khazali["id"]), "--targets", "")

    assert statement(KHAZALI_QUOTE)["targets"] == []
    (change,) = history(khazali["id"])
    assert (change["field"], change["before"], change["after"]) == ("targets", '["us-bases"]', "[]")
    assert as_json("show", "--target", "us-bases") == []


def test_edit_note_alone_is_recorded(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]

    ok("edit", str(kaabi_id), "--note", "rhetorical, see the full speech")

    (change,) = history(kaabi_id)
    assert (change["field"], change["before"], change["after"]) == (
        "note",
        None,
        "rhetorical, see the full speech",
    )
    detail = as_json("explain", str(kaabi_id))
    assert detail["note"] == "rhetorical, see the full speech"
    assert detail["corrected"] is True
    assert statement(KAABI_QUOTE)["level"] == 2


def test_every_listing_marks_corrected(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]
    khazali_id = statement(KHAZALI_QUOTE)["id"]
    ok("edit", str(kaabi_id), "--level", "3")

    for command in ("show", "timeline"):
        rows = as_json(command)
        assert {row["id"]: row["corrected"] for row in rows} == {kaabi_id: True, khazali_id: False}
        csv_rows = ok(command, "--format", "csv").stdout.splitlines()
        header = csv_rows[0].split(",")
        assert header[-1] == "corrected"
        marks = {int(line.split(",")[0]): line.rsplit(",", 1)[1] for line in csv_rows[1:]}
        assert marks == {kaabi_id: "yes", khazali_id: ""}
        jsonl = [json.loads(line) for line in ok(command, "--format", "jsonl").stdout.splitlines()]
        assert {row["id"]: row["corrected"] for row in jsonl} == {kaabi_id: True, khazali_id: False}
    table = ok("show").stdout
    assert "corrected" in table
    kaabi_line = next(line for line in table.splitlines() if line.startswith(f"│ {kaabi_id} "))
    assert kaabi_line.rstrip(" │").endswith("yes")
    assert as_json("explain", str(kaabi_id))["corrected"] is True
    assert as_json("search", "patience")[0]["corrected"] is True


@pytest.mark.parametrize(
    "args",
    [
        ("edit", "9999", "--level", "3"),
        ("reject", "9999"),
        ("restore", "9999"),
        ("explain", "9999"),
        ("history", "9999"),
    ],
    ids=lambda args: args[0],
)
def test_unknown_statement_id_exits_1_with_a_message_on_stderr(article: Path, args: tuple[str, ...]) -> None:
    before = every_statement()

    result = run(*args)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no statement 9999" in result.stderr
    assert every_statement() == before


@pytest.mark.parametrize("level", ["extreme", "5", "-1"])
def test_bad_level_exits_2_and_changes_nothing(article: Path, level: str) -> None:
    kaabi_id = str(statement(KAABI_QUOTE)["id"])

    result = run("edit", kaabi_id, "--level", level)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"'{level}' is not a level" in result.stderr
    assert "0-4" in result.stderr
    assert statement(KAABI_QUOTE)["level"] == 2
    assert history(int(kaabi_id)) == []


def test_edit_without_any_change_exits_2(article: Path) -> None:
    result = run("edit", str(statement(KAABI_QUOTE)["id"]))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "give at least one of" in result.stderr


def test_edit_to_the_same_value_records_nothing(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]
    result = ok("edit", str(kaabi_id), "--level", "warning")
    assert "0 field(s) changed" in result.stderr
    assert history(kaabi_id) == []
    assert statement(KAABI_QUOTE)["corrected"] is False


# -- corrections across re-ingest -----------------------------------------------------------


def test_level_edit_survives_reingest_of_a_changed_document(article: Path) -> None:
    """THE key case: an analyst's edit outlives re-extraction of the changed file."""
    kaabi_id = statement(KAABI_QUOTE)["id"]
    khazali_id = statement(KHAZALI_QUOTE)["id"]
    ok("edit", str(kaabi_id), "--level", "threat", "--note", "conditional threat")

    # A new paragraph, and a word changed inside another paragraph.
    rewrite(
        article, "in the coming days.", "in the coming days.\n\nBaghdad has not commented on the remarks."
    )
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    summary = ingest_article(article)

    assert summary["documents_updated"] == 1
    assert summary["corrections_orphaned"] == 0
    kaabi = statement(KAABI_QUOTE)
    assert kaabi["id"] == kaabi_id
    assert (kaabi["level"], kaabi["level_name"], kaabi["corrected"]) == (3, "threat", True)
    (change,) = history(kaabi_id)
    assert (change["field"], change["before"], change["after"], change["note"]) == (
        "level",
        "2",
        "3",
        "conditional threat",
    )
    khazali = statement(KHAZALI_QUOTE)
    assert (khazali["id"], khazali["level"], khazali["corrected"]) == (khazali_id, 3, False)
    assert as_json("corrections") == []

    # And again: a second change to the file keeps it too.
    rewrite(article, "Baghdad has not commented", "The government has not commented")
    assert ingest_article(article)["corrections_orphaned"] == 0
    assert (statement(KAABI_QUOTE)["id"], statement(KAABI_QUOTE)["level"]) == (kaabi_id, 3)


def test_every_field_edit_survives_reingest_of_a_changed_document(article: Path) -> None:
    khazali_id = str(statement(KHAZALI_QUOTE)["id"])
    ok("edit", khazali_id, "--speaker", "Hadi al-Ameri", "--targets", "israel", "--date", "2023-10-29")
    ok("edit", khazali_id, "--kind", "indirect", "--level", "4")

    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    summary = ingest_article(article)

    assert summary["corrections_orphaned"] == 0
    after = statement(KHAZALI_QUOTE)
    assert after["speaker"] == "Hadi al-Ameri"
    assert after["targets"] == ["israel"]
    assert (after["date"], after["date_precision"]) == ("2023-10-29", "day")
    assert (after["kind"], after["level"], after["corrected"]) == ("indirect", 4, True)
    assert [row["field"] for row in history(after["id"])] == ["speaker", "targets", "date", "level", "kind"]
    assert len(every_statement()) == 2


def test_speaker_edit_keeps_the_statement_id_across_reingest(article: Path) -> None:
    khazali_id = statement(KHAZALI_QUOTE)["id"]
    ok("edit", str(khazali_id), "--speaker", "Hadi al-Ameri")

    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    ingest_article(article)

    after = statement(KHAZALI_QUOTE)
    assert after["speaker"] == "Hadi al-Ameri"
    assert after["id"] == khazali_id


def test_correction_follows_a_quote_whose_word_changed(article: Path) -> None:
    old_id = statement(KAABI_QUOTE)["id"]
    ok("edit", str(old_id), "--level", "threat", "--note", "conditional threat")
    new_quote = KAABI_QUOTE.replace("with the occupation", "with the foreign occupation")

    rewrite(article, KAABI_QUOTE, new_quote)
    summary = ingest_article(article)

    assert summary["corrections_orphaned"] == 0
    moved = statement(new_quote)
    assert moved["speaker"] == "Akram al-Kaabi"
    assert (moved["level"], moved["corrected"]) == (3, True)
    (change,) = history(moved["id"])
    assert (change["field"], change["before"], change["after"], change["note"]) == (
        "level",
        "2",
        "3",
        "conditional threat",
    )
    assert change["orphaned"] is False
    assert [row["quote"] for row in every_statement()].count(KAABI_QUOTE) == 0
    assert as_json("corrections") == []


def test_correction_of_a_removed_quote_is_kept_as_orphaned(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]
    ok("edit", str(kaabi_id), "--level", "threat", "--note", "conditional threat")
    (change,) = history(kaabi_id)

    rewrite(article, f'Akram al-Kaabi said, "{KAABI_QUOTE}"\n\n', "")
    summary = ingest_article(article)

    assert summary["documents_updated"] == 1
    assert summary["corrections_orphaned"] == 1
    assert [row["quote"] for row in every_statement()] == [KHAZALI_QUOTE]
    (orphan,) = as_json("corrections")
    assert orphan["correction"] == change["correction"]
    assert orphan["document"] == str(article.resolve())
    assert (orphan["field"], orphan["after"], orphan["at"]) == ("level", "3", change["at"])
    assert orphan["quote"] == KAABI_QUOTE
    csv_lines = ok("corrections", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "correction,statement,document,field,after,quote,at"
    assert len(csv_lines) == 2
    table = ok("corrections").stdout
    assert "orphaned corrections" in table
    assert "Our patience with the occupation" in table
    # Nothing is dropped from the database: the row is still there, marked.
    conn = sqlite3.connect(database_file())
    try:
        rows = conn.execute("SELECT field, new_value, note, orphaned FROM corrections").fetchall()
    finally:
        conn.close()
    assert rows == [("level", "3", "conditional threat", 1)]
    # A later re-ingest of an unchanged file does not count it again, nor drop it.
    again = ingest_article(article)
    assert again["documents_unchanged"] == 1
    assert again["corrections_orphaned"] == 0
    assert len(as_json("corrections")) == 1


def test_an_orphaned_correction_still_names_its_statement(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]
    ok("edit", str(kaabi_id), "--level", "threat")

    rewrite(article, f'Akram al-Kaabi said, "{KAABI_QUOTE}"\n\n', "")
    ingest_article(article)

    (orphan,) = as_json("corrections")
    assert orphan["statement"] == kaabi_id


# -- reject and restore ----------------------------------------------------------------------


def test_reject_hides_the_statement_until_restore(article: Path) -> None:
    kaabi_id = statement(KAABI_QUOTE)["id"]
    khazali_id = statement(KHAZALI_QUOTE)["id"]

    result = run("reject", str(kaabi_id), "--note", "the author's own words")

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"statement {kaabi_id}: rejected" in result.stderr
    assert [row["id"] for row in as_json("show")] == [khazali_id]
    assert [row["id"] for row in as_json("timeline")] == [khazali_id]
    assert str(kaabi_id) not in [line.split(",")[0] for line in ok("show", "-f", "csv").stdout.splitlines()]
    assert sorted(row["id"] for row in as_json("show", "--include-rejected")) == sorted(
        [kaabi_id, khazali_id]
    )
    assert sorted(row["id"] for row in as_json("timeline", "--include-rejected")) == sorted(
        [kaabi_id, khazali_id]
    )
    assert as_json("show", "--actor", "Kaabi") == []
    assert as_json("search", "patience") == []
    assert as_json("explain", str(kaabi_id))["rejected"] is True
    assert "REJECTED" in ok("explain", str(kaabi_id)).stdout

    # It stays rejected after the changed file is ingested again.
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    assert ingest_article(article)["corrections_orphaned"] == 0
    assert [row["id"] for row in as_json("show")] == [khazali_id]
    assert statement(KAABI_QUOTE)["id"] == kaabi_id

    restored = run("restore", str(kaabi_id))
    assert restored.exit_code == 0, restored.output
    assert f"statement {kaabi_id}: restored" in restored.stderr
    assert sorted(row["id"] for row in as_json("show")) == sorted([kaabi_id, khazali_id])
    assert as_json("explain", str(kaabi_id))["rejected"] is False
    assert [(row["field"], row["before"], row["after"]) for row in history(kaabi_id)] == [
        ("rejected", "false", "true"),
        ("rejected", "true", "false"),
    ]
    # Restored stays restored through another re-ingest.
    rewrite(article, "a fortnight of rocket attacks", "a month of rocket attacks")
    ingest_article(article)
    assert sorted(row["id"] for row in as_json("show")) == sorted([kaabi_id, khazali_id])


def test_rejection_follows_a_quote_whose_word_changed(article: Path) -> None:
    ok("reject", str(statement(KAABI_QUOTE)["id"]))
    new_quote = KAABI_QUOTE.replace("running out", "wearing thin")

    rewrite(article, KAABI_QUOTE, new_quote)
    ingest_article(article)

    assert [row["quote"] for row in as_json("show")] == [KHAZALI_QUOTE]
    assert as_json("explain", str(statement(new_quote)["id"]))["rejected"] is True


# -- add -------------------------------------------------------------------------------------

ADDED_QUOTE = "Analysts expect further statements from the factions"


def test_add_prints_the_new_id_and_the_statement_is_listed(article: Path) -> None:
    result = run(
        "add", "militias.txt", ADDED_QUOTE,
        "--speaker", "Kataib Hezbollah", "--level", "3", "--targets", "us-forces",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    new_id = int(result.stdout.strip())
    added = statement(ADDED_QUOTE)
    assert added["id"] == new_id
    assert added["speaker"] == "Kataib Hezbollah"
    assert added["document"] == "militias.txt"
    assert (added["kind"], added["level"], added["level_name"]) == ("direct", 3, "threat")
    assert added["targets"] == ["us-forces"]
    assert added["corrected"] is True
    assert (added["date"], added["date_precision"]) == (PUBLISHED, "reported")
    assert added["sentence"] == "Analysts expect further statements from the factions in the coming days."
    # us-forces includes its child us-bases, which the Khazali statement threatens; Kaabi's
    # "the occupation" is U.S. forces in an Iraqi faction's words.
    assert sorted(row["id"] for row in as_json("show", "--target", "us-forces")) == sorted(
        [statement(KHAZALI_QUOTE)["id"], statement(KAABI_QUOTE)["id"], new_id]
    )
    csv_line = next(
        line for line in ok("show", "-f", "csv").stdout.splitlines() if line.startswith(f"{new_id},")
    )
    assert csv_line.endswith(",yes")
    detail = as_json("explain", str(new_id))
    assert (detail["origin"], detail["attribution_cue"]) == ("user", "added by hand")
    (source,) = detail["sources"]
    assert source["passage"][source["quote_start"] : source["quote_end"]] == ADDED_QUOTE
    (change,) = history(new_id)
    assert change["field"] == "added"
    assert json.loads(change["after"]) == {
        "speaker": "Kataib Hezbollah",
        "kind": "direct",
        "level": 3,
        "date": PUBLISHED,
        "targets": ["us-forces"],
    }


def test_add_with_kind_and_date(article: Path) -> None:
    new_id = ok(
        "add", "militias.txt", "rocket attacks on bases",
        "--speaker", "Hadi al-Ameri", "--kind", "indirect", "--level", "warning", "--date", "2023-10-28",
    ).stdout.strip()  # fmt: skip
    added = statement("rocket attacks on bases")
    assert added["id"] == int(new_id)
    assert (added["kind"], added["level"], added["date"], added["date_precision"]) == (
        "indirect",
        2,
        "2023-10-28",
        "day",
    )
    assert added["organization"] == "Badr Organization"


def test_added_statement_survives_reingest_and_is_reanchored(article: Path) -> None:
    new_id = int(
        ok("add", "militias.txt", ADDED_QUOTE, "--speaker", "Kataib Hezbollah", "--level", "3").stdout
    )

    # The quote moves: a paragraph is inserted before it, a word changes elsewhere.
    rewrite(
        article,
        "Militia leaders raise the stakes\n",
        "Militia leaders raise the stakes\n\nBy a staff writer.\n",
    )
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    summary = ingest_article(article)

    assert summary["documents_updated"] == 1
    assert summary["corrections_orphaned"] == 0
    added = statement(ADDED_QUOTE)
    assert (added["id"], added["level"], added["speaker"], added["corrected"]) == (
        new_id,
        3,
        "Kataib Hezbollah",
        True,
    )
    assert len(every_statement()) == 3
    (source,) = as_json("explain", str(new_id))["sources"]
    assert source["passage"][source["quote_start"] : source["quote_end"]] == ADDED_QUOTE
    conn = sqlite3.connect(database_file())
    try:
        text, start, end = conn.execute(
            """SELECT d.text, ss.span_start, ss.span_end FROM statement_sources ss
               JOIN documents d ON d.id = ss.document_id WHERE ss.statement_id = ?""",
            [new_id],
        ).fetchone()
    finally:
        conn.close()
    assert text[start:end] == ADDED_QUOTE
    assert as_json("corrections") == []


def test_add_a_quote_not_in_the_document_exits_1_naming_it(article: Path) -> None:
    result = run("add", "militias.txt", "we will never negotiate", "--speaker", "Kataib Hezbollah")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "the quote is not in 'militias.txt'" in result.stderr
    assert len(every_statement()) == 2


def test_add_to_an_unknown_document_exits_1_naming_it(article: Path) -> None:
    result = run("add", "missing.txt", ADDED_QUOTE, "--speaker", "Kataib Hezbollah")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no document 'missing.txt'" in result.stderr


def test_added_statement_whose_quote_is_removed_keeps_its_correction_as_orphaned(article: Path) -> None:
    new_id = int(
        ok("add", "militias.txt", ADDED_QUOTE, "--speaker", "Kataib Hezbollah", "--level", "3").stdout
    )

    rewrite(article, "\nAnalysts expect further statements from the factions in the coming days.\n", "")
    summary = ingest_article(article)

    assert summary["corrections_orphaned"] == 1
    (orphan,) = as_json("corrections")
    assert (orphan["field"], orphan["quote"], orphan["document"]) == (
        "added",
        ADDED_QUOTE,
        str(article.resolve()),
    )
    # Kept, not listed: explain still tells what happened to it.
    assert new_id not in {row["id"] for row in every_statement()}
    assert as_json("explain", str(new_id))["orphaned"] is True


def test_added_statement_whose_quote_is_removed_does_not_point_at_other_text(article: Path) -> None:
    new_id = int(
        ok("add", "militias.txt", ADDED_QUOTE, "--speaker", "Kataib Hezbollah", "--level", "3").stdout
    )

    rewrite(article, "\nAnalysts expect further statements from the factions in the coming days.\n", "")
    ingest_article(article)

    detail = as_json("explain", str(new_id))
    for source in detail["sources"]:
        assert source["passage"][source["quote_start"] : source["quote_end"]] == ADDED_QUOTE


# -- the migration machinery ----------------------------------------------------------------


def test_corrections_survive_reopening_the_database(article: Path, isolated_database: Path) -> None:
    kaabi_id = str(statement(KAABI_QUOTE)["id"])
    khazali_id = str(statement(KHAZALI_QUOTE)["id"])
    ok("edit", kaabi_id, "--level", "3", "--note", "n")
    ok("reject", khazali_id)
    ok("add", "militias.txt", ADDED_QUOTE, "--speaker", "Kataib Hezbollah", "--level", "2")
    listing = every_statement()
    conn = sqlite3.connect(isolated_database)
    try:
        corrections = conn.execute("SELECT * FROM corrections ORDER BY id").fetchall()
    finally:
        conn.close()
    assert [row[4] for row in corrections] == ["level", "rejected", "added"]

    for _ in range(2):
        db = open_database(isolated_database)
        try:
            assert applied_migrations(db) == [name for name, _ in migration_files()]
            assert db.execute("SELECT * FROM corrections ORDER BY id").fetchall() == corrections
        finally:
            db.close()

    assert every_statement() == listing
    assert sorted(row["quote"] for row in as_json("show")) == sorted([ADDED_QUOTE, KAABI_QUOTE])
    assert statement(KAABI_QUOTE)["level"] == 3
    # Re-ingest after reopening still replays them.
    rewrite(article, "a week of rocket attacks", "a fortnight of rocket attacks")
    ingest_article(article)
    assert statement(KAABI_QUOTE)["level"] == 3
    assert KHAZALI_QUOTE not in [row["quote"] for row in as_json("show")]


# -- corroboration ---------------------------------------------------------------------------


@pytest.fixture
def corroborated(seeds_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seeds, then seed 003 saved again under another name with another dateline."""
    assert ingest(seeds_copy)["documents_new"] == 5
    seed = seeds_copy / SEED_003
    wire = tmp_path / "wire" / "militias-wire.txt"
    wire.parent.mkdir()
    text = seed.read_text(encoding="utf-8")
    assert f"\n{DATELINE}\n" in text
    wire.write_text(text.replace(f"\n{DATELINE}\n", "\nBAGHDAD, January 6 (Wire) –\n"), encoding="utf-8")
    summary = ingest(wire, "--published", "2026-01-06")
    assert summary["documents_new"] == 1
    assert summary["statements"] > 0
    return seed, wire


def seed_003_statements() -> list[dict[str, Any]]:
    return as_json("show", "--doc", SEED_003, "--include-rejected")


def test_the_same_article_twice_gives_statements_with_two_sources(corroborated: tuple[Path, Path]) -> None:
    rows = seed_003_statements()
    assert len(rows) >= 3
    assert {row["sources"] for row in rows} == {2}
    assert as_json("show", "--doc", "militias-wire") == rows
    others = [row for row in every_statement() if row["id"] not in {r["id"] for r in rows}]
    assert others
    assert {row["sources"] for row in others} == {1}
    # Both documents report them; nothing was stored twice.
    quotes = [row["quote"] for row in every_statement()]
    assert len(quotes) == len(set(quotes))


def test_min_sources_lists_only_corroborated_statements(corroborated: tuple[Path, Path]) -> None:
    expected = sorted(row["id"] for row in seed_003_statements())

    assert sorted(row["id"] for row in as_json("show", "--min-sources", "2")) == expected
    assert sorted(row["id"] for row in as_json("timeline", "--min-sources", "2")) == expected
    assert as_json("show", "--min-sources", "3") == []
    assert len(as_json("show", "--min-sources", "1")) == len(as_json("show"))
    csv_rows = list(csv.DictReader(io.StringIO(ok("show", "--min-sources", "2", "-f", "csv").stdout)))
    assert sorted(int(row["id"]) for row in csv_rows) == expected
    assert {row["sources"] for row in csv_rows} == {"2"}
    assert run("show", "--min-sources", "0").exit_code == 2


def test_explain_lists_both_documents_as_sources(corroborated: tuple[Path, Path]) -> None:
    seed, wire = corroborated
    row = next(row for row in seed_003_statements() if "no picnic" in row["quote"])

    detail = as_json("explain", str(row["id"]))

    assert sorted(source["document"] for source in detail["sources"]) == [SEED_003, "militias-wire.txt"]
    assert sorted(source["path"] for source in detail["sources"]) == sorted(
        [str(seed.resolve()), str(wire.resolve())]
    )
    for source in detail["sources"]:
        assert source["passage"][source["quote_start"] : source["quote_end"]] == row["quote"]
    assert "sources      2" in ok("explain", str(row["id"])).stdout


@pytest.mark.parametrize("changed", ["seed", "copy", "both"])
def test_a_correction_applies_whichever_source_is_reingested(
    corroborated: tuple[Path, Path], changed: str
) -> None:
    seed, wire = corroborated
    row = next(row for row in seed_003_statements() if "no picnic" in row["quote"])
    level = 4 if row["level"] != 4 else 2
    ok("edit", str(row["id"]), "--level", str(level), "--note", "corroborated")

    for path in {"seed": [seed], "copy": [wire], "both": [wire, seed]}[changed]:
        rewrite(path, "Analysts say the rhetoric", "Analysts said the rhetoric")
        summary = ingest(path, "--published", "2026-01-06") if path == wire else ingest(path.parent)
        assert summary["documents_updated"] == 1
        assert summary["corrections_orphaned"] == 0

    after = [r for r in every_statement() if r["quote"] == row["quote"]]
    assert len(after) == 1
    assert (after[0]["id"], after[0]["level"], after[0]["sources"], after[0]["corrected"]) == (
        row["id"],
        level,
        2,
        True,
    )
    assert [(c["field"], c["after"]) for c in history(row["id"])] == [("level", str(level))]


def test_a_speaker_correction_applies_whichever_source_is_reingested(corroborated: tuple[Path, Path]) -> None:
    _, wire = corroborated
    row = next(row for row in seed_003_statements() if "no picnic" in row["quote"])
    ok("edit", str(row["id"]), "--speaker", "Abu Hussein al-Humaidawi")

    rewrite(wire, "Analysts say the rhetoric", "Analysts said the rhetoric")
    ingest(wire, "--published", "2026-01-06")

    after = [r for r in every_statement() if r["quote"] == row["quote"]]
    assert [(r["id"], r["speaker"], r["sources"]) for r in after] == [
        (row["id"], "Abu Hussein al-Humaidawi", 2)
    ]


def test_a_source_removed_from_a_corroborated_statement_leaves_one(corroborated: tuple[Path, Path]) -> None:
    _, wire = corroborated
    row = next(row for row in seed_003_statements() if "no picnic" in row["quote"])
    ok("edit", str(row["id"]), "--level", "4")
    text = wire.read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n") if "no picnic" in p)

    rewrite(wire, paragraph + "\n", "")
    summary = ingest(wire, "--published", "2026-01-06")

    assert summary["corrections_orphaned"] == 0
    assert [s["document"] for s in as_json("explain", str(row["id"]))["sources"]] == [SEED_003]
    after = statement(row["quote"])
    assert (after["id"], after["level"]) == (row["id"], 4)
    assert after["sources"] == 1
    assert row["id"] not in [r["id"] for r in as_json("show", "--min-sources", "2")]

"""`rhetrack eval`: matching against gold, the floors on the seeds, thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetrack.cli import app
from rhetrack.errors import GoldFileError
from rhetrack.evaluate import (
    CONFUSION_COLUMNS,
    MISS_PROBLEMS,
    LevelPair,
    Miss,
    evaluate,
    fold_text,
    group_misses,
    level_confusion,
    load_gold,
)
from rhetrack.ingest import ingest
from rhetrack.storage import open_database

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "seeds.jsonl"

# The floors the extraction issue sets for the seeds.
FLOORS = {
    "recall": 0.95,
    "precision": 0.95,
    "speaker": 0.95,
    "date": 0.9,
    "level_exact": 0.85,
    "target_f1": 0.85,
}


def run(*args: str | Path) -> object:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(arg) for arg in args])


def test_the_seeds_meet_every_floor(seeded_database: Path) -> None:
    db = open_database(seeded_database)
    result = evaluate(db, load_gold(GOLD))
    for figure, floor in FLOORS.items():
        assert result.figures[figure] is not None and result.figures[figure] >= floor, (
            figure,
            result.figures,
            [m for m in result.misses if m.problem in (figure, "missed", "invented")],
        )
    assert result.figures["level_within_one"] >= 0.95  # the dev corpus's floor for issue 11


def test_the_gold_copy_is_the_shared_gold() -> None:
    shared = REPO.parent / "shared" / "gold" / "seeds.jsonl"
    if not shared.exists():
        pytest.skip("no ../shared/gold beside this checkout")
    assert GOLD.read_bytes() == shared.read_bytes(), "tests/gold/seeds.jsonl is stale: copy ../shared/gold"


def gold_line(**fields: object) -> str:
    entry = {
        "doc": "a.txt",
        "key": "we will attack all the occupation bases",
        "kind": "direct",
        "speaker": "Hadi al-Ameri",
        "date": "2023-10-10",
        "precision": "day",
        "level": 3,
        "targets": ["us-bases"],
        "required": True,
    }
    entry.update(fields)
    return json.dumps(entry)


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "On October 10, Hadi al-Ameri warned, "
        "“If they intervene, we will attack all the occupation bases.”\n\n"
        "Qais al-Khazali said, “The occupation must end now.”\n",
        encoding="utf-8",
    )
    (folder / "manifest.csv").write_text("file,published\na.txt,2023-10-12\n", encoding="utf-8")
    path = tmp_path / "small.db"
    db = open_database(path)
    assert not ingest(db, [folder]).failed
    db.close()
    return path


def test_matching_counts_recall_precision_and_tags(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line() + "\n", encoding="utf-8")
    result = evaluate(open_database(small_db), load_gold(gold))
    assert result.counts["matched"] == 1
    assert result.figures["recall"] == 1.0
    # Khazali's statement matches no gold line: it is invented.
    assert result.counts["invented"] == 1
    assert result.figures["precision"] == 0.5
    assert result.figures["speaker"] == 1.0
    assert result.figures["date"] == 1.0
    assert result.figures["level_exact"] == 1.0
    assert result.figures["target_f1"] == 1.0
    (invented,) = [m for m in result.misses if m.problem == "invented"]
    assert "occupation must end" in invented.text


def test_a_wrong_speaker_date_and_level_are_each_reported(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line(speaker="Akram al-Kaabi", date="2023-10-09", level=4) + "\n", encoding="utf-8")
    result = evaluate(open_database(small_db), load_gold(gold))
    assert result.figures["speaker"] == 0.0
    assert result.figures["date"] == 0.0
    assert result.figures["level_exact"] == 0.0
    assert result.figures["level_within_one"] == 1.0
    problems = {m.problem for m in result.misses}
    assert {"speaker", "date", "level"} <= problems


def test_alternatives_and_transliterations_are_accepted(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        gold_line(speaker="Hadi al-Amiri", date="2023-10", date_alt=["2023-10-10"], level=4, level_alt=[3])
        + "\n",
        encoding="utf-8",
    )
    result = evaluate(open_database(small_db), load_gold(gold))
    assert result.figures["speaker"] == 1.0
    assert result.figures["date"] == 1.0
    assert result.figures["level_exact"] == 1.0


def test_a_missed_required_line_lowers_recall(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        gold_line() + "\n" + gold_line(key="a sentence that is nowhere in the text at all") + "\n",
        encoding="utf-8",
    )
    result = evaluate(open_database(small_db), load_gold(gold))
    assert result.figures["recall"] == 0.5
    assert any(m.problem == "missed" and "nowhere" in m.text for m in result.misses)


def test_folding_ignores_marks_dashes_and_spacing() -> None:
    assert fold_text("“We  will—strike,” he said") == fold_text('"we will-strike," He said')


def test_a_malformed_gold_file_names_the_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="line 2"):
        load_gold(gold)


def test_cli_prints_figures_and_misses(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line() + "\n", encoding="utf-8")
    result = run("eval", gold, "--db", small_db, "--misses", "--format", "json")
    assert result.exit_code == 0, result.output
    # One JSON document: figures, counts and misses.
    document = json.loads(result.stdout)
    assert document["figures"]["recall"] == 1.0 and document["figures"]["precision"] == 0.5
    assert document["counts"]["invented"] == 1
    assert document["misses"][0]["problem"] == "invented"
    # CSV with --misses is one table: the misses.
    misses = run("eval", gold, "--db", small_db, "--misses", "--format", "csv")
    assert misses.stdout.splitlines()[0] == "problem,document,statement_id,reason,text"


def test_cli_threshold_fails_with_a_message_on_stderr(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line() + "\n", encoding="utf-8")
    passing = run("eval", gold, "--db", small_db, "--min-recall", "0.9")
    assert passing.exit_code == 0, passing.output
    failing = run("eval", gold, "--db", small_db, "--min-precision", "0.9", "--format", "csv")
    assert failing.exit_code == 1
    assert "precision 0.5 < 0.9" in failing.stderr
    assert failing.stdout.startswith("figure,value\n")


def test_cli_bad_gold_file_exits_1_naming_it(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt"}\n', encoding="utf-8")
    result = run("eval", gold, "--db", small_db)
    assert result.exit_code == 1
    assert "gold.jsonl, line 1" in result.stderr
    assert result.stdout == ""


# -- the level confusion table and the misses by problem (`--misses`) ----------------------

FOUR_LEVELS = {
    # paragraph: the level the coding scheme gives it, which the extractor finds
    "On October 10, Hadi al-Ameri warned, “If they intervene, we will attack all the occupation bases.”": 3,
    "Qais al-Khazali said, “The occupation must end now.”": 2,
    "Akram al-Kaabi said, “We will strike the occupation bases.”": 3,
    "Mohammed Shia al-Sudani said, “We discussed the elections with our partners.”": 0,
}


@pytest.fixture
def four_levels_db(tmp_path: Path) -> Path:
    """Four statements whose levels the extractor finds as FOUR_LEVELS says."""
    folder = tmp_path / "four"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n".join(FOUR_LEVELS) + "\n", encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published\na.txt,2023-10-12\n", encoding="utf-8")
    path = tmp_path / "four.db"
    db = open_database(path)
    assert not ingest(db, [folder]).failed
    assert [row[0] for row in db.conn.execute("SELECT level FROM statements ORDER BY id")] == list(
        FOUR_LEVELS.values()
    )
    db.close()
    return path


@pytest.fixture
def mis_rated_gold(tmp_path: Path) -> Path:
    """Gold that rates the conditional threat 4 (found 3: under), the demand 0 (found 2: over), the
    threat 3 (exact) and the neutral remark 1 while accepting 0 (found 0: exact, off the diagonal)."""
    gold = tmp_path / "gold.jsonl"
    lines = [
        gold_line(level=4),
        gold_line(key="The occupation must end now", speaker="Qais al-Khazali", date="2023-10-12", level=0,
                  targets=["us-forces"]),
        gold_line(key="We will strike the occupation bases", speaker="Akram al-Kaabi", date="2023-10-12",
                  level=3),
        gold_line(key="We discussed the elections with our partners", speaker="Mohammed Shia al-Sudani",
                  date="2023-10-12", level=1, level_alt=[0], targets=[]),
    ]  # fmt: skip
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold


def confusion_by_gold(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {row["gold"]: row for row in rows}


def test_the_level_confusion_counts_each_matched_statement_once(
    four_levels_db: Path, mis_rated_gold: Path
) -> None:
    result = evaluate(open_database(four_levels_db), load_gold(mis_rated_gold))
    assert result.counts["matched"] == 4
    rows = confusion_by_gold([row.as_row() for row in result.level_confusion()])
    assert list(rows) == [0, 1, 2, 3, 4, "all"]
    zero = dict.fromkeys(CONFUSION_COLUMNS[1:], 0)
    assert rows[0] == {**zero, "gold": 0, "found_2": 1, "total": 1, "over": 1}
    assert rows[1] == {**zero, "gold": 1, "found_0": 1, "total": 1, "exact": 1}
    assert rows[2] == {**zero, "gold": 2}
    assert rows[3] == {**zero, "gold": 3, "found_3": 1, "total": 1, "exact": 1}
    assert rows[4] == {**zero, "gold": 4, "found_3": 1, "total": 1, "under": 1}
    assert rows["all"] == {
        **zero, "gold": "all", "found_0": 1, "found_2": 1, "found_3": 2, "total": 4,
        "under": 1, "exact": 2, "over": 1,
    }  # fmt: skip
    # The table's `exact` is the figure's: alternatives the gold line accepts count.
    assert result.figures["level_exact"] == rows["all"]["exact"] / rows["all"]["total"]


@pytest.mark.parametrize(
    ("pair", "verdict"),
    [
        (LevelPair(gold=3, accepted=(), found=3), "exact"),
        (LevelPair(gold=4, accepted=(), found=1), "under"),
        (LevelPair(gold=1, accepted=(), found=2), "over"),
        (LevelPair(gold=4, accepted=(3,), found=3), "exact"),
        (LevelPair(gold=2, accepted=(4,), found=3), "over"),  # between the two: against the gold level
        (LevelPair(gold=2, accepted=(0,), found=1), "under"),
    ],
)
def test_a_level_is_under_exact_or_over_its_gold_level(pair: LevelPair, verdict: str) -> None:
    assert pair.verdict == verdict
    rows = confusion_by_gold([row.as_row() for row in level_confusion([pair])])
    assert rows[pair.gold][f"found_{pair.found}"] == 1
    assert rows[pair.gold][verdict] == rows["all"][verdict] == 1
    assert sum(row["total"] for gold, row in rows.items() if gold != "all") == 1


def test_an_empty_evaluation_still_has_every_row() -> None:
    rows = [row.as_row() for row in level_confusion([])]
    assert [row["gold"] for row in rows] == [0, 1, 2, 3, 4, "all"]
    assert all(row[column] == 0 for row in rows for column in CONFUSION_COLUMNS[1:])


def test_misses_are_grouped_by_problem_in_a_fixed_order() -> None:
    misses = [
        Miss(problem, "a.txt", index, f"text {index}", "why")
        for index, problem in enumerate(["level", "speaker", "invented", "level", "missed", "targets"])
    ]
    groups = group_misses(misses)
    assert [problem for problem, _ in groups] == ["missed", "invented", "speaker", "level", "targets"]
    assert list(MISS_PROBLEMS) == ["missed", "invented", "speaker", "date", "level", "targets"]
    assert [m.statement_id for m in dict(groups)["level"]] == [0, 3]  # in the order found


def test_cli_misses_table_shows_the_confusion_and_one_block_per_problem(
    four_levels_db: Path, mis_rated_gold: Path
) -> None:
    result = run("eval", mis_rated_gold, "--db", four_levels_db, "--misses")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = result.stdout
    assert "level confusion: gold level down, level found across" in out
    assert "4 matched: 1 under-rated, 2 exact, 1 over-rated" in out
    lines = out.splitlines()
    (threat_row,) = [line for line in lines if "4 mobilization" in line]
    # gold 4: found 0, 1, 2, 3, 4, then total, under, exact, over
    cells = [cell.strip() for cell in threat_row.split("│")[2:-1]]
    assert cells == ["0", "0", "0", "1", "0", "1", "1", "0", "0"]
    # One block per problem, in order, each with its count; no block for a problem without misses.
    level_block = out.index("misses: level (2)")
    assert out.index("level confusion") < level_block
    assert "misses: missed" not in out and "misses: invented" not in out
    assert "found 3, gold 4 (under)" in out[level_block:]
    assert "found 2, gold 0 (over)" in out[level_block:]


def test_cli_misses_json_has_the_confusion_rows_beside_the_unchanged_keys(
    four_levels_db: Path, mis_rated_gold: Path
) -> None:
    result = run("eval", mis_rated_gold, "--db", four_levels_db, "--misses", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert list(document) == ["figures", "counts", "misses", "level_confusion"]
    assert [list(row) for row in document["level_confusion"]] == [list(CONFUSION_COLUMNS)] * 6
    rows = confusion_by_gold(document["level_confusion"])
    assert rows[4]["found_3"] == 1 and rows[4]["under"] == 1
    assert rows[0]["found_2"] == 1 and rows[0]["over"] == 1
    assert rows["all"]["total"] == document["counts"]["matched"] == 4
    assert [m["problem"] for m in document["misses"]] == ["level", "level"]
    # JSON Lines: the same document on one line.
    lines = run("eval", mis_rated_gold, "--db", four_levels_db, "--misses", "--format", "jsonl")
    assert [json.loads(line) for line in lines.stdout.splitlines()] == [document]
    # Without --misses: the same keys, empty lists.
    plain = json.loads(run("eval", mis_rated_gold, "--db", four_levels_db, "--format", "json").stdout)
    assert plain["misses"] == [] and plain["level_confusion"] == []


def test_cli_misses_csv_is_the_misses_grouped(small_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    entries = [gold_line(speaker="Akram al-Kaabi", level=4), gold_line(key="words said nowhere at all")]
    gold.write_text("\n".join(entries) + "\n", encoding="utf-8")
    result = run("eval", gold, "--db", small_db, "--misses", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "problem,document,statement_id,reason,text"
    assert [line.split(",")[0] for line in lines[1:]] == ["missed", "invented", "speaker", "level"]

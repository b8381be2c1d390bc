"""`rhetrack eval`: matching against gold, the floors on the seeds, thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetrack.cli import app
from rhetrack.errors import GoldFileError
from rhetrack.evaluate import evaluate, fold_text, load_gold
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

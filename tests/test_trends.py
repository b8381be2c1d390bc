"""`rhetrack trends`: who is escalating, on a real database built so that one
actor rises, one falls and one holds steady.

The statements are added by hand (`add_statement`) to a real ingested
document, with the levels and dates an analyst would set, so the figures do
not depend on what the extractor makes of the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import as_json, ok, run

from rhetrack.ingest import ingest
from rhetrack.partial_date import PartialDate
from rhetrack.query import StatementFilter
from rhetrack.storage import Database, add_statement, correct_statement, open_database
from rhetrack.trends import TREND_COLUMNS, actor_trends

KHAZALI, KAABI, AMERI = "Qais al-Khazali", "Akram al-Kaabi", "Hadi al-Ameri"
# (speaker, date, level): the recent 30 days run from 2024-06-01 to 2024-06-30
# (the latest statement), the earlier 90 from 2024-03-03 to 2024-05-31.
STATEMENTS = [
    # Khazali rises: hostile remarks earlier, threats and a call to arms lately.
    *[(KHAZALI, f"2024-0{month}-{day:02d}", level) for month, day, level in
      [(3, 10, 0), (3, 25, 1), (4, 5, 1), (4, 20, 0), (5, 2, 1), (5, 20, 1)]],
    *[(KHAZALI, f"2024-06-{day:02d}", level) for day, level in [(3, 3), (10, 4), (17, 3), (24, 2), (30, 4)]],
    # Kaabi falls: threats and calls earlier, neutral lately.
    *[(KAABI, f"2024-0{month}-{day:02d}", level) for month, day, level in
      [(3, 12, 4), (3, 28, 3), (4, 9, 4), (4, 22, 3), (5, 6, 3), (5, 25, 4)]],
    *[(KAABI, f"2024-06-{day:02d}", level) for day, level in [(2, 0), (12, 1), (20, 0), (28, 0), (29, 1)]],
    # Ameri holds steady at warnings.
    *[(AMERI, date, 2) for date in ("2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15")],
    # Outside both periods: counts for nothing.
    (KAABI, "2023-06-01", 0),
    (KHAZALI, "2023-06-02", 4),
]  # fmt: skip


def sentence(number: int) -> str:
    return f"Remark number {number:03d} stands on the record."


def article(count: int) -> str:
    """A document of plain sentences with no speech in them: every statement is added by hand."""
    body = "\n\n".join(sentence(number) for number in range(count))
    return f"---\npublished: 2024-07-01\ntitle: Remarks\n---\nRemarks on record\n\n{body}\n"


def build(path: Path, folder: Path, statements: list[tuple[str, str, int]]) -> Database:
    folder.mkdir(exist_ok=True)
    (folder / "remarks.txt").write_text(article(len(statements) + 10), encoding="utf-8")
    db = open_database(path)
    summary = ingest(db, [folder])
    assert not summary.failed
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0  # nothing but what we add
    for number, (speaker, date, level) in enumerate(statements):
        add_statement(
            db, "remarks.txt", sentence(number), speaker, level=level, date=PartialDate.parse_iso(date)
        )
    return db


@pytest.fixture
def db(tmp_path: Path, isolated_database: Path) -> Iterator[Database]:
    database = build(isolated_database, tmp_path / "articles", STATEMENTS)
    yield database
    database.close()


def by_actor(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["actor"]: row for row in rows}


def test_the_rising_actor_comes_first_and_the_falling_one_last(db: Database) -> None:
    result = actor_trends(db, StatementFilter())
    assert result.periods is not None
    assert (result.periods.recent_period(), result.periods.earlier_period()) == (
        "2024-06-01/2024-06-30",
        "2024-03-03/2024-05-31",
    )
    assert [row["actor"] for row in result.rows] == [KHAZALI, AMERI, KAABI]
    assert [row["rank"] for row in result.rows] == [1, 2, 3]
    rows = by_actor(result.rows)
    assert rows[KHAZALI]["direction"] == "rising" and rows[KHAZALI]["change"] > 2
    assert rows[KAABI]["direction"] == "falling" and rows[KAABI]["change"] < -2
    assert rows[AMERI]["direction"] == "steady" and rows[AMERI]["change"] == 0
    assert result.rising() == [rows[KHAZALI]]


def test_each_period_has_its_figures(db: Database) -> None:
    rows = by_actor(actor_trends(db, StatementFilter()).rows)
    khazali = {key: value for key, value in rows[KHAZALI].items() if key.startswith(("recent_", "earlier_"))}
    assert khazali == {
        "recent_statements": 5, "recent_highest": 4, "recent_mean": 3.2, "recent_threats": 2,
        "recent_calls": 2, "earlier_statements": 6, "earlier_highest": 1, "earlier_mean": 0.67,
        "earlier_threats": 0, "earlier_calls": 0,
        "recent_period": "2024-06-01/2024-06-30", "earlier_period": "2024-03-03/2024-05-31",
    }  # fmt: skip
    kaabi = rows[KAABI]
    assert (
        kaabi["recent_mean"],
        kaabi["recent_highest"],
        kaabi["recent_threats"],
        kaabi["recent_calls"],
    ) == (0.4, 1, 0, 0)
    assert (kaabi["earlier_mean"], kaabi["earlier_threats"], kaabi["earlier_calls"]) == (3.5, 3, 3)
    # Change: the mean's change plus the doublings of threats and calls per 30 days.
    # Khazali: 3.2 - 0.667 + log2((4 + 1) / (0 + 1)) = 2.533 + 2.322
    assert rows[KHAZALI]["change"] == pytest.approx(4.86, abs=0.01)


def test_the_statements_that_drove_the_rise_are_the_strongest_recent_ones(db: Database) -> None:
    result = actor_trends(db, StatementFilter())
    rows = by_actor(result.rows)
    driving = [result.statements[i] for i in rows[KHAZALI]["driving_statements"]]
    # Highest level first, then the newest.
    assert [(row["level"], row["date"]) for row in driving] == [
        (4, "2024-06-30"),
        (4, "2024-06-10"),
        (3, "2024-06-17"),
    ]
    assert all(row["speaker"] == KHAZALI for row in driving)
    assert rows[KAABI]["driving_statements"] == [] and rows[AMERI]["driving_statements"] == []


def test_filters_narrow_the_selection_before_it_is_compared(db: Database) -> None:
    only = actor_trends(db, StatementFilter(actor="Kaabi")).rows
    assert [row["actor"] for row in only] == [KAABI]
    # At least a threat: Kaabi's recent period is empty, so he went silent.
    threats = by_actor(actor_trends(db, StatementFilter(min_level=3), window=30).rows)
    assert threats[KAABI]["direction"] == "silent" and threats[KAABI]["recent_statements"] == 0
    assert AMERI not in threats
    # --until looks back from an earlier day: the end is the last statement before it.
    earlier = actor_trends(db, StatementFilter(until=PartialDate(2024, 5)), window=30)
    assert earlier.periods is not None and earlier.periods.end.isoformat() == "2024-05-25"


def test_rejected_statements_and_those_outside_the_periods_count_for_nothing(db: Database) -> None:
    strongest = actor_trends(db, StatementFilter()).rows[0]["driving_statements"][0]
    correct_statement(db, strongest, {"rejected": "true"}, "not a statement")
    khazali = by_actor(actor_trends(db, StatementFilter()).rows)[KHAZALI]
    assert (khazali["recent_statements"], khazali["recent_calls"]) == (4, 1)
    assert strongest not in khazali["driving_statements"]


def test_dates_coarser_than_a_month_have_no_place_in_a_period(tmp_path: Path) -> None:
    statements = [(KHAZALI, "2024-06-10", 1), (KHAZALI, "2024-06", 3), (KHAZALI, "2024", 4)]
    db = build(tmp_path / "coarse.db", tmp_path / "coarse", statements)
    row = actor_trends(db, StatementFilter(), window=30).rows[0]
    # The month is placed at its middle, inside June; the year is left out.
    assert (row["recent_statements"], row["recent_highest"]) == (2, 3)
    db.close()


def test_sparse_data_widen_the_periods_and_a_window_sets_them(tmp_path: Path) -> None:
    sparse = [(KHAZALI, "2022-05-01", 0), (KHAZALI, "2024-06-10", 3), (KAABI, "2023-01-05", 4)]
    db = build(tmp_path / "sparse.db", tmp_path / "sparse", sparse)
    widest = actor_trends(db, StatementFilter())
    assert widest.periods is not None and widest.periods.recent_days == 365
    assert widest.periods.earlier_days == 3 * 365
    rows = by_actor(widest.rows)
    assert rows[KHAZALI]["recent_statements"] == 1 and rows[KAABI]["earlier_statements"] == 1
    set_by_hand = actor_trends(db, StatementFilter(), window=10)
    assert set_by_hand.periods is not None and set_by_hand.periods.recent_days == 10
    assert [row["actor"] for row in set_by_hand.rows] == [KHAZALI]
    db.close()


def test_no_dated_statement_means_nothing_to_compare(tmp_path: Path) -> None:
    db = build(tmp_path / "empty.db", tmp_path / "empty", [])
    assert actor_trends(db, StatementFilter()).periods is None
    db.close()


# -- the command -------------------------------------------------------------------------


def test_trends_in_csv_and_json_have_the_trend_columns(db: Database) -> None:
    result = ok("trends", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(TREND_COLUMNS)
    assert lines[1].startswith(f"1,{KHAZALI},Asaib Ahl al-Haq,rising,")
    assert "comparing the last 30 days (2024-06-01 – 2024-06-30) against the 90 before" in result.stderr
    rows = as_json("trends")
    assert [list(row) for row in rows] == [list(TREND_COLUMNS)] * 3
    assert rows[0]["driving_statements"] and all(isinstance(i, int) for i in rows[0]["driving_statements"])
    lines = run("trends", "--format", "jsonl", "--limit", "2").stdout.splitlines()
    assert [json.loads(line)["actor"] for line in lines] == [KHAZALI, AMERI]


def test_the_trends_table_shows_the_ranking_and_what_drove_the_rise(db: Database) -> None:
    result = ok("trends", "--window", "30")
    title = " ".join(result.stdout.split())  # the title may wrap
    assert (
        "who is escalating: recent 2024-06-01 – 2024-06-30 against earlier 2024-03-03 – 2024-05-31" in title
    )
    assert "5, 4, 3.20, 2, 2" in result.stdout  # Khazali's recent figures
    assert "what drove each rise" in result.stdout
    assert sentence(10) in result.stdout  # his call to arms of June 30 (the 11th statement added)
    assert result.stdout.index(KHAZALI) < result.stdout.index(KAABI)


def test_bad_trend_options_name_the_option(db: Database) -> None:
    result = run("trends", "--window", "0")
    assert result.exit_code == 2 and "--window" in result.stderr
    result = run("trends", "--since", "banana")
    assert result.exit_code == 2 and "banana" in result.stderr
    nobody = run("trends", "--actor", "Nobody At All")
    assert nobody.exit_code == 1 and "no actor matches" in nobody.stderr and not nobody.stdout

"""Queries over the seeds database: every filter of `show`, profiles, listings, timeline.

The session's `seeded_database` is shared and only read here; tests that
need undated statements build their own database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS
from sqlite_utils import Database

from rhetrack.errors import QueryError
from rhetrack.ingest import ingest
from rhetrack.levels import LEVEL_NAMES
from rhetrack.partial_date import PartialDate
from rhetrack.query import (
    ACTOR_COLUMNS,
    DOCUMENT_COLUMNS,
    STATEMENT_COLUMNS,
    StatementFilter,
    actor_profiles,
    count_undated,
    find_statements,
    list_actors,
    list_documents,
    match_actors,
    statement_count,
    timeline,
)
from rhetrack.storage import open_database

KHAZALI = "Qais al-Khazali"
AAH = "Asaib Ahl al-Haq"


@pytest.fixture
def db(seeded_database: Path) -> Iterator[Database]:
    database = open_database(seeded_database, create=False)
    yield database
    database.close()


def find(db: Database, **filters: Any) -> list[dict[str, Any]]:
    return find_statements(db, StatementFilter(**filters))


def interval(row: dict[str, Any]) -> tuple[date, date]:
    assert row["date"] is not None
    return PartialDate.parse_iso(row["date"]).interval()


# -- rows ------------------------------------------------------------------------------


def test_rows_have_the_public_columns_in_order(db: Database) -> None:
    rows = find(db)
    assert len(rows) == statement_count(db) > 30
    for row in rows:
        assert tuple(row) == STATEMENT_COLUMNS
        assert row["level_name"] == LEVEL_NAMES[row["level"]]
        assert isinstance(row["targets"], list)
        assert row["targets"] == sorted(row["targets"])
        assert row["kind"] in ("direct", "indirect")
        assert row["quote"].strip()
        if row["kind"] == "direct":
            assert row["quote"] in row["sentence"]


def test_statements_come_in_date_order(db: Database) -> None:
    rows = find(db)
    dated = [row for row in rows if row["date"] is not None]
    starts = [interval(row)[0] for row in dated]
    assert starts == sorted(starts)
    # Undated statements, if any, come last.
    assert rows[: len(dated)] == dated


# -- --actor -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["khazali", "KHAZALI", "Khazaali", "Qais al Khazali", "Khazālī", "qays al-khazali", "Qais Khazali"],
)
def test_actor_matching_is_partial_and_case_diacritic_transliteration_insensitive(
    db: Database, name: str
) -> None:
    rows = find(db, actor=name)
    assert len(rows) >= 3
    assert {row["speaker"] for row in rows} == {KHAZALI}
    assert {row["organization"] for row in rows} == {AAH}


def test_actor_partial_match_on_part_of_a_name(db: Database) -> None:
    rows = find(db, actor="Humaid")
    assert rows
    assert {row["speaker"] for row in rows} == {"Abu Hussein al-Humaidawi"}


def test_unknown_actor_names_the_closest_actor(db: Database) -> None:
    with pytest.raises(QueryError, match="no actor matches") as excinfo:
        find(db, actor="Qais al-Kazali")
    assert "closest" in str(excinfo.value)
    assert KHAZALI in str(excinfo.value)


def test_unknown_actor_without_a_close_name_points_to_the_actor_list(db: Database) -> None:
    with pytest.raises(QueryError, match="no actor matches 'Nobody'") as excinfo:
        find(db, actor="Nobody")
    assert "rhetrack actors" in str(excinfo.value)


def test_empty_actor_name_is_an_error(db: Database) -> None:
    with pytest.raises(QueryError, match="empty actor name"):
        match_actors(db, " - ")


# -- --org -------------------------------------------------------------------------------


def test_org_includes_its_members_statements(db: Database) -> None:
    rows = find(db, org=AAH)
    speakers = {row["speaker"] for row in rows}
    assert KHAZALI in speakers
    assert "Saraya Awliya al-Dam" in speakers  # a facade group whose organization is AAH
    assert speakers == {KHAZALI, "Saraya Awliya al-Dam"}
    assert {row["id"] for row in find(db, actor=KHAZALI)} <= {row["id"] for row in rows}


def test_org_includes_the_organizations_own_statements(db: Database) -> None:
    speakers = {row["speaker"] for row in find(db, org="kataib hezbollah")}
    assert speakers == {"Kataib Hezbollah", "Abu Hussein al-Humaidawi"}


# -- --target ----------------------------------------------------------------------------


def test_target_filter_keeps_only_statements_naming_it(db: Database) -> None:
    rows = find(db, target="us-embassy")
    assert rows
    assert all("us-embassy" in row["targets"] for row in rows)


def test_target_parent_includes_its_children(db: Database) -> None:
    forces = find(db, target="us-forces")
    bases = find(db, target="us-bases")
    embassy = find(db, target="us-embassy")
    states = find(db, target="united-states")
    forces_ids = {row["id"] for row in forces}
    states_ids = {row["id"] for row in states}

    assert bases
    assert all(row["targets"] and set(row["targets"]) & {"us-forces", "us-bases"} for row in forces)
    # A statement tagged us-bases only is still found under its parent us-forces ...
    bases_only = [row for row in bases if "us-forces" not in row["targets"]]
    assert bases_only
    assert {row["id"] for row in bases} <= forces_ids
    # ... and united-states covers both its children and its grandchildren.
    assert forces_ids | {row["id"] for row in embassy} <= states_ids
    assert all(
        set(row["targets"]) & {"united-states", "us-forces", "us-bases", "us-embassy"} for row in states
    )
    # The child does not include its parent.
    assert not {row["id"] for row in forces if row["targets"] == ["united-states"]}


def test_target_name_is_case_insensitive(db: Database) -> None:
    assert find(db, target="US-Forces") == find(db, target="us-forces")


def test_unknown_target_lists_the_known_targets(db: Database) -> None:
    with pytest.raises(QueryError, match="no target named 'mars'") as excinfo:
        find(db, target="mars")
    message = str(excinfo.value)
    for name in ("united-states", "us-forces", "us-bases", "israel"):
        assert name in message


# -- --min-level and --level ---------------------------------------------------------------


def test_min_level_and_level(db: Database) -> None:
    everything = find(db)
    at_least_3 = find(db, min_level=3)
    exactly_4 = find(db, level=4)
    assert at_least_3 and exactly_4
    assert all(row["level"] >= 3 for row in at_least_3)
    assert {row["id"] for row in at_least_3} == {row["id"] for row in everything if row["level"] >= 3}
    assert all(row["level"] == 4 and row["level_name"] == "mobilization" for row in exactly_4)
    assert {row["id"] for row in exactly_4} == {row["id"] for row in everything if row["level"] == 4}
    assert find(db, min_level=3, level=4) == exactly_4
    assert find(db, min_level=0) == everything


# -- --since and --until ---------------------------------------------------------------------


def test_since_a_month_keeps_statements_overlapping_from_its_first_day(db: Database) -> None:
    rows = find(db, since=PartialDate(2023, 10))
    assert len(rows) >= 8
    assert all(interval(row)[1] >= date(2023, 10, 1) for row in rows)
    assert all(row["date"] >= "2023-10" for row in rows)
    expected = {row["id"] for row in find(db) if row["date"] and interval(row)[1] >= date(2023, 10, 1)}
    assert {row["id"] for row in rows} == expected


def test_partial_dates_match_by_overlap_of_intervals(db: Database) -> None:
    march = [row for row in find(db, actor=KHAZALI) if row["date"] == "2021-03"]
    assert len(march) == 1, "the seeds date one Khazali statement to March 2021 only"
    march_id = march[0]["id"]

    # A statement known to March 2021 may fall on March 25th or on the 15th ...
    assert march_id in {row["id"] for row in find(db, since=PartialDate(2021, 3, 25))}
    assert march_id in {row["id"] for row in find(db, until=PartialDate(2021, 3, 15))}
    # ... but not after March or before it.
    assert march_id not in {row["id"] for row in find(db, since=PartialDate(2021, 4))}
    assert march_id not in {row["id"] for row in find(db, until=PartialDate(2021, 2, 28))}
    # A day-precise statement outside the window is left out.
    until_mid_march = find(db, until=PartialDate(2021, 3, 15))
    assert all(interval(row)[0] <= date(2021, 3, 15) for row in until_mid_march)
    assert "2021-03-21" not in {row["date"] for row in until_mid_march}


def test_since_and_until_together_and_year_precision(db: Database) -> None:
    rows = find(db, since=PartialDate(2023), until=PartialDate(2023))
    assert rows
    assert all(row["date"].startswith("2023") for row in rows)
    assert {row["id"] for row in rows} == {
        row["id"] for row in find(db) if row["date"] and row["date"].startswith("2023")
    }
    assert find(db, since=PartialDate(2030)) == []


# -- --kind, --search, --doc, --limit ---------------------------------------------------------


def test_kind(db: Database) -> None:
    direct = find(db, kind="direct")
    indirect = find(db, kind="indirect")
    assert direct and indirect
    assert {row["kind"] for row in direct} == {"direct"}
    assert {row["kind"] for row in indirect} == {"indirect"}
    assert len(direct) + len(indirect) == statement_count(db)


def test_search_is_full_text_over_quotes(db: Database) -> None:
    rows = find(db, search="liberate")
    assert rows
    assert all("liberate" in row["quote"].lower() for row in rows)
    assert "Akram al-Kaabi" in {row["speaker"] for row in rows}
    # FTS: word forms by prefix, case-insensitive.
    assert {row["id"] for row in find(db, search="LIBERAT*")} == {row["id"] for row in rows}


@pytest.mark.parametrize(
    "text",
    [
        "U.S.",
        "U.S. forces",
        "won't",
        "(",
        '"',
        "al-Assad",
        "*",
    ],
)
def test_search_with_fts_punctuation_does_not_crash(db: Database, text: str) -> None:
    rows = find(db, search=text)
    words = [w.strip(".\"'()*").lower() for w in text.split()]
    words = [w for w in words if w]
    for row in rows:
        folded = row["quote"].lower().replace("’", "'")
        assert all(word.split("'")[0] in folded for word in words), (text, row["quote"])


def test_search_for_an_abbreviation_finds_it(db: Database) -> None:
    rows = find(db, search="U.S.")
    assert rows
    assert all("U.S." in row["quote"] for row in rows)


def test_search_for_a_hyphenated_place_finds_it(db: Database) -> None:
    rows = find(db, search="al-Assad")
    assert rows
    assert all("al-Assad" in row["quote"] for row in rows)


def test_doc_filter_by_partial_name_and_exact_name(db: Database) -> None:
    rows = find(db, doc="002_")
    assert rows
    assert {row["document"] for row in rows} == {"002_bfbc928f984825ec.txt"}
    assert find(db, doc="002_bfbc928f984825ec.txt") == rows
    # LIKE wildcards in the value are taken literally.
    assert find(db, doc="%") == []
    assert find(db, doc="0_2") == []


def test_limit_keeps_the_first_statements_in_date_order(db: Database) -> None:
    everything = find(db)
    assert find(db, limit=3) == everything[:3]
    assert len(find(db, actor=KHAZALI, limit=2)) == 2


def test_filters_combine(db: Database) -> None:
    rows = find(db, org=AAH, min_level=2, since=PartialDate(2023, 11))
    assert rows
    for row in rows:
        assert row["organization"] == AAH or row["speaker"] == AAH
        assert row["level"] >= 2
        assert interval(row)[1] >= date(2023, 11, 1)
    assert find(db, actor=KHAZALI, kind="indirect", level=4) == []


# -- profiles and listings ----------------------------------------------------------------------


def test_actor_profile(db: Database) -> None:
    (profile,) = actor_profiles(db, "khazali")
    khazali = find(db, actor=KHAZALI)
    assert set(profile) == {
        "name", "kind", "organization", "aliases", "statements", "first_date", "last_date",
        "highest_level", "highest_level_name", "levels", "top_targets",
    }  # fmt: skip
    assert profile["name"] == KHAZALI
    assert profile["kind"] == "person"
    assert profile["organization"] == AAH
    assert "Khazali" in profile["aliases"]
    assert KHAZALI not in profile["aliases"]
    assert profile["statements"] == len(khazali) >= 3
    dated = [row for row in khazali if row["date"]]
    assert profile["first_date"] == dated[0]["date"]
    assert profile["last_date"] == dated[-1]["date"]
    assert profile["highest_level"] == max(row["level"] for row in khazali) == 4
    assert profile["highest_level_name"] == "mobilization"
    assert list(profile["levels"]) == list(LEVEL_NAMES)
    assert sum(profile["levels"].values()) == len(khazali)
    assert profile["levels"]["mobilization"] == sum(1 for row in khazali if row["level"] == 4)
    targets = {t["target"]: t["statements"] for t in profile["top_targets"]}
    assert targets
    for name, count in targets.items():
        assert count == sum(1 for row in khazali if name in row["targets"])


def test_list_actors(db: Database) -> None:
    actors = list_actors(db)
    assert actors
    for actor in actors:
        assert tuple(actor) == ACTOR_COLUMNS
    by_name = {actor["name"]: actor for actor in actors}
    assert by_name[KHAZALI]["organization"] == AAH
    assert by_name[KHAZALI]["statements"] == len(find(db, actor=KHAZALI))
    assert by_name[KHAZALI]["highest_level"] == 4
    assert by_name[KHAZALI]["highest_level_name"] == "mobilization"
    assert by_name[KHAZALI]["last_seen"] == "2023-11-01"
    counts = [actor["statements"] for actor in actors]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == sum(1 for row in find(db) if row["speaker"] in by_name)
    assert all(actor["statements"] > 0 for actor in actors)


def test_list_documents(db: Database) -> None:
    documents = list_documents(db)
    assert [d["name"] for d in documents] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for document in documents:
        assert tuple(document) == DOCUMENT_COLUMNS
    by_name = {d["name"]: d for d in documents}
    assert by_name["000_425beebd4e0e943e.txt"]["published"] == "2024-12"
    assert by_name["000_425beebd4e0e943e.txt"]["published_precision"] == "month"
    part1 = by_name["001_1f9d2d1b87ef81cc.txt"]
    assert part1["published"] == "2023-11-01"
    assert part1["published_precision"] == "day"
    assert part1["title"] == "Potential Escalation in Iraq (Part 1): Khamenei and Badr"
    assert part1["publisher"] == "The Washington Institute"
    assert part1["url"].startswith("https://www.washingtoninstitute.org/")
    assert sum(d["statements"] for d in documents) == statement_count(db)
    assert all(d["statements"] > 0 for d in documents)


def test_timeline_on_the_seeds(db: Database) -> None:
    rows = timeline(db, StatementFilter(since=PartialDate(2023, 10)))
    assert rows
    assert all(row["month"] == row["date"][:7] for row in rows)
    assert [row["id"] for row in rows] == [row["id"] for row in find(db, since=PartialDate(2023, 10))]
    assert count_undated(db, StatementFilter()) == 0


# -- undated statements ----------------------------------------------------------------------------


@pytest.fixture
def db_with_undated(tmp_path: Path, seeds_copy: Path) -> Iterator[Database]:
    (seeds_copy / "undated.txt").write_text(
        'Militia news\n\nQais al-Khazali said, "The American occupation has humiliated our '
        'people."\n\nHadi al-Ameri warned, "We will strike the occupation bases."\n',
        encoding="utf-8",
    )
    database = open_database(tmp_path / "undated.db")
    summary = ingest(database, [seeds_copy])
    assert summary.as_row()["undated_statements"] == 2
    yield database
    database.close()


def test_timeline_leaves_out_undated_statements_and_count_undated_counts_them(
    db_with_undated: Database,
) -> None:
    db = db_with_undated
    everything = find(db)
    undated = [row for row in everything if row["date"] is None]
    assert len(undated) == 2
    assert everything[-2:] == undated  # undated come last in show

    rows = timeline(db, StatementFilter())
    assert len(rows) == len(everything) - 2
    assert all(row["date"] is not None for row in rows)
    assert count_undated(db, StatementFilter()) == 2
    # The count follows the other filters, and ignores the date window.
    assert count_undated(db, StatementFilter(actor="Khazali")) == 1
    assert count_undated(db, StatementFilter(actor="Khazali", since=PartialDate(2030))) == 1
    assert count_undated(db, StatementFilter(min_level=3)) == 1
    # A date window never matches an undated statement.
    assert all(row["date"] is not None for row in find(db, since=PartialDate(1900)))


def test_a_search_gives_the_same_rows_checked_in_date_order_or_fetched_and_sorted(
    db_with_undated: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rhetrack import query

    db = db_with_undated
    modes: list[str] = []
    limited_search = query._limited_search

    def spy(db: Database, filters: StatementFilter) -> Any:
        search = limited_search(db, filters)
        modes.append(search.mode)
        return search

    monkeypatch.setattr(query, "_limited_search", spy)
    searches = ["occupation", "the", "we will", '"occupation forces"', "al-Assad", "U.S.", "liberat*"]
    others: list[dict[str, Any]] = [
        {}, {"actor": "Khazali"}, {"min_level": 2}, {"since": PartialDate(2023, 10)},
        {"target": "united-states"}, {"search_sentences": True},
    ]  # fmt: skip
    for search in searches:
        for other in others:
            everything = find(db, search=search, **other)  # no limit: every match, sorted
            for limit in sorted({1, 3, len(everything) - 1, len(everything), len(everything) + 5} - {-1}):
                filters = StatementFilter(search=search, limit=limit, **other)
                # Any match makes a search common: its statements are checked in date order.
                monkeypatch.setattr(query, "SEARCH_CHECK_COST", 0)
                checked = find_statements(db, filters), timeline(db, filters)
                # No search is common: its matches are read, then fetched and sorted.
                monkeypatch.setattr(query, "SEARCH_CHECK_COST", 10**9)
                fetched = find_statements(db, filters), timeline(db, filters)
                assert checked == fetched, (search, other, limit)
                assert checked[0] == everything[:limit], (search, other, limit)
    assert {"walk", "ids"} <= set(modes)
    assert len(find(db, search="occupation")) > len(timeline(db, StatementFilter(search="occupation")))

"""Date expressions: finding them in news prose, resolving them, bylines, CLI dates."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date

import pytest

from rhetrack.dates import (
    DateMention,
    find_byline_date,
    find_date_expressions,
    parse_user_date,
    resolve_date,
)
from rhetrack.partial_date import PartialDate


def _published(iso: str | None) -> PartialDate | None:
    return PartialDate.parse_iso(iso) if iso else None


def _only_mention(passage: str) -> DateMention:
    mentions = find_date_expressions(passage)
    assert len(mentions) == 1, mentions
    return mentions[0]


# passage, publication date, the mention's text, the resolved date.
# For the weekday arithmetic: 2023-11-01, 2023-11-08, 2023-11-15, 2024-01-03
# and 2025-01-01 are all Wednesdays.
RESOLVED = [
    # AP style, the cases general-purpose parsers get wrong in news text.
    ("Kataib Hezbollah said on Jan. 29 that", "2024-03-01", "on Jan. 29", "2024-01-29"),
    ("The group's Sept. 11 statement warned", "2023-11-01", "Sept. 11", "2023-09-11"),
    ("Kaabi said on Tuesday that the", "2023-11-01", "on Tuesday", "2023-10-31"),
    ("The movement said last week that", "2023-11-01", "last week", "2023-10"),
    ("Earlier this month, he warned", "2023-11-20", "Earlier this month", "2023-11"),
    ("In his Nov. 19, 2020 interview, he", "2021-04", "Nov. 19, 2020", "2020-11-19"),
    ("In March, while smiling, he told", "2021-04", "In March", "2021-03"),
    ("issued late on Monday, the group's", "2026-01", "late on Monday", "2026-01"),
    ("On December 3, he addressed a", "2024-12", "On December 3", "2024-12-03"),
    ("October 30", "2023-11-01", "October 30", "2023-10-30"),
    # Never after publication: the previous year's October 17.
    ("On Oct. 17 the group said", "2023-10-01", "On Oct. 17", "2022-10-17"),
    # Full dates, with or without a publication date.
    ("Nov 1, 2023", None, "Nov 1, 2023", "2023-11-01"),
    ("speech on March 21, 2021, Khamenei", "2021-04", "on March 21, 2021", "2021-03-21"),
    ("He spoke on 30 October 2023 in Baghdad", None, "on 30 October 2023", "2023-10-30"),
    ("the statement dated 2023-10-30 said", None, "2023-10-30", "2023-10-30"),
    ("on Tuesday, Oct. 31, 2023, the group", None, "on Tuesday, Oct. 31, 2023", "2023-10-31"),
    ("the ban announced in March 2021 by", None, "in March 2021", "2021-03"),
    ("U.S. forces left Iraq in 2011, and", "2021-04", "in 2011", "2011"),
    ("In 2019, the group", None, "In 2019", "2019"),
    ("a right exercised since 2019.", "2024-12", "since 2019", "2019"),
    ("ties strained since mid-2014 when", None, "since mid-2014", "2014"),
    # Month and day inside a longer phrase.
    ("In the early hours of November 1, Qais", "2023-11-01", "of November 1", "2023-11-01"),
    ("after Khamenei's November 1 speech", "2023-11-01", "November 1", "2023-11-01"),
    ("on the 3rd of March the council", "2023-11-01", "on the 3rd of March", "2023-03-03"),
    ("He returned on April 2: the", "2021-04", "on April 2", "2021-04-02"),
    # A month without a year: the latest one not after publication.
    ("In March, he said", "2021-02", "In March", "2020-03"),
    ("In December, the group", "2024-12-03", "In December", "2024-12"),
    ("in mid-March the faction", "2021-04", "in mid-March", "2021-03"),
    ("In May, the group", "2023-11-01", "In May", "2023-05"),
    ("last March, he said", "2024-03-20", "last March", "2023-03"),
    ("in a May 5 speech", "2023-11-01", "May 5", "2023-05-05"),
    ("by May 2020 the group", None, "by May 2020", "2020-05"),
    ("Feb. 29", "2025-03-01", "Feb. 29", "2024-02-29"),
    ("Dec. 31", "2024-01-02", "Dec. 31", "2023-12-31"),
    # Relative to a publication day.
    ("He said yesterday that", "2023-11-01", "yesterday", "2023-10-31"),
    ("Speaking today, he said", "2023-11-01", "today", "2023-11-01"),
    ("a speech tonight", "2023-11-01", "tonight", "2023-11-01"),
    ("said the day before yesterday", "2023-11-01", "the day before yesterday", "2023-10-30"),
    ("He said two days ago that", "2023-11-01", "two days ago", "2023-10-30"),
    ("He said 10 days ago that", "2023-11-01", "10 days ago", "2023-10-22"),
    ("posted on Wednesday night", "2023-11-01", "on Wednesday night", "2023-11-01"),
    ("He said last Wednesday", "2023-11-01", "last Wednesday", "2023-10-25"),
    ("He said on Sunday", "2023-11-01", "on Sunday", "2023-10-29"),
    ("The group said this week that", "2023-11-08", "this week", "2023-11"),
    # This week ran from Monday October 30: it only fits in the year.
    ("The group said this week that", "2023-11-01", "this week", "2023"),
    # ... and across a new year it fits in nothing.
    ("The group said this week that", "2025-01-01", "this week", None),
    ("The group said last week that", "2024-01-03", "last week", "2023-12"),
    ("a week ago, the group", "2023-11-15", "a week ago", "2023-11"),
    ("He said last month that", "2023-11-01", "last month", "2023-10"),
    ("He said last month that", "2024-01-15", "last month", "2023-12"),
    ("three months ago, he", "2024-02-10", "three months ago", "2023-11"),
    ("late last year, he", "2023-11-01", "late last year", "2022"),
    ("earlier this year, he", "2023-11-01", "earlier this year", "2023"),
    # Relative to a publication month or year: that month or year.
    ("He said yesterday that", "2023-11", "yesterday", "2023-11"),
    ("on Tuesday, he said", "2023", "on Tuesday", "2023"),
    ("He said last month that", "2023-11", "last month", "2023-10"),
    ("He said last month that", "2023", "last month", "2023"),
    ("He said last year that", "2023-11", "last year", "2022"),
    # Nothing to resolve against.
    ("on Tuesday, he said", None, "on Tuesday", None),
    ("He said yesterday that", None, "yesterday", None),
    ("In March, he said", None, "In March", None),
    ("October 30", None, "October 30", None),
    # Never after publication, never an impossible day.
    ("elections planned in 2025", "2024-12", "in 2025", None),
    ("on Dec. 20, 2024 the", "2024-12-03", "on Dec. 20, 2024", None),
    ("on Feb. 30 the group", "2024-03-10", "on Feb. 30", None),
    ("Feb. 29", "2026-01-10", "Feb. 29", None),
]


@pytest.mark.parametrize(("passage", "published", "expected_text", "expected"), RESOLVED)
def test_resolves_the_expression_in_a_passage(
    passage: str, published: str | None, expected_text: str, expected: str | None
) -> None:
    mention = _only_mention(passage)
    assert mention.text == expected_text
    assert passage[mention.start : mention.end] == mention.text
    resolved = resolve_date(mention, _published(published))
    assert (resolved.iso() if resolved else None) == expected


@pytest.mark.parametrize(("passage", "published", "expected_text", "expected"), RESOLVED)
def test_resolves_the_same_from_the_bare_text(
    passage: str, published: str | None, expected_text: str, expected: str | None
) -> None:
    resolved = resolve_date(expected_text, _published(published))
    assert (resolved.iso() if resolved else None) == expected


NOT_DATES = [
    "the U.S. may strike Iranian proxies",
    "We emphasize that the current phase",
    "the factions will march on Baghdad",
    "Theresa May said the alliance would hold",
    "an august body of clerics",
    "the militias of the 1990s",
    "a force of 2,000 fighters",
    "the council passed Resolution 2254 unanimously",
    "fighting from 2014-2017 displaced",
    "two days before Lebanese Hezbollah leader Hassan Nasrallah's speech",
    "the next day the group withdrew",
    "he will speak later this week",
    "a decision expected later today",
    "attacks in the last week have",
    "Mondays are quiet in Baghdad",
    "the Mar Elias church",
    "Marching orders came from Tehran",
    "the Octagon meeting",
    "it may take a few years",
    "May God protect them, he wrote",
]


@pytest.mark.parametrize("passage", NOT_DATES)
def test_finds_no_date_where_there_is_none(passage: str) -> None:
    assert find_date_expressions(passage) == []


@pytest.mark.parametrize(
    "passage",
    [
        "two days before Lebanese Hezbollah leader Hassan Nasrallah spoke",
        "He spoke on Jan. 29 in Baghdad",
        "banana",
        "",
        "later this week",
        "may",
    ],
)
def test_a_passage_or_non_date_is_not_resolved(passage: str) -> None:
    assert resolve_date(passage, PartialDate(2023, 11, 1)) is None


def test_mentions_are_sorted_non_overlapping_and_index_the_text() -> None:
    passage = (
        "On October 30, Hadi al-Ameri warned the U.S.; on Tuesday, Oct. 31, 2023, "
        "Kaabi said the group may act. In his Nov. 19, 2020 interview and again "
        "late on Monday, he recalled that U.S. forces left in 2011. Last week, "
        "the group said yesterday's attack was the first this week."
    )
    mentions = find_date_expressions(passage)
    assert [m.text for m in mentions] == [
        "On October 30",
        "on Tuesday, Oct. 31, 2023",
        "Nov. 19, 2020",
        "late on Monday",
        "in 2011",
        "Last week",
        "yesterday",
        "this week",
    ]
    assert [m.kind for m in mentions] == [
        "absolute",
        "absolute",
        "absolute",
        "relative",
        "absolute",
        "relative",
        "relative",
        "relative",
    ]
    for mention in mentions:
        assert passage[mention.start : mention.end] == mention.text
    for earlier, later in itertools.pairwise(mentions):
        assert earlier.end <= later.start


def test_an_expression_may_wrap_onto_the_next_line_but_not_across_paragraphs() -> None:
    wrapped = "In his Nov.\n19, 2020 interview"
    assert [m.text for m in find_date_expressions(wrapped)] == ["Nov.\n19, 2020"]
    assert resolve_date(find_date_expressions(wrapped)[0], None) == PartialDate(2020, 11, 19)
    separate = "He said it in\n\nMarch of that year"
    assert find_date_expressions(separate) == []


def test_capitalised_headline_months_count() -> None:
    mention = _only_mention("STATEMENT OF NOV. 1, 2023")
    assert resolve_date(mention, None) == PartialDate(2023, 11, 1)


def test_nothing_resolves_after_the_publication() -> None:
    expressions = [
        "Jan. 29",
        "Oct. 17",
        "December 3",
        "In March",
        "In December",
        "last March",
        "on Monday",
        "on Sunday",
        "this week",
        "last week",
        "earlier this month",
        "yesterday",
        "today",
        "two days ago",
        "last month",
        "this year",
    ]
    publications = [
        PartialDate(2023, 11, 1),
        PartialDate(2024, 1, 1),
        PartialDate(2024, 2, 29),
        PartialDate(2024, 12, 31),
        PartialDate(2024, 12),
        PartialDate(2021, 1),
        PartialDate(2021),
    ]
    for expression, published in itertools.product(expressions, publications):
        resolved = resolve_date(expression, published)
        if resolved is not None:
            assert resolved.interval()[0] <= published.interval()[1], (expression, published)


def test_importing_the_module_does_not_import_dateparser() -> None:
    check = "import sys, rhetrack.dates; print('dateparser' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"


@pytest.mark.xfail(strict=True, reason="a weekday in a newspaper's name reads as a weekday")
def test_known_miss_weekday_inside_a_newspaper_name() -> None:
    assert find_date_expressions("the Sunday Times reported") == []


@pytest.mark.xfail(strict=True, reason="'today' meaning 'nowadays' is not told apart")
def test_known_miss_today_meaning_nowadays() -> None:
    assert find_date_expressions("Iraq today is a different country") == []


@pytest.mark.xfail(strict=True, reason="a day of the month on its own is not read")
def test_known_miss_day_of_month_alone() -> None:
    mention = _only_mention("He spoke on the 20th, the group said")
    assert resolve_date(mention, PartialDate(2023, 11, 25)) == PartialDate(2023, 11, 20)


@pytest.mark.xfail(strict=True, reason="a historical anniversary resolves to the latest year")
def test_known_miss_historical_month_and_day() -> None:
    mention = _only_mention("the Sept. 11 attacks")
    assert resolve_date(mention, PartialDate(2023, 11, 1)) == PartialDate(2001, 9, 11)


# ---------------------------------------------------------------------------
# Bylines

BYLINES = [
    ("# Title\n\nby Someone\n\nNov 1, 2023\n\nBody text. In 2011 the group...", "2023-11-01"),
    ("Headline\nPublished: 2023-11-01\n\nBody", "2023-11-01"),
    ("Headline\nOctober 30, 2023 | 10:45 AM\n\nBody", "2023-10-30"),
    ("Headline\n*Updated on Monday, Oct. 30, 2023 at 10:45 a.m. EDT*\n", "2023-10-30"),
    ("Headline\nBy Jane Doe | 30 October 2023\n\nBody", "2023-10-30"),
    ("Headline\n2023-11-01T10:45:00Z\n", "2023-11-01"),
    ("Headline\nNov 1, 2023\n\nLater: Nov 17, 2023\n", "2023-11-01"),
    ("Headline\n\nOn Nov 1, 2023 the group said it would strike.\n", None),
    ("Headline\nNov 1\n\nBody", None),
    ("Headline\nNov 31, 2023\n\nBody", None),
    ("Headline\n\nBody without any date at all.", None),
]


@pytest.mark.parametrize(("text", "expected"), BYLINES)
def test_finds_the_byline_date(text: str, expected: str | None) -> None:
    found = find_byline_date(text)
    assert (found.iso() if found else None) == expected


def test_byline_must_be_within_max_chars() -> None:
    text = "Intro paragraph.\n" * 10 + "Nov 1, 2023\n"
    assert find_byline_date(text, max_chars=50) is None
    assert find_byline_date(text) == PartialDate(2023, 11, 1)


# ---------------------------------------------------------------------------
# Command-line dates

TODAY = date(2024, 3, 14)  # a Thursday

USER_DATES = [
    ("2023", "2023"),
    ("2023-10", "2023-10"),
    ("2023-10-30", "2023-10-30"),
    ("October 2023", "2023-10"),
    ("sept 2023", "2023-09"),
    ("MARCH 2021", "2021-03"),
    ("Oct 30 2023", "2023-10-30"),
    ("Oct. 30, 2023", "2023-10-30"),
    ("30 October 2023", "2023-10-30"),
    ("30th of October 2023", "2023-10-30"),
    ("today", "2024-03-14"),
    ("yesterday", "2024-03-13"),
    ("Yesterday", "2024-03-13"),
    ("monday", "2024-03-11"),
    ("thursday", "2024-03-14"),
    ("last thursday", "2024-03-07"),
    ("this week", "2024-03-11"),
    ("last week", "2024-03-04"),
    ("this month", "2024-03"),
    ("last month", "2024-02"),
    ("  Last   Month ", "2024-02"),
    ("this year", "2024"),
    ("last year", "2023"),
    ("3 days ago", "2024-03-11"),
    ("a day ago", "2024-03-13"),
    ("2 weeks ago", "2024-02-29"),
    ("three months ago", "2023-12"),
    ("2 years ago", "2022"),
]


@pytest.mark.parametrize(("text", "expected"), USER_DATES)
def test_reads_user_dates(text: str, expected: str) -> None:
    assert parse_user_date(text, today=TODAY).iso() == expected


def test_user_dates_default_to_the_real_today() -> None:
    assert parse_user_date("today") == PartialDate.from_date(date.today())


@pytest.mark.parametrize(
    "text", ["banana", "", "2023-13", "October", "next week", "Feb 30 2023", "99999 years ago"]
)
def test_bad_user_dates_raise_a_message_naming_the_input(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_user_date(text, today=TODAY)
    assert repr(text) in str(raised.value)


def test_the_message_lists_the_accepted_forms() -> None:
    with pytest.raises(ValueError, match=r"2023-10-30.*last month.*3 days ago"):
        parse_user_date("banana", today=TODAY)

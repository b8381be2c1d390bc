"""Date expressions in news text, resolved against the publication date.

Three jobs, all pure functions:

- `find_date_expressions` spots dates in running text ("Nov. 19, 2020",
  "On December 3", "In March", "late on Monday", "last week") with a handful
  of compiled regular expressions. It runs over every paragraph of every
  article, so it never calls a general-purpose date parser.
- `resolve_date` turns one expression into a `PartialDate` at the precision
  the text supports, using the publication date for anything relative or
  partial, and never returns a date after the publication.
- `find_byline_date` and `parse_user_date` read the two other places dates
  come from: an article's byline and the CLI's `--since`/`--until`.

Conventions shared by every function here:

- A mention's text includes the word that anchors it in time when one comes
  directly before it: a preposition (on, in, since, by, until, till, of,
  from, during, through) and a modifier (early, late, earlier), so "late on
  Monday", "In March", "since 2019", "of November 1". The preposition never
  changes how the mention resolves; it stays in the text so a caller can
  tell "since 2019" from "in 2019".
- Month names must be capitalised ("March", "MARCH", never "march"), and a
  bare month or year only counts after a preposition ("In March", "since
  2019"; "last March" too). "May" needs a day or a year next to it, or one
  of in/since/until/till/during/through/last before it and no possessive
  after it, so the verb "may" and "Theresa May said" are not dates.
- Expressions relative to something other than the publication ("two days
  before the speech", "the next day") are not matched at all.
- The month and day of a resolved date are always the ones written: values
  come from the matched digits and names, never from a parser's defaults.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

from rhetrack.partial_date import PartialDate

if TYPE_CHECKING:
    # Only for annotations: the CLI imports this module for --since and must start fast.
    from rhetrack.attribute import Attribution
    from rhetrack.gazetteer import Gazetteer
    from rhetrack.segment import Segmented, Sentence

__all__ = [
    "DateMention",
    "find_byline_date",
    "find_date_expressions",
    "parse_user_date",
    "resolve_date",
]

MentionKind = Literal["absolute", "relative"]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text.

    `start` and `end` are character offsets into the searched text, so
    `text[start:end] == mention.text`. `kind` is "absolute" when the
    expression names a month, day or year, "relative" when it only makes
    sense from the publication date (a weekday, "yesterday", "last week",
    "earlier this month", "three days ago").
    """

    start: int
    end: int
    text: str
    kind: MentionKind


# ---------------------------------------------------------------------------
# Vocabulary

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_BY_PREFIX = {name[:3].lower(): number for number, name in enumerate(_MONTHS, start=1)}
_WEEKDAY_BY_PREFIX = {name[:3].lower(): number for number, name in enumerate(_WEEKDAYS)}

# "Mar", "Jun" and "Jul" only count with their period: without it they are
# too often a word or part of a name ("Mar Elias").
_ABBREVIATIONS_PERIOD_OPTIONAL = ("Jan", "Feb", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_ABBREVIATIONS_PERIOD_REQUIRED = ("Mar", "Jun", "Jul")

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def _trie_alternation(words: Iterable[str]) -> str:
    """A regex group matching exactly these words, shaped as a trie.

    "(?:Jan(?:uary|\\.)?|June|...)" lets the engine reject a position after one
    character, where a flat "January|Jan.|June|..." would try every word.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{emit(trie)})"


def _news_month_words(*, include_may: bool) -> list[str]:
    """Month spellings accepted in article text: Title case or all capitals."""
    words: list[str] = []
    for name in _MONTHS:
        if name == "May" and not include_may:
            continue
        words.append(name)
    for abbreviation in _ABBREVIATIONS_PERIOD_OPTIONAL:
        words += [abbreviation, abbreviation + "."]
    words += [abbreviation + "." for abbreviation in _ABBREVIATIONS_PERIOD_REQUIRED]
    return words + [word.upper() for word in words]


def _user_month_words() -> list[str]:
    """Month spellings accepted on the command line (matched case-blind)."""
    words = list(_MONTHS)
    for name in _MONTHS:
        words += [name[:3], name[:3] + "."]
    return [*words, "Sept", "Sept."]


# ---------------------------------------------------------------------------
# Pattern pieces
#
# Each shape of expression is a core, which starts with its own distinctive
# token (a month, a weekday, a digit, "yesterday", "last"...), and a lead:
# the words that may, or for a bare month or year must, come right before it.
# Scanning looks for cores only, with regexes that begin with a literal or a
# character set, so the engine can skip straight to candidate characters,
# and then reads the lead backwards from each hit. A pattern that opened with
# optional lead words, or even with \b, would be tried at every character.

# Whitespace that may wrap onto the next line but never crosses a blank line,
# so an expression cannot join the end of one paragraph to the next.
_SP = r"(?:[^\S\n]|\n(?![^\S\n]*\n))+"
_MODIFIER = rf"(?:(?i:early|late|earlier){_SP})"
_PREPOSITION = r"(?i:on|in|since|by|until|till|of|from|during|through)"
_PART_OF = rf"(?:(?i:early|late|mid)(?:-|{_SP}))?"
_NEWS_WEEKDAY_WORDS = _trie_alternation([*_WEEKDAYS, *(name.upper() for name in _WEEKDAYS)])
_WEEKDAY = rf"(?P<weekday>{_NEWS_WEEKDAY_WORDS})(?![A-Za-z])"
# "Tuesday, Oct. 31" is one expression, dated by its month and day.
_WEEKDAY_PREFIX = rf"(?:{_NEWS_WEEKDAY_WORDS},?{_SP})?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)?(?!\w|[.,:]\d)"
# Not a count ("2011 people"), a decade ("1990s"), a range start
# ("2014-2017") or a decimal.
_YEAR_END = r"(?![\w%]|[-–]\d|[.,]\d)"
_YEAR = rf"(?P<year>(?:19|20)\d{{2}}){_YEAR_END}"
_ISO_REST = r"-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d|-\d)"
_TIME_OF_DAY = r"(?i:morning|afternoon|evening|night)"
# "later today", "later this week" look forward; "in the last week" is a span.
_NOT_FORWARD = r"(?<![Ll]ater\s)(?<![Tt]he\s)"


def _month(words: list[str]) -> str:
    return rf"(?P<month>{_trie_alternation(words)})(?![A-Za-z])"


def _either_case(words: list[str]) -> str:
    """An alternation of words in lower case or with a capital first letter."""
    return "|".join(f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}" for word in words)


def _unnamed(source: str) -> str:
    """The same regex without group names, so that pieces can be combined."""
    return re.sub(r"\(\?P<\w+>", "(?:", source)


def _absolute_cores(month: str) -> list[tuple[str, str]]:
    """Cores of the dated shapes, for one spelling of month names, longest first."""
    return [
        ("iso", rf"(?P<year>(?:19|20)\d{{2}}){_ISO_REST}"),
        ("month_day_year", rf"{month}{_SP}{_DAY},?{_SP}{_YEAR}"),
        ("day_month_year", rf"{_DAY}(?:{_SP}(?i:of))?{_SP}{month},?{_SP}{_YEAR}"),
        ("month_year", rf"{month},?{_SP}{_YEAR}"),
        ("month_day", rf"{month}{_SP}{_DAY}"),
        ("day_month", rf"{_DAY}(?:{_SP}(?i:of))?{_SP}{month}"),
    ]


_NEWS_MONTH = _month(_news_month_words(include_may=True))
_NEWS_MONTH_NOT_MAY = _month(_news_month_words(include_may=False))
_MAY = r"(?P<month>May|MAY)(?![A-Za-z'’])"

_LEAD_ANY = rf"{_MODIFIER}?(?:{_PREPOSITION}{_SP})?"
_LEAD_DAY = rf"{_LEAD_ANY}{_WEEKDAY_PREFIX}"
_LEAD_DAY_FIRST = rf"{_LEAD_DAY}(?:(?i:the){_SP})?"
_LEADS_BY_ABSOLUTE_CORE = {
    "iso": _LEAD_DAY,
    "month_day_year": _LEAD_DAY,
    "day_month_year": _LEAD_DAY_FIRST,
    "month_year": rf"{_LEAD_ANY}{_PART_OF}",
    "month_day": _LEAD_DAY,
    "day_month": _LEAD_DAY_FIRST,
}
_BARE_MONTH_LEAD = rf"{_MODIFIER}?{_PREPOSITION}{_SP}{_PART_OF}"
_BARE_MAY_LEAD = rf"{_MODIFIER}?(?i:in|since|until|till|during|through){_SP}{_PART_OF}"
_LAST_LEAD = rf"(?i:last){_SP}"
_YEAR_LEAD = rf"{_MODIFIER}?(?i:in|since|by|of|until|till|during|from|through){_SP}{_PART_OF}"
_WEEKDAY_LEAD = rf"{_LEAD_ANY}(?:(?P<which>(?i:last|this)){_SP})?"
_PERIOD_LEAD = rf"(?:(?i:early|late){_SP})?"

_WEEKDAY_CORE = rf"{_WEEKDAY}(?:{_SP}{_TIME_OF_DAY})?(?![A-Za-z])"
_DAY_WORD_CORE = (
    rf"(?P<word>[Tt]he{_SP}day{_SP}before{_SP}yesterday|[Yy]esterday|[Tt]oday|[Tt]onight"
    rf"|[Ll]ast{_SP}night|[Tt]his{_SP}(?:morning|afternoon|evening))"
    rf"(?:{_SP}(?:morning|afternoon|evening))?(?![A-Za-z])"
)
_PERIOD_CORE = rf"(?P<which>[Ee]arlier{_SP}this|[Tt]his|[Ll]ast){_SP}(?P<unit>week|month|year)(?![A-Za-z])"
_AGO_CORE = (
    rf"(?P<count>[1-9]\d{{0,2}}|{_either_case(list(_NUMBER_WORDS))})"
    rf"{_SP}(?P<unit>days?|weeks?|months?|years?){_SP}ago\b"
)


@dataclass(frozen=True)
class _Form:
    """One shape of date expression.

    `core` matches the expression without its lead. `full` reads an
    isolated expression, lead included. `lead_before`, run with `endpos` at
    a core's start, finds the lead in front of it; a form whose lead is
    required is rejected when it finds none.
    """

    name: str
    kind: MentionKind
    core: re.Pattern[str]
    looks_back_only: bool
    full: re.Pattern[str]
    lead_before: re.Pattern[str]


def _form(
    name: str,
    kind: MentionKind,
    core: str,
    lead: str,
    *,
    lead_required: bool = False,
    looks_back_only: bool = False,
) -> _Form:
    guard = _NOT_FORWARD if looks_back_only else ""
    optional = "" if lead_required else "?"
    return _Form(
        name,
        kind,
        re.compile(core),
        looks_back_only,
        re.compile(rf"{guard}\b(?:{lead}){optional}{core}"),
        # \Z, not $: $ would also stop before a newline ending the window.
        re.compile(rf"(?<!\w)(?:{lead}){optional}\Z"),
    )


@dataclass(frozen=True)
class _Scan:
    """A regex finding the cores of several forms at once.

    A hit goes to the first form, longest first, whose core matches at the
    hit's start and whose lead is satisfied. `needs` is a cheap test that
    every text with a hit passes; most paragraphs fail it and skip the scan,
    which matters for cores whose first character is a common letter.
    """

    pattern: re.Pattern[str]
    forms: tuple[_Form, ...]
    needs: Callable[[str], object] | None


def _scan(source: str, *forms: _Form, needs: Callable[[str], object] | None = None) -> _Scan:
    return _Scan(re.compile(_unnamed(source)), forms, needs)


def _contains_any(*words: str) -> Callable[[str], bool]:
    return lambda text: any(word in text for word in words)


# Compiling every pattern takes tens of milliseconds; the CLI imports this
# module for commands that never read a date, so compilation waits for the
# first call and then happens once.
@cache
def _news_scans() -> tuple[_Scan, ...]:
    full_date = {
        name: _form(name, "absolute", core, _LEADS_BY_ABSOLUTE_CORE[name])
        for name, core in _absolute_cores(_NEWS_MONTH)
    }
    bare_month = (
        _form("month", "absolute", _NEWS_MONTH_NOT_MAY, _BARE_MONTH_LEAD, lead_required=True),
        _form("last_month_name", "absolute", _NEWS_MONTH_NOT_MAY, _LAST_LEAD, lead_required=True),
        _form("month", "absolute", _MAY, _BARE_MAY_LEAD, lead_required=True),
        _form("last_month_name", "absolute", _MAY, _LAST_LEAD, lead_required=True),
    )
    return (
        _scan(
            rf"{_NEWS_MONTH}(?:{_SP}{_DAY}(?:,?{_SP}{_YEAR})?|,?{_SP}{_YEAR})?",
            full_date["month_day_year"],
            full_date["month_year"],
            full_date["month_day"],
            *bare_month,
        ),
        _scan(
            rf"{_DAY}(?:{_SP}(?i:of))?{_SP}{_NEWS_MONTH}(?:,?{_SP}{_YEAR})?",
            full_date["day_month_year"],
            full_date["day_month"],
            needs=re.compile(_unnamed(_NEWS_MONTH)).search,
        ),
        _scan(
            rf"(?:19|20)\d{{2}}(?:{_ISO_REST}|{_YEAR_END})",
            full_date["iso"],
            _form("year", "absolute", _YEAR, _YEAR_LEAD, lead_required=True),
        ),
        _scan(_WEEKDAY_CORE, _form("weekday", "relative", _WEEKDAY_CORE, _WEEKDAY_LEAD)),
        _scan(
            _DAY_WORD_CORE,
            _form("day_word", "relative", _DAY_WORD_CORE, _LEAD_ANY, looks_back_only=True),
            # Word tails, so that "Today" and "today" both pass.
            needs=_contains_any("esterday", "oday", "onight", "night", "morning", "afternoon", "evening"),
        ),
        _scan(
            _PERIOD_CORE,
            _form("period", "relative", _PERIOD_CORE, _PERIOD_LEAD, looks_back_only=True),
            needs=_contains_any("week", "month", "year"),
        ),
        _scan(
            _AGO_CORE,
            _form("ago", "relative", _AGO_CORE, ""),
            needs=_contains_any("ago"),
        ),
    )


@cache
def _news_forms() -> tuple[_Form, ...]:
    """Every form, in the order tried on an isolated expression.

    Within a scan the forms run longest first, so the first full match is
    the reading the scan itself would have given.
    """
    return tuple(form for scan in _news_scans() for form in scan.forms)


@cache
def _forward_guard() -> re.Pattern[str]:
    return re.compile(_NOT_FORWARD)


# Longer than any lead: modifier, preposition, weekday and "mid-" together.
_LEAD_WINDOW = 64


# ---------------------------------------------------------------------------
# Finding expressions


def _claim(text: str, start: int, forms: tuple[_Form, ...]) -> DateMention | None:
    """The mention a core hit at `start` makes with its lead, if a form accepts it."""
    for form in forms:
        core = form.core.match(text, start)
        if core is None:
            continue
        lead = form.lead_before.search(text, max(0, start - _LEAD_WINDOW), start)
        if lead is None:
            continue
        mention_start = lead.start()
        if form.looks_back_only and not _forward_guard().match(text, mention_start):
            continue
        return DateMention(mention_start, core.end(), text[mention_start : core.end()], form.kind)
    return None


def find_date_expressions(text: str) -> list[DateMention]:
    """Every date expression in `text`, sorted by start, none overlapping.

    Where two candidate expressions overlap, the longer one wins ("on
    Tuesday, Oct. 31" over "on Tuesday", "Nov. 19, 2020" over "Nov. 19").
    Each mention's offsets index `text` exactly. See the module docstring
    for what counts as an expression and what the matched text includes.
    """
    candidates: list[DateMention] = []
    for scan in _news_scans():
        if scan.needs is not None and not scan.needs(text):
            continue
        for hit in scan.pattern.finditer(text):
            start = hit.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # inside a word or a number
            mention = _claim(text, start, scan.forms)
            if mention is not None:
                candidates.append(mention)
    if len(candidates) < 2:
        return candidates
    candidates.sort(key=lambda mention: (mention.start - mention.end, mention.start))
    chosen: list[DateMention] = []
    for candidate in candidates:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    chosen.sort(key=lambda mention: mention.start)
    return chosen


# ---------------------------------------------------------------------------
# Reading one expression

_ExpressionForm = Literal[
    "full", "month_day", "month_year", "month", "year", "weekday", "day_word", "period", "ago"
]
_Unit = Literal["day", "week", "month", "year"]
_UNIT_BY_WORD: dict[str, _Unit] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}


@dataclass(frozen=True)
class _Expression:
    """What one date expression says, before the publication date is known.

    `back` counts units before the publication ("two days ago" is 2 days
    back, "last month" 1 month back). `strictly_before` marks "last March",
    "last Monday" and "earlier this week": the publication's own month or
    day is excluded.
    """

    form: _ExpressionForm
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: _Unit | None = None
    back: int = 0
    strictly_before: bool = False


def _month_number(token: str) -> int:
    return _MONTH_BY_PREFIX[token.rstrip(".").lower()[:3]]


def _expression_from(form_name: str, match: re.Match[str]) -> _Expression | None:
    """Read the groups of a match made by one of the named forms."""
    groups = match.groupdict()
    if form_name in ("iso", "month_day_year", "day_month_year"):
        month = int(groups["month"]) if form_name == "iso" else _month_number(groups["month"])
        return _Expression("full", int(groups["year"]), month, int(groups["day"]))
    if form_name in ("month_day", "day_month"):
        return _Expression("month_day", month=_month_number(groups["month"]), day=int(groups["day"]))
    if form_name == "month_year":
        return _Expression("month_year", int(groups["year"]), _month_number(groups["month"]))
    if form_name in ("month", "last_month_name"):
        return _Expression(
            "month",
            month=_month_number(groups["month"]),
            strictly_before=form_name == "last_month_name",
        )
    if form_name == "year":
        return _Expression("year", int(groups["year"]))
    if form_name == "weekday":
        which = (groups["which"] or "").lower()
        return _Expression(
            "weekday",
            weekday=_WEEKDAY_BY_PREFIX[groups["weekday"][:3].lower()],
            strictly_before=which == "last",
        )
    if form_name == "day_word":
        word = " ".join(groups["word"].lower().split())
        if word == "the day before yesterday":
            back = 2
        elif word in ("yesterday", "last night"):
            back = 1
        else:
            back = 0
        return _Expression("day_word", unit="day", back=back)
    if form_name == "period":
        which = " ".join(groups["which"].lower().split())
        return _Expression(
            "period",
            unit=_UNIT_BY_WORD[groups["unit"].lower()],
            back=1 if which == "last" else 0,
            strictly_before=which == "earlier this",
        )
    if form_name == "ago":
        count_text = groups["count"].lower()
        count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
        return _Expression("ago", unit=_UNIT_BY_WORD[groups["unit"].lower()], back=count)
    return None


@lru_cache(maxsize=4096)
def _read_expression(text: str) -> _Expression | None:
    """The expression `text` states, if the whole of it is one date expression."""
    stripped = text.strip().rstrip(",;:").strip()
    # "Jan." keeps its period; a sentence's final period is dropped.
    attempts = [stripped, stripped[:-1]] if stripped.endswith(".") else [stripped]
    for attempt in attempts:
        for form in _news_forms():
            match = form.full.fullmatch(attempt)
            if match:
                return _expression_from(form.name, match)
    return None


# ---------------------------------------------------------------------------
# Resolving against the publication date


def _month_shift(year: int, month: int, months_back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - months_back
    return index // 12, index % 12 + 1


def _smallest_covering(first: date, last: date) -> PartialDate | None:
    """The finest PartialDate whose interval holds every day from first to last."""
    if first == last:
        return PartialDate.from_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return None


def _most_recent_day(
    year_candidates: tuple[int, ...], month: int, day: int, latest: date
) -> PartialDate | None:
    """The first existing (year, month, day) among the candidates on or before latest."""
    for year in year_candidates:
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= latest:
            return PartialDate.from_date(candidate)
    return None


def _resolve_relative(expression: _Expression, published: PartialDate) -> PartialDate | None:
    """Resolve a weekday, day word, period or "ago" against the publication."""
    unit = expression.unit
    if published.precision != "day":
        # The publication only bounds the statement to its own month or year;
        # units of a month or a year can still be counted back from it.
        if unit == "year":
            return PartialDate(published.year - expression.back)
        if unit == "month" and published.month is not None:
            return PartialDate(*_month_shift(published.year, published.month, expression.back))
        return published
    day = published.interval()[0]
    if expression.form == "weekday":
        assert expression.weekday is not None
        days_back = (day.weekday() - expression.weekday) % 7
        if days_back == 0 and expression.strictly_before:
            days_back = 7
        return PartialDate.from_date(day - timedelta(days=days_back))
    if unit == "day":
        return PartialDate.from_date(day - timedelta(days=expression.back))
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        if expression.back == 0:
            last = day - timedelta(days=1) if expression.strictly_before and day > monday else day
            return _smallest_covering(monday, last)
        first = monday - timedelta(weeks=expression.back)
        return _smallest_covering(first, first + timedelta(days=6))
    if unit == "month":
        return PartialDate(*_month_shift(day.year, day.month, expression.back))
    if unit == "year":
        return PartialDate(day.year - expression.back)
    return None


def _resolve_expression(expression: _Expression, published: PartialDate | None) -> PartialDate | None:
    """Resolve an expression; the caller enforces the not-after-publication rule."""
    if expression.form == "full":
        assert expression.year is not None and expression.month is not None
        try:
            return PartialDate(expression.year, expression.month, expression.day)
        except ValueError:
            return None
    if expression.form == "month_year":
        assert expression.year is not None
        return PartialDate(expression.year, expression.month)
    if expression.form == "year":
        assert expression.year is not None
        return PartialDate(expression.year)
    if published is None:
        return None
    latest = published.interval()[1]
    if expression.form == "month_day":
        assert expression.month is not None and expression.day is not None
        years = (latest.year, latest.year - 1)
        return _most_recent_day(years, expression.month, expression.day, latest)
    if expression.form == "month":
        assert expression.month is not None
        month_of_publication = latest.month
        if expression.month < month_of_publication or (
            expression.month == month_of_publication and not expression.strictly_before
        ):
            return PartialDate(latest.year, expression.month)
        return PartialDate(latest.year - 1, expression.month)
    return _resolve_relative(expression, published)


def resolve_date(mention: DateMention | str, published: PartialDate | None) -> PartialDate | None:
    """The date a mention refers to, at the precision its text supports.

    `mention` is a `DateMention` or the text of one expression on its own
    (surrounding whitespace and punctuation ignored; a longer passage gives
    None). `published` is the document's publication date, or None.

    Promises:
    - A date with a year ("Nov. 19, 2020", "in March 2021", "in 2011",
      "2023-10-30") resolves as written, with or without a publication date.
    - A month and day without a year takes the latest year that puts it on
      or before the end of the publication interval ("Oct. 17" published
      2023-10-01 is 2022-10-17; "December 3" published 2024-12 is
      2024-12-03), looking back at most one year.
    - A bare month ("In March") is the latest such month not after the
      publication's month; "last March" excludes the publication's month.
    - Relative expressions need the publication date. With a day: weekdays
      are the latest such day on or before it ("last Monday": strictly
      before), "yesterday" and "N days ago" count days, "last month", "N
      months ago" count months (month precision), "last year" counts years.
      Week expressions ("this week", "last week", "N weeks ago") name a
      Monday-to-Sunday calendar week (this week only up to the publication
      day) and give the finest date that covers all of it: a month, or the
      year when the week straddles two months, or None across a new year.
      With only a publication month or year, day and week expressions give
      that month or year; month and year expressions still count back.
    - Without a publication date, anything without its own year is None.
    - Nothing after the publication interval, no impossible day
      ("Feb. 30"), and nothing unreadable: all give None.
    """
    text = mention.text if isinstance(mention, DateMention) else mention
    expression = _read_expression(text)
    if expression is None:
        return None
    resolved = _resolve_expression(expression, published)
    if resolved is None:
        return None
    if published is not None and resolved.interval()[0] > published.interval()[1]:
        return None
    return resolved


# ---------------------------------------------------------------------------
# Bylines


def _byline_pattern(date_source: str) -> re.Pattern[str]:
    label = r"(?i:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?|date|dated)"
    separator = r"\s*[|,•·\-–—@]\s*|\s+(?i:at)\s+|\s+|T"
    time = r"\d{1,2}[:.]\d{2}.*"
    author = r"(?i:by)\s+[^\n]{1,150}?\s*[|,•·\-–—]\s*"
    return re.compile(
        rf"(?:{author})?(?:{label}\s*[:\-–—]?\s*)?{_WEEKDAY_PREFIX}{date_source}"
        rf"(?:(?:{separator}){time})?"
    )


@cache
def _byline_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, _byline_pattern(source))
        for name, source in _absolute_cores(_NEWS_MONTH)
        if name in ("iso", "month_day_year", "day_month_year")
    )


_MARKUP_AROUND_LINE = " \t*_#>`"


# A wire dateline opening a paragraph: a place in capitals, a date, perhaps the
# agency, then a dash: "BAGHDAD, Nov. 3, 2023 (AP) —", "SANAA, March 4, 2024 (Reuters) -".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,\s+(?P<date>[^()—–]{4,40}?)"
    r"\s*(?:\([^()]{1,30}\))?\s*(?:[—–]|--?)\s"
)


# A page store's date stamp opening a text: " date 2025-05-20 Head of …".
PAGE_STAMP = re.compile(r"\s*date\s+(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:\s+|$)")


def find_byline_date(text: str, max_chars: int = 2000) -> PartialDate | None:
    """The publication date standing on its own line near the top of `text`.

    Looks at the lines within the first `max_chars` characters, ignoring
    Markdown emphasis and heading marks around them, for a line that is a
    full date with a year and nothing more than an optional label
    ("Published:", "Updated on"), an optional "By <author> |" in front and
    an optional time behind ("Nov 1, 2023", "Published: 2023-11-01",
    "October 30, 2023 | 10:45 AM"), or a wire dateline opening a line
    ("BAGHDAD, Nov. 3, 2023 (AP) — …"). Returns the first such date, at day
    precision, or None. A date inside a sentence is never a byline.
    """
    for line in text[:max_chars].splitlines():
        candidate = line.strip(_MARKUP_AROUND_LINE)
        stamp = PAGE_STAMP.match(candidate)
        dateline = _DATELINE.match(candidate)
        if stamp:
            # " date 2025-05-20 SANAA: …": a page store's stamp before the text.
            candidate = stamp.group("date")
        elif dateline:
            # "BAGHDAD, Nov. 3, 2023 (AP) — …": the wire dateline's date.
            candidate = dateline.group("date")
        if not candidate or len(candidate) > 200:
            continue
        for name, pattern in _byline_patterns():
            match = pattern.fullmatch(candidate)
            if match is None:
                continue
            expression = _expression_from(name, match)
            if expression is None:
                continue
            resolved = _resolve_expression(expression, None)
            if resolved is not None:
                return resolved
    return None


# ---------------------------------------------------------------------------
# Command-line dates


@dataclass(frozen=True)
class _UserPatterns:
    """The command line's date shapes, matched case-blind against the whole value."""

    absolute: tuple[tuple[str, re.Pattern[str]], ...]
    ago: re.Pattern[str]
    period: re.Pattern[str]
    weekday: re.Pattern[str]


@cache
def _user_patterns() -> _UserPatterns:
    month = _month(_user_month_words())
    return _UserPatterns(
        absolute=tuple(
            (name, re.compile(source, re.IGNORECASE))
            for name, source in _absolute_cores(month)
            if name in ("month_day_year", "day_month_year", "month_year")
        ),
        ago=re.compile(
            rf"(?P<count>\d{{1,4}}|{_trie_alternation(list(_NUMBER_WORDS))})\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago",
            re.IGNORECASE,
        ),
        period=re.compile(r"(?P<which>this|last)\s+(?P<unit>week|month|year)", re.IGNORECASE),
        weekday=re.compile(
            rf"(?:(?P<which>last|this)\s+)?(?P<weekday>{_trie_alternation(list(_WEEKDAYS))})",
            re.IGNORECASE,
        ),
    )


_USER_FORMS_HELP = (
    "use 2023, 2023-10, 2023-10-30, 'October 2023', 'Oct 30 2023', '30 October 2023', "
    "or words like 'today', 'yesterday', 'monday', 'last week', 'last month', "
    "'this year', '3 days ago', '2 weeks ago'"
)


def parse_user_date(text: str, today: date | None = None) -> PartialDate:
    """Read a `--since`/`--until` value, relative words counted from `today`.

    Accepted, case-blind:
    - ISO at any precision: "2023", "2023-10", "2023-10-30";
    - a month and year, "October 2023" (month), or a full date, "Oct 30
      2023", "30 October 2023", "Oct. 30, 2023" (day);
    - "today", "yesterday" (day); a weekday, "monday" (the latest on or
      before today) or "last monday" (strictly before) (day);
    - "this week", "last week": the Monday that starts the week (day);
    - "this month", "last month" (month); "this year", "last year" (year);
    - "N days/weeks ago" (day), "N months ago" (month), "N years ago"
      (year), N in digits or a word from "a"/"one" to "twelve".

    `today` defaults to `date.today()`. Raises ValueError, naming the input
    and listing these forms, for anything else.
    """
    reference = today if today is not None else date.today()
    value = " ".join(text.split())
    try:
        return PartialDate.parse_iso(value)
    except ValueError:
        pass
    lowered = value.lower()
    if lowered == "today":
        return PartialDate.from_date(reference)
    if lowered == "yesterday":
        return PartialDate.from_date(reference - timedelta(days=1))
    patterns = _user_patterns()
    match = patterns.ago.fullmatch(value)
    if match:
        count_text = match["count"].lower()
        count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
        unit = _UNIT_BY_WORD[match["unit"].lower()]
        try:
            if unit in ("day", "week"):
                days = count * (7 if unit == "week" else 1)
                return PartialDate.from_date(reference - timedelta(days=days))
            if unit == "month":
                return PartialDate(*_month_shift(reference.year, reference.month, count))
            return PartialDate(reference.year - count)
        except (OverflowError, ValueError) as error:
            raise ValueError(f"cannot read {text!r} as a date: it is too far back") from error
    match = patterns.period.fullmatch(value)
    if match:
        back = 1 if match["which"].lower() == "last" else 0
        unit = match["unit"].lower()
        if unit == "week":
            monday = reference - timedelta(days=reference.weekday())
            return PartialDate.from_date(monday - timedelta(weeks=back))
        if unit == "month":
            return PartialDate(*_month_shift(reference.year, reference.month, back))
        return PartialDate(reference.year - back)
    match = patterns.weekday.fullmatch(value)
    if match:
        weekday = _WEEKDAY_BY_PREFIX[match["weekday"][:3].lower()]
        days_back = (reference.weekday() - weekday) % 7
        if days_back == 0 and (match["which"] or "").lower() == "last":
            days_back = 7
        return PartialDate.from_date(reference - timedelta(days=days_back))
    for name, pattern in patterns.absolute:
        match = pattern.fullmatch(value)
        if match:
            expression = _expression_from(name, match)
            resolved = _resolve_expression(expression, None) if expression else None
            if resolved is None:
                raise ValueError(f"cannot read {text!r} as a date: there is no such day")
            return resolved
    fallback = _free_form_day(value, reference)
    if fallback is not None:
        return fallback
    raise ValueError(f"cannot read {text!r} as a date: {_USER_FORMS_HELP}")


def _free_form_day(value: str, reference: date) -> PartialDate | None:
    """A date the patterns above do not cover ("a fortnight ago", "first of March
    2023"), read by dateparser at day precision. Imported only here: it costs
    a few hundred milliseconds, and news text never comes through this path.
    """
    if len(value.split()) < 2 or re.match(r"\d{4}-", value):
        return None  # a lone word ("banana") or a broken ISO date is not for guessing
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": datetime.combine(reference, time()),
        },
    )
    if parsed is None or parsed.date() > reference:
        return None
    return PartialDate.from_date(parsed.date())


# -- dating statements -------------------------------------------------------------
#
# A statement's date is when it was made: a date in its own sentence, else
# the nearest earlier date in its paragraph, else the date of the event its
# speaker was last described at (carried across paragraphs while no other
# date intervenes), else a date in the next paragraph's opening sentence
# that names the speaker ("In his Nov. 19 interview, Khazali …"), else the
# publication date marked "reported". Dates inside quotations are the
# speaker's own references, never the statement's date.

StatementPrecision = Literal["day", "month", "year", "reported", "unknown"]


@dataclass(frozen=True)
class StatementDate:
    """When a statement was made, at the precision the text supports."""

    value: PartialDate | None
    precision: StatementPrecision
    expression: str | None = None  # the words it was resolved from

    def interval(self) -> tuple[date, date] | None:
        """First and last day the date covers; None when unknown."""
        return self.value.interval() if self.value is not None else None


@dataclass(frozen=True)
class _DatedSentence:
    value: PartialDate
    expression: str
    names: frozenset[str]  # speakers this sentence or its paragraph is about
    first: str | None = None  # the actor the sentence names first: what it is about


class _TopQuotes:
    """A document's top-level quotations, to blank them out of a stretch of text."""

    def __init__(self, segmented: Segmented) -> None:
        self.text = segmented.text
        self.quotes = [quote for quote in segmented.quotes if quote.depth == 0]  # sorted by start
        self.starts = [quote.start for quote in self.quotes]
        self.reach = list(accumulate((quote.end for quote in self.quotes), max))

    def blank(self, start: int, end: int) -> str:
        """text[start:end] with every top-level quotation in it turned to spaces."""
        text = self.text[start:end]
        # bisect: only quotations starting before `end` can overlap, and none
        # does when the furthest of their ends stops at `start` (most sentences).
        count = bisect_left(self.starts, end)
        if not count or self.reach[count - 1] <= start:
            return text
        # The first quotation whose reach passes `start`: those before it end before it.
        first = bisect_right(self.reach, start, 0, count)
        for quote in self.quotes[first:count]:
            if quote.end > start:
                left, right = max(quote.start, start) - start, min(quote.end, end) - start
                text = text[:left] + " " * (right - left) + text[right:]
        return text


# "two days before November 3": an offset from a date that is itself written.
# (Before an event with no date, "two days before Nasrallah's speech", there
# is nothing to count from, and no date is found.)
_OFFSET = re.compile(
    rf"\b(?P<count>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s+(?P<unit>days?|weeks?)\s+"
    r"(?P<direction>before|after|prior to|ahead of)\s+$",
    re.IGNORECASE,
)


def _offset_date(body: str, mention: DateMention, value: PartialDate) -> tuple[PartialDate, int] | None:
    """The date an offset phrase before `mention` points to, and where the phrase starts."""
    offset = _OFFSET.search(body, max(0, mention.start - 40), mention.start)
    if offset is None or value.precision != "day":
        return None
    count_text = offset["count"].lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    days = count * (7 if offset["unit"].lower().startswith("week") else 1)
    sign = 1 if offset["direction"].lower() == "after" else -1
    return PartialDate.from_date(value.interval()[0] + timedelta(days=sign * days)), offset.start()


# "since November", "until March": the bound of a period in the sentence
# (after a modifier such as "early"); "from October 17 to December 31",
# "between October 17 and November 1": both ends of a range.
_PERIOD_BOUND = re.compile(r"(?:\w+\s+)?(?:since|until|till)\b", re.IGNORECASE)
_RANGE_OPENING = re.compile(r"(?:\w+\s+)?from\b", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|this)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:to|and|through|-|–)\s*", re.IGNORECASE)


# After a reporting verb, where the reported content begins: a that-clause,
# an infinitive or a preposition of the frame, punctuation, a quotation, a
# subject pronoun, or a finite verb of a that-less clause ("said the group
# attacked"). Until then the words are the verb's own: "said in a statement
# on Sunday that", "told reporters Monday", "warned late on Tuesday".
_CONTENT_OPENING = re.compile(
    r"[,;:“”\"«]|\b(?:that|to|of|for|against|as|whether|if|it|he|she|they|we|I|who|which|"
    r"is|are|was|were|will|would|had|has|have|could|can|must|should|might|may)\b|\b\w+ed\b"
)
_VERB_FRAME_WORDS = 8  # at most this many words between a reporting verb and its own date


def _reported_content(text: str, attribution: Attribution, sentence: Sentence) -> tuple[int, int] | None:
    """The span of an indirect statement's reported words in its sentence
    (from after the verb's own frame to the statement's end), or of the
    sentence before a parenthetical "…, it added"."""
    verb_end = attribution.cue_start + len(attribution.cue)
    if attribution.kind != "indirect":
        if attribution.content_start < attribution.start:
            return attribution.content_start, attribution.start  # "said that Washington “will pay”"
        return None
    if attribution.content_start < attribution.cue_start:
        # "Any attempt to advance, he said, would be met …": the sentence is the content.
        clause_end = text.rfind(",", sentence.start, attribution.cue_start)
        return sentence.start, clause_end if clause_end > sentence.start else attribution.cue_start
    opening = _CONTENT_OPENING.search(text, verb_end, attribution.end)
    start = opening.start() if opening else attribution.end
    words = text[verb_end:start].split()
    if len(words) > _VERB_FRAME_WORDS:
        start = verb_end + len(text[verb_end:start]) - len(text[verb_end:start].lstrip())
    return start, attribution.end


def _sentence_date(
    quotes: _TopQuotes,
    sentence: Sentence,
    published: PartialDate | None,
    contents: list[tuple[int, int]] = (),  # type: ignore[assignment]
    speech: Callable[[str], bool] | None = None,
) -> tuple[PartialDate, str] | None:
    """The date a sentence gives for speech: a date outside its quotations and
    reported contents ("last year's attack", "since 2000" inside what was said
    date the event, not the saying), and, when `speech` is given, only in a
    sentence whose remaining words it accepts as speaking of speech ("In a
    speech on Monday"; not "In March 2019, the Treasury placed …"): asked only
    of the few sentences that hold a date."""
    body = quotes.blank(sentence.start, sentence.end)
    for start, end in contents:
        left, right = max(start, sentence.start) - sentence.start, min(end, sentence.end) - sentence.start
        if right > left:
            body = body[:left] + " " * (right - left) + body[right:]
    mentions = find_date_expressions(body)
    if not mentions or (speech is not None and not speech(body)):
        return None
    resolved: list[tuple[bool, PartialDate, str]] = []
    range_end = -1  # where an open "from …" or "between …" ended, awaiting its other end
    for mention in mentions:
        # "launched 403 missiles since November", "from October 17 to
        # December 31", "between … and …": a period, not when anything was said.
        between = _BETWEEN_BEFORE.search(body, max(0, mention.start - 10), mention.start)
        opens_range = bool(_RANGE_OPENING.match(mention.text) or between)
        closes_range = range_end >= 0 and bool(_RANGE_JOIN.fullmatch(body, range_end, mention.start))
        range_end = mention.end if opens_range else -1
        if opens_range or closes_range or _PERIOD_BOUND.match(mention.text):
            continue
        # "the September 26 Revolution anniversary", "the 2020 assassination":
        # a date naming an event, not when anything was said ("his Nov. 19
        # interview" is the saying's).
        if _ATTRIBUTIVE_BEFORE.search(body, max(0, mention.start - 8), mention.start) and not (
            speech is not None and speech(body[mention.end : mention.end + 30])
        ):
            continue
        value = resolve_date(mention, published)
        if value is None:
            continue
        expression = mention.text
        shifted = _offset_date(body, mention, value)
        if shifted is not None:
            value, phrase_start = shifted
            expression = body[phrase_start : mention.end]
            if published is not None and value.interval()[0] > published.interval()[1]:
                continue  # a past-tense report is never dated after publication
        resolved.append((mention.kind == "absolute", value, expression))
    # An explicit date beats a relative one ("On November 1, two days before …").
    resolved.sort(key=lambda found: not found[0])
    return (resolved[0][1], resolved[0][2]) if resolved else None


def date_statements(
    segmented: Segmented,
    attributions: list[Attribution],
    published: PartialDate | None,
    gazetteer: Gazetteer,
) -> list[StatementDate]:
    """The date of each attributed statement, in the same order."""
    # Here: the CLI imports this module and must start fast.
    from rhetrack.attribute import is_place, speech_occasion

    speakers_by_paragraph: dict[int, set[str]] = {}
    contents: dict[int, list[tuple[int, int]]] = {}  # sentence index -> its reported contents
    for attribution in attributions:
        speakers_by_paragraph.setdefault(attribution.sentence.paragraph, set()).add(attribution.speaker.name)
        content = _reported_content(segmented.text, attribution, attribution.sentence)
        if content is not None:
            contents.setdefault(attribution.sentence.index, []).append(content)

    def speech(body: str) -> bool:
        """Whether words outside quotations and reported contents speak of speech."""
        return bool(
            gazetteer.reporting_verb.search(body)
            or gazetteer.communication_noun.search(body)
            or speech_occasion().search(body)
        )

    first_of_paragraph: dict[int, int] = {}  # paragraph -> index of its first sentence
    for sentence in segmented.sentences:
        first_of_paragraph.setdefault(sentence.paragraph, sentence.index)
    quotes = _TopQuotes(segmented)
    memo: dict[int, _DatedSentence | None] = {}

    # Sentences are dated when a statement looks at them: most statements find
    # their date nearby, and the sentences after the last one are never read.
    def dated(index: int) -> _DatedSentence | None:
        if index in memo:
            return memo[index]
        sentence = segmented.sentences[index]
        found = _sentence_date(quotes, sentence, published, contents.get(index, []), speech)
        if found is None:
            memo[index] = None
            return None
        body = segmented.sentence_text(sentence)
        named = [
            (match.start(), actor)
            for match in gazetteer.actor_pattern.finditer(body)
            if (actor := gazetteer.actor_for(match.group(0))) is not None
        ]
        names = {actor.name for _, actor in named} | speakers_by_paragraph.get(sentence.paragraph, set())
        # What the sentence is about: its first actor that is not a place ("In Lebanon on Monday, …").
        subjects = [
            actor.name for start, actor in named if not (actor.category == "state" and is_place(body, start))
        ]
        memo[index] = _DatedSentence(found[0], found[1], frozenset(names), subjects[0] if subjects else None)
        return memo[index]

    nearest: dict[int, int] = {}  # sentence index -> the last dated index at or before it (-1: none)

    def last_dated(first: int, last: int) -> _DatedSentence | None:
        """The last dated sentence from `last` back to `first`.

        Walked back once: every index walked remembers what it found, so a
        paragraph of a thousand statements is read once, not once per
        statement (a fresh walk per statement was quadratic).
        """
        walked = []
        index = last
        found = -1
        while index >= 0:
            if index in nearest:
                found = nearest[index]
                break
            walked.append(index)
            if dated(index) is not None:
                found = index
                break
            index -= 1
        for i in walked:
            nearest[i] = found
        return memo[found] if found >= first and found >= 0 else None

    results = []
    speech_dates: dict[str, StatementDate] = {}  # speaker -> the date of their last dated statement
    for attribution in attributions:
        sentence = attribution.sentence
        speaker = attribution.speaker.name
        # A spokesman speaks for his group: "The Houthis said on Monday …" dates
        # the spokesman's statement that follows. Not for a state, which a
        # story names for every official's unrelated remarks.
        organization = attribution.speaker.organization
        group = gazetteer.actors.get(organization) if organization else None
        sides = {speaker} | ({group.name} if group is not None and group.category != "state" else set())
        paragraph_start = first_of_paragraph[sentence.paragraph]
        same_paragraph = last_dated(paragraph_start, sentence.index)
        before_paragraph = None if same_paragraph else last_dated(0, paragraph_start - 1)
        following = None
        next_start = first_of_paragraph.get(sentence.paragraph + 1)
        if (
            next_start is not None
            and not same_paragraph
            and not (before_paragraph and sides & before_paragraph.names)
        ):
            # The next paragraph's date is the statement's when that paragraph
            # is about the speaker, named first (after its group, perhaps): "“…”
            # (paragraph) In his Nov. 19 interview, Khazali was speaking about …",
            # not "…, announced in January that it was suspending attacks to
            # avoid embarrassing the Iraqi government."
            following = dated(next_start)
            next_text = segmented.sentence_text(segmented.sentences[next_start])
            if following is not None and not (
                following.first == speaker
                # "Hezbollah leader Hassan Nasrallah was speaking on Monday"
                or (following.first in sides and speaker in following.names)
                or speaker in speakers_by_paragraph.get(sentence.paragraph + 1, set())
                or (following.first is None and speaker in next_text)
            ):
                following = None
        if same_paragraph:
            chosen: _DatedSentence | None = same_paragraph
        elif before_paragraph and sides & before_paragraph.names:
            chosen = before_paragraph
        else:
            chosen = following
        if chosen is not None:
            results.append(StatementDate(chosen.value, chosen.value.precision, chosen.expression))
            speech_dates[speaker] = results[-1]
        elif speaker in speech_dates:
            # A speech dated in its lead dates the speaker's later quotations
            # and reported sentences, until another dated statement of theirs.
            results.append(speech_dates[speaker])
        elif published is not None:
            results.append(StatementDate(published, "reported"))
        else:
            results.append(StatementDate(None, "unknown"))
    return results

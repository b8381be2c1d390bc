"""Property-based tests of extraction on arbitrary Unicode (hypothesis).

Whatever text arrives, extraction never raises, every span lies inside the
text, and every direct quote is exactly the stored text at its span.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetrack.clean import clean_text
from rhetrack.extract import extract_statements
from rhetrack.partial_date import PartialDate

# Pieces of news prose, so that generated text reaches attribution and
# classification instead of being all noise.
FRAGMENTS = [
    "Hadi al-Ameri said, “", "”", "\"", "'", "‘", "’", "«", "»", " he warned.", " the group said",
    "Qais al-Khazali", "Kataib Hezbollah", " warned that ", " we will attack the U.S. bases",
    "On October 30, ", "late on Monday", "\n\n", "\n", ". ", ": ", " — ", "(", ")", "[", "]",
    "U.S.", " Nov. 19, 2020", " according to ", "the enemy", "Trump", " called for targeting ",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
PUBLISHED = st.one_of(st.none(), st.just(PartialDate(2023, 11, 1)), st.just(PartialDate(2026, 1)))


def check(text: str, published: PartialDate | None) -> None:
    for statement in extract_statements(text, published):
        assert 0 <= statement.start <= statement.end <= len(text)
        # A direct quote, and the reporting sentence of reported speech, are the text at the span.
        assert statement.quote == text[statement.start : statement.end]
        assert 0 <= statement.level <= 4
        if (
            statement.date.value is not None
            and published is not None
            and statement.date.precision != "reported"
        ):
            assert statement.date.value.interval()[0] <= published.interval()[1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, PUBLISHED)
def test_extraction_never_raises_and_spans_hold(text: str, published: PartialDate | None) -> None:
    check(text, published)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), PUBLISHED)
def test_extraction_of_any_unicode(text: str, published: PartialDate | None) -> None:
    check(text, published)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_cleaning_then_extraction(text: str) -> None:
    cleaned = clean_text(text)
    check(cleaned, None)


WORD_PIECES = [
    "Awadi",
    "al-",
    "el-",
    "Al-",
    "'",
    "’",
    "'s",
    "’-",
    "-",
    "‐",
    " ",
    "s",
    "Ab",
    "\n",
    "Bo",
    ".",
    "É",
    "_",
]
SURNAMES = ["Awadi", "Al-Awadi", "Bo", "Ab", "Éric", "U.S."]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=10).map("".join), st.sets(st.sampled_from(SURNAMES)))
def test_surname_scan_finds_exactly_the_capitalised_words_that_are_surnames(
    text: str, surnames: set[str]
) -> None:
    """Later surname mentions are found by one scan for the document's
    surnames; it must find what testing every capitalised word would."""
    from rhetrack.attribute import _CAPITALISED_WORD, _words_pattern

    expected = [m.span() for m in _CAPITALISED_WORD.finditer(text) if m.group(0) in surnames]
    pattern = _words_pattern(surnames)
    assert ([m.span() for m in pattern.finditer(text)] if pattern else []) == expected

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

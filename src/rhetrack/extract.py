"""From a document's cleaned text to statements: the extraction pipeline.

Pure: text and publication date in, frozen `Statement` records out; no
database, no files. Each stage is its own module (segment, attribute,
dates, classify); this one only composes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from rhetrack.attribute import Attribution, Speaker, StatementKind, attribute_speakers
from rhetrack.classify import Classification, classify, speaker_side
from rhetrack.dates import StatementDate, date_statements
from rhetrack.gazetteer import Gazetteer, load_gazetteer
from rhetrack.partial_date import PartialDate
from rhetrack.segment import segment
from rhetrack.targets import Surroundings, in_context, read_surroundings


@dataclass(frozen=True)
class Statement:
    """One utterance attributed to a speaker, dated and classified."""

    kind: StatementKind
    speaker: Speaker
    quote: str  # the quotation's words, or the reporting sentence
    sentence: str
    start: int  # span of `quote` in the document's cleaned text
    end: int
    attribution_cue: str
    date: StatementDate
    classification: Classification

    @property
    def level(self) -> int:
        return self.classification.level


def extract_statements(
    text: str, published: PartialDate | None, gazetteer: Gazetteer | None = None
) -> list[Statement]:
    """Every statement in a cleaned text, in document order.

    >>> [s.speaker.name for s in extract_statements('Hadi al-Ameri warned, "We will attack."', None)]
    ['Hadi al-Ameri']
    """
    gazetteer = gazetteer or load_gazetteer()
    segmented = segment(text, gazetteer)
    attributions = attribute_speakers(segmented, gazetteer)
    dates = date_statements(segmented, attributions, published, gazetteer)
    statements = []
    # What the narration of each paragraph (with the one before) names, read once
    # per paragraph and only when a statement's targets need it: a paragraph of a
    # thousand quotations costs one reading, not a thousand.
    alone: dict[int, Surroundings] = {}

    def read_alone(index: int) -> Surroundings:
        if index not in alone:
            paragraph = segmented.paragraphs[index]
            alone[index] = read_surroundings(text[paragraph.start : paragraph.end], gazetteer)
        return alone[index]

    def paragraph_surroundings(index: int) -> Surroundings:
        if not index:
            return read_alone(index)
        before = segmented.paragraphs[index - 1]
        lead_in = text[before.start : before.end].rstrip().endswith(":")
        return in_context(read_alone(index), read_alone(index - 1), lead_in)

    for attribution, date in zip(attributions, dates, strict=True):
        sentence_text = segmented.sentence_text(attribution.sentence)
        paragraph_index = attribution.sentence.paragraph
        # What the speaker said: for a quotation, with the reported clause that
        # leads into it when it is quoted mid-clause ("told Reuters that
        # Washington “will pay”"); for reported speech, the whole reporting
        # sentence, whose verb may stand before or after what was said ("…,
        # he stressed").
        direct = attribution.kind == "direct"
        fragment = direct and _is_fragment(text, attribution)
        if fragment:
            # A quoted fragment ("vowed “decisive action” against the
            # Houthis") means what its sentence makes of it: read the
            # speaker's clause to the sentence's end, the words around the
            # quotation as reported speech.
            content_start = _fragment_clause(text, attribution)
            content = text[content_start : _clause_end(text, attribution.end, attribution.sentence.end)]
        else:
            content_start = attribution.content_start if direct else _speakers_clause(text, attribution)
            content = text[content_start : attribution.end]
        speaker = attribution.speaker
        statements.append(
            Statement(
                kind=attribution.kind,
                speaker=speaker,
                quote=text[attribution.start : attribution.end],
                sentence=sentence_text,
                start=attribution.start,
                end=attribution.end,
                attribution_cue=attribution.cue,
                date=date,
                classification=classify(
                    content,
                    "",
                    gazetteer,
                    reported=not direct and (set_off := _set_off_quotation(content)) is None,
                    # A quotation's lead-in clause, when it has one (and a fragment's sentence
                    # before it), is reported speech; the quoted words are the speaker's own,
                    # as are those of a quotation a reported sentence sets off ("…, noting, “…”").
                    paraphrase_end=attribution.start - content_start if direct else set_off or 0,
                    own=speaker_side(speaker.name, speaker.organization, gazetteer),
                    surroundings=partial(paragraph_surroundings, paragraph_index),
                ),
            )
        )
    return statements


# A clause of the narrator's own, joined before the speaker's: "No group claimed
# the attack, and the U.S. embassy said …".
_JOINED_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while)|;)\s+")


# Where what a fragment's sentence says with it ends: a semicolon or a colon.
# Not a coordinated predicate: "called it “a heroic operation” and vowed more"
# is one statement, as analysts code it.
_CLAUSE_END = re.compile(r"[;:]")


def _clause_end(text: str, start: int, limit: int) -> int:
    """The end of what a quoted fragment's sentence says with it: the sentence,
    up to a semicolon or a colon ("asked the government “to
    set a timetable” for this exit: “…”" ends at the colon)."""
    match = _CLAUSE_END.search(text, start, limit)
    return match.start() if match else limit


# (a comma set inside a closing quotation mark counts: "… strikes,” noting that “…”").
_CLAUSE_MARK = re.compile(r"[,;:][”\"’»]?\s+")


def _fragment_clause(text: str, attribution: Attribution) -> int:
    """Where the clause that holds a quoted fragment and its speaker begins: after
    the last clause mark before both ("…, including the attack described by
    CENTCOM as the “largest in a decade”" begins at "including")."""
    start = attribution.sentence.start
    for match in _CLAUSE_MARK.finditer(text, start, min(attribution.cue_start, attribution.start)):
        start = match.end()
    return start


# A quotation set off in a reported sentence after a comma or colon, opening a sentence
# of its own: "…, noting, “The occupier will leave.”"
# (a straight mark only with the capital right after it: `," Khazali said` closes one).
_SET_OFF_QUOTATION = re.compile(r"[,:]\s*(?:[“«]\s*|\")(?=[A-Z])")


def _set_off_quotation(content: str) -> int | None:
    """Where a reported sentence's set-off quotation begins, if it has one."""
    match = _SET_OFF_QUOTATION.search(content)
    return match.end() - 1 if match else None


def _is_fragment(text: str, attribution: Attribution) -> bool:
    """A quotation that is part of a sentence rather than a sentence: it begins
    in lower case ("called it “an act of war”", "would be “large and deadly.”")."""
    first = next((ch for ch in text[attribution.start : attribution.end] if ch.isalpha()), "")
    return first.islower()


def _speakers_clause(text: str, attribution: Attribution) -> int:
    """Where a reported statement's words begin: its sentence, less a clause
    joined before the one that names the speaker."""
    start = attribution.start
    last = None
    for match in _JOINED_CLAUSE.finditer(text, start, attribution.cue_start):
        last = match
    if last is not None and text.find(attribution.speaker.surface, last.end(), attribution.cue_start) >= 0:
        return last.end()
    return start

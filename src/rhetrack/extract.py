"""From a document's cleaned text to statements: the extraction pipeline.

Pure: text and publication date in, frozen `Statement` records out; no
database, no files. Each stage is its own module (segment, attribute,
dates, classify); this one only composes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rhetrack.attribute import Speaker, StatementKind, attribute_speakers
from rhetrack.classify import Classification, classify, own_side
from rhetrack.dates import StatementDate, date_statements
from rhetrack.gazetteer import Gazetteer, load_gazetteer
from rhetrack.partial_date import PartialDate
from rhetrack.segment import segment


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
    for attribution, date in zip(attributions, dates, strict=True):
        sentence_text = segmented.sentence_text(attribution.sentence)
        paragraph = segmented.paragraphs[attribution.sentence.paragraph]
        previous_start = segmented.paragraphs[max(0, paragraph.index - 1)].start
        # What the speaker said: for a quotation, with the reported clause that
        # leads into it when it is quoted mid-clause ("told Reuters that
        # Washington “will pay”"); for reported speech, from the verb on.
        content = text[attribution.content_start : attribution.end]
        direct = attribution.kind == "direct"
        if direct:
            # The narration is the paragraph with the statement blanked out.
            narration = (
                text[paragraph.start : attribution.content_start]
                + " " * (attribution.end - attribution.content_start)
                + text[attribution.end : paragraph.end]
            )
        else:
            narration = text[paragraph.start : attribution.content_start]
        statements.append(
            Statement(
                kind=attribution.kind,
                speaker=attribution.speaker,
                quote=text[attribution.start : attribution.end],
                sentence=sentence_text,
                start=attribution.start,
                end=attribution.end,
                attribution_cue=attribution.cue,
                date=date,
                classification=classify(
                    content,
                    narration,
                    gazetteer,
                    reported=attribution.kind == "indirect",
                    # A quotation's lead-in clause, when it has one, is reported speech.
                    paraphrase_end=attribution.start - attribution.content_start if direct else 0,
                    own=own_side(*_side(attribution.speaker, gazetteer)),
                    context=text[previous_start : paragraph.end],
                ),
            )
        )
    return statements


def _side(speaker: Speaker, gazetteer: Gazetteer) -> tuple[tuple[str, ...], bool]:
    """The surfaces naming a speaker and the organization it speaks for, and
    whether that is an armed group.

    For a speaker of an armed group (category "group"), the descriptions that
    refer back to a group ("the group", "the movement") and the `group_own`
    words ("their forces") name that group: in its own reported speech, "the
    group would strike" is its "we will strike".
    """
    names = [speaker.name]
    group = False
    for name in (speaker.name, speaker.organization):
        actor = gazetteer.actors.get(name) if name else None
        if actor is not None:
            names.extend((actor.name, *actor.aliases))
            if actor.category == "group":
                group = True
                names.extend(phrase for phrase, wanted in gazetteer.descriptions.items() if wanted == "group")
                names.extend(gazetteer.group_own)
    return tuple(names), group

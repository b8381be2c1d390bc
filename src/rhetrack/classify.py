"""Classify a statement's escalation level and the targets it threatens.

The level is the highest any cue in the speaker's own words reaches
(coding scheme section 4). A negated cue does not count; an act of violence
that a third party "would" or "could" commit is the other side's plan, which
frames an enemy (level 1) rather than threatening one. Targets are the
gazetteer's, found where a cue of level 2 or more stands, and only on
statements of level 2 or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rhetrack.gazetteer import Gazetteer
from rhetrack.levels import LEVEL_NAMES
from rhetrack.segment import ends_with_abbreviation

_NEGATION_WINDOW = 3  # words before a cue in which a negation cancels it
# Commentary that names no one threatened: ", which is …", ", further escalating …".
_ASIDE_CLAUSE = re.compile(
    r",\s+(?:(?:which|who|whose)\b[^,.;!?]*|(?:further|thereby|thus)\s+\w+ing\b[^.;!?]*)", re.IGNORECASE
)
# Coordinated clauses with a subject of their own ("…, and we will strike …")
# scope targets separately: "We will never attack Iran, and we will strike X."
# So does a second reporting verb in reported speech ("said that the Zionist
# regime is collapsing and warned the United States that …").
_CLAUSE_BREAK = re.compile(
    r";|,?\s+(?:and|but|while|whereas)\s+(?=(?:we|I|you|they|he|she|it)\b)", re.IGNORECASE
)
# …followed by a reporting verb of the gazetteer: a coordinated second verb.
_COORDINATION = re.compile(r",?\s+(?:and|but)\s+(?:also\s+)?", re.IGNORECASE)
_PLURAL_SUBJECT = re.compile(r"(?:they|their)\b", re.IGNORECASE)
_OTHERS_CLAIM = re.compile(
    r"\b(?:claims?|reports?|accusations?|allegations?|rumou?rs?|suggestions?)\s+that\b", re.IGNORECASE
)
# "vowed to escalate", "pledged to strike": a commitment verb right before an
# act of violence makes the act the committer's own, whatever hypothetical
# ("would") stands earlier in the sentence.
_COMMITTED_BEFORE = re.compile(
    r"\b(?:vow|pledge|promise|swear|swore|sworn|threaten|vowed|decide|determine)\w*\s+to\s+$", re.IGNORECASE
)
# A sentence ends at . ! ? ; … before a space or the end, unless the period
# closes an abbreviation ("U.S.", "Gen.", an initial).
_SENTENCE_END = re.compile(r"[.!?;…]+(?=\s|$)")


@dataclass(frozen=True)
class Cue:
    """One piece of wording that decided the level."""

    family: str
    level: int
    text: str
    start: int  # offsets within the classified content
    end: int
    note: str = ""  # "attributed to others" for a discounted threat


@dataclass(frozen=True)
class TargetMention:
    target: str
    text: str


@dataclass(frozen=True)
class Classification:
    level: int
    cues: tuple[Cue, ...]
    targets: tuple[TargetMention, ...]

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def target_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.target for t in self.targets))


def _between_breaks(
    breaks: Iterable[tuple[int, int]], start: int, end: int, left: int, right: int
) -> tuple[int, int]:
    """The stretch between the last break ending before `start` and the first after `end`."""
    for break_start, break_end in breaks:
        if break_end <= start:
            left = break_end
        elif break_start >= end:
            return left, break_start
    return left, right


@lru_cache(maxsize=64)
def _sentence_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentence ends in `text`.

    Cached: a statement's text is split again for every cue and target scope.
    """
    return tuple(
        m.span()
        for m in _SENTENCE_END.finditer(text)
        if not (m.group(0) == "." and ends_with_abbreviation(text, m.end()))
    )


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` around the span start..end."""
    return _between_breaks(_sentence_breaks(text), start, end, 0, len(text))


def _clause_bounds(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """The coordinated clause around start..end, within its sentence."""
    left, right = _sentence_bounds(text, start, end)
    breaks = [m.span() for m in _CLAUSE_BREAK.finditer(text, left, right)]
    breaks += [
        m.span()
        for m in _COORDINATION.finditer(text, left, right)
        if gazetteer.reporting_verb.match(text, m.end(), right)
    ]
    return _between_breaks(sorted(breaks), start, end, left, right)


_BACK_REFERENCE = re.compile(r"\b(?:it|they|them|its|their)\b", re.IGNORECASE)
_BACK_SENTENCES = 2  # how far a pronoun may reach back for its target


def _target_scopes(text: str, start: int, end: int, gazetteer: Gazetteer) -> Iterator[tuple[int, int]]:
    """Where to look for the targets of a cue at start..end, nearest first."""
    yield _clause_bounds(text, start, end, gazetteer)
    left, right = _sentence_bounds(text, start, end)
    yield left, right
    if not _BACK_REFERENCE.search(text, left, start):
        return
    for _ in range(_BACK_SENTENCES):
        if left == 0:
            return
        left, _ = _sentence_bounds(text, left - 1, left - 1)
        yield left, right


def _negated(text: str, start: int, match_text: str, gazetteer: Gazetteer) -> bool:
    assert gazetteer.negation is not None
    if gazetteer.negation.search(match_text):
        return False  # the pattern states the negation itself: "not a time for de-escalation"
    window = " ".join(text[max(0, start - 60) : start].split()[-_NEGATION_WINDOW:])
    return bool(gazetteer.negation.search(window))


def _attributed_to_others(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    reported: bool,
    own: Side | None = None,
) -> bool:
    """Whether an act of violence is a third party's hypothetical, not the speaker's."""
    assert gazetteer.speaker_side is not None and gazetteer.hypothetical is not None
    left, _ = _sentence_bounds(text, start, end)
    clause = text[left:end]
    if gazetteer.speaker_side.search(clause) or _COMMITTED_BEFORE.search(text, max(0, start - 30), start):
        return False
    # In reported speech the speaker's own "we will" becomes "it would", "its
    # fighters would" — unless it is what others claim: "Israeli claims that
    # the group would attack civilians".
    if reported and not _claimed_by_others(clause, start - left, gazetteer):
        reported_own = gazetteer.reported_own_modal
        if reported_own is not None and reported_own.search(clause):
            return False
        if own is not None and own.modal.search(clause):
            return False
    return bool(gazetteer.hypothetical.search(clause))


def _claimed_by_others(clause: str, act: int, gazetteer: Gazetteer) -> bool:
    """Whether an act at `act` in a clause lies in what others claim: "rejected
    U.S. claims that it was behind the attack" (not "… and said it would strike")."""
    claims = [m for m in _OTHERS_CLAIM.finditer(clause, 0, act)]
    if not claims:
        return False
    return not gazetteer.reporting_verb.search(clause, claims[-1].end(), act)


@dataclass(frozen=True)
class Side:
    """The speaker's own side, by the names of the speaker and its organization.

    `modal`: in reported speech, "the United States would take action" said of
    a U.S. official is the official's own "we will". `name`: a speaker does
    not threaten its own side, so a target that names it is not one.
    """

    modal: re.Pattern[str]
    name: re.Pattern[str]
    group: bool = False  # an armed group's "they" is itself ("the Houthis said they fired …")


@lru_cache(maxsize=4096)
def own_side(names: tuple[str, ...], group: bool = False) -> Side | None:
    """The `Side` of a speaker known by `names` (see `extract`)."""
    names = tuple(name for name in names if len(name) > 2)
    if not names:
        return None
    # A description may take an adjective: "the group" also names "the Lebanese group".
    alternation = "|".join(
        re.sub(r"^the\\ ", r"the\\s+(?:\\w+\\s+)?", re.escape(name))
        for name in sorted(set(names), key=len, reverse=True)
    )
    return Side(
        modal=re.compile(rf"\b(?:the\s+)?(?:{alternation})\s+(?:would|will|could)\b", re.IGNORECASE),
        name=re.compile(rf"(?:the\s+)?(?:{alternation})", re.IGNORECASE),
        group=group,
    )


def _not_threatened(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether a target mention names a side the speaker defends or addresses.

    "our brothers in Tehran", "war on Iran is no picnic" (unless the speaker
    wages it: "we will wage war on Israel"), "the Iraqi government must
    expel …" (the one asked to act).
    """
    assert gazetteer.defended_before is not None and gazetteer.attacked_before is not None
    assert gazetteer.waged_before is not None and gazetteer.addressed_after is not None
    before = text[max(0, start - 60) : start]
    if gazetteer.defended_before.search(before) or gazetteer.addressed_after.match(text, end):
        return True
    attacked = gazetteer.attacked_before.search(before)
    return attacked is not None and not gazetteer.waged_before.search(before[: attacked.start()])


def _named(found: Iterable[str], gazetteer: Gazetteer) -> set[str]:
    """Targets named, with their parents: "the U.S. embassy" names the United States."""
    named = set(found)
    return named | {ancestor for name in named for ancestor in gazetteer.ancestors(name)}


def _find_targets(text: str, gazetteer: Gazetteer, context: str = "") -> list[tuple[int, int, str]]:
    """Target mentions in a text, longest first where they overlap.

    Generic words ("the embassy", "its bases") count when their country is
    named in the text or, failing that, in `context` (the surrounding
    paragraphs: "the embassy" after "the U.S. embassy in Baghdad").
    """
    found: list[tuple[int, int, str]] = []
    for target in gazetteer.targets.values():
        if target.pattern is not None:
            found.extend((m.start(), m.end(), target.name) for m in target.pattern.finditer(text))
    named = _named((name for _, _, name in found), gazetteer)
    for target in gazetteer.targets.values():
        if target.generic is None:
            continue
        generic = list(target.generic.finditer(text))
        if generic and target.requires not in named and context:
            # Searched only when a generic word needs it.
            if target.requires not in _named_nearby(context, gazetteer):
                continue
        elif target.requires not in named:
            continue
        found.extend((m.start(), m.end(), target.name) for m in generic)
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in found:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


# The last context searched, its gazetteer and the targets named there. The
# statements of one paragraph come one after another and share their
# context, so one entry is enough. (Gazetteer holds dicts, so it cannot key
# an lru_cache; the entry keeps it alive, so `is` is a safe test.)
_nearby_memo: tuple[str, Gazetteer, set[str]] | None = None


def _named_nearby(context: str, gazetteer: Gazetteer) -> set[str]:
    """Targets named in a statement's context, with their parents. Callers only read the set."""
    global _nearby_memo
    memo = _nearby_memo
    if memo is not None and memo[1] is gazetteer and memo[0] == context:
        return memo[2]
    named = _named(
        (t.name for t in gazetteer.targets.values() if t.pattern and t.pattern.search(context)), gazetteer
    )
    _nearby_memo = (context, gazetteer, named)
    return named


def classify(
    content: str,
    narration: str,
    gazetteer: Gazetteer,
    *,
    reported: bool = False,
    paraphrase_end: int = 0,
    own: Side | None = None,
    context: str = "",
) -> Classification:
    """Level, deciding cues and threatened targets of a statement.

    `content` is what the speaker said: the quotation, or for reported speech
    the clause from the reporting verb on (`reported=True`, where "it would"
    is the speaker's own "we will"). A quotation quoted mid-clause comes with
    the reported clause that leads into it, `content[:paraphrase_end]`
    ("that the group would respond to the strike “…”"), read as reported
    speech while the quotation itself is not. `narration` is the text around it
    (the rest of its sentence and paragraph), where the author may name who
    is threatened ("posted the most direct threat to U.S. forces:") or who
    "the enemy" is. `own` (see `own_side`) names the speaker's side.
    `context` is the text around the statement (its paragraph and the one
    before), where the country of a generic word may be named.

    >>> from rhetrack.gazetteer import load_gazetteer
    >>> c = classify("we will attack all U.S. targets", "", load_gazetteer())
    >>> (c.level, c.target_names)
    (3, ('united-states',))
    """
    cues: list[Cue] = []
    for family in gazetteer.levels:
        if family.reported_only and not reported and not paraphrase_end:
            continue
        for match in family.pattern.finditer(content):
            in_reported = reported or match.start() < paraphrase_end
            if family.reported_only and not in_reported:
                continue
            # "The Pentagon said they fired …": only a group's "they" is its own.
            if family.reported_only and _PLURAL_SUBJECT.match(match.group(0)) and not (own and own.group):
                continue
            # Negation cancels a warning or a threat, not hostile framing:
            # "we will never forgive the enemy" still names an enemy.
            if family.level >= 2 and _negated(content, match.start(), match.group(0), gazetteer):
                continue
            if family.agentive and _attributed_to_others(
                content, match.start(), match.end(), gazetteer, in_reported, own
            ):
                cues.append(
                    Cue(
                        family.name,
                        1,
                        match.group(0),
                        match.start(),
                        match.end(),
                        "attributed to others",
                    )
                )
                continue
            cues.append(Cue(family.name, family.level, match.group(0), match.start(), match.end()))
    level = max((cue.level for cue in cues), default=0)
    if level < 2:
        return Classification(level, tuple(cues), ())

    takes_targets = {family.name for family in gazetteer.levels if family.takes_targets}
    scoped = _ASIDE_CLAUSE.sub(lambda m: " " * len(m.group(0)), content)
    hits = _find_targets(scoped, gazetteer, context)
    targets: list[TargetMention] = []
    for cue in cues:
        if cue.level < 2 or cue.family not in takes_targets:
            continue
        # The cue's own clause first; a clause that names no target ("…, and
        # they must leave Iraq") takes the targets of its sentence; a sentence
        # that refers back by pronoun ("it will be dealt with as such") those
        # of the sentences before it.
        for left, right in _target_scopes(content, cue.start, cue.end, gazetteer):
            in_scope = [
                TargetMention(name, content[s:e])
                for s, e, name in hits
                if left <= s < right
                and not _not_threatened(content, s, e, gazetteer)
                # The one doing the striking is not threatened: "its forces struck".
                and not (e <= cue.end and gazetteer.aggressor_after.match(content, e))
            ]
            if in_scope:
                targets.extend(in_scope)
                break
    if not targets:
        targets = _narrated_targets(narration, gazetteer)
    if not targets and gazetteer.unnamed_enemy is not None and gazetteer.unnamed_enemy.search(content):
        targets = _narrated_targets(narration, gazetteer, anywhere=True)
    unique = {
        (t.target, t.text): t
        for t in targets
        if t.target != "other" and not (own is not None and own.name.fullmatch(t.text))
    }
    return Classification(level, tuple(cues), tuple(unique.values()))


def _narrated_targets(narration: str, gazetteer: Gazetteer, anywhere: bool = False) -> list[TargetMention]:
    """Targets the narration names after a word of threat ("threat to U.S. forces")."""
    assert gazetteer.narration_threat is not None
    assert gazetteer.aggressor_after is not None
    threatened, aggressors, named = [], [], []
    for start, end, name in _find_targets(narration, gazetteer):
        if name == "other" or _not_threatened(narration, start, end, gazetteer):
            continue
        mention = TargetMention(name, narration[start:end])
        if gazetteer.narration_threat.search(narration[max(0, start - 40) : start]):
            threatened.append(mention)
        elif gazetteer.aggressor_after.match(narration, end):
            aggressors.append(mention)
        else:
            named.append(mention)
    if not anywhere:
        return threatened
    # "The enemy" is the one the narration shows attacking, else the first named.
    return (aggressors or named)[:1]

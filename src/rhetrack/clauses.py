"""A statement's words, their lexicon marks and its clauses: the first stage of reading it.

`ClauseReading` tokenizes the speaker's words, marks every lexicon word of
`escalation.toml` (the categories below name them by role) and cuts each
sentence into `Clause`s: at clause punctuation, new subjects,
complementizers and that-less complements, subordinators, relative asides
and conditions ("if …", "whoever …"), telling the condition from the clause
it governs and, in reported speech, the narrator's clauses from the
speaker's. `acts` reads the acts in those clauses.

Pure: text in, frozen records out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from rhetrack.escalation import Mark, Token, load_escalation, tokenize
from rhetrack.gazetteer import Gazetteer
from rhetrack.segment import ends_with_abbreviation


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Categories of escalation.toml, by role.
VIOLENT = "acts.violent_verbs"
MILD = "acts.mild_verbs"
DEFENSIVE = "acts.defensive_verbs"
VIOLENT_NOUN = "acts.violent_nouns"
MILD_NOUN = "acts.mild_nouns"
WEAPON = "acts.weapons"
COERCIVE = "acts.coercive_verbs"
COERCIVE_NOUN = "acts.coercive_nouns"
DEMANDED = "acts.demanded_verbs"
DEMANDED_NOUN = "acts.demanded_nouns"
FORCE = "acts.force_modifiers"
PEACEFUL = "acts.peaceful_manners"
VIOLENT_MANNER = "acts.violent_manners"
REMOVAL = "acts.removal_verbs"
REACH = "acts.reach_verbs"
PURSUIT = "acts.pursuit_verbs"
CULPRITS = "acts.culprits"
AMBIGUOUS_NOUN = "acts.ambiguous_nouns"
HARM_WARNING = "harm.warnings"
VERDICT = "endorse.verdicts"
DESIGNATION = "harm.designations"
CESSATION = "modality.cessation"
OTHERS_CLAIM = "attribution.others_claims"
VICTIMS = "attribution.victims"
SEVERE_HARM = "harm.severe_nouns"
MILD_HARM = "harm.mild_nouns"
VICTIM_VERB = "harm.victim_verbs"
SUFFER = "harm.suffering"
EXPECTATION = "harm.expectation"
IDIOM = "harm.idioms"
READY = "readiness.words"
READY_PHRASE = "readiness.phrases"
READY_VERB = "readiness.verb_phrases"
DEMAND_VERB = "demand.verbs"
DEMAND_NOUN = "demand.nouns"
OBLIGATION = "demand.obligation"
MOBILIZATION = "demand.mobilization"
PERMISSION = "demand.permission"
FUTURE = "modality.future"
HYPOTHETICAL = "modality.hypothetical"
INTENTION = "modality.intention"
CAPABILITY = "modality.capability"
PRETEXT = "modality.pretexts"
CONTINUATION_VERB = "modality.continuation_verbs"
CONTINUATION = "modality.continuation_words"
DECISION_VERB = "modality.decision_verbs"
DECISION = "modality.decision_words"
CONDITIONAL = "modality.conditional"
ANY = "modality.any_words"
NEGATION = "modality.negation"
BELIEF = "modality.beliefs"
MISTAKEN = "modality.mistaken"
LITOTES = "modality.litotes"
RESULT = "claim.results"
RESPONSIBILITY = "claim.responsibility"
JUSTIFICATION = "claim.justification"
LIGHT_VERB = "claim.light_verbs"
ENDORSE_VERB = "endorse.verbs"
EVALUATION = "endorse.evaluations"
ACHIEVEMENT = "endorse.achievements"
HOSTILE = "hostility.words"
ACCUSATION = "hostility.verbs"
CALM = "deescalation.appeals"
PEACEFUL_WORD = "deescalation.words"
WARNING_SPEECH = "speech.warning"
WARNING_NOUN = "speech.warning_nouns"
THREAT_NOUN = "speech.threat_nouns"
THREAT_SPEECH = "speech.threat"
OWN = "sides.own"
REPORTED_OWN = "sides.reported_own"
REPORTED_OWN_GROUP = "sides.reported_own_group"
ENEMY = "sides.enemy"
FORCES = "sides.forces"
ADDRESSEE = "sides.addressee"
THIRD_PERSON = "sides.third_person"

# Lexicons of verbs: a clause has a verb when it holds one, and a subject ends before one.
VERB_LIST_CATEGORIES = frozenset(
    {VIOLENT, MILD, DEFENSIVE, REMOVAL, COERCIVE, DEMANDED, SUFFER, ACCUSATION, WARNING_SPEECH, THREAT_SPEECH,
     INTENTION, DEMAND_VERB, LIGHT_VERB, CONTINUATION_VERB, DECISION_VERB, ENDORSE_VERB, VICTIM_VERB}
)  # fmt: skip

# Function words that cut clauses and mark their verb groups.
MODALS = word_set("will would shall should can could may might must 'll 'd wo")
COORDINATORS = word_set("and but or so yet")
SUBORDINATORS = word_set(
    "while whereas because although though since unless after before following amid until till"
)
# In reported speech a clause of these is the narrator's, not the speaker's:
# "Israel threatened to target Huthi leaders after Israeli jets struck two ports".
_NARRATING = word_set("after before following amid since as when")
_RELATIVES = word_set("which who whom whose where")
_SUBJECT_PRONOUNS = word_set("we i you they he she it")
_SUBJECT_STARTERS = word_set(
    "we i you they he she it the a an this these those his her its their our my your any all no every "
    "some such"
)
COMPLEMENTIZERS = word_set("that which who whom whose where when")
_BOUNDARY_PUNCTUATION = frozenset(";:—–-")
# Where a noun's phrase ends and its verb group begins: "the attacks on X are …".
VERB_GROUP_HEADS = word_set(
    "is are was were will would shall should has have had be been can could may might must 's 'll"
)
_SENTENCE_STOPS = frozenset(".!?;")
_RELATIVE_CONDITIONS = ("whoever", "anyone who", "those who", "anybody who", "whomever")


@dataclass(frozen=True)
class Clause:
    start: int  # token indices, end exclusive
    end: int
    protasis: bool = False  # the "if …" of a condition: the other side's act
    conditional: bool = False  # the clause whose act a condition governs
    aside: bool = False  # a relative clause set off by commas: ", who killed our leaders,"
    resumes: bool = False  # the main clause going on after an aside
    narrated: bool = False  # in reported speech, the narrator's own clause ("after …")
    opener: str = ""  # why the clause starts: "that", "coord", "if", "aside" …


class ClauseReading:
    """A statement's tokens, lexicon marks and clauses.

    `reported_until`: the offset before which the words are reported speech,
    where a clause of narration ("after Israeli jets struck …") is the
    narrator's, not the speaker's.
    """

    def __init__(self, content: str, reported_until: int, gazetteer: Gazetteer) -> None:
        self.content = content
        self.gazetteer = gazetteer
        self.tokens: list[Token] = tokenize(content)
        self.marks: list[Mark] = load_escalation().marks(self.tokens)
        self.starting: dict[int, list[Mark]] = {}
        self.ending: dict[int, list[Mark]] = {}
        self.covering: dict[int, set[str]] = {}
        for mark in self.marks:
            self.starting.setdefault(mark.first, []).append(mark)
            self.ending.setdefault(mark.last, []).append(mark)
            for index in range(mark.first, mark.last + 1):
                self.covering.setdefault(index, set()).add(mark.category)
        self.reported_until = reported_until
        self.clauses: list[Clause] = list(self._clauses())
        self.clause_of: list[Clause] = []
        for clause in self.clauses:
            self.clause_of.extend([clause] * (clause.end - clause.start))

    # -- tokens and marks ---------------------------------------------------------------------
    def text(self, first: int, last: int) -> str:
        return self.content[self.tokens[first].start : self.tokens[last].end]

    def word(self, index: int) -> str:
        return self.tokens[index].text

    def is_word(self, index: int) -> bool:
        return self.tokens[index].is_word

    def has(self, index: int, *categories: str) -> bool:
        return bool(self.covering.get(index, set()).intersection(categories))

    def marks_at(self, index: int, *categories: str) -> list[Mark]:
        return [m for m in self.starting.get(index, ()) if m.category in categories]

    def mark_ending(self, index: int, *categories: str, low: int = 0) -> Mark | None:
        """The longest mark of these categories ending at `index`; ties go to the first category."""
        found = [m for m in self.ending.get(index, ()) if m.first >= low and m.category in categories]
        return max(found, key=lambda m: (m.last - m.first, -categories.index(m.category)), default=None)

    def reported(self, index: int) -> bool:
        return self.tokens[index].start < self.reported_until

    # -- clauses ------------------------------------------------------------------------------
    def _clauses(self) -> Iterator[Clause]:
        """Clauses, each sentence cut at clause punctuation, new subjects,
        complementizers, subordinators, relative asides and conditions."""
        sentence_ends = [end for _, end in sentence_breaks(self.content)]
        start, count = 0, len(self.tokens)
        while start < count:
            limit = next((e for e in sentence_ends if e > self.tokens[start].start), len(self.content))
            end = start
            while end < count and self.tokens[end].start < limit:
                end += 1
            end = max(end, start + 1)
            yield from self._sentence_clauses(start, end)
            start = end

    def _cuts(self, start: int, end: int) -> dict[int, str]:
        """Token indices at which a clause starts, with the reason."""
        cuts: dict[int, str] = {}
        aside_open = False  # a relative or subordinate clause ends at the next comma
        for i in range(start, end):
            word = self.word(i)
            after = self.word(i + 1) if i + 1 < end else ""
            if word in _BOUNDARY_PUNCTUATION:
                cuts[i + 1], aside_open = ("colon" if word == ":" else "punct"), False
            elif word == "," and after in _RELATIVES:
                cuts[i + 1], aside_open = "aside", True
            elif word == "," and aside_open:
                cuts[i + 1], aside_open = "resume", False
            elif word == "," and (after in SUBORDINATORS or self._condition_at(i + 1)):
                cuts[i + 1] = "punct"
            elif word in SUBORDINATORS and i > start:
                cuts[i], aside_open = "sub", True
            elif (
                word in COORDINATORS
                and i > start
                and self._subject_follows(i + 1, end)
                and self._has_verb(max([start, *(c for c in cuts if c <= i)]), i)
            ):
                cuts[i] = "coord"  # "we are ready and we will strike", not "Washington and London will pay"
            elif word == "that" and i > start and self._starts_subject(i + 1, end):
                cuts[i + 1] = "claimed" if self.marks_at(i - 1, OTHERS_CLAIM) else "that"
            elif (
                self._reporting(i)
                and i > start
                and not self.has(i, WARNING_SPEECH)
                and self._finite_clause_follows(i + 1, end)
            ):
                cuts[i + 1] = "that"  # "said the group would …": a that-less complement
            elif self._condition_at(i) and i > start:
                cuts[i] = "if" if self.word(i - 1) not in (",", "and", "but", "or") else "if-after"
        if self._condition_at(start):
            cuts[start] = "if-after"
        return {c: why for c, why in cuts.items() if start <= c < end}

    def _sentence_clauses(self, start: int, end: int) -> Iterator[Clause]:
        cuts = self._cuts(start, end)
        bounds = sorted({start, *cuts, end})
        pieces: list[Clause] = []
        for left, right in pairwise(bounds):
            why = cuts.get(left, "")
            if why in ("if", "if-after"):
                stop = self._protasis_end(left, right)
                pieces.append(Clause(left, stop, protasis=True, opener=why))
                if stop < right:
                    pieces.append(Clause(stop, right, opener="apodosis"))
                continue
            narrated = why == "claimed" or (
                self.reported(left) and (why == "aside" or (why == "sub" and self.word(left) in _NARRATING))
            )
            pieces.append(
                Clause(
                    left, right, aside=why == "aside", resumes=why == "resume", narrated=narrated, opener=why
                )
            )
        pieces = [part for piece in pieces for part in self._end_claimed(piece)]
        # A condition governs the clause after it and, when it follows one with no
        # comma or "but" between ("we will strike if they attack"), the clause before it.
        for index, piece in enumerate(pieces):
            if piece.protasis:
                after = index + 1
                while after < len(pieces) - 1 and (
                    pieces[after].aside
                    or not any(self.is_word(j) for j in range(pieces[after].start, pieces[after].end))
                ):
                    after += 1  # "If Iran kills protesters, which is their custom, we will …"
                for near in (index - 1, after) if piece.opener == "if" else (after,):
                    if 0 <= near < len(pieces) and not pieces[near].protasis:
                        neighbour = pieces[near]
                        pieces[near] = Clause(
                            neighbour.start, neighbour.end, False, True, neighbour.aside, neighbour.resumes,
                            neighbour.narrated, neighbour.opener,
                        )  # fmt: skip
        yield from pieces

    def _end_claimed(self, piece: Clause) -> Iterator[Clause]:
        """A clause of what others claim ends where the sentence's own verb group comes
        back: "claims that the group would attack civilians | were lies"."""
        if piece.opener != "claimed":
            yield piece
            return
        heads = [j for j in range(piece.start, piece.end) if self.word(j) in VERB_GROUP_HEADS]
        if len(heads) < 2:
            yield piece
            return
        yield Clause(piece.start, heads[1], narrated=True, opener="claimed")
        yield Clause(heads[1], piece.end, opener="resume")

    def _protasis_end(self, left: int, right: int) -> int:
        """Where a condition ends: its comma or "then"; an "if" with no comma before the
        speaker's own subject ("if they strike we will respond"); "whoever …" before its verb
        group ("those who play with fire should expect destruction")."""
        relative = any(m.lemma in _RELATIVE_CONDITIONS for m in self.marks_at(left, CONDITIONAL))
        for j in range(left + 1, right):
            word = self.word(j)
            if word in (",", "then") or (j > left + 2 and word in ("we", "i")):
                return j
            if relative and j > left + 2 and word in VERB_GROUP_HEADS:
                return j
        return right

    def _condition_at(self, index: int) -> bool:
        """A conditional word; "should" only where it opens a clause ("Should they attack,
        …") or inverts one ("military action should it continue")."""
        if not self.marks_at(index, CONDITIONAL) or self.denied_belief(index):
            return False
        if self.word(index) != "should" or index == 0 or not self.is_word(index - 1):
            return True
        return index + 1 < len(self.tokens) and self.word(index + 1) in _SUBJECT_PRONOUNS

    def denied_belief(self, index: int) -> bool:
        """Whether a relative condition opens a belief ("whoever thinks …", "those who
        expect …"): no condition, but a belief the sentence goes on to call mistaken."""
        relative = [m for m in self.marks_at(index, CONDITIONAL) if m.lemma in _RELATIVE_CONDITIONS]
        if not any(
            self.has(k, BELIEF)
            for m in relative
            for k in range(m.last + 1, min(len(self.tokens), m.last + 3))
        ):
            return False
        for k in range(index + 2, min(len(self.tokens), index + 20)):
            if self.word(k) in _SENTENCE_STOPS:
                return False
            if self.has(k, MISTAKEN):
                return True
        return False

    def _reporting(self, index: int) -> bool:
        """Whether the word at `index` is a verb of speaking of the gazetteer."""
        return self.word(index) in self.gazetteer.verb_lemma

    def _starts_subject(self, index: int, end: int) -> bool:
        """Whether a clause's subject can start at `index` (after "that")."""
        if index >= end:
            return False
        return self.word(index) in _SUBJECT_STARTERS or self.content[self.tokens[index].start].isupper()

    def _has_verb(self, start: int, end: int) -> bool:
        """Whether tokens start..end-1 hold a verb group or a verb of some lexicon."""
        return any(
            self.word(j) in VERB_GROUP_HEADS or self.word(j) in MODALS or self._reporting(j)
            or any(m.category in VERB_LIST_CATEGORIES for m in self.ending.get(j, ()))
            for j in range(start, end)
        )  # fmt: skip

    def _finite_clause_follows(self, index: int, end: int) -> bool:
        """Whether a subject and its verb group follow, before any "to": "said the group
        would strike", "said he had ordered", not "urged the armies to fight"."""
        if index >= end or not self._starts_subject(index, end) or self.word(index) in ("that", "to"):
            return False
        for j in range(index + 1, min(end, index + 7)):
            word = self.word(j)
            if word == "to" or word in COMPLEMENTIZERS or not self.is_word(j):
                return False  # "urged the armies to fight", "warned the United States that …"
            if word in VERB_GROUP_HEADS or word in MODALS:
                return True
        return False

    def _subject_follows(self, index: int, end: int) -> bool:
        """Whether a new subject and its verb group follow a coordinator: "and we will",
        "but Israel has"."""
        if index >= end:
            return False
        if self.word(index) in _SUBJECT_PRONOUNS:
            return True
        for j in range(index, min(end, index + 5)):
            if self.word(j) in VERB_GROUP_HEADS:
                return j > index
            if not self.is_word(j):
                return False
        return False


# -- sentences --------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"”’»)]|$)")


def sentence_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentence ends in `text` (a period after an abbreviation is none)."""
    return tuple(
        m.span()
        for m in _SENTENCE_END.finditer(text)
        if not (m.group(0) == "." and ends_with_abbreviation(text, m.end()))
    )

"""Reading a statement's acts: who does what, to whom, and how.

The first half of classification (`classify` composes the second): in a
statement's clauses (`clauses` cuts them and marks its lexicon words), each
act word (violent, coercive, demanded, harm promised, readiness,
condemnation …) is read for

- who acts (`Act.agent`): the speaker's side, another side, the addressee,
  or no one named;
- what it is done to (`Act.object_side`);
- its tense, modality and polarity (`Act.modality`): future, past, ongoing,
  intention, continuation, decision, call, obligation, condition, praise,
  negation (scoped by the clause; litotes such as "will not hesitate to"
  raise instead).

Pure: text and the speaker's side in, frozen records out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from rhetrack.clauses import (
    ACCUSATION,
    ACHIEVEMENT,
    AMBIGUOUS_NOUN,
    ANY,
    CALM,
    CAPABILITY,
    CESSATION,
    COERCIVE,
    COERCIVE_NOUN,
    COMPLEMENTIZERS,
    CONDITIONAL,
    CONTINUATION,
    CONTINUATION_VERB,
    COORDINATORS,
    CULPRITS,
    DECISION,
    DECISION_VERB,
    DEFENSIVE,
    DEMAND_NOUN,
    DEMAND_VERB,
    DEMANDED,
    DEMANDED_NOUN,
    DESIGNATION,
    ENDORSE_VERB,
    ENEMY,
    EVALUATION,
    EXPECTATION,
    FORCE,
    FUTURE,
    HARM_WARNING,
    HOSTILE,
    HYPOTHETICAL,
    IDIOM,
    INTENTION,
    JUSTIFICATION,
    LIGHT_VERB,
    LITOTES,
    MILD,
    MILD_HARM,
    MILD_NOUN,
    MISTAKEN,
    MOBILIZATION,
    MODALS,
    NEGATION,
    OBLIGATION,
    OWN,
    PEACEFUL,
    PEACEFUL_WORD,
    PERMISSION,
    PRETEXT,
    PURSUIT,
    REACH,
    READY,
    READY_PHRASE,
    READY_VERB,
    REMOVAL,
    REPORTED_OWN,
    REPORTED_OWN_GROUP,
    RESPONSIBILITY,
    RESULT,
    SEVERE_HARM,
    SUBORDINATORS,
    SUFFER,
    THIRD_PERSON,
    THREAT_NOUN,
    THREAT_SPEECH,
    VERB_GROUP_HEADS,
    VERB_LIST_CATEGORIES,
    VERDICT,
    VICTIM_VERB,
    VICTIMS,
    VIOLENT,
    VIOLENT_MANNER,
    VIOLENT_NOUN,
    WARNING_NOUN,
    WARNING_SPEECH,
    WEAPON,
    Clause,
    ClauseReading,
    word_set,
)
from rhetrack.escalation import Mark, side_names
from rhetrack.gazetteer import Gazetteer, Lexicon

# What can be an act, and which acts are nouns (read through the verb that
# governs them) rather than verbs (read through their verb group).
ACT_CATEGORIES = frozenset(
    {VIOLENT, MILD, DEFENSIVE, REMOVAL, REACH, VIOLENT_NOUN, MILD_NOUN, WEAPON, COERCIVE, COERCIVE_NOUN,
     DEMANDED, DEMANDED_NOUN, SEVERE_HARM, MILD_HARM, SUFFER, IDIOM, READY, READY_PHRASE, READY_VERB, HOSTILE,
     ACCUSATION, MOBILIZATION, RESULT, RESPONSIBILITY, CALM, WARNING_SPEECH, WARNING_NOUN, THREAT_SPEECH,
     JUSTIFICATION, OBLIGATION, THREAT_NOUN, AMBIGUOUS_NOUN, HARM_WARNING, DESIGNATION, VERDICT}
)  # fmt: skip
NOUN_ACTS = frozenset(
    {VIOLENT_NOUN, MILD_NOUN, WEAPON, COERCIVE_NOUN, DEMANDED_NOUN, SEVERE_HARM, MILD_HARM, IDIOM, READY,
     READY_PHRASE, HOSTILE, MOBILIZATION, RESULT, CALM, WARNING_NOUN, JUSTIFICATION, OBLIGATION, THREAT_NOUN,
     AMBIGUOUS_NOUN, HARM_WARNING, DESIGNATION, VERDICT}
)  # fmt: skip
VERB_ACTS = frozenset(
    {
        VIOLENT,
        MILD,
        DEFENSIVE,
        REMOVAL,
        REACH,
        COERCIVE,
        DEMANDED,
        SUFFER,
        ACCUSATION,
        WARNING_SPEECH,
        THREAT_SPEECH,
    }
)
# Verbs that govern an act after them ("vowed to strike", "carried out an attack").
GOVERNORS = (
    CESSATION, DECISION_VERB, CONTINUATION_VERB, READY, INTENTION, CAPABILITY, ENDORSE_VERB, EXPECTATION,
    VICTIM_VERB, THREAT_NOUN,
)  # fmt: skip
NOUN_GOVERNORS = (
    CESSATION, CONTINUATION_VERB, DECISION_VERB, LIGHT_VERB, INTENTION, ENDORSE_VERB, EXPECTATION,
    VICTIM_VERB, DEMAND_VERB, RESPONSIBILITY, WARNING_SPEECH, THREAT_SPEECH, CAPABILITY,
)  # fmt: skip

# Words of a verb group, between a subject and its verb: "will not, under
# any circumstances, ever target" is one group.
_AUXILIARIES = word_set(
    "be is are am was were been being 's 're 'm have has had having 've do does did not n't never "
    "also then only soon again already still even just now certainly definitely surely indeed "
    "actually really truly undoubtedly inevitably immediately directly swiftly quickly ever always "
    "once more further"
)
_BE = word_set("be is are am was were been being 's 're 'm")
_HAVE = word_set("have has had having 've")
_CONTRACTING = word_set("it that there what he she who here where this which")
_PAST_BE = word_set("was were been")
_PREPOSITIONS = word_set(
    "on at in against toward towards into upon over of for from with by to across inside within onto"
)
_DETERMINERS = word_set(
    "the a an this that these those our their its his her my your all any every each some no such "
    "several many few both other last first second third next new fresh further more multiple "
    "numerous various dozens hundreds thousands recent latest previous past possible additional "
    "repeated two three four five"
)


@dataclass(frozen=True)
class Side:
    """The speaker's side: the words that mean "we" in its mouth.

    `names` match the speaker's names, its organization's, and those of the
    side it belongs to (`sides.toml`): a lexicon of the speaker's own and the
    side's shared ones, built once per side. `group`: an armed group, whose
    "they" in reported speech is itself. `targets`: gazetteer targets that are
    the speaker's own. `party`: the speaker belongs to a side of `sides.toml`,
    so an attack on another side is taken for its own when no one else is named.
    """

    names: tuple[Lexicon, ...] = ()
    group: bool = False
    targets: frozenset[str] = frozenset()
    party: bool = False
    home: Lexicon | None = None  # the country it fights for, never its target: "Lebanon" for Hezbollah
    # What the side calls its enemies, by target: "the occupation" is U.S. forces to an Iraqi faction.
    enemies: tuple[tuple[str, Lexicon], ...] = ()

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """Where `text` names the speaker's side."""
        return [match.span() for names in self.names for match in names.finditer(text)]

    def names_exactly(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether `text[start:end]` is one of the side's names."""
        stop = len(text) if end is None else end
        return any(names.fullmatch(text, start, stop) is not None for names in self.names)


NO_SIDE = Side()


@dataclass(frozen=True)
class Act:
    """One act in a statement, read for the parts the frames compose."""

    category: str
    lemma: str
    first: int  # token indices
    last: int
    clause: Clause
    agent: str  # own | other | addressee | third (named, of no side) | none (no subject)
    agent_words: str
    object_side: str  # the side of what it is done to: own | other | addressee | none
    modality: frozenset[str]  # future, past, call, continuation, negated …
    governor: str  # the words that gave the modality
    words_first: int = (
        -1
    )  # the first token of the words that decided it ("will strike", "vowed to retaliate")

    @property
    def name(self) -> str:
        return self.lemma.split("/")[0]


Found = tuple[str, str]  # (side, words)


class StatementReading(ClauseReading):
    """The reading of a statement's acts, in its clauses (see `ClauseReading`).

    `side` is the speaker's; in reported speech (before `reported_until`)
    "it would", "his forces" and (for an armed group) "they" stand for the
    speaker.
    """

    def __init__(self, content: str, side: Side, reported_until: int, gazetteer: Gazetteer) -> None:
        super().__init__(content, reported_until, gazetteer)
        self.side = side
        self._acts: list[Act] = []
        self._predicate_agent: Found | None = None
        self._reach = 0  # the first token of the words deciding the act being read

    # Names in the statement, found when an act first asks whose it is: most
    # statements name no act at all and never need them.
    @cached_property
    def own_spans(self) -> list[tuple[int, int]]:
        return self.side.name_spans(self.content)

    @cached_property
    def _beliefs_denied(self) -> bool:
        """Whether the statement calls any belief mistaken at all (most do not)."""
        return any(m.category == MISTAKEN for m in self.marks)

    @cached_property
    def home_spans(self) -> list[tuple[int, int]]:
        home = self.side.home
        return [m.span() for m in home.finditer(self.content)] if home else []

    @cached_property
    def target_hits(self) -> list[tuple[int, int, str]]:
        return target_hits(self.content, self.gazetteer)

    @cached_property
    def actor_spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in self.gazetteer.actor_pattern.finditer(self.content)]

    @cached_property
    def side_spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in side_names().finditer(self.content)]

    # -- acts ---------------------------------------------------------------------------------
    def acts(self) -> list[Act]:
        """Every act of the statement, in order, read for agent, object and modality.

        A word that can be a verb or a noun ("strike", "attack", "targets") is
        read as a noun after a determiner, possessor, number, adjective,
        preposition or a name ("U.S. targets", "in response to attacks"), as a
        verb elsewhere; a word inside a longer noun ("air strike") is that noun.
        """
        if self._acts or not self.marks:
            return self._acts
        for mark in self._act_marks():
            clause = self.clause_of[mark.first]
            if clause.narrated:
                continue
            self._acts.append(self._read(mark, clause))
        return self._acts

    def _act_marks(self) -> Iterator[Mark]:
        for mark in self.marks:
            if mark.category not in ACT_CATEGORIES or self._own_name(mark) or self._within_longer(mark):
                continue
            single = mark.first == mark.last
            here = self.starting.get(mark.first, ())
            if single and mark.category in VERB_ACTS:
                if (
                    self._nominal(mark.first)
                    or self._inside_longer_noun(mark)
                    or self._inside_longer_verb(mark)
                ):
                    continue
                # "their facilities will burn" is harm undergone; "we will burn their bases" an act.
                both = mark.category in (VIOLENT, SUFFER) and {m.category for m in here} >= {VIOLENT, SUFFER}
                if both and (mark.category == SUFFER) != self._intransitive(mark):
                    continue
            elif (
                single
                and mark.category in _ACT_NOUNS
                and not self._nominal(mark.first)
                and any(m.category in VERB_ACTS for m in here)
            ):
                continue  # where a verb reading stands, it wins
            yield mark

    def _within_longer(self, mark: Mark) -> bool:
        """Whether a longer mark of the same category holds this one ("dealt with as such"
        inside "will be dealt with as such")."""
        return any(
            m.category == mark.category and m.first <= mark.first and mark.last <= m.last and m != mark
            and m.last - m.first > mark.last - mark.first
            for index in range(max(0, mark.first - 4), mark.first + 1)
            for m in self.starting.get(index, ())
        )  # fmt: skip

    def _own_name(self, mark: Mark) -> bool:
        """Whether an act word is part of a name of the speaker's side ("the Resistance")."""
        start, end = self.tokens[mark.first].start, self.tokens[mark.last].end
        if any(s <= start and end <= e for s, e in self.own_spans):
            return True
        return any(
            m.category == OWN and m.first <= mark.first and mark.last <= m.last and m.last > m.first
            for index in range(max(0, mark.first - 3), mark.first + 1)
            for m in self.starting.get(index, ())
        )

    def _inside_longer_noun(self, mark: Mark) -> bool:
        return any(
            m.category in NOUN_ACTS and m.first < mark.first <= m.last
            for index in range(max(0, mark.first - 3), mark.first)
            for m in self.starting.get(index, ())
        )

    def _inside_longer_verb(self, mark: Mark) -> bool:
        return any(
            m.category in VERB_ACTS and m.first <= mark.first <= m.last and m.last > m.first
            for index in range(max(0, mark.first - 3), mark.first + 1)
            for m in self.starting.get(index, ())
        )

    def _intransitive(self, mark: Mark) -> bool:
        """Whether a verb has no object: nothing, punctuation, a preposition, a clause
        word or an adverb follows it."""
        index = mark.last + 1
        if index >= len(self.tokens) or not self.is_word(index):
            return True
        word = self.word(index)
        return (
            word in _PREPOSITIONS
            or word in SUBORDINATORS
            or word in COORDINATORS
            or self.has(index, CONDITIONAL)
            or word.endswith("ly")
            or word in ("down", "up", "away", "out", "again", "too", "soon", "forever")
        )

    def _is_be(self, index: int) -> bool:
        """A form of "be"; "'s" only after a word it contracts ("it's", "that's"),
        not the possessive of "the organization's mujahedin"."""
        word = self.word(index)
        if word != "'s":
            return word in _BE
        return index > 0 and self.word(index - 1) in _CONTRACTING

    def _nominal(self, index: int) -> bool:
        """Whether the word at `index` stands where a noun does."""
        word = self.word(index)
        if index + 1 < len(self.tokens) and self.word(index + 1) == "of" and not word.endswith("ing"):
            return True
        if index == 0 or not self.is_word(index - 1):
            return False
        before = self.tokens[index - 1]
        previous = before.text
        if previous == "to":
            return word.endswith("s") and not word.endswith("ss")  # "in response to attacks", not "to attack"
        if word.endswith("ing") and previous in _PREPOSITIONS:
            return False  # a gerund: "calls for attacking"
        if previous == "that" and any(m.form == "past" for m in self.starting.get(index, ())):
            return False  # "the missile that reached Eilat": a relative clause's verb, not "that strike"
        if (
            previous in _DETERMINERS
            or previous in _PREPOSITIONS
            or previous.isdigit()
            or previous.endswith("'s")
        ):
            return True
        if (
            index >= 2
            and self.word(index - 2) in ("a", "an", "the")
            and previous not in _AUXILIARIES
            and previous not in MODALS
            and not (previous.endswith("s") and not previous.endswith("ss"))
            and not self.content[before.start].isupper()
            and not word.endswith(("ed", "ing"))
            and not any(m.form == "past" for m in self.starting.get(index, ()))
        ):
            # "a mass strike", "the drone attack": a common modifier between article and
            # noun (not "the rebels threaten", "the Pentagon said", "the IDF struck").
            return True
        if self.mark_ending(index - 1, *_NOUN_TAKING_VERBS) is not None and not word.endswith(("ed", "ing")):
            return True  # "carried out attacks", "demand strikes", "claim multiple attacks"
        if self.has(index - 1, FORCE, EVALUATION, CONTINUATION, HOSTILE) and previous not in (
            "more",
            "further",
        ):
            return not self.has(index - 1, *_MODAL_CATEGORIES) and not previous.endswith("ly")
        if _within_hits(self.target_hits, before.start, before.end):
            # "U.S. targets", "Israeli strikes" are nouns; "Israel attacks", "Nasrallah threatened" verbs.
            demonym = previous.endswith(_DEMONYM_ENDINGS) or previous in ("s", "us", "uk")
            return demonym and not word.endswith("ed") and not self._reporting(index)
        if (
            previous.endswith(_DEMONYM_ENDINGS)
            and self.content[before.start].isupper()
            and not word.endswith(("ed", "ing"))
        ):
            return True  # "an Iranian attack", "American strikes": a nationality before a noun
        # "sensitive targets", "strike targets"
        return word.endswith("s") and (
            previous.endswith(_ADJECTIVE_ENDINGS) or self.has(index - 1, *VERB_ACTS)
        )

    def _read(self, mark: Mark, clause: Clause) -> Act:
        modality: set[str] = set()
        governor: list[str] = []
        self._reach = mark.first
        if clause.protasis:
            modality.add("protasis")
        elif clause.conditional:
            modality.add("conditional")
        if (
            clause.opener == "that"
            and clause.start >= 2
            and self.mark_ending(clause.start - 2, DECISION_VERB)
        ):
            modality.add("announced")  # "announced that they would target all Israeli-flagged vessels"
        if mark.form == "base" and self._demanded_that(mark):
            modality.add("call")  # "demanded that foreign forces leave the country"
        if mark.category == OBLIGATION:
            agent, agent_words = (
                self._subject(mark.first - 1, clause) if mark.first > clause.start else ("none", "")
            )
        elif mark.category == JUSTIFICATION:
            agent, agent_words = self._clause_subject(clause, mark.first)
            if agent == "none" and self.reported(mark.first) and clause.start == 0:
                agent = "own"
            if any(self.has(k, ANY) for k in range(mark.last + 1, min(clause.end, mark.last + 3))):
                modality.add("any")  # "in response to any attack": what is yet to come
            for k in range(clause.start, mark.first):
                if self.has(k, FUTURE) or (
                    self.has(k, HYPOTHETICAL) and not (self.reported(k) and self.word(k) == "would")
                ):
                    modality.add("hypothetical")
                if self.has(k, FUTURE) or (self.reported(k) and self.word(k) == "would"):
                    modality.add("future")
        elif mark.category in NOUN_ACTS:
            agent, agent_words = self._noun_agent(mark, clause, modality, governor)
        else:
            agent, agent_words = self._verb_agent(mark, clause, modality, governor)
        self._qualify(mark, clause, modality)
        if self.side.party:
            modality.add("party")
        if mark.category == DESIGNATION and any(
            self._is_be(k) or self.word(k) in ("become", "became", "as")
            for k in range(max(clause.start, mark.first - 4), mark.first)
        ):
            modality.add("predicated")  # "will be legitimate targets", "treated as a military base"
        object_side = self._object_side(mark, clause)
        inferable = not any(m.startswith("victim-") for m in modality)
        fired = mark.category == REACH and any(
            self.has(k, WEAPON) for k in range(max(clause.start - 1, mark.first - 4, 0), mark.first)
        )  # "the missile that reached Umm al-Rashrash": a weapon, whose side the words do not say
        fired = fired and self.side.group  # a state's "the missile reached Erbil" may be anyone's
        relative = mark.first >= 2 and self.word(mark.first - 1) in ("that", "which")
        if fired and (agent == "third" or (relative and self.has(mark.first - 2, WEAPON))):
            agent, agent_words = "none", ""
        if (
            agent == "none"
            and self.side.party
            and inferable
            and (mark.category in (VIOLENT, VIOLENT_NOUN, MILD, MILD_NOUN, AMBIGUOUS_NOUN) or fired)
        ):
            # Attacks are between sides: in a party's words, an attack on another side
            # with no one named doing it is its own; one on its own side, another's;
            # an armed group's bare "the attacks", "ongoing operations" are its own.
            if object_side == "other" and self._names_target(min(clause.end - 1, mark.last + 5), clause):
                agent, agent_words = "own", "(inferred)"
            elif object_side == "own":
                agent, agent_words = "other", "(inferred)"
            elif (
                self.side.group
                and mark.category in (VIOLENT_NOUN, AMBIGUOUS_NOUN)
                and "protasis" not in modality
            ):
                agent, agent_words = "own", "(inferred)"
        if (
            agent in ("other", "third")
            and mark.category in _PLEDGEABLE
            and object_side != "own"
            and not modality & {"protasis", "negated", "passive"}
            and self._pledged(mark)
        ):
            # "pledged that the militias may take measures against U.S. interests": what
            # the speaker pledges, the speaker's side will do.
            agent = "own"
            modality.add("intention")
        category = mark.category
        if self.marks_at(mark.first, PURSUIT) and any(
            self.has(k, CULPRITS) for k in range(mark.last + 1, min(clause.end, mark.last + 5))
        ):
            category = COERCIVE  # "pursue the perpetrators": law enforcement, not an attack
        if category == WEAPON and "acted" in modality:
            category = VIOLENT_NOUN  # "fired missiles at Eilat"
        aimed = any(
            self.word(k) in ("against", "targeting")
            for k in range(mark.last + 1, min(clause.end, mark.last + 7))
        )
        if category == AMBIGUOUS_NOUN and (
            self.side.party or aimed or modality & {"force", "acted"} or object_side == "other"
        ):
            category = VIOLENT_NOUN  # "our operations", "military operations", "operations against Israel"
        # The words shown for the act: its verb group and governing verb, when near it.
        words_first = self._reach if mark.first - self._reach <= 6 else mark.first
        return Act(category, mark.lemma, mark.first, mark.last, clause, agent, agent_words, object_side,
                   frozenset(modality), " ".join(governor), words_first)  # fmt: skip

    # -- who acts: verbs
    def _verb_agent(self, mark: Mark, clause: Clause, modality: set[str], governor: list[str]) -> Found:
        """Scan back from a verb through its verb group to its subject."""
        form = mark.form
        i = mark.first - 1
        saw_be = saw_have = infinitive = shared = False
        while i >= clause.start:
            word = self.word(i)
            if word in ("and", "or", "but"):
                if self.reported(i) and self._speech_or_intent(i + 1):
                    return "own", ""  # "said that … and vowed to escalate": the speaker
                earlier = self._coordinated_act(i, clause)
                if earlier is not None:
                    # Coordinated verbs share a subject and a modality: "will strike X and destroy Y".
                    modality.update(earlier.modality - {"negated", "passive", "defensive", "litotes"})
                    return earlier.agent, earlier.agent_words
                parallel = self._parallel(i, clause, form)
                if parallel is None:
                    # "We do not seek war, but will defend ourselves": a verb group with
                    # no subject of its own shares the clause's.
                    shared = i > clause.start
                    break
                i = parallel
                continue
            if word == "to":
                infinitive = True
                if i > clause.start and self.has(i - 1, PRETEXT):
                    # "provides Israel with pretexts to continue strikes": the act of the
                    # one given the pretext, which it may yet do.
                    modality.add("hypothetical")
                    given = self._side_of_span(max(clause.start, i - 5), i - 2)
                    return given if given is not None and given[0] != "own" else ("other", "(pretext)")
                called = self._called(i, clause, modality, governor)
                if called is not None:
                    return called
                governing = (
                    self.mark_ending(i - 1, *GOVERNORS, low=clause.start) if i > clause.start else None
                )
                if governing is not None:
                    self._govern(governing, modality, governor)
                    i = governing.first - 1
                else:
                    i = self._verb_group_before(i, clause)
                continue
            if (
                form == "ing"
                and word in ("for", "on", "of", "about", "in", "by", "from")
                and i > clause.start
            ):
                gerund = self.mark_ending(i - 1, DEMAND_VERB, *GOVERNORS, low=clause.start)
                if gerund is not None:
                    self._govern(gerund, modality, governor)
                    i = gerund.first - 1
                    continue
                if word == "by":  # "we are responding … by targeting": the main clause's subject
                    return self._clause_subject(clause, i)
            governing = self.mark_ending(i, *GOVERNORS, low=clause.start)
            if governing is not None and word not in _AUXILIARIES:
                self._govern(governing, modality, governor)
                i = governing.first - 1
                continue
            if word in _AUXILIARIES or (word.endswith("ly") and len(word) > 4 and self.is_word(i)):
                if word not in ("to",):
                    self._reach = min(self._reach, i)
                saw_be = saw_be or self._is_be(i)
                saw_have = saw_have or word in _HAVE
                if word in _PAST_BE:
                    modality.add("past-be")
                if word in ("not", "n't", "never"):
                    modality.add("negated")
                i -= 1
                continue
            if self.has(i, FUTURE) and self.is_word(i) and word not in ("soon",) and not self._noun_will(i):
                self._reach = min(self._reach, i)
                modality.add("future")
                governor.append(word)
                i -= 1
                continue
            if self.has(i, HYPOTHETICAL) and self.is_word(i):
                self._reach = min(self._reach, i)
                reported_will = self.reported(i) and word in ("would", "'d")
                modality.add("future" if reported_will else "hypothetical")
                if word in ("can", "could", "cannot"):
                    modality.add("capability")
                governor.append(word)
                i -= 1
                continue
            if self.has(i, OBLIGATION):
                self._reach = min(self._reach, i)
                modality.add("obligation")
                governor.append(word)
                i -= 1
                continue
            if word == "," and self._parenthetical_end(i) is not None:
                i = self._parenthetical_end(i)  # "Any attempt to advance, he said, would be met …"
                continue
            if word == "," and self._participle(i, mark):
                # ", vowing to carry out further strikes": the main clause's subject and tense.
                if any(m.form == "past" for k in range(clause.start, i) for m in self.starting.get(k, ())):
                    modality.add("past")
                subject = self._clause_subject(clause, i)
                if self.reported(i) and subject[0] not in ("other", "addressee"):
                    return "own", ""  # the speaker's: "X said …, vowing to strike"
                return subject  # "The Houthis had blocked shipping, attacking …, he said"
            break
        self._tense(mark, clause, i, modality, saw_be, saw_have, infinitive)
        if "passive" in modality:
            by = self._by_agent(mark.last + 1, clause)
            if by is not None:
                return by
            # The subject of a passive is the victim: "our homes were destroyed" is the
            # other side's act; in a party's words "the facilities were destroyed" its own.
            victim = (self._clause_subject(clause, i) if shared else self._subject(i, clause))[0]
            modality.add(f"victim-{victim}")
            if victim == "own":
                return "other", "(inferred)"
            if (
                victim == "other"
                and self.side.party
                and (self._names_target(i, clause) or modality & {"future", "hypothetical", "capability"})
            ):
                return "own", "(inferred)"  # "their bases can be targeted at any moment": by us
            if victim in ("third", "none") and self.side.party and not self._names_people(i, clause):
                return "own", "(inferred)"  # an official's "the facilities were destroyed"
            return "none", ""
        if mark.category in (WARNING_SPEECH, THREAT_SPEECH) and form == "ing" and self.reported(mark.first):
            return "own", ""  # "…, warning Iraqi contractors": the speaker's own speech act
        return self._clause_subject(clause, i) if shared else self._subject(i, clause)

    def _tense(
        self,
        mark: Mark,
        clause: Clause,
        i: int,
        modality: set[str],
        saw_be: bool,
        saw_have: bool,
        infinitive: bool,
    ) -> None:
        form = mark.form
        after = mark.last + 1
        if form == "past" and not saw_have and after < clause.end and self.word(after) == "by":
            saw_be = True  # "a ship hijacked by the Houthi militia"
        if form == "past" and saw_be:
            modality.add("passive")
            if not modality & {"future", "hypothetical", "obligation"}:
                modality.add("past" if "past-be" in modality or saw_have else "present")
        elif form == "past" and (saw_have or not modality & {"future", "hypothetical", "obligation"}):
            modality.add("past")
        elif saw_have and not infinitive and not modality & {"future", "hypothetical", "obligation"}:
            modality.add("past")  # "had become", "have come": a participle spelled like the base
        elif form == "ing" and saw_be:
            modality.add("ongoing")
        elif form in ("base", "s") and not infinitive and not modality & MODAL:
            initial = all(
                not self.is_word(j) or self.word(j) in ("let", "'s", "us", "and", "then", "now", "so")
                for j in range(clause.start, mark.first)
            )
            opens = clause.opener in ("", "colon", "if-after", "apodosis")
            modality.add(
                "imperative"
                if form == "base" and initial and opens and i <= clause.start
                else "present"  # "…, then leave Yemen alone" opens its clause too
            )

    def _coordinated_act(self, index: int, clause: Clause) -> Act | None:
        """An earlier act of the clause just before "and"/"or" at `index`."""
        for act in reversed(self._acts):
            if act.clause is clause and act.last < index:
                if index - act.last <= 8 and (act.category in VERB_ACTS or "acted" in act.modality):
                    return act
                return None
        return None

    def _speech_or_intent(self, index: int) -> bool:
        """A verb of speaking or intending: "and vowed", "and called", "and warned"."""
        return index < len(self.tokens) and (
            self._reporting(index) or self.has(index, INTENTION, DEMAND_VERB, WARNING_SPEECH, THREAT_SPEECH)
        )

    def _parallel(self, index: int, clause: Clause, form: str) -> int | None:
        """For "… and destroy", the verb group of the verb coordinated before it:
        "is trying to create a crisis and destroy" resumes at "to", "destabilising
        … and destroying" before "destabilising"."""
        for k in range(index - 1, max(clause.start, index - 12) - 1, -1):
            word = self.word(k)
            if not self.is_word(k):
                return None
            if form == "ing" and word.endswith("ing") and len(word) > 4:
                return k - 1
            if form == "past" and word.endswith("ed") and len(word) > 3:
                return k - 1
            if form in ("base", "s") and (word == "to" or word in MODALS):
                return k
            if form in ("base", "s", "past") and any(
                m.form == form and m.category in _PARALLEL_VERBS for m in self.ending.get(k, ())
            ):
                return k - 1  # "blames Iran … and vows to respond"
        return None

    def _verb_group_before(self, to: int, clause: Clause) -> int:
        """For an infinitive after an unknown verb ("would work with … to bring"), the
        modal or auxiliary of that verb, so its subject is found; else the word before."""
        for k in range(to - 1, max(clause.start, to - 10) - 1, -1):
            if not self.is_word(k):
                break
            if self._noun_will(k):
                break  # "the will of the millions of Iraqis to expel": no verb group there
            if self.word(k) in MODALS or self._is_be(k) or self.word(k) in _HAVE:
                return k
        return to - 1

    def _noun_will(self, k: int) -> bool:
        """ "the will of the people", "their will": the noun, not the modal."""
        if self.word(k) != "will" or k == 0:
            return False
        previous = self.word(k - 1)
        return previous in ("the", "a", "his", "her", "their", "its", "our", "my", "your", "popular") or (
            previous.endswith("'s")
        )

    def _parenthetical_end(self, comma: int) -> int | None:
        """For the comma closing ", he said," the index just before its opening comma."""
        for j in range(comma - 1, max(-1, comma - 6), -1):
            if self.word(j) == ",":
                inside = range(j + 1, comma)
                return j - 1 if len(inside) and any(self._reporting(k) for k in inside) else None
        return None

    def _participle(self, comma: int, mark: Mark) -> bool:
        """Whether a comma opens a participle clause that holds the act: ", vowing to …"."""
        return (
            comma + 1 < len(self.tokens) and self.word(comma + 1).endswith("ing") and comma + 1 <= mark.first
        )

    def _called(self, to: int, clause: Clause, modality: set[str], governor: list[str]) -> Found | None:
        """ "urge X to strike", "it is time (for X) to strike": the act is called for;
        the one called upon acts. What stands between the demand and "to" must be
        that one, not a verb of its own ("must be ready to respond")."""
        for k in range(to - 1, max(clause.start, to - 16) - 1, -1):
            verb = self.mark_ending(k, DEMAND_VERB, OBLIGATION, MOBILIZATION, PERMISSION, low=clause.start)
            if verb is None:
                if (
                    self.has(k, *GOVERNORS)
                    or self._is_be(k)
                    or self.word(k) in _HAVE
                    or self.word(k) in MODALS
                ):
                    return None
                continue
            if (
                verb.category in (OBLIGATION, PERMISSION)
                and verb.last + 1 < to
                and self.word(verb.last + 1) != "for"
            ):
                return None
            if verb.lemma in ("allow", "permit") and self._negated_before(verb.first, clause):
                return None
            modality.add("call")
            governor.append(self.text(verb.first, verb.last))
            return self._side_of_span(verb.last + 1, to - 1) or ("none", "")
        return None

    def _govern(self, verb: Mark, modality: set[str], governor: list[str]) -> None:
        """The modality a governing verb gives the act it governs."""
        governor.append(self.text(verb.first, verb.last))
        self._reach = min(self._reach, verb.first)
        category = verb.category
        if category == CESSATION:
            negated = any(self.has(k, NEGATION) for k in range(max(0, verb.first - 3), verb.first))
            modality.add(
                "continuation" if negated else "negated"
            )  # "suspend operations" / "won't stop attacking"
        elif category == CONTINUATION_VERB:
            modality.add("continuation")
            if verb.lemma.split("/")[0] in _KEEPING_ON:
                modality.add("ongoing-continuation")  # attacks under way go on
        elif category in (DECISION_VERB, DECISION):
            modality.add("decision")
        elif category in (INTENTION, THREAT_NOUN):
            modality.add("litotes" if verb.lemma == "not hesitate" else "intention")
            if verb.lemma.startswith(("be able", "be capable", "have the")):
                modality.add("capability")
        elif category == CAPABILITY:
            modality.add("capability")
        elif category in (READY, READY_PHRASE):
            modality.add("readiness")
        elif category == ENDORSE_VERB:
            modality.add("endorsed")
        elif category == EXPECTATION:
            modality.add("expectation" if verb.form != "past" else "past")  # "a response awaits", "is coming"
        elif category == VICTIM_VERB:
            # "will face a response" promises; "bears responsibility for the killing" blames.
            modality.add({"past": "past", "s": "present"}.get(verb.form, "expectation"))
        elif category in (DEMAND_VERB, OBLIGATION, MOBILIZATION, PERMISSION):
            modality.add("call")
        elif category == WARNING_SPEECH:
            modality.add("warned")  # "warned Tehran of military action"

    # -- who acts: nouns
    def _noun_agent(self, mark: Mark, clause: Clause, modality: set[str], governor: list[str]) -> Found:
        """The owner of an act noun: its possessor ("our operations", "Israeli strikes"),
        "by X" or "of X" after it, else the subject of the verb that governs it
        ("we carried out an attack"), else of the clause's future ("… will take control
        as part of a heightened offensive")."""
        # "the operations of the resistance" / "the targeting of a ship", "a blockade of Haifa".
        # "the consequences of its actions", "the price of its crimes": what causes harm, not whose.
        objective = self.word(mark.last).endswith(("ing", "tion", "sion")) or mark.category in (
            COERCIVE_NOUN,
            MILD_HARM,
            SEVERE_HARM,
        )
        owner = self._premodifier_side(mark, clause, modality) or self._by_agent(
            mark.last + 1, clause, also_of=not objective
        )
        verb = self._governing_verb(mark, clause)
        if verb is None:
            self._predicate(mark, clause, modality, governor)
            future = self._future_before(mark, clause)
            if future is None:
                return owner or self._predicate_agent or ("none", "")
            pseudo = Mark(VIOLENT, "", "base", future + 1, future + 1)
            subject = self._verb_agent(pseudo, clause, modality, governor)
            return owner or subject
        if (
            verb.category == LIGHT_VERB
            and verb.form == "past"
            and verb.first == verb.last
            and self._premodified(verb.first)
        ):
            modality.update({"acted", "past"})
            return owner or self._premodifier_side(verb, clause, modality) or ("none", "")
        if verb.category == LIGHT_VERB:
            governor.append(self.text(verb.first, verb.last))
            self._reach = min(self._reach, verb.first)
            modality.add("acted")
        else:
            self._govern(verb, modality, governor)
        pseudo = Mark(
            VIOLENT if verb.category == LIGHT_VERB else verb.category,
            verb.lemma,
            verb.form,
            verb.first,
            verb.last,
        )
        subject = self._verb_agent(pseudo, clause, modality, governor)
        if verb.category == WARNING_SPEECH:
            modality.difference_update(
                {"past", "present", "ongoing", "passive"}
            )  # "warned of a harsh response"
        if verb.category == VICTIM_VERB and "past" in modality:
            modality.discard("expectation")  # "had become legitimate targets": done, not promised
        if verb.category in (VICTIM_VERB, EXPECTATION):
            # "any aggression will be met with a response": the subject is who suffers it.
            modality.add(f"victim-{subject[0]}")
            return owner or ("none", "")
        return owner or subject

    def _premodified(self, index: int) -> bool:
        """Whether a participle stands inside a noun phrase: after a determiner or possessor."""
        if index == 0 or not self.is_word(index - 1):
            return False
        previous = self.word(index - 1)
        return (
            previous in _DETERMINERS or previous.endswith("'s") or previous in ("first", "latest", "recent")
        )

    def _premodifier_side(self, mark: Mark, clause: Clause, modality: set[str]) -> Found | None:
        """The side named before a noun, back to its determiner: "our", "Israeli", "the group's"."""
        j = mark.first - 1
        while j >= clause.start and j >= mark.first - 5:
            word = self.word(j)
            if (
                not self.is_word(j)
                or word in _PREPOSITIONS
                or word in COMPLEMENTIZERS
                or word in VERB_GROUP_HEADS
            ):
                break
            side = self._side_at(j)
            if side is not None and side[1] in _RESOLVABLE and not self.reported(j):
                return self._antecedent_side(j) or side  # "the resistance will continue its jihad"
            if side is not None:
                return side
            if self.has(j, ANY):
                modality.add("protasis")  # "any attack on Lebanon will be met …": the other side's act
            if word in ("the", "a", "an", "this", "these", "those") or self.has(j, *NOUN_GOVERNORS):
                break
            j -= 1
        return None

    def _governing_verb(self, mark: Mark, clause: Clause) -> Mark | None:
        """The verb a few words before a noun that governs it ("carried out an attack",
        "called for strikes", "claimed responsibility for the attack"). The search stops
        at another act noun ("vows response to rocket attack") and at a preposition not
        of the verb's own frame; an adjective before the noun is no verb ("direct strikes");
        a verb of naming governs nothing ("what it called attacks")."""
        for k in range(mark.first - 1, max(clause.start, mark.first - 7) - 1, -1):
            word = self.word(k)
            if word in COMPLEMENTIZERS or not self.is_word(k):
                return None
            if word == "of" and k > clause.start and self.word(k - 1) in _QUANTITIES:
                continue  # "a wave of drones", "a barrage of rockets"
            if word in _PREPOSITIONS and self.mark_ending(k, *NOUN_GOVERNORS, low=clause.start) is None:
                # "called for strikes", "be met with a response", "capable of operations",
                # "warned Tehran of military action" (the one warned between).
                reach = 5 if word in ("of", "to") else 1
                for j in range(k - 1, max(clause.start, k - reach) - 1, -1):
                    framed = self.mark_ending(j, *_FRAMED_BY.get(word, ()), low=clause.start)
                    if framed is not None and (j == k - 1 or framed.category in (WARNING_SPEECH, INTENTION)):
                        return framed  # the one warned or pledged between: "pledge the US to strikes"
                return None
            if word in ("and", "or"):
                if k > clause.start and (
                    self.has(k - 1, FORCE, EVALUATION) or self.has(k + 1, FORCE, EVALUATION)
                ):
                    continue  # "decisive and powerful action", "large and deadly operations"
                return None  # "command and control operations": no verb governs across a coordination
            verb = self.mark_ending(k, *NOUN_GOVERNORS, low=clause.start)
            if verb is None or verb.first == mark.first:
                if k < mark.first - 1 and self.marks_at(k, *_ACT_NOUNS):
                    return None
                continue
            if k == mark.first - 1 and self.has(k, FORCE, EVALUATION, CONTINUATION) and verb.first == k:
                continue
            participle = verb.first == k and self.word(k).endswith("ing") and self._premodified(k)
            if k == mark.first - 1 and participle:
                continue  # "the coming operations": a participle as adjective, governing nothing
            if verb.category == DEMAND_VERB and verb.lemma in _NAMING_VERBS:
                return None  # "called the rocket fire an irresponsible act", "tells reporters the strikes …"
            return verb
        return None

    def _future_before(self, mark: Mark, clause: Clause) -> int | None:
        for k in range(mark.first - 1, clause.start - 1, -1):
            if (self.word(k) in ("will", "shall", "'ll") and not self._noun_will(k)) or (
                self.reported(k) and self.word(k) in ("would", "'d")
            ):
                return k
        return None

    def _predicate(self, mark: Mark, clause: Clause, modality: set[str], governor: list[str]) -> None:
        """What a clause says of an act noun that is its subject: "our operations will
        continue", "the response will be harsh", "the attacks are a natural reaction",
        "the attack was claimed by X"."""
        self._predicate_agent = None
        head = next(
            (k for k in range(mark.last + 1, min(clause.end, mark.last + 7))
             if self.word(k) in VERB_GROUP_HEADS or self.has(k, CONTINUATION_VERB) or not self.is_word(k)),
            None,
        )  # fmt: skip
        if head is None or not self.is_word(head):
            return
        if head == mark.last + 1 and self.word(head) in VERB_GROUP_HEADS:
            modality.add("subject")  # "the warnings are part of political messaging": a topic
        for k in range(head, min(clause.end, head + 8)):
            if self.word(k) in (
                "claimed",
                "carried",
                "conducted",
                "launched",
                "executed",
            ) and self._be_before(k):
                modality.update({"acted", "past"})
                self._predicate_agent = self._by_agent(k + 1 if self.word(k) != "carried" else k + 2, clause)
            for found in self.starting.get(k, ()):
                if found.category == CONTINUATION_VERB and not self._governs_verb(found):
                    modality.add("continuation")
                    if found.lemma.split("/")[0] in _KEEPING_ON:
                        modality.add("ongoing-continuation")
                    governor.append(self.text(found.first, found.last))
                elif found.category == CONTINUATION and found.lemma.startswith(("not ", "never ", "n't ")):
                    modality.add("continuation")
                    governor.append(self.text(found.first, found.last))
                elif found.category == FUTURE:
                    modality.add("future")
                elif found.category == HYPOTHETICAL:
                    modality.add("future" if self.reported(k) and found.lemma == "would" else "hypothetical")
                elif found.category in (EVALUATION, ACHIEVEMENT):
                    modality.add("endorsed")
                    governor.append(self.text(found.first, found.last))
                elif found.category == EXPECTATION:
                    modality.add("expectation")

    def _governs_verb(self, verb: Mark) -> bool:
        """ "will continue to oppose", "continue opposing": the verb governs another act."""
        after = verb.last + 1
        return after < len(self.tokens) and (self.word(after) == "to" or self.word(after).endswith("ing"))

    def _be_before(self, index: int) -> bool:
        return any(self._is_be(k) for k in range(max(0, index - 3), index))

    # -- sides
    def _subject(self, i: int, clause: Clause) -> Found:
        """The side of the subject whose phrase ends at token i.

        The phrase runs back to the last comma or complementizer and is read
        up to its first preposition ("the Islamic Resistance in Iraq" is the
        Islamic Resistance); a name in apposition counts ("A new group, Usbat
        al-Thairen, claimed"); a relative pronoun stands for the phrase before
        it; "they" in the speaker's own words for the side named before it.
        No subject at all is "none"; a phrase that names no side is "third".
        """
        if i < clause.start:
            # Reported speech opens with the speaker's own verb: "vowed to strike",
            # "claimed responsibility for …"; its subject is the speaker.
            if self.reported(clause.start) and (clause.start == 0 or clause.opener == "coord"):
                return "own", ""
            return "none", ""
        word = self.word(i)
        if word == ",":
            return self._appositive_subject(i, clause)
        if word in COMPLEMENTIZERS:
            return self._antecedent_side(i)
        low = i
        while low - 1 >= clause.start and self.is_word(low - 1) and i - low < 8:
            if self.word(low - 1) in COMPLEMENTIZERS or self._verbal(low - 1):
                break
            low -= 1
        high = next((j - 1 for j in range(low + 1, i + 1) if self.word(j) in _PREPOSITIONS), i)
        found = self._side_of_span(low, high) or self._side_of_span(high + 1, i)
        if found is not None and found[0] != "own" and self._side_of_span(low, high, own_only=True):
            found = ("own", found[1])  # "Iraqi Shiite Militia Leader Qais Khazali": its head is the speaker
        if found is not None:
            if found[1] in _RESOLVABLE and not self.reported(low):
                return self._antecedent_side(low) or found
            if (
                found[0] == "other"
                and self._describes_speaker(low, i, clause)
                and not self._attributed_after(i)
            ):
                # "The rebels claimed to have shot down …", "Iraqi armed factions claimed a drone
                # attack": whatever the news calls it, the reporting sentence's subject is the speaker.
                return "own", found[1]
            return found
        unnamed = self._unnamed(low, high)
        if unnamed[0] == "third" and self._describes_speaker(low, i, clause):
            return "own", unnamed[1]
        return unnamed

    def _describes_speaker(self, low: int, i: int, clause: Clause) -> bool:
        """Whether a subject that names no side ("the defence minister", "the cleric")
        opens the reporting sentence as the subject of its speech or intent ("vowed
        to", "warned", "issued a warning"): the attribution made it the speaker."""
        if not self.reported(low) or low != 0 or clause.start != 0 or clause.opener:
            return False
        j = i + 1
        while j < clause.end and self.word(j) in _AUXILIARIES:
            j += 1
        if j >= clause.end:
            return False
        if self._speech_or_intent(j):
            return True
        return self.has(j, LIGHT_VERB) and any(
            self.has(k, WARNING_NOUN, THREAT_NOUN) for k in range(j + 1, min(clause.end, j + 4))
        )  # "issued a stern warning"

    def _attributed_after(self, i: int) -> bool:
        """Whether a reporting verb after a comma later in the sentence names the speaker
        ("The rebels threatened Israel, Katz said"): the subject before it is not."""
        for k in range(i + 1, len(self.tokens)):
            if self.word(k) in (".", "!", "?"):
                return False
            if self.word(k) == "," and any(
                (self._reporting(j) and not self.word(j).endswith("ing")) or self.word(j) == "according"
                for j in range(k + 1, min(len(self.tokens), k + 6))
            ):
                return True  # "…, Katz said", "…, according to the Pentagon"
        return False

    def _names_people(self, i: int, clause: Clause) -> bool:
        """Whether the phrase ending at token i names people ("five civilians were killed")."""
        return any(self.has(j, VICTIMS) for j in range(max(clause.start, i - 6), i + 1))

    def _names_target(self, i: int, clause: Clause) -> bool:
        """Whether the phrase ending at token i names a gazetteer target (not merely an actor)."""
        for j in range(max(clause.start, i - 6), i + 1):
            token = self.tokens[j]
            if _within_hits(self.target_hits, token.start, token.end):
                return True
        return False

    def _verbal(self, index: int) -> bool:
        """Whether a word is a verb of some lexicon: a subject does not reach across it."""
        if self._reporting(index) and not self._nominal(index):
            return True
        return any(
            m.category in VERB_LIST_CATEGORIES for m in self.ending.get(index, ())
        ) and not self._nominal(index)

    def _demanded_that(self, mark: Mark) -> bool:
        """Whether a verb stands in the that-clause a demand verb asks for ("urged that the
        government expel …", "demanded that foreign forces leave"; not "told reporters
        that …"), with no modal of its own."""
        for k in range(mark.first - 1, max(0, mark.first - 8), -1):
            word = self.word(k)
            if not self.is_word(k) or word in MODALS:
                return False
            if word == "that":
                verb = self.mark_ending(k - 1, DEMAND_VERB)
                return verb is not None and verb.lemma not in _NAMING_VERBS
        return False

    def _unnamed(self, low: int, high: int) -> Found:
        """A subject naming no side: a party's bare "the forces", "the missiles" are its
        own; any other noun phrase is a third party."""
        words = [self.word(j) for j in range(low, high + 1) if self.is_word(j)]
        content = [w for w in words if w not in _DETERMINERS and w not in _AUXILIARIES]
        if not content:
            return "none", ""
        if (
            self.side.party
            and any(self.word(j) in _OWN_FORCES for j in range(low, high + 1))
            and not any(w in _FOREIGN for w in words)
        ):
            return "own", " ".join(words)  # "the forces", not "foreign forces"
        return "third", " ".join(words)

    def _appositive_subject(self, comma: int, clause: Clause) -> Found:
        """ "A new militia group, Usbat al-Thairen, claimed": the side named in the
        appositive or in the phrase before it."""
        start = next(
            (j for j in range(comma - 1, clause.start - 1, -1) if self.word(j) == ","), clause.start - 1
        )
        found = self._side_of_span(start + 1, comma - 1)
        if found is None and start >= clause.start:
            found = self._side_of_span(max(clause.start, start - 6), start - 1)
        return found or self._unnamed(start + 1, comma - 1)

    def _antecedent_side(self, index: int) -> Found | None:
        """What a pronoun at `index` ("that", "which", "they") stands for: the side
        named last before it, or an enemy word ("an aggression that seeks …")."""
        for j in range(index - 1, max(-1, index - 25), -1):
            if not self.is_word(j):
                continue
            if self.reported(j) and not self.reported(index):
                break  # the speaker's own "they" does not reach back into the narration
            if self.word(j) in _RESOLVABLE:
                continue
            side = self._side_at(j)
            if side is not None:
                return side
            if self.has(j, HOSTILE):
                return "other", self.word(j)
        return None if self.word(index) in _RESOLVABLE else ("none", "")

    def _clause_subject(self, clause: Clause, before: int) -> Found:
        """The subject that opens a clause, for a verb that has none of its own."""
        for j in range(clause.start, before):
            if self.word(j) in VERB_GROUP_HEADS or self.has(j, *VERB_ACTS):
                return self._subject(j - 1, clause) if j > clause.start else ("none", "")
        return "none", ""

    def _by_agent(self, index: int, clause: Clause, also_of: bool = False) -> Found | None:
        """ "by our forces", "by Iran" (and for a noun "of the resistance") right after an act."""
        if index < clause.end and (self.word(index) == "by" or (also_of and self.word(index) == "of")):
            return self._side_of_span(index + 1, min(clause.end - 1, index + 5))
        return None

    def _side_of_span(self, low: int, high: int, own_only: bool = False) -> Found | None:
        """The first side named in tokens low..high (the speaker's own, with `own_only`)."""
        for j in range(low, high + 1):
            side = self._side_at(j)
            if side is not None and (side[0] == "own" or not own_only):
                return side
        return None

    def _side_at(self, j: int) -> Found | None:
        token = self.tokens[j]
        word = token.text
        surface = self.content[token.start : token.end]
        if _within(self.own_spans, token.start, token.end) or _within(
            self.home_spans, token.start, token.end
        ):
            return "own", word
        if self.has(j, OWN) and not (surface.isupper() and len(surface) > 1):  # "US" is not "us"
            return "own", word
        if word in ("you", "your", "yourselves", "yourself"):
            return "addressee", word
        if self.reported(j) and (
            self.has(j, REPORTED_OWN) or (self.side.group and self.has(j, REPORTED_OWN_GROUP))
        ):
            return "own", word
        target = _within_hits(self.target_hits, token.start, token.end)
        if target is not None:
            return ("own" if target in self.side.targets else "other"), word
        if self.has(j, ENEMY):
            return "other", f"enemy:{word}"  # named as the enemy: "the enemy", "the occupiers"
        if _within(self.actor_spans, token.start, token.end) or (
            _within(self.side_spans, token.start, token.end) and not (word == "us" and surface.islower())
        ):
            return "other", word  # a known actor, or another side's force ("Iranian", "the IDF")
        if self.has(j, THIRD_PERSON):
            return "other", word
        return None

    def _object_side(self, mark: Mark, clause: Clause) -> str:
        """The side of what an act is done to: the first side named in the few words after it."""
        for j in range(mark.last + 1, min(clause.end, mark.last + 6)):
            if not self.is_word(j) or self.word(j) in COMPLEMENTIZERS or self.word(j) in _LOCATIVES:
                break  # "its operations in Yemen": where, not whom
            side = self._side_at(j)
            if (
                side is not None
                and j == mark.last + 1
                and mark.category in NOUN_ACTS
                and side[0] != "addressee"
            ):
                return "none"  # "the operation President Trump planned": the subject of what follows
            if side is not None:
                return (
                    side[0]
                    if not (side[1] in ("it", "he", "they", "them", "him") and self.reported(j))
                    else "none"
                )
            if self.marks_at(j, *_ACT_NOUNS):
                break  # "in response to the attacks on us": the object is an act, not a side
        return "none"

    # -- qualifiers
    def _qualify(self, mark: Mark, clause: Clause, modality: set[str]) -> None:
        """Force, manner, praise and blame words near an act; negation scoped by its clause."""
        for k in range(max(clause.start, mark.first - 6), min(clause.end, mark.last + 7)):
            categories = self.covering.get(k, set())
            if FORCE in categories:
                modality.add("force")
            if PEACEFUL in categories or (categories & {CALM, PEACEFUL_WORD} and k > mark.last):
                modality.add("peaceful")
            if VIOLENT_MANNER in categories:
                modality.add("violent-manner")
            if VICTIMS in categories and k > mark.last:
                modality.add("victims")
            if mark.first - 3 <= k < mark.first:
                if CONTINUATION in categories:
                    modality.add("continuation")
                if EVALUATION in categories:
                    modality.add("endorsed")
                if HOSTILE in categories:
                    modality.add("condemned")
        if any(
            m.lemma in _PRAISE
            for k in range(max(clause.start, mark.first - 12), mark.first)
            for m in self.marks_at(k, ENDORSE_VERB)
        ):
            modality.add("praised")  # "we salute the heroes who carried out the operation"
        if mark.category in NOUN_ACTS and self._object_of(mark, clause, DEFENSIVE):
            modality.add(
                "defensive"
            )  # "repelled the largest attack yet": the attack was the other side's, defended
        if self.has(mark.first, CONTINUATION) and mark.category in NOUN_ACTS:
            modality.add("continuation")
        if any(self.has(k, DEMAND_NOUN) for k in range(clause.start, clause.end)):  # noqa: SIM102
            if mark.category in (DEMANDED, DEMANDED_NOUN, COERCIVE, COERCIVE_NOUN):
                modality.add("call")  # "removing the American forces is one of the demands"
        self._polarity(mark, clause, modality)
        # An act on incoming weapons is defence: "destroyed seven drones", "shot down a missile".
        for k in range(mark.last + 1, min(clause.end, mark.last + 4)):
            if self.marks_at(k, WEAPON):
                modality.add("defensive")
                break
            if _within_hits(self.target_hits, self.tokens[k].start, self.tokens[k].end):
                break

    def _polarity(self, mark: Mark, clause: Clause, modality: set[str]) -> None:
        """Negated when a negator stands between the clause start and the act, unless it
        belongs to a litotes that governs the act ("will not hesitate to strike") or is
        the act ("we cannot remain silent"), or quantifies a noun far from it ("no one
        will be safe"); so is an act inside a belief called mistaken ("whoever thinks we
        will stand idly by is mistaken")."""
        opener = self._denied_belief(mark)
        if opener is not None:
            if any(self.has(k, NEGATION) for k in range(opener, mark.first)):
                modality.discard("negated")  # "whoever thinks we will not retaliate is mistaken": we will
                return
            modality.add("litotes" if self.marks_at(mark.first, LITOTES) else "negated")
            return
        if self.marks_at(mark.first, LITOTES) and any(
            self.has(k, NEGATION) for k in range(max(clause.start, mark.first - 3), mark.first)
        ):
            modality.add("litotes")
            return
        for k in range(clause.start, mark.first):
            for found in self.starting.get(k, ()):
                if found.category != NEGATION or found.last >= mark.first:
                    continue
                if found.lemma in ("nothing", "without", "no", "none", "nobody") and mark.first - k > 3:
                    continue
                if self._litotes(found.last + 1, mark.first):
                    modality.add("litotes")
                    continue
                if any(self.word(j) in ("and", "but") for j in range(found.last + 1, mark.first)):
                    continue  # "would not be deterred and vowed to escalate": a new verb phrase
                modality.add("negated")

    def _pledged(self, mark: Mark) -> bool:
        """Whether an act stands in the that-clause of the speaker's pledge, vow or oath
        ("Khazali pledged that …, the militias may …"), reported before it."""
        for k in range(mark.first - 1, max(0, mark.first - 30), -1):
            word = self.word(k)
            if word in (".", "!", "?", ";"):
                return False
            if word == "that":
                verb = self.mark_ending(k - 1, INTENTION)
                return verb is not None and self.reported(k - 1) and verb.lemma.split("/")[0] in _PLEDGES
        return False

    def _denied_belief(self, mark: Mark) -> int | None:
        """Where the belief an act stands in begins, when it stands between "whoever
        thinks" (or "those who expect" …) and the "is mistaken" said of that belief, in
        one sentence; else None."""
        if not self._beliefs_denied:
            return None
        stops = (".", "!", "?", ";")
        opener = next(
            (k for k in range(mark.first - 1, max(-1, mark.first - 16), -1)
             if self.word(k) in stops or self.denied_belief(k)),
            None,
        )  # fmt: skip
        if opener is None or self.word(opener) in stops:
            return None
        return None if any(self.has(k, MISTAKEN) for k in range(opener, mark.first)) else opener

    def _object_of(self, mark: Mark, clause: Clause, category: str) -> bool:
        """Whether a noun is the object of a verb of `category` right before it: the verb,
        then at most three words that are no verb, preposition or conjunction."""
        for k in range(mark.first - 1, max(clause.start, mark.first - 4) - 1, -1):
            if self.has(k, category):
                return True
            word = self.word(k)
            if (
                not self.is_word(k)
                or word in _PREPOSITIONS
                or word in COORDINATORS
                or word in VERB_GROUP_HEADS
            ):
                return False
        return False

    def _litotes(self, index: int, act: int) -> bool:
        """A litotes word right after a negator that governs the act."""
        return any(
            act - m.last <= 4 for k in range(index, min(act, index + 3)) for m in self.marks_at(k, LITOTES)
        )

    def _negated_before(self, index: int, clause: Clause) -> bool:
        return any(self.has(j, NEGATION) for j in range(max(clause.start, index - 3), index))


_MODAL_CATEGORIES = (FUTURE, HYPOTHETICAL, OBLIGATION)
_PARALLEL_VERBS = frozenset(
    {VIOLENT, MILD, REMOVAL, COERCIVE, DEMANDED, ACCUSATION, WARNING_SPEECH, THREAT_SPEECH, INTENTION,
     DEMAND_VERB, LIGHT_VERB, CONTINUATION_VERB, DECISION_VERB, ENDORSE_VERB}
)  # fmt: skip
# Demand verbs that also name or tell: they demand only through "for", "on" or "to".
_NAMING_VERBS = frozenset(
    {"call", "tell/told", "ask", "invite", "press", "push", "task", "direct", "allow", "permit"}
)
_OWN_FORCES = word_set("military army forces troops navy")
_FOREIGN = word_set("foreign occupying occupation invading hostile enemy alien")
_QUANTITIES = word_set(
    "wave waves barrage salvo salvos volley swarm series number string dozens hundreds thousands"
)
_LOCATIVES = word_set("in inside within across throughout near")
_KEEPING_ON = frozenset({"continue", "keep", "go on", "carry on", "persist"})
# Endorsing verbs that praise (not those that only name: "described the incident as").
_PRAISE = frozenset({"bless", "praise", "salute", "hail", "congratulate", "laud", "commend", "celebrate",
                     "glorify", "applaud", "honour", "honor", "extol", "cheer", "thank", "endorse", "admire",
                     "pay tribute/paid", "pay homage/paid", "take pride/took/taken", "be proud"})  # fmt: skip
# Acts the speaker's side does when the speaker pledges them ("vowed that … will strike").
_PLEDGEABLE = frozenset(
    {VIOLENT, MILD, VIOLENT_NOUN, MILD_NOUN, AMBIGUOUS_NOUN, COERCIVE, COERCIVE_NOUN, REMOVAL}
)
_PLEDGES = frozenset({"vow", "pledge", "promise", "swear", "threaten"})
_RESOLVABLE = word_set("they them their theirs he him his she her it its")
_ACT_NOUNS = frozenset(
    {VIOLENT_NOUN, MILD_NOUN, WEAPON, COERCIVE_NOUN, DEMANDED_NOUN, WARNING_NOUN, AMBIGUOUS_NOUN}
)
_DEMONYM_ENDINGS = ("i", "an", "ese", "ish", "ic")
# The prepositions a governing verb takes before its noun.
_FRAMED_BY: dict[str, tuple[str, ...]] = {
    "for": (DEMAND_VERB, RESPONSIBILITY),
    "on": (DEMAND_VERB,),
    "of": (CAPABILITY, WARNING_SPEECH),
    "with": (VICTIM_VERB, EXPECTATION),
    "by": (VICTIM_VERB,),
    "to": (VICTIM_VERB, EXPECTATION, INTENTION),  # "vowed to operations", "pledged them to strikes"
}
_NOUN_TAKING_VERBS = (
    LIGHT_VERB,
    DEMAND_VERB,
    CONTINUATION_VERB,
    ENDORSE_VERB,
    RESPONSIBILITY,
    DECISION_VERB,
    CESSATION,
)
_ADJECTIVE_ENDINGS = ("ive", "ous", "ful", "ic", "ical", "less", "able", "ible", "ant", "ent")
MODAL = frozenset(
    {"future", "hypothetical", "obligation", "intention", "call", "readiness", "capability", "continuation",
     "decision", "endorsed", "expectation"}
)  # fmt: skip


# -- target mentions --------------------------------------------------------------------------


def target_hits(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """Named target mentions in a text, longest first where they overlap."""
    found: list[tuple[int, int, str]] = []
    for target in gazetteer.targets.values():
        if target.pattern is not None:
            found.extend((m.start(), m.end(), target.name) for m in target.pattern.finditer(text))
    return longest(found)


def longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mentions without overlaps, the longer kept where two overlap."""
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in found:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _within_hits(hits: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    return next((name for s, e, name in hits if s <= start and end <= e), None)

"""The targets a statement threatens, and what the narration around it names.

Targets are the objects of the acts that threaten (level 2 and up, as
`classify` reads them), resolved through the gazetteer and its parents, the
`other` target (actors and adversaries the gazetteer does not list),
pronouns ("their bases" after "America") and "the enemy" or "you" named in
the narration around the statement (`Surroundings`, read once per
paragraph).

Pure: a statement's reading and its paragraph in, frozen records out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from rhetrack.acts import NOUN_ACTS, Act, Side, StatementReading, longest, target_hits
from rhetrack.clauses import (
    DEMANDED,
    DEMANDED_NOUN,
    DESIGNATION,
    HOSTILE,
    IDIOM,
    OBLIGATION,
    READY,
    READY_PHRASE,
    READY_VERB,
    SUFFER,
    THIRD_PERSON,
    THREAT_NOUN,
    THREAT_SPEECH,
    VERB_GROUP_HEADS,
    VIOLENT,
    VIOLENT_NOUN,
    WARNING_NOUN,
    WARNING_SPEECH,
    Clause,
)
from rhetrack.gazetteer import Actor, Gazetteer, Lexicon, word_lexicon


@dataclass(frozen=True)
class TargetMention:
    target: str
    text: str


def _named(found: Iterable[str], gazetteer: Gazetteer) -> set[str]:
    """Targets named, with their parents: "the U.S. embassy" names the United States."""
    named = set(found)
    return named | {ancestor for name in named for ancestor in gazetteer.ancestors(name)}


@dataclass(frozen=True)
class Surroundings:
    """What the narration around a statement names, read once per paragraph.

    `threatened`: targets the narration names after a word of threat
    ("posted the most direct threat to U.S. forces:"); `enemies`: the sides
    it shows attacking, or else names, for "the enemy" and "you"; `named`:
    every target named there, with parents, for generic words ("its bases");
    `text`: the paragraph itself.
    """

    threatened: tuple[TargetMention, ...] = ()
    enemies: tuple[TargetMention, ...] = ()
    named: frozenset[str] = frozenset()
    text: str = ""  # the paragraph, where a side's own names for its enemy are looked for


def in_context(surroundings: Surroundings, before: Surroundings, lead_in: bool = False) -> Surroundings:
    """A paragraph's surroundings read alone, with the paragraph before it: what
    `read_surroundings(paragraph, gazetteer, context)` gives, without reading
    either paragraph again. A `lead_in` paragraph before ("Addressing the
    Houthis, he wrote:") is the narration of the quotation it introduces, so
    what it names threatened or as the enemy counts as well, after the
    paragraph's own."""
    if lead_in:
        return Surroundings(
            surroundings.threatened + before.threatened,
            surroundings.enemies + before.enemies,
            surroundings.named | before.named,
            surroundings.text + "\n\n" + before.text,
        )
    return replace(surroundings, named=surroundings.named | before.named)


def read_surroundings(paragraph: str, gazetteer: Gazetteer, context: str = "") -> Surroundings:
    """The targets a statement's paragraph names, and how (see `Surroundings`).

    "The enemy" and threats named in the narration are looked for in the
    statement's own paragraph; the countries that let a generic word ("its
    bases") name a target also in `context` (the paragraph before).

    >>> from rhetrack.gazetteer import load_gazetteer
    >>> s = read_surroundings("Hezbollah spoke after Israel bombed Beirut.", load_gazetteer())
    >>> [t.target for t in s.enemies]
    ['israel']
    """
    assert gazetteer.narration_threat is not None and gazetteer.aggressor_after is not None
    assert gazetteer.appealing_after is not None
    threatened, aggressors, named = [], [], []
    hits = _not_in_names(
        paragraph, longest([*target_hits(paragraph, gazetteer), *_other_hits(paragraph, gazetteer)])
    )
    for start, end, name in hits:
        if _not_threatened(paragraph, start, end, gazetteer, narration=True):
            continue
        mention = TargetMention(name, paragraph[start:end])
        if gazetteer.narration_threat.search(paragraph[max(0, start - 40) : start]):
            threatened.append(mention)
        elif gazetteer.aggressor_after.match(paragraph, end):
            aggressors.append(mention)
        elif name == "other" and _locative(paragraph, start):
            continue  # a place things happen in ("addressed supporters in Baghdad"), no enemy
        elif name == "other" and gazetteer.appealing_after.match(paragraph, end):
            continue  # a third party appealing ("the European Union called for calm"), no enemy
        else:
            named.append(mention)
    in_context = read_surroundings(context, gazetteer).named if context else frozenset()
    return Surroundings(
        tuple(threatened),
        tuple(aggressors + named),
        frozenset(_named([*(name for _, _, name in hits), *in_context], gazetteer)),
        paragraph,
    )


# A name's particle just before a mention makes it part of a person's name: "Abdul-Malik
# al-Houthi", "Abu Ali al-Askari".
_NAME_PARTICLE = re.compile(r"(?:\b(?:[Aa]l|[Ee]l)-|\b(?:Abu|bin|ibn|Bin|Ibn)\s)$")


def _not_in_names(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return [hit for hit in hits if not _NAME_PARTICLE.search(text, max(0, hit[0] - 4), hit[0])]


def _not_threatened(
    text: str, start: int, end: int, gazetteer: Gazetteer, narration: bool = False, demanded: bool = False
) -> bool:
    """Whether a target mention names a side defended or addressed rather than threatened.

    "our brothers in Tehran", "called on the Iraqi government to expel …",
    "the Iraqi government must expel …" (the one asked to act, unless what it
    is asked, `demanded`, is to stop, leave or comply itself: "called on the
    United States to withdraw"); in narration also "after the war on Iran" (a
    side attacked by others, unless the speaker wages it). In a statement the
    object of its own threatening act is threatened whatever stands before it.
    """
    assert gazetteer.defended_before is not None and gazetteer.attacked_before is not None
    assert gazetteer.waged_before is not None and gazetteer.addressed_after is not None
    assert gazetteer.called_before is not None
    before = text[max(0, start - 60) : start]
    if gazetteer.defended_before.search(before) or gazetteer.addressed_after.match(text, end):
        return True
    if not demanded and gazetteer.called_before.search(before):
        return True
    if not narration:
        return False
    attacked = gazetteer.attacked_before.search(before)
    return attacked is not None and not gazetteer.waged_before.search(before[: attacked.start()])


# Patterns by gazetteer, as `_SIDES` in `classify`: _KEEP_ALIVE keeps its id from being reused.
_KEEP_ALIVE: dict[int, Gazetteer] = {}
_OTHER_PATTERNS: dict[int, list[tuple[str, Lexicon]]] = {}


def _actor_target(actor: Actor, gazetteer: Gazetteer) -> str:
    """The target an actor of the gazetteer is when threatened: the one its
    organization chain names ("the Israeli military" is the IDF, Israel's, so
    `israel`), else `other`."""
    seen: set[str] = set()
    name: str | None = actor.name
    while name is not None and name not in seen:
        seen.add(name)
        for target in gazetteer.targets.values():
            if target.name != "other" and target.pattern and target.pattern.fullmatch(name):
                return target.name
        parent = gazetteer.actors.get(name)
        name = parent.organization if parent is not None else None
    return "other"


def _other_patterns(gazetteer: Gazetteer) -> list[tuple[str, Lexicon]]:
    """Actors of the gazetteer that no target names, by the target they are when
    threatened (see `_actor_target`)."""
    if id(gazetteer) not in _OTHER_PATTERNS:
        surfaces: dict[str, list[str]] = {}
        for actor in gazetteer.actors.values():
            if actor.kind != "organization" or actor.category not in ("group", "state", "body"):
                continue
            target = _actor_target(actor, gazetteer)
            surfaces.setdefault(target, []).extend(
                re.escape(surface)
                for surface in (actor.name, *actor.aliases)
                if len(surface) > 2
                and not any(t.pattern and t.pattern.fullmatch(surface) for t in gazetteer.targets.values())
            )
        _OTHER_PATTERNS[id(gazetteer)] = [
            (target, word_lexicon(found)) for target, found in surfaces.items() if found
        ]
        _KEEP_ALIVE[id(gazetteer)] = gazetteer
    return _OTHER_PATTERNS[id(gazetteer)]


def _other_hits(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), target)
        for target, pattern in _other_patterns(gazetteer)
        for m in pattern.finditer(text)
    ]


def _with_enemy_names(
    text: str, side: Side, hits: list[tuple[int, int, str]], gazetteer: Gazetteer
) -> list[tuple[int, int, str]]:
    """`hits` with what the speaker's side calls its enemy in place of what they read
    there: "the occupation forces" are Israel to Hezbollah, where the gazetteer
    alone reads U.S. forces; "the American occupation" U.S. forces to an Iraqi
    faction, where it reads the United States. A longer name read there stands
    ("the occupation bases" are U.S. bases), and so does a target of another
    family ("the Israeli occupation" is Israel whoever speaks)."""
    for target, words in side.enemies:
        family = {target, *gazetteer.ancestors(target)}
        for m in words.finditer(text):
            start, end = m.span()
            overlapping = [hit for hit in hits if hit[0] < end and start < hit[1]]
            if any(hit[0] < start or hit[1] > end for hit in overlapping):
                continue
            if any(hit[2] not in family and target not in gazetteer.ancestors(hit[2]) for hit in overlapping):
                continue
            hits = sorted([*(hit for hit in hits if hit not in overlapping), (start, end, target)])
    return hits


def _generic_hits(text: str, gazetteer: Gazetteer, named: set[str]) -> list[tuple[int, int, str]]:
    """Generic target words ("its bases", "soldiers") whose country is named, unless
    another country's adjective stands before them ("the Iraqi armed forces")."""
    return [
        (m.start(), m.end(), target.name)
        for target in gazetteer.targets.values()
        if target.generic is not None and target.requires in named
        for m in target.generic.finditer(text)
        if not _FOREIGN_BEFORE.search(text, max(0, m.start() - 30), m.start())
    ]


# A capitalized adjective of nationality, a word or two before, or before a list the
# forces are part of: "Iraqi armed forces", "Yemeni leaders, armed forces and people".
_FOREIGN_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:i|ian|ese|ish|an)\s+(?:\w+,\s+)?(?:\w+\s+)?$")
# "Iran-backed militias", "Iran's proxies": a compound or a possessive names whom a
# group serves, not a target.
_COMPOUND_AFTER = re.compile(
    r"-(?:backed|linked|aligned|allied|affiliated|funded|sponsored|supported|based|made|led|controlled|run)\b"
    r"|['’]s?\s+(?:\w+\s+)?(?:prox(?:y|ies)|allies|militias?|agents?|mercenaries|tools?|clients?)\b",
    re.IGNORECASE,
)


_LOCATIVE = re.compile(
    r"\b(?:in|into|inside|within|across|throughout|from|near|at)\s+(?:the\s+)?(?:(?:[^\s,.;:]+\s+){1,2}(?:and|or)\s+)?$",
    re.IGNORECASE,
)


def _locative(text: str, start: int) -> bool:
    """Whether a mention is a place after "in", "from" …: "bases in Iraq"."""
    return bool(_LOCATIVE.search(text, max(0, start - 50), start))


# Words of harm whose object is a side protected, not threatened, when another act is read.
_HARMING = (VIOLENT, VIOLENT_NOUN, THREAT_NOUN, THREAT_SPEECH)
_HARMING_NOUNS = frozenset({"aggression", "provocation", "hostility", "threat"})
# Nouns of harm that name what is struck, not a harm done: "attack multiple targets in the UAE".
_STRUCK_NOUNS = frozenset({"targets"})
_COMPLEMENT_BEFORE = re.compile(r"\b(?:of|for)\s+$")
# What a warning warns of, after whom it warns: "warned Israel against …".
_WARNED_OF = re.compile(r"\b(?:of|against|about|not to|that)\b", re.IGNORECASE)
# A pronoun object stands for the side named before it ("warning them of …"); a
# possessive ("their escalation") is read through the noun it qualifies.
_OBJECT_PRONOUNS = frozenset({"them", "him", "it"})
_OBJECT_ONLY = frozenset({READY, READY_PHRASE, READY_VERB, WARNING_SPEECH, WARNING_NOUN})


class _TargetFinder:
    """The targets of the acts that threaten, in a statement's content."""

    def __init__(self, reading: StatementReading, surroundings: Surroundings) -> None:
        self.reading = reading
        self.gazetteer = reading.gazetteer
        content = reading.content
        named = _named((name for _, _, name in reading.target_hits), self.gazetteer)
        generic = _generic_hits(content, self.gazetteer, named | set(surroundings.named))
        hits = longest([*reading.target_hits, *generic, *_other_hits(content, self.gazetteer)])
        self.hits = _not_in_names(content, _with_enemy_names(content, reading.side, hits, self.gazetteer))
        self.surroundings = surroundings

    def of_act(self, act: Act) -> list[TargetMention]:
        """The targets of one threatening act.

        The side that suffers it stands as its subject when the act is a demand
        on it ("the coalition forces must leave"), harm it undergoes ("their oil
        facilities will burn") or a passive ("their ships will be targeted"); a
        pronoun there ("their", "they") takes the side named last before it.
        Otherwise the act's object (after it, through any aside), else its clause.
        """
        reading = self.reading
        tokens = reading.tokens
        clause = act.clause
        clause_start, act_start = tokens[clause.start].start, tokens[act.first].start
        subject_suffers = (
            act.category in (DEMANDED, DEMANDED_NOUN, SUFFER, OBLIGATION, IDIOM, DESIGNATION)
            or "passive" in act.modality
        )
        if subject_suffers or any(m.startswith("victim-") for m in act.modality):
            found = self._in(clause_start, act_start, act)
            if not found and act.category in (DEMANDED, OBLIGATION):
                # "called on the United States to withdraw": the one called on, when it is
                # asked to stop, leave or comply itself, is the subject the demand is on.
                found = self._in(clause_start, act_start, act, demanded=True)[-1:]
            if found:
                return found
            if any(reading.has(i, THIRD_PERSON) for i in range(clause.start, act.first)):
                found = self._antecedent(clause_start)
                if found:
                    return found
            if act.category in (DEMANDED, OBLIGATION):
                return []  # where they are asked to leave is no target: "leave Iraq"
        objects = [mention for start, end in self._object_zone(act) for mention in self._in(start, end, act)]
        if act.category == WARNING_SPEECH:
            objects = self._warned(act) or objects
        if not objects and act.last + 1 < clause.end and reading.word(act.last + 1) in _OBJECT_PRONOUNS:
            objects = self._antecedent(act_start)  # "warned them of …": the side named before
        if objects:
            return objects
        if act.category in _OBJECT_ONLY:
            # A warning or declared readiness threatens only whom it names, or the one whose
            # act a condition before it names ("if Israel attacks Lebanon, …, and we are
            # ready to respond").
            earlier = [
                c for c in reading.clauses if c.protasis and clause.start - 40 < c.start < clause.start
            ]
            return self._condition_subject(earlier[-1], act) if earlier else []
        in_clause = self._in(clause_start, tokens[clause.end - 1].end, act)
        if in_clause:
            return in_clause
        if clause.conditional:
            # "If Iran shoots protesters, the United States will come to their rescue": the
            # one whose act the condition names.
            near = [c for c in reading.clauses if c.protasis and abs(c.start - clause.start) < 40]
            condition = near[0] if near else None
            if condition is not None:
                found = self._condition_subject(condition, act)
                if found:
                    return found
        # A clause that names no one ("…, and our operations will continue") threatens
        # whom its sentence names ("until the last American soldier leaves Iraq").
        sentence = [c for c in reading.clauses if c.start <= clause.start and not c.protasis]
        start = next((c.start for c in reversed(sentence) if c.opener == "" or c.start == 0), clause.start)
        end = next((c.end for c in reading.clauses if c.start >= clause.end and c.opener == ""), None)
        stop = tokens[(end or len(tokens)) - 1].end
        return [t for t in self._in(tokens[start].start, stop, act, narration=True) if t.target != "other"]

    def of_act_departing(self, act: Act) -> list[TargetMention]:
        """`of_act`, where a state asked to leave or be removed is its forces: "called for
        the United States to withdraw" threatens U.S. forces."""
        found = self.of_act(act)
        if act.lemma.split("/")[0] not in self.gazetteer.departure:
            return found
        targets = self.gazetteer.targets
        return [
            replace(t, target=forces) if (forces := targets[t.target].forces) else t
            for t in found
            if t.target in targets
        ] + [t for t in found if t.target not in targets]

    def _warned(self, act: Act) -> list[TargetMention]:
        """Whom a warning names as warned, before what it warns of: "warned Iraqi
        contractors of working with American soldiers" threatens the contractors."""
        start = self.reading.tokens[act.last].end
        end = self.reading.tokens[act.clause.end - 1].end
        about = _WARNED_OF.search(self.reading.content, start, end)
        if about is None or not self.reading.content[start : about.start()].strip():
            return []
        return self._in(start, about.start(), act)

    def _object_zone(self, act: Act) -> Iterator[tuple[int, int]]:
        """Offsets of what follows an act as its object: the rest of its clause (for a
        noun, up to the verb it is the subject of), and the main clause resumed after
        an aside ("the Americans, who killed our leaders, and their bases")."""
        reading = self.reading
        tokens = reading.tokens
        clause = act.clause
        end = clause.end
        if "…" in act.lemma:
            yield tokens[act.first].end, tokens[act.last].start  # "hold the perpetrators accountable"
        if act.category in NOUN_ACTS:
            end = next(
                (k for k in range(act.last + 1, clause.end) if reading.word(k) in VERB_GROUP_HEADS), end
            )
        if act.last + 1 < end:
            yield tokens[act.last].end, tokens[end - 1].end
        if end != clause.end:
            return
        index = reading.clauses.index(clause)
        following = reading.clauses[index + 1 : index + 3]
        if len(following) == 2 and following[0].aside and following[1].resumes:
            resumed = following[1]
            yield tokens[resumed.start].start, tokens[resumed.end - 1].end

    def _condition_subject(self, condition: Clause, act: Act) -> list[TargetMention]:
        """The first side named in a condition before its verb: "If Iran shoots …"."""
        reading = self.reading
        first_verb = next(
            (
                k
                for k in range(condition.start + 1, condition.end)
                if reading.has(k, *_HARMING) or reading.word(k) in VERB_GROUP_HEADS
            ),
            condition.end,
        )
        start = reading.tokens[condition.start].start
        end = reading.tokens[max(condition.start, first_verb - 1)].end
        return self._in(start, end, act, aggressor=True)

    def _antecedent(self, before: int) -> list[TargetMention]:
        """The side named before an offset that "they", "its" stand for: the nearest
        target of the gazetteer, else the nearest other side ("If the Zionist entity
        attacks Iraq, all its interests …" is Israel's)."""
        content = self.reading.content
        earlier = [
            (s, e, name)
            for s, e, name in self.hits
            if e <= before
            and name not in self.reading.side.targets
            and not _not_threatened(content, s, e, self.gazetteer)
        ]
        # A name in a complement ("a command center for the occupation") is rarely what
        # the pronoun after it stands for, when a name stands elsewhere.
        heads = [hit for hit in earlier if not _COMPLEMENT_BEFORE.search(content, max(0, hit[0] - 5), hit[0])]
        earlier = heads or earlier
        named = [hit for hit in earlier if hit[2] != "other"] or earlier
        if not named:
            return []
        s, e, name = named[-1]
        return [TargetMention(name, self.reading.content[s:e])]

    def _in(
        self,
        start: int,
        end: int,
        act: Act,
        narration: bool = False,
        aggressor: bool = False,
        demanded: bool = False,
    ) -> list[TargetMention]:
        """Targets named between two offsets; `aggressor`: also one named striking (a
        condition's "if Iran kills protesters" means Iran)."""
        content = self.reading.content
        side = self.reading.side
        act_start = self.reading.tokens[act.first].start
        found = []
        for s, e, name in self.hits:
            if not start <= s < end or name in side.targets:
                continue
            if side.names_exactly(content, s, e) or (
                side.home is not None and side.home.fullmatch(content, s, e)
            ):
                continue
            if _not_threatened(content, s, e, self.gazetteer, narration, demanded):
                continue
            if not aggressor and e <= act_start and self.gazetteer.aggressor_after.match(content, e):
                continue  # the one striking is not threatened: "its forces struck"
            if e <= act_start and self.gazetteer.speaker_after.match(content, e):
                continue  # nor the one speaking: "the militias threatened to escalate"
            if _COMPOUND_AFTER.match(content, e):
                continue  # "the Iran-linked group": whom it serves, not whom the act threatens
            if self._harmed_by_another(s, act):
                continue  # "respond to any threat against US interests": the side protected
            found.append((_locative(content, s), TargetMention(name, content[s:e])))
        # A place the act happens in ("bases in Iraq") is a target only when nothing else is.
        direct = [mention for locative, mention in found if not locative]
        return direct or [mention for _, mention in found]

    def _harmed_by_another(self, start: int, act: Act) -> bool:
        """Whether a mention is the object of another harming word than the act itself
        ("any threat against US interests", "anyone who tries to harm Israel")."""
        reading = self.reading
        index = next((i for i, t in enumerate(reading.tokens) if t.start >= start), None)
        if index is None:
            return False
        clause = reading.clause_of[index]
        for k in range(index - 1, max(clause.start, index - 6) - 1, -1):
            if act.first <= k <= act.last:
                return False
            if reading.word(k) in _STRUCK_NOUNS:
                continue
            if reading.word(k) == "by":
                return False  # "the attack by Iran-backed militias": the attacker
            if reading.word(k) in self.gazetteer.invading:
                return True  # "if Israeli forces entered southern Lebanon": the side invaded
            harming_noun = any(m.lemma in _HARMING_NOUNS for m in reading.marks_at(k, HOSTILE))
            if harming_noun or reading.has(k, *_HARMING):
                return True
        return False

    # Both read the statement's own paragraph only: "the enemy takes the enemy named
    # in the same paragraph, or none" (the dev corpus's convention).
    def unnamed(self) -> list[TargetMention]:
        """ "the enemy", "you": the side the narration shows attacking, or names first."""
        fits = [t for t in self.surroundings.enemies if self._narrated_fits(t)]
        if not fits:
            # What the speaker's side calls its enemy, named there: "the occupation forces"
            # in the group's statement before.
            text = self.surroundings.text
            fits = [
                TargetMention(target, text[start:end])
                for start, end, target in _with_enemy_names(text, self.reading.side, [], self.gazetteer)
            ]
        return ([t for t in fits if t.target != "other"] or fits)[:1]

    def narrated(self) -> list[TargetMention]:
        """Targets of the gazetteer the narration names after a word of threat ("a threat
        to U.S. forces:")."""
        return [t for t in self.surroundings.threatened if t.target != "other" and self._narrated_fits(t)]

    def _narrated_fits(self, mention: TargetMention) -> bool:
        """Not the speaker's own side, and not a name the statement's own words hold
        (what they say of it their acts decide)."""
        return (
            mention.target not in self.reading.side.targets
            and not self._own_name(mention.text)
            and mention.text.casefold() not in self.reading.content.casefold()
        )

    def _own_name(self, text: str) -> bool:
        side = self.reading.side
        return side.names_exactly(text) or (side.home is not None and side.home.fullmatch(text) is not None)


def threatened_targets(
    reading: StatementReading, threatening: Iterable[Act], surroundings: Surroundings
) -> list[TargetMention]:
    """The targets a statement threatens: those of its threatening acts, else those the
    narration names after a word of threat, else the side "the enemy" or "you" stands
    for, else the side its paragraph names."""
    finder = _TargetFinder(reading, surroundings)
    targets = [mention for act in threatening for mention in finder.of_act_departing(act)]
    if not targets:
        targets = finder.narrated()
    if not targets:
        # "The enemy", "you", or a threat that names no one: the side its paragraph names
        # (coding scheme section 5), when the gazetteer knows it as a target or a group;
        # not a place where things happen or a third party appealing there.
        targets = finder.unnamed()
    # One name read as a state by one act and as its forces by another ("The Americans must
    # leave"): the forces, the narrower reading.
    narrower = {(t.text.casefold(), a) for t in targets for a in reading.gazetteer.ancestors(t.target)}
    return [t for t in targets if (t.text.casefold(), t.target) not in narrower]


__all__ = [
    "Surroundings",
    "TargetMention",
    "in_context",
    "read_surroundings",
    "threatened_targets",
]

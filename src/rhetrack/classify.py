"""Classify a statement's escalation level and the targets it threatens.

The level is composed, not looked up (coding scheme section 4). `acts`
reads each act in the speaker's words for who does it, to whom, and its
tense, modality and polarity; the frames here (`FRAMES`) turn an act so read
into a level, the first frame that applies winning:

| frame | level | an act … |
|---|---|---|
| call-to-attack | 4 | of violence called for, ordered or permitted; a call to arms |
| claim | 4 | of violence the speaker's side did or is doing; a claim of responsibility |
| decision-to-attack | 4 | of violence the speaker's side decided or announced |
| continuation | 4 | of violence the speaker's side will keep up, resume or raise |
| endorsement | 4 | of violence praised ("a blessed operation", "a legitimate response") |
| threat | 3 | of violence the speaker's side will, means to or can do, conditional or not |
| harm-promised | 3 | of harm the other side will undergo ("you will pay a heavy price") |
| speech-act | 3, 2 | named by the speaker's own verb: threatening, warning |
| coercion, demand, readiness, warning | 2 | coercive or demanded, declared readiness, consequences |
| enemy-act | 1 | of violence by another side, in the speaker's words |
| hostility | 1 | framing an enemy, condemning, accusing, belittling |

The statement takes the highest level of its acts. Its targets are the
objects of the acts that threaten (level 2 and up), resolved through the
gazetteer and its parents, the `other` target (actors and adversaries the
gazetteer does not list), pronouns ("their bases" after "America") and "the
enemy" or "you" named in the narration around the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rhetrack.acts import NO_SIDE, NOUN_ACTS, Act, Side, StatementReading, longest, target_hits
from rhetrack.clauses import (
    ACCUSATION,
    ADDRESSEE,
    CALM,
    COERCIVE,
    COERCIVE_NOUN,
    DEFENSIVE,
    DEMANDED,
    DEMANDED_NOUN,
    DESIGNATION,
    ENEMY,
    HARM_WARNING,
    HOSTILE,
    IDIOM,
    JUSTIFICATION,
    MILD,
    MILD_HARM,
    MILD_NOUN,
    MOBILIZATION,
    OBLIGATION,
    REACH,
    READY,
    READY_PHRASE,
    READY_VERB,
    REMOVAL,
    RESPONSIBILITY,
    RESULT,
    SEVERE_HARM,
    SUFFER,
    THIRD_PERSON,
    THREAT_NOUN,
    THREAT_SPEECH,
    VERB_GROUP_HEADS,
    VERDICT,
    VIOLENT,
    VIOLENT_NOUN,
    WARNING_NOUN,
    WARNING_SPEECH,
    Clause,
)
from rhetrack.escalation import load_sides
from rhetrack.gazetteer import Gazetteer, Lexicon, fold_name, word_lexicon
from rhetrack.levels import LEVEL_NAMES

# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """The words that decided one reading of a statement, and why."""

    family: str  # the frame: "claim", "threat", "enemy-act" …
    level: int
    text: str
    start: int  # offsets within the classified content
    end: int
    note: str = ""  # the act's parts: "actor: own (we); act: strike; modality: future"


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


# -- the speaker's side ----------------------------------------------------------------------


def speaker_side(speaker: str, organization: str | None, gazetteer: Gazetteer) -> Side:
    """The `Side` of a speaker, from the gazetteer's actors and `sides.toml`.

    >>> from rhetrack.gazetteer import load_gazetteer
    >>> side = speaker_side("Yahya Saree", "Houthis", load_gazetteer())
    >>> bool(side.name.search("the Yemeni Armed Forces targeted")), side.group, side.party
    (True, True, True)
    """
    key = (id(gazetteer), speaker, organization or "")
    side = _SIDES.get(key)
    if side is None:
        if len(_SIDES) > 4096:
            _SIDES.clear()
        side = _SIDES[key] = _speaker_side(speaker, organization or "", gazetteer)
        _KEEP_ALIVE[id(gazetteer)] = gazetteer
    return side


# Sides by (gazetteer, speaker, organization); a Gazetteer holds dicts, so it
# cannot key an lru_cache, and _KEEP_ALIVE keeps its id from being reused.
_SIDES: dict[tuple[int, str, str], Side] = {}
_KEEP_ALIVE: dict[int, Gazetteer] = {}


def _speaker_side(speaker: str, organization: str, gazetteer: Gazetteer) -> Side:
    names: list[str] = [speaker]
    chain = list(
        _organization_chain(_canonical(speaker, gazetteer), _canonical(organization, gazetteer), gazetteer)
    )
    group = False
    for actor_name in chain:
        actor = gazetteer.actors.get(actor_name)
        names.append(actor_name)
        if actor is not None:
            names.extend(actor.aliases)
            group = group or actor.category == "group"
    targets: set[str] = set()
    home: list[str] = []
    party = False
    # A speaker the gazetteer does not know may still be named as a side ("the FAA").
    folded = {fold_name(speaker)} if len(chain) == 1 and speaker not in gazetteer.actors else set()
    for side in load_sides():
        if any(actor in side.actors for actor in chain) or folded & {fold_name(n) for n in side.names}:
            party = True
            names.extend(side.names)
            for member in side.actors:
                actor = gazetteer.actors.get(member)
                if actor is not None:
                    names.extend((actor.name, *actor.aliases))
            targets.update(side.targets)
            home.extend(side.home)
            break
    if group:
        names.extend(phrase for phrase, wanted in gazetteer.descriptions.items() if wanted == "group")
    names = [name for name in dict.fromkeys(names) if len(name) > 1]
    own_targets = {
        t for t in gazetteer.targets if t in targets or any(a in targets for a in gazetteer.ancestors(t))
    }
    pattern = word_lexicon(_loose(name) for name in names) if names else None
    home_pattern = word_lexicon(re.escape(place) for place in home) if home else None
    return Side(pattern, group, frozenset(own_targets), party, home_pattern)


def _canonical(name: str, gazetteer: Gazetteer) -> str:
    """The gazetteer's name for a surface ("Ansar Allah" -> "Houthis"), else the surface."""
    actor = gazetteer.actor_for(name) if name else None
    return actor.name if actor else name


def _loose(name: str) -> str:
    """A name as a pattern. "The" may take an adjective ("the Lebanese group"), and is
    optional before a proper name of several words ("Islamic Resistance in Iraq") but
    not before a single common word ("the Resistance", "the coalition")."""
    escaped = re.escape(name).replace(r"\ ", r"\s+")
    words = name.split()
    if words[0].casefold() != "the":
        return escaped
    rest = escaped[escaped.index("+") + 1 :]
    optional = "?" if len(words) > 2 else ""
    return rf"(?:the\s+(?:[\w-]+\s+)?){optional}{rest}"


def _organization_chain(speaker: str, organization: str, gazetteer: Gazetteer) -> Iterator[str]:
    """The speaker, its organization, that organization's organization …"""
    seen: set[str] = set()
    current: str | None = speaker
    fallback = organization or None
    while current and current not in seen:
        seen.add(current)
        yield current
        actor = gazetteer.actors.get(current)
        current = actor.organization if actor and actor.organization else fallback
        fallback = None


# -- frames: an act, read, gives a level ------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    level: int
    frame: str
    takes_targets: bool = True


_VIOLENT_ACTS = frozenset({VIOLENT, VIOLENT_NOUN})
_FORCE_ACTS = frozenset({MILD, MILD_NOUN})


def _violent(act: Act) -> bool:
    """A violent act, or a forceful one qualified as violent ("respond militarily",
    "expel them by force")."""
    if "peaceful" in act.modality:
        return False
    if act.category in (COERCIVE, COERCIVE_NOUN):
        return "violent-manner" in act.modality
    if act.category in _FORCE_ACTS and act.object_side == "other":
        return True  # "action against the American occupation bases"
    if act.category == REACH:
        return act.object_side == "other"  # "our missiles can reach Tel Aviv", not "reach an agreement"
    if act.category == REMOVAL:
        return not act.modality & {"call", "obligation"} or "violent-manner" in act.modality
    return act.category in _VIOLENT_ACTS or (act.category in _FORCE_ACTS and "force" in act.modality)


def _forceful(act: Act) -> bool:
    return act.category in _VIOLENT_ACTS or act.category in _FORCE_ACTS or _violent(act)


def _cancelled(act: Act) -> bool:
    return "negated" in act.modality and "litotes" not in act.modality


def _settled(act: Act) -> bool:
    """Neither negated nor the condition of a conditional ("if they attack")."""
    return not _cancelled(act) and "protasis" not in act.modality


def call_to_attack(act: Act) -> Reading | None:
    """A call, order or permission to attack, or a call to arms (4; 3 under a condition)."""
    if not _settled(act):
        return None
    if act.category == MOBILIZATION:
        return Reading(4, "call-to-attack")
    if _violent(act) and act.modality & {"call", "imperative"} and "defensive" not in act.modality:
        if act.agent in ("other", "third") and "call" not in act.modality:
            return None
        return Reading(3, "threat") if "conditional" in act.modality else Reading(4, "call-to-attack")
    return None


def claim_of_attack(act: Act) -> Reading | None:
    """The speaker's side's attack, done or under way (4): "we struck", "its forces are
    targeting", "the strikes were conducted", "our missiles reached their targets"."""
    if not _settled(act) or act.modality & {"conditional", "defensive"}:
        return None
    if act.category == RESPONSIBILITY:
        return Reading(4, "claim")
    if act.category == RESULT:
        # "our missiles reached their targets"; a party's "the operation achieved its goals".
        ours = act.agent == "own" or (act.agent == "none" and "party" in act.modality)
        done = ours and not act.modality & {"future", "hypothetical", "intention", "continuation"}
        return Reading(4, "claim") if done else None
    if (
        not _forceful(act)
        or act.agent != "own"
        or act.modality & {"future", "hypothetical", "intention", "call"}
    ):
        return None
    if (
        act.category in _FORCE_ACTS
        and ("peaceful" in act.modality or not act.modality & {"force", "acted"})
        and (act.object_side != "other")
    ):
        return None  # "Katz responded on Thursday, saying …": a reply, not an attack
    if act.modality & {"past", "ongoing"}:
        return Reading(4, "claim")
    if "present" in act.modality and act.category in _VIOLENT_ACTS and act.object_side == "other":
        return Reading(4, "claim")  # "we strike them wherever they are"
    return None


def decision_to_attack(act: Act) -> Reading | None:
    """A decision or an order to attack (4): "decided to liberate Iraq militarily",
    "announced that they would target all Israeli-flagged vessels"."""
    decided = "decision" in act.modality or (
        "announced" in act.modality and act.modality & {"future", "intention"}
    )
    if _violent(act) and decided and act.agent in ("own", "none") and _settled(act):
        return None if "conditional" in act.modality else Reading(4, "decision-to-attack")
    return None


def continuation(act: Act) -> Reading | None:
    """A decision to keep, resume or raise attacks (4): "will continue to strike",
    "more impactful operations", "our operations will not stop"."""
    if "continuation" not in act.modality or not _settled(act) or "defensive" in act.modality:
        return None
    conditional = "conditional" in act.modality and "ongoing-continuation" not in act.modality
    if (
        not (act.category in _VIOLENT_ACTS or (act.category == MILD and act.agent == "own"))
        or "peaceful" in act.modality
    ):
        return None  # "further strikes", "continue to respond"; not "further action"
    if act.agent == "none" and not act.modality & {"intention", "decision", "call"}:
        return None
    if act.agent not in ("own", "none"):
        return None
    # "operations will continue if …": under way already, whatever the condition.
    return Reading(3, "threat") if conditional else Reading(4, "continuation")


def endorsement(act: Act) -> Reading | None:
    """Praise of an attack (4): "we bless the operation", "a brave and blessed
    operation", "the strike was a legitimate response"."""
    praised = "endorsed" in act.modality or ("praised" in act.modality and act.modality & {"past", "acted"})
    if act.category not in _VIOLENT_ACTS or not praised or not _settled(act):
        return None
    if act.agent == "other" or act.modality & {"condemned", "future", "conditional"}:
        return None
    return Reading(4, "endorsement")


def verdict(act: Act) -> Reading | None:
    """An attack endorsed by a verdict alone (4): "a natural reaction to the crimes of the
    occupation", "a great victory", "a legitimate right"."""
    if act.category != VERDICT or not _settled(act) or act.agent == "other" or "future" in act.modality:
        return None
    return Reading(4, "endorsement", takes_targets=False)  # whom the attack endorsed hit, its own act names


def justification(act: Act) -> Reading | None:
    """The speaker's side's act told as an answer to the other side's ("in response to
    the attacks on US service members", "as revenge for Khamenei's killing"): a claim
    of it (4), unless it is yet to come ("will strike in response to any attack")."""
    if act.category != JUSTIFICATION or not _settled(act) or act.agent not in ("own", "none"):
        return None
    if act.modality & {"future", "hypothetical", "conditional", "intention", "any"} or (
        act.agent == "none" and not act.modality & {"party"}
    ):
        return None
    return Reading(4, "claim")


# Forceful acts that, promised, threaten force even unqualified: "we will respond".
_STRONG_MILD = frozenset(
    {"respond", "react", "retaliate", "punish", "response", "reaction", "answer", "retort", "reply",
     "act against", "move against", "take action", "liberate", "confront", "intervene", "come to … rescue",
     "operate against"}
)  # fmt: skip


def threat(act: Act) -> Reading | None:
    """The speaker's side's attack to come, conditional or not (3): "we will strike",
    "vowed to retaliate", "our missiles can reach Tel Aviv"; readiness to fight is 2."""
    if not _forceful(act) or not _settled(act) or "defensive" in act.modality:
        return None
    if act.agent in ("other", "addressee", "third") and "call" not in act.modality:
        return None
    modal = act.modality & {
        "future",
        "intention",
        "capability",
        "litotes",
        "readiness",
        "call",
        "obligation",
        "warned",
    }
    if act.agent == "own" and act.modality & {"hypothetical", "conditional"}:
        modal = modal | {"hypothetical"}
    if not modal or (modal == {"capability"} and act.agent != "own"):
        return None
    if "readiness" in modal:
        return Reading(2, "readiness")  # "we are ready to fight the enemy"
    if "litotes" in modal or act.object_side == "other":
        return Reading(3, "threat")  # "will not hesitate to take action", "take measures against Iran"
    if act.category in NOUN_ACTS and act.agent == "none" and modal <= {"future", "hypothetical"}:
        return None  # "the attacks will not stop": whose, the words do not say
    if act.category in _FORCE_ACTS and not _violent(act):
        # "we will respond", "take measures": a vow of some response.
        if "peaceful" in act.modality:
            return Reading(2, "coercion")
        return Reading(3, "threat") if act.name in _STRONG_MILD else Reading(2, "warning")
    return Reading(3, "threat")


_PROMISING = frozenset(
    {"future", "expectation", "intention", "obligation", "hypothetical", "conditional", "call", "litotes"}
)


def harm_promised(act: Act) -> Reading | None:
    """Harm promised to the other side, with it as subject (3): "you will pay a heavy
    price", "they will regret it", "a bitter lesson awaits"; unspecified
    consequences make a warning (2)."""
    if not _settled(act):
        return None
    if act.category == IDIOM:
        return Reading(3, "harm-promised")
    if act.category == DESIGNATION:
        # "has been included in the target bank" is decided; "will be legitimate targets"
        # promised; "the embassy is a military base" only names it.
        governed = any(m.startswith("victim-") for m in act.modality)
        if not governed and "predicated" not in act.modality:
            return None  # "we will fight the occupation forces": a name, not a designation
        if act.modality & {"future", "conditional", "hypothetical", "expectation", "intention"}:
            return Reading(3, "harm-promised")
        return Reading(4, "decision-to-attack") if governed and "past" in act.modality else None
    if act.category == HARM_WARNING:
        return Reading(2, "warning")  # "the region will get out of control"
    if act.category in (SEVERE_HARM, MILD_HARM) and act.agent in ("other", "third"):
        return None  # "an Israeli response is inevitable": another's harm, not one promised
    if "victim-third" in act.modality or "victim-own" in act.modality:
        return None  # "the bill would face strong resistance in parliament"
    promised = act.modality & _PROMISING
    if act.category == SUFFER:
        return Reading(3, "harm-promised") if act.agent != "own" and promised - {"call"} else None
    governed = "expectation" in act.modality or any(m.startswith("victim-") for m in act.modality)
    if act.category not in (SEVERE_HARM, MILD_HARM) or not promised or not governed:
        return None  # "prices will continue to rise": a price no one is made to pay
    if act.category == SEVERE_HARM or "force" in act.modality:
        return Reading(3, "harm-promised")
    return Reading(2, "warning")


def speech_act(act: Act) -> Reading | None:
    """The speaker's own threat or warning, named by its verb or noun: "threatened U.S.
    forces", "we warn the Saudis", "issued a final warning" (3, 2); another side's
    threats frame an enemy (1)."""
    if act.category not in (THREAT_SPEECH, WARNING_SPEECH, WARNING_NOUN, THREAT_NOUN) or not _settled(act):
        return None
    if act.category in (WARNING_NOUN, THREAT_NOUN) and "acted" not in act.modality and act.agent != "none":
        return None  # "the warnings are part of political messaging": no one warns here
    if act.agent != "own" and not (act.agent == "none" and act.category == WARNING_NOUN):
        return Reading(1, "enemy-act", takes_targets=False) if act.category == THREAT_SPEECH else None
    return Reading(3, "threat") if act.category in (THREAT_SPEECH, THREAT_NOUN) else Reading(2, "warning")


def coercion(act: Act) -> Reading | None:
    """Coercion without violence, demands and readiness (2): "close the embassy",
    "must leave Iraq", "we are ready", "will not allow", "we will deter"; rejecting calm."""
    if act.category == CALM and "negated" in act.modality and "protasis" not in act.modality:
        return Reading(2, "readiness")  # "this is not a time to discuss de-escalation"
    if not _settled(act):
        return None
    if act.category in (READY, READY_PHRASE, READY_VERB):
        if act.agent == "other" or (act.agent == "none" and "condemned" in act.modality):
            return None  # "the front of falsehood was preparing to target Iran": the enemy's readiness
        return Reading(2, "readiness")
    if act.category == DEFENSIVE:
        own_future = act.agent == "own" and act.modality & {
            "future",
            "intention",
            "readiness",
            "call",
            "obligation",
        }
        return Reading(2, "readiness") if own_future else None
    if act.category in (COERCIVE, COERCIVE_NOUN, REMOVAL):
        if act.object_side == "own":
            return None  # "would ban American carriers": measures on one's own
        if act.modality & {"call", "obligation"}:
            return Reading(2, "demand")  # "the government must expel the U.S. forces"
        if act.agent in ("own", "none") and act.modality & {
            "future",
            "intention",
            "decision",
            "imperative",
            "hypothetical",
            "conditional",
        }:
            return Reading(2, "coercion")
        return None
    if (
        act.category in (DEMANDED, DEMANDED_NOUN)
        and act.modality & {"call", "obligation", "imperative"}
        and act.agent != "own"
    ):
        return Reading(2, "demand")
    if act.category == OBLIGATION and act.agent in ("other", "addressee", "third"):
        return Reading(2, "demand")  # "Iran must respect the sovereignty of its neighbours"
    if _forceful(act) and "call" in act.modality and "peaceful" in act.modality:
        return Reading(2, "demand")
    return None


def enemy_act(act: Act) -> Reading | None:
    """Violence by another side, done or planned, in the speaker's words (1): "the enemy
    is killing children", "America killed our leaders", "Israel would strike Lebanon".
    A report of an attack on one's own side that names no victims and no enemy ("they
    fired rockets at Ain al-Asad", "drones launched at the Kingdom") frames no one."""
    if act.category not in _VIOLENT_ACTS or act.modality & {"protasis", "defensive"} or _cancelled(act):
        return None
    if act.agent not in ("other", "addressee", "third"):
        return None
    planned = act.modality & {"future", "hypothetical", "intention", "capability", "call", "continuation"}
    framed = "victims" in act.modality or act.agent_words.startswith("enemy:") or "condemned" in act.modality
    if act.object_side == "own" and not planned and not framed:
        return None
    if act.agent == "third" and not planned and "condemned" not in act.modality:
        # "the attack targeted a petroleum station", "the war has killed 3,500 people":
        # a report, no enemy named and none condemned.
        return None
    if act.agent_words == "(inferred)" and not planned and "condemned" not in act.modality:
        return None  # "one of its commanders had been killed": a loss confirmed, no one blamed
    return Reading(1, "enemy-act", takes_targets=False)


def hostility(act: Act) -> Reading | None:
    """Framing an enemy, condemning, accusing, belittling (1)."""
    if act.category in (HOSTILE, ACCUSATION) and "calm" not in act.modality:
        return Reading(1, "hostility", takes_targets=False)
    return None


FRAMES: tuple[Callable[[Act], Reading | None], ...] = (
    call_to_attack,
    claim_of_attack,
    decision_to_attack,
    continuation,
    endorsement,
    verdict,
    justification,
    threat,
    harm_promised,
    speech_act,
    coercion,
    enemy_act,
    hostility,
)


def _warnings_about_others(cues: list[Cue], warned: set[int], unread_force: bool) -> list[Cue]:
    """ "Warned that Israel would strike Iraq" warns of another side's doing, which
    frames an enemy (1): a warning that addresses no one and whose words hold
    nothing of the speaker's side above 1 but another side's act, or only
    hostile words ("warned that there is no ceiling for Israel") where no act of
    force is left unread. "Warned of consequences" stays a warning (2)."""
    if not warned or any(c.level >= 2 for i, c in enumerate(cues) if i not in warned):
        return cues
    about_others = any(c.family == "enemy-act" for c in cues) or (
        not unread_force and any(c.level == 1 for c in cues)
    )
    if not about_others:
        return cues
    return [
        Cue("enemy-act", 1, c.text, c.start, c.end, c.note + "; warns of another side") if i in warned else c
        for i, c in enumerate(cues)
    ]


def read_act(act: Act) -> Reading | None:
    """The level of one act: the first frame that applies."""
    return next((reading for frame in FRAMES if (reading := frame(act)) is not None), None)


def _note(act: Act) -> str:
    """The parts of an act that decided its frame, for `explain`."""
    parts = [f"actor: {act.agent}" + (f" ({act.agent_words})" if act.agent_words else "")]
    parts.append(f"act: {act.name}")
    if act.object_side != "none":
        parts.append(f"on: {act.object_side}")
    shown = sorted(act.modality - {"past-be", "acted", "party", "predicated"})
    if shown:
        parts.append("modality: " + ", ".join(shown))
    if act.governor:
        parts.append(f"by: {act.governor}")
    return "; ".join(parts)


# -- targets ----------------------------------------------------------------------------------


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
    every target named there, with parents, for generic words ("its bases").
    """

    threatened: tuple[TargetMention, ...] = ()
    enemies: tuple[TargetMention, ...] = ()
    named: frozenset[str] = frozenset()
    before: Surroundings | None = None  # the same, read in the paragraph before


NO_SURROUNDINGS = Surroundings()


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
    threatened, aggressors, named = [], [], []
    hits = longest([*target_hits(paragraph, gazetteer), *_other_hits(paragraph, gazetteer)])
    for start, end, name in hits:
        if _not_threatened(paragraph, start, end, gazetteer, narration=True):
            continue
        mention = TargetMention(name, paragraph[start:end])
        if gazetteer.narration_threat.search(paragraph[max(0, start - 40) : start]):
            threatened.append(mention)
        elif gazetteer.aggressor_after.match(paragraph, end):
            aggressors.append(mention)
        else:
            named.append(mention)
    before = read_surroundings(context, gazetteer) if context else None
    in_context = before.named if before else frozenset()
    return Surroundings(
        tuple(threatened),
        tuple(aggressors + named),
        frozenset(_named([*(name for _, _, name in hits), *in_context], gazetteer)),
        before,
    )


def _not_threatened(text: str, start: int, end: int, gazetteer: Gazetteer, narration: bool = False) -> bool:
    """Whether a target mention names a side defended or addressed rather than threatened.

    "our brothers in Tehran", "the Iraqi government must expel …" (the one
    asked to act); in narration also "after the war on Iran" (a side attacked
    by others, unless the speaker wages it). In a statement the object of its
    own threatening act is threatened whatever stands before it.
    """
    assert gazetteer.defended_before is not None and gazetteer.attacked_before is not None
    assert gazetteer.waged_before is not None and gazetteer.addressed_after is not None
    before = text[max(0, start - 60) : start]
    if gazetteer.defended_before.search(before) or gazetteer.addressed_after.match(text, end):
        return True
    if not narration:
        return False
    attacked = gazetteer.attacked_before.search(before)
    return attacked is not None and not gazetteer.waged_before.search(before[: attacked.start()])


_OTHER_PATTERNS: dict[int, Lexicon | None] = {}


def _other_pattern(gazetteer: Gazetteer) -> Lexicon | None:
    """Actors of the gazetteer that no target names: threatened, they are `other`."""
    if id(gazetteer) not in _OTHER_PATTERNS:
        surfaces = [
            re.escape(surface)
            for actor in gazetteer.actors.values()
            if actor.kind == "organization" and actor.category in ("group", "state", "body")
            for surface in (actor.name, *actor.aliases)
            if len(surface) > 2
            and not any(t.pattern and t.pattern.fullmatch(surface) for t in gazetteer.targets.values())
        ]
        _OTHER_PATTERNS[id(gazetteer)] = word_lexicon(surfaces) if surfaces else None
        _KEEP_ALIVE[id(gazetteer)] = gazetteer
    return _OTHER_PATTERNS[id(gazetteer)]


def _other_hits(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    pattern = _other_pattern(gazetteer)
    return [(m.start(), m.end(), "other") for m in pattern.finditer(text)] if pattern else []


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


# A capitalized adjective of nationality, a word or two before: "Iraqi armed forces".
_FOREIGN_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:i|ian|ese|ish|an)\s+(?:\w+\s+)?$")
# "Iran-backed militias": a compound names whom a group serves, not a target.
_COMPOUND_AFTER = re.compile(
    r"-(?:backed|linked|aligned|allied|affiliated|funded|sponsored|supported|based|made|led|controlled|run)\b",
    re.IGNORECASE,
)


_LOCATIVE = re.compile(
    r"\b(?:in|into|inside|within|across|throughout|from|near)\s+(?:the\s+)?(?:(?:[^\s,.;:]+\s+){1,2}(?:and|or)\s+)?$",
    re.IGNORECASE,
)


def _locative(text: str, start: int) -> bool:
    """Whether a mention is a place after "in", "from" …: "bases in Iraq"."""
    return bool(_LOCATIVE.search(text, max(0, start - 50), start))


# Words of harm whose object is a side protected, not threatened, when another act is read.
_HARMING = (VIOLENT, VIOLENT_NOUN, THREAT_NOUN, THREAT_SPEECH)
_HARMING_NOUNS = frozenset({"aggression", "provocation", "hostility", "threat"})
_OBJECT_ONLY = frozenset({READY, READY_PHRASE, READY_VERB, WARNING_SPEECH, WARNING_NOUN})


class _TargetFinder:
    """The targets of the acts that threaten, in a statement's content."""

    def __init__(self, reading: StatementReading, surroundings: Surroundings) -> None:
        self.reading = reading
        self.gazetteer = reading.gazetteer
        content = reading.content
        named = _named((name for _, _, name in reading.target_hits), self.gazetteer)
        generic = _generic_hits(content, self.gazetteer, named | set(surroundings.named))
        self.hits = longest([*reading.target_hits, *generic, *_other_hits(content, self.gazetteer)])
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
            if found:
                return found
            if any(reading.has(i, THIRD_PERSON) for i in range(clause.start, act.first)):
                found = self._antecedent(clause_start)
                if found:
                    return found
            if act.category in (DEMANDED, OBLIGATION):
                return []  # where they are asked to leave is no target: "leave Iraq"
        objects = [mention for start, end in self._object_zone(act) for mention in self._in(start, end, act)]
        if objects or act.category in _OBJECT_ONLY:
            return objects  # a warning or declared readiness threatens only whom it names
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
        earlier = [
            (s, e, name) for s, e, name in self.hits if e <= before and name not in self.reading.side.targets
        ]
        named = [hit for hit in earlier if hit[2] != "other"] or earlier
        if not named:
            return []
        s, e, name = named[-1]
        return [TargetMention(name, self.reading.content[s:e])]

    def _in(
        self, start: int, end: int, act: Act, narration: bool = False, aggressor: bool = False
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
            if any(
                pattern is not None and pattern.fullmatch(content, s, e) for pattern in (side.name, side.home)
            ):
                continue
            if _not_threatened(content, s, e, self.gazetteer, narration):
                continue
            if not aggressor and e <= act_start and self.gazetteer.aggressor_after.match(content, e):
                continue  # the one striking is not threatened: "its forces struck"
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
            harming_noun = any(m.lemma in _HARMING_NOUNS for m in reading.marks_at(k, HOSTILE))
            if harming_noun or reading.has(k, *_HARMING):
                return True
        return False

    def unnamed(self) -> list[TargetMention]:
        """ "the enemy", "you": the side the narration shows attacking, or names first."""
        for surroundings in self._tiers():
            found = [t for t in surroundings.enemies if self._narrated_fits(t)][:1]
            if found:
                return found
        return []

    def narrated(self) -> list[TargetMention]:
        """Targets of the gazetteer the narration names after a word of threat ("a threat
        to U.S. forces:")."""
        for surroundings in self._tiers():
            found = [t for t in surroundings.threatened if t.target != "other" and self._narrated_fits(t)]
            if found:
                return found
        return []

    def _tiers(self) -> Iterator[Surroundings]:
        # The statement's own paragraph only: "the enemy takes the enemy named in the same
        # paragraph, or none" (the dev corpus's convention).
        yield self.surroundings

    def _narrated_fits(self, mention: TargetMention) -> bool:
        """Not the speaker's own side, and not a name the statement's own words hold
        (what they say of it their acts decide)."""
        return (
            mention.target not in self.reading.side.targets
            and not self._own_name(mention.text)
            and mention.text.casefold() not in self.reading.content.casefold()
        )

    def _own_name(self, text: str) -> bool:
        name = self.reading.side.name
        return name is not None and name.fullmatch(text) is not None


# -- classify ---------------------------------------------------------------------------------


def classify(
    content: str,
    narration: str,
    gazetteer: Gazetteer,
    *,
    reported: bool = False,
    paraphrase_end: int = 0,
    own: Side | None = None,
    context: str = "",
    surroundings: Surroundings | None = None,
) -> Classification:
    """Level, deciding cues and threatened targets of a statement.

    `content` is what the speaker said: the quotation, or for reported speech
    the reporting sentence (`reported=True`, where "it would" is the
    speaker's own "we will"). A quotation quoted mid-clause comes with the
    reported clause that leads into it, `content[:paraphrase_end]`, read as
    reported speech. `own` (see `speaker_side`) is the speaker's side.
    `surroundings` (see `read_surroundings`) say what the narration around
    the statement names; without them they are read from `narration` and
    `context`.

    >>> from rhetrack.gazetteer import load_gazetteer
    >>> c = classify("We will attack all U.S. targets.", "", load_gazetteer())
    >>> (c.level, c.target_names, c.cues[0].family)
    (3, ('united-states',), 'threat')
    """
    side = own or NO_SIDE
    reading = StatementReading(content, side, len(content) if reported else paraphrase_end, gazetteer)
    acts = reading.acts()
    calm_clauses = {a.clause for a in acts if a.category == CALM and _settled(a)}
    cues: list[Cue] = []
    warned: set[int] = set()  # cues of "warned that …", warning no one in particular
    unread_force = False  # an act of force no frame read: the words may threaten after all
    threatening: list[Act] = []
    for act in acts:
        if act.category == HOSTILE and act.clause in calm_clauses:
            continue  # "to avoid escalation and bloodshed"
        found = read_act(act)
        if found is None:
            unread_force = unread_force or act.category in _VIOLENT_ACTS | _FORCE_ACTS
            continue
        first = act.words_first if found.level >= 2 and act.words_first >= 0 else act.first
        start, end = reading.tokens[first].start, reading.tokens[act.last].end
        cues.append(Cue(found.frame, found.level, content[start:end], start, end, _note(act)))
        if act.category == WARNING_SPEECH and act.object_side == "none":
            warned.add(len(cues) - 1)
        if found.level >= 2 and found.takes_targets:
            threatening.append(act)
    cues = _warnings_about_others(cues, warned, unread_force)
    level = max((cue.level for cue in cues), default=0)
    if level < 2:
        return Classification(level, tuple(cues), ())
    if surroundings is None:
        surroundings = read_surroundings(narration, gazetteer, context)
    finder = _TargetFinder(reading, surroundings)
    targets = [mention for act in threatening for mention in finder.of_act(act)]
    if not targets:
        targets = finder.narrated()
    if not targets and any(reading.has(i, ENEMY, ADDRESSEE) for i in range(len(reading.tokens))):
        targets = finder.unnamed()
    if not targets:
        # A threat that names no one threatens the side its paragraph names (coding
        # scheme section 5), when the gazetteer knows it: not a place or person named there.
        targets = [t for t in finder.unnamed() if t.target != "other"]
    unique = {(t.target, t.text.casefold()): t for t in targets}
    return Classification(level, tuple(cues), tuple(unique.values()))


__all__ = [
    "FRAMES",
    "NO_SURROUNDINGS",
    "Classification",
    "Cue",
    "Reading",
    "Side",
    "Surroundings",
    "TargetMention",
    "classify",
    "read_act",
    "read_surroundings",
    "speaker_side",
]

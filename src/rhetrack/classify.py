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

The statement takes the highest level of its acts; its targets are those
the acts that threaten (level 2 and up) name, as `targets` finds them.
`speaker_side` gives the speaker's `Side` (whose words mean "we") from the
gazetteer and `sides.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from rhetrack.acts import NO_SIDE, NOUN_ACTS, Act, Side, StatementReading
from rhetrack.clauses import (
    ACCUSATION,
    CALM,
    COERCIVE,
    COERCIVE_NOUN,
    DEFENSIVE,
    DEMANDED,
    DEMANDED_NOUN,
    DESIGNATION,
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
    THREAT_NOUN,
    THREAT_SPEECH,
    VERDICT,
    VIOLENT,
    VIOLENT_NOUN,
    WARNING_NOUN,
    WARNING_SPEECH,
)
from rhetrack.escalation import load_sides
from rhetrack.gazetteer import Gazetteer, Lexicon, fold_name, word_lexicon
from rhetrack.levels import LEVEL_NAMES
from rhetrack.targets import Surroundings, TargetMention, read_surroundings, threatened_targets

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
    >>> bool(side.name_spans("the Yemeni Armed Forces targeted")), side.group, side.party
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
    shared: list[Lexicon] = []
    targets: frozenset[str] = frozenset()
    home: Lexicon | None = None
    enemies: tuple[tuple[str, Lexicon], ...] = ()
    party = False
    # A speaker the gazetteer does not know may still be named as a side ("the FAA").
    folded = {fold_name(speaker)} if len(chain) == 1 and speaker not in gazetteer.actors else set()
    for side in load_sides():
        if any(actor in side.actors for actor in chain) or folded & {fold_name(n) for n in side.names}:
            party = True
            shared_names, targets, home = _side_names(side.name, gazetteer)
            shared.append(shared_names)
            enemies = _side_enemies(side.name)
            break
    if group:
        shared.append(_group_descriptions(gazetteer))
    names = [name for name in dict.fromkeys(names) if len(name) > 1]
    own = (word_lexicon(_loose(name) for name in names),) if names else ()
    return Side((*own, *shared), group, targets, party, home, enemies)


@cache
def _side_enemies(name: str) -> tuple[tuple[str, Lexicon], ...]:
    """What a side calls its enemies (`sides.toml`'s `enemies`), a lexicon per target."""
    side = next(entry for entry in load_sides() if entry.name == name)
    return tuple((target, word_lexicon(_loose(n) for n in names)) for target, names in side.enemies if names)


# The lexicons of a side and of "the group", built once per gazetteer: a
# speaker's own names are few, a side's are many (Lexicon compiles a pattern).
_SIDE_NAMES: dict[tuple[int, str], tuple[Lexicon, frozenset[str], Lexicon | None]] = {}
_GROUP_DESCRIPTIONS: dict[int, Lexicon] = {}


def _side_names(name: str, gazetteer: Gazetteer) -> tuple[Lexicon, frozenset[str], Lexicon | None]:
    """A side's names (its forces' and its actors' names and aliases), its own
    targets with their children, and its home."""
    key = (id(gazetteer), name)
    if key not in _SIDE_NAMES:
        side = next(entry for entry in load_sides() if entry.name == name)
        names = list(side.names)
        # The side's actors and those they hold: a state's own officials ("Yair Lapid" for
        # Israel), a group's own leaders.
        for member in side.actors:
            for held in (member, *_held(gazetteer).get(member, ())):
                actor = gazetteer.actors.get(held)
                if actor is not None:
                    names.extend((actor.name, *actor.aliases))
        own_targets = frozenset(
            t
            for t in gazetteer.targets
            if t in side.targets or any(a in side.targets for a in gazetteer.ancestors(t))
        )
        home = word_lexicon(re.escape(place) for place in side.home) if side.home else None
        unique = [n for n in dict.fromkeys(names) if len(n) > 1]
        _SIDE_NAMES[key] = (word_lexicon(_loose(n) for n in unique), own_targets, home)
        _KEEP_ALIVE[id(gazetteer)] = gazetteer
    return _SIDE_NAMES[key]


_HELD: dict[int, dict[str, list[str]]] = {}


def _held(gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Each organization's actors, and theirs in turn (Israel: Yair Lapid, Benny Gantz …)."""
    if id(gazetteer) not in _HELD:
        held: dict[str, list[str]] = {}
        for actor in gazetteer.actors.values():
            for organization in list(_organization_chain(actor.name, "", gazetteer))[1:]:
                held.setdefault(organization, []).append(actor.name)
        _HELD[id(gazetteer)] = held
        _KEEP_ALIVE[id(gazetteer)] = gazetteer
    return _HELD[id(gazetteer)]


def _group_descriptions(gazetteer: Gazetteer) -> Lexicon:
    """The descriptions that stand for an armed group ("the group", "the militia")."""
    if id(gazetteer) not in _GROUP_DESCRIPTIONS:
        phrases = [phrase for phrase, wanted in gazetteer.descriptions.items() if wanted == "group"]
        _GROUP_DESCRIPTIONS[id(gazetteer)] = word_lexicon(_loose(p) for p in phrases if len(p) > 1)
        _KEEP_ALIVE[id(gazetteer)] = gazetteer
    return _GROUP_DESCRIPTIONS[id(gazetteer)]


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


# Designations that mark what they name for attack, not only name it ("a military base").
_TARGETING_DESIGNATIONS = frozenset(
    {"legitimate target", "legitimate targets", "military target", "military targets",
     "legitimate military target", "legitimate military targets", "fair game", "hostile target",
     "hostile targets", "enemy target", "enemy targets"}
)  # fmt: skip
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
        if governed and "past" in act.modality:
            return Reading(4, "decision-to-attack")
        # "all American interests are legitimate targets": declared now, a threat; "the
        # embassy is a military base" only names it.
        return (
            Reading(3, "harm-promised")
            if act.name in _TARGETING_DESIGNATIONS and not act.modality & {"past", "past-be"}
            else None
        )
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
    topic = act.agent not in ("none", "own") or (act.agent == "none" and "subject" in act.modality)
    if act.category in (WARNING_NOUN, THREAT_NOUN) and "acted" not in act.modality and topic:
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
        and (act.agent != "own" or (act.category == DEMANDED_NOUN and "call" in act.modality))
    ):
        return Reading(2, "demand")  # "must leave"; "we demand the withdrawal": ours is the demand
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
    shown = sorted(act.modality - {"past-be", "acted", "party", "predicated", "subject"})
    if shown:
        parts.append("modality: " + ", ".join(shown))
    if act.governor:
        parts.append(f"by: {act.governor}")
    return "; ".join(parts)


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
    surroundings: Surroundings | Callable[[], Surroundings] | None = None,
) -> Classification:
    """Level, deciding cues and threatened targets of a statement.

    `content` is what the speaker said: the quotation, or for reported speech
    the reporting sentence (`reported=True`, where "it would" is the
    speaker's own "we will"). A quotation quoted mid-clause comes with the
    reported clause that leads into it, `content[:paraphrase_end]`, read as
    reported speech. `own` (see `speaker_side`) is the speaker's side.
    `surroundings` (see `read_surroundings`) say what the narration around
    the statement names, or a function that reads them (called only when
    targets are wanted); without them they are read from `narration` and
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
    elif callable(surroundings):
        surroundings = surroundings()  # read only now that targets are wanted
    targets = threatened_targets(reading, threatening, surroundings)
    unique = {(t.target, t.text.casefold()): t for t in targets}
    return Classification(level, tuple(cues), tuple(unique.values()))


__all__ = [
    "FRAMES",
    "Classification",
    "Cue",
    "Reading",
    "classify",
    "read_act",
    "speaker_side",
]

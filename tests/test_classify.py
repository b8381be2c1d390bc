"""Escalation level and threatened targets of a statement's own words.

Every passage is invented for this table. Each row gives the speaker's words
(the content), the narration around them (where "the enemy" may be named),
the level the coding scheme assigns (section 4) and the sorted canonical
target names (section 5).
"""

from __future__ import annotations

import pytest

from rhetrack.classify import classify
from rhetrack.gazetteer import load_gazetteer
from rhetrack.levels import LEVEL_NAMES, level_number


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


NEUTRAL = [
    pytest.param(
        "The people of Iraq have suffered for decades and deserve a better life.",
        "",
        0,
        (),
        id="0-description",
    ),
    pytest.param(
        "Trump's statements talk about escalation, but they change nothing on the ground.",
        "",
        0,
        (),
        id="0-talks-about-escalation",
    ),
]

HOSTILE = [
    pytest.param(
        "This is a war between the arrogant powers and the faith of the oppressed.",
        "",
        1,
        (),
        id="1-ideological-framing",
    ),
    pytest.param(
        "There is no ceiling for Israel and the United States in this war.",
        "",
        1,
        (),
        id="1-named-states-are-not-targets",
    ),
    pytest.param(
        "The Zionist enemy and the United States are criminals.",
        "",
        1,
        (),
        id="1-level-one-has-no-targets",
    ),
    pytest.param(
        "We will never forgive the enemy.",
        "",
        1,
        (),
        id="1-negation-does-not-cancel-framing",
    ),
]

WARNING = [
    pytest.param(
        "It is time for the international coalition forces to leave Iraq.",
        "",
        2,
        ("coalition-forces",),
        id="2-demand-coalition-forces",
    ),
    pytest.param(
        "The American forces are occupiers, and they must leave Iraq.",
        "",
        2,
        ("us-forces",),
        id="2-must-leave",
    ),
    pytest.param(
        "We declare our readiness to fight the enemy.",
        "Israel struck the southern suburb of Beirut on Tuesday. Hezbollah responded within hours:",
        2,
        ("israel",),
        id="2-readiness-enemy-from-narration",
    ),
    pytest.param(
        "We will not stand idly by while Gaza burns.",
        "",
        2,
        (),
        id="2-negation-inside-the-cue",
    ),
    pytest.param(
        "The resistance is ready for every possibility.",
        "",
        2,
        (),
        id="2-ready-for",
    ),
    pytest.param(
        "The Iraqi government must expel the U.S. forces from the country.",
        "",
        2,
        ("us-forces",),
        id="2-must-expel",
    ),
    pytest.param(
        "Our brothers in Tehran must be ready to respond.",
        "",
        2,
        (),
        id="2-ally-mentioned-is-not-target",
    ),
]

THREAT = [
    pytest.param(
        "If the Americans intervene in the war, we will attack all U.S. targets in the region.",
        "",
        3,
        ("united-states",),
        id="3-conditional-threat",
    ),
    pytest.param(
        "War on Iran is no picnic, and you will pay a heavy price.",
        "",
        3,
        (),
        id="3-no-picnic-iran-is-not-target",
    ),
    pytest.param(
        "We will strike Ain al-Asad and Harir.",
        "",
        3,
        ("us-bases",),
        id="3-named-bases",
    ),
    pytest.param(
        "We will not hesitate to strike the American bases in Iraq.",
        "",
        3,
        ("us-bases",),
        id="3-not-hesitate",
    ),
    pytest.param(
        "We warn the Saudis that their oil facilities will burn if they join the aggression.",
        "",
        3,
        ("saudi-arabia",),
        id="3-highest-level-wins-over-warning",
    ),
    pytest.param(
        "We will target the coalition forces in Syria and Iraq.",
        "",
        3,
        ("coalition-forces",),
        id="3-coalition-forces",
    ),
    pytest.param(
        "We will strike the Zionist entity in the heart of Tel Aviv.",
        "",
        3,
        ("israel",),
        id="3-zionist-entity",
    ),
    pytest.param(
        "We will strike the enemy wherever he is.",
        "Kataib Hezbollah spoke in Baghdad after the United States struck its headquarters.",
        3,
        ("united-states",),
        id="3-the-enemy-named-in-narration",
    ),
    pytest.param(
        "We will strike the enemy wherever he is.",
        "Hezbollah thanked Iran for its support after Israel bombed Beirut.",
        3,
        ("israel",),
        id="3-the-enemy-is-not-the-ally",
    ),
    pytest.param(
        "We will strike the enemy wherever he is.",
        "",
        3,
        (),
        id="3-the-enemy-unresolved",
    ),
    pytest.param(
        "America killed our leaders. We will target its soldiers wherever they are.",
        "",
        3,
        ("us-forces",),
        id="3-its-soldiers-with-america-named",
    ),
    pytest.param(
        "America killed our leaders, and we will target its soldiers wherever they are.",
        "",
        3,
        ("us-forces",),
        id="3-its-soldiers-same-sentence",
    ),
    pytest.param(
        "We will strike its bases in the region.",
        "",
        3,
        (),
        id="3-its-bases-without-united-states",
    ),
    pytest.param(
        "We will strike the United States and its bases in the region.",
        "",
        3,
        ("united-states", "us-bases"),
        id="3-its-bases-with-united-states",
    ),
    pytest.param(
        "The Americans must withdraw their troops, or they will pay a heavy price.",
        "",
        3,
        ("united-states", "us-forces"),
        id="3-demand-with-threat",
    ),
    pytest.param(
        "The Erbil consulate will be a legitimate target.",
        "",
        3,
        ("us-embassy",),
        id="3-erbil-consulate",
    ),
    pytest.param(
        "We will strike the Americans, who killed our leaders in Baghdad, and their bases in Syria.",
        "",
        3,
        ("united-states", "us-bases"),
        id="3-relative-clause-does-not-hide-the-rest",
    ),
    pytest.param(
        "The resistance will respond to any attack on Lebanon with force.",
        "",
        3,
        (),
        id="3-respond-with-force",
    ),
]

NEGATION_AND_OTHERS = [
    pytest.param("We will not attack the American embassy.", "", 0, (), id="0-negated-threat"),
    pytest.param(
        "We have no intention of attacking the U.S. embassy.",
        "",
        0,
        (),
        id="0-no-intention",
    ),
    pytest.param(
        "We will not attack anyone, but if we are attacked, we will strike Ain al-Asad.",
        "",
        3,
        ("us-bases",),
        id="3-negation-does-not-spill",
    ),
    pytest.param(
        "We will never attack Iran, and we will strike the Zionist entity.",
        "",
        3,
        ("israel",),
        id="3-negated-clause-target-dropped",
    ),
    pytest.param(
        "The United States would likely strike us if we entered the war.",
        "",
        1,
        (),
        id="1-threat-attributed-to-others",
    ),
    pytest.param(
        "Israel may attack Iran tomorrow, and the Americans might join it.",
        "",
        1,
        (),
        id="1-third-party-plans",
    ),
]

MOBILIZATION = [
    pytest.param(
        "We will continue to strike American bases until the occupation ends.",
        "",
        4,
        ("us-bases",),
        id="4-continue-to-strike",
    ),
    pytest.param(
        "The Islamic Resistance in Iraq has decided to liberate Iraq militarily.",
        "",
        4,
        (),
        id="4-decision",
    ),
    pytest.param(
        "It is time to take pre-emptive actions and strike before being struck.",
        "",
        4,
        (),
        id="4-pre-emptive-no-enemy-named",
    ),
    pytest.param(
        "It is time to take pre-emptive actions and strike before being struck.",
        "Kaabi urged action against the United States:",
        4,
        ("united-states",),
        id="4-pre-emptive-enemy-in-narration",
    ),
    pytest.param(
        "The Islamic Resistance calls for attacking the American embassy in Baghdad.",
        "",
        4,
        ("us-embassy",),
        id="4-calls-for-attacking",
    ),
    pytest.param(
        "Hezbollah will open a new front against Israel, and the next round will be harsher.",
        "",
        4,
        ("israel",),
        id="4-next-round-harsher",
    ),
    pytest.param(
        "The attacks on the occupation bases are a natural reaction to American crimes.",
        "",
        4,
        (),
        id="4-endorse-natural-reaction",
    ),
    pytest.param(
        "We bless the operations of the Islamic Resistance against the American occupation bases.",
        "",
        4,
        (),
        id="4-endorse-bless",
    ),
    pytest.param(
        "We call on all the mujahideen to target the American bases.",
        "",
        4,
        ("us-bases",),
        id="4-call-on-x-to-target",
    ),
    pytest.param(
        "Our operations against the Zionist entity will continue until the aggression on Gaza stops.",
        "",
        4,
        ("israel",),
        id="4-operations-will-continue-separated",
    ),
    pytest.param(
        "The resistance will continue its operations against the occupation forces.",
        "",
        4,
        ("us-forces",),
        id="4-continue-its-operations",
    ),
    pytest.param(
        "We salute the heroes who carried out last night's operation.",
        "",
        4,
        (),
        id="4-endorse-salute-the-heroes",
    ),
    pytest.param(
        "The Islamic Resistance has targeted the occupation base in Harir with drones.",
        "",
        4,
        ("us-bases",),
        id="4-claim-active-voice",
    ),
]


@pytest.mark.parametrize(
    ("content", "narration", "level", "targets"),
    NEUTRAL + HOSTILE + WARNING + THREAT + NEGATION_AND_OTHERS + MOBILIZATION,
)
def test_level_and_targets(content: str, narration: str, level: int, targets: tuple[str, ...]) -> None:
    result = classify(content, narration, load_gazetteer())
    assert (result.level, tuple(sorted(result.target_names))) == (level, targets)


@pytest.mark.parametrize(
    ("target", "ancestors"),
    [
        pytest.param("us-bases", ["us-forces", "united-states"], id="us-bases"),
        pytest.param("us-embassy", ["united-states"], id="us-embassy"),
    ],
)
def test_target_parents(target: str, ancestors: list[str]) -> None:
    assert list(load_gazetteer().ancestors(target)) == ancestors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(3, 3, id="int"),
        pytest.param("0", 0, id="digit-string"),
        pytest.param("threat", 3, id="name"),
        pytest.param("Mobilization", 4, id="name-any-case"),
    ],
)
def test_level_number(value: str | int, expected: int) -> None:
    assert level_number(value) == expected
    assert level_number(LEVEL_NAMES[expected]) == expected


@pytest.mark.parametrize("value", [5, "-1", "severe"])
def test_level_number_rejects(value: str | int) -> None:
    with pytest.raises(ValueError, match="not a level"):
        level_number(value)


# Ordinary sentences that once matched cues copied from seed articles.
@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("Diplomats must act first to calm the situation.", 3),
        ("The war between the two parties over the budget is a struggle between old allies.", 1),
        ("The picnic was no picnic for the organizers.", 3),
        ("Hope will not be extinguished, the charity said.", 3),
        ("The startup will engage in action against climate change.", 4),
    ],
)
def test_everyday_wording_is_not_escalation(text: str, below: int) -> None:
    assert classify(text, "", load_gazetteer()).level < below


def test_a_royal_court_is_not_saudi_arabia_by_itself() -> None:
    result = classify("We will strike the Royal Court in Amman.", "", load_gazetteer())
    assert "saudi-arabia" not in result.target_names

"""Attribution: who made each statement of a passage, and whether it is direct or indirect.

Every passage is invented for this table. Each row lists every statement of
the passage in document order as (canonical speaker name, kind); an empty
list means the passage holds no statement at all (coding scheme section 1).
"""

from __future__ import annotations

import pytest

from rhetrack.attribute import attribute_speakers
from rhetrack.gazetteer import load_gazetteer
from rhetrack.segment import segment


def _attributed(text: str) -> list[tuple[str, str]]:
    return [(a.speaker.name, a.kind) for a in attribute_speakers(segment(text), load_gazetteer())]


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


KHAZALI = "Qais al-Khazali"
AMERI = "Hadi al-Ameri"
KAABI = "Akram al-Kaabi"
NASRALLAH = "Hassan Nasrallah"
KH = "Kataib Hezbollah"
DIRECT = "direct"
INDIRECT = "indirect"

QUOTATIONS = [
    pytest.param(
        "Akram al-Kaabi declared that the “American enemy” would “pay a heavy price” for any attack.",
        [(KAABI, INDIRECT)],
        id="quoted-words-inside-a-reported-clause-are-its-statement",
    ),
    pytest.param(
        "Akram al-Kaabi said the plan was “a gift to the enemy of Iraq”; the plan is “a bad idea for Iraq”.",
        # The first quotation is inside the (that-less) reported clause: one indirect statement.
        [(KAABI, INDIRECT)],
        id="a-quote-after-a-semicolon-does-not-continue",
    ),
    pytest.param(
        "Naim Qassem said that Israel had attacked Lebanon and warned “we will respond to the aggression.”",
        [("Naim Qassem", INDIRECT), ("Naim Qassem", DIRECT)],
        id="the-verb-right-before-a-quote-introduces-it",
    ),
    pytest.param(
        'Akram al-Kaabi said in a statement that the group "will not remain silent" and that "the response '
        'is coming."',
        [(KAABI, INDIRECT)],
        id="two-quotes-joined-by-and-that",
    ),
    pytest.param(
        'Qais al-Khazali said, "The American forces must leave Iraq."',
        [(KHAZALI, DIRECT)],
        id="straight-double",
    ),
    pytest.param(
        "Qais al-Khazali said, “The American forces must leave Iraq.”",
        [(KHAZALI, DIRECT)],
        id="curly-double",
    ),
    pytest.param(
        "Akram al-Kaabi said, ‘We are ready to fight the enemy.’",
        [(KAABI, DIRECT)],
        id="curly-single",
    ),
    pytest.param(
        "Hassan Nasrallah said, «The resistance will not stand idly by.»",
        [(NASRALLAH, DIRECT)],
        id="guillemets",
    ),
    pytest.param(
        "Kataib Hezbollah said in a statement, “Our leader told us, ‘Be ready for the battle,’ "
        "and we are ready.”",
        [(KH, DIRECT)],
        id="nested-quote-is-one-statement",
    ),
    pytest.param(
        "“We are ready,” Khazali said, “and the Americans must leave Iraq.”",
        [(KHAZALI, DIRECT), (KHAZALI, DIRECT)],
        id="split-by-he-said",
    ),
    pytest.param(
        "Nasrallah said: “The enemy has crossed every red line.\n“We will answer at a time of our choosing.”",
        [(NASRALLAH, DIRECT)],
        id="multi-paragraph-quote",
    ),
    pytest.param(
        "In his televised speech, Nasrallah said:\n“The enemy has crossed every red line.\n"
        "“We will answer at a time of our choosing.”",
        [(NASRALLAH, DIRECT)],
        id="multi-paragraph-quote-after-colon-paragraph",
    ),
    pytest.param(
        "Hadi al-Ameri warned, “The foreign forces must leave Iraq.”",
        [(AMERI, DIRECT)],
        id="speaker-before-quote",
    ),
    pytest.param(
        "“The foreign forces must leave Iraq,” Hadi al-Ameri warned.",
        [(AMERI, DIRECT)],
        id="speaker-after-quote",
    ),
    pytest.param(
        "“The foreign forces must leave Iraq,” warned Hadi al-Ameri.",
        [(AMERI, DIRECT)],
        id="inverted-said-x",
    ),
    pytest.param(
        "“The occupation forces will leave Iraq humiliated,” said Kataib Hezbollah security official "
        "Abu Ali al-Askari.",
        [("Abu Ali al-Askari", DIRECT)],
        id="inverted-said-org-title-name",
    ),
    pytest.param(
        "Akram al-Kaabi posted: “The resistance will continue to strike American bases.”",
        [(KAABI, DIRECT)],
        id="colon-introduced",
    ),
    pytest.param(
        "According to Akram al-Kaabi, “the American occupation will end soon.”",
        [(KAABI, DIRECT)],
        id="according-to",
    ),
    pytest.param(
        "Khazali: “We will expel the occupation forces from Iraq”",
        [(KHAZALI, DIRECT)],
        id="headline",
    ),
    pytest.param(
        "Kataib Hezbollah was described by U.S. Central Command as the “most dangerous militia in Iraq.”",
        [("U.S. Central Command", DIRECT)],
        id="passive-agent",
    ),
    pytest.param(
        "Kataib Hezbollah claimed the drone attack. “We will continue to strike the occupation bases,” "
        "the group said.",
        [(KH, DIRECT)],
        id="the-group-said-after-quote",
    ),
    pytest.param(
        "“The occupiers will leave Iraq humiliated.” Qais al-Khazali made the remark at a rally in Basra.",
        [(KHAZALI, DIRECT)],
        id="speaker-named-in-next-sentence",
    ),
    pytest.param(
        "“Who will stop us?” Akram al-Kaabi asked the crowd in Baghdad.",
        [(KAABI, DIRECT)],
        id="question-quote-then-attribution",
    ),
]

REPORTED = [
    pytest.param("Hezbollah in Lebanon said it would retaliate.", [("Hezbollah", INDIRECT)], id="in-a-place"),
    pytest.param(
        "Prime Minister Mohammed Shia al-Sudani said the government rejected any attack on Iraq.",
        [("Mohammed Shia al-Sudani", INDIRECT)],
        id="that-less-complement-in-the-past",
    ),
    pytest.param(
        "Abdul-Malik al-Houthi vowed in a televised speech to escalate attacks on shipping.",
        [("Abdul-Malik al-Houthi", INDIRECT)],
        id="vowed-in-a-speech-to",
    ),
    pytest.param(
        "Hadi al-Ameri warned that the occupation forces must leave Iraq before the end of the year.",
        [(AMERI, INDIRECT)],
        id="warned-that",
    ),
    pytest.param(
        "Akram al-Kaabi vowed to expel the American forces from Iraq by force.",
        [(KAABI, INDIRECT)],
        id="vowed-to",
    ),
    pytest.param(
        "Kataib Hezbollah threatened U.S. forces in Syria with a crushing response.",
        [(KH, INDIRECT)],
        id="threatened-object",
    ),
    pytest.param(
        "Hashem al-Haidari called for targeting all U.S. assets in the region.",
        [("Hashem al-Haidari", INDIRECT)],
        id="called-for",
    ),
    pytest.param(
        "Qais al-Khazali demanded the withdrawal of all foreign troops from Iraq.",
        [(KHAZALI, INDIRECT)],
        id="demanded",
    ),
    pytest.param(
        "Abdul-Malik al-Houthi urged the Arab armies to fight the Zionist entity.",
        [("Abdul-Malik al-Houthi", INDIRECT)],
        id="urged-x-to",
    ),
    pytest.param(
        "Kataib Hezbollah declared that the truce with the Americans was over.",
        [(KH, INDIRECT)],
        id="declared",
    ),
    pytest.param(
        "Harakat Hezbollah al-Nujaba announced that it would continue its operations.",
        [("Harakat Hezbollah al-Nujaba", INDIRECT)],
        id="announced",
    ),
    pytest.param(
        "Hadi al-Ameri stressed that the Popular Mobilization Forces would remain part of the Iraqi state.",
        [(AMERI, INDIRECT)],
        id="stressed-that",
    ),
    pytest.param(
        "Muqtada al-Sadr insisted that his followers had no role in the attack on the embassy.",
        [("Muqtada al-Sadr", INDIRECT)],
        id="insisted-that",
    ),
    pytest.param(
        "Naim Qassem told Al-Manar that Hezbollah was ready to confront any Israeli aggression.",
        [("Naim Qassem", INDIRECT)],
        id="told-x-that",
    ),
    pytest.param(
        "Akram al-Kaabi said last week that the resistance would not stop its operations.",
        [(KAABI, INDIRECT)],
        id="said-last-week-that",
    ),
    pytest.param(
        "Qais al-Khazali said on Oct. 17 that the occupiers must leave Iraq.",
        [(KHAZALI, INDIRECT)],
        id="said-on-abbreviated-date-that",
    ),
]

SPEAKERS = [
    # The noun phrase after a quotation: its head, or the name in apposition.
    pytest.param(
        "“The response will be decisive,” a senior Hezbollah official told Reuters.",
        [("Hezbollah", DIRECT)],
        id="tail-an-official-of-a-named-group-speaks-for-it",
    ),
    pytest.param(
        "“The response will be decisive,” the Kataib Hezbollah spokesman said.",
        [(KH, DIRECT)],
        id="tail-the-group-spokesman",
    ),
    pytest.param(
        "“The response will be decisive,” a Hezbollah statement said.",
        [("Hezbollah", DIRECT)],
        id="tail-a-group-statement",
    ),
    pytest.param(
        "“We will strike the Americans,” the militia's leader, Akram al-Kaabi, said.",
        [(KAABI, DIRECT)],
        id="tail-a-role-then-the-name-in-apposition",
    ),
    pytest.param(
        "“The response will be decisive,” the Pentagon's top spokesman, Pat Ryder, told reporters.",
        [("Pat Ryder", DIRECT)],
        id="tail-an-organization-s-role-then-the-name-in-apposition",
    ),
    pytest.param(
        "Hezbollah Secretary-General Naim Qassem said the party “will not allow the enemy to impose "
        "its conditions on Lebanon.”",
        [("Naim Qassem", DIRECT)],
        id="title-secretary-general",
    ),
    pytest.param(
        "Sayyed Hassan Nasrallah said, “The resistance is ready for every possibility.”",
        [(NASRALLAH, DIRECT)],
        id="epithet-sayyed",
    ),
    pytest.param(
        "Sheikh Qais al-Khazali said, “The American forces must leave Iraq.”",
        [(KHAZALI, DIRECT)],
        id="epithet-sheikh",
    ),
    pytest.param(
        "Hajj Abu Mahdi al-Muhandis said, “The American forces must leave Iraq.”",
        [("Abu Mahdi al-Muhandis", DIRECT)],
        id="epithet-hajj",
    ),
    pytest.param(
        "The leader of Kataib Hezbollah, Abu Hussein al-Humaidawi, said, “The occupiers must leave Iraq.”",
        [("Abu Hussein al-Humaidawi", DIRECT)],
        id="the-leader-of-then-name",
    ),
    pytest.param(
        "Qais al-Khazali arrived in Basra on Friday. The leader of Asaib Ahl al-Haq said, "
        "“The Americans must leave Iraq.”",
        [(KHAZALI, DIRECT)],
        id="the-leader-of-resolves-to-person",
    ),
    pytest.param(
        "Hadi al-Ameri, the leader of the Badr Organization, said, “The American forces must leave Iraq.”",
        [(AMERI, DIRECT)],
        id="appositive",
    ),
    pytest.param(
        "Qais al-Khazali, who met Iranian officials in Tehran last month, warned, “The occupation will "
        "pay a heavy price.”",
        [(KHAZALI, DIRECT)],
        id="relative-clause-who",
    ),
    pytest.param(
        "Akram al-Kaabi, whose group has claimed dozens of attacks, warned that the resistance "
        "“will increase the attacks on the occupation.”",
        [(KAABI, DIRECT)],
        id="relative-clause-whose",
    ),
    pytest.param(
        "Akram al-Kaabi, the leader of Harakat Hezbollah al-Nujaba, spoke in Baghdad on Friday. "
        "He said, “We are ready to fight.”",
        [(KAABI, DIRECT)],
        id="pronoun-he-nearest-person",
    ),
    pytest.param(
        "Harakat Hezbollah al-Nujaba held a rally in Baghdad. Akram al-Kaabi addressed the crowd. "
        "It later said in a statement, “We are ready to fight.”",
        [("Harakat Hezbollah al-Nujaba", DIRECT)],
        id="pronoun-it-organization",
    ),
    pytest.param(
        "Kataib Hezbollah went further on Sunday. Its statement read: “The Americans must leave Iraq "
        "or face the consequences.”",
        [(KH, DIRECT)],
        id="pronoun-its-organization",
    ),
    pytest.param(
        "Kataib Hezbollah accused the United States of violating Iraqi sovereignty. The group said, "
        "“Our patience has run out.”",
        [(KH, INDIRECT), (KH, DIRECT)],
        id="the-group-not-the-state",
    ),
    pytest.param(
        "Kataib Hezbollah held talks with Iran. The group said, “Our patience has run out.”",
        [(KH, DIRECT)],
        id="the-group-skips-nearer-state",
    ),
    pytest.param(
        "After the strike on Jurf al-Sakhar, which Kataib Hezbollah blamed on the United States, "
        "the group said, “We will take revenge on the enemy.”",
        # the relative clause's blame is the group's speech act too
        [(KH, INDIRECT), (KH, DIRECT)],
        id="the-group-after-relative-clause",
    ),
    pytest.param(
        "Qais al-Khazali addressed his followers in Baghdad. The cleric said, “The occupiers must "
        "leave Iraq.”",
        [(KHAZALI, DIRECT)],
        id="the-cleric",
    ),
    pytest.param(
        "A Telegram channel called the Electronic Hashd stated, “The American bases will burn.”",
        [("Electronic Hashd", DIRECT)],
        id="media-channel-stated",
    ),
    pytest.param(
        "Sabereen News posted: “The Islamic Resistance has targeted the occupation base in Harir.”",
        [("Sabereen News", DIRECT)],
        id="media-channel-posted",
    ),
]

ALIASES = [
    pytest.param(surface, canonical, id=surface)
    for surface, canonical in [
        ("Humaidawi", "Abu Hussein al-Humaidawi"),
        ("Hamidawi", "Abu Hussein al-Humaidawi"),
        ("Abu Hussein al-Hamidawi", "Abu Hussein al-Humaidawi"),
        ("Hizballah", "Hezbollah"),
        ("Hizbullah", "Hezbollah"),
        ("Kata'ib Hezbollah", KH),
        ("Kataib Hizballah", KH),
        ("Asa’ib Ahl al-Haq", "Asaib Ahl al-Haq"),
        ("Nujaba’", "Harakat Hezbollah al-Nujaba"),
        ("Nujaba'", "Harakat Hezbollah al-Nujaba"),
    ]
]

NOT_STATEMENTS = [
    pytest.param("A U.S. strike claimed the lives of three fighters.", id="claimed-the-lives-is-no-claim"),
    pytest.param(
        'IRGC commander warns US of "decisive response"\n\nThe ceremony ended.', id="headline-quoting-words"
    ),
    pytest.param(
        "The leader of a powerful militia in Iraq threatened on Friday to retaliate against U.S. forces.",
        id="a-place-after-in-is-not-the-subject",
    ),
    pytest.param("Kataib Hezbollah said in a televised address.", id="said-in-a-televised-address-only"),
    pytest.param("“We will strike,” an analyst at the Washington Institute said.", id="tail-an-analyst-at"),
    pytest.param("“We will strike,” said an analyst at the Washington Institute.", id="said-an-analyst-at"),
    pytest.param("“The Americans will pay,” a source in Kataib Hezbollah told AFP.", id="tail-a-source-in"),
    pytest.param(
        "It is highly likely that Kataib Hezbollah will resume attacks on U.S. forces in the coming weeks.",
        id="author-highly-likely",
    ),
    pytest.param(
        "In our assessment, Akram al-Kaabi is signalling that attacks will resume.",
        id="author-in-our-assessment",
    ),
    pytest.param(
        "Analysts say Kataib Hezbollah will strike U.S. bases if Israel attacks Iran.",
        id="analysts-say",
    ),
    pytest.param(
        "Analysts say the group is “testing the limits of American patience.”",
        id="analysts-say-with-quote",
    ),
    pytest.param(
        "Observers argue that Asaib Ahl al-Haq has no interest in a war with the United States.",
        id="observers-argue",
    ),
    pytest.param(
        "Sources said the Houthis were preparing a new wave of attacks on shipping.",
        id="sources-said",
    ),
    pytest.param(
        "“The militias are testing American patience,” one analyst said.",
        id="one-analyst-said-after-quote",
    ),
    pytest.param(
        "Sources close to Kataib Hezbollah said the group “will not stop until the last American "
        "soldier leaves.”",
        id="sources-close-to-a-group",
    ),
    pytest.param(
        "Kataib Hezbollah is part of the so-called ‘axis of resistance’ led by Iran.",
        id="so-called-scare-quote",
    ),
    pytest.param(
        "The Houthis have embraced a “unity of fronts” doctrine since October 2023.",
        id="two-word-phrase-no-cue",
    ),
    pytest.param(
        "Khazali first set out his views in the book “The Battle of Sovereignty and the End of "
        "Occupation,” published in 2019.",
        id="book-title",
    ),
    pytest.param(
        "Al-Manar aired the series “Men of God and the Final Battle” during Ramadan.",
        id="series-title",
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTATIONS + REPORTED + SPEAKERS)
def test_speaker_and_kind(text: str, expected: list[tuple[str, str]]) -> None:
    assert _attributed(text) == expected


@pytest.mark.parametrize(("surface", "canonical"), ALIASES)
def test_alias_and_transliteration(surface: str, canonical: str) -> None:
    text = f"{surface} said in a statement, “The resistance is ready to respond.”"
    assert _attributed(text) == [(canonical, DIRECT)]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_a_statement(text: str) -> None:
    assert _attributed(text) == []


UNKNOWN = [
    pytest.param(
        "General John Smith said, “Our forces will defend themselves against any attack.”",
        "John Smith",
        id="general-title",
    ),
    pytest.param(
        "Lt. Gen. Mark Peterson told reporters that the militias “will be held accountable.”",
        "Mark Peterson",
        id="abbreviated-titles",
    ),
    pytest.param(
        "Admiral Brad Cooper warned that U.S. forces would respond to any attack on their bases.",
        "Brad Cooper",
        id="admiral-indirect",
    ),
    pytest.param(
        "Statements from Baghdad\n\nJohn Smith said, “Our forces will defend themselves.”",
        "John Smith",
        id="after-a-headline-ending-in-a-name",
    ),
    pytest.param(
        "Talks in Erbil\nJohn Smith said, “Our forces will defend themselves.”",
        "John Smith",
        id="after-a-line-ending-in-a-name",
    ),
]


@pytest.mark.parametrize(("text", "name"), UNKNOWN)
def test_unknown_person_with_title(text: str, name: str) -> None:
    attributions = attribute_speakers(segment(text), load_gazetteer())
    assert [(a.speaker.name, a.speaker.kind, a.speaker.known) for a in attributions] == [
        (name, "person", False)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He warned_x that the group said, and she warned: stop. Officials told reporters.",
        "A so-called statement; the call was made. They vowed-to warn, warning again.",
    ],
)
def test_reporting_verbs_of_every_range_are_those_a_scan_of_the_range_finds(text: str) -> None:
    """The verbs of a range come from one scan of the whole text; they must be
    those a scan of the range alone finds, wherever the range starts or ends."""
    from rhetrack.attribute import _DETERMINER_BEFORE, _Attributor

    gazetteer = load_gazetteer()
    attributor = _Attributor(segment(text), gazetteer)
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            expected = [
                verb.span()
                for verb in gazetteer.reporting_verb.finditer(text, start, end)
                if not _DETERMINER_BEFORE.search(text, max(0, verb.start() - 12), verb.start())
                and text[verb.start() - 1 : verb.start()] not in ("-", "‐")
            ]
            assert [verb.span() for verb in attributor._verbs(start, end)] == expected, (start, end)

"""Attribute quotations and reported speech to speakers.

Rules about the language of attribution, not about any one text: a
quotation is attributed by a reporting verb, an utterance noun, "according
to", a colon or a trailing "he said" in its sentence; a pronoun or a
description ("the group") resolves to the nearest fitting named speaker;
appositives ("X, the leader of Y,") are not subjects; anonymous subjects
("analysts say") are not speakers. Names, verbs and descriptions come from
the gazetteer's data files.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Literal

from rhetrack.gazetteer import Actor, Gazetteer, LexiconMatch, load_data_file
from rhetrack.segment import Paragraph, QuoteSpan, Ranges, Segmented, Sentence

MentionSource = Literal["gazetteer", "name", "pronoun", "description"]
StatementKind = Literal["direct", "indirect"]

_NAME_PREFIXES = ("al", "Al", "el", "El", "abu", "Abu", "bin", "Bin", "ibn", "Ibn", "Abd")
_NAME_TOKEN = rf"(?:(?:{'|'.join(_NAME_PREFIXES)})[-‐ ])?[A-Z][\w’'.-]*[\w]"
# A run of name tokens within one line (a paragraph: a headline ending in a
# name is not the start of the next paragraph's name). The first token is
# spelled as alternatives that each open with one letter, so that `re`
# skips every position where no name can start.
_FIRST_NAME_TOKEN = (
    rf"(?:{'|'.join(prefix + '[-‐ ][A-Z]' for prefix in _NAME_PREFIXES)}|{'|'.join(string.ascii_uppercase)})"
    r"[\w’'.-]*[\w]"
)
_NAME_RUN = re.compile(
    rf"{_FIRST_NAME_TOKEN}(?:[^\S\n]+(?:(?:of|for|in|al|bin|ibn)(?:[^\S\n]+the)?[^\S\n]+)?{_NAME_TOKEN})*"
)
_WORD = re.compile(r"\S+")
_POSSESSIVE_AND_SPACE = re.compile(r"(?:[’']s)?\s*")
_NAME_STOPWORDS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "after",
    "before",
    "but",
    "and",
    "or",
    "if",
    "as",
    "by",
    "for",
    "with",
    "from",
    "to",
    "of",
    "according",
    "although",
    "though",
    "while",
    "when",
    "since",
    "amid",
    "against",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "his",
    "her",
    "they",
    "their",
    "we",
    "our",
    "i",
    "you",
    "there",
    "here",
    "then",
    "also",
    "indeed",
    "specifically",
    "similarly",
    "meanwhile",
    "however",
    "still",
    "even",
    "just",
    "such",
    "some",
    "many",
    "what",
    "who",
    "which",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "figure",
    "part",
    "photo",
    "u.s.",
    "us",
    "american",
    "iranian",
    "iraqi",
    "israeli",
    "lebanese",
    "syrian",
    "yemeni",
    "islamic",
    "shia",
    "shiite",
    "sunni",
    "arab",
    "western",
    "european",
    "turkish",
    "saudi",
}
_PRONOUNS = {
    "he": "person",
    "she": "person",
    "his": "person",
    "her": "person",
    "it": "organization",
    "its": "organization",
}
_SHORT_QUOTE_WORDS = 4
# A transcript turn's label: "Qais Khazali: …", "SECRETARY OF DEFENSE PETE HEGSETH: …", "Reporter: …".
_TURN_LABEL = re.compile(
    r"(?P<label>(?:[A-Z][\w’'.-]*|al-\w+|of|the|bin|ibn)(?:\s+(?:[A-Z][\w’'.-]*|al-\w+|of|the|bin|ibn)){0,6}):\s+(?=\S)"
)
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me|[Yy]ou|[Yy]our)\b")
_QUOTE_OR_LABEL = re.compile(r"^\s*[“\"«‘]|^(?:[A-Z][\w’'.-]*\s+){0,6}[A-Z][\w’'.-]*:\s")
_NAME_SIMILARITY = 0.8  # how alike two spellings of a name token must be (difflib ratio)
_ROLE_LOOKBACK = 40  # sentences a role description looks back for its person
# Words a reported clause needs outside its quotations to be a statement of its own.
_REPORTED_CLAUSE_WORDS = 5
_HEADLINE_WORDS = 20
# A participle's quotation up to this many words is a tail of its clause's statement.
_QUOTED_TAIL_WORDS = 8
_EVALUATIVE_OPENING = re.compile(r"\s*(?:It|This|That|There)\s+(?:is|was|has been|seems|appears|remains)\b")
# Between two quotations of one speaker: 'will not remain silent" and that "the response is coming'.
_CONNECTIVE = re.compile(
    r"^[\s,;:—–-]*(?:(?:and|or|but|then|adding|while)(?:\s+that)?)?[\s,;:—–-]*$", re.IGNORECASE
)
_ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)
_ROLE_OF = re.compile(
    r"\b(?:leader|head|chief|secretary[- ]general|commander|spokes(?:man|person|woman)|founder|deputy|"
    r"members?|officials?|supporters?|fighters?|ambassador|envoy|representative|delegate|diplomat|"
    # "… of the Iraqi Popular Mobilization Forces", "… of Yemen's Ansarullah"
    # (not "Chief of Staff Eyal Zamir": a title, then the name).
    r"minister|advis[eo]r)\s+(?:of|for|to|at|in)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*[’']s\s+|[A-Z][a-z]+(?:i|an|ese|ish)\s+){0,2}$",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(
    r"(?:[’']s|(?<=[a-z]s)[’']|\b(?:his|her|its|their|our|the|a|an|this|that|whose))\s+$", re.IGNORECASE
)
_PASSIVE_AGENT = re.compile(r"\s+by\s+")
# Before a place named as where something is ("a militia in Iraq", "groups in Iraq and Syria").
_PLACE_BEFORE = re.compile(
    r"\b(?i:in|inside|across|throughout|near)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+(?:and|or)\s+(?:the\s+)?)?$"
)
_WORD_CHAR = re.compile(r"\w")  # what the lexicons' word boundaries count as a word character
_CAPITALISED_WORD = re.compile(r"(?<![\w’'‐-])(?:(?:al|el)[-‐])?[A-Z][\w’'-]*(?<![’'-])")
# "…, which has claimed responsibility for …, said": a relative clause's verb.
_RELATIVE_BEFORE = re.compile(
    r"\b(?:which|who)\s+(?:has\s+|have\s+|had\s+)?$"
    # "the strike, which Kataib Hezbollah blamed on …": an object relative clause.
    r"|\b(?:which|whom)\s+(?:(?!--\s)[^\s,;:—–]+\s+){1,4}$",
    re.IGNORECASE,
)
# A relative clause up to a verb of it: "Kataib Hezbollah, which announced",
# "the attack, which the U.S. and the Saudis are blaming", "an area which Lebanon claims".
_RELATIVE_CLAUSE = re.compile(
    r"(?P<pronoun>\b(?:which|who|whom))\s+(?P<words>(?:(?!--\s)[^\s,;:—–“”\"()]+\s+){0,8})$", re.IGNORECASE
)
# Words between a relative pronoun and its verb that are no subject: "which has also", "who later".
_RELATIVE_FILLER = re.compile(
    r"(?:(?:has|have|had|is|are|was|were|also|later|then|again|reportedly|earlier|previously|"
    r"repeatedly|publicly|already|first|once)\s+)*",
    re.IGNORECASE,
)
# Words relayed by another: "“…,” X was quoted by Y as saying", "X was quoted
# as saying: “…”", "the post quotes X: “…”", "Y quoted X as saying “…”".
_QUOTED_AS = r"(?P<verb>(?:was|were|is|has\s+been)\s+quoted)(?:\s+by\s+[^;:“”\"]{1,150}?)?\s+as\s+saying\b"
_QUOTED_AS_TAIL = re.compile(r"[\s,.]*(?:[^\s.;:“”\"]+\s+){1,6}?" + _QUOTED_AS, re.IGNORECASE)
_QUOTED_AS_LEAD = re.compile(_QUOTED_AS + r"[^.;“”\"]{0,40}?[\s,:]*$", re.IGNORECASE)
_QUOTES_SOMEONE = re.compile(
    r"\b(?P<verb>quot(?:es|ed|ing))\s+(?:[^\s.;:“”\"]+\s+){0,6}?[^\s.;:“”\"]+(?:\s+as\s+saying)?[\s,:]*$",
    re.IGNORECASE,
)
# A lead that introduces words set out after its colon: "The statement reads:",
# "saying this:", "said the following:", "wrote as follows:".
_INLINE_LEAD = re.compile(
    r"(?P<cue>\b(?:reads?|said|says|saying|wrote|writes|writing|stated|states|stating|declared|added|"
    r"posted|tweeted))(?:\s+(?:this|the\s+following|as\s+follows|in\s+part))?\s*$",
    re.IGNORECASE,
)
# "Kataib Hezbollah is said to be involved": a passive reports no speech.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)
_NOT_SAID = re.compile(
    r"(?:\b(?:not|never)|n[’']t|\b(?:declined|refused|failed)\s+to)\s+(?:\w+\s+)?$", re.IGNORECASE
)
# Between two coordinated named subjects: "and", perhaps a title ("and Defense Minister").
_COORDINATED_NAME = re.compile(r"\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,4}")
_COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$", re.IGNORECASE)
# A that-less complement ("said Tuesday it would", "told reporters the
# targets were", "said the government rejected"): a subject and a finite
# verb within a few words of the reporting verb, with no punctuation
# between. A clause in the past must not open with a preposition ("said in a
# statement posted on Telegram" is none).
# Irregular past forms that open a that-less clause as "-ed" forms do ("said Yemeni forces hit …").
_IRREGULAR_PAST = (
    r"(?:hit|shot|struck|fought|sent|made|took|gave|brought|began|broke|built|came|drew|fell|found|got|"
    r"held|kept|knew|led|left|lost|met|paid|ran|saw|sold|spent|stood|threw|went|won|wrote|spoke|shut|"
    r"flew|blew|caught|chose|hid|laid|sank|sought|swore|taught|tore|thought|withdrew|overran|overtook)"
)
_CLAUSE_COMPLEMENT = re.compile(
    r"(?!whether\b|if\b)(?:"
    # "clarified he meant": a pronoun subject and a verb.
    r"(?:he|she|they|we|I)\s+(?!\w+ing\b)[a-z]\w*\b|"
    r"(?:[^\s,;:“”\"]+\s+){0,7}?(?!(?:who|which|that|whom|whether|if)\s)[^\s,;:“”\"]+\s+"
    r"(?:(?:also|still|not|never|already)\s+)?"
    r"(?:is|are|was|were|has|have|had|will|would|could|can|must|should|might|may|does|do|did|"
    r"remains?|wants?|seeks?|plans?|intends?)\b"
    r"|(?!(?:in|on|at|by|with|from|of|for|to|as|during|after|before|since|into|over|about)\s)"
    r"(?:[^\s,;:“”\"]+\s+){0,7}?(?!(?:a|an|the|in|on|at|by|with|from|of|for|to|as|its|his|her|their|our|"
    r"this|that|these|those|who|which|whom|whether|if)\s)[^\s,;:“”\"]+\s+(?:[a-z]+ed|"
    + _IRREGULAR_PAST
    + r")\b"
    r"(?!\s+(?:by|as)\b))"
)
# "Any attempt to advance, he said, would be met …": a parenthetical
# attribution makes the whole sentence the speaker's.
_PARENTHETICAL_BEFORE = re.compile(r",\s*(?:[^\s,;:]+\s+){0,6}$")
_PARENTHETICAL_AFTER = re.compile(r"(?:\s+(?:on\s+)?\w+day)?,\s")
# "…, the Coalition said on Friday." / "…, said Pentagon spokesman X in a
# statement.": an attribution closing the sentence it attributes, perhaps
# with a short tail of its own (a date, "in a statement", "told reporters").
_TRAILING_ATTRIBUTION = re.compile(
    r"(?:[^\S\n]+(?:(?:on|in|at|late|early|during|via|through|from|to|last|this|earlier|later|yesterday|"
    r"today|tonight|reporters|journalists|the\s+press)\b|\w+day\b)[^,;:“”\"]{0,70}?)?[.!?…]*[”’\"]?\s*$"
)
# After "…, said": the speaker's name first, then perhaps such a tail.
_INVERTED_ATTRIBUTION = re.compile(
    r"[^\S\n]+(?:(?:the|a|an)\s+|[A-Z])(?![^,;:“”\"]*\bthat\b)[^,;:“”\"]{1,90}?[.!?…]*[”’\"]?\s*$"
)
# The verbs that put their subject after them ("…, said X", "…, added the minister").
_INVERTING = frozenset(
    {"say", "said", "add", "write", "wrote", "tell", "told", "note", "explain", "insist", "warn"}
)
# A subordinate clause up to its comma: "two days before Nasrallah speaks,".
_SUBORDINATE = re.compile(
    r"\b(?:before|after|when|whenever|while|since|although|though|because|unless|until|once)\b[^,;:]*",
    re.IGNORECASE,
)
# A sentence opening with a subordinate clause ("On Friday, after …", "When …"):
# matched (`.match`) at the sentence's start, not searched.
_SUBORDINATE_OPENING = re.compile(
    r"(?:[^,]{0,40},\s+)?(?:after|when|as|before|while|although|though|since|once|because)\b", re.IGNORECASE
)
# A verb of posting, and a few words after it: "posted in English".
_POSTED_BEFORE = re.compile(
    r"\b(?P<verb>posted|tweeted|published|wrote)\b(?:\s+[\w’'-]+){0,3}\s*$", re.IGNORECASE
)
_WHAT_BEFORE = re.compile(r"\bwhat\s+(?:[^\s,;:]+\s+){1,4}$", re.IGNORECASE)
# "…, according to X." / "According to X, …": a source named for the sentence.
_ACCORDING_LEAD = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+)?", re.IGNORECASE)
# A quotation inside a that-clause: "told Reuters that Washington “will pay”".
_THAT_LEAD = re.compile(r"\s+(?:[^\s,;:.“”\"]+\s+){0,6}?that\s+(?=[^\s“\"])", re.IGNORECASE)
_OBJECT_AS = re.compile(r"\s+(?:[^\s,;:.“”\"]+\s+){1,6}as\s+")
# Between a quotation and the noun phrase after it that names its speaker:
# punctuation, and perhaps a determiner and a few modifiers ("…,” a senior
# Hezbollah official told", "…,” the Kataib Hezbollah spokesman said").
_TAIL_SUBJECT_LEAD = re.compile(
    r"[\s,.;!?—–-]*(?P<words>(?:(?:the|a|an)\s+)?"
    r"(?:(?!(?:after|before|since|when|while|as|until|in|on|at|during|if|unless|because|although|though|"
    r"and|or|but|that|which|who|whom|whose|what|to|of|for|with|from|by|it|he|she|they|we|its|his|her|their|"
    r"is|are|was|were|has|have|had|will|would|not)\b)[\w’'-]+\s+){0,3})?"
)
# Between a tail subject and its verb, words that open another clause.
_CLAUSE_BREAK = re.compile(r"\b(?:while|whereas|but|and|after|before|when|although|though)\b|[“”\"]")
# A wire dateline opening a paragraph: "ADEN:", "SANAA (Dispatches) --", "BAGHDAD, Nov. 3 (AP) —".
_DATELINE_OPENING = re.compile(
    r"[A-Z]{3,}(?:\s[A-Z]{3,})?(?:,[^:—–\n]{1,30})?(?:\s\([^()]{1,30}\))?\s?(?::|--|[—–])\s"
)
_FILLER_BEFORE_QUOTE = re.compile(r"(?:\s|,|:|that|as|the|a|an|to|of|saying|reads?)*$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A reference to a possible speaker, outside quotation marks."""

    start: int
    end: int
    surface: str
    source: MentionSource
    kind: Literal["person", "organization"] | None
    actor: str | None = None  # canonical gazetteer name, when known
    category: str | None = None
    wanted: str | None = None  # for pronouns and descriptions: person, group, organization
    name: str | None = None  # for a surname alone ("Awadi"), the full name given before
    role: str | None = None  # for a role description ("the Israeli FM"): its role noun, folded
    indefinite: bool = False  # "a senior member of X": only a known person of X fits
    owned: bool = False  # "Russia's ambassador": a role of a named organization


@dataclass(frozen=True)
class Speaker:
    """Who made a statement: canonical name, kind and organization where known."""

    name: str
    kind: Literal["person", "organization"]
    organization: str | None
    known: bool  # True when the gazetteer knows the name
    surface: str  # the words in the text that named or referred to the speaker


@dataclass(frozen=True)
class Attribution:
    """A statement's words and who said them, before dating and classifying."""

    kind: StatementKind
    start: int  # span of the quotation's words (direct) or of the reporting sentence
    end: int
    sentence: Sentence
    speaker: Speaker
    cue: str  # the words that attributed it: "he said", "warned that", ":" ...
    cue_start: int
    # Where the speaker's words begin: for indirect, the reporting verb (or the
    # sentence, for a parenthetical "…, he said, …"); for direct, the quotation,
    # or the that-clause it is quoted in the middle of.
    content_start: int


_MODIFIER = (
    r"(?!(?:and|or|of|in|on|at|to|for|with|by|from|who|which|that|said|says|a|an|the|is|was|has|had|"
    r"he|she|it|they)\b)[\w’'.-]+"
)


@dataclass(frozen=True)
class _Roles:
    """The role nouns of `[attribution.roles]` (cues.toml), compiled."""

    pattern: re.Pattern[str] | None
    family: dict[str, tuple[str, int]]  # folded role noun -> (kind wanted, family number)
    any_role: frozenset[str]
    utterance: frozenset[str]  # "the statement": whoever made the last statement
    not_names: frozenset[str]  # words that make a capitalised run a place or a vessel, not a speaker
    not_labels: frozenset[str]  # "Source:", "Photo:": page labels, not transcript speakers
    place_after: re.Pattern[str] | None  # "air base", "port" after a name: the name is a place's
    demonyms: dict[str, str]  # "Iranian": "Iran", the state a nationality word names


@cache
def _roles() -> _Roles:
    family: dict[str, tuple[str, int]] = {}
    any_role: set[str] = set()
    utterance: set[str] = set()
    not_names: set[str] = set()
    not_labels: set[str] = set()
    place_heads: set[str] = set()
    demonyms: dict[str, str] = {}
    number = 0
    for _, data in load_data_file("cues.toml"):
        roles = data.get("attribution", {}).get("roles", {})
        for wanted in ("person", "group", "organization"):
            for nouns in roles.get(wanted, []):
                number += 1
                for noun in nouns:
                    family.setdefault(noun.casefold(), (wanted, number))
        any_role |= {noun.casefold() for noun in roles.get("any_role", [])}
        utterance |= {noun.casefold() for noun in roles.get("utterance_subjects", [])}
        not_names |= set(data.get("attribution", {}).get("not_names", []))
        not_labels |= {label.casefold() for label in data.get("attribution", {}).get("page_labels", [])}
        place_heads |= set(data.get("attribution", {}).get("place_heads", []))
        demonyms.update(data.get("attribution", {}).get("demonyms", {}))
    # One branch per first letter, longest nouns first within it: the engine
    # tries a handful of nouns at each word, not all of them.
    by_letter: dict[str, list[str]] = {}
    for noun in sorted({*family, *utterance}, key=len, reverse=True):
        by_letter.setdefault(noun[0], []).append(re.escape(noun[1:]))
    nouns = "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_letter.items())
    # The determiner: "the", "this", "that"; "a"/"an" ("a senior member of X");
    # or a possessive name ("Russia's ambassador", "France's top diplomat").
    pattern = (
        re.compile(
            rf"\b(?:(?P<definite>the|this|that)|(?P<indefinite>an?)|"
            rf"(?P<owner>(?-i:[A-Z][\w.’'-]*)(?:\s+(?-i:[A-Z][\w.’'-]*)){{0,2}})['’]s)"
            rf"\s+(?:{_MODIFIER}\s+){{0,3}}(?P<role>{nouns})(?![\w’'‐-])",
            re.IGNORECASE,
        )
        if nouns
        else None
    )
    heads = "|".join(
        re.escape(head).replace(r"\ ", r"\s+") for head in sorted(place_heads, key=len, reverse=True)
    )
    return _Roles(
        pattern,
        family,
        frozenset(any_role),
        frozenset(utterance),
        frozenset(not_names),
        frozenset(not_labels),
        re.compile(rf"[^\S\n]+(?:{heads})\b") if heads else None,
        demonyms,
    )


def _role_mentions(text: str, mentions: list[Mention], in_quote: Callable[[int], bool]) -> list[Mention]:
    """Role descriptions ("the Israeli FM", "The Hezbollah leader", "the
    statement"), except those that title a name right after them ("the
    Houthi leader Abdul-Malik al-Houthi", "the group's leader, X,")."""
    roles = _roles()
    if roles.pattern is None:
        return []
    starts = [m.start for m in mentions]
    found = []
    for match in roles.pattern.finditer(text):
        start, end = match.span()
        if in_quote(start):
            continue
        index = bisect_left(starts, end)
        if (
            index < len(mentions)
            and re.fullmatch(r",?\s*", text[end : mentions[index].start])
            and mentions[index].source in ("gazetteer", "name")
        ):
            continue
        # "the Islamic Resistance in Iraq", "The U.S. Central Command": the role
        # noun is part of a name, so this is the name, not a description.
        role_start = match.start("role")
        index = bisect_right(starts, role_start) - 1
        if index >= 0 and mentions[index].end > role_start:
            continue
        role = match.group("role").casefold()
        wanted = roles.family[role][0] if role in roles.family else "speaker"
        if wanted != "person" and not match.group("definite"):
            continue  # "Kaabi's statement", "a group": the name itself, or no one
        indefinite = bool(match.group("indefinite"))
        if indefinite and not re.match(r"\s+(?:of|for|in)\s", text[end : end + 5]):
            continue  # "a spokesman said": nobody named
        owner = match.group("owner")
        if owner is not None:
            # "Russia's ambassador": an organization's; "Sunak's spokesman" is
            # someone else, whom nothing names.
            index = bisect_left(starts, start)
            if not (
                index < len(mentions)
                and mentions[index].start < start + len(owner)
                and mentions[index].kind == "organization"
            ):
                continue
        kind: Literal["person", "organization"] = "person" if wanted == "person" else "organization"
        found.append(
            Mention(
                start,
                end,
                match.group(0),
                "description",
                kind,
                wanted=wanted,
                role=role,
                indefinite=indefinite,
                owned=owner is not None,
            )
        )
    return found


def _fold_token(word: str) -> str:
    """A name token for comparing spellings: case, a leading "al-" and a possessive dropped."""
    return re.sub(r"^(?:al|el)[-‐ ]|[’']s$", "", word.casefold())


_SURNAME_INDEXES: list[tuple[Gazetteer, dict[str, list[tuple[str, tuple[str, ...]]]]]] = []


def _surname_index(gazetteer: Gazetteer) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Known people by the first two letters of their folded surnames: (name, name tokens).
    Built once per gazetteer (the last few are kept)."""
    for built, index in _SURNAME_INDEXES:
        if built is gazetteer:
            return index
    index = {}
    for actor in gazetteer.actors.values():
        if actor.kind != "person":
            continue
        for surface in (actor.name, *actor.aliases):
            tokens = tuple(
                _fold_token(word) for word in re.split(r"[\s]+", surface) if word.casefold() != "al"
            )
            if tokens:
                index.setdefault(tokens[-1][:2], []).append((actor.name, tokens))
    _SURNAME_INDEXES[:] = [*_SURNAME_INDEXES[-3:], (gazetteer, index)]
    return index


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> bool:
    """Two spellings of one name token: equal, or close ("humaydawi", "humaidawi").
    Cached: a corpus asks about the same few hundred tokens again and again."""
    if a == b:
        return True
    if len(a) < 4 or abs(len(a) - len(b)) > 2:
        return False
    return SequenceMatcher(None, a, b).ratio() >= _NAME_SIMILARITY


_CANDIDATES: dict[tuple[int, tuple[str, ...]], tuple[str, ...]] = {}


def _spelling_candidates(
    tokens: tuple[str, ...], index: dict[str, list[tuple[str, tuple[str, ...]]]]
) -> tuple[str, ...]:
    """The known people whose surname (and first name, for a run of several
    words) a run's folded tokens spell closely. Memoized per surname index."""
    key = (id(index), tokens)
    found = _CANDIDATES.get(key)
    if found is None:
        surname = tokens[-1]
        found = tuple(
            dict.fromkeys(
                name
                for name, known in index.get(surname[:2], ())
                if _similar(surname, known[-1])
                # "Ain al-Asad" is no "Assad": a run of several words needs the first name too.
                and (len(tokens) == 1 or (len(known) > 1 and _similar(tokens[0], known[0])))
            )
        )
        if len(_CANDIDATES) > 65536:
            _CANDIDATES.clear()
        _CANDIDATES[key] = found
    return found


def _known_person(
    text: str,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    is_title: Callable[[str], bool],
    seen: set[str],
) -> tuple[Actor, int] | None:
    """The known person a capitalised run names under a spelling of its own,
    and where the name starts (after its titles).

    The surname must be the person's (or spelt closely), and so must the
    first name when the run gives one; a title and a surname alone ("Sayyed
    Al-Houthi") name the person with that surname already named in the
    text, or the only one the gazetteer knows.
    """
    run = text[start:end]
    key = (id(gazetteer), run)
    if key in _RUNS:
        read = _RUNS[key]
    else:
        read = _read_run(run, gazetteer, is_title)
        if len(_RUNS) > 65536:
            _RUNS.clear()
        _RUNS[key] = read
    if read is None:
        return None
    offset, single, found = read
    candidates = set(found)
    if single:
        named_before = candidates & seen
        candidates = named_before or candidates
    if len(candidates) != 1:
        return None
    return gazetteer.actors[candidates.pop()], start + offset


# A run's reading, per gazetteer and run text: where the name starts after its
# titles, whether it is a titled surname alone, and the people it may spell.
_RUNS: dict[tuple[int, str], tuple[int, bool, tuple[str, ...]] | None] = {}


def _read_run(
    run: str, gazetteer: Gazetteer, is_title: Callable[[str], bool]
) -> tuple[int, bool, tuple[str, ...]] | None:
    """`_known_person`'s reading of a run, independent of the document."""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(run)]
    titled = False
    while words and (is_title(words[0][1]) or words[0][1].casefold() in _NAME_STOPWORDS):
        titled = titled or is_title(words[0][1])
        words = words[1:]
    tokens = [_fold_token(word) for _, word in words if word.casefold() not in ("al", "el")]
    if not tokens or len(tokens) > 5 or gazetteer.actor_for(run[words[0][0] :]) is not None:
        return None
    if len(tokens) == 1 and not titled and not re.match(r"(?:al|el)[-‐ ]", words[-1][1], re.IGNORECASE):
        return None  # a bare capitalised word is not enough
    found = _spelling_candidates(tuple(tokens), _surname_index(gazetteer))
    return (words[0][0], len(tokens) == 1, found) if found else None


def _headline_spans(text: str, segmented: Segmented) -> list[tuple[int, int]]:
    """Paragraphs set in Title Case ("Yemen Prepared for Larger Confrontation"):
    their capitalised words are a headline's, not names."""
    spans = []
    for paragraph in segmented.paragraphs:
        words = text[paragraph.start : paragraph.end].split()
        if len(words) < 4 or len(words) > 30 or text[paragraph.end - 1] in '.:”"':
            continue
        content = [word for word in words if word.casefold() not in _NAME_STOPWORDS or word[:1].isupper()]
        capitalised = [word for word in content if word[:1].isupper()]
        if len(capitalised) >= 0.75 * len(content):
            spans.append((paragraph.start, paragraph.end))
    return spans


def _role_families(text: str, mention: Mention, sentence_start: int) -> set[int]:
    """The role families a person was introduced in: "Israeli Foreign Minister
    Gideon Sa'ar", "Hadi al-Ameri, the leader of Badr,"."""
    roles = _roles()
    before = re.split(r"[,.;:()“”\"—–]", text[max(sentence_start, mention.start - 60) : mention.start])[-1]
    after = re.match(
        r",\s+(?:the|a|an)\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)", text[mention.end : mention.end + 80]
    )
    words = before.casefold().split() + (after.group(1).casefold().split() if after else [])
    families = set()
    for i, word in enumerate(words):
        for phrase in (" ".join(words[i : i + 2]), word):
            if phrase in roles.family and phrase not in roles.any_role:
                families.add(roles.family[phrase][1])
    return families


def find_mentions(segmented: Segmented, gazetteer: Gazetteer) -> list[Mention]:
    """Named actors, unknown proper names, pronouns and descriptions outside quotes."""
    text = segmented.text
    in_quote = Ranges((q.inner_start, q.inner_end) for q in segmented.quotes if q.depth == 0).holds

    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for match in gazetteer.actor_pattern.finditer(text):
        if in_quote(match.start()):
            continue
        actor = gazetteer.actor_for(match.group(0))
        if actor is None or _is_modifier(text, match.end()):
            continue
        start = match.start()
        if re.match(r"(?:[Aa]l|[Ee]l)[-‐]", text[max(0, start - 3) : start]) and (
            start < 4 or not _WORD_CHAR.match(text, start - 4)
        ):
            start -= 3  # "Al-Qahoum" for the alias "Qahoum": the article is the name's
        mentions.append(
            Mention(
                start,
                match.end(),
                text[start : match.end()],
                "gazetteer",
                actor.kind,
                actor.name,
                actor.category,
            )
        )
        taken.append((start, match.end()))
    overlaps_actor = Ranges(taken).meets
    actor_ends = {start: end for start, end in taken}
    in_headline = Ranges(_headline_spans(text, segmented)).holds
    people: list[tuple[list[str], str]] = []  # the person names given in full so far
    seen = {m.actor for m in mentions if m.actor}  # known actors named so far (approximately)

    title_memo: dict[str, bool] = {}

    def is_title(word: str) -> bool:
        found = title_memo.get(word)
        if found is None:
            found = title_memo[word] = bool(gazetteer.title.fullmatch(word)) or (
                word[:1].isupper() and word.casefold().rstrip(".") in _roles().family
            )
        return found

    for match in _NAME_RUN.finditer(text):
        if len(match.group(0).split()) < 2:
            continue  # most runs are one capitalised word; dropping words below cannot add one
        start, end = match.span()
        if in_quote(start):
            continue
        # "Sayyed Abdul-Malik Badreddine Al-Houthi", "Humaydawi", "Sayyed
        # Al-Houthi": a known person under a spelling the gazetteer lacks.
        known = _known_person(text, start, end, gazetteer, is_title, seen)
        if known is not None:
            actor, known_start = known
            mentions[:] = [m for m in mentions if not (start <= m.start < end and m.kind == "organization")]
            mentions.append(
                Mention(
                    known_start, end, text[known_start:end], "gazetteer", "person", actor.name, actor.category
                )
            )
            seen.add(actor.name)
            continue
        after_actor = overlaps_actor(start, end)
        if after_actor:
            # "Britain's Defence Secretary Grant Shapps": the person after the
            # actor ("Iran's Foreign Ministry" stays Iran).
            if start not in actor_ends:
                continue
            start = _POSSESSIVE_AND_SPACE.match(text, actor_ends[start]).end()
            if overlaps_actor(start, end):
                continue
        if in_headline(start) or text[end : end + 1] == "/":
            continue  # a Title Case headline's words, or an outlet's dateline ("Shafaq News/ …")
        words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, start, end)]
        # Leading function words, spelled-out titles and roles ("General John
        # Smith", "Mr Shapps", "Secretary of State Mike Pompeo") and a
        # headline's verb ("…, Says Pompeo") are not the name, nor is all up
        # to the last title before it ("Kurdistan Region Prime Minister
        # Masrour Barzani", "National Security Adviser Jake Sullivan").
        while words and (
            words[0][1].casefold() in _NAME_STOPWORDS
            or is_title(words[0][1])
            or gazetteer.reporting_verb.fullmatch(words[0][1])
        ):
            words = words[3:] if len(words) > 4 and words[1][1] in ("of", "for") else words[1:]
        titles = [i for i, (_, word) in enumerate(words[:-2]) if is_title(word)]
        if titles:
            words = words[titles[-1] + 1 :]
            while len(words) > 3 and words[0][1] in ("of", "for"):
                words = words[2:]  # "Chief of Staff Eyal Zamir"
        # "Brigadier General Zahedi": a title and a single name is a person too.
        titled = (
            len(words) == 1
            and words[0][0] > start
            and is_title((text[start : words[0][0]].split() or [""])[-1])
            and not gazetteer.organization_word.search(words[0][1])
            and not gazetteer.reporting_verb.fullmatch(words[0][1])
        )
        if (len(words) < 2 and not titled) or words[-1][1].casefold() in _NAME_STOPWORDS:
            continue
        if any(word in _roles().not_names for _, word in words):
            continue  # "the Red Sea", "South Carolina", "USS Harry S. Truman": no speaker
        if _roles().place_after is not None and _roles().place_after.match(text, end):
            continue  # "Ain al-Asad air base", "Ras Issa port": a place
        start = words[0][0]
        surface = text[start:end]
        kind = "person" if titled else _guess_kind(text, start, surface, gazetteer)
        if after_actor and kind != "person":
            continue
        name = None
        if kind == "person":
            # "Bou Habib" after "Abdallah Bou Habib": the full name given before.
            folded = [_fold_token(word) for _, word in words]
            name = next((full for tokens, full in reversed(people) if tokens[-len(folded) :] == folded), None)
            if name is None:
                people.append((folded, surface))
        mentions.append(Mention(start, end, surface, "name", kind, name=name))
    mentions.extend(
        _surname_mentions(
            text, mentions, in_quote, lambda at: gazetteer.reporting_verb.match(text, at) is not None
        )
    )
    if gazetteer.description_pattern is not None:
        for match in gazetteer.description_pattern.finditer(text):
            if in_quote(match.start()):
                continue
            phrase = match.group(0).casefold()
            wanted = _PRONOUNS.get(phrase) or gazetteer.descriptions.get(phrase)
            source: MentionSource = "pronoun" if phrase in _PRONOUNS else "description"
            kind = "person" if wanted == "person" else "organization"
            mentions.append(Mention(match.start(), match.end(), match.group(0), source, kind, wanted=wanted))
    mentions.sort(key=lambda m: m.start)
    roles = _role_mentions(text, [m for m in mentions if m.source in ("gazetteer", "name")], in_quote)
    if roles:
        # A role description stands for its words: "The Hezbollah leader" is no mention of Hezbollah.
        inside = Ranges((m.start, m.end) for m in roles)
        mentions = [m for m in mentions if not inside.holds(m.start)] + roles
    return sorted(mentions, key=lambda m: m.start)


def _surname_mentions(
    text: str,
    mentions: list[Mention],
    in_quote: Callable[[int], bool],
    verb_at: Callable[[int], bool] = lambda _: False,
) -> list[Mention]:
    """Later references by surname to people named in full before.

    Wire copy names a person in full once ("Basim al-Awadi") and by surname
    after ("Awadi said"); the surname, with or without its article, stands
    for the full name (or the known person it named) from its first mention on.
    """
    first: dict[str, tuple[int, str, Mention]] = {}
    first_given: dict[str, tuple[int, str, Mention]] = {}
    given_names: dict[str, str] = {}
    ambiguous: set[str] = set()
    followed: set[str] = set()  # first names: a reference only when a lower-case word follows
    followed_by_verb: set[str] = set()  # surnames that are words too: a reference only before a verb
    for mention in mentions:
        if mention.source not in ("name", "gazetteer") or mention.kind != "person":
            continue
        full = re.sub(r"[’']s$", "", mention.surface)
        last = full.split()[-1]
        if mention.source == "gazetteer" and len(full.split()) < 2:
            continue
        for surname in {last, re.sub(r"^(?:al|el)[-‐]", "", last, flags=re.IGNORECASE)}:
            if len(surname) > 2 and surname[0].isupper() and surname.casefold() not in _NAME_STOPWORDS:
                first.setdefault(surname, (mention.end, full, mention))
            elif len(surname) > 2 and surname[0].isupper() and surname != last:
                # "Iraqi also called on …" after "Salih Mohammed al-Iraqi": a surname
                # that is also a word of its own, read as the name before a verb of speech.
                first.setdefault(surname, (mention.end, full, mention))
                followed_by_verb.add(surname)
        # "Gideon urged …" after "Gideon Sa'ar": a first name alone, when no
        # other person named so far shares it.
        given = full.split()[0]
        if (
            len(full.split()) >= 2
            and len(given) > 2
            and given[0].isupper()
            and given not in _NAME_PREFIXES
            and given.casefold() not in _NAME_STOPWORDS
            and given != last
        ):
            if given in given_names and given_names[given] != full:
                ambiguous.add(given)
            given_names.setdefault(given, full)
            first_given.setdefault(given, (mention.end, full, mention))
    for given, entry in first_given.items():
        if given not in ambiguous and given not in first:
            first[given] = entry
            followed.add(given)
    if not first:
        return []
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in spans]
    found = []
    # One scan of the capitalised words, each looked up: cheaper than
    # compiling a pattern of each document's surnames.
    for match in _CAPITALISED_WORD.finditer(text):
        if match.group(0) not in first:
            continue
        after, full, named = first[match.group(0)]
        start, end = match.span()
        index = bisect_right(starts, start) - 1
        if start < after or in_quote(start) or (index >= 0 and spans[index][1] > start):
            continue
        if match.group(0) in followed and not re.match(r"[^\S\n]+[a-z]", text[end : end + 3]):
            continue
        if match.group(0) in followed_by_verb:
            adverb = re.match(r"[^\S\n]+(?:(?:also|later|then|again|further)[^\S\n]+)?", text[end : end + 12])
            if adverb is None or not verb_at(end + adverb.end()):
                continue
        if named.source == "gazetteer":
            # "Awadi said" after "Basim al-Awadi": the known person named in full before.
            found.append(replace(named, start=start, end=end, surface=match.group(0)))
        else:
            found.append(Mention(start, end, match.group(0), "name", "person", name=full))
    return found


@cache
def speech_occasion() -> re.Pattern[str]:
    """The words of `[attribution] speech_occasions` (cues.toml): "addressed",
    "in an interview", "at a press conference"."""
    words = {
        word
        for _, data in load_data_file("cues.toml")
        for word in data.get("attribution", {}).get("speech_occasions", [])
    }
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives or '(?!)'})(?!\w)", re.IGNORECASE)


def is_place(text: str, start: int) -> bool:
    """Whether the name at `start` is given as where something is: "the leader
    of a militia in Iraq threatened", "groups in Iraq and Syria said"."""
    return bool(_PLACE_BEFORE.search(text, max(0, start - 40), start))


def _is_modifier(text: str, end: int) -> bool:
    """Whether a name is part of a compound modifier: "Iran-aligned", "US-led"."""
    return text[end : end + 1] in "-‐" and text[end + 1 : end + 2].islower()


def _guess_kind(
    text: str, start: int, surface: str, gazetteer: Gazetteer
) -> Literal["person", "organization"]:
    if gazetteer.organization_word.search(surface):
        return "organization"
    before = text[max(0, start - 30) : start]
    if gazetteer.title.search(before.split(",")[-1]) or gazetteer.title.match(surface):
        return "person"
    if re.search(r"\bthe\s+$", before, re.IGNORECASE):
        return "organization"
    return "person"


# Parentheses, dash asides, and relative clauses after any noun ("A
# security official, who spoke on condition of anonymity because he …,").
_ASIDE = re.compile(
    r"\([^()]*\)|\[[^\[\]]*\]|\s?[—–]\s?[^—–]{1,300}?[—–]|\s--\s(?:(?!--).){1,300}?\s--\s"
    r"|(?P<relative>,\s+(?:who|whose|which)\s[^,;:]{1,200},)"
)
_PARTICIPLE_ASIDE = re.compile(r"\s*(?:[a-z]+ing)\s")
_APPOSITIVE_COMMA = re.compile(r"[’']?s?\s*(?:\([^()]*\)\s*)?,")


def _appositive_mask(
    text: str, sentence: Sentence, mentions: list[Mention], gazetteer: Gazetteer
) -> list[tuple[int, int]]:
    """Character ranges of a sentence that only describe a neighbour.

    Parentheses, dash-delimited asides and comma-delimited appositives or
    relative clauses after a name ("X, the leader of Y,"; "X, who ...,").
    `mentions` are those starting in the sentence, in document order.
    """
    masked: list[tuple[int, int]] = []
    body = text[sentence.start : sentence.end]
    # A relative clause that itself reports speech ("Badr, which Chatham
    # House characterized as …") is not an aside.
    for match in _ASIDE.finditer(body):
        if match.group("relative") and gazetteer.reporting_verb.search(match.group(0)):
            continue
        masked.append((sentence.start + match.start(), sentence.start + match.end()))
    for mention in mentions:
        # Matched in place (the pattern has no anchors), sliced only on a hit.
        comma = _APPOSITIVE_COMMA.match(text, mention.end, sentence.end)
        if not comma:
            continue
        rest = text[comma.end() : sentence.end]
        # "X, the leader of Y,"; "Mike Pompeo, visiting Saudi Arabia to discuss …," (a participle aside).
        if not (gazetteer.appositive_head.match(rest) or _PARTICIPLE_ASIDE.match(rest)):
            continue
        closing = rest.find(",")
        segment = rest[: closing if closing >= 0 else len(rest)]
        if gazetteer.reporting_verb.search(segment):
            continue  # ", the group said," is a clause of its own, not an aside
        masked.append((mention.end, comma.end() + len(segment)))
    for mention in mentions:
        # "the leader of Asaib Ahl al-Haq said": the group qualifies the speaker.
        if _ROLE_OF.search(text, max(sentence.start, mention.start - 40), mention.start):
            masked.append((mention.start, mention.end))
    return masked


def _outside(start: int, masked: list[tuple[int, int]]) -> bool:
    return not any(m_start <= start < m_end for m_start, m_end in masked)


def _fits(mention: Mention, wanted: str) -> bool:
    """Whether a mention is what a pronoun or description wanting `wanted`
    (person, group, organization) can stand for. A state is an organization
    but not a group."""
    if wanted == "person":
        return mention.kind == "person"
    if wanted == "group":
        return mention.kind == "organization" and mention.category != "state"
    return wanted == "organization" and mention.kind == "organization"


def _fits_salient(mention: Mention, wanted: str) -> bool:
    """A named mention (not a pronoun or description) that `_fits`."""
    return mention.source in ("gazetteer", "name") and _fits(mention, wanted)


class _Attributor:
    def __init__(self, segmented: Segmented, gazetteer: Gazetteer) -> None:
        self.seg = segmented
        self.text = segmented.text
        self.gaz = gazetteer
        self.mentions = find_mentions(segmented, gazetteer)
        self.mention_starts = [m.start for m in self.mentions]  # sorted: mentions are in document order
        # Salience is read back from the current sentence only when a pronoun
        # needs it (most sentences never do): `_salient`, memoized per sentence.
        self.current = 0  # index of the sentence being attributed
        self.spoken: dict[int, list[Mention]] = {}  # sentence index: the named mentions behind its speakers
        self._salient_memo: dict[tuple[int, str], Mention | None] = {}
        self.top_quotes = [q for q in segmented.quotes if q.depth == 0]
        self.top_quote_ranges = Ranges((q.inner_start, q.inner_end) for q in self.top_quotes)
        self.top_quote_starts = [q.start for q in self.top_quotes]
        self._quote_ending = {q.end: q for q in reversed(self.top_quotes)}  # the first quotation ending there
        self._headlines: dict[int, bool] = {}
        self.resolved: Mention | None = None  # the named mention behind the last speaker
        self.sentence_speakers: list[Mention] = []  # the named mentions behind this sentence's speakers
        self.last_statement: tuple[int, Speaker] | None = None  # paragraph and speaker of the last statement
        # The utterance nouns of the statements so far ("in a statement", "his
        # letter"), each with its speaker: "the statement added" is theirs.
        self.utterances: dict[str, Speaker] = {}
        # The sentence and speaker of the last statement whose subject was an
        # utterance ("The statement cited …"): an "it" in the next sentence is it.
        self.utterance_subject: tuple[int, Speaker] | None = None
        self._families: dict[tuple[int, int], set[int]] = {}
        # Per-document caches: each is asked again and again for the same sentence or range.
        self._masks: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._verb_cache: dict[tuple[int, int], list[LexiconMatch]] = {}
        # The reporting verbs of the whole text, found in one scan: a range's are a slice.
        self.all_verbs = list(gazetteer.reporting_verb.finditer(self.text))
        self.verb_starts = [verb.start() for verb in self.all_verbs]

    # -- resolving a mention to a speaker ------------------------------------
    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying within start..end, in document order."""
        # bisect: mentions are sorted by start, so only those starting in range are read.
        low = bisect_left(self.mention_starts, start)
        high = bisect_right(self.mention_starts, end)
        return [m for m in self.mentions[low:high] if m.end <= end]

    def _masked(self, sentence: Sentence) -> list[tuple[int, int]]:
        """The sentence's appositive mask (see `_appositive_mask`), computed once."""
        key = (sentence.start, sentence.end)
        masked = self._masks.get(key)
        if masked is None:
            low = bisect_left(self.mention_starts, sentence.start)
            high = bisect_left(self.mention_starts, sentence.end)
            masked = _appositive_mask(self.text, sentence, self.mentions[low:high], self.gaz)
            self._masks[key] = masked
        return masked

    def _speaker(self, mention: Mention, sentence: Sentence) -> Speaker | None:
        if mention.role is not None:
            return self._role_speaker(mention, sentence)
        if mention.source in ("pronoun", "description"):
            wanted = mention.wanted or "person"
            # "Kataib Hezbollah said that … and called on its fighters to prepare
            # for what it described as …": the sentence's speaker, before any
            # other name it mentions.
            speakers = [
                m
                for m in self.sentence_speakers
                if m.start < mention.start and sentence.start <= m.start and _fits_salient(m, wanted)
            ]
            if (
                not speakers
                and mention.surface.casefold() == "it"
                and self.utterance_subject is not None
                and sentence.index - 1 <= self.utterance_subject[0] <= sentence.index
            ):
                # "The statement cited an attack … It was followed by another, it added."
                return self.utterance_subject[1]
            if speakers:
                resolved: Mention | None = speakers[-1]
            elif mention.surface.casefold() in ("his", "her", "its"):
                # A possessive binds to the nearest fitting name: "Khamenei
                # delivered his own speech".
                earlier = [
                    m for m in self._mentions_in(sentence.start, mention.start) if _fits_salient(m, wanted)
                ]
                resolved = earlier[-1] if earlier else self._salient(wanted)
            else:
                # A subject pronoun stands for the sentence's subject: its first
                # fitting name, not a place, a possessive or a name inside a
                # subordinate clause ("… that the United States would face losses
                # if it struck" is still the group's "it" when the group is the
                # subject; "two days before Nasrallah speaks, Khamenei said he").
                masked = self._masked(sentence)
                subordinate = Ranges(
                    (sentence.start + m.start(), sentence.start + m.end())
                    for m in _SUBORDINATE.finditer(self.text[sentence.start : mention.start])
                )
                earlier = [
                    m
                    for m in self._mentions_in(sentence.start, mention.start)
                    if _fits_salient(m, wanted)
                    and _outside(m.start, masked)
                    and not subordinate.holds(m.start)
                    and not is_place(self.text, m.start)
                    and self.text[m.end : m.end + 2] not in ("'s", "’s")
                ]
                resolved = earlier[0] if earlier else self._salient(wanted)
            if resolved is None and wanted == "group":
                resolved = self._salient("organization")
            if resolved is None:
                resolved = self._named_next(sentence, wanted)
            if resolved is None:
                return None
            self.resolved = resolved
            self.sentence_speakers.append(resolved)
            return self._named_speaker(resolved, surface=mention.surface)
        if self.gaz.anonymous_subject.fullmatch(mention.surface):
            return None
        self.resolved = mention
        self.sentence_speakers.append(mention)
        return self._named_speaker(mention, surface=mention.surface)

    def _named_next(self, sentence: Sentence, wanted: str) -> Mention | None:
        """For a pronoun with nobody before it to stand for ("“…,” he said."),
        the name the next sentence of the paragraph opens with ("Abu Ali
        al-Askari made the remarks on Telegram")."""
        following = sentence.index + 1
        if (
            following >= len(self.seg.sentences)
            or self.seg.sentences[following].paragraph != sentence.paragraph
        ):
            return None
        after = self.seg.sentences[following]
        named = self._mentions_in(after.start, after.end)
        if (
            named
            and named[0].source in ("gazetteer", "name")
            and _fits(named[0], wanted)
            and re.fullmatch(r"[\s“\"]*(?:[A-Z][\w.’'-]*\s+){0,4}", self.text[after.start : named[0].start])
        ):
            return named[0]
        return None

    def _note_utterance(self, found: Attribution) -> None:
        """Remember the utterance nouns a statement's sentence names, for "the statement" later;
        a verb of posting names its noun too ("X posted …": "the post" is X's)."""
        if "quot" in found.cue.casefold():
            return  # "the post quotes X: “…”": the post is not X's
        sentence = self.text[found.sentence.start : found.sentence.end]
        for verb in re.finditer(r"\b(posted|tweeted)\b", sentence, re.IGNORECASE):
            self.utterances.setdefault(verb.group(1).casefold()[:-2], found.speaker)  # "post", "tweet"
        for noun in _roles().utterance:
            if noun in sentence.casefold() and re.search(rf"\b{re.escape(noun)}\b", sentence, re.IGNORECASE):
                self.utterances[noun] = found.speaker

    def _role_speaker(self, mention: Mention, sentence: Sentence) -> Speaker | None:
        """Who a role description stands for: "the statement", whoever made the
        last one; "the minister", the latest person introduced in that role
        or in none (of this sentence, then of the sentences before), else the
        next one named in the following paragraphs."""
        if mention.wanted == "speaker":
            speaker = self.utterances.get(mention.role or "")
            if speaker is not None:
                self.utterance_subject = (sentence.index, speaker)
            return speaker
        wanted = mention.wanted or "person"
        owner = self._role_owner(mention)
        state = None
        if owner is None and wanted == "person":
            # "The Iranian president": a person of Iran, not a leader of another side named nearby.
            state = next(
                (
                    _roles().demonyms[word]
                    for word in mention.surface.split()[:-1]
                    if word in _roles().demonyms and _roles().demonyms[word] in self.gaz.actors
                ),
                None,
            )

        def elsewhere(candidate: Mention) -> bool:
            """A known person of a side other than the state the description names."""
            if state is None or candidate.actor is None:
                return False
            organization = self.gaz.actors[candidate.actor].organization
            return (
                organization is not None and organization != state and not self._within(organization, state)
            )

        def of_owner(candidate: Mention) -> bool:
            """A known person of the organization the description names,
            whatever role introduced him ("the spokesman for the IRGC")."""
            if owner is None or candidate.actor is None or not _fits_salient(candidate, wanted):
                return False
            organization = self.gaz.actors[candidate.actor].organization
            return organization is not None and (organization == owner or self._within(organization, owner))

        def fits(candidate: Mention) -> bool:
            if mention.indefinite:
                return of_owner(candidate)  # "a senior member of X": a known person of X, or nobody
            return (
                _fits_salient(candidate, wanted)
                and self._fits_role(candidate, mention.role or "")
                and not elsewhere(candidate)
            )

        if owner is not None and wanted == "person":
            # A known person of it first; failing one, one introduced in the role.
            found = self._role_person(mention, sentence, of_owner) or self._role_person(
                mention, sentence, fits
            )
            if found is not None:
                self.resolved = found
                return self._named_speaker(found, surface=mention.surface)

        resolved = self._role_lookback(mention, sentence, fits)
        if wanted != "person":
            # "the Coalition", "the ministry": an organization whose name holds
            # the noun, when one was named, before the latest that fits.
            role = mention.role or ""

            def named_so(candidate: Mention) -> bool:
                name = candidate.actor or candidate.surface
                return fits(candidate) and bool(re.search(rf"\b{re.escape(role)}\b", name, re.IGNORECASE))

            resolved = self._role_lookback(mention, sentence, named_so) or resolved
        if resolved is None and wanted == "person":
            # "The defence secretary signalled …" (…) "Grant Shapps warned …".
            resolved = self._role_person(mention, sentence, fits)
        if resolved is None:
            # "the group's spokesman": failing the person, the group he speaks for.
            owner = re.match(r"(?:the|this|that)\s+([\w-]+)[’']s\b", mention.surface, re.IGNORECASE)
            family = _roles().family.get(owner.group(1).casefold()) if owner else None
            if owner and family and family[0] != "person":
                group = Mention(
                    mention.start,
                    mention.end,
                    owner.group(0),
                    "description",
                    "organization",
                    wanted=family[0],
                    role=owner.group(1).casefold(),
                )
                return self._role_speaker(group, sentence)
            # "the Kataib Hezbollah spokesman": failing the person, the group he speaks for.
            named = self.gaz.actor_pattern.search(self.text, mention.start, mention.end)
            actor = self.gaz.actor_for(named.group(0)) if named else self.gaz.actors.get(state or "")
            if actor is None or actor.kind != "organization":
                return None
            return Speaker(actor.name, actor.kind, actor.organization, True, mention.surface)
        self.resolved = resolved
        return self._named_speaker(resolved, surface=mention.surface)

    def _role_person(
        self, mention: Mention, sentence: Sentence, fits: Callable[[Mention], bool]
    ) -> Mention | None:
        """The person a role description stands for: the latest that fits
        before it, else the next named in the following two paragraphs."""
        resolved = self._role_lookback(mention, sentence, fits)
        if resolved is None:
            last = min(len(self.seg.paragraphs) - 1, sentence.paragraph + 2)
            following = self._mentions_in(mention.end, self.seg.paragraphs[last].end)
            resolved = next((m for m in following if fits(m) and not self._in_top_quote(m.start)), None)
        return resolved

    def _role_lookback(
        self, mention: Mention, sentence: Sentence, fits: Callable[[Mention], bool]
    ) -> Mention | None:
        """The latest mention that fits, in this sentence before `mention`, then
        in the sentences before (their speakers first)."""
        earlier = [m for m in self._mentions_in(sentence.start, mention.start) if fits(m)]
        resolved = earlier[-1] if earlier else None
        index = sentence.index
        while resolved is None and index > 0 and sentence.index - index < _ROLE_LOOKBACK:
            index -= 1
            before = self.seg.sentences[index]
            noted = [
                *reversed(self.spoken.get(index, ())),
                *(m for m in self._mentions_in(before.start, before.end) if not self._in_top_quote(m.start)),
            ]
            resolved = next((m for m in noted if fits(m)), None)
        return resolved

    def _role_owner(self, mention: Mention) -> str | None:
        """The organization a role description names: "the Hezbollah leader",
        "the spokesman for the IRGC", "the spokesman of the movement"."""
        named = self.gaz.actor_pattern.search(self.text, mention.start, mention.end)
        if named is None:
            after = re.match(
                r"\s+(?:of|for|in)\s+[^,;:.“”\"()]{0,40}", self.text[mention.end : mention.end + 48]
            )
            if after is not None:
                named = self.gaz.actor_pattern.search(self.text, mention.end, mention.end + after.end())
        actor = self.gaz.actor_for(named.group(0)) if named else None
        return actor.name if actor is not None and actor.kind == "organization" else None

    def _within(self, organization: str, owner: str) -> bool:
        """Whether an organization belongs to another (Quds Force, IRGC, Iran), a few steps up."""
        for _ in range(4):
            actor = self.gaz.actors.get(organization)
            if actor is None or actor.organization is None:
                return False
            organization = actor.organization
            if organization == owner:
                return True
        return False

    def _fits_role(self, candidate: Mention, role: str) -> bool:
        """Whether a person introduced as they were can be "the ROLE"."""
        roles = _roles()
        if candidate.kind != "person" or role in roles.any_role or role not in roles.family:
            return True
        key = (candidate.start, candidate.end)
        families = self._families.get(key)
        if families is None:
            sentence = self.seg.sentence_at(candidate.start)
            families = self._families[key] = _role_families(self.text, candidate, sentence.start)
        return not families or roles.family[role][1] in families

    def _named_speaker(self, mention: Mention, surface: str) -> Speaker:
        if mention.actor:
            actor = self.gaz.actors[mention.actor]
            return Speaker(actor.name, actor.kind, actor.organization, True, surface)
        name = mention.name or re.sub(r"[’']s$", "", mention.surface)
        return Speaker(name, mention.kind or "person", None, False, surface)

    def _subject_before(
        self, position: int, sentence: Sentence, masked: list[tuple[int, int]]
    ) -> Mention | None:
        """The nearest mention before `position` in the sentence, asides skipped."""
        candidates = [
            m
            for m in self._mentions_in(sentence.start, position)
            if _outside(m.start, masked)
            and not self._in_top_quote(m.start)
            and not is_place(self.text, m.start)
        ]
        if not candidates:
            return None
        # "Yair Lapid and Defense Minister Benny Gantz issued": coordinated
        # subjects speak together; the first named stands for them.
        index = len(candidates) - 1
        while index > 0 and _COORDINATED_NAME.fullmatch(
            self.text, candidates[index - 1].end, candidates[index].start
        ):
            index -= 1
        return candidates[index]

    def _cue_subject(
        self,
        cue: tuple[int, int],
        verbs: list[LexiconMatch],
        sentence: Sentence,
        masked: list[tuple[int, int]],
        limit: int,
    ) -> Mention | None:
        """Who performs a reporting cue.

        A passive agent ("described by X as") is the speaker; a participle
        after a comma ("…, noting that") belongs to the main clause, whose
        subject is found from the clause's own verb, else its first mention.
        """
        agent = _PASSIVE_AGENT.match(self.text, cue[1])
        if agent:
            following = self._mentions_in(agent.end(), limit)
            if following and following[0].start == agent.end():
                return following[0]
        form = self.text[cue[0] : cue[1]].casefold()
        if form == ":":
            # "Abu Fadak was blunt about the fact that he takes orders from a
            # foreign official, Ali Khamenei: “…”": a name set in apposition
            # right before the colon is not who speaks; the sentence's subject,
            # its first name, is.
            named = [
                m
                for m in self._mentions_in(sentence.start, cue[0])
                if _outside(m.start, masked)
                and not self._in_top_quote(m.start)
                and not is_place(self.text, m.start)
                and self.text[m.end : m.end + 2] not in ("'s", "’s")
            ]
            last_start = named[-1].start if named else -1
            if (
                len(named) > 1
                and not self.text[named[-1].end : cue[0]].strip()
                and re.search(r",\s*(?:[\w’'-]+\s+){0,4}$", self.text[sentence.start : last_start])
            ):
                return named[0]
        # "Kanaani said that Iran …, but warned that": a verb coordinated with
        # an earlier one, with no subject of its own, shares that one's subject.
        if _COORDINATED.search(self.text, sentence.start, cue[0]):
            earlier = [v for v in verbs if v.start() < cue[0]]
            if earlier:
                return self._cue_subject(earlier[0].span(), earlier[:1], sentence, masked, limit)
        if form.endswith("ing") and self.text[sentence.start : cue[0]].rstrip().rstrip("”’\"'").endswith(","):
            # The main clause's verb: not a participle, nor a word of a quotation;
            # the sentence's, not only the lead's ("X was warned, saying: “…,”
            # highlighting that “…”").
            earlier = [
                v
                for v in self._verbs(sentence.start, cue[0])
                if v.start() < cue[0]
                and not v.group(0).casefold().endswith("ing")
                and not self._in_top_quote(v.start())
            ]
            if earlier and _PASSIVE_BEFORE.search(
                self.text, max(sentence.start, earlier[-1].start() - 12), earlier[-1].start()
            ):
                # "The coalition was warned, saying: “…”": the passive's subject was
                # spoken to; the speaker is whoever has been speaking.
                return self.resolved
            if earlier:
                main = earlier[-1]
                # "“…,” said Qassem …, adding that “…”": an inverted verb's subject follows it.
                inverted = self._inverted_subject(main, sentence)
                if inverted is not None:
                    return inverted
                return self._cue_subject(main.span(), earlier, sentence, masked, limit)
            # The main clause's subject: not a possessive ("As Israel's campaign …, hinting").
            named = [
                m
                for m in self._mentions_in(sentence.start, cue[0])
                if _outside(m.start, masked) and self.text[m.end : m.end + 2] not in ("'s", "’s")
            ]
            return named[0] if named else None
        return self._subject_before(cue[0], sentence, masked)

    def _inverted_subject(self, verb: LexiconMatch, sentence: Sentence) -> Mention | None:
        """The name right after an inverting verb that follows a quotation ("“…,” said X")."""
        if self.gaz.verb_lemma.get(verb.group(0).casefold()) not in _INVERTING:
            return None
        if not re.search(r"[,.!?][”’\"]\s*$|[”’\"],?\s*$", self.text[sentence.start : verb.start()]):
            return None
        following = self._mentions_in(verb.end(), min(sentence.end, verb.end() + 80))
        between = self.text[verb.end() : following[0].start] if following else ""
        if following and re.fullmatch(r"\s+(?:[A-Z][\w.’'-]*\s+){0,4}", between):
            return following[0]
        return None

    def _quotes_in(self, sentence: Sentence) -> list[QuoteSpan]:
        """The top-level quotations starting in a sentence (bisected: a scan of
        every quotation per sentence was quadratic in a paragraph of quotes)."""
        low = bisect_left(self.top_quote_starts, sentence.start)
        high = bisect_left(self.top_quote_starts, sentence.end)
        return self.top_quotes[low:high]

    def _in_top_quote(self, offset: int) -> bool:
        return self.top_quote_ranges.holds(offset)

    def _is_anonymous_subject(self, start: int, verb_start: int) -> bool:
        """Whether the words just before a verb are an anonymous subject."""
        clause = re.split(r"[,;:—–]|\bthat\b", self.text[start:verb_start])[-1]
        anonymous = self.gaz.anonymous_subject.search(clause)
        if not anonymous:
            return False
        clause_start = verb_start - len(clause)
        # A role description naming its organization is named too: "France's
        # top diplomat", "the KH official" (not "the Prime Minister's spokesman");
        # a possessive is not ("Biden's Republican rivals").
        named = [
            m
            for m in self._mentions_in(clause_start, verb_start)
            if (m.source in ("gazetteer", "name") and self.text[m.end : m.end + 2] not in ("'s", "’s"))
            or (m.role is not None and (m.owned or self._role_owner(m) is not None))
        ]
        # "Sources close to Kataib Hezbollah said": the group only qualifies the sources.
        return not named or clause_start + anonymous.start() < named[0].start

    # -- direct quotations --------------------------------------------------------
    def _verbs(self, start: int, end: int) -> list[LexiconMatch]:
        """Reporting verbs in a range, without noun uses ("Kaabi's call", "a post")."""
        # Cached per range: the same ranges come back for every quotation and
        # verb of a sentence. Callers only read the list, never change it.
        key = (start, end)
        verbs = self._verb_cache.get(key)
        if verbs is None:
            text = self.text
            if 0 < end < len(text) and _WORD_CHAR.match(text, end - 1) and _WORD_CHAR.match(text, end):
                # A range ending inside a word ("warn|ed") may hold a verb the
                # whole text does not: scan the range itself.
                found = list(self.gaz.reporting_verb.finditer(text, start, end))
            else:
                low = bisect_left(self.verb_starts, start)
                high = bisect_left(self.verb_starts, end)
                found = [verb for verb in self.all_verbs[low:high] if verb.end() <= end]
            verbs = self._verb_cache[key] = [
                verb
                for verb in found
                if not _DETERMINER_BEFORE.search(text, max(0, verb.start() - 12), verb.start())
                and text[verb.start() - 1 : verb.start()] not in ("-", "‐")  # "so-called"
                and not self._in_name(verb.start())
            ]
        return verbs

    def _in_name(self, offset: int) -> bool:
        """Whether a capitalised verb form is a word of a name mentioned there:
        "the United States", "the State Department" (not "Sheikh Akram
        al-Kaabi Stated, “…”")."""
        if not self.text[offset : offset + 1].isupper():
            return False
        index = bisect_right(self.mention_starts, offset) - 1
        return index >= 0 and self.mentions[index].end > offset

    def attribute_quote(
        self, quote: QuoteSpan, sentence: Sentence, previous: tuple[QuoteSpan, Speaker] | None
    ) -> tuple[Speaker, str, int] | None:
        text = self.text
        masked = self._masked(sentence)
        same_sentence = self._quotes_in(sentence)
        before = [q for q in same_sentence if q.end <= quote.start]
        after = [q for q in same_sentence if q.start >= quote.end]
        lead_start = before[-1].end if before else sentence.start
        tail_end = after[0].start if after else sentence.end
        lead = text[lead_start : quote.start]
        words = len(text[quote.inner_start : quote.inner_end].split())

        relayed = self._relayed_speaker(quote, sentence, lead_start, tail_end)
        if relayed is not None:
            return relayed

        # "…,” he said / “…,” said Haidari / “…,” the group said
        # A participle after a quotation ("…,” mocking X's promise") names no speaker.
        # A few quoted words inside a sentence ("the so-called ‘axis of
        # resistance,’ Sayyed X … has called for") are no one's quotation.
        scare = words < _SHORT_QUOTE_WORDS and bool(text[sentence.start : quote.start].strip())
        tail_verbs = [
            verb
            for verb in self._verbs(quote.end, min(tail_end, quote.end + 120))
            if not verb.group(0).casefold().endswith("ing") and not scare
        ]
        if tail_verbs:
            verb = tail_verbs[0]
            gap = text[quote.end : verb.start()]
            subjects = [m for m in self._mentions_in(quote.end, verb.start())]
            lead_in = _TAIL_SUBJECT_LEAD.fullmatch(text, quote.end, subjects[0].start) if subjects else None
            if lead_in and lead_in.group("words") and self._is_anonymous_subject(quote.end, verb.start()):
                return None  # "…,” an analyst at the Washington Institute said
            if lead_in:
                last = subjects[-1]
                if (
                    last is not subjects[0]
                    and last.source in ("gazetteer", "name")
                    and re.fullmatch(r"\s*,?\s*", text[last.end : verb.start()])
                    and re.search(r",\s*$", text[quote.end : last.start])
                ):
                    # "…,” the militia's leader, Akram al-Kaabi, said: the name in apposition.
                    head = last
                else:
                    # "…,” Pentagon press secretary Pat Ryder told", "…,” a senior
                    # Hezbollah official told": the last name of the noun phrase
                    # is its head; an aside after a comma is not.
                    comma = text.find(",", subjects[0].end, verb.start())
                    phrase_end = comma if comma >= 0 else verb.start()
                    head = [m for m in subjects if m.start < phrase_end][-1]
                if _CLAUSE_BREAK.search(text, head.end, verb.start()):
                    # "“…” the Houthis to justice, while X said": the verb is another clause's.
                    return None
                speaker = self._speaker(head, sentence)
                if speaker:
                    return speaker, text[head.start : verb.end()], head.start
            elif re.fullmatch(r"[\s,.;!?—–-]*", gap):
                phrase_end = re.search(r"[,.;!?]|$", text[verb.end() : tail_end])
                limit = verb.end() + (phrase_end.start() if phrase_end else 80)
                following = self._mentions_in(verb.end(), min(tail_end, limit, verb.end() + 120))
                if following and self.gaz.anonymous_subject.search(text, verb.end(), following[0].start):
                    return None  # "…,” said an analyst at the Washington Institute
                # "said Kataib Hezbollah security official Abu Ali al-Askari": the person.
                people = [n for n in following if n.kind == "person" and n.source in ("gazetteer", "name")]
                following = people or following
                if following:
                    speaker = self._speaker(following[0], sentence)
                    if speaker:
                        return speaker, text[verb.start() : following[0].end], verb.start()
            # "…,” the statement read: attributed, to no one we can name. An
            # unknown speaker stays unknown rather than borrowed from a neighbour.
            if re.fullmatch(r"[\s,.;!?—–-]*(?:the|a|an|this|that|its|his|her|their)\s+[\w’'-]+\s*", gap):
                return None

        # Between two quotes of one sentence: "…” and “…" share the speaker.
        if previous is not None and previous[0] in before and _CONNECTIVE.match(lead):
            return previous[1], "(continues)", quote.start

        # "according to X" in the sentence.
        according = _ACCORDING_TO.search(text, sentence.start, quote.start)
        if according and not self._verbs(according.end(), quote.start):
            # (a verb after it introduces the quotation: "…,” said X, according to
            # the channel's website, adding that “…”" is X's)
            following = self._mentions_in(according.end(), quote.start)
            if following:
                speaker = self._speaker(following[0], sentence)
                if speaker:
                    return speaker, "according to", according.start()

        cue: tuple[int, int] | None = None
        verbs = [v for v in self._verbs(lead_start, quote.start) if _outside(v.start(), masked)]
        nouns = list(self.gaz.communication_noun.finditer(text, lead_start, quote.start))
        if verbs:
            cue = self._introducing_verb(verbs, quote).span()
        elif nouns:
            cue = nouns[-1].span()
        elif lead.rstrip().endswith(":"):
            colon = lead_start + lead.rstrip().rfind(":")
            cue = (colon, colon + 1)
        if cue is not None:
            # A few quoted words are a scare quote unless the cue stands right
            # before them, or frames them as its object's name: "described the
            # rocket fire as “a terrorist act”".
            gap = text[cue[1] : quote.start]
            if (
                words < _SHORT_QUOTE_WORDS
                and not _FILLER_BEFORE_QUOTE.fullmatch(gap)
                and not (verbs and cue == verbs[-1].span() and _OBJECT_AS.fullmatch(gap))
            ):
                return None
            # "mocking Netanyahu's promise of “total victory”": words given as
            # another's (a possessive before the quotation) are relayed, not said.
            if re.search(r"[’']s\s+(?:[\w-]+\s+){0,3}$", gap):
                return None
            if self._is_anonymous_subject(sentence.start, cue[0]):
                return None
            subject = self._cue_subject(cue, verbs, sentence, masked, quote.start)
            if subject is None and text[cue[0] : cue[1]] == ":":
                return None
            if subject is not None:
                speaker = self._speaker(subject, sentence)
                if speaker:
                    return speaker, text[cue[0] : cue[1]], cue[0]
            return None

        # Another quotation in the clause of the sentence's last attributed
        # one, no verb between: 'declared that the “American enemy” would
        # “pay a heavy price”'. A few words are a scare quote, as above.
        if (
            previous is not None
            and previous[0] in before
            and words >= _SHORT_QUOTE_WORDS
            and not re.search(r"[;:]|[.!?]\s|[’']s\b", lead)  # "mocking Netanyahu's promise of “…”"
            and not any(m.source in ("gazetteer", "name") for m in self._mentions_in(lead_start, quote.start))
        ):
            return previous[1], "(continues)", quote.start

        # A quotation that opens a paragraph, named in the next sentence:
        # "“…” Qais al-Khazali, leader of …, had never talked …"
        sentence_is_quote = not text[sentence.start : quote.start].strip()
        if sentence_is_quote and words >= _SHORT_QUOTE_WORDS:
            # Consecutive quotations of one paragraph share a speaker: a name in
            # the next paragraph's first sentence belongs to that paragraph.
            if previous is not None and previous[0].paragraph + previous[0].paragraphs - 1 == quote.paragraph:
                return previous[1], "(continues)", quote.start
            next_index = sentence.index + 1
            if (
                next_index < len(self.seg.sentences)
                and self.seg.sentences[next_index].paragraph == sentence.paragraph
            ):
                following_sentence = self.seg.sentences[next_index]
                first = self._mentions_in(following_sentence.start, following_sentence.end)
                if (
                    first
                    and first[0].source in ("gazetteer", "name")
                    and not text[following_sentence.start : first[0].start].strip(' “"”')
                ):
                    speaker = self._speaker(first[0], following_sentence)
                    if speaker:
                        return speaker, "(named after the quote)", first[0].start
            # "In his speech, Nasrallah said:" ending the paragraph before.
            introduced = self._introduced_by_previous_paragraph(quote)
            if introduced is not None:
                return introduced
            # A quotation standing alone right after another one continues it.
            if previous is not None and previous[0].paragraph >= quote.paragraph - 1:
                return previous[1], "(continues)", quote.start
            # A paragraph that is only a quotation, right after a paragraph
            # reporting someone's words, goes on with them.
            if (
                self.last_statement is not None
                and self.last_statement[0] == quote.paragraph - 1
                and quote.start == self.seg.paragraphs[quote.paragraph].start
                and quote.end >= self.seg.paragraphs[quote.paragraph].end - 1
            ):
                return self.last_statement[1], "(adjacent)", quote.start
        return None

    def _relayed_speaker(
        self, quote: QuoteSpan, sentence: Sentence, lead_start: int, tail_end: int
    ) -> tuple[Speaker, str, int] | None:
        """The speaker of words another relays: "“…,” X was quoted by Y as
        saying", "X was quoted as saying “…”", "the post quotes X: “…”",
        "Y quoted X as saying “…”": X's, not Y's."""
        text = self.text
        tail = _QUOTED_AS_TAIL.match(text, quote.end, tail_end)
        if tail is not None:
            subjects = self._mentions_in(quote.end, tail.start("verb"))
            if subjects:
                speaker = self._speaker(subjects[0], sentence)
                if speaker is not None:
                    return speaker, tail.group("verb"), subjects[0].start
        lead = _QUOTED_AS_LEAD.search(text, lead_start, quote.start)
        if lead is not None:
            subjects = [
                m for m in self._mentions_in(sentence.start, lead.start()) if not self._in_top_quote(m.start)
            ]
            if subjects:
                speaker = self._speaker(subjects[-1], sentence)
                if speaker is not None:
                    return speaker, lead.group("verb"), lead.start()
        quoting = _QUOTES_SOMEONE.search(text, lead_start, quote.start)
        if quoting is not None:
            named = self._mentions_in(quoting.end("verb"), quote.start)
            if named and named[0].source in ("gazetteer", "name"):
                speaker = self._speaker(named[0], sentence)
                if speaker is not None:
                    return speaker, quoting.group("verb"), quoting.start()
        return None

    def _introducing_verb(self, verbs: list[LexiconMatch], quote: QuoteSpan) -> LexiconMatch:
        """The verb of a quotation's lead that introduces it: the last, unless
        words stand between it and the quotation and an earlier verb's
        that-clause runs on to it ("said that the group would respond to the
        strike “at the appropriate time”": "said", not "respond")."""
        last = verbs[-1]
        if _FILLER_BEFORE_QUOTE.fullmatch(self.text, last.end(), quote.start):
            return last
        # A nested report: "revealed that Zahedi told his comrades that the best
        # outcome was “…”" quotes Zahedi, whose own that-clause holds the words.
        if (
            len(verbs) > 1
            and not last.group(0).casefold().endswith("ing")  # "…, adding that …": the same speaker's
            and self._that_clause(last.end(), quote) is not None
            and _THAT_LEAD.match(self.text, last.end(), quote.start)
        ):
            return last
        return next((verb for verb in verbs[:-1] if self._that_clause(verb.end(), quote) is not None), last)

    def _that_clause(self, verb_end: int, quote: QuoteSpan) -> int | None:
        """Where the that-clause after a verb begins, when it runs on to the
        quotation within the sentence ("said that Washington “will pay”", or
        that-less: "said American strikes would continue “for a long time”")."""
        clause = _THAT_LEAD.match(self.text, verb_end, quote.start)
        start = clause.end() if clause is not None else None
        if start is None:
            space = re.match(r"\s+", self.text[verb_end : quote.start])
            if space and _CLAUSE_COMPLEMENT.match(self.text, verb_end + space.end(), quote.start):
                start = verb_end + space.end()
        # Sentence punctuation between them ends the clause; an initial's period ("U.S.") does not.
        if start is None or re.search(r"[:;!?]|(?<!\b[A-Z])\.\s", self.text[start : quote.start]):
            return None
        return start

    def _introduced_by_previous_paragraph(self, quote: QuoteSpan) -> tuple[Speaker, str, int] | None:
        """The speaker of a quotation opening a paragraph after one ending in a colon."""
        paragraph = self.seg.paragraphs[quote.paragraph]
        if quote.start != paragraph.start:
            return None
        return self._colon_lead_in(quote.paragraph)

    def _colon_lead_in(self, index: int) -> tuple[Speaker, str, int] | None:
        """The speaker named by the paragraph before `index` when it ends in a colon
        ("… wrote:", "He said:"), with the reporting verb and where it stands."""
        if index == 0:
            return None
        previous = self.seg.paragraphs[index - 1]
        if not self.text[previous.start : previous.end].rstrip().endswith(":"):
            return None
        lead = self.seg.sentence_at(previous.end - 1)
        masked = self._masked(lead)
        verbs = [v for v in self._verbs(lead.start, previous.end) if _outside(v.start(), masked)]
        if not verbs:
            return self._according_lead_in(lead, previous.end)
        subject = self._cue_subject(verbs[-1].span(), verbs, lead, masked, previous.end)
        speaker = self._speaker(subject, lead) if subject is not None else None
        return (speaker, verbs[-1].group(0), verbs[-1].start()) if speaker else None

    def _according_lead_in(self, lead: Sentence, end: int) -> tuple[Speaker, str, int] | None:
        """The speaker of a lead "According to him, … :" (or "According to X, …:")
        introducing the next paragraph: X, or for a pronoun the person named last
        before the lead (read before the walk, so without salience)."""
        according = _ACCORDING_LEAD.search(self.text, lead.start, end)
        if according is None:
            return None
        if re.match(r"(?:him|her)\b", self.text[according.end() : according.end() + 4]):
            earlier = [
                m
                for m in self._mentions_in(max(0, lead.start - 600), lead.start)
                if m.kind == "person"
                and m.source in ("gazetteer", "name")
                and not self._in_top_quote(m.start)
            ]
            named = earlier[-1:]
        else:
            named = self._mentions_in(according.end(), min(end, according.end() + 80))[:1]
            if named and not re.fullmatch(
                r"(?:[A-Z][\w’'.-]*\s+){0,3}", self.text[according.end() : named[0].start]
            ):
                named = []
        if not named or named[0].source not in ("gazetteer", "name"):
            return None
        return self._named_speaker(named[0], surface=named[0].surface), "according to", according.start()

    # -- reported speech ------------------------------------------------------------
    def attribute_indirect(self, sentence: Sentence) -> list[Attribution]:
        """The reported speech of a sentence: its first speech act, and each
        further one joined to it ("said … and called on …", "…, pledging
        that …", "…, while X said that …"), each from its own verb on."""
        text = self.text
        # "It is highly likely that …": the author's assessment, unless an
        # attribution set in the sentence makes it a speaker's ("It was
        # followed by another attack, it added").
        evaluative = bool(_EVALUATIVE_OPENING.match(text, sentence.start))
        verbs = self._verbs(sentence.start, sentence.end)
        if evaluative and not verbs:
            return []
        if not verbs:
            # Most sentences: nothing reports speech, unless "according to X".
            according = self._according_to(sentence)
            return [according] if according is not None else []
        masked = self._masked(sentence)
        found: list[Attribution] = []
        relatives: list[Attribution] = []
        for verb in verbs:
            if self._in_top_quote(verb.start()):
                continue
            # "did not say whether", "declined to say": no statement was made.
            if _NOT_SAID.search(text, max(sentence.start, verb.start() - 24), verb.start()):
                continue
            if not verb.group(0).casefold().endswith("ing") and _PASSIVE_BEFORE.search(
                text, max(sentence.start, verb.start() - 12), verb.start()
            ):
                continue  # (not a progressive: "which the Saudis are blaming on Iran")
            # "The Islamic Resistance, which has claimed responsibility for …, said": the main
            # verb is the sentence's; the relative clause's is a speech act of its own.
            relative = self._relative_clause(verb, sentence)
            if relative is not None or _RELATIVE_BEFORE.search(
                text, max(sentence.start, verb.start() - 40), verb.start()
            ):
                if relative is not None:
                    relatives.extend(self._relative_speech_act(verb, relative, sentence))
                continue
            if found and not self._joined_speech_act(found[-1], verb, sentence):
                continue
            if not _outside(verb.start(), masked):
                continue
            lemma = self.gaz.verb_lemma.get(verb.group(0).casefold())
            frames = self.gaz.indirect_frames.get(lemma or "", ())
            if not frames or not self._finite(verb, sentence):
                continue
            after = text[verb.end() : sentence.end]
            before = _PARENTHETICAL_BEFORE.search(text, sentence.start, verb.start())
            inverted = lemma in _INVERTING and _INVERTED_ATTRIBUTION.fullmatch(text, verb.end(), sentence.end)
            parenthetical = bool(
                lemma in self.gaz.parenthetical_verbs  # finite: `_finite` turned "…, he saying" away
                and not verb.group(0).casefold().endswith("ing")  # "…, adding that": a participle
                and before
                and not found
                # "“…,” a day after …, the army said": a quotation's attribution, not a report.
                and not self.top_quote_ranges.meets(sentence.start, before.start())
                and (
                    _PARENTHETICAL_AFTER.match(text, verb.end())
                    or (
                        inverted
                        if not text[before.start() : verb.start()].strip(" ,")
                        else _TRAILING_ATTRIBUTION.fullmatch(text, verb.end(), sentence.end)
                    )
                )
            )
            if evaluative and not parenthetical:
                continue
            # "repelled what Mr Shapps described as the largest attack": the
            # object stands before the subject.
            what_as = "as" in frames and bool(
                re.match(r"\s+as\s+\w", after) and _WHAT_BEFORE.search(text, sentence.start, verb.start())
            )
            if not parenthetical and not what_as and not _frame_matches(after, frames, self.gaz):
                continue
            if self._is_anonymous_subject(found[-1].cue_start if found else sentence.start, verb.start()):
                return found
            if parenthetical:
                assert before is not None
                subject = self._parenthetical_subject(before.start(), verb, sentence)
            else:
                subject = self._cue_subject(
                    verb.span(),
                    self._verbs(sentence.start, verb.start()),
                    sentence,
                    masked,
                    sentence.end,
                )
            if subject is None:
                continue
            speaker = self._speaker(subject, sentence)
            if speaker is None:
                continue
            # A further speech act is its own statement, from its subject or verb on.
            start = sentence.start
            if found:
                start = subject.start if found[-1].cue_start < subject.start < verb.start() else verb.start()
            found.append(
                Attribution(
                    kind="indirect",
                    start=start,
                    end=sentence.end,
                    sentence=sentence,
                    speaker=speaker,
                    cue=verb.group(0),
                    cue_start=verb.start(),
                    content_start=sentence.start if parenthetical else verb.start(),
                )
            )
        if not found and not evaluative:
            according = self._according_to(sentence)
            if according is not None:
                found.append(according)
        # Each speech act ends where the next one begins: "said that … losing
        # the war | and promised to strike Israel".
        for i in range(len(found) - 1):
            end = found[i + 1].start
            clause = self.text[found[i].start : end]
            trimmed = re.sub(r"(?:[\s,;]|\b(?:and|but|while|whereas)\b)+$", "", clause)
            found[i] = replace(found[i], end=found[i].start + len(trimmed))
        return found + relatives

    def _relative_clause(self, verb: re.Match[str], sentence: Sentence) -> re.Match[str] | None:
        """The relative clause a verb of speech is the verb of: after its pronoun only
        words that are no subject ("which has also announced"), or, for "which" and
        "whom", a named subject ("which the U.S. and the Saudis are blaming"). Not "A
        Hezbollah official who spoke on condition of anonymity said": the clause has a
        verb of its own, and "said" is the sentence's; unless the verb is joined to it
        ("who control large areas and say they …")."""
        text = self.text
        relative = _RELATIVE_CLAUSE.search(text, max(sentence.start, verb.start() - 100), verb.start())
        if relative is None or _RELATIVE_FILLER.fullmatch(relative.group("words")):
            return relative
        if re.search(r"\b(?:and|or|but)\s+$", relative.group("words")):
            return relative  # a verb joined to the clause's own: "who control … and say"
        if relative.group("pronoun").casefold() == "who":
            return None
        named = [
            m
            for m in self._mentions_in(relative.end("pronoun"), verb.start())
            if m.source in ("gazetteer", "name")
        ]
        if named and _RELATIVE_FILLER.fullmatch(text[named[-1].end : verb.start()].lstrip()):
            return relative
        return None

    def _relative_speech_act(
        self, verb: LexiconMatch, relative: re.Match[str], sentence: Sentence
    ) -> list[Attribution]:
        """A speech act in a relative clause: the antecedent's ("X, which
        announced it was suspending …", "said the post, which also warned
        that …"), or the clause's own subject's when the antecedent is its
        object ("the attack, which the U.S. is blaming on Iran", "an area
        which Lebanon claims is disputed")."""
        text = self.text
        lemma = self.gaz.verb_lemma.get(verb.group(0).casefold())
        frames = self.gaz.indirect_frames.get(lemma or "", ())
        pronoun_start, pronoun_end = relative.span("pronoun")
        if not frames:
            return []
        if verb.group(0).casefold().endswith("ing") and not re.search(
            r"\b(?:is|are|was|were)\s+$", text[pronoun_end : verb.start()]
        ):
            return []  # "which, citing …": no finite verb of the clause
        # A named subject: "which he accused of …" after the speaker's own
        # clause goes on with the sentence's statement.
        inside = [
            m
            for m in self._mentions_in(pronoun_end, verb.start())
            if m.source in ("gazetteer", "name") and not is_place(text, m.start)
        ]
        subject: Mention | None
        if re.match(r"(?:has|have|had)\b", relative.group("words"), re.IGNORECASE):
            return []  # "which has claimed more than 150 attacks": a background summary, not a speech act
        if not _RELATIVE_FILLER.fullmatch(relative.group("words")):
            # An object relative: its subject is named between the pronoun and the verb.
            if not inside or relative.group("pronoun").casefold() == "who":
                return []
            subject = inside[0]
        else:
            if not _frame_matches(text[verb.end() : sentence.end], frames, self.gaz):
                return []
            antecedents = [
                m
                for m in self._mentions_in(sentence.start, pronoun_start)
                if not self._in_top_quote(m.start) and re.fullmatch(r"[\s,—–-]*", text[m.end : pronoun_start])
            ]
            if not antecedents:
                return []
            subject = antecedents[-1]
        speaker = self._speaker(subject, sentence)
        if speaker is None:
            return []
        # The clause ends at a closing dash, else at the comma before the main
        # clause goes on ("…, which the U.S. is blaming on Iran, was “…”"), else
        # with the sentence.
        dashed = re.search(r"[—–]|--\s*$", text[max(sentence.start, pronoun_start - 4) : pronoun_start])
        closing = re.compile(r"\s[—–]|\s--\s" if dashed else r",\s")
        stop = closing.search(text, verb.end(), sentence.end)
        end = (
            stop.start()
            if stop is not None and (dashed or not self._that_clause_after(verb))
            else sentence.end
        )
        return [
            Attribution(
                kind="indirect",
                start=pronoun_start,
                end=end,
                sentence=sentence,
                speaker=speaker,
                cue=verb.group(0),
                cue_start=verb.start(),
                content_start=verb.start(),
            )
        ]

    def _that_clause_after(self, verb: LexiconMatch) -> bool:
        """Whether a verb reports a clause of its own ("warned that …", "said it was"), which
        may hold commas: a relative clause's that-clause runs to the sentence's end."""
        return bool(re.match(r"\s+(?:[^\s,;:]+\s+){0,5}?that\b", self.text[verb.end() : verb.end() + 60]))

    def _parenthetical_subject(self, comma: int, verb: LexiconMatch, sentence: Sentence) -> Mention | None:
        """Who speaks in an attribution set inside or after its sentence: the
        name between the comma and the verb ("…, the Coalition said"), or, when
        the verb comes first, the name after it ("…, said Pentagon spokesman
        Jonathan Hoffman in a statement"); never a name of the words reported."""
        between = self._mentions_in(comma, verb.start())
        if between:
            return between[-1]
        if self.text[comma : verb.start()].strip(" ,"):
            return None  # "…, the official said": nobody we can name
        following = self._mentions_in(verb.end(), min(sentence.end, verb.end() + 120))
        people = [m for m in following if m.kind == "person" and m.source in ("gazetteer", "name")]
        return (people or following or [None])[0]

    def _according_to(self, sentence: Sentence) -> Attribution | None:
        """A sentence reported "according to X" (before or after its words):
        X's indirect statement, unless X is anonymous ("according to sources")."""
        text = self.text
        if text.find("ccording", sentence.start, sentence.end) < 0:
            return None  # most sentences: checked without a regex
        for lead in _ACCORDING_LEAD.finditer(text, sentence.start, sentence.end):
            if self._in_top_quote(lead.start()):
                continue
            if self.gaz.anonymous_subject.match(text, lead.end()):
                continue
            pronoun = re.match(r"(him|her)\b", text[lead.end() : lead.end() + 4])
            if pronoun:
                source: Mention | None = Mention(
                    lead.end(),
                    lead.end() + pronoun.end(),
                    pronoun.group(1),
                    "pronoun",
                    "person",
                    wanted="person",
                )
            else:
                source = next(iter(self._mentions_in(lead.end(), min(sentence.end, lead.end() + 80))), None)
                # "according to Sayyed Safieddine", "according to Iraq's foreign ministry".
                if source is None or not re.fullmatch(
                    r"(?:[A-Z][\w’'.-]*\s+){0,3}", text[lead.end() : source.start]
                ):
                    continue
            speaker = self._speaker(source, sentence)
            if speaker is None:
                return None
            rest = text[lead.end() : sentence.end].split(",", 1)
            if lead.start() == sentence.start and len(rest) < 2:
                return None  # "According to X." with nothing reported
            return Attribution(
                kind="indirect",
                start=sentence.start,
                end=sentence.end,
                sentence=sentence,
                speaker=speaker,
                cue="according to",
                cue_start=lead.start(),
                content_start=sentence.start,
            )
        return None

    def _joined_speech_act(self, first: Attribution, verb: LexiconMatch, sentence: Sentence) -> bool:
        """Whether a reporting verb after a sentence's first speech act opens a
        speech act of its own: coordinated ("… and called on"), or a new
        clause ("…, while X said", "…; X added"). A participle after a comma
        ("…, saying that") belongs to the first one's statement."""
        between = self.text[first.cue_start : verb.start()]
        if _COORDINATED.search(between) or re.search(r";\s*$", between):
            return True
        # "After the army said it had intercepted a missile, Katz vowed …": the
        # first verb was a subordinate clause's; the main clause speaks too.
        if _SUBORDINATE_OPENING.match(self.text, sentence.start, first.cue_start) and re.search(
            r",\s+(?:[^\s,;]+\s+){1,6}$", between
        ):
            return True
        return bool(re.search(r"(?:,\s*(?:while|whereas|but)|;)\s+(?:[^\s,;]+\s+){1,6}$", between))

    def _frames(self, form: str) -> tuple[str, ...]:
        """The frames of `[attribution.indirect]` a reporting verb form takes."""
        return tuple(self.gaz.indirect_frames.get(self.gaz.verb_lemma.get(form.casefold()) or "", ()))

    def _reports_beyond_quotes(self, indirect: Attribution) -> bool:
        """Whether a reported clause holds words of its own outside quotation
        marks: any, when it quotes nothing ("… and said Iran was responsible")."""
        # A parenthetical attribution's words stand before its verb: "…, he stressed, adding “…”".
        start = min(indirect.cue_start, indirect.content_start)
        content = self.text[start : indirect.end]
        quoted = False
        for quote in self.top_quotes:
            if start <= quote.start < indirect.end:
                content = content.replace(self.text[quote.start : quote.end], " ")
                quoted = True
        return not quoted or len(content.split()) > _REPORTED_CLAUSE_WORDS

    def _finite(self, verb: LexiconMatch, sentence: Sentence) -> bool:
        """Whether a verb form reports an act of speech rather than modifying a noun."""
        form = verb.group(0).casefold()
        before = self.text[sentence.start : verb.start()].rstrip()
        if form.endswith("ing"):
            # "…, asserting that" continues the subject's speech (also after '…,” '),
            # as does one right after a verb of posting ("posted in English claiming that").
            return before.rstrip("”’\"'").endswith(",") or bool(_POSTED_BEFORE.search(before))
        return not before.endswith((" a", " an", " the"))

    # -- the walk ---------------------------------------------------------------------
    def _is_headline(self, sentence: Sentence) -> bool:
        """A one-line paragraph with no closing punctuation: a headline or a
        label ("Khazali warns of 'open war' if Israel strikes Iraq"), whose
        statement, if any, is made again in the body."""
        paragraph = self.seg.paragraphs[sentence.paragraph]
        if sentence.start != paragraph.start:
            return False  # read once per paragraph, not once per sentence of a long one
        memo = self._headlines.get(sentence.paragraph)
        if memo is None:
            memo = self._headlines[sentence.paragraph] = self._headline_paragraph(sentence, paragraph)
        return memo

    def _headline_paragraph(self, sentence: Sentence, paragraph: Paragraph) -> bool:
        """`_is_headline` for a paragraph's first sentence."""
        body = self.text[paragraph.start : paragraph.end].rstrip()
        end = paragraph.start + len(body)
        # A few quoted words at the end close no sentence: 'warns US of
        # "decisive response"' is a headline; 'Khazali: “We will expel the
        # occupation forces”' is a statement.
        last_quote = self._quote_ending.get(end)
        if last_quote is not None and last_quote.inner_end == last_quote.end:
            # A quotation never closed before the paragraph ends (an excerpt cut
            # short, a page that forgot the mark) ends it as a closing mark would.
            if len(self.text[last_quote.inner_start : last_quote.inner_end].split()) >= _SHORT_QUOTE_WORDS:
                return False
        elif last_quote is not None:
            quoted_words = self.text[last_quote.inner_start : last_quote.inner_end].split()
            if len(quoted_words) < _SHORT_QUOTE_WORDS:
                body = self.text[paragraph.start : last_quote.inner_end]
        if _DATELINE_OPENING.match(self.text, paragraph.start):
            return False  # "ADEN: Yemen's Houthi rebels on Wednesday threatened …" (cut short)
        return (
            sentence.start == paragraph.start
            and sentence.end >= end
            and not body.endswith(tuple('.!?…:;”"’»)'))
            and len(body.split()) <= _HEADLINE_WORDS
        )

    # -- statements without quotation marks --------------------------------------------
    def _label_speaker(self, paragraph_start: int, label: str) -> Speaker | None:
        """The speaker a transcript label names: "Qais Khazali:", "SECRETARY OF
        DEFENSE PETE HEGSETH:", "Reporter:" (the person introduced as one)."""
        words = label.split()
        for size in range(min(4, len(words)), 0, -1):
            actor = self.gaz.actor_for(" ".join(words[-size:]).title())
            if actor is not None:
                return Speaker(actor.name, actor.kind, actor.organization, True, label)
        names = [
            m
            for m in self._mentions_in(paragraph_start, paragraph_start + len(label))
            if m.source in ("gazetteer", "name")
        ]
        if names:
            return self._named_speaker(names[-1], surface=label)
        role = words[-1].casefold()
        if role in _roles().family:
            for m in reversed(self._mentions_in(0, paragraph_start)):
                if m.kind == "person" and m.source in ("gazetteer", "name") and self._fits_role(m, role):
                    families = _role_families(self.text, m, self.seg.sentence_at(m.start).start)
                    if _roles().family[role][1] in families:
                        return self._named_speaker(m, surface=label)
        return None

    def _unmarked_statements(self) -> dict[int, Attribution]:
        """Statements set out without quotation marks, by paragraph: transcript
        turns ("Name: …", and the paragraphs of the turn after it, until the
        next label or a paragraph with statements of its own), and a
        paragraph after one that ends by introducing it ("The statement
        reads:", "Trump wrote:")."""
        found: dict[int, Attribution] = {}
        turn: Speaker | None = None
        for paragraph in self.seg.paragraphs:
            body = self.text[paragraph.start : paragraph.end]
            label = _TURN_LABEL.match(body)
            sentence = self.seg.sentence_at(paragraph.start)
            speaker = None
            content_start = paragraph.start
            cue = "(turn)"
            headline = self._is_headline(sentence)
            if label and not headline and label.group("label").casefold() not in _roles().not_labels:
                speaker = self._label_speaker(paragraph.start, label.group("label"))
                content_start = paragraph.start + label.end()
                turn = speaker
                if speaker is not None and body.rstrip().endswith("?") and body.count("?") == 1:
                    continue  # an interviewer's question is no statement
                cue = label.group("label") + ":"
            elif (
                turn is not None
                and not _QUOTE_OR_LABEL.search(body)
                and not headline
                and _FIRST_PERSON.search(body)
            ):
                speaker = turn  # the turn goes on: transcript speech is in the first person
            else:
                turn = None
                introduced = self._introduced_unmarked(paragraph.index)
                if introduced is not None and not _QUOTE_OR_LABEL.match(body):
                    speaker, cue = introduced
            if speaker is None or len(body[content_start - paragraph.start :].split()) < _SHORT_QUOTE_WORDS:
                continue
            found[paragraph.index] = Attribution(
                kind="direct",
                start=content_start,
                end=paragraph.end,
                sentence=sentence,
                speaker=speaker,
                cue=cue,
                cue_start=paragraph.start,
                content_start=content_start,
            )
        return found

    def _introduced_unmarked(self, index: int) -> tuple[Speaker, str] | None:
        """The speaker of a paragraph after one ending "… reads:" / "… wrote:"."""
        found = self._colon_lead_in(index)
        return (found[0], found[1] + ":") if found else None

    def run(self) -> Iterator[Attribution]:
        previous: tuple[QuoteSpan, Speaker] | None = None
        unmarked = self._unmarked_statements()
        turns = set(unmarked)
        for sentence in self.seg.sentences:
            self.current = sentence.index
            self.sentence_speakers = []
            spoken: list[Mention] = []
            if sentence.paragraph in turns:
                if sentence.paragraph in unmarked:
                    statement = unmarked.pop(sentence.paragraph)
                    self._note_utterance(statement)
                    self.last_statement = (sentence.paragraph, statement.speaker)
                    yield statement
                continue
            if self._is_headline(sentence):
                continue
            direct: list[Attribution] = []
            for quote in self._quotes_in(sentence):
                attributed = self.attribute_quote(quote, sentence, previous)
                if attributed is None:
                    continue
                speaker, cue, cue_start = attributed
                content_start = quote.inner_start
                cue_end = cue_start + len(cue)
                if cue_start < quote.start and self.gaz.reporting_verb.fullmatch(cue):
                    # The clause leading into a quotation quoted mid-clause is the
                    # speaker's too (paraphrased): "said that Washington “will pay”".
                    content_start = self._that_clause(cue_end, quote) or content_start
                if self.resolved is not None:
                    spoken.append(self.resolved)
                previous = (quote, speaker)
                direct.append(
                    Attribution(
                        kind="direct",
                        start=quote.inner_start,
                        end=quote.inner_end,
                        sentence=sentence,
                        speaker=speaker,
                        cue=cue,
                        cue_start=cue_start,
                        content_start=content_start,
                    )
                )
            # Reported speech: of a sentence with no attributed quotation, or
            # alongside its quotations when the reported clause says more than
            # the quoted words. Then the quoted words inside the clause are
            # part of its statement ("said that the United States would face
            # “massive losses”"); a quotation with a cue of its own ("…,
            # adding “…”") stays a statement of its own.
            # A verb that attributes a whole quotation ("“…,” he said, adding
            # that …") makes no second statement: the participle is covered.
            whole = [(d.cue_start, d.cue_start + len(d.cue)) for d in direct if d.content_start == d.start]
            indirect = [
                found
                for found in self.attribute_indirect(sentence)
                if not direct
                or (
                    not any(start <= found.cue_start < end for start, end in whole)
                    and self._reports_beyond_quotes(found)
                )
            ]
            if indirect:
                if self.resolved is not None:
                    spoken.append(self.resolved)
                clauses = {found.cue_start for found in indirect}
                kept = []
                absorbed = False
                for d in direct:
                    # A quotation the clause introduces, or one continuing it, is the clause's.
                    absorbed = (
                        d.cue_start in clauses
                        or (absorbed and d.cue == "(continues)")
                        # "condemned the attack, calling it “…”": the participle's quotation is the
                        # clause's, when it names or is a short tail; "…, adding “…”" with a
                        # sentence of its own is a statement of its own.
                        or (
                            d.cue.casefold().endswith("ing")
                            and d.cue_start > min(clauses)
                            and (
                                len(self.text[d.start : d.end].split()) < _QUOTED_TAIL_WORDS
                                or bool({"as", "named"} & set(self._frames(d.cue)))
                            )
                        )
                    )
                    if not absorbed:
                        kept.append(d)
                direct = kept
            block = self._inline_block(sentence, direct, indirect)
            if block is not None:
                direct.append(block)
            for found in sorted([*direct, *indirect], key=lambda found: found.start):
                self._note_utterance(found)
                self.last_statement = (found.sentence.paragraph, found.speaker)
                yield found
            if spoken:
                self.spoken[sentence.index] = spoken

    def _inline_block(
        self, sentence: Sentence, direct: list[Attribution], indirect: list[Attribution]
    ) -> Attribution | None:
        """Words set out without quotation marks after a colon in the sentence
        that introduces them ("The statement reads: the occupiers must leave",
        "He sent out a post, saying this: any retaliation will be met …",
        "According to him, …: These attacks have cost …"): a direct statement
        of the lead's speaker, to the sentence's end."""
        text = self.text
        colon = text.find(":", sentence.start, sentence.end)
        if colon < 0 or self._in_top_quote(colon) or _DATELINE_OPENING.match(text, sentence.start):
            return None
        body = re.match(r"\s+", text[colon + 1 : sentence.end])
        start = colon + 1 + (body.end() if body else 0)
        end = sentence.start + len(text[sentence.start : sentence.end].rstrip())
        if (
            not body
            or text[start : start + 1] in "“\"«‘'"
            or any(q.start < end and q.end > start for q in self.top_quotes)
            or any(d.start >= colon for d in direct)
            or len(text[start:end].split()) < _SHORT_QUOTE_WORDS
        ):
            return None
        lead = text[sentence.start : colon]
        speaker: Speaker | None = None
        reporting = [found for found in indirect if found.cue_start < colon]
        if reporting and text[start : start + 1].isupper():
            # (a sentence of its own after the colon: "…: These attacks have cost …", not a list)
            speaker = reporting[-1].speaker
        else:
            verb = _INLINE_LEAD.search(lead)
            if verb is None:
                return None
            masked = self._masked(sentence)
            cue_start = sentence.start + verb.start("cue")
            verbs = self._verbs(sentence.start, colon)
            subject = self._cue_subject(
                (cue_start, sentence.start + verb.end("cue")), verbs, sentence, masked, colon
            )
            speaker = self._speaker(subject, sentence) if subject is not None else None
        if speaker is None:
            return None
        return Attribution(
            kind="direct",
            start=start,
            end=end,
            sentence=sentence,
            speaker=speaker,
            cue=":",
            cue_start=colon,
            content_start=start,
        )

    # -- salience -------------------------------------------------------------------
    def _salient(self, wanted: str) -> Mention | None:
        """The named mention a pronoun wanting `wanted` stands for: the latest
        fitting one noted in the sentences before the current one.

        Read back sentence by sentence; what is found is memoized for every
        sentence walked, so each sentence is read at most once per kind.
        """
        found: Mention | None = None
        walked = []
        for index in range(self.current, 0, -1):
            key = (index, wanted)
            if key in self._salient_memo:
                found = self._salient_memo[key]
                break
            walked.append(key)
            found = self._latest_noted(self.seg.sentences[index - 1], wanted)
            if found is not None:
                break
        for key in walked:
            self._salient_memo[key] = found
        return found

    def _latest_noted(self, sentence: Sentence, wanted: str) -> Mention | None:
        """The last fitting mention a sentence makes salient, if any.

        Whoever spoke in a sentence is what its pronouns most likely mean next;
        failing a speaker, the first person and the first organization named
        in it, outside asides (an aside's name only when nothing else fits).
        """
        for mention in reversed(self.spoken.get(sentence.index, ())):
            if _fits_salient(mention, wanted):
                return mention
        named = [
            m
            for m in self._mentions_in(sentence.start, sentence.end)
            if _fits_salient(m, wanted) and not self._in_top_quote(m.start)
        ]
        if len(named) < 2:
            return named[0] if named else None  # one name or none: the mask does not matter
        masked = self._masked(sentence)
        outside = [m for m in named if _outside(m.start, masked)]
        return outside[0] if outside else named[0]


_FRAME_LEAD = re.compile(
    r"^\s*(?:also|again|further|firmly|publicly|repeatedly|openly|later|earlier|once again|"
    r"on \w+day|on \w+\.? \d+,?|\w+day|,)\s*"
)
# What must follow a reporting verb for each frame of `[attribution.indirect]`
# (cues.toml). Words between the verb and its frame word are allowed, a few
# at most: "said last week that", "vowed in a televised speech to",
# "accused Iran's proxies of", "described the attack as".
_FRAME_WORDS = r"(?:[^\s,;:“\"]+\s+){0,5}?"
_FRAME_PATTERNS: dict[str, re.Pattern[str]] = {
    "that": re.compile(rf"{_FRAME_WORDS}that\b", re.IGNORECASE),
    "to": re.compile(r"(?:[^\s,;:“\"]+\s+){0,5}?to\s+\w+"),
    "responsibility": re.compile(r"(?:full\s+)?responsibility\b", re.IGNORECASE),
    "for": re.compile(r"for\b", re.IGNORECASE),
    # "called on all sides to", "called on them “not to escalate”"
    "on": re.compile(r"(?:up)?on\s+(?:[\w.'’-]+\s+){1,10}?[“\"‘]?(?:not\s+)?(?:to|for)\b", re.IGNORECASE),
    "of": re.compile(rf"{_FRAME_WORDS}of\s+\w", re.IGNORECASE),
    "against": re.compile(rf"{_FRAME_WORDS}against\s+\w", re.IGNORECASE),
    "as": re.compile(r"(?:[^\s,;:“\"]+\s+){1,8}?as\s+[\w“\"‘']", re.IGNORECASE),
    "to be": re.compile(r"(?:[^\s,;:“\"]+\s+){1,12}?to\s+be\b", re.IGNORECASE),
    "by": re.compile(r"by\s+\w+ing\b", re.IGNORECASE),
    "at": re.compile(r"at\s+\w", re.IGNORECASE),
    "how": re.compile(r"how\b", re.IGNORECASE),
    "with": re.compile(r"with\s+\w", re.IGNORECASE),
    "about": re.compile(r"about\s+\w", re.IGNORECASE),
    "over": re.compile(r"over\s+\w", re.IGNORECASE),
    # "called the strikes a violation", "branded it": a definite object, not "called a meeting".
    "named": re.compile(r"(?:it|them|this|that|these|those|him|her|the\s+\w|(?:his|its|their|our)\s+\w)"),
    "object": re.compile(r"(?!that\b|to\b|and\b|or\b|in\b|on\b|at\b)[\w“\"‘]"),
}


# Before the utterance noun: a determiner and a few modifiers ("a stern
# warning", "a strongly worded statement", "its weekly video address").
_UTTERANCE_DETERMINERS = r"(?:(?:a|an|the|its|his|her|their|this|these)\s+)?(?:[a-z][\w-]*\s+){0,3}"


# Between a reporting verb and its frame: a parenthesis ("on Mayadeen TV
# (Lebanon) that") and the comma of a date ("a November 10, 2019 interview").
_FRAME_NOISE = re.compile(r"\s*\([^()]{0,40}\)|(?<=\d),(?=\s+\d{4}\b)")
# The occasion of speech between a verb and its that-clause, longer than the
# few words a frame allows: "said in a statement on behalf of the leader that",
# "said in a November 10 interview on a TV channel that".
_OCCASION_BEFORE_THAT = re.compile(
    r"(?:in|during|at|via|through|on|before)\s+(?:[^\s,;:“”\"]+\s+){1,12}?(?=that\b)", re.IGNORECASE
)
# An aside between a that-less complement's subject and its verb: "said the
# United States, despite its capabilities, has failed".
_COMPLEMENT_ASIDE = re.compile(r"^((?:[^\s,;:“”\"]+\s+){0,5}[^\s,;:“”\"]+),\s+[^,;:“”\"]{1,60},\s+")


def _frame_matches(after: str, frames: tuple[str, ...], gazetteer: Gazetteer | None = None) -> bool:
    """Whether the words after a reporting verb open reported content."""
    head = _FRAME_LEAD.sub(" ", _FRAME_NOISE.sub("", after)).lstrip()
    for frame in frames:
        if frame == "clause":
            unaside = _COMPLEMENT_ASIDE.sub(r"\1 ", head)
            if _CLAUSE_COMPLEMENT.match(head) or _CLAUSE_COMPLEMENT.match(unaside):
                return True
        elif frame == "that" and (occasion := _OCCASION_BEFORE_THAT.match(head)) is not None:
            words = occasion.group(0)
            if speech_occasion().search(words) or (
                gazetteer is not None and gazetteer.communication_noun.search(words)
            ):
                return True
            if _FRAME_PATTERNS["that"].match(head):
                return True
        elif frame == "utterance":
            # "issued a warning", "released a statement on Telegram", "put out a statement".
            if gazetteer is not None:
                noun = gazetteer.communication_noun.search(head[:40])
                if (
                    noun
                    and re.fullmatch(_UTTERANCE_DETERMINERS, head[: noun.start()], re.IGNORECASE)
                    and len(head[noun.end() :].split()) >= _SHORT_QUOTE_WORDS  # not "issued a statement."
                ):
                    return True
        else:
            pattern = _FRAME_PATTERNS.get(frame)
            if pattern is not None and pattern.match(head):
                return True
    return False


def attribute_speakers(segmented: Segmented, gazetteer: Gazetteer) -> list[Attribution]:
    """Every direct and indirect statement of a document, with its speaker.

    Quotations that nothing attributes (scare quotes, titles) and speech by
    anonymous subjects ("analysts say") are left out.
    """
    return list(_Attributor(segmented, gazetteer).run())

"""The field's knowledge, as data: actors, aliases, targets and cue lexicons.

Everything the extractor knows about names and words lives in TOML files
shipped in `rhetrack/data/`. A user extends them without touching code by
pointing `RHETRACK_DATA` at a folder holding files of the same names and
shape (`actors.toml`, `targets.toml`, `cues.toml`); their entries are added to
the shipped ones. The files are read and compiled once per process.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from rhetrack.errors import DataFileError

ActorKind = Literal["person", "organization"]
USER_DATA_ENV = "RHETRACK_DATA"

_APOSTROPHES = "'’ʼʿʾ`‘"
_HYPHENS = "-‐‑–"
_FOLD_DROP = str.maketrans("", "", _APOSTROPHES + ".")
_FOLD_SPACE = str.maketrans(dict.fromkeys(_HYPHENS + "_", " "))


# Cached: extraction folds the same few hundred surfaces over and over.
@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """A matching key insensitive to case, diacritics and transliteration habits.

    Apostrophes and periods vanish, hyphens become spaces, doubled letters
    collapse, so "Kata'ib", "Kataib" and "KATAIB" meet, as do "Asa’ib" and
    "Asaib", "Nujaba'" and "Nujaba".

    >>> fold_name("Qais al-Khazali") == fold_name("qais al khazaali")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = stripped.casefold().translate(_FOLD_DROP).translate(_FOLD_SPACE)
    collapsed = re.sub(r"(\w)\1+", r"\1", lowered)
    return " ".join(collapsed.split())


@dataclass(frozen=True)
class Actor:
    """A speaker the gazetteer knows, under its canonical name."""

    name: str
    kind: ActorKind
    organization: str | None = None
    category: str | None = None  # group | state | media | body, for organizations
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """A threatened target of the coding scheme, with its parent."""

    name: str
    parent: str | None
    pattern: Lexicon | None
    generic: Lexicon | None = None
    requires: str | None = None
    forces: str | None = None  # the target a demand that it leave threatens: us-forces for the U.S.


@dataclass(frozen=True)
class Gazetteer:
    """Everything loaded from the data files, compiled for matching."""

    actors: dict[str, Actor]
    alias_index: dict[str, str]  # folded alias -> canonical name
    actor_pattern: re.Pattern[str]
    targets: dict[str, Target]
    reporting_verb: Lexicon
    verb_lemma: dict[str, str]  # inflected form -> base form
    indirect_frames: dict[str, tuple[str, ...]]
    parenthetical_verbs: frozenset[str]  # base forms that can attribute a whole sentence from inside it
    communication_noun: Lexicon
    anonymous_subject: Lexicon
    title: re.Pattern[str]
    organization_word: re.Pattern[str]
    appositive_head: Lexicon
    descriptions: dict[str, str] = field(default_factory=dict)  # folded phrase -> kind wanted
    description_pattern: Lexicon | None = None
    narration_threat: Lexicon | None = None
    departure: frozenset[str] = frozenset()  # lemmas of leaving and removal
    invading: frozenset[str] = frozenset()  # words of invasion
    aggressor_after: Lexicon | None = None  # matches at the start of what follows a name
    speaker_after: Lexicon | None = None  # matches at the start of what follows a name
    appealing_after: Lexicon | None = None  # matches at the start of what follows a name
    called_before: Lexicon | None = None  # matches at the end of what precedes a name
    defended_before: Lexicon | None = None  # matches at the end of what precedes a name
    attacked_before: Lexicon | None = None
    waged_before: Lexicon | None = None
    addressed_after: Lexicon | None = None  # matches at the start of what follows a name

    def actor_for(self, surface: str) -> Actor | None:
        """The actor a surface form names, if the gazetteer knows it."""
        name = self.alias_index.get(fold_name(surface))
        return self.actors.get(name) if name else None

    def ancestors(self, target: str) -> Iterator[str]:
        """The target's parents, nearest first."""
        parent = self.targets[target].parent if target in self.targets else None
        while parent:
            yield parent
            parent = self.targets[parent].parent if parent in self.targets else None


def _data_files(name: str) -> Iterator[tuple[str, bytes]]:
    shipped = resources.files("rhetrack") / "data" / name
    yield f"rhetrack/data/{name}", shipped.read_bytes()
    user_dir = os.environ.get(USER_DATA_ENV)
    if user_dir:
        user_file = Path(user_dir) / name
        if user_file.is_file():
            yield str(user_file), user_file.read_bytes()


def load_data_file(name: str) -> list[tuple[str, dict[str, Any]]]:
    """A TOML data file as shipped, then the user's copy in RHETRACK_DATA if any."""
    loaded = []
    for origin, payload in _data_files(name):
        try:
            loaded.append((origin, tomllib.loads(payload.decode("utf-8"))))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{origin}: not valid TOML ({exc}); fix the file or remove it") from exc
    return loaded


def _loose_alias(alias: str) -> str:
    """A regex for an alias that tolerates apostrophe, hyphen and case habits."""
    return "".join(_loose_alias_parts(alias))


def _loose_alias_parts(alias: str) -> list[str]:
    """`_loose_alias` one character at a time."""
    parts = []
    for index, char in enumerate(alias):
        if char in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]?")
        elif char in _HYPHENS or char == " ":
            parts.append(f"[{_HYPHENS} ]")
        elif char.isalpha() and (index == 0 or alias[index - 1] in _HYPHENS + " "):
            # The first letter of a word may be capitalised or not ("al-", "Al-").
            parts.append(f"[{char.upper()}{char.lower()}]" if char.lower() == "a" else re.escape(char))
        else:
            parts.append(re.escape(char))
    return parts


def _loose_first_chars(alias: str) -> str | None:
    """Every character the first part of `_loose_alias(alias)` matches; None if it is optional."""
    char = alias[0]
    if char in _APOSTROPHES:
        return None
    if char in _HYPHENS or char == " ":
        return _HYPHENS + " "
    if char.isalpha() and char.lower() == "a":
        return char.upper() + char.lower()
    return char


def _ordered(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(_ordered(words))


# -- case-insensitive matching -------------------------------------------------------------
#
# Python's `re` with IGNORECASE folds the case of every character it compares
# and cannot skip ahead to the characters a match could start with, which made
# the cue, target and verb lexicons most of extraction's time. A `Lexicon`
# matches the same words case-sensitively on a lower-cased copy of the text
# (offset for offset), written where it can be as one branch per first
# character, which lets the engine jump between candidate characters.

_QUANTIFIER_STARTS = "?*+{"
# Sources whose meaning lower-casing or regrouping would change: inline flags
# ("(?-i:…)" wants case, "(?a:…)" ASCII), comments, conditionals and
# back-references (groups are renumbered), character escapes by code.
_NOT_LOWERABLE = re.compile(r"\\[NxuU0-9]|\(\?[a-zA-Z]*-|\(\?[a-zA-Z]+[:)]|\(\?[P#(]")
# Characters on which re.IGNORECASE and lower-casing disagree: those with
# extra case partners in CPython's re (re/_casefix.py: ı ~ i, ſ ~ s, µ ~ μ,
# ς ~ σ, ϐ ~ β …), İ (whose lower case is two characters) and Σ (lower-cased
# to σ or ς by position). A text or a source holding one is matched with
# the plain IGNORECASE pattern.
_CASE_SPECIAL = (
    "\xb5\u0130\u0131\u017f\u0345\u0390\u03a3\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2"
    "\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80"
    "\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
)
_HAS_CASE_SPECIAL = re.compile(f"[{_CASE_SPECIAL}]").search


@lru_cache(maxsize=16)
def lowered(text: str) -> str | None:
    """`text` in lower case, offset for offset; None if a character of it
    makes lower-casing disagree with re.IGNORECASE (see `_CASE_SPECIAL`).

    Cached: the same document is matched against every lexicon in turn.

    >>> lowered("Ain al-ASAD")
    'ain al-asad'
    >>> lowered("İncirlik") is None
    True
    """
    if _HAS_CASE_SPECIAL(text):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _safe_range(low: str, high: str) -> bool:
    """Whether a class range covers the same letters once its ends are lower-cased."""
    if low.lower() == low.upper() and high.lower() == high.upper():
        return True  # no cased ends: "0-9", "!-~"
    return (low.isascii() and high.isascii()) and (
        (low.islower() and high.islower()) or (low.isupper() and high.isupper())
    )


def _tokens(source: str) -> Iterator[tuple[int, str, str]]:
    """Each token of a regex source as (index, token, where).

    An escape ("\\.") is one token. `where` is "class" for a member of a
    character class, "edge" for the "[", a negating "^" and the "]" around
    one, and "plain" elsewhere. A "]" first in a class ("[]…]", "[^]…]") is a
    member.
    """
    index, in_class, members_start = 0, False, 0
    while index < len(source):
        char = source[index]
        width = 2 if char == "\\" else 1
        if in_class:
            closing = char == "]" and index > members_start
            in_class = not closing
            yield index, source[index : index + width], "edge" if closing else "class"
        elif char == "[":
            in_class = True
            yield index, char, "edge"
            if source[index + 1 : index + 2] == "^":
                index += 1
                yield index, "^", "edge"
            members_start = index + 1
        else:
            yield index, source[index : index + width], "plain"
        index += width


def _class_ranges(source: str) -> Iterator[tuple[str, str]]:
    """The two ends of every range ("a-z") in the character classes of `source`."""
    members = [(token, where) for _, token, where in _tokens(source) if where != "plain"]
    index = 1
    while index + 1 < len(members):
        (low, before), (dash, _), (high, after) = members[index - 1 : index + 2]
        if dash == "-" and before == after == "class":
            yield low[-1], high[-1]  # an escaped end is its character
            index += 3
        else:
            index += 1


def _lower_source(source: str) -> str | None:
    """A regex source with its literal letters lower-cased; escapes kept.

    None when lower-casing would change what it matches: see
    `_NOT_LOWERABLE` and `_CASE_SPECIAL`, an escaped non-ASCII letter, and a
    class range such as "A-z" or "0-Z" whose ends differ in case.
    """
    if _NOT_LOWERABLE.search(source) or _HAS_CASE_SPECIAL(source):
        return None
    if not all(_safe_range(low, high) for low, high in _class_ranges(source)):
        return None
    tokens = [token for _, token, _ in _tokens(source)]
    if any(token[0] == "\\" and not token.isascii() for token in tokens):
        return None
    return "".join(token if token[0] == "\\" else token.lower() for token in tokens)


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth) of each "(", ")" and "|" outside escapes and classes."""
    depth = 0
    for index, token, where in _tokens(source):
        if where == "plain" and token in "()|":
            depth += token == "("
            yield index, token, depth
            depth -= token == ")"


def _group_end(source: str) -> int | None:
    """The index of the ")" closing the group `source` opens with."""
    return next((index for index, char, depth in _structure(source) if char == ")" and depth == 1), None)


def _balanced(source: str) -> bool:
    """Whether every group `source` opens it closes, and none it closes it did not open."""
    opened = 0
    for _, char, _ in _structure(source):
        opened += 1 if char == "(" else -1 if char == ")" else 0
        if opened < 0:
            return False
    return opened == 0


def _top_level_alternatives(source: str) -> list[str]:
    """`source` split at the "|" that are not inside a group or a class."""
    cuts = [index for index, char, depth in _structure(source) if char == "|" and depth == 0]
    return [source[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(source)], strict=True)]


_MAX_EXPANSIONS = 64  # per alternative: beyond it, the plain alternation


def _first_characters(source: str) -> list[tuple[str, str]] | None:
    """`source` as (first character, rest) pairs that match, in order, what it matches.

    A leading non-capturing group, optional or not, is distributed over what
    follows it: "(?:the )?us bases" gives ("t", "he us bases"), ("u", "s bases").
    None when the first character is not one literal (a class, "\\w", a
    quantified letter, …).
    """
    if not source:
        return None
    if source.startswith("(?:"):
        close = _group_end(source)
        if close is None:
            return None
        inner, after = source[3:close], source[close + 1 :]
        optional = after[:1] == "?"
        if optional:
            after = after[1:]
        if after[:1] in _QUANTIFIER_STARTS and after[:1]:
            return None  # a repeated group, or a lazy or possessive "?"
        candidates = [alternative + after for alternative in _top_level_alternatives(inner)]
        if optional:
            candidates.append(after)
        pairs: list[tuple[str, str]] = []
        for candidate in candidates:
            found = _first_characters(candidate)
            if found is None:
                return None
            pairs.extend(found)
        return pairs if len(pairs) <= _MAX_EXPANSIONS else None
    char, rest = source[0], source[1:]
    if char == "\\":
        if not rest or rest[0].isalnum():
            return None  # "\w", "\d", "\b": not one character
        char, rest = rest[0], rest[1:]
    elif char in "[().^$|*+?{}":
        return None
    if rest[:1] in _QUANTIFIER_STARTS and rest[:1]:
        return None
    return [(char, rest)]


class LexiconMatch:
    """A match of a `Lexicon`: `re.Match`'s offsets, with groups from the original text."""

    __slots__ = ("_match", "string")

    def __init__(self, match: re.Match[str], string: str) -> None:
        self._match = match
        self.string = string

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._match.span(group)

    def group(self, group: int | str = 0) -> str:
        start, end = self._match.span(group)
        return self.string[start:end]

    def __repr__(self) -> str:
        return f"<LexiconMatch span={self.span()} match={self.group()!r}>"


class Lexicon:
    """A case-insensitive regex, as fast as Python's `re` allows.

    Matches what `re.compile(source, re.IGNORECASE)` matches (a test holds
    every shipped lexicon to that), with `re.Pattern`'s finditer, search,
    match and fullmatch; groups read the original text.

    >>> [m.group() for m in word_lexicon(["warn(?:s|ed)?", "the U\\\\.S\\\\."]).finditer("The U.S. WARNED")]
    ['The U.S.', 'WARNED']
    """

    __slots__ = ("_fast", "_plain", "source")

    def __init__(self, source: str, plain: str | None = None) -> None:
        """`source`: the regex as written; `plain`: an equivalent source to use when lower-casing is safe."""
        self.source = source
        self._fast: re.Pattern[str] | None = None  # for lower-cased text
        self._plain: re.Pattern[str] | None = None  # `source` with IGNORECASE, compiled when needed
        low = _lower_source(plain if plain is not None else source)
        if low is not None:
            with contextlib.suppress(re.error):  # then the plain pattern decides
                self._fast = re.compile(low)
        if self._fast is None:
            self._ignorecase()  # also raises re.error for a bad source

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern used on most text."""
        return self._fast or self._ignorecase()

    def _ignorecase(self) -> re.Pattern[str]:
        if self._plain is None:
            self._plain = re.compile(self.source, re.IGNORECASE)
        return self._plain

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        """The pattern for `text` and the string to run it on."""
        if self._fast is not None:
            low = lowered(text)
            if low is not None:
                return self._fast, low
        return self._ignorecase(), text

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[LexiconMatch]:
        pattern, string = self._pick(text)
        return (LexiconMatch(m, text) for m in pattern.finditer(string, pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> LexiconMatch | None:
        pattern, string = self._pick(text)
        match = pattern.search(string, pos, endpos)
        return LexiconMatch(match, text) if match else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> LexiconMatch | None:
        pattern, string = self._pick(text)
        match = pattern.match(string, pos, endpos)
        return LexiconMatch(match, text) if match else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> LexiconMatch | None:
        pattern, string = self._pick(text)
        match = pattern.fullmatch(string, pos, endpos)
        return LexiconMatch(match, text) if match else None


def word_lexicon(alternatives: Iterable[str]) -> Lexicon:
    """Any of `alternatives` (case-insensitive regexes) as a whole word, longest first.

    Written, where every alternative starts with one literal character, as
    one branch per first character: `(?:a(?<!\\w[\\s\\S])(?:…)|b…)`.
    Only the alternatives of a branch can match where it matches, and their
    order is kept, so the first to match is the one the plain alternation
    would have chosen.
    """
    ordered = _ordered(alternatives)
    source = rf"(?<![\w])(?:{'|'.join(ordered)})(?![\w])"
    lowered_alternatives = [_lower_source(a) for a in ordered]
    if not ordered or any(a is None or not _balanced(a) for a in lowered_alternatives):
        return Lexicon(source)
    branches: dict[str, list[str]] = {}
    for alternative in dict.fromkeys(lowered_alternatives):
        for part in _top_level_alternatives(alternative):  # type: ignore[arg-type]
            pairs = _first_characters(part)
            if pairs is None:
                return Lexicon(source)
            for char, rest in pairs:
                branches.setdefault(char, []).append(rest)
    return Lexicon(source, _by_first_character(branches))


def _actor_pattern(surfaces: list[str]) -> re.Pattern[str]:
    """Any actor surface as a whole word, tolerating spelling habits.

    The same matches as `(?<![\\w])(?:alias|alias|…)(?![\\w])` over the loose
    aliases in `_alternation` order, but written as one branch per first
    character, each holding, in that order, the aliases that can start with
    it: `(?:A(?<!\\w[\\s\\S])(?:…)|B…)`. A branch of literals lets the
    regex engine skip straight to candidate characters instead of trying
    hundreds of aliases at every position, which made this one scan cost as
    much as the rest of extraction. Only the aliases of a branch can match
    where it matches, and their order is kept, so the first alias to match
    is the same. The look-behind, moved after the first character, is the
    same test: no word character before it.
    """
    split: dict[str, tuple[str, str]] = {}  # loose alias -> (its first characters, the rest)
    for surface in surfaces:
        parts = _loose_alias_parts(surface)
        first, loose, rest = _loose_first_chars(surface), "".join(parts), "".join(parts[1:])
        if first is None or split.setdefault(loose, (first, rest)) != (first, rest):
            # An optional first character, or one loose alias reached two ways: no branch to put it in.
            return re.compile(rf"(?<![\w])(?:{_alternation(_loose_alias(a) for a in surfaces)})(?![\w])")
    branches: dict[str, list[str]] = {}
    for loose in _ordered(split):
        first, rest = split[loose]
        for char in first:
            branches.setdefault(char, []).append(rest)
    return re.compile(_by_first_character(branches))


def _by_first_character(branches: dict[str, list[str]]) -> str:
    """A whole-word alternation written as one branch per first character.

    `branches` maps a first character to the rests of the alternatives that
    start with it, in alternation order. The look-behind comes after the
    first character, as `[\\s\\S]` rather than "." (which misses a newline).
    """
    body = "|".join(
        rf"{re.escape(char)}(?<!\w[\s\S])(?:{'|'.join(rests)})" for char, rests in branches.items()
    )
    return rf"(?:{body})(?![\w])"


def _case_sensitive_words(alternatives: Iterable[str]) -> re.Pattern[str]:
    """Any of `alternatives` as a whole word, case as written (titles, organization words)."""
    return re.compile(rf"(?<![\w])(?:{_alternation(alternatives)})(?![\w])")


def inflections(verb: str) -> set[str]:
    """Regular English forms of a base verb: warn -> warn, warns, warned, warning."""
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return {verb, verb + "es", verb + "ed", verb + "ing"}
    return {verb, verb + "s", verb + "ed", verb + "ing"}


def _build_actors(
    sources: list[tuple[str, dict[str, Any]]],
) -> tuple[dict[str, Actor], dict[str, str]]:
    actors: dict[str, Actor] = {}
    index: dict[str, str] = {}
    for origin, data in sources:
        for entry in data.get("actor", []):
            try:
                name = entry["name"]
            except (KeyError, TypeError) as exc:
                raise DataFileError(f'{origin}: an [[actor]] entry lacks a name; add name = "..."') from exc
            previous = actors.get(name)
            # An entry for a known actor adds to it: what it leaves out stays as it was.
            kind = entry.get("kind", previous.kind if previous else "organization")
            if kind not in ("person", "organization"):
                raise DataFileError(f"{origin}: actor {name!r} has kind {kind!r}; use person or organization")
            aliases = tuple(
                dict.fromkeys([*(previous.aliases if previous else ()), *entry.get("aliases", [])])
            )
            actors[name] = Actor(
                name=name,
                kind=kind,
                organization=entry.get("organization", previous.organization if previous else None),
                category=entry.get("category", previous.category if previous else None),
                aliases=aliases,
            )
            for surface in (name, *aliases):
                index.setdefault(fold_name(surface), name)
    return actors, index


def _build_targets(sources: list[tuple[str, dict[str, Any]]]) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for origin, data in sources:
        for entry in data.get("target", []):
            name = entry.get("name")
            if not name:
                raise DataFileError(f'{origin}: a [[target]] entry lacks a name; add name = "..."')
            try:
                pattern = word_lexicon(entry["patterns"]) if entry.get("patterns") else None
                generic = word_lexicon(entry["generic"]) if entry.get("generic") else None
            except re.error as exc:
                raise DataFileError(
                    f"{origin}: target {name!r} has a bad pattern ({exc}); fix the regex"
                ) from exc
            targets[name] = Target(
                name, entry.get("parent"), pattern, generic, entry.get("requires"), entry.get("forces")
            )
    targets.setdefault("other", Target("other", None, None))
    for target in targets.values():
        if target.parent and target.parent not in targets:
            raise DataFileError(f"target {target.name!r} names an unknown parent {target.parent!r}")
    return targets


@cache
def load_gazetteer() -> Gazetteer:
    """Read and compile the shipped data files plus the user's, once per process."""
    actors, alias_index = _build_actors(load_data_file("actors.toml"))
    targets = _build_targets(load_data_file("targets.toml"))
    cue_sources = load_data_file("cues.toml")
    merged: dict[str, Any] = {"attribution": {}, "targets": {}}
    for _origin, data in cue_sources:
        for section in ("attribution", "targets"):
            for key, value in data.get(section, {}).items():
                current = merged[section].get(key)
                if isinstance(value, list) and isinstance(current, list):
                    merged[section][key] = current + value
                elif isinstance(value, dict) and isinstance(current, dict):
                    merged[section][key] = {**current, **value}
                else:
                    merged[section][key] = value

    attribution = merged["attribution"]
    verb_lemma: dict[str, str] = {}
    for verb in attribution.get("reporting_verbs", []):
        for form in inflections(verb):
            verb_lemma.setdefault(form, verb)
    descriptions: dict[str, str] = {}
    for wanted, phrases in attribution.get("descriptions", {}).items():
        for phrase in phrases:
            descriptions[phrase.casefold()] = wanted
    return Gazetteer(
        actors=actors,
        alias_index=alias_index,
        actor_pattern=_actor_pattern(alias_index_surfaces(actors)),
        targets=targets,
        reporting_verb=word_lexicon(verb_lemma),
        verb_lemma=verb_lemma,
        indirect_frames={k: tuple(v) for k, v in attribution.get("indirect", {}).items()},
        parenthetical_verbs=frozenset(attribution.get("parenthetical_verbs", [])),
        communication_noun=word_lexicon(attribution.get("communication_nouns", [])),
        anonymous_subject=word_lexicon(attribution.get("anonymous_subjects", [])),
        title=_case_sensitive_words(attribution.get("titles", [])),
        organization_word=_case_sensitive_words(attribution.get("organization_words", [])),
        appositive_head=Lexicon(rf"^\s*(?:{_alternation(attribution.get('appositive_heads', []))})\b"),
        descriptions=descriptions,
        description_pattern=word_lexicon(re.escape(p) for p in descriptions) if descriptions else None,
        narration_threat=word_lexicon(merged["targets"].get("narration", [])),
        departure=frozenset(merged["targets"].get("departure", [])),
        invading=frozenset(merged["targets"].get("invading", [])),
        aggressor_after=Lexicon(rf"\s+(?:{_alternation(merged['targets'].get('aggressor', []))})\b"),
        appealing_after=Lexicon(rf"\s+(?:{_alternation(merged['targets'].get('appealing', []))})\b"),
        speaker_after=Lexicon(rf"\s+(?:{_alternation(merged['targets'].get('speaking', []))})\b"),
        defended_before=Lexicon(
            rf"(?<![\w-])(?:{_alternation(merged['targets'].get('defended', []))})\s*(?:the\s+)?[‘'\"“]?$"
        ),
        called_before=Lexicon(
            rf"(?<![\w-])(?:{_alternation(merged['targets'].get('called', []))})\s*(?:the\s+)?[‘'\"“]?$"
        ),
        attacked_before=Lexicon(
            rf"(?<![\w-])(?:{_alternation(merged['targets'].get('attacked', []))})\s*(?:the\s+)?$"
        ),
        addressed_after=Lexicon(rf"\s+(?:{_alternation(merged['targets'].get('addressed', []))})\b"),
        waged_before=Lexicon(
            rf"\b(?:{_alternation(merged['targets'].get('waged', []))})\s+(?:(?:a|an|the|full|open)\s+)*$"
        ),
    )


def alias_index_surfaces(actors: dict[str, Actor]) -> list[str]:
    """Every surface form (canonical names and aliases) of every actor."""
    return [surface for actor in actors.values() for surface in (actor.name, *actor.aliases)]

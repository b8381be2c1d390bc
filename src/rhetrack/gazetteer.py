"""The field's knowledge, as data: actors, aliases, targets and cue lexicons.

Everything the extractor knows about names and words lives in TOML files
shipped in `rhetrack/data/`. A user extends them without touching code by
pointing `RHETRACK_DATA` at a folder holding files of the same names and
shape (`actors.toml`, `targets.toml`, `cues.toml`); their entries are added to
the shipped ones. The files are read and compiled once per process.
"""

from __future__ import annotations

import os
import re
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
    pattern: re.Pattern[str] | None
    generic: re.Pattern[str] | None = None
    requires: str | None = None


@dataclass(frozen=True)
class LevelCue:
    """A family of escalation cues that raise a statement to `level`."""

    name: str
    level: int
    pattern: re.Pattern[str]
    agentive: bool = False
    takes_targets: bool = True
    reported_only: bool = False  # only in reported speech, where "it"/"they" is the speaker


@dataclass(frozen=True)
class Gazetteer:
    """Everything loaded from the data files, compiled for matching."""

    actors: dict[str, Actor]
    alias_index: dict[str, str]  # folded alias -> canonical name
    actor_pattern: re.Pattern[str]
    targets: dict[str, Target]
    levels: tuple[LevelCue, ...]
    reporting_verb: re.Pattern[str]
    verb_lemma: dict[str, str]  # inflected form -> base form
    indirect_frames: dict[str, tuple[str, ...]]
    communication_noun: re.Pattern[str]
    anonymous_subject: re.Pattern[str]
    title: re.Pattern[str]
    organization_word: re.Pattern[str]
    appositive_head: re.Pattern[str]
    descriptions: dict[str, str] = field(default_factory=dict)  # folded phrase -> kind wanted
    description_pattern: re.Pattern[str] | None = None
    negation: re.Pattern[str] | None = None
    hypothetical: re.Pattern[str] | None = None
    speaker_side: re.Pattern[str] | None = None
    narration_threat: re.Pattern[str] | None = None
    unnamed_enemy: re.Pattern[str] | None = None
    aggressor_after: re.Pattern[str] | None = None  # matches at the start of what follows a name
    defended_before: re.Pattern[str] | None = None  # matches at the end of what precedes a name
    attacked_before: re.Pattern[str] | None = None
    waged_before: re.Pattern[str] | None = None
    addressed_after: re.Pattern[str] | None = None  # matches at the start of what follows a name

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
    return _load(name)


def _load(name: str) -> list[tuple[str, dict[str, Any]]]:
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


def _actor_pattern(surfaces: list[str]) -> re.Pattern[str]:
    """Any actor surface as a whole word, tolerating spelling habits.

    The same matches as `(?<![\\w])(?:alias|alias|…)(?![\\w])` over the loose
    aliases in `_alternation` order, but written as one branch per first
    character, each holding, in that order, the aliases that can start with
    it: `(?:A(?<!\\w.)(?:…)|B(?<!\\w.)(?:…)|…)`. A branch of literals lets the
    regex engine skip straight to candidate characters instead of trying
    hundreds of aliases at every position, which made this one scan cost as
    much as the rest of extraction. Only the aliases of a branch can match
    where it matches, and their order is kept, so the first alias to match
    is the same. The look-behind, moved after the first character, is the
    same test: no word character before it.
    """
    alternatives = [_loose_alias(a) for a in surfaces]
    plain = rf"(?<![\w])(?:{_alternation(alternatives)})(?![\w])"
    split: dict[str, tuple[str, str]] = {}
    for surface in surfaces:
        parts = _loose_alias_parts(surface)
        first = _loose_first_chars(surface)
        if first is None:
            return re.compile(plain)  # an optional first character: no branch to put it in
        if split.setdefault("".join(parts), (first, "".join(parts[1:]))) != (first, "".join(parts[1:])):
            return re.compile(plain)
    branches: dict[str, list[str]] = {}
    for alternative in _ordered(alternatives):
        first, rest = split[alternative]
        for char in first:
            branches.setdefault(char, []).append(rest)
    body = "|".join(rf"{re.escape(char)}(?<!\w.)(?:{'|'.join(rests)})" for char, rests in branches.items())
    return re.compile(rf"(?:{body})(?![\w])")


def _word_pattern(alternatives: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alternation(alternatives)})(?![\w])", flags)


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
                kind = entry.get("kind", "organization")
            except (KeyError, TypeError) as exc:
                raise DataFileError(f'{origin}: an [[actor]] entry lacks a name; add name = "..."') from exc
            if kind not in ("person", "organization"):
                raise DataFileError(f"{origin}: actor {name!r} has kind {kind!r}; use person or organization")
            previous = actors.get(name)
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
                pattern = _word_pattern(entry["patterns"]) if entry.get("patterns") else None
                generic = _word_pattern(entry["generic"]) if entry.get("generic") else None
            except re.error as exc:
                raise DataFileError(
                    f"{origin}: target {name!r} has a bad pattern ({exc}); fix the regex"
                ) from exc
            targets[name] = Target(name, entry.get("parent"), pattern, generic, entry.get("requires"))
    targets.setdefault("other", Target("other", None, None))
    for target in targets.values():
        if target.parent and target.parent not in targets:
            raise DataFileError(f"target {target.name!r} names an unknown parent {target.parent!r}")
    return targets


@cache
def load_gazetteer() -> Gazetteer:
    """Read and compile the shipped data files plus the user's, once per process."""
    actors, alias_index = _build_actors(_load("actors.toml"))
    targets = _build_targets(_load("targets.toml"))
    cue_sources = _load("cues.toml")
    merged: dict[str, Any] = {"attribution": {}, "negation": {}, "targets": {}}
    levels: list[LevelCue] = []
    for origin, data in cue_sources:
        for section in ("attribution", "negation", "targets"):
            for key, value in data.get(section, {}).items():
                current = merged[section].get(key)
                if isinstance(value, list) and isinstance(current, list):
                    merged[section][key] = current + value
                elif isinstance(value, dict) and isinstance(current, dict):
                    merged[section][key] = {**current, **value}
                else:
                    merged[section][key] = value
        for entry in data.get("level", []):
            try:
                levels.append(
                    LevelCue(
                        name=entry["name"],
                        level=int(entry["level"]),
                        pattern=_word_pattern(entry["patterns"]),
                        agentive=bool(entry.get("agentive", False)),
                        takes_targets=bool(entry.get("targets", True)),
                        reported_only=bool(entry.get("reported", False)),
                    )
                )
            except (KeyError, ValueError, re.error) as exc:
                raise DataFileError(
                    f"{origin}: a [[level]] entry is malformed ({exc}); it needs name, level, patterns"
                ) from exc

    attribution = merged["attribution"]
    verb_lemma: dict[str, str] = {}
    for verb in attribution.get("reporting_verbs", []):
        for form in inflections(verb):
            verb_lemma.setdefault(form, verb)
    descriptions: dict[str, str] = {}
    for wanted, phrases in attribution.get("descriptions", {}).items():
        for phrase in phrases:
            descriptions[phrase.casefold()] = wanted
    negation = merged["negation"]
    return Gazetteer(
        actors=actors,
        alias_index=alias_index,
        actor_pattern=_actor_pattern(alias_index_surfaces(actors)),
        targets=targets,
        levels=tuple(sorted(levels, key=lambda cue: cue.level)),
        reporting_verb=_word_pattern(verb_lemma),
        verb_lemma=verb_lemma,
        indirect_frames={k: tuple(v) for k, v in attribution.get("indirect", {}).items()},
        communication_noun=_word_pattern(attribution.get("communication_nouns", [])),
        anonymous_subject=_word_pattern(attribution.get("anonymous_subjects", [])),
        title=_word_pattern(attribution.get("titles", []), flags=0),
        organization_word=_word_pattern(attribution.get("organization_words", []), flags=0),
        appositive_head=re.compile(
            rf"^\s*(?:{_alternation(attribution.get('appositive_heads', []))})\b", re.IGNORECASE
        ),
        descriptions=descriptions,
        description_pattern=_word_pattern(re.escape(p) for p in descriptions) if descriptions else None,
        negation=_word_pattern(negation.get("words", [])),
        hypothetical=_word_pattern(negation.get("hypothetical", [])),
        speaker_side=_word_pattern(negation.get("speaker_side", [])),
        narration_threat=_word_pattern(merged["targets"].get("narration", [])),
        unnamed_enemy=_word_pattern(merged["targets"].get("unnamed_enemy", [])),
        aggressor_after=re.compile(
            rf"\s+(?:{_alternation(merged['targets'].get('aggressor', []))})\b", re.IGNORECASE
        ),
        defended_before=re.compile(
            rf"\b(?:{_alternation(merged['targets'].get('defended', []))})\s*(?:the\s+)?$", re.IGNORECASE
        ),
        attacked_before=re.compile(
            rf"\b(?:{_alternation(merged['targets'].get('attacked', []))})\s*(?:the\s+)?$", re.IGNORECASE
        ),
        addressed_after=re.compile(
            rf"\s+(?:{_alternation(merged['targets'].get('addressed', []))})\b", re.IGNORECASE
        ),
        waged_before=re.compile(
            rf"\b(?:{_alternation(merged['targets'].get('waged', []))})\s+(?:(?:a|an|the|full|open)\s+)*$",
            re.IGNORECASE,
        ),
    )


def alias_index_surfaces(actors: dict[str, Actor]) -> list[str]:
    """Every surface form (canonical names and aliases) of every actor."""
    return [surface for actor in actors.values() for surface in (actor.name, *actor.aliases)]

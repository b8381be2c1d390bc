"""The escalation lexicons (`data/escalation.toml`, `data/sides.toml`), compiled for matching.

A statement is read as tokens (words, and the punctuation that bounds
clauses); every lexicon entry is tokenized the same way and indexed by its
first token, so finding every lexicon word in a clause costs one dictionary
look-up per token. Verb entries take their inflections and noun entries
their plurals here, so the data lists lemmas only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from rhetrack.errors import DataFileError
from rhetrack.gazetteer import Lexicon, load_data_file, word_lexicon

Form = Literal["base", "s", "past", "ing", "plural", "as-written"]

# Words, with inner apostrophes and hyphens; clitics are split off below as
# in the Penn Treebank ("won't" -> "wo", "n't"; "we'll" -> "we", "'ll").
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*['’]?|[,;:()\[\]—–]|(?<!\w)-(?!\w)")
_CLITIC = re.compile(r"(n['’]t|['’](?:ll|re|ve|d|s|m))$")
GAP = "…"  # in a phrase: up to four words
_MAX_GAP = 4


@dataclass(frozen=True)
class Token:
    text: str  # lower case, ’ as '
    start: int  # offsets in the text tokenized
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "'"


def tokenize(text: str) -> list[Token]:
    """Words and clause punctuation of `text`, lower-cased, with their offsets.

    >>> [t.text for t in tokenize("We won't stop; they’ll pay.")]
    ['we', 'wo', "n't", 'stop', ';', 'they', "'ll", 'pay']
    """
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        start = match.start()
        clitic = _CLITIC.search(word) if len(word) > 2 else None
        if clitic and clitic.start() > 0:
            cut = clitic.start()
            tokens.append(Token(word[:cut], start, start + cut))
            tokens.append(Token(word[cut:], start + cut, match.end()))
        else:
            tokens.append(Token(word.rstrip("'") or word, start, match.end()))
    return tokens


def _words(phrase: str) -> list[str]:
    """A phrase as tokens, each "…" a GAP token."""
    words: list[str] = []
    for number, piece in enumerate(phrase.split(GAP)):
        if number:
            words.append(GAP)
        words.extend(t.text for t in tokenize(piece))
    return words


_BE = ("be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m")
_HAVE = ("have", "has", "had", "having", "'ve")


def verb_forms(base: str) -> dict[str, Form]:
    """The regular inflections of a base verb, doubled-consonant forms included.

    >>> sorted(verb_forms("expel"))
    ['expel', 'expeled', 'expeling', 'expelled', 'expelling', 'expels']
    >>> sorted(verb_forms("lie"))
    ['lie', 'lied', 'lies', 'lying']
    """
    if base == "be":
        return {
            form: ("base" if form == "be" else "past" if form in ("was", "were", "been") else "s")
            for form in _BE
        }
    if base == "have":
        return {"have": "base", "has": "s", "had": "past", "having": "ing", "'ve": "base"}
    forms: dict[str, Form] = {base: "base"}
    if base.endswith("ie"):
        forms.update({base + "s": "s", base + "d": "past", base[:-2] + "ying": "ing"})  # lie, lying
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        forms.update({base + "s": "s", base + "d": "past", base[:-1] + "ing": "ing"})
    elif base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        forms.update({base[:-1] + "ies": "s", base[:-1] + "ied": "past", base + "ing": "ing"})
    else:
        plural = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
        forms.update({plural: "s", base + "ed": "past", base + "ing": "ing"})
        if len(base) > 2 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
            forms.update({base + base[-1] + "ed": "past", base + base[-1] + "ing": "ing"})
    return forms


def noun_forms(noun: str) -> dict[str, Form]:
    """A noun and its plural."""
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        plural = noun + "es"
    elif noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        plural = noun[:-1] + "ies"
    else:
        plural = noun + "s"
    return {noun: "as-written", plural: "plural"}


@dataclass(frozen=True)
class Entry:
    """One way a lexicon entry can be written, indexed by its first word."""

    category: str  # "acts.violent_verbs" …
    lemma: str  # the entry as the file writes it
    form: Form
    rest: tuple[str, ...]  # the words after the first; GAP stands for up to four words


@dataclass(frozen=True)
class Mark:
    """A lexicon entry found in a token sequence."""

    category: str
    lemma: str
    form: Form
    first: int  # index of its first token
    last: int  # index of its last token


def _spellings(
    category: str, entry: str, verbs: frozenset[str], nouns: frozenset[str]
) -> Iterator[tuple[Form, list[str]]]:
    """Every written form of an entry, as token lists, with the form of its first word.

    A word written "target(s)" is spelled both ways: "reach … target(s)".
    """
    if "(s)" in entry:
        yield from _spellings(category, entry.replace("(s)", ""), verbs, nouns)
        yield from _spellings(category, entry.replace("(s)", "s"), verbs, nouns)
        return
    base, *irregular = [part.strip() for part in entry.split("/")]
    words = _words(base)
    if not words:
        return
    if category in verbs:
        forms = verb_forms(words[0])
        forms.update(dict.fromkeys((w for part in irregular for w in _words(part)), "past"))
        for form_word, form in forms.items():
            yield form, [form_word, *words[1:]]
    elif category in nouns and words[-1] != GAP:
        for form_word, form in noun_forms(words[-1]).items():
            yield form, [*words[:-1], form_word]
    else:
        yield "as-written", words


@dataclass(frozen=True)
class EscalationLexicon:
    """Every escalation lexicon, indexed by first word."""

    by_first: dict[str, tuple[Entry, ...]]
    categories: frozenset[str]

    def marks(self, tokens: Sequence[Token], start: int = 0, end: int | None = None) -> list[Mark]:
        """Every entry found in tokens[start:end], in order; entries may overlap."""
        end = len(tokens) if end is None else end
        texts = [t.text for t in tokens]
        found: list[Mark] = []
        for index in range(start, end):
            for entry in self.by_first.get(texts[index], ()):
                last = _match_rest(texts, index + 1, end, entry.rest)
                if last is not None:
                    found.append(Mark(entry.category, entry.lemma, entry.form, index, last))
        return found


def _match_rest(texts: Sequence[str], at: int, end: int, rest: tuple[str, ...]) -> int | None:
    """The index of the last token of `rest` matched from `at`, or None."""
    if not rest:
        return at - 1
    head, tail = rest[0], rest[1:]
    if head == GAP:
        for skip in range(_MAX_GAP + 1):
            if at + skip >= end or (skip and not texts[at + skip - 1][0].isalnum()):
                break
            last = _match_rest(texts, at + skip, end, tail)
            if last is not None:
                return last
        return None
    if at < end and texts[at] == head:
        return _match_rest(texts, at + 1, end, tail)
    return None


@cache
def load_escalation() -> EscalationLexicon:
    """escalation.toml, shipped and the user's, compiled once per process."""
    merged: dict[str, list[str]] = {}
    for origin, data in load_data_file("escalation.toml"):
        for section, lists in data.items():
            if section == "inflect":
                continue
            if not isinstance(lists, dict):
                raise DataFileError(f"{origin}: [{section}] must be a table of word lists")
            for key, words in lists.items():
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise DataFileError(f"{origin}: [{section}] {key} must be a list of strings")
                merged.setdefault(f"{section}.{key}", []).extend(words)
    verbs, nouns = _inflected_lists()
    by_first: dict[str, list[Entry]] = {}
    for category, entries in merged.items():
        for entry in entries:
            for form, words in _spellings(category, entry, verbs, nouns):
                candidate = Entry(category, entry, form, tuple(words[1:]))
                bucket = by_first.setdefault(words[0], [])
                if candidate not in bucket:
                    bucket.append(candidate)
    return EscalationLexicon({k: tuple(v) for k, v in by_first.items()}, frozenset(merged))


def _inflected_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The lists whose entries are verbs (inflected) and nouns (pluralized), by name."""
    verbs: set[str] = set()
    nouns: set[str] = set()
    for _, data in load_data_file("escalation.toml"):
        inflect = data.get("inflect", {})
        verbs.update(inflect.get("verbs", []))
        nouns.update(inflect.get("nouns", []))
    return frozenset(verbs), frozenset(nouns)


@dataclass(frozen=True)
class SideEntry:
    """A side of the conflict: the actors that speak for it and the words that name it."""

    name: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    names: tuple[str, ...]
    home: tuple[str, ...] = ()
    enemies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (target, what the side calls it)


@cache
def load_sides() -> tuple[SideEntry, ...]:
    """sides.toml, shipped and the user's (a side of the same name gains names and actors)."""
    sides: dict[str, SideEntry] = {}
    for origin, data in load_data_file("sides.toml"):
        for entry in data.get("side", []):
            try:
                name = entry["name"]
                previous = sides.get(name, SideEntry(name, (), (), ()))
                sides[name] = SideEntry(
                    name,
                    _joined(previous.actors, entry.get("actors", [])),
                    _joined(previous.targets, entry.get("targets", [])),
                    _joined(previous.names, entry.get("names", [])),
                    _joined(previous.home, entry.get("home", [])),
                    _joined_enemies(previous.enemies, entry.get("enemies", {})),
                )
            except (KeyError, TypeError) as exc:
                raise DataFileError(f'{origin}: a [[side]] entry lacks a name; add name = "..."') from exc
    return tuple(sides.values())


@cache
def side_names() -> Lexicon:
    """Every side's names: in a speaker's words, a name of a side not the
    speaker's own is another side ("an Iranian attack" said by a U.S. official)."""
    names = (name for side in load_sides() for name in side.names)
    return word_lexicon(re.escape(name).replace(r"\ ", r"\s+") for name in names)


def _joined_enemies(
    old: tuple[tuple[str, tuple[str, ...]], ...], new: dict[str, Any]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    merged = dict(old)
    for target, names in new.items():
        merged[str(target)] = _joined(merged.get(str(target), ()), names)
    return tuple(merged.items())


def _joined(old: Iterable[Any], new: Iterable[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *(str(item) for item in new)]))

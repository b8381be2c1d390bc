"""Lexicons: case-insensitive regexes matched on a lower-cased copy of the text.

They must find exactly what `re.compile(source, re.IGNORECASE)` finds; the
rewriting (lower-cased sources, one branch per first character) is only
there for speed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rhetrack.gazetteer import Lexicon, load_gazetteer, lowered, word_lexicon

REPO = Path(__file__).resolve().parents[1]
TEXTS = [
    path.read_text(encoding="utf-8")
    for path in sorted((REPO / "seeds").iterdir())
    if path.suffix in (".txt", ".md", ".html")
]
SAMPLE = (
    "THE U.S. EMBASSY in Baghdad; the Americans warned. Kata'ib Hezbollah VOWED to strike U.S. bases, "
    "while Washington's forces WITHDREW. İstanbul, ß and ǅ stay where they are. The enemy's Great Satan "
    "will pay a heavy price; we are ready to target their troops. Al-Tanf and AIN AL-ASAD were hit."
)


def _lexicons() -> list[tuple[str, Lexicon]]:
    gazetteer = load_gazetteer()
    found: list[tuple[str, Lexicon]] = []
    for target in gazetteer.targets.values():
        found += [(f"target {target.name}", p) for p in (target.pattern, target.generic) if p is not None]
    for name, value in vars(gazetteer).items():
        if isinstance(value, Lexicon):
            found.append((name, value))
    return found


@pytest.mark.parametrize(("name", "lexicon"), _lexicons(), ids=[name for name, _ in _lexicons()])
def test_every_shipped_lexicon_matches_what_ignorecase_matches(name: str, lexicon: Lexicon) -> None:
    reference = re.compile(lexicon.source, re.IGNORECASE)
    for text in [*TEXTS, SAMPLE, SAMPLE.lower(), SAMPLE.upper()]:
        expected = [(m.span(), m.group()) for m in reference.finditer(text)]
        assert [(m.span(), m.group()) for m in lexicon.finditer(text)] == expected


def test_the_shipped_word_lexicons_take_the_fast_form() -> None:
    """Most lexicons split by first character; a regression to the plain form is a slowdown."""
    lexicons = _lexicons()
    split = [name for name, lexicon in lexicons if r"(?<!\w[\s\S])" in lexicon.pattern.pattern]
    # Every word lexicon; only the anchored context patterns (before/after a name) are plain.
    plain = {name for name, _ in lexicons} - set(split)
    assert all(name.endswith(("_before", "_after", "_head")) for name in plain), sorted(plain)


@pytest.mark.parametrize(
    ("alternatives", "text", "expected"),
    [
        (["warn(?:s|ed)?", "said"], "He WARNED and Said", ["WARNED", "Said"]),
        (
            ["(?:the )?U\\.S\\. (?:embassy|bases?)"],
            "The U.S. Embassy and u.s. bases",
            ["The U.S. Embassy", "u.s. bases"],
        ),
        (["(?:U\\.S\\.|US|American) troops"], "American troops, US troops", ["American troops", "US troops"]),
        (["al-Tanf", "Tanf"], "AL-TANF; tanf", ["AL-TANF", "tanf"]),
        (["war"], "warning of war; prewar", ["war"]),  # whole words only
        (["\\w+ist"], "The Zionist entity", ["Zionist"]),  # a class first: the plain form
        (["a|b"], "A b c", ["A", "b"]),  # a top-level "|" inside one entry
        (["\\.com"], "site .COM", [".COM"]),  # an escaped first character
        (["(?-i:US)"], "us US", ["US"]),  # inline flags: not lower-cased, so case kept
        (["U?S"], "us S", ["us", "S"]),  # an optional first character
    ],
)
def test_word_lexicon_matches_whole_words_in_any_case(
    alternatives: list[str], text: str, expected: list[str]
) -> None:
    lexicon = word_lexicon(alternatives)
    reference = re.compile(lexicon.source, re.IGNORECASE)
    assert [m.group() for m in lexicon.finditer(text)] == expected
    assert [m.span() for m in lexicon.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_lexicon_search_match_and_fullmatch_respect_positions() -> None:
    lexicon = Lexicon(r"\s+(?:forces|troops)\b")
    text = "U.S. FORCES struck"
    assert lexicon.match(text, 4).group() == " FORCES"
    assert lexicon.match(text, 0) is None
    assert lexicon.search(text, 0, 8) is None
    assert word_lexicon(["forces"]).fullmatch("Forces").span() == (0, 6)


@pytest.mark.parametrize("text", ["Ain al-ASAD", "ǅemal", "STRASSE ß", "Ω and Ж", ""])
def test_lowered_keeps_every_offset(text: str) -> None:
    low = lowered(text)
    assert low is not None and len(low) == len(text)
    assert all(a.lower() == b for a, b in zip(text, low, strict=True))


@pytest.mark.parametrize("text", ["İncirlik", "kılıç", "ſharia", "ΣΟΣ", "5 µm"])
def test_text_whose_case_lower_casing_gets_wrong_is_not_lowered(text: str) -> None:
    assert lowered(text) is None


# Found by review: each once matched differently from re.IGNORECASE.
HARD_CASES = [
    (["[A-z]+"], "foo_bar"),  # a range whose ends differ in case
    (["[A-c]at"], "Dat"),
    (["[0-Z]"], "_ Z z"),
    (["[Ð-ö]+"], "àÐö"),
    (["incirlik"], "the İncirlik air base"),  # İ, whose lower case is two characters
    (["İstanbul"], "istanbul and İstanbul"),
    (["kılıç"], "KILIÇ"),  # dotless ı
    (["sharia"], "ſharia"),  # long s
    (["σοσ", "σος"], "ΣΟΣ and ΣΟΣ İ"),  # final sigma
    (["μm"], "5 µm"),  # micro sign
    (["\nfoo"], "a\nfoo \nfoo"),  # a newline first
    (["x[^](]y|c"], "c x]y"),  # "]" first in a negated class
    (["x(?#()y|c"], "c xy"),  # a comment holding a parenthesis
    (["(?:a|b)(x)(?(1)y|z)"], "bxy"),  # a conditional on a group number
    (["a(p)ppp", "b(q)qqq", "a(x)(?(3)y|z)"], "axy axz"),
    (["(?a:k)elvin"], "\u212aelvin kelvin"),  # a scoped ASCII flag
    (["\\Éclair"], "éclair Éclair"),  # an escaped non-ASCII letter
    (["a)|(b"], "ax b"),  # an unbalanced entry
    ([], "ab cd"),  # no alternatives
    (["war(?:s|ring)?", "U\\.S\\.-led"], "WARS, warring and the u.s.-LED war"),
]


@pytest.mark.parametrize(("alternatives", "text"), HARD_CASES)
def test_word_lexicon_agrees_with_ignorecase_on_hard_cases(alternatives: list[str], text: str) -> None:
    lexicon = word_lexicon(alternatives)
    reference = re.compile(lexicon.source, re.IGNORECASE)
    assert [m.span() for m in lexicon.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_a_bad_user_pattern_still_raises_re_error() -> None:
    with pytest.raises(re.error):
        word_lexicon(["(unclosed"])

"""Stage 2: reduce a document's text to the prose an extractor should see.

Saved web pages carry markdown link debris, author biographies, navigation
blocks, figure captions and disclaimers around the article body. This module
removes that furniture and keeps the body paragraphs verbatim: every quotation
mark, dash and apostrophe is left as it is, because quotation offsets are
computed on the cleaned text and quotes must survive byte for byte apart from
the markup removed around them.

Furniture is recognised by its shape (link syntax, heading markers, short
lines after a navigation heading) and by cue phrases kept in
``rhetrack/data/boilerplate.json``, never by the wording of particular
articles. Everything is compiled regular expressions over lines and
paragraphs, so cleaning is linear in the length of the text.

Decisions a reader of the output should know:

- Standalone dateline and byline-date lines such as ``Nov 1, 2023`` are
  kept as their own paragraph: they are the only in-text evidence of the
  publication date, which later stages may need, and they hold no quotes.
  They go only when they sit inside a trailing navigation block.
- Figure captions go even when they quote someone: by the coding scheme a
  caption repeats a statement already made in the body.
- A paragraph that matches a disclaimer or biography cue but holds a double
  quotation mark is kept, because it may be a quoted statement.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources

from rhetrack.errors import DataFileError

__all__ = ["clean_text"]

# --- inline markup -----------------------------------------------------------

# A link target: `<anything>` or a URL without spaces that may hold one level
# of balanced parentheses (Wikipedia-style). The alternatives start with
# different characters, so matching stays linear.
_TARGET = r"(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
_LINK = re.compile(
    r"[ \t]*(?P<bang>!?)\[(?P<text>(?:\\.|[^\[\]\\\n])*)\]\(\s*"
    + _TARGET
    + r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
# A parenthesised path or URL left behind when a page was flattened:
# ` (/node/18393)`, ` (https://...)`, `(</policy-analysis/...>)`, `(#)`,
# and the backslash-escaped form found inside link texts. A bare `#` is only
# taken when empty, so parenthesised hashtags such as (#IraqProtests) stay.
_DEBRIS = re.compile(
    r"[ \t]*\\?\(\s*<?(?:https?://|www\.|mailto:|/|#(?=[\s>\\)]))"
    r"[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*>?\s*\\?\)"
)
_AUTOLINK = re.compile(r"[ \t]*<(?:https?://|www\.|mailto:)[^<>\s]*>")
_REFERENCE_DEFINITION = re.compile(r"^\[[^\]\n]+\]:\s*\S+")
# Emphasis. The inner text may not contain the marker character, so each
# opener scans at most to the next marker: linear, and `**x**` is never
# mistaken for two single-star spans because `*` next to `*` cannot open.
_EM_STAR = re.compile(r"(?<![\\\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s\\])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\\\w])_(?=[^\s_])([^_\n]+?)(?<=[^\s\\])_(?!\w)")
_STRONG = re.compile(r"(?<!\\)(\*\*|__)(?=[^\s*_])([^*_\n]+?)(?<=[^\s\\])\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")

# --- line shapes ---------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^(?:[-=_*][ \t]*){3,}$")
_BLOCKQUOTE = re.compile(r"^(?:>[ \t]?)+")
_BULLET = re.compile(r"^[*+\-•][ \t]+(?=\S)")
# Lines made only of leftover punctuation: `">`, `◆`, `|`, stray rules.
_DEBRIS_ONLY = re.compile(r"^[\s\"'<>|•·◆◇●○■□▪▫►▶/\\\-–—=_*~#]*$")
# What may separate links on a line that is nothing but links.
_LINK_SEPARATORS = re.compile(r"^[\s,;|•·◆/\-–—]*$")
# Captions: "Figure 2: ...", "Fig. 3 – ...", "Photo: ...", "Map 1. ...".
_CAPTION = re.compile(
    r"^(?:Figure|Fig\.|Chart|Graph|Map|Table|Image|Photo|Picture|Graphic|Infographic|Exhibit)"
    r"(?:[ \t]*(?:\d+[A-Za-z]?)[ \t]*[:.|–—-]|[ \t]*[:|–—])",
    re.IGNORECASE,
)
_PAGE_STAMP = re.compile(r"\A\s*date\s+(?:19|20)\d\d-[01]\d-[0-3]\d(?:[ \t]+|(?=\n)|\Z)")

# A caption that ends in its photo credit: "… in Beirut, March 15, 2018.
# Photo: Reuters / Aziz Taher." (a caption repeats the body, by the scheme).
_CREDIT_END = re.compile(
    r"(?:^|[.!?)”\"]\s+|\()(?:Photo|Photograph|Image|Picture|Credit)s?(?:[ \t]+credit)?[ \t]*(?::|by\b)"
    r"[^.:!?]{1,80}[.)]?\s*$",
    re.IGNORECASE,
)

# A personal name: capitalised words with Arabic and European particles
# (al-Kaabi, bin, van, de), so that "Ameer al-Kaabi" and "Wladimir van
# Wilgenburg" are names but "December, the group" is not.
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_FIRST = rf"[{_UPPER}][\w'’.\-]*"
_NAME_TOKEN = (
    rf"(?:[{_UPPER}][\w'’.\-]*|(?:al|el|ad|ash|as|at|az|an|ar|bin|ibn|bint|abu|van|von"
    r"|der|den|de|da|di|du|dos|das|la|le)(?:-[\w'’]+)?)"
)
_NAME = rf"{_NAME_FIRST}(?:[ \t]+{_NAME_TOKEN}){{0,4}}"
_CREDENTIAL = r"(?:,[ \t]*(?:Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|Esq\.?|[A-Z]{2,5}))"
_BYLINE = re.compile(rf"^(?i:by)[ \t]+{_NAME}(?:[ \t]*(?:,|\band\b|&)[ \t]*{_NAME})*[ \t]*,?$")
_NAME_LINE = re.compile(rf"^{_NAME}{_CREDENTIAL}*[ \t]*,?$")
# "Jane Doe is an ...", "Jane Doe, PhD, is an ...", "Jane Doe serves as ...".
_BIO_START = re.compile(rf"^{_NAME}{_CREDENTIAL}*,?[ \t]+(?:is|was|serves[ \t]+as)[ \t]")
_PRONOUN_START = re.compile(r"^(?:He|She|They|His|Her|Their)\b")

# A paragraph ends a sentence when it ends in . ! ? or … optionally followed
# by closing quotes or brackets. A colon or comma does not end one.
_SENTENCE_FINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A dateline such as "BAGHDAD –" introduces the paragraph after it.
_DANGLING_DASH = re.compile(r"\s[–—-]$")
_DOUBLE_QUOTES = re.compile(r"[\"“”«»„]")
_SPACES = re.compile(r"\s+")

# Paragraphs after a navigation heading count as navigation while they are
# at most this long: link titles, dates and author names, not prose.
_SHORT_PARAGRAPH = 160
# Disclaimer and biography cues only fire on paragraphs up to this length.
_MAX_FURNITURE_PARAGRAPH = 1200
# Prefix cues ("Photo by", "Part of a series:") only fire on short lines.
_MAX_PREFIX_LINE = 400


class _Kind(Enum):
    BLANK = "blank"  # an empty line or a dropped one: a paragraph separator
    TEXT = "text"
    ITEM = "item"  # a list item: text that starts a new paragraph
    HEADING = "heading"  # never joined with a neighbour
    NAVIGATION = "navigation"  # a navigation heading such as RECOMMENDED
    AUTHORS = "authors"  # an author-block heading such as ABOUT THE AUTHORS


@dataclass(frozen=True)
class _Cues:
    labels: frozenset[str]
    navigation_headings: frozenset[str]
    author_headings: frozenset[str]
    longest_label: int
    line_prefix: re.Pattern[str]
    paragraph_phrases: tuple[str, ...]  # case-folded, single-spaced
    bio_role: re.Pattern[str]

    def has_paragraph_phrase(self, text: str) -> bool:
        # Substring tests on the case-folded text: much faster than one
        # case-insensitive alternation, and the phrases need no regex.
        folded = text.casefold()
        return any(phrase in folded for phrase in self.paragraph_phrases)


_CUE_KEYS = (
    "labels",
    "line_prefixes",
    "navigation_headings",
    "author_headings",
    "paragraph_phrases",
    "bio_roles",
)


def _normalise_label(text: str) -> str:
    return _SPACES.sub(" ", text).strip().rstrip(":").strip().casefold()


def _phrase_pattern(phrases: list[str], *, prefix: bool, words: bool) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `phrases`."""
    parts = []
    for phrase in phrases:
        # Keep a trailing space significant ("Photo by " must not match
        # "Photo byline") while letting any run of whitespace match it.
        escaped = r"\s+".join(re.escape(word) for word in phrase.split(" "))
        if words:
            escaped = rf"\b{escaped}\b"
        parts.append(escaped)
    if not parts:
        return re.compile(r"(?!)")
    body = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(("^" if prefix else "") + f"(?:{body})", re.IGNORECASE)


@cache
def _cues() -> _Cues:
    """Load the shipped cue lists once and compile them."""
    resource = resources.files("rhetrack") / "data" / "boilerplate.json"
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(
            f"{resource}: cannot load boilerplate cues ({exc}); fix the JSON or reinstall rhetrack"
        ) from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{resource}: expected a JSON object with keys {', '.join(_CUE_KEYS)}")
    lists: dict[str, list[str]] = {}
    for key in _CUE_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DataFileError(f"{resource}: {key!r} must be a list of non-empty strings; fix that entry")
        lists[key] = [v.strip() if key != "line_prefixes" else v.lstrip() for v in value]
    labels = frozenset(_normalise_label(v) for v in lists["labels"])
    navigation = frozenset(_normalise_label(v) for v in lists["navigation_headings"])
    authors = frozenset(_normalise_label(v) for v in lists["author_headings"])
    return _Cues(
        labels=labels,
        navigation_headings=navigation,
        author_headings=authors,
        # Room for a trailing colon and doubled spaces around the longest cue.
        longest_label=max(map(len, labels | navigation | authors), default=0) + 8,
        line_prefix=_phrase_pattern(lists["line_prefixes"], prefix=True, words=False),
        paragraph_phrases=tuple(_SPACES.sub(" ", v).casefold() for v in lists["paragraph_phrases"]),
        bio_role=_phrase_pattern(lists["bio_roles"], prefix=False, words=True),
    )


# --- stage 1: lines --------------------------------------------------------------


def _link_text(match: re.Match[str]) -> str:
    if match.group("bang"):
        return ""  # an image: its alt text is a caption, not prose
    # Keep the whitespace that preceded the link, which the pattern consumed
    # so that a removed image leaves no double space.
    leading = match.group(0)[: len(match.group(0)) - len(match.group(0).lstrip(" \t"))]
    return leading + match.group("text")


def _inline(text: str) -> str:
    """Remove link syntax, link debris and emphasis markers, keeping words."""
    # The character tests skip patterns that cannot match: most lines of a
    # large archive are plain prose, and this keeps cleaning them cheap.
    if "[" in text:
        text = _LINK.sub(_link_text, text)
    if "(" in text:
        text = _DEBRIS.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
    if "*" in text or "_" in text:
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDERSCORE.sub(r"\1", text)
        text = _STRONG.sub(r"\2", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()


def _is_link_only(text: str) -> bool:
    """True for a line that is nothing but links: a menu, a list of titles."""
    if "[" not in text:
        return False
    rest, count = _LINK.subn("", text)
    if not count:
        return False
    rest = _STRONG.sub(r"\2", rest)
    return bool(_LINK_SEPARATORS.match(rest))


def _classify_line(raw: str, cues: _Cues) -> tuple[_Kind, str]:
    line = raw.strip()
    if not line or _REFERENCE_DEFINITION.match(line) or _RULE.match(line):
        return _Kind.BLANK, ""
    line = _BLOCKQUOTE.sub("", line)
    line, bullets = _BULLET.subn("", line)
    kind = _Kind.ITEM if bullets else _Kind.TEXT
    level = 0
    heading = _HEADING.match(line)
    if heading:
        level = len(heading.group(1))
        line = heading.group(2) or ""
        kind = _Kind.HEADING
    # A top-level heading may be a linked title; every other link-only line is
    # a menu entry, a related-article title or an author's name.
    if level != 1 and _is_link_only(line):
        return _Kind.BLANK, ""
    text = _inline(line)
    if not text or _DEBRIS_ONLY.match(text):
        return _Kind.BLANK, ""
    label = _normalise_label(text) if len(text) <= cues.longest_label else ""
    if label in cues.navigation_headings:
        return _Kind.NAVIGATION, text
    if label in cues.author_headings:
        return _Kind.AUTHORS, text
    if label in cues.labels or _CAPTION.match(text) or _BYLINE.match(text):
        return _Kind.BLANK, ""
    if len(text) <= _MAX_PREFIX_LINE and (cues.line_prefix.match(text) or _CREDIT_END.search(text)):
        return _Kind.BLANK, ""
    return kind, text


# --- stage 2: paragraphs ---------------------------------------------------------


def _continues(text: str) -> bool:
    """True when a line reads as the continuation of an unfinished sentence."""
    first = text[0]
    return first.islower() or first in ",;)"


def _wrap_width(lines: list[tuple[_Kind, str]]) -> int | None:
    """The line width of a hard-wrapped text, or None if lines are paragraphs.

    A hard-wrapped file has many lines, none much longer than a fixed width,
    and most of them filled close to it.
    """
    lengths = sorted(len(text) for kind, text in lines if kind in (_Kind.TEXT, _Kind.ITEM))
    if len(lengths) < 8:
        return None
    if lengths[(len(lengths) - 1) * 95 // 100] > 100:
        return None
    # The fill width: the longest line, ignoring a few overlong outliers.
    width = max(n for n in lengths if n <= 100)
    filled = sum(1 for n in lengths if n >= 0.6 * width)
    return width if filled * 2 >= len(lengths) else None


def _paragraphs(lines: list[tuple[_Kind, str]]) -> list[tuple[_Kind, str]]:
    """Join the lines of each paragraph into one line.

    Each line is a paragraph of its own (saved pages often put one paragraph
    per line with single newlines between them), except that:
    - a line ending mid-sentence followed by one starting in lower case is
      the same paragraph, even across blank or dropped lines (a caption or an
      empty line cut into a sentence);
    - a dateline ending in a dash ("BAGHDAD –") runs into the next line;
    - in a hard-wrapped text, consecutive lines are joined: all of them when
      the text also has blank lines between paragraphs, otherwise those
      where the wrap was forced (the next line's first word would not have
      fitted on the line).
    Headings stay alone and a list item always starts a paragraph.
    """
    width = _wrap_width(lines)
    has_blank_breaks = any(kind is _Kind.BLANK for kind, _ in lines)
    result: list[tuple[_Kind, str]] = []
    current: list[str] = []
    after_blank = False

    def flush() -> None:
        if current:
            result.append((_Kind.TEXT, " ".join(current)))
            current.clear()

    for kind, text in lines:
        if kind is _Kind.BLANK:
            after_blank = True
            continue
        if kind is _Kind.ITEM:
            flush()
            current.append(text)
        elif kind is not _Kind.TEXT:
            flush()
            result.append((kind, text))
        elif current:
            previous = current[-1]
            join = bool(_DANGLING_DASH.search(previous)) or (
                _continues(text) and not _SENTENCE_FINAL.search(previous)
            )
            if not join and not after_blank and width is not None:
                first_word = len(text.split(" ", 1)[0])
                join = has_blank_breaks or len(previous) + 1 + first_word > width
            if not join:
                flush()
            current.append(text)
        else:
            # The first line after a heading starts a paragraph of its own.
            current.append(text)
        after_blank = False
    flush()
    return result


# --- stage 3: paragraph furniture ------------------------------------------------


def _is_bio(text: str, cues: _Cues, *, in_author_block: bool) -> bool:
    """True for an author biography such as "Jane Doe is an associate fellow ...".

    Inside an author block the shape suffices; elsewhere a role word (fellow,
    analyst, journalist ...) must appear early, so that "Qais al-Khazali is
    the leader of ..." in the body is never taken for a biography.
    """
    if len(text) > _MAX_FURNITURE_PARAGRAPH or _DOUBLE_QUOTES.search(text):
        return False
    if not _BIO_START.match(text):
        return False
    return in_author_block or bool(cues.bio_role.search(text, 0, 160))


def _trailing_navigation_start(paragraphs: list[tuple[_Kind, str]]) -> int:
    """Index of the navigation heading that starts a trailing navigation
    region (only short paragraphs after it up to the end), or len(paragraphs)."""
    start = len(paragraphs)
    for index in range(len(paragraphs) - 1, -1, -1):
        kind, text = paragraphs[index]
        if kind is _Kind.NAVIGATION:
            start = index
        elif len(text) > _SHORT_PARAGRAPH:
            break
    return start


def _is_author_name(index: int, paragraphs: list[tuple[_Kind, str]]) -> bool:
    """True for a name line ("Jane Doe") whose biography follows it."""
    text = paragraphs[index][1]
    if index + 1 >= len(paragraphs) or not _NAME_LINE.match(text):
        return False
    # Requiring the next paragraph to start with the same name keeps a body
    # subheading such as "Asaib Ahl al-Haq" after an author block.
    return paragraphs[index + 1][1].startswith(text.split(",")[0].strip())


def _drop_furniture(paragraphs: list[tuple[_Kind, str]], cues: _Cues) -> list[str]:
    """Drop navigation, author blocks, biographies and disclaimers; return the rest."""
    paragraphs = paragraphs[: _trailing_navigation_start(paragraphs)]
    kept: list[str] = []
    in_author_block = False
    after_bio = False
    for index, (kind, text) in enumerate(paragraphs):
        if kind is _Kind.NAVIGATION:
            in_author_block = False
            continue  # a stray navigation heading inside the page
        if kind is _Kind.AUTHORS:
            in_author_block, after_bio = True, False
            continue
        if in_author_block and not _DOUBLE_QUOTES.search(text):
            if _is_author_name(index, paragraphs):
                continue
            if kind is _Kind.TEXT and after_bio and _PRONOUN_START.match(text):
                continue
            if kind is _Kind.TEXT and _is_bio(text, cues, in_author_block=True):
                after_bio = True
                continue
        in_author_block = False
        if kind is _Kind.TEXT and (
            _is_bio(text, cues, in_author_block=False)
            or (
                len(text) <= _MAX_FURNITURE_PARAGRAPH
                and not _DOUBLE_QUOTES.search(text)
                and cues.has_paragraph_phrase(text)
            )
        ):
            continue
        kept.append(text)
    return kept


# Format characters that web pages leave inside words: soft hyphen, zero-width
# space / non-joiner / joiner, word joiner, invisible operators, left-to-right
# and right-to-left marks, embeddings, overrides and isolates, byte-order mark.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
     0x061C, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)  # fmt: skip
_INVISIBLE_CHARACTER = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def clean_text(text: str) -> str:
    """Return the article prose of `text`, ready for extraction.

    Promises:
    - paragraphs are separated by exactly one blank line ("\\n\\n") and each
      sits on one line; there is no leading or trailing whitespace;
    - markdown links become their text; link debris (parenthesised paths and
      URLs), images, emphasis markers, heading markers and rules are gone;
    - figure captions, photo credits, bylines, author biographies,
      navigation blocks, site labels and disclaimers are gone;
    - every other character of a kept line is unchanged, so quotations
      survive byte for byte apart from markup removed inside them, except
      the invisible characters web text carries inside words (soft hyphens,
      zero-width spaces, joiners and non-joiners, word joiners, direction
      marks and embeddings, byte-order marks), which are removed, so that a
      name split by one is still the name;
    - the function is pure and runs in time linear in the input.
    """
    cues = _cues()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INVISIBLE_CHARACTER.search(text):  # str.translate reads every character: only when needed
        text = text.translate(_INVISIBLE)
    # A page store's date stamp before the text (" date 2025-05-20 SANAA: …")
    # is metadata, read as the byline date; it would date the first sentence.
    text = _PAGE_STAMP.sub("", text, count=1)
    lines = [_classify_line(raw, cues) for raw in text.split("\n")]
    return "\n\n".join(_drop_furniture(_paragraphs(lines), cues))

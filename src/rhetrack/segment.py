"""Segment cleaned text into paragraphs, sentences and quotation spans.

Offsets are character offsets into the text given, which is the document's
stored cleaned text, so every span can be checked against the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from rhetrack.gazetteer import Gazetteer, Lexicon, load_gazetteer

# Opening mark -> the closing marks that end it.
# Pages mix their marks: a straight double quote may close a curly one and a
# curly closing mark a straight one ("“We will act." / "We will act”), and an
# opening mark set where a closing one belongs closes ("… in Gaza,“ he said").
_PAIRS = {"“": '”"“', "«": "»", "‘": "’", '"': '"”', "„": "“”"}
_OPEN_BEFORE = set(" \t\n([{—–-:/") | {""}
_CLOSE_AFTER = set(" \t\n.,;:!?)]}—–-…") | {""}

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "brig",
    "adm",
    "sen",
    "rep",
    "gov",
    "pres",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "etc",
    "jr",
    "sr",
    "inc",
    "co",
    "corp",
    "ltd",
    "fig",
    "approx",
}
# After an initialism such as "U.S.", these words open a new sentence.
_SENTENCE_OPENERS = {
    "The", "He", "She", "It", "They", "We", "This", "That", "These", "Those", "In", "But", "And",
    "However", "A", "An", "His", "Her", "Its", "Their", "Our", "I", "On", "At", "After", "Meanwhile",
}  # fmt: skip
_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")
_LETTER_AFTER_LOWER = re.compile(r"\b[a-z]+\s+[A-Z]\.$")
# "“Who will stop us?” Akram al-Kaabi asked": the question belongs to the
# sentence that attributes it, a name and then a reporting verb (gazetteer).
_NAME_AFTER = re.compile(r"\s+(?:(?:[A-Z]|[a-z]{1,3}-[A-Z])[\w'’.-]*\s+){1,5}(?=[a-z])")
_SENTENCE_END = re.compile(r"[.!?…]+[”’\"»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9])")
_QUOTE_MARK = re.compile("[“”«»‘’\"„']")
_ABBREVIATION_END = re.compile(r"(\b[\w.]+)\.$")
_NEXT_WORD = re.compile(r"\s*(\S+)")


class Ranges:
    """Half-open character ranges, asked which hold an offset or meet a span.

    Lookups bisect the sorted starts and read the running maximum of the ends,
    so they take O(log n) whether the ranges nest, overlap or not; a linear
    scan per lookup made long documents quadratic.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def holds(self, offset: int) -> bool:
        """Whether some range has start <= offset < end."""
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and self._reach[index] > offset

    def meets(self, start: int, end: int) -> bool:
        """Whether some range overlaps start..end (range start < end and range end > start)."""
        index = bisect_left(self._starts, end) - 1
        return index >= 0 and self._reach[index] > start


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: `start`/`end` include the marks, `inner_*` exclude them.

    `depth` is 0 for a quotation in narration and 1 or more for one nested in
    another; `paragraphs` is more than one for a quotation that runs over
    several paragraphs (opening mark on each, closing mark only at the end).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    mark: str
    depth: int
    paragraph: int
    paragraphs: int = 1


@dataclass(frozen=True)
class Segmented:
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[QuoteSpan, ...]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding `offset` (the last one starting at or before it)."""
        low, high = 0, len(self.sentences) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if self.sentences[mid].start <= offset:
                low = mid
            else:
                high = mid - 1
        return self.sentences[low]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs are the non-blank lines of the cleaned text."""
    paragraphs = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            end = match.start() + len(match.group(0).rstrip())
            paragraphs.append(Paragraph(len(paragraphs), start, end))
    return tuple(paragraphs)


def _is_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if mark in "“«„":
        return not after.isspace() or after == ""
    if mark == "‘":
        return (before in _OPEN_BEFORE or before in '“"«') and (after.isalnum() or after in '“"[')
    # A straight double quote opens after a space or opening punctuation; after a
    # colon it may stand apart from its words ('It said: " And you, …"').
    if before in _OPEN_BEFORE and after == " " and text[max(0, i - 2) : i] == ": ":
        return True
    return before in _OPEN_BEFORE and after != "" and not after.isspace()


def _is_close(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if mark in "”»":
        return True
    if mark == "’":
        # An apostrophe inside a word ("Iran’s", "won’t") is not a closing mark.
        return before != "" and not before.isspace() and (after in _CLOSE_AFTER or after in '”"»')
    return before != "" and not before.isspace() and (after in _CLOSE_AFTER or after in "”’»")


def find_quotes(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[QuoteSpan, ...]:
    """Quotation spans, nested ones included, across paragraphs where marked so.

    Straight and curly double quotes, single quotes used as quotes (told apart
    from apostrophes by what stands around them), guillemets and low-9
    quotes. An opening mark left unclosed at a paragraph's end continues into
    the next paragraph when that one opens with the same mark; otherwise it
    is dropped as a stray.
    """
    spans: list[QuoteSpan] = []
    # Each open entry: (position, mark, paragraph index, paragraphs spanned).
    stack: list[tuple[int, str, int, int]] = []
    previous_end = 0

    def unclosed(entry: tuple[int, str, int, int], end: int) -> None:
        """A quotation never closed: it runs to the end of its (last) paragraph."""
        start, mark, first_paragraph, spanned = entry
        if len(text[start + 1 : end].split()) > 1:
            spans.append(QuoteSpan(start, end, start + 1, end, mark, 0, first_paragraph, spanned))

    for paragraph in paragraphs:
        continuing = [entry for entry in stack if entry[1] in '“"«„']
        stack = []
        first_char = text[paragraph.start] if paragraph.start < len(text) else ""
        skip_at = -1
        if continuing and first_char == continuing[-1][1] and _may_continue(text, continuing[-1], paragraphs):
            opener = continuing[-1]
            stack = [(opener[0], opener[1], opener[2], opener[3] + 1)]
            skip_at = paragraph.start
        elif continuing:
            unclosed(continuing[0], previous_end)
        previous_end = paragraph.end
        # Only the quotation marks matter: let the regex engine find them.
        for found in _QUOTE_MARK.finditer(text, paragraph.start, paragraph.end):
            i = found.start()
            char = text[i]
            if i == skip_at:
                continue
            if char == "'":
                _straight_single(text, i, stack, spans, paragraph.index)
                continue
            top = stack[-1] if stack else None
            closes_top = top is not None and char in _PAIRS.get(top[1], top[1]) and _is_close(text, i, char)
            if closes_top and not (char == '"' and _is_open(text, i, char) and top[1] != '"'):
                assert top is not None
                start, mark, first_paragraph, spanned = stack.pop()
                spans.append(
                    QuoteSpan(
                        start=start,
                        end=i + 1,
                        inner_start=start + 1,
                        inner_end=i,
                        mark=mark,
                        depth=len(stack),
                        paragraph=first_paragraph,
                        paragraphs=spanned,
                    )
                )
                continue
            if char in _PAIRS and _is_open(text, i, char):
                if char == "‘" and any(entry[1] == "‘" for entry in stack):
                    continue
                stack.append((i, char, paragraph.index, 1))
        # Unclosed double marks may continue; everything else is a stray mark.
        stack = [entry for entry in stack if entry[1] in '“"«„']
    if stack:
        unclosed(stack[0], previous_end)
    return tuple(sorted(spans, key=lambda span: (span.start, -span.end)))


def _may_continue(text: str, opener: tuple[int, str, int, int], paragraphs: tuple[Paragraph, ...]) -> bool:
    """Whether a quotation left open at a paragraph's end may go on in the next.

    A curly or angled mark may; a straight one only when it opened its
    paragraph or followed a colon ("Kaabi said: "…"): a straight mark left
    open mid-sentence ('would have "dangerous consequences.') is a stray,
    and the next paragraph's opening mark starts a quotation of its own.
    """
    position, mark, first_paragraph, _ = opener
    if mark != '"':
        return True
    before = text[paragraphs[first_paragraph].start : position].rstrip()
    return not before or before.endswith(":")


def _straight_single(
    text: str, i: int, stack: list[tuple[int, str, int, int]], spans: list[QuoteSpan], paragraph: int
) -> None:
    """A straight single quote counts only inside a double-quoted span, where
    "'Be ready,'" is a nested quotation and "Iran's" an apostrophe."""
    if not any(entry[1] in '“"«„' for entry in stack):
        return
    top = stack[-1]
    if top[1] == "'" and _is_close(text, i, "’"):
        start, mark, first_paragraph, spanned = stack.pop()
        spans.append(QuoteSpan(start, i + 1, start + 1, i, mark, len(stack), first_paragraph, spanned))
    elif _is_open(text, i, "‘"):
        stack.append((i, "'", paragraph, 1))


def ends_with_abbreviation(text: str, end: int) -> bool:
    """Whether the period just before `end` closes an abbreviation or initial."""
    match = _ABBREVIATION_END.search(text[max(0, end - 12) : end])
    if not match:
        return False
    word = match.group(1)
    if "." in word or len(word) == 1:  # U.S., e.g., initials like "J."
        return True
    return word.casefold() in _ABBREVIATIONS


def split_sentences(
    text: str, paragraphs: tuple[Paragraph, ...], quotes: tuple[QuoteSpan, ...], reporting_verb: Lexicon
) -> tuple[Sentence, ...]:
    """Sentences within each paragraph, never split inside a top-level quotation
    nor between a quoted question and the name and verb that attribute it."""
    # A cut strictly inside a top-level quotation: inner_start < cut < inner_end.
    inside_quote = Ranges((q.inner_start + 1, q.inner_end) for q in quotes if q.depth == 0)
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        start = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            cut = match.end()
            if text[match.start()] == "." and ends_with_abbreviation(text, match.start() + 1):
                # The next word, read in place: slicing the rest of the text here was quadratic.
                following = _NEXT_WORD.match(text, cut)
                initialism = _INITIALISM.search(text, max(0, match.start() - 8), match.start() + 1)
                # "wrote on X. He later …": a capital letter alone after a
                # lower-case word ends the sentence ("Harry S. Truman" does not).
                letter = _LETTER_AFTER_LOWER.search(text, max(0, match.start() - 24), match.start() + 1)
                if not ((initialism or letter) and following and following.group(1) in _SENTENCE_OPENERS):
                    continue
            closes_quote = match.group(0)[-1] in '”"»’'
            if text[match.start()] in "?!" and closes_quote:
                name = _NAME_AFTER.match(text, cut)
                if name and reporting_verb.match(text, name.end()):
                    continue
            if inside_quote.holds(cut):
                continue
            sentences.append(Sentence(len(sentences), paragraph.index, start, cut))
            start = cut
            while start < paragraph.end and text[start].isspace():
                start += 1
        if start < paragraph.end:
            sentences.append(Sentence(len(sentences), paragraph.index, start, paragraph.end))
    return tuple(sentences)


def segment(text: str, gazetteer: Gazetteer | None = None) -> Segmented:
    """Paragraphs, sentences and quotation spans of a cleaned text.

    >>> s = segment('He said, “We are ready. We will strike.” Then he left.')
    >>> [s.text[x.start:x.end] for x in s.sentences]
    ['He said, “We are ready. We will strike.”', 'Then he left.']
    """
    paragraphs = split_paragraphs(text)
    quotes = find_quotes(text, paragraphs)
    reporting_verb = (gazetteer or load_gazetteer()).reporting_verb
    sentences = split_sentences(text, paragraphs, quotes, reporting_verb)
    return Segmented(text, paragraphs, sentences, quotes)

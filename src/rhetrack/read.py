"""Stage 1: find article files and read them into decoded text and metadata.

`discover` walks the paths a user gave and yields the files to ingest, in a
deterministic order, together with their row of a folder's ``manifest.csv``.
It never raises for a bad path or manifest: it yields the error in the
stream so that one bad file does not stop a run over an archive.

`read_document` reads one file: it hashes the raw bytes, decodes UTF-8,
removes front matter, reduces HTML to its main text and settles the
publication metadata by precedence. Nothing in an HTML page is executed or
fetched: the standard library's tokenizer only reads the markup.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Literal

from rhetrack.errors import DocumentError, MetadataError
from rhetrack.partial_date import PartialDate

__all__ = [
    "MANIFEST_NAME",
    "SUPPORTED_SUFFIXES",
    "RawDocument",
    "SourceFile",
    "SourceMetadata",
    "discover",
    "read_document",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "published", "url", "title", "publisher")

Format = Literal["text", "markdown", "html"]
_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
_ACCEPTED = ", ".join(SUPPORTED_SUFFIXES)


@dataclass(frozen=True)
class SourceMetadata:
    """Publication metadata of one document; any field may be unknown.

    `published_source` says where `published` came from: "option" (the
    --published argument), "front-matter", "manifest" or "html-meta"; it is
    None exactly when `published` is None.
    """

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    published_source: str | None = None


@dataclass(frozen=True)
class SourceFile:
    """A file found by `discover`, not yet read.

    `path` is absolute and resolved. `name` is the display name: the path
    relative to the directory argument it was found under (POSIX form), or
    the file name for a file argument. `manifest` is its manifest.csv row.
    """

    path: Path
    name: str
    manifest: SourceMetadata | None = None


@dataclass(frozen=True)
class RawDocument:
    """A decoded document before cleaning.

    `text` has its front matter removed; for HTML it is the main text with
    paragraphs separated by blank lines. Line ends are normalised to "\\n".
    `content_hash` is the SHA-256 of the raw bytes, BOM included, so it
    identifies the file exactly as stored.
    """

    path: Path
    name: str
    content_hash: str
    format: Format
    text: str
    metadata: SourceMetadata
    encoding: str | None = None  # the encoding guessed for a file that is not UTF-8


# --- dates ------------------------------------------------------------------------

# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time of day (front
# matter and HTML meta tags often carry a full timestamp; its date part is
# the publisher's local date, which is what the article's own dating uses).
_DATE_VALUE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?[ ]?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$"
)


# Two defaults that differ in every field: what a parse keeps from neither
# was written in the value, which tells the date's precision.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)


def _parse_written_date(value: str) -> PartialDate | None:
    """A non-ISO metadata date ("Nov 1, 2023", "Wed, 01 Nov 2023 10:00:00 GMT",
    "November 2023") read by python-dateutil, at the precision written."""
    from dateutil import parser as dateutil_parser

    try:
        first = dateutil_parser.parse(value, default=_DEFAULT_A)
        second = dateutil_parser.parse(value, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None  # no year written: not a publication date
    if first.month != second.month:
        return PartialDate(first.year)
    if first.day != second.day:
        return PartialDate(first.year, first.month)
    return PartialDate(first.year, first.month, first.day)


def _parse_date(value: str) -> PartialDate | None:
    """The PartialDate of a date or timestamp string, or None if it is not one.

    ISO forms are read by pattern; anything else by python-dateutil.
    """
    match = _DATE_VALUE.match(value.strip())
    if not match:
        return _parse_written_date(value.strip()) if re.search(r"\d{4}", value) else None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None  # 2023-02-30 and the like


def _date_error(where: str, value: str, fix: str) -> MetadataError:
    return MetadataError(f"{where}: {value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD; {fix}")


# --- discovery --------------------------------------------------------------------


class _Manifests:
    """Manifest rows by resolved file path, each manifest read at most once."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, dict[Path, SourceMetadata]] = {}

    def load(self, directory: Path) -> Iterator[MetadataError]:
        """Read `directory`/manifest.csv if present and not yet read; yield its errors."""
        if directory in self._by_dir:
            return
        self._by_dir[directory] = {}
        manifest = directory / MANIFEST_NAME
        if not manifest.is_file():
            return
        self._by_dir[directory] = rows = {}
        yield from _read_manifest(manifest, rows)

    def lookup(self, path: Path, directory: Path, top: Path) -> SourceMetadata | None:
        """The row for resolved `path`, found in `directory`, from the nearest
        manifest between `directory` and `top`."""
        while True:
            row = self._by_dir.get(directory, {}).get(path)
            if row is not None:
                return row
            if directory == top or directory.parent == directory:
                return None
            directory = directory.parent


def _cell(row: dict[str, str | None], column: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _read_manifest(manifest: Path, rows: dict[Path, SourceMetadata]) -> Iterator[MetadataError]:
    """Fill `rows` from one manifest; yield an error per bad row (which is skipped)
    or one error for a manifest that cannot be used at all (rows stays empty)."""
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [(name or "").strip().lower() for name in reader.fieldnames or []]
            if "file" not in header:
                found = ", ".join(h for h in header if h) or "no header row"
                yield MetadataError(
                    f"{manifest}: no 'file' column (found: {found}); make the first row a "
                    f"header with columns {','.join(MANIFEST_COLUMNS)}. "
                    "Its files are read without manifest metadata."
                )
                return
            reader.fieldnames = header
            for row in reader:
                where = f"{manifest}, line {reader.line_num}"
                name = _cell(row, "file")
                if name is None:
                    if any(_cell(row, column) for column in MANIFEST_COLUMNS):
                        yield MetadataError(f"{where}: the 'file' cell is empty; fill it in")
                    continue
                published = None
                if (value := _cell(row, "published")) is not None:
                    published = _parse_date(value)
                    if published is None:
                        yield _date_error(
                            f"{where} ({name})",
                            value,
                            "fix the cell or leave it empty. The file is read without this row's metadata.",
                        )
                        continue
                path = (manifest.parent / name).resolve()
                if path in rows:
                    yield MetadataError(
                        f"{where}: {name} is listed twice; delete one of its rows (the first one is used)"
                    )
                    continue
                rows[path] = SourceMetadata(
                    title=_cell(row, "title"),
                    url=_cell(row, "url"),
                    publisher=_cell(row, "publisher"),
                    published=published,
                    published_source="manifest" if published else None,
                )
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        rows.clear()
        yield MetadataError(
            f"{manifest}: cannot read it ({exc}); fix it or save it as UTF-8 CSV. "
            "Its files are read without manifest metadata."
        )


def _supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def _resolved(path: Path) -> Path | DocumentError:
    """The real path of a file, or the error of a symbolic link that loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # 3.11 raises RuntimeError for a symlink loop
        return DocumentError(f"{path}: a symbolic link that loops back on itself; fix or remove the link")


def _walk(
    directory: Path, top: Path, manifests: _Manifests, seen: set[Path]
) -> Iterator[SourceFile | DocumentError | MetadataError]:
    """Yield the supported files under `directory` depth first in name order.

    Hidden entries (".git", ".DS_Store") are skipped, and symbolic links to
    directories are not followed, so a link cycle cannot loop forever.
    """
    yield from manifests.load(directory)
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield DocumentError(
            f"{directory}: cannot list the folder ({exc.strerror or exc}); check its permissions"
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, top, manifests, seen)
        elif _supported(entry.name):
            resolved = _resolved(path)
            if isinstance(resolved, DocumentError):
                yield resolved
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            yield SourceFile(
                path=resolved,
                name=path.relative_to(top).as_posix(),
                manifest=manifests.lookup(resolved, directory, top),
            )


def discover(paths: Sequence[Path]) -> Iterator[SourceFile | DocumentError | MetadataError]:
    """Yield the files to read under `paths`, in a deterministic order.

    Arguments are taken in the order given; a directory is walked recursively
    in name order, keeping only files with a supported suffix (manifest.csv
    and anything else is skipped silently). A file that was already yielded
    is not yielded again. Each folder's manifest.csv is read once, when the
    walk reaches it, and its rows are attached to the files they name (a
    row's `file` is relative to the manifest's folder, and the nearest
    manifest wins). Files are not opened: the walk streams.

    Nothing is raised for user errors; instead the stream carries:
    - a DocumentError for a path that does not exist or a file argument with
      an unsupported suffix;
    - a MetadataError for a manifest without a `file` column (the manifest is
      ignored) or for a bad row (the row is ignored).
    """
    manifests = _Manifests()
    seen: set[Path] = set()
    for argument in paths:
        argument = Path(argument)
        try:
            is_dir, exists = argument.is_dir(), argument.exists() or argument.is_symlink()
        except OSError as exc:
            yield DocumentError(
                f"{argument}: cannot access it ({exc.strerror or exc}); check its permissions"
            )
            continue
        if is_dir:
            top = argument.resolve()
            yield from _walk(top, top, manifests, seen)
        elif exists:
            if not _supported(argument.name):
                yield DocumentError(
                    f"{argument}: unsupported file type {argument.suffix or '(no suffix)'!r}; "
                    f"rhetrack reads {_ACCEPTED} files (convert it, or leave it out)"
                )
                continue
            resolved = _resolved(argument)
            if isinstance(resolved, DocumentError):
                yield resolved
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            # A file given by itself still takes its row from a manifest.csv
            # beside it, so `rhetrack ingest folder/a.txt` dates it like the folder would.
            folder = argument.absolute().parent.resolve()
            yield from manifests.load(folder)
            yield SourceFile(
                path=resolved,
                name=argument.name,
                manifest=manifests.lookup(resolved, folder, folder),
            )
        else:
            yield DocumentError(
                f"{argument}: no such file or directory; check the path "
                f"(rhetrack reads folders and {_ACCEPTED} files)"
            )


# --- front matter -----------------------------------------------------------------

_FRONT_MATTER_OPEN = re.compile(r"^---[ \t]*\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
# A front-matter block longer than this is more likely a document that starts
# with a horizontal rule; the limit also keeps the search bounded.
_FRONT_MATTER_MAX = 20_000


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines from `text`.

    Returns the fields (keys lower-cased, surrounding quotes stripped, empty
    values dropped) and the text after the block. Text without such a block
    is returned whole with no fields. List items, comments and other lines
    inside the block are ignored; no YAML parser is needed for what is read.
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return {}, text
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end(), opening.end() + _FRONT_MATTER_MAX)
    if not closing:
        return {}, text
    block = text[opening.end() : closing.start()].split("\n")
    content = [line for line in block if line.strip() and not line.lstrip().startswith("#")]
    # The first line must be a key: otherwise this is a rule above prose.
    if not content or not _KEY_VALUE.match(content[0]):
        return {}, text
    result: dict[str, str] = {}
    for line in content:
        match = _KEY_VALUE.match(line)
        if match and match.group(2):
            value = _unquote(match.group(2).strip()).strip()
            if value:
                result.setdefault(match.group(1).lower(), value)
    rest = text[closing.end() :]
    return result, rest[1:] if rest.startswith("\n") else rest


def _front_matter_metadata(fields_: dict[str, str], path: Path, *, need_date: bool) -> SourceMetadata:
    published = None
    if need_date:
        key = "published" if "published" in fields_ else "date"
        value = fields_.get(key)
        if value is not None:
            published = _parse_date(value)
            if published is None:
                raise _date_error(
                    f"{path}: front matter '{key}'",
                    value,
                    "fix it, or give --published to override it",
                )
    return SourceMetadata(
        title=fields_.get("title"),
        url=fields_.get("url"),
        publisher=fields_.get("publisher"),
        published=published,
        published_source="front-matter" if published else None,
    )


# --- HTML -------------------------------------------------------------------------

# Page furniture and non-text content, dropped with everything inside.
_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer",
        "aside", "form", "iframe", "button", "figcaption", "head", "title", "select",
        "textarea", "object", "canvas", "dialog",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "br", "hr", "tr", "table", "thead", "tbody", "section", "article",
        "main", "figure", "header", "pre", "address", "details", "summary", "caption",
    }
)  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    }
)  # fmt: skip
# Meta tags naming the publication date, best first.
_DATE_META = (
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "citation_publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
)
_BREAK = None  # the event standing for a paragraph break
_SPACE = " "
_WHITESPACE = re.compile(r"\s+")


@dataclass
class _Open:
    tag: str
    skip: bool
    region: str | None  # "article" or "main" for an outermost one, where it starts
    start: int


class _MainText(HTMLParser):
    """Collect the visible text of a page, and the spans of <article> and <main>.

    Text and paragraph breaks are kept as a flat list of events; the
    outermost <article> and <main> elements are remembered as spans of that
    list, so the main text can be chosen once the whole page is known.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[str | None] = []
        self.articles: list[tuple[int, int]] = []
        self.mains: list[tuple[int, int]] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.time_datetime: str | None = None
        self.title_parts: list[str] = []
        self._stack: list[_Open] = []
        self._skipping = 0
        self._regions = {"article": 0, "main": 0}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and "content" in values:
                self.meta.setdefault(key.strip().lower(), values["content"].strip())
        elif tag == "link":
            rel = (values.get("rel") or "").lower().split()
            if "canonical" in rel and values.get("href") and self.canonical is None:
                self.canonical = values["href"].strip()
        elif tag == "time" and not self._skipping and self.time_datetime is None:
            self.time_datetime = values.get("datetime")
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self._skipping:
                self.events.append(_BREAK)
            return
        # An article's own <header> holds its title and dateline: only page
        # headers (outside any article or main element) are furniture.
        in_content = self._regions["article"] or self._regions["main"]
        skip = tag in _SKIP_TAGS and not (tag == "header" and in_content)
        region = None
        if tag in self._regions and not self._skipping and not self._regions[tag]:
            region = tag
        if tag in self._regions:
            self._regions[tag] += 1
        self._stack.append(_Open(tag, skip, region, len(self.events)))
        if skip:
            self._skipping += 1
        elif not self._skipping:
            self._emit_boundary(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            if tag == "br" and not self._skipping:
                self.events.append(_BREAK)  # browsers read </br> as <br>
            return
        if not any(entry.tag == tag for entry in self._stack):
            return  # a stray end tag
        # Like a browser, an end tag closes every element opened inside it.
        while self._stack:
            entry = self._stack.pop()
            self._close(entry)
            if entry.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        # An <svg> has <title>s of its own, which are not the page's.
        if (
            self._stack
            and self._stack[-1].tag == "title"
            and not any(entry.tag == "svg" for entry in self._stack)
        ):
            self.title_parts.append(data)
        if not self._skipping:
            self.events.append(data)

    def close(self) -> None:
        super().close()
        while self._stack:
            self._close(self._stack.pop())

    def _close(self, entry: _Open) -> None:
        if entry.skip:
            self._skipping -= 1
        elif not self._skipping:
            self._emit_boundary(entry.tag)
        if entry.tag in self._regions:
            self._regions[entry.tag] -= 1
        if entry.region == "article":
            self.articles.append((entry.start, len(self.events)))
        elif entry.region == "main":
            self.mains.append((entry.start, len(self.events)))

    def _emit_boundary(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.events.append(_BREAK)
        elif tag in _CELL_TAGS:
            self.events.append(_SPACE)


def _render(events: list[str | None]) -> str:
    paragraphs: list[str] = []
    current: list[str] = []
    for event in [*events, _BREAK]:
        if event is _BREAK:
            paragraph = _WHITESPACE.sub(" ", "".join(current)).strip()
            if paragraph:
                paragraphs.append(paragraph)
            current.clear()
        else:
            current.append(event)
    return "\n\n".join(paragraphs)


def _html_text(parser: _MainText) -> str:
    """The main text: the longest <article>, else the <main> elements, else the page."""
    articles = [_render(parser.events[start:end]) for start, end in parser.articles]
    longest = max(articles, key=len, default="")
    if longest:
        return longest
    main = "\n\n".join(text for start, end in parser.mains if (text := _render(parser.events[start:end])))
    return main or _render(parser.events)


def _html_metadata(parser: _MainText) -> SourceMetadata:
    meta = parser.meta
    title = meta.get("og:title") or _WHITESPACE.sub(" ", "".join(parser.title_parts)).strip()
    published = None
    for key in _DATE_META:
        if key in meta and (published := _parse_date(meta[key])) is not None:
            break
    if published is None and parser.time_datetime:
        published = _parse_date(parser.time_datetime)
    return SourceMetadata(
        title=title or None,
        url=parser.canonical or meta.get("og:url") or None,
        publisher=meta.get("og:site_name") or None,
        published=published,
        published_source="html-meta" if published else None,
    )


def _read_html(text: str) -> tuple[str, SourceMetadata]:
    parser = _MainText()
    parser.feed(text)
    parser.close()
    return _html_text(parser), _html_metadata(parser)


# --- reading ----------------------------------------------------------------------


def _merge(*layers: SourceMetadata | None) -> SourceMetadata:
    """Per field, the value of the first layer (highest precedence first) that has one."""
    present = [layer for layer in layers if layer is not None]

    def first(name: str) -> str | None:
        return next((value for layer in present if (value := getattr(layer, name))), None)

    dated = next((layer for layer in present if layer.published is not None), None)
    return SourceMetadata(
        title=first("title"),
        url=first("url"),
        publisher=first("publisher"),
        published=dated.published if dated else None,
        published_source=dated.published_source if dated else None,
    )


# Single-byte Latin code pages a detector may name for Western text; the
# bytes mean the same in Windows-1252 for the letters articles use.
_LATIN_PAGES = {"cp1250", "cp1252", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_9",
                "iso8859_13", "iso8859_15", "cp1254", "mac_roman"}  # fmt: skip


def _looks_utf16(raw: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NULs in every other byte of mostly-ASCII text."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode(raw: bytes, path: Path) -> tuple[str, str | None]:
    """The text of a file and, when it is not UTF-8, the encoding it was read in."""
    if not raw:
        raise DocumentError(f"{path}: empty file; add the article text or remove the file")
    encoding: str | None = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in raw:
        encoding = _looks_utf16(raw)
        if encoding is None:
            raise DocumentError(
                f"{path}: looks binary, not a text article; remove it from the folder or convert it"
            )
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise DocumentError(
                    f"{path}: broken UTF-16 text ({exc.reason}); re-save it as UTF-8"
                ) from exc
            raise DocumentError(
                f"{path}: looks binary, not a text article; remove it from the folder or convert it"
            ) from exc
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = _guess_encoding(raw, path)
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), encoding


def _guess_encoding(raw: bytes, path: Path) -> tuple[str, str]:
    """Text that is not UTF-8, decoded in the encoding charset-normalizer finds most likely."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise DocumentError(
            f"{path}: not text in any encoding rhetrack recognizes; re-save it as UTF-8 or remove it"
        )
    encoding = best.encoding
    if encoding in _LATIN_PAGES:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding


MAX_FILE_ENV = "RHETRACK_MAX_FILE_MB"
# A saved article is tens of kilobytes; a file of many megabytes is a dump or
# a mistake, and would hold the whole ingest for minutes.
MAX_FILE_BYTES = int(float(os.environ.get(MAX_FILE_ENV, "20")) * 1_000_000)


def read_document(source: SourceFile, published: PartialDate | None = None) -> RawDocument:
    """Read, hash and decode one file, and settle its metadata.

    Metadata precedence, per field: the `published` argument (source
    "option") > front matter > the manifest row > HTML meta tags.

    Raises DocumentError when the file cannot be read, is empty, binary,
    UTF-16 or not UTF-8, or holds no text; MetadataError when its front
    matter gives a malformed date (unless `published` overrides it). Every
    message starts with the file's path and says what to do.
    """
    path = source.path
    # The display name keeps the suffix of a symbolic link whose target has none.
    suffix = PurePosixPath(source.name).suffix or path.suffix
    format_ = _FORMATS.get(suffix.lower())
    if format_ is None:
        raise DocumentError(
            f"{path}: unsupported file type {suffix or '(no suffix)'!r}; rhetrack reads {_ACCEPTED} files"
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(
                f"{path}: {size / 1e6:,.0f} MB is too large for one article (the limit is "
                f"{MAX_FILE_BYTES / 1e6:,.0f} MB); split it into articles, "
                f"or set {MAX_FILE_ENV} to raise the limit"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            f"{path}: cannot read it ({exc.strerror or exc}); check that it exists, is a file and is readable"
        ) from exc
    text, encoding = _decode(raw, path)
    option = SourceMetadata(published=published, published_source="option") if published else None
    if format_ == "html":
        text, html_meta = _read_html(text)
        metadata = _merge(option, source.manifest, html_meta)
        if not text:
            raise DocumentError(
                f"{path}: no article text found in the HTML (only scripts, navigation or "
                "markup); check that the page was saved completely"
            )
    else:
        front, text = _split_front_matter(text)
        front_meta = _front_matter_metadata(front, path, need_date=published is None)
        metadata = _merge(option, front_meta, source.manifest)
        if not text.strip():
            what = "only front matter" if front else "only whitespace"
            raise DocumentError(f"{path}: {what}, no article text; add the text or remove the file")
    return RawDocument(
        path=path,
        name=source.name,
        content_hash=hashlib.sha256(raw).hexdigest(),
        format=format_,
        text=text,
        metadata=metadata,
        encoding=encoding,
    )

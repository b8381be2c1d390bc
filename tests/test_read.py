"""Tests for rhetrack.read: discovery, manifests, decoding, front matter, HTML."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from rhetrack import read as read_module
from rhetrack.errors import DocumentError, MetadataError
from rhetrack.partial_date import PartialDate
from rhetrack.read import (
    SUPPORTED_SUFFIXES,
    RawDocument,
    SourceFile,
    SourceMetadata,
    discover,
    read_document,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def files(items: list[object]) -> list[SourceFile]:
    return [item for item in items if isinstance(item, SourceFile)]


def errors(items: list[object]) -> list[Exception]:
    return [item for item in items if isinstance(item, Exception)]


def source(path: Path, manifest: SourceMetadata | None = None) -> SourceFile:
    return SourceFile(path=path.resolve(), name=path.name, manifest=manifest)


# --- discover -------------------------------------------------------------------


def test_discovery_order_and_filtering(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a.md",
        "C.HTML",
        "notes.pdf",
        "manifest.csv",
        ".hidden.txt",
        "sub/z.txt",
        "sub/c.htm",
        "sub/deeper/x.markdown",
        ".git/config.txt",
    ):
        write(tmp_path / name, "file,published\n" if name == "manifest.csv" else "text")
    found = list(discover([tmp_path]))
    assert not errors(found)
    assert [f.name for f in files(found)] == [
        "C.HTML",
        "a.md",
        "b.txt",
        "sub/c.htm",
        "sub/deeper/x.markdown",
        "sub/z.txt",
    ]
    for f in files(found):
        assert f.path.is_absolute() and f.path == f.path.resolve()
        assert f.path == (tmp_path / f.name).resolve()
        assert f.manifest is None
    # Deterministic: a second walk gives the same sequence.
    assert [f.name for f in files(list(discover([tmp_path])))] == [f.name for f in files(found)]


def test_file_arguments_keep_order_and_are_not_repeated(tmp_path: Path) -> None:
    b = write(tmp_path / "dir" / "b.txt", "b")
    a = write(tmp_path / "dir" / "a.txt", "a")
    found = list(discover([b, tmp_path / "dir", a]))
    assert [(f.name, f.path) for f in files(found)] == [
        ("b.txt", b.resolve()),
        ("a.txt", a.resolve()),
    ]


def test_missing_and_unsupported_arguments_are_yielded_not_raised(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "text")
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.4")
    missing = tmp_path / "nope.txt"
    found = list(discover([missing, pdf, good]))
    assert len(found) == 3
    assert isinstance(found[0], DocumentError)
    assert str(missing) in str(found[0]) and "no such file" in str(found[0])
    assert isinstance(found[1], DocumentError)
    message = str(found[1])
    assert str(pdf) in message and ".pdf" in message
    assert all(suffix in message for suffix in SUPPORTED_SUFFIXES)
    assert isinstance(found[2], SourceFile) and found[2].name == "good.txt"


def test_discover_streams(tmp_path: Path) -> None:
    write(tmp_path / "a" / "1.txt", "x")
    (tmp_path / "b").mkdir()
    stream = discover([tmp_path])
    assert next(stream).name == "a/1.txt"  # type: ignore[union-attr]
    # A folder the walk has not reached yet is listed only when reached.
    write(tmp_path / "b" / "2.txt", "x")
    assert [f.name for f in files(list(stream))] == ["b/2.txt"]


def test_manifest_metadata(tmp_path: Path) -> None:
    write(
        tmp_path / "manifest.csv",
        "file,published,url,title,publisher,date_basis\n"
        "a.txt,2023-11,https://x.org/a,Title A,Pub,byline\n"
        'b.txt,2021,,"Iran, Iraq",,\n'
        "sub/c.txt,2020-01-02,,,,\n",
    )
    for name in ("a.txt", "b.txt", "sub/c.txt", "d.txt"):
        write(tmp_path / name, "text")
    found = {f.name: f.manifest for f in files(list(discover([tmp_path])))}
    assert found["a.txt"] == SourceMetadata(
        title="Title A",
        url="https://x.org/a",
        publisher="Pub",
        published=PartialDate(2023, 11),
        published_source="manifest",
    )
    assert found["b.txt"] == SourceMetadata(
        title="Iran, Iraq", published=PartialDate(2021), published_source="manifest"
    )
    assert found["sub/c.txt"] is not None
    assert found["sub/c.txt"].published == PartialDate(2020, 1, 2)
    assert found["d.txt"] is None


def test_nearest_manifest_wins(tmp_path: Path) -> None:
    write(tmp_path / "manifest.csv", "file,published\nsub/c.txt,2020\n")
    write(tmp_path / "sub" / "manifest.csv", "file,published\nc.txt,2022-05\n")
    write(tmp_path / "sub" / "c.txt", "text")
    (found,) = files(list(discover([tmp_path])))
    assert found.manifest is not None and found.manifest.published == PartialDate(2022, 5)


def test_file_argument_uses_manifest_beside_it(tmp_path: Path) -> None:
    write(tmp_path / "manifest.csv", "file,published\na.txt,2019-03-04\n")
    a = write(tmp_path / "a.txt", "text")
    (found,) = files(list(discover([a])))
    assert found.manifest is not None and found.manifest.published == PartialDate(2019, 3, 4)


def test_bad_manifest_row_is_reported_and_skipped(tmp_path: Path) -> None:
    manifest = write(
        tmp_path / "manifest.csv",
        "file,published\na.txt,2023-11-01\nb.txt,2023-13-45\n",
    )
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "b.txt", "b")
    found = list(discover([tmp_path]))
    (error,) = errors(found)
    assert isinstance(error, MetadataError)
    message = str(error)
    assert str(manifest) in message and "line 3" in message and "b.txt" in message
    assert "YYYY-MM-DD" in message
    by_name = {f.name: f.manifest for f in files(found)}
    assert by_name["a.txt"] is not None and by_name["b.txt"] is None


def test_manifest_without_file_column_is_ignored(tmp_path: Path) -> None:
    manifest = write(tmp_path / "manifest.csv", "name,published\na.txt,2023\n")
    write(tmp_path / "a.txt", "a")
    found = list(discover([tmp_path]))
    (error,) = errors(found)
    assert isinstance(error, MetadataError)
    assert str(manifest) in str(error) and "'file' column" in str(error)
    (a,) = files(found)
    assert a.manifest is None


def test_manifest_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "manifest.csv", "file,published\na.txt,2023\n")
    a = write(tmp_path / "a.txt", "a")
    write(tmp_path / "b.txt", "b")
    calls: list[Path] = []
    original = read_module._read_manifest

    def counting(manifest: Path, rows: dict) -> object:
        calls.append(manifest)
        return original(manifest, rows)

    monkeypatch.setattr(read_module, "_read_manifest", counting)
    found = files(list(discover([a, tmp_path])))
    assert [f.name for f in found] == ["a.txt", "b.txt"]
    assert len(calls) == 1


def test_seed_manifest() -> None:
    found = list(discover([SEEDS]))
    assert not errors(found)
    by_name = {f.name: f for f in files(found)}
    assert sorted(by_name) == sorted(p.name for p in SEEDS.glob("*.txt"))
    meta = by_name["001_1f9d2d1b87ef81cc.txt"].manifest
    assert meta is not None
    assert meta.published == PartialDate(2023, 11, 1)
    assert meta.publisher == "The Washington Institute"
    assert meta.title == "Potential Escalation in Iraq (Part 1): Khamenei and Badr"
    doc = read_document(by_name["000_425beebd4e0e943e.txt"])
    assert doc.metadata.published == PartialDate(2024, 12)
    assert doc.metadata.published_source == "manifest"
    assert doc.format == "text"


# --- read_document: decoding and errors -----------------------------------------


def test_read_plain_text(tmp_path: Path) -> None:
    raw = "Title\r\n\r\n“Quote,” he said.\r\n".encode()
    path = write(tmp_path / "a.txt", raw)
    doc = read_document(source(path))
    assert isinstance(doc, RawDocument)
    assert doc.text == "Title\n\n“Quote,” he said.\n"
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()
    assert doc.format == "text"
    assert doc.name == "a.txt" and doc.path == path.resolve()
    assert doc.metadata == SourceMetadata()


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [(".md", "markdown"), (".markdown", "markdown"), (".TXT", "text"), (".htm", "html")],
)
def test_format_from_suffix(tmp_path: Path, suffix: str, expected: str) -> None:
    path = write(tmp_path / f"a{suffix}", "<p>Some text.</p>")
    assert read_document(source(path)).format == expected


def test_bom_is_stripped_but_hashed(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf---\ntitle: T\n---\nBody."
    path = write(tmp_path / "a.md", raw)
    doc = read_document(source(path))
    assert doc.text == "Body."
    assert doc.metadata.title == "T"
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n", "no article text"),
        ("only-front.md", b"---\ntitle: x\n---\n", "only front matter"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("empty.html", b"<html><script>x()</script><nav>Menu</nav></html>", "no article text"),
    ],
)
def test_unreadable_content_raises_document_error(
    tmp_path: Path, name: str, content: bytes, phrase: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(DocumentError) as info:
        read_document(source(path))
    message = str(info.value)
    assert message.startswith(str(path.resolve()))
    assert phrase in message


def test_text_that_is_not_utf8_is_decoded_and_the_guess_kept(tmp_path: Path) -> None:
    # Latin-1 and UTF-16 used to be refused; they are decoded now (tests/test_hostile.py has the table).
    path = write(tmp_path / "a.txt", "Le café du président est fermé.".encode("cp1252"))
    document = read_document(source(path))
    assert document.text == "Le café du président est fermé."
    assert document.encoding == "cp1252"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = SourceFile(path=tmp_path / "gone.txt", name="gone.txt", manifest=None)
    with pytest.raises(DocumentError, match=r"gone\.txt: cannot read it"):
        read_document(missing)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match=r"folder\.txt: cannot read it"):
        read_document(SourceFile(path=folder, name="folder.txt", manifest=None))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "target.txt")
    (found,) = files(list(discover([tmp_path])))
    with pytest.raises(DocumentError, match="No such file"):
        read_document(found)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "text")
    path.chmod(0)
    try:
        with pytest.raises(DocumentError, match=r"secret\.txt: cannot read it"):
            read_document(source(path))
    finally:
        path.chmod(0o644)


# --- metadata precedence ----------------------------------------------------------

MANIFEST_ROW = SourceMetadata(
    title="Manifest title",
    url="https://manifest.example/a",
    publisher="Manifest Pub",
    published=PartialDate(2020, 1, 1),
    published_source="manifest",
)


def test_front_matter_beats_manifest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        '---\ntitle: "Front title"\ndate: 2023-11-01T10:00:00Z\ntags:\n  - iraq\n---\n\nBody.\n',
    )
    doc = read_document(source(path, MANIFEST_ROW))
    assert doc.text == "\nBody.\n"
    assert doc.metadata == SourceMetadata(
        title="Front title",
        url="https://manifest.example/a",  # not in the front matter: the manifest's
        publisher="Manifest Pub",
        published=PartialDate(2023, 11, 1),
        published_source="front-matter",
    )


def test_published_key_preferred_to_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ndate: 2020\npublished: '2021-06'\n---\nBody.")
    assert read_document(source(path)).metadata.published == PartialDate(2021, 6)


def test_option_beats_front_matter_and_manifest(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\npublished: 2023-11-01\n---\nBody.")
    doc = read_document(source(path, MANIFEST_ROW), published=PartialDate(2024, 2))
    assert doc.metadata.published == PartialDate(2024, 2)
    assert doc.metadata.published_source == "option"
    assert doc.metadata.title == "Manifest title"


def test_manifest_used_when_nothing_else(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Body.")
    assert read_document(source(path, MANIFEST_ROW)).metadata == MANIFEST_ROW


def test_bad_front_matter_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\npublished: last Tuesday\n---\nBody.")
    with pytest.raises(MetadataError) as info:
        read_document(source(path))
    assert str(path.resolve()) in str(info.value) and "last Tuesday" in str(info.value)
    # An explicit --published overrides the broken value instead of failing.
    doc = read_document(source(path), published=PartialDate(2022))
    assert doc.metadata.published_source == "option"


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA document that starts with a rule.\n\n---\nMore.",
        "--- not front matter\ntitle: x\n---\n",
        "---\ntitle: never closed\n\nBody.",
    ],
)
def test_not_front_matter(tmp_path: Path, text: str) -> None:
    path = write(tmp_path / "a.md", text)
    doc = read_document(source(path))
    assert doc.text == text and doc.metadata.title is None


# --- HTML ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html>
<head>
  <title>Page title | Site</title>
  <meta property="og:title" content="OG &amp; title">
  <meta property="og:site_name" content="Example News">
  <meta property="og:url" content="https://example.org/og">
  <meta property="article:published_time" content="2023-11-01T08:30:00+03:00">
  <link rel="canonical" href="https://example.org/canonical">
  <style>p { color: red }</style>
  <script>document.write("<p>injected</p>")</script>
</head>
<body>
  <header><a href="/">Example News</a> <nav><ul><li>Home</li><li>World</li></ul></nav></header>
  <div class="promo">Subscribe now!</div>
  <article>
    <header><h1>Militia threatens   U.S.&nbsp;bases</h1>
      <time datetime="2022-01-01">Jan 1, 2022</time></header>
    <p>Kataib Hezbollah said on
       Monday: &ldquo;We will strike.&rdquo;</p>
    <figure><img src="a.jpg" alt="alt text"><figcaption>Fighters in Baghdad.</figcaption></figure>
    <p>The <b>group</b>&#8217;s leader spoke.<br>A second line.</p>
    <aside>Related: other story</aside>
    <ul><li>First point</li><li>Second point</li></ul>
    <blockquote>Quoted block</blockquote>
    <noscript>Enable JS</noscript>
    <form><button>Share</button></form>
    <svg><title>icon</title><text>svg text</text></svg>
  </article>
  <footer>© Example News</footer>
  <iframe src="https://ads.example/"></iframe>
</body>
</html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    doc = read_document(source(path))
    assert doc.format == "html"
    assert doc.text == (
        "Militia threatens U.S. bases\n\n"
        "Jan 1, 2022\n\n"
        "Kataib Hezbollah said on Monday: “We will strike.”\n\n"
        "The group’s leader spoke.\n\n"
        "A second line.\n\n"
        "First point\n\n"
        "Second point\n\n"
        "Quoted block"
    )
    assert doc.metadata == SourceMetadata(
        title="OG & title",
        url="https://example.org/canonical",
        publisher="Example News",
        published=PartialDate(2023, 11, 1),
        published_source="html-meta",
    )


def test_html_manifest_beats_meta(tmp_path: Path) -> None:
    path = write(tmp_path / "page.htm", PAGE)
    doc = read_document(source(path, MANIFEST_ROW))
    assert doc.metadata == MANIFEST_ROW


def test_html_without_article_uses_main_then_body(tmp_path: Path) -> None:
    main = write(
        tmp_path / "main.html",
        "<body><nav>Menu</nav><p>Outside.</p><main><p>Inside main.</p></main></body>",
    )
    assert read_document(source(main)).text == "Inside main."
    body = write(
        tmp_path / "body.html",
        "<title>T</title><header>Site</header><div>One<div>Two</div></div>"
        "<footer>Foot</footer><div><p>Unclosed <nav>menu</div><p>After",
    )
    doc = read_document(source(body))
    assert doc.text == "One\n\nTwo\n\nUnclosed\n\nAfter"
    assert doc.metadata.title == "T"


def test_html_longest_article_and_time_element(tmp_path: Path) -> None:
    path = write(
        tmp_path / "page.html",
        "<article><p>Teaser.</p></article>"
        "<article><time datetime='2021-04-02T10:00'>April 2</time>"
        "<p>The real article, which is much longer than the teaser.</p></article>",
    )
    doc = read_document(source(path))
    assert doc.text == "April 2\n\nThe real article, which is much longer than the teaser."
    assert doc.metadata.published == PartialDate(2021, 4, 2)
    assert doc.metadata.published_source == "html-meta"


def test_html_ignores_bad_meta_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "page.html",
        '<meta name="date" content="yesterday"><p>Body.</p>',
    )
    doc = read_document(source(path))
    assert doc.metadata.published is None and doc.metadata.published_source is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1 Nov 2023", "2023-11-01"),
        ("Nov 1, 2023", "2023-11-01"),
        ("Wed, 01 Nov 2023 10:00:00 GMT", "2023-11-01"),
        ("November 2023", "2023-11"),
    ],
)
def test_manifest_reads_written_dates_at_their_precision(tmp_path: Path, written: str, expected: str) -> None:
    write(tmp_path / "manifest.csv", f'file,published\na.txt,"{written}"\n')
    write(tmp_path / "a.txt", "a")
    found = list(discover([tmp_path]))
    assert not errors(found)
    (source,) = files(found)
    assert source.manifest is not None and source.manifest.published is not None
    assert source.manifest.published.iso() == expected

"""Ingest files into the store: read, clean, extract, write, one file at a time.

Files stream through one by one (an archive never sits in memory). An
unchanged file (same bytes, same publication metadata) costs a hash check;
a changed one has its statements replaced. A file that fails is reported
with the reason and the run goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rhetrack.clean import clean_text
from rhetrack.dates import find_byline_date
from rhetrack.errors import RhetrackError
from rhetrack.extract import Statement, extract_statements
from rhetrack.gazetteer import load_gazetteer
from rhetrack.read import SourceFile, discover, read_document
from rhetrack.storage import DocumentRecord, store_document, stored_document, sync_gazetteer

if TYPE_CHECKING:
    from rhetrack.partial_date import PartialDate
    from rhetrack.storage import Database

FileStatus = Literal["new", "updated", "unchanged", "failed"]
SUMMARY_COLUMNS = ("documents_new", "documents_updated", "documents_unchanged", "documents_failed",
                   "statements", "undated_statements", "corrections_orphaned")  # fmt: skip


@dataclass(frozen=True)
class FileResult:
    """What happened to one file."""

    name: str
    status: FileStatus
    statements: int = 0
    undated: int = 0
    reason: str | None = None
    orphaned_corrections: int = 0  # corrections whose quote is no longer in the changed file
    note: str | None = None  # something the user should know, e.g. a guessed encoding


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.results if result.status == "failed"]

    def as_row(self) -> dict[str, int]:
        """Counts of documents by outcome and of the statements written."""
        written = [r for r in self.results if r.status in ("new", "updated")]
        return {
            "documents_new": self.count("new"),
            "documents_updated": self.count("updated"),
            "documents_unchanged": self.count("unchanged"),
            "documents_failed": self.count("failed"),
            "statements": sum(r.statements for r in written),
            "undated_statements": sum(r.undated for r in written),
            "corrections_orphaned": sum(r.orphaned_corrections for r in written),
        }


def prepare_file(
    db: Database, source: SourceFile, published: PartialDate | None = None
) -> tuple[DocumentRecord, str, str | None] | None:
    """Read a file and its metadata; None when it is stored unchanged (a hash check).

    Raises RhetrackError when it cannot be read. Returns the record to store
    (without text yet), the raw text to extract from, and a note on a
    guessed encoding.
    """
    raw = read_document(source, published)
    metadata = raw.metadata
    publication, publication_source = metadata.published, metadata.published_source
    if publication is None:
        publication = find_byline_date(raw.text)
        publication_source = "byline" if publication else None
    record = DocumentRecord(
        path=str(raw.path),
        name=raw.name,
        content_hash=raw.content_hash,
        text="",
        title=metadata.title,
        url=metadata.url,
        publisher=metadata.publisher,
        published=publication,
        published_source=publication_source,
    )
    previous = stored_document(db, record.path)
    if previous is not None and previous == _fingerprint(record):
        return None
    note = f"{raw.path}: not UTF-8; read as {raw.encoding} (guessed)" if raw.encoding else None
    return record, raw.text, note


def extract_document(raw_text: str, published: PartialDate | None) -> tuple[str, list[Statement]]:
    """Clean a raw text and extract its statements: pure, so it can run in a worker."""
    text = clean_text(raw_text)
    return text, extract_statements(text, published, load_gazetteer())


def store_extracted(
    db: Database, record: DocumentRecord, text: str, statements: list[Statement], note: str | None = None
) -> FileResult:
    """Write one extracted document and say what happened."""
    stored = store_document(db, replace(record, text=text), statements)
    undated = sum(1 for s in statements if s.date.value is None)
    return FileResult(
        record.name, stored.status, len(statements), undated, None, stored.orphaned_corrections, note
    )


def _fingerprint(record: DocumentRecord) -> dict[str, str | None]:
    """What must be equal for a stored document to count as unchanged."""
    return {
        "content_hash": record.content_hash,
        "title": record.title,
        "url": record.url,
        "publisher": record.publisher,
        "published": record.published.iso() if record.published else None,
    }


def _failure(source: SourceFile, exc: Exception) -> FileResult:
    if isinstance(exc, RhetrackError):
        return FileResult(source.name, "failed", reason=str(exc))
    return FileResult(
        source.name,
        "failed",
        reason=f"{source.path}: could not be processed ({type(exc).__name__}: {exc}); please report this",
    )


def ingest(
    db: Database,
    paths: Sequence[Path],
    published: PartialDate | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Ingest files and folders (recursively); report each file through `on_result`.

    With `jobs` above 1, cleaning and extraction run in that many worker
    processes while this process reads, hash-checks and writes (SQLite wants
    one writer). At most a few documents per worker are in flight, so memory
    stays flat however large the corpus. Each document is written in its own
    transaction, so an interrupted run leaves every finished document stored
    and a re-run completes the rest.
    """
    sync_gazetteer(db, load_gazetteer())
    summary = IngestSummary()

    def report(result: FileResult) -> None:
        summary.results.append(result)
        if on_result is not None:
            on_result(result)

    def prepared() -> Iterator[tuple[SourceFile, DocumentRecord, str, str | None] | FileResult]:
        for item in discover(paths):
            if isinstance(item, RhetrackError):
                yield FileResult("", "failed", reason=str(item))
                continue
            try:
                ready = prepare_file(db, item, published)
            except Exception as exc:
                yield _failure(item, exc)
                continue
            yield FileResult(item.name, "unchanged") if ready is None else (item, *ready)

    if jobs <= 1:
        for item in prepared():
            if isinstance(item, FileResult):
                report(item)
                continue
            source, record, raw_text, note = item
            try:
                report(store_extracted(db, record, *extract_document(raw_text, record.published), note))
            except Exception as exc:
                report(_failure(source, exc))
        return summary

    from concurrent.futures import Future, ProcessPoolExecutor

    Pending = tuple[SourceFile, DocumentRecord, Future[tuple[str, list[Statement]]], str | None]
    window: deque[Pending | FileResult] = deque()

    def drain(keep: int) -> None:
        while len(window) > keep:
            head = window.popleft()
            if isinstance(head, FileResult):
                report(head)
                continue
            source, record, future, note = head
            try:
                report(store_extracted(db, record, *future.result(), note))
            except Exception as exc:
                report(_failure(source, exc))

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item in prepared():
            if isinstance(item, FileResult):
                window.append(item)
            else:
                source, record, raw_text, note = item
                window.append(
                    (source, record, pool.submit(extract_document, raw_text, record.published), note)
                )
            drain(keep=4 * jobs)
        drain(keep=0)
    return summary

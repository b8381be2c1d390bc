"""What any ingest with rhetrack's rules and schema must spend, per MB of text.

    python bench/ingest_bounds.py CORPUS_FOLDER [--articles 200]

Two lower bounds, each with nothing of rhetrack's Python around it:

- the whole-text scans: every pattern extraction runs over every document
  (quotation marks, sentence ends, reporting verbs, actor names, name runs,
  descriptions), each run bare as `list(pattern.finditer(text))`;
- the writes: the same documents and extracted statements inserted with
  `executemany` in one transaction into the real schema (its indexes and
  full-text index are what keep queries under 100 ms), beside the same
  rows without the full-text index and without the secondary indexes, and
  `store_document` one document at a time; the cheaper way into the real
  schema counts.

Their sum against 0.5 s/MB (2 MB/s) says whether that rate is reachable at
all on this machine; ingest itself is printed for comparison.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from run import timings  # bench/run.py, beside this script

from rhetrack import attribute, segment
from rhetrack.gazetteer import load_gazetteer
from rhetrack.ingest import extract_document, prepare_file, store_extracted
from rhetrack.read import discover
from rhetrack.storage import Database, _extracted_values, actor_id_for, open_database, sync_gazetteer


def fresh_database(folder: Path, name: str) -> Database:
    db = open_database(folder / name)
    sync_gazetteer(db, load_gazetteer())
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    sources = list(discover([args.corpus]))[: args.articles]
    raw = [source.path.read_text(encoding="utf-8") for source in sources]
    megabytes = sum(len(text.encode()) for text in raw) / 1e6
    extracted = [extract_document(text, None) for text in raw]
    texts = [text for text, _ in extracted]

    scans: dict[str, Callable[[str], object]] = {
        "quotation marks": segment._QUOTE_MARK.finditer,
        "sentence ends": segment._SENTENCE_END.finditer,
        "reporting verbs": gazetteer.reporting_verb.finditer,
        "actor names": gazetteer.actor_pattern.finditer,
        "name runs": attribute._NAME_RUN.finditer,
    }
    if gazetteer.description_pattern is not None:
        scans["descriptions"] = gazetteer.description_pattern.finditer
    scan_total = 0.0
    for name, scan in scans.items():
        seconds = min(timings(3, lambda scan=scan: [list(scan(text)) for text in texts])) / megabytes
        scan_total += seconds
        print(f"scan: {name:<40} {seconds:.3f} s/MB")
    print(f"scan: {'all':<40} {scan_total:.3f} s/MB")

    with tempfile.TemporaryDirectory() as workdir:
        folder = Path(workdir)
        db = fresh_database(folder, "ingest.db")
        start = time.perf_counter()
        for index, (source, (text, statements)) in enumerate(zip(sources, extracted, strict=True)):
            prepared = prepare_file(db, source)
            assert prepared is not None, index
            store_extracted(db, prepared[0], text, statements)
        stored = (time.perf_counter() - start) / megabytes
        count = sum(len(statements) for _, statements in extracted)

        writes: dict[str, float] = {}
        variants = (("the schema", ""), ("no full-text index", "fts"), ("no index", "all"))
        for label, drop in variants:
            db = fresh_database(folder, f"floor-{drop or 'schema'}.db")
            if drop:
                db.execute("DROP TRIGGER statements_fts_insert")
            if drop == "all":
                for (index_name,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statements' "
                    "AND sql IS NOT NULL"
                ).fetchall():
                    db.execute(f"DROP INDEX {index_name}")
            actor = actor_id_for(db, "Benchmark Speaker")
            rows = [
                {"document_id": number, **_extracted_values(statement, actor)}
                for number, (_, statements) in enumerate(extracted, 1)
                for statement in statements
            ]
            columns = list(rows[0]) if rows else []
            start = time.perf_counter()
            with db.conn:
                db.conn.executemany(
                    "INSERT INTO documents (id, path, name, content_hash, text, ingested_at) "
                    "VALUES (?, ?, ?, '', ?, '')",
                    [
                        (number, str(source.path), source.path.name, text)
                        for number, (source, text) in enumerate(zip(sources, texts, strict=True), 1)
                    ],
                )
                db.conn.executemany(
                    f"INSERT INTO statements ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [list(row.values()) for row in rows],
                )
            writes[label] = (time.perf_counter() - start) / megabytes
    for label, seconds in writes.items():
        print(f"write: {f'executemany, {label}':<40} {seconds:.3f} s/MB")
    print(f"write: {'store_document, one document at a time':<40} {stored:.3f} s/MB")
    # The cheaper of the two ways of writing the same rows into the schema.
    bound = scan_total + min(writes["the schema"], stored)
    print(
        f"\n{len(sources)} articles, {megabytes:.2f} MB, {count / megabytes / 1000:.2f} statements/KB: "
        f"scans + writes = {bound:.3f} s/MB, at most {1 / bound:.2f} MB/s with no other work "
        f"(2 MB/s allows 0.5 s/MB)"
    )


if __name__ == "__main__":
    sys.exit(main())

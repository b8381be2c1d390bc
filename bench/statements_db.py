"""A rhetrack database of N synthetic statements, built directly (for query benchmarks).

Ingesting a million statements' worth of articles takes a long time; query
speed only needs the tables as ingest leaves them, so this fills them with
executemany: statements over every actor and target, dates across ten
years, one source each, about 100 statements a document.

    python bench/statements_db.py OUT.db 1000000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlite_utils import Database

from rhetrack.gazetteer import load_gazetteer
from rhetrack.storage import open_database, quote_key, sync_gazetteer

WORDS = ["attack", "strike", "embassy", "bases", "withdraw", "enemy", "occupation", "resistance",
         "warn", "threat", "forces", "region", "Iraq", "liberate", "readiness", "response"]  # fmt: skip
BATCH = 50_000


def build(path: Path, statements: int, seed: int = 7) -> Database:
    db = open_database(path)
    sync_gazetteer(db, load_gazetteer())
    rng = random.Random(seed)
    actors = [row[0] for row in db.execute("SELECT id FROM actors")]
    targets = [row[0] for row in db.execute("SELECT id FROM targets")]
    documents = max(1, statements // 100)
    conn = db.conn
    conn.execute("BEGIN")
    conn.executemany(
        """INSERT INTO documents (id, path, name, content_hash, text, ingested_at, published,
               published_precision) VALUES (?, ?, ?, 'hash', 'text', 'now', '2023-01-01', 'day')""",
        [(i, f"/bench/doc{i}.txt", f"doc{i}.txt") for i in range(1, documents + 1)],
    )
    for first in range(1, statements + 1, BATCH):
        rows, sources, links = [], [], []
        for i in range(first, min(first + BATCH, statements + 1)):
            day = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            quote = " ".join(rng.choice(WORDS) for _ in range(12))
            document, actor = rng.randint(1, documents), rng.choice(actors)
            rows.append(
                (i, document, actor, actor, rng.choice(("direct", "indirect")), quote, quote, 0, len(quote),
                 day, "day", day, day, rng.randint(0, 4), quote_key(quote), rng.choice((1, 1, 1, 2, 3)))
            )  # fmt: skip
            sources.append((i, document, 0, len(quote), quote, quote))
            if rng.random() < 0.5:
                links.append((i, rng.choice(targets), "x"))
        conn.executemany(
            """INSERT INTO statements (id, document_id, actor_id, extracted_actor_id, kind, quote, sentence,
                   span_start, span_end, date, date_precision, date_start, date_end, level, quote_key,
                   source_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        conn.executemany("INSERT INTO statement_sources VALUES (?, ?, ?, ?, ?, ?)", sources)
        conn.executemany("INSERT OR IGNORE INTO statement_targets VALUES (?, ?, ?)", links)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return db


if __name__ == "__main__":
    build(Path(sys.argv[1]), int(sys.argv[2])).close()

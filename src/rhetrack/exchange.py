"""Export a database to a folder of CSV and JSON Lines files, and import it back.

Every table that holds the analyst's record (documents with their text and
metadata, actors, aliases, targets, statements, their sources and targets,
corrections) is written twice: `NAME.jsonl`, which `import` reads and which
loses nothing, and `NAME.csv` for spreadsheets. Ids are kept, so an import
into a new database gives back the same statements, corrections and aliases.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhetrack.errors import ExchangeError
from rhetrack.query import table_rows
from rhetrack.spreadsheet import csv_safe
from rhetrack.storage import EXCHANGE_TABLES, load_rows, read_transaction

if TYPE_CHECKING:
    from rhetrack.storage import Database

FORMAT_VERSION = 1
MANIFEST = "rhetrack-export.json"


def export_database(db: Database, directory: Path) -> dict[str, int]:
    """Write every exchange table to `directory`; return rows written per table."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    # One snapshot: a concurrent ingest cannot change the tables between them,
    # and the export never holds up an ingest.
    with read_transaction(db):
        tables = {table: table_rows(db, table) for table in EXCHANGE_TABLES}
    for table, rows in tables.items():
        with (directory / f"{table}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        columns = list(rows[0]) if rows else []
        with (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(
                [csv_safe(value) if isinstance(value, str) else value for value in (row[c] for c in columns)]
                for row in rows
            )
        counts[table] = len(rows)
    (directory / MANIFEST).write_text(
        json.dumps({"format": FORMAT_VERSION, "tables": counts}, indent=2) + "\n", encoding="utf-8"
    )
    return counts


def import_database(db: Database, directory: Path) -> dict[str, int]:
    """Load an export folder into an empty database; return rows loaded per table."""
    manifest = directory / MANIFEST
    if not manifest.is_file():
        raise ExchangeError(f"{directory}: no {MANIFEST} here; give the folder `rhetrack export` wrote")
    try:
        version = json.loads(manifest.read_text(encoding="utf-8")).get("format")
    except (OSError, json.JSONDecodeError) as exc:
        raise ExchangeError(f"{manifest}: cannot be read ({exc}); export again") from exc
    if version != FORMAT_VERSION:
        raise ExchangeError(f"{manifest}: export format {version}, this rhetrack reads {FORMAT_VERSION}")
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in EXCHANGE_TABLES:
        path = directory / f"{table}.jsonl"
        if not path.is_file():
            raise ExchangeError(f"{path}: missing from the export; export again")
        rows = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ExchangeError(f"{path}, line {number}: not JSON ({exc}); export again") from exc
        tables[table] = rows
    return load_rows(db, tables)

"""Run every rhetrack benchmark and print each figure next to a floor measured
in the same run on the same machine, with the ratio (figure / floor).

    python bench/run.py                       # the standard run: 10,000 articles, 1,000,000 statements
    python bench/run.py --articles 500 --statements 100000   # a quick run

Floors: for ingest, reading the same files and inserting one raw row per
paragraph with sqlite3 executemany in one transaction (its time and, in a
process of its own, its peak memory); for queries, the
same filter as one plain indexed SELECT ... LIMIT on the same database;
for `actors`, `trends` and `report` end to end, a fresh Python process that
runs the same aggregate (or reads the same statements) as one plain sqlite3
query and writes the rows out; for start-up, `python -c pass` and a minimal Typer app printing one rich
table. Absolute times vary between machines; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

MINIMAL_APP = """
import typer
from rich.console import Console
from rich.table import Table
app = typer.Typer()
@app.command()
def main() -> None:
    table = Table("a", "b")
    table.add_row("1", "2")
    Console().print(table)
app()
"""


def rhetrack_command() -> list[str]:
    return [sys.executable, "-m", "rhetrack"]


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one command."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{result.stderr}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def timings(runs: int, action: Callable[[], object]) -> list[float]:
    """Wall seconds of each of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def median_of(runs: int, action: Callable[[], object]) -> float:
    return statistics.median(timings(runs, action))


def floor_ingest(folder: Path, database: Path) -> float:
    """Read every file and insert one raw row per paragraph in one transaction."""
    start = time.perf_counter()
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE raw (file TEXT, paragraph TEXT)")
    with conn:
        conn.executemany(
            "INSERT INTO raw VALUES (?, ?)",
            (
                (path.name, paragraph)
                for path in sorted(folder.glob("*.txt"))
                for paragraph in path.read_text(encoding="utf-8").split("\n\n")
            ),
        )
    conn.close()
    return time.perf_counter() - start


def floor_ingest_process(folder: Path, database: Path) -> tuple[float, int]:
    """`floor_ingest` in a process of its own: its seconds and peak resident memory (KiB)."""
    database.unlink(missing_ok=True)
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, __file__, "--floor", str(folder), str(database)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout), int(result.stderr.strip().splitlines()[-1])


REPORT_STATEMENTS = 10_000
# The floors of the aggregate commands: a fresh Python process that runs the
# same aggregate (or reads the same statements) as one plain sqlite3 query and
# writes the rows out.
FLOOR_ACTORS = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT actor_id, count(*), max(date), max(level) FROM statements "
                    "WHERE rejected = 0 AND orphaned = 0 GROUP BY actor_id").fetchall()
csv.writer(sys.stdout).writerows(rows)
"""
FLOOR_TRENDS = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
end = conn.execute("SELECT max(date_end) FROM statements").fetchone()[0]
rows = conn.execute("SELECT actor_id, date_start > date(?, '-30 days'), count(*), max(level), avg(level), "
                    "sum(level = 3), sum(level = 4) FROM statements WHERE date_start > date(?, '-120 days') "
                    "GROUP BY 1, 2", [end, end]).fetchall()
csv.writer(sys.stdout).writerows(rows)
"""
FLOOR_REPORT = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT s.id, s.date, s.date_precision, a.name, s.level, s.kind, s.quote, s.sentence, "
                    "s.source_count, d.name, d.title, d.url FROM statements s "
                    "JOIN documents d ON d.id = s.document_id LEFT JOIN actors a ON a.id = s.actor_id "
                    "WHERE s.date_start >= ? ORDER BY s.date_start DESC", [sys.argv[2]]).fetchall()
with open(sys.argv[3], "w", encoding="utf-8") as out:
    json.dump(rows, out, ensure_ascii=False)
"""


def floor_command(script: str, *args: object) -> list[str]:
    return [sys.executable, "-c", script, *map(str, args)]


def report_selection(database: Path, size: int) -> tuple[str, int]:
    """The --since day that selects about `size` of the newest statements, and how many it selects."""
    conn = sqlite3.connect(database)
    since = conn.execute(
        "SELECT date_start FROM statements ORDER BY date_start DESC LIMIT 1 OFFSET ?", [size - 1]
    ).fetchone()[0]
    selected = conn.execute("SELECT count(*) FROM statements WHERE date_start >= ?", [since]).fetchone()[0]
    conn.close()
    return since, selected


SECTIONS = ("ingest", "paragraphs", "queries", "aggregates", "startup")


class Results:
    """The table's rows, each figure beside its floor and their ratio, and the notes under it."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.notes: list[str] = []

    def record(
        self, name: str, value: float, floor: float, unit: str, higher_is_better: bool = False
    ) -> None:
        ratio = floor / value if higher_is_better else value / floor
        self.rows.append((name, f"{value:,.2f} {unit}", f"{floor:,.2f} {unit}", f"{ratio:.2f}x"))
        print(f"  {name}: {value:,.2f} {unit} (floor {floor:,.2f}, ratio {ratio:.2f}x)", file=sys.stderr)

    def annotate_last(self, text: str) -> None:
        name, value, floor, ratio = self.rows[-1]
        self.rows[-1] = (name, value, floor, f"{ratio}  ({text})")

    def print(self) -> None:
        print("| figure | rhetrack | floor | ratio |")
        print("|---|---|---|---|")
        for name, value, floor, ratio in self.rows:
            print(f"| {name} | {value} | {floor} | {ratio} |")
        if self.notes:
            print("\n" + "; ".join(self.notes))


def bench_ingest(args: argparse.Namespace, workdir: Path, results: Results) -> None:
    """Ingest MB/s (1 process and one per core), re-ingest and peak memory; the stress corpus."""
    import corpus

    cores = os.cpu_count() or 1
    densities = []
    corpus_size = ""
    for share, runs in ((corpus.QUOTING_SHARE, (1, cores)), (1.0, (1,))):
        folder = workdir / f"corpus-{args.articles}x{args.size}-q{share:.2f}"
        if not (folder / "manifest.csv").exists():
            print(f"generating {args.articles} articles in {folder}", file=sys.stderr)
            for _ in corpus.generate(folder, args.articles, args.size, quoting_share=share):
                pass
        megabytes = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        documents = len(list(folder.glob("*.txt")))
        floor_seconds, floor_peak = floor_ingest_process(folder, workdir / "floor.db")
        dense = " (stress: speech in every paragraph)" if share == 1.0 else ""
        peak = {}
        for jobs in runs:
            database = workdir / f"ingest{jobs}-q{share:.2f}.db"
            database.unlink(missing_ok=True)
            seconds, peak[jobs] = timed(
                [*rhetrack_command(), "ingest", str(folder), "--db", str(database), "--jobs", str(jobs)]
            )
            label = ("1 process" if jobs == 1 else f"{jobs} processes") + dense
            floor_rate = megabytes / floor_seconds
            results.record(f"ingest MB/s, {label}", megabytes / seconds, floor_rate, "MB/s", True)
            floor_rate = documents / floor_seconds
            results.record(f"ingest documents/s, {label}", documents / seconds, floor_rate, "docs/s", True)
            results.annotate_last(f"{megabytes / seconds / jobs:.2f} MB/s per core")
        # Each statement a file reports is one source (the corpus repeats quotes).
        statements = sqlite3.connect(database).execute("SELECT count(*) FROM statement_sources").fetchone()[0]
        densities.append(f"{statements / megabytes / 1000:.2f} statements/KB{dense}")
        if dense:
            continue
        ingested = workdir / f"ingest1-q{share:.2f}.db"
        seconds, _ = timed([*rhetrack_command(), "ingest", str(folder), "--db", str(ingested)])
        results.record("re-ingest of the unchanged corpus, s", seconds, floor_seconds, "s")
        label = f"ingest peak memory, 1 process ({megabytes:,.1f} MB corpus)"
        results.record(label, peak[1] / 1024, floor_peak / 1024, "MiB")
        corpus_size = f"{documents:,} articles, {megabytes:,.1f} MB"
    results.notes.append(
        f"{corpus_size} each corpus ({'; '.join(densities)}; the seed articles: 1.10); {cores} cores"
    )


def bench_paragraphs(args: argparse.Namespace, workdir: Path, results: Results) -> None:
    """One paragraph of N short threats against the same N in separate paragraphs (bench/paragraphs.py)."""
    import paragraphs

    cases = paragraphs.run_cases(workdir / "paragraphs", tuple(args.paragraph_counts))
    for case in cases:
        results.record(case.label, case.one_paragraph_seconds, case.separate_seconds, "s")
        results.annotate_last(f"goal < {paragraphs.GOAL}x; {case.one_paragraph_statements:,} stored")


def query_database(args: argparse.Namespace, workdir: Path) -> Path:
    """The database of synthetic statements that the query and aggregate rows read, built once."""
    import statements_db

    query_db = workdir / f"statements{args.statements}.db"
    if not query_db.exists():
        print(f"building {args.statements:,} statements in {query_db}", file=sys.stderr)
        statements_db.build(query_db, args.statements).close()
    return query_db


def bench_queries(args: argparse.Namespace, workdir: Path, results: Results) -> None:
    """`show` and `timeline` with each filter against the same filter as one plain indexed SELECT."""
    query_db = query_database(args, workdir)
    from rhetrack.partial_date import PartialDate
    from rhetrack.query import STATEMENT_COLUMNS, StatementFilter, find_statements, timeline
    from rhetrack.render import OutputFormat, render_rows
    from rhetrack.storage import open_database

    db = open_database(query_db)
    raw = sqlite3.connect(query_db)
    khazali = raw.execute("SELECT actor_id FROM aliases WHERE folded = 'qais al khazali'").fetchone()[0]
    target = raw.execute("SELECT id FROM targets WHERE name = 'us-bases'").fetchone()[0]
    filters = {
        "--actor Khazali": (StatementFilter(actor="Khazali", limit=100),
                            ("SELECT id FROM statements WHERE actor_id = ? LIMIT 100", [khazali])),
        "--since 2025-06": (StatementFilter(since=PartialDate(2025, 6), limit=100),
                            ("SELECT id FROM statements WHERE date_start >= '2025-06-01' LIMIT 100", [])),
        "--min-level 4": (StatementFilter(min_level=4, limit=100),
                          ("SELECT id FROM statements WHERE level >= 4 LIMIT 100", [])),
        "--target us-bases": (
            StatementFilter(target="us-bases", limit=100),
            ("SELECT statement_id FROM statement_targets WHERE target_id = ? LIMIT 100", [target])),
        "--search embassy": (
            StatementFilter(search="embassy", limit=100),
            ("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'embassy' LIMIT 100", [])),
    }  # fmt: skip
    for name, (statement_filter, (floor_sql, floor_params)) in filters.items():
        for command, run in (("show", find_statements), ("timeline", timeline)):

            def query(run: Callable = run, statement_filter: StatementFilter = statement_filter) -> None:
                render_rows(
                    run(db, statement_filter), STATEMENT_COLUMNS, OutputFormat.csv, stream=io.StringIO()
                )

            def floor_query(sql: str = floor_sql, params: list = floor_params) -> None:
                raw.execute(sql, params).fetchall()

            value = median_of(5, query) * 1000
            floor = median_of(5, floor_query) * 1000
            results.record(
                f"{command} {name} (limit 100), {args.statements:,} statements", value, floor, "ms"
            )
    raw.close()
    db.close()


def bench_aggregates(args: argparse.Namespace, workdir: Path, results: Results) -> None:
    """`actors`, `trends` and `report` end to end (start-up included) against one plain sqlite3 query."""
    query_db = query_database(args, workdir)
    selection_since, selection = report_selection(query_db, REPORT_STATEMENTS)
    report_file = workdir / "report.html"
    floor_file = workdir / "report-floor.json"
    aggregates = {
        "rhetrack actors": (
            [*rhetrack_command(), "actors", "--db", str(query_db), "--format", "csv"],
            floor_command(FLOOR_ACTORS, query_db),
        ),
        "rhetrack trends": (
            [*rhetrack_command(), "trends", "--db", str(query_db), "--format", "csv"],
            floor_command(FLOOR_TRENDS, query_db),
        ),
        f"rhetrack report --since {selection_since} ({selection:,} statements)": (
            [*rhetrack_command(), "report", "--db", str(query_db), "--since", selection_since,
             "-o", str(report_file), "--force"],
            floor_command(FLOOR_REPORT, query_db, selection_since, floor_file),
        ),
    }  # fmt: skip
    for name, (command, floor) in aggregates.items():
        value = statistics.median(timed(command)[0] for _ in range(3))
        floor_seconds = statistics.median(timed(floor)[0] for _ in range(3))
        unit, scale = ("s", 1) if "report" in name else ("ms", 1000)
        results.record(
            f"{name}, end to end, {args.statements:,} in the database",
            value * scale,
            floor_seconds * scale,
            unit,
        )
    results.record(
        f"report file size ({selection:,} statements) vs the same statements as JSON",
        report_file.stat().st_size / 1e6,
        floor_file.stat().st_size / 1e6,
        "MB",
    )


def bench_startup(args: argparse.Namespace, workdir: Path, results: Results) -> None:
    """Cold start of `--help` and `show --limit 10` against `python -c pass` and a minimal Typer app."""
    # On a small database (the seed articles), as the goal states. The four
    # commands run in turn, round after round, so that a drift of the
    # machine (page cache, other load) weighs on rhetrack and its floors alike.
    minimal = workdir / "minimal_app.py"
    minimal.write_text(MINIMAL_APP, encoding="utf-8")
    seeds_db = workdir / "seeds.db"
    seeds_db.unlink(missing_ok=True)
    timed([*rhetrack_command(), "ingest", str(HERE.parent / "seeds"), "--db", str(seeds_db)])
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "minimal app": [sys.executable, str(minimal)],
        "rhetrack --help": [*rhetrack_command(), "--help"],
        "rhetrack show --limit 10": [*rhetrack_command(), "show", "--limit", "10", "--db", str(seeds_db)],
    }
    starts: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(11):
        for name, command in commands.items():
            starts[name].append(timed(command)[0])
    start_ms = {name: statistics.median(times) * 1000 for name, times in starts.items()}
    for label in ("rhetrack --help", "rhetrack show --limit 10"):
        value = start_ms[label]
        results.record(
            f"cold start: {label} vs a minimal Typer+rich app", value, start_ms["minimal app"], "ms"
        )
        results.record(f"cold start: {label} vs python -c pass", value, start_ms["python -c pass"], "ms")


BENCHES: dict[str, Callable[[argparse.Namespace, Path, Results], None]] = {
    "ingest": bench_ingest,
    "paragraphs": bench_paragraphs,
    "queries": bench_queries,
    "aggregates": bench_aggregates,
    "startup": bench_startup,
}


def main() -> None:
    if sys.argv[1:2] == ["--floor"]:
        # The floor's own process: nothing imported beyond what it needs.
        print(floor_ingest(Path(sys.argv[2]), Path(sys.argv[3])))
        return
    sys.path.insert(0, str(HERE))

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=6000, help="characters per article")
    parser.add_argument("--statements", type=int, default=1_000_000, help="statements in the query database")
    parser.add_argument(
        "--paragraph-counts",
        type=int,
        nargs="+",
        default=[1000, 2000],
        help="quotations per document in the paragraph-size rows",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=list(BENCHES),
        help="run only this part (repeat for several); default: all, in this order: " + ", ".join(BENCHES),
    )
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and databases here")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rhetrack-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = Results()
    for name, bench in BENCHES.items():
        if args.only is None or name in args.only:
            bench(args, workdir, results)
    results.notes.append(f"Python {sys.version.split()[0]}")
    results.print()


if __name__ == "__main__":
    main()

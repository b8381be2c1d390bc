"""Extraction cost against the size of a paragraph: one paragraph of N short
threats against the same N in separate paragraphs (issue 11).

    python bench/paragraphs.py                   # 1,000 and 2,000 quotations, median of 3
    python bench/paragraphs.py --counts 500 1000 2000 4000 --runs 5

A transcript whose paragraph breaks were lost in scraping is one paragraph of
many short quotations. Each case is one document: a sentence naming a known
speaker ("Qais al-Khazali, the leader of Asaib Ahl al-Haq, spoke on
Friday."), then N times "“We will strike back N,” he said." either in that
same paragraph or each in a paragraph of its own. The floor is the
separate-paragraphs document; the ratio (one paragraph / separate
paragraphs) must stay under 1.5 at every size, so extraction stays linear
in the size of a paragraph. The quotations are numbered so that each is a
statement of its own; identical quotations in one document are merged into
one stored statement, so that variant is measured too (extraction still
runs N times, the writes once).

Times are of `rhetrack.ingest.ingest` into a fresh database, in this
process, after one warm-up ingest (so start-up and the gazetteer's loading
are in neither side); the two layouts are timed in turn, round after round.
Exits 1 when a ratio reaches the goal, for use as a check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GOAL = 1.5
INTRODUCTION = "Qais al-Khazali, the leader of Asaib Ahl al-Haq, spoke on Friday."
SPEAKER = "Qais al-Khazali"


@dataclass(frozen=True)
class ParagraphCase:
    """One size and variant, timed in both layouts."""

    count: int
    numbered: bool
    one_paragraph_seconds: float
    separate_seconds: float
    one_paragraph_statements: int
    separate_statements: int

    @property
    def ratio(self) -> float:
        return self.one_paragraph_seconds / self.separate_seconds

    @property
    def label(self) -> str:
        quotes = "numbered quotations" if self.numbered else "identical quotations"
        return f"ingest {self.count:,} {quotes} in one paragraph vs in {self.count:,} paragraphs"


def quotation(index: int, numbered: bool) -> str:
    return f"“We will strike back {index + 1},” he said." if numbered else "“We will strike back,” he said."


def write_document(folder: Path, count: int, numbered: bool, one_paragraph: bool) -> Path:
    """A folder holding one article and its manifest (a publication date, so dating runs too)."""
    folder.mkdir(parents=True, exist_ok=True)
    quotes = [quotation(index, numbered) for index in range(count)]
    if one_paragraph:
        text = " ".join([INTRODUCTION, *quotes]) + "\n"
    else:
        text = "\n\n".join([INTRODUCTION, *quotes]) + "\n"
    (folder / "transcript.txt").write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published\ntranscript.txt,2024-02-02\n", encoding="utf-8")
    return folder


def ingest_once(folder: Path, database: Path) -> tuple[float, int]:
    """Seconds to ingest `folder` into a new database, and the statements stored by the speaker."""
    from rhetrack.ingest import ingest
    from rhetrack.storage import open_database

    database.unlink(missing_ok=True)
    db = open_database(database)
    start = time.perf_counter()
    summary = ingest(db, [folder])
    seconds = time.perf_counter() - start
    if summary.failed:
        raise SystemExit(f"benchmark ingest failed: {summary.failed[0].reason}")
    (stored,) = db.conn.execute(
        "SELECT count(*) FROM statements s JOIN actors a ON a.id = s.actor_id WHERE a.name = ?", [SPEAKER]
    ).fetchone()
    db.close()
    return seconds, stored


def measure(workdir: Path, count: int, numbered: bool, runs: int = 3) -> ParagraphCase:
    """Median ingest time of each layout over `runs` rounds, the layouts in turn."""
    layouts = {
        one: write_document(
            workdir / f"{count}-{'numbered' if numbered else 'same'}-{one}", count, numbered, one
        )
        for one in (True, False)
    }
    times: dict[bool, list[float]] = {True: [], False: []}
    stored: dict[bool, int] = {}
    for _ in range(runs):
        for one, folder in layouts.items():
            seconds, stored[one] = ingest_once(folder, workdir / "paragraphs.db")
            times[one].append(seconds)
    return ParagraphCase(
        count,
        numbered,
        statistics.median(times[True]),
        statistics.median(times[False]),
        stored[True],
        stored[False],
    )


def warm_up(workdir: Path) -> None:
    """Load the gazetteer and lexicons once, so neither layout pays for it."""
    ingest_once(write_document(workdir / "warm-up", 10, True, True), workdir / "warm-up.db")


def run_cases(
    workdir: Path, counts: tuple[int, ...] = (1000, 2000), runs: int = 3, identical: bool = True
) -> list[ParagraphCase]:
    """Every size with numbered quotations, and (with `identical`) the largest with identical ones."""
    warm_up(workdir)
    cases = [measure(workdir, count, True, runs) for count in counts]
    if identical:
        cases.append(measure(workdir, max(counts), False, runs))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 2000], help="quotations per document")
    parser.add_argument("--runs", type=int, default=3, help="rounds; each layout's median is reported")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the documents and database here")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rhetrack-paragraphs-"))
    cases = run_cases(workdir, tuple(args.counts), args.runs)
    print("| figure | one paragraph | separate paragraphs (floor) | ratio |")
    print("|---|---|---|---|")
    for case in cases:
        print(
            f"| {case.label} | {case.one_paragraph_seconds:.2f} s | {case.separate_seconds:.2f} s "
            f"| {case.ratio:.2f}x |"
        )
    print(
        "\nstatements stored (one paragraph / separate): "
        + "; ".join(
            f"{case.count:,} {'numbered' if case.numbered else 'identical'}: "
            f"{case.one_paragraph_statements:,} / {case.separate_statements:,}"
            for case in cases
        )
        + f"; goal: every ratio under {GOAL}"
    )
    over = [case for case in cases if case.ratio >= GOAL]
    if over:
        for case in over:
            print(f"over the goal: {case.label}: {case.ratio:.2f}x >= {GOAL}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()

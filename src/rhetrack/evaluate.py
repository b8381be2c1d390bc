"""Compare the statements in a database with a gold file, as `rhetrack eval` does.

The gold format and the matching rule are those of the annotators' README:
a statement matches a gold line in the same document when the longest
common run of characters between the gold `key` and the statement's quote
(quotation marks, dashes and spacing folded) covers at least 60% of the
shorter of the two, or, for an indirect statement, when the key lies inside
the statement's sentence. Each gold line matches at most one statement; a
statement that matches no gold line is invented, unless it overlaps a line
already matched by another statement (a split).

For `--misses`, the misses come grouped by problem (`group_misses`) and the
levels of the matched statements as a confusion table (`level_confusion`):
gold level down, level found across, so under-rating shows as the counts
left of the diagonal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from rhetrack.errors import GoldFileError
from rhetrack.gazetteer import Gazetteer, fold_name, load_gazetteer
from rhetrack.query import StatementFilter, find_statements

if TYPE_CHECKING:
    from rhetrack.storage import Database

MATCH_COVERAGE = 0.6
FIGURES = ("recall", "precision", "speaker", "date", "level_exact", "level_within_one", "target_f1")
_MARKS = re.compile(r"[\"“”„«»‘’'`]")
_DASHES = re.compile(r"[—–‐‑-]+")
LEVELS = range(5)
CONFUSION_COLUMNS = ("gold", *(f"found_{level}" for level in LEVELS), "total", "under", "exact", "over")
# Each problem `--misses` reports, in the order its groups are listed, with what the group holds.
MISS_PROBLEMS = {
    "missed": "required gold lines no statement matches",
    "invented": "statements that match no gold line",
    "speaker": "matched statements with another speaker",
    "date": "matched statements with another date",
    "level": "matched statements with another level",
    "targets": "matched statements with other targets",
}


@dataclass(frozen=True)
class GoldStatement:
    line: int
    doc: str
    key: str
    kind: str
    speaker: str
    speakers_ok: tuple[str, ...]
    date: str
    dates_ok: tuple[str, ...]
    level: int
    levels_ok: tuple[int, ...]
    targets: frozenset[str]
    targets_ok: frozenset[str]
    required: bool


@dataclass(frozen=True)
class Miss:
    """One thing eval found wrong, with the reason, for `--misses`."""

    problem: str  # missed, invented, speaker, date, level, targets
    document: str
    statement_id: int | None
    text: str
    reason: str


@dataclass(frozen=True)
class LevelPair:
    """The level of one matched statement: the gold line's, the others it accepts, the one found."""

    gold: int
    accepted: tuple[int, ...]
    found: int

    @property
    def verdict(self) -> str:
        """`exact` where the gold line accepts the level found (as `level_exact` counts), else `under` or
        `over` the gold level."""
        if self.found == self.gold or self.found in self.accepted:
            return "exact"
        return "under" if self.found < self.gold else "over"


@dataclass(frozen=True)
class ConfusionRow:
    """One row of the level confusion table: statements of one gold level (or `all`) by level found."""

    gold: int | str
    found: tuple[int, ...]  # how many were found at level 0, 1, 2, 3, 4
    under: int
    exact: int
    over: int

    def as_row(self) -> dict[str, Any]:
        """The row under CONFUSION_COLUMNS: `gold, found_0 … found_4, total, under, exact, over`."""
        values = (self.gold, *self.found, sum(self.found), self.under, self.exact, self.over)
        return dict(zip(CONFUSION_COLUMNS, values, strict=True))


def level_confusion(pairs: Iterable[LevelPair]) -> list[ConfusionRow]:
    """Counts of matched statements by gold level (rows 0-4, then `all`) and level found (columns).

    Every row is there, empty or not. `exact` counts what `level_exact` counts, so
    a level the gold line accepts as an alternative is exact though off the
    diagonal; `under` and `over` compare with the gold line's own level.

    >>> [row.as_row()["found_2"] for row in level_confusion([LevelPair(3, (), 2)])]
    [0, 0, 0, 1, 0, 1]
    """
    cells = {gold: [0] * len(LEVELS) for gold in LEVELS}
    verdicts = {gold: {"under": 0, "exact": 0, "over": 0} for gold in LEVELS}
    for pair in pairs:
        cells[pair.gold][pair.found] += 1
        verdicts[pair.gold][pair.verdict] += 1
    rows = [ConfusionRow(gold, tuple(cells[gold]), **verdicts[gold]) for gold in LEVELS]
    total = ConfusionRow(
        "all",
        tuple(sum(row.found[level] for row in rows) for level in LEVELS),
        sum(row.under for row in rows),
        sum(row.exact for row in rows),
        sum(row.over for row in rows),
    )
    return [*rows, total]


def group_misses(misses: Iterable[Miss]) -> list[tuple[str, list[Miss]]]:
    """The misses by problem, in the order of MISS_PROBLEMS, each group in the order found; no empty group."""
    groups: dict[str, list[Miss]] = {problem: [] for problem in MISS_PROBLEMS}
    for miss in misses:
        groups[miss.problem].append(miss)
    return [(problem, group) for problem, group in groups.items() if group]


@dataclass
class Evaluation:
    figures: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    levels: list[LevelPair] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [{"figure": name, "value": self.figures[name]} for name in FIGURES]

    def level_confusion(self) -> list[ConfusionRow]:
        """The levels of the matched statements as a confusion table (see `level_confusion`)."""
        return level_confusion(self.levels)


def fold_text(text: str) -> str:
    """Quotation marks dropped, dashes unified, spacing collapsed, case folded."""
    return " ".join(_DASHES.sub("-", _MARKS.sub("", text)).casefold().split())


def load_gold(path: Path) -> list[GoldStatement]:
    """Read a gold JSONL file; GoldFileError names the line that is wrong."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFileError(f"{path}: cannot be read ({exc.strerror}); check the path") from exc
    gold = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            gold.append(
                GoldStatement(
                    line=number,
                    doc=entry["doc"],
                    key=entry["key"],
                    kind=entry.get("kind", "direct"),
                    speaker=entry["speaker"],
                    speakers_ok=tuple(entry.get("speaker_ok", [])),
                    date=entry.get("date", ""),
                    dates_ok=tuple(entry.get("date_alt", [])),
                    level=int(entry["level"]),
                    levels_ok=tuple(int(v) for v in entry.get("level_alt", [])),
                    targets=frozenset(entry.get("targets", [])),
                    targets_ok=frozenset(entry.get("targets_ok", [])),
                    required=bool(entry.get("required", True)),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldFileError(
                f"{path}, line {number}: not a gold statement ({exc}); see the gold README for the fields"
            ) from exc
    return gold


def _coverage(key: str, quote: str) -> float:
    a, b = fold_text(key), fold_text(quote)
    if not a or not b:
        return 0.0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size / min(len(a), len(b))


def _score(gold: GoldStatement, row: dict[str, Any]) -> float:
    score = _coverage(gold.key, row["quote"])
    if row["kind"] == "indirect" and fold_text(gold.key) in fold_text(row["sentence"]):
        score = max(score, 1.0)
    return score


def _same_speaker(name: str, gold_names: tuple[str, ...], gazetteer: Gazetteer) -> bool:
    def canonical(text: str) -> str:
        actor = gazetteer.actor_for(text)
        return fold_name(actor.name if actor else text)

    return canonical(name) in {canonical(g) for g in gold_names}


def evaluate(db: Database, gold: list[GoldStatement]) -> Evaluation:
    """Recall, precision and accuracies of the database against gold lines."""
    gazetteer = load_gazetteer()
    documents = {g.doc for g in gold}
    statements = [
        row for row in find_statements(db, StatementFilter()) if PurePath(row["document"]).name in documents
    ]
    candidates = []
    for g_index, g in enumerate(gold):
        for s_index, row in enumerate(statements):
            if PurePath(row["document"]).name != g.doc:
                continue
            score = _score(g, row)
            if score >= MATCH_COVERAGE:
                candidates.append((score, g_index, s_index))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    gold_match: dict[int, int] = {}
    statement_match: dict[int, int] = {}
    for _, g_index, s_index in candidates:
        if g_index not in gold_match and s_index not in statement_match:
            gold_match[g_index] = s_index
            statement_match[s_index] = g_index
    overlapping = {s for _, g, s in candidates if g in gold_match}

    result = Evaluation()
    required = [i for i, g in enumerate(gold) if g.required]
    found_required = [i for i in required if i in gold_match]
    invented = [i for i in range(len(statements)) if i not in statement_match and i not in overlapping]
    splits = [i for i in range(len(statements)) if i not in statement_match and i in overlapping]
    for i in required:
        if i not in gold_match:
            g = gold[i]
            result.misses.append(
                Miss("missed", g.doc, None, g.key, f"no statement matches (gold line {g.line})")
            )
    for i in invented:
        row = statements[i]
        result.misses.append(
            Miss(
                "invented",
                row["document"],
                row["id"],
                row["quote"],
                f"{row['speaker']}: matches no gold line",
            )
        )

    speaker_ok = date_ok = level_ok = level_near = 0
    true_pos = false_pos = false_neg = 0
    for g_index, s_index in gold_match.items():
        g, row = gold[g_index], statements[s_index]

        def miss(problem: str, reason: str, g: GoldStatement = g, row: dict[str, Any] = row) -> None:
            result.misses.append(Miss(problem, g.doc, row["id"], row["quote"], reason))

        if _same_speaker(row["speaker"] or "", (g.speaker, *g.speakers_ok), gazetteer):
            speaker_ok += 1
        else:
            miss("speaker", f"found {row['speaker']!r}, gold {g.speaker!r}")
        if (row["date"] or "") in (g.date, *g.dates_ok):
            date_ok += 1
        else:
            miss("date", f"found {row['date'] or 'unknown'}, gold {g.date or 'unknown'}")
        level = LevelPair(g.level, g.levels_ok, row["level"])
        result.levels.append(level)
        if level.verdict == "exact":
            level_ok += 1
        else:
            miss("level", f"found {row['level']}, gold {g.level} ({level.verdict})")
        if any(abs(row["level"] - wanted) <= 1 for wanted in (g.level, *g.levels_ok)):
            level_near += 1
        found = set(row["targets"])
        tp = found & g.targets
        fp = found - g.targets - g.targets_ok
        fn = g.targets - found
        true_pos, false_pos, false_neg = true_pos + len(tp), false_pos + len(fp), false_neg + len(fn)
        if fp or fn:
            miss(
                "targets",
                f"found {sorted(found)}, gold {sorted(g.targets)} (also fine: {sorted(g.targets_ok)})",
            )

    matched = len(gold_match)

    def ratio(part: int, whole: int) -> float | None:
        return round(part / whole, 3) if whole else None

    precision_targets = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall_targets = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    target_f1 = (
        2 * precision_targets * recall_targets / (precision_targets + recall_targets)
        if precision_targets + recall_targets
        else 0.0
    )
    result.figures = {
        "recall": ratio(len(found_required), len(required)),
        "precision": ratio(len(statements) - len(invented), len(statements)),
        "speaker": ratio(speaker_ok, matched),
        "date": ratio(date_ok, matched),
        "level_exact": ratio(level_ok, matched),
        "level_within_one": ratio(level_near, matched),
        "target_f1": round(target_f1, 3) if matched else None,
    }
    result.counts = {
        "gold": len(gold),
        "required": len(required),
        "statements": len(statements),
        "matched": matched,
        "invented": len(invented),
        "splits": len(splits),
    }
    return result

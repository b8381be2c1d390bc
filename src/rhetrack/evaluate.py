"""Compare the statements in a database with a gold file, as `rhetrack eval` does.

The gold format and the matching rule are those of the annotators' README:
a statement matches a gold line in the same document when the longest
common run of characters between the gold `key` and the statement's quote
(quotation marks, dashes and spacing folded) covers at least 60% of the
shorter of the two, or, for an indirect statement, when the key lies inside
the statement's sentence. Each gold line matches at most one statement; a
statement that matches no gold line is invented, unless it overlaps a line
already matched by another statement (a split).
"""

from __future__ import annotations

import json
import re
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


@dataclass
class Evaluation:
    figures: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [{"figure": name, "value": self.figures[name]} for name in FIGURES]


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
        if row["level"] in (g.level, *g.levels_ok):
            level_ok += 1
        else:
            miss("level", f"found {row['level']}, gold {g.level}")
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

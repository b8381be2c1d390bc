"""`rhetrack report`: one self-contained HTML page that briefs a reader on a selection.

The page answers first who is escalating (`trends`), then shows escalation
over time (the whole selection and its most active actors), each actor's
levels and most threatened targets, the targets over time, and every
statement with its explanation, searchable in the page. Everything is
inline: the charts are SVG (`charts`), the styles and the one script are in
the file, and the statements are a JSON data block that the script lists.
Nothing is fetched: a Content-Security-Policy allows no source but the page's
own script (by its hash), so a quote holding `<script>` could not run even if
it were markup, and it is not: Jinja2 escapes every value, the script puts
document text into the page only as text, and links go only to http(s) URLs.

Imported only by the `report` command (with Jinja2 and matplotlib).
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2

from rhetrack import __version__, charts
from rhetrack.errors import ReportError
from rhetrack.levels import LEVEL_NAMES, event_codes
from rhetrack.query import actor_labels, report_statements, selection_counts, selection_summary
from rhetrack.trends import ENOUGH, RATE_DAYS, STEADY, WINDOWS, Trends, actor_trends

if TYPE_CHECKING:
    from rhetrack.query import StatementFilter
    from rhetrack.storage import Database

MAX_STATEMENTS = 10_000  # listed in the page; the charts count every statement selected
ACTOR_CHARTS = 6  # the most active actors, each a small chart of its own
ACTOR_ROWS = 12  # actors in the level and target charts
TARGET_SERIES = 7  # targets drawn over time; the rest are OTHER_TARGETS
RISING_SHOWN = 5
OTHER_TARGETS = "(other targets)"
# The coding scheme's definitions, for the page's legend.
LEVEL_MEANINGS = (
    "describes, explains, no hostility",
    "condemns, denounces, frames an enemy ideologically",
    "demands, warns of unspecified consequences, declares readiness",
    "threatens violence or harm against a target, conditional or not",
    "calls for attacks, announces a decision to attack or to continue or raise attacks, "
    "claims or endorses attacks",
)


@dataclass(frozen=True)
class ReportSummary:
    """What `write_report` wrote."""

    path: Path
    statements: int
    listed: int
    actors: int
    documents: int
    size: int


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL (the only links a report makes), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def describe_filters(filters: StatementFilter) -> list[str]:
    """The filters as the options that select them: `--actor Khazali`, `--min-level 3 (threat)`."""
    described = []
    for option, value in (
        ("--actor", filters.actor), ("--org", filters.org), ("--target", filters.target),
        ("--since", filters.since and filters.since.iso()),
        ("--until", filters.until and filters.until.iso()),
        ("--kind", filters.kind), ("--search", filters.search), ("--doc", filters.doc),
        ("--min-sources", filters.min_sources),
    ):  # fmt: skip
        if value is not None:
            described.append(f"{option} {value}")
    for option, level in (("--min-level", filters.min_level), ("--level", filters.level)):
        if level is not None:
            described.append(f"{option} {level} ({LEVEL_NAMES[level]})")
    if filters.include_rejected:
        described.append("--include-rejected")
    return described


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (both `YYYY-MM`)."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _charts(db: Database, filters: StatementFilter) -> dict[str, Any]:
    """Every chart of the page, with the tables that go with them (None where
    there is nothing to draw: no statement placed in a month, no target)."""
    month_levels = {
        (month, level): n for month, level, n in selection_counts(db, filters, ("month", "level"))
    }
    months = (
        month_range(min(m for m, _ in month_levels), max(m for m, _ in month_levels)) if month_levels else []
    )
    actor_levels = selection_counts(db, filters, ("actor", "level"))
    totals: dict[int, int] = {}
    for actor_id, _, n in actor_levels:
        totals[actor_id] = totals.get(actor_id, 0) + n
    ranked = sorted(totals, key=lambda actor_id: -totals[actor_id])[:ACTOR_ROWS]
    labels = actor_labels(db, ranked)
    names = {actor_id: labels[actor_id][0] for actor_id in ranked}
    result: dict[str, Any] = {"months": months, "overall": None, "actors": [], "levels": None}
    if months:
        result["overall"] = charts.monthly_levels(months, month_levels)
        per_actor: dict[int, dict[tuple[str, int], int]] = {}
        for actor_id, month, level, n in selection_counts(db, filters, ("actor", "month", "level")):
            if actor_id in ranked[:ACTOR_CHARTS]:
                per_actor.setdefault(actor_id, {})[(month, level)] = n
        result["actors"] = [
            {
                "name": names[actor_id],
                "organization": labels[actor_id][1],
                "statements": totals[actor_id],
                "svg": charts.monthly_levels(months, per_actor[actor_id], small=True),
            }
            for actor_id in ranked[:ACTOR_CHARTS]
            if actor_id in per_actor
        ]
    if ranked:
        result["levels"] = charts.level_distribution(
            [names[actor_id] for actor_id in ranked],
            {(names[actor_id], level): n for actor_id, level, n in actor_levels if actor_id in names},
        )
    result.update(_target_charts(db, filters, months))
    return result


def _target_charts(db: Database, filters: StatementFilter, months: list[str]) -> dict[str, Any]:
    """The actors by target chart and table, and the targets over time."""
    actor_targets = selection_counts(db, filters, ("actor", "target"))
    if not actor_targets:
        return {"heatmap": None, "target_table": [], "targets_over_time": None}
    threatened: dict[int, int] = {}
    root_totals: dict[str, int] = {}
    for actor_id, root, n in actor_targets:
        threatened[actor_id] = threatened.get(actor_id, 0) + n
        root_totals[root] = root_totals.get(root, 0) + n
    actors = sorted(threatened, key=lambda actor_id: -threatened[actor_id])[:ACTOR_ROWS]
    names = {actor_id: name for actor_id, (name, _) in actor_labels(db, actors).items()}
    roots = sorted(root_totals, key=lambda root: (-root_totals[root], root))
    heatmap = charts.target_heatmap(
        [names[actor_id] for actor_id in actors],
        roots,
        {(names[actor_id], root): n for actor_id, root, n in actor_targets if actor_id in names},
    )
    # Each actor's most threatened targets, a parent with its parts named.
    parts: dict[tuple[int, str], list[tuple[str, int]]] = {}
    for actor_id, root, leaf, n in selection_counts(db, filters, ("actor", "target", "subtarget")):
        if actor_id in names and leaf != root:
            parts.setdefault((actor_id, root), []).append((leaf, n))
    table = [
        {
            "actor": names[actor_id],
            "targets": [
                {"target": root, "statements": n,
                 "children": sorted(parts.get((actor_id, root), []), key=lambda part: (-part[1], part[0]))}
                for a, root, n in sorted(actor_targets, key=lambda row: (-row[2], row[1]))
                if a == actor_id
            ][:5],
        }
        for actor_id in actors
    ]  # fmt: skip
    over_time = None
    month_targets = selection_counts(db, filters, ("month", "target")) if months else []
    if month_targets:
        drawn = roots[:TARGET_SERIES]
        counts: dict[tuple[str, str], int] = {}
        for month, root, n in month_targets:
            key = (month, root if root in drawn else OTHER_TARGETS)
            counts[key] = counts.get(key, 0) + n
        series = drawn + ([OTHER_TARGETS] if any(root not in drawn for _, root, _ in month_targets) else [])
        over_time = charts.targets_over_time(months, series, counts)
    return {"heatmap": heatmap, "target_table": table, "targets_over_time": over_time}


def _statement_data(statements: list[dict[str, Any]]) -> dict[str, Any]:
    """The statements as the page's script reads them (see report.js): speakers,
    documents and date reasons once each, every statement an object of short
    keys, a key left out where its value is empty or the usual one."""
    speakers: dict[tuple[str, str | None], int] = {}
    documents: dict[str, int] = {}
    document_rows: list[list[Any]] = []
    reasons: dict[str, int] = {}
    rows = []
    for statement in statements:
        speaker = speakers.setdefault((statement["speaker"] or "", statement["organization"]), len(speakers))
        sources = []
        for source in statement["sources_detail"]:
            if source["name"] not in documents:
                documents[source["name"]] = len(documents)
                document_rows.append(
                    [source["name"], source["title"], safe_url(source["url"]), source["publisher"],
                     source["published"]]
                )  # fmt: skip
            sources.append(documents[source["name"]])
        quote, sentence = statement["quote"], statement["sentence"]
        row: dict[str, Any] = {
            "i": statement["id"], "d": statement["date"], "a": speaker, "l": statement["level"], "q": quote,
            "s": sources, "r": reasons.setdefault(statement["date_reason"], len(reasons)),
        }  # fmt: skip
        optional = {
            "p": statement["date_precision"] if statement["date_precision"] != "day" else None,
            "t": statement["targets"],
            "k": statement["kind"] if statement["kind"] != "direct" else None,
            "n": statement["sources"] if statement["sources"] != 1 else None,
            "x": 1 if statement["corrected"] else None,
            "w": statement["speaker_text"],
            "u": statement["attribution_cue"],
            "v": [
                [cue["text"], cue["level"], cue.get("family"), cue.get("note")] for cue in statement["cues"]
            ],
            "m": [[mention["target"], mention["mention"]] for mention in statement["target_mentions"]],
            "o": statement["note"],
        }
        if sentence and sentence != quote:
            # The sentence around the quote, as the words before and after it.
            at = sentence.find(quote)
            optional["c"] = [sentence[:at], sentence[at + len(quote) :]] if at >= 0 else [sentence, ""]
        row.update((key, value) for key, value in optional.items() if value)
        rows.append(row)
    return {
        "speakers": [[name, org] for name, org in speakers],
        "documents": document_rows,
        "reasons": list(reasons),
        "levels": list(LEVEL_NAMES),
        "codes": [[code.cameo, code.goldstein] for _, code in sorted(event_codes().items())],
        "statements": rows,
    }


def _trend_context(trends: Trends) -> dict[str, Any]:
    rising = []
    for row in trends.rising()[:RISING_SHOWN]:
        rising.append({**row, "driving": [trends.statements[i] for i in row["driving_statements"]]})
    return {
        "periods": trends.periods.describe() if trends.periods else None,
        "rising": rising,
        "rows": trends.rows,
    }


def _asset(name: str) -> str:
    return (resources.files("rhetrack") / "templates" / name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: _asset(name))
    environment = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    # Compact JSON for the data block; `tojson` escapes <, >, & and ' so it
    # cannot close the script element it sits in.
    environment.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return environment


def render_report(
    db: Database,
    filters: StatementFilter,
    *,
    window: int | None = None,
    max_statements: int = MAX_STATEMENTS,
    title: str | None = None,
    database_name: str = "",
    now: datetime | None = None,
) -> tuple[str, dict[str, Any]]:
    """The report's HTML and its summary (`selection_summary` plus `listed`).

    Raises ReportError when no statement matches the filters.
    """
    summary = selection_summary(db, filters)
    if not summary["statements"]:
        raise ReportError(
            "no statements match the filters, so there is nothing to report; "
            "check them with `rhetrack show` and the same options"
        )
    statements = report_statements(db, filters, max_statements)
    summary["listed"] = len(statements)
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    generated = (now or datetime.now(UTC)).astimezone(UTC)
    trends = actor_trends(db, filters, window=window)
    html = (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title or "Escalation brief",
            filters=describe_filters(filters),
            summary=summary,
            generated=generated.strftime("%Y-%m-%d %H:%M UTC"),
            generated_day=generated.date().isoformat(),
            version=__version__,
            database=database_name,
            trends=_trend_context(trends),
            method={"windows": WINDOWS, "enough": ENOUGH, "rate_days": RATE_DAYS, "steady": STEADY},
            charts=_charts(db, filters),
            data=_statement_data(statements),
            levels=[
                {"level": level, "name": name, "colour": charts.LEVEL_COLOURS[level], "meaning": meaning}
                for level, (name, meaning) in enumerate(zip(LEVEL_NAMES, LEVEL_MEANINGS, strict=True))
            ],
            style=_asset("report.css"),
            script=script,
            script_hash=f"sha256-{digest}",
        )
    )
    return html, summary


def write_report(
    db: Database,
    filters: StatementFilter,
    path: Path,
    *,
    force: bool = False,
    window: int | None = None,
    max_statements: int = MAX_STATEMENTS,
    title: str | None = None,
    database_name: str = "",
    now: datetime | None = None,
) -> ReportSummary:
    """Write the report for the filters to `path`, whole or not at all.

    An existing file is replaced only with `force`; with no statement
    selected, nothing is written (ReportError).
    """
    if path.is_dir():
        raise ReportError(f"{path}: is a folder; give -o a file name such as brief.html")
    if path.exists() and not force:
        raise ReportError(f"{path}: exists; give --force to replace it, or another -o path")
    html, summary = render_report(
        db, filters, window=window, max_statements=max_statements, title=title,
        database_name=database_name, now=now,
    )  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    data = html.encode("utf-8")
    # Written beside the target and moved over it: a reader never sees half a page.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; a report gets the mode any new file would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return ReportSummary(
        path=path,
        statements=summary["statements"],
        listed=summary["listed"],
        actors=summary["actors"],
        documents=summary["documents"],
        size=len(data),
    )

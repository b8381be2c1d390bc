"""The `rhetrack` command line: thin wrappers over the library.

Each command parses its options, calls one library function and hands the
rows to the renderer. Library errors (RhetrackError) become one message on
stderr and exit code 1, in `_Group.invoke`; bad option values are
typer.BadParameter (exit 2). Heavy modules are imported inside commands so
that `rhetrack --help` starts fast.

No `from __future__ import annotations` here: Typer reads the signature of
every command at each start (21 commands, some 120 parameters), and with
string annotations it compiles and evaluates every one of them, about 20 ms
of each start-up. Names imported only for type checking are quoted instead.
"""

import json
import os
import sqlite3
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from rhetrack import __version__
from rhetrack.errors import RhetrackError
from rhetrack.render import OutputFormat

if TYPE_CHECKING:
    # click only for an annotation: importing it would cost `rhetrack --help` about
    # 12 ms (Typer 0.29 carries its own copy of click).
    import click

    from rhetrack.partial_date import PartialDate
    from rhetrack.query import StatementFilter
    from rhetrack.storage import Database

TABLE_STATEMENT_COLUMNS = (
    "id",
    "document",
    "speaker",
    "date",
    "level",
    "targets",
    "quote",
    "sources",
    "corrected",
)


class _Group(TyperGroup):
    """Turns every RhetrackError into one line on stderr and exit code 1, and Ctrl-C into exit 130."""

    def invoke(self, ctx: "click.Context") -> Any:
        try:
            return super().invoke(ctx)
        except RhetrackError as exc:
            from rhetrack.render import printable, stderr_console

            stderr_console().print(printable(f"error: {exc}"), markup=False)
            raise typer.Exit(1) from None
        except sqlite3.Error as exc:
            from rhetrack.render import printable, stderr_console

            # Whatever SQLite reports (a lock held past the timeout, a damaged file)
            # reaches the user as one line, like every other error.
            stderr_console().print(
                printable(f"error: the database reported: {exc}; check the file and try again"), markup=False
            )
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            from rhetrack.render import stderr_console

            # Each document is written in its own transaction: what finished is stored.
            stderr_console().print(
                "interrupted: nothing half-written is kept (an ingest keeps every document it finished; "
                "run it again to finish)",
                markup=False,
            )
            raise typer.Exit(130) from None
        finally:
            # Every database a command opened is closed when it ends, however it ends.
            while _OPEN_DATABASES:
                _OPEN_DATABASES.pop().close()


_OPEN_DATABASES: list["Database"] = []

app = typer.Typer(
    cls=_Group,
    help="Track who said what, when, how escalatory and threatening whom: "
    "articles in, dated speaker-attributed statements out, in SQLite.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Kind(StrEnum):
    direct = "direct"
    indirect = "indirect"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rhetrack {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    csv_formulas: Annotated[
        bool,
        typer.Option(
            "--csv-formulas",
            help="Leave CSV cells that start with = + - @ as they are (by default they get a leading ' "
            "so a spreadsheet never runs text from an article as a formula).",
        ),
    ] = False,
) -> None:
    """rhetrack: statements of armed groups and states, tracked in SQLite."""
    from rhetrack import spreadsheet

    spreadsheet.protect_csv = not csv_formulas


# -- options, defined once and reused -------------------------------------------------


def _parse_level(value: str | None) -> int | None:
    if value is None:
        return None
    from rhetrack.levels import level_number

    try:
        return level_number(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _parse_date(value: str | None) -> "PartialDate | None":
    if value is None:
        return None
    from rhetrack.dates import parse_user_date

    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Database file. Default: $RHETRACK_DB, else ./rhetrack.db.", dir_okay=False),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", "-a", help="Speaker: any alias, partial, case- and accent-insensitive."),
]
OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organization: its own statements and its members'.")
]
TargetOption = Annotated[
    str | None,
    typer.Option("--target", "-t", help="Threatened target, e.g. us-forces (includes its children)."),
]
MinLevelOption = Annotated[
    str | None,
    typer.Option("--min-level", help="Lowest level, 0-4 or a name (neutral … mobilization)."),
]
LevelOption = Annotated[str | None, typer.Option("--level", help="Exactly this level, 0-4 or a name.")]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="From this date: 2023, 2023-10, 2023-10-30, 'last month' …"),
]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date, same forms as --since.")]
KindOption = Annotated[Kind | None, typer.Option("--kind", help="direct (quoted) or indirect (reported).")]
SearchOption = Annotated[
    str | None, typer.Option("--search", "-s", help="Full-text search over quotes (FTS5).")
]
DocOption = Annotated[str | None, typer.Option("--doc", help="Document name or path (partial).")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, help="At most this many statements.")
]
MinSourcesOption = Annotated[
    int | None, typer.Option("--min-sources", min=1, help="Reported by at least N documents.")
]
RejectedOption = Annotated[
    bool, typer.Option("--include-rejected", help="Also list statements rejected with `rhetrack reject`.")
]


def _filters(**options: Any) -> "StatementFilter":
    from rhetrack.query import StatementFilter

    return StatementFilter(
        actor=options["actor"],
        org=options["org"],
        target=options["target"],
        min_level=_parse_level(options["min_level"]),
        level=_parse_level(options["level"]),
        since=_parse_date(options["since"]),
        until=_parse_date(options["until"]),
        kind=options["kind"].value if options["kind"] else None,
        search=options["search"],
        doc=options["doc"],
        limit=options["limit"],
        min_sources=options.get("min_sources"),
        include_rejected=options.get("include_rejected", False),
        search_sentences=options.get("sentences", False),
    )


def _database(db: Path | None, *, create: bool = False) -> "Database":
    """The command's database, closed when the command ends."""
    from rhetrack.storage import database_path, open_database

    database = open_database(database_path(db), create=create)
    _OPEN_DATABASES.append(database)
    return database


def _no_csv(output: OutputFormat, what: str) -> None:
    if output is OutputFormat.csv:
        raise typer.BadParameter(
            f"{what} is one nested record: use --format table, json or jsonl", param_hint="--format"
        )


# -- commands ---------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive): .txt .md .html .htm")],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date of a single file: 2023-11-01, 2023-11 …"),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Worker processes for extraction; 0 = one per core."),
    ] = 1,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Ingest articles: extract dated, attributed, classified statements into the database.

    Unchanged files are skipped; a changed file has its statements replaced.
    Files that cannot be read are reported on stderr and the rest go on; the
    exit code is then 1.

    Example:

    \b
      rhetrack ingest seeds/
    """
    from rhetrack.ingest import SUMMARY_COLUMNS, FileResult
    from rhetrack.ingest import ingest as run_ingest
    from rhetrack.render import printable, render_rows, stderr_console

    publication = None
    if published is not None:
        if len(paths) != 1 or paths[0].is_dir():
            raise typer.BadParameter(
                "--published applies to one file; give folders a manifest.csv instead",
                param_hint="--published",
            )
        publication = _parse_date(published)
    errors = stderr_console()

    def report(result: FileResult) -> None:
        if result.status == "failed":
            errors.print(printable(f"failed: {result.reason}"), markup=False)
        elif result.note:
            errors.print(printable(f"note: {result.note}"), markup=False)

    database = _database(db, create=True)
    workers = jobs or os.cpu_count() or 1
    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn

        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), console=errors, transient=True
        ) as bar:
            task = bar.add_task("ingesting")

            def report_progress(result: FileResult) -> None:
                report(result)
                bar.update(task, advance=1, description=f"ingesting {result.name}")

            summary = run_ingest(database, paths, publication, report_progress, workers)
    else:
        summary = run_ingest(database, paths, publication, report, workers)
    render_rows([summary.as_row()], SUMMARY_COLUMNS, output, title="ingest")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def show(
    actor: ActorOption = None,
    org: OrgOption = None,
    target: TargetOption = None,
    min_level: MinLevelOption = None,
    level: LevelOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    search: SearchOption = None,
    doc: DocOption = None,
    limit: LimitOption = None,
    min_sources: MinSourcesOption = None,
    include_rejected: RejectedOption = False,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Statements matching the filters, in date order.

    With --actor, the table format first prints the actor's profile (aliases,
    organization, counts, first and last dated statement, level distribution,
    most threatened targets); CSV and JSON print only the statements.

    Example:

    \b
      rhetrack show --actor Khazali --min-level threat --format csv > khazali.csv
    """
    from rhetrack.query import STATEMENT_COLUMNS, actor_profiles, find_statements
    from rhetrack.render import render_profile, render_rows

    filters = _filters(**locals())
    database = _database(db)
    rows = find_statements(database, filters)
    if output is OutputFormat.table:
        if actor:
            for profile in actor_profiles(database, actor):
                render_profile(profile)
        render_rows(
            rows,
            TABLE_STATEMENT_COLUMNS,
            output,
            title=f"{len(rows)} statement{'' if len(rows) == 1 else 's'}",
        )
    else:
        render_rows(rows, STATEMENT_COLUMNS, output)


@app.command()
def timeline(
    actor: ActorOption = None,
    org: OrgOption = None,
    target: TargetOption = None,
    min_level: MinLevelOption = None,
    level: LevelOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    search: SearchOption = None,
    doc: DocOption = None,
    limit: LimitOption = None,
    min_sources: MinSourcesOption = None,
    include_rejected: RejectedOption = False,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Dated statements by month: how many, and how escalatory, month by month.

    The table draws each month's highest level as a bar; CSV and JSON list the
    statements in date order. Undated statements are left out and counted on
    stderr.

    Example:

    \b
      rhetrack timeline --since 2023-10 --org "Kataib Hezbollah"
    """
    from rhetrack.query import STATEMENT_COLUMNS, count_undated
    from rhetrack.query import timeline as dated_statements
    from rhetrack.render import render_rows, render_timeline, stderr_console

    filters = _filters(**locals())
    database = _database(db)
    rows = dated_statements(database, filters)
    if output is OutputFormat.table:
        render_timeline(rows)
    else:
        render_rows(rows, STATEMENT_COLUMNS, output)
    undated = count_undated(database, filters)
    if undated:
        stderr_console().print(f"{undated} undated statements left out", markup=False)


WindowOption = Annotated[
    int | None,
    typer.Option(
        "--window",
        min=1,
        max=3660,
        help="Days in the recent period (the earlier one is three times as long). "
        "Default: 30, widened to 91, 182 or 365 where the data are sparse.",
    ),
]


@app.command()
def trends(
    actor: ActorOption = None,
    org: OrgOption = None,
    target: TargetOption = None,
    min_level: MinLevelOption = None,
    level: LevelOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    search: SearchOption = None,
    doc: DocOption = None,
    min_sources: MinSourcesOption = None,
    include_rejected: RejectedOption = False,
    window: WindowOption = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most this many actors.")
    ] = None,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Who is escalating: each actor's latest period against the one before,
    the actor whose rhetoric rose most first.

    The latest period ends with the selection's latest dated statement (or
    --until). For each actor: statements, highest and mean level, threats
    (level 3) and calls (level 4) in each period, the change, and the
    statements that drove a rise. The table also prints those statements.

    Example:

    \b
      rhetrack trends --since 2023 --org "Kataib Hezbollah" --format csv
    """
    from rhetrack.render import render_rows, render_trends, stderr_console
    from rhetrack.trends import TREND_COLUMNS, actor_trends

    filters = _filters(**{**locals(), "limit": None})
    result = actor_trends(_database(db), filters, window=window, limit=limit)
    if result.periods is None:
        stderr_console().print("no dated statements match the filters: nothing to compare", markup=False)
    else:
        stderr_console().print(f"comparing {result.periods.describe()}", markup=False)
    if output is OutputFormat.table:
        render_trends(result.rows, result.statements)
    else:
        render_rows(result.rows, TREND_COLUMNS, output)


@app.command()
def report(
    output_file: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write, e.g. brief.html.", dir_okay=False),
    ],
    actor: ActorOption = None,
    org: OrgOption = None,
    target: TargetOption = None,
    min_level: MinLevelOption = None,
    level: LevelOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    search: SearchOption = None,
    doc: DocOption = None,
    min_sources: MinSourcesOption = None,
    include_rejected: RejectedOption = False,
    window: WindowOption = None,
    title: Annotated[str | None, typer.Option("--title", help="The page's heading.")] = None,
    max_statements: Annotated[
        int,
        typer.Option(
            "--max-statements",
            min=1,
            help="List at most this many statements, the newest (charts count all).",
        ),
    ] = 10_000,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    db: DbOption = None,
) -> None:
    """Write an analyst's brief: one self-contained HTML page with charts.

    Who is escalating (as `trends`), escalation over time for the selection
    and its most active actors, each actor's levels and most threatened
    targets, the targets over time, and every statement with its explanation,
    searchable in the page. Opens offline in any browser; prints cleanly.
    Takes the filters of `show`. Writes nothing when no statement matches.

    Example:

    \b
      rhetrack report --since 2023-10 --org "Kataib Hezbollah" -o brief.html
    """
    from rhetrack.render import stderr_console
    from rhetrack.report import write_report
    from rhetrack.storage import database_path

    filters = _filters(**{**locals(), "limit": None})
    written = write_report(
        _database(db),
        filters,
        output_file,
        force=force,
        window=window,
        max_statements=max_statements,
        title=title,
        database_name=database_path(db).name,
    )

    def counted(number: int, noun: str) -> str:
        return f"{number:,} {noun}{'' if number == 1 else 's'}"

    listed = "" if written.listed == written.statements else f" ({written.listed:,} listed)"
    size = f"{written.size / 1e6:.1f} MB" if written.size >= 1e6 else f"{written.size / 1e3:.0f} KB"
    stderr_console().print(
        f"wrote {written.path}: {counted(written.statements, 'statement')}{listed} by "
        f"{counted(written.actors, 'actor')} from {counted(written.documents, 'document')}, {size}",
        markup=False,
    )


@app.command()
def actors(db: DbOption = None, output: FormatOption = OutputFormat.table) -> None:
    """Actors with statements: organization, count, last seen and highest level.

    Example:

    \b
      rhetrack actors --format csv
    """
    from rhetrack.query import ACTOR_COLUMNS, list_actors
    from rhetrack.render import render_rows

    render_rows(list_actors(_database(db)), ACTOR_COLUMNS, output, title="actors")


@app.command()
def docs(db: DbOption = None, output: FormatOption = OutputFormat.table) -> None:
    """Documents with their publication date and statement count.

    Example:

    \b
      rhetrack docs
    """
    from rhetrack.query import DOCUMENT_COLUMNS, list_documents
    from rhetrack.render import render_rows

    render_rows(list_documents(_database(db)), DOCUMENT_COLUMNS, output, title="documents")


MISS_COLUMNS = ("problem", "document", "statement_id", "reason", "text")
MinFigure = Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Exit 1 when below this (0-1).")]


@app.command("eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold statements, JSON Lines (see the README).", exists=True)],
    misses: Annotated[
        bool,
        typer.Option(
            "--misses",
            help="Also print the level confusion table (gold level against level found) and every missed, "
            "invented or mis-tagged statement, grouped by problem.",
        ),
    ] = False,
    min_recall: MinFigure = None,
    min_precision: MinFigure = None,
    min_speaker: MinFigure = None,
    min_date: MinFigure = None,
    min_level: MinFigure = None,
    min_target_f1: MinFigure = None,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Measure the database against a gold file: recall, precision, speaker, date, level, targets.

    With --misses, also the level confusion table and the misses grouped by
    problem (missed, invented, speaker, date, level, targets). With
    thresholds, exit 1 when a figure falls short, so the check can run in an
    analyst's own pipeline.

    Example:

    \b
      rhetrack eval gold/seeds.jsonl --misses --min-recall 0.9
    """
    from rhetrack.evaluate import CONFUSION_COLUMNS, MISS_PROBLEMS, evaluate, group_misses, load_gold
    from rhetrack.render import render_confusion, render_rows, render_value, stderr_console

    result = evaluate(_database(db), load_gold(gold))
    groups = group_misses(result.misses) if misses else []
    miss_rows = [miss.__dict__ for _, group in groups for miss in group]
    confusion = [row.as_row() for row in result.level_confusion()] if misses else []
    if output in (OutputFormat.json, OutputFormat.jsonl):
        # One JSON document: figures, counts and (with --misses) the misses and the level confusion.
        render_value(
            {
                "figures": result.figures,
                "counts": result.counts,
                "misses": miss_rows,
                "level_confusion": confusion,
            },
            output,
        )
    elif output is OutputFormat.csv and misses:
        # One CSV table: with --misses, the misses (the figures are one run without it).
        render_rows(miss_rows, MISS_COLUMNS, output)
    else:
        render_rows(
            result.rows(),
            ("figure", "value"),
            output,
            title="eval " + " ".join(f"{name}={count}" for name, count in result.counts.items()),
        )
        if misses:
            render_confusion(confusion, CONFUSION_COLUMNS)
            for problem, group in groups:
                title = f"misses: {problem} ({len(group)}): {MISS_PROBLEMS[problem]}"
                render_rows([miss.__dict__ for miss in group], MISS_COLUMNS, output, title=title)
            if not groups:
                render_rows([], MISS_COLUMNS, output, title="misses: none")
    floors = {
        "recall": min_recall,
        "precision": min_precision,
        "speaker": min_speaker,
        "date": min_date,
        "level_exact": min_level,
        "target_f1": min_target_f1,
    }
    short = [
        f"{name} {result.figures[name]} < {floor}"
        for name, floor in floors.items()
        if floor is not None and (result.figures[name] or 0.0) < floor
    ]
    if short:
        stderr_console().print("below threshold: " + "; ".join(short), markup=False)
        raise typer.Exit(1)


# -- one statement: explain, corrections, history -----------------------------------------

StatementId = Annotated[int, typer.Argument(help="The statement's id, as `show` lists it.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why: kept with the correction.")]


def _targets_list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return sorted({name.strip() for name in value.split(",") if name.strip()})


@app.command()
def explain(
    statement_id: StatementId, db: DbOption = None, output: FormatOption = OutputFormat.table
) -> None:
    """Why a statement reads as it does: its passage, speaker, date, level cues and targets.

    Shows every source's passage with the quote highlighted, the attribution
    cue and the speaker it resolved to, the date expression and how it was
    resolved, the cues that decided the level, each target mention, and the
    corrections made by hand.

    Example:

    \b
      rhetrack explain 42
    """
    from rhetrack.query import statement_detail
    from rhetrack.render import render_detail

    _no_csv(output, "explain")
    render_detail(statement_detail(_database(db), statement_id), output)


@app.command()
def edit(
    statement_id: StatementId,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who said it (any name or alias).")] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="0-4 or a name (neutral … mobilization).")
    ] = None,
    targets: Annotated[
        str | None,
        typer.Option("--targets", help="Comma-separated targets, e.g. us-forces,israel ('' for none)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="When it was said: 2023-10-30, 2023-10 …")
    ] = None,
    kind: KindOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Correct a statement. The change is logged with its time and the values
    before and after, and survives re-ingesting the document.

    Example:

    \b
      rhetrack edit 42 --level threat --targets us-forces --note "conditional threat"
    """
    from rhetrack.render import stderr_console
    from rhetrack.storage import correct_statement

    changes: dict[str, str | None] = {}
    if speaker is not None:
        changes["speaker"] = speaker
    if level is not None:
        changes["level"] = str(_parse_level(level))
    if targets is not None:
        changes["targets"] = json.dumps(_targets_list(targets))
    if date is not None:
        parsed = _parse_date(date)
        changes["date"] = parsed.iso() if parsed else None
    if kind is not None:
        changes["kind"] = kind.value
    if note is not None and not changes:
        changes["note"] = note
    if not changes:
        raise typer.BadParameter("give at least one of --speaker, --level, --targets, --date, --kind, --note")
    count = correct_statement(_database(db), statement_id, changes, note)
    stderr_console().print(f"statement {statement_id}: {count} field(s) changed", markup=False)


@app.command()
def reject(statement_id: StatementId, note: NoteOption = None, db: DbOption = None) -> None:
    """Mark a statement as not a statement. It leaves every listing (see
    --include-rejected), stays rejected after re-ingest, and `restore` undoes it.

    Example:

    \b
      rhetrack reject 42 --note "the author's own analysis"
    """
    from rhetrack.render import stderr_console
    from rhetrack.storage import correct_statement

    correct_statement(_database(db), statement_id, {"rejected": "true"}, note)
    stderr_console().print(f"statement {statement_id}: rejected", markup=False)


@app.command()
def restore(statement_id: StatementId, note: NoteOption = None, db: DbOption = None) -> None:
    """Undo `reject`: the statement is listed again.

    Example:

    \b
      rhetrack restore 42
    """
    from rhetrack.render import stderr_console
    from rhetrack.storage import correct_statement

    correct_statement(_database(db), statement_id, {"rejected": "false"}, note)
    stderr_console().print(f"statement {statement_id}: restored", markup=False)


@app.command()
def add(
    document: Annotated[str, typer.Argument(help="The document's name or path, as `docs` lists it.")],
    quote: Annotated[str, typer.Argument(help="The words, exactly as the document has them.")],
    speaker: Annotated[str, typer.Option("--speaker", help="Who said it.")],
    kind: Annotated[Kind, typer.Option("--kind", help="direct or indirect.")] = Kind.direct,
    level: Annotated[str, typer.Option("--level", help="0-4 or a name.")] = "0",
    date: Annotated[str | None, typer.Option("--date", help="When it was said (default: reported).")] = None,
    targets: Annotated[str | None, typer.Option("--targets", help="Comma-separated targets.")] = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Add a statement the extractor missed, anchored to its document and quote.
    Prints the new statement's id.

    Example:

    \b
      rhetrack add 003_article.txt "war on Iran is no picnic" --speaker "Kataib Hezbollah" --level 3
    """
    from rhetrack.storage import add_statement

    statement_id = add_statement(
        _database(db),
        document,
        quote,
        speaker,
        kind=kind.value,
        level=_parse_level(level) or 0,
        date=_parse_date(date),
        targets=_targets_list(targets),
        note=note,
    )
    typer.echo(statement_id)


@app.command()
def history(
    statement_id: StatementId, db: DbOption = None, output: FormatOption = OutputFormat.table
) -> None:
    """The corrections of a statement: when, which field, before and after.

    Example:

    \b
      rhetrack history 42
    """
    from rhetrack.query import HISTORY_COLUMNS, statement_history
    from rhetrack.render import render_rows

    rows = statement_history(_database(db), statement_id)
    render_rows(rows, HISTORY_COLUMNS, output, title=f"history of statement {statement_id}")


@app.command()
def corrections(db: DbOption = None, output: FormatOption = OutputFormat.table) -> None:
    """Corrections whose quote is no longer in their document: kept, never
    dropped, waiting to be redone on the statement that replaced it.

    Example:

    \b
      rhetrack corrections --format csv
    """
    from rhetrack.query import CORRECTION_COLUMNS, orphaned_corrections
    from rhetrack.render import render_rows

    render_rows(orphaned_corrections(_database(db)), CORRECTION_COLUMNS, output, title="orphaned corrections")


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find (SQLite FTS5 syntax; plain words always work).")],
    sentences: Annotated[bool, typer.Option("--sentences", help="Search the sentences too.")] = False,
    actor: ActorOption = None,
    org: OrgOption = None,
    target: TargetOption = None,
    min_level: MinLevelOption = None,
    level: LevelOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    doc: DocOption = None,
    limit: LimitOption = None,
    min_sources: MinSourcesOption = None,
    include_rejected: RejectedOption = False,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Full-text search over quotes (and with --sentences their sentences), matches
    highlighted, with the same filters as `show`.

    Example:

    \b
      rhetrack search "embassy" --since 2023 --min-level warning
    """
    from rhetrack.query import STATEMENT_COLUMNS, search_statements
    from rhetrack.render import render_rows, render_search

    filters = _filters(**{**locals(), "search": text})
    rows = search_statements(_database(db), filters)
    if output is OutputFormat.table:
        render_search(rows, sentences=sentences)
    else:
        render_rows(rows, STATEMENT_COLUMNS, output)


# -- the actor registry --------------------------------------------------------------------

actor_app = typer.Typer(
    cls=_Group,
    help="The actor registry: show, add, alias, merge, set-org. Yours to keep: re-ingest and "
    "gazetteer upgrades never change it.\n\nExample:\n\n\b\n  rhetrack actor show Khazali",
    no_args_is_help=True,
)
app.add_typer(actor_app, name="actor")
ActorName = Annotated[str, typer.Argument(help="An actor's name or alias.")]


class ActorKind(StrEnum):
    person = "person"
    organization = "organization"


@actor_app.command("show")
def actor_show(name: ActorName, db: DbOption = None, output: FormatOption = OutputFormat.table) -> None:
    """An actor's profile: aliases, organization, statements, levels, targets.

    Example:

    \b
      rhetrack actor show Humaidawi
    """
    from rhetrack.query import actor_profiles
    from rhetrack.render import render_profile, render_value

    _no_csv(output, "actor show")
    profiles = actor_profiles(_database(db), name)
    if output is OutputFormat.table:
        for profile in profiles:
            render_profile(profile)
    else:
        render_value(profiles, output)


@actor_app.command("add")
def actor_add(
    name: Annotated[str, typer.Argument(help="The canonical name.")],
    kind: Annotated[ActorKind, typer.Option("--kind", help="person or organization.")] = ActorKind.person,
    org: Annotated[str | None, typer.Option("--org", help="The organization it speaks for.")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another name (repeatable).")] = None,
    db: DbOption = None,
) -> None:
    """Register an actor. Its names are used by queries and by later ingests,
    and are kept across re-ingest and gazetteer upgrades.

    Example:

    \b
      rhetrack actor add "Abu Alaa al-Walai" --org "Kataib Sayyid al-Shuhada" --alias Walai
    """
    from rhetrack.render import stderr_console
    from rhetrack.storage import add_actor

    add_actor(_database(db, create=True), name, kind.value, org, alias or [])
    stderr_console().print(f"added {name}", markup=False)


@actor_app.command("alias")
def actor_alias(
    name: ActorName, alias: Annotated[str, typer.Argument(help="The other name.")], db: DbOption = None
) -> None:
    """Give an actor another name (a spelling, a nickname, a title).

    Example:

    \b
      rhetrack actor alias "Qais al-Khazali" "Sheikh Qais"
    """
    from rhetrack.storage import add_alias

    add_alias(_database(db), name, alias)


@actor_app.command("merge")
def actor_merge(
    source: Annotated[str, typer.Argument(help="The actor to merge away.")],
    into: Annotated[str, typer.Argument(help="The actor that remains.")],
    db: DbOption = None,
) -> None:
    """Merge SOURCE into INTO: its statements, aliases and members follow, and
    its name becomes an alias of INTO, so later ingests follow too.

    Example:

    \b
      rhetrack actor merge "Abu Fadak" "Abu Fadak al-Mohammedawi"
    """
    from rhetrack.render import stderr_console
    from rhetrack.storage import merge_actors

    merged, survivor = merge_actors(_database(db), source, into)
    stderr_console().print(f"merged {merged} into {survivor}", markup=False)


@actor_app.command("set-org")
def actor_set_org(
    name: ActorName,
    org: Annotated[str | None, typer.Argument(help="The organization; leave out to clear it.")] = None,
    db: DbOption = None,
) -> None:
    """Set the organization an actor speaks for.

    Example:

    \b
      rhetrack actor set-org "Saraya Awliya al-Dam" "Asaib Ahl al-Haq"
    """
    from rhetrack.storage import set_organization

    set_organization(_database(db), name, org or None)


# -- exchange --------------------------------------------------------------------------------


@app.command("export")
def export_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write (created if needed).", file_okay=False)],
    db: DbOption = None,
) -> None:
    """Write every document, actor, alias, statement and correction as CSV and
    JSON Lines files that `rhetrack import` reloads losing nothing.

    Example:

    \b
      rhetrack export backup/
    """
    from rhetrack.exchange import export_database
    from rhetrack.render import stderr_console

    counts = export_database(_database(db), directory)
    stderr_console().print(
        "exported " + ", ".join(f"{n} {table}" for table, n in counts.items()), markup=False
    )


@app.command("import")
def import_command(
    directory: Annotated[Path, typer.Argument(help="A folder `rhetrack export` wrote.", file_okay=False)],
    db: DbOption = None,
) -> None:
    """Load an export into a new database, ids and corrections included.

    Example:

    \b
      rhetrack import backup/ --db restored.db
    """
    from rhetrack.exchange import import_database
    from rhetrack.render import stderr_console

    counts = import_database(_database(db, create=True), directory)
    stderr_console().print(
        "imported " + ", ".join(f"{n} {table}" for table, n in counts.items()), markup=False
    )


def main() -> None:
    """Console-script entry point."""
    app()

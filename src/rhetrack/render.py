"""The one place rows become output: table, CSV, JSON or JSON Lines.

Every flat listing goes through `render_rows` with its column tuple, so a
column order is the same in every format; the people-only views (profile,
timeline bars, search highlights, explain) have their own table renderers
and hand their data to `render_rows` or `render_value` for other formats. Data goes to stdout; nothing
else does. Document text is never interpreted as rich markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from rhetrack.spreadsheet import csv_safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

LEVEL_STYLES = ("dim", "yellow", "dark_orange", "red", "bold red")
_WIDE_COLUMNS = {"quote", "sentence", "title", "reason", "text"}
_NAME_COLUMNS = {"document", "speaker", "organization", "targets", "name", "publisher", "url"}


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MIN_WIDTHS = {"wide": 30, "name": 12}


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (ANSI escapes included) shown as \\xNN."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)


def _cell(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, list):
        return ";".join(str(v.get("target", v)) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    from rich.console import Console

    # soft_wrap: a long path in a message stays whole on one line.
    return Console(stderr=True, highlight=False, soft_wrap=True)


def render_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    output: OutputFormat,
    *,
    title: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Write rows in the chosen format, columns in the given order.

    CSV has a header row, is UTF-8 and joins list cells with ";"; JSON is one
    array; JSON Lines one object a line; the table is for people.
    """
    stream = stream or sys.stdout
    if output is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_safe(_cell(row.get(column))) for column in columns])
        stream.write(buffer.getvalue())
    elif output is OutputFormat.json:
        stream.write(
            json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2)
        )
        stream.write("\n")
    elif output is OutputFormat.jsonl:
        for row in rows:
            stream.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    else:
        render_table(rows, columns, title=title)
    stream.flush()


def _needed_width(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> int:
    """The narrowest a readable table of these rows can be."""
    width = 1
    for column in columns:
        if column in _WIDE_COLUMNS:
            need = _MIN_WIDTHS["wide"]
        elif column in _NAME_COLUMNS:
            need = _MIN_WIDTHS["name"]
        else:
            need = max([len(column)] + [len(_cell(row.get(column))) for row in rows])
        width += need + 3
    return width


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None = None) -> None:
    """Rows as a table, or as one block of fields per row where the terminal is too narrow."""
    from rich.table import Table

    console = stdout_console()
    if _needed_width(rows, columns) > console.width:
        _render_records(rows, columns, title=title)
        return
    wide = [column for column in columns if column in _WIDE_COLUMNS]
    table = Table(title=title, title_justify="left", expand=bool(wide), show_lines=bool(wide))
    for column in columns:
        if column in _WIDE_COLUMNS:
            table.add_column(
                column.replace("_", " "), ratio=1, min_width=_MIN_WIDTHS["wide"], overflow="fold"
            )
        elif column in _NAME_COLUMNS:
            table.add_column(column.replace("_", " "), max_width=22, overflow="fold")
        else:
            table.add_column(column.replace("_", " "), no_wrap=True)
    for row in rows:
        table.add_row(*(_styled(row, column) for column in columns))
    console.print(table)


def _styled(row: dict[str, Any], column: str) -> Text:
    from rich.text import Text

    # Text(), not a markup string: "[bold]" in an article stays literal.
    text = Text(printable(_cell(row.get(column))))
    level = row.get("level", row.get("highest_level"))
    if column in ("level", "level_name", "highest_level", "highest_level_name") and level is not None:
        text.stylize(LEVEL_STYLES[int(level)])
    return text


def _render_records(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None) -> None:
    """One block of "field  value" lines per row, for terminals too narrow for a table.

    Values are wrapped under themselves, or, where the labels leave them too
    little room, under their label. No line is wider than the terminal.
    Drawn as wrapped text rather than a rich grid per row: a grid measures
    every cell, which made ten records cost more than starting the program.
    """
    from rich.text import Text

    console = stdout_console()
    width = console.width
    if title:
        console.print(printable(title), markup=False)
    labels = [column.replace("_", " ") for column in columns]
    label_width = max(map(len, labels)) + 2
    beside = width - label_width >= max(10, width // 3)
    indent = 2 if width > 4 else 0

    def wrapped(text: Text, room: int) -> list[Text]:
        lines = list(text.wrap(console, max(room, 1), overflow="fold")) or [Text()]
        for line in lines:
            line.rstrip()
        return lines

    for index, row in enumerate(rows):
        block = Text()
        if index:
            block.append("─" * width + "\n", style="dim")
        for label, column in zip(labels, columns, strict=True):
            value = _styled(row, column)
            if beside:
                for number, line in enumerate(wrapped(value, width - label_width)):
                    block.append(label.ljust(label_width) if number == 0 else " " * label_width, style="bold")
                    block.append_text(line)
                    block.append("\n")
                continue
            for line in wrapped(Text(label, style="bold"), width):
                block.append_text(line)
                block.append("\n")
            for line in wrapped(value, width - indent):
                block.append(" " * indent)
                block.append_text(line)
                block.append("\n")
        # Already wrapped: printed as it is.
        console.print(block, end="", soft_wrap=True)


def render_profile(profile: dict[str, Any]) -> None:
    """An actor's profile, for people (table format only)."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    levels = "  ".join(f"{name}: {count}" for name, count in profile["levels"].items())
    targets = ", ".join(f"{t['target']} ({t['statements']})" for t in profile["top_targets"]) or "none"
    for label, value in (
        ("aliases", ", ".join(profile["aliases"]) or "none"),
        ("kind", profile["kind"]),
        ("organization", profile["organization"] or "none"),
        ("statements", str(profile["statements"])),
        ("first dated", profile["first_date"] or "none"),
        ("last dated", profile["last_date"] or "none"),
        (
            "highest level",
            f"{profile['highest_level']} {profile['highest_level_name']}"
            if profile["highest_level"] is not None
            else "none",
        ),
        ("levels", levels),
        ("most threatened", targets),
    ):
        grid.add_row(label, Text(printable(value)))
    stdout_console().print(
        Panel(grid, title=Text(printable(profile["name"])), title_align="left", expand=False)
    )


def render_timeline(rows: Sequence[dict[str, Any]]) -> None:
    """Statements grouped by month, each month with its count and a bar of its highest level."""
    from rich.table import Table
    from rich.text import Text

    # Imported here: levels brings the gazetteer module, which `--help` and
    # the other views do not need at start-up.
    from rhetrack.levels import LEVEL_NAMES

    table = Table(title="timeline", title_justify="left")
    for column in ("month", "statements", "highest level", "", "speaker", "level", "quote", "corrected"):
        table.add_column(column, overflow="fold", ratio=3 if column == "quote" else None)
    months: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        months.setdefault(row["month"], []).append(row)
    for month, members in months.items():
        highest = max(member["level"] for member in members)
        bar = Text("█" * (highest * 2 + 1), style=LEVEL_STYLES[highest])
        first = True
        for member in members:
            table.add_row(
                Text(month if first else ""),
                Text(str(len(members)) if first else ""),
                Text(f"{highest} {LEVEL_NAMES[highest]}" if first else ""),
                bar if first else Text(""),
                Text(printable(member["speaker"] or "")),
                Text(f"{member['level']} {member['level_name']}", style=LEVEL_STYLES[member["level"]]),
                Text(printable(member["quote"])),
                Text(_cell(member.get("corrected"))),
            )
            first = False
    stdout_console().print(table)


def render_confusion(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """The level confusion table for people: a row per gold level, then `all`; a column per level found.

    Counts left of the diagonal (found below the gold level: under-rated) are
    red, on it green, right of it (over-rated) yellow, zeros dim; `under`,
    `exact` and `over` sum each row, and the caption sums the last row, the
    totals. Other formats take the same rows through `render_value`.
    """
    from rich.table import Table
    from rich.text import Text

    from rhetrack.levels import LEVEL_NAMES

    found = [column for column in columns if column.startswith("found_")]
    total = rows[-1]
    table = Table(
        title="level confusion: gold level down, level found across",
        title_justify="left",
        caption=f"{total['total']} matched: {total['under']} under-rated, {total['exact']} exact, "
        f"{total['over']} over-rated",
        caption_justify="left",
    )
    table.add_column("gold level", no_wrap=True)
    for column in columns[1:]:
        table.add_column(column.removeprefix("found_"), justify="right", no_wrap=True)
    for index, row in enumerate(rows):
        gold = row["gold"]
        label = f"{gold} {LEVEL_NAMES[gold]}" if isinstance(gold, int) else str(gold)
        cells = [Text(label, style=LEVEL_STYLES[gold] if isinstance(gold, int) else "bold")]
        for column in columns[1:]:
            count = row[column]
            style = "dim" if not count else ""
            if count and isinstance(gold, int) and column in found:
                level = found.index(column)
                style = "bold red" if level < gold else "green" if level == gold else "yellow"
            elif count and column in ("under", "over"):
                style = "bold red" if column == "under" else "yellow"
            cells.append(Text(str(count), style=style))
        # A line above the last row, the totals.
        table.add_row(*cells, end_section=index == len(rows) - 2)
    stdout_console().print(table)


def _period_cell(row: dict[str, Any], period: str) -> str:
    """One period's figures in a cell: `statements, highest, mean, threats, calls`."""
    if not row[f"{period}_statements"]:
        return "none"
    figures = (row[f"{period}_{name}"] for name in ("statements", "highest", "mean", "threats", "calls"))
    return ", ".join(f"{value:.2f}" if isinstance(value, float) else str(value) for value in figures)


def render_trends(rows: Sequence[dict[str, Any]], statements: dict[int, dict[str, Any]]) -> None:
    """`trends` for people: the ranked actors, then the statements behind each rise."""
    title = "who is escalating"
    if rows:
        recent, earlier = rows[0]["recent_period"], rows[0]["earlier_period"]
        title += (
            f": recent {recent.replace('/', ' – ')} against earlier {earlier.replace('/', ' – ')} "
            "(each: statements, highest level, mean level, threats, calls)"
        )
    cells = [
        {"rank": row["rank"], "actor": row["actor"], "direction": row["direction"],
         "change": f"{row['change']:+.2f}", "recent": _period_cell(row, "recent"),
         "earlier": _period_cell(row, "earlier")}
        for row in rows
    ]  # fmt: skip
    render_table(cells, ("rank", "actor", "direction", "change", "recent", "earlier"), title=title)
    driving = [
        {**statements[statement_id], "rank": row["rank"]}
        for row in rows
        for statement_id in row["driving_statements"]
    ]
    if driving:
        render_table(
            driving,
            ("rank", "id", "speaker", "date", "level", "targets", "quote"),
            title="what drove each rise (`rhetrack explain ID` tells why)",
        )


def render_value(value: Any, output: OutputFormat, *, stream: TextIO | None = None) -> None:
    """A nested value (a profile, an explanation) as JSON, or one object a line for JSON Lines."""
    stream = stream or sys.stdout
    if output is OutputFormat.jsonl and isinstance(value, list):
        for item in value:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif output is OutputFormat.jsonl:
        stream.write(json.dumps(value, ensure_ascii=False) + "\n")
    else:
        stream.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    stream.flush()


def _marked(text: str, open_mark: str, close_mark: str, style: str) -> Text:
    """Text with the parts between marks styled, the marks removed."""
    from rich.text import Text

    result = Text()
    for index, part in enumerate(re.split(f"[{open_mark}{close_mark}]", text)):
        result.append(printable(part), style=style if index % 2 else None)
    return result


def render_search(rows: Sequence[dict[str, Any]], *, sentences: bool = False) -> None:
    """Search results for people: the matching words highlighted."""
    from rich.table import Table

    from rhetrack.query import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

    console = stdout_console()
    table = Table(title=f"{len(rows)} matching", title_justify="left", expand=True, show_lines=True)
    for column in ("id", "speaker", "date", "level"):
        table.add_column(column, no_wrap=column != "speaker", max_width=22)
    table.add_column("sentence" if sentences else "quote", ratio=1, min_width=30, overflow="fold")
    table.add_column("corrected", no_wrap=True)
    for row in rows:
        field = "highlighted_sentence" if sentences else "highlighted_quote"
        text = row.get(field) or row["sentence" if sentences else "quote"]
        table.add_row(
            *(_styled(row, column) for column in ("id", "speaker", "date", "level")),
            _marked(text, HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE, "bold reverse"),
            _styled(row, "corrected"),
        )
    console.print(table)


def render_detail(detail: dict[str, Any], output: OutputFormat) -> None:
    """`explain`: a statement, its sources with the quote highlighted, and why."""
    if output is not OutputFormat.table:
        render_value(detail, output)
        return
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    level = detail["level"]
    head = Text(f"statement {detail['id']}  ")
    head.append(printable(detail["speaker"] or "(unknown speaker)"), style="bold")
    head.append(f"  {detail['date'] or 'undated'} ({detail['date_precision']})  ")
    head.append(f"level {level} {detail['level_name']}", style=LEVEL_STYLES[level])
    if detail["rejected"]:
        head.append("  REJECTED", style="bold red")
    if detail["corrected"]:
        head.append("  corrected by hand", style="italic")
    console.print(head)
    if detail["orphaned"]:
        console.print(
            Text(printable(f"its quote is no longer in its document: {detail['quote']!r}"), style="yellow")
        )
    for source in detail["sources"]:
        passage = Text(printable(source["passage"]))
        passage.stylize("bold reverse", source["quote_start"], source["quote_end"])
        title = Text(printable(f"{source['document']}  published {source['published'] or 'unknown'}"))
        console.print(Panel(passage, title=title, title_align="left"))
    why = Table.grid(padding=(0, 2))
    why.add_column(style="bold", no_wrap=True)
    why.add_column(overflow="fold")
    why.add_row("kind", detail["kind"])
    why.add_row(
        "speaker",
        Text(
            printable(
                f"{detail['speaker_text'] or '?'!r} → {detail['speaker']} (cue: {detail['attribution_cue']})"
            )
        ),
    )
    why.add_row("date", Text(printable(detail["date_reason"])))
    cues = "; ".join(
        f"{cue['text']!r} → {cue['level']} ({cue['family']}{', ' + cue['note'] if cue.get('note') else ''})"
        for cue in detail["cues"]
    )
    why.add_row("level cues", Text(printable(cues or "none: neutral")))
    targets = "; ".join(f"{t['target']} ← {t['mention']!r}" for t in detail["target_mentions"])
    why.add_row("targets", Text(printable(targets or "none")))
    why.add_row("event codes", f"CAMEO {detail['cameo']}, Goldstein {detail['goldstein']}")
    why.add_row("sources", str(len(detail["sources"])))
    if detail["note"]:
        why.add_row("note", Text(printable(detail["note"])))
    console.print(why)
    if detail["history"]:
        from rhetrack.query import HISTORY_COLUMNS

        render_table(detail["history"], HISTORY_COLUMNS, title="corrections")

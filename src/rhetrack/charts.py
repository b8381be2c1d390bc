"""The report's charts, drawn by matplotlib as static SVG for inlining in one HTML page.

Each function takes plain counts and returns one `<svg>` element as text:
no script, nothing fetched, drawn the same in every browser and on paper.
Text stays text (`svg.fonttype: none`, escaped by matplotlib), so labels are
searchable and the file small; math notation is off, so a `$` in an actor's
name is a dollar sign. Levels have one colour each on every chart
(LEVEL_COLOURS, grey to dark red).

Imported only by `report`: matplotlib takes about half a second to load,
which no other command pays.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ParamSpec

from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from rhetrack.levels import LEVEL_NAMES

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# 0 neutral … 4 mobilization: grey, amber, orange, red, dark red (lightness
# falls with the level, so the order reads in greyscale and on paper too).
LEVEL_COLOURS = ("#a6a6a6", "#f2c14e", "#ee8a2a", "#d7301f", "#6b0a0a")
# Targets are categories, not degrees: a qualitative palette unlike the levels'.
TARGET_COLOURS = ("#2b6cb0", "#2c9c8f", "#7b5ea7", "#b7791f", "#4a5568", "#d53f8c", "#38a169", "#718096")
INK = "#222222"
GRID = "#e2e2e2"
NAME_LENGTH = 30

_figure_numbers = itertools.count(1)
_LINE_BREAKS = re.compile(r"\s*\n\s*")

_STYLE = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
}


P = ParamSpec("P")


def styled(chart: Callable[P, str]) -> Callable[P, str]:
    """Draw the chart under the report's style (rcParams are read as artists are made)."""

    @functools.wraps(chart)
    def drawn(*args: P.args, **kwargs: P.kwargs) -> str:
        with rc_context(_STYLE):
            return chart(*args, **kwargs)

    return drawn


def short(name: str) -> str:
    """A name cut to NAME_LENGTH characters for an axis."""
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def to_svg(figure: Figure) -> str:
    """The figure as one `<svg>` element with ids of its own (charts share one page)."""
    number = next(_figure_numbers)
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": f"rhetrack-chart-{number}", "svg.id": f"chart-{number}"}):
        FigureCanvasSVG(figure).print_svg(
            buffer, metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
        )
    text = buffer.getvalue()
    # One line: the file's newlines and indentation mean nothing to SVG, and a
    # path's points need no line each.
    return _LINE_BREAKS.sub(" ", text[text.index("<svg") :])


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def month_ticks(axes: Axes, months: Sequence[str], most: int = 12) -> None:
    """Label at most `most` months, evenly spaced, starting with the first."""
    step = max(1, math.ceil(len(months) / most))
    positions = list(range(0, len(months), step))
    axes.set_xticks(positions, [months[i] for i in positions], rotation=0)
    axes.set_xlim(-0.6, len(months) - 0.4)


def level_legend(figure: Figure) -> None:
    handles = [Patch(color=colour) for colour in LEVEL_COLOURS]
    labels = [f"{level} {name}" for level, name in enumerate(LEVEL_NAMES)]
    figure.legend(handles, labels, loc="outside upper center", ncol=5, frameon=False, fontsize=8)


def _stacked(axes: Axes, months: Sequence[str], series: Sequence[tuple[object, str]], counts: dict) -> None:
    """Bars per month stacked by series (key, colour), drawn only where there is something."""
    bottom = [0] * len(months)
    for key, colour in series:
        heights = [counts.get((month, key), 0) for month in months]
        drawn = [i for i, height in enumerate(heights) if height]
        if drawn:
            axes.bar(
                drawn, [heights[i] for i in drawn], bottom=[bottom[i] for i in drawn],
                color=colour, width=0.85, linewidth=0,
            )  # fmt: skip
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]


def _stack_levels(axes: Axes, months: Sequence[str], counts: dict[tuple[str, int], int]) -> None:
    _stacked(axes, months, list(enumerate(LEVEL_COLOURS)), counts)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


@styled
def monthly_levels(
    months: Sequence[str],
    counts: dict[tuple[str, int], int],
    *,
    small: bool = False,
) -> str:
    """Statements per month stacked by level, under a strip of each month's highest level."""
    figure = _figure(3.6, 1.9) if small else _figure(8.5, 3.4)
    strip, bars = figure.subplots(2, 1, sharex=True, height_ratios=(1, 9 if small else 12))
    highest: dict[str, int] = {}
    for month, level in counts:
        highest[month] = max(level, highest.get(month, 0))
    present = [i for i, month in enumerate(months) if month in highest]
    strip.bar(
        present, [1] * len(present), color=[LEVEL_COLOURS[highest[months[i]]] for i in present],
        width=0.85, linewidth=0,
    )  # fmt: skip
    strip.set_ylim(0, 1)
    strip.set_yticks([])
    strip.set_ylabel("highest", rotation=0, ha="right", va="center", fontsize=7)
    for side in ("left", "bottom"):
        strip.spines[side].set_visible(False)
    strip.tick_params(axis="x", length=0)
    _stack_levels(bars, months, counts)
    bars.set_ylabel("statements")
    month_ticks(bars, months, 4 if small else 12)
    if small:
        bars.tick_params(labelsize=7)
    else:
        level_legend(figure)
    return to_svg(figure)


@styled
def level_distribution(actors: Sequence[str], counts: dict[tuple[str, int], int]) -> str:
    """One horizontal bar per actor, its statements stacked by level."""
    figure = _figure(8.5, 0.9 + 0.3 * len(actors))
    axes = figure.subplots()
    rows = list(range(len(actors)))[::-1]  # the first actor at the top
    left = [0] * len(actors)
    for level, colour in enumerate(LEVEL_COLOURS):
        widths = [counts.get((actor, level), 0) for actor in actors]
        drawn = [i for i, width in enumerate(widths) if width]
        if drawn:
            axes.barh(
                [rows[i] for i in drawn], [widths[i] for i in drawn], left=[left[i] for i in drawn],
                color=colour, height=0.7, linewidth=0,
            )  # fmt: skip
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for row, total in zip(rows, left, strict=True):
        axes.text(total, row, f" {total}", va="center", fontsize=8)
    axes.set_yticks(rows, [short(actor) for actor in actors])
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_xlabel("statements")
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    level_legend(figure)
    return to_svg(figure)


@styled
def target_heatmap(actors: Sequence[str], targets: Sequence[str], counts: dict[tuple[str, str], int]) -> str:
    """Actors (rows) by target (columns): how many statements threaten each, written in each cell."""
    figure = _figure(min(8.5, 2.6 + 0.95 * len(targets)), 0.9 + 0.32 * len(actors))
    axes = figure.subplots()
    grid = [[counts.get((actor, target), 0) for target in targets] for actor in actors]
    most = max((value for row in grid for value in row), default=0) or 1
    # Vector cells (not an embedded image): crisp on paper, nothing but SVG in the page.
    axes.pcolormesh(grid, cmap="Purples", vmin=0, vmax=most * 1.15, edgecolors="white", linewidth=1)
    axes.invert_yaxis()
    for row, values in enumerate(grid):
        for column, value in enumerate(values):
            if value:
                colour = "white" if value > most * 0.6 else INK
                axes.text(
                    column + 0.5, row + 0.5, str(value), ha="center", va="center", fontsize=8, color=colour
                )
    axes.set_xticks(
        [i + 0.5 for i in range(len(targets))], [short(t) for t in targets], rotation=30, ha="right"
    )
    axes.set_yticks([i + 0.5 for i in range(len(actors))], [short(actor) for actor in actors])
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    return to_svg(figure)


@styled
def targets_over_time(
    months: Sequence[str], targets: Sequence[str], counts: dict[tuple[str, str], int]
) -> str:
    """Statements per month that threaten each target, stacked (one colour per target)."""
    figure = _figure(8.5, 3.0)
    axes = figure.subplots()
    series = list(zip(targets, itertools.cycle(TARGET_COLOURS)))
    _stacked(axes, months, series, counts)
    handles = [Patch(color=colour) for _, colour in series]
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_ylabel("statements")
    month_ticks(axes, months)
    figure.legend(
        handles, [short(t) for t in targets], loc="outside upper center", ncol=min(len(targets), 5),
        frameon=False, fontsize=8,
    )  # fmt: skip
    return to_svg(figure)

"""Who is escalating: each actor's rhetoric in the latest period of a selection
against the period before it.

The latest period ends on the last day of the selection's latest statement
that has a place in time (`query.PLACED`), so an archive that stops in 2024
is read as of 2024; `--until` looks back from an earlier day. The recent
period is 30 days and the earlier one the 90 before it; where the data are
sparse (fewer than ENOUGH statements in either), both widen together, to a
quarter against the three before, half a year, then a year against three.

An actor's change is the change of its mean level plus the change, in
doublings, of its threats and calls (levels 3 and 4) per 30 days:

    change = (recent mean - earlier mean) + log2((recent rate + 1) / (earlier rate + 1))

so a rise of one level in the mean counts as much as twice the threats and
calls. A period without statements has mean 0 and rate 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rhetrack.query import (
    PERIOD_FIGURES,
    actor_period_figures,
    latest_placed_date,
    placed_counts,
    strongest_statements,
)

if TYPE_CHECKING:
    from rhetrack.query import StatementFilter
    from rhetrack.storage import Database

# Recent periods tried, in days, until both periods hold ENOUGH statements.
WINDOWS = (30, 91, 182, 365)
EARLIER_FACTOR = 3  # the earlier period is this many times the recent one
ENOUGH = 10
RATE_DAYS = 30  # threats and calls are compared per this many days
STEADY = 0.25  # a change smaller than this either way is steady
DRIVING = 3  # statements shown for each rise

TREND_COLUMNS = (
    "rank", "actor", "organization", "direction", "change",
    "recent_statements", "recent_highest", "recent_mean", "recent_threats", "recent_calls",
    "earlier_statements", "earlier_highest", "earlier_mean", "earlier_threats", "earlier_calls",
    "recent_period", "earlier_period", "driving_statements",
)  # fmt: skip


@dataclass(frozen=True)
class Periods:
    """The earlier period (start, split] and the recent one (split, end], as whole days."""

    start: date
    split: date
    end: date

    @property
    def recent_days(self) -> int:
        return (self.end - self.split).days

    @property
    def earlier_days(self) -> int:
        return (self.split - self.start).days

    def recent_period(self) -> str:
        """ISO 8601 interval of the recent period's first and last day: `2024-01-02/2024-01-31`."""
        return f"{self.split + timedelta(days=1)}/{self.end}"

    def earlier_period(self) -> str:
        return f"{self.start + timedelta(days=1)}/{self.split}"

    def describe(self) -> str:
        """`the last 30 days (2024-01-02 – 2024-01-31) against the 90 before (…)`."""
        recent = self.recent_period().replace("/", " – ")
        earlier = self.earlier_period().replace("/", " – ")
        return (
            f"the last {self.recent_days} days ({recent}) against the {self.earlier_days} before ({earlier})"
        )


@dataclass(frozen=True)
class Trends:
    """Every actor with statements in either period, the one that rose most first."""

    periods: Periods | None
    rows: list[dict[str, Any]]
    # The statements named in `driving_statements`, by id, as `show` lists them.
    statements: dict[int, dict[str, Any]] = field(default_factory=dict)

    def rising(self) -> list[dict[str, Any]]:
        """The actors whose rhetoric rose (new voices included), most first."""
        return [row for row in self.rows if row["change"] >= STEADY]


def periods_ending(end: date, days: int) -> Periods:
    """A recent period of `days` days ending on `end`, and the earlier one before it."""
    split = end - timedelta(days=days)
    return Periods(split - timedelta(days=days * EARLIER_FACTOR), split, end)


def choose_periods(db: Database, filters: StatementFilter, window: int | None = None) -> Periods | None:
    """The periods to compare: `window` days if given, else the first of WINDOWS in
    which both periods hold ENOUGH statements (else the widest). None without
    any statement placed in time."""
    end = latest_placed_date(db, filters)
    if end is None:
        return None
    if window is not None:
        return periods_ending(end, window)
    for days in WINDOWS:
        periods = periods_ending(end, days)
        if min(placed_counts(db, filters, periods.start, periods.split, periods.end)) >= ENOUGH:
            return periods
    return periods_ending(end, WINDOWS[-1])


def _change(recent: dict[str, Any], earlier: dict[str, Any], periods: Periods) -> float:
    def rate(figures: dict[str, Any], days: int) -> float:
        return (figures["threats"] + figures["calls"]) * RATE_DAYS / days

    mean_change = (recent["mean"] or 0.0) - (earlier["mean"] or 0.0)
    rates = (rate(recent, periods.recent_days) + 1) / (rate(earlier, periods.earlier_days) + 1)
    return mean_change + math.log2(rates)


def _direction(recent: dict[str, Any], earlier: dict[str, Any], change: float) -> str:
    if not earlier["statements"]:
        return "new"
    if not recent["statements"]:
        return "silent"
    if change >= STEADY:
        return "rising"
    if change <= -STEADY:
        return "falling"
    return "steady"


def actor_trends(
    db: Database,
    filters: StatementFilter,
    *,
    window: int | None = None,
    limit: int | None = None,
    driving: int = DRIVING,
) -> Trends:
    """Each actor's figures in the recent and earlier periods, ranked by change (highest first).

    Rows follow TREND_COLUMNS; `driving_statements` holds, for an actor whose
    rhetoric rose (or who is new), the ids of its strongest recent
    statements, highest level first.
    """
    periods = choose_periods(db, filters, window)
    if periods is None:
        return Trends(None, [])
    empty = {"statements": 0, "highest": None, "mean": None, "threats": 0, "calls": 0}
    actors: dict[int, dict[str, Any]] = {}
    for row in actor_period_figures(db, filters, periods.start, periods.split, periods.end):
        actor = actors.setdefault(
            row["actor_id"],
            {"actor": row["actor"], "organization": row["organization"], "recent": empty, "earlier": empty},
        )
        actor["recent" if row["recent"] else "earlier"] = {name: row[name] for name in PERIOD_FIGURES}
    rows = []
    for actor_id, actor in actors.items():
        recent, earlier = actor["recent"], actor["earlier"]
        change = _change(recent, earlier, periods)
        row: dict[str, Any] = {
            "actor_id": actor_id,
            "actor": actor["actor"],
            "organization": actor["organization"],
            "direction": _direction(recent, earlier, change),
            "change": round(change, 2),
        }
        for prefix, period in (("recent", recent), ("earlier", earlier)):
            for name in PERIOD_FIGURES:
                value = period[name]
                row[f"{prefix}_{name}"] = round(value, 2) if name == "mean" and value is not None else value
        row["recent_period"] = periods.recent_period()
        row["earlier_period"] = periods.earlier_period()
        rows.append(row)
    rows.sort(key=lambda row: (-row["change"], -row["recent_statements"], row["actor"]))
    rows = rows[:limit] if limit is not None else rows
    rising = [row["actor_id"] for row in rows if row["change"] >= STEADY]
    strongest = (
        strongest_statements(db, filters, rising, periods.split, periods.end, driving) if driving else {}
    )
    statements: dict[int, dict[str, Any]] = {}
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        driven = strongest.get(row["actor_id"], [])
        statements.update((statement["id"], statement) for statement in driven)
        row["driving_statements"] = [statement["id"] for statement in driven]
    return Trends(periods, rows, statements)

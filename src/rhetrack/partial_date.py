"""Dates known to a day, a month or a year, and the interval each one covers.

Articles say "in March" as often as "on March 3"; a statement's date is kept
at the precision its text supports, never padded with a guessed day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]

_ISO_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date at day, month or year precision.

    >>> PartialDate.parse_iso("2023-10").interval()
    (datetime.date(2023, 10, 1), datetime.date(2023, 10, 31))
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # date() validates the ranges, including February 29th.
        date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 at this precision: `2023`, `2023-10` or `2023-10-30`."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def interval(self) -> tuple[date, date]:
        """First and last calendar day this date covers."""
        if self.day is not None:
            assert self.month is not None
            d = date(self.year, self.month, self.day)
            return d, d
        if self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last)
        return date(self.year, 1, 1), date(self.year, 12, 31)

    def coarsen(self, precision: Precision) -> PartialDate:
        """The same date at a coarser (or equal) precision."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month":
            return PartialDate(self.year, self.month)
        return self

    @classmethod
    def from_date(cls, value: date, precision: Precision = "day") -> PartialDate:
        return cls(value.year, value.month, value.day).coarsen(precision)

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        match = _ISO_PARTIAL.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        return cls(year, month, day)

    def __str__(self) -> str:
        return self.iso()

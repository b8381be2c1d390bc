"""The coding scheme's escalation levels: names, numbers and event codes.

Kept apart from `classify` so that commands which only show levels (`show`,
`timeline`, `explain`) never load the classifier and its lexicons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rhetrack.errors import DataFileError
from rhetrack.gazetteer import load_data_file

LEVEL_NAMES = ("neutral", "hostile", "warning", "threat", "mobilization")


@dataclass(frozen=True)
class EventCode:
    """A level's place in event data: CAMEO family, Goldstein score, PLOVER type."""

    level: int
    cameo: str
    cameo_label: str
    goldstein: float
    plover: str


@cache
def event_codes() -> dict[int, EventCode]:
    """The level to event-code table from `data/event_codes.toml` (and the user's)."""
    codes = {}
    for origin, data in load_data_file("event_codes.toml"):
        for entry in data.get("level", []):
            try:
                code = EventCode(
                    int(entry["level"]), str(entry["cameo"]), str(entry.get("cameo_label", "")),
                    float(entry["goldstein"]), str(entry.get("plover", "")),
                )  # fmt: skip
            except (KeyError, ValueError) as exc:
                raise DataFileError(
                    f"{origin}: a [[level]] entry is malformed ({exc}); see the shipped file"
                ) from exc
            codes[code.level] = code
    return codes


def level_number(value: str | int) -> int:
    """A level from its number or name: `3`, `"threat"`; ValueError otherwise."""
    text = str(value).strip().casefold()
    if text.isdigit() and 0 <= int(text) < len(LEVEL_NAMES):
        return int(text)
    if text in LEVEL_NAMES:
        return LEVEL_NAMES.index(text)
    raise ValueError(f"{value!r} is not a level: use 0-4 or one of {', '.join(LEVEL_NAMES)}")

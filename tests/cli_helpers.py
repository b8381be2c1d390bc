"""Running the CLI in tests: through Typer's runner, on a wide terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from rhetrack.cli import app

WIDE = {"COLUMNS": "250"}

# A small article with two statements, for tests of corrections and exchange.
PUBLISHED = "2023-11-02"
KHAZALI_QUOTE = "We will strike the American bases in Iraq if the occupation continues."
KAABI_QUOTE = "Our patience with the occupation is running out and the resistance is ready."
TWO_LEADERS = f"""Militia leaders raise the stakes

The remarks followed a week of rocket attacks on bases in western Iraq.

On October 30, Qais al-Khazali said, "{KHAZALI_QUOTE}"

Akram al-Kaabi said, "{KAABI_QUOTE}"
"""


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=WIDE if env is None else env).invoke(app, [str(arg) for arg in args])


def ok(*args: str | Path) -> Result:
    """Run a command that must succeed."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: str | Path) -> Any:
    """A successful command's JSON output."""
    return json.loads(ok(*args, "--format", "json").stdout)


def ingest(path: Path, *options: str) -> dict[str, int]:
    """Ingest and return the summary row."""
    (summary,) = as_json("ingest", path, *options)
    return summary


def rewrite(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")

"""What a command loads when it starts: what it needs, and no other command's modules.

Start-up speed is measured in bench/ (cold start against a minimal Typer app);
these tests hold the behaviour behind it, which a timing cannot: each runs the
CLI in a fresh interpreter and looks at sys.modules afterwards.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

from rhetrack import cli

REPO = Path(__file__).resolve().parents[1]

# Runs `python -m rhetrack ARGS…` in this interpreter, then writes the names of
# the loaded modules to the file named first.
PROBE = """
import json, runpy, sys
out, *args = sys.argv[1:]
sys.argv = ["rhetrack", *args]
code = 0
try:
    runpy.run_module("rhetrack", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code or 0
with open(out, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""

# Modules of ingest, eval, export/import, trends and report: `show` and `--help`
# never need them (matplotlib alone takes about half a second to load).
OTHER_COMMANDS = (
    "matplotlib",
    "jinja2",
    "rhetrack.report",
    "rhetrack.charts",
    "rhetrack.trends",
    "dateparser",
    "charset_normalizer",
    "rhetrack.dates",
    "rhetrack.ingest",
    "rhetrack.read",
    "rhetrack.clean",
    "rhetrack.extract",
    "rhetrack.attribute",
    "rhetrack.evaluate",
    "rhetrack.exchange",
    "rich.progress",
)


def _loaded(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    """The modules loaded by `rhetrack ARGS…` run as a fresh process, and its stdout."""
    report = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    loaded = json.loads(report.read_text(encoding="utf-8"))
    assert loaded["code"] == 0, result.stderr
    return set(loaded["modules"]), result.stdout


def test_show_loads_no_module_of_the_other_commands(tmp_path: Path, seeded_database: Path) -> None:
    modules, output = _loaded(tmp_path, "show", "--limit", "10", "--db", str(seeded_database))
    assert "10 statements" in output
    assert "rhetrack.query" in modules  # the probe really ran `show`
    # Level names and event codes come from rhetrack.levels, not the classifier;
    # an up-to-date database is read without sqlite-utils (it applies migrations).
    extractor = {"rhetrack.classify", "rhetrack.segment"}
    unneeded = {*OTHER_COMMANDS, *extractor, "sqlite_utils"}
    assert modules.isdisjoint(unneeded), sorted(modules.intersection(unneeded))


def test_help_loads_neither_the_database_layer_nor_the_option_converters(tmp_path: Path) -> None:
    modules, output = _loaded(tmp_path, "--help")
    assert "show" in output
    heavy = {
        "rhetrack.query",
        "rhetrack.storage",
        "rhetrack.classify",
        "rhetrack.gazetteer",
        "sqlite_utils",
        "pydantic",  # Typer converts option values through pydantic; --help converts none
        *OTHER_COMMANDS,
    }
    assert modules.isdisjoint(heavy), sorted(modules.intersection(heavy))
    # The stand-alone click package is for sqlite-utils' own CLI; cli.py needs it
    # only for a type annotation (Typer 0.29 carries its own copy of click).
    typer_alone = subprocess.run(
        [sys.executable, "-c", "import sys, typer; print('click' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    if typer_alone.stdout.strip() == "False":
        assert "click" not in modules


def test_typer_gets_command_annotations_as_objects_not_strings() -> None:
    # Typer reads every command's signature at each start; a string annotation
    # (from `from __future__ import annotations`) is compiled and evaluated
    # each time, about 20 ms for the whole CLI.
    callbacks = [
        info.callback
        for typer_app in (cli.app, cli.actor_app)
        for info in (*typer_app.registered_commands, typer_app.registered_callback)
        if info is not None and info.callback is not None
    ]
    assert len(callbacks) >= 20
    strings = {
        f"{callback.__name__}({name})"
        for callback in callbacks
        for name, annotation in inspect.get_annotations(callback).items()
        if isinstance(annotation, str)
    }
    assert not strings

"""The seed articles end to end: specific statements, dated and classified as read by a person.

Also the installed product: the console script on PATH of this interpreter's
environment and the migrations shipped inside the package, which a source
checkout cannot show (those tests skip, saying why, when rhetrack is not
installed).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from sqlite_utils import Database

from rhetrack.query import StatementFilter, find_statements
from rhetrack.storage import open_database

PACKAGE_CHECK = """
import json, importlib.resources as r, rhetrack
from rhetrack.storage import migration_files
folder = r.files("rhetrack") / "migrations"
print(json.dumps({
    "file": rhetrack.__file__,
    "has_migrations": (folder / "0001_initial.sql").is_file(),
    "migrations": [name for name, _ in migration_files()],
}))
"""


@pytest.fixture
def db(seeded_database: Path) -> Iterator[Database]:
    database = open_database(seeded_database, create=False)
    yield database
    database.close()


def the_statement(db: Database, speaker: str, words: str) -> dict[str, Any]:
    rows = [row for row in find_statements(db, StatementFilter(actor=speaker)) if words in row["quote"]]
    assert len(rows) == 1, f"expected one statement of {speaker} saying {words!r}, found {len(rows)}"
    return rows[0]


def test_kaabi_decided_to_liberate_iraq_militarily(db: Database) -> None:
    row = the_statement(db, "Akram al-Kaabi", "decided to liberate Iraq militarily")
    assert row["speaker"] == "Akram al-Kaabi"
    assert row["organization"] == "Harakat Hezbollah al-Nujaba"
    assert row["date"] == "2023-11-01"
    assert row["date_precision"] == "day"
    assert row["level"] == 4
    assert row["level_name"] == "mobilization"
    assert "us-forces" in row["targets"]
    assert row["document"] == "004_fd2f0d1c583e49ed.txt"


def test_ameri_if_the_americans_intervene(db: Database) -> None:
    row = the_statement(db, "Hadi al-Ameri", "If the Americans intervene")
    assert row["organization"] == "Badr Organization"
    assert row["date"] == "2023-10-10"
    assert row["date_precision"] == "day"
    assert row["level"] == 3
    assert row["level_name"] == "threat"
    assert row["kind"] == "direct"
    assert "united-states" in row["targets"]


def test_humaidawi_is_dated_to_the_month_of_the_article(db: Database) -> None:
    rows = find_statements(db, StatementFilter(actor="Humaidawi"))
    assert len(rows) >= 3
    assert {row["speaker"] for row in rows} == {"Abu Hussein al-Humaidawi"}
    assert {row["date"] for row in rows} == {"2026-01"}
    assert {row["date_precision"] for row in rows} == {"month"}
    assert any("new chapter in the struggle" in row["quote"] for row in rows)


def test_khazali_april_2_statement(db: Database) -> None:
    rows = [
        row for row in find_statements(db, StatementFilter(actor="Khazali")) if row["date"] == "2021-04-02"
    ]
    assert len(rows) == 1
    (row,) = rows
    assert row["speaker"] == "Qais al-Khazali"
    assert row["date_precision"] == "day"
    assert row["level"] == 4
    assert "operations will continue and increase" in row["quote"]
    assert {"united-states", "us-forces"} <= set(row["targets"])


def test_every_seed_statement_has_a_speaker_and_a_date(db: Database) -> None:
    rows = find_statements(db, StatementFilter())
    assert len(rows) > 30
    assert all(row["speaker"] for row in rows)
    assert all(row["date"] for row in rows)
    assert {row["document"] for row in rows} == {p.name for p in (REPO / "seeds").glob("*.txt")}


# -- the installed product ---------------------------------------------------------------------


def _installed_script() -> str:
    script = shutil.which("rhetrack", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip(
            f"no rhetrack console script next to {sys.executable}: the suite runs from a source "
            "checkout; `pip install .` into this environment to test the installed product"
        )
    return script


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without PYTHONPATH, so the installed package is imported, not src/."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(extra)
    return env


def test_installed_console_script_ingests_and_shows(seeds_copy: Path, tmp_path: Path) -> None:
    script = _installed_script()
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    database = tmp_path / "installed.db"
    env = _clean_env(RHETRACK_DB=str(database), COLUMNS="200")

    ingest = subprocess.run(
        [script, "ingest", str(seeds_copy)], cwd=workdir, env=env, capture_output=True, text=True, timeout=300
    )
    assert ingest.returncode == 0, ingest.stderr
    assert database.is_file()
    assert not (workdir / "rhetrack.db").exists()

    show = subprocess.run(
        [script, "show", "--actor", "Khazali", "--format", "csv"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert show.returncode == 0, show.stderr
    rows = list(csv.DictReader(io.StringIO(show.stdout)))
    assert len(rows) >= 3
    assert {row["speaker"] for row in rows} == {"Qais al-Khazali"}

    missing = subprocess.run(
        [script, "show", "--actor", "Nobody"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert "no actor matches" in missing.stderr


def test_installed_package_ships_its_migrations(tmp_path: Path) -> None:
    _installed_script()
    import json

    result = subprocess.run(
        [sys.executable, "-c", PACKAGE_CHECK],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert "0001_initial" in info["migrations"]
    if Path(info["file"]).resolve().is_relative_to(REPO / "src"):
        pytest.skip("rhetrack is installed in editable mode: its package folder is src/rhetrack")
    assert info["has_migrations"], f"{info['file']}: no migrations/0001_initial.sql in the package"


def test_the_wheel_contains_the_migrations_data_and_console_script(tmp_path: Path) -> None:
    """What `pip install .` would install, built from this checkout with hatchling."""
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = archive.read("rhetrack/migrations/0001_initial.sql").decode("utf-8")
        entry_points = next(
            archive.read(name).decode("utf-8")
            for name in names
            if name.endswith(".dist-info/entry_points.txt")
        )
    assert shipped == (REPO / "migrations" / "0001_initial.sql").read_text(encoding="utf-8")
    for migration in (REPO / "migrations").glob("*.sql"):
        assert f"rhetrack/migrations/{migration.name}" in names
    for data in (
        "actors.toml",
        "cues.toml",
        "targets.toml",
        "escalation.toml",
        "sides.toml",
        "boilerplate.json",
    ):
        assert f"rhetrack/data/{data}" in names
    assert "rhetrack = rhetrack.cli:main" in entry_points

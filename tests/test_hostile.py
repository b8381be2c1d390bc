"""Hostile conditions: concurrent writers, read-only databases, spreadsheet injection."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetrack.cli import app
from rhetrack.spreadsheet import csv_safe
from rhetrack.storage import open_database

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def run(*args: str | Path) -> object:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [str(arg) for arg in args])


def test_two_ingests_at_once_against_one_database_both_finish(tmp_path: Path) -> None:
    database = tmp_path / "shared.db"
    open_database(database).close()
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        shutil.copytree(SEEDS, folder)
        folders.append(folder)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rhetrack",
                "ingest",
                str(folder),
                "--db",
                str(database),
                "--format",
                "csv",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for folder in folders
    ]
    outputs = [process.communicate(timeout=240) for process in processes]
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "locked" not in stderr
        assert next(csv.DictReader(io.StringIO(stdout)))["documents_new"] == "5"
    db = open_database(database)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 10
    # The same articles under two folders corroborate each other.
    assert db.execute("SELECT min(source_count), max(source_count) FROM statements").fetchone() == (2, 2)


def test_a_new_database_is_in_wal_mode(tmp_path: Path) -> None:
    db = open_database(tmp_path / "wal.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files anyway")
def test_queries_work_on_a_read_only_database_file(seeded_database: Path, tmp_path: Path) -> None:
    copy = tmp_path / "readonly.db"
    shutil.copy(seeded_database, copy)
    before = copy.read_bytes()
    copy.chmod(stat.S_IRUSR)
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run("show", "--actor", "Khazali", "--db", copy, "--format", "csv")
        assert result.exit_code == 0, result.output
        assert len(list(csv.DictReader(io.StringIO(result.stdout)))) >= 3
    finally:
        tmp_path.chmod(stat.S_IRWXU)
        copy.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert copy.read_bytes() == before


def test_queries_work_on_a_database_opened_read_only(seeded_database: Path, tmp_path: Path) -> None:
    """The same path as a read-only file, exercised even as root: through the read-only connection."""
    from rhetrack import storage

    copy = tmp_path / "ro.db"
    shutil.copy(seeded_database, copy)
    before = copy.read_bytes()
    connection = storage._read_only_connection(copy)
    with pytest.raises(Exception, match="readonly"):
        connection.execute("DELETE FROM statements")
    count = connection.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert count > 30
    assert copy.read_bytes() == before


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("-7.0", "-7.0"),
        ("-2", "-2"),
        ("We will strike", "We will strike"),
        ("", ""),
    ],
)
def test_csv_cells_are_neutralized_against_formulas(cell: str, expected: str) -> None:
    assert csv_safe(cell) == expected


def test_csv_output_neutralizes_formulas_unless_asked_not_to(tmp_path: Path) -> None:
    article = tmp_path / "inject.txt"
    article.write_text(
        'Qais al-Khazali said, "=HYPERLINK(\\"http://evil\\") we will strike."\n', encoding="utf-8"
    )
    assert run("ingest", article).exit_code == 0
    safe = list(csv.DictReader(io.StringIO(run("show", "--format", "csv").stdout)))
    assert safe[0]["quote"].startswith("'=HYPERLINK")
    assert safe[0]["goldstein"].startswith("-")  # numbers stay numbers
    raw = list(csv.DictReader(io.StringIO(run("--csv-formulas", "show", "--format", "csv").stdout)))
    assert raw[0]["quote"].startswith("=HYPERLINK")
    # JSON is data for programs, not spreadsheets: left as it is.
    assert '"=HYPERLINK' in run("show", "--format", "json").stdout


# -- encodings ----------------------------------------------------------------------------

ENGLISH = 'Hadi al-Ameri warned, "We will attack the occupation bases." Le président a déclaré.\n'
ARABIC = "قال هادي العامري إن المقاومة سترد على أي اعتداء أمريكي على الأراضي العراقية وإن القرار حُسم.\n" * 3


@pytest.mark.parametrize(
    ("name", "payload", "text", "guessed"),
    [
        ("utf8.txt", ENGLISH.encode("utf-8"), ENGLISH, None),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), ENGLISH, None),
        ("utf16-bom.txt", ENGLISH.encode("utf-16"), ENGLISH, "utf-16"),
        ("utf16-le-no-bom.txt", ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le"),
        ("latin1.txt", ENGLISH.encode("latin-1"), ENGLISH, "cp1252"),
        ("arabic-1256.txt", ARABIC.encode("cp1256"), ARABIC, "cp1256"),
    ],
)
def test_encodings_are_detected_and_the_guess_reported(
    tmp_path: Path, name: str, payload: bytes, text: str, guessed: str | None
) -> None:
    from rhetrack.read import SourceFile, read_document

    path = tmp_path / name
    path.write_bytes(payload)
    document = read_document(SourceFile(path.resolve(), name, None))
    assert document.text == text
    assert document.encoding == guessed
    result = run("ingest", path)
    assert result.exit_code == 0, result.output
    if guessed:
        assert f"read as {guessed} (guessed)" in result.stderr and name in result.stderr
    else:
        assert "guessed" not in result.stderr


@pytest.mark.parametrize(
    ("name", "payload", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "no article text"),
        ("binary.txt", bytes(range(256)) * 8, "looks binary"),
    ],
)
def test_files_that_are_not_articles_get_a_reason_and_the_rest_goes_on(
    tmp_path: Path, name: str, payload: bytes, reason: str
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / name).write_bytes(payload)
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    result = run("ingest", folder, "--format", "csv")
    assert result.exit_code == 1
    assert reason in result.stderr and name in result.stderr
    assert next(csv.DictReader(io.StringIO(result.stdout)))["documents_new"] == "1"


# -- big files, links, broken databases, interrupted runs ---------------------------------


def test_a_100_mb_file_gets_a_reason_and_the_rest_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    with (folder / "dump.txt").open("wb") as handle:
        handle.truncate(100 * 1_000_000)  # sparse: 100 MB on paper, nothing on disk
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    result = run("ingest", folder, "--format", "csv")
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if "dump.txt" in line]
    assert "too large for one article" in line and "RHETRACK_MAX_FILE_MB" in line
    assert next(csv.DictReader(io.StringIO(result.stdout)))["documents_new"] == "1"


def test_broken_links_and_link_loops_get_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    os.symlink(folder / "nowhere.txt", folder / "broken.txt")
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")
    os.symlink(folder, folder / "self")  # a folder that contains itself
    result = run("ingest", folder, "--format", "csv")
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr
    assert "loop_a.txt" in result.stderr and "loop_b.txt" in result.stderr
    assert next(csv.DictReader(io.StringIO(result.stdout)))["documents_new"] == "1"
    # A looping link named on the command line is reported the same way.
    direct = run("ingest", folder / "loop_a.txt")
    assert direct.exit_code == 1 and "loops back on itself" in direct.stderr


def test_a_corrupted_database_gets_a_message_and_is_not_modified(
    seeded_database: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.db"
    data = bytearray(seeded_database.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)  # keep the header, wreck the schema page
    broken.write_bytes(bytes(data))
    before = broken.read_bytes()
    result = run("show", "--db", broken)
    assert result.exit_code == 1
    assert "broken.db" in result.stderr and "left untouched" in result.stderr
    assert result.stdout == ""
    assert broken.read_bytes() == before


def _ingest_in_background(
    folder: Path, database: Path, *, stderr: int = subprocess.DEVNULL
) -> subprocess.Popen:
    """Start `rhetrack ingest` on 60 articles and return once a few are stored."""
    import time

    folder.mkdir()
    for index in range(60):
        (folder / f"a{index:03d}.txt").write_text(
            f'On October {index % 28 + 1}, Hadi al-Ameri warned, "We will attack the occupation bases."\n\n'
            * 40,
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "rhetrack", "ingest", str(folder), "--db", str(database)],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(database) as conn:
                if conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= 2:
                    break
        except sqlite3.Error:
            continue
    return process


def test_a_killed_ingest_leaves_a_consistent_database_and_a_rerun_completes(tmp_path: Path) -> None:
    import signal

    folder, database = tmp_path / "many", tmp_path / "killed.db"
    process = _ingest_in_background(folder, database)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        # Every stored document has its statements: nothing half-written.
        assert (
            conn.execute(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM statement_sources s WHERE s.document_id = d.id)"
            ).fetchone()[0]
            == 0
        )
    assert 0 < stored < 60
    rerun = run("ingest", folder, "--db", database, "--format", "csv")
    assert rerun.exit_code == 0, rerun.output
    row = next(csv.DictReader(io.StringIO(rerun.stdout)))
    assert int(row["documents_new"]) == 60 - stored
    assert int(row["documents_unchanged"]) == stored


@pytest.mark.parametrize(
    "value",
    ["x' OR 1=1 --", 'Khazali"; DROP TABLE statements; --', "%", "_", "\\", "🔥", "ḳhazālī"],
)
def test_filter_values_reach_sql_only_as_parameters(seeded_database: Path, value: str) -> None:
    before = seeded_database.read_bytes()
    for option in ("--actor", "--org", "--doc", "--search", "--target"):
        result = run("show", option, value, "--db", seeded_database, "--format", "csv")
        assert result.exit_code in (0, 1), (option, result.output)
        if result.exit_code == 1:
            assert result.stdout == "" and result.stderr.startswith("error:"), (option, result.stderr)
    assert seeded_database.read_bytes() == before
    db = open_database(seeded_database)
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] > 30


def test_ctrl_c_during_ingest_ends_with_a_message_and_a_rerun_completes(tmp_path: Path) -> None:
    import signal

    folder, database = tmp_path / "many", tmp_path / "interrupted.db"
    process = _ingest_in_background(folder, database, stderr=subprocess.PIPE)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the ingest finished before the interrupt arrived")
    assert process.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    rerun = run("ingest", folder, "--db", database, "--format", "csv")
    assert rerun.exit_code == 0
    row = next(csv.DictReader(io.StringIO(rerun.stdout)))
    assert int(row["documents_new"]) + int(row["documents_unchanged"]) == 60

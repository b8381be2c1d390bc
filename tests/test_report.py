"""`rhetrack report` as a file: what the page holds, what it refuses, what it never does.

Real databases in tmp_path, the CLI through Typer's runner. What the page
looks like and does in a browser is tests/test_report_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import ok, run
from conftest import REPO

from rhetrack.cli import app
from rhetrack.partial_date import PartialDate
from rhetrack.query import StatementFilter, find_statements
from rhetrack.report import describe_filters, safe_url
from rhetrack.storage import add_statement, open_database

SCRIPT_QUOTE = "<script>window.pwned = 1</script>"
IMAGE_QUOTE = '<img src=x onerror="window.pwned = 2">'
INJECTED = f"""Militia statement

BAGHDAD, March 3, 2024 —

Qais al-Khazali said, "We will strike the bases {SCRIPT_QUOTE} and {IMAGE_QUOTE} every convoy."
"""
INJECTED_MANIFEST = (
    "file,published,url,title,publisher\n"
    'injected.txt,2024-03-03,javascript:alert(3),"<b onmouseover=""window.pwned = 3"">Bold</b> title",Pub\n'
)


def hostile_database(tmp_path: Path) -> Path:
    """The seeds, plus a document whose quote, title and URL carry markup and script."""
    database = tmp_path / "brief.db"
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "injected.txt").write_text(INJECTED, encoding="utf-8")
    (hostile / "manifest.csv").write_text(INJECTED_MANIFEST, encoding="utf-8")
    ok("ingest", tmp_path / "seeds", hostile, "--db", database)
    db = open_database(database)
    # Whatever the extractor made of it, these quotes are statements of their own.
    add_statement(db, "injected.txt", SCRIPT_QUOTE, "Qais al-Khazali", level=3, date=PartialDate(2024, 3, 3))
    add_statement(db, "injected.txt", IMAGE_QUOTE, "Qais al-Khazali", level=2, date=PartialDate(2024, 3, 3))
    db.close()
    return database


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, report) written once for the module by `rhetrack report`."""
    folder = tmp_path_factory.mktemp("brief")
    database = hostile_database(folder)
    report = folder / "out" / "brief.html"
    result = run("report", "-o", report, "--db", database)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.match(r"wrote .*brief\.html: \d+ statements by \d+ actors from 6 documents", result.stderr)
    return database, report


def page_data(report: Path) -> dict[str, Any]:
    html = report.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    assert block
    return json.loads(block.group(1))


def listed(database: Path, **filters: Any) -> list[dict[str, Any]]:
    db = open_database(database)
    try:
        return find_statements(db, StatementFilter(**filters))
    finally:
        db.close()


def test_the_page_lists_every_selected_statement_newest_first(brief: tuple[Path, Path]) -> None:
    database, report = brief
    rows = listed(database)
    data = page_data(report)
    statements = data["statements"]
    assert sorted(s["i"] for s in statements) == sorted(row["id"] for row in rows)
    by_id = {row["id"]: row for row in rows}
    for statement in statements:
        row = by_id[statement["i"]]
        assert (statement["q"], statement["l"], statement["d"], statement.get("t", [])) == (
            row["quote"], row["level"], row["date"], row["targets"]
        )  # fmt: skip
        assert statement.get("p", "day") == row["date_precision"]
        assert statement.get("k", "direct") == row["kind"]
        assert statement.get("n", 1) == row["sources"]
        assert data["speakers"][statement["a"]][0] == row["speaker"]
        assert data["reasons"][statement["r"]]  # how its date was resolved
    dates = [s["d"] for s in statements if s["d"]]
    assert dates == sorted(dates, reverse=True)


def test_the_page_says_what_it_covers(brief: tuple[Path, Path]) -> None:
    database, report = brief
    html = report.read_text(encoding="utf-8")
    count = len(listed(database))
    assert f"<strong>{count}</strong> statements" in html
    assert "from <strong>6</strong> documents" in html
    assert "every statement in the database" in html
    assert re.search(
        r"\d{4}-\d\d-\d\d \d\d:\d\d UTC by rhetrack \d+\.\d+\.\d+ from <code>brief\.db</code>", html
    )
    assert "dated <strong>2020-11-19</strong> to <strong>2026-01-31</strong>" in html
    assert "Who is escalating?" in html and "Comparing the last" in html


def test_the_page_is_self_contained_and_fetches_nothing(brief: tuple[Path, Path]) -> None:
    _, report = brief
    html = report.read_text(encoding="utf-8")
    assert len(re.findall(r"<svg\b", html)) >= 8  # the overall chart, actors, levels, targets
    assert not re.search(r"<(link|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"\b(src|href)=[\"']?(https?:)?//", html)  # outbound links live in the data only
    assert "@import" not in html and "url(http" not in html
    # Only the page's own script may run, by its hash; nothing may be fetched.
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and "default-src 'none'" in policy.group(1)
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy.group(1))
    assert "unsafe-inline" not in policy.group(1).split("script-src")[1].split(";")[0]


def test_document_text_is_data_never_markup(brief: tuple[Path, Path]) -> None:
    _, report = brief
    html = report.read_text(encoding="utf-8")
    # The only <script> elements are the data block and the page's own script.
    assert len(re.findall(r"<script\b", html)) == 2
    assert "window.pwned" in html  # the quotes are there, as text
    assert "<img src=x" not in html and "<b onmouseover" not in html
    assert "javascript:" not in html
    data = page_data(report)
    quotes = [s["q"] for s in data["statements"]]
    assert SCRIPT_QUOTE in quotes and IMAGE_QUOTE in quotes
    (document,) = [d for d in data["documents"] if d[0] == "injected.txt"]
    assert document[1] == '<b onmouseover="window.pwned = 3">Bold</b> title'
    assert document[2] is None  # javascript: is no link


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org/a", False),
        ("/local/file.html", False),
        ("http:///nohost", False),
        ("", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_become_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_filters_select_what_the_page_shows(brief: tuple[Path, Path], tmp_path: Path) -> None:
    database, _ = brief
    report = tmp_path / "khazali.html"
    ok("report", "-o", report, "--db", database, "--actor", "Khazali", "--min-level", "threat")
    data = page_data(report)
    expected = listed(database, actor="Khazali", min_level=3)
    assert sorted(s["i"] for s in data["statements"]) == sorted(row["id"] for row in expected)
    assert {data["speakers"][s["a"]][0] for s in data["statements"]} == {"Qais al-Khazali"}
    html = report.read_text(encoding="utf-8")
    assert "<code>--actor Khazali</code> <code>--min-level 3 (threat)</code>" in html
    assert "rhetrack report --actor Khazali --min-level 3 (threat) -o FILE" in html


def test_describe_filters_names_each_option_once() -> None:
    filters = StatementFilter(
        actor="Kaabi", target="us-bases", since=PartialDate(2023, 10), until=PartialDate(2024),
        level=4, search="bases", min_sources=2, include_rejected=True,
    )  # fmt: skip
    assert describe_filters(filters) == [
        "--actor Kaabi", "--target us-bases", "--since 2023-10", "--until 2024", "--search bases",
        "--min-sources 2", "--level 4 (mobilization)", "--include-rejected",
    ]  # fmt: skip
    assert describe_filters(StatementFilter()) == []


def test_a_long_selection_lists_the_newest_and_says_so(brief: tuple[Path, Path], tmp_path: Path) -> None:
    database, _ = brief
    report = tmp_path / "five.html"
    result = ok("report", "-o", report, "--db", database, "--max-statements", "5")
    total = len(listed(database))
    assert f"({5} listed)" in result.stderr
    newest = [s["i"] for s in page_data(report)["statements"]]
    everything = [s["i"] for s in page_data(brief[1])["statements"]]
    assert newest == everything[:5]
    assert f"The 5 newest of {total} statements" in report.read_text(encoding="utf-8")


def test_an_existing_file_is_replaced_only_with_force(brief: tuple[Path, Path], tmp_path: Path) -> None:
    database, _ = brief
    report = tmp_path / "brief.html"
    report.write_text("an analyst's own notes", encoding="utf-8")
    result = run("report", "-o", report, "--db", database)
    assert result.exit_code == 1
    assert f"{report}: exists; give --force to replace it" in result.stderr
    assert report.read_text(encoding="utf-8") == "an analyst's own notes"
    ok("report", "-o", report, "--db", database, "--force")
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]  # no temporary file left behind


def test_no_statement_selected_writes_nothing_and_says_why(brief: tuple[Path, Path], tmp_path: Path) -> None:
    database, _ = brief
    report = tmp_path / "empty.html"
    result = run("report", "-o", report, "--db", database, "--since", "2031")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no statements match the filters" in result.stderr
    assert not report.exists()
    folder = run("report", "-o", tmp_path, "--db", database)
    assert folder.exit_code != 0 and not list(tmp_path.iterdir())


def test_report_takes_every_filter_of_show() -> None:
    from typer.main import get_command

    commands = get_command(app).commands  # type: ignore[attr-defined]

    def options(name: str) -> set[str]:
        return {option for param in commands[name].params for option in getattr(param, "opts", [])}

    show, report, trends = options("show"), options("report"), options("trends")
    not_filters = {"--limit", "-n", "--format", "-f"}
    assert show - not_filters <= report
    assert show - not_filters <= trends
    assert {"-o", "--output", "--force", "--window", "--title", "--max-statements"} <= report


def test_the_wheel_ships_the_report_templates(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for template in ("report.html.j2", "report.css", "report.js"):
        assert f"rhetrack/templates/{template}" in names


def test_statements_without_a_month_are_listed_and_counted_apart(tmp_path: Path) -> None:
    folder = tmp_path / "undated"
    folder.mkdir()
    words = ["Remark one stands.", "Remark two stands.", "Remark three stands."]
    (folder / "notes.txt").write_text("Notes\n\n" + "\n\n".join(words) + "\n", encoding="utf-8")
    database = tmp_path / "undated.db"
    ok("ingest", folder, "--db", database)
    db = open_database(database)
    add_statement(db, "notes.txt", words[0], "Qais al-Khazali", level=3, targets=["us-bases"])
    add_statement(db, "notes.txt", words[1], "Akram al-Kaabi", level=1)
    add_statement(db, "notes.txt", words[2], "Akram al-Kaabi", level=4, date=PartialDate(2024))
    db.close()
    report = tmp_path / "undated.html"
    ok("report", "-o", report, "--db", database)
    html = report.read_text(encoding="utf-8")
    assert "2 undated, 1 dated only to the year (listed below all the same)" in html
    assert len(page_data(report)["statements"]) == 3
    assert "there are no periods to compare" in html
    assert "No statement of the selection is dated to the month or better." in html
    # No time to draw, but each actor's levels and targets all the same.
    assert len(re.findall(r"<svg\b", html)) == 2
    assert 'united-states 1 <span class="parts">(us-bases 1)</span>' in html

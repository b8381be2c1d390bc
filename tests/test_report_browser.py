"""The report as a person sees it: opened from a file in headless Chromium.

Debian's `chromium` (`/usr/bin/chromium`, or RHETRACK_CHROMIUM), driven by
Playwright pointed at that binary. Without the browser this test fails
with what to install: `.ci/run` installs it, so in CI it is never skipped.

The page is opened from disk with every network request refused and
recorded, so "offline, nothing fetched" is checked, not assumed. The test
saves screenshots under its temporary directory; with RHETRACK_SCREENSHOT
set it also writes the top of the seeds report there, the README's picture:

    RHETRACK_SCREENSHOT=docs/report.png .venv/bin/python -m pytest tests/test_report_browser.py -k screenshot
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from cli_helpers import ok
from conftest import SEEDS
from test_report import IMAGE_QUOTE, SCRIPT_QUOTE, hostile_database, page_data

from rhetrack.partial_date import PartialDate
from rhetrack.storage import add_statement, open_database

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_FLAGS = [
    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
PAGE = 50  # statements a page of the list shows (report.js)


def chromium() -> str:
    """The Chromium binary to test with; fails (never skips) when there is none."""
    configured = os.environ.get("RHETRACK_CHROMIUM")
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        f"no Chromium at {configured or '/usr/bin/chromium'} to test the report in: install Debian's "
        "chromium (`apt-get install chromium`, as .ci/run does) or set RHETRACK_CHROMIUM to a Chromium "
        "or Chrome binary",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        # Playwright's own browser download is not used: the system's Chromium is.
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from a file, with what it logged and what it tried to fetch."""

    def __init__(self, browser: Browser, path: Path, width: int = 1280, height: int = 1000) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.fetched: list[str] = []
        self.messages: list[tuple[str, str]] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda message: self.messages.append((message.type, message.text)))
        self.page.on("pageerror", lambda error: self.messages.append(("pageerror", str(error))))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("#statement-rows tr")

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.fetched.append(route.request.url)
            route.abort()

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.messages if kind in ("error", "warning", "pageerror")]

    def shown_ids(self) -> list[int]:
        return [
            int(row_id[1:])
            for row_id in self.page.eval_on_selector_all("#statement-rows tr", "rs => rs.map(r => r.id)")
        ]

    def close(self) -> None:
        self.context.close()


# -- the seeds, as the README shows them -------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds-report")
    database = folder / "seeds.db"
    ok("ingest", SEEDS, "--db", database)
    report = folder / "brief.html"
    ok("report", "-o", report, "--db", database)
    return report


def test_screenshot_of_the_seeds_report_shows_drawn_charts_and_no_errors(
    browser: Browser, seeds_report: Path, tmp_path: Path
) -> None:
    visit = Visit(browser, seeds_report, height=2000)
    page = visit.page
    charts = page.eval_on_selector_all(
        "figure.chart svg",
        """svgs => svgs.map(svg => {
             const box = svg.getBoundingClientRect();
             const count = selector => svg.querySelectorAll(selector).length;
             return {width: box.width, height: box.height, texts: count('text'), shapes: count('path'),
                     images: count('image')};
           })""",
    )
    # The overall chart, one per most active actor (six), levels, targets, targets over time.
    assert len(charts) >= 10, charts
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 80, chart
        assert chart["shapes"] > 8 and chart["texts"] > 3, chart  # bars, cells and axes drawn, labelled
        assert chart["images"] == 0, chart  # vectors, not pictures
    # Levels have their colours: every level the seeds reach is drawn somewhere.
    overall = page.inner_html("#over-time figure.chart")
    for colour in ("#d7301f", "#6b0a0a", "#a6a6a6"):
        assert colour in overall
    assert page.inner_text("#escalating .rising li .actor")  # a ranked actor
    assert page.locator("#statement-rows tr").count() == len(page_data(seeds_report)["statements"])
    assert visit.errors() == [] and visit.fetched == []

    top, full = tmp_path / "report.png", tmp_path / "report-full.png"
    page.screenshot(path=str(top))
    page.screenshot(path=str(full), full_page=True)
    assert top.read_bytes().startswith(b"\x89PNG") and top.stat().st_size > 50_000
    assert full.stat().st_size > top.stat().st_size
    if os.environ.get("RHETRACK_SCREENSHOT"):
        shutil.copy(top, os.environ["RHETRACK_SCREENSHOT"])
    visit.close()


# -- a longer list, with hostile text ----------------------------------------------------------------

EXTRA = 40  # statements added to the seeds, so the list has a second page


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-report")
    database = hostile_database(folder)
    remarks = folder / "remarks"
    remarks.mkdir()
    sentences = [f"Remark number {n:03d} is on the record." for n in range(EXTRA)]
    (remarks / "remarks.txt").write_text(
        "---\npublished: 2025-06-30\n---\nRemarks\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8"
    )
    ok("ingest", remarks, "--db", database)
    db = open_database(database)
    for number, sentence in enumerate(sentences):
        add_statement(
            db,
            "remarks.txt",
            sentence,
            "Hadi al-Ameri",
            level=number % 5,
            date=PartialDate(2025, 6, 1 + number % 28),
        )
    db.close()
    report = folder / "brief.html"
    ok("report", "-o", report, "--db", database)
    return report


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def matching(report: Path, words: str, lowest: int = 0) -> list[int]:
    """The statements the search box should keep: every word in one of the fields
    the page searches (quote, speaker, organization, targets, date, level, kind,
    id, each source's name, title and publisher, the sentence around the quote)."""
    data = page_data(report)
    kept = []
    for s in data["statements"]:
        speaker, organization = data["speakers"][s["a"]]
        fields = [s["q"], speaker, organization or "", " ".join(s.get("t", [])), s["d"] or "",
                  data["levels"][s["l"]], s.get("k", "direct"), f"#{s['i']}"]  # fmt: skip
        for index in s["s"]:
            name, title, _, publisher, _ = data["documents"][index]
            fields += [name, title or "", publisher or ""]
        fields += s.get("c", [])
        text = fold(" \u0001 ".join(fields))
        if s["l"] >= lowest and all(word in text for word in fold(words).split()):
            kept.append(s["i"])
    return kept


def test_the_list_pages_and_the_search_box_filters_it(browser: Browser, hostile_report: Path) -> None:
    visit = Visit(browser, hostile_report)
    page = visit.page
    everything = [s["i"] for s in page_data(hostile_report)["statements"]]
    assert len(everything) > PAGE
    assert visit.shown_ids() == everything[:PAGE]
    assert f"of {len(everything)}" in page.inner_text("#page-status")
    page.click("#next")
    assert visit.shown_ids() == everything[PAGE : 2 * PAGE]
    assert page.is_disabled("#next") and not page.is_disabled("#previous")

    for words in (
        "no picnic",
        "Remark number 01",
        "pwned = 1",
        "haidari",
        "united-states",
        "Kataib Hezbollah",
    ):
        page.fill("#search", words)
        expected = matching(hostile_report, words)
        assert expected, words
        assert visit.shown_ids() == expected[:PAGE], words
        assert f"{len(expected)} of {len(everything)} statements match" in page.inner_text("#list-status")
    page.fill("#search", "Remark")
    page.select_option("#min-level", "4")
    expected = matching(hostile_report, "Remark", lowest=4)
    assert visit.shown_ids() == expected and len(expected) == EXTRA // 5
    page.fill("#search", "no such words anywhere")
    assert visit.shown_ids() == [] and page.inner_text("#page-status") == "no statement matches"
    assert visit.errors() == [] and visit.fetched == []
    visit.close()


def test_a_quote_holding_a_script_is_shown_as_text_and_runs_nothing(
    browser: Browser, hostile_report: Path
) -> None:
    visit = Visit(browser, hostile_report)
    page = visit.page
    page.fill("#search", "pwned")
    rows = page.locator("#statement-rows tr")
    assert rows.count() >= 2
    for index in range(rows.count()):
        rows.nth(index).locator("details.why summary").click()
        rows.nth(index).hover()
    text = page.inner_text("#statement-rows")
    assert SCRIPT_QUOTE in text and IMAGE_QUOTE in text
    assert '<b onmouseover="window.pwned = 3">Bold</b> title' in text  # the document's title, as text
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('#statement-rows img, #statement-rows b').length") == 0
    assert page.evaluate(
        "[...document.querySelectorAll('a[href]')].every(a => /^(https?:|#)/.test(a.getAttribute('href')))"
    )
    assert visit.errors() == [] and visit.fetched == []
    visit.close()


def test_a_statement_behind_a_rise_is_one_click_from_its_explanation(
    browser: Browser, hostile_report: Path
) -> None:
    visit = Visit(browser, hostile_report)
    page = visit.page
    link = page.locator("#escalating .rising a.goto").first
    statement = link.get_attribute("href")
    assert statement and statement.startswith("#s")
    link.click()
    row = page.locator(f"#statement-rows tr{statement}")
    assert row.is_visible()
    assert row.locator("details.why").get_attribute("open") is not None
    explanation = row.locator("details.why dl").inner_text()
    for label in ("speaker", "date", "level", "targets", "sources", "rhetrack explain"):
        assert label in explanation
    assert visit.errors() == []
    visit.close()


def test_on_a_phone_nothing_runs_off_the_side(browser: Browser, hostile_report: Path) -> None:
    visit = Visit(browser, hostile_report, width=390, height=844)
    page = visit.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("getComputedStyle(document.querySelector('.statements thead')).display") == "none"
    first = page.locator("#statement-rows tr").first.bounding_box()
    assert first is not None and first["width"] <= 390
    assert page.locator("figure.chart svg").first.is_visible()
    assert visit.errors() == []
    visit.close()


def test_on_paper_the_charts_and_the_whole_list_print_without_controls(
    browser: Browser, hostile_report: Path, tmp_path: Path
) -> None:
    visit = Visit(browser, hostile_report)
    page = visit.page
    everything = len(page_data(hostile_report)["statements"])
    page.emulate_media(media="print")
    for control in (".controls", ".pager", ".contents"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{control}')).display") == "none"
    assert page.locator("figure.chart svg").first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("#statement-rows tr").count() == everything
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#statement-rows tr").count() == PAGE
    assert visit.errors() == []
    visit.close()

"""Tests for rhetrack.clean: page furniture goes, body prose stays verbatim."""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

from rhetrack.clean import clean_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

CASES = [
    # --- links and link debris
    ("markdown link", "He said [this](https://x.org/a) today.", "He said this today."),
    (
        "escaped debris inside link text",
        "[Jane Doe \\(/experts/jane-doe\\)](#) wrote it.",
        "Jane Doe wrote it.",
    ),
    (
        "bare debris between verb and comma",
        'On October 10, **he warned (/node/18393)**, "If they come, we fight."',
        'On October 10, he warned, "If they come, we fight."',
    ),
    (
        "angle-bracket debris",
        "Militia Spotlight (</policy-analysis/series/x>) said so.",
        "Militia Spotlight said so.",
    ),
    (
        "URL debris with parentheses inside",
        "the **Chatham House (https://example.org/wiki/A_(b))** report",
        "the Chatham House report",
    ),
    (
        "line that is only a path",
        "First paragraph.\n\n(/sites/default/files/figure%201.png)\n\nSecond paragraph.",
        "First paragraph.\n\nSecond paragraph.",
    ),
    ("image link", "![a chart](/img/x.png)\nBody text.", "Body text."),
    ("autolink", "See <https://example.org/x> for more.", "See for more."),
    ("parenthesised hashtag stays", "Users spread it (#IraqProtests) widely.", None),
    ("ordinary parentheses stay", "The group (Part 2) met in 2021 (March/April).", None),
    (
        "bracketed editorial insertion stays",
        "“the United States embassy [in Baghdad]… whose content”",
        None,
    ),
    (
        "link-only lines are menus; a linked title is kept",
        "# [The Title](https://x.org/t)\n\n[Home](/) | [News](/news)\n\nBody.",
        "The Title\n\nBody.",
    ),
    # --- emphasis and headings
    (
        "emphasis markers",
        "**A**s the *muqawama* and _others_ said",
        "As the muqawama and others said",
    ),
    ("not emphasis", "3 * 4 * 5 is 60 and snake_case_name stays.", None),
    (
        "heading marker stripped, own paragraph",
        "## Khamenei Sets the Parameters?\nOn November 1, he spoke.",
        "Khamenei Sets the Parameters?\n\nOn November 1, he spoke.",
    ),
    (
        "bold-only line stays its own paragraph",
        "**Badr: From Paper Tiger to Honey Badger**\nOn October 30, he said it.",
        "Badr: From Paper Tiger to Honey Badger\n\nOn October 30, he said it.",
    ),
    (
        "bold entity cut from its sentence is rejoined",
        "**Saraya Awliya al-Dam (/node/16626)**\n\na facade group, announced it.",
        "Saraya Awliya al-Dam a facade group, announced it.",
    ),
    (
        "heading never joined with a lowercase line",
        "## Heading\n\nlowercase start.",
        "Heading\n\nlowercase start.",
    ),
    ("hashtag line is not a heading", "#IraqProtests is trending.", None),
    # --- captions and credits
    (
        "caption cut into a sentence is dropped and the sentence rejoined",
        'AAH-affiliated media have\n\n\n\nFigure 1: Kaabi\'s message that "x," '
        "November 1, 2023.\n\noften used such verses.",
        "AAH-affiliated media have often used such verses.",
    ),
    ("Figure mid-sentence stays", "As Figure 2 shows, the attacks rose.", None),
    ("Figure reference in parentheses stays", "He spoke of it (Figure 3) again.", None),
    ("caption variant", "Fig. 3 – A map of the bases.\nBody.", "Body."),
    ("photo credit", "Body.\n\nPhoto by JANE DOE/AFP via Getty Images", "Body."),
    (
        "caption ending in its credit",
        "Body.\n\nA leader speaks in Beirut, March 15, 2018. Photo: Reuters / Jane Doe.\n\nMore.",
        "Body.\n\nMore.",
    ),
    (
        "caption with a credit in parentheses",
        "Body.\n\nA rally in Sanaa (Photo by AFP)\n\nMore.",
        "Body.\n\nMore.",
    ),
    ("a sentence that mentions a photo stays", "He said the photo: it was taken in 2019.", None),
    # --- bylines, labels, navigation lines
    (
        "linked byline",
        "by [Jane Doe \\(/experts/jane\\)](#), [John al-Roe \\(/experts/john\\)](#)\n\nBody.",
        "Body.",
    ),
    ("plain byline", "By Jane Doe and John Roe\nBody.", "Body."),
    ("sentence starting with By stays", "By December, the group had 5,000 fighters.", None),
    (
        "site labels and language links",
        "Brief Analysis\n\nAlso available in\n\n[العربية \\(/ar/x\\)](#)\n\nBody.",
        "Body.",
    ),
    (
        "series navigation lines",
        "Part of a series: [Militia Spotlight](https://x.org/s)\n\nor see Part 1: [How to Use](#)\n\nBody.",
        "Body.",
    ),
    (
        "rules and stray markup debris",
        'Body one.\n\n---\n\n">\n\n◆\n\n* * *\n\nBody two.',
        "Body one.\n\nBody two.",
    ),
    # --- author biographies
    (
        "author block",
        "ABOUT THE AUTHORS\n\n[Jane Doe \\(/experts/jane-doe\\)](/experts/jane-doe)\n\n"
        "Jane Doe is a senior fellow at the Example Institute.\n\nJohn al-Roe\n\n"
        "John al-Roe is the director of research at Example. He writes on Iraq.\n\n"
        "He is also a cofounder of the Example platform.\n\n"
        "The militia said it would continue.",
        "The militia said it would continue.",
    ),
    (
        "author block with heading names, then a body subheading",
        "## About the authors\n\n### Jane Doe\n\nJane Doe is a journalist.\n\n"
        "John Roe, PhD\n\nJohn Roe, PhD, is a lecturer at Example University.\n\n"
        "Asaib Ahl al-Haq\n\nThe group said it would fight.",
        "Asaib Ahl al-Haq\n\nThe group said it would fight.",
    ),
    (
        "biography at the end",
        "Body sentence.\n\nJane Doe, PhD, is an Associate Fellow with the Example Institute. "
        "She tweets at: @jdoe. The views expressed in this piece are her own.",
        "Body sentence.",
    ),
    (
        "body sentence shaped like a biography stays",
        "Qais al-Khazali is the leader of Asaib Ahl al-Haq and a former student of Sadr.",
        None,
    ),
    (
        "biography-like paragraph with a quotation stays",
        'Jane Doe is an analyst at Example, and she said, "We will see."',
        None,
    ),
    # --- disclaimers
    (
        "institutional disclaimer",
        "Body.\n\nThe Example Institute (EI) is an independent, non-partisan, educational "
        "organization. It does not engage in advocacy. For a listing of EI donors, please "
        "click here.",
        "Body.",
    ),
    ("copyright line", "Body.\n\n© 2024 Example News. All rights reserved.", "Body."),
    (
        "disclaimer-shaped quotation stays",
        'The group said: "We are an independent, non-partisan movement."',
        None,
    ),
    ("independent without the cue stays", "The group is an independent militia.", None),
    # --- trailing navigation
    (
        "trailing navigation region",
        "Last body paragraph.\n\nRECOMMENDED\n\nBRIEF ANALYSIS\n\n[Some Title](#)\n\n"
        "Nov 17, 2023\n\nJane Doe,\nJohn Roe\n\n(/policy-analysis/some-title)\n\n"
        "ARTICLES & TESTIMONY\n\nAnother Title Without Link\n\nTOPICS\n\n"
        "Military & Security (/policy-analysis/military-security)",
        "Last body paragraph.",
    ),
    (
        "navigation heading followed by prose is not a trailing region",
        "Body.\n\nRelated\n\n" + "The militia said it would keep striking bases. " * 5,
        "Body.\n\n" + ("The militia said it would keep striking bases. " * 5).strip(),
    ),
    # --- paragraphs
    (
        "single newline between complete paragraphs is a break",
        "First sentence here.\nSecond one here.",
        "First sentence here.\n\nSecond one here.",
    ),
    (
        "lowercase continuation across a blank line",
        'a "parochial" militia focused\n\nprimarily on politics.',
        'a "parochial" militia focused primarily on politics.',
    ),
    (
        "comma then lowercase continuation",
        "Similarly, **Saraya Awliya al-Dam (/node/16626)**,\n\na facade group, announced it.",
        "Similarly, Saraya Awliya al-Dam, a facade group, announced it.",
    ),
    (
        "finished sentence then lowercase name is a new paragraph",
        "He left.\n\nal-Sudani replied.",
        "He left.\n\nal-Sudani replied.",
    ),
    (
        "dateline runs into its paragraph",
        "BAGHDAD –\nRecent statements were made.",
        "BAGHDAD – Recent statements were made.",
    ),
    (
        "standalone date line is kept",
        "Title of the Piece\n\nNov 1, 2023\n\nBody.",
        "Title of the Piece\n\nNov 1, 2023\n\nBody.",
    ),
    (
        "list items stay separate",
        "- first item\n- second item",
        "first item\n\nsecond item",
    ),
    ("CRLF line ends", "One.\r\n\r\nTwo.", "One.\n\nTwo."),
    ("quotes, dashes and apostrophes unchanged", "“Don’t”—he said ‘no’ … «non» – 'x'", None),
    ("empty input", "", ""),
    ("only furniture", "RECOMMENDED\n\n[A](#)\n\nTOPICS", ""),
]


@pytest.mark.parametrize(
    ("source", "expected"),
    [pytest.param(source, expected, id=name) for name, source, expected in CASES],
)
def test_clean_passages(source: str, expected: str | None) -> None:
    assert clean_text(source) == (source if expected is None else expected)


def test_hard_wrapped_text_is_rejoined() -> None:
    first = (
        "Kataib Hezbollah said on Monday that it would strike American bases if the "
        "United States attacked Iran, and that the decision had been taken by the "
        "leadership of the group after long deliberation."
    )
    second = (
        "The statement was posted on the group's Telegram channel and repeated by "
        "affiliated outlets, which described it as a warning to Washington and its "
        "allies in the region."
    )
    # Eight or more lines are needed before a text counts as hard-wrapped.
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in (first, second, first))
    assert clean_text(wrapped) == f"{first}\n\n{second}\n\n{first}"
    # Without blank lines between paragraphs, only lines filled close to the
    # width are joined; a short last line ends its paragraph.
    unbroken = "\n".join(textwrap.fill(p, 60) for p in (first, second, first))
    assert clean_text(unbroken) == f"{first}\n\n{second}\n\n{first}"


def test_output_shape() -> None:
    cleaned = clean_text("  \n\nOne.\n\n\n\n Two.  \n\n\n")
    assert cleaned == "One.\n\nTwo."


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_furniture_removed(path: Path) -> None:
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    for debris in (
        "](",
        "(/node/",
        "(/policy-analysis",
        "ABOUT THE AUTHORS",
        "RECOMMENDED",
        "PART OF A SERIES",
        "Figure 1:",
        "Figure 2:",
        "The views expressed",
        "Getty Images",
        "does not engage in advocacy",
        "Part of a series:",
        "Brief Analysis",
        "**",
        "\n\n\n",
    ):
        assert debris not in cleaned, debris
    for line in cleaned.split("\n\n"):
        assert line and "\n" not in line and line == line.strip()
    assert not cleaned.startswith("by ")
    # Cleaning is idempotent: a second pass finds no furniture left.
    assert clean_text(cleaned) == cleaned


@pytest.mark.parametrize(
    ("prefix", "sentences"),
    [
        (
            "000",
            [
                "One of Iran’s most trusted lieutenants in the Iraqi militia scene",
                "Haidari asserts, “It’s time to take pre-emptive actions. When one sees the "
                "enemy approaching, it is only natural to confront the enemy, act first, and "
                "strike before being struck.”",
            ],
        ),
        (
            "001",
            [
                "Potential Escalation in Iraq (Part 1): Khamenei and Badr",
                'On October 10, he warned, "If the Americans intervene in the battle with '
                'Hamas, we will attack all U.S. targets."',
                'the Iran-backed Badr Organization, issued a statement warning that "it is '
                'time for the international coalition forces to leave Iraq."',
                'characterized as a "parochial" militia focused primarily on political and '
                "economic activities",
                'the "resistance government" of Prime Minister Mohammed Shia al-Sudani.',
                "As Israel's ground campaign in Gaza has unfolded",
                "Badr Organization: From Paper Tiger to Honey Badger",
            ],
        ),
        (
            "002",
            [
                "“I sent a clear and frank message to Mr. Esmail Qaani [commander of Islamic "
                "Revolutionary Guard Corps-Quds Force] ... the matter is related to us",
                'threatened U.S. troops on April 2: "We emphasize that the current operations '
                "will continue and increase in terms of quantity and quality if the U.S. "
                "doesn’t withdraw its forces from all Iraqi regions ... including north of Iraq "
                '[Kurdistan]."',
                "just like Lebanese Hezbollah.",
            ],
        ),
        (
            "003",
            [
                "“To the American enemy, we warn: war on Iran is no picnic. It is a fire "
                "that, once ignited, will not be extinguished, and you will pay a price far "
                "greater than the gains your greedy master seeks,” the group said.",
            ],
        ),
        (
            "004",
            [
                "posted the most direct threat to U.S. forces: “The Islamic Resistance in Iraq "
                "decided to liberate Iraq militarily.",
                "AAH-affiliated media have often used such verses",
                "Similarly, Saraya Awliya al-Dam, a muqawama facade group",
                "Ashab al-Kahf, a facade group affiliated with HaN, soon responded",
                '"We declare our readiness to fight the enemy in Iraq and other theaters" (Figure 3).',
                "In Part 1 of this analysis, Militia Spotlight assessed",
            ],
        ),
    ],
)
def test_seed_body_survives_verbatim(prefix: str, sentences: list[str]) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    cleaned = clean_text(path.read_text(encoding="utf-8"))
    for sentence in sentences:
        assert sentence in cleaned


def test_seed_biographies_and_disclaimers_gone() -> None:
    cleaned = {p.name[:3]: clean_text(p.read_text(encoding="utf-8")) for p in SEED_FILES}
    assert "is an associate fellow" not in cleaned["001"]
    assert "Jill and Jay Bernstein Fellow" not in cleaned["004"]
    assert "Hamdi Malik" not in cleaned["002"]
    assert "independent, non-partisan" not in cleaned["002"]
    assert "Nov 17, 2023" not in cleaned["001"]
    assert "Hanin Ghaddar" not in cleaned["004"]
    # The dateline is kept by design.
    assert "\n\nNov 1, 2023\n\n" in cleaned["004"]


def test_clean_is_fast_and_linear() -> None:
    article = "\n".join(p.read_text(encoding="utf-8") for p in SEED_FILES)
    big = "\n\n".join([article] * 40)  # about 1.3 MB
    start = time.perf_counter()
    clean_text(big)
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"{elapsed:.2f}s for {len(big)} characters"
    # Inputs that make naive markup regexes backtrack stay fast too.
    hostile = "*a " * 20_000 + "[x" * 20_000 + "(/" * 20_000 + "_b " * 20_000
    start = time.perf_counter()
    clean_text(hostile)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_quotations_survive_byte_for_byte(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    body = raw.split("PART OF A SERIES")[0]  # the trailing navigation goes by design
    cleaned = clean_text(raw)
    quotes = [
        match.group(0)
        for line in body.splitlines()
        if not line.startswith("Figure")  # captions go by design
        for match in re.finditer(r"“[^”]*”|\"[^\"]*\"", line)
        if "*" not in match.group(0) and "(/" not in match.group(0)  # markup inside
    ]
    assert quotes
    for quote in quotes:
        assert quote in cleaned

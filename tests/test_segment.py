"""Segmentation: quotation spans and sentence boundaries in short news passages.

Every passage is invented for this table. A quotation is listed as
(its words without the marks, nesting depth, number of paragraphs spanned).
"""

from __future__ import annotations

import pytest

from rhetrack.segment import segment


def _quotes(text: str) -> list[tuple[str, int, int]]:
    segmented = segment(text)
    return [(text[q.inner_start : q.inner_end], q.depth, q.paragraphs) for q in segmented.quotes]


def _sentences(text: str) -> list[str]:
    segmented = segment(text)
    return [segmented.sentence_text(sentence) for sentence in segmented.sentences]


QUOTES = [
    pytest.param(
        'Qais al-Khazali said, "The American forces must leave Iraq."',
        [("The American forces must leave Iraq.", 0, 1)],
        id="straight-double",
    ),
    pytest.param(
        "Qais al-Khazali said, “The American forces must leave Iraq.”",
        [("The American forces must leave Iraq.", 0, 1)],
        id="curly-double",
    ),
    pytest.param(
        "Akram al-Kaabi said, ‘Iran’s enemies won’t rest in Iraq.’",
        [("Iran’s enemies won’t rest in Iraq.", 0, 1)],
        id="curly-single-with-apostrophes-inside",
    ),
    pytest.param(
        "Hassan Nasrallah said, «The resistance is ready for every possibility.»",
        [("The resistance is ready for every possibility.", 0, 1)],
        id="guillemets",
    ),
    pytest.param(
        "Kataib Hezbollah said, “Our leader told us, ‘Be ready for the battle,’ and we are ready.”",
        [
            ("Our leader told us, ‘Be ready for the battle,’ and we are ready.", 0, 1),
            ("Be ready for the battle,", 1, 1),
        ],
        id="nested-curly-single-in-double",
    ),
    pytest.param(
        "Kataib Hezbollah said, \"Our leader told us, 'Be ready for the battle,' and we are ready.\"",
        [
            ("Our leader told us, 'Be ready for the battle,' and we are ready.", 0, 1),
            ("Be ready for the battle,", 1, 1),
        ],
        id="nested-straight-single-in-straight-double",
    ),
    pytest.param(
        "“We are ready,” Khazali said, “and the Americans must leave Iraq.”",
        [("We are ready,", 0, 1), ("and the Americans must leave Iraq.", 0, 1)],
        id="split-by-he-said",
    ),
    pytest.param(
        "Nasrallah said: “The enemy has crossed every red line.\n“We will answer at a time of our choosing.”",
        [("The enemy has crossed every red line.\n“We will answer at a time of our choosing.", 0, 2)],
        id="two-paragraph-quote",
    ),
    pytest.param(
        "Nasrallah said: “The enemy has crossed every red line.\n“We will answer.\n“The battle is long.”\n"
        "The crowd cheered.",
        [("The enemy has crossed every red line.\n“We will answer.\n“The battle is long.", 0, 3)],
        id="three-paragraph-quote",
    ),
    pytest.param(
        "Nasrallah said: “The enemy has crossed every red line.\nThe crowd cheered.",
        # Never closed: it runs to the end of its paragraph, not into the next.
        [("The enemy has crossed every red line.", 0, 1)],
        id="unclosed-quote-runs-to-its-paragraph-end",
    ),
    pytest.param(
        "Saree said “the navy will strike again,“ he added. Then “the port is closed” was heard.",
        [("the navy will strike again,", 0, 1), ("the port is closed", 0, 1)],
        id="an-opening-mark-in-a-closing-place-closes",
    ),
    pytest.param(
        'Saree said "the navy will strike again” and left.',
        [("the navy will strike again", 0, 1)],
        id="straight-opening-closed-by-curly",
    ),
    pytest.param(
        "The militias’ drones hit the base, and Iran’s proxies celebrated.",
        [],
        id="curly-apostrophes-are-not-quotes",
    ),
    pytest.param(
        "Kata'ib Hezbollah's statement didn't name the base.",
        [],
        id="straight-apostrophes-are-not-quotes",
    ),
    pytest.param(
        "Khazali: “We will expel the occupation forces from Iraq”",
        [("We will expel the occupation forces from Iraq", 0, 1)],
        id="headline-quote-without-period",
    ),
    pytest.param(
        "“We are ready. We will strike. The enemy will pay,” Khazali said.",
        [("We are ready. We will strike. The enemy will pay,", 0, 1)],
        id="several-sentences-one-span",
    ),
    pytest.param(
        "Kataib Hezbollah is part of the so-called ‘axis of resistance’ led by Iran.",
        [("axis of resistance", 0, 1)],
        id="scare-quote-is-still-a-span",
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quote_spans(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert _quotes(text) == expected


SENTENCES = [
    pytest.param(
        "Gen. Michael Kurilla visited Erbil on Nov. 19, 2023. He met U.S. troops there.",
        ["Gen. Michael Kurilla visited Erbil on Nov. 19, 2023.", "He met U.S. troops there."],
        id="abbreviations-do-not-split",
    ),
    pytest.param(
        "Lt. Col. John R. Smith said the base was hit. Nobody was hurt.",
        ["Lt. Col. John R. Smith said the base was hit.", "Nobody was hurt."],
        id="titles-and-initials",
    ),
    pytest.param(
        "Kataib Hezbollah is enemy No. 1 for Washington. The group knows it.",
        ["Kataib Hezbollah is enemy No. 1 for Washington.", "The group knows it."],
        id="no-dot-number",
    ),
    pytest.param(
        "The attack came on Nov. 19. Kataib Hezbollah denied it.",
        ["The attack came on Nov. 19.", "Kataib Hezbollah denied it."],
        id="date-at-sentence-end",
    ),
    pytest.param(
        "Did the group mean it? Nobody knows! The statement was deleted.",
        ["Did the group mean it?", "Nobody knows!", "The statement was deleted."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "“We are ready. We will strike. The enemy will pay,” Khazali said. He then left the stage.",
        [
            "“We are ready. We will strike. The enemy will pay,” Khazali said.",
            "He then left the stage.",
        ],
        id="no-split-inside-quote",
    ),
    pytest.param(
        "“We are ready,” Khazali said, “and the Americans must leave Iraq.” The crowd cheered.",
        ["“We are ready,” Khazali said, “and the Americans must leave Iraq.”", "The crowd cheered."],
        id="split-quote-is-one-sentence",
    ),
    pytest.param(
        "The militia said, “We will strike at 3 p.m. tomorrow.” The U.S. embassy was evacuated.",
        ["The militia said, “We will strike at 3 p.m. tomorrow.”", "The U.S. embassy was evacuated."],
        id="sentence-ends-after-closing-quote",
    ),
    pytest.param(
        "Khazali: “We will expel the occupation forces from Iraq”\n"
        "The Asaib Ahl al-Haq leader spoke on Friday.",
        [
            "Khazali: “We will expel the occupation forces from Iraq”",
            "The Asaib Ahl al-Haq leader spoke on Friday.",
        ],
        id="paragraph-break-ends-headline",
    ),
    pytest.param(
        "Nasrallah said: “The enemy has crossed every red line.\n“We will answer at a time of our choosing.”",
        [
            "Nasrallah said: “The enemy has crossed every red line.",
            "“We will answer at a time of our choosing.”",
        ],
        id="multi-paragraph-quote-one-sentence-per-paragraph",
    ),
    pytest.param(
        "“Who will stop us?” Akram al-Kaabi asked the crowd.",
        ["“Who will stop us?” Akram al-Kaabi asked the crowd."],
        id="question-mark-inside-quote-then-attribution",
    ),
    pytest.param(
        "“Who will stop us?” Akram al-Kaabi demanded of the crowd.",
        ["“Who will stop us?” Akram al-Kaabi demanded of the crowd."],
        id="question-then-attribution-by-any-reporting-verb-of-the-data",
    ),
    pytest.param(
        "“Who will stop us?” Akram al-Kaabi visited the front.",
        ["“Who will stop us?”", "Akram al-Kaabi visited the front."],
        id="question-then-a-name-and-no-reporting-verb",
    ),
    pytest.param(
        "Kataib Hezbollah blamed the U.S. The group said it would respond.",
        ["Kataib Hezbollah blamed the U.S.", "The group said it would respond."],
        id="sentence-ending-in-U.S.",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected

"""Issue 11's floors on the development corpus (../shared/corpus/dev): the
level and the targets of the statements matched to its gold, from a clean
clone (see `dev_corpus_figures` in conftest.py).

The floors reached are held here so that no change lowers them unnoticed;
the issue's floors (level exact 0.80, within one 0.95, target F1 0.80) are
a strict xfail that turns red the day they are reached, to be promoted then.
The same figures come from the command line:

    rhetrack ingest ../shared/corpus/dev/docs && rhetrack eval ../shared/corpus/dev/gold.jsonl
"""

from __future__ import annotations

import pytest

ISSUE_FLOORS = {"level_exact": 0.80, "level_within_one": 0.95, "target_f1": 0.80}
REACHED_FLOORS = {"level_exact": 0.79, "level_within_one": 0.92, "target_f1": 0.66}


@pytest.mark.parametrize("name", sorted(REACHED_FLOORS))
def test_dev_corpus_holds_the_reached_level_floor(
    dev_corpus_figures: dict[str, float | None], name: str
) -> None:
    figure = dev_corpus_figures[name]
    assert figure is not None and figure >= REACHED_FLOORS[name], dev_corpus_figures


@pytest.mark.xfail(
    strict=True,
    reason="issue 11 floors not reached: level exact 0.795, within one 0.93, target F1 0.67 (dev corpus)",
)
def test_dev_corpus_meets_the_issue_level_floors(dev_corpus_figures: dict[str, float | None]) -> None:
    reached = all(
        (figure := dev_corpus_figures[name]) is not None and figure >= floor
        for name, floor in ISSUE_FLOORS.items()
    )
    assert reached, dev_corpus_figures

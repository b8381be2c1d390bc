"""Data flows one way: an extraction stage imports only the stages before it.

The stages are in the README's order ("How extraction works"); any stage may
import the shared base modules. Imports are read from the package's source,
so a stage that reaches for a later one fails here, cycle or not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rhetrack

PACKAGE = Path(rhetrack.__file__).parent
STAGES = (
    "read", "clean", "segment", "attribute", "dates", "clauses", "acts", "targets", "classify", "extract",
)  # fmt: skip
BASE = frozenset({"errors", "partial_date", "gazetteer", "escalation", "levels"})


def _imported(module: str) -> set[str]:
    """The rhetrack modules (and names of the package itself) that `module` imports."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "rhetrack":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rhetrack."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("rhetrack."))
    return found


@pytest.mark.parametrize("index", range(len(STAGES)), ids=STAGES)
def test_a_stage_imports_only_the_stages_before_it(index: int) -> None:
    stage = STAGES[index]
    assert (PACKAGE / f"{stage}.py").is_file()
    later = _imported(stage) - set(STAGES[:index]) - BASE
    assert not later, f"{stage} imports {sorted(later)}, not a stage before it"


def test_only_the_entry_point_imports_the_cli() -> None:
    importers = {path.stem for path in PACKAGE.glob("*.py") if "cli" in _imported(path.stem)}
    assert importers == {"__main__"}

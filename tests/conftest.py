"""Shared fixtures: every test gets its own database file through RHETRACK_DB.

Like llm's test suite, isolation comes from an environment variable pointed
at pytest's tmp_path, so no test can touch a real ./rhetrack.db.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "gold" / "seeds.jsonl"
# The development corpus lives beside the repository, never in it (../shared).
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "dev"


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """RHETRACK_DB points into this test's tmp_path; user data dirs are ignored."""
    path = tmp_path / "rhetrack.db"
    monkeypatch.setenv("RHETRACK_DB", str(path))
    monkeypatch.delenv("RHETRACK_DATA", raising=False)
    return path


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with seeds/ ingested once, shared read-only by query tests."""
    from rhetrack.ingest import ingest
    from rhetrack.storage import open_database

    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    db = open_database(path)
    summary = ingest(db, [SEEDS])
    db.close()
    assert not summary.failed, summary.failed
    return path


@pytest.fixture(scope="session")
def dev_corpus_figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float | None]:
    """`rhetrack eval`'s figures on the development corpus, ingested once into a fresh
    database (the tests that read them skip where ../shared is absent)."""
    from rhetrack.evaluate import evaluate, load_gold
    from rhetrack.ingest import ingest
    from rhetrack.storage import open_database

    if not (DEV_CORPUS / "gold.jsonl").exists():
        pytest.skip(f"no development corpus at {DEV_CORPUS}")
    db = open_database(tmp_path_factory.mktemp("dev") / "dev.db")
    try:
        ingest(db, [DEV_CORPUS / "docs"])
        return evaluate(db, load_gold(DEV_CORPUS / "gold.jsonl")).figures
    finally:
        db.close()

"""Each review test gets its own data folder, gazetteer store, cache and copy of seeds/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.pipeline import run_pipeline
from geo.review import ReviewStore
from tests.geo.test_pipeline import SEEDS


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$NES_OSINT_DATA, $GAZETTEER_HOME and $NES_OSINT_CACHE under tmp_path."""
    for name, sub in (("NES_OSINT_DATA", "data"), ("GAZETTEER_HOME", "gazetteer"),
                      ("NES_OSINT_CACHE", "cache")):
        (tmp_path / sub).mkdir()
        monkeypatch.setenv(name, str(tmp_path / sub))
    return tmp_path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> ReviewStore:
    return ReviewStore(tmp_path / "data" / "review.sqlite")


def run(corpus: Path, review=None, **kw):
    """The pipeline as the CLI runs it (cache in the test's folder)."""
    return run_pipeline(corpus, review=review, keep_text=False, **kw)


def article_level_ids(result) -> dict[str, list[str]]:
    """Article id -> its article-level incident ids (as extracted, before any review)."""
    return {aid: sorted(i.id for i in r.incidents) for aid, r in result.results.items()}

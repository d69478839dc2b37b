"""The cache key: a change to the code or to a lexicon must empty the per-article cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import geo.pipeline as pipeline


def test_code_version_changes_with_a_lexicon(tmp_path, monkeypatch):
    """Editing a data file of words (not only Python) must empty the cache."""
    root = tmp_path / "project"
    for package in ("geo", "gazetteer"):
        shutil.copytree(Path(pipeline.__file__).resolve().parent.parent / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "__file__", str(root / "geo" / "pipeline.py"))
    monkeypatch.setattr(pipeline, "_CODE_VERSION", None)
    before = pipeline.code_version()
    lexicon = root / "geo" / "extract" / "data" / "triggers.toml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# an analyst's note\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "_CODE_VERSION", None)
    assert pipeline.code_version() != before

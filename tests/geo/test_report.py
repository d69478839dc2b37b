"""The run report (geo.report) says the same whether a run's results were held or on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import load_gazetteer
from geo import shelf as shelf_module
from geo.export import write_json
from geo.pipeline import run_pipeline
from geo.report import _relative_path
from geo.shelf import ListShelf

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _written(tmp_path: Path, name: str) -> tuple[dict, bytes]:
    result = run_pipeline(SEEDS, gazetteer=load_gazetteer(), use_cache=False, keep_text=False)
    report = {k: v for k, v in result.report.items() if k != "run"}  # seconds differ
    return report, write_json(report, tmp_path / f"{name}.json").read_bytes()


def test_a_large_runs_report_lists_wait_on_disk_and_write_the_same_bytes(tmp_path, monkeypatch):
    held, held_bytes = _written(tmp_path, "held")
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)  # as past 10,000 articles
    kept, kept_bytes = _written(tmp_path, "kept")
    for name in ("files", "articles", "unresolved", "low_confidence"):
        assert isinstance(kept[name], ListShelf) and isinstance(held[name], list)
        assert kept[name] == held[name]
    assert kept["totals"] == held["totals"] and kept_bytes == held_bytes
    assert held["totals"]["articles"] == len(kept["articles"]) > 0


@pytest.mark.parametrize("folder, path", [
    ("seeds", "seeds/a.txt"), ("/tmp/c", "/tmp/c/sub/a.txt"), ("/tmp/c", "/tmp/cd/a.txt"),
    ("/tmp/c", "/tmp/c//a.txt"), ("/tmp/c", "/tmp/c/./a.txt"), ("/tmp/c", "/tmp/c/../a.txt"),
    ("c", "c/b/"), (".", "a.txt"), ("/", "/a.txt"), ("/tmp/c", Path("/tmp/c/a.txt"))])
def test_a_file_is_named_relative_to_the_corpus_as_pathlib_names_it(folder, path):
    """The text shortcut for plain paths below the corpus gives pathlib's answer."""
    try:
        expected = Path(path).relative_to(Path(folder)).as_posix()
    except ValueError:
        expected = Path(path).name
    assert _relative_path(Path(folder), path) == expected


def test_entries_made_ahead_give_the_very_report():
    """geo.pipeline makes each article's entry as it keeps its result (--jobs N): the
    report is the one made from the results alone; entries made on another day, or for
    another result, are not taken."""
    import dataclasses
    import datetime as dt

    from geo.report import ReportAhead, build_report

    run = run_pipeline(SEEDS, gazetteer=load_gazetteer(), use_cache=False)
    plain = build_report(SEEDS, run.articles, run.reports, run.results, run.merges, run.layers)
    ahead = ReportAhead()
    for aid, result in run.results.items():
        ahead.add(run.articles[aid], result)
    made = build_report(SEEDS, run.articles, run.reports, run.results, run.merges, run.layers,
                        ahead=ahead)
    assert made == plain and plain["unresolved"] + plain["low_confidence"]
    aid, result = next(iter(run.results.items()))
    assert ahead.get(aid, run.articles[aid], result, ahead.day) is not None
    assert ahead.get(aid, run.articles[aid], result, ahead.day + dt.timedelta(days=1)) is None
    assert ahead.get(aid, run.articles[aid], dataclasses.replace(result), ahead.day) is None

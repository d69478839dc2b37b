"""A run holds a fixed, small amount per article until it merges (issue 14: peak memory
flat in the number of articles): articles and results wait on disk, the review step keeps
ids, not objects. Measured with tracemalloc at two corpus sizes, never timed."""

from __future__ import annotations

import gc
import sys
import tracemalloc
from pathlib import Path

import pytest

from gazetteer import load_gazetteer
from geo import shelf as shelf_module
from geo.pipeline import run_pipeline
from geo.shelf import ResultShelf

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
#: Bytes a run may hold per article when every result is on disk, before merging: two
#: index entries (articles, results), the ids seen, the review step's incident ids.
#: Holding each article (300 characters of text) or its incidents would be several KB.
MAX_PER_ARTICLE = 2_000


def _copies(folder: Path, n: int) -> Path:
    """``n`` articles from the seeds' texts, each made unique by its first line."""
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir(parents=True)
    for i in range(n):
        tag = "".join(chr(ord("a") + int(d)) for d in str(i))  # no digit for the date finder
        (folder / f"{i:05d}.txt").write_text(f"copy {tag}\n\n{texts[i % len(texts)]}", "utf-8")
    return folder


def _held_before_merge(folder: Path, gazetteer, monkeypatch) -> int:
    """Traced bytes the run holds when the merge starts reading what it merges (after
    every article is read and extracted)."""
    seen: list[int] = []
    by_family = ResultShelf.incidents_by_family  # what the merge reads first

    def measured(self):
        gc.collect()  # an article's document is a cycle: garbage, not held
        seen.append(tracemalloc.get_traced_memory()[0])
        return by_family(self)

    monkeypatch.setattr(ResultShelf, "incidents_by_family", measured)
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        run_pipeline(folder, gazetteer=gazetteer, use_cache=False, keep_text=False)
    finally:
        tracemalloc.stop()
    return seen[0] - start


@pytest.mark.parametrize("small, large", [(30, 90)])
def test_what_a_run_holds_per_article_before_merging_is_small_and_fixed(
        tmp_path, monkeypatch, small, large):
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)  # as past 10,000 articles
    gaz = load_gazetteer()
    run_pipeline(_copies(tmp_path / "warm", 6), gazetteer=gaz, use_cache=False)  # caches
    held = {n: _held_before_merge(_copies(tmp_path / str(n), n), gaz, monkeypatch)
            for n in (small, large)}
    per_article = (held[large] - held[small]) / (large - small)
    assert per_article < MAX_PER_ARTICLE, f"{per_article:.0f} bytes held per article"


#: Bytes the layers and the report of a large run may hold per article: row numbers into
#: the column store and the report's lists on disk, ids, dates and points (and the reader's
#: memos filling up): about 2.5 KB on the seeds' texts. With the layers' sources, evidence,
#: titles and excerpts and the report's entries held as objects it was 12.5 KB (issue 14).
MAX_OUTPUT_PER_ARTICLE = 3_500


def _held_by_output(folder: Path, gazetteer) -> int:
    """Traced bytes a run's layers and report hold once the rest of its result is let go."""
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = run_pipeline(folder, gazetteer=gazetteer, use_cache=False, keep_text=False)
        layers, report = result.layers, result.report
        del result
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert len(layers.incidents) > 0 and len(report["articles"]) > 0
    return held


@pytest.mark.parametrize("small, large", [(30, 90)])
def test_the_layers_and_report_of_a_large_run_hold_little_per_article(tmp_path, monkeypatch, small, large):
    from geo import stored as stored_module

    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)  # as past 10,000 articles
    monkeypatch.setattr(stored_module, "_FLUSH_BYTES", 1)  # its fixed 1 MB buffer, left out
    gaz = load_gazetteer()
    run_pipeline(_copies(tmp_path / "warm", 6), gazetteer=gaz, use_cache=False)  # caches
    held = {n: _held_by_output(_copies(tmp_path / str(n), n), gaz)
            for n in (small, large)}
    per_article = (held[large] - held[small]) / (large - small)
    assert per_article < MAX_OUTPUT_PER_ARTICLE, f"{per_article:.0f} bytes held per article"


#: Bytes the merge, the layers and the report of a large run may add per article at their
#: peak, over what the run held when the merge began, on synthetic articles (bench/
#: corpus_gen.py: events reported by several articles each): one family's incidents at a
#: time, the merged incidents, bases and routes on disk, the layers' lists and texts in
#: their column store, one Point per spot (about 2.0 KB; holding every incident read
#: back, their clusters and the merged ones while the layers were built, 5.2 KB, issue 14).
MAX_PEAK_PER_ARTICLE = 4_000


def _generated(folder: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus_gen import write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return write_corpus(folder, n, seed=5)[0]


def _peak_after_merge(folder: Path, gazetteer, monkeypatch) -> int:
    """Traced peak from the merge's start to the run's end, over what was held then."""
    start: list[int] = []
    by_family = ResultShelf.incidents_by_family  # what the merge reads first

    def measured(self):
        gc.collect()
        start.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.reset_peak()
        return by_family(self)

    monkeypatch.setattr(ResultShelf, "incidents_by_family", measured)
    gc.collect()
    tracemalloc.start()
    try:
        run_pipeline(folder, gazetteer=gazetteer, use_cache=False, keep_text=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - start[0]


@pytest.mark.parametrize("small, large", [(200, 600)])
def test_the_merge_and_layers_of_a_large_run_peak_at_little_per_article(
        tmp_path, monkeypatch, small, large):
    from geo import stored as stored_module

    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)  # as past 10,000 articles
    monkeypatch.setattr(stored_module, "_FLUSH_BYTES", 1)  # its fixed 1 MB buffer, left out
    gaz = load_gazetteer()
    run_pipeline(_copies(tmp_path / "warm", 6), gazetteer=gaz, use_cache=False)  # caches
    peak = {n: _peak_after_merge(_generated(tmp_path / str(n), n), gaz, monkeypatch)
            for n in (small, large)}
    per_article = (peak[large] - peak[small]) / (large - small)
    assert per_article < MAX_PEAK_PER_ARTICLE, f"{per_article:.0f} bytes per article at the peak"

"""Smoke run of bench/bench_pipeline.py --real at a tiny size: it runs and prints every figure.

Figures only: nothing here looks at how fast anything was (the machines are shared).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_real_text_mode_prints_every_figure(capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_pipeline

    assert bench_pipeline.main(["--real", "-n", "6", "--jobs", "1,2"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"real corpus: 6 articles from \d+ distinct texts", out), out
    assert re.search(r"bare scan .* articles/s .* MB/s", out), out
    for part in ("place finding \\(resolve_text\\)", "date finder \\(find_dates\\)"):
        assert re.search(part + r" .* MB/s .* the bare scan's CPU time", out), out
    for jobs in (1, 2):
        assert re.search(rf"pipeline --jobs {jobs} .* articles/s .* MB/s .* the bare scan's "
                         r"time; 6 articles", out), out
    assert out.count("  stages: ") == 2 and "extract " in out and "read " in out, out
    assert out.count("peak RSS: this process") == 2, out
    assert out.count("CPU: this process") == 2, out
    assert re.search(r"speed-up at 2 jobs: x[\d.]+ over --jobs 1 .* GeoJSON bytes the same",
                     out), out


def test_real_text_mode_prints_the_seconds_of_each_stage(capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_pipeline

    import geo.extract.article

    before = geo.extract.article.sentence_candidates
    assert bench_pipeline.main(["--real", "-n", "4", "--jobs", "1", "--stages"]) == 0
    out = capsys.readouterr().out
    assert "CPU seconds per stage (one job, wrapped;" in out, out
    for stage in ("read", "doc: sentences", "doc: dates (find_dates)", "triggers", "roles",
                  "places: for events", "dedupe"):
        assert re.search(rf"\n    {re.escape(stage)} +\d+\.\d\d s +\d+\.\d%", out), (stage, out)
    assert "after extraction (wall): " in out and "merge " in out, out
    assert geo.extract.article.sentence_candidates is before  # every stage put back


def test_real_copies_are_unique_and_cycle_through_the_texts(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_pipeline

    texts = bench_pipeline.real_texts()
    folder, size, distinct = bench_pipeline.write_real_corpus(tmp_path, len(texts) + 3)
    files = sorted(folder.glob("*.txt"))
    assert distinct == len(texts) and len(files) == len(texts) + 3
    assert len({f.read_bytes() for f in files}) == len(files)  # no copy is a duplicate
    assert size == sum(f.stat().st_size for f in files)
    assert files[len(texts)].read_text("utf-8").split("\n", 2)[2].startswith(texts[0])
    assert not any(ch.isdigit() for ch in files[-1].read_text("utf-8").splitlines()[0])


def test_every_copy_is_read_as_an_article(tmp_path, monkeypatch):
    """The unique line survives the reader (no copy is dropped as a duplicate)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_pipeline

    from geo.read import iter_corpus

    n = len(bench_pipeline.real_texts()) + 5
    folder, _, _ = bench_pipeline.write_real_corpus(tmp_path, n)
    assert sum(hasattr(item, "body") for item in iter_corpus(folder)) == n


def test_real_text_mode_takes_the_best_of_repeated_runs(capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_pipeline

    assert bench_pipeline.main(["--real", "-n", "4", "--jobs", "1,2", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"best of 2 runs at each job count, taken in turn \(load [\d.]+\): "
                     r"--jobs 1 [\d.]+ s  --jobs 2 [\d.]+ s", out), out
    assert re.search(r"speed-up at 2 jobs: x[\d.]+ over --jobs 1", out), out

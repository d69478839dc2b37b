"""Smoke runs of the speed benchmarks at tiny sizes: they run and print every figure.

Figures only: nothing here looks at how fast anything was (the machines are shared).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gazetteer_bench_prints_ratios_and_the_find_command(capsys, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_gazetteer

    bench_gazetteer.main(["--quick"])
    out = capsys.readouterr().out
    for label in ("benchmark text", "real news text"):
        assert re.search(rf"{label}: [\d.]+ MB", out), out
    assert out.count("bare automaton scan (fold + iter):") == 2, out
    assert len(re.findall(r"matcher \(find: fold \+ scan\): +[\d.]+ MB/s .* x[\d.]+ the bare", out)) == 2
    assert len(re.findall(r"resolve_text \(full\): +[\d.]+ MB/s .* x[\d.]+ the bare", out)) == 2
    assert re.search(r"find --json \(read, resolve, write\): +[\d.]+ MB/s +x[\d.]+ the bare", out)
    assert re.search(r"as a command .*: [\d.]+ MB/s", out), out
    assert re.search(r"with no built store in the cache folder, before gazetteer.warm: [\d.]+ MB/s", out), out
    assert re.search(r"as a command with its modules' bytecode at hand .*: [\d.]+ MB/s", out), out
    assert re.search(r"mending .*: as first written [\d.]+s \(before\), now [\d.]+s \(after\): x[\d.]+, "
                     r"the same text", out), out
    assert re.search(r"jsonout [\d.]+s \(after\): x[\d.]+, the same bytes", out), out
    assert re.search(r"peak RSS: \d+ MB", out), out


def test_pipeline_memory_mode_prints_peak_rss_per_size(capsys, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_pipeline

    assert bench_pipeline.main(["--memory", "--sizes", "5,12"]) == 0
    out = capsys.readouterr().out
    for n in (5, 12):
        assert re.search(rf"^ +{n} articles .*: peak RSS +\d+ MB, \d+ MB after loading the "
                         rf"gazetteer, +[\d.]+ KB per article above it; 0/{n} results on disk",
                         out, re.M), out


def test_same_bytes_writes_the_development_set_with_its_dates(tmp_path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import same_bytes

    folder = same_bytes.write_dev_corpus(tmp_path / "dev")
    items = {p.stem: json.loads(p.read_text("utf-8")) for p in (ROOT / "tests/data/news").glob("*.json")
             if p.stem.isdigit()}
    with (folder / "articles.csv").open(encoding="utf-8") as handle:
        rows = {r["file"]: r for r in csv.DictReader(handle)}
    assert set(rows) == {f"{k}.txt" for k in items}
    for key, item in items.items():
        assert rows[f"{key}.txt"]["published"] == item["published"]
        assert (folder / f"{key}.txt").read_text("utf-8") == item["text"]

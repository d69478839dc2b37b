"""``python -m geo`` as a user runs it: a subprocess on real folders in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

from tests.geo.test_pipeline import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def geo(*args: str | Path, cache: Path, env: dict[str, str] | None = None,
        prefix: Sequence[str] = ()) -> subprocess.CompletedProcess:
    env = {**os.environ, "NES_OSINT_CACHE": str(cache), "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def unprivileged() -> list[str]:
    """A command prefix under which file modes hold: root's override is dropped (setpriv)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root reads any folder, and setpriv is missing to drop that")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def one_line_exit_2(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)


@pytest.fixture()
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


# --- nothing to do: exit 2 with a reason ----------------------------------------------


def test_missing_folder_exits_2_and_says_why(tmp_path, cache):
    proc = geo("build", tmp_path / "nope", "--out", tmp_path / "out", cache=cache)
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr and "nope" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_bad_date_is_a_usage_error(tmp_path, cache):
    proc = geo("build", SEEDS, "--out", tmp_path / "out", "--date-from", "08/10/2022",
               cache=cache)
    assert proc.returncode == 2 and "ISO 8601" in proc.stderr


def test_help_lists_the_commands(cache):
    proc = geo("--help", cache=cache)
    assert proc.returncode == 0 and "build" in proc.stdout and "report" in proc.stdout


def test_empty_folder_exits_2(tmp_path, cache):
    (tmp_path / "empty").mkdir()
    proc = geo("build", tmp_path / "empty", "--out", tmp_path / "out", cache=cache)
    assert proc.returncode == 2 and "error:" in proc.stderr


def test_no_readable_article_exits_2(tmp_path, cache):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "blank.txt").write_bytes(b"")
    proc = geo("build", corpus, "--out", tmp_path / "out", cache=cache)
    assert proc.returncode == 2 and "blank.txt" in proc.stderr


# --- a real build ---------------------------------------------------------------------


def test_build_writes_every_layer(tmp_path, cache):
    out = tmp_path / "out"
    proc = geo("build", SEEDS, "--out", out, cache=cache)
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal
    names = sorted(p.name for p in out.iterdir())
    assert names == ["articles.geojson", "bases.geojson", "incidents.geojson", "layers.gpkg",
                     "places.geojson", "report.json", "routes.geojson"]
    for name in ("incidents", "bases", "routes", "places"):
        doc = json.loads((out / f"{name}.geojson").read_text("utf-8"))
        assert doc["type"] == "FeatureCollection" and "crs" not in doc
        assert len(gpd.read_file(out / f"{name}.geojson", engine="pyogrio")) == len(
            doc["features"])
    assert {n for n, _ in pyogrio.list_layers(out / "layers.gpkg")} == {
        "incidents", "bases", "routes", "places"}
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["totals"]["articles"] == 5
    assert report["exported"]["incidents"] > 0


def test_skipped_files_do_not_fail_the_run(tmp_path, cache):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(SEEDS.glob("002_*.txt")), corpus)
    (corpus / "blank.txt").write_bytes(b"")
    proc = geo("build", corpus, "--out", tmp_path / "out", cache=cache)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    files = {f["file"]: f["status"] for f in report["files"]}
    assert files["blank.txt"] == "skipped"


def test_filters_export_the_same_bytes_as_the_shared_filter(tmp_path, cache):
    from geo.export import to_geojson_bytes
    from geo.layers import filter_layers
    from geo.pipeline import run_pipeline

    out = tmp_path / "out"
    proc = geo("build", SEEDS, "--out", out, "--type", "raid,patrol_encounter",
               "--date-from", "2022-10", "--min-confidence", "0.1", cache=cache)
    assert proc.returncode == 0, proc.stderr
    layers = filter_layers(run_pipeline(SEEDS, use_cache=False).layers,
                           types=["raid", "patrol_encounter"], date_from="2022-10",
                           min_confidence=0.1)
    assert (out / "incidents.geojson").read_bytes() == to_geojson_bytes(layers.incidents)
    doc = json.loads((out / "incidents.geojson").read_bytes())
    assert {f["properties"]["type"] for f in doc["features"]} <= {"raid", "patrol_encounter"}
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["filter"]["types"] == ["raid", "patrol_encounter"]


def test_no_cache_leaves_the_cache_alone(tmp_path, cache):
    proc = geo("build", SEEDS, "--out", tmp_path / "out", "--no-cache", cache=cache)
    assert proc.returncode == 0, proc.stderr
    assert not cache.exists()


def test_report_prints_a_summary(tmp_path, cache):
    proc = geo("report", SEEDS, cache=cache)
    assert proc.returncode == 0, proc.stderr
    assert "5 articles read" in proc.stdout and "Incidents:" in proc.stdout
    as_json = geo("report", SEEDS, "--json", cache=cache)
    assert json.loads(as_json.stdout)["totals"]["articles"] == 5


def test_file_names_cannot_drive_the_terminal(tmp_path, cache):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "evil\x1b[31mRED\x1b]0;title\x07\u202e.txt").write_bytes(b"")
    outputs = {}
    for args in (["report", corpus], ["report", corpus, "--json"],
                 ["build", corpus, "--out", tmp_path / "out"]):
        proc = geo(*args, cache=cache)
        assert proc.returncode == 0, proc.stderr
        assert not {"\x1b", "\x07", "\u202e"} & set(proc.stdout + proc.stderr)
        outputs[str(args[-1])] = proc.stdout
    assert "evil\\x1b[31mRED\\x1b]0;title\\x07<U+202E>.txt: skipped (empty)" in outputs[str(corpus)]
    report = json.loads(outputs["--json"])
    assert "evil\x1b[31mRED\x1b]0;title\x07\u202e.txt" in {f["file"] for f in report["files"]}


# --- issue 10, item 17: one line naming the problem, exit 2 ---------------------------


def test_an_unreadable_corpus_folder_is_one_line_exit_2(tmp_path, cache):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    corpus.chmod(0o000)
    try:
        for command in (["build", corpus, "--out", tmp_path / "out"], ["report", corpus]):
            proc = geo(*command, cache=cache, prefix=unprivileged())
            one_line_exit_2(proc, "cannot read corpus folder", str(corpus), "chmod u+rx")
    finally:
        corpus.chmod(0o755)
    assert not (tmp_path / "out").exists()


def test_an_unwritable_out_is_one_line_exit_2_before_the_run(tmp_path, cache):
    locked = tmp_path / "locked"
    (locked / "out").mkdir(parents=True)
    (locked / "out").chmod(0o555)
    locked.chmod(0o555)
    try:
        proc = geo("build", SEEDS, "--out", locked / "new", cache=cache, prefix=unprivileged())
        one_line_exit_2(proc, "cannot write the build beside --out", str(locked))
        locked.chmod(0o755)
        proc = geo("build", SEEDS, "--out", locked / "out", cache=cache, prefix=unprivileged())
        one_line_exit_2(proc, "is not writable", str(locked / "out"))
    finally:
        locked.chmod(0o755)
        (locked / "out").chmod(0o755)
    assert proc.stdout == "" and not cache.exists()  # refused before the run, not after it
    proc = geo("build", SEEDS, "--out", SEEDS / "articles.csv", cache=cache)
    one_line_exit_2(proc, "exists and is not a folder")


@pytest.mark.parametrize("value", ["inf", "1e30", "-1", "0", "nan", "many"])
@pytest.mark.parametrize("command", ["build", "report"])
def test_max_mb_out_of_range_is_one_line_exit_2(tmp_path, cache, command, value):
    out = ["--out", tmp_path / "out"] if command == "build" else []
    proc = geo(command, SEEDS, *out, f"--max-mb={value}", cache=cache)
    one_line_exit_2(proc, "--max-mb", repr(value))


@pytest.mark.parametrize("value", ["nan", "inf", "1.5", "-0.1", "x"])
def test_min_confidence_outside_0_to_1_is_one_line_exit_2(tmp_path, cache, value):
    proc = geo("build", SEEDS, "--out", tmp_path / "out", f"--min-confidence={value}",
               cache=cache)
    one_line_exit_2(proc, "--min-confidence", "from 0 to 1")


def test_a_tiny_max_mb_is_a_tiny_limit_not_the_default(tmp_path, cache):
    proc = geo("report", SEEDS, "--max-mb=1e-30", cache=cache)
    one_line_exit_2(proc, "too large")


@pytest.mark.parametrize("command", ["build", "report"])
def test_a_broken_gazetteer_store_is_one_line_exit_2(tmp_path, cache, command):
    home = tmp_path / "gazetteer"
    home.mkdir()
    header = (ROOT / "gazetteer" / "data" / "places.csv").read_text("utf-8").splitlines()[0]
    (home / "imported.csv").write_text(f"{header}\nbroken,row\n", encoding="utf-8")
    out = ["--out", tmp_path / "out"] if command == "build" else []
    proc = geo(command, SEEDS, *out, cache=cache, env={"GAZETTEER_HOME": str(home)})
    one_line_exit_2(proc, "imported.csv", "line 2")
    assert not (tmp_path / "out").exists()


def test_usage_errors_are_one_line(tmp_path, cache):
    one_line_exit_2(geo("build", SEEDS, cache=cache), "--out")
    proc = geo("build", SEEDS, "--out", tmp_path / "o", "--date-from", "2023", "--date-to",
               "2022", cache=cache)
    one_line_exit_2(proc, "after --date-to")


# --- issue 10, item 10: an unsafe cache folder is a warning, the run goes on -------------


def test_cli_says_in_one_line_that_it_runs_without_an_unsafe_cache(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o777)
    cache.chmod(0o777)
    proc = geo("report", SEEDS, cache=cache)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stderr.splitlines()
    assert line.startswith("warning: cache folder") and str(cache) in line
    assert "chmod go-w" in line and not list(cache.rglob("*.json"))

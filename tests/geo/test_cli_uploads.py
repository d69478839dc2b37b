"""``geo build/report --uploads DIR`` and the ``-exact`` list options (issue 10, item 15):
the command line reads what the dashboard reads, and names any article id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.export import to_geojson_bytes
from geo.layers import LAYER_NAMES, filter_layers
from geo.pipeline import run_folders
from tests.geo.test_cli import geo, one_line_exit_2
from tests.geo.test_pipeline import SEEDS


@pytest.fixture()
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


UPLOAD = "اعترضت دورية أمريكية رتلاً روسياً قرب بلدة القحطانية بريف القامشلي."


def _uploads(tmp_path: Path) -> Path:
    """An uploads folder: a new article, a copy of a seed's id, and a file not read."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[2]
    shutil.copy(seed, uploads / seed.name)
    (uploads / "new.txt").write_text(UPLOAD, encoding="utf-8")
    (uploads / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return uploads


def test_build_with_uploads_writes_the_two_folders_run(tmp_path, cache):
    uploads = _uploads(tmp_path)
    out = tmp_path / "out"
    proc = geo("build", SEEDS, "--out", out, "--uploads", uploads, cache=cache)
    assert proc.returncode == 0, proc.stderr
    expected = run_folders([SEEDS, uploads], use_cache=False)
    assert "new" in {s["article"] for sources in expected.layers.incidents["sources"]
                     for s in sources}  # the upload is on the map
    for name in LAYER_NAMES:
        assert (out / f"{name}.geojson").read_bytes() == to_geojson_bytes(
            expected.layers[name]), name
    files = {f["file"]: f for f in json.loads((out / "report.json").read_text("utf-8"))["files"]}
    assert "duplicate article id" in files["002_032df531970bae2f.txt (uploads)"]["reason"]
    assert files["image.png (uploads)"]["status"] == "skipped"


def test_report_with_uploads_counts_the_uploads(tmp_path, cache):
    proc = geo("report", SEEDS, "--json", "--uploads", _uploads(tmp_path), cache=cache)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["totals"]["articles"] == len(list(SEEDS.glob("*.txt"))) + 1


def test_an_uploads_folder_that_is_not_there_is_one_line_exit_2(tmp_path, cache):
    """A typo must not silently drop the uploads (the dashboard, which makes the folder
    on the first upload, leaves a missing one out; a folder named on purpose is not)."""
    for command in (("build", SEEDS, "--out", tmp_path / "out"), ("report", SEEDS)):
        proc = geo(*command, "--uploads", tmp_path / "nope", cache=cache)
        one_line_exit_2(proc, "uploads folder", "does not exist", "--uploads")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    one_line_exit_2(geo("report", SEEDS, "--uploads", tmp_path / "file", cache=cache),
                    "is not a folder")


def _odd_ids(tmp_path: Path) -> Path:
    """A corpus whose article ids hold a comma and start with '-'."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], corpus / "a, b.txt")
    shutil.copy(seeds[1], corpus / "-rf 0.txt")
    shutil.copy(seeds[2], corpus / "a.txt")
    return corpus


def test_exact_values_are_never_split_or_trimmed(tmp_path, cache):
    corpus = _odd_ids(tmp_path)
    out = tmp_path / "out"
    proc = geo("build", corpus, "--out", out, "--article-exact", "a, b",
               "--article-exact=-rf 0", "--actor-exact= x,y ", cache=cache)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["filter"]["articles"] == ["a, b", "-rf 0"]
    assert report["filter"]["actors"] == [" x,y "]
    kwargs = {"articles": ["a, b", "-rf 0"], "actors": [" x,y "]}
    view = filter_layers(run_folders([corpus], use_cache=False).layers, **kwargs)
    for name in LAYER_NAMES:
        assert (out / f"{name}.geojson").read_bytes() == to_geojson_bytes(view[name]), name
    articles = json.loads((out / "articles.geojson").read_bytes())["features"]
    assert sorted(f["properties"]["id"] for f in articles) == ["-rf 0", "a, b"]


def test_the_equals_forms_still_split_at_commas(tmp_path, cache):
    """Backward compatible: '--article=a,b' is two ids, and mixes with the exact form."""
    out = tmp_path / "out"
    proc = geo("build", _odd_ids(tmp_path), "--out", out, "--article=a, b",
               "--article-exact", "a, b", "--type", "raid,,arrest ", cache=cache)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["filter"]["articles"] == ["a", "b", "a, b"]
    assert report["filter"]["types"] == ["raid", "arrest"]


def test_help_names_the_new_options(cache):
    proc = geo("build", "--help", cache=cache)
    for flag in ("--uploads", "--article-exact", "--actor-exact", "--type-exact"):
        assert flag in proc.stdout
    assert "--uploads" in geo("report", "--help", cache=cache).stdout

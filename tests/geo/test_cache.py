"""Issue 10, item 10: the per-article cache holds data, not code, and trusts nothing it finds.

Real entries written by real runs on the seeds, then tampered with on disk the way a
hostile user (or a broken disk) would: copied over each other, replaced by a pickle,
a FIFO, a link, NaN coordinates; the folder opened to others.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import threading
from pathlib import Path

import pytest

from geo.cache import ResultCache, UnsafeCacheFolder, decode_result, encode_result
from geo.export import to_geojson_bytes
from geo.layers import EXPORT_LAYERS
from geo.model import ArticleResult, Incident
from geo.pipeline import run_pipeline
from tests.geo.test_merge import QAHTANIYAH
from tests.geo.test_pipeline import SEEDS


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.json"))


def layer_bytes(result) -> dict[str, bytes]:
    return {name: to_geojson_bytes(result.layers[name]) for name in EXPORT_LAYERS}


@pytest.fixture(scope="module")
def clean():
    """The seeds without the cache: what every run below must still produce."""
    return layer_bytes(run_pipeline(SEEDS, use_cache=False))


@pytest.fixture()
def warm(tmp_path) -> Path:
    cache = tmp_path / "cache"
    run_pipeline(SEEDS, cache_dir=cache)
    assert len(entries(cache)) == 5
    return cache


def test_output_bytes_are_the_same_with_and_without_the_cache(tmp_path, clean):
    cold = run_pipeline(SEEDS, cache_dir=tmp_path / "cache")
    warm = run_pipeline(SEEDS, cache_dir=tmp_path / "cache")
    assert (cold.cache_misses, warm.cache_hits) == (5, 5)
    assert layer_bytes(cold) == clean and layer_bytes(warm) == clean


def test_entries_are_json_data_not_pickles(warm):
    for path in entries(warm):
        entry = json.loads(path.read_bytes())
        assert entry["key"] == path.stem and entry["result"]["article_id"] == entry["article"]
    assert not list(warm.rglob("*.pkl"))


def test_an_entry_stored_for_another_article_is_a_miss(warm, clean):
    first, *others = entries(warm)
    for path in others:  # the hostile run: one article's entry copied over all the others
        shutil.copyfile(first, path)
    result = run_pipeline(SEEDS, cache_dir=warm)
    assert (result.cache_hits, result.cache_misses) == (1, 4)
    assert sorted(r.article_id for r in result.results.values()) == sorted(result.results)
    assert layer_bytes(result) == clean


def test_a_planted_pickle_never_runs(warm, tmp_path, clean):
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    planted = pickle.dumps(Payload())
    for path in entries(warm):
        path.write_bytes(planted)
        path.with_suffix(".pkl").write_bytes(planted)  # where the old cache kept them
    result = run_pipeline(SEEDS, cache_dir=warm)
    assert not marker.exists()
    assert result.cache_misses == 5 and layer_bytes(result) == clean


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", "95.5", '"37.0"'])
def test_a_bad_coordinate_in_an_entry_is_a_miss_not_a_crash(warm, clean, value):
    for path in entries(warm):
        text = path.read_text("utf-8")
        lat = json.loads(text)["places"][0]["lat"]
        path.write_text(text.replace(f'"lat":{lat}', f'"lat":{value}', 1), encoding="utf-8")
    result = run_pipeline(SEEDS, cache_dir=warm)
    assert result.cache_hits == 0 and layer_bytes(result) == clean


def test_a_fifo_in_place_of_an_entry_is_a_miss_not_a_hang(warm):
    path = entries(warm)[0]
    path.unlink()
    os.mkfifo(path)
    entry_key = path.stem
    cache = ResultCache(warm, salt="any")
    answers = []
    reader = threading.Thread(target=lambda: answers.append(
        cache.get(entry_key, article_id="x")), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive() and answers == [None]


def test_a_link_in_place_of_an_entry_is_a_miss(warm, tmp_path):
    path = entries(warm)[0]
    outside = tmp_path / "outside.json"
    shutil.copyfile(path, outside)
    path.unlink()
    path.symlink_to(outside)
    result = run_pipeline(SEEDS, cache_dir=warm)
    assert (result.cache_hits, result.cache_misses) == (4, 1)


def test_an_entry_others_can_write_is_a_miss(warm):
    path = entries(warm)[0]
    path.chmod(0o666)
    result = run_pipeline(SEEDS, cache_dir=warm)
    assert (result.cache_hits, result.cache_misses) == (4, 1)


def test_a_cache_folder_others_can_write_is_refused_with_the_fix(warm, clean):
    warm.chmod(0o777)
    with pytest.raises(UnsafeCacheFolder, match="writable by others.*chmod go-w"):
        ResultCache(warm, salt="s")
    result = run_pipeline(SEEDS, cache_dir=warm)  # runs, without the cache
    cache = result.report["run"]["cache"]
    assert not cache["enabled"] and cache["hits"] == 0
    [warning] = result.report["warnings"]
    assert str(warm) in warning and "running without the cache" in warning
    assert layer_bytes(result) == clean


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_cache_folder_of_another_user_is_refused(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    os.chown(folder, 65534, 65534)
    with pytest.raises(UnsafeCacheFolder, match="belongs to another user"):
        ResultCache(folder, salt="s")


def test_a_result_that_would_not_come_back_the_same_is_not_stored(tmp_path):
    cache = ResultCache(tmp_path / "c", salt="s")
    nan = Incident("i", "raid", None, None, None, QAHTANIYAH, 1, confidence=float("nan"))
    assert not cache.put("ab" * 32, ArticleResult("a", incidents=[nan]), article_id="a")
    assert not cache.put("cd" * 32, ArticleResult("a\udcff"), article_id="a")
    assert cache.put("ef" * 32, ArticleResult("a"), article_id="a")
    assert cache.get("ef" * 32, article_id="a") == ArticleResult("a")
    assert cache.get("ef" * 32, article_id="b") is None  # stored for another article


def test_an_entry_decodes_only_into_the_project_types():
    data = encode_result(ArticleResult("a"), key="k", article_id="a")
    entry = json.loads(data)
    entry["result"]["mentions"] = [{"__reduce__": "os.system"}]
    with pytest.raises(ValueError):
        decode_result(json.dumps(entry), key="k", article_id="a")
    with pytest.raises(ValueError):
        decode_result(data, key="other", article_id="a")


def test_has_says_an_entry_is_stored_without_reading_it(warm):
    cache = ResultCache(warm, salt="unused")
    stored = entries(warm)[0].stem
    assert cache.has(stored) and not cache.has("0" * 64)
    assert cache.get(stored, article_id="not its article") is None  # has() vouches for nothing


def test_a_bad_entry_a_worker_saw_is_a_miss_extracted_as_usual(warm, clean):
    first, *others = entries(warm)
    for path in others:  # the workers see an entry for every article and extract none
        shutil.copyfile(first, path)
    result = run_pipeline(SEEDS, cache_dir=warm, jobs=2)
    assert (result.cache_hits, result.cache_misses) == (1, 4)
    assert layer_bytes(result) == clean

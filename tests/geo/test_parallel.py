"""Extraction in worker processes (geo.parallel, ``run_pipeline(jobs=N)``, ``--jobs``).

What matters is that the number of processes changes nothing that is written: every
GeoJSON layer is compared byte for byte with the serial run's, on the seeds and on a
generated corpus larger than a chunk.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from geo import parallel
from geo.export import to_geojson_bytes
from geo.layers import LAYER_NAMES
from geo.pipeline import run_pipeline
from tests.geo.test_cli import geo
from tests.geo.test_pipeline import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def layer_bytes(result) -> dict[str, bytes]:
    return {name: to_geojson_bytes(getattr(result.layers, name)) for name in LAYER_NAMES}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A corpus of several chunks (bench/corpus_gen.py), so chunks come back out of order."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus_gen import write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder, _ = write_corpus(tmp_path_factory.mktemp("gen") / "corpus", 3 * parallel.DEFAULT_CHUNK
                             + 5, seed=3)
    return folder


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_two_jobs_write_the_same_bytes_as_one(corpus, generated):
    folder = SEEDS if corpus == "seeds" else generated
    one = run_pipeline(folder, use_cache=False, jobs=1)
    two = run_pipeline(folder, use_cache=False, jobs=2)
    assert list(two.results) == list(one.results)  # the serial order, not the finishing order
    assert layer_bytes(two) == layer_bytes(one)
    assert {k: v for k, v in two.report.items() if k != "run"} == \
        {k: v for k, v in one.report.items() if k != "run"}
    assert two.report["run"]["seconds"]["extract"] > 0


def test_the_cli_writes_the_same_geojson_at_any_jobs(tmp_path):
    for jobs in ("1", "2"):
        proc = geo("build", SEEDS, "--out", tmp_path / jobs, "--no-cache", "--jobs", jobs,
                   cache=tmp_path / "cache")
        assert proc.returncode == 0, proc.stderr
    for name in LAYER_NAMES:
        assert (tmp_path / "1" / f"{name}.geojson").read_bytes() == \
            (tmp_path / "2" / f"{name}.geojson").read_bytes(), name


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_the_cli_refuses_a_bad_job_count(tmp_path, jobs):
    proc = geo("build", SEEDS, "--out", tmp_path / "out", "--jobs", jobs, cache=tmp_path / "c")
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr and "1 or more" in proc.stderr


def test_run_pipeline_refuses_a_bad_job_count():
    with pytest.raises(ValueError, match="1 or more"):
        run_pipeline(SEEDS, use_cache=False, jobs=0)


def test_the_cache_is_filled_and_used_by_workers(tmp_path):
    cold = run_pipeline(SEEDS, cache_dir=tmp_path, jobs=2)
    warm = run_pipeline(SEEDS, cache_dir=tmp_path, jobs=2)
    assert cold.cache_misses == len(cold.results) and warm.cache_hits == len(cold.results)
    assert layer_bytes(warm) == layer_bytes(cold) == layer_bytes(
        run_pipeline(SEEDS, use_cache=False))


# --- failures cost one article ----------------------------------------------------------

BAD = "002_032df531970bae2f"


def _raise_on_one(article, gazetteer):
    from geo.extract import extract_article

    if article.id == BAD:
        raise RuntimeError("planted failure")
    return extract_article(article, gazetteer)


def _die_on_one(article, gazetteer):
    from geo.extract import extract_article

    if article.id == BAD and multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed mid-article (a crash, the out-of-memory killer)
    return extract_article(article, gazetteer)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_costs_only_that_article(jobs):
    result = run_pipeline(SEEDS, use_cache=False, extract=_raise_on_one, jobs=jobs)
    assert BAD not in result.results and len(result.results) == 4
    failed = [f for f in result.report["files"] if f["status"] == "failed"]
    assert [f["article"] for f in failed] == [BAD]
    assert failed[0]["reason"] == "extraction failed: RuntimeError: planted failure"


def test_a_dead_worker_costs_only_its_article():
    result = run_pipeline(SEEDS, use_cache=False, extract=_die_on_one, jobs=2)
    assert BAD not in result.results and len(result.results) == 4
    failed = [f for f in result.report["files"] if f["status"] == "failed"]
    assert [f["article"] for f in failed] == [BAD]
    assert "--jobs 1" in failed[0]["reason"]  # what to do to see the error


def test_spawned_workers_load_the_gazetteer_themselves(monkeypatch):
    """Where fork is unsafe or missing, workers are spawned and load the default gazetteer."""
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    assert layer_bytes(run_pipeline(SEEDS, use_cache=False, jobs=2)) == \
        layer_bytes(run_pipeline(SEEDS, use_cache=False, jobs=1))


# --- the ordering itself ----------------------------------------------------------------


def _double(article, gazetteer):
    return article * 2


def test_outcomes_come_back_in_input_order_with_hits_in_place():
    hits = {3: "hit3", 10: "hit10"}
    out = list(parallel.extract_in_order(range(40), jobs=2, gazetteer=None, extract=_double,
                                         lookup=hits.get, chunk=4))
    assert [o.article for o in out] == list(range(40))
    assert [o.result for o in out] == [hits.get(i, i * 2) for i in range(40)]
    assert [o.cached for o in out] == [i in hits for i in range(40)]


def test_no_pool_is_started_when_every_article_is_known(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a pool was started for nothing")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    out = list(parallel.extract_in_order(range(5), jobs=2, gazetteer=None, lookup=str))
    assert [o.result for o in out] == ["0", "1", "2", "3", "4"]


def test_known_outcomes_are_handed_on_before_the_rest_is_read():
    """Outcomes known at once (cache hits, articles extracted where they were read) reach
    the caller as they come, so its work overlaps the workers' instead of waiting for the
    whole corpus; the order still holds when a worker's chunk comes between them."""
    pulled = []

    def articles():
        for i in range(500):
            pulled.append(i)
            yield i

    out = parallel.extract_in_order(articles(), jobs=2, gazetteer=None, lookup=str)
    assert next(out).result == "0" and len(pulled) == 1
    assert [o.result for o in out] == [str(i) for i in range(1, 500)]

    known = {i: f"hit{i}" for i in range(40) if i != 7}
    mixed = list(parallel.extract_in_order(range(40), jobs=2, gazetteer=None, extract=_double,
                                           lookup=known.get, chunk=4))
    assert [o.result for o in mixed] == [known.get(i, i * 2) for i in range(40)]


def _die_at_5(item, gazetteer):
    if item == 5:
        os._exit(3)
    return item * 2


def test_a_dead_worker_among_many_chunks_costs_one_item():
    """Chunks in flight when the pool broke are retried; later chunks go to the new pool."""
    out = list(parallel.extract_in_order(range(40), jobs=2, gazetteer=None, extract=_die_at_5,
                                         chunk=2))
    assert [o.article for o in out] == list(range(40))
    assert [o.result for o in out] == [None if i == 5 else i * 2 for i in range(40)]
    assert [bool(o.error) for o in out] == [i == 5 for i in range(40)]


# --- reading in the workers -------------------------------------------------------------


def _square_in_worker(item, parent):
    if os.getpid() == parent:
        raise AssertionError("worked out in the parent")
    return item * item


def _die_in_worker_at_5(item, parent):
    if item == 5 and os.getpid() != parent:
        os._exit(3)
    return item * item


def test_map_in_order_works_in_the_pool_and_keeps_the_order():
    pool = parallel.open_pool(2, gazetteer=None, extract=_double)
    try:
        out = list(parallel.map_in_order(pool, _square_in_worker,
                                         ((i, os.getpid()) for i in range(30)), chunk=4))
        # the same pool then extracts, and is left open for its owner
        done = list(parallel.extract_in_order(range(6), jobs=2, gazetteer=None,
                                              extract=_double, pool=pool))
        assert pool.executor is not None
    finally:
        pool.close()
    assert out == [i * i for i in range(30)]
    assert [d.result for d in done] == [0, 2, 4, 6, 8, 10]


def _pid_of(item, parent):
    return item, os.getpid()


def test_map_in_order_cuts_the_last_chunks_small_when_the_items_say_how_many_are_left():
    """Over an iterator that tells its length (a list's), the tasks end small, so no worker
    idles while another ends a large one; the order is kept either way."""
    sent: list[int] = []
    pool = parallel.open_pool(2, gazetteer=None)
    real_submit = pool.submit_call

    def submit_call(func, *args):
        sent.append(len(args[-1]))
        return real_submit(func, *args)

    pool.submit_call = submit_call
    try:
        sized = list(parallel.map_in_order(pool, _pid_of, iter([(i, 0) for i in range(100)]),
                                           chunk=10))
        guided = list(sent)
        sent.clear()
        lazy = list(parallel.map_in_order(pool, _pid_of, ((i, 0) for i in range(100)), chunk=10))
    finally:
        pool.close()
    assert [i for i, _ in sized] == [i for i, _ in lazy] == list(range(100))
    assert sum(guided) == 100 and guided[0] == 10 and guided[-1] == 1
    assert guided == sorted(guided, reverse=True)
    assert sent == [10] * 10  # a generator says nothing: chunks of the size given


@pytest.mark.parametrize(("left", "size"), [(-1, 24), (500, 24), (96, 24), (40, 10), (3, 1),
                                            (0, 1)])
def test_a_chunk_is_a_share_of_what_is_left(left, size):
    assert parallel._chunk_size(24, 2, left) == size


def test_map_in_order_works_out_a_dead_workers_chunk_itself():
    pool = parallel.open_pool(2, gazetteer=None)
    try:
        out = list(parallel.map_in_order(pool, _die_in_worker_at_5,
                                         ((i, os.getpid()) for i in range(20)), chunk=3))
    finally:
        pool.close()
    assert out == [i * i for i in range(20)]


def test_two_jobs_read_the_files_in_the_workers(monkeypatch):
    """With the pipeline's own reader and --jobs, this process reads no file itself."""
    from geo.read import article as article_module

    parent = os.getpid()
    real = article_module.read_article

    def read_in_worker_only(*args, **kwargs):
        assert os.getpid() != parent, "a file was read in the parent"
        return real(*args, **kwargs)

    monkeypatch.setattr(article_module, "read_article", read_in_worker_only)
    monkeypatch.setattr("geo.read.folder.read_article", read_in_worker_only)
    two = run_pipeline(SEEDS, use_cache=False, jobs=2)
    monkeypatch.undo()
    one = run_pipeline(SEEDS, use_cache=False, jobs=1)
    assert layer_bytes(two) == layer_bytes(one)


# --- an article is extracted by the worker that read it -------------------------------


@dataclasses.dataclass(frozen=True)
class _Doc:
    id: str
    body: str


def _make_doc(i: int) -> _Doc:
    return _Doc(str(i), "نص " * i)


def _extract_where(article, gazetteer):
    return os.getpid(), article.id


def test_the_reading_worker_extracts_and_hands_the_result_over_in_order():
    pool = parallel.open_pool(2, gazetteer=None, extract=_extract_where)
    try:
        docs = list(pool.reader(_make_doc)((i,) for i in range(30)))
        assert [d.id for d in docs] == [str(i) for i in range(30)]
        result, error = pool.take(docs[3])
        assert error == "" and result[1] == "3" and result[0] != os.getpid()
        assert pool.take(_Doc("5", docs[5].body)) is None  # an equal copy is another article
        assert pool.take(docs[1]) is None  # read before the one taken: dropped
        assert pool.take(docs[5])[0][1] == "5"
        ids = [d.id for d in
               (done.article for done in parallel.extract_in_order(
                   docs[6:], jobs=2, gazetteer=None, extract=_extract_where, pool=pool))]
        assert ids == [str(i) for i in range(6, 30)]
        assert not pool.ahead  # every result taken, none extracted twice
    finally:
        pool.close()


def _note_extract(article, gazetteer):
    from geo.extract import extract_article

    folder = Path(os.environ["NES_TEST_NOTES"])
    (folder / f"{article.id}.{os.getpid()}.{time.monotonic_ns()}").touch()
    return extract_article(article, gazetteer)


def _note_read(*args, **kwargs):
    from geo.read.article import read_article

    article = read_article(*args, **kwargs)
    (Path(os.environ["NES_TEST_NOTES"]) / f"{article.id}.read.{os.getpid()}").touch()
    return article


def test_each_article_is_extracted_once_where_it_was_read_and_not_on_a_warm_cache(
        tmp_path, monkeypatch):
    notes = tmp_path / "notes"
    notes.mkdir()
    monkeypatch.setenv("NES_TEST_NOTES", str(notes))
    monkeypatch.setattr("geo.read.folder.read_article", _note_read)
    # the note-taking reader reaches the workers only if they are forked; an earlier test of
    # the suite may leave a thread running, which makes the pool spawn its workers instead
    monkeypatch.setattr("geo.parallel._context", lambda: multiprocessing.get_context("fork"))
    cold = run_pipeline(SEEDS, cache_dir=tmp_path / "cache", jobs=2, extract=_note_extract)
    read = {n.name.split(".")[0]: n.name.split(".")[2] for n in notes.glob("*.read.*")}
    extracted = [n.name.split(".")[:2] for n in notes.iterdir() if ".read." not in n.name]
    assert sorted(aid for aid, _ in extracted) == sorted(cold.results.keys()) == sorted(read)
    assert all(read[aid] == pid for aid, pid in extracted)
    for n in notes.iterdir():
        n.unlink()
    warm = run_pipeline(SEEDS, cache_dir=tmp_path / "cache", jobs=2, extract=_note_extract)
    assert warm.cache_hits == len(cold.results)
    assert not [n for n in notes.iterdir() if ".read." not in n.name]
    monkeypatch.undo()
    assert layer_bytes(cold) == layer_bytes(warm) == layer_bytes(
        run_pipeline(SEEDS, use_cache=False, jobs=1))


def test_an_article_renamed_after_reading_is_extracted_under_its_new_id(tmp_path):
    for name in ("a.txt", "a.md"):  # 'a.md' is read as 'a', then renamed: another article
        (tmp_path / name).write_text(f"دورية في القامشلي ({name}).", encoding="utf-8")
    two = run_pipeline(tmp_path, use_cache=False, jobs=2)
    one = run_pipeline(tmp_path, use_cache=False, jobs=1)
    assert sorted(two.results) == sorted(one.results) == ["a", "a.md"]
    assert layer_bytes(two) == layer_bytes(one)


def test_an_article_a_decision_edits_is_extracted_as_edited_not_as_read(tmp_path, monkeypatch):
    from geo.review import ReviewStore, decide

    for name in ("NES_OSINT_DATA", "GAZETTEER_HOME"):
        (tmp_path / name).mkdir()
        monkeypatch.setenv(name, str(tmp_path / name))
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "rel.txt").write_text(
        "قصفت طائرة مسيرة تركية أمس موقعا لقوات سوريا الديمقراطية في مدينة القامشلي، ما أدى "
        "إلى مقتل عنصرين.\n", encoding="utf-8")
    store = ReviewStore(tmp_path / "review.sqlite")
    first = run_pipeline(tmp_path / "corpus", use_cache=False, review=store)
    decide(store, run=first, kind="set-published", target="rel", value="2022-10-08")
    two = run_pipeline(tmp_path / "corpus", use_cache=False, review=store, jobs=2)
    assert [i.date for i in two.incidents] == ["2022-10-07"]  # 'أمس' of the decided date
    assert layer_bytes(two) == layer_bytes(
        run_pipeline(tmp_path / "corpus", use_cache=False, review=store, jobs=1))


def test_results_from_workers_hold_the_run_s_own_places():
    """Places travel by id (geo.placeref): what the merge and layers compare is the very
    object the gazetteer holds, as at one job, not an equal copy per result."""
    from gazetteer import load_gazetteer

    gaz = load_gazetteer()
    two = run_pipeline(SEEDS, gazetteer=gaz, use_cache=False, jobs=2)
    places = [m.place for r in two.results.values() for m in r.mentions if m.place is not None]
    assert places and all(p is gaz.places[p.id] for p in places)


def _frozen_in_worker(item, parent):
    import gc

    return gc.get_freeze_count()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_forked_workers_leave_the_inherited_objects_out_of_their_collector(monkeypatch):
    """What the workers inherit is frozen in them (their collector never walks it, so its
    pages stay shared); this process's collector has every object back once they are forked.
    (Fork is chosen here even when the test run has other threads: the workers do nothing
    that needs their locks.)"""
    import gc

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    pool = parallel.open_pool(2, gazetteer=None)
    try:
        assert pool.context.get_start_method() == "fork"
        counts = list(parallel.map_in_order(pool, _frozen_in_worker,
                                            ((i, os.getpid()) for i in range(4)), chunk=1))
        assert gc.get_freeze_count() == 0
    finally:
        pool.close()
    assert all(count > 0 for count in counts)


def test_two_jobs_make_the_merge_s_and_layers_work_ahead_and_write_the_same(generated):
    """At --jobs 2 the merge's probes and the layers' article rows are made as each result
    is kept (while the workers extract the rest); at one job after the last article."""
    one = run_pipeline(generated, use_cache=False, jobs=1)
    two = run_pipeline(generated, use_cache=False, jobs=2)
    assert "ahead" in two.report["run"]["seconds"] and "ahead" not in one.report["run"]["seconds"]
    assert layer_bytes(two) == layer_bytes(one)
    assert [m.as_dict() for m in two.merges] == [m.as_dict() for m in one.merges]


def test_two_jobs_whose_results_go_to_disk_write_the_same(generated, monkeypatch):
    from geo import shelf as shelf_module

    one = run_pipeline(generated, use_cache=False, jobs=1)
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)  # as past 10,000 articles
    two = run_pipeline(generated, use_cache=False, jobs=2)
    assert two.results.on_disk and layer_bytes(two) == layer_bytes(one)


def test_a_run_lets_its_workers_go_and_has_waited_for_them_when_it_returns():
    import threading

    before = set(threading.enumerate())
    two = run_pipeline(SEEDS, use_cache=False, jobs=2)
    # no thread the run started is still alive (other tests' threads may come and go)
    started = [t for t in threading.enumerate() if t not in before]
    assert not parallel._RELEASING and not any(
        getattr(t, "_target", None) is not None and getattr(t._target, "__name__", "") == "shutdown"
        for t in started)
    assert layer_bytes(two) == layer_bytes(run_pipeline(SEEDS, use_cache=False, jobs=1))


def test_workers_let_go_are_waited_for_before_the_next_pool_is_made():
    pool = parallel.open_pool(2, gazetteer=None, extract=_double)
    assert list(parallel.extract_in_order(range(5), jobs=2, gazetteer=None, pool=pool))
    pool.release()
    assert parallel._RELEASING  # a thread waits for them: the run goes on meanwhile
    others = threading.active_count() - len(parallel._RELEASING)  # threads of other tests too
    again = parallel.open_pool(2, gazetteer=None, extract=_double)
    assert not parallel._RELEASING
    if "fork" in multiprocessing.get_all_start_methods() and others == 1:
        assert again.context.get_start_method() == "fork"  # no thread left: forked as before
    again.close()

"""Results on disk read back as they were put, and a run on disk draws the same layers."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gazetteer import load_gazetteer
from geo import shelf as shelf_module
from geo.export import to_geojson_bytes
from geo.extract import extract_article
from geo.layers import LAYER_NAMES
from geo.merge import family_of
from geo.model import ArticleResult
from geo.pipeline import run_pipeline
from geo.read import iter_corpus
from geo.shelf import ListShelf, ResultShelf

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed_results() -> list[ArticleResult]:
    gaz = load_gazetteer()
    return [extract_article(a, gaz) for a in iter_corpus(SEEDS) if hasattr(a, "body")]


def test_results_on_disk_read_back_equal_with_the_gazetteer_s_own_places(seed_results) -> None:
    gaz = load_gazetteer()
    shelf = ResultShelf(gaz, spill_after=0)
    for r in seed_results:
        shelf.put(r.article_id, r)
    assert shelf.on_disk == len(seed_results) == len(shelf)
    assert list(shelf) == [r.article_id for r in seed_results]
    for r in seed_results:
        back = shelf[r.article_id]
        assert back == r and back is not r
        for m in back.mentions:
            if m.place is not None and gaz.places.get(m.place.id) == m.place:
                assert m.place is gaz.places[m.place.id]  # shared, not a copy per article


def test_memory_until_the_limit_then_all_on_disk_and_an_id_put_again_keeps_the_last() -> None:
    shelf = ResultShelf(spill_after=2)
    for aid in "ab":
        shelf.put(aid, ArticleResult(aid))
    shelf.put("a", ArticleResult("a"))  # put again while held: still held, now last
    assert shelf.on_disk == 0 and list(shelf) == ["b", "a"]
    shelf.put("a", ArticleResult("a"))
    for aid in "cd":
        shelf.put(aid, ArticleResult(aid))
    assert shelf.on_disk == 4 and [shelf[a].article_id for a in "abcd"] == list("abcd")
    shelf.put("d", ArticleResult("d", main_place=None, incidents=[]))
    assert len(shelf) == 4 and "d" in shelf and "e" not in shelf
    with pytest.raises(KeyError):
        shelf["e"]
    assert pickle.loads(pickle.dumps(shelf)) == {a: ArticleResult(a) for a in "abcd"}
    shelf.close()
    assert list(shelf) == []  # every one was on disk


def test_a_run_with_every_result_on_disk_draws_the_same_layers(monkeypatch) -> None:
    gaz = load_gazetteer()
    kept = run_pipeline(SEEDS, gazetteer=gaz, use_cache=False)
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)
    spilled = run_pipeline(SEEDS, gazetteer=gaz, use_cache=False)
    assert isinstance(spilled.results, ResultShelf) and spilled.results.on_disk > 0
    for name in LAYER_NAMES:
        assert to_geojson_bytes(getattr(spilled.layers, name)) == \
            to_geojson_bytes(getattr(kept.layers, name))
    assert spilled.report["totals"] == kept.report["totals"]
    assert spilled.report["articles"] == kept.report["articles"]


def test_merge_parts_are_every_result_s_incidents_bases_routes_in_order(seed_results) -> None:
    gaz = load_gazetteer()
    shelf = ResultShelf(gaz, spill_after=3)  # three held, then all of them on disk
    for r in seed_results:
        shelf.put(r.article_id, r)
    incidents, bases, routes = shelf.merge_parts()
    assert incidents == [i for r in seed_results for i in r.incidents]
    assert bases == [b for r in seed_results for b in r.bases]
    assert routes == [x for r in seed_results for x in r.routes]
    assert all(i.place is None or i.place is gaz.places[i.place.id] for i in incidents)


@pytest.mark.parametrize("spill_after", [3, 10_000])
def test_incidents_by_family_are_each_family_s_in_order_and_bases_routes_alone(
        seed_results, spill_after) -> None:
    shelf = ResultShelf(load_gazetteer(), spill_after=spill_after)
    for r in seed_results:
        shelf.put(r.article_id, r)
    again = seed_results[0]  # put again: its new record alone is read, now last
    shelf.put(again.article_id, again)
    order = [*seed_results[1:], again]
    every = [i for r in order for i in r.incidents]
    families = list(shelf.incidents_by_family())
    assert [[family_of(i.type) for i in f][:1] for f in families] == \
        [[f] for f in sorted({family_of(i.type) for i in every})]
    for found in families:
        family = family_of(found[0].type)
        assert found == [i for i in every if family_of(i.type) == family]
    assert shelf.bases_and_routes() == ([b for r in order for b in r.bases],
                                        [x for r in order for x in r.routes])
    assert shelf[again.article_id] == again  # its incidents back in their order


def test_incidents_read_back_for_the_merge_share_their_repeated_words(seed_results) -> None:
    shelf = ResultShelf(load_gazetteer(), spill_after=0)
    for r in seed_results:
        shelf.put(r.article_id, r)
    incidents = [i for family in shelf.incidents_by_family() for i in family]
    by_type: dict[str, set[int]] = {}
    for inc in incidents:
        by_type.setdefault(inc.type, set()).add(id(inc.type))
    assert len(incidents) > len(by_type) and all(len(ids) == 1 for ids in by_type.values())


def test_anything_else_on_the_shelf_reads_back_as_one_object() -> None:
    shelf = ResultShelf(spill_after=0)  # the pipeline keeps a large run's articles so
    shelf.put("a", {"id": "a", "body": "نص"})
    assert shelf["a"] == {"id": "a", "body": "نص"} and shelf.merge_parts() == ([], [], [])


def test_a_run_with_everything_on_disk_keeps_its_articles_there(monkeypatch) -> None:
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)
    run = run_pipeline(SEEDS, use_cache=False, keep_text=False)
    assert isinstance(run.articles, ResultShelf) and run.articles.on_disk == len(run.articles)
    assert set(run.articles) == set(run.results)
    assert all(len(a.body) <= 300 for a in run.articles.values())


def test_a_list_on_disk_reads_back_as_the_list_with_the_gazetteer_s_places(seed_results):
    gaz = load_gazetteer()
    incidents = [i for r in seed_results for i in r.incidents]
    kept = ListShelf(incidents, gaz.places)
    assert len(kept) == len(incidents) and kept == incidents and list(kept) == incidents
    assert kept[-1] == incidents[-1] and kept[1:3] == incidents[1:3]
    assert all(i.place is None or i.place is gaz.places[i.place.id] for i in kept)
    assert pickle.loads(pickle.dumps(kept)) == incidents
    with pytest.raises(IndexError):
        kept[len(incidents)]


def test_a_run_on_disk_keeps_its_merged_incidents_there_once_drawn(monkeypatch) -> None:
    gaz = load_gazetteer()
    kept = run_pipeline(SEEDS, gazetteer=gaz, use_cache=False)
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 0)
    spilled = run_pipeline(SEEDS, gazetteer=gaz, use_cache=False)
    assert isinstance(kept.incidents, list)
    assert isinstance(spilled.incidents, ListShelf) and spilled.incidents == kept.incidents
    assert isinstance(spilled.routes, ListShelf) and spilled.routes == kept.routes
    assert isinstance(spilled.bases, ListShelf) and spilled.bases == kept.bases


def test_a_list_shelf_filled_one_item_at_a_time_reads_back_in_order(monkeypatch):
    items = ListShelf()
    for i in range(5):
        items.append({"n": i, "text": "نص" * i})
    assert len(items) == 5 and items[2] == {"n": 2, "text": "نصنص"}
    assert list(items) == [{"n": i, "text": "نص" * i} for i in range(5)]
    items.append("last")  # appended after a read: still read back
    assert items[-1] == "last" and list(items)[-1] == "last"


def test_once_a_shelf_spills_the_results_it_held_go_to_disk_too_in_their_order(seed_results):
    shelf = ResultShelf(load_gazetteer(), spill_after=3)
    for r in seed_results[:3]:
        shelf.put(r.article_id, r)
    assert shelf.on_disk == 0 and shelf[seed_results[0].article_id] is seed_results[0]
    for r in seed_results[3:]:
        shelf.put(r.article_id, r)
    assert shelf.on_disk == len(shelf) == len(seed_results)  # nothing held as objects
    assert list(shelf) == [r.article_id for r in seed_results]
    assert shelf[seed_results[0].article_id] is not seed_results[0]
    assert shelf[seed_results[0].article_id] == seed_results[0]


def test_a_folder_of_more_files_than_held_goes_to_disk_from_its_first_result(monkeypatch):
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 3)  # the seeds' folder holds more
    on_disk_after_put: list[int] = []
    put = ResultShelf.put

    def counted(self, article_id, result):
        put(self, article_id, result)
        if isinstance(result, ArticleResult):
            on_disk_after_put.append(self.on_disk)

    monkeypatch.setattr(ResultShelf, "put", counted)
    run = run_pipeline(SEEDS, use_cache=False)
    assert on_disk_after_put == list(range(1, len(run.results) + 1))  # never one held
    monkeypatch.setattr(shelf_module, "SPILL_AFTER", 100)
    on_disk_after_put.clear()
    run_pipeline(SEEDS, use_cache=False)
    assert set(on_disk_after_put) == {0}  # a small folder's stay objects

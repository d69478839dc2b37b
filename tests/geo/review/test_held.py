"""The review step's view of a run's article-level objects, read back from the results."""

from __future__ import annotations

import pytest

from gazetteer.model import Mention
from geo.model import ArticleResult, Incident
from geo.review.decisions import mention_target
from geo.review.held import ArticleIncidents, MentionKeys
from geo.shelf import ResultShelf


def _incident(iid: str) -> Incident:
    return Incident(iid, "raid", None, None, None, None, None)


def test_incidents_not_held_are_read_back_from_results_on_disk():
    shelf = ResultShelf(spill_after=0)  # every result in the file, none as an object
    held = ArticleIncidents()
    held.keep_in(shelf)
    kept, rejected = _incident("inc-a"), _incident("inc-r")
    shelf.put("a", ArticleResult("a", incidents=[kept]))
    held.put(kept, "a", hold=False)
    held.put(rejected, "a", hold=True)  # a rejected incident is in no result
    assert held["inc-a"] == kept and held["inc-a"] is not kept  # read back from disk
    assert held["inc-r"] is rejected
    assert set(held) == {"inc-a", "inc-r"} and len(held) == 2
    assert "inc-x" not in held and held.get("inc-x") is None
    with pytest.raises(KeyError):
        held["inc-x"]


def test_without_results_every_incident_is_held():
    held = ArticleIncidents()
    inc = _incident("inc-a")
    held.put(inc, "a", hold=False)
    assert held["inc-a"] is inc


def test_mention_keys_are_looked_up_in_the_article_result():
    m = Mention(text="الرقة", start=10, end=15, key="الرقة")
    keys = MentionKeys()
    keys.keep_in({"a": ArticleResult("a", mentions=[m])})
    keys.add(mention_target("a", 10, 15, "الرقة"))  # nothing kept: looked up instead
    assert keys.looked_up
    assert mention_target("a", 10, 15, "الرقة") in keys
    assert mention_target("a", 10, 16, "الرقة") not in keys
    assert mention_target("b", 10, 15, "الرقة") not in keys
    assert "not a key" not in keys


def test_mention_keys_without_results_are_a_set():
    keys = MentionKeys()
    keys.add(mention_target("a", 1, 2, "x"))
    assert mention_target("a", 1, 2, "x") in keys and not keys.looked_up


def test_the_extractor_s_ids_are_kept_as_numbers_and_the_last_article_put_answers():
    results = {"a": ArticleResult("a", incidents=[_incident("inc-00000000ff")]),
               "b": ArticleResult("b", incidents=[_incident("inc-00000000ff"),
                                                  _incident("inc-0123456789")]),
               "c": ArticleResult("c", incidents=[_incident("inc-odd")])}
    held = ArticleIncidents()
    held.keep_in(results)
    for aid, result in results.items():
        for inc in result.incidents:
            held.put(inc, aid, hold=False)
    assert held["inc-00000000ff"] is results["b"].incidents[0]  # put last, from b
    assert held["inc-0123456789"] is results["b"].incidents[1]
    assert held["inc-odd"] is results["c"].incidents[0]  # not the extractor's form: as is
    assert "inc-00000000fe" not in held and "inc-00000000FF" not in held and 7 not in held
    assert set(held) == {"inc-00000000ff", "inc-0123456789", "inc-odd"} and len(held) == 3
    assert held._owners == ["a", "b"] and len(held._digits) == 3  # noqa: SLF001 - compact

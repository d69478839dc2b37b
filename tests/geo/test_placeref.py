"""Places written by id (geo.placeref): the very object back, any other place by value."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from gazetteer.model import Candidate, Mention, Place
from geo.model import ArticleResult, Base, Incident, Route, Source
from geo.placeref import dumps, loads

HERE = Place("p1", "مكان", "Place", "town", 36.0, 40.0)
THERE = Place("p2", "بلدة", "Town", "town", 36.5, 40.5)
PLACES = {"p1": HERE, "p2": THERE}


def test_a_gazetteer_place_comes_back_as_the_very_object() -> None:
    back = loads(dumps({"a": [HERE, THERE, HERE], "b": (HERE,)}, PLACES), PLACES)
    assert back["a"][0] is HERE and back["a"][1] is THERE and back["a"][2] is HERE
    assert back["b"][0] is HERE


def test_a_place_the_gazetteer_does_not_hold_travels_by_value() -> None:
    edited = dataclasses.replace(HERE, name_en="Edited")
    back = loads(dumps([edited, HERE], PLACES), PLACES)
    assert back[0] == edited and back[0] is not edited and back[1] is HERE


def test_a_place_id_unknown_where_it_is_read_is_a_key_error() -> None:
    data = dumps([THERE], PLACES)
    with pytest.raises(KeyError, match="p2"):
        loads(data, {"p1": HERE})


def test_a_plain_unpickler_refuses_a_place_written_by_id() -> None:
    with pytest.raises(pickle.UnpicklingError, match="PlaceUnpickler"):
        pickle.loads(dumps(HERE, PLACES))


def test_other_objects_pickle_as_pickle_does() -> None:
    value = {"x": [1, 2.5, "نص", None, (3, frozenset({4}))], "y": b"\x00"}
    assert loads(dumps(value, PLACES), PLACES) == value


def _result() -> ArticleResult:
    src = Source("a1", "عنوان", "outlet", "2024-01-02", "https://x", "جملة")
    cand = Candidate(HERE, 1.5, ("prior",))
    mention = Mention(3, 7, "مكان", "مكان", HERE, 0.9, 1, [cand, Candidate(THERE, 0.2, ())],
                      "cue", "location")
    inc = Incident("i1", "patrol", None, None, None, HERE, 1, ["US"], sources=[src, src],
                   notes=["n"])
    return ArticleResult("a1", [mention], [inc], [Base("b1", THERE, ["US"], [src])],
                         [Route("r1", [HERE, THERE], sources=[src])], HERE)


def test_results_written_by_their_fields_come_back_equal_sharing_what_they_shared() -> None:
    result = _result()
    back = loads(dumps([result, result.incidents[0]], PLACES), PLACES)
    assert back[0] == result and repr(back[0]) == repr(result)
    assert back[1] is back[0].incidents[0]  # one object written once stays one object
    sources = back[0].incidents[0].sources
    assert sources[0] is sources[1] and back[0].main_place is HERE
    assert back[0].mentions[0].candidates[1].place is THERE


def test_classes_written_by_their_fields_are_rebuilt_by_init_alone() -> None:
    from geo.placeref import _by_fields

    for cls in _by_fields():  # a field outside __init__, or a __post_init__, would not come back
        assert all(f.init for f in dataclasses.fields(cls)), cls
        assert not hasattr(cls, "__post_init__"), cls


def test_an_article_comes_back_equal() -> None:
    import datetime as dt

    from geo.read.article import Article

    art = Article("a1", "a1.txt", "t", "o", "", dt.date(2024, 1, 2), None, "day", False,
                  "stamp", "نص", "utf-8", "ab", warnings=("w",))
    assert loads(dumps(art, PLACES), PLACES) == art

"""Places written by id (geo.placeref): the very object back, any other place by value."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from gazetteer.model import Place
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

"""Pickles that write a gazetteer's places by id, and read them back as its own objects.

Why: a result names the same few places in every mention, candidate and incident.
Written by value, each copy is unpickled as a new object that equals the gazetteer's
but is not it, and every later comparison of places (the merge, the layers) then
compares and hashes all their fields instead of stopping at identity; written by id,
a record is smaller and a place read back is the very object the run holds. Used by
the result shelf (:mod:`geo.shelf`) and by the worker processes of ``--jobs N``
(:mod:`geo.parallel`). Only the very object the gazetteer holds under its id is
written by id; any other place (an edited one, a place of another gazetteer) travels
by value.
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import io
import operator
import pickle
from collections.abc import Callable, Mapping
from typing import Any

from gazetteer.model import Place

__all__ = ["PlacePickler", "PlaceUnpickler", "dumps", "loads"]

_PROTOCOL = pickle.HIGHEST_PROTOCOL


def _placed(pid: str) -> Any:
    """What a place written by id is read back through: :class:`PlaceUnpickler` gives its
    own ``places[pid]`` instead of this function, which no other unpickler may call."""
    raise pickle.UnpicklingError(f"place {pid!r} was written by id: read it with PlaceUnpickler")


class PlacePickler(pickle.Pickler):
    """Writes a gazetteer place as its id (only the very object the gazetteer holds).

    Why a reducer for :class:`~gazetteer.model.Place` (the gazetteer's places are of that
    class) rather than ``persistent_id``: that hook is a call into Python for every object
    pickled, strings and numbers included, half the time of pickling a chunk of results;
    the reducer is looked up in C by type and called for places alone.
    """

    def __init__(self, file: io.BytesIO, places: Mapping[str, Any]) -> None:
        super().__init__(file, protocol=_PROTOCOL)

        def reduce_place(place: Place) -> Any:
            if places.get(place.id) is place:
                return _placed, (place.id,)
            return place.__reduce_ex__(_PROTOCOL)  # another place: by value, as pickle would

        self.dispatch_table = {**copyreg.dispatch_table, **_by_fields(), Place: reduce_place}


def _fields_reducer(cls: type) -> Callable[[Any], tuple[type, tuple]]:
    """``obj`` -> (``cls``, its field values): read back as ``cls(*values)``."""
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
    return lambda obj: (cls, values(obj))


@functools.cache
def _by_fields() -> dict[type, Callable[[Any], tuple[type, tuple]]]:
    """Reducers for the slotted dataclasses a result is made of (articles, mentions,
    candidates, incidents, sources, bases, routes).

    Why: pickle writes a slotted dataclass through its ``__getstate__`` and reads it back
    through ``__setstate__``, two Python calls per object that walk ``fields()`` each
    time; written as its class and its field values (taken in C) and read back through
    its ``__init__``, a chunk of results pickles in about half the time and loads in
    two thirds (the workers' pickling and this process's loading of ``--jobs N``). Every
    field of these classes is an ``__init__`` argument and none has a ``__post_init__``,
    so the object read back equals the one written.
    """
    from gazetteer.model import Candidate, Mention

    from .model import ArticleResult, Base, Incident, Route, Source
    from .read.article import Article

    return {cls: _fields_reducer(cls) for cls in (Article, ArticleResult, Mention, Candidate,
                                                  Incident, Source, Base, Route)}


class PlaceUnpickler(pickle.Unpickler):
    """Reads what :class:`PlacePickler` wrote, each place id as ``places[id]``."""

    def __init__(self, file: io.BytesIO, places: Mapping[str, Any]) -> None:
        super().__init__(file)
        self._places = places

    def find_class(self, module: str, name: str) -> Any:  # noqa: D102 - pickle's hook
        if module == __name__ and name == "_placed":
            return self._places.__getitem__  # asked once a pickle: the name is memoised
        return super().find_class(module, name)


def dumps(obj: Any, places: Mapping[str, Any]) -> bytes:
    """``obj`` pickled with ``places`` (id -> Place) written by id.

    >>> from gazetteer.model import Place
    >>> here = Place("p", "مكان", "Place", "town", 36.0, 40.0)
    >>> loads(dumps([here, here], {"p": here}), {"p": here})[1] is here
    True
    """
    buffer = io.BytesIO()
    PlacePickler(buffer, places).dump(obj)
    return buffer.getvalue()


def loads(data: bytes, places: Mapping[str, Any]) -> Any:
    """What :func:`dumps` wrote, its places taken from ``places`` (a KeyError if one lacks)."""
    return PlaceUnpickler(io.BytesIO(data), places).load()

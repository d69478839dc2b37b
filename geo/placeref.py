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

import io
import pickle
from collections.abc import Mapping
from typing import Any

__all__ = ["PlacePickler", "PlaceUnpickler", "dumps", "loads"]


class PlacePickler(pickle.Pickler):
    """Writes a gazetteer place as its id (only the very object the gazetteer holds)."""

    def __init__(self, file: io.BytesIO, places: Mapping[str, Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._places = places

    def persistent_id(self, obj: Any) -> str | None:  # noqa: D102 - pickle's hook
        pid = getattr(obj, "id", None)
        if type(pid) is str and hasattr(obj, "name_ar") and self._places.get(pid) is obj:
            return pid
        return None


class PlaceUnpickler(pickle.Unpickler):
    """Reads what :class:`PlacePickler` wrote, each place id as ``places[id]``."""

    def __init__(self, file: io.BytesIO, places: Mapping[str, Any]) -> None:
        super().__init__(file)
        self._places = places

    def persistent_load(self, pid: Any) -> Any:  # noqa: D102 - pickle's hook
        return self._places[pid]


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

"""Helpers the gazetteer's coverage tests share: distance between raw points, names found in
a text, and a name's best lookup (failing with what the look-up saw)."""

from __future__ import annotations

import math

from gazetteer.lookup import lookup
from gazetteer.model import Place
from gazetteer.resolver import resolve_text
from gazetteer.store import Gazetteer


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given by their coordinates."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def resolved(text: str, gaz: Gazetteer) -> list[tuple[str, str]]:
    """(surface text, place id) of every mention of ``text`` the gazetteer places."""
    return [(m.text, m.place.id) for m in resolve_text(text, gaz) if m.place is not None]


def best(name: str, gaz: Gazetteer) -> Place:
    """The place ``name`` looks up to; fails saying how it was looked up and what came close."""
    result = lookup(name, gaz)
    assert result.best is not None, (name, result.method, [c.place.id for c in result.candidates[:5]])
    return result.best

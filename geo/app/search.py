"""Place search on the map: a name in Arabic, English or Kurdish -> where to fly.

The dashboard's search box (phase 2) calls :func:`resolve_place` with what the analyst
typed, shows the candidates when the answer is ambiguous, and moves the map with
:func:`fly_script` (``OsintMap.flyTo`` in ``static/osint-map.js``) or by passing
``center``/``zoom`` to :func:`geo.app.mapview.build_map`. Offline only: the gazetteer's
embedded data and the user's imports, never the online fallback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from gazetteer import Gazetteer, Place, load_gazetteer, lookup

__all__ = ["ZOOM_BY_KIND", "FlyTarget", "fly_script", "resolve_place"]

#: How close to fly for each kind of place: a governorate fills the view, a village
#: shows its neighbours.
ZOOM_BY_KIND = {"country": 6, "governorate": 8, "region": 9, "district": 10, "capital": 11,
                "city": 11, "subdistrict": 11, "town": 12, "oilfield": 12, "gasfield": 12,
                "dam": 12, "airport": 13, "base": 13, "border_crossing": 13, "camp": 13,
                "village": 13, "neighbourhood": 14, "bridge": 14}
DEFAULT_ZOOM = 12


@dataclass(frozen=True, slots=True)
class FlyTarget:
    """Where the map goes for a query: the best place and the others it could mean."""

    query: str
    lat: float
    lon: float
    zoom: int
    place: dict
    candidates: list[dict] = field(default_factory=list)
    in_area: bool = True

    def as_dict(self) -> dict:
        return {"query": self.query, "lat": self.lat, "lon": self.lon, "zoom": self.zoom,
                "place": self.place, "candidates": self.candidates, "in_area": self.in_area}


def _zoom(place: Place) -> int:
    return ZOOM_BY_KIND.get(place.kind, DEFAULT_ZOOM)


def resolve_place(query: str, gazetteer: Gazetteer | None = None) -> FlyTarget | None:
    """The place ``query`` names and the view to fly to, or None when nothing matches.

    An empty, blank or over-long query is None too (a search box must not raise).

    >>> t = resolve_place("Qamişlo")
    >>> (t.place["name_en"], t.zoom)
    ('Qamishli', 11)
    """
    if not isinstance(query, str) or not query.strip():
        return None
    gaz = gazetteer or load_gazetteer()
    try:
        result = lookup(query, gaz)
    except ValueError:
        return None
    best = result.best
    if best is None:
        return None
    others = []
    for cand in result.candidates:
        place = getattr(cand, "place", cand)
        if isinstance(place, Place) and place.id != best.id:
            others.append(place.as_dict())
    return FlyTarget(query=query.strip(), lat=best.lat, lon=best.lon, zoom=_zoom(best),
                     place=best.as_dict(), candidates=others, in_area=best.in_area)


def fly_script(target: FlyTarget) -> str:
    """JavaScript that flies the page's map to ``target`` (numbers only, no text).

    >>> fly_script(FlyTarget("x", 37.0, 41.2, 12, {}))
    'OsintMap.flyTo(37.0, 41.2, 12);'
    """
    args = ", ".join(json.dumps(float(v)) for v in (target.lat, target.lon))
    return f"OsintMap.flyTo({args}, {int(target.zoom)});"

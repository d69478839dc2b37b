"""The first view of the map, computed in Python rather than by Leaflet's ``fitBounds``.

Why: the dashboard keeps the map's view in the link and writes a browser history entry
whenever the view changes. A view fitted in the browser moves the map after it is
drawn (and again when the frame takes its width), and each move would look like the
analyst's. A view decided here is the map's starting view and its "home": the map
reports it back unchanged, so only the analyst's own moves reach the link.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import geopandas as gpd

__all__ = ["fit_view"]

TILE = 256
HOME = (35.3, 39.0, 7)  # all of Syria when there is nothing to fit


def _mercator(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(frames: Iterable[gpd.GeoDataFrame | None], *, width: int = 700,
             height: int = 600, padding: int = 40, max_zoom: int = 10,
             min_zoom: int = 4) -> tuple[float, float, int]:
    """(lat, lon, zoom) showing every geometry of ``frames`` in a ``width`` x ``height``
    pixel map, as Leaflet's ``fitBounds`` would (never closer than ``max_zoom``).

    >>> import shapely
    >>> pts = gpd.GeoDataFrame(geometry=[shapely.Point(41.2, 37.0), shapely.Point(40.7, 36.5)])
    >>> fit_view([pts])
    (36.75, 40.95, 10)
    """
    bounds = [f.total_bounds for f in frames
              if f is not None and len(f) and not f.geometry.is_empty.all()]
    bounds = [b for b in bounds if all(math.isfinite(v) for v in b)]
    if not bounds:
        return HOME
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    lat, lon = round(float(south + north) / 2, 5), round(float(west + east) / 2, 5)
    dx = (east - west) / 360.0
    dy = (_mercator(north) - _mercator(south)) / (2 * math.pi)
    zooms = [max_zoom]
    if dx > 0:
        zooms.append(math.floor(math.log2((width - 2 * padding) / (TILE * dx))))
    if dy > 0:
        zooms.append(math.floor(math.log2((height - 2 * padding) / (TILE * dy))))
    return lat, lon, int(max(min_zoom, min(zooms)))

"""Time on the map: a heat map of the incidents and playback of the filtered incidents.

Their scripts are served from ``static/vendor`` (see :mod:`geo.app.assets`):
Leaflet.heat from folium's own wheel, drawn by ``osint-map.js`` from the incident
markers already on the page (``OsintMap.heat``: the points are not sent twice), and
folium's Timeline plugin with Leaflet.timeline and moment.js from the pinned
``folium-offline`` package. ``HeatMapWithTime`` is not used
(it does not render inside st_folium), nor any branca colormap (st_folium would fetch
d3 from a CDN for it).

Playback steps through equal periods (a day, a week, 30 days or a year, whichever gives
at most :data:`MAX_STEPS` steps over the data's span): each incident is shown during the
period its first date falls in, so one step shows one period's incidents and the
slider's label is the period's first day. Undated incidents cannot be played back; the
layer's name says how many are dated.
"""

from __future__ import annotations

import datetime as dt
import math

import folium
import geopandas as gpd
from folium.plugins import Timeline, TimelineSlider
from folium.utilities import JsCode

from .assets import asset_links, localise
from .basemap import OsintLayer
from .popups import cell_value
from .symbols import INCIDENT_STYLES

__all__ = ["MAX_STEPS", "PERIOD_DAYS", "add_heat", "add_playback", "playback_periods"]

PERIOD_DAYS = (1, 7, 30, 365)
MAX_STEPS = 120
DAY_MS = 86_400_000
_EPOCH = dt.date(1970, 1, 1)

_INTERVAL = JsCode("function (f) { return { start: f.properties.start, end: f.properties.end }; }")
# A ring above the markers and clusters (the canvas circles drawn before sat under the
# cluster icons, hidden exactly where incidents gather), not interactive: clicks and
# hovers go through to the incident markers below, which have the popups and tooltips.
_POINT = JsCode("""function (f, latlng) {
  return L.marker(latlng, { interactive: false, keyboard: false, zIndexOffset: 1000,
    icon: L.divIcon({ className: "playback-marker", iconSize: [30, 30],
      html: '<span style="border-color:' + f.properties.color + '"></span>' }) });
}""")


def _day(value) -> dt.date | None:
    value = cell_value(value)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def playback_periods(days: list[dt.date]) -> tuple[dt.date, int, int]:
    """``(first day, period length in days, number of periods)`` covering ``days``.

    >>> playback_periods([dt.date(2022, 1, 1), dt.date(2022, 3, 1)])
    (datetime.date(2022, 1, 1), 1, 60)
    >>> playback_periods([dt.date(2020, 1, 1), dt.date(2022, 3, 1)])[1:]
    (7, 113)
    """
    first, last = min(days), max(days)
    span = (last - first).days + 1
    for length in PERIOD_DAYS:
        if math.ceil(span / length) <= MAX_STEPS:
            break
    else:
        length = math.ceil(span / MAX_STEPS)
    return first, length, math.ceil(span / length)


def _ms(day: dt.date) -> int:
    return (day - _EPOCH).days * DAY_MS


def add_playback(m: folium.Map, incidents: gpd.GeoDataFrame, asset_base: str) -> int:
    """Add the playback layer and its slider to ``m``; returns how many incidents it holds
    (the dated ones). Adds nothing when no incident is dated."""
    geoms = incidents.geometry
    if not (geoms.geom_type == "Point").all():
        geoms = geoms.representative_point()
    dated = []
    for geom, kind, date, first in zip(geoms, incidents["type"], incidents["date"],
                                       incidents.get("date_first", incidents["date"]),
                                       strict=True):
        day = _day(first) or _day(date)
        if day is not None:
            dated.append((geom, day, kind))
    if not dated:
        return 0
    start, length, n = playback_periods([d[1] for d in dated])
    features = []
    for geom, day, kind in dated:
        index = (day - start).days // length
        begin = _ms(start) + index * length * DAY_MS
        style = INCIDENT_STYLES.get(str(cell_value(kind)), INCIDENT_STYLES.get("other"))
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(geom.x, 4), round(geom.y, 4)]},
            "properties": {"start": begin, "end": begin + length * DAY_MS - 1000,
                           "color": style[1] if style else "#607080"}})
    timeline = Timeline({"type": "FeatureCollection", "features": features},
                        get_interval=_INTERVAL, point_to_layer=_POINT)
    timeline.layer_name = f"Playback ({len(dated)} dated incidents)"
    localise(timeline, asset_base).add_to(m)
    slider = TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", start=_ms(start),
                            end=_ms(start) + (n - 1) * length * DAY_MS, steps=max(1, n - 1),
                            playback_duration=min(30_000, max(3_000, 700 * n)),
                            show_ticks=False, enable_keyboard_controls=False)
    localise(slider.add_timelines(timeline), asset_base).add_to(m)
    return len(dated)


def add_heat(m: folium.Map, incidents: gpd.GeoDataFrame, asset_base: str) -> None:
    """Add a heat map of the incidents as an optional layer, off until chosen. It reads
    the points of the incidents layer already on the map (``OsintMap.heat``), so add it
    after that layer: 10,000 points are not sent twice (200 KB)."""
    if incidents is None or not len(incidents):
        return
    OsintLayer("heat", {"of": "incidents",
                        "options": {"minOpacity": 0.35, "maxZoom": 18, "radius": 22,
                                    "blur": 18}},
               name="Heat map", show=False,
               default_js=asset_links(["leaflet_heat"], asset_base)).add_to(m)

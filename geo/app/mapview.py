"""Building the folium map from the layers (incidents, bases, routes, places, articles).

This module decides what goes on the map and how it is packed; what a popup says is
:mod:`geo.app.popups`, what a symbol looks like is :mod:`geo.app.symbols`. Every script
and stylesheet comes from ``static/vendor`` (see :mod:`geo.app.assets`); the basemap is
polygons (:mod:`geo.app.basemap`), no tiles unless ``online_tiles=True``.

Each data layer is ONE Leaflet layer drawn by ``osint-map.js`` from compact JSON rows,
not one folium object per feature. Popups are assembled in the browser, on click, from
the escaped HTML fragments of :mod:`geo.app.popups`; fragments repeated across features
(a source, a place, a type) are stored once. Large layers (more than ``LEAN_ABOVE``
rows) get lean popups (first sources only, evidence cut) and their text is sent packed
(:mod:`geo.app.packing`): st_folium would send each Arabic letter as six bytes.

Every incident must be reachable: incidents, bases and articles share ONE marker-cluster
group at any count (so an incident and a base at one point fall into one cluster), a
cluster of markers at one point spiderfies on click, clusters are coloured by what they
hold, and every incident, base and route has a hover tooltip (type, date, place). The
first view fits the data. Optional layers: a heat map and time playback
(:mod:`geo.app.timeplay`).

Layer contract: GeoDataFrames in EPSG:4326 with the columns listed in :data:`COLUMNS`.
"""

from __future__ import annotations

import hashlib
import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from folium.plugins import Fullscreen, MeasureControl

from .assets import DEFAULT_BASE, asset_links, localise
from .basemap import OsintLayer, add_basemap, script_json
from .packing import pack_json
from .popups import (
    article_parts,
    base_parts,
    base_tooltip,
    cell_value,
    incident_parts,
    incident_tooltip,
    is_approximate,
    place_label,
    place_parts,
    route_parts,
    route_tooltip,
)
from .symbols import (
    ARTICLE_STYLE,
    BASE_STYLE,
    INCIDENT_STYLES,
    PLACE_STYLE,
    ROUTE_STYLE,
    Legend,
    legend_html,
)
from .timeplay import add_heat, add_playback

__all__ = ["COLUMNS", "CLUSTER_OPTIONS", "build_map", "route_arrows"]

#: The columns each layer carries (besides ``geometry``).
COLUMNS: dict[str, tuple[str, ...]] = {
    "incidents": ("id", "type", "date", "date_first", "date_last", "date_precision",
                  "geo_precision", "place_id", "place_name_ar", "place_name_en", "actors",
                  "fatalities", "injuries", "confidence", "approximate", "sources", "date_from"),
    "bases": ("id", "place_id", "place_name_ar", "place_name_en", "kind", "operators",
              "sources"),
    "routes": ("id", "waypoints", "waypoint_ids", "actors", "sources"),
    "places": ("id", "name_ar", "name_en", "kind", "governorate", "n_mentions", "articles"),
    "articles": ("id", "title", "outlet", "published", "url", "excerpt", "places",
                 "incident_types"),
}
#: Radius (metres) of the dashed circle drawn around imprecise incidents.
APPROX_RADIUS_M = {2: 6_000, 3: 25_000}
APPROX_DEFAULT_RADIUS_M = 12_000

DEFAULT_CENTER = (35.3, 39.0)
DEFAULT_ZOOM = 7
MIN_ZOOM, MAX_ZOOM = 4, 16
LEAN_ABOVE = 500  # lean popups when a layer has more rows than this
#: No ``disableClusteringAtZoom``: markers at one point must stay a cluster that
#: spiderfies, or the top one hides the rest at every zoom.
CLUSTER_OPTIONS = {"maxClusterRadius": 40, "showCoverageOnHover": False,
                   "spiderfyOnMaxZoom": True, "zoomToBoundsOnClick": True,
                   "spiderfyDistanceMultiplier": 1.4}
CIRCLES_MIN_ZOOM = 9  # dashed areas of approximate incidents show from this zoom on
FIT_MAX_ZOOM = 11  # the first view fits the data, never closer than this
COORD_DIGITS = 4  # ~11 m, finer than any place the articles name


# --------------------------------------------------------------------------- layers


class _Fragments:
    """Interns popup fragments: each distinct string is stored once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def refs(self, parts: Iterable[str]) -> list[int]:
        index = self.index
        # the default is evaluated before insertion: a new part gets the next number
        return [index.setdefault(part, len(index)) for part in parts]

    @property
    def items(self) -> list[str]:
        return list(self.index)  # insertion order is number order

def _text(spec: dict, frags: _Fragments, pack: bool) -> dict:
    """``spec`` with its text: the fragments, and each row's fragment numbers (in the
    row) and tooltip (in ``spec["tooltips"]``); packed, all three go into one packed
    table (:mod:`geo.app.packing`), the rows keep a 0 and ``tooltips`` says whether
    there are any."""
    if not pack:
        spec["frags"] = frags.items
        return spec
    rows, tooltips = spec["rows"], spec.pop("tooltips", None)
    refs = [row[3] for row in rows]
    for row in rows:
        row[3] = 0
    spec["packed"] = pack_json({"frags": frags.items, "refs": refs, "tooltips": tooltips})
    if tooltips:
        spec["tooltips"] = True
    return spec


def _packs(pack: bool | None, rows: int) -> bool:
    return rows > LEAN_ABOVE if pack is None else pack


def _approx_radius(row: Mapping, approximate: bool) -> int:
    geo = cell_value(row.get("geo_precision"))
    radius = APPROX_RADIUS_M.get(int(geo), 0) if geo is not None else 0
    if not radius and approximate:
        radius = APPROX_DEFAULT_RADIUS_M
    return radius


def _prepare(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """Rows with a usable geometry, in EPSG:4326; None when nothing is left."""
    if frame is None or len(frame) == 0 or "geometry" not in frame:
        return None
    if not isinstance(frame, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    geoms = frame.geometry
    frame = frame[geoms.notna() & ~geoms.is_empty]
    return frame if len(frame) else None


def _points(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    geoms = frame.geometry
    if not (geoms.geom_type == "Point").all():
        geoms = geoms.representative_point()
    return (np.round(geoms.y.to_numpy(), COORD_DIGITS), np.round(geoms.x.to_numpy(), COORD_DIGITS))


def _records(frame: gpd.GeoDataFrame) -> list[dict]:
    """Rows as dicts of Python values (pandas' to_dict is 10x slower on object columns)."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    values = [frame[c].tolist() for c in columns]  # NaN stays NaN: popups use cell_value()
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _use(flag: bool | None) -> bool:
    return True if flag is None else flag


def _cluster_links(base: str) -> dict:
    return {"default_js": asset_links(["markerclusterjs"], base),
            "default_css": asset_links(["markerclustercss", "markerclusterdefaultcss"], base)}


def _incident_style(key: str) -> dict:
    _, colour, icon = INCIDENT_STYLES[key]
    return {"cls": f"incident-marker incident-{key}", "color": colour, "icon": icon,
            "approxCls": "incident-approximate"}


def _incident_rows(frame, lean: bool | None = None
                   ) -> tuple[list, dict[str, int], _Fragments, bool, list[int]]:
    """Rows ``[lat, lon, style, fragment refs, area radius, approximate]``, the style
    index of each type key (in order of first use), the fragments, any approximate,
    and each row's tooltip (a fragment index). ``lean``: None for more than
    ``LEAN_ABOVE`` rows."""
    lats, lons = _points(frame)
    records = _records(frame)
    lean = len(records) > LEAN_ABOVE if lean is None else lean
    frags, style_index, rows, any_approx = _Fragments(), {}, [], False
    tooltips: list[int] = []
    for lat, lon, rec in zip(lats.tolist(), lons.tolist(), records, strict=True):
        kind = str(cell_value(rec.get("type")) or "other")
        style = style_index.setdefault(kind if kind in INCIDENT_STYLES else "other", len(style_index))
        approx = is_approximate(rec)
        any_approx |= approx
        parts = incident_parts(rec, lean=lean, approximate=approx)
        rows.append([lat, lon, style, frags.refs(parts), _approx_radius(rec, approx), int(approx)])
        tooltips.extend(frags.refs([incident_tooltip(
            cell_value(rec.get("type")), cell_value(rec.get("date")),
            cell_value(rec.get("place_name_en")), cell_value(rec.get("place_name_ar")))]))
    return rows, style_index, frags, any_approx, tooltips


def _incident_layer(frame, *, base: str, cluster: bool | None,
                    pack: bool | None) -> tuple[OsintLayer, list[str], bool]:
    rows, style_index, frags, any_approx, tooltips = _incident_rows(frame)
    clustered = _use(cluster)
    spec = _text({"kind": "incidents", "rows": rows, "tooltips": tooltips,
                  "styles": [_incident_style(key) for key in style_index],
                  "cluster": CLUSTER_OPTIONS if clustered else False,
                  # clustered: the dashed areas only where clusters have mostly opened
                  "circlesMinZoom": CIRCLES_MIN_ZOOM if clustered else 0},
                 frags, _packs(pack, len(rows)))
    layer = OsintLayer("points", spec, name=f"Incidents ({len(rows)})",
                       **(_cluster_links(base) if clustered else {}))
    return layer, list(style_index), any_approx


def _simple_point_layer(frame, kind: str, style: dict, parts_fn, *, name: str, base: str,
                        cluster: bool | None, show: bool = True, marker: str = "div",
                        radius_fn=None, tooltip_fn=None, pack: bool | None = None
                        ) -> OsintLayer:
    lats, lons = _points(frame)
    frags = _Fragments()
    rows, tooltips = [], []
    for lat, lon, rec in zip(lats.tolist(), lons.tolist(), _records(frame), strict=True):
        radius = radius_fn(rec) if radius_fn else 0
        rows.append([lat, lon, 0, frags.refs(parts_fn(rec)), radius, 0])
        if tooltip_fn:
            tooltips.extend(frags.refs([tooltip_fn(rec)]))
    clustered = marker == "div" and _use(cluster)
    spec = {"kind": kind, "rows": rows, "styles": [style],
            "cluster": CLUSTER_OPTIONS if clustered else False, "marker": marker}
    if tooltips:
        spec["tooltips"] = tooltips
    spec = _text(spec, frags, _packs(pack, len(rows)))
    return OsintLayer("points", spec, name=f"{name} ({len(rows)})", show=show,
                      **(_cluster_links(base) if clustered else {}))


def _place_radius(rec: Mapping) -> float:
    n = cell_value(rec.get("n_mentions")) or 0
    return round(3 + min(6.0, 1.5 * math.log2(1 + max(0, int(n)))), 1)


def _place_tooltip(rec: Mapping) -> str:
    return place_label(cell_value(rec.get("name_en")), cell_value(rec.get("name_ar")))


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def route_arrows(coords: Sequence[Sequence[float]], *, max_arrows: int = 12) -> list[list[float]]:
    """Arrow heads at segment midpoints: ``[lat, lon, bearing]`` with the bearing in
    degrees clockwise from north as seen on a Web-Mercator map. ``coords`` are lon/lat.

    >>> route_arrows([(40.0, 36.0), (41.0, 36.0)])
    [[36.0, 40.5, 90.0]]
    """
    pairs = [(a, b) for a, b in zip(coords, coords[1:], strict=False) if tuple(a) != tuple(b)]
    step = max(1, math.ceil(len(pairs) / max_arrows))
    arrows = []
    for (lon1, lat1), (lon2, lat2) in pairs[::step]:
        dx, dy = lon2 - lon1, _mercator_y(lat2) - _mercator_y(lat1)
        bearing = round(math.degrees(math.atan2(dx, dy)) % 360, 1)
        arrows.append([round((lat1 + lat2) / 2, COORD_DIGITS),
                       round((lon1 + lon2) / 2, COORD_DIGITS), bearing])
    return arrows


def _route_layer(frame) -> OsintLayer:
    frags = _Fragments()
    rows, arrows, tooltips = [], [], []
    for geom, rec in zip(frame.geometry, _records(frame), strict=True):
        lines = list(getattr(geom, "geoms", [geom]))
        for line in lines:
            coords = [(round(x, COORD_DIGITS), round(y, COORD_DIGITS)) for x, y, *_ in line.coords]
            if len(coords) < 2:
                continue
            rows.append([[[lat, lon] for lon, lat in coords], 0, frags.refs(route_parts(rec))])
            tooltips.extend(frags.refs([route_tooltip(rec)]))
            arrows.extend([*a, 0] for a in route_arrows(coords))
    spec = {"kind": "routes", "rows": rows, "arrows": arrows, "styles": [ROUTE_STYLE],
            "frags": frags.items, "tooltips": tooltips}
    return OsintLayer("routes", spec, name=f"Routes ({len(frame)})")


# ------------------------------------------------- incidents built once per corpus


@dataclass(frozen=True)
class _Compiled:
    """Every row of a full incidents layer, built once: its point, style key, area,
    popup fragments (as numbers into ``frags``, all rows' numbers in one array) and
    tooltip. A view filtered from that layer only picks rows (:func:`_picked_layer`)."""

    index: pd.Index
    lats: np.ndarray
    lons: np.ndarray
    kinds: list[str]
    radius: np.ndarray
    approx: np.ndarray
    frags: list[str]
    flat: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray
    tips: np.ndarray


#: Layers other than incidents, as (factory, spec JSON, keyword arguments), built once per
#: frame object: a filter's view is one cached object for every session, and each pan or
#: new session builds the map again (issue 14: 0.1-0.2 s of a first map at 5,000
#: articles). A fresh OsintLayer is made from it each time (an element has one parent).
_LAYERS: dict[tuple, tuple[weakref.ref, tuple[str, str, dict]]] = {}
_LAYERS_MAX = 24


def _remembered(source: gpd.GeoDataFrame, key: tuple,
                build: Callable[[], OsintLayer]) -> OsintLayer:
    """``build()``'s layer for ``source`` (the frame as given, not a prepared copy) and
    ``key`` (every other argument its spec depends on), its spec made once while
    ``source`` lives."""
    hit = _LAYERS.get((id(source), *key))
    if hit is not None and hit[0]() is source:
        factory, spec_json, kwargs = hit[1]
        return OsintLayer(factory, spec_json, **kwargs)
    layer = build()
    while len(_LAYERS) >= _LAYERS_MAX:
        _LAYERS.pop(next(iter(_LAYERS)))
    _LAYERS[(id(source), *key)] = (weakref.ref(source), (layer.factory, layer.spec_json, {
        "name": layer.layer_name, "show": layer.show, "control": layer.control,
        "default_js": layer.default_js, "default_css": layer.default_css}))
    return layer


_COMPILED: dict[int, tuple[weakref.ref, _Compiled]] = {}
_COMPILED_MAX = 6  # full layers remembered (a corpus and its uploads, a few runs)


def _compiled(full: gpd.GeoDataFrame) -> _Compiled | None:
    """The lean rows of ``full``, built on first use and remembered while it lives."""
    hit = _COMPILED.get(id(full))
    if hit is not None and hit[0]() is full:
        return hit[1]
    frame = _prepare(full)
    if frame is None or not frame.index.is_unique:
        return None
    rows, style_index, frags, _, tooltips = _incident_rows(frame, lean=True)
    keys = list(style_index)
    refs = [row[3] for row in rows]
    lengths = np.fromiter((len(r) for r in refs), dtype=np.int64, count=len(refs))
    compiled = _Compiled(
        index=frame.index, lats=np.array([r[0] for r in rows]),
        lons=np.array([r[1] for r in rows]), kinds=[keys[r[2]] for r in rows],
        radius=np.array([r[4] for r in rows], dtype=np.int64),
        approx=np.array([r[5] for r in rows], dtype=np.int8), frags=frags.items,
        flat=np.fromiter((i for r in refs for i in r), dtype=np.int64, count=int(lengths.sum())),
        starts=np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64),
        lengths=lengths, tips=np.array(tooltips, dtype=np.int64))
    while len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.pop(next(iter(_COMPILED)))
    _COMPILED[id(full)] = (weakref.ref(full), compiled)
    return compiled


def _picked_layer(frame: gpd.GeoDataFrame, full: gpd.GeoDataFrame, *, base: str,
                  cluster: bool | None) -> tuple[OsintLayer, list[str], bool] | None:
    """The incidents layer of ``frame`` (a large view filtered from ``full``, rows found
    by index label) from ``full``'s rows built once: the same spec as
    :func:`_incident_layer` packed, with the rows' fragment numbers sent as one flat
    list and each row's end in it. None when ``frame`` is not a subset of ``full``."""
    compiled = _compiled(full)
    if compiled is None:
        return None
    at = compiled.index.get_indexer(frame.index)
    if (at < 0).any():
        return None
    clustered = _use(cluster)
    key = (id(compiled), clustered, hashlib.blake2b(at.tobytes(), digest_size=16).digest())
    if key not in _PICKED:  # the same view again (a pan reruns the map): sent as before
        _PICKED[key] = _picked_spec(compiled, at, clustered)
        while len(_PICKED) > _PICKED_MAX:
            _PICKED.pop(next(iter(_PICKED)))
    spec_json, types, approx = _PICKED[key]
    layer = OsintLayer("points", spec_json, name=f"Incidents ({len(at)})",
                       **(_cluster_links(base) if clustered else {}))
    return layer, types, approx


_PICKED: dict[tuple, tuple[str, list[str], bool]] = {}
_PICKED_MAX = 8


def _picked_spec(compiled: _Compiled, at: np.ndarray,
                 clustered: bool) -> tuple[str, list[str], bool]:
    """The spec (as JSON) of rows ``at`` of ``compiled``, the style keys it uses, and
    whether any row is approximate."""
    lengths, ends = compiled.lengths[at], np.cumsum(compiled.lengths[at])
    flat = compiled.flat[np.repeat(compiled.starts[at] - (ends - lengths), lengths)
                         + np.arange(int(ends[-1]) if len(ends) else 0)]
    used, local = np.unique(np.concatenate([flat, compiled.tips[at]]), return_inverse=True)
    kinds = [compiled.kinds[i] for i in at.tolist()]
    style_index = {key: n for n, key in enumerate(dict.fromkeys(kinds))}
    rows = [[lat, lon, style_index[k], 0, r, a] for lat, lon, k, r, a in zip(
        compiled.lats[at].tolist(), compiled.lons[at].tolist(), kinds,
        compiled.radius[at].tolist(), compiled.approx[at].tolist(), strict=True)]
    spec = {"kind": "incidents", "rows": rows, "tooltips": True,
            "styles": [_incident_style(key) for key in style_index],
            "cluster": CLUSTER_OPTIONS if clustered else False,
            "circlesMinZoom": CIRCLES_MIN_ZOOM if clustered else 0,
            "packed": pack_json({"frags": [compiled.frags[i] for i in used.tolist()],
                                 "flat": local[:len(flat)].tolist(), "ends": ends.tolist(),
                                 "tooltips": local[len(flat):].tolist()})}
    return script_json(spec), list(style_index), bool(compiled.approx[at].any())


# --------------------------------------------------------------------------- the map


def _fit(m: folium.Map, frames: Iterable[gpd.GeoDataFrame | None]) -> bool:
    bounds = [f.total_bounds for f in frames if f is not None]
    if not bounds:
        return False
    b = np.array(bounds)
    west, south, east, north = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    m.fit_bounds([[float(south), float(west)], [float(north), float(east)]],
                 padding=(40, 40), max_zoom=FIT_MAX_ZOOM)
    return True


def build_map(
    layers: Mapping[str, gpd.GeoDataFrame | None],
    *,
    asset_base: str = DEFAULT_BASE,
    online_tiles: bool = False,
    show_places: bool = True,
    show_articles: bool = False,
    center: Sequence[float] | None = None,
    zoom: int | None = None,
    cluster: bool | None = None,
    heat: bool = True,
    playback: bool = False,
    towns: bool = True,
    pack: bool | None = None,
    full: Mapping[str, gpd.GeoDataFrame | None] | None = None,
) -> folium.Map:
    """A folium map of ``layers`` whose scripts and styles all come from ``asset_base``.

    Parameters
    ----------
    layers : mapping of layer name -> GeoDataFrame
        Any of ``incidents``, ``bases``, ``routes``, ``places``, ``articles`` (see
        :data:`COLUMNS`); missing, None or empty layers are skipped.
    asset_base : str
        URL prefix of the installed assets (``python -m geo.app.assets install``). The
        default suits ``streamlit run`` at the server root; under ``server.baseUrlPath``
        pass :data:`geo.app.assets.COMPONENT_RELATIVE_BASE`; for a saved HTML file, the path
        of a copy of ``static/vendor`` relative to that file.
    online_tiles : bool
        Add OpenStreetMap tiles (needs internet) under the offline borders.
    show_places, show_articles : bool
        Whether those layers start visible (they are in the layer control either way).
    center, zoom
        Initial view; by default the view fits the data (or north-east Syria).
    cluster : bool or None
        Cluster incidents, bases and articles together (None: yes, at any count). Only
        ``False`` (tests, a saved file that counts markers) draws every marker alone.
    heat : bool
        Add a heat map of the incidents as an optional layer (off until chosen).
    playback : bool
        Add time playback of the dated incidents (a slider with play, step back and
        step forward at the bottom of the map; :func:`geo.app.timeplay.add_playback`);
        the legend then starts folded, clear of the playback bar.
    towns : bool
        Label the gazetteer's towns, villages, crossings, bases and airports by zoom.
    pack : bool or None
        Send the popup and tooltip text of a point layer packed (:mod:`geo.app.packing`:
        a fraction of the bytes, unpacked by the page). None: layers of more than
        ``LEAN_ABOVE`` rows.
    full : mapping of layer name -> GeoDataFrame, optional
        The unfiltered layers that ``layers`` were filtered from (row subsets with the
        same index labels, as :func:`geo.layers.filter_layers` makes them). A large
        incidents view is then made from ``full["incidents"]``'s rows, built once and
        remembered while that frame lives: a filter change only picks rows. The map
        is the same as without ``full``.
    """
    # with tiles=None, folium's min_zoom/max_zoom would go nowhere; markercluster needs
    # the map's own maxZoom
    m = folium.Map(location=list(center) if center else list(DEFAULT_CENTER),
                   zoom_start=zoom or DEFAULT_ZOOM, tiles=None, prefer_canvas=True,
                   control_scale=True, minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    m.default_js = asset_links(["leaflet", "jquery", "osint_js"], asset_base)
    m.default_css = asset_links(["leaflet_css", "font_awesome_css", "osint_css"], asset_base)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False,
                         control=True, max_zoom=MAX_ZOOM).add_to(m)
    add_basemap(m, translucent=online_tiles, towns=towns)

    frames = {key: _prepare(layers.get(key)) for key in COLUMNS}
    if frames["routes"] is not None:
        _remembered(layers.get("routes"), ("routes",),
                    lambda: _route_layer(frames["routes"])).add_to(m)
    if frames["places"] is not None:
        _remembered(layers.get("places"), ("places", show_places, pack, asset_base),
                    lambda: _simple_point_layer(
                        frames["places"], "places", PLACE_STYLE, place_parts, name="Places",
                        base=asset_base, cluster=False, show=show_places, marker="circle",
                        radius_fn=_place_radius, tooltip_fn=_place_tooltip, pack=pack)
                    ).add_to(m)
    if frames["articles"] is not None:
        _remembered(layers.get("articles"), ("articles", show_articles, cluster, pack,
                                             asset_base),
                    lambda: _simple_point_layer(
                        frames["articles"], "articles", ARTICLE_STYLE, article_parts,
                        name="Articles", base=asset_base, cluster=cluster,
                        show=show_articles, pack=pack)).add_to(m)
    if frames["bases"] is not None:
        _remembered(layers.get("bases"), ("bases", cluster, pack, asset_base),
                    lambda: _simple_point_layer(
                        frames["bases"], "bases", BASE_STYLE, base_parts, name="Bases",
                        base=asset_base, cluster=cluster, tooltip_fn=base_tooltip,
                        pack=pack)).add_to(m)
    types, approx = [], False
    if frames["incidents"] is not None:
        picked = None
        source = (full or {}).get("incidents")
        if source is not None and len(frames["incidents"]) > LEAN_ABOVE and pack is not False:
            picked = _picked_layer(frames["incidents"], source, base=asset_base, cluster=cluster)
        layer, types, approx = picked or _incident_layer(frames["incidents"], base=asset_base,
                                                         cluster=cluster, pack=pack)
        layer.add_to(m)
        if heat:
            add_heat(m, frames["incidents"], asset_base)
        if playback:
            add_playback(m, frames["incidents"], asset_base)

    m.add_child(Legend(legend_html(types, approximate=approx,
                                   bases=frames["bases"] is not None,
                                   routes=frames["routes"] is not None,
                                   places=frames["places"] is not None,
                                   articles=frames["articles"] is not None,
                                   folded=playback)))
    localise(Fullscreen(position="topleft"), asset_base).add_to(m)
    localise(MeasureControl(position="topleft", primary_length_unit="kilometers",
                            secondary_length_unit="miles"), asset_base).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    if center is None and zoom is None:
        _fit(m, [frames[k] for k in ("incidents", "bases", "routes")])
    return m

"""A folium map from the layers (incidents, bases, routes, places, articles), offline.

Every script and stylesheet comes from ``static/vendor`` (see :mod:`geo.app.assets`); the
basemap is polygons (:mod:`geo.app.basemap`), no tiles unless ``online_tiles=True``.

Each data layer is ONE Leaflet layer drawn by ``osint-map.js`` from compact JSON rows,
not one folium object per feature: 10,000 incidents stay a few MB and build in
milliseconds. Popups are assembled in the browser, on click, from HTML fragments that
this module escaped; fragments repeated across features (a source, a place, a type) are
stored once. Large layers (more than ``LEAN_ABOVE`` rows) get lean popups (first
sources only, evidence cut) and clustering.

Layer contract: GeoDataFrames in EPSG:4326 with the columns listed in :data:`COLUMNS`.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache, wraps
from typing import Any
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import numpy as np
from branca.element import MacroElement
from folium.plugins import Fullscreen, MeasureControl
from folium.template import Template

from gazetteer.model import GOVERNORATES

from .assets import DEFAULT_BASE, asset_links, localise
from .basemap import OsintLayer, add_basemap, script_json

__all__ = [
    "COLUMNS",
    "INCIDENT_STYLES",
    "article_popup_html",
    "base_popup_html",
    "build_map",
    "incident_popup_html",
    "place_popup_html",
    "route_popup_html",
]

#: The columns each layer carries (besides ``geometry``).
COLUMNS: dict[str, tuple[str, ...]] = {
    "incidents": ("id", "type", "date", "date_first", "date_last", "date_precision",
                  "geo_precision", "place_id", "place_name_ar", "place_name_en", "actors",
                  "fatalities", "injuries", "confidence", "approximate", "sources"),
    "bases": ("id", "place_id", "place_name_ar", "place_name_en", "kind", "operators",
              "sources"),
    "routes": ("id", "waypoints", "waypoint_ids", "actors", "sources"),
    "places": ("id", "name_ar", "name_en", "kind", "governorate", "n_mentions", "articles"),
    "articles": ("id", "title", "outlet", "published", "url", "excerpt", "places",
                 "incident_types"),
}

#: Incident type -> (label, colour, Font Awesome 6 solid icon). Unknown types use "other".
INCIDENT_STYLES: dict[str, tuple[str, str, str]] = {
    "patrol": ("Patrol", "#1f77b4", "fa-route"),
    "patrol_encounter": ("Patrol encounter", "#17becf", "fa-people-arrows"),
    "patrol_obstruction": ("Patrol obstructed", "#8c564b", "fa-road-barrier"),
    "vehicle_collision": ("Vehicle collision", "#7f7f7f", "fa-car-burst"),
    "raid": ("Raid", "#9467bd", "fa-person-rifle"),
    "airstrike": ("Air / drone strike", "#d62728", "fa-jet-fighter"),
    "shelling": ("Shelling / missiles", "#ff7f0e", "fa-burst"),
    "armed_clash": ("Armed clash", "#a50026", "fa-crosshairs"),
    "air_incident": ("Air incident", "#e377c2", "fa-plane-circle-exclamation"),
    "deployment": ("Deployment", "#2ca02c", "fa-truck-moving"),
    "exercise": ("Exercise", "#6b8e23", "fa-flag-checkered"),
    "protest": ("Protest", "#bcbd22", "fa-people-group"),
    "arrest": ("Arrest", "#6d4c41", "fa-handcuffs"),
    "statement": ("Statement", "#607d8b", "fa-bullhorn"),
    "agreement": ("Agreement", "#00897b", "fa-handshake"),
    "explosion": ("Explosion / IED", "#e65100", "fa-explosion"),
    "attack": ("Attack", "#880e4f", "fa-skull"),
    "other": ("Other", "#455a64", "fa-circle-question"),
}
BASE_STYLE = {"cls": "base-marker", "color": "#263238", "icon": "fa-house-flag"}
ARTICLE_STYLE = {"cls": "article-marker", "color": "#3949ab", "icon": "fa-newspaper"}
ROUTE_STYLE = {"color": "#1f4e79"}
PLACE_STYLE = {"cls": "place-marker", "color": "#607080"}

GEO_PRECISION = {1: "the named place", 2: "near the place or its countryside", 3: "region only"}
#: Radius (metres) of the dashed circle drawn around imprecise incidents.
APPROX_RADIUS_M = {2: 6_000, 3: 25_000}
APPROX_DEFAULT_RADIUS_M = 12_000

DEFAULT_CENTER = (35.3, 39.0)
DEFAULT_ZOOM = 7
MIN_ZOOM, MAX_ZOOM = 4, 16
CLUSTER_ABOVE = 100  # cluster a point layer when it has more rows than this
LEAN_ABOVE = 500  # lean popups when a layer has more rows than this
LEAN_SOURCES = 2
LEAN_EVIDENCE_CHARS = 140
EXCERPT_CHARS = 320
CLUSTER_OPTIONS = {"maxClusterRadius": 45, "disableClusteringAtZoom": 11,
                   "showCoverageOnHover": False, "spiderfyOnMaxZoom": True}
COORD_DIGITS = 4  # ~11 m, finer than any place the articles name


# --------------------------------------------------------------------------- escaping

#: Characters that are code in a JavaScript template literal (folium's Popup) or in a
#: Jinja template (branca re-renders scripts as templates), as HTML entities.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
             "$": "&#36;", "`": "&#96;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def _esc(value: Any) -> str:
    """HTML-escape, and neutralise ``$``, backticks, backslashes and braces.

    folium's Popup puts HTML inside a JavaScript template literal, where ``${...}``
    runs code, and branca compiles scripts as Jinja templates, where ``{{...}}`` does;
    entities show the same characters and are inert in both.

    >>> _esc("<b>${alert(1)}</b>")
    '&lt;b&gt;&#36;&#123;alert(1)&#125;&lt;/b&gt;'
    """
    if value is None or _isnan(value):
        return ""
    text = str(value)
    # one regex pass: html.escape + str.translate cost 6 us on a 150-letter Arabic sentence
    return _SPECIAL.sub(_entity, text) if _SPECIAL.search(text) else text


def _entity(match: re.Match) -> str:
    return _ENTITIES[match.group()]


def _memo(maxsize: int):
    """lru_cache for popup parts whose arguments repeat across rows; unhashable
    arguments (malformed cells) bypass the cache instead of failing."""

    def decorate(fn):
        cached = lru_cache(maxsize=maxsize, typed=True)(fn)

        @wraps(fn)
        def call(*args):
            try:
                return cached(*args)
            except TypeError:
                return fn(*args)

        return call

    return decorate


#: The same for values that repeat across rows (names, labels, dates).
_esc_cached = _memo(1 << 16)(_esc)


def _isnan(value: Any) -> bool:
    return isinstance(value, float) and value != value


def _val(value: Any) -> Any:
    """None for missing cells (None or NaN), the value otherwise."""
    return None if value is None or (isinstance(value, float) and value != value) else value


def _safe_url(url: Any) -> str | None:
    """The escaped URL when it is an absolute http(s) link, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in "\x00\r\n\t <>\"'"):
        return None
    return _esc(url)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _items(value: Any) -> list:
    """A list from a list-valued cell (list, tuple, ndarray, None or NaN)."""
    if _val(value) is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


# --------------------------------------------------------------------------- popups
# A popup is a list of HTML fragments; joined, they are the popup. Fragments that recur
# (a source, a place, a type, a date) are stored once per layer in the page.

_RTL_OPEN = '<div dir="rtl" style="text-align:right" class="ev">'
_DIV_CLOSE = "</div>"


def _type_label(kind: Any) -> str:
    style = INCIDENT_STYLES.get(str(kind))
    return style[0] if style else str(kind or "Incident").replace("_", " ").capitalize()


def _bdi(escaped: str) -> str:
    """An escaped field in ``<bdi>``: its own direction, and a bidi control inside it
    (an unterminated U+202E override) cannot reorder the text around it."""
    return f"<bdi>{escaped}</bdi>" if escaped else ""


@_memo(1 << 14)
def _source_block(title: Any, outlet: Any, published: Any, url: Any) -> str:
    meta = " · ".join(_bdi(x) for x in (_esc(outlet), _esc(published)) if x)
    link = _safe_url(url)
    link = (f' <a href="{link}" target="_blank" rel="noopener noreferrer">open</a>'
            if link else "")
    return (f'<div class="src"><b>{_bdi(_esc(title)) or "Untitled"}</b><br>'
            f'<span class="meta">{meta}</span>{link}</div>')


def _source_parts(sources: Any, *, lean: bool = False) -> list[str]:
    """Each source: title, outlet · date, link; then its Arabic evidence sentence.

    ``lean``: the first ``LEAN_SOURCES`` sources, only the first one's evidence, cut.
    """
    sources = [s for s in _items(sources) if isinstance(s, Mapping)]
    if not sources:
        return []
    shown = sources[:LEAN_SOURCES] if lean else sources
    parts = [f'<div class="src-head"><b>Sources ({len(sources)})</b></div>']
    for i, src in enumerate(shown):
        parts.append(_source_block(_val(src.get("title")) or _val(src.get("article")),
                                   _val(src.get("outlet")), _val(src.get("published")),
                                   _val(src.get("url"))))
        evidence = _val(src.get("evidence"))
        if evidence and not (lean and i):
            text = _cut(str(evidence), LEAN_EVIDENCE_CHARS) if lean else str(evidence)
            parts += [_RTL_OPEN, _esc(text), _DIV_CLOSE]
    if len(shown) < len(sources):
        parts.append(f'<div class="more">+{len(sources) - len(shown)} more sources</div>')
    return parts


@_memo(1 << 14)
def _place_part(name_en: Any, name_ar: Any) -> str:
    names = [_esc(name_en), f'<span dir="rtl">{_esc(name_ar)}</span>' if _esc(name_ar) else ""]
    return " · ".join(x for x in names if x) or "unknown place"


@_memo(1 << 12)
def _head_part(kind: Any) -> str:
    return f"<h4>{_esc(_type_label(kind))}</h4>"


@_memo(1 << 14)
def _date_part(date: Any, precision: Any, first: Any, last: Any) -> str:
    note = f' <span class="meta">(precision: {_esc(precision)})</span>' if precision else ""
    span = (f' <span class="meta">({_esc(first)} – {_esc(last)})</span>'
            if first and last and first != last else "")
    return f"<div><b>Date:</b> {_esc(date) or 'unknown'}{note}{span}</div>"


@_memo(1 << 14)
def _place_line(name_en: Any, name_ar: Any, geo: Any) -> str:
    geo_text = (f"geo precision {int(geo)}: {GEO_PRECISION.get(int(geo), '')}"
                if geo is not None else "geo precision unknown")
    return (f"<div><b>Place:</b> {_place_part(name_en, name_ar)}"
            f' <span class="meta">({_esc(geo_text)})</span></div>')


@_memo(1 << 12)
def _actors_part(actors: tuple) -> str:
    return f"<div><b>Actors:</b> {', '.join(_esc(a) for a in actors)}</div>" if actors else ""


@_memo(1 << 10)
def _casualties_part(fatalities: Any, injuries: Any) -> str:
    bits = []
    if fatalities is not None:
        bits.append(f"{int(fatalities)} killed")
    if injuries is not None:
        bits.append(f"{int(injuries)} injured")
    return f"<div><b>Casualties:</b> {', '.join(bits) or 'not stated'}</div>"


@_memo(1 << 10)
def _confidence_part(confidence: Any) -> str:
    return f'<div class="meta">Confidence {float(confidence):.2f}</div>'


_APPROX_NOTE = ('<div class="approx-note">Approximate location: the point stands for a wider '
                "area (dashed circle).</div>")


def _incident_parts(row: Mapping, *, lean: bool = False,
                    approximate: bool | None = None) -> list[str]:
    get = row.get
    geo = _val(get("geo_precision"))
    parts = [
        _head_part(_val(get("type"))),
        _date_part(_val(get("date")), _val(get("date_precision")), _val(get("date_first")),
                   _val(get("date_last"))),
        _place_line(_val(get("place_name_en")), _val(get("place_name_ar")),
                    int(geo) if geo is not None else None),
    ]
    if _is_approximate(row) if approximate is None else approximate:
        parts.append(_APPROX_NOTE)
    actors = _actors_part(tuple(str(a) for a in _items(get("actors"))))
    if actors:
        parts.append(actors)
    parts.append(_casualties_part(_val(get("fatalities")), _val(get("injuries"))))
    confidence = _val(get("confidence"))
    if confidence is not None:
        parts.append(_confidence_part(round(float(confidence), 2)))
    parts.extend(_source_parts(get("sources"), lean=lean))
    return parts


def incident_popup_html(row: Mapping, *, lean: bool = False) -> str:
    """Popup of one incident: type, date and precision, place and geo precision, actors,
    casualties, then each source (title, outlet, date, link, Arabic evidence).

    Every value is escaped; links only for http(s) URLs. ``lean`` keeps the first
    sources and cuts the evidence (used for very large layers).

    >>> html_text = incident_popup_html({"type": "airstrike", "date": "2022-10-08",
    ...                                  "date_precision": "day"})
    >>> html_text.startswith("<h4>Air / drone strike</h4>")
    True
    """
    return "".join(_incident_parts(row, lean=lean))


def _article_parts(row: Mapping) -> list[str]:
    get = row.get
    meta = " · ".join(_bdi(x) for x in (_esc_cached(_val(get("outlet"))),
                                        _esc_cached(_val(get("published")))) if x)
    url = _safe_url(_val(get("url")))
    link = (f' <a href="{url}" target="_blank" rel="noopener noreferrer">open article</a>'
            if url else "")
    parts = [f"<h4>{_bdi(_esc(_val(get('title')))) or 'Untitled'}</h4>",
             f'<div class="meta">{meta}{link}</div>']
    excerpt = _val(get("excerpt"))
    if excerpt:
        parts += [_RTL_OPEN, _esc(_cut(str(excerpt), EXCERPT_CHARS)), _DIV_CLOSE]
    places = "، ".join(_esc_cached(p) for p in _items(get("places")))
    if places:
        parts.append(f'<div><b>Places:</b> <span dir="rtl">{places}</span></div>')
    kinds = ", ".join(_esc_cached(_type_label(k)) for k in _items(get("incident_types")))
    if kinds:
        parts.append(f"<div><b>Incidents reported:</b> {kinds}</div>")
    return parts


def article_popup_html(row: Mapping) -> str:
    """Popup of one article: title, outlet, date, link, first lines, places, incidents."""
    return "".join(_article_parts(row))


def _base_parts(row: Mapping) -> list[str]:
    get = row.get
    place = _place_part(_val(get("place_name_en")), _val(get("place_name_ar")))
    kind = _esc_cached(_val(get("kind")))
    operators = ", ".join(_esc_cached(o) for o in _items(get("operators"))) or "not stated"
    parts = [f"<h4>Base: {place}</h4>"]
    if kind:
        parts.append(f'<div class="meta">{kind.replace("_", " ")}</div>')
    parts.append(f"<div><b>Held by:</b> {operators}</div>")
    parts.extend(_source_parts(get("sources")))
    return parts


def base_popup_html(row: Mapping) -> str:
    """Popup of one base: place, kind, the forces holding it, sources with evidence."""
    return "".join(_base_parts(row))


def _route_parts(row: Mapping) -> list[str]:
    waypoints = " ← ".join(_esc_cached(w) for w in _items(row.get("waypoints")))
    actors = _actors_part(tuple(str(a) for a in _items(row.get("actors"))))
    parts = ["<h4>Route</h4>"]
    if waypoints:
        parts.append(f'<div dir="rtl" style="text-align:right">{waypoints}</div>')
    if actors:
        parts.append(actors)
    parts.extend(_source_parts(row.get("sources")))
    return parts


def route_popup_html(row: Mapping) -> str:
    """Popup of one route: waypoints in travel order (read right to left), actors, sources."""
    return "".join(_route_parts(row))


def _place_parts(row: Mapping) -> list[str]:
    get = row.get
    gov = _val(get("governorate"))
    gov_en, gov_ar = GOVERNORATES.get(gov, (gov, "")) if gov else ("", "")
    parts = [f"<h4>{_place_part(_val(get('name_en')), _val(get('name_ar')))}</h4>"]
    meta = " · ".join(x for x in (_esc_cached(_val(get("kind"))),
                                  _place_part(gov_en, gov_ar) if gov else "") if x)
    if meta:
        parts.append(f'<div class="meta">{meta}</div>')
    n = _val(get("n_mentions"))
    if n is not None:
        parts.append(f"<div><b>Mentions:</b> {int(n)}</div>")
    articles = _items(get("articles"))
    if articles:
        shown = ", ".join(_bdi(_esc_cached(a)) for a in articles[:8])
        more = f" (+{len(articles) - 8})" if len(articles) > 8 else ""
        parts.append(f"<div><b>Articles:</b> {shown}{more}</div>")
    return parts


def place_popup_html(row: Mapping) -> str:
    """Popup of one place: names, kind, governorate, mentions, articles."""
    return "".join(_place_parts(row))


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


def _is_approximate(row: Mapping) -> bool:
    return bool(_val(row.get("approximate"))) or _val(row.get("geo_precision")) == 3


def _approx_radius(row: Mapping, approximate: bool) -> int:
    geo = _val(row.get("geo_precision"))
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
    values = [frame[c].tolist() for c in columns]  # NaN stays NaN: popups use _val()
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _use(flag: bool | None, n: int, above: int) -> bool:
    return n > above if flag is None else flag


def _cluster_links(base: str) -> dict:
    return {"default_js": asset_links(["markerclusterjs"], base),
            "default_css": asset_links(["markerclustercss", "markerclusterdefaultcss"], base)}


def _incident_layer(frame, *, base: str,
                    cluster: bool | None) -> tuple[OsintLayer, list[str], bool]:
    lats, lons = _points(frame)
    records = _records(frame)
    lean = len(records) > LEAN_ABOVE
    frags = _Fragments()
    style_index: dict[str, int] = {}
    styles, rows, any_approx = [], [], False
    for lat, lon, rec in zip(lats.tolist(), lons.tolist(), records, strict=True):
        kind = str(_val(rec.get("type")) or "other")
        key = kind if kind in INCIDENT_STYLES else "other"
        if key not in style_index:
            label, colour, icon = INCIDENT_STYLES[key]
            style_index[key] = len(styles)
            styles.append({"cls": f"incident-marker incident-{key}", "color": colour,
                           "icon": icon, "approxCls": "incident-approximate"})
        approx = _is_approximate(rec)
        any_approx |= approx
        parts = _incident_parts(rec, lean=lean, approximate=approx)
        rows.append([lat, lon, style_index[key], frags.refs(parts), _approx_radius(rec, approx),
                     int(approx)])
    clustered = _use(cluster, len(rows), CLUSTER_ABOVE)
    spec = {"kind": "incidents", "rows": rows, "styles": styles, "frags": frags.items,
            "cluster": CLUSTER_OPTIONS if clustered else False,
            # clustered: draw the dashed areas only where markers stand alone
            "circlesMinZoom": CLUSTER_OPTIONS["disableClusteringAtZoom"] if clustered else 0}
    layer = OsintLayer("points", spec, name=f"Incidents ({len(rows)})",
                       **(_cluster_links(base) if clustered else {}))
    return layer, list(style_index), any_approx


def _simple_point_layer(frame, kind: str, style: dict, parts_fn, *, name: str, base: str,
                        cluster: bool | None, show: bool = True, marker: str = "div",
                        radius_fn=None, tooltip_fn=None) -> OsintLayer:
    lats, lons = _points(frame)
    frags = _Fragments()
    rows, tooltips = [], []
    for lat, lon, rec in zip(lats.tolist(), lons.tolist(), _records(frame), strict=True):
        radius = radius_fn(rec) if radius_fn else 0
        rows.append([lat, lon, 0, frags.refs(parts_fn(rec)), radius, 0])
        if tooltip_fn:
            tooltips.extend(frags.refs([tooltip_fn(rec)]))
    clustered = marker == "div" and _use(cluster, len(rows), CLUSTER_ABOVE)
    spec = {"kind": kind, "rows": rows, "styles": [style], "frags": frags.items,
            "cluster": CLUSTER_OPTIONS if clustered else False, "marker": marker}
    if tooltips:
        spec["tooltips"] = tooltips
    return OsintLayer("points", spec, name=f"{name} ({len(rows)})", show=show,
                      **(_cluster_links(base) if clustered else {}))


def _place_radius(rec: Mapping) -> float:
    n = _val(rec.get("n_mentions")) or 0
    return round(3 + min(6.0, 1.5 * math.log2(1 + max(0, int(n)))), 1)


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
    rows, arrows = [], []
    for geom, rec in zip(frame.geometry, _records(frame), strict=True):
        lines = list(getattr(geom, "geoms", [geom]))
        for line in lines:
            coords = [(round(x, COORD_DIGITS), round(y, COORD_DIGITS)) for x, y, *_ in line.coords]
            if len(coords) < 2:
                continue
            rows.append([[[lat, lon] for lon, lat in coords], 0, frags.refs(_route_parts(rec))])
            arrows.extend([*a, 0] for a in route_arrows(coords))
    spec = {"kind": "routes", "rows": rows, "arrows": arrows, "styles": [ROUTE_STYLE],
            "frags": frags.items}
    return OsintLayer("routes", spec, name=f"Routes ({len(frame)})")


# --------------------------------------------------------------------------- legend


class _Legend(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        OsintMap.legend({{ this._parent.get_name() }}, {{ this.html_json }}, "bottomright");
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "OsintLegend"
        self.html_json = script_json(html_text)


def _sym(style: dict, shape: str = "") -> str:
    """A legend symbol; its classes are not the markers' so marker counts stay exact."""
    return (f'<span class="legend-sym {shape}"><span class="osint-sym" '
            f'style="background:{style["color"]}"><i class="fa-solid {style["icon"]}"></i>'
            "</span></span>")


def legend_html(incident_types: Iterable[str], *, approximate: bool = False,
                bases: bool = False, routes: bool = False, places: bool = False,
                articles: bool = False) -> str:
    """The legend: one line per incident type shown, then the other symbols in use."""
    items = []
    for key in INCIDENT_STYLES:
        if key in set(incident_types):
            label, colour, icon = INCIDENT_STYLES[key]
            items.append(f"<li>{_sym({'color': colour, 'icon': icon})} {html.escape(label)}</li>")
    if approximate:
        items.append('<li><span class="sym-area"></span> Approximate location '
                     "(dashed: area, not a point)</li>")
    if bases:
        sym = _sym(BASE_STYLE, "legend-base")
        items.append(f"<li>{sym} Base (with the forces holding it)</li>")
    if routes:
        items.append('<li><span class="sym-route"></span> Route (arrows: direction)</li>')
    if places:
        items.append('<li><span class="sym-place"></span> Place mentioned (size: mentions)</li>')
    if articles:
        sym = _sym(ARTICLE_STYLE, "legend-article")
        items.append(f"<li>{sym} Article (where it reports from)</li>")
    if not items:
        items.append("<li>Nothing to show for the current selection.</li>")
    return f'<details open><summary>Legend</summary><ul>{"".join(items)}</ul></details>'


# --------------------------------------------------------------------------- the map


def _fit(m: folium.Map, frames: Iterable[gpd.GeoDataFrame | None]) -> bool:
    bounds = [f.total_bounds for f in frames if f is not None]
    if not bounds:
        return False
    b = np.array(bounds)
    west, south, east, north = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    m.fit_bounds([[float(south), float(west)], [float(north), float(east)]],
                 padding=(30, 30), max_zoom=10)
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
        Cluster point layers; None clusters layers with more than ``CLUSTER_ABOVE`` rows.
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
    add_basemap(m, translucent=online_tiles)

    frames = {key: _prepare(layers.get(key)) for key in COLUMNS}
    if frames["routes"] is not None:
        _route_layer(frames["routes"]).add_to(m)
    if frames["places"] is not None:
        _simple_point_layer(frames["places"], "places", PLACE_STYLE, _place_parts,
                            name="Places", base=asset_base, cluster=False, show=show_places,
                            marker="circle", radius_fn=_place_radius,
                            tooltip_fn=lambda r: _place_part(_val(r.get("name_en")),
                                                             _val(r.get("name_ar")))).add_to(m)
    if frames["articles"] is not None:
        _simple_point_layer(frames["articles"], "articles", ARTICLE_STYLE, _article_parts,
                            name="Articles", base=asset_base, cluster=cluster,
                            show=show_articles).add_to(m)
    if frames["bases"] is not None:
        _simple_point_layer(frames["bases"], "bases", BASE_STYLE, _base_parts, name="Bases",
                            base=asset_base, cluster=False).add_to(m)
    types, approx = [], False
    if frames["incidents"] is not None:
        layer, types, approx = _incident_layer(frames["incidents"], base=asset_base,
                                               cluster=cluster)
        layer.add_to(m)

    m.add_child(_Legend(legend_html(types, approximate=approx,
                                    bases=frames["bases"] is not None,
                                    routes=frames["routes"] is not None,
                                    places=frames["places"] is not None,
                                    articles=frames["articles"] is not None)))
    localise(Fullscreen(position="topleft"), asset_base).add_to(m)
    localise(MeasureControl(position="topleft", primary_length_unit="kilometers",
                            secondary_length_unit="miles"), asset_base).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    if center is None and zoom is None:
        _fit(m, [frames[k] for k in ("incidents", "bases", "routes")])
    return m

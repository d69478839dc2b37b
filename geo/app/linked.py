"""Linked views: the table, the map and the reader point at each other.

Two small scripts added to the folium map, beside what :mod:`geo.app.mapview` draws:

* :class:`OpenIncident` opens the popup of one incident once the map is ready (a row
  chosen in the incidents table), through ``OsintMap.focus`` of ``static/osint-map.js``,
  which zooms or spiderfies until the marker shows;
* :class:`ReaderLinks` adds "Open in the reader" links under an incident's popup, one
  per article (each article's id and title sent once, the incidents refer to them). A
  click puts ``?article=ID&tab=Article+reader`` into the page's own address
  (``history.pushState`` on the parent page, then a ``popstate``, which Streamlit
  answers with a rerun on the new query string), so the reader opens in the same tab
  and browser Back returns to the map. The map's component frame is sandboxed without
  top navigation, hence history and not a plain link.

Article ids and titles are article-derived text: they reach the page as JSON in a
script with ``<``, ``>`` and ``&`` written as JSON escapes (:func:`_script_json`), and are put
into the popup with ``textContent``, never as HTML. :func:`article_param` validates an
id coming back from the link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from .packing import pack_json

__all__ = ["OpenIncident", "ReaderLinks", "article_param", "incident_index",
           "incident_articles"]

MAX_ID_CHARS = 200
#: Above this many incidents the links' rows and titles are sent packed (as the map's
#: own text is: :data:`geo.app.mapview.LEAN_ABOVE`).
PACK_ABOVE = 500
_ID_CHARS = re.compile(r"[^\x00-\x1f\x7f<>\"'`\\]+")


_SCRIPT_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>&${}"}


def _script_json(value: list) -> str:
    """JSON of nested lists of text for a ``<script>``: no ``<``, ``>``, ``&`` (markup),
    ``$``, ``{`` or ``}`` (template syntax) character at all, only their JSON escapes.
    Lists only: an object's braces would be escaped too.

    >>> _script_json([["a", "<b>${x}"]])
    '[["a","\\\\u003cb\\\\u003e\\\\u0024\\\\u007bx\\\\u007d"]]'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_SCRIPT_ESCAPES.get(c, c) for c in text)


def article_param(value: Any, known: Iterable[str]) -> str | None:
    """The article id in a link's ``article`` parameter, when it is one of ``known``.

    >>> article_param("seed_01", {"seed_01"}), article_param("<x>", {"<x>"})
    ('seed_01', None)
    """
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_CHARS:
        return None
    if not _ID_CHARS.fullmatch(value):
        return None
    return value if value in set(known) else None


def _drawn(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The rows the map draws, in its order (as ``mapview._prepare`` keeps them)."""
    if frame is None or len(frame) == 0 or "geometry" not in frame:
        return frame.iloc[0:0] if frame is not None else gpd.GeoDataFrame()
    geoms = frame.geometry
    return frame[geoms.notna() & ~geoms.is_empty]


def incident_index(incidents: gpd.GeoDataFrame, incident_id: str) -> int | None:
    """The marker index (``osintIndex``) of ``incident_id`` on a map of ``incidents``."""
    ids = _drawn(incidents)["id"].tolist() if len(incidents) else []
    try:
        return ids.index(incident_id)
    except ValueError:
        return None


def incident_articles(incidents: gpd.GeoDataFrame,
                      titles: Mapping[str, str] | None = None) -> list[list[list[str]]]:
    """Per drawn incident, ``[[article id, title], ...]`` of its distinct articles."""
    titles = titles or {}
    out: list[list[list[str]]] = []
    if not len(incidents):
        return out
    for sources in _drawn(incidents)["sources"].tolist():
        seen: dict[str, str] = {}
        for s in sources if isinstance(sources, list | tuple) else ():
            if not isinstance(s, Mapping):
                continue
            aid = str(s.get("article_id") or s.get("article") or "")
            if aid and aid not in seen:
                seen[aid] = str(titles.get(aid) or s.get("title") or aid)
        out.append([[a, t] for a, t in seen.items()])
    return out


class OpenIncident(MacroElement):
    """Open the popup of drawn incident ``index`` when the map is ready."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  map.whenReady(function () {
    setTimeout(function () {
      if (window.OsintMap && OsintMap.focus) { OsintMap.focus("incidents", {{ this.index }}, map); }
    }, 300);
  });
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, index: int):
        super().__init__()
        self._name = "OpenIncident"
        self.index = int(index)


class ReaderLinks(MacroElement):
    """"Open in the reader" links under each incident popup (see the module docstring)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map, rows, table, packed) {
  /* a large map sends its rows and titles packed (geo/app/packing.py) */
  var ready = !packed ? Promise.resolve() : OsintMap.unpack(packed).then(function (d) {
    rows = d.rows; table = d.table;
  });
  function open(aid) {
    var top = window.parent || window;
    var url = new URL(top.location.href);
    url.searchParams.set("article", aid);
    url.searchParams.set("tab", "Article reader");
    top.history.pushState({}, "", url.pathname + url.search);
    top.dispatchEvent(new PopStateEvent("popstate", { state: {} }));
  }
  function addLinks(e) {
    var source = e.popup && e.popup._source;
    if (!source || !map.hasLayer(e.popup)) { return; }
    var st = map._osint && map._osint.layers && map._osint.layers.incidents;
    var icon = source.options.icon && source.options.icon.options;
    var isIncident = st ? st.items.indexOf(source) >= 0
                        : /incident-marker/.test((icon && icon.className) || "");
    if (!isIncident) { return; }
    var articles = (rows[source.options.osintIndex] || []).map(function (k) { return table[k]; });
    var box = e.popup.getElement() && e.popup.getElement().querySelector(".leaflet-popup-content");
    if (!box || !articles.length || box.querySelector(".reader-links")) { return; }
    var div = document.createElement("div");
    div.className = "reader-links";
    div.style.marginTop = "6px";
    articles.forEach(function (pair) {
      var a = document.createElement("a");
      a.href = "#";
      a.className = "open-reader";
      a.textContent = "Open in the reader: " + pair[1];
      a.setAttribute("dir", "auto");
      a.style.display = "block";
      a.addEventListener("click", function (ev) { ev.preventDefault(); open(pair[0]); });
      div.appendChild(a);
    });
    box.appendChild(div);  /* not popup.update(): that would render the content again */
    if (e.popup._updateLayout) { e.popup._updateLayout(); e.popup._updatePosition(); }
  }
  map.on("popupopen", function (e) {
    if (!packed) { addLinks(e); } else { ready.then(function () { addLinks(e); }); }
  });
})({{ this._parent.get_name() }}, {{ this.rows_json }}, {{ this.table_json }}, {{ this.packed_json }});
{% endmacro %}
""")

    def __init__(self, rows: list[list[list[str]]], *, pack: bool | None = None):
        """``rows``: per drawn incident, ``[[article id, title], ...]``
        (:func:`incident_articles`). Each distinct pair is sent once (an article backs
        many incidents: at 10,000 incidents the repeated titles were 5 MB as sent);
        the rows hold its number. ``pack``: send both packed (None: above
        :data:`PACK_ABOVE` rows)."""
        super().__init__()
        self._name = "ReaderLinks"
        index: dict[tuple[str, str], int] = {}
        refs = [[index.setdefault((aid, title), len(index)) for aid, title in row]
                for row in rows]
        table = [list(pair) for pair in index]
        if len(rows) > PACK_ABOVE if pack is None else pack:  # base64: nothing to escape
            self.rows_json, self.table_json = "[]", "[]"
            self.packed_json = json.dumps(pack_json({"rows": refs, "table": table}))
        else:
            self.rows_json = json.dumps(refs, separators=(",", ":"))
            self.table_json = _script_json(table)
            self.packed_json = "null"

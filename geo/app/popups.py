"""The HTML a click on a map feature shows: incidents, articles, bases, routes, places.

Article text is untrusted, and it reaches the page three ways: inside a JavaScript
template literal (folium's Popup), inside a Jinja template (branca) and as HTML. Every
value goes through :func:`_esc`, which makes all three inert; links are built only for
absolute http(s) URLs; each untrusted field sits in its own ``<bdi>`` so a bidi control
in it cannot reorder the text around it.

A popup is a list of HTML fragments (the ``*_parts`` functions); joined, they are the
popup (the ``*_popup_html`` functions). :mod:`geo.app.mapview` stores each distinct
fragment once per layer, so fragments that recur across features (a source, a place, a
type, a date) are made once here too (memoised).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache, wraps
from typing import Any
from urllib.parse import urlsplit

from gazetteer.model import GOVERNORATES

from .symbols import INCIDENT_STYLES

__all__ = [
    "EXCERPT_CHARS",
    "GEO_PRECISION",
    "LEAN_EVIDENCE_CHARS",
    "LEAN_SOURCES",
    "REVIEW_LABELS",
    "article_parts",
    "article_popup_html",
    "base_parts",
    "base_popup_html",
    "base_tooltip",
    "cell_value",
    "incident_parts",
    "incident_popup_html",
    "incident_tooltip",
    "is_approximate",
    "place_label",
    "place_parts",
    "place_popup_html",
    "route_parts",
    "route_popup_html",
    "route_tooltip",
]

GEO_PRECISION = {1: "the named place", 2: "near the place or its countryside", 3: "region only"}
LEAN_SOURCES = 2
LEAN_EVIDENCE_CHARS = 140
EXCERPT_CHARS = 320

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


def cell_value(value: Any) -> Any:
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
    if cell_value(value) is None:
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
        parts.append(_source_block(cell_value(src.get("title")) or cell_value(src.get("article")),
                                   cell_value(src.get("outlet")), cell_value(src.get("published")),
                                   cell_value(src.get("url"))))
        evidence = cell_value(src.get("evidence"))
        if evidence and not (lean and i):
            text = _cut(str(evidence), LEAN_EVIDENCE_CHARS) if lean else str(evidence)
            parts += [_RTL_OPEN, _esc(text), _DIV_CLOSE]
    if len(shown) < len(sources):
        parts.append(f'<div class="more">+{len(sources) - len(shown)} more sources</div>')
    return parts


@_memo(1 << 14)
def place_label(name_en: Any, name_ar: Any) -> str:
    """A place's English and Arabic names, escaped (also the places layer's tooltip)."""
    names = [_esc(name_en), f'<span dir="rtl">{_esc(name_ar)}</span>' if _esc(name_ar) else ""]
    return " · ".join(x for x in names if x) or "unknown place"


@_memo(1 << 12)
def _head_part(kind: Any) -> str:
    return f"<h4>{_esc(_type_label(kind))}</h4>"


#: What the popup says of a day the text does not give (``date_from``, see geo.model).
DATE_FROM_NOTES: dict[str, str] = {
    "publication": "the article's publication date: its text gives none for this",
    "review": "set by review",
}


@_memo(1 << 14)
def _date_part(date: Any, precision: Any, first: Any, last: Any, source: Any = None) -> str:
    said = "; ".join(x for x in (f"precision: {precision}" if precision else "",
                                 DATE_FROM_NOTES.get(str(source or ""), "") if date else "") if x)
    note = f' <span class="meta">({_esc(said)})</span>' if said else ""
    span = (f' <span class="meta">({_esc(first)} – {_esc(last)})</span>'
            if first and last and first != last else "")
    return f"<div><b>Date:</b> {_esc(date) or 'unknown'}{note}{span}</div>"


@_memo(1 << 14)
def _place_line(name_en: Any, name_ar: Any, geo: Any) -> str:
    geo_text = (f"geo precision {int(geo)}: {GEO_PRECISION.get(int(geo), '')}"
                if geo is not None else "geo precision unknown")
    return (f"<div><b>Place:</b> {place_label(name_en, name_ar)}"
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


#: What each review state says in a popup (``review`` of an incident row).
REVIEW_LABELS = {"machine": "machine (not reviewed)", "confirmed": "confirmed by an analyst",
                 "edited": "edited by an analyst", "rejected": "rejected by an analyst"}


@_memo(1 << 4)
def _review_head(state: str) -> str:
    label = REVIEW_LABELS.get(state, state)
    return (f'<div class="review review-{_esc(state)}"><b>Review:</b> '
            f'<span class="review-state">{_esc(label)}</span></div>')


def _change_value(value: Any) -> str:
    """A changed value as text: a place by its names, a date with its precision, a list
    joined; escaped (it may come from an article or from the analyst)."""
    value = cell_value(value)
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, Mapping):
        if "lat" in value or "place_id" in value:
            names = place_label(cell_value(value.get("name_en")), cell_value(value.get("name_ar")))
            return names if names != "unknown place" else _esc(value.get("place_id"))
        if "date" in value:
            date = _esc(value.get("date")) or "unknown"
            precision = _esc(value.get("precision"))
            return f"{date} ({precision})" if precision else date
        if "actors" in value:
            return _change_value(value.get("actors"))
        return ", ".join(f"{_esc(k)}: {_change_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_change_value(v) for v in value)
    if isinstance(value, str) and value in INCIDENT_STYLES:
        return _esc(_type_label(value))
    return _bdi(_esc(value))


def _review_parts(state: Any, changes: Any) -> list[str]:
    """'Review: edited by an analyst' and, for an edit, each change: field, old → new."""
    if not state:
        return []
    parts = [_review_head(str(state))]
    changes = [c for c in _items(changes) if isinstance(c, Mapping)]
    if changes:
        lines = "".join(
            f"<li>{_esc(str(cell_value(c.get('field')) or 'change').replace('_', ' '))}: "
            f"{_change_value(c.get('old'))} → {_change_value(c.get('new'))}"
            + (f' <span class="meta">({_bdi(_esc(c.get("note")))})</span>'
               if cell_value(c.get("note")) else "")
            + "</li>" for c in changes)
        parts.append(f'<ul class="review-changes">{lines}</ul>')
    return parts


_APPROX_NOTE = ('<div class="approx-note">Approximate location: the point stands for a wider '
                "area (dashed circle).</div>")


def incident_parts(row: Mapping, *, lean: bool = False,
                   approximate: bool | None = None) -> list[str]:
    """The fragments of :func:`incident_popup_html`; ``approximate`` (default: from the
    row, see :func:`is_approximate`) adds the note that the point stands for an area."""
    get = row.get
    geo = cell_value(get("geo_precision"))
    parts = [
        _head_part(cell_value(get("type"))),
        _date_part(cell_value(get("date")), cell_value(get("date_precision")),
                   cell_value(get("date_first")), cell_value(get("date_last")),
                   cell_value(get("date_from"))),
        _place_line(cell_value(get("place_name_en")), cell_value(get("place_name_ar")),
                    int(geo) if geo is not None else None),
    ]
    if is_approximate(row) if approximate is None else approximate:
        parts.append(_APPROX_NOTE)
    actors = _actors_part(tuple(str(a) for a in _items(get("actors"))))
    if actors:
        parts.append(actors)
    parts.append(_casualties_part(cell_value(get("fatalities")), cell_value(get("injuries"))))
    parts.extend(_review_parts(cell_value(get("review")), get("review_changes")))
    confidence = cell_value(get("confidence"))
    if confidence is not None:
        parts.append(_confidence_part(round(float(confidence), 2)))
    parts.extend(_source_parts(get("sources"), lean=lean))
    return parts


def incident_popup_html(row: Mapping, *, lean: bool = False) -> str:
    """Popup of one incident: type, date and precision, place and geo precision, actors,
    casualties, the review state (machine, confirmed, edited: what changed, old → new),
    then each source (title, outlet, date, link, Arabic evidence).

    Every value is escaped; links only for http(s) URLs. ``lean`` keeps the first
    sources and cuts the evidence (used for very large layers).

    >>> html_text = incident_popup_html({"type": "airstrike", "date": "2022-10-08",
    ...                                  "date_precision": "day"})
    >>> html_text.startswith("<h4>Air / drone strike</h4>")
    True
    """
    return "".join(incident_parts(row, lean=lean))


def article_parts(row: Mapping) -> list[str]:
    """The fragments of :func:`article_popup_html`."""
    get = row.get
    meta = " · ".join(_bdi(x) for x in (_esc_cached(cell_value(get("outlet"))),
                                        _esc_cached(cell_value(get("published")))) if x)
    url = _safe_url(cell_value(get("url")))
    link = (f' <a href="{url}" target="_blank" rel="noopener noreferrer">open article</a>'
            if url else "")
    parts = [f"<h4>{_bdi(_esc(cell_value(get('title')))) or 'Untitled'}</h4>",
             f'<div class="meta">{meta}{link}</div>']
    excerpt = cell_value(get("excerpt"))
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
    return "".join(article_parts(row))


def base_parts(row: Mapping) -> list[str]:
    """The fragments of :func:`base_popup_html`."""
    get = row.get
    place = place_label(cell_value(get("place_name_en")), cell_value(get("place_name_ar")))
    kind = _esc_cached(cell_value(get("kind")))
    operators = ", ".join(_esc_cached(o) for o in _items(get("operators"))) or "not stated"
    parts = [f"<h4>Base: {place}</h4>"]
    if kind:
        parts.append(f'<div class="meta">{kind.replace("_", " ")}</div>')
    parts.append(f"<div><b>Held by:</b> {operators}</div>")
    parts.extend(_source_parts(get("sources")))
    return parts


def base_popup_html(row: Mapping) -> str:
    """Popup of one base: place, kind, the forces holding it, sources with evidence."""
    return "".join(base_parts(row))


def route_parts(row: Mapping) -> list[str]:
    """The fragments of :func:`route_popup_html`."""
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
    return "".join(route_parts(row))


def place_parts(row: Mapping) -> list[str]:
    """The fragments of :func:`place_popup_html`."""
    get = row.get
    gov = cell_value(get("governorate"))
    gov_en, gov_ar = GOVERNORATES.get(gov, (gov, "")) if gov else ("", "")
    parts = [f"<h4>{place_label(cell_value(get('name_en')), cell_value(get('name_ar')))}</h4>"]
    meta = " · ".join(x for x in (_esc_cached(cell_value(get("kind"))),
                                  place_label(gov_en, gov_ar) if gov else "") if x)
    if meta:
        parts.append(f'<div class="meta">{meta}</div>')
    n = cell_value(get("n_mentions"))
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
    return "".join(place_parts(row))


def is_approximate(row: Mapping) -> bool:
    """Whether an incident row stands for an area rather than a point: flagged
    ``approximate``, or located at region level (geo precision 3)."""
    return bool(cell_value(row.get("approximate"))) or cell_value(row.get("geo_precision")) == 3


# --------------------------------------------------------------------------- tooltips
# One line shown on hover, so that markers hidden under others (or in a spiderfied fan)
# can be told apart before a click. Escaped like the popups: they come from articles.


@_memo(1 << 14)
def incident_tooltip(kind: Any, date: Any, name_en: Any, name_ar: Any) -> str:
    """'<b>Raid</b> · 2022-10-08 · Qamishli · القامشلي' (type, date, place), escaped.

    >>> incident_tooltip("raid", "2022-10-08", "<Q>", None)
    '<b>Raid</b> · 2022-10-08 · &lt;Q&gt;'
    """
    parts = [f"<b>{_esc(_type_label(kind))}</b>", _esc(date) or "date unknown",
             place_label(name_en, name_ar)]
    return " · ".join(parts)


def base_tooltip(row: Mapping) -> str:
    """'Base · Qamishli · القامشلي · US forces' (kind, place, holders), escaped."""
    get = row.get
    kind = _esc(cell_value(get("kind"))).replace("_", " ") or "base"
    operators = ", ".join(_esc(o) for o in _items(get("operators")))
    parts = [f"<b>{kind.capitalize()}</b>",
             place_label(cell_value(get("place_name_en")), cell_value(get("place_name_ar")))]
    if operators:
        parts.append(operators)
    return " · ".join(parts)


def route_tooltip(row: Mapping) -> str:
    """'Route: A ← B ← C' (waypoints in travel order, read right to left), escaped."""
    waypoints = " ← ".join(_esc(w) for w in _items(row.get("waypoints")))
    return f'<b>Route</b> <span dir="rtl">{waypoints}</span>' if waypoints else "<b>Route</b>"

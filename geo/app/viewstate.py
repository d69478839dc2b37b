"""The dashboard's view state, as plain data that round-trips through URL query params.

Pure functions (no Streamlit), so that a filtered view can be shared as a link and
the parsing of untrusted parameters is unit-tested. A malformed or unknown value is
ignored (the default is kept); nothing here raises on bad input.

Online tiles are never part of a link: turning them on tells a tile server which area
is being looked at, so only the analyst's own toggle in the session may do it. A
``tiles`` parameter is neither written nor read (the dashboard removes one it finds).

>>> state = ViewState(types=("raid",), min_confidence=0.5)
>>> params_from_state(state)
{'types': 'raid', 'conf': '0.50'}
>>> state_from_params({"types": "raid", "conf": "0.5"}).types
('raid',)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import unquote

from ..layers import parse_date_bound

__all__ = ["LAYER_TOGGLES", "PARAM_KEYS", "Choices", "ViewState", "params_from_state",
           "same_view", "state_from_params", "view_from_map"]

#: Layers the analyst can switch on and off (incidents are always drawn).
LAYER_TOGGLES: tuple[str, ...] = ("bases", "routes", "places", "articles")
#: The query parameters this module owns (others are left alone). ``tiles`` is owned
#: but never written: the dashboard removes it from a link it is opened with.
PARAM_KEYS: tuple[str, ...] = ("from", "to", "types", "actors", "outlets", "articles", "conf",
                               "layers", "tiles", "undated", "z", "lat", "lon", "at")
MAX_PARAM_CHARS = 4000
MIN_ZOOM, MAX_ZOOM = 4, 16


@dataclass(frozen=True, slots=True)
class ViewState:
    """What the analyst has chosen: the filter of :func:`geo.layers.filter_layers`, the
    layers drawn, the tiles, where the map looks (``focus``: lat, lon, zoom; None fits
    the data) and whether undated incidents stay in view while a date range is set
    (``undated``: :func:`geo.app.timefilter.with_undated`)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    min_confidence: float = 0.0
    layers: tuple[str, ...] = ("bases", "routes", "places")
    online_tiles: bool = False
    focus: tuple[float, float, int] | None = None
    undated: bool = False

    def filter_kwargs(self, outlet_articles: Mapping[str, Iterable[str]] | None = None
                      ) -> dict:
        """Keyword arguments for :func:`geo.layers.filter_layers`.

        Outlets are not a filter of their own: they stand for their articles
        (``outlet_articles``: outlet -> article ids), intersected with the chosen
        articles, so the same view is ``python -m geo build --article ...``.
        """
        articles: list[str] | None = list(self.articles) or None
        if self.outlets:
            outlet_articles = outlet_articles or {}
            chosen = {a for o in self.outlets for a in outlet_articles.get(o, ())}
            if articles is not None:
                chosen &= set(articles)
            articles = sorted(chosen)
        return {
            "date_from": self.date_from, "date_to": self.date_to,
            "types": list(self.types) or None, "actors": list(self.actors) or None,
            "articles": articles, "min_confidence": self.min_confidence,
        }


@dataclass(frozen=True, slots=True)
class Choices:
    """What the data offers: values outside these are dropped from a link.

    ``None`` accepts anything (for tests and tools without the data at hand).
    """

    span: tuple[dt.date, dt.date] | None = None
    types: frozenset[str] | None = None
    actors: frozenset[str] | None = None
    outlets: frozenset[str] | None = None
    articles: frozenset[str] | None = None


# --- reading --------------------------------------------------------------------------


def _first(params: Mapping, key: str) -> str | None:
    """The (last) value of ``key`` as text, or None; lists come from repeated params."""
    try:
        value = params.get(key)
    except Exception:  # noqa: BLE001 - a strange mapping must not break the page
        return None
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if value is None:
        return None
    return str(value)[:MAX_PARAM_CHARS]


def _all(params: Mapping, key: str) -> list[str] | None:
    """Every value of ``key``: repeated params and comma-separated lists both work."""
    try:
        value = params.get(key)
    except Exception:  # noqa: BLE001
        return None
    if value is None:
        return None
    values = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for v in values:
        for part in str(v)[:MAX_PARAM_CHARS].split(","):
            part = unquote(part).strip()
            if part and part not in out:
                out.append(part)
    return out


def _date(text: str | None, *, end: bool = False) -> dt.date | None:
    """'2022', '2022-10' or '2022-10-08' -> a day (the last one of the period if ``end``);
    None for anything else (a link is untrusted input)."""
    if not text or (text.strip().isdigit() and len(text.strip()) != 4):
        return None
    try:
        return parse_date_bound(text, end=end)
    except ValueError:
        return None


def _names(params: Mapping, key: str, allowed: frozenset[str] | None) -> tuple[str, ...]:
    values = _all(params, key) or []
    return tuple(v for v in values if allowed is None or v in allowed)


def _confidence(text: str | None, default: float) -> float:
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        return default
    return round(value, 2)


def _focus(text: str | None) -> tuple[float, float, int] | None:
    """'lat,lon,zoom' (in range) -> a tuple, else None."""
    if not text:
        return None
    parts = text.split(",")
    if len(parts) != 3:
        return None
    try:
        lat, lon, zoom = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 85 or abs(lon) > 180:
        return None
    return round(lat, 5), round(lon, 5), min(max(zoom, MIN_ZOOM), MAX_ZOOM)


def _view(params: Mapping) -> tuple[float, float, int] | None:
    """``z``, ``lat`` and ``lon`` (all three, in range) -> (lat, lon, zoom); else the older
    one-parameter form ``at=lat,lon,zoom``; else None."""
    z, lat, lon = _first(params, "z"), _first(params, "lat"), _first(params, "lon")
    if z is not None and lat is not None and lon is not None:
        try:
            zoom = int(float(z))
        except (ValueError, OverflowError):
            zoom = None
        found = _focus(f"{lat},{lon},{zoom}") if zoom is not None else None
        if found:
            return found
    return _focus(_first(params, "at"))


def _flag(text: str | None, default: bool) -> bool:
    if text is None:
        return default
    return {"1": True, "true": True, "yes": True, "0": False, "false": False,
            "no": False}.get(text.strip().lower(), default)


def _clamp(day: dt.date | None, span: tuple[dt.date, dt.date] | None) -> dt.date | None:
    if day is None or span is None:
        return day
    return min(max(day, span[0]), span[1])


def state_from_params(params: Mapping, defaults: ViewState | None = None, *,
                      choices: Choices | None = None) -> ViewState:
    """A ViewState from URL query params; what is malformed or unknown keeps its default.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` (or any mapping of str -> str or list of str).
    defaults : ViewState, optional
        The view when a parameter is missing or bad (default: ``ViewState()``).
    choices : Choices, optional
        The values the data offers; others are dropped and dates are clamped to
        ``span`` (a bound on the edge of the span is no bound).
    """
    defaults = defaults or ViewState()
    choices = choices or Choices()
    date_from = _clamp(_date(_first(params, "from")), choices.span) or defaults.date_from
    date_to = _clamp(_date(_first(params, "to"), end=True), choices.span) or defaults.date_to
    if choices.span is not None:
        date_from = None if date_from == choices.span[0] else date_from
        date_to = None if date_to == choices.span[1] else date_to
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    layers = _all(params, "layers")
    return replace(
        defaults,
        date_from=date_from, date_to=date_to,
        types=_names(params, "types", choices.types) or defaults.types,
        actors=_names(params, "actors", choices.actors) or defaults.actors,
        outlets=_names(params, "outlets", choices.outlets) or defaults.outlets,
        articles=_names(params, "articles", choices.articles) or defaults.articles,
        min_confidence=_confidence(_first(params, "conf"), defaults.min_confidence),
        layers=(tuple(t for t in LAYER_TOGGLES if t in layers) if layers is not None
                else defaults.layers),
        online_tiles=defaults.online_tiles,  # never from a link: see the module's docstring
        focus=_view(params) or defaults.focus,
        undated=_flag(_first(params, "undated"), defaults.undated),
    )


# --- writing --------------------------------------------------------------------------


def _join(values: Iterable[str]) -> str:
    """Comma-separated, with '%' and ',' inside a value percent-encoded."""
    return ",".join(v.replace("%", "%25").replace(",", "%2C") for v in values)


def params_from_state(state: ViewState, defaults: ViewState | None = None) -> dict[str, str]:
    """Query params for ``state``: only what differs from ``defaults``, so links stay short.
    Online tiles are left out: a link never turns them on."""
    defaults = defaults or ViewState()
    out: dict[str, str] = {}
    if state.date_from and state.date_from != defaults.date_from:
        out["from"] = state.date_from.isoformat()
    if state.date_to and state.date_to != defaults.date_to:
        out["to"] = state.date_to.isoformat()
    for key in ("types", "actors", "outlets", "articles"):
        values = getattr(state, key)
        if values and values != getattr(defaults, key):
            out[key] = _join(values)
    if state.min_confidence != defaults.min_confidence:
        out["conf"] = f"{state.min_confidence:.2f}"
    if tuple(state.layers) != tuple(defaults.layers):
        out["layers"] = _join(state.layers) or "none"
    if state.undated != defaults.undated:
        out["undated"] = "1" if state.undated else "0"
    if state.focus and state.focus != defaults.focus:
        lat, lon, zoom = state.focus
        out.update(z=str(int(zoom)), lat=f"{lat:.5f}", lon=f"{lon:.5f}")
    return out


def same_view(a: tuple[float, float, int] | None, b: tuple[float, float, int] | None, *,
              pixels: float = 2.0) -> bool:
    """Whether two map views are the same place and zoom: centres closer than ``pixels``
    screen pixels at that zoom are the same (Leaflet rounds a centre it is given to
    whole pixels and reports it back so; that must not make a history entry).

    >>> same_view((36.5, 40.7, 10), (36.50001, 40.70002, 10))
    True
    >>> same_view((36.5, 40.7, 10), (36.5, 40.7, 11)) or same_view(None, (36.5, 40.7, 9))
    False
    """
    if a is None or b is None:
        return a is b
    tolerance = pixels * 360.0 / (256 * 2 ** int(a[2]))
    return (int(a[2]) == int(b[2]) and abs(a[0] - b[0]) <= tolerance
            and abs(a[1] - b[1]) <= tolerance)


def view_from_map(returned: Mapping | None) -> tuple[float, float, int] | None:
    """(lat, lon, zoom) from what ``st_folium(returned_objects=["center", "zoom"])``
    returns, rounded and range-checked; None when it holds no usable view."""
    if not isinstance(returned, Mapping):
        return None
    center, zoom = returned.get("center"), returned.get("zoom")
    if not isinstance(center, Mapping) or zoom is None:
        return None
    try:
        zoom = int(round(float(zoom)))
    except (TypeError, ValueError, OverflowError):
        return None
    return _focus(f"{center.get('lat')},{center.get('lng')},{zoom}")

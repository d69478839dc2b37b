"""The dashboard's view state, as plain data that round-trips through URL query params.

Pure functions (no Streamlit) so a filtered view can be shared as a link and the
parsing of untrusted parameters is unit-tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

LAYER_TOGGLES = ("bases", "routes", "places", "articles")


@dataclass(frozen=True, slots=True)
class ViewState:
    """What the analyst has chosen: the filter of :func:`geo.layers.filter_layers` plus toggles."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    min_confidence: float = 0.0
    layers: tuple[str, ...] = ("bases", "routes", "places")
    online_tiles: bool = False
    extra: dict = field(default_factory=dict)

    def filter_kwargs(self) -> dict:
        """Keyword arguments for :func:`geo.layers.filter_layers`."""
        return {
            "date_from": self.date_from, "date_to": self.date_to,
            "types": list(self.types) or None, "actors": list(self.actors) or None,
            "articles": list(self.articles) or None, "min_confidence": self.min_confidence,
        }


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def _list(text: str | None, allowed: set[str] | None) -> tuple[str, ...]:
    if not text:
        return ()
    items = [t.strip() for t in str(text).split(",") if t.strip()]
    return tuple(t for t in items if allowed is None or t in allowed)


def _first(params: Mapping, key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value)[:2000]


def state_from_params(params: Mapping, *, span: tuple[dt.date, dt.date] | None = None,
                      types: set[str] | None = None, actors: set[str] | None = None,
                      articles: set[str] | None = None) -> ViewState:
    """A ViewState from query params; malformed or unknown values are ignored, never raised."""
    state = ViewState()
    date_from, date_to = _date(_first(params, "from")), _date(_first(params, "to"))
    if span is not None:
        lo, hi = span
        date_from = min(max(date_from, lo), hi) if date_from else None
        date_to = min(max(date_to, lo), hi) if date_to else None
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    try:
        conf = float(_first(params, "conf") or 0.0)
        conf = conf if 0.0 <= conf <= 1.0 else 0.0
    except ValueError:
        conf = 0.0
    layers = _first(params, "layers")
    return replace(
        state, date_from=date_from, date_to=date_to, types=_list(_first(params, "types"), types),
        actors=_list(_first(params, "actors"), actors),
        articles=_list(_first(params, "articles"), articles), min_confidence=conf,
        layers=_list(layers, set(LAYER_TOGGLES)) if layers is not None else state.layers,
        online_tiles=_first(params, "tiles") == "online",
    )


def params_from_state(state: ViewState) -> dict[str, str]:
    """Query params for a ViewState (only what differs from the default view)."""
    out: dict[str, str] = {}
    if state.date_from:
        out["from"] = state.date_from.isoformat()
    if state.date_to:
        out["to"] = state.date_to.isoformat()
    for key, values in (("types", state.types), ("actors", state.actors),
                        ("articles", state.articles)):
        if values:
            out[key] = ",".join(values)
    if state.min_confidence:
        out["conf"] = f"{state.min_confidence:.2f}"
    if state.layers != ViewState().layers:
        out["layers"] = ",".join(state.layers)
    if state.online_tiles:
        out["tiles"] = "online"
    return out

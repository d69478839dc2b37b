"""The dashboard's time controls: presets, undated incidents, a range that follows the data.

Why a module of its own: the slider, the date inputs and the presets all write one
range, and three rules about it are easy to get wrong in widget code:

* a preset ("last 30 days") counts back from the newest date *in the data*, not from
  today: a corpus of 2022 news has nothing in the last 30 days of the calendar;
* :func:`geo.layers.filter_layers` hides undated incidents as soon as a date bound is
  set (the CLI's rule); the dashboard says how many that hides, and can keep them
  (:func:`with_undated`), so they never vanish silently;
* after an upload the data's span grows: a range that reached the old edge follows
  it to the new one (:func:`follow_span`), so a new article's incidents show at once
  without touching the slider.

Pure functions, no Streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..layers import Layers, filter_layers

__all__ = ["PRESETS", "follow_span", "preset_range", "undated_count", "with_undated"]

Span = tuple[dt.date, dt.date]

#: Preset label -> days counted back from the newest date in the data (None: all). The
#: labels are short so the four fit on one row of the sidebar (the buttons say "last").
PRESETS: dict[str, int | None] = {"7 days": 7, "30 days": 30, "1 year": 365, "All": None}


def preset_range(span: Span, days: int | None) -> Span:
    """The last ``days`` days of ``span`` (inclusive), never starting before it.

    >>> preset_range((dt.date(2022, 1, 1), dt.date(2022, 10, 31)), 7)
    (datetime.date(2022, 10, 25), datetime.date(2022, 10, 31))
    >>> preset_range((dt.date(2022, 10, 30), dt.date(2022, 10, 31)), 30)[0]
    datetime.date(2022, 10, 30)
    """
    lo, hi = span
    if days is None:
        return lo, hi
    return max(lo, hi - dt.timedelta(days=days - 1)), hi


def follow_span(chosen: Span | None, old: Span | None, new: Span) -> Span:
    """The chosen range once the data's span changes from ``old`` to ``new``.

    An edge that sat on the old span's edge moves to the new one (the analyst had
    not narrowed that side); the range is then clamped into ``new``. With no old span
    or no choice, the whole new span.

    >>> old, new = (dt.date(2022, 1, 1), dt.date(2022, 6, 30)), (dt.date(2022, 1, 1), dt.date(2022, 10, 7))
    >>> follow_span(old, old, new)
    (datetime.date(2022, 1, 1), datetime.date(2022, 10, 7))
    >>> follow_span((dt.date(2022, 3, 1), dt.date(2022, 4, 1)), old, new)
    (datetime.date(2022, 3, 1), datetime.date(2022, 4, 1))
    """
    if chosen is None or old is None:
        return new
    lo, hi = chosen
    if lo <= old[0]:
        lo = new[0]
    if hi >= old[1]:
        hi = new[1]
    lo, hi = min(max(lo, new[0]), new[1]), min(max(hi, new[0]), new[1])
    return (lo, hi) if lo <= hi else new


def _undated(incidents: pd.DataFrame) -> pd.Series:
    if incidents.empty or "date_first" not in incidents:
        return pd.Series(False, index=incidents.index)
    first = incidents["date_first"]
    return first.isna() | (first.astype(str).str.strip().isin(["", "None", "nan"]))


def undated_count(layers: Layers) -> int:
    """How many incidents in ``layers`` have no known date."""
    return int(_undated(layers.incidents).sum())


def with_undated(layers: Layers, view: Layers, kwargs: dict) -> Layers:
    """``view`` (``filter_layers(layers, **kwargs)``) plus the undated incidents that
    pass every other part of the filter, in the layer's own order.

    Only incidents change: undated routes already always show, and bases and places
    have no date. Without a date bound nothing was hidden and ``view`` is returned.
    """
    if kwargs.get("date_from") is None and kwargs.get("date_to") is None:
        return view
    undated_rules = {**kwargs, "date_from": None, "date_to": None}
    others = filter_layers(layers, **undated_rules).incidents
    extra = others[_undated(others)]
    if extra.empty:
        return view
    keep = layers.incidents["id"].isin(set(view.incidents["id"]) | set(extra["id"]))
    return Layers(incidents=layers.incidents[keep], bases=view.bases, routes=view.routes,
                  places=view.places, articles=view.articles,
                  unlocated=list(view.unlocated), dropped_routes=list(view.dropped_routes))

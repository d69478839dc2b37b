"""The Timeline tab's chart, and the date range an analyst brushes on it.

Why a module of its own: the chart is also an input. Dragging across it (a Vega-Lite
interval selection on the month axis, which ``st.altair_chart(on_select="rerun")``
hands back) sets the dashboard's date filter, and two things about that are easy to get
wrong in widget code:

* what the browser sends back is not a date: Vega-Lite gives the brushed interval as
  epoch milliseconds, ISO text or ``{year, month, date}`` parts depending on version
  and time unit; :func:`brushed_range` reads each and rejects anything else (it is
  input from the page);
* the chart shows months, so a brush that starts or ends inside a month's bar means
  that whole month: the range snaps outwards to month edges, then into the data's span.

Pure functions, no Streamlit (:mod:`altair` builds the spec; Streamlit draws it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

__all__ = ["BRUSH", "brushed_range", "timeline_chart"]

#: The name of the interval selection (the key of the brushed range in the chart event).
BRUSH = "brush"
_MAX_MS = 253_402_300_799_000  # 9999-12-31T23:59:59Z


def timeline_chart(per_month: pd.DataFrame, colours: Sequence[str], *,
                   height: int = 260) -> alt.Chart:
    """Stacked bars of incidents per month and type (``per_month`` as
    :func:`geo.app.dashboard_data.timeline` makes it, one colour per column), with an
    interval brush on the month axis.

    >>> frame = pd.DataFrame({"Raid": [1, 0]}, index=pd.Index(["2022-09", "2022-10"], name="month"))
    >>> spec = timeline_chart(frame, ["#c0392b"]).to_dict()
    >>> spec["params"][0]["name"], spec["params"][0]["select"]["encodings"]
    ('brush', ['x'])
    """
    long = (per_month.rename_axis("month").reset_index()
            .melt(id_vars="month", var_name="type", value_name="incidents"))
    # UTC throughout, so the brushed milliseconds name the same month in any time zone
    long["month"] = pd.to_datetime(long["month"], format="%Y-%m", utc=True)
    types = [str(c) for c in per_month.columns]
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("utcyearmonth(month):T", title="month (drag across to filter by dates)"),
            y=alt.Y("sum(incidents):Q", title="incidents"),
            color=alt.Color("type:N", title=None, legend=alt.Legend(orient="bottom"),
                            scale=alt.Scale(domain=types, range=list(colours))),
            tooltip=[alt.Tooltip("utcyearmonth(month):T", title="month"),
                     alt.Tooltip("type:N"), alt.Tooltip("sum(incidents):Q", title="incidents")])
        .add_params(brush)
        .properties(height=height)
    )


def _as_date(value: Any) -> dt.date | None:
    """One end of a brushed interval as a date, or None for anything unexpected."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > _MAX_MS:
            return None
        return (dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=value)).date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if isinstance(value, Mapping) and "year" in value:
        try:
            return dt.date(int(value["year"]), int(value.get("month", 1)),
                           int(value.get("date", 1)))
        except (TypeError, ValueError):
            return None
    return None


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def brushed_range(selection: Any, span: tuple[dt.date, dt.date] | None
                  ) -> tuple[dt.date, dt.date] | None:
    """The date range an interval brush on :func:`timeline_chart` stands for.

    ``selection`` is the chart event's ``selection`` (a mapping of selection name to
    ``{field: [start, end]}``). The range runs from the first day of the month where the
    brush starts to the last day of the month where it ends, clamped into ``span``;
    None when there is no brush, it cannot be read, or it misses the span.

    >>> span = (dt.date(2022, 1, 5), dt.date(2022, 10, 8))
    >>> brushed_range({"brush": {"utcyearmonth_month": [1656633600000, 1661990400000]}}, span)
    (datetime.date(2022, 7, 1), datetime.date(2022, 9, 30))
    >>> brushed_range({"brush": {"month": ["2021-11-20", "2022-02-02"]}}, span)
    (datetime.date(2022, 1, 5), datetime.date(2022, 2, 28))
    >>> brushed_range({"brush": {}}, span) is None
    True
    """
    if not isinstance(selection, Mapping) or span is None:
        return None
    fields = selection.get(BRUSH)
    if not isinstance(fields, Mapping):
        return None
    for interval in fields.values():
        if not isinstance(interval, Sequence) or isinstance(interval, str) or len(interval) < 2:
            continue
        ends = [_as_date(v) for v in interval]
        if any(e is None for e in ends):
            continue
        lo, hi = min(ends).replace(day=1), _month_end(max(ends))
        lo, hi = max(lo, span[0]), min(hi, span[1])
        return (lo, hi) if lo <= hi else None
    return None

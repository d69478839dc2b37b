"""The Timeline chart and the range brushed on it (geo.app.timechart)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.app.dashboard_data import label_colours, timeline
from geo.app.timechart import BRUSH, brushed_range, timeline_chart

SPAN = (dt.date(2019, 1, 1), dt.date(2022, 10, 8))
JUL_2022_MS = 1_656_633_600_000  # 2022-07-01T00:00Z


@pytest.mark.parametrize(("interval", "want"), [
    # epoch milliseconds (Vega-Lite's temporal selections), inside months: whole months
    ([JUL_2022_MS + 9 * 86_400_000, JUL_2022_MS + 40 * 86_400_000],
     (dt.date(2022, 7, 1), dt.date(2022, 8, 31))),
    # reversed ends, ISO text, {year, month, date} parts
    (["2021-03-15", "2020-11-02T00:00:00.000Z"], (dt.date(2020, 11, 1), dt.date(2021, 3, 31))),
    ([{"year": 2020, "month": 2, "date": 10}, {"year": 2020, "month": 2}],
     (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
    # clamped into the data's span at both ends
    (["2018-06-01", "2030-01-01"], SPAN),
])
def test_a_brush_is_whole_months_within_the_span(interval, want):
    assert brushed_range({BRUSH: {"utcyearmonth_month": interval}}, SPAN) == want


@pytest.mark.parametrize("selection", [
    None, {}, {BRUSH: {}}, {BRUSH: {"month": []}}, {"other": {"month": [0, 1]}},
    {BRUSH: {"month": ["soon", "later"]}}, {BRUSH: {"month": [float("nan"), 1.0]}},
    {BRUSH: {"month": [True, False]}}, {BRUSH: {"month": [1e300, 1e301]}},
    {BRUSH: {"month": ["2030-01-01", "2031-01-01"]}},  # after the data
    {BRUSH: "2022-01-01"},
])
def test_no_brush_or_a_strange_one_sets_nothing(selection):
    assert brushed_range(selection, SPAN) is None


def test_the_chart_brushes_months_in_the_maps_colours(seeds_layers):
    per_month, _ = timeline(seeds_layers)
    spec = timeline_chart(per_month, label_colours(per_month.columns)).to_dict()
    (param,) = spec["params"]
    assert param["name"] == BRUSH and param["select"] == {"type": "interval",
                                                          "encodings": ["x"]}
    assert spec["encoding"]["x"]["timeUnit"] == "utcyearmonth"
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == list(per_month.columns)
    assert scale["range"] == label_colours(per_month.columns)


@pytest.fixture(scope="module")
def seeds_layers():
    from geo.app.dashboard_data import run_folders
    from tests.browser.paths import SEEDS

    return run_folders([SEEDS]).layers

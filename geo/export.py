"""Writing layers to disk: GeoJSON (RFC 7946), GeoPackage and CSV, atomically.

GeoJSON is written here with :mod:`json` rather than through GDAL, because GDAL
flattens list-valued properties (the sources, the actors) and writes a ``crs``
member; ours keeps lists as JSON lists, rounds coordinates to 6 decimals
(~0.1 m), never writes NaN, and gives the same bytes for the same layer.
A geometry with a NaN, infinite or out-of-range coordinate is written as null in
every format, its feature kept with a ``geometry_note`` saying why;
:func:`validate_feature_collection` checks a document against RFC 7946.
Every writer goes through a temporary file and :func:`os.replace`, so an
interrupted run leaves the previous file or none, never half of one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from .layers import COLUMNS, EXPORT_LAYERS, GEOMETRY_TYPES
from .names import has_surrogates, visible, visible_deep
from .stored import as_objects

__all__ = ["GEOMETRY_NOTE", "atomic_write", "json_value", "spreadsheet_safe", "to_geojson_bytes",
           "validate_feature_collection", "write_csv", "write_geojson", "write_gpkg",
           "write_json"]

COORD_DECIMALS = 6
#: The property that says why a feature's geometry was written as null.
GEOMETRY_NOTE = "geometry_note"
NOTE_WKT_CHARS = 120
#: Rows of a layer flattened and written to the GeoPackage at a time.
GPKG_CHUNK = 5000
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, indent=2)  # write_json's
_LONG = 256  # items of a list write_json writes one at a time


# --- GeoJSON --------------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A property value as plain JSON (lists, ISO dates, NaN -> null, a >64-bit int as text for GDAL)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value) if -(2**63) <= value < 2**63 else str(int(value))
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, list | tuple | np.ndarray | pd.Series):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, bytes):  # a list kept on disk
        return [json_value(v) for v in value]
    if isinstance(value, BaseGeometry):
        return value.wkt
    if hasattr(value, "as_dict"):
        return json_value(value.as_dict())
    return str(value)


def _round(coords: Any) -> Any:
    if isinstance(coords, int | float | np.floating | np.integer):
        return round(float(coords), COORD_DECIMALS)
    return [_round(c) for c in coords]


def _ring_area2(ring: list) -> float:
    """Twice the signed area of a closed ring (> 0: counter-clockwise)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in pairwise(ring))


def _wound(rings: list) -> list:
    """Exterior counter-clockwise, holes clockwise, judged after rounding (a tiny ring
    could otherwise flip when its coordinates are rounded)."""
    out = []
    for i, ring in enumerate(rings):
        area2 = _ring_area2(ring)
        wrong = area2 < 0 if i == 0 else area2 > 0
        out.append(ring[::-1] if wrong else ring)
    return out


def _geometry(geom: BaseGeometry | None) -> dict | None:
    """RFC 7946 geometry: lon/lat, 6 decimals, polygons counter-clockwise outside.

    Expects a geometry that :func:`_writable` has passed (finite, in range).
    """
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "GeometryCollection":
        members = [g for g in (_geometry(g) for g in geom.geoms) if g is not None]
        return {"type": "GeometryCollection", "geometries": members} if members else None
    gj = mapping(geom)
    coords = _round(gj["coordinates"])
    if gj["type"] == "Polygon":
        coords = _wound(coords)
    elif gj["type"] == "MultiPolygon":
        coords = [_wound(p) for p in coords]
    return {"type": gj["type"], "coordinates": coords}


def _to_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        return gdf.to_crs(4326)
    return gdf


# --- coordinates that cannot be written -----------------------------------------------


def _bad_coordinates(geoms: np.ndarray) -> list[str | None]:
    """Per geometry, why its lon/lat cannot be written (None when it can)."""
    xy, index = shapely.get_coordinates(geoms, return_index=True)
    nonfinite = ~np.isfinite(xy).all(axis=1)
    outside = ~nonfinite & ((np.abs(xy[:, 0]) > 180) | (np.abs(xy[:, 1]) > 90))
    n = len(geoms)
    has_nonfinite = np.bincount(index[nonfinite], minlength=n) > 0
    has_outside = np.bincount(index[outside], minlength=n) > 0
    return ["a coordinate is NaN or infinite" if bad else
            "outside lon -180..180 / lat -90..90" if out else None
            for bad, out in zip(has_nonfinite, has_outside, strict=True)]


def _without_bad_z(geom: BaseGeometry) -> BaseGeometry:
    """A NaN or infinite altitude is dropped (the geometry becomes 2D), not the place."""
    if shapely.has_z(geom) and not np.isfinite(shapely.get_coordinates(geom, include_z=True)
                                              [:, 2]).all():
        return shapely.force_2d(geom)
    return geom


def _writable(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``gdf`` in WGS84 with no coordinate that a file must not hold.

    A geometry with a NaN, infinite or out-of-range lon/lat becomes null and its
    feature is kept, with :data:`GEOMETRY_NOTE` saying why and what the geometry
    was (the row's other facts still matter, and QGIS or a map would otherwise put
    it at a false spot or refuse the file). Empty geometries become null too.
    """
    gdf = _to_wgs84(gdf)
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    reasons = _bad_coordinates(geoms)
    empty = shapely.is_empty(geoms)
    has_z = shapely.has_z(geoms)
    if not (any(reasons) or empty.any() or has_z.any()):
        return gdf
    fixed = [None if reason or is_empty else _without_bad_z(g) if z else g
             for g, reason, is_empty, z in zip(geoms, reasons, empty, has_z, strict=True)]
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(fixed, index=gdf.index, crs=gdf.crs)
    if any(reasons):
        old = out[GEOMETRY_NOTE] if GEOMETRY_NOTE in out.columns else [None] * len(out)
        out[GEOMETRY_NOTE] = [_note(prev, reason, g)
                              for prev, reason, g in zip(old, reasons, geoms, strict=True)]
    return out


def _note(previous: Any, reason: str | None, geom: BaseGeometry) -> Any:
    if not reason:
        return previous
    note = f"geometry not written: {reason} ({geom.wkt[:NOTE_WKT_CHARS]})"
    return f"{previous}; {note}" if isinstance(previous, str) and previous else note


def to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """An RFC 7946 FeatureCollection of ``gdf`` as UTF-8 bytes.

    Properties come in column order; list-valued properties stay lists; None and
    NaN become null; no ``crs`` member (RFC 7946 is WGS84 by definition, and a
    layer in another CRS is reprojected). A geometry with NaN, infinite or
    out-of-range coordinates is written as null and noted in
    :data:`GEOMETRY_NOTE`; the feature stays. An empty layer is
    ``{"type":"FeatureCollection","features":[]}``, which GDAL reads as 0 features.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame({"name": ["القامشلي"]}, geometry=[Point(41.2314, 37.0521)],
    ...                      crs=4326)
    >>> to_geojson_bytes(g).decode()[:40]
    '{"type":"FeatureCollection","features":['
    """
    out = bytearray(_HEAD)
    for i, feature in enumerate(_features(gdf)):
        out += b"," + feature if i else feature
    out += _TAIL
    return bytes(out)


#: A FeatureCollection's bytes around its features (``json.dumps`` of the whole document
#: with ``separators=(",", ":")`` is these, the features joined by ``,``, and the tail).
_HEAD, _TAIL = b'{"type":"FeatureCollection","features":[', b"]}"


def _features(gdf: gpd.GeoDataFrame) -> Iterator[bytes]:
    """Each feature of ``gdf`` as compact JSON, one at a time: a layer of 100,000 features
    is never all dicts, nor one string, at once (issue 14)."""
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"expected a GeoDataFrame, not {type(gdf).__name__}")
    gdf = _writable(gdf)
    geom_name = gdf.geometry.name
    columns = [c for c in gdf.columns if c != geom_name]
    for geom, *values in zip(gdf.geometry, *(gdf[c] for c in columns), strict=True):
        yield _utf8({
            "type": "Feature",
            "properties": {str(c): json_value(v) for c, v in zip(columns, values, strict=True)},
            "geometry": _geometry(geom),
        }, separators=(",", ":"))


# --- checking a FeatureCollection -----------------------------------------------------

_COORDINATE_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                     "MultiPolygon")


def validate_feature_collection(obj: Any) -> list[str]:
    """What keeps ``obj`` from being an RFC 7946 FeatureCollection; ``[]`` when it is one.

    ``obj`` is the parsed JSON, or its text or bytes. Checked: the member types, no
    ``crs``, every feature's ``geometry`` and ``properties`` (object or null), geometry
    nesting (a LineString has two positions or more; a polygon ring is closed, has
    four positions or more, and winds counter-clockwise outside, clockwise inside),
    lon in -180..180 and lat in -90..90, ``bbox`` and ``id`` where present, and that
    no number anywhere is NaN or infinite. Each problem names where it is, as in
    ``features[3].geometry.coordinates[1]``.

    Examples
    --------
    >>> validate_feature_collection({"type": "FeatureCollection", "features": []})
    []
    >>> validate_feature_collection({"type": "FeatureCollection", "features": [
    ...     {"type": "Feature", "properties": {}, "geometry":
    ...      {"type": "Point", "coordinates": [37.05, 41.23, 1, 2]}}]})
    ['features[0].geometry.coordinates: a position has 2 or 3 numbers, not 4']
    """
    if isinstance(obj, bytes | str):
        try:
            obj = json.loads(obj)
        except ValueError as exc:
            return [f"not JSON: {exc}"]
    if not isinstance(obj, Mapping):
        return [f"top level: expected an object, not {type(obj).__name__}"]
    problems = _nonfinite_numbers(obj, "")
    if obj.get("type") != "FeatureCollection":
        problems.append(f"type: expected 'FeatureCollection', not {obj.get('type')!r}")
    if "crs" in obj:
        problems.append("crs: RFC 7946 has no 'crs' member (coordinates are WGS84)")
    problems += _bbox_problems(obj, "")
    features = obj.get("features")
    if not isinstance(features, list):
        return [*problems, "features: expected an array"]
    for i, feature in enumerate(features):
        problems += _feature_problems(feature, f"features[{i}]")
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _nonfinite_numbers(value: Any, where: str) -> list[str]:
    """Every NaN or infinite number anywhere (JSON has none; Python's json writes them)."""
    if isinstance(value, float):
        return [] if math.isfinite(value) else [f"{where or 'value'}: {value} is not finite"]
    if isinstance(value, Mapping):
        return [p for k, v in value.items() for p in _nonfinite_numbers(v, _join(where, k))]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in _nonfinite_numbers(v, f"{where}[{i}]")]
    return []


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def _feature_problems(feature: Any, where: str) -> list[str]:
    if not isinstance(feature, Mapping):
        return [f"{where}: expected a Feature object"]
    problems = []
    if feature.get("type") != "Feature":
        problems.append(f"{where}.type: expected 'Feature', not {feature.get('type')!r}")
    for key in ("geometry", "properties"):
        if key not in feature:
            problems.append(f"{where}: no '{key}' member (use null for none)")
        elif not (feature[key] is None or isinstance(feature[key], Mapping)):
            problems.append(f"{where}.{key}: expected an object or null")
    if "id" in feature and not (isinstance(feature["id"], str) or _is_number(feature["id"])):
        problems.append(f"{where}.id: expected a string or a number")
    problems += _bbox_problems(feature, where)
    if isinstance(feature.get("geometry"), Mapping):
        problems += _geometry_problems(feature["geometry"], f"{where}.geometry")
    return problems


def _geometry_problems(geom: Mapping, where: str) -> list[str]:
    kind = geom.get("type")
    problems = _bbox_problems(geom, where)
    if kind == "GeometryCollection":
        members = geom.get("geometries")
        if not isinstance(members, list):
            return [*problems, f"{where}.geometries: expected an array"]
        for i, member in enumerate(members):
            if isinstance(member, Mapping):
                problems += _geometry_problems(member, f"{where}.geometries[{i}]")
            else:
                problems.append(f"{where}.geometries[{i}]: expected a geometry object")
        return problems
    if kind not in _COORDINATE_TYPES:
        return [*problems, f"{where}.type: {kind!r} is not a GeoJSON geometry type"]
    return problems + _coordinates_problems(kind, geom.get("coordinates"),
                                            f"{where}.coordinates")


def _coordinates_problems(kind: str, coords: Any, where: str) -> list[str]:
    """Nesting and positions of one geometry's ``coordinates``."""
    if kind == "Point":
        return _position_problems(coords, where)
    if not isinstance(coords, list):
        return [f"{where}: expected an array"]
    part = {"MultiPoint": "Point", "MultiLineString": "LineString",
            "MultiPolygon": "Polygon"}.get(kind)
    if part is not None:
        return [p for i, c in enumerate(coords)
                for p in _coordinates_problems(part, c, f"{where}[{i}]")]
    if kind == "LineString":
        problems = [p for i, c in enumerate(coords) for p in _position_problems(c, f"{where}[{i}]")]
        return problems if len(coords) >= 2 else [*problems, f"{where}: a LineString "
                                                  f"needs 2 positions or more, not {len(coords)}"]
    return [p for i, ring in enumerate(coords) for p in _ring_problems(ring, i, f"{where}[{i}]")]


def _ring_problems(ring: Any, i: int, where: str) -> list[str]:
    if not isinstance(ring, list):
        return [f"{where}: expected an array of positions"]
    problems = [p for j, c in enumerate(ring) for p in _position_problems(c, f"{where}[{j}]")]
    if problems:
        return problems
    if len(ring) < 4:
        return [f"{where}: a linear ring needs 4 positions or more, not {len(ring)}"]
    if ring[0] != ring[-1]:
        return [f"{where}: a linear ring must end where it starts"]
    area2 = _ring_area2(ring)
    if i == 0 and area2 < 0:
        return [f"{where}: the exterior ring must wind counter-clockwise"]
    if i > 0 and area2 > 0:
        return [f"{where}: a hole must wind clockwise"]
    return []


def _position_problems(pos: Any, where: str) -> list[str]:
    if not isinstance(pos, list) or not all(_is_number(v) for v in pos):
        return [f"{where}: a position is an array of numbers"]
    if len(pos) not in (2, 3):
        return [f"{where}: a position has 2 or 3 numbers, not {len(pos)}"]
    lon, lat = pos[0], pos[1]
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return []  # reported once, by _nonfinite_numbers
    if not -180 <= lon <= 180:
        return [f"{where}: longitude {lon} is outside -180..180 (is it lat, lon?)"]
    if not -90 <= lat <= 90:
        return [f"{where}: latitude {lat} is outside -90..90 (is it lat, lon?)"]
    return []


def _bbox_problems(obj: Mapping, where: str) -> list[str]:
    """``bbox``: 2n numbers (n = 2 or 3), west, south[, low], east, north[, high]."""
    if "bbox" not in obj:
        return []
    box, at = obj["bbox"], _join(where, "bbox")
    if not isinstance(box, list) or len(box) not in (4, 6) or not all(map(_is_number, box)):
        return [f"{at}: expected 4 or 6 numbers"]
    n = len(box) // 2
    lo, hi = box[:n], box[n:]
    if not all(-180 <= v <= 180 for v in (lo[0], hi[0])):
        return [f"{at}: longitudes must be within -180..180"]
    if not (-90 <= lo[1] <= hi[1] <= 90):
        return [f"{at}: latitudes must be within -90..90, south first"]
    if n == 3 and lo[2] > hi[2]:
        return [f"{at}: the lowest altitude comes first"]
    return []  # west > east is allowed: a box across the antimeridian


# --- atomic files ---------------------------------------------------------------------


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place.

    The temporary file keeps the suffix of ``path`` (drivers choose formats by
    it) and is removed if ``write`` fails.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}",
                                dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()  # let the writer create it (GDAL refuses an empty existing file)
        write(tmp)
        _fsync(tmp)  # the bytes reach the disk before the name points at them
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    return path


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(fd)


def write_geojson(gdf: gpd.GeoDataFrame, path: str | Path, *, validate: bool = True) -> Path:
    """Write ``gdf`` as an RFC 7946 GeoJSON file (see :func:`to_geojson_bytes`).

    With ``validate`` (the default) each feature's bytes are read back and checked as
    :func:`validate_feature_collection` checks them (a self-check: ~30 ms per 1,000
    features). Features are written one at a time, never the layer as one document.

    Raises
    ------
    ValueError
        If the document is not valid RFC 7946; nothing is written, the previous file stays.
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"expected a GeoDataFrame, not {type(gdf).__name__}")

    def write(tmp: Path) -> None:  # feature by feature, each checked as its bytes read back
        nonfinite: list[str] = []
        problems: list[str] = []
        with open(tmp, "wb") as out:
            out.write(_HEAD)
            for i, data in enumerate(_features(gdf)):
                if validate:
                    feature, where = json.loads(data), f"features[{i}]"
                    nonfinite += _nonfinite_numbers(feature, where)
                    problems += _feature_problems(feature, where)
                out.write(b"," + data if i else data)
            out.write(_TAIL)
        problems = nonfinite + problems  # as validate_feature_collection orders them
        if problems:
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise ValueError(f"{path}: not written, the layer is not valid RFC 7946 GeoJSON: "
                             + "; ".join(problems[:3]) + more)

    return atomic_write(path, write)


def _utf8(doc: Any, **dumps: Any) -> bytes:
    """``doc`` as JSON in UTF-8; a lone surrogate (a file name that was not UTF-8) is
    written as its visible escape (see geo.names) rather than failing the write."""
    try:
        return json.dumps(doc, ensure_ascii=False, allow_nan=False, **dumps).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(visible_deep(doc), ensure_ascii=False, allow_nan=False,
                          **dumps).encode("utf-8")


def write_json(data: Any, path: str | Path) -> Path:
    """Write any JSON-able value (the run report) as indented UTF-8 JSON.

    Written as it is encoded, never held as one string: a 100,000-article run's report is
    tens of MB of text (issue 14). A list kept on disk (a :class:`geo.shelf.ListShelf`: a large
    run's files, articles and mentions to review) is read back an item at a time as it is
    written: the bytes of ``json.dump(..., indent=2)`` of its values as a list. A lone
    surrogate (a file name that was not UTF-8) is written as its visible escape."""
    def write(tmp: Path) -> None:
        try:
            _dump_json(data, tmp, lambda value: value)
        except UnicodeEncodeError:  # the file is written again from its start
            _dump_json(data, tmp, visible_deep)

    return atomic_write(path, write)


def _dump_json(data: Any, path: Path, fix: Callable[[Any], Any]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for piece in _json_pieces(data, fix, 0):
            out.write(piece)
        out.write("\n")


def _long(value: Any) -> bool:
    """A list kept on disk (not a list), a long list, or a mapping holding one: by item."""
    if isinstance(value, Mapping):
        return any(map(_long, value.values()))
    return isinstance(value, Sequence) and not isinstance(value, str | bytes) and \
        (not isinstance(value, list | tuple) or len(value) > _LONG)


def _json_pieces(value: Any, fix: Callable[[Any], Any], level: int) -> Iterator[str]:
    """``json.dump(json_value(value), indent=2)`` at nesting ``level``, in pieces."""
    if not _long(value):  # encoded as json.dump does it, a piece at a time
        pieces = _ENCODER.iterencode(fix(json_value(value)))
        yield from (p.replace("\n", "\n" + "  " * level) for p in pieces) if level else pieces
        return
    inner, is_map = "\n" + "  " * (level + 1), isinstance(value, Mapping)
    opening, closing = ("{", "}") if is_map else ("[", "]")
    first = True
    for key, member in value.items() if is_map else enumerate(value):
        yield (opening if first else ",") + inner
        if is_map:
            yield json.dumps(fix(str(key)), ensure_ascii=False) + ": "
        yield from _json_pieces(member, fix, level + 1)
        first = False
    yield opening + closing if first else "\n" + "  " * level + closing


# --- GeoPackage and CSV ---------------------------------------------------------------


def _flat(gdf: gpd.GeoDataFrame, kinds: Mapping[str, str]) -> gpd.GeoDataFrame:
    """Lists and dicts as JSON strings, nullable ints as Int64 (formats without lists)."""
    out = gdf.copy()
    geom_name = gdf.geometry.name
    for col in out.columns:
        if col == geom_name:
            continue
        out[col] = as_objects(out[col])  # a column kept on disk (geo.stored): its values
        kind = kinds.get(col)
        if kind == "int":
            out[col] = pd.array([None if v is None or v is pd.NA else int(v)
                                 for v in out[col]], dtype="Int64")
        elif kind in ("float", "bool", "count"):
            continue
        elif kind == "list" or out[col].map(lambda v: isinstance(v, list | tuple | dict)).any():
            out[col] = pd.Series([_json_text(v) for v in out[col]], index=out.index,
                                 dtype=object)
    return out


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(json_value(value), ensure_ascii=False, allow_nan=False)


def _kinds_of(gdf: gpd.GeoDataFrame, layer: str | None) -> Mapping[str, str]:
    return COLUMNS.get(layer or "", {})


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame], path: str | Path, *,
               names: Iterable[str] = EXPORT_LAYERS) -> Path:
    """Write the layers (by default incidents, bases, routes, places) into one GeoPackage.

    List-valued properties are stored as JSON text, since GeoPackage has no list type.
    Each layer is written :data:`GPKG_CHUNK` rows at a time, never flattened whole (issue 14).

    Raises
    ------
    KeyError
        If a layer in ``names`` is missing from ``layers``.
    """
    names = list(names)
    missing = [n for n in names if n not in layers]
    if missing:
        raise KeyError(f"layers {missing} missing; a GeoPackage export needs {names}")

    def write_layers(tmp: Path) -> None:
        for name in names:
            try:
                layer = _writable(layers[name])  # a note column, if any, on every row
                for start in range(0, max(len(layer), 1), GPKG_CHUNK):  # an empty layer once
                    part = layer.iloc[start:start + GPKG_CHUNK]
                    pyogrio.write_dataframe(_flat(part, _kinds_of(part, name)), tmp,
                                            layer=name, driver="GPKG", append=start > 0,
                                            geometry_type=GEOMETRY_TYPES.get(name, "Unknown"),
                                            promote_to_multi=False)
            except Exception as exc:
                exc.add_note(f"while writing layer {name!r} of {visible(str(path))}; "
                             "the previous file, if any, is unchanged")
                raise

    def write(tmp: Path) -> None:
        if not has_surrogates(str(tmp)):
            write_layers(tmp)
            return
        # GDAL takes UTF-8 paths: in a folder whose name is not UTF-8, write elsewhere, copy
        with tempfile.TemporaryDirectory(prefix="nes-osint-gpkg-") as scratch:
            local = Path(scratch) / "layers.gpkg"
            write_layers(local)
            shutil.copyfile(local, tmp)

    return atomic_write(path, write)


def write_csv(gdf: gpd.GeoDataFrame, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``gdf`` as UTF-8 CSV (with a BOM so spreadsheets read the Arabic).

    Point layers (by ``layer``'s contract, else by the geometries) get ``lon`` and
    ``lat`` columns, every layer a ``wkt`` column; lists are JSON text. Coordinates
    that cannot be written are left blank, as in :func:`to_geojson_bytes`.

    A text cell that a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``: article
    text is untrusted, and this is the one format meant for spreadsheets. GeoJSON
    and GeoPackage carry the text unchanged.
    """
    gdf = _writable(gdf)
    flat = _flat(gdf, _kinds_of(gdf, layer))
    geom = gdf.geometry
    frame = pd.DataFrame(flat.drop(columns=geom.name))
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(spreadsheet_safe)
    if _is_point_layer(geom, layer):
        frame["lon"] = geom.x.round(COORD_DECIMALS)
        frame["lat"] = geom.y.round(COORD_DECIMALS)
    frame["wkt"] = [g.wkt if g is not None else "" for g in geom]

    def write(tmp: Path) -> None:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")

    return atomic_write(path, write)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet will show as text, never run as a formula (OWASP's advice).

    >>> spreadsheet_safe("=1+1")
    "'=1+1"
    >>> spreadsheet_safe("القامشلي"), spreadsheet_safe(3)
    ('القامشلي', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _is_point_layer(geom: gpd.GeoSeries, layer: str | None) -> bool:
    """Whether the layer has lon/lat columns: so says the contract, or every geometry."""
    if layer in GEOMETRY_TYPES:
        return GEOMETRY_TYPES[layer] == "Point"
    kinds = geom.geom_type.dropna()
    return bool(len(kinds)) and bool((kinds == "Point").all())


def write_kml(gdf: gpd.GeoDataFrame, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``gdf`` as KML (GDAL's KML driver, UTF-8: Arabic stays as it is).

    Every column becomes an ExtendedData field (lists as JSON text, as in the
    GeoPackage); the placemark's name is ``place_name_en`` or ``name_en`` or ``title``
    where the layer has one, so Google Earth and QGIS label the points.
    """
    gdf = _writable(gdf)
    frame = _flat(gdf, _kinds_of(gdf, layer))
    label = next((c for c in ("place_name_en", "name_en", "title", "id") if c in frame), None)
    if label is not None and "Name" not in frame:
        frame = frame.assign(Name=frame[label].astype("string").fillna(""))
    name = layer or "layer"

    def write(tmp: Path) -> None:
        pyogrio.write_dataframe(frame, tmp, layer=name, driver="KML")

    return atomic_write(path, write)

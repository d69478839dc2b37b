"""Small map layers with exactly the layer contract's columns, hostile text included.

Shared by the map tests here and by tests/browser (which draws them in Chromium).
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
from shapely.geometry import LineString, Point

EVIL = "<script>alert(1)</script>${alert(2)}"
EVIDENCE = "سيّرت القوات الروسية والتركية دورية مشتركة في ريف الدرباسية الشرقي"


def source(article: str = "a1", title: str = EVIL, url: str = "https://example.org/a1") -> dict:
    """One entry of a feature's ``sources`` (its title is hostile by default)."""
    return {"article": article, "title": title, "outlet": "Enab Baladi",
            "published": "2022-10-09", "url": url, "evidence": EVIDENCE}


def small_layers() -> dict[str, gpd.GeoDataFrame]:
    """Small frames with exactly the layer contract's columns (also used by tests/browser)."""
    incidents = gpd.GeoDataFrame(
        {
            "id": ["i1", "i2", "i3"],
            "type": ["patrol", "airstrike", "shelling"],
            "date": ["2022-10-08", "2020-01", "2020"],
            "date_first": ["2022-10-08", "2020-01-01", "2020-01-01"],
            "date_last": ["2022-10-08", "2020-01-31", "2020-12-31"],
            "date_precision": ["day", "month", "year"],
            "geo_precision": [1, 2, 3],
            "place_id": ["darbasiyah", "ain_issa", "gov_deir_ez_zor"],
            "place_name_ar": ["الدرباسية", "عين عيسى", "ريف دير الزور"],
            "place_name_en": ["Al-Darbasiyah", "Ain Issa", "Deir ez-Zor countryside"],
            "actors": [["Russia", "Turkey"], ["Turkey"], []],
            "fatalities": [None, 2, None],
            "injuries": [None, 3, None],
            "confidence": [0.9, 0.7, 0.4],
            "approximate": [False, False, True],
            "sources": [[source()], [source("a2", "Drone strike near Ain Issa",
                                              "javascript:alert(3)"), source("a3", "Second")],
                        []],
            "date_from": ["publication", "text", "text"],
        },
        geometry=[Point(40.72, 37.07), Point(38.85, 36.39), Point(40.4, 35.1)],
        crs="EPSG:4326",
    )
    bases = gpd.GeoDataFrame(
        {"id": ["b1"], "place_id": ["rmelan"], "place_name_ar": ["رميلان"],
         "place_name_en": ["Rmelan"], "kind": ["airbase"], "operators": [["US-led coalition"]],
         "sources": [[source("a4", "Coalition at Rmelan")]]},
        geometry=[Point(41.93, 36.99)], crs="EPSG:4326")
    routes = gpd.GeoDataFrame(
        {"id": ["r1"], "waypoints": [["الدرباسية", "عامودا", "القامشلي"]],
         "waypoint_ids": [["darbasiyah", "amuda", "qamishli"]], "actors": [["Russia"]],
         "sources": [[source("a5", "Joint patrol route")]]},
        geometry=[LineString([(40.72, 37.07), (40.93, 37.10), (41.23, 37.05)])],
        crs="EPSG:4326")
    places = gpd.GeoDataFrame(
        {"id": ["darbasiyah", "ain_issa"], "name_ar": ["الدرباسية", "عين عيسى"],
         "name_en": ["Al-Darbasiyah", "Ain Issa"], "kind": ["town", "town"],
         "governorate": ["hasakah", "raqqa"], "n_mentions": [5, 2],
         "articles": [["a1", "a5"], ["a2"]]},
        geometry=[Point(40.72, 37.07), Point(38.85, 36.39)], crs="EPSG:4326")
    articles = gpd.GeoDataFrame(
        {"id": ["a1", "a2"], "title": [EVIL, "Drone strike near Ain Issa"],
         "outlet": ["Enab Baladi", "North Press"], "published": ["2022-10-09", "2020-01-15"],
         "url": ["https://example.org/a1", "javascript:alert(4)"],
         "excerpt": [EVIDENCE, "قصفت طائرة مسيرة تركية محيط عين عيسى"],
         "places": [["الدرباسية"], ["عين عيسى"]], "incident_types": [["patrol"], ["airstrike"]]},
        geometry=[Point(40.72, 37.07), Point(38.85, 36.39)], crs="EPSG:4326")
    return {"incidents": incidents, "bases": bases, "routes": routes, "places": places,
            "articles": articles}



def specs(page: str, factory: str = "points") -> list[dict]:
    """The JSON specs of the OsintMap.<factory>(...) calls on a rendered page."""
    decoder = json.JSONDecoder()
    out = []
    for match in re.finditer(rf"OsintMap\.{factory}\(\s*", page):
        spec, _ = decoder.raw_decode(page, match.end())
        out.append(spec)
    return out


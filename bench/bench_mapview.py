#!/usr/bin/env python3
"""Time geo.app.mapview.build_map + render on synthetic layers; print ms and bytes (no asserts).

    python bench/bench_mapview.py [--incidents 10000] [--repeat 5]

Targets (GUIDE/brief): page < 5 MB as sent and build < 300 ms server-side with 10,000
incidents. The synthetic text repeats a few words: it packs better than news does
(``bench_dashboard.py`` prints an estimate with news text).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import geopandas as gpd
from shapely.geometry import LineString, Point

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.app.mapview import build_map  # noqa: E402
from geo.app.symbols import INCIDENT_STYLES  # noqa: E402

WORDS = ("قصفت القوات التركية قرى ريف تل تمر بالمدفعية الثقيلة وسيرت القوات الروسية دورية "
         "مشتركة في محيط الدرباسية وأفادت مصادر محلية بسقوط قتلى وجرحى بين المدنيين").split()
ACTORS = ["Turkey", "Russia", "SDF", "US-led coalition", "Syrian government", "SNA", "ISIS"]
OUTLETS = ["Enab Baladi", "North Press", "Hawar", "SANA", "Syria TV", "Asharq Al-Awsat"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def synthetic_layers(n_incidents: int, *, seed: int = 7) -> dict[str, gpd.GeoDataFrame]:
    rng = random.Random(seed)
    places = [(f"p{i}", _sentence(rng, 2), f"Place {i}",
               Point(rng.uniform(38.0, 42.2), rng.uniform(34.5, 37.2))) for i in range(400)]
    articles = [{"article": f"a{i}", "title": _sentence(rng, 9), "outlet": rng.choice(OUTLETS),
                 "published": f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                 "url": f"https://news.example/{i}"} for i in range(2_000)]
    types = list(INCIDENT_STYLES)
    rows, geoms = [], []
    for i in range(n_incidents):
        pid, ar, en, pt = rng.choice(places)
        day = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sources = [{**rng.choice(articles), "evidence": _sentence(rng, rng.randint(12, 30))}
                   for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        geo = rng.choice((1, 1, 1, 2, 3))
        rows.append({
            "id": f"i{i}", "type": rng.choice(types), "date": day, "date_first": day,
            "date_last": day, "date_precision": "day", "geo_precision": geo, "place_id": pid,
            "place_name_ar": ar, "place_name_en": en,
            "actors": rng.sample(ACTORS, rng.randint(0, 2)),
            "fatalities": rng.choice((None, 0, 1, 3)), "injuries": rng.choice((None, 2)),
            "confidence": round(rng.random(), 2), "approximate": geo == 3, "sources": sources,
        })
        geoms.append(pt)
    incidents = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    places_gdf = gpd.GeoDataFrame(
        [{"id": p, "name_ar": ar, "name_en": en, "kind": "village", "governorate": "hasakah",
          "n_mentions": rng.randint(1, 40), "articles": [f"a{rng.randint(0, 1999)}"]}
         for p, ar, en, _ in places], geometry=[pt for *_, pt in places], crs="EPSG:4326")
    routes = gpd.GeoDataFrame(
        [{"id": f"r{i}", "waypoints": [places[i][1], places[i + 1][1]],
          "waypoint_ids": [places[i][0], places[i + 1][0]], "actors": ["Russia", "Turkey"],
          "sources": [{**articles[i], "evidence": _sentence(rng, 15)}]} for i in range(100)],
        geometry=[LineString([places[i][3], places[i + 1][3]]) for i in range(100)],
        crs="EPSG:4326")
    return {"incidents": incidents, "places": places_gdf, "routes": routes}


def _time(layers, repeat: int, full=None) -> tuple[list[float], list[float], int, int]:
    build_ms, render_ms, size, sent = [], [], 0, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        m = build_map(layers, full=full)
        t1 = time.perf_counter()
        page = m.get_root().render()
        t2 = time.perf_counter()
        build_ms.append((t1 - t0) * 1000)
        render_ms.append((t2 - t1) * 1000)
        size = len(page.encode("utf-8"))
        sent = len(json.dumps(page))  # st_folium's JSON: an Arabic letter is 6 bytes
    return build_ms, render_ms, size, sent


def _reference_ms(repeat: int = 5) -> float:
    """Fixed work (JSON out and back of 20,000 small rows): figures are printed as
    multiples of it too, so a busy machine's runs can be compared."""
    rows = [[i, i * 0.5, f"r{i}", [i, i + 1, i + 2]] for i in range(20_000)]
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        json.loads(json.dumps(rows))
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    build_map({})  # warm the basemap cache, as a running app would have
    full = synthetic_layers(args.incidents)
    ref = _reference_ms()
    print(f"reference work: {ref:.1f} ms")
    half = full["incidents"].iloc[::2]
    cases = {"incidents only": ({"incidents": full["incidents"]}, None),
             "incidents+places+routes": (full, None),
             "half the incidents, picked from the full layer (a filter change)":
                 ({"incidents": half}, {"incidents": full["incidents"]})}
    for name, (layers, whole) in cases.items():
        if whole is not None:
            build_map(layers, full=whole)  # the full layer's rows are built once
        build_ms, render_ms, size, sent = _time(layers, args.repeat, whole)
        total = [b + r for b, r in zip(build_ms, render_ms, strict=True)]
        median = statistics.median(total)
        print(f"{args.incidents} incidents, {name}: build {statistics.median(build_ms):.0f} ms, "
              f"render {statistics.median(render_ms):.0f} ms, build+render {median:.0f} ms "
              f"({median / ref:.1f}x ref; median of {args.repeat}), page {size / 1e6:.2f} MB "
              f"in UTF-8, {sent / 1e6:.2f} MB as st_folium sends it")
    return 0


if __name__ == "__main__":
    sys.exit(main())

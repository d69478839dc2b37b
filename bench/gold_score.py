"""Score a pipeline run against the seeds' reference annotation (seeds_gold.json).

    python bench/gold_score.py [CORPUS_DIR] [--gold PATH]

Prints incident precision and recall, one line per gold incident, base and
route, and the trap checks. A required incident is matched by type, date (ISO
cut and precision) and place (within the gold tolerance; region-level gold
places by region). Extra incidents that are neither required nor optional
count against precision. ``tests/test_gold.py`` uses the same functions.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gazetteer.model import Place  # noqa: E402
from geo.merge import actor_key, region_governorates  # noqa: E402
from geo.model import Incident  # noqa: E402

_SHARED = ROOT.parent / "shared" / "spec" / "seeds_gold.json"
DEFAULT_GOLD = Path(os.environ.get("NES_GOLD") or (
    _SHARED if _SHARED.exists() else ROOT / "tests" / "data" / "seeds_gold.json"))
#: Gold region names -> the gazetteer's English name for that region.
REGION_SUFFIX = " (region)"


def short_id(article_id: str) -> str:
    """'002_032df531970bae2f' -> '002' (the gold file names articles by number)."""
    return article_id.split("_", 1)[0]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class GoldPlace:
    key: str
    lat: float | None
    lon: float | None
    tol_km: float
    region: str = ""  # English region name for region-level gold places

    def holds(self, place: Place | None, gazetteer: Any = None) -> bool:
        """Whether a pipeline place is this gold place."""
        if place is None or not place.in_area:
            return False
        if self.region:
            return region_matches(self.region, place, gazetteer)
        assert self.lat is not None and self.lon is not None
        return km(self.lat, self.lon, place.lat, place.lon) <= self.tol_km


def region_matches(name: str, place: Place, gazetteer: Any = None) -> bool:
    """The named region itself, or an area inside it (e.g. Hasakah governorate in NE Syria)."""
    if place.name_en.casefold() == name.casefold():
        return True
    if gazetteer is None or place.kind not in ("region", "governorate", "district"):
        return False
    regions = [p for p in gazetteer.places.values()
               if p.kind == "region" and p.name_en.casefold() == name.casefold()]
    govs = region_governorates(place)
    return any(govs and govs <= region_governorates(r) for r in regions)


def load_gold(path: str | Path = DEFAULT_GOLD) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def gold_places(gold: dict) -> dict[str, GoldPlace]:
    """Gold place keys -> points (a place without a point stands at its 'near' place)."""
    raw = {p["key"]: p for p in gold["places"]}
    out: dict[str, GoldPlace] = {}
    for key, p in raw.items():
        lat, lon = p.get("lat"), p.get("lon")
        if lat is None and p.get("near"):
            lat, lon = raw[p["near"]]["lat"], raw[p["near"]]["lon"]
        out[key] = GoldPlace(key, lat, lon, float(p.get("tol_km", 10)))
    return out


def gold_place(key: str, places: dict[str, GoldPlace]) -> GoldPlace:
    if key.endswith(REGION_SUFFIX):
        return GoldPlace(key, None, None, 0.0, region=key[: -len(REGION_SUFFIX)])
    return places[key]


def incident_articles(inc: Incident) -> set[str]:
    return {short_id(s.article) for s in inc.sources}


def matches(inc: Incident, g: dict, places: dict[str, GoldPlace], gazetteer: Any = None) -> bool:
    """Type + date (ISO cut and precision) + place within tolerance: a required match."""
    return (inc.type == g["type"] and inc.date == g["date"]
            and inc.date_precision == g["date_precision"]
            and gold_place(g["place"], places).holds(inc.place, gazetteer))


def matches_optional(inc: Incident, opt: dict) -> bool:
    return inc.type == opt["type"] and bool(inc.date) and (
        inc.date.startswith(opt["date"]) or opt["date"].startswith(inc.date))


def score(incidents: list[Incident], gold: dict, gazetteer: Any = None) -> dict:
    """Precision and recall of merged incidents against the gold incidents."""
    places = gold_places(gold)
    required = gold["incidents"]
    optional = gold.get("optional_incidents", [])
    found: dict[str, str] = {}
    extra: list[Incident] = []
    optional_hits = 0
    for inc in incidents:
        hit = next((g for g in required
                    if g["key"] not in found and matches(inc, g, places, gazetteer)), None)
        if hit is not None:
            found[hit["key"]] = inc.id
        elif any(matches_optional(inc, o) for o in optional):
            optional_hits += 1
        else:
            extra.append(inc)
    good = len(found) + optional_hits
    return {
        "incidents": len(incidents),
        "required": len(required),
        "matched": found,
        "missed": [g["key"] for g in required if g["key"] not in found],
        "optional_matched": optional_hits,
        "extra": [f"{i.type} {i.date or '?'} {i.place.name_en if i.place else '-'} "
                  f"({', '.join(sorted(incident_articles(i)))})" for i in extra],
        "precision": good / len(incidents) if incidents else 0.0,
        "recall": len(found) / len(required) if required else 1.0,
    }


def operators_overlap(found: list[str], wanted: list[str]) -> bool:
    return bool({actor_key(x) for x in found} & {actor_key(x) for x in wanted})


def route_matches(route: Any, a: GoldPlace, z: GoldPlace) -> bool:
    """Both gold ends are waypoints of the route (in either order)."""
    return (any(a.holds(p) for p in route.waypoints)
            and any(z.holds(p) for p in route.waypoints))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args(argv)

    from geo.pipeline import run_pipeline

    gold = load_gold(args.gold)
    result = run_pipeline(args.corpus, use_cache=False)
    from gazetteer import load_gazetteer

    gaz = load_gazetteer()
    s = score(result.incidents, gold, gaz)
    print(f"incidents: precision {s['precision']:.2f}  recall {s['recall']:.2f}  "
          f"({len(s['matched'])}/{s['required']} required, {s['optional_matched']} optional, "
          f"{len(s['extra'])} extra, {s['incidents']} in all)")
    places = gold_places(gold)
    by_id = {i.id: i for i in result.incidents}
    for g in gold["incidents"]:
        iid = s["matched"].get(g["key"])
        if iid is None:
            print(f"  MISSED  {g['key']}: {g['type']} {g['date']} {g['place']}")
            continue
        inc = by_id[iid]
        have = incident_articles(inc)
        flags = [] if set(g["sources"]) <= have else [f"sources {sorted(have)} "
                                                      f"lack {sorted(set(g['sources']) - have)}"]
        if inc.geo_precision != g["geo_precision"]:
            flags.append(f"geo_precision {inc.geo_precision} != {g['geo_precision']}")
        print(f"  ok      {g['key']}: {inc.place.name_en if inc.place else '-'} "
              f"{'; '.join(flags)}")
    for line in s["extra"]:
        print(f"  EXTRA   {line}")
    for b in gold["bases"]:
        gp = places[b["place"]]
        ok = any(gp.holds(base.place) and operators_overlap(base.operators, b["operator"])
                 for base in result.bases)
        print(f"  base {'ok    ' if ok else 'MISSED'} {b['place']} {b['operator']}")
    for r in gold["routes"]:
        a, z = places[r["from"]], places[r["to"]]
        ok = any(route_matches(x, a, z) for x in result.routes)
        print(f"  route {'ok    ' if ok else 'MISSED'} {r['from']} -> {r['to']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

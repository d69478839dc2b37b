"""Score extraction on real news items read with care: placed, dated, false alarms, decoys.

    python bench/eval_news.py [--json] [--only news_dev|own] [--quiet] [ITEM.json ...]
    make eval

Each item (``../shared/spec/news_dev/*.json`` when that folder is there, and always
``tests/data/news/*.json``) is built as a one-article corpus with its ``published`` date
in ``articles.csv``, exactly as a user would build it, and its merged incidents are
compared with the reading (schema: ``../shared/spec/news_dev/README.md``):

* **placed**: a gold incident is placed when some output incident of the same family
  lies within ``tol_km`` of the gold point (an area's centre counts);
* **dated**: a gold incident with a day is dated when an output incident within its
  ``tol_km`` carries that day (at day precision) or a ``date_alt`` (the family is judged
  by *placed*); every gold incident with a day counts, placed or not;
* **false alarm**: an output incident that matches no gold incident (family and
  place); as many as the item lists ``unverified_incidents`` are excused;
* **decoy placed**: an output incident placed at a name the reading lists in
  ``not_places`` (an outlet, a dateline, a foreign capital) and matching no gold;
* **unplaced**: an output incident kept without a place (only a region of the country
  too coarse to map was named for it): listed for review, not on the map, so neither
  a false alarm nor a decoy placed; counted apart;
* **days not in the reading**: of the gold incidents the reading leaves without a day
  ("the text gives no day") and that are placed, those whose output incident carries a
  day all the same, and how many of those days are the article's publication day
  (``date_from == "publication"``, shown as such on the map). A day the text does not
  give is not invented: this figure says how often the output claims more than the text.

Every miss is printed with its reason. The figures are printed for everything, for each
set alone, for our items in view (those the rules were written beside) and for each
held-out batch (:data:`HELD_OUT`: items read last and never looked at while writing
rules): a large gap between them means rules fitted to the items in view.
``tests/test_eval_news.py`` holds the figures as floors.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gazetteer.normalize import arabic_key  # noqa: E402

SETS: dict[str, Path] = {
    "news_dev": ROOT.parent / "shared" / "spec" / "news_dev",
    "own": ROOT / "tests" / "data" / "news",
}

#: Our items numbered from here were read last, as a held-out batch.
#: Held-out batches of our own items by number: read after the rules were written, their
#: misses never used to write new ones. Items 401-415, the first batch, were held out for
#: one session, then their misses were read and they joined the items in view; 501-520,
#: the second, likewise after session 6, 601-625 after session 7, 1001-1725 (seven
#: batches) in sessions 9 and 10, 1801-1825 at the start of session 11, 1901-1925 and
#: 2001-2025 in session 12. Items from 2101 and from 2201, two batches annotated during
#: session 12 by readers who never ran the tool (the second leaning to movements), are held
#: out: scored with the session's first and last code, their misses not used to write rules.
#: Of session 14's held-out batches, 3201-3210 (movements) and 3301-3325 joined the items
#: in view at the start of session 15; 2801-2825 and 3101-3117 stay held out for good.
#: Items from 3401 and 3501 were read in session 15 by readers who never ran the tool;
#: 3601 and 3801 (session 16), 3901, 4201 and 4401 (session 17), 4501, 4901, 5001, 5201, 5401,
#: 5701 and 5901 (session 18), 6101, 6301, 6401, 6701, 6901, 7101, 7301, 7401, 7501, 7601 and
#: 7701 (session 19), 7801, 8001, 8201, 8401, 8601 and 8801 (session 20) and 9001, 9201 and 9401
#: (session 21), 9601 and 9801 (session 22), 10001 (session 23), 10301 and 10601 (session 24),
#: 10701, 10801 and 11101 (session 25), 11301 and 11401 (session 26), 11701, 11801 and 12101
#: (session 27), 12301 and 12401 (session 28), 12701, 12801 and 13101 (session 29), 13301 and 13401
#: (session 30), 13701 and 13801 (session 31), 14101, 14201, 14701, 14801, 15101, 15201, 15501
#: and 15601 (session 32), 15701, 15801, 16101, 16201, 16501, 16601, 16901, 17001, 17301 and 17401
#: (session 33), 17701, 17801, 18101, 18201, 18501, 18601, 18901, 19001, 19301, 19401, 19701,
#: 19801, 20101, 20201, 20501, 20601 and 21001 (session 34) stay held out;
#: 7901,
#: 8101, 8301, 8501, 8701 and 8901 (session 20), 9101, 9301 and 9501 (session 21), 9701 and
#: 9901 (session 22), 10101 and 10201 (session 23), 10401 and 10501 (session 24), 10901, 11001
#: and 11201 (session 25), 11501 and 11601 (session 26), 11901, 12001 and 12201 (session 27),
#: 12501 and 12601 (session 28), 12901, 13001 and 13201 (session 29), 13501 and 13601 (session 30),
#: 13901 and 14001 (session 31), 14301, 14401, 14501, 14601, 14901, 15001, 15301 and 15401
#: (session 32), 15901, 16001, 16301, 16401, 16701, 16801, 17101, 17201, 17501 and 17601 (session 33),
#: 17901, 18001, 18301, 18401, 18701, 18801, 19101, 19201, 19501, 19601, 19901, 20001, 20301,
#: 20401, 20701, 20801, 21101 and 21201 (session 34) were scored once with their session's first
#: code, then used in development.
HELD_OUT: dict[str, range] = {"held_out": range(2801, 2901), "held_out_3": range(3101, 3201),
                              "held_out_7": range(3601, 3701), "held_out_9": range(3801, 3901),
                              "held_out_10": range(3901, 4001), "held_out_11": range(4201, 4301),
                              "held_out_12": range(4401, 4501), "held_out_13": range(4501, 4601),
                              "held_out_14": range(4901, 5001), "held_out_15": range(5001, 5101),
                              "held_out_16": range(5201, 5301), "held_out_17": range(5401, 5501),
                              "held_out_18": range(5701, 5801), "held_out_19": range(5901, 6001),
                              "held_out_20": range(6101, 6201), "held_out_21": range(6301, 6401),
                              "held_out_22": range(6401, 6501), "held_out_23": range(6701, 6801),
                              "held_out_24": range(6901, 7001), "held_out_25": range(7101, 7201),
                              "held_out_26": range(7301, 7401), "held_out_27": range(7401, 7501),
                              "held_out_28": range(7501, 7601), "held_out_29": range(7601, 7701),
                              "held_out_30": range(7701, 7801), "held_out_31": range(7801, 7901),
                              "held_out_32": range(8001, 8101), "held_out_33": range(8201, 8301),
                              "held_out_34": range(8401, 8501), "held_out_35": range(8601, 8701),
                              "held_out_36": range(8801, 8901),
                              "held_out_37": range(9001, 9101),
                              "held_out_38": range(9201, 9301),
                              "held_out_39": range(9401, 9501),
                              "held_out_40": range(9601, 9701),
                              "held_out_41": range(9801, 9901),
                              "held_out_42": range(10001, 10101),
                              "held_out_43": range(10301, 10401),
                              "held_out_44": range(10601, 10701),
                              "held_out_45": range(10701, 10801),
                              "held_out_46": range(10801, 10901),
                              "held_out_47": range(11101, 11201),
                              "held_out_48": range(11301, 11401),
                              "held_out_49": range(11401, 11501),
                              "held_out_50": range(11701, 11801),
                              "held_out_51": range(11801, 11901),
                              "held_out_52": range(12101, 12201),
                              "held_out_53": range(12301, 12401),
                              "held_out_54": range(12401, 12501),
                              "held_out_55": range(12701, 12801),
                              "held_out_56": range(12801, 12901),
                              "held_out_57": range(13101, 13201),
                              "held_out_58": range(13301, 13401), "held_out_59": range(13401, 13501),
                              "held_out_60": range(13701, 13801),
                              "held_out_61": range(13801, 13901),
                              "held_out_62": range(14101, 14201),
                              "held_out_63": range(14201, 14301),
                              "held_out_64": range(14701, 14801),
                              "held_out_65": range(14801, 14901),
                              "held_out_66": range(15101, 15201),
                              "held_out_67": range(15201, 15301),
                              "held_out_68": range(15501, 15601),
                              "held_out_69": range(15601, 15701),
                              "held_out_70": range(15701, 15801),
                              "held_out_71": range(15801, 15901),
                              "held_out_72": range(16101, 16201),
                              "held_out_73": range(16201, 16301),
                              "held_out_74": range(16501, 16601),
                              "held_out_75": range(16601, 16701),
                              "held_out_76": range(16901, 17001),
                              "held_out_77": range(17001, 17101),
                              "held_out_78": range(17301, 17401),
                              "held_out_79": range(17401, 17501),
                              "held_out_80": range(17701, 17801),
                              "held_out_81": range(17801, 17901),
                              "held_out_82": range(18101, 18201),
                              "held_out_83": range(18201, 18301),
                              "held_out_84": range(18501, 18601),
                              "held_out_85": range(18601, 18701),
                              "held_out_86": range(18901, 19001),
                              "held_out_87": range(19001, 19101),
                              "held_out_88": range(19301, 19401),
                              "held_out_89": range(19401, 19501),
                              "held_out_90": range(19701, 19801),
                              "held_out_91": range(19801, 19901),
                              "held_out_92": range(20101, 20201),
                              "held_out_93": range(20201, 20301),
                              "held_out_94": range(20501, 20601),
                              "held_out_95": range(20601, 20701),
                              "held_out_96": range(21001, 21101)}

#: The project's incident types -> the reading's three families (README of news_dev).
FAMILIES: dict[str, str] = {
    "patrol": "movement", "deployment": "movement", "exercise": "movement",
    "convoy": "movement", "withdrawal": "movement",
    "patrol_encounter": "obstruction", "patrol_obstruction": "obstruction",
    "vehicle_collision": "obstruction", "air_incident": "obstruction", "shootdown": "violence",
    "protest": "obstruction", "confrontation": "obstruction", "blockade": "obstruction",
    "raid": "violence", "airstrike": "violence", "shelling": "violence",
    "armed_clash": "violence", "explosion": "violence", "attack": "violence",
    "arrest": "violence", "assassination": "violence", "capture": "violence", "riot": "violence",
    "detention": "obstruction",
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class ItemScore:
    """One item's figures and the lines that explain them."""

    set: str
    item: str
    gold: int = 0
    placed: int = 0
    with_day: int = 0
    dated: int = 0
    output: int = 0
    false_alarms: int = 0
    decoys: int = 0
    unplaced: int = 0
    no_day: int = 0  # gold incidents without a day, placed
    day_given: int = 0  # ... whose output carries a day all the same
    day_published: int = 0  # ... that day being the article's publication day
    misses: list[str] = field(default_factory=list)


def load_items(paths: Iterable[Path] | None = None, only: str | None = None) -> list[tuple[str, Path]]:
    """(set name, item path) for every item to score, news_dev first."""
    if paths:
        return [("own" if SETS["own"] in p.resolve().parents else "news_dev", p) for p in paths]
    out = []
    for name, folder in SETS.items():
        if only and name != only:
            continue
        if folder.is_dir():
            out += [(name, p) for p in sorted(folder.glob("[0-9]*.json"), key=_item_order)]
    return out

#: Held-out items whose misses were once printed by mistake: in view from then on. 2812, 3609
#: and 3906 (session 21, an eval of every item whose page opens with an anniversary).
SEEN: frozenset[str] = frozenset({"2812", "3609", "3906"})


def held_out_batch(item_id: str) -> str | None:
    """The held-out batch one of our items belongs to, or None for an item in view."""
    if not item_id.isdigit() or item_id in SEEN:
        return None
    return next((name for name, ids in HELD_OUT.items() if int(item_id) in ids), None)


def is_held_out(item_id: str) -> bool:
    """Whether one of our items belongs to a held-out batch."""
    return held_out_batch(item_id) is not None


def chosen_scores(scores: list, group: str) -> list:
    """The scores a figure's group covers: 'all', a set, 'in_view' or a held-out batch."""
    if group == "all":
        return scores
    if group == "in_view":
        return [s for s in scores if s.set == "own" and not is_held_out(s.item)]
    if group in HELD_OUT:
        return [s for s in scores if s.set == "own" and held_out_batch(s.item) == group]
    return [s for s in scores if s.set == group]


def _item_order(path: Path) -> tuple:
    return (int(path.stem), "") if path.stem.isdigit() else (10**9, path.stem)


def build_item(item: dict, item_id: str, gazetteer: Any) -> list[Any]:
    """The merged incidents of the item read as a one-article corpus with its metadata."""
    from geo.pipeline import run_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / f"{item_id}.txt").write_text(item["text"], encoding="utf-8")
        with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["file", "title", "outlet", "url", "published"])
            writer.writerow([f"{item_id}.txt", item.get("title", ""), item.get("outlet", ""),
                             item.get("url", ""), item.get("published") or ""])
        return run_pipeline(folder, gazetteer=gazetteer, use_cache=False).incidents


def family_of(incident: Any) -> str:
    return FAMILIES.get(incident.type, "other")


def _where(inc: Any) -> str:
    p = inc.place
    return f"{p.name_en or p.name_ar} ({p.lat:.3f}, {p.lon:.3f})" if p else "no place"


def _distance(inc: Any, g: dict) -> float:
    if inc.place is None or g.get("lat") is None:
        return math.inf
    return km(inc.place.lat, inc.place.lon, g["lat"], g["lon"])


def _decoy_keys(item: dict) -> set[str]:
    keys = set()
    for entry in item.get("not_places", []):
        words = str(entry).split(" (", 1)[0].strip()
        for part in words.replace("،", "/").split("/"):
            key = arabic_key(part.strip())
            if key:
                keys.add(key)
    return keys


def score_item(set_name: str, item_id: str, item: dict, incidents: list[Any]) -> ItemScore:
    """Compare one item's output incidents with its reading (see the module doc)."""
    s = ItemScore(set_name, item_id, gold=len(item["incidents"]), output=len(incidents))
    matched: set[int] = set()
    for g in item["incidents"]:
        fam, tol = g["family"], float(g.get("tol_km", 10))
        near = [(i, inc) for i, inc in enumerate(incidents)
                if family_of(inc) == fam and _distance(inc, g) <= tol]
        matched.update(i for i, _ in near)
        label = f"{g['family']} {g.get('date') or 'undated'} «{g.get('place_ar', '')}»"
        if near:
            s.placed += 1
        else:
            s.misses.append(f"NOT PLACED {label}: {_nearest(incidents, g)}")
        if not g.get("date"):
            if near:
                s.no_day += 1
                given = [inc for _, inc in near if inc.date and inc.date_precision == "day"]
                if given:
                    s.day_given += 1
                    s.day_published += all(getattr(inc, "date_from", "text") == "publication"
                                           for inc in given)
            continue
        s.with_day += 1
        days = {g["date"], *g.get("date_alt", [])}
        here = [inc for inc in incidents if _distance(inc, g) <= tol]
        if any(inc.date in days and inc.date_precision == "day" for inc in here):
            s.dated += 1
        else:
            got = ", ".join(sorted({inc.date or "undated" for inc in here})) or "nothing here"
            s.misses.append(f"WRONG DAY  {label}: output {got} "
                            f"(text: «{g.get('date_expression', '')}»)")
    decoys = _decoy_keys(item)
    extra = [inc for i, inc in enumerate(incidents) if i not in matched]
    excused = len(item.get("unverified_incidents", []))
    for inc in extra:
        if inc.place is None:
            s.unplaced += 1
            s.misses.append(f"UNPLACED   {inc.type} {inc.date or 'undated'} «{inc.place_text}» "
                            f"(for review): «{_evidence(inc)}»")
            continue
        at_decoy = bool(decoys) and any(
            arabic_key(t) in decoys for t in (inc.place_text, inc.place.name_ar if inc.place else "")
            if t)
        if at_decoy:
            s.decoys += 1
            s.misses.append(f"DECOY      {inc.type} at {_where(inc)} from «{inc.place_text}»")
        if excused > 0 and not at_decoy:
            excused -= 1
            continue
        s.false_alarms += 1
        s.misses.append(f"FALSE ALARM {inc.type} {inc.date or 'undated'} at {_where(inc)}: "
                        f"«{_evidence(inc)}»")
    return s


def _nearest(incidents: list[Any], g: dict) -> str:
    same = [inc for inc in incidents if family_of(inc) == g["family"]]
    if not same:
        kinds = ", ".join(sorted({inc.type for inc in incidents})) or "none"
        return f"no {g['family']} incident (output types: {kinds})"
    best = min(same, key=lambda inc: _distance(inc, g))
    d = _distance(best, g)
    far = "unlocated" if math.isinf(d) else f"{d:.0f} km away"
    return f"nearest {best.type} at {_where(best)}, {far} (tol {g.get('tol_km', 10)} km)"


def _evidence(inc: Any) -> str:
    text = inc.sources[0].evidence if inc.sources else ""
    return text if len(text) <= 90 else text[:87] + "..."


def totals(scores: list[ItemScore]) -> dict[str, Any]:
    """Summed figures and the ratios the issue holds the project to."""
    t = {k: sum(getattr(s, k) for s in scores)
         for k in ("gold", "placed", "with_day", "dated", "output", "false_alarms", "decoys",
                   "unplaced", "no_day", "day_given", "day_published")}
    t["items"] = len(scores)
    t["placed_ratio"] = t["placed"] / t["gold"] if t["gold"] else 1.0
    t["dated_ratio"] = t["dated"] / t["with_day"] if t["with_day"] else 1.0
    mapped = t["output"] - t["unplaced"]
    t["false_alarm_ratio"] = t["false_alarms"] / mapped if mapped else 0.0
    return t


def evaluate(items: list[tuple[str, Path]]) -> list[ItemScore]:
    from gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    scores = []
    for set_name, path in items:
        item = json.loads(path.read_text(encoding="utf-8"))
        scores.append(score_item(set_name, path.stem, item, build_item(item, path.stem, gazetteer)))
    return scores


def floors_of(figures: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Today's figures as floors: ratios rounded towards the side that still passes."""
    return {name: {"items": t["items"],
                   "placed_ratio": math.floor(t["placed_ratio"] * 1000) / 1000,
                   "dated_ratio": math.floor(t["dated_ratio"] * 1000) / 1000,
                   "false_alarm_ratio": math.ceil(t["false_alarm_ratio"] * 1000) / 1000,
                   "decoys": t["decoys"]}
            for name, t in figures.items()}


def _line(name: str, t: dict[str, Any]) -> str:
    return (f"{name:<10} {t['items']:>3} items  placed {t['placed']}/{t['gold']} "
            f"({t['placed_ratio']:.0%})  dated {t['dated']}/{t['with_day']} "
            f"({t['dated_ratio']:.0%})  false alarms {t['false_alarms']}/"
            f"{t['output'] - t['unplaced']} ({t['false_alarm_ratio']:.0%})  decoys placed "
            f"{t['decoys']}  unplaced {t['unplaced']}  days not in the reading "
            f"{t.get('day_given', 0)}/{t.get('no_day', 0)} (publication day "
            f"{t.get('day_published', 0)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("items", nargs="*", type=Path, help="item files (default: every set)")
    parser.add_argument("--only", choices=sorted(SETS), help="score one set only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses")
    parser.add_argument("--show-held-out", action="store_true",
                        help="print the misses on held-out items too")
    parser.add_argument("--write-floors", type=Path, metavar="JSON",
                        help="write today's figures as the floors the test holds")
    args = parser.parse_args(argv)
    scores = evaluate(load_items(args.items, args.only))
    sets = sorted({s.set for s in scores}, key=list(SETS).index)
    figures = {"all": totals(scores), **{n: totals([s for s in scores if s.set == n]) for n in sets}}
    for group in ("in_view", *HELD_OUT):
        if chosen := chosen_scores(scores, group):
            figures[group] = totals(chosen)
    if args.write_floors:
        args.write_floors.write_text(json.dumps(floors_of(figures), indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    if not args.quiet:
        hidden = 0
        for s in scores:
            if s.set == "own" and is_held_out(s.item) and not args.show_held_out:
                hidden += len(s.misses)
                continue
            for line in s.misses:
                print(f"{s.set}/{s.item}: {line}")
        if hidden:
            print(f"({hidden} misses on held-out items not shown: --show-held-out prints them;"
                  " a rule written from them is fitted to them)")
        print()
    for name, t in figures.items():
        print(_line(name, t))
    return 0


if __name__ == "__main__":
    sys.exit(main())

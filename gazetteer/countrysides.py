"""A town's countryside told with its direction: 'ريف دير الزور الشرقي' lies east of the town.

Why a module: the news places most villages by a direction of a town's countryside, and a
countryside's point is its town's. Drawn there, the eastern countryside of Deir ez-Zor (the
Euphrates valley down to al-Bukamal) would sit at the western end of what it names, 30-120 km
from the villages it stands for. A reader puts 'ريف X الشرقي' east of X, so the store holds,
for every countryside row (``rif_*``: a region centred on a town, its name 'ريف X'), one
place per direction of ``data/directions.csv``, derived rather than typed: its names are the
countryside's Arabic names with the direction after them, its point lies
:data:`REACH_KM` from the town's in that direction, its parent is the town (so it is as wide
as the countryside for every comparison of areas).
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable
from pathlib import Path

from .model import Place

__all__ = ["REACH_KM", "direction_key", "directional_countrysides", "is_countryside", "is_directional",
           "on_its_side"]

#: How far from its town a direction of its countryside is drawn: about half the reach of a
#: town's countryside in the news (villages 'بريف X' lie up to 50-60 km from X).
REACH_KM = 25.0
_DIRECTIONS = Path(__file__).with_name("data") / "directions.csv"
_KM_PER_DEGREE = 111.32


@functools.cache
def _directions() -> tuple[tuple[str, str, str, float], ...]:
    """(key, Arabic word, English word, bearing in degrees) of each direction."""
    with _DIRECTIONS.open(encoding="utf-8", newline="") as handle:
        return tuple((r["key"], r["name_ar"], r["name_en"], float(r["bearing_deg"]))
                     for r in csv.DictReader(handle))


def direction_key(words: str) -> str | None:
    """The key of a direction written in (folded) words, with or without the article
    ('الشرقي', 'جنوبي شرقي' -> 'east', 'south_east'); None for words naming none."""
    wanted = tuple(w.removeprefix("ال") for w in words.split())
    for key, word_ar, _en, _bearing in _directions():
        if tuple(w.removeprefix("ال") for w in word_ar.split()) == wanted:
            return key
    return None


def is_countryside(place: Place) -> bool:
    """A town's whole countryside: a region centred on a town and named 'ريف X' (not one of
    its directions)."""
    return (place.kind == "region" and bool(place.parent) and place.name_ar.startswith("ريف ")
            and not is_directional(place))


def is_directional(place: Place) -> bool:
    """One direction of a town's countryside ('ريف دير الزور الشرقي')."""
    return (place.kind == "region" and place.name_ar.startswith("ريف ")
            and any(place.name_ar.endswith(f" {word}") for _k, word, _e, _b in _directions()))


#: How far (km) past its town, on the other side, a direction's countryside may still reach
#: (the town's own outskirts, a bend of the valley).
_SLACK_KM = 10.0


def on_its_side(region: Place, lat: float, lon: float) -> bool:
    """Does (lat, lon) lie on ``region``'s side of its town ('ريف دير الزور الغربي' holds no
    place east of Deir ez-Zor, al-Mayadin is not in it)? True for a region that is no
    direction of a countryside."""
    bearing = _bearing(region)
    if bearing is None:
        return True
    rad = math.radians(bearing)
    # the town's point: REACH_KM back from the region's along its bearing
    town_lat, town_lon = _moved(region.lat, region.lon, (bearing + 180.0) % 360.0, REACH_KM)
    north = (lat - town_lat) * _KM_PER_DEGREE
    east = (lon - town_lon) * _KM_PER_DEGREE * math.cos(math.radians(town_lat))
    return north * math.cos(rad) + east * math.sin(rad) >= -_SLACK_KM


def _bearing(region: Place) -> float | None:
    """The bearing of a direction of a countryside (its id ends with the direction's key)."""
    if not is_directional(region):
        return None
    for key, _ar, _en, bearing in sorted(_directions(), key=lambda d: -len(d[0])):
        if region.id.endswith(f"_{key}"):
            return bearing
    return None


def directional_countrysides(places: Iterable[Place]) -> list[Place]:
    """The directional places of every countryside among ``places`` (see the module doc).

    A governorate's seat named bare after a bearing ('شرقي دير الزور', 'شمال الرقة') is the
    news's name for that side of the province, as 'ريف دير الزور الشرقي' is: its names join
    the direction's (not 'شرق مدينة دير الزور', east of the city itself; a distance before
    the bearing makes a point, :mod:`gazetteer.offsets`)."""
    places = list(places)
    by_id = {p.id: p for p in places}
    out = []
    for base in places:
        if not is_countryside(base):
            continue
        arabic = [n for n in (base.name_ar, *base.alt_names) if n.startswith("ريف ")]
        seat = _seat_names(by_id, base)
        for key, word_ar, word_en, bearing in _directions():
            lat, lon = _moved(base.lat, base.lon, bearing, REACH_KM)
            bare = tuple(f"{side} {name}" for side in bearing_words(word_ar) for name in seat)
            out.append(Place(
                id=f"{base.id}_{key}", name_ar=f"{base.name_ar} {word_ar}",
                name_en=f"{base.name_en} ({word_en})", kind="region", lat=lat, lon=lon,
                governorate=base.governorate,
                alt_names=tuple(f"{n} {word_ar}" for n in arabic[1:]) + bare,
                in_area=base.in_area, parent=base.parent,
                source=f"derived: {REACH_KM:g} km {word_en} of the point of '{base.id}' ({base.source})"))
    return out


def _seat_names(by_id: dict[str, Place], base: Place) -> tuple[str, ...]:
    """The Arabic names of ``base``'s town when it is the seat its governorate is named after
    (دير الزور of محافظة دير الزور), else none."""
    town = by_id.get(base.parent or "")
    gov = by_id.get(town.parent or "") if town is not None and town.kind == "city" else None
    if gov is None or not gov.id.startswith("gov_") or not gov.name_ar.endswith(town.name_ar):
        return ()
    return tuple(n for n in (town.name_ar, *town.alt_names)
                 if _ARABIC_NAME_RE.fullmatch(n) and "مدين" not in n)


#: A name in Arabic letters only (not 'Hesîçe', 'Hasakah'): the bearing words before it are Arabic.
_ARABIC_NAME_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3 ]+")


def bearing_words(word_ar: str) -> tuple[str, ...]:
    """A direction's words as a bearing before a name: 'الشرقي' -> 'شرق', 'شرقي'; 'الشمالي
    الشرقي' -> 'شمال شرق', 'شمال شرقي', 'شمالي شرقي'."""
    stems = [w.removeprefix("ال").removesuffix("ي") for w in word_ar.split()]
    if len(stems) == 1:
        return (stems[0], f"{stems[0]}ي")
    first, second = stems
    return (f"{first} {second}", f"{first} {second}ي", f"{first}ي {second}ي")


def _moved(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along ``bearing`` (a flat-earth step: exact enough
    over 25 km for a representative point)."""
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / _KM_PER_DEGREE
    dlon = km * math.sin(rad) / (_KM_PER_DEGREE * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)

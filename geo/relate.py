"""How two reports relate: are their places the same, near, nested; are their actors one side.

Merging decides whether several outlets describe one event from these relations;
the layers and the scorers ask the same questions (is this place an area, which
governorates does a region cover), so the answers live here, apart from the
clustering that uses them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from gazetteer.model import GOVERNORATES, Place

__all__ = ["AREA_KINDS", "SAME_PLACE_KM", "actor_key", "actors_compatible", "is_area",
           "km_between", "place_relation", "region_governorates"]

#: Places that stand for an area rather than a point.
AREA_KINDS = frozenset({"region", "governorate", "country", "district"})
_NES = frozenset({"hasakah", "raqqa", "deir_ez_zor"})
#: Regions without a single governorate -> the governorates they cover.
_REGION_GOVS: dict[str, frozenset[str]] = {
    "ne_syria": _NES,
    "east_euphrates": _NES,
    "east_syria": _NES,
    "north_syria": frozenset({"aleppo", "idlib", "raqqa", "hasakah"}),
    "nw_syria": frozenset({"idlib", "aleppo", "latakia", "hama"}),
    "south_syria": frozenset({"daraa", "suwayda", "quneitra"}),
    "badia": frozenset({"homs", "deir_ez_zor", "rif_dimashq", "raqqa"}),
}
#: Same for regions known only by their English name (other gazetteers, tests).
_REGION_NAME_GOVS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("north", "east"), _NES),
    (("north", "west"), _REGION_GOVS["nw_syria"]),
    (("east",), _NES),
    (("north",), _REGION_GOVS["north_syria"]),
    (("south",), _REGION_GOVS["south_syria"]),
)

#: Places closer than this are the same place for merging (two spellings, two sources).
SAME_PLACE_KM = 10.0

#: Actor names that denote the same side (by keyword, lower case), most specific first.
_ACTOR_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("maghawir", ("maghawir", "مغاوير")),
    ("sdf", ("sdf", "qsd", "قسد", "syrian democratic")),
    ("irgc", ("irgc", "revolutionary guard", "الحرس الثوري", "iran")),
    ("isis", ("isis", "isil", "islamic state", "daesh", "داعش", "الدولة")),
    ("regime", ("regime", "syrian army", "syrian government", "assad", "النظام")),
    ("russia", ("russia", "روس")),
    ("turkey", ("turk", "ترك")),
    ("us", ("us ", "u.s.", "us-led", "american", "america", "united states", "coalition",
            "centcom", "pentagon", "أمريك", "أميرك", "امريك", "اميرك", "التحالف")),
)


# --- places ---------------------------------------------------------------------------


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance in km (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def is_area(place: Place) -> bool:
    """True for a region, district, governorate or country (not a point on the ground)."""
    return place.kind in AREA_KINDS


def region_governorates(place: Place) -> frozenset[str]:
    """The governorates an area place covers (empty for a point place).

    Examples
    --------
    >>> from gazetteer.model import Place
    >>> sorted(region_governorates(Place("ne_syria", "شمال شرق سوريا", "north-east Syria",
    ...                                  "region", 36.5, 40.5)))
    ['deir_ez_zor', 'hasakah', 'raqqa']
    """
    if not is_area(place):
        return frozenset()
    if place.kind == "country":
        return frozenset(GOVERNORATES) if place.in_area else frozenset()
    if place.id in _REGION_GOVS:
        return _REGION_GOVS[place.id]
    if place.governorate:
        return frozenset({place.governorate})
    words = place.name_en.lower().replace("-", " ").replace("north east", "northeast")
    words = words.replace("northeast", "north east").replace("northwest", "north west")
    tokens = set(words.replace("ern", "").split())
    for needed, govs in _REGION_NAME_GOVS:
        if all(t in tokens for t in needed):
            return govs
    return frozenset()


def _contains(area: Place, other: Place, max_km: float) -> bool:
    """Whether ``other`` lies in ``area`` (by governorate, parent link or, for a
    countryside region centred on a town, by distance)."""
    if other.parent == area.id or area.parent == other.id:
        return True
    if area.kind == "region" and area.parent and area.governorate \
            and area.parent != area.governorate:
        # 'ريف القامشلي': the countryside of a town, not the whole governorate. (The
        # countryside of a governorate's seat, 'ريف الحسكة', is the governorate's.)
        return km_between(area, other) <= max_km
    govs = region_governorates(area)
    if is_area(other):
        return bool(govs & region_governorates(other)) if govs else False
    return bool(other.governorate) and other.governorate in govs


def _countryside_of(region: Place, town: Place) -> bool:
    """'ريف القامشلي' and 'القامشلي': one report says the town, another its countryside."""
    return region.kind == "region" and region.parent == town.id and not is_area(town)


def place_relation(a: Place | None, b: Place | None, *, max_km: float = 60.0) -> str:
    """How two places relate for merging, from strongest to weakest.

    Returns one of ``'same'`` (same id, closer than :data:`SAME_PLACE_KM`, or a
    town and its countryside region),
    ``'near'`` (within ``max_km``), ``'contains'`` (one is an area holding the
    other), ``'governorate'`` (same governorate, one is a city, under ``2 * max_km``
    apart: outlets name the city for its surroundings), ``'unknown'``
    (a side has no place) or ``'far'``.
    """
    if a is None or b is None:
        return "unknown"
    if not (a.in_area and b.in_area):
        return "same" if a.id == b.id else "far"
    if a.id == b.id or _countryside_of(a, b) or _countryside_of(b, a):
        return "same"
    a_area, b_area = is_area(a), is_area(b)
    if not a_area and not b_area:
        km = km_between(a, b)
        if km <= SAME_PLACE_KM:
            return "same"
        if km <= max_km:
            return "near"
    if (a_area and _contains(a, b, max_km)) or (b_area and _contains(b, a, max_km)):
        return "contains"
    if _loosely_same_area(a, b, max_km):
        return "governorate"
    return "far"


#: Kinds of place outlets use loosely for their surroundings ('in the city of al-Hasakah').
_LOOSE_KINDS = frozenset({"city", "capital"})


def _loosely_same_area(a: Place, b: Place, max_km: float) -> bool:
    """Same governorate, one of them a city, and under ``2 * max_km`` apart: an outlet
    may have named the city for somewhere in its governorate."""
    if not a.governorate or a.governorate != b.governorate or is_area(a) or is_area(b):
        return False
    if a.kind not in _LOOSE_KINDS and b.kind not in _LOOSE_KINDS:
        return False
    return km_between(a, b) <= 2 * max_km


# --- actors ---------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def actor_key(name: str) -> str:
    """The side an actor name denotes ('US forces' and 'international coalition' -> 'us')."""
    low = f"{name.strip().lower()} "
    for key, words in _ACTOR_KEYS:
        if any(w in low for w in words):
            return key
    return low.strip()


def actors_compatible(a: Iterable[str], b: Iterable[str]) -> bool | None:
    """True when the actors overlap, None when a side names none, False when disjoint."""
    ka, kb = {actor_key(x) for x in a if x}, {actor_key(x) for x in b if x}
    if not ka or not kb:
        return None
    return bool(ka & kb)

"""How two reports relate: are their places the same, near, nested; are their actors one side.

Merging decides whether several outlets describe one event from these relations;
the layers and the scorers ask the same questions (is this place an area, which
governorates does a region cover), so the answers live here, apart from the
clustering that uses them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from gazetteer.countrysides import on_its_side
from gazetteer.model import AREA_KINDS, GOVERNORATES, Place, km_between

__all__ = ["AREA_KINDS", "CITY_KM", "SAME_PLACE_KM", "actor_key", "actors_compatible",
           "days_agree", "is_area", "is_macro_region", "is_seat", "km_between", "place_relation",
           "region_governorates", "says_night"]

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

#: Two points closer than this are one place (two gazetteer records of one village or
#: town, two spellings); further apart they are two places, however near: two villages
#: 5 km apart are two villages.
SAME_PLACE_KM = 3.0
#: A city holds the points this close to its centre: its quarters, its airport, its edge.
CITY_KM = 6.0
#: Kinds of place that spread over several km (a town or village is one point).
_CITY_KINDS = frozenset({"city", "capital"})

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


def is_area(place: Place) -> bool:
    """True for a region, district, governorate or country (not a point on the ground)."""
    return place.kind in AREA_KINDS


def is_macro_region(place: Place) -> bool:
    """True for an area wider than any governorate: 'شمال شرق سوريا', 'شرق الفرات',
    'البادية', the whole country.

    Why: such a name says in which part of the country an event was, not where; a
    point drawn at its representative spot is 100 km or more from the event. A
    governorate, a district or a town's countryside ('ريف القامشلي') is not one: they
    are coarse, but an analyst can still map them.

    >>> from gazetteer.model import Place
    >>> is_macro_region(Place("ne_syria", "شمال شرق سوريا", "north-east Syria", "region", 36.5, 40.5))
    True
    >>> is_macro_region(Place("rif_qamishli", "ريف القامشلي", "Qamishli countryside", "region",
    ...                       37.05, 41.23, governorate="hasakah", parent="qamishli"))
    False
    """
    if place.kind == "country":
        return place.in_area
    # a ridge or a plain astride a border ('جبل البشري') has no governorate either, but it
    # is a feature a map can show: a part of the country spans governorates by name
    return place.kind == "region" and not place.governorate and not place.parent \
        and bool(region_governorates(place))


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


def is_seat(place: Place) -> bool:
    """A governorate's seat city named like it ('الحسكة'): outlets use the name for the
    whole governorate, so a report there may stand for anywhere in it."""
    return place.kind in _CITY_KINDS and bool(place.governorate) \
        and place.id == place.governorate


def _is_countryside(area: Place) -> bool:
    """'ريف القامشلي': the countryside of a town, not of a governorate. (The countryside
    of a governorate's seat, 'ريف الحسكة', is the governorate's.)"""
    return area.kind == "region" and bool(area.parent) and bool(area.governorate) \
        and area.parent != area.governorate


def _contains(area: Place, other: Place, max_km: float) -> bool:
    """Whether ``other`` lies in ``area`` (by governorate, parent link or, for a
    countryside region centred on a town, by distance up to ``max_km``)."""
    if other.parent == area.id:
        return True
    if _is_countryside(area):
        if is_area(other):  # two towns' countrysides are neighbours, not nested
            return _is_countryside(other) and other.parent == area.parent
        return km_between(area, other) <= max_km
    govs = region_governorates(area)
    if is_area(other):  # two vague areas that overlap may name one event's area
        return bool(govs & region_governorates(other))
    return bool(other.governorate) and other.governorate in govs and on_its_side(area, other.lat, other.lon)


def _countryside_of(region: Place, town: Place) -> bool:
    """'ريف القامشلي' and 'القامشلي': one report says the town, another its countryside."""
    return region.kind == "region" and region.parent == town.id and not is_area(town)


def place_relation(a: Place | None, b: Place | None, *, max_km: float = 60.0) -> str:
    """How two places relate for merging, from strongest to weakest.

    Returns one of

    * ``'same'``: the same id, points closer than :data:`SAME_PLACE_KM` (unless they
      are two settlements with different names), or a town and its countryside region;
    * ``'contains'``: one holds the other: an area (region, governorate, a town's
      countryside up to ``max_km`` from it) and a place in it, or a city and a point
      within :data:`CITY_KM` of its centre (its airport, a quarter);
    * ``'governorate'``: a governorate's seat city (:func:`is_seat`) and a point of
      that governorate under ``2 * max_km`` away: outlets name the seat for the
      governorate, so the seat may stand for the other place, never the reverse;
    * ``'near'``: two points within ``max_km`` that are none of the above (two towns
      of one valley: *not* one place; merging never accepts it);
    * ``'unknown'`` (a side has no place) or ``'far'``.
    """
    if a is None or b is None:
        return "unknown"
    if not (a.in_area and b.in_area):
        return "same" if a.id == b.id else "far"
    if a.id == b.id or _countryside_of(a, b) or _countryside_of(b, a):
        return "same"
    a_area, b_area = is_area(a), is_area(b)
    if a_area or b_area:
        if (a_area and _contains(a, b, max_km)) or (b_area and _contains(b, a, max_km)):
            return "contains"
        return "far"
    km = km_between(a, b)
    if km <= SAME_PLACE_KM and not _two_settlements(a, b):
        return "same"
    if km <= CITY_KM and (a.kind in _CITY_KINDS or b.kind in _CITY_KINDS):
        return "contains"
    if _seat_stands_for(a, b, km, max_km) or _seat_stands_for(b, a, km, max_km):
        return "governorate"
    return "near" if km <= max_km else "far"


#: Kinds of place that are each their own settlement, however close to another.
_SETTLEMENT_KINDS = frozenset({"town", "village", "neighbourhood", "camp"})


def _names(place: Place) -> set[str]:
    return {n.strip().casefold() for n in (place.name_ar, place.name_en, *place.alt_names)
            if n and n.strip()}


def _two_settlements(a: Place, b: Place) -> bool:
    """Two villages or towns with no name in common: two places even 2 km apart (two
    records of one town share a name)."""
    return a.kind in _SETTLEMENT_KINDS and b.kind in _SETTLEMENT_KINDS \
        and not _names(a) & _names(b)


def _seat_stands_for(seat: Place, other: Place, km: float, max_km: float) -> bool:
    return is_seat(seat) and other.governorate == seat.governorate and km <= 2 * max_km


# --- dates ----------------------------------------------------------------------------

#: 'ليل الأربعاء الخميس', 'ليلة أمس', 'فجر اليوم', 'منتصف الليل', 'ليلاً': the event
#: straddles two days, and outlets date it by either (with a clitic, without diacritics).
_NIGHT_RE = re.compile(
    r"(?<![\w])[وفبل]?(?:ال)?(?:ليل[ةه]?|ليلا|فجرا?)(?![\w])"
    r"|\b(?:night|overnight|dawn|midnight)\b", re.IGNORECASE)
_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")  # diacritics, tatweel


def says_night(text: str) -> bool:
    """Whether a text places something at night or dawn (ليل/ليلة/فجر, night/dawn).

    >>> says_night("نفذت القوات ليل الأربعاء - الخميس إنزالاً"), says_night("فجراً")
    (True, True)
    >>> says_night("قال الليلكي"), says_night("الفجري")
    (False, False)
    """
    return bool(_NIGHT_RE.search(_MARKS_RE.sub("", text)))


def days_agree(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], *,
               gap: int = 0) -> bool:
    """Whether two periods ``(first, last)`` overlap, or are at most ``gap`` days apart.

    Two outlets give a night event either of its two days, so a caller allows
    ``gap=1`` when one of them says it was at night; otherwise two day-precise
    reports on different days are two events. (On ordinals: no overflow at the
    calendar's edges.)

    >>> d = dt.date
    >>> days_agree((d(2022, 10, 5), d(2022, 10, 5)), (d(2022, 10, 6), d(2022, 10, 6)))
    False
    >>> days_agree((d(2022, 10, 5), d(2022, 10, 5)), (d(2022, 10, 6), d(2022, 10, 6)), gap=1)
    True
    """
    return (a[0].toordinal() - gap <= b[1].toordinal()
            and b[0].toordinal() - gap <= a[1].toordinal())


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

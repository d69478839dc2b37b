"""Town, village, crossing, base and airport names drawn on the offline basemap.

At working zoom (9-12 around Qamishli or Amuda) polygons alone are a void: an analyst
finds their bearings by the towns. The names come from the gazetteer at run time (so a
GeoNames import adds villages to the map too), in English and Arabic, in tiers that
appear by zoom level so that the country view is not a carpet of names: cities and big
towns from zoom 7, other towns, border crossings, bases and airports from 9, villages
from 10. At most :data:`MAX_LABELS` names are sent (a country dump of villages would
otherwise weigh megabytes); the biggest places win.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from gazetteer import Place, load_gazetteer

__all__ = ["BIG_TOWN_POPULATION", "LABEL_KINDS", "MAX_LABELS", "TIERS", "label_spec",
           "label_tier"]

#: (CSS class, first zoom shown), in the order of the tier index in each row.
TIERS: tuple[tuple[str, int], ...] = (
    ("town-label", 7),       # 0: cities, big towns
    ("smalltown-label", 9),  # 1: other towns
    ("poi-label", 9),        # 2: border crossings, bases, airports
    ("village-label", 10),   # 3: villages
)
LABEL_KINDS = {"capital": 0, "city": 0, "town": 1, "border_crossing": 2, "base": 2,
               "airport": 2, "village": 3}
BIG_TOWN_POPULATION = 20_000
MAX_LABELS = 2_000
COORD_DIGITS = 4


def label_tier(place: Place) -> int | None:
    """The tier a place is labelled in, or None when it is not labelled.

    >>> label_tier(Place("x", "", "X", "town", 36.0, 40.0, population=50_000))
    0
    >>> label_tier(Place("y", "", "Y", "village", 36.0, 40.0, in_area=False)) is None
    True
    """
    tier = LABEL_KINDS.get(place.kind)
    if tier is None or not place.in_area:
        return None
    if tier == 1 and (place.population or 0) >= BIG_TOWN_POPULATION:
        return 0
    return tier


def _label_html(place: Place) -> str:
    """A dot, the English name, the Arabic name (escaped: imported names are data)."""
    parts = ["<i></i>"]
    if place.name_en:
        parts.append(f"<span>{html.escape(place.name_en)}</span>")
    if place.name_ar:
        parts.append(f'<span dir="rtl">{html.escape(place.name_ar)}</span>')
    return "".join(parts)


def label_spec(places: Iterable[Place] | None = None, *, limit: int = MAX_LABELS) -> dict:
    """The spec of ``OsintMap.labels`` for the gazetteer's places (default: all).

    Rows are ``[lat, lon, fragment, tier]``, biggest tier first, then by population.
    """
    if places is None:
        places = load_gazetteer().places.values()
    chosen = [(tier, p) for p in places if (tier := label_tier(p)) is not None]
    chosen.sort(key=lambda tp: (tp[0], -(tp[1].population or 0), tp[1].id))
    frags: list[str] = []
    rows: list[list] = []
    for tier, place in chosen[:limit]:
        frags.append(_label_html(place))
        rows.append([round(place.lat, COORD_DIGITS), round(place.lon, COORD_DIGITS),
                     len(frags) - 1, tier])
    return {"rows": rows, "frags": frags, "cls": TIERS[0][0],
            "tiers": [{"cls": cls, "minZoom": zoom} for cls, zoom in TIERS]}

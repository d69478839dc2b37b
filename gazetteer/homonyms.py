"""A village named among far places: another village of that name, not the one we know.

Why a module: village names recur across Syria ('تل شعير' by Qamishli and one west of
Kobani), and the gazetteer holds a few hundred of the thousands. A reader who meets a
village in a passage that names only places of another region ('جابت قرى ... وصولاً إلى
قرية تل شعير' after 'ريف كوباني الغربي') does not put it 250 km away by the one village
of that name they know: it is a village of that region they do not know. This module
reads a village so: when every other place named around it is far away and none of its
own governorate is named near it, the mention is kept as a name the gazetteer lacks,
for review, with the known village left among its candidates. Towns and cities, which
are seldom namesakes, are never read so.
"""

from __future__ import annotations

import bisect
import math

from .model import Mention, Place

__all__ = ["FAR_KM", "NEAR_CHARS", "REGION_KM", "far_namesakes"]

#: Places named within this many characters of the village are its neighbours in the text.
NEAR_CHARS = 400
#: A village this far from every neighbour in the text is read as another of its name.
FAR_KM = 100.0
#: The places named around it lie within this of each other: the passage is set in one region.
REGION_KM = 60.0
#: Kinds that stand for a point a village can be near (areas have no single point).
_POINT_KINDS = frozenset({"city", "capital", "town", "village", "base", "airport", "camp", "dam",
                          "oilfield", "gasfield", "border_crossing", "neighbourhood", "bridge"})


def _km(a: Place, b: Place) -> float:
    dlat = (b.lat - a.lat) * 111.32
    dlon = (b.lon - a.lon) * 111.32 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dlat, dlon)


def far_namesakes(mentions: list[Mention]) -> None:
    """Unplace (in place) each village mention whose neighbours in the text are all far from
    it and none of its governorate: its cue says why, its candidates keep the known one."""
    located = sorted((m for m in mentions if m.place is not None and m.role == "location"
                      and m.place.in_area), key=lambda m: m.start)
    starts = [m.start for m in located]
    far = []
    for m in located:
        if m.place.kind != "village" or m.approximate:
            continue
        near = located[bisect.bisect_left(starts, m.start - NEAR_CHARS):
                       bisect.bisect_right(starts, m.start + NEAR_CHARS)]
        if _far_namesake(m, near):
            far.append(m)
    for m in far:  # decided on the text as resolved, then changed
        village = m.place
        m.place, m.confidence = None, 0.3
        m.cue = (f"'{m.text}' is named among places {FAR_KM:.0f}+ km from the {village.name_en} "
                 f"of the gazetteer ({village.governorate}): another village of that name, "
                 "not in the gazetteer; needs review")


def _far_namesake(m: Mention, near: list[Mention]) -> bool:
    """Two places or more named around ``m``, all of one other region (within
    :data:`REGION_KM` of each other) and all over :data:`FAR_KM` from it, none of its
    governorate: the passage is set elsewhere ('قصفت قرية تل شعير، كما قصفت كوباني' names
    two regions, and stays as it is)."""
    village = m.place
    others = [o for o in near if o is not m and o.place.id != village.id]
    points = {o.place.id: o.place for o in others if o.place.kind in _POINT_KINDS}
    if len(points) < 2 or any(o.place.governorate == village.governorate for o in others):
        return False
    places = list(points.values())
    one_region = all(_km(a, b) <= REGION_KM for a in places for b in places)
    return one_region and min(_km(village, p) for p in places) > FAR_KM

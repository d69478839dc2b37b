"""A village named among far places: another village of that name, not the one we know.

Why a module: village names recur across Syria ('تل شعير' by Qamishli and one west of
Kobani), and the gazetteer holds a few hundred of the thousands. A reader who meets a
village in a passage that names only places of another region ('جابت قرى ... وصولاً إلى
قرية تل شعير' after 'ريف كوباني الغربي') does not put it 250 km away by the one village
of that name they know: it is a village of that region they do not know. This module
reads a village so: when it stands among villages the gazetteer lacks, every other place
named around it is far away and of one region, and none of its own governorate is named
near it, the mention is kept as a name the gazetteer lacks,
for review, with the known village left among its candidates. Towns and cities, which
are seldom namesakes, are never read so.
"""

from __future__ import annotations

import bisect
import operator

from .model import AREA_KINDS, Mention, km_between

__all__ = ["FAR_KM", "NEAR_CHARS", "REGION_KM", "far_namesakes"]

#: Places named within this many characters of the village are its neighbours in the text.
NEAR_CHARS = 400
#: A village this far from every neighbour in the text is read as another of its name.
FAR_KM = 100.0
#: Villages the gazetteer lacks named this close: the village stands in a list of them.
LIST_CHARS = 150
#: The places named around it lie within this of each other: the passage is set in one region.
REGION_KM = 60.0


#: A mention's start, as a sort key read in C (no Python call per mention).
_START = operator.attrgetter("start")


def far_namesakes(mentions: list[Mention]) -> None:
    """Unplace (in place) each village mention named among villages the gazetteer lacks, whose
    other neighbours in the text are all far from it and none of its governorate: its cue
    says why, its candidates keep the known one."""
    located = sorted((m for m in mentions if m.role == "location"
                      and (m.place is None or m.place.in_area)), key=_START)
    starts = [m.start for m in located]
    far = []
    for m in located:
        if m.place is None or m.place.kind != "village" or m.approximate:
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
    """Villages the gazetteer lacks named beside ``m`` (a list of the region's villages), and
    every place named around it of one other region (within :data:`REGION_KM` of each other),
    over :data:`FAR_KM` from it, none of its governorate: the passage is set elsewhere.
    ('قصفت قرية تل شعير، كما قصفت كوباني' names two regions, and the village stands.)"""
    village = m.place
    others = [o for o in near if o is not m and o.place is not None and o.place.id != village.id]
    points = {o.place.id: o.place for o in others if o.place.kind not in AREA_KINDS}
    if not points or any(o.place.governorate == village.governorate for o in others):
        return False
    # a village the gazetteer lacks: unplaced, or placed at the area the text ties it to
    unknown = any(o is not m and o.kind_word == "village" and (o.place is None or o.approximate)
                  and abs(o.start - m.start) <= LIST_CHARS for o in near)
    places = list(points.values())
    one_region = all(km_between(a, b) <= REGION_KM for a in places for b in places)
    return unknown and one_region and min(km_between(village, p) for p in places) > FAR_KM

"""A place told by its distance and bearing from a named one: '20 كيلومتراً شرق مدينة عين العرب'.

Why a module: news often places a village the reader is not expected to know by how far
and which way it lies from a town everyone knows ('قرية خراب ناس (20 كيلومترًا شرق
مدينة عين العرب)', 'على بعد 15 كم شمال الحسكة'). The town named there is not where the
event was; the point the text gives is. A reader maps it there, approximately: this
module turns such a phrase into a place at that distance and bearing (kind 'village',
in the town's countryside, its source saying how it was made), and gives it to the
town's mention and to a village named right before the phrase that the gazetteer lacks.
Nothing is invented: the distance and the bearing are the text's; a distance with no
bearing, or one too long to say where a village is, is left as it was.
"""

from __future__ import annotations

import bisect
import math
import re

from .model import AREA_KINDS, Mention, Place
from .normalize import DIRECTION_WORDS, FoldedText
from .store import Gazetteer

__all__ = ["MAX_OFFSET_KM", "after_a_direction", "offset_place", "offset_places"]

#: Longer distances describe a far town ('البوكمال (122 كم جنوب شرق دير الزور)'), not a village.
MAX_OFFSET_KM = 60

_NUMBER_WORDS = {
    "كيلومترين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "ثمانيه": 8,
    "تسعه": 9, "عشره": 10, "عشرين": 20, "ثلاثين": 30, "اربعين": 40, "خمسين": 50,
}
#: Bearings in degrees from north, by the folded direction words.
_BEARINGS = {
    ("شمال",): 0, ("شرق",): 90, ("جنوب",): 180, ("غرب",): 270,
    ("شمال", "شرق"): 45, ("جنوب", "شرق"): 135, ("جنوب", "غرب"): 225, ("شمال", "غرب"): 315,
}
_DIRECTION_NAMES = {0: ("شمال", "north"), 45: ("شمال شرق", "north-east"), 90: ("شرق", "east"),
                    135: ("جنوب شرق", "south-east"), 180: ("جنوب", "south"),
                    225: ("جنوب غرب", "south-west"), 270: ("غرب", "west"), 315: ("شمال غرب", "north-west")}
_DIRECTION = r"(?:ال)?(شمال|جنوب|شرق|غرب)(?:ي|ا)?"
#: '20 كيلومترًا شرق مدينة', '15 كم إلى الشمال الشرقي من', 'بنحو 5 كم جنوبي بلدة' right
#: before the name (folded text; group 1 the number, 2 and 3 the direction words).
_OFFSET_RE = re.compile(
    r"(?<![^\W_])(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s*(?:كم|كلم|كيلو\s?متر\S*|كيلو)?"
    r"\s+(?:(?:الي|في)\s+)?" + _DIRECTION + r"(?:\s+" + _DIRECTION + r")?"
    r"\s+(?:من\s+)?(?:(?:ال)?(?:مدينه|بلده|قريه|ناحيه|مركز|قاعده|مطار)\s+)?$")

#: A digit or a number word: a phrase of :data:`_OFFSET_RE` holds one (tested first, cheaply,
#: by one search rather than one per word).
_A_NUMBER = re.compile(r"\d|" + "|".join(_NUMBER_WORDS)).search


def offset_place(origin: Place, km: int, bearing: int, gaz: Gazetteer) -> Place:
    """The point ``km`` km from ``origin`` on ``bearing`` (degrees from north), as a place
    of the origin's countryside whose name and source say how it was made."""
    rad = math.radians(bearing)
    lat = origin.lat + km * math.cos(rad) / 111.32
    lon = origin.lon + km * math.sin(rad) / (111.32 * math.cos(math.radians(origin.lat)))
    word_ar, word_en = _DIRECTION_NAMES[bearing]
    area = gaz.countryside_of.get(origin.id, origin)
    return Place(
        f"{origin.id}__{km}km_{word_en}", f"{km} كم {word_ar} {origin.name_ar}",
        f"{km} km {word_en} of {origin.name_en}", "village", round(lat, 5), round(lon, 5),
        origin.governorate, parent=area.id,
        source=f"{km} km {word_en} of {origin.name_en} ({origin.id}), as the text gives it")


def offset_places(folded: FoldedText, mentions: list[Mention], gaz: Gazetteer,
                  spotted: dict[str, list[int]] | None = None) -> None:
    """Put each mention named after a distance and a bearing at the point they give, and
    a village the gazetteer lacks named right before the phrase there too (in place).
    ``spotted``: where the matcher's pass found each direction word (see
    :meth:`gazetteer.matcher.PlaceMatcher.find_spotted`), when it did."""
    text = folded.folded
    starts = folded.to_folded_many([m.start for m in mentions])  # (spans never change here)
    sides_at_a_distance(folded, mentions, starts, gaz)
    by_end: list[tuple[int, int]] | None = None  # (folded end, index) of every mention, sorted
    # every phrase has a direction and a number: few names have both before them
    for i in after_a_direction(text, starts, spotted):
        m, at = mentions[i], starts[i]
        place = m.place
        if place is None or m.role != "location" or not place.in_area or place.kind in AREA_KINDS:
            continue
        lo = max(0, at - _REACH)
        if _A_NUMBER(text, lo, at) is None:
            continue
        found = _OFFSET_RE.search(text, lo, at)
        if found is None:
            continue
        number = found.group(1)
        km = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        words = tuple(w for w in found.group(2, 3) if w)
        bearing = _BEARINGS.get(words)
        if bearing is None or not 0 < km <= MAX_OFFSET_KM:
            continue
        point = offset_place(place, km, bearing, gaz)
        cue = (f"{km} km {_DIRECTION_NAMES[bearing][1]} of {place.name_ar} as the text gives it: "
               "approximate")
        if by_end is None:  # made on the first phrase: most texts have none
            ends = folded.to_folded_many([other.end for other in mentions])
            by_end = sorted(zip(ends, range(len(mentions)), strict=True))
        for target in [m, *_village_before(folded, mentions, by_end, found.start(), place, gaz)]:
            target.place, target.approximate, target.geo_precision = point, True, 2
            target.cue = cue


#: How far before a name (characters) its phrase is looked for.
_REACH = 60

#: A distance right before a name ('على بعد 15 كم '), its number group 1 (folded text).
_DISTANCE_BEFORE_RE = re.compile(
    r"(?<![^\W_])(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s*(?:كم|كلم|كيلو\s?متر\S*|كيلو)?"
    r"\s+(?:(?:الي|في)\s+)?$")
#: The bearing a side of a province is named by, opening its name ('شمال الحسكة').
_SIDE_NAME_RE = re.compile(_DIRECTION + r"(?:\s+" + _DIRECTION + r")?\s")


def sides_at_a_distance(folded: FoldedText, mentions: list[Mention], starts: list[int],
                        gaz: Gazetteer) -> None:
    """'على بعد 15 كم شمال الحسكة': the bearing and the seat after a distance are a point
    from the seat, not the side of the province 'شمال الحسكة' alone names
    (:mod:`gazetteer.countrysides`). In place, before the phrases after a name are read."""
    text = folded.folded
    by_end: list[tuple[int, int]] | None = None  # made on the first phrase, as offset_places does
    for m, at in zip(mentions, starts, strict=True):
        place = m.place
        if place is None or not place.id.startswith("rif_") or _A_NUMBER(text, max(0, at - 30), at) is None:
            continue
        side = _SIDE_NAME_RE.match(text, at)
        found = _DISTANCE_BEFORE_RE.search(text, max(0, at - 30), at) if side else None
        seat = gaz.get(place.parent) if found is not None and place.parent else None
        bearing = _BEARINGS.get(tuple(w for w in side.group(1, 2) if w)) if side else None
        if seat is None or bearing is None:
            continue
        number = found.group(1)
        km = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if not 0 < km <= MAX_OFFSET_KM:
            continue
        point = offset_place(seat, km, bearing, gaz)
        cue = f"{km} km {_DIRECTION_NAMES[bearing][1]} of {seat.name_ar} as the text gives it: approximate"
        if by_end is None:
            ends = folded.to_folded_many([other.end for other in mentions])
            by_end = sorted(zip(ends, range(len(mentions)), strict=True))
        for target in [m, *_village_before(folded, mentions, by_end, found.start(), seat, gaz)]:
            target.place, target.approximate, target.geo_precision, target.cue = point, True, 2, cue


def after_a_direction(text: str, starts: list[int],
                      spotted: dict[str, list[int]] | None = None) -> list[int]:
    """The indices of ``starts`` with a direction word wholly within the :data:`_REACH`
    characters before them, ascending.

    Why: a long text has tens of thousands of names and a few thousand direction words;
    four searches before every name were most of this pass. For many names the direction
    words' places are taken from ``spotted`` (the matcher's pass, when it spotted them)
    or found once (``str.find`` over the text), and each name's nearest one before it
    looked up in one vectorised search."""
    if len(starts) < _MANY:
        find = text.find
        return [i for i, at in enumerate(starts) if any(
            find(word, max(0, at - _REACH), at) >= 0 for word in DIRECTION_WORDS)]
    import numpy as np

    at = np.asarray(starts, dtype=np.int64)
    near = np.zeros(len(at), dtype=bool)
    for word in DIRECTION_WORDS:
        found = spotted.get(word) if spotted is not None else None
        if found is None:
            found, hit = [], text.find(word)
            while hit >= 0:
                found.append(hit)
                hit = text.find(word, hit + 1)
        if not found:
            continue
        hits = np.asarray(found, dtype=np.int64)
        # the last occurrence that ends by the name: it lies in reach, or none does
        last = np.searchsorted(hits, at - len(word), side="right") - 1
        near |= (last >= 0) & (hits[np.maximum(last, 0)] >= np.maximum(at - _REACH, 0))
    return np.flatnonzero(near).tolist()


#: From this many names the direction words are found once for all (see
#: :func:`after_a_direction`).
_MANY = 256


def _village_before(folded: FoldedText, mentions: list[Mention], by_end: list[tuple[int, int]],
                    phrase_at: int, origin: Place, gaz: Gazetteer) -> list[Mention]:
    """The village named right before the phrase ('قرية خراب ناس (20 كيلومترًا ...') that the
    gazetteer lacks: it stood at the origin's area, or nowhere, until the phrase said where.

    ``by_end`` are the mentions' (folded end, index), sorted: they are read back from the
    phrase only while the text between is short enough (it only grows further back), not
    all of them for each phrase (a long text has tens of thousands).
    """
    area = gaz.countryside_of.get(origin.id, origin)
    near: list[int] = []
    k = bisect.bisect_right(by_end, (phrase_at, len(mentions)))
    while k:  # back from the phrase, by index (a slice up to it copied most of the list)
        k -= 1
        end, i = by_end[k]
        if len(folded.folded[end:phrase_at].strip(" (،,-")) > 12:
            break
        near.append(i)
    out = []
    for other in (mentions[i] for i in sorted(near)):
        unknown = other.place is None and other.role == "location" and bool(other.kind_word)
        if not unknown and (other.place is None or other.place.id not in (origin.id, area.id)
                            or not other.approximate):
            continue
        out.append(other)
    return out

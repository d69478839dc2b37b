"""Names that say where another lies: qualifiers and frames of a place.

Why a module: 'القامشلي شمالي الحسكة', 'قرية مشيرفة في منطقة القامشلي بريف الحسكة', 'قرية
خربة عمو في الحسكة إلى الشرق من مدينة القامشلي': news names a place, then coarser ones
saying where it lies. A reader maps the finest and reads the others as its address; both
the event's place (:mod:`.places`) and the lists of places (:mod:`.place_lists`) ask here
which names only qualify another and which town frames a village the gazetteer lacks.
"""

from __future__ import annotations

import re

from gazetteer.model import KINDS, Mention, Place

from ..relate import AREA_KINDS
from .document import Doc
from .folding import rx
from .place_cues import is_seat

__all__ = ["KIND_RANK", "breadth", "finer_frame", "is_qualifier"]

#: A kind's rank from the most precise point to the widest area (see :data:`gazetteer.model.KINDS`).
KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_DIRECTION_RE = rx(r"(?<![^\W\d_])(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي|ا)?(?![^\W\d_])")
#: 'ومحيطها', 'وريفه' right after a place: its surroundings, part of the place told.
_SURROUNDINGS_RE = rx(r"^\s*و(?:محيط|ريف|اطراف|ضواحي)(?:ها|ه)(?![^\W\d_])")


def is_qualifier(doc: Doc, m: Mention, usable: list[Mention]) -> bool:
    """'الحسكة' in 'القامشلي شمالي الحسكة', 'محافظة الحسكة' after 'بلدة القحطانية' and in
    'مدينة تل أبيض بريف محافظة الحسكة' (a coarser place said where the one before it lies),
    'دمشق' in 'القامشلي (680 كم من دمشق)' (a far reference point)."""
    if _FAR_REFERENCE_RE.search(doc.fspan(max(0, m.start - 30), m.start)) and any(
            o is not m and o.end <= m.start for o in usable):
        return True  # 'ضواحي مدينة القامشلي (680 كم من دمشق)': how far from a reference point
    for other in usable:
        if other is m or other.end > m.start or m.start - other.end > 24:
            continue
        # 'مدينة منبج ومحيطها (شمال شرق حلب)': the town's surroundings, then where it lies
        gap = _SURROUNDINGS_RE.sub("", doc.fspan(other.end, m.start), count=1)
        if re.search(r"[.!?]", gap) or re.search(r"(?<![^\W\d_])و", gap.strip()[:1]) \
                or re.search(r"[,،]\s*و\s*$", gap):
            continue  # ('تل رفعت بريف حلب الشمالي، وعين عيسى': the next member of a list)
        if _DIRECTION_RE.search(gap):
            return True
        gap = gap.replace("(", " ").replace(")", " ")  # 'عين العرب (كوباني) بريف حلب'
        if not re.fullmatch(
                r"[\s,]*(?:(?:ال)?سوري(?:ه|ا)?\s*)?(?:في|ب|من|التابعه ل\S*|الواقعه في|(?:في |ب)ريف)?\s*",
                gap):
            continue
        if not gap.strip(" ,،") and _LIST_GOES_ON_RE.match(doc.fspan(m.end, m.end + 4)) and any(
                m.end < o.start <= m.end + 12 for o in usable):
            continue  # 'على قرى "أبو حردوب، ذيبان وأبو حمام"': a list closed by 'و', each a member
        if (KIND_RANK.get(m.place.kind, 0) > KIND_RANK.get(other.place.kind, 0)
                or breadth(m.place) > breadth(other.place)):
            return True
        if is_seat(m.place, doc.gazetteer) and other.kind_word in ("village", "town") and other.approximate:
            # 'قرية خربة عمو في الحسكة': a village the gazetteer lacks, then its province
            # named by its seat
            return True
    return False


#: 'و' opening the next member right after a name.
_LIST_GOES_ON_RE = rx(r"[\s\"'»”]*و")


#: A distance of a hundred km or more from a place: the place is a reference point, far away
#: ('ضواحي مدينة القامشلي (680 كم من دمشق)'); a nearer one says where the event was ('على بعد
#: 10 كم من مدينة القامشلي').
_FAR_REFERENCE_RE = rx(r"(?<![\d.,])[1-9]\d{2,}\s*(?:كم|كيلو\s*متر\w*|كيلومتر\w*)\s+(?:من|عن)\s+"
                       r"(?:(?:ال)?(?:مدينه|العاصمه|عاصمه)\s+)?$")


#: 'إلى الشرق من مدينة', 'جنوب شرقي', 'شرقي بلدة': a bearing from the town named next.
_BEARING_FROM_RE = rx(r"(?:الي\s+)?(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي|ا)?(?:\s+(?:ال)?(?:شرق|غرب)(?:ي|ا)?)?"
                      r"(?:\s+من)?\s*(?:(?:ال)?(?:مدينه|بلده|ناحيه)\s+)?$")


def finer_frame(doc: Doc, best: Mention, usable: list[Mention]) -> Place | None:
    """The countryside of the town a village the gazetteer lacks is said to lie east, west ...
    of, when the village was framed by something coarser: 'قرية خربة عمو في الحسكة إلى
    الشرق من مدينة القامشلي' is in Qamishli's countryside, not anywhere in the province."""
    if not (best.kind_word in ("village", "town") and best.approximate and best.place is not None
            and best.place.kind in AREA_KINDS):
        return None
    for other in usable:
        if other.start <= best.end or other.start - best.end > 80 or other.place.kind in AREA_KINDS:
            continue
        between = doc.fspan(best.end, other.start)
        if re.search(r"[.!?؛]", between) or not _BEARING_FROM_RE.search(between):
            continue
        frame = doc.gazetteer.countryside_of.get(other.place.id, other.place)
        if breadth(frame) < breadth(best.place):
            return frame
    return None


def breadth(place: Place) -> int:
    """How wide an area is, to tell which of two names says where the other lies: a
    governorate (4), its seat's countryside standing for it ('بريف الحسكة', 3), a district
    (2), a town's countryside (1), a point (0)."""
    if place.kind == "governorate" or place.kind == "country":
        return 4
    if place.kind == "region" and place.parent and place.parent == place.governorate:
        return 3
    if place.kind == "district":
        return 2
    return 1 if place.kind in AREA_KINDS else 0

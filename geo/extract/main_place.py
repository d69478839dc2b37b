"""The place an article is mostly about (for the article's own point on the map).

Why apart: :mod:`.places` places each event; this weighs the whole article instead (the
places it names often, those its incidents stand at, those in its title), and is never
its dateline.
"""

from __future__ import annotations

from collections import Counter

from gazetteer.model import Place

from ..model import Incident
from ..relate import AREA_KINDS
from .document import Doc

__all__ = ["main_place"]


def main_place(doc: Doc, incidents: list[Incident]) -> Place | None:
    """The place the article is mostly about: named often, located an incident, in the title."""
    title = getattr(doc.article, "title", "") or ""
    title_ids: set[str] = set()
    if title:
        from gazetteer.resolver import resolve_text

        title_ids = {m.place.id for m in resolve_text(title, doc.gazetteer)
                     if m.place is not None and m.role == "location" and m.place.in_area}
    scores: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for m in doc.usable:
        place = m.place
        assert place is not None
        weight = 1.0 if place.kind not in AREA_KINDS else 0.3
        if place.kind == "country":
            continue
        scores[place.id] += weight * max(m.confidence, 0.3)
        places[place.id] = place
    for inc in incidents:
        if inc.place is not None and inc.place.id in places:
            scores[inc.place.id] += 0.5
    for pid in title_ids & set(places):
        scores[pid] += 2.0
    if not scores:
        return None
    best = max(scores, key=lambda pid: (places[pid].kind not in AREA_KINDS, scores[pid]))
    return places[best]

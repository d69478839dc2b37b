"""Routes: a patrol or convoy path through named places.

Why a module: 'من القامشلي باتجاه عامودا', 'بين مدينتي القامشلي والحسكة', 'طريق
الحسكة - القامشلي', 'جابت قرى X و Y و Z' draw a line on the map, a layer of its own.
In a sentence about a patrol, convoy or road, named points (and countrysides)
chained by 'و', '-', 'باتجاه' after 'بين', 'من', 'طريق' or a touring verb make a
route, with the patrol's or convoy's forces and, unless habitual, the sentence's date.
"""

from __future__ import annotations

import hashlib
import re

from gazetteer.model import Mention, Place

from ..model import Route
from .actors import drop_parents
from .cues import HABITUAL_RE, PATROL_RE
from .document import Doc, source, unique
from .folding import rx
from .places import AREA_KINDS
from .sentences import Sentence

__all__ = ["routes"]

_ROUTE_CONTEXT_RE = rx(r"دوري|رتل|ارتال|موكب|مواكب|قافل|قوافل|تعزيزات|شاحنات|صهاريج|طريق"
                       r"|اوتستراد|اوتوستراد|سير(?:ت|وا)|جاب(?:ت)|تجوب|جالت|انطلق|توجه|تحرك")
_BETWEEN_RE = rx(r"(?<![^\W\d_])بين\s+(?:(?:ال)?(?:مدينتي|بلدتي|قريتي|مدينه|بلده|قريه)\s+)?$")
_FROM_RE = rx(r"(?<![^\W\d_])(?:من|انطلاقا من|قادم(?:ه|ا|ين)? من|قادم(?:ه|ا)? من)\s+"
              r"(?:(?:ال)?(?:مدينه|بلده|قريه|قاعده|مطار)\s+)?$")
_TOWARDS_RE = rx(r"^\s*,?\s*(?:(?:و|ثم)\s*)?(?:باتجاه|نحو|الي|حتي|وصولا الي|مرورا ب|صوب)\s*"
                 r"(?:(?:ال)?(?:مدينه|بلده|قريه|قاعده|مطار)\s+)?$")
_ROAD_BEFORE_RE = rx(r"(?:طريق|اوتستراد|اوتوستراد|الطريق الدولي|الطريق الواصل بين|الطريق بين)\s*"
                     r"(?:(?:ال)?(?:مدينه|بلده)\s+)?$")
_DASH_RE = re.compile(r"^\s*[-\u2013\u2014/]\s*$")
_AND_RE = rx(r"^\s*(?:,\s*)?و?\s*(?:(?:ال)?(?:مدينه|بلده|قريه)\s+)?$")
_TOUR_RE = rx(r"(?<![^\W\d_])[وف]?(?:جاب(?:ت)?|تجوب|جالت|تجولت|مرت|مرورا|سير(?:ت|وا)|شملت)"
              r"(?![^\W\d_])")


def routes(doc: Doc) -> list[Route]:
    """The routes the article names, each with its waypoints, forces and sentence."""
    found: dict[tuple[str, ...], Route] = {}
    for s in doc.sentences:
        if s.heading or not _ROUTE_CONTEXT_RE.search(s.folded):
            continue
        points = [m for m in doc.in_sentence(doc.usable, s) if m.place.kind not in AREA_KINDS
                  or (m.place.kind == "region" and m.place.parent)]
        for waypoints in _paths(doc, s, points):
            key = tuple(p.id for p in waypoints)
            if len(set(key)) < 2 or key in found:
                continue
            digest = hashlib.sha1(f"{doc.article.id}|{'>'.join(key)}".encode()).hexdigest()[:10]
            route = Route(id=f"route-{digest}", waypoints=waypoints,
                          actors=_route_actors(doc, s), sources=[source(doc, s.text.strip())])
            if not HABITUAL_RE.search(s.folded):
                exprs = doc.in_sentence(doc.dates, s)
                if exprs:
                    route.date_first, route.date_last = exprs[0].first, exprs[0].last
                    route.date_precision = exprs[0].precision
            found[key] = route
    return list(found.values())


def _paths(doc: Doc, s: Sentence, points: list[Mention]) -> list[list[Place]]:
    """Waypoint lists: 'بين X و Y', 'من X باتجاه Y', 'طريق X - Y', 'جابت قرى X و Y و Z'."""
    paths: list[list[Place]] = []
    i = 0
    while i < len(points) - 1:
        a = points[i]
        before = doc.fspan(max(s.start, a.start - 30), a.start)
        chain = [a]
        j = i
        while j + 1 < len(points):
            gap = doc.body[points[j].end:points[j + 1].start]
            fgap = doc.fspan(points[j].end, points[j + 1].start)
            if _AND_RE.fullmatch(fgap) or _DASH_RE.fullmatch(gap) or _TOWARDS_RE.fullmatch(fgap):
                chain.append(points[j + 1])
                j += 1
            else:
                break
        if len(chain) >= 2 and _path_cue(before, doc, s, chain):
            paths.append([m.place for m in chain])
            i = j + 1
        else:
            i += 1
    return paths


def _path_cue(before: str, doc: Doc, s: Sentence, chain: list[Mention]) -> bool:
    first_gap = doc.body[chain[0].end:chain[1].start]
    fgap = doc.fspan(chain[0].end, chain[1].start)
    if _BETWEEN_RE.search(before):
        return bool(_AND_RE.fullmatch(fgap))
    if _FROM_RE.search(before) and _TOWARDS_RE.fullmatch(fgap):
        return True
    if _ROAD_BEFORE_RE.search(before) and (_DASH_RE.fullmatch(first_gap) or _AND_RE.fullmatch(fgap)):
        return True
    lead = doc.fspan(s.start, chain[0].start)
    return bool(_TOUR_RE.search(lead) and _AND_RE.fullmatch(fgap) and PATROL_RE.search(lead))


def _route_actors(doc: Doc, s: Sentence) -> list[str]:
    hits = doc.in_sentence(doc.actors, s)
    units = [h for h in hits if h.unit in ("patrol", "convoy")]
    chosen = units or [h for h in hits if not h.metonym]
    return drop_parents(unique(h.actor for h in chosen))

"""One event, many outlets: merging the incidents that several articles report.

Each article is read on its own, so the same landing near Qamishli comes out
once per outlet, with dates and places of different precision. This module
clusters those reports into one incident that keeps every source and its
evidence sentence, takes the most precise place and date, and writes down what
the sources disagree on instead of silently picking a winner.

Two incidents merge when all of these hold:

* **type**: the same type, or the same small family (:data:`TYPE_FAMILIES`);
  the landing family (raid / arrest / airstrike) only when an evidence
  sentence says إنزال (a heliborne landing is all three at once);
* **date**: the intervals ``[date_first, date_last]`` overlap, widened by
  ``tolerance_days`` for day precision because outlets disagree by a day or
  two; an unknown date only merges when type, place and actors agree strongly;
  a month, year or unknown date only joins an event when it is the only one
  that fits ('a raid in Qamishli in October' cannot say which of three it was);
* **place**: the same place, within ``max_km``, or one contains the other (a
  governorate or region holds every point in it); two places that only share a
  governorate merge only when type, date and actors agree strongly (outlets
  often write 'the city of al-Hasakah' for anywhere in the governorate);
* **actors**: they overlap, or one side names none;
* **articles**: two incidents of the same article never merge (the extractor
  already de-duplicated them) unless they are identical.

Clustering is greedy and deterministic: incidents are visited from the most
precise (day, then place precision) to the least, and each joins the best
compatible cluster found through a date index (so 100k incidents do not cost
100k x 100k comparisons).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from gazetteer.model import Place

from .model import Base, Incident, Route, Source, iso_cut, shift_date
from .relate import (
    AREA_KINDS,
    SAME_PLACE_KM,
    actor_key,
    actors_compatible,
    is_area,
    km_between,
    place_relation,
    region_governorates,
)

__all__ = [
    "AREA_KINDS", "MergeRecord", "SAME_PLACE_KM", "TYPE_FAMILIES", "actors_compatible",
    "actor_key", "is_area", "km_between", "merge_bases", "merge_incidents", "merge_routes",
    "place_relation", "region_governorates",
]

#: Types that may describe the same event, by family; the first type of a family
#: is the one a mixed cluster takes (the most specific description).
TYPE_FAMILIES: dict[str, tuple[str, ...]] = {
    "patrol": ("patrol_encounter", "patrol"),
    "landing": ("raid", "arrest", "airstrike"),
}
_FAMILY_OF = {t: fam for fam, types in TYPE_FAMILIES.items() for t in types}
#: Families whose members only merge across types when the evidence says so.
_FAMILY_NEEDS_WORD = {"landing": ("إنزال", "انزال", "إنزالا", "انزالا")}

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """What was merged into what, and why (for the run report)."""

    id: str
    members: tuple[str, ...]
    articles: tuple[str, ...]
    reason: str

    def as_dict(self) -> dict:
        return {"id": self.id, "members": list(self.members), "articles": list(self.articles),
                "reason": self.reason}


# --- dates ----------------------------------------------------------------------------


def _dates_overlap(a: Incident, b: Incident, tolerance_days: int) -> bool | None:
    """True/False for two known dates (day dates may be ``tolerance_days`` apart);
    None when either date is unknown."""
    if a.date_first is None or b.date_first is None:
        return None
    a_last, b_last = a.date_last or a.date_first, b.date_last or b.date_first
    day = "day" in (a.date_precision, b.date_precision)
    pad = tolerance_days if day else 0  # on ordinals: no overflow at year 1 or 9999
    return (a.date_first.toordinal() - pad <= b_last.toordinal()
            and b.date_first.toordinal() - pad <= a_last.toordinal())


# --- types ----------------------------------------------------------------------------


def _family(type_: str) -> str:
    return _FAMILY_OF.get(type_, type_)


def _says(incidents: Iterable[Incident], words: Sequence[str]) -> bool:
    return any(w in s.evidence for inc in incidents for s in inc.sources for w in words)


# --- clusters -------------------------------------------------------------------------


@dataclass(slots=True)
class _Probe:
    """What matching needs of an incident, computed once (not once per comparison)."""

    inc: Incident
    articles: frozenset[str]
    actor_keys: frozenset[str]
    family: str
    landing: bool  # the evidence names a heliborne landing (إنزال)


def _probe(inc: Incident) -> _Probe:
    family = _family(inc.type)
    words = _FAMILY_NEEDS_WORD.get(family, ())
    return _Probe(inc, frozenset(_articles_of(inc)),
                  frozenset(actor_key(a) for a in inc.actors if a), family,
                  bool(words) and _says([inc], words))


@dataclass(slots=True)
class _Cluster:
    """Incidents believed to be one event; ``head`` is the most precise member."""

    head: Incident
    family: str
    members: list[_Probe] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    actor_keys: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    landing: bool = False
    reasons: list[str] = field(default_factory=list)

    def add(self, probe: _Probe, reason: str = "") -> None:
        self.members.append(probe)
        self.articles |= probe.articles
        self.actor_keys |= probe.actor_keys
        self.types.add(probe.inc.type)
        self.landing = self.landing or probe.landing
        if reason:
            self.reasons.append(reason)


def _articles_of(inc: Incident) -> set[str]:
    return {s.article for s in inc.sources}


def _identical(a: Incident, b: Incident) -> bool:
    return (a.type == b.type and a.date_first == b.date_first and a.date_last == b.date_last
            and a.date_precision == b.date_precision
            and (a.place.id if a.place else None) == (b.place.id if b.place else None)
            and sorted(a.actors) == sorted(b.actors))


def _visit_order(inc: Incident) -> tuple:
    """Most precise first: day dates (single days before ranges), then fine places, then confidence."""
    span = (inc.date_last - inc.date_first).days if inc.date_first and inc.date_last else 0
    return (_PRECISION_RANK.get(inc.date_precision or "", 3), span,
            inc.geo_precision if inc.geo_precision is not None else 9,
            -inc.confidence,
            inc.date_first or dt.date.max,
            inc.id)


_PLACE_STRENGTH = {"same": 3, "near": 2, "contains": 2, "governorate": 1, "unknown": 0}


def _match(c: _Cluster, p: _Probe, max_km: float, tolerance_days: int) -> tuple | None:
    """A score (higher is better) if the probed incident may join ``c``, else None.

    Cheap checks first: articles, type, date, then place and actors.
    """
    inc, head = p.inc, c.head
    if not c.articles.isdisjoint(p.articles):
        same = any(_identical(m.inc, inc) for m in c.members
                   if not m.articles.isdisjoint(p.articles))
        return (9, 9, 9) if same else None
    same_type = len(c.types) == 1 and inc.type in c.types
    if not same_type:
        if p.family != c.family:
            return None
        if p.family in _FAMILY_NEEDS_WORD and not (p.landing or c.landing):
            return None
    dates = _dates_overlap(head, inc, tolerance_days)
    if dates is False:
        return None
    relation = place_relation(head.place, inc.place, max_km=max_km)
    strength = _PLACE_STRENGTH.get(relation)
    if strength is None:
        return None
    actors = None if not (p.actor_keys and c.actor_keys) else bool(p.actor_keys & c.actor_keys)
    if actors is False:
        return None
    strong_rest = same_type and actors is True
    if dates is None and not (strong_rest and relation == "same"):
        return None
    if relation in ("governorate", "unknown") and not (strong_rest and dates):
        return None
    closeness = -abs(((inc.date_first or head.date_first) - head.date_first).days) \
        if head.date_first else 0
    return (strength, int(actors is True) + int(same_type), closeness)


def _describe(c: _Cluster, inc: Incident, max_km: float) -> str:
    relation = place_relation(c.head.place, inc.place, max_km=max_km)
    type_note = inc.type if inc.type in c.types else f"{inc.type}~{c.head.type}"
    date_note = inc.date or "unknown date"
    return f"{inc.id}: type {type_note}, date {date_note}, place {relation}"


_ANY = "any"


class _Index:
    """Clusters by family, date and a coarse grid, so an incident meets few candidates.

    Point places fall in cells wider than ``2 * max_km`` (the furthest two points
    can be and still merge), so a point only looks at its own and the 8
    neighbouring cells; clusters at an area (or no place) sit in one extra bucket
    every incident of that date looks at, and an incident at an area looks at all.
    """

    def __init__(self, tolerance_days: int, max_km: float) -> None:
        self.tol = tolerance_days
        self.deg = max(0.05, 2 * max_km / 80.0)  # 80 km: a degree of longitude at 44 N
        self.dated: dict[tuple, dict[object, list[int]]] = defaultdict(
            lambda: defaultdict(list))
        self.by_cell: dict[tuple[str, int, int], list[int]] = defaultdict(list)

    def _spatial(self, place: Place | None) -> object:
        if place is None or is_area(place):
            return _ANY
        return (math.floor(place.lat / self.deg), math.floor(place.lon / self.deg))

    def add(self, idx: int, inc: Incident, fam: str) -> None:
        if inc.place is not None:
            self.by_cell[(fam, *_cell(inc.place))].append(idx)
        if inc.date_first is None:
            return
        d, sk = inc.date_first, self._spatial(inc.place)
        if inc.date_precision == "day":
            self.dated[("d", fam, d.toordinal())][sk].append(idx)
        self.dated[("m", fam, d.year, d.month)][sk].append(idx)
        self.dated[("y", fam, d.year)][sk].append(idx)

    def _get(self, key: tuple, inc: Incident, out: set[int]) -> None:
        buckets = self.dated.get(key)
        if not buckets:
            return
        sk = self._spatial(inc.place)
        if sk == _ANY:
            for ids in buckets.values():
                out.update(ids)
            return
        y, x = sk  # type: ignore[misc]
        for cell in [(y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)] + [_ANY]:
            out.update(buckets.get(cell, ()))

    def candidates(self, inc: Incident, fam: str) -> set[int]:
        """Clusters that may hold ``inc``. Incidents are visited day precision first,
        so a day incident only meets day clusters, a month one day or month clusters."""
        out: set[int] = set()
        if inc.date_first is None:  # only the same place will do: look around its point
            if inc.place is not None:
                y, x = _cell(inc.place)
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        out.update(self.by_cell.get((fam, y + dy, x + dx), ()))
            return out
        first, last = inc.date_first, inc.date_last or inc.date_first
        if inc.date_precision == "day":
            for o in range(first.toordinal() - self.tol, last.toordinal() + self.tol + 1):
                self._get(("d", fam, o), inc, out)
            return out
        months = _months_between(shift_date(first, -self.tol), shift_date(last, self.tol))
        if inc.date_precision == "month" and len(months) <= 3:
            for y, m in months:
                self._get(("m", fam, y, m), inc, out)
            return out
        for year in range(first.year, last.year + 1):
            self._get(("y", fam, year), inc, out)
        return out


def _cell(place: Place) -> tuple[int, int]:
    """A grid cell of about 0.2 degrees (> SAME_PLACE_KM), for 'same place' look-ups."""
    return math.floor(place.lat * 5), math.floor(place.lon * 5)


def _months_between(a: dt.date, b: dt.date) -> list[tuple[int, int]]:
    out, y, m = [], a.year, a.month
    while (y, m) <= (b.year, b.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def merge_incidents(incidents: Sequence[Incident], *, max_km: float = 60.0,
                    tolerance_days: int = 2) -> tuple[list[Incident], list[MergeRecord]]:
    """Merge the incidents different articles report about the same event.

    Parameters
    ----------
    incidents : sequence of Incident
        As extracted per article (any order). They are not modified.
    max_km : float
        Two point places further apart than this are different events.
    tolerance_days : int
        How far apart two day-precision dates may be and still be one event.

    Returns
    -------
    (incidents, records)
        The merged incidents sorted by date then id (single-source incidents keep
        their id; merged ones get ``'m'`` + a hash of the sorted member ids), and one
        :class:`MergeRecord` per merged incident.

    Raises
    ------
    ValueError
        If ``max_km`` or ``tolerance_days`` is negative.
    """
    if max_km < 0 or tolerance_days < 0:
        raise ValueError(f"max_km ({max_km}) and tolerance_days ({tolerance_days}) "
                         "must be >= 0")
    clusters: list[_Cluster] = []
    index = _Index(tolerance_days, max_km)
    for inc in sorted(incidents, key=_visit_order):
        probe = _probe(inc)
        best: tuple[tuple, int] | None = None
        coarse, fits = inc.date_precision != "day", 0
        for idx in sorted(index.candidates(inc, probe.family)):
            score = _match(clusters[idx], probe, max_km, tolerance_days)
            if score is None:
                continue
            fits += 1
            if coarse and fits > 1:  # which of several events? none: stay apart
                best = None
                break
            if best is None or score > best[0]:
                best = (score, idx)
        if best is None:
            clusters.append(_Cluster(head=inc, family=probe.family))
            clusters[-1].add(probe)
            index.add(len(clusters) - 1, inc, probe.family)
        else:
            cluster = clusters[best[1]]
            cluster.add(probe, _describe(cluster, inc, max_km))
    merged, records = [], []
    for c in clusters:
        inc, record = _combine(c)
        merged.append(inc)
        if record is not None:
            records.append(record)
    merged.sort(key=lambda i: (i.date_first or dt.date.max, i.id))
    records.sort(key=lambda r: r.id)
    return merged, records


# --- combining a cluster --------------------------------------------------------------


def merged_id(prefix: str, member_ids: Iterable[str]) -> str:
    """A stable id for a merged thing, from its sorted member ids."""
    digest = hashlib.sha1("|".join(sorted(member_ids)).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:12]}"


def _label(inc: Incident) -> str:
    return ", ".join(sorted(_articles_of(inc))) or inc.id


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _sources(members: Iterable[Incident]) -> list[Source]:
    seen: dict[tuple[str, str], Source] = {}
    for inc in members:
        for s in inc.sources:
            seen.setdefault((s.article, s.evidence), s)
    return sorted(seen.values(), key=lambda s: (s.article, s.evidence))


def _combine(c: _Cluster) -> tuple[Incident, MergeRecord | None]:
    members = sorted((p.inc for p in c.members), key=lambda i: i.id)
    if len(members) == 1:
        return members[0], None
    date_src = _pick_date(members)
    place_src = _pick_place(members)
    fatalities, f_note = _lowest(members, "fatalities")
    injuries, i_note = _lowest(members, "injuries")
    disagreements = [*_type_notes(members), *_date_notes(members, date_src),
                     *_place_notes(members, place_src), *f_note, *i_note]
    for m in members:
        disagreements.extend(m.disagreements)
    new_id = merged_id("m", (m.id for m in members))
    extra = {}
    if hasattr(place_src, "notes"):  # extraction notes, where the model carries them
        extra["notes"] = _unique(n for m in members for n in getattr(m, "notes", ()))
    merged = replace(
        place_src,
        **extra,
        id=new_id,
        type=_merged_type(members),
        date_first=date_src.date_first, date_last=date_src.date_last,
        date_precision=date_src.date_precision, date_text=date_src.date_text,
        actors=_unique(a for m in members for a in m.actors),
        attackers=_unique(a for m in members for a in m.attackers),
        targets=_unique(a for m in members for a in m.targets),
        fatalities=fatalities, injuries=injuries,
        confidence=_confidence(members),
        sources=_sources(members),
        disagreements=_unique(disagreements),
    )
    articles = tuple(sorted(c.articles))
    reason = f"{len(articles)} articles report one event; " + "; ".join(c.reasons)
    return merged, MergeRecord(new_id, tuple(m.id for m in members), articles, reason)


def _merged_type(members: list[Incident]) -> str:
    types = {m.type for m in members}
    if len(types) == 1:
        return members[0].type
    for t in TYPE_FAMILIES.get(_family(members[0].type), ()):
        if t in types:
            return t
    return Counter(m.type for m in members).most_common(1)[0][0]


def _pick_date(members: list[Incident]) -> Incident:
    """Day over month over year; among equals the date most articles agree with (whose
    period holds it: 'the night of Wednesday to Thursday' agrees with Thursday), then
    the narrowest period."""
    dated = [m for m in members if m.date_first is not None]
    if not dated:
        return members[0]
    best_rank = min(_PRECISION_RANK.get(m.date_precision or "", 3) for m in dated)
    top = [m for m in dated if _PRECISION_RANK.get(m.date_precision or "", 3) == best_rank]

    def support(cand: Incident) -> int:
        agree: set[str] = set()
        for m in dated:
            if m.date_first <= cand.date_first <= (m.date_last or m.date_first):
                agree |= _articles_of(m) or {m.id}
        return len(agree)

    return min(top, key=lambda m: (-support(m), _span(m), -m.confidence, m.date_first, m.id))


def _span(inc: Incident) -> int:
    if inc.date_first is None:
        return 1 << 30
    return ((inc.date_last or inc.date_first) - inc.date_first).days


def _pick_place(members: list[Incident]) -> Incident:
    """The place most articles agree with (the same place, or an area holding it),
    then the most precise (lowest geo precision), then the most confident.

    So three outlets naming al-Qahtaniyah outweigh one writing 'the city of
    al-Hasakah', while 'north-east Syria' from one outlet supports the town named
    by another without displacing it.
    """
    placed = [m for m in members if m.place is not None]
    if not placed:
        return members[0]

    def support(cand: Incident) -> int:
        agree: set[str] = set()
        for m in placed:
            if place_relation(cand.place, m.place) in ("same", "contains"):
                agree |= _articles_of(m) or {m.id}
        return len(agree)

    return min(placed, key=lambda i: (-support(i), i.geo_precision or 9, -i.confidence, i.id))


def _overlap(a: Incident, b: Incident) -> bool:
    if a.date_first is None or b.date_first is None:
        return True
    return a.date_first <= (b.date_last or b.date_first) and b.date_first <= (
        a.date_last or a.date_first)


def _date_notes(members: list[Incident], chosen: Incident) -> list[str]:
    """Dates whose period does not hold the chosen one (coarser or wider ones agree)."""
    if not chosen.date:
        return []
    by_date: dict[str, set[str]] = defaultdict(set)
    for m in members:
        if m.date:
            by_date[m.date].update(_articles_of(m))
    others = sorted({m.date for m in members if m.date and not _overlap(m, chosen)})
    if not others:
        return []
    parts = [f"{d} ({', '.join(sorted(by_date[d]))})" for d in [chosen.date, *others]]
    return ["date: " + " vs ".join(parts)]


def _place_name(place: Place) -> str:
    return place.name_en or place.name_ar or place.id


def _place_notes(members: list[Incident], chosen: Incident) -> list[str]:
    if chosen.place is None:
        return []
    by_place: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for m in members:
        if m.place is None or m.place.id == chosen.place.id:
            continue
        if place_relation(chosen.place, m.place) in ("same", "contains"):
            continue  # a coarser description of the same place, not a disagreement
        by_place[m.place.id].update(_articles_of(m))
        names[m.place.id] = _place_name(m.place)
    if not by_place:
        return []
    at_chosen = sorted({a for m in members if m.place is not None
                        and m.place.id == chosen.place.id for a in _articles_of(m)})
    parts = [f"{_place_name(chosen.place)} ({', '.join(at_chosen) or chosen.id})"]
    parts += [f"{names[p]} ({', '.join(sorted(by_place[p]))})" for p in sorted(by_place)]
    return ["place: " + " vs ".join(parts)]


def _type_notes(members: list[Incident]) -> list[str]:
    by_type: dict[str, set[str]] = defaultdict(set)
    for m in members:
        by_type[m.type].update(_articles_of(m))
    if len(by_type) < 2:
        return []
    return ["type: " + " vs ".join(f"{t} ({', '.join(sorted(a))})"
                                   for t, a in sorted(by_type.items()))]


def _lowest(members: list[Incident], attr: str) -> tuple[int | None, list[str]]:
    """The lowest stated figure (as ACLED does), and a note when sources differ."""
    stated = [(getattr(m, attr), m) for m in members if getattr(m, attr) is not None]
    if not stated:
        return None, []
    low = min(v for v, _ in stated)
    if len({v for v, _ in stated}) == 1:
        return low, []
    parts = [f"{v} ({_label(m)})" for v, m in sorted(stated, key=lambda x: (x[0], x[1].id))]
    return low, [f"{attr}: " + " vs ".join(parts) + f"; kept the lowest ({low})"]


def _confidence(members: list[Incident]) -> float:
    """Noisy-or over independent outlets: each further outlet adds what it can."""
    per_outlet: dict[str, float] = {}
    for m in members:
        for s in m.sources or [Source(m.id, "", "", "", "", "")]:
            key = s.outlet.strip().lower() or f"article:{s.article}"
            per_outlet[key] = max(per_outlet.get(key, 0.0), m.confidence)
    doubt = 1.0
    for value in per_outlet.values():
        doubt *= 1.0 - min(max(value, 0.0), 1.0)
    return round(min(0.99, 1.0 - doubt), 3)


# --- bases and routes -----------------------------------------------------------------


def merge_bases(bases: Iterable[Base]) -> list[Base]:
    """One base per place: operators and sources are the union of every report."""
    groups: dict[str, list[Base]] = defaultdict(list)
    for base in bases:
        groups[base.place.id].append(base)
    out = []
    for place_id in sorted(groups):
        group = sorted(groups[place_id], key=lambda b: b.id)
        if len(group) == 1:
            out.append(group[0])
            continue
        out.append(Base(
            id=merged_id("b", (b.id for b in group)),
            place=group[0].place,
            operators=_unique(o for b in group for o in b.operators),
            sources=_dedupe_sources(s for b in group for s in b.sources),
            place_text=group[0].place_text,
        ))
    return out


def merge_routes(routes: Iterable[Route]) -> list[Route]:
    """One route per set of waypoints (X -> Y and Y -> X are one road)."""
    groups: dict[frozenset[str], list[Route]] = defaultdict(list)
    for route in routes:
        groups[frozenset(p.id for p in route.waypoints)].append(route)
    out = []
    for key in sorted(groups, key=lambda k: sorted(k)):
        group = sorted(groups[key], key=lambda r: r.id)
        if len(group) == 1:
            out.append(group[0])
            continue
        dated = [r for r in group if r.date_first is not None]
        when = min(dated, key=lambda r: (_PRECISION_RANK.get(r.date_precision or "", 3),
                                         r.date_first)) if dated else group[0]
        out.append(Route(
            id=merged_id("r", (r.id for r in group)),
            waypoints=list(group[0].waypoints),
            actors=_unique(a for r in group for a in r.actors),
            sources=_dedupe_sources(s for r in group for s in r.sources),
            date_first=when.date_first, date_last=when.date_last,
            date_precision=when.date_precision,
        ))
    return out


def _dedupe_sources(sources: Iterable[Source]) -> list[Source]:
    seen: dict[tuple[str, str], Source] = {}
    for s in sources:
        seen.setdefault((s.article, s.evidence), s)
    return sorted(seen.values(), key=lambda s: (s.article, s.evidence))


def route_date(route: Route) -> str:
    """The route's date as an ISO string cut to its precision ('' if unknown)."""
    return iso_cut(route.date_first, route.date_precision)

"""One event, many outlets: merging the incidents that several articles report.

Each article is read on its own, so the same landing near Qamishli comes out
once per outlet, with dates and places of different precision. This module
clusters those reports into one incident that keeps every source and its
evidence sentence, takes the most precise place and date, and writes down what
the sources disagree on instead of silently picking a winner.

Two incidents merge when all of these hold (a careful reader's rules):

* **type**: the same type, or the same small family (:data:`TYPE_FAMILIES`);
  the landing family (raid / arrest / airstrike) only when an evidence
  sentence says إنزال (a heliborne landing is all three at once);
* **date**: the periods ``[date_first, date_last]`` overlap at their precision:
  two day-precise reports on different days are two events, except a night
  event ('ليل الأربعاء الخميس', 'فجر'), which outlets date by either day: when one
  report says night or dawn, ``tolerance_days`` (1) apart still agree. An
  unknown date only merges when type, place and actors agree strongly;
* **place**: the same place (one id, two records within
  :data:`~geo.relate.SAME_PLACE_KM`, a town and its countryside), or one contains
  the other (a governorate or region, a town's countryside, a city and its
  airport). Two towns 15 km apart are two places, however near. A governorate's
  seat city ('مدينة الحسكة', used by outlets for the governorate) may stand for a
  place of its governorate when type, date and actors agree strongly;
* **actors**: they overlap, or one side names none;
* **articles**: two incidents of the same article never merge (the extractor
  already de-duplicated them) unless they are identical;
* **one candidate only** for a vague report: a month, year or unknown date, or a
  place that is an area, a seat city standing for its governorate or no place,
  joins an event only when it is the only one that fits ('a raid in Hasakah
  governorate in October' cannot say which of two it was, so it stays apart).

Every member is checked, not only the first (a governorate-level member must not
chain two towns into one event).

Clustering is greedy and deterministic: incidents are visited from the most
precise (day, then place precision) to the least, and each joins the best
compatible cluster found through a date index (so 100k incidents do not cost
100k x 100k comparisons).
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from gazetteer.model import Place

from .combine import articles_of, combine, merged_id, unique
from .model import Base, Incident, Route, Source, iso_cut, shift_date
from .relate import (
    AREA_KINDS,
    SAME_PLACE_KM,
    actor_key,
    actors_compatible,
    days_agree,
    is_area,
    is_seat,
    km_between,
    place_relation,
    region_governorates,
    says_night,
)

__all__ = [
    "AREA_KINDS", "MergeRecord", "Probes", "SAME_PLACE_KM", "TYPE_FAMILIES", "actors_compatible",
    "actor_key", "family_of", "is_area", "km_between", "merge_bases", "merge_families",
    "merge_incidents", "merge_routes",
    "merged_id", "place_relation", "region_governorates",
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


def _dates_agree(a: _Probe, b: _Probe, tolerance_days: int) -> bool | None:
    """True/False for two known dates (see the module's rule); None when one is unknown."""
    x, y = a.inc, b.inc
    if x.date_first is None or y.date_first is None:
        return None
    night = x.date_precision == y.date_precision == "day" and (a.night or b.night)
    return days_agree((x.date_first, x.date_last or x.date_first),
                      (y.date_first, y.date_last or y.date_first),
                      gap=tolerance_days if night else 0)


# --- types ----------------------------------------------------------------------------


def family_of(type_: str) -> str:
    """The family of an incident type (its own name when it has none): incidents of two
    families never merge, so a large run merges one family at a time."""
    return _FAMILY_OF.get(type_, type_)


_family = family_of


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
    night: bool  # the date or the evidence says night or dawn (ليل, فجر)
    vague_place: bool  # no place, or an area: it may be any event inside


def _probe(inc: Incident, nights: dict[str, bool]) -> _Probe:
    """``nights``: :func:`says_night` of each text seen in this merge (why: an article's
    sentences are the evidence of several of its incidents, and copies repeat them)."""
    family = _family(inc.type)
    words = _FAMILY_NEEDS_WORD.get(family, ())
    night = any(_night(text, nights) for text in (inc.date_text, *(s.evidence for s in inc.sources)))
    return _Probe(inc, frozenset(articles_of(inc)), _actor_keys(tuple(inc.actors)), family,
                  bool(words) and _says([inc], words), night,
                  inc.place is None or is_area(inc.place))


def _night(text: str, nights: dict[str, bool]) -> bool:
    found = nights.get(text)
    if found is None:
        found = nights[text] = says_night(text)
    return found


class Probes:
    """What the merge reads of each incident, made ahead of it (:meth:`add`).

    Why: a probe depends on its incident alone, so a run makes each as the article's
    result is kept, while worker processes extract the rest (``--jobs N``), instead of
    after the last one, when the merge is all that runs. The merge takes the probe made
    for the very incident it meets, and makes its own for any other.
    """

    def __init__(self) -> None:
        self._made: dict[int, _Probe] = {}
        self._nights: dict[str, bool] = {}

    def add(self, incidents: Iterable[Incident]) -> None:
        for inc in incidents:
            self._made[id(inc)] = _probe(inc, self._nights)

    def get(self, inc: Incident) -> _Probe | None:
        probe = self._made.get(id(inc))  # a probe holds its incident: no id is reused
        return probe if probe is not None and probe.inc is inc else None

    def clear(self) -> None:
        self._made.clear()
        self._nights.clear()


@dataclass(slots=True)
class _Cluster:
    """Incidents believed to be one event; ``head`` is the most precise member."""

    head: Incident
    family: str
    members: list[_Probe] = field(default_factory=list)
    #: Frozen sets: a lone report's are its probe's own, a new set is made only when a
    #: second report joins (most clusters have one member: 100,000 articles made ~150,000
    #: clusters, whose own three sets were a large part of the merge's memory, issue 14).
    articles: frozenset[str] = frozenset()
    actor_keys: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    landing: bool = False
    reasons: list[str] = field(default_factory=list)

    def add(self, probe: _Probe, reason: str = "") -> None:
        self.members.append(probe)
        self.articles = self.articles | probe.articles if self.articles else probe.articles
        self.actor_keys = self.actor_keys | probe.actor_keys if self.actor_keys \
            else probe.actor_keys
        if probe.inc.type not in self.types:
            one = _one_type(probe.inc.type)
            self.types = self.types | one if self.types else one
        self.landing = self.landing or probe.landing
        if reason:
            self.reasons.append(reason)


@functools.lru_cache(maxsize=4096)
def _actor_keys(actors: tuple[str, ...]) -> frozenset[str]:
    """The keys of a list of actors, one frozen set per list met (they repeat: a probe's
    own set was ~200 bytes of each of a large run's incidents)."""
    return frozenset(actor_key(a) for a in actors if a)


@functools.cache
def _one_type(type_: str) -> frozenset[str]:
    """{type_}, one frozen set per type (shared by the clusters of one type)."""
    return frozenset((type_,))


def _identical(a: Incident, b: Incident) -> bool:
    return (a.type == b.type and a.date_first == b.date_first and a.date_last == b.date_last
            and a.date_precision == b.date_precision
            and (a.place.id if a.place else None) == (b.place.id if b.place else None)
            and sorted(a.actors) == sorted(b.actors))


def _place_rank(place: Place | None) -> int:
    """0 a point, 1 a seat city (it may stand for its governorate), 2 an area, 3 none."""
    if place is None:
        return 3
    return 2 if is_area(place) else int(is_seat(place))


def _visit_order(inc: Incident) -> tuple:
    """Most precise first: day dates, then points before areas (so a vague report meets
    every event it might be), single days before ranges, fine places, confidence."""
    span = (inc.date_last - inc.date_first).days if inc.date_first and inc.date_last else 0
    return (_PRECISION_RANK.get(inc.date_precision or "", 3), _place_rank(inc.place), span,
            inc.geo_precision if inc.geo_precision is not None else 9,
            -inc.confidence,
            inc.date_first or dt.date.max,
            inc.id)


#: The relations that may merge (not 'near', not 'far'), strongest first.
_PLACE_STRENGTH = {"same": 3, "contains": 2, "governorate": 1, "unknown": 0}


_LOOSE = ("governorate", "unknown")


def _match(c: _Cluster, p: _Probe, max_km: float, tolerance_days: int
           ) -> tuple[tuple, bool] | None:
    """A score (higher is better) and whether the fit is loose (it may be another
    event: see the module's 'one candidate only'), if ``p`` may join ``c``; else None.

    Cheap checks first: articles, type, date, then place and actors; dates and places
    against every member.
    """
    inc, head = p.inc, c.head
    if not c.articles.isdisjoint(p.articles):
        same = any(_identical(m.inc, inc) for m in c.members
                   if not m.articles.isdisjoint(p.articles))
        return ((9, 9, 9), False) if same else None
    same_type = len(c.types) == 1 and inc.type in c.types
    if not same_type:
        if p.family != c.family:
            return None
        if p.family in _FAMILY_NEEDS_WORD and not (p.landing or c.landing):
            return None
    dates = _dates_fit(c, p, tolerance_days)
    if dates is False:
        return None
    relation = _places_fit(c, p, max_km)
    if relation is None:
        return None
    actors = None if not (p.actor_keys and c.actor_keys) else bool(p.actor_keys & c.actor_keys)
    if actors is False:
        return None
    strong_rest = same_type and actors is True
    if dates is None and not (strong_rest and relation == "same"):
        return None
    if relation in _LOOSE and not (strong_rest and dates):
        return None
    closeness = -abs(((inc.date_first or head.date_first) - head.date_first).days) \
        if head.date_first else 0
    score = (_PLACE_STRENGTH[relation], int(actors is True) + int(same_type), closeness)
    return score, p.vague_place or relation in _LOOSE


def _dates_fit(c: _Cluster, p: _Probe, tolerance_days: int) -> bool | None:
    """False if a member's date disagrees; None if no member's (or the probe's) is known."""
    if p.inc.date_first is None:
        return None
    known = False
    for m in c.members:
        agree = _dates_agree(m, p, tolerance_days)
        if agree is False:
            return False
        known = known or agree is True
    return True if known else None


def _places_fit(c: _Cluster, p: _Probe, max_km: float) -> str | None:
    """The relation to the head's place (the strongest if the head has none), or None
    when a member's place is near or far (not the same place, not nested)."""
    if p.inc.place is None:
        return "unknown"
    best, seen = "unknown", set()
    for m in c.members:
        place = m.inc.place
        if place is None or place.id in seen:
            continue
        seen.add(place.id)
        relation = place_relation(place, p.inc.place, max_km=max_km)
        if relation not in _PLACE_STRENGTH:
            return None
        if m.inc is c.head:
            best = relation
        elif c.head.place is None and _PLACE_STRENGTH[relation] > _PLACE_STRENGTH[best]:
            best = relation
    return best


def _describe(c: _Cluster, inc: Incident, max_km: float) -> str:
    relation = place_relation(c.head.place, inc.place, max_km=max_km)
    type_note = inc.type if inc.type in c.types else f"{inc.type}~{c.head.type}"
    date_note = inc.date or "unknown date"
    return f"{inc.id}: type {type_note}, date {date_note}, place {relation}"


_ANY = "any"


class _Index:
    """Clusters by family, date and place, so an incident meets few candidates.

    A point merges only with points a few km away (:data:`~geo.relate.CITY_KM`), so
    points sit in cells of 0.1 degree (9 km or more) and a point looks at its own and
    the 8 neighbouring cells. A governorate's seat city may stand for any point of its
    governorate, so clusters are also filed by governorate: a point looks at its
    governorate's seat clusters, a seat at all its governorate's clusters. Clusters at
    an area (or no place) sit in one bucket every incident of that date looks at, and
    an incident at an area looks at all.
    """

    def __init__(self, tolerance_days: int) -> None:
        self.tol = tolerance_days
        #: A bucket holds one cluster as its int, more as a list (most hold one: a list
        #: each was a large part of a large run's merge, issue 14).
        self.dated: dict[tuple, dict[object, int | list[int]]] = defaultdict(dict)
        self.by_cell: dict[tuple[str, int, int], list[int]] = defaultdict(list)

    @staticmethod
    def _filed(place: Place | None) -> tuple[object, ...]:
        """The spatial keys a cluster at ``place`` is filed under."""
        if place is None or is_area(place):
            return (_ANY,)
        return _filed_at(place.lat, place.lon, place.governorate, is_seat(place))

    @staticmethod
    def _looked(place: Place) -> list[object]:
        """The spatial keys a point at ``place`` looks under."""
        y, x = _fine_cell(place)
        keys: list[object] = [(y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
        keys.append(("gov", place.governorate) if is_seat(place)
                    else ("seat", place.governorate))
        keys.append(_ANY)
        return keys

    def add(self, idx: int, inc: Incident, fam: str) -> None:
        if inc.place is not None:
            self.by_cell[(fam, *_cell(inc.place))].append(idx)
        if inc.date_first is None:
            return
        d = inc.date_first
        keys = [("m", fam, d.year, d.month), ("y", fam, d.year)]
        if inc.date_precision == "day":
            keys.append(("d", fam, d.toordinal()))
        for key in keys:
            buckets = self.dated[key]
            for sk in self._filed(inc.place):
                _file(buckets, sk, idx)

    def _get(self, key: tuple, inc: Incident, out: set[int]) -> None:
        buckets = self.dated.get(key)
        if not buckets:
            return
        if inc.place is None or is_area(inc.place):
            for ids in buckets.values():
                _collect(out, ids)
            return
        for sk in self._looked(inc.place):
            _collect(out, buckets.get(sk, ()))

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


def _file(buckets: dict[object, int | list[int]], key: object, idx: int) -> None:
    """File cluster ``idx`` in ``buckets[key]`` (an int alone, a list once two share it)."""
    held = buckets.get(key)
    if held is None:
        buckets[key] = idx
    elif isinstance(held, int):
        buckets[key] = [held, idx]
    else:
        held.append(idx)


def _collect(out: set[int], ids: int | list[int] | tuple[()]) -> None:
    if isinstance(ids, int):
        out.add(ids)
    else:
        out.update(ids)


@functools.lru_cache(maxsize=1 << 16)
def _filed_at(lat: float, lon: float, governorate: str, seat: bool) -> tuple[object, ...]:
    """A point's filing keys, one tuple per point met (shared by the buckets it is in)."""
    cell = (math.floor(lat * 10), math.floor(lon * 10))  # as _fine_cell
    return (cell, ("gov", governorate), ("seat", governorate)) if seat else \
        (cell, ("gov", governorate))


def _fine_cell(place: Place) -> tuple[int, int]:
    """A grid cell of 0.1 degree (9 km or more > CITY_KM): where a point's same places lie."""
    return math.floor(place.lat * 10), math.floor(place.lon * 10)


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
                    tolerance_days: int = 1, probes: Probes | None = None,
                    ) -> tuple[list[Incident], list[MergeRecord]]:
    """Merge the incidents different articles report about the same event.

    Parameters
    ----------
    incidents : sequence of Incident
        As extracted per article (any order). They are not modified.
    max_km : float
        How far a town's countryside reaches ('ريف القامشلي' holds the places this
        close to al-Qamishli); a seat city stands for places up to twice as far.
        Two distinct points are never one place for being near.
    tolerance_days : int
        How far apart two day-precision dates may be and still be one event when
        one report says the event was at night or dawn (otherwise 0).
    probes : Probes, optional
        Probes made ahead for some of the incidents (the same result either way).

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
    index = _Index(tolerance_days)
    nights: dict[str, bool] = {}  # texts the incidents hold: held no longer than they are
    for inc in sorted(incidents, key=_visit_order):
        probe = (probes.get(inc) if probes is not None else None) or _probe(inc, nights)
        vague = inc.date_precision != "day" or probe.vague_place
        fits: list[tuple[tuple, int, bool]] = []
        for idx in sorted(index.candidates(inc, probe.family)):
            found = _match(clusters[idx], probe, max_km, tolerance_days)
            if found is not None:
                fits.append((found[0], -idx, found[1]))
                if vague and len(fits) > 1:
                    break
        best = max(fits) if fits else None
        if best is not None and len(fits) > 1 and (vague or best[2]):
            best = None  # a vague report that fits several events: which? none, stay apart
        if best is None:
            clusters.append(_Cluster(head=inc, family=probe.family))
            clusters[-1].add(probe)
            index.add(len(clusters) - 1, inc, probe.family)
        else:
            cluster = clusters[-best[1]]
            cluster.add(probe, _describe(cluster, inc, max_km))
    merged, records = [], []
    for c in clusters:
        inc, record = _combine(c)
        merged.append(inc)
        if record is not None:
            records.append(record)
    merged.sort(key=_merged_order)
    records.sort(key=lambda r: r.id)
    return merged, records


def merge_families(families: Iterable[Sequence[Incident]], *, max_km: float = 60.0,
                   tolerance_days: int = 1,
                   keep: Callable[[Iterable[Incident]], Sequence[Incident]] = list,
                   probes: Probes | None = None,
                   ) -> tuple[Sequence[Incident], list[MergeRecord]]:
    """:func:`merge_incidents` of every incident, given one family at a time.

    Why: incidents of two families (:func:`family_of`) never merge (the index files them
    by family, and a cluster takes only its own family), so merging each family's alone
    and sorting the lot as :func:`merge_incidents` sorts gives its very result, while
    only one family's incidents and clusters are held at once: a large run's merge
    (issue 14). ``families`` yields each family's incidents in the order of the run
    (every incident of one type in the same sequence); each is let go once merged.
    ``keep`` makes a sequence of merged incidents given in order (each family's, then
    all of them, merged by date and id): ``list``, or one kept on disk. ``probes``: see
    :func:`merge_incidents`.
    """
    merged: list[Sequence[Incident]] = []
    records: list[MergeRecord] = []
    for found in families:
        some, more = merge_incidents(found, max_km=max_km, tolerance_days=tolerance_days,
                                     probes=probes)
        del found  # the next family is read only once this one is let go
        merged.append(keep(some))
        del some
        records += more
    records.sort(key=lambda r: r.id)
    # each family's is sorted by date and id already (and no id is in two families)
    return keep(heapq.merge(*merged, key=_merged_order)), records


def _merged_order(inc: Incident) -> tuple[dt.date, str]:
    """Where a merged incident stands among them all: by date, then id."""
    return inc.date_first or dt.date.max, inc.id


def _combine(c: _Cluster) -> tuple[Incident, MergeRecord | None]:
    if len(c.members) == 1:
        return c.members[0].inc, None
    merged = combine([p.inc for p in c.members], TYPE_FAMILIES.get(c.family, ()))
    articles = tuple(sorted(c.articles))
    reason = f"{len(articles)} articles report one event; " + "; ".join(c.reasons)
    members = tuple(sorted(p.inc.id for p in c.members))
    return merged, MergeRecord(merged.id, members, articles, reason)


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
            operators=unique(o for b in group for o in b.operators),
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
            actors=unique(a for r in group for a in r.actors),
            sources=_dedupe_sources(s for r in group for s in r.sources),
            date_first=when.date_first, date_last=when.date_last,
            date_precision=when.date_precision,
        ))
    return out


def _dedupe_sources(sources: Iterable[Source]) -> list[Source]:
    """Each sentence once, by article; an article's sentences in the order given."""
    seen: dict[tuple[str, str], Source] = {}
    for s in sources:
        seen.setdefault((s.article, s.evidence), s)
    return sorted(seen.values(), key=lambda s: s.article)


def route_date(route: Route) -> str:
    """The route's date as an ISO string cut to its precision ('' if unknown)."""
    return iso_cut(route.date_first, route.date_precision)

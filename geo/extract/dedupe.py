"""One event told in several sentences of an article becomes one incident.

Why a module: news retells an event (the lead, the details, a quote), and each telling
holds a trigger. Candidates of one type (or of a family pair in nearby sentences:
a raid and its arrests, an obstruction that ends in a collision) with compatible
dates and places join one cluster; an anaphoric noun ('الغارة') only ever joins one.
Places agree as across articles (:func:`geo.relate.place_relation`: the same, or one
inside the other), for a noun referring back too when its sentence names its own place;
a place it only borrowed never moves the cluster.
The fused incident keeps the most precise date and place and the best evidence. A
sentence that says it tells another event ('في حادثة أخرى') starts its own. Merging
across articles is :mod:`geo.merge`'s job.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field

from gazetteer.model import Place
from gazetteer.normalize import arabic_key
from gazetteer.unknown import PLACED_FOR_UNKNOWN

from ..model import DateSource, Incident
from ..relate import is_macro_region, is_seat, km_between, place_relation
from .dating import is_period
from .document import unique
from .folding import fold_letters, rx
from .gates import Gate
from .places import AREA_KINDS, UNKNOWN_PLACE_NOTE
from .qualifiers import breadth
from .rejections import ORDINALS
from .triggers import Candidate
from .when.names import QUALIFIERS

__all__ = ["PLACELESS_CUE", "dedupe"]

#: The place cue of a telling with no place but its own day: it joins its event's telling
#: that places it, to date it, and is dropped alone (:mod:`.article`).
PLACELESS_CUE = "no place: its own day dates the telling of its event that places it"

_FAMILY_MERGE = {
    frozenset({"raid", "arrest"}), frozenset({"raid", "airstrike"}),
    # a detention of a rival force's men is an arrest of a kind: it merges as an arrest does
    frozenset({"arrest", "detention"}), frozenset({"raid", "detention"}),
    frozenset({"patrol_obstruction", "vehicle_collision"}), frozenset({"patrol_encounter", "patrol"}),
    frozenset({"assassination", "attack"}),  # 'اغتال مسلحون ...' then 'أطلقوا الرصاص على ...'
    # 'داهمت قوات التحالف منزلاً ...' then 'واعتقلوا الأمير بعد أن اشتبكوا معه': a raid met by fire
    frozenset({"raid", "armed_clash"}),
    # 'واستقدم التحالف تعزيزات عسكرية الشهر الماضي، تضمنت قافلة ... دخلت سوريا من معبر الوليد':
    # the reinforcements are the convoy
    frozenset({"deployment", "convoy"}),
    # 'أعلنت إسرائيل استهداف مواقع في دمشق' then 'وقال المتحدث إن الطائرات استهدفت مواقع في دمشق':
    # a targeting told without its weapon, then with it
    frozenset({"attack", "airstrike"}), frozenset({"attack", "shelling"}),
    # 'هجوم بطائرات مسيرة على قاعدة التنف' then 'أسقطت الدفاعات الجوية طائرتين': the strike and
    # its drones downed
    frozenset({"airstrike", "shootdown"}),
}
#: The type of a merged event when its tellings differ: the most specific (a targeting with its
#: weapon named is an air strike or a shelling).
_TYPE_WINS = ("raid", "vehicle_collision", "patrol_encounter", "airstrike", "shelling", "detention")
#: How two tellings' places relate when they are one event (:func:`geo.relate.place_relation`):
#: the same place, one inside the other, or one not placed. Two villages 5 km apart are two.
_ONE_PLACE = frozenset({"same", "contains", "unknown"})
#: How far (km) the surroundings of a point told approximately reach ('شرقي X', 'ريف X').
_AROUND_KM = 60.0
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
#: 'في حادثة أخرى': the sentence says it is not the event told before.
_DISTINCT_RE = rx(r"(?<![^\W\d_])[وف]?(?:ب|في)?(?:ال)?(?:حادث(?:ه)?|واقعه|عمليه|هجوم|غاره|اشتباكات)"
                  r" (?:ال)?(?:اخري|ثانيه|منفصل|منفصله|جديده)(?![^\W\d_])|في سياق منفصل"
                  # a sentence that opens by turning to something else: 'إلى ذلك، شنت قسد حملة
                  # مداهمات', 'من جانب آخر', 'على صعيد آخر', 'في سياق آخر'
                  r"|^\W*[وف]?(?:الي ذلك|من (?:جانب|جهه|ناحيه) (?:اخري|اخر)|علي صعيد اخر|في سياق اخر)"
                  r"(?![^\W\d_])")
#: :data:`_DISTINCT_RE`, searched only in a sentence holding one of its words (:mod:`.gates`).
_DISTINCT = Gate(_DISTINCT_RE)
#: The news counted as the latest of a series ('وهي القافلة الثانية التي تدخل ...، حيث أدخلت
#: القوات في 2 أيلول رتلاً', 'وتعد هذه ثاني عملية إنزال خلال الشهر، إذ شهدت القاعدة بتاريخ 14
#: تموز هبوط طائرة'): an event the sentence dates to a day of its own is an earlier one.
_COUNTED_RE = rx(r"(?<![^\W\d_])[وف]?(?:هي|هو|هذه|هذا|تعد|يعد|تعتبر|يعتبر)\s+(?:هذه\s+|هذا\s+)?"
                 rf"(?:ال)?(?:\S+\s+(?:ال)?)?{ORDINALS}(?:ه)?(?![^\W\d_])")


def dedupe(cands: list[Candidate]) -> list[Incident]:
    """The incidents of an article's candidates (each with its incident built), one per event."""
    clusters: list[_Cluster] = []
    by_type: dict[str, list[int]] = {}  # type -> the clusters holding it, in creation order
    for c in sorted(cands, key=lambda c: (c.anaphoric, c.sentence.index, c.start)):
        distinct = not c.anaphoric and (_DISTINCT.search(c.sentence.folded)
                                        or _own_day(c) and _COUNTED_RE.search(c.sentence.folded))
        told = list(_may_join(by_type, c))
        home = None if distinct else next((clusters[k] for k in told if clusters[k].joins(c)), None)
        if home is None and (not c.anaphoric or (told and _own_day(c))):
            home = _Cluster(len(clusters))
            clusters.append(home)
        if home is not None:
            for t in home.add(c):
                bisect.insort(by_type.setdefault(t, []), home.number)
    return [_fuse(cl.members) for cl in _summaries_told_in_detail(clusters) if not _placeless(cl)]


def _placeless(cluster: _Cluster) -> bool:
    """Is every telling of the event that is not a noun referring back without a place? A
    noun referring back to it ('وأوضح أن الانسحاب سيشمل قاعدة التنف') names where it may
    reach, not where it happened: the event stays unmapped."""
    told = [c for c in cluster.members if not c.anaphoric] or cluster.members
    return all(c.incident is not None and c.incident.place_cue == PLACELESS_CUE for c in told)


#: Kinds of violence a lead may sum up over a province and the text then tell town by town.
_VIOLENCE = frozenset({"armed_clash", "shelling", "airstrike", "attack", "explosion", "capture",
                       "assassination"})


def _summaries_told_in_detail(clusters: list[_Cluster]) -> list[_Cluster]:
    """The clusters, with fighting told over a province and then town by town joined to the
    first of those towns' events.

    'أسفرت اشتباكات بين قسد ومسلحين عن مقتل 22 عنصراً في دير الزور' then 'شن مسلحون هجوماً
    بالمدفعية على قرى ذيبان وأبو حردوب': the province-wide telling sums up the fighting the
    article goes on to place; a reader maps the towns, not one more point at the province's
    seat. Only violence placed no finer than a province or a countryside of it (a seat named
    for the province, approximate), of the same days as violence the article places at a
    town of that province; its evidence joins that town's event."""
    def coarse(c: Candidate) -> bool:
        inc = c.incident
        place = inc.place if inc is not None else None
        if place is None or is_macro_region(place):
            return False
        return breadth(place) >= 3 or (inc.approximate and is_seat(place))

    def summary(cl: _Cluster) -> bool:
        first = min(cl.members, key=lambda c: (c.sentence.index, c.start))
        return (first.incident is not None and first.incident.type in _VIOLENCE
                and coarse(first) and all(coarse(c) for c in cl.members if not c.anaphoric or c.place_own))

    summaries = {cl.number for cl in clusters if summary(cl)}
    if not summaries:
        return clusters  # most articles: nothing told over a province, nothing to fuse here
    fused: dict[int, Incident] = {}  # a cluster's fused incident, made once (until it grows)

    def incident_of(cl: _Cluster) -> Incident:
        if cl.number not in fused:
            fused[cl.number] = _fuse(cl.members)
        return fused[cl.number]

    absorbed: set[int] = set()
    for cl in clusters:
        if cl.number not in summaries:
            continue
        head = incident_of(cl)
        area = head.place
        if area is None:
            continue
        for other in clusters:
            if other is cl or other.number in absorbed or other.number in summaries:
                continue
            inc = incident_of(other)
            if (inc.type in _VIOLENCE and inc.place is not None and not coarse(other.members[0])
                    and inc.place.kind not in AREA_KINDS and inc.place.governorate == area.governorate
                    and place_relation(area, inc.place) in ("same", "contains", "governorate")
                    and inc.date_first == head.date_first and inc.date_last == head.date_last):
                other.members.extend(cl.members)
                fused.pop(other.number, None)
                absorbed.add(cl.number)
                break
    return [cl for cl in clusters if cl.number not in absorbed]


def _may_join(by_type: dict[str, list[int]], c: Candidate) -> Iterator[int]:
    """The clusters holding ``c``'s type or a family type, in creation order (no other can join)."""
    kind = c.incident.type
    lists = [ks for t, ks in by_type.items() if t == kind or frozenset({t, kind}) in _FAMILY_MERGE]
    last = -1
    for k in heapq.merge(*lists):
        if k != last:
            yield k
        last = k


@dataclass(slots=True)
class _Cluster:
    """One event's candidates, with what :meth:`joins` asks of them.

    Why a summary: comparing a candidate with every member made de-duplication
    quadratic in article size. The answers depend only on a member's type and
    sentence, its date fields and its place's fields, and a cluster's members
    share few distinct values of these, so one member per distinct value answers
    for all the others (the same answers as comparing with every member).
    """

    number: int  # its place in creation order
    members: list[Candidate] = field(default_factory=list)
    sentences: dict[str, set[int]] = field(default_factory=dict)  # type -> its sentences
    landing: dict[str, set[int]] = field(default_factory=dict)  # ... those saying 'انزال'
    dates: dict[tuple, Candidate] = field(default_factory=dict)
    places: dict[tuple | None, tuple[Place | None, bool]] = field(default_factory=dict)
    unknown_names: set[str] = field(default_factory=set)  # places named that the gazetteer lacks

    def add(self, c: Candidate) -> list[str]:
        """Take ``c`` in; the types new to this cluster."""
        inc = c.incident
        assert inc is not None
        new = [] if inc.type in self.sentences else [inc.type]
        self.members.append(c)
        self.sentences.setdefault(inc.type, set()).add(c.sentence.index)
        if "انزال" in c.sentence.folded:
            self.landing.setdefault(inc.type, set()).add(c.sentence.index)
        self.dates.setdefault((inc.date_first, inc.date_last, inc.date_precision, c.date_own,
                               inc.date_text), c)
        if c.anaphoric and not c.place_own:
            return new  # a place borrowed by a noun referring back says nothing of the event
        place = inc.place
        unknown = _unknown_name(c)
        if unknown:
            self.unknown_names.add(unknown)
            return new
        self.places.setdefault(None if place is None else
                               (place.id, place.kind, place.governorate, place.lat, place.lon,
                                inc.approximate), (place, _surroundings(inc)))
        return new

    def joins(self, c: Candidate) -> bool:
        """Same type (or a family pair in nearby sentences), compatible dates and places."""
        inc = c.incident
        assert inc is not None
        if not self._same_event_type(c):
            return False
        if c.anaphoric:  # it refers back: a day or a place of its own tells it apart
            return (not _own_day(c) or all(_dates_compatible(other, c, overnight=False)
                                           for other in self.dates.values())) and (
                not c.place_own or self._places_fit(c))
        return (all(_dates_compatible(other, c) for other in self.dates.values())
                and self._places_fit(c))

    def _places_fit(self, c: Candidate) -> bool:
        """Every member's place and ``c``'s are the same or one contains the other; a
        point told approximately ('شرقي دير الزور', 'قرب X') stands for its surroundings.
        A place named that the gazetteer lacks ('في قرية بسيس') is another place than any
        the gazetteer holds: such tellings join only each other, by name, or tellings with
        no place at all."""
        inc = c.incident
        unknown = _unknown_name(c)
        if unknown:
            return self.unknown_names <= {unknown} and all(p is None for p, _ in self.places.values())
        if self.unknown_names and inc.place is not None:
            return False
        return all(_one_place(p, approx, inc.place, _surroundings(inc))
                   for p, approx in self.places.values())

    def _same_event_type(self, c: Candidate) -> bool:
        """Some member has ``c``'s type, or a family type in a sentence at most 3 away.

        A raid and an airstrike are one event only when one of the two sentences says 'انزال'.
        """
        kind = c.incident.type
        if kind in self.sentences:
            return True
        near = range(c.sentence.index - 3, c.sentence.index + 4)
        for t, indexes in self.sentences.items():
            pair = frozenset({t, kind})
            if pair not in _FAMILY_MERGE:
                continue
            if pair == frozenset({"raid", "airstrike"}) and "انزال" not in c.sentence.folded:
                indexes = self.landing.get(t, set())
            if any(k in indexes for k in near):
                return True
        return False


def _unknown_name(c: Candidate) -> str:
    """The key of the place ``c``'s own clause names that the gazetteer lacks, the event kept
    for review at that name (:func:`.places._unknown_place_of_clause`), or ''."""
    inc = c.incident
    if inc is None or inc.place is not None or not c.place_own or not inc.place_text \
            or UNKNOWN_PLACE_NOTE not in inc.place_cue:
        return ""
    return arabic_key(inc.place_text)


def _surroundings(inc: Incident) -> bool:
    """Does ``inc``'s place stand for its surroundings ('شرقي دير الزور', 'قرب X': told
    approximately)? Not when a place the gazetteer lacks was put there ('صوامع تل علو' at
    al-Yaarubiyah): that place has a name of its own, so another named place near the point
    (the Semalka crossing) is another place, not the same told loosely."""
    return inc.approximate and PLACED_FOR_UNKNOWN not in inc.place_cue


def _own_day(c: Candidate) -> bool:
    """Does ``c``'s own sentence give it a day ('ارتفعت حدة المواجهات فجر اليوم')?"""
    inc = c.incident
    return bool(c.date_own and inc is not None and inc.date_precision == "day"
                and inc.date_first == inc.date_last)


#: A sentence that opens on its own day: 'ويوم أمس، اعترض عناصر ...', 'وأمس الأحد، ...'.
_OPENS_ON_DAY_RE = rx(r"^\W*[وف]?(?:في\s+)?(?:يوم\s+)?(?:امس|اول\s+امس|البارحه)(?![^\W\d_])")


def _opens_on_its_day(c: Candidate) -> bool:
    """Does ``c``'s sentence open on the day it tells ('ويوم أمس، اعترض ...')? Such a
    sentence turns to another day's event; the lead's day, borrowed loosely, cannot absorb it."""
    return bool(_OPENS_ON_DAY_RE.match(c.sentence.folded))


def _dates_compatible(a: Candidate, b: Candidate, *, overnight: bool = True) -> bool:
    """Can two tellings' dates be one event's?

    Two sentences that each give the event's own day ('مساء الأحد', 'ظهر الاثنين') tell
    two days, so two events: both are read against the same publication date, so they
    do not drift apart. Only an overnight operation spans two such days ('مساء الأحد'
    ... 'فجر الاثنين'), and not when the later one refers back to the event ('ارتفعت
    حدة المواجهات فجر اليوم': it went on into a new day, an event of that day, as ACLED
    counts them). A borrowed date (the lead's, the previous sentence's) is looser.
    """
    x, y = a.incident, b.incident
    assert x is not None and y is not None
    if x.date_first is None or y.date_first is None:
        # 'وضربت الأسبوع الماضي ثلاثة تفجيرات المدينة' after an undated lead: a period told
        # later is earlier news, not a retelling of the lead's event (a retelling gives a day);
        # an undated sentence after a period ('في عام 2020 ... وعندما اصطدمت') goes on with it
        return not (x.date_first is None and y.date_first is not None and b.date_own
                    and _a_period(y) and a.sentence.index < b.sentence.index)
    pad = dt.timedelta(0)
    if x.date_precision == "day" and y.date_precision == "day":
        if a.past != b.past and _own_day(a) and _own_day(b):
            # 'وكان رتل قد انسحب ليل أمس من الطبقة' after 'انسحب رتل بعد ظهر اليوم من قاعدة
            # جلبيا': the pluperfect sets one before the news, another event however near
            return False
        if a.date_own and b.date_own:
            pad = dt.timedelta(days=1 if overnight and _overnight(x, y) else 0)
        elif not (_holds_to_its_day(a, b) or _holds_to_its_day(b, a)):
            pad = dt.timedelta(days=10)  # a borrowed day is loose
    x_first, x_last = _told_part(x)
    y_first, y_last = _told_part(y)
    return _minus(x_first, pad) <= y_last and _minus(y_first, pad) <= x_last


def _holds_to_its_day(a: Candidate, b: Candidate) -> bool:
    """Does ``a``'s own day keep ``b``, whose day is borrowed, from being read loosely?

    It does when it is a period told, a background event's own day ('وكانت القوات قد
    استهدفت أول أمس الإثنين القرية') or a sentence opening on its day; and when ``b`` took its
    day from another sentence's words ('ويوم الأحد الفائت استهدف مسلحون سيارة ...' and 'ما أدى
    إلى اندلاع مواجهات' in a paragraph going on from 'تظاهروا صباح اليوم الثلاثاء'): that day
    is another event's, not a retelling's.
    """
    return bool(a.date_own and (_a_period(a.incident) or a.past or _opens_on_its_day(a)
                                or _from_other_text(b)))


def _from_other_text(c: Candidate) -> bool:
    """Did ``c`` take its day from the words of a sentence before it (not its own words,
    not the publication date)?"""
    inc = c.incident
    return bool(not c.date_own and inc is not None and inc.date_precision == "day"
                and inc.date_source == DateSource.SENTENCE_BEFORE)


def _minus(day: dt.date, pad: dt.timedelta) -> dt.date:
    """``day - pad``, held at the calendar's first day (an article dated 0001-01-01 is kept)."""
    return day - pad if day - dt.date.min >= pad else dt.date.min


#: The days of a month its start, middle or end covers ('مطلع حزيران' is not 15 June).
_PART_DAYS = {"start": (1, 10), "mid": (11, 20), "end": (21, 31)}
_PART_RE = rx(r"(?<![^\W\d_])(" + "|".join(QUALIFIERS) + r")(?![^\W\d_])")
#: The qualifiers by their folded spelling, as :data:`_PART_RE` matches them ('اوائل' -> 'اوايل').
_PART_OF = {fold_letters(word): part for word, part in QUALIFIERS.items()}


def _told_part(inc: Incident) -> tuple[dt.date, dt.date]:
    """(first, last) day of ``inc``'s date, a month narrowed to the part its text names."""
    first, last = inc.date_first, inc.date_last or inc.date_first
    if inc.date_precision != "month" or first.month != last.month:
        return first, last
    m = _PART_RE.search(fold_letters(inc.date_text or ""))
    if m is None:
        return first, last
    lo, hi = _PART_DAYS[_PART_OF[m.group(1)]]
    return first.replace(day=lo), last.replace(day=min(hi, last.day))


def _a_period(inc: Incident) -> bool:
    """Is ``inc`` dated by a period longer than a night (see :func:`.dating.is_period`)?"""
    return is_period(inc.date_first, inc.date_last, inc.date_precision)


#: An evening or night and the dawn after it: one overnight operation may be told by either.
_EVENING_RE = rx(r"(?<![^\W\d_])(?:مساء|ليل|ليله|منتصف الليل)(?![^\W\d_])")
_DAWN_RE = rx(r"(?<![^\W\d_])(?:فجر|الفجر|ساعات الصباح الاولي|ساعات الفجر|منتصف الليل)(?![^\W\d_])")


def _overnight(x: Incident, y: Incident) -> bool:
    """Is the earlier of two day-dated tellings an evening or night and the later a dawn?"""
    early, late = (x, y) if x.date_first <= y.date_first else (y, x)
    return bool(_EVENING_RE.search(fold_letters(early.date_text))
                and _DAWN_RE.search(fold_letters(late.date_text)))


def _one_place(a: Place | None, a_approx: bool, b: Place | None, b_approx: bool) -> bool:
    """Can two tellings' places be one event's? The same, one inside the other, or a point
    told approximately and a place within :data:`_AROUND_KM` of it."""
    relation = place_relation(a, b)
    if relation in _ONE_PLACE:
        return True
    around = (a_approx and a is not None and a.kind not in AREA_KINDS) or (
        b_approx and b is not None and b.kind not in AREA_KINDS)
    return around and relation in ("near", "governorate") and km_between(a, b) <= _AROUND_KM


def _fuse(cluster: list[Candidate]) -> Incident:
    """One incident of a cluster: the head's identity, the best date and place, everyone's actors."""
    incs = [c.incident for c in cluster if c.incident is not None]
    if len(incs) == 1:
        return incs[0]
    types = {i.type for i in incs}
    kind = next((t for t in _TYPE_WINS if t in types), incs[0].type)
    head = _head(cluster, kind)
    date_src = _date_source(cluster, incs, head)
    placed = [c.incident for c in cluster if c.place_own or not c.anaphoric]
    place_src = min(placed or incs, key=_place_rank)
    told = [c.incident for c in cluster if not c.anaphoric and c.incident is not None]
    killed = [i.fatalities for i in incs if i.fatalities is not None]
    hurt = [i.injuries for i in incs if i.injuries is not None]
    attacking = {a for i in told for a in i.attackers}  # once, not once per target: clusters can be long
    return Incident(
        id=head.id, type=kind, date_first=date_src.date_first, date_last=date_src.date_last,
        date_precision=date_src.date_precision, place=place_src.place,
        geo_precision=place_src.geo_precision, actors=unique(a for i in [head, *told] for a in i.actors),
        fatalities=max(killed) if killed else None, injuries=max(hurt) if hurt else None,
        confidence=round(min(0.95, max(i.confidence for i in incs) + 0.05 * (len(incs) - 1)), 3),
        sources=_evidence(head, cluster), approximate=place_src.approximate,
        attackers=unique(a for i in told for a in i.attackers),
        targets=unique(t for i in told for t in i.targets if t not in attacking),
        date_text=date_src.date_text, date_source=date_src.date_source, place_text=place_src.place_text,
        place_cue=place_src.place_cue, notes=_notes(cluster, head, incs),
    )


def _evidence(head: Incident, cluster: list[Candidate]) -> list:
    """Every telling's sentence, the head's first, then in the article's order: one
    source (the article) with several pieces of evidence, none of them lost."""
    out = {(s.article, s.evidence): s for s in head.sources}
    for c in sorted(cluster, key=lambda c: (c.sentence.index, c.start)):
        for s in c.incident.sources if c.incident is not None else ():
            out.setdefault((s.article, s.evidence), s)
    return list(out.values())


def _head(cluster: list[Candidate], kind: str) -> Incident:
    """The telling that speaks for the cluster: the winning type, told (not referred to), own date, place."""
    head_c = max(cluster, key=lambda c: (c.incident.type == kind, not c.anaphoric,
                                         c.date_own and c.place_own, c.date_own, c.place_own,
                                         c.incident.confidence))
    assert head_c.incident is not None
    return head_c.incident


def _date_source(cluster: list[Candidate], incs: list[Incident], head: Incident) -> Incident:
    """The telling with the most precise, narrowest date (a sentence's own date first)."""
    own_dates = [c.incident for c in cluster if c.date_own and c.incident.date_first]
    dated = own_dates or [i for i in incs if i.date_first is not None]
    # a day the text gives for the event ('في بيان الأحد' for the strikes told next) beats
    # the publication day a lead with no date of its own took
    told = [i for i in dated if i.date_source != DateSource.PUBLICATION]
    dated = told or dated
    return min(dated, key=lambda i: (_PRECISION_RANK[i.date_precision],
                                     (i.date_last - i.date_first).days)) if dated else head


def _notes(cluster: list[Candidate], head: Incident, incs: list[Incident]) -> list[str]:
    notes = unique(n for i in [head, *incs] for n in i.notes)
    notes.append("same event in sentences: " + ", ".join(
        unique(str(c.sentence.index) for c in sorted(cluster, key=lambda c: c.sentence.index))))
    return notes


def _place_rank(inc: Incident) -> tuple:
    place = inc.place
    if place is None:
        return (9, 9, 0.0)
    area = place.kind in AREA_KINDS
    # of two areas the narrower ('ريف تل أبيض' before 'ريف الرقة'): the most specific place
    width = (5 if is_macro_region(place) else breadth(place)) if area else 0
    return (1 if area else 0, width, 1 if inc.approximate else 0,
            inc.geo_precision or 3, -inc.confidence)

"""Combining a cluster of reports into one incident: the picks and the disagreements.

:mod:`geo.merge` decides which reports are one event; this module decides what the
event then says: the date most outlets agree with at the finest precision, the place
most agree with (an area or a seat city standing for a named place supports it
without displacing it), the lowest casualty figures, every source, and a note for
every date, place, type or casualty figure the outlets disagree on, rather than a
silently picked winner.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from gazetteer.model import Place

from .model import Incident, Source
from .relate import is_seat, place_relation

__all__ = ["articles_of", "combine", "merged_id", "unique"]

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def articles_of(inc: Incident) -> set[str]:
    """The articles that report an incident."""
    return {s.article for s in inc.sources}


def combine(members: Sequence[Incident], preferred_types: Sequence[str] = ()) -> Incident:
    """One incident from the reports of one event (two or more), with a stable id.

    ``preferred_types``: the type a mixed cluster takes, most specific first.
    """
    members = sorted(members, key=lambda i: i.id)
    date_src = _pick_date(members)
    place_src = _pick_place(members)
    fatalities, f_note = _lowest(members, "fatalities")
    injuries, i_note = _lowest(members, "injuries")
    disagreements = [*_type_notes(members), *_date_notes(members, date_src),
                     *_place_notes(members, place_src), *f_note, *i_note]
    for m in members:
        disagreements.extend(m.disagreements)
    return replace(
        place_src,
        notes=unique(n for m in members for n in m.notes),
        id=merged_id("m", (m.id for m in members)),
        type=_merged_type(members, preferred_types),
        date_first=date_src.date_first, date_last=date_src.date_last,
        date_precision=date_src.date_precision, date_text=date_src.date_text,
        date_source=date_src.date_source,
        actors=unique(a for m in members for a in m.actors),
        attackers=unique(a for m in members for a in m.attackers),
        targets=unique(a for m in members for a in m.targets),
        fatalities=fatalities, injuries=injuries,
        confidence=_confidence(members),
        sources=_sources(members),
        disagreements=unique(disagreements),
    )


def merged_id(prefix: str, member_ids: Iterable[str]) -> str:
    """A stable id for a merged thing, from its sorted member ids."""
    digest = hashlib.sha1("|".join(sorted(member_ids)).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:12]}"


def _label(inc: Incident) -> str:
    return ", ".join(sorted(articles_of(inc))) or inc.id


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _sources(members: Iterable[Incident]) -> list[Source]:
    """Every report's evidence once, grouped by article; within an article in the
    order its incidents gave them (the extractor puts the lead sentence first)."""
    seen: dict[tuple[str, str], Source] = {}
    for inc in members:
        for s in inc.sources:
            seen.setdefault((s.article, s.evidence), s)
    return sorted(seen.values(), key=lambda s: s.article)


def _merged_type(members: list[Incident], preferred: Sequence[str]) -> str:
    types = {m.type for m in members}
    if len(types) == 1:
        return members[0].type
    for t in preferred:
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
                agree |= articles_of(m) or {m.id}
        return len(agree)

    return min(top, key=lambda m: (-support(m), _span(m), -m.confidence, m.date_first, m.id))


def _span(inc: Incident) -> int:
    if inc.date_first is None:
        return 1 << 30
    return ((inc.date_last or inc.date_first) - inc.date_first).days


def _pick_place(members: list[Incident]) -> Incident:
    """The place most articles agree with (the same place, or an area holding it, or
    a seat city standing for it), then a place named for itself (not a seat city
    standing for its governorate), then the most precise (lowest geo precision), then
    the most confident.

    So three outlets naming al-Qahtaniyah outweigh one writing 'the city of
    al-Hasakah', while 'north-east Syria' from one outlet supports the town named
    by another without displacing it.
    """
    placed = [m for m in members if m.place is not None]
    if not placed:
        return members[0]
    relations = {(a.id, b.id): place_relation(a.place, b.place) for a in placed for b in placed}

    def support(cand: Incident) -> int:
        agree: set[str] = set()
        for m in placed:
            relation = relations[(cand.id, m.id)]
            if relation in ("same", "contains") or (
                    relation == "governorate" and is_seat(m.place)):
                agree |= articles_of(m) or {m.id}
        return len(agree)

    def standing_in(cand: Incident) -> bool:
        return is_seat(cand.place) and any(
            relations[(cand.id, m.id)] == "governorate" for m in placed)

    return min(placed, key=lambda i: (-support(i), standing_in(i), i.geo_precision or 9,
                                      -i.confidence, i.id))


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
            by_date[m.date].update(articles_of(m))
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
        by_place[m.place.id].update(articles_of(m))
        names[m.place.id] = _place_name(m.place)
    if not by_place:
        return []
    at_chosen = sorted({a for m in members if m.place is not None
                        and m.place.id == chosen.place.id for a in articles_of(m)})
    parts = [f"{_place_name(chosen.place)} ({', '.join(at_chosen) or chosen.id})"]
    parts += [f"{names[p]} ({', '.join(sorted(by_place[p]))})" for p in sorted(by_place)]
    return ["place: " + " vs ".join(parts)]


def _type_notes(members: list[Incident]) -> list[str]:
    by_type: dict[str, set[str]] = defaultdict(set)
    for m in members:
        by_type[m.type].update(articles_of(m))
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

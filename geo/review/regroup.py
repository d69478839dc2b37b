"""Splits and merges the analyst decided, on the incidents :mod:`geo.merge` produced.

A **split** is stored on every member of the merged incident it was taken on: any
merged incident that holds a member with a split in force is taken apart into its
article-level incidents (a report that joins later is kept apart too, which is what
"these are different events" means). A **merge** is stored on one article-level
member of each side: the incidents holding them become one, with every source kept,
under an id from all member ids (:func:`geo.merge.merged_id`), like the machine's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..merge import MergeRecord, merged_id
from ..model import Incident, Source
from .state import ReviewState

__all__ = ["regroup"]

_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


def regroup(incidents: list[Incident], groups: dict[str, list[str]],
            merges: list[MergeRecord], article_level: dict[str, Incident],
            state: ReviewState) -> tuple[list[Incident], list[MergeRecord], dict[str, str]]:
    """(incidents, merge records, problems by decision id) after splits and merges.

    ``groups`` (final id -> member ids) is updated to match.
    """
    problems: dict[str, str] = {}
    final: dict[str, Incident] = {}
    records = {r.id: r for r in merges}
    for inc in incidents:
        ids = groups.get(inc.id, [inc.id])
        if len(ids) > 1 and any("split" in state.on("incident", m) for m in ids):
            records.pop(inc.id, None)
            del groups[inc.id]
            for m in ids:
                final[m] = article_level[m]
                groups[m] = [m]
        else:
            final[inc.id] = inc
    decisions = sorted((d for t in state.targets("incident")
                        for f, d in state.on("incident", t).items() if f.startswith("merge:")),
                       key=lambda d: d.at)
    for d in decisions:
        a, b = _holder(groups, d.target), _holder(groups, d.new)
        if a is None or b is None:
            missing = d.target if a is None else d.new
            if missing in article_level:
                problems[d.id] = f"incident {missing} is rejected or excluded in this run"
            continue
        if a == b:
            continue
        ids = sorted({*groups.pop(a), *groups.pop(b)})
        combined = _combine(final.pop(a), final.pop(b), merged_id("m", ids), d.id)
        for old in (a, b):
            records.pop(old, None)
        final[combined.id] = combined
        groups[combined.id] = ids
        articles = tuple(sorted({s.article for s in combined.sources}))
        records[combined.id] = MergeRecord(combined.id, tuple(ids), articles,
                                           f"merged by review decision {d.id} ({d.at})")
    out = sorted(final.values(), key=lambda i: (i.date_first or dt.date.max, i.id))
    return out, sorted(records.values(), key=lambda r: r.id), problems


def _holder(groups: dict[str, list[str]], member: str) -> str | None:
    for gid, ids in groups.items():
        if member in ids:
            return gid
    return None


def _sources(a: Incident, b: Incident) -> list[Source]:
    seen: dict[tuple[str, str], Source] = {}
    for s in (*a.sources, *b.sources):
        seen.setdefault((s.article, s.evidence), s)
    return sorted(seen.values(), key=lambda s: (s.article, s.evidence))


def _union(*lists: list[str]) -> list[str]:
    return list(dict.fromkeys(x for values in lists for x in values if x))


def _combine(a: Incident, b: Incident, new_id: str, decision: str) -> Incident:
    """One incident of two: the more precise date's side leads, every source is kept."""
    head, other = sorted((a, b), key=lambda i: (_RANK.get(i.date_precision, 3),
                                                -len(i.sources), i.id))
    return dataclasses.replace(
        head, id=new_id, sources=_sources(a, b),
        actors=_union(head.actors, other.actors), attackers=_union(head.attackers, other.attackers),
        targets=_union(head.targets, other.targets),
        fatalities=head.fatalities if head.fatalities is not None else other.fatalities,
        injuries=head.injuries if head.injuries is not None else other.injuries,
        confidence=max(a.confidence, b.confidence),
        disagreements=_union(head.disagreements, other.disagreements,
                             [f"merged by review decision {decision}"]))

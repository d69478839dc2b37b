"""What needs a human first: the Review tab's queue, from one run.

The machine is least sure about: place mentions it could not resolve, or resolved with
low confidence or only to the area around them; incidents below a confidence, placed
at region level only, undated, or merged from sources that disagree; incidents kept off
the map (no place in Syria, or only a region of the country too coarse to map). Each item names
its target exactly as :func:`geo.review.decide` takes it (a mention key or an incident
id the run shows), so the dashboard can put the decisions one click away and move on
to the next item. Items already decided are left out unless asked for.

Order: unresolved mentions, low-confidence mentions, then incidents by how many
problems they have and their confidence (lowest first); ties by id, so the queue is
the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .decisions import mention_target

__all__ = ["QUEUE_KINDS", "QueueItem", "review_queue"]

#: Item kinds, in the order they are shown.
QUEUE_KINDS = ("unresolved_mention", "low_confidence_mention", "incident")
#: Mentions below this confidence are queued (the run report's threshold).
MENTION_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One thing to check, with what the analyst needs to decide about it."""

    kind: str  # one of QUEUE_KINDS
    target: str  # a mention key or an incident id, as geo.review.decide takes it
    article: str  # the article to open (an incident's first source)
    text: str  # the mention's surface text, or the incident's type and place
    reasons: tuple[str, ...]  # why it is queued
    span: tuple[int, int] | None = None  # the mention in the article body
    candidates: list[dict] = field(default_factory=list)  # the places it could be
    confidence: float = 0.0
    decided: bool = False


def _mention_items(run: Any) -> list[QueueItem]:
    items = []
    for aid in sorted(run.results):
        for m in run.results[aid].mentions:
            decided = m.role == "not_place" or m.cue == "picked by review"
            if m.role not in ("location", "not_place"):
                continue
            if m.place is None:
                kind, reasons = "unresolved_mention", ("not in the gazetteer, or too ambiguous",)
            elif decided or m.confidence < MENTION_CONFIDENCE or m.approximate:
                kind = "low_confidence_mention"
                reasons = tuple(r for r, on in (
                    (f"confidence {m.confidence:.2f}", m.confidence < MENTION_CONFIDENCE),
                    ("placed at the area around it", m.approximate)) if on)
            else:
                continue
            items.append(QueueItem(
                kind=kind, target=mention_target(aid, m.start, m.end, m.text), article=aid,
                text=m.text, reasons=reasons or ("decided",), span=(m.start, m.end),
                candidates=[c.as_dict() for c in m.candidates[:5]],
                confidence=round(float(m.confidence), 3), decided=decided))
    return items


def _incident_items(run: Any, min_confidence: float) -> list[QueueItem]:
    items = []
    frame = run.layers.incidents
    for row in frame.to_dict("records"):
        reasons = []
        if row["confidence"] < min_confidence:
            reasons.append(f"confidence {row['confidence']:.2f}")
        if row["geo_precision"] == 3:
            reasons.append("region level only")
        if not row["date"]:
            reasons.append("undated")
        if row["disagreements"]:
            reasons.append(f"{len(row['disagreements'])} disagreement(s) between sources")
        if not reasons:
            continue
        sources = row["sources"] or [{}]
        items.append(QueueItem(
            kind="incident", target=row["id"], article=str(sources[0].get("article", "")),
            text=f"{row['type']} at {row['place_name_en'] or row['place_name_ar']}",
            reasons=tuple(reasons), confidence=round(float(row["confidence"]), 3),
            decided=row.get("review", "machine") != "machine"))
    items += _unlocated_items(run)
    items.sort(key=lambda i: (-len(i.reasons), i.confidence, i.target))
    return items


def _unlocated_items(run: Any) -> list[QueueItem]:
    """Incidents kept off the map without a place (only a region too coarse to map was
    named for them): an analyst places them, or rejects them. (Events abroad are not
    queued: they are off the map by right.)"""
    step = getattr(run, "review", None)
    items = []
    for u in getattr(run.layers, "unlocated", None) or []:
        if u.get("place"):
            continue
        articles = u.get("articles") or [""]
        where = u.get("place_text") or u.get("place") or "no place"
        state = step.state_of(u["id"]) if step is not None else "machine"
        items.append(QueueItem(
            kind="incident", target=u["id"], article=str(articles[0]),
            text=f"{u['type']} not on the map ({where})",
            reasons=("not on the map: " + str(u.get("why") or "no place"),
                     *(("undated",) if not u.get("date") else ())),
            confidence=0.0, decided=state != "machine"))
    return items


def review_queue(run: Any, *, min_confidence: float = 0.5,
                 include_decided: bool = False) -> list[QueueItem]:
    """The run's items that need a human, most urgent first (see the module doc).

    Parameters
    ----------
    run : geo.pipeline.PipelineResult
        A run made with the review store (so decided items are known).
    min_confidence : float
        Incidents below this are queued.
    include_decided : bool
        Keep items the analyst already decided (marked ``decided``).
    """
    order = {k: n for n, k in enumerate(QUEUE_KINDS)}
    mentions = sorted(_mention_items(run), key=lambda i: (order[i.kind], i.article, i.span))
    items = [*mentions, *_incident_items(run, min_confidence)]
    return items if include_decided else [i for i in items if not i.decided]

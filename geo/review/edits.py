"""One article-level incident, article or mention with the decisions in force applied.

Pure functions on the model's dataclasses: they return changed copies (a cached
extraction is never modified) and the list of what changed, each change naming the
decision, its time, author and note, with the machine's value as ``old``. A decision
that cannot be applied (a place no longer in the gazetteer) is returned as a problem,
so the caller lists it as orphaned instead of guessing.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from gazetteer.model import Mention, Place

from ..model import REVIEW_NOTE, DateSource, Incident
from .decisions import Decision, date_span

__all__ = ["EDIT_FIELDS", "change", "edit_article", "edit_incident", "edit_mention",
           "place_value", "point_place"]

#: Incident fields whose decision makes the incident 'edited' (review, split and merge
#: are handled by the caller).
EDIT_FIELDS = ("type", "date", "actors", "fatalities", "injuries", "place")


def change(d: Decision, old: Any, new: Any, *, incident: str = "") -> dict:
    """What one decision changed, as the layers' ``review_changes`` carry it."""
    entry = {"field": d.field, "old": old, "new": new, "decision": d.id, "at": d.at,
             "who": d.who, "note": d.note}
    if incident:
        entry["incident"] = incident
    return entry


def point_place(lat: float, lon: float) -> Place:
    """A place for a typed or clicked point: not a gazetteer entry, its own id."""
    return Place(id=f"point:{lat:.5f},{lon:.5f}", name_ar="", name_en=f"point {lat:.5f}, {lon:.5f}",
                 kind="village", lat=lat, lon=lon, source="review decision")


def place_value(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {"place_id": place.id, "name_en": place.name_en, "name_ar": place.name_ar,
            "lat": place.lat, "lon": place.lon}


def _date_value(inc: Incident) -> dict:
    return {"date": inc.date, "precision": inc.date_precision}


def _actors_value(inc: Incident) -> dict:
    return {"actors": list(inc.actors), "attackers": list(inc.attackers),
            "targets": list(inc.targets)}


def _resolve_place(new: dict, gazetteer: Any) -> Place | None:
    if "place_id" in new:
        places = getattr(gazetteer, "places", {}) if gazetteer is not None else {}
        return places.get(new["place_id"])
    return point_place(float(new["lat"]), float(new["lon"]))


def edit_incident(inc: Incident, fields: dict[str, Decision],
                  gazetteer: Any) -> tuple[Incident, list[dict], list[tuple[Decision, str]]]:
    """(edited copy, changes, problems) for the edit decisions in force on ``inc``."""
    updates: dict[str, Any] = {}
    changes: list[dict] = []
    problems: list[tuple[Decision, str]] = []
    for name in EDIT_FIELDS:
        d = fields.get(name)
        if d is None:
            continue
        if name == "type":
            old, updates["type"] = inc.type, d.new
        elif name == "date":
            first, last, precision = date_span(d.new["date"], d.new["precision"])
            old = _date_value(inc)
            updates.update(date_first=first, date_last=last, date_precision=precision,
                           date_text=f"{REVIEW_NOTE} ({d.new['date']})", date_source=DateSource.REVIEW)
        elif name == "actors":
            old, new = _actors_value(inc), d.new
            updates["actors"] = list(new["actors"]) or list(
                dict.fromkeys([*new["attackers"], *new["targets"]]))
            updates["attackers"], updates["targets"] = list(new["attackers"]), list(new["targets"])
        elif name in ("fatalities", "injuries"):
            old, updates[name] = getattr(inc, name), d.new
        else:  # place
            place = _resolve_place(d.new, gazetteer)
            if place is None:
                problems.append((d, f"place {d.new.get('place_id')!r} is no longer in the "
                                    "gazetteer"))
                continue
            old = place_value(inc.place)
            updates.update(place=place, geo_precision=1, approximate=False,
                           place_cue="placed by review", place_text=place.name_ar or place.name_en)
        changes.append(change(d, old, d.new, incident=inc.id))
    edited = dataclasses.replace(inc, **updates) if updates else inc
    return edited, changes, problems


def edit_article(article: Any, fields: dict[str, Decision]) -> tuple[Any, list[dict]]:
    """The article with its publication date, outlet and title as decided (before
    extraction, like a row of articles.csv, so relative dates follow the new date)."""
    from ..read.metadata import parse_iso

    updates: dict[str, Any] = {}
    changes = []
    names = {f.name for f in dataclasses.fields(article)} if dataclasses.is_dataclass(article) \
        else set()
    for name in ("published", "outlet", "title"):
        d = fields.get(name)
        if d is None or name not in names:
            continue
        old = getattr(article, name)
        if name == "published":
            day, stamp, precision = parse_iso(d.new)
            old = getattr(article, "published_at", None) or old
            updates.update(published=day, published_at=stamp, published_precision=precision,
                           published_inferred=False,
                           published_reason=f"review decision {d.id} ({d.at})")
        else:
            updates[name] = d.new
        changes.append(change(d, old.isoformat() if hasattr(old, "isoformat") else old, d.new))
    if not updates:
        return article, []
    return dataclasses.replace(article, **{k: v for k, v in updates.items() if k in names}), changes


def edit_mention(mention: Mention, d: Decision, gazetteer: Any) -> tuple[Mention | None, str]:
    """(the mention as decided, '') or (None, why it cannot be applied)."""
    if d.new.get("not_place"):
        return dataclasses.replace(mention, role="not_place", cue="not a place (review)"), ""
    places = getattr(gazetteer, "places", {}) if gazetteer is not None else {}
    place = places.get(d.new.get("place_id"))
    if place is None:
        return None, f"place {d.new.get('place_id')!r} is no longer in the gazetteer"
    return dataclasses.replace(mention, place=place, confidence=1.0, geo_precision=1,
                               approximate=False, role="location",
                               cue="picked by review"), ""

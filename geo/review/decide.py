"""Taking a decision about what a run shows: checked against that run, then stored.

The dashboard and ``python -m geo review decide`` both come here with the run they
show (a :class:`geo.pipeline.PipelineResult` made with the same store), so a
decision naming an incident, article, mention or place that does not exist is
refused (:class:`UnknownTargetError`) before anything is written. A decision on a
merged incident is stored on each of its article-level members (one batch), because
a merged id changes when a new report joins the event; ``split`` needs a merged
incident, ``merge`` two different ones. The ``old`` value recorded is the one the
run shows, after earlier decisions.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gazetteer.home import save_imported
from gazetteer.model import Place

from .decisions import KINDS_OF, Decision, make_decision, parse_mention_target
from .edits import place_value
from .errors import DecisionError, UnknownTargetError
from .store import ReviewStore

__all__ = ["add_place", "decide", "incident_members"]

_TARGET_OF = {kind: target for target, kinds in KINDS_OF.items() for kind in kinds}


def _step(run: Any) -> Any:
    step = getattr(run, "review", None)
    if step is None:
        raise DecisionError("the run has no review step; run the pipeline with review=STORE")
    return step


def incident_members(run: Any, incident_id: str) -> list[str]:
    """The article-level ids behind an incident id the run shows (itself for one report).

    Raises
    ------
    UnknownTargetError
        If the run has no incident with that id.
    """
    step = _step(run)
    if incident_id in step.incidents:
        return [incident_id]
    if incident_id in step.members:
        return list(step.members[incident_id])
    raise UnknownTargetError(f"no incident {incident_id!r} in this corpus; take the id from "
                             "incidents.geojson (property 'id') or the dashboard")


def _old(step: Any, member: str, kind: str) -> Any:
    inc = step.incidents[member]
    return {
        "confirm": step.state_of(member), "reject": step.state_of(member),
        "set-type": inc.type, "set-date": {"date": inc.date, "precision": inc.date_precision},
        "set-actors": {"actors": list(inc.actors), "attackers": list(inc.attackers),
                       "targets": list(inc.targets)},
        "set-fatalities": inc.fatalities, "set-injuries": inc.injuries,
        "replace": place_value(inc.place),
    }.get(kind)


def _check_place(gazetteer: Any, place_id: str) -> None:
    if place_id not in getattr(gazetteer, "places", {}):
        raise UnknownTargetError(f"no place {place_id!r} in the gazetteer; find its id with "
                                 "python -m gazetteer lookup NAME --json, or add it "
                                 "(python -m geo review decide add-place)")


def _incident_decisions(run: Any, kind: str, target: str, value: Any,
                        common: dict) -> list[Decision]:
    step = _step(run)
    members = incident_members(run, target)
    if kind == "split":
        if len(members) < 2:
            raise DecisionError(f"incident {target} has one source; only a merged incident "
                                "can be split")
    if kind == "merge":
        others = incident_members(run, str(value))
        if set(others) & set(members):
            raise DecisionError(f"{target} and {value} are already one incident")
        return [make_decision(kind=kind, target=members[0], value=others[0], **common)]
    if kind == "replace" and isinstance(value, dict) and value.get("place_id"):
        _check_place(step.gazetteer, str(value["place_id"]))
    return [make_decision(kind=kind, target=m, value=value, old=_old(step, m, kind), **common)
            for m in members]


def decide(store: ReviewStore, *, run: Any, kind: str, target: str, value: Any = None,
           note: str = "", who: str = "") -> list[Decision]:
    """Check a decision against ``run`` and store it (one transaction); returns what was stored.

    ``target`` is an incident id the run shows (merged or not), an article id, or a
    mention key (:func:`geo.review.decisions.mention_target`). For ``add-place`` use
    :func:`add_place`.

    Raises
    ------
    UnknownTargetError
        The incident, article, mention or place does not exist in this run.
    DecisionError
        The decision itself is malformed (see :func:`make_decision`).
    """
    target_kind = _TARGET_OF.get(kind)
    if target_kind is None or target_kind == "place":
        raise DecisionError(f"unknown decision {kind!r}; one of "
                            f"{', '.join(k for k in _TARGET_OF if k != 'add-place')}"
                            " (add-place: use add_place)")
    common = {"note": note, "who": who, "batch": uuid.uuid4().hex}
    step = _step(run)
    if target_kind == "incident":
        decisions = _incident_decisions(run, kind, target, value, common)
    elif target_kind == "article":
        if target not in step.seen_articles:
            raise UnknownTargetError(f"no article {target!r} in this corpus; article ids are "
                                     "the file names without extension")
        article = getattr(run, "articles", {}).get(target)
        field = KINDS_OF["article"][kind]
        old = getattr(article, field, None) if article is not None else None
        old = old.isoformat() if hasattr(old, "isoformat") else old
        decisions = [make_decision(kind=kind, target=target, value=value, old=old, **common)]
    else:
        parse_mention_target(target)
        if target not in step.mentions_seen:
            raise UnknownTargetError(f"no place mention {target} in this corpus (article id, "
                                     "start, end and the text must all match)")
        if kind == "pick":
            _check_place(step.gazetteer, str((value or {}).get("place_id", "")))
        decisions = [make_decision(kind=kind, target=target, value=value, **common)]
    store.add(decisions)
    return decisions


def add_place(store: ReviewStore, *, name_ar: str, lat: float, lon: float, kind: str,
              governorate: str, source: str, name_en: str = "",
              alt_names: Sequence[str] = (), note: str = "", who: str = "",
              run: Any = None, mention: str | None = None,
              gazetteer_home: Path | None = None) -> list[Decision]:
    """Add a missing place to the user's gazetteer store and record the decision.

    The place goes into the store ``python -m gazetteer import`` writes (under
    ``$GAZETTEER_HOME``, through :func:`gazetteer.home.save_imported`, under its lock),
    so ``python -m gazetteer lookup`` finds it and every article naming it resolves on
    the next run. With ``mention`` (a mention key of ``run``), that mention is also
    resolved to the new place.

    Raises
    ------
    OutOfAreaError
        The point is outside the map's area.
    DecisionError, UnknownTargetError
        A bad field, or a mention that is not in ``run``.
    GazetteerError
        The gazetteer store cannot be written (nothing is recorded then).
    """
    value = {"name_ar": name_ar, "name_en": name_en, "alt_names": list(alt_names),
             "lat": lat, "lon": lon, "kind": kind, "governorate": governorate, "source": source}
    batch = uuid.uuid4().hex
    added = make_decision(kind="add-place", target="", value=value, note=note, who=who,
                          batch=batch)
    decisions = [added]
    if mention is not None:
        if run is None or mention not in _step(run).mentions_seen:
            raise UnknownTargetError(f"no place mention {mention} in this corpus")
        decisions.append(make_decision(kind="pick", target=mention,
                                       value={"place_id": added.target}, note=note, who=who,
                                       batch=batch))
    save_imported([added_place(added)], home=gazetteer_home)
    store.add(decisions)
    return decisions


def added_place(decision: Decision) -> Place:
    """The gazetteer place an ``add-place`` decision added (its value holds all of it)."""
    p = decision.new
    return Place(id=p["id"], name_ar=p["name_ar"], name_en=p.get("name_en", ""),
                 kind=p["kind"], lat=p["lat"], lon=p["lon"], governorate=p.get("governorate", ""),
                 alt_names=tuple(p.get("alt_names") or ()), source=p.get("source", ""))

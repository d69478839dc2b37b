"""The review step of a run: the store's decisions applied where they belong.

The pipeline (:func:`geo.pipeline.run_pipeline`) calls one :class:`ReviewStep` at
three points, so the command line and the dashboard give the same bytes:

1. :meth:`ReviewStep.article`, on each article **before extraction**: publication
   date, outlet and title set as metadata (relative dates follow the new date, as
   with ``articles.csv``); an excluded article is not extracted at all.
2. :meth:`ReviewStep.after_extraction`, on the article-level results **before
   merging**: picked candidates and not-a-place on mentions, then each incident's
   edits (type, date, actors, casualties, place); rejected incidents are set aside.
3. :meth:`ReviewStep.after_merge`: splits and merges the analyst decided, rejected
   incidents back in when asked (``include_rejected``), and each final incident's
   ``review`` state (``machine``, ``confirmed``, ``edited``, ``rejected``) and changes;
   :meth:`ReviewStep.annotate` writes them into the incidents layer.

Decisions whose target is not in this run are **orphaned**: listed with the reason
(:meth:`ReviewStep.report`), never dropped and never applied to anything else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..merge import MergeRecord
from ..model import ArticleResult, Incident
from .decisions import Decision, parse_mention_target
from .edits import EDIT_FIELDS, change, edit_article, edit_incident, edit_mention
from .held import ArticleIncidents, MentionKeys
from .regroup import regroup
from .state import ReviewState
from .store import ReviewStore

__all__ = ["REVIEW_STATES", "ReviewSource", "ReviewStep", "open_review"]

REVIEW_STATES = ("machine", "confirmed", "edited", "rejected")
#: The review status of an incident no decision is about (read, never changed).
_MACHINE: tuple[str, list[dict]] = ("machine", [])
#: What a run accepts as its decisions: a store, its path, a state, or None (none).
ReviewSource = ReviewStore | ReviewState | str | Path | None


def open_review(source: ReviewSource = None, *,
                include_rejected: bool = False, gazetteer: Any = None) -> ReviewStep:
    """A review step from a store (or its path, or a state); ``None``: no decisions.

    Raises
    ------
    ReviewStoreError
        If the store file is missing, unreadable, or not a review store.
    """
    if isinstance(source, ReviewStep):
        return source
    if source is None:
        state, where = ReviewState(), None
    elif isinstance(source, ReviewState):
        state, where = source, None
    else:
        store = source if isinstance(source, ReviewStore) else ReviewStore(source, create=False)
        state, where = ReviewState.of(store.decisions()), str(store.path)
    return ReviewStep(state, include_rejected=include_rejected, gazetteer=gazetteer, store=where)


class ReviewStep:
    """Applies one :class:`ReviewState` to one run (make a new step for each run)."""

    def __init__(self, state: ReviewState, *, include_rejected: bool = False,
                 gazetteer: Any = None, store: str | None = None) -> None:
        self.state = state
        self.include_rejected = include_rejected
        self.gazetteer = gazetteer
        self.store = store
        #: article-level incident id -> the incident as reviewed (rejected ones too); read
        #: from the run's results once :meth:`keep_in` names them (geo.review.held)
        self.incidents = ArticleIncidents()
        #: final incident id -> (review state, changes)
        self.status: dict[str, tuple[str, list[dict]]] = {}
        #: final incident id -> article-level member ids
        self.members: dict[str, list[str]] = {}
        self.rejected: list[str] = []
        self.excluded: list[str] = []
        self.seen_articles: set[str] = set()
        self.mentions_seen = MentionKeys()
        self._mention_targets = bool(state.targets("mention"))
        self.article_changes: dict[str, list[dict]] = {}
        self._incident_changes: dict[str, list[dict]] = {}
        self._problems: dict[str, str] = {}  # decision id -> why it could not be applied
        self._applied: set[str] = set()

    def keep_in(self, results: Mapping[str, ArticleResult]) -> None:
        """Look article-level incidents and mentions up in ``results`` (article id ->
        result, as :meth:`after_extraction` returned them) instead of holding them."""
        self.incidents.keep_in(results)
        self.mentions_seen.keep_in(results)

    @property
    def active(self) -> bool:
        return len(self.state) > 0

    # --- 1. articles ------------------------------------------------------------------

    def article(self, article: Any) -> Any | None:
        """The article with its metadata as decided, or None when it is excluded."""
        aid = str(article.id)
        self.seen_articles.add(aid)
        fields = self.state.on("article", aid)
        if not fields:
            return article
        excluded = fields.get("excluded")
        if excluded is not None:
            self._applied.add(excluded.id)
            if excluded.new:
                self.excluded.append(aid)
                return None
        edited, changes = edit_article(article, fields)
        self._applied.update(c["decision"] for c in changes)
        if changes:
            self.article_changes[aid] = changes
        return edited

    def excluded_reason(self, article_id: str) -> str:
        d = self.state.on("article", article_id).get("excluded")
        why = f": {d.note}" if d is not None and d.note else ""
        return f"excluded by review decision {d.id if d else ''} ({d.at if d else ''}){why}"

    # --- 2. article-level results -----------------------------------------------------

    def after_extraction(self, results: dict[str, ArticleResult]) -> dict[str, ArticleResult]:
        """Results with mention and incident decisions applied, rejected incidents removed."""
        out = {}
        for aid, res in results.items():
            mentions = [self._mention(aid, m) for m in res.mentions]
            picked = {(m.text, id(old)): m for m, old in zip(mentions, res.mentions, strict=True)
                      if m is not old}
            kept = []
            for inc in res.incidents:
                inc = self._replaced_by_mention(inc, res.mentions, picked)
                inc = self._incident(inc, aid)
                if inc is not None:
                    kept.append(inc)
            out[aid] = dataclasses.replace(res, mentions=mentions, incidents=kept)
        return out

    def _mention(self, aid: str, mention: Any) -> Any:
        from .decisions import mention_target

        if not self._mention_targets and self.mentions_seen.looked_up:
            return mention  # no decision on any mention, and the run's results answer for them
        key = mention_target(aid, mention.start, mention.end, mention.text)
        self.mentions_seen.add(key)
        d = self.state.on("mention", key).get("resolution")
        if d is None:
            return mention
        edited, problem = edit_mention(mention, d, self.gazetteer)
        if edited is None:
            self._problems[d.id] = problem
            return mention
        self._applied.add(d.id)
        return edited

    def _replaced_by_mention(self, inc: Incident, old_mentions: list, picked: dict) -> Incident:
        """An incident placed on a mention whose candidate the analyst picked follows it."""
        if not picked or inc.place_text == "":
            return inc
        for m in old_mentions:
            new = picked.get((m.text, id(m)))
            if new is None or m.text != inc.place_text or new.role != "location":
                continue
            if inc.place is None or m.place is None or inc.place.id == m.place.id:
                return dataclasses.replace(inc, place=new.place, geo_precision=1,
                                           approximate=False, place_cue="picked by review")
        return inc

    def _incident(self, inc: Incident, article_id: str) -> Incident | None:
        fields = self.state.on("incident", inc.id)
        edited, changes, problems = edit_incident(inc, fields, self.gazetteer)
        for d, why in problems:
            self._problems[d.id] = why
        self._applied.update(c["decision"] for c in changes)
        review = fields.get("review")
        if review is not None:
            self._applied.add(review.id)
        for name in ("split", *(f for f in fields if f.startswith("merge:"))):
            if name in fields:
                self._applied.add(fields[name].id)
        rejected = review is not None and review.new == "rejected"
        self.incidents.put(edited, article_id, hold=bool(fields) or rejected)
        if changes:
            self._incident_changes[inc.id] = changes
        else:  # most incidents: nothing held for them
            self._incident_changes.pop(inc.id, None)
        if rejected:
            self.rejected.append(inc.id)
            return None
        return edited

    def state_of(self, incident_id: str) -> str:
        """The review state of an article-level incident (before grouping)."""
        fields = self.state.on("incident", incident_id)
        review = fields.get("review")
        if review is not None and review.new == "rejected":
            return "rejected"
        if any(f in fields for f in EDIT_FIELDS) or "split" in fields or \
                any(f.startswith("merge:") for f in fields):
            return "edited"
        return "confirmed" if review is not None else "machine"

    # --- 3. merged incidents ----------------------------------------------------------

    def after_merge(self, incidents: Sequence[Incident], merges: list[MergeRecord]
                    ) -> tuple[Sequence[Incident], list[MergeRecord]]:
        """Splits and merges applied, rejected incidents added back when asked for."""
        members = {r.id: list(r.members) for r in merges}
        if not self.include_rejected and not self.state.targets("incident"):
            return self._machine_groups(incidents, merges, members), merges
        groups = {inc.id: members.get(inc.id, [inc.id]) for inc in incidents}
        final, merges, problems = regroup(incidents, groups, merges, self.incidents, self.state)
        self._problems.update(problems)
        if self.include_rejected:
            final += [self.incidents[i] for i in self.rejected]
        self.members = {}
        for inc in final:
            ids = groups.get(inc.id) or _members_of(inc, merges) or [inc.id]
            self.members[inc.id] = ids
            self.status[inc.id] = self._group_status(inc.id, ids, merges)
        return final, merges

    def _machine_groups(self, incidents: Sequence[Incident], merges: list[MergeRecord],
                        members: dict[str, list[str]]) -> Sequence[Incident]:
        """``incidents`` as they are when no decision is about an incident: nothing to split,
        merge or add back (what :func:`regroup` would give), read once, one at a time (a
        large run's wait on disk, issue 14), each the machine's."""
        self.members = {}
        for inc in incidents:
            ids = members.get(inc.id) or [inc.id]
            self.members[inc.id] = ids
            status = self._group_status(inc.id, ids, merges)
            self.status[inc.id] = _MACHINE if status == _MACHINE else status  # one for all
        return incidents

    def _group_status(self, final_id: str, ids: list[str],
                      merges: list[MergeRecord]) -> tuple[str, list[dict]]:
        states = [self.state_of(i) for i in ids]
        changes = [c for i in ids for c in self._incident_changes.get(i, [])]
        for i in ids:
            for name, d in self.state.on("incident", i).items():
                if name == "split" or name.startswith("merge:"):
                    changes.append(change(d, None, d.new, incident=i))
        if "rejected" in states and len(ids) == 1:
            return "rejected", changes
        if "edited" in states or changes:
            return "edited", changes
        return ("confirmed" if "confirmed" in states else "machine"), changes

    def annotate(self, layers: Any) -> Any:
        """Write ``review`` and ``review_changes`` into the incidents layer (in place)."""
        frame = layers["incidents"]
        if "review" not in frame.columns or not len(frame):
            return layers
        states = [self.status.get(i, ("machine", []))[0] for i in frame["id"]]
        changes = [list(self.status.get(i, ("machine", []))[1]) for i in frame["id"]]
        frame["review"] = states
        frame["review_changes"] = changes
        return layers

    # --- report -----------------------------------------------------------------------

    def orphans(self) -> list[dict]:
        """Every decision whose target is not in this run (or cannot be applied), with why."""
        out = []
        for d in self.state.history:
            why = self._orphan_reason(d)
            if why:
                out.append({**d.as_dict(), "why": why})
        return out

    def _orphan_reason(self, d: Decision) -> str:
        if d.id in self._problems:
            return self._problems[d.id]
        if d.target_kind == "incident":
            if d.target not in self.incidents:
                return ("no such incident in this run (its article changed, was excluded, or "
                        "is not in this corpus)")
            if d.field.startswith("merge:") and d.new not in self.incidents:
                return f"the incident to merge with, {d.new}, is not in this run"
        elif d.target_kind == "article" and d.target not in self.seen_articles:
            return "no such article in this corpus"
        elif d.target_kind == "mention" and d.target not in self.mentions_seen:
            article = parse_mention_target(d.target)[0]
            return ("the article's text changed: no mention with this span and text"
                    if article in self.seen_articles else "no such article in this corpus")
        elif d.target_kind == "place":
            places = getattr(self.gazetteer, "places", None)
            if places is not None and d.target not in places:
                return "the added place is not in the gazetteer store (was it removed?)"
        return ""

    def report(self) -> dict:
        """The run report's ``review`` entry."""
        orphans = self.orphans()
        counts: dict[str, int] = {s: 0 for s in REVIEW_STATES}
        for state, _ in self.status.values():
            counts[state] += 1
        return {
            "store": self.store,
            "decisions": len(self.state),
            "in_force": len(self.state.in_force()),
            "include_rejected": self.include_rejected,
            "incidents": counts,
            "rejected": sorted(self.rejected),
            "excluded_articles": sorted(self.excluded),
            "articles_changed": {a: c for a, c in sorted(self.article_changes.items())},
            "orphaned": orphans,
        }


def _members_of(inc: Incident, merges: Iterable[MergeRecord]) -> list[str]:
    for r in merges:
        if r.id == inc.id:
            return list(r.members)
    return []

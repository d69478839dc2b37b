"""The article as read once: folded text, sentences, place mentions, actors, dates.

Why a module: every stage of the extraction (triggers, places, dates, actors, bases,
routes) asks the same questions of one article; :func:`read_article` answers them once
(resolving place names, finding actors and date expressions over the whole body) and
:class:`Doc` carries the answers, with the offsets of the original text. Also the
policy for an article whose publication day is only inferred: relative dates it
could move become ranges (:data:`INFERRED_SLACK`, :data:`INFERRED_WIDEN`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gazetteer.model import Mention
from gazetteer.normalize import FoldedText
from geo.read.text import folded_page

from ..model import Source
from .actors import ActorHit, find_actors
from .references import facing
from .sentences import Sentence, cut_furniture, mark_headings, split_sentences
from .speakers import names_a_government, said_from
from .when import find_dates

__all__ = ["INFERRED_SLACK", "INFERRED_WIDEN", "Doc", "read_article", "source", "unique"]


@dataclass(slots=True)
class Doc:
    """One article as the stages see it; the last fields are filled (and cached) by the stages."""

    article: Any
    body: str
    folded: str
    sentences: list[Sentence]
    mentions: list[Mention]
    usable: list[Mention]  # in-area locations with a place
    actors: list[ActorHit]
    dates: list[Any]
    anchor: dt.date | None
    gazetteer: Any
    source_published: str
    para_sentences: dict[int, list[Sentence]] = field(default_factory=dict)
    actions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # hostile verbs
    events: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # valid triggers

    ft: FoldedText | None = None
    cands: dict[int, list[Any]] = field(default_factory=dict)
    trigger_hits: dict[int, list[Any]] | None = None
    starts: dict[int, tuple[list, int, list[int] | None]] = field(default_factory=dict, repr=False)
    spans: dict[int, tuple[list, int, int]] = field(default_factory=dict, repr=False)

    def lead(self) -> Sentence | None:
        """The story's lead sentence (see :func:`.sentences.mark_headings`), if it has one."""
        return next((s for s in self.sentences if s.lead), None)

    def in_sentence(self, items: list, s: Sentence) -> list:
        """The items (mentions, actors, dates) that start inside sentence ``s``."""
        return self.starting_in(items, s.start, s.end)

    def starting_in(self, items: list, lo: int, hi: int) -> list:
        """The items that start in ``[lo, hi)``, in their order.

        Why bisection: every stage asks this once per sentence or candidate, and a
        scan of the whole list each time made extraction quadratic in article size.
        Items in text order (all of this class's lists are) form one slice of the list.
        """
        cached = self.starts.get(id(items))  # _starts_of's answer, read inline (a call less)
        if cached is not None and cached[0] is items and cached[1] == len(items):
            starts = cached[2]
        else:
            starts = self._starts_of(items)
        if starts is None:
            return [x for x in items if lo <= x.start < hi]
        return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def ending_before(self, items: list, pos: int, within: int) -> list:
        """The items that end at most ``pos`` and less than ``within`` before it, in their order."""
        longest = self._longest(items)
        near = self.starting_in(items, pos - within - longest + 1, pos + 1)
        return [x for x in near if x.end <= pos and pos - x.end < within]

    def overlapping(self, items: list, lo: int, hi: int) -> list:
        """The items that start in ``[lo, hi)`` or cover ``lo``, in their order."""
        near = self.starting_in(items, lo - self._longest(items), hi)
        return [x for x in near if lo <= x.start < hi or x.start <= lo < x.end]

    def earlier_in_paragraph(self, s: Sentence) -> list[Sentence]:
        """The sentences of ``s``'s paragraph before ``s`` (a slice: one-line articles are one paragraph)."""
        siblings = self.para_sentences.get(s.para, [])
        if not siblings:
            return []
        return siblings[:max(0, min(len(siblings), s.index - siblings[0].index))]

    def _starts_of(self, items: list) -> list[int] | None:
        """The start offsets of ``items`` (cached per list), or None when they are out of order."""
        cached = self.starts.get(id(items))
        if cached is not None and cached[0] is items and cached[1] == len(items):
            return cached[2]
        starts: list[int] | None = [x.start for x in items]
        if any(a > b for a, b in zip(starts, starts[1:], strict=False)):
            starts = None
        self.starts[id(items)] = (items, len(items), starts)
        return starts

    def _longest(self, items: list) -> int:
        """The longest span among ``items`` (cached per list, like the starts)."""
        cached = self.spans.get(id(items))
        if cached is not None and cached[0] is items and cached[1] == len(items):
            return cached[2]
        longest = max((x.end - x.start for x in items), default=0)
        self.spans[id(items)] = (items, len(items), longest)
        return longest

    def fspan(self, lo: int, hi: int) -> str:
        """The folded text of ``body[lo:hi]`` (original offsets), without folding again."""
        deleted = self.ft.deleted if self.ft is not None else ()
        if not deleted:
            return self.folded[lo:hi]
        return self.folded[lo - bisect.bisect_left(deleted, lo):hi - bisect.bisect_left(deleted, hi)]


def read_article(article: Any, gazetteer: Any) -> Doc:
    """Read ``article`` (a :class:`geo.read.Article` or alike) once for every stage."""
    from gazetteer.resolver import resolve_text

    raw = article.body or ""
    ft = folded_page(raw)
    # the fold already made every space a plain one and each run of them one space
    body, folded = cut_furniture(raw, ft.folded)
    ft = FoldedText(body, folded, ft.deleted)
    mentions = resolve_text(body, gazetteer)
    usable = [m for m in mentions if m.place is not None and m.role == "location"
              and m.place.in_area]
    anchor = _anchor(article)
    sentences: list[Sentence] = []
    for i, (fs, fe, para) in enumerate(split_sentences(folded)):
        start, end = ft.to_original(fs), ft.to_original(fe, end=True)
        sentences.append(Sentence(i, start, end, para, body[start:end], folded[fs:fe],
                                  fstart=fs, ft=ft))
    mark_headings(body, sentences, title=str(getattr(article, "title", "") or ""))
    doc = Doc(article, body, folded, sentences, mentions, usable, find_actors(body, folded=ft),
              _dates_of_body(body, anchor, bool(getattr(article, "published_inferred", False))),
              anchor, gazetteer, _published_iso(article), ft=ft)
    for s in sentences:
        doc.para_sentences.setdefault(s.para, []).append(s)
    # a place tied to whoever spoke ('الصحافي فلان من الجولان') is nobody's event place, nor
    # is a place faced across a border ('شانلي أورفا المواجهة لمدينة تل أبيض')
    doc.usable = [m for m in usable if not said_from(doc.fspan(max(0, m.start - 80), m.start))
                  and not facing(doc.fspan(max(0, m.start - 40), m.start))
                  and not (m.place.kind == "capital" and names_a_government(
                      doc.fspan(max(0, m.start - 24), m.start), doc.fspan(m.end, m.end + 30)))]
    return doc


#: How far an inferred publication day may be off (the corpus infers it from dates in the text).
INFERRED_SLACK = dt.timedelta(days=7)


#: An expression the slack would move is kept as the range it spans within this much.
INFERRED_WIDEN = dt.timedelta(days=3)


def _dates_of_body(body: str, anchor: dt.date | None, inferred: bool) -> list[Any]:
    """Date expressions of the body; with an inferred anchor, ranges for those it could move.

    An inferred publication day is a guess within days: 'قبل يومين' anchored on it
    is not a known day, while '5 تشرين الأول الجاري' only needs its month. An
    expression is kept as it is when anchoring a week earlier and a week later gives
    the same; otherwise it becomes the range it spans when the anchor moves a few days
    either way (rule suffixed ':widened'), never a single made-up day.
    """
    found = find_dates(body, anchor)
    written = {d.first for d in found if d.rule.startswith("today_weekday:weekday_wins")}
    if anchor is not None and not inferred and len(written) == 1:
        day = next(iter(written))
        if dt.timedelta(0) < anchor - day <= dt.timedelta(days=3):
            # 'اليوم الخميس' on a page stamped Friday: the text was written on Thursday, and
            # its other 'اليوم', 'أمس' count from that day, not from the stamp
            found = find_dates(body, day)
    if anchor is None or not inferred or not any(d.relative for d in found):
        return found
    # the relative expressions a week's shift either way leaves as they are (a second
    # reading is skipped once the first left none; only relative ones are ever looked up)
    stable = {(d.start, d.first, d.last) for d in found if d.relative}
    for shift in (-INFERRED_SLACK, INFERRED_SLACK):
        if stable:
            stable &= {(d.start, d.first, d.last) for d in find_dates(body, anchor + shift)}
    moved: dict[int, list[Any]] = {}
    if any(d.relative and d.precision == "day" and (d.start, d.first, d.last) not in stable
           for d in found):  # the few days either way, read only for a day they could move
        for shift in (-INFERRED_WIDEN, INFERRED_WIDEN):
            for d in find_dates(body, anchor + shift):
                moved.setdefault(d.start, []).append(d)
    out = []
    for d in found:
        if not d.relative or (d.start, d.first, d.last) in stable:
            out.append(d)
        elif d.start in moved and d.precision == "day":
            spans = [d, *moved[d.start]]
            out.append(dataclasses.replace(d, first=min(x.first for x in spans),
                                           last=max(x.last for x in spans),
                                           rule=d.rule + ":widened"))
    return out


def _anchor(article: Any) -> dt.date | None:
    """Relative dates are anchored only on a publication date known to the day."""
    published = getattr(article, "published", None)
    if published is None or getattr(article, "published_precision", "day") != "day":
        return None
    return published


def _published_iso(article: Any) -> str:
    at = getattr(article, "published_at", None)
    if at is not None:
        return at.isoformat()
    day = getattr(article, "published", None)
    return day.isoformat() if day is not None else ""


def source(doc: Doc, evidence: str) -> Source:
    """The source of a thing this article reports, with ``evidence`` (the Arabic sentence)."""
    a = doc.article
    return Source(article=str(a.id), title=getattr(a, "title", "") or "",
                  outlet=getattr(a, "outlet", "") or "", published=doc.source_published,
                  url=getattr(a, "url", "") or "", evidence=evidence)


def unique(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, in their first order (a set beside the list: clusters can be long)."""
    seen: list[str] = []
    known: set[str] = set()
    for x in items:
        if x not in known:
            known.add(x)
            seen.append(x)
    return seen

"""Choosing the place a mention means, and saying why.

A mention's candidates are every place with the matched name. Each is scored
from cues in the text, then the best is taken only if it stands clear of the
rest; otherwise the mention stays unresolved with its ranked candidates, so an
analyst sees the doubt instead of a guess presented as fact.

Cues, in the order they are read (the first three by :mod:`.cues`):

* the role of the name: a time zone after a clock time ('17:41 دمشق'), a
  desk dateline ('إسطنبول - متابعات'), a media outlet ('قناة الحرة'), part of a
  person's name ('المتحدث باسم قسد مرفان قامشلو', 'أبو بكر الشدادي', or a listed
  leader's or official's: 'باراك أوباما' is not 'ب' + Arak, see :mod:`gazetteer.persons`);
* a kind word before it ('قرية', 'مطار', 'محافظة' ...);
* a precision word before it ('ريف', 'شمالي', 'بالقرب من' ...): geo precision 2;
* governorates and towns named in the same sentence;
* other places resolved in the same text (two passes: clear cases first);
* a prior for north-east Syria, the area the corpus is about, and for larger places.

Then what the text says around the chosen places: a name tied to a far place, a town
after 'الريف الشرقي ل' (its countryside); names the gazetteer lacks are read by
:mod:`.unknown`.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import math
import operator
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .countrysides import direction_key
from .cues import WINDOW, NameCues, read_names
from .homonyms import far_namesakes
from .matcher import RawMatch
from .model import AREA_KINDS, FOCUS_GOVERNORATES, Candidate, Mention, Place, km_between
from .normalize import FoldedText, fold
from .offsets import offset_places
from .store import Gazetteer
from .unknown import CUE_KINDS, countryside, unknown_named_places

#: A place needs this much lead over the runner-up (in score) to be chosen.
MIN_MARGIN = 0.25
#: Below this confidence a resolved mention is flagged for review.
REVIEW_CONFIDENCE = 0.5

_KIND_PRIOR = {
    "capital": 0.55, "city": 0.5, "country": 0.5, "governorate": 0.45, "town": 0.4,
    "base": 0.45, "airport": 0.45, "oilfield": 0.4, "gasfield": 0.4, "dam": 0.4,
    "border_crossing": 0.4, "region": 0.4, "district": 0.3, "camp": 0.35, "bridge": 0.3,
    "neighbourhood": 0.2, "village": 0.2,
}
#: Places resolved this far (characters) around an ambiguous name help choose it: an
#: article's worth of text, and bounded so a huge input stays linear.
_ANCHOR_WINDOW = 6000
_SENTENCE_END = re.compile(r"[.!?\n]")


#: A mention's start, as a sort key read in C (no Python call per mention).
_START = operator.attrgetter("start")


class _Pending(NamedTuple):
    """A name found and the cues read around it, before its place is chosen. A named
    tuple made without its Python ``__new__`` (one per name of a long text)."""

    raw: RawMatch
    candidates: list[Place]
    cue_kind: str
    near: bool
    near_word: str
    role: str
    span: tuple[int, int] = (0, 0)  # the name's offsets in the original text


def resolve_text(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place mention in ``text``, resolved where the context allows.

    Parameters
    ----------
    text : str
        Any text; Arabic is the main case, Latin names are found too.
    gazetteer : Gazetteer
        From :func:`gazetteer.store.load_gazetteer`.

    Returns
    -------
    list of Mention
        In text order. Offsets index ``text`` itself.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    with collector_paused():
        return _resolve(text, gazetteer)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while a text's mentions are made.

    Why: a long text makes tens of thousands of mentions and their candidate lists, none
    of them in a reference cycle; the collector ran every 700 of them and walked the
    young ones each time, a third of the choosing step. What is made here is freed by
    reference counting as ever; the collector resumes (if it was on) when the text is done.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _resolve(text: str, gazetteer: Gazetteer) -> list[Mention]:
    folded, raws, marked, spotted = gazetteer.matcher.find_spotted(text)
    # the names' spans in the original text: one search for all of them
    original_starts = folded.to_original_many([raw.start for raw in raws])
    original_ends = folded.to_original_many([raw.end for raw in raws], end=True)
    candidates = _candidates(raws, gazetteer)
    cues = read_names(raws, folded, spotted)
    names = _Names(candidates, cues, [raw.start for raw in raws])
    mentions: list[Mention | None] = [None] * len(raws)
    anchors: list[tuple[int, Place]] = []  # (folded offset, place), in text order
    later: list[int] = []  # the names left for the second pass
    original, remembered = folded.original, _SINGLE_CACHE.get
    # First pass: what needs no help from the rest of the text (no _Pending made for the
    # names of one candidate, most of them: decided inline, as _decide decides them).
    for i, (raw, places, name_cues, start, end) in enumerate(zip(
            raws, candidates, cues, original_starts, original_ends, strict=True)):
        cue_kind, near, _, role = name_cues
        if len(places) == 1 and role == "location":
            place = places[0]
            choice = remembered((place.id, cue_kind, near))  # _single's memo, read inline
            if choice is None or choice[0] is not place:
                choice = _single(place, cue_kind, near)
            place, gp, cue, ranked = choice
            mentions[i] = Mention(start, end, original[start:end], raw.core, place, 0.9, gp,
                                  list(ranked), cue, "location" if place.in_area else "outside",
                                  False, cue_kind)
            if place.in_area and place.kind not in AREA_KINDS:
                anchors.append((raw.start, place))
        elif len(places) == 1 or role != "location" or _in_area(places) <= 1:
            mentions[i] = m = _decide(_pending(raw, places, name_cues, start, end), i, folded,
                                      names, anchors={})
            if m.place and m.role == "location" and m.place.in_area and _is_point_like(m.place):
                anchors.append((raw.start, m.place))
        else:
            later.append(i)
    # Second pass: ambiguous names, helped by the places resolved around them.
    anchor_starts = [a for a, _ in anchors]
    for i in later:
        raw = raws[i]
        lo = bisect.bisect_left(anchor_starts, raw.start - _ANCHOR_WINDOW)
        hi = bisect.bisect_right(anchor_starts, raw.start + _ANCHOR_WINDOW)
        near_places = {place.id: place for _, place in anchors[lo:hi]}
        mentions[i] = _decide(_pending(raw, candidates[i], cues[i], original_starts[i],
                                       original_ends[i]), i, folded, names, anchors=near_places)
    out = [m for m in mentions if m is not None]
    spans = raws  # the mentions' folded spans: each name's (start, end, ...), in order
    _contradicted_by_tie(folded, out, gazetteer, spans)
    _crossing_named_elsewhere(folded, out, gazetteer)
    _countryside_phrases(folded, out, gazetteer, spans)
    out += unknown_named_places(text, folded, out, gazetteer, marked=marked)
    offset_places(folded, out, gazetteer, spotted)
    far_namesakes(out)
    out.sort(key=_START)
    return out


class _Names(NamedTuple):
    """What the choice of one name reads of the others: their candidates, their cues and
    their folded starts, each in the names' order."""

    candidates: list[list[Place]]
    cues: list[NameCues]
    starts: list[int]


def _pending(raw: RawMatch, places: list[Place], cues: NameCues, start: int,
             end: int) -> _Pending:
    return tuple.__new__(_Pending, (raw, places, *cues, (start, end)))


def _candidates(raws: list[RawMatch], gaz: Gazetteer) -> list[list[Place]]:
    """Each name's candidate places: the list of a tuple of ids made once per text and
    shared by its mentions (the lists are read, never changed)."""
    made: dict[tuple[str, ...], list[Place]] = {}
    by_id = gaz.places
    out = []
    for raw in raws:
        places = made.get(ids := raw.place_ids)
        if places is None:
            places = made[ids] = [by_id[i] for i in ids]
        out.append(places)
    return out


def _in_area(places: list[Place]) -> int:
    return sum(1 for p in places if p.in_area)


def _is_point_like(place: Place) -> bool:
    return place.kind not in AREA_KINDS






def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - WINDOW)
    left = max(max(text.rfind(".", lo, start), text.rfind("!", lo, start),
                   text.rfind("?", lo, start), text.rfind("\n", lo, start)) + 1, lo)
    m = _SENTENCE_END.search(text, end, end + WINDOW)
    return left, (m.start() if m else min(len(text), end + WINDOW))


def _decide(p: _Pending, index: int, folded: FoldedText, names: _Names,
            *, anchors: dict[str, Place]) -> Mention:
    """The choice for name ``index`` of ``names`` (``p``)."""
    raw = p.raw
    start, end = p.span
    text = folded.original[start:end]
    role = p.role
    if role in _ROLE_CUES:
        return Mention(start, end, text, raw.core, None, 0.0, None,
                       [Candidate(c, 0.0, (role,)) for c in p.candidates], _ROLE_CUES[role],
                       role, False, p.cue_kind)
    if len(p.candidates) == 1:  # nothing to choose: all but the spans is remembered
        place, gp, cue, ranked = _single(p.candidates[0], p.cue_kind, p.near)
        return Mention(start, end, text, raw.core, place, 0.9, gp, list(ranked), cue,
                       "outside" if not place.in_area and role == "location" else role,
                       False, p.cue_kind)
    mention = Mention(start=start, end=end, text=text, key=raw.core, role=role,
                      kind_word=p.cue_kind)
    govs = _context_governorates(p, index, names, folded.folded)
    ranked = sorted((_score(c, p.cue_kind, govs, anchors) for c in p.candidates),
                    key=lambda c: -c.score)
    mention.candidates = ranked
    best = ranked[0]
    runner = ranked[1].score
    margin = best.score - runner
    if margin < MIN_MARGIN and best.place.in_area and ranked[1].place.in_area:
        mention.cue = "ambiguous: " + ", ".join(f"{c.place.id} ({c.score:.2f})" for c in ranked[:3])
        mention.confidence = round(best.score / (best.score + runner + 1e-9) * 0.5, 3)
        return mention
    mention.place = best.place
    mention.confidence = _confidence(best.score, runner, len(ranked))
    mention.geo_precision = _geo_precision(best.place, p.near)
    mention.cue = "; ".join(best.reasons)
    if not best.place.in_area and mention.role == "location":
        mention.role = "outside"
    return mention


#: The cue of a mention whose role says it is no place of the story.
_ROLE_CUES = {"timezone": "time zone of a clock time, not a place in the story",
              "media": "name of a media outlet",
              "body": "part of the name of a unit or council, not a place in the story",
              "person": "part of a person's name, not a place in the story",
              "street": "part of the name of a street or a square, not a place in the story"}


def _single(place: Place, cue_kind: str, near: bool,
            ) -> tuple[Place, int, str, tuple[Candidate, ...]]:
    """The choice of a name with one candidate: its place, geo precision, cue and ranking.

    They depend on the place, the kind word and the precision word only, and most
    mentions of a text are such names: each (place, kind word, near) is scored once."""
    key = (place.id, cue_kind, near)
    choice = _SINGLE_CACHE.get(key)
    if choice is None or choice[0] is not place:
        if len(_SINGLE_CACHE) >= _SINGLE_MAX:
            _SINGLE_CACHE.clear()
        best = _score(place, cue_kind, set(), {})
        choice = _SINGLE_CACHE[key] = (place, _geo_precision(place, near),
                                       "; ".join(best.reasons), (best,))
    return choice


_SINGLE_MAX = 200_000  # a long-running server reads endless text: the memo stays bounded
_SINGLE_CACHE: dict[tuple[str, str, bool], tuple[Place, int, str, tuple[Candidate, ...]]] = {}


def _context_governorates(p: _Pending, index: int, names: _Names, text: str) -> set[str]:
    """Governorates named (unambiguously) in the same sentence as the mention (name
    ``index`` of ``names``)."""
    govs: set[str] = set()
    lo, hi = _sentence_bounds(text, p.raw.start, p.raw.end)
    starts, cues = names.starts, names.cues
    for j in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
        if j == index or cues[j].role != "location":
            continue
        in_area = [c for c in names.candidates[j] if c.in_area]
        kinds = {c.governorate for c in in_area}
        if len(kinds) == 1 and in_area[0].kind in ("governorate", "city", "region", "town"):
            govs |= kinds
    govs.discard("")
    return govs


def _score(place: Place, cue_kind: str, govs: set[str], anchors: dict[str, Place]) -> Candidate:
    score = _KIND_PRIOR.get(place.kind, 0.2)
    reasons: list[str] = []
    if place.population:
        score += min(0.15, math.log10(max(place.population, 1)) / 40)
    if place.governorate in FOCUS_GOVERNORATES:
        score += 0.2
        reasons.append("prior: north-east Syria")
    if "imported" not in place.source:
        score += 0.05  # hand-checked rows over bulk imports
    if cue_kind:
        if place.kind == cue_kind or (cue_kind == "countryside" and place.kind in
                                      CUE_KINDS["countryside"]):
            score += 0.4
            reasons.append(f"kind word before the name ({cue_kind})")
        elif place.kind in CUE_KINDS.get(cue_kind, ()):
            score += 0.2
            reasons.append(f"kind word before the name fits ({cue_kind})")
        else:
            score -= 0.2
    if place.governorate and place.governorate in govs:
        score += 0.8
        reasons.append(f"governorate named nearby ({place.governorate})")
    others = [a for a in anchors.values() if a.id != place.id] if place.in_area else []
    if others:
        nearest = min(km_between(place, a) for a in others)
        if nearest < 150:
            score += 0.5 * (1 - nearest / 150)
            reasons.append(f"{nearest:.0f} km from another place in the text")
    if not reasons:
        reasons.append("name match, default prior")
    return Candidate(place, round(score, 4), tuple(reasons))


def rank_places(places: list[Place], *, cue_kind: str = "", near: bool = False,
                governorates: frozenset[str] = frozenset()) -> list[Candidate]:
    """Rank same-named places without running text (used by lookups)."""
    return sorted((_score(c, cue_kind, set(governorates), {}) for c in places),
                  key=lambda c: -c.score)


def confidence_of(ranked: list[Candidate]) -> float:
    """Confidence in the first of ranked candidates (0 when it does not stand clear)."""
    if not ranked:
        return 0.0
    runner = ranked[1].score if len(ranked) > 1 else 0.0
    if len(ranked) > 1 and ranked[0].score - runner < MIN_MARGIN:
        return 0.0
    return _confidence(ranked[0].score, runner, len(ranked))


def _confidence(best: float, runner: float, n: int) -> float:
    if n == 1:
        return 0.9
    return round(min(0.95, 0.5 + (best - runner) / (best + 1e-9) * 0.6), 3)


def _geo_precision(place: Place, near: bool) -> int:
    if place.kind in ("country", "governorate", "district") or (
        place.kind == "region" and not place.parent
    ):
        return 3
    if place.kind == "region" or near:
        return 2
    return 1


# --- a name the text itself places elsewhere -------------------------------------

#: Between a name and the place the text ties it to: its adjectives ('الحدودي', 'غير الشرعي'),
#: then 'near', 'in the countryside of', 'belonging to', a bearing ('معبر الوليد غير الشرعي قرب بلدة
#: اليعربية', 'قرية تل شعير غربي كوباني').
_TIE_RE = re.compile(
    r"^[\s,]*(?:(?:ال[^\W\d_]+|غير|شرعي)\s+){0,3}?(?:قرب|بالقرب من|القريب(?:ه)? من|علي مقربه من"
    r"|بمحيط|محيط|باطراف|اطراف|بريف|ريف|التابع(?:ه)? ل|الواقع(?:ه)? (?:في|ب|قرب)|في|ب"
    # a bearing from a town: 'قرية تل شعير غربي كوباني', 'إلى الشرق من مدينة القامشلي'
    r"|(?:الي )?(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي)?(?: (?:ال)?(?:شرق|غرب)(?:ي)?)?(?: من)?)\s*"
    r"(?:(?:ال)?(?:مدينه|بلده|قريه|ناحيه|منطقه|محافظه)\s*)?$")
#: A tie that says which province a place belongs to ('التابعة لحمص'): with a governorate's
#: seat it names the whole governorate, which may reach hundreds of km from the seat.
_ADMINISTRATIVE_TIE_RE = re.compile(r"التابع(?:ه)?\s*ل|(?<!\S)(?:في|ب)\s*محافظه")
#: The most characters between a name and the place a tie names.
_TIE_REACH = 40
#: A tie this far (km) from the only place of that name means another place of that name.
TIE_CONTRADICTS_KM = 100


def _contradicted_by_tie(folded: FoldedText, mentions: list[Mention], gaz: Gazetteer,
                         spans: Sequence[tuple[int, ...]]) -> None:
    """'معبر الوليد قرب بلدة اليعربية': the text places the name far from the place we know.

    The gazetteer's al-Waleed is al-Tanf, 450 km from al-Yarubiyah; a reader takes the
    text's word for it: another place of that name, which the gazetteer lacks. Its
    mention is put at the area the text ties it to, approximate, with the known
    place kept among the candidates. Only a tie right after the name counts ('قرب X',
    'بريف X', 'في X'); a place merely named in the same sentence does not. ``spans`` are
    the mentions' folded spans, in the same order (each its start and end first).
    """
    text = folded.folded
    # only a mention with another close after it may be tied to one (few of them)
    close = [i for i, (span, following) in enumerate(zip(spans, spans[1:], strict=False))
             if following[0] - span[1] <= _TIE_REACH]
    for i in close:
        m = mentions[i]
        place = m.place
        if place is None or m.role != "location" or not place.in_area or not _is_point_like(place):
            continue
        tied = _tied_area(text, spans[i][1], mentions, spans, i + 1, place.governorate)
        if tied is None or tied.place is None or tied.place.governorate == place.governorate:
            continue
        if tied.place.kind == "country" or (tied.place.kind == "region" and not tied.place.parent):
            continue  # 'مدينة دير الزور في شرق سوريا': a region of the country, not a rival place
        if (m.kind_word == "city" and place.kind in ("city", "capital", "town")) or (
                not m.kind_word and place.kind in ("city", "capital")):
            continue  # 'مدينة تل أبيض بريف محافظة الحسكة': one city of that name, the outlet's slip
        if km_between(place, tied.place) < TIE_CONTRADICTS_KM:
            continue
        tied_start = next(span[0] for other, span in zip(mentions[i + 1:], spans[i + 1:], strict=False)
                          if other is tied)
        if tied.place.id == tied.place.governorate and _ADMINISTRATIVE_TIE_RE.search(
                text, spans[i][1], tied_start):
            continue  # 'منطقة التنف التابعة لحمص': the seat's name for its governorate, vast
        m.place = countryside(tied, gaz)
        m.geo_precision, m.approximate, m.confidence = 2, True, 0.4
        m.cue = (f"the text ties '{m.text}' to {tied.text}, {km_between(place, tied.place):.0f} km from the "
                 f"{place.name_en} of the gazetteer: another place of that name, placed at the "
                 "area the text gives, approximate")


_SENTENCE_END_RE = re.compile(r"[.!؟?\n]")


def _crossing_named_elsewhere(folded: FoldedText, mentions: list[Mention], gaz: Gazetteer) -> None:
    """'دخل رتل من معبر الوليد إلى قاعدة الشدادي': a crossing named by another of its names,
    in a sentence set wholly in a far governorate.

    Crossings are often named after the town across the border, and two crossings may
    share that name: the gazetteer's al-Waleed is al-Tanf's, 450 km from the al-Waleed
    crossing of the Hasakah countryside. When the text uses a name other than the
    crossing's main one, names no place of the crossing's governorate in its sentence,
    and does name places of one other governorate at least :data:`TIE_CONTRADICTS_KM`
    away, a reader takes it to be a crossing of that area: placed at the countryside of
    the first of them, approximate, the known crossing kept among the candidates.
    """
    text = folded.original
    starts: list[int] | None = None  # the mentions by start, made on first need
    for m in mentions:
        place = m.place
        if (place is None or place.kind != "border_crossing" or m.role != "location"
                or m.approximate or m.key == fold(place.name_ar)):
            continue
        if starts is None:
            by_start = sorted(mentions, key=_START)
            starts = [x.start for x in by_start]
        lo, hi = _sentence_of(text, m.start, m.end)
        window = by_start[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        # a region of the country ('إلى شمال سوريا عبر معبر سيمالكا') lies in no governorate:
        # it ties the crossing to no other area
        others = [x for x in window if x is not m and x.place is not None
                  and x.role == "location" and x.place.in_area and x.place.id != place.id
                  and x.place.governorate]
        if not others or any(x.place.governorate == place.governorate for x in others):
            continue
        if len({x.place.governorate for x in others}) != 1:
            continue
        if min(km_between(place, x.place) for x in others) < TIE_CONTRADICTS_KM:
            continue
        m.place = countryside(others[0], gaz)
        m.geo_precision, m.approximate, m.confidence = 2, True, 0.4
        m.cue = (f"'{m.text}' in a sentence set in {others[0].text}, "
                 f"{km_between(place, others[0].place):.0f} km from the {place.name_en} of the gazetteer: "
                 "another crossing of that name, placed at the area the text gives, approximate")


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence of ``text[start:end]`` opens (after the last of '.!؟?' or a line
    end before ``start``) and where it closes (at the first one from ``end`` on, or the
    text's end).

    Why not a list of every sentence end: a long text has a hundred thousand, and only
    the few sentences of crossings named otherwise are asked for; the search back reads
    a growing window, so a text without a sign it looks for is not read whole each time.
    """
    lo, reach, step = 0, start, 512
    while reach > 0:
        floor = max(0, reach - step)
        at = max(text.rfind(".", floor, reach), text.rfind("!", floor, reach),
                 text.rfind("؟", floor, reach), text.rfind("?", floor, reach),
                 text.rfind("\n", floor, reach))
        if at >= 0:
            lo = at + 1
            break
        reach, step = floor, step * 4
    close = _SENTENCE_END_RE.search(text, end)
    return lo, (close.start() if close else len(text))


def _countryside_phrases(folded: FoldedText, mentions: list[Mention], gaz: Gazetteer,
                         spans: Sequence[tuple[int, ...]]) -> None:
    """'الريف الشرقي لدير الزور', 'بالريف الغربي لمدينة منبج': the town's countryside, not the town.

    The gazetteer names countrysides 'ريف X' (and 'ريف X الشرقي'); outlets also write the
    direction first and the town after 'ل'. The mention then stands for the countryside
    region of the town when the gazetteer has one, approximate (geo precision 2).
    ``spans`` are the mentions' folded spans, in the same order (each its start first).
    """
    text = folded.folded
    for m, span in zip(mentions, spans, strict=True):
        place = m.place
        if place is None or m.role != "location" or place.kind not in _COUNTRYSIDE_SEATS:
            continue
        start = span[0]
        before = text[max(0, start - 40):start]
        phrase = _COUNTRYSIDE_PHRASE.search(before) if "ريف" in before else None
        if phrase is None:
            continue
        if place.kind == "governorate":  # 'الريف الشرقي لمحافظة دير الزور': its seat's countryside
            place = gaz.get(place.governorate or "")
        region = gaz.countryside_of.get(place.id) if place is not None else None
        if region is None or place is None:
            continue
        # the side named, where the store derives it ('ريف دير الزور الشرقي')
        side = direction_key(phrase.group("side"))
        region = (gaz.get(f"{region.id}_{side}") or region) if side else region
        m.place, m.geo_precision, m.approximate = region, 2, True
        m.cue = f"the countryside of {place.name_ar} ('{m.text}' after 'الريف')"


#: The kinds of place a countryside phrase may name ('لمحافظة X': the seat's countryside).
_COUNTRYSIDE_SEATS = frozenset({"city", "town", "capital", "governorate"})
#: 'الريف الشرقي ل', 'بالريف الغربي لمدينة ' right before a town's name (a direction, then
#: 'ل'; 'بريف مدينة X' is left to the town, near: outlets file towns under it loosely).
_COUNTRYSIDE_PHRASE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?:ال)?ريف (?P<side>(?:ال)?(?:شمالي|جنوبي|شرقي|غربي)(?: (?:ال)?(?:شمالي|جنوبي"
    r"|شرقي|غربي))?) (?:ل|لل)(?:(?:مدينه|بلده|ناحيه|محافظه) )?$")


def _tied_area(text: str, end: int, mentions: list[Mention], spans: Sequence[tuple[int, ...]],
               first: int, governorate: str | None = None) -> Mention | None:
    """The resolved in-area place that the words right after a mention ending at folded
    ``end`` tie it to, if any: one of the two mentions from index ``first`` on. A place
    of ``governorate`` is given back untested (its caller lets it pass either way: the
    words between are not read)."""
    for other, span in zip(mentions[first:first + 2], spans[first:first + 2], strict=True):
        other_start = span[0]
        if other.place is None or other.role != "location" or not other.place.in_area:
            continue
        if other.place.governorate == governorate:
            return other
        gap = text[end:other_start]
        if len(gap) <= _TIE_REACH and _TIE_RE.match(gap):
            return other
        return None
    return None

"""Looking up one name (the ``lookup`` command and the online fallback's entry point)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Candidate, Place
from .normalize import arabic_key, is_arabic, latin_key, skeleton_key, split_cue
from .resolver import confidence_of, rank_places, resolve_text
from .store import Gazetteer

#: Fuzzy matches below this similarity (0-100) are not offered at all.
FUZZY_CUTOFF = 86
#: A fuzzy match is only taken as the answer at or above this similarity.
FUZZY_ACCEPT = 93
MAX_QUERY = 500


@dataclass(slots=True)
class LookupResult:
    """The answer to a lookup: the best place (or None) and the ranked candidates."""

    query: str
    best: Place | None
    confidence: float
    candidates: list[Candidate] = field(default_factory=list)
    method: str = ""  # exact | skeleton | text | fuzzy | online | none

    def as_dict(self) -> dict:
        best = None
        if self.best is not None:
            best = {**self.best.as_dict(), "confidence": round(self.confidence, 3),
                    "source": self.best.source}
        return {
            "query": self.query,
            "best": best,
            "method": self.method,
            "candidates": [c.as_dict() for c in self.candidates[:10]],
        }


def lookup(query: str, gazetteer: Gazetteer) -> LookupResult:
    """Best place for a name in Arabic, Kurdish or English, with its candidates.

    Raises
    ------
    TypeError
        If ``query`` is not a string.
    ValueError
        If ``query`` is empty or longer than 500 characters (use ``find`` for texts).

    Examples
    --------
    >>> from gazetteer.store import load_gazetteer
    >>> lookup("القامشلي", load_gazetteer()).best.name_en
    'Qamishli'
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be str, not {type(query).__name__}")
    text = query.strip()
    if not text:
        raise ValueError("empty query: give a place name such as 'القامشلي' or 'Qamishli'")
    if len(text) > MAX_QUERY:
        raise ValueError(f"query is {len(text)} characters; lookup takes a name "
                         f"(at most {MAX_QUERY}); use 'find' for a text")
    cue_kind, rest = split_cue(text)
    arabic = is_arabic(rest)
    key = arabic_key(rest) if arabic else latin_key(rest)
    # 'مطار القامشلي' is a name in itself; 'قرية القحطانية' is a kind word and a name.
    full_key = arabic_key(text) if is_arabic(text) else latin_key(text)
    places = gazetteer.by_key(full_key) if cue_kind else []
    if places:
        cue_kind = ""
    else:
        places = gazetteer.by_key(key)
    method = "exact"
    if not places and not arabic:
        places, method = gazetteer.by_skeleton(skeleton_key(rest)), "skeleton"
    if places:
        ranked = rank_places(places, cue_kind=cue_kind)
        return _result(query, ranked, method)
    in_text = [m for m in resolve_text(text, gazetteer) if m.role in ("location", "outside")]
    if in_text:
        first = in_text[0]
        if first.place is not None:
            return LookupResult(query, first.place, first.confidence, first.candidates, "text")
        return LookupResult(query, None, 0.0, first.candidates, "text")
    return _fuzzy(query, key, gazetteer)


def _result(query: str, ranked: list[Candidate], method: str) -> LookupResult:
    confidence = confidence_of(ranked)
    best = ranked[0].place if confidence > 0 else None
    return LookupResult(query, best, confidence, ranked, method if best else f"{method}-ambiguous")


def _fuzzy(query: str, key: str, gazetteer: Gazetteer) -> LookupResult:
    if len(key) < 4:
        return LookupResult(query, None, 0.0, [], "none")
    # imported here: the package is imported by every command, and only a lookup that
    # found no exact name spells it loosely (a tenth of ``find``'s start-up)
    from rapidfuzz import fuzz, process

    hits = process.extract(key, gazetteer.keys(), scorer=fuzz.ratio, limit=8,
                           score_cutoff=FUZZY_CUTOFF)
    candidates: list[Candidate] = []
    for hit_key, similarity, _ in hits:
        for place in gazetteer.by_key(hit_key):
            candidates.append(Candidate(place, round(similarity / 100, 3),
                                        (f"spelling close to '{hit_key}' ({similarity:.0f}%)",)))
    if not candidates:
        return LookupResult(query, None, 0.0, [], "none")
    top = candidates[0]
    clear = len({c.place.id for c in candidates if c.score >= top.score - 0.03}) == 1
    if top.score * 100 >= FUZZY_ACCEPT and clear:
        return LookupResult(query, top.place, round(min(0.6, top.score - 0.35), 3), candidates, "fuzzy")
    return LookupResult(query, None, 0.0, candidates, "fuzzy-unsure")

"""Bases: a force holds a named base, airport, field, or a town's security square.

Why a module: 'تتمركز القوات الروسية في مطار القامشلي', 'قاعدة الشدادي التابعة
للتحالف', 'المربع الأمني في الحسكة' say who holds which place, a layer of its own
beside the incidents. A presence word ('تتمركز', 'تسيطر', 'مقر ل') with a base-like
place (or a town with its headquarters) in the sentence, and the forces next to the
presence word (or, in a report of an attack on it, the attack's targets), make a base.
"""

from __future__ import annotations

import hashlib
import re

from gazetteer.model import Place

from ..model import Base
from .actors import drop_parents
from .anaphora import ANAPHOR_KINDS, ANAPHORIC_PLACE_RE
from .document import Doc, source, unique
from .folding import rx
from .gates import Gate
from .roles import roles
from .sentences import Sentence, clause_of
from .triggers import HOSTILE, sentence_candidates

__all__ = ["bases"]

_BASE_KINDS = frozenset({"base", "airport", "oilfield", "gasfield", "dam"})
_PRESENCE_RE = rx(r"(?<![^\W\d_])[وف]?(?:تسيطر|يسيطر|سيطرت|سيطر|يتمركز(?:ون)?|تتمركز|متمركز(?:ه|ين|ون)?"
                  r"|المتمركز(?:ه|ين|ون)?|يتواجد(?:ون)?|تتواجد|متواجد(?:ه|ين|ون)?|المتواجد(?:ه|ين|ون)?"
                  r"|ينتشر(?:ون)?|تنتشر|منتشر(?:ه|ين|ون)|المنتشر(?:ه|ين|ون)|تتخذ(?:ه|ها)?|يتخذ(?:ه|ها|ون)?"
                  r"|تحتفظ|يحتفظ|اكبر قاعده|قاعده عسكريه ل\S*|المنضوي(?:ه|ن)?|تتحصن|يتحصن(?:ون)?"
                  r"|مقر(?:ا)? ل\S*|مقار|مقرات|ثكن(?:ه|ات)|تنشط|(?:انشا(?:ت|وا)?|انشاء|اقام(?:ت|وا)?)"
                  r" (?:ال)?(?:قاعده|نقطه|مقر))(?![^\W\d_])")
#: :data:`_PRESENCE_RE` with its words, looked for once per sentence (:mod:`.gates`).
_PRESENCE = Gate(_PRESENCE_RE)
_HQ_RE = rx(r"(?:ال)?مربع (?:ال)?امني|مقار|مقرات|مقر|ثكن(?:ه|ات)")


def bases(doc: Doc) -> list[Base]:
    """The bases the article names, each with its operators and the sentences that say so."""
    found: dict[str, Base] = {}
    for s in doc.sentences:
        if s.heading:
            continue
        cue = _PRESENCE.search(s.folded)
        if cue is None:
            continue
        for place, text, clause in _base_places(doc, s):
            operators = _operators(doc, s, cue, clause)
            if not operators:
                continue
            base = found.get(place.id)
            if base is None:
                digest = hashlib.sha1(f"{doc.article.id}|{place.id}".encode()).hexdigest()[:10]
                base = found[place.id] = Base(id=f"base-{digest}", place=place, place_text=text)
            base.operators = unique([*base.operators, *operators])
            evidence = s.text.strip()
            if all(src.evidence != evidence for src in base.sources):
                base.sources.append(source(doc, evidence))
    return list(found.values())


def _base_places(doc: Doc, s: Sentence) -> list[tuple[Place, str, tuple[int, int]]]:
    """(place, surface text, clause) of each base the sentence names or refers back to, once each."""
    seen: set[str] = set()
    kept = []
    for item in [*_named_bases(doc, s), *_referred_bases(doc, s)]:
        if item[0].id not in seen:
            seen.add(item[0].id)
            kept.append(item)
    return kept


def _named_bases(doc: Doc, s: Sentence) -> list[tuple[Place, str, tuple[int, int]]]:
    """Base-like places named in the sentence, and towns named with their headquarters."""
    out: list[tuple[Place, str, tuple[int, int]]] = []
    for m in doc.in_sentence(doc.usable, s):
        place = m.place
        assert place is not None
        fpos = len(doc.fspan(s.start, m.start))
        clause = clause_of(s.folded, fpos)
        if place.kind in _BASE_KINDS or m.kind_word in ("base", "airport"):
            out.append((place, m.text, clause))  # 'قاعدة الشدادي': the base at that town
        elif place.kind in ("city", "town", "village") and _HQ_RE.search(
                s.folded[clause[0]:clause[1]]) and _HQ_RE.search(
                doc.fspan(max(s.start, m.start - 40), m.start)):
            out.append((place, m.text, clause))
    return out


def _referred_bases(doc: Doc, s: Sentence) -> list[tuple[Place, str, tuple[int, int]]]:
    """Bases the sentence refers back to ('القاعدة', 'المطار', 'المدينة' with its headquarters)."""
    out: list[tuple[Place, str, tuple[int, int]]] = []
    for m in ANAPHORIC_PLACE_RE.finditer(s.folded):
        if m.group(1) not in ("قاعده", "مطار", "مدينه", "فوج", "حقل"):
            continue
        clause = clause_of(s.folded, m.start())
        if m.group(1) == "مدينه" and not _HQ_RE.search(s.folded[clause[0]:m.start()]):
            continue
        after = s.folded[m.end():m.end() + 3]
        if after.strip() and not after.startswith((" ", ",", ".")):
            continue
        resolved = _anaphor_at(doc, s, m)
        if resolved is not None:
            out.append((resolved, m.group(0), clause))
    return out


def _anaphor_at(doc: Doc, s: Sentence, m: re.Match[str]) -> Place | None:
    kinds = ANAPHOR_KINDS[m.group(1)]
    start, _ = s.to_original(m.start(), m.end())
    if doc.starting_in(doc.usable, start, start + len(m.group(0)) + 3):
        return None  # 'مطار القامشلي': a name follows, not a reference back
    for mention in reversed(doc.ending_before(doc.usable, start, 2500)):
        place = mention.place
        assert place is not None
        if place.kind in kinds:
            return place
        if "city" in kinds and place.parent:
            parent = doc.gazetteer.get(place.parent)
            if parent is not None and parent.kind in kinds:
                return parent
    return None


def _operators(doc: Doc, s: Sentence, cue: re.Match[str], clause: tuple[int, int]) -> list[str]:
    """The forces a base sentence says hold the place.

    The actors next to the presence verb ('تتمركز القوات الروسية', 'جيش المغاوير
    المنضوي'); in a report of an attack with no such actor, the attack's targets;
    else the actors of the presence clause, of the place's clause, of the sentence.
    """
    hits = doc.in_sentence(doc.actors, s)
    cue_clause = clause_of(s.folded, cue.start())
    lo, hi = s.to_original(*cue_clause)
    cue_lo, cue_hi = s.to_original(cue.start(), cue.end())
    near = [h for h in hits if cue_lo - 40 <= h.start <= cue_hi + 40 and (
        lo <= h.start < hi or re.fullmatch(r"[\W_]*", doc.body[h.end:cue_lo]))]
    if near:
        explicit = [h for h in near if not h.metonym]
        return drop_parents(unique(h.actor for h in (explicit or near)))
    hostile = [c for c in sentence_candidates(doc, s) if c.type in HOSTILE]
    if hostile:
        _, targets = roles(doc, hostile[0], [h for h in hits if not h.metonym])
        return drop_parents(targets)
    in_clause = [h for h in hits if lo <= h.start < hi]
    lo2, hi2 = s.to_original(*clause)
    in_place_clause = [h for h in hits if lo2 <= h.start < hi2]
    chosen = in_clause or in_place_clause or [h for h in hits if not h.metonym]
    explicit = [h for h in chosen if not h.metonym]
    return drop_parents(unique(h.actor for h in (explicit or chosen)))

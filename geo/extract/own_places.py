"""A sentence that turns to a place of its own: what it tells happened there.

Why a module: a sentence that opens on a place ('وفي دير الزور، قالت مصادر إن متزعماً قتل
برصاص مجهولين في بلدة ذيبان', 'أما في ريف دير الزور، فقد ...') turns from what was told
before to another place's news; its events are its own, not more of the events told
before (:mod:`.triggers` reads a killing 'برصاص' after an attack as that attack's casualties
otherwise).
"""

from __future__ import annotations

from .document import Doc
from .folding import rx
from .sentences import Sentence

__all__ = ["FRONTED_RE", "opens_on_a_place"]

#: What may stand before the place a sentence opens on, before its event (the whole text
#: before the place): 'وفي دير الزور، ...', 'أما في بلدة ...', 'وفي عين عيسى والقامشلي، تسبب
#: القصف ...' (:mod:`.place_lists` reads a list of places fronted so as the event's).
FRONTED_RE = rx(r"\W*(?:اما\s+)?[وف]?(?:في|ب|داخل|عند)\s*(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|ناحيه"
                r"|ريف|محافظه|مدينتي|بلدتي|قريتي|مناطق|بلدات|قري)\s+)?")


def opens_on_a_place(doc: Doc, s: Sentence) -> bool:
    """Does sentence ``s`` open on a place of its own (its first place named, with only 'وفي'
    or 'أما في' and a kind word before it)?"""
    first = next(iter(doc.in_sentence(doc.usable, s)), None)
    return first is not None and FRONTED_RE.fullmatch(doc.fspan(s.start, first.start)) is not None

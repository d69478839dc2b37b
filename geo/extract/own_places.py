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

__all__ = ["opens_on_a_place"]

#: What may stand before the place a sentence opens on: 'وفي دير الزور، ...', 'أما في بلدة ...'.
_TURN_TO_PLACE_RE = rx(r"\W*(?:اما\s+)?[وف]?(?:في|ب)\s*"
                       r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|ناحيه|ريف|محافظه)\s+)?$")


def opens_on_a_place(doc: Doc, s: Sentence) -> bool:
    """Does sentence ``s`` open on a place of its own (its first place named, with only 'وفي'
    or 'أما في' and a kind word before it)?"""
    first = next(iter(doc.in_sentence(doc.usable, s)), None)
    return first is not None and _TURN_TO_PLACE_RE.match(doc.fspan(s.start, first.start)) is not None

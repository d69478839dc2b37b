"""A strike's type by its instrument: air, artillery, explosive, or none named.

Why a module: 'قصف' and 'استهدف' name no weapon; the words around them, the clause, and
the rest of the article tell an airstrike from shelling or an explosion, and a strike
that killed with no weapon named is an attack. The trigger rules (:mod:`.triggers`) ask
here once per match.
"""

from __future__ import annotations

import functools
import re

from .cues import AIR_RE, ARTILLERY_RE, EXPLOSIVE_RE, SMALL_ARMS_RE
from .folding import rx
from .gates import Gate

__all__ = ["HARM_RE", "names_weapon", "strike_type"]


#: The words right after 'قصف' that make it shelling: 'قصف بري', 'قصف مدفعي', 'قصف صاروخي'.
_GROUND_AFTER_RE = rx(r"\s*(?:ال)?(?:بري|مدفعي|صاروخي|بالمدفعيه|بالصواريخ|بقذائف)(?:ه)?(?![^\W\d_])")


#: A blast as the subject of the strike's verb: 'الانفجار الذي استهدف', 'تفجير استهدف'.
_BLAST_SUBJECT_RE = rx(r"(?<![^\W\d_])(?:ال|بال|لل)?(?:انفجار|تفجير)\s+(?:(?:الذي|الذى)\s+)?\S+$")


def strike_type(ctype: str, need: str, text: str, clause: tuple[int, int], article: str,
                trig_end: int = 0) -> str | None:
    """The type of a trigger of type ``ctype`` (its row's ``need``) ending at ``trig_end`` in
    ``text`` (its folded sentence; ``article`` the folded article): a strike by its instrument.

    A bare 'قصف' whose sentence names no weapon takes the article's: aircraft named
    elsewhere in it and no artillery ('قصف الجيش الأميركي بنى تحتية' then 'طيران حربي')
    make it an airstrike; otherwise it is shelling.
    """
    if ctype in ("airstrike", "strike") and "انزال" in text:
        return "raid"
    if ctype == "strike":
        if _BLAST_SUBJECT_RE.search(text, max(0, trig_end - 40), trig_end):
            return "explosion"  # 'جراء الانفجار الذي استهدف عربة عسكرية روسية'
        if _GROUND_AFTER_RE.match(text, trig_end):
            return "shelling"  # 'قصف جوي ... تبعه قصف بري', 'قصف مدفعي' whatever else is near
        part = text[clause[0]:clause[1]]  # the gates look the sentence up once, then its parts
        if _EXPLOSIVE.search(text, part) and not _AIR.search(text, part):
            return "explosion"  # 'السيارة المفخخة استهدفت مدخل البلدة
        if _AIR.search(text, part) or (_AIR.search(text) and not _ARTILLERY.search(text, part)):
            return "airstrike"
        if (need != "instrument" and not _ARTILLERY.search(text) and not _EXPLOSIVE.search(text)
                and _weapons_of(article) == (True, False)):
            return "airstrike"
        arms = text[clause[0]:max(clause[1], trig_end + 60)]  # past a day set off by commas
        if _SMALL_ARMS.search(text, arms) and not _ARTILLERY.search(text, arms):
            return "attack"  # 'استهدفوا بالأسلحة الرشاشة والقنابل اليدوية حاجز قرية برشم'
        if (need == "instrument" and _OTHER_STRIKE_RE.search(text, trig_end)
                and not _ARTILLERY.search(text, arms)):
            # 'هاجم مسلحون مقاراً ...، بعد قصف حكومي بقذائف الهاون': the mortars are the
            # shelling's, told in its own clause after it; the attack named no weapon
            return None
        if _ARTILLERY.search(text) or need != "instrument":
            return "shelling"
        if HARM_RE.search(text, clause[0]):
            return "attack"  # 'استهدفت العربات التركية المدنيين ... ما أدى إلى مقتل مدني'
        weapons = _weapons_of(article)
        if weapons == (False, True):
            return "shelling"  # 'وكانت القوات التركية قد استهدفت القرية' in an article of shelling
        if weapons == (True, False):
            return "airstrike"
        return None
    return ctype


#: Another strike told in the sentence by its own word ('بعد قصف حكومي بقذائف الهاون'): the
#: weapons named in its clause are its own.
_OTHER_STRIKE_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:قصف|قصفت|القصف|غاره|غارات|استهداف)(?![^\W\d_])")
#: The instruments' patterns, each searched only in a sentence holding one of its words.
_AIR, _ARTILLERY, _EXPLOSIVE, _SMALL_ARMS = (Gate(AIR_RE), Gate(ARTILLERY_RE), Gate(EXPLOSIVE_RE),
                                             Gate(SMALL_ARMS_RE))


#: People killed or hurt: a strike with no weapon named that did so is an attack.
HARM_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:مقتل|قتل|قتلوا|قتلى|اصابه|اصيب|اصيبوا|جرح|جرحوا|جرحى|استشهاد|استشهد"
             r"|استشهدوا)(?![^\W\d_])")


@functools.lru_cache(maxsize=16)
def _weapons_of(article: str) -> tuple[bool, bool]:
    """(aircraft named, artillery named) in an article's folded text (once per article).

    Missiles in a sentence that names aircraft are the aircraft's ('طائرات إسرائيلية أطلقت 6
    صواريخ على مواقع'): no artillery of the article."""
    if not AIR_RE.search(article):
        return False, bool(ARTILLERY_RE.search(article))
    return True, any(_artillery_named(sentence) for sentence in _SENTENCE_END_RE.split(article))


#: Where a sentence of a folded article ends (enough to tell whose missiles they are).
_SENTENCE_END_RE = re.compile(r"[.\n]")


def _artillery_named(sentence: str) -> bool:
    """Does ``sentence`` name artillery, not only missiles its aircraft fired?"""
    words = [m.group(0) for m in ARTILLERY_RE.finditer(sentence)]
    missiles = all("صاروخ" in w or "صواريخ" in w for w in words)
    return bool(words) and not (missiles and AIR_RE.search(sentence))


def names_weapon(text: str) -> bool:
    """Does a sentence name what struck: aircraft, artillery or an explosive?"""
    return bool(_AIR.search(text) or _ARTILLERY.search(text) or _EXPLOSIVE.search(text))

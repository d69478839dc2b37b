"""Events a sentence tells beside its main one, on a day of their own.

Why a module: a sentence gives one event per kind (:func:`.triggers.sentence_candidates`
keeps the strongest), but a relative clause or a 'فيما' clause with a day of its own tells
another event of the same kind on another day; both stay.
"""

from __future__ import annotations

from typing import Any

from .document import Doc
from .folding import rx
from .sentences import Sentence

__all__ = ["RELATIVE_BEFORE_RE", "told_on_a_day_of_its_own"]


def told_on_a_day_of_its_own(doc: Doc, s: Sentence, c: Any) -> bool:
    """Is candidate ``c`` another event of its sentence, told with a day of its own?"""
    return _relative_with_own_day(doc, s, c) or _meanwhile_with_own_day(doc, s, c)


#: A relative pronoun a few words before a verb: 'منطقة عين العرب التي دخلتها قواته'.
RELATIVE_BEFORE_RE = rx(r"(?<![^\W\d_])(?:التي|الذي|اللتين|اللذين|الذين)(?: \S+){0,1} $")


def _relative_with_own_day(doc: Doc, s: Sentence, c: Any) -> bool:
    """Is ``c`` a verb in a relative clause that gives its own day ('نشر الجيش، اليوم الخميس،
    وحدات في منطقة عين العرب التي دخلتها قواته، أمس الأربعاء')? It tells an event of its
    own, on another day than the main clause's or the only day told ('حاجزاً قرب مدينة ذيبان
    التي سيطرت عليها قسد يوم أمس'): both stay, not one per type."""
    if c.form != "verb" or not RELATIVE_BEFORE_RE.search(doc.fspan(max(s.start, c.start - 20), c.start)):
        return False
    own = [d for d in doc.in_sentence(doc.dates, s) if c.end <= d.start <= c.end + 30]
    before = [d for d in doc.in_sentence(doc.dates, s) if d.start < c.start]
    return bool(own) and all((d.first, d.last) != (own[0].first, own[0].last) for d in before)


#: 'فيما', 'بينما', 'في حين' right before a clause (the clause marks end after them).
_MEANWHILE_OPEN_RE = rx(r"(?<![^\W\d_])(?:فيما|بينما|في حين)\s*$")


def _meanwhile_with_own_day(doc: Doc, s: Sentence, c: Any) -> bool:
    """Is ``c`` told in a clause opened by 'فيما', 'بينما', 'في حين' that gives its own day, not
    a day told before it ('قُتل شخص اليوم بانفجار لغم في مدينة الرقة، فيما لقي ثلاثة أشخاص
    مصرعهم يوم أمس بانفجارات مماثلة')? Another event of the kind: both stay."""
    lo, hi = c.clause
    if not lo or not _MEANWHILE_OPEN_RE.search(s.folded, max(0, lo - 12), lo):
        return False
    a, b = s.to_original(lo, hi)
    own = doc.starting_in(doc.dates, a, b)
    before = [d for d in doc.in_sentence(doc.dates, s) if d.start < a]
    return bool(own) and bool(before) and all((d.first, d.last) != (own[0].first, own[0].last)
                                              for d in before)

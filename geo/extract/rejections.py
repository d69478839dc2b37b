"""Uses of a trigger word that report no event, and nouns that only refer back to one.

Why a module: 'لن تخوض اشتباكات', 'لتجنب أي اشتباك', 'في حال تعرضت لهجوم', 'نفت وقوع
اشتباك', 'تكررت حوادث اعتراض', 'هذه هي المرة الأولى التي ...', 'من المتوقع أن تصل
تعزيزات', 'في الذكرى الخامسة لتحرير الرقة', 'واعتبر الوزير أن الغارات ...' all hold a
trigger, and none is an incident. Negated, hypothetical or purposive uses, future and threats,
denials, habitual statements and 'the first time that' meta statements are told
apart here; so are anaphoric nouns ('الغارة', 'هذه العملية') that refer back to an
event already told (they may add detail to it, never a new incident). The words are
lists of ``data/cues.toml`` (:mod:`.cues`).
"""

from __future__ import annotations

import re

from .cues import DENIAL_RE, FORECAST_RE, GENERAL_RE, HABITUAL_RE, HYPOTHETICAL_RE, NEG_WORDS, NOT_NEG_AFTER
from .folding import rx
from .sentences import clause_of

__all__ = ["is_anaphoric", "purposive", "rejected"]

#: 'هجوم محتمل', 'عملية عسكرية مرتقبة', 'الهجوم المزعوم': expected, not done, or only alleged.
_AFTER_HYPOTHETICAL_RE = rx(r"^\S*(?: \S+)?\s+(?:ال)?(?:محتمل|مرتقب|متوقع|وشيك|مزعوم|مفترض)(?:ه)?"
                            r"(?![^\W\d_])")
_META_RE = rx(r"(?:هي|هذه|ليست|انها) (?:ال)?مره (?:ال)?اولي (?:التي|الذي)")
_ANAPHORIC_RE = rx(r"(?:هذه|تلك|هذا|ذلك|نفس|ذات) (?:ال)?\S*$")
#: 'عملية القصف هذه', 'الهجوم ذاته': a demonstrative after the noun refers back too.
#: ('قصف هذه المواقع': the demonstrative points at the next noun, not the event.)
_ANAPHORIC_AFTER_RE = rx(r"^(?:\s+\S+)?\s+(?:هذه|هذا|تلك|ذلك|ذاته|ذاتها|نفسه|نفسها)(?![^\W\d_])"
                         r"(?!\s+ال)")
_RELATIVE_CLAUSE_RE = rx(r"^(?:\s+\S+){0,2}?\s+(?:التي|الذي|اللتين|الذين)(?![^\W\d_])")
#: 'الهجوم الذي قال المسؤول إن ...': a relative clause that only reports what was said
#: about the event does not define a new one.
_SAID_ABOUT_RE = rx(r"^(?:\s+\S+){0,2}?\s+(?:التي|الذي)\s+[وف]?(?:قال|قالت|اعلن|اعلنت|ذكر|ذكرت|"
                    r"وصف|وصفت|اكد|اكدت|تحدث|تحدثت|اشار|اشارت|نقل|نقلت|تبنت|تبني)(?![^\W\d_])")
_WORD_RE = re.compile(r"[^\W_]+")
#: Punctuation that ends the phrase a negation governs.
_BREAK_RE = re.compile(r"[،,:؛;«»\"()]")


def rejected(text: str, start: int, end: int) -> bool:
    """Does the trigger at ``text[start:end]`` (a sentence's folded text) report no event?

    Negated or purposive ('لن', 'لتجنب'), hypothetical ('في حال', threats, plans,
    forecasts, preparations, 'محتمل' or 'مرتقب' after it), an anniversary or a view
    ('في الذكرى', 'اعتبر', 'أدان'), a 'first time that' statement, denied in its
    clause, or habitual in its clause.
    """
    before = text[:start]
    if _negated(before) or HYPOTHETICAL_RE.search(before) or _META_RE.search(before):
        return True
    if FORECAST_RE.search(text, max(0, start - 120), start):
        return True  # 'تستعد لشن هجوم': prepared or expected, not done
    if GENERAL_RE.search(before):
        return True  # an anniversary, an opinion, a condemnation: talk about events
    clause = clause_of(text, start)
    if DENIAL_RE.search(text, clause[0], start) or _AFTER_HYPOTHETICAL_RE.match(text[end:]):
        return True
    return bool(HABITUAL_RE.search(text, clause[0], clause[1]))


def _negated(before: str) -> bool:
    """A negation among the four words before the trigger, in the trigger's own phrase.

    'مصادر، لم تسمها، قولها إن تعزيزات وصلت': the negation is the source's ('did not
    name it'), cut off from the trigger by punctuation.
    """
    found = list(_WORD_RE.finditer(before))[-4:]
    words = [m.group(0) for m in found]
    for i, w in enumerate(words):
        bare = w[1:] if w[:1] in "وف" and len(w) > 2 and w[1:] in NEG_WORDS else w
        if bare in NEG_WORDS and _BREAK_RE.search(before, found[i].end()):
            continue
        if bare in NEG_WORDS:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if bare in ("لا", "ما") and nxt in NOT_NEG_AFTER:
                continue
            if bare == "قد" and not _imperfect(nxt):
                continue  # 'قد أنشأت': had done, not 'may do'
            return True
    return False


def _imperfect(word: str) -> bool:
    """A present-tense verb form ('يقصف', 'تشن'), not a past one ('تعرضت', 'تم')."""
    return (len(word) > 2 and word[0] in "يتن" and word != "تم"
            and not word.endswith(("ت", "وا")))


def purposive(text: str, start: int) -> bool:
    """'توجهت الدورية لتلتقي بالدورية الروسية': a present verb after the purposive ل says
    what was meant to happen, not what happened."""
    return start > 0 and text[start - 1] == "ل" and (start == 1 or not text[start - 2].isalpha())


def is_anaphoric(text: str, m: re.Match[str]) -> bool:
    """'الغارة' / 'هذه العملية' refer back, unless a defining relative clause follows
    ('الغارة التي استهدفت ...'; not 'الهجوم الذي قال المسؤول إن ...')."""
    if _ANAPHORIC_RE.search(text[:m.start()] + "x") or _ANAPHORIC_AFTER_RE.match(text[m.end():]):
        return True
    word = m.group(0)
    definite = text[max(0, m.start() - 4):m.start()].endswith(("ال", "بال", "لل"))
    if not definite and not word.startswith("ال"):
        return False
    after = text[m.end():]
    return not _RELATIVE_CLAUSE_RE.match(after) or bool(_SAID_ABOUT_RE.match(after))

"""Days counted from another event: 'قبل 5 أيام من استهداف ...', 'بعد يومين من إطلاق معركتها'.

Why a module: such a phrase dates the event named after it from the clause's own date,
not from the publication. 'خرجت الدورية في 18 يونيو، قبل 5 أيام من استهداف منزل' puts the
strike five days after 18 June; 'أعلنت اليوم السيطرة على المدينة بعد يومين من إطلاق
معركتها' puts the battle's launch two days before today. :func:`find_dates` skips these
phrases (their count is not from the publication); :func:`offset_before` reads the one
that ends right before an event's word and says how to move the clause's date.

>>> offset_before("وخرجت الدوريه قبل 5 ايام من ")
5
>>> offset_before("سيطرت عليها بعد يومين من اطلاق ")
-2
>>> offset_before("انفجرت عبوه عقب يوم من ")
-1
>>> offset_before("ارسلت تركيا دبابات اليوم غداه ")
-1
>>> offset_before("قصفت القوات قبل ") is None
True
>>> offset_from_told("وسبق ذلك بيومين، مقتل عنصر")
-2
>>> offset_from_told("وبعد ذلك بثلاثه ايام، قصفت")
3
"""

from __future__ import annotations

import re

from .names import NUMBER_WORDS, UNIT_WORDS
from .patterns import NUMBER, UNITS

__all__ = ["offset_before", "offset_from_told"]

#: Days a unit counts; months and years are too loose to move a day by.
_UNIT_DAYS = {"day": 1, "week": 7}
#: '(قبل|بعد|عقب) [نحو] [N] UNIT من [one word]' at the end of the text before the event's word.
_OFFSET_RE = re.compile(
    r"(?<![^\W\d_])(?P<dir>قبل|بعد|عقب)\s+(?:(?:نحو|حوالي|قرابه)\s+)?"
    rf"(?:(?P<n>[0-9]{{1,3}})\s*|(?P<w>{NUMBER})\s+)?(?P<u>{UNITS})(?![^\W\d_])"
    r"(?:\s+واحده?)?(?:\s+(?:فقط|تقريبا))?\s+(?:من|علي)\s+(?:[^\s،,.]+\s+)?$"
)


#: 'غداة' (the morrow of) and 'عشية' (the eve of) right before an event's word.
_EVE_RE = re.compile(r"(?<![^\W\d_])[وف]?(غداه|عشيه)\s+$")


def offset_before(folded: str) -> int | None:
    """Days to add to the clause's date to get the event named right after ``folded``.

    ``folded`` is folded text ending just before the event's word. 'قبل N أيام من' says
    the clause came N days before the event (+N); 'بعد N أيام من' N days after it (-N).
    None when no such phrase ends there, or its count is vague ('قبل أيام') or in months
    or years.
    """
    tail = folded[-80:]
    eve = _EVE_RE.search(tail)
    if eve is not None:  # 'غداة هجوم شنه ...': the event came the day before the clause's day
        return -1 if eve[1] == "غداه" else 1
    if not any(w in ("من", "علي") for w in tail.split()[-2:]):
        return None  # the phrase ends with 'من/على' and at most one word: most texts stop here
    m = _OFFSET_RE.search(tail)
    days = _days(m) if m is not None else None
    if days is None:
        return None
    return days if m["dir"] == "قبل" else -days


#: A sentence opening on how long before or after the event told before its own came:
#: 'وسبق ذلك بيومين', 'وقبل ذلك بأسبوع', 'وبعدها بثلاثة أيام'.
_FROM_TOLD_RE = re.compile(
    r"^\W*[وف]?(?:(?P<before>(?:سبق(?:ت|ه|ها)?\s+(?:ذلك|هذا|هذه)|قبل\s+(?:ذلك|هذا)|قبلها|قبله))"
    r"|(?:بعد\s+(?:ذلك|هذا)|بعدها|بعده|تلا(?:ه|ها)?\s+(?:ذلك|هذا)?))\s+ب"
    rf"(?:(?P<n>[0-9]{{1,3}})\s*|(?P<w>{NUMBER})\s+)?(?P<u>{UNITS})(?![^\W\d_])"
)


def offset_from_told(folded: str) -> int | None:
    """Days from the last day the text gave to the event of a sentence opening 'وسبق ذلك
    بيومين' (-2) or 'وبعد ذلك بثلاثة أيام' (+3); None when it opens otherwise, or counts
    vaguely ('بأيام') or in months or years."""
    m = _FROM_TOLD_RE.match(folded)
    days = _days(m) if m is not None else None
    if days is None:
        return None
    return -days if m["before"] else days


#: A sentence opening on how long after an earlier event the news told came: 'يأتي هذا بعد
#: يوم من ارتكاب الطيران الروسي مجازر ... جراء قصف طال مدينة الميادين'.
_COMES_AFTER_RE = re.compile(
    r"^\W*[وف]?(?:ي|ت)اتي\s+(?:هذا|ذلك|هذه)(?:\s+ال\S+)?\s+بعد\s+(?:(?:نحو|حوالي|قرابه)\s+)?"
    rf"(?:(?P<n>[0-9]{{1,3}})\s*|(?P<w>{NUMBER})\s+)?(?P<u>{UNITS})(?![^\W\d_])"
    r"(?:\s+واحده?)?(?:\s+(?:فقط|تقريبا))?\s+(?:من|علي)(?![^\W\d_])"
)


def offset_after_news(folded: str) -> tuple[int, int] | None:
    """(days from the news told before, where the phrase ends) for a sentence opening 'يأتي
    هذا بعد يوم من' (-1): the events it goes on to tell came that long before the news.
    None when it opens otherwise, or counts vaguely ('بعد أيام من') or in months or years."""
    m = _COMES_AFTER_RE.match(folded)
    days = _days(m) if m is not None else None
    return None if days is None else (-days, m.end())


def _days(m: re.Match[str]) -> int | None:
    """The days a match's count ('n' digits or 'w' a number word) of its unit ('u') makes;
    None for a vague count ('أيام') or a unit too loose to move a day by (months, years)."""
    unit, implied = UNIT_WORDS[m["u"]]
    count = int(m["n"]) if m["n"] else NUMBER_WORDS[m["w"]] if m["w"] else implied
    if count is None or unit not in _UNIT_DAYS:
        return None
    return count * _UNIT_DAYS[unit]

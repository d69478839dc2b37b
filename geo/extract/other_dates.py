"""Dates in an event's sentence that are not the event's own.

Why apart: :mod:`.dating` chooses an event's date among those of its sentence, and some
of them date something else: the start of a state long past ('منذ عام 2014'), the act
since which something is told ('منذ إغلاق المعبر ... قبل أسبوع'), or the day a deal was
signed or reached ('الهدنة الموقعة في 5 مارس'). These tests are one idea, read here.
"""

from __future__ import annotations

import re
from typing import Any

from .cues import ATTRIBUTED_RE, SAYING_VERBS
from .document import Doc
from .folding import rx
from .gates import WindowGate
from .own_days import RELATIVE_BEFORE_RE

__all__ = ["SINCE_RECENT_DAYS", "own_in_what_was_said", "signed_on", "since_another", "statement_day"]

#: A date naming another event ('حادثة 2020') or a start long past ('منذ عام 2014').
_SINCE_RE = rx(r"(?:منذ|حلقه|حادثه|واقعه|مواجهه|احداث|حرب|معركه)\s*(?:عام|العام|سنه)?\s*$")
#: 'منذ' alone before a day: the event began that day ('منذ ليل الأربعاء'), it is its date.
_SINCE_DAY_RE = rx(r"(?<![^\W\d_])[وف]?منذ\s*$")

#: A participle dating a document or a deal: 'الهدنة الموقعة في 5 مارس', 'القرار الصادر بتاريخ'.
#: The parties may stand between: 'الاتفاق الموقع بين الرئيسين التركي ... والروسي ... في 22 من
#: تشرين الأول'.
#: Agreed or reached: 'الدوريات المشتركة التي اتفقت عليها تركيا وروسيا في 22 من تشرين الأول',
#: 'طبقاً لاتفاق تم التوصل إليه بين الرئيسين ... في 22 تشرين الأول'.
_SIGNED_ON_RE = rx(r"(?<![^\W\d_])(?:(?:ال)?(?:موقع|مبرم|صادر|مؤرخ|معلن|منعقد|مودع)(?:ه)?"
                   r"|(?:ال)?(?:متفق|اتفق(?:ت|وا)?)\s+عليه(?:ا)?|(?:ال)?توصل(?:ت|وا)?\s+اليه(?:ا)?)"
                   r"(?:\s+[^\s.!?]+){0,12}?\s+(?:في|بتاريخ|يوم)\s*(?:(?:ال)?يوم\s+)?$")


def signed_on(doc: Doc, d: Any) -> bool:
    """A day that dates a deal, a decision or a meeting named before it ('حيث خرقت الهدنة
    التركية الروسية الموقعة في 5 مارس'), not an event told in the sentence."""
    return bool(_SIGNED_ON_RE.search(doc.fspan(max(0, d.start - 140), d.start)))


def since_another(doc: Doc, d: Any) -> bool:
    """A date that is not this event's: another event's, or a start long past.

    'منذ' before a day of the last few days (or a weekday named, of the week before) is kept:
    'تتواصل الاشتباكات منذ ليل الأربعاء' began that day; '135 هجوما منذ 19 أكتوبر' weeks ago
    is a tally, not an event."""
    before = doc.fspan(max(0, d.start - 20), d.start)
    if _recent_day(doc, d) and _SINCE_DAY_RE.search(before):
        return False
    if d.rule == "years_ago" and _SINCE_DAY_RE.search(before + doc.fspan(d.start, d.start + 4)):
        return True  # 'يفرض حصاراً منذ ثلاثة أعوام': how long a state has lasted, no event's year
    if _SINCE_RE.search(before):
        return True
    # 'منذ إغلاق المعبر من قبل إقليم شمال العراق قبل أسبوع': the day of the act since which
    # it is told, not the event's
    return _SINCE_ACT.search(doc.fspan(max(0, d.start - 70), d.start)) is not None


#: 'منذ' and a verbal noun, then words up to the date (no clause break between): the date
#: of the act since which something is told.
_SINCE_ACT_RE = rx(r"(?<![^\W\d_])منذ\s+(?:ال)?(?:اغلاق|افتتاح|فتح|بدء|بدايه|انطلاق|اطلاق|توقيع|اعلان|سقوط"
                   r"|تحرير|دخول|خروج|انسحاب|مقتل|اغتيال|اندلاع|وقف|وصول|سيطره|عوده)(?:ها|ه|هم)?"
                   r"(?:\s+[^\s،,.؛:]+){0,8}?\s+$")
_SINCE_ACT = WindowGate(_SINCE_ACT_RE)


#: How many days before publication a day after 'منذ' may be and still date the event.
SINCE_RECENT_DAYS = 3


def _recent_day(doc: Doc, d: Any) -> bool:
    """A day of the last few before publication (:data:`SINCE_RECENT_DAYS`)."""
    if d.precision != "day" or doc.anchor is None:
        return False
    # a weekday named ('منذ ليل الثلاثاء') is always of the week before the report
    within = 6 if d.rule.startswith("weekday") else SINCE_RECENT_DAYS
    return 0 <= (doc.anchor - d.first).days <= within


#: A statement's verb with its day, at the head of the sentence before: 'أفاد المرصد السوري
#: لحقوق الإنسان أمس الأربعاء، بأن ...'.
_SAID_ON_RE = rx(r"^\W*[وف]?(?:قال|قالت|ذكر|ذكرت|افاد|افادت|اكد|اكدت|اعلن|اعلنت)(?:\s+\S+){0,6}?\s*$")


def statement_day(doc: Doc, s: Any, d: Any) -> Any | None:
    """The day of the statement a sentence goes on quoting, for its 'today'.

    'أفاد المرصد أمس الأربعاء بأن قتالاً عنيفاً يدور ...' then 'وأوضح المرصد في بيان أن
    القتال يدور منذ فجر اليوم': a paper of Thursday retells Wednesday's statement, whose
    'today' is Wednesday. Only a day the sentence before gives its statement, before the
    publication day; only for 'today' inside what the source said (after its 'أن')."""
    anchor = doc.anchor
    if anchor is None or not d.relative or not (d.first == d.last == anchor) or not s.index:
        return None
    prev = doc.sentences[s.index - 1]
    if prev.heading or not ATTRIBUTED_RE.match(s.folded) \
            or " ان " not in f" {doc.fspan(s.start, d.start)} ":
        return None
    same_source = _same_source(s.folded, prev.folded)
    if prev.para != s.para and not same_source:
        return None
    for said in doc.in_sentence(doc.dates, prev):
        if said.first == said.last and said.first < anchor and (anchor - said.first).days <= 2 \
                and (same_source or _SAID_ON_RE.match(doc.fspan(prev.start, said.start))):
            return said
    return None


#: The source a sentence goes on quoting: 'ونقلت وكالة الأنباء الألمانية عن مصادر مطلعة أن'
#: names the agency (two to four words after the verb, up to 'عن', 'أن' or a comma).
_SOURCE_RE = rx(r"^\W*[وف]?(?:" + SAYING_VERBS + r")"
                r"\s+((?:(?!عن\s|ان\s|بان\s)[^\s،,:.]+\s+){1,3}(?!عن\s|ان\s|بان\s)[^\s،,:.]+)")


def _same_source(said: str, before: str) -> bool:
    """The sentence quotes a source (an agency, an observatory) that the sentence before
    already named for the day it gave: 'دفعت الحكومة، يوم الأحد، بتعزيزات ... على ما أفادت
    وكالة الأنباء الألمانية' then 'ونقلت وكالة الأنباء الألمانية عن مصادر أن "... أرسلت اليوم
    ..."': the agency's 'today' is the Sunday the lead gave. A one-word source ('مصادر',
    'ناشطون') is no name."""
    m = _SOURCE_RE.match(said)
    if m is None:
        return False
    return re.search(rf"(?<![^\W\d_]){re.escape(m.group(1))}(?![^\W\d_])", before) is not None


#: Words that open another clause or event between a trigger and a day after it: 'بعد هجوم بدأ
#: منذ يومين', 'التي انتشرت صباح الجمعة'.
_NOT_ITS_OWN_RE = rx(r"(?<![^\W\d_])(?:بعد|قبل|منذ|عقب|اثر|اثناء|خلال|التي|الذي|الذين|اللذين"
                     r"|اللتين)(?![^\W\d_])|[,،;؛.]")


def own_in_what_was_said(doc: Doc, c: Any, exprs: list[Any]) -> Any | None:
    """A day right after the trigger in what was said, with no comma, clause or relative word
    between: the event's own, where the day before 'أن' is the saying's."""
    if RELATIVE_BEFORE_RE.search(doc.fspan(max(0, c.start - 20), c.start)):
        # 'أن قوات النظام التي انتشرت صباح الجمعة ...': a relative clause's event is often the
        # background of what was said; left to the plain reading
        return None
    after = [d for d in exprs if d.start >= c.end and d.start - c.end <= 60
             and (not _NOT_ITS_OWN_RE.search(doc.fspan(c.end, d.start)) or _set_off(doc, c, d))]
    return min(after, key=lambda d: d.start, default=None)


def _set_off(doc: Doc, c: Any, d: Any) -> bool:
    """A day set off by commas after the event's words, nothing but commas between ('إنه دخلت 5
    شاحنات ... إلى سوق الهال في الميادين، أمس الإثنين، قادمة من العراق'): the event's own."""
    between = doc.fspan(c.end, d.start)
    return (_NOT_ITS_OWN_RE.search(between.replace("،", " ").replace(",", " ")) is None
            and between.rstrip().endswith(("،", ","))
            and doc.fspan(d.end, d.end + 3).lstrip()[:1] in ("،", ","))

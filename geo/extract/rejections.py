"""Uses of a trigger word that report no event, and nouns that only refer back to one.

Why a module: 'لن تخوض اشتباكات', 'لتجنب أي اشتباك', 'في حال تعرضت لهجوم', 'نفت وقوع
اشتباك', 'تكررت حوادث اعتراض', 'هذه هي المرة الأولى التي ...', 'من المتوقع أن تصل
تعزيزات', 'في الذكرى الخامسة لتحرير الرقة', 'واعتبر الوزير أن الغارات ...' all hold a
trigger, and none is an incident. Negated, hypothetical or purposive uses, future and threats,
denials, habitual statements and 'the first time that' meta statements are told
apart here; so are anaphoric nouns ('الغارة', 'هذه العملية') that refer back to an
event already told (they may add detail to it, never a new incident), and what only
retells around the news: background ('وكان ... قد', an aside 'وتجدر الإشارة إلى أن'),
a summary of months ('وخلال الأشهر الثلاثة الماضية'), a tally, a count of times ('هذه
المرة الثانية التي'), an earlier attack ('هجوم سابق'), the subject of a sentence of
context ('ويأتي التصعيد ...'). The words are lists of ``data/cues.toml`` (:mod:`.cues`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

from .cues import (
    ATTRIBUTE_RE,
    BACKGROUND_RE,
    CAUSE_RE,
    DENIAL_RE,
    DESCRIPTION_RE,
    FALSEHOOD_RE,
    FORECAST_RE,
    GENERAL_RE,
    HABITUAL_RE,
    HYPOTHETICAL_RE,
    NATIONWIDE_RE,
    NEG_WORDS,
    NOT_NEG_AFTER,
    OUTCOME_WORDS,
    REFERENCE_RE,
    SPAN_RE,
    SUMMARY_RE,
)
from .folding import rx
from .gates import Gate
from .sentences import clause_of

__all__ = ["ORDINALS", "attributes_end", "background", "context", "defined_by_relative", "earlier_event",
           "is_anaphoric", "like_the_news", "nth_time", "opens_view_quote", "pointed_at",
           "purposive", "refers_back", "rejected", "social_post", "summed_up", "summed_up_after",
           "tally", "target_span"]

#: 'هجوم محتمل', 'عملية عسكرية مرتقبة', 'الهجوم المزعوم': expected, not done, or only alleged.
_AFTER_HYPOTHETICAL_RE = rx(r"^\S*(?: \S+)?\s+(?:ال)?(?:محتمل|مرتقب|متوقع|وشيك|مزعوم|مفترض)(?:ه)?"
                            r"(?![^\W\d_])")
_META_RE = rx(r"(?:هي|هذه|ليست|انها) (?:ال)?مره (?:ال)?اولي (?:التي|الذي)")
#: The ordinals a count of events uses, folded and without the feminine ه ('ثاني', 'الثالثه').
ORDINALS = r"(?:ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)"
#: 'وتعد هذه المرة الثانية خلال أسبوع التي تتعرض فيها القاعدة لهجوم', 'وهذه خامس مرة تقوم فيها
#: القوات باعتراض دوريات': a count of times that includes the news.
_NTH_BEFORE_RE = rx(rf"(?<![^\W\d_]){ORDINALS}\s+$")
_NTH_TIME_RE = rx(rf"(?<![^\W\d_])(?:(?:ال)?مره (?:ال)?{ORDINALS}ه"
                  rf"|{ORDINALS} مره"
                  # 'الحادثة تعد الثانية التي يقتل فيها مدني خلال تظاهر ...'
                  r"|(?:تعد|يعد|هي|هو) (?:ال)?(?:ثاني|ثالث|رابع|خامس)(?:ه)?(?: من نوع(?:ها|ه))?"
                  r" (?:التي|الذي))(?![^\W\d_])")
_ANAPHORIC_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:هذه|تلك|هذا|ذلك|نفس|ذات) (?:ال)?\S*$")  # ('كذلك': also)
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
#: A name in quotes inside the phrase ('وسط عجز "قسد" عن إلقاء القبض'): its quotes end nothing.
_QUOTED_NAME_RE = re.compile(r"[\"«“][^\"«»“”\s]{1,25}[\"»”]")


#: 'عدد مسلحي داعش الذين تمت تصفيتهم', 'حصيلة الغارات التي شنتها': the event is what a number
#: counts, right after the relative pronoun (the count is summed up, not told).
_COUNTED_RE = rx(r"(?<![^\W\d_])(?:[وفب]?عدد|[وفب]?اجمالي|(?:ال)?حصيله)(?: \S+){1,4} "
                 r"(?:الذين|اللذين|اللواتي|التي|الذي)(?: (?:تمت|تم|جرت|جري))? $")
#: How far before a trigger that count may begin (six words): the search reads only that tail.
_COUNTED_REACH = 120


#: A trend before an event noun ('تشهد مناطق الجزيرة تصاعداً في الهجمات ضد قسد', 'تزايداً في
#: التحركات العسكرية', 'ارتفاعاً في عمليات الاغتيال', 'شهد الأسبوع الفائت تصعيداً لهجمات'): a rise
#: in events, none of them told.
_TREND_BEFORE_RE = rx(r"(?<![^\W\d_])[وف]?(?:تصاعد|تزايد|ازدياد|ارتفاع|تنامي|تصعيد)ا?\s+(?:في\s+|ل)"
                      r"(?:(?:ال)?(?:عمليات|وتيره|حده|اعداد|عدد)\s+)?(?:ال)?$")


#: What the blasts or the shooting heard turned out to be: a drill, or munitions destroyed
#: ('سمعت أصوات انفجارات ... تبين أنها ناجمة عن تدريبات عسكرية بالذخيرة الحية').
_DRILL_RE = rx(r"(?<![^\W\d_])(?:ناجم|ناتج|نجم|نتج)\S*\s+(?:عن|من)\s+(?:\S+\s+){0,2}?"
               r"(?:(?:ال)?(?:تدريب|مناور|رمايات)|تفجير\s+(?:ال)?(?:الغام|مخلفات|ذخائر))"
               r"|(?<![^\W\d_])تبين\s+ان(?:ها|ه)\s+(?:\S+\s+){0,3}?(?:ال)?(?:تدريب|مناور)")
#: How far after the trigger its explanation may come (characters, in its sentence).
_DRILL_REACH = 160
#: 'منذ معركة الباغوز', 'منذ بدء الهجوم التركي': an event named as the time since which, a
#: point to count from, not news told ('منذ' before a day or a span is :mod:`.cues`' summary).
_SINCE_RE = rx(r"(?<![^\W\d_])[وف]?منذ\s+(?:(?:بدء|بدايه|انطلاق|انتهاء|نهايه|اندلاع)\s+)?(?:ال)?$")
#: The instances of the talk before, told as a source's news: 'تأتي هذه التطورات في ظل تصاعد تضييق
#: تمارسه قسد على المدنيين، حيث أكد ناشطون أن أحد حواجز الميليشيات أطلق الرصاص، أمس، على مدني'.
_INSTANCE_TOLD_RE = rx(r"[,;]\s*(?:حيث|اذ)\s+(?:\S+\s+)?(?:اكد|افاد|ذكر|قال|اشار|وثق|رصد)(?:ت|وا)?\s+"
                       r"(?:\S+\s+){0,3}?(?:ان|بان|انه|بانه)(?![^\W\d_])")
#: What a meeting discussed ('عقد اجتماعاً ... ناقش خلاله العمليات ضد خلايا داعش، وهجمات
#: المليشيات، وتعزيز ...'): topics named, no event told; the list runs to the sentence's end.
_DISCUSSED_RE = rx(r"(?<![^\W\d_])[وف]?(?:ناقش|تناول|تباحث|استعرض)(?:ت|وا|ا)?(?:\s+(?:خلال|في)(?:ه|ها))?"
                   r"\s[^.]*$")
#: 'أكبر عملية لتنظيم الدولة بعد معارك الباغوز': the biggest, the fiercest ... since an event:
#: the news measured against it, in its clause.
_BIGGEST_AFTER_RE = rx(r"(?<![^\W\d_])(?:ال)?(?:اكبر|اعنف|اوسع|اشد|اخطر|اضخم|ابرز|اعلي|اكثر)"
                       r"(?![^\W\d_])[^.,،;؛]*?\s(?:بعد|عقب)\s+(?:(?:انتهاء|نهايه)\s+)?(?:ال)?$")


#: Kept for the last few trigger spans: rows of several types match the same words of a sentence
#: ('قصف' as a strike and as shelling), and the answer depends on the span alone.
@functools.lru_cache(maxsize=32)
def rejected(text: str, start: int, end: int) -> bool:
    """Does the trigger at ``text[start:end]`` (a sentence's folded text) report no event?

    A question, negated or purposive ('لن', 'لتجنب'), 'any' ('أي هجوم'), hypothetical ('في حال',
    threats, plans, forecasts, preparations, 'محتمل' or 'مرتقب' after it), an anniversary or a view
    ('في الذكرى', 'اعتبر', 'أدان'), a 'first time that' statement, denied in its
    clause, or habitual in its clause.
    """
    before = text[:start]
    if ("?" in text or "؟" in text) and _QUESTION_END_RE.search(text) and _QUESTION_OPEN_RE.match(text):
        return True  # 'إلى متى ستستمر الخلايا بتنفيذ الهجمات ...؟': asked, not told
    if _LATEST_BEFORE_RE.search(before, max(0, start - 24)):
        return False  # 'رغم الإدانات ... لا يزال مسلحو pyd يواصلون ... كان آخرها خطف القاصرة': told
    if _negated(before) or _may(_HYPOTHETICAL, text) and _hypothetical(before) \
            or _may(_META, text) and _meta(before) or _any_before(before):
        return True
    if _may(_FORECAST, text) and (planned := FORECAST_RE.search(text, max(0, start - 120), start)) \
            and not _CONTRAST_RE.search(text, planned.start(), start):
        return True  # 'تستعد لشن هجوم': prepared or expected, not done ('، كما انسحبوا': done)
    if _may(_GENERAL, text) and (general := GENERAL_RE.search(before)) \
            and not _INSTANCE_TOLD_RE.search(before, general.end()):
        return True  # an anniversary, an opinion, a condemnation: talk about events
    if _may(_CAUSE, text) and _cause_governs(before):
        return True  # 'احتجاجاً على القصف': what was protested, told as background
    if DESCRIPTION_RE.match(text):
        return True  # 'وتقع مدينة جرابلس في ... وتتمركز على الضفة': geography, not news
    if _TREND_BEFORE_RE.search(before, max(0, len(before) - 40)):
        return True  # 'تصاعداً في الهجمات': a trend, not an event
    if _may(_COUNTED, text) and _COUNTED_RE.search(before, max(0, len(before) - _COUNTED_REACH)):
        return True  # 'عدد مسلحي داعش الذين تمت تصفيتهم منذ ...': a count, not one event
    if _may(_DRILL, text) and _DRILL_RE.search(text, end, end + _DRILL_REACH):
        return True  # 'أصوات انفجارات ... تبين أنها ناجمة عن تدريبات عسكرية': a drill heard
    if _DISCUSSED_RE.search(before, max(0, start - 150)):
        return True  # 'ناقش خلاله العمليات ضد خلايا داعش، وهجمات المليشيات': a meeting's topics
    if _SINCE_RE.search(before, max(0, start - 24)) or _BIGGEST_AFTER_RE.search(before, max(0, start - 90)):
        return True  # 'الأعنف منذ معارك الباغوز': a point in time the news is measured from
    clause = clause_of(text, start)
    if _may(_DENIAL, text) and (DENIAL_RE.search(text, clause[0], start) or _opens_denial(text, start)) \
            or _may(_FALSEHOOD, text) and FALSEHOOD_RE.search(text, end) \
            or _AFTER_HYPOTHETICAL_RE.match(text[end:]):
        return True
    habit = HABITUAL_RE.search(text, clause[0], clause[1]) if _may(_HABITUAL, text) else None
    if habit is not None and _GOES_ON_RE.fullmatch(habit.group(0).strip()) and _TODAY_RUNNING_RE.search(text):
        return False  # 'تستمر الاشتباكات ... لليوم الثالث على التوالي': going on today, news
    if habit is not None and _REPEATED_RE.fullmatch(habit.group(0).strip()) \
            and (_TODAY_RUNNING_RE.search(text) or _one_act_repeated(text, start, end, habit)):
        return False  # 'ومنذ فجر اليوم، حاولت قسد بشكل متكرر', 'تعرضت البلدة لقصف متكرر'
    return habit is not None and not _LATEST_RE.search(text, end)


#: What happened that a demand, a threat or a plan answers: 'طالبت قسد بمنطقة حظر جوي بعد قصف
#: الطيران التركي نقطة لها', 'هددت بالرد على خلفية الهجوم'. The event after it is told as fact.
_FACT_AFTER_RE = rx(r"(?<![^\W\d_])[وف]?(?:بعد|عقب|اثر|جراء|بسبب|علي خلفيه|ردا علي|في اعقاب)(?![^\W\d_])")


_CONDITION_RE = rx(r"(?:اذا|لو|في حال)\s*$")
#: A sentence asking ('هل ...؟', 'إلى متى ...؟'): a question tells nothing as fact. It ends
#: on a question mark and opens on a question word within its first words (a '?' alone may
#: be a typo or a stray mark).
_QUESTION_END_RE = re.compile(r"[?؟]\W*$")
_QUESTION_OPEN_RE = rx(r"\W*(?:\S+\s+){0,3}?[وف]?(?:هل|ماذا|لماذا|كيف|متي|اين|كم|الي متي|حتي متي"
                       r"|ما (?:الذي|هي|هو)|من (?:الذي|هم|هو))(?![^\W\d_])")
#: A clause of contrast after a comma ('، بينما', '، في حين'): what it tells is set beside what
#: a plan or a deal speaks of, as fact.
_CONTRAST_RE = rx(r"[,،]\s*(?:بينما|في حين|فيما|كما)(?![^\W\d_])")

#: A clause break after the cause of a protest, or how the protest was met ('احتجاجاً على
#: ممارسات قسد ... فقوبلت بعنف شديد من عناصر قسد الذين أطلقوا النار'): the trigger is past what
#: the cause governs.
_CLAUSE_MARK_RE = rx(r"[,،;؛.]|(?<![^\W\d_])[وف]?(?:قوبل|قابل|تصد|واجه)[^\W\d_]*")


def _cause_governs(before: str) -> bool:
    """Does the cause of a protest govern the trigger after ``before``? Only from within its
    own clause ('رفضاً لمرور الدوريات ...، خرج الأهالي بتظاهرات': the protest is news)."""
    return any(not _CLAUSE_MARK_RE.search(before, m.end()) for m in CAUSE_RE.finditer(before))


def _hypothetical(before: str) -> bool:
    """Is the trigger after ``before`` inside what a threat, a plan, a demand or a condition
    speaks of? Not when the event follows what the demand answers ('بعد قصف')."""
    matches = list(HYPOTHETICAL_RE.finditer(before))
    if not matches:
        return False
    last = matches[-1]
    if _CONDITION_RE.search(last.group(0)):
        return True  # 'ما إذا كانت ... جاءت بعد اشتباكات': whether, a condition: nothing told as fact
    if _CONTRAST_RE.search(before, last.end()):
        return False  # 'اتفاق يقضي بانسحاب القوات ...، بينما دخلت قسد عدة قرى': a fact beside the terms
    return not _FACT_AFTER_RE.search(before, last.end())


_WORD_SPAN_RE = re.compile(r"\S+")


def _opens_denial(text: str, start: int) -> bool:
    """Does a denial open the sentence, within its first four words ('روسيا – نفت وزارة الدفاع
    الروسية، اليوم الخميس، صحة ما تداولته وسائل إعلام حول مقتل 4 جنود جراء قصف')? It
    governs the whole sentence, past its commas."""
    words = list(itertools.islice(_WORD_SPAN_RE.finditer(text, 0, start), 4))
    return bool(words) and DENIAL_RE.search(text, 0, words[-1].end()) is not None


#: The cue patterns a sentence is searched for before each of its triggers, each with the
#: words it cannot match without: a sentence with none of them is not searched (:mod:`.gates`).
_HYPOTHETICAL, _META, _FORECAST, _GENERAL, _CAUSE, _DENIAL, _FALSEHOOD, _HABITUAL, _DRILL = (
    Gate(HYPOTHETICAL_RE), Gate(_META_RE), Gate(FORECAST_RE), Gate(GENERAL_RE), Gate(CAUSE_RE),
    Gate(DENIAL_RE), Gate(FALSEHOOD_RE), Gate(HABITUAL_RE), Gate(_DRILL_RE))
_COUNTED = Gate(_COUNTED_RE)


def _may(gate: Gate, text: str) -> bool:
    """May ``gate``'s pattern match in ``text`` (a sentence) or in a part of it?"""
    return not gate.absent(text)


#: 'repeatedly': a habit, unless the sentence dates it to the report's own days ('ومنذ فجر
#: اليوم، حاولت قسد بشكل متكرر اقتحام البلدة') or it qualifies one act told done.
_REPEATED_RE = rx(r"[وف]?(?:بشكل\s+)?(?:متكرر(?:ه)?|مرارا|عده\s+مرات)")
#: The masculine singular adjective right after the event noun ('لقصف متكرر'): the noun is one.
_ONE_ACT_REPEATED_RE = rx(r"\s+متكرر(?![^\W\d_])")
#: What a passive or a verb of doing leaves right before the event noun it governs.
#: Over years, months or weeks ('لقصف متكرر منذ سنوات'): a habit after all.
_SPAN_OF_TIME_RE = rx(r"(?<![^\W\d_])(?:منذ|خلال|طيله|علي مدي)\s+(?:ال)?(?:\S+\s+)?"
                      r"(?:سنوات|سنين|اشهر|شهور|اسابيع|اعوام|عام|سنه|فتره)(?![^\W\d_])")
_DONE_VERB_RE = rx(r"(?<![^\W\d_])[وف]?(?:تعرض|تعرضت|شن|شنت|نفذ|نفذت)\s+(?:\S+\s+){0,3}?ل?$")


def _one_act_repeated(text: str, start: int, end: int, habit: re.Match[str]) -> bool:
    """'تعرضت بلدة تل تمر لقصف متكرر': a past verb (not 'تتعرض') done to one act, repeated
    within it; the adjective is the clause's only habitual word."""
    adjective = _ONE_ACT_REPEATED_RE.match(text, end)
    return (adjective is not None and adjective.end() == habit.end()
            and _DONE_VERB_RE.search(text, max(0, start - 60), start) is not None
            and _SPAN_OF_TIME_RE.search(text) is None)


#: 'goes on': a habit, unless the sentence dates it to the report's own days.
_GOES_ON_RE = rx(r"[وف]?(?:تواصل|يواصل|تستمر|يستمر)")
#: 'لليوم الثالث على التوالي', 'مع دخول الحملة يومها الرابع', 'منذ فجر اليوم', 'اليوم', 'منذ 6
#: أيام' (a count of days still running): the fight goes on now.
_TODAY_RUNNING_RE = rx(r"(?<![^\W\d_])(?:لليوم\s+\S+\s+علي\s+التوالي|يوم(?:ها|ه|هم)\s+(?:ال)?\S+"
                       r"|منذ\s+(?:ليل|ليله|فجر|صباح|مساء|ظهر)(?:\s+\S+)?|اليوم"
                       r"|منذ\s+(?:\d{1,2}\s+)?(?:ايام|يومين))(?![^\W\d_])")


#: '... تتعرض القاعدة باستمرار لهجمات، كان آخرها في 20 كانون الثاني': the latest one is told.
_LATEST_RE = rx(r"(?<![^\W\d_])(?:كان|كانت)?\s*(?:اخرها|اخرهم|اخرهن)\s+"
                r"(?:في|يوم|بتاريخ|مساء|فجر|صباح|ليل|قبل)(?![^\W\d_])")


#: The latest of the acts a sentence speaks of in general, named right after 'كان آخرها' ('...
#: لا يزال مسلحو pyd يواصلون خطف القاصرين، كان آخرها خطف القاصرة سيلفا'): one act told as fact,
#: whatever governs the talk before it.
_LATEST_BEFORE_RE = rx(r"(?<![^\W\d_])[وف]?(?:كان|كانت)\s+(?:اخرها|اخرهم|اخرهن)\s+$")


#: 'سترد على أي هجوم', 'لمنع أي اعتداء': 'any' event is no event that happened.
_ANY_RE = rx(r"(?<![^\W\d_])[وفلب]?اي\s+$")


def _any_before(before: str) -> bool:
    """Does 'أي' (and the spaces after it) end ``before``? :data:`_ANY_RE` tried only where
    it can start: its match is 'اي' with at most one clitic, then spaces to the end, so
    the search begins three letters before the trailing spaces instead of at every letter."""
    bare = len(before.rstrip())  # str.isspace and the pattern's \s are the same set
    return bare < len(before) and _ANY_RE.search(before, max(0, bare - 3)) is not None


#: '، ففي شهر تشرين الأول استهدفت ...': a clause with 'ف' after a comma gives the instance.
_INSTANCE_RE = rx(r"[,;]\s*ف(?:في|قد|خلال|منذ|بعد|قبل|حين)(?![^\W\d_])")


def _meta(before: str) -> bool:
    """A 'the first time that' statement governs the trigger ('ليست المرة الأولى التي تستهدف
    فيها المسيرات سيارات'), unless a clause after it gives an instance ('، ففي شهر تشرين الأول
    استهدفت طائرات مسيرة سيارتين في كوباني'): that instance is told as an event."""
    last = None
    for last in _META_RE.finditer(before):  # noqa: B007 - the last match is the one wanted
        pass
    return last is not None and not _INSTANCE_RE.search(before, last.end())


#: What may stand between a negated verb and its object: 'لم تسجل (فيه) (أية) غارات'.
_ANY_OF = frozenset({"فيه", "فيها", "اي", "ايه"})  # (folded: أية -> ايه)


def _negated(before: str) -> bool:
    """A negation among the four words before the trigger, in the trigger's own phrase.

    'مصادر، لم تسمها، قولها إن تعزيزات وصلت': the negation is the source's ('did not
    name it'), cut off from the trigger by punctuation.
    """
    found = _last_words(before, 4)
    words = [m.group(0) for m in found]
    for i, w in enumerate(words):
        bare = w[1:] if w[:1] in "وف" and len(w) > 2 and w[1:] in NEG_WORDS else w
        if bare in NEG_WORDS and _BREAK_RE.search(_QUOTED_NAME_RE.sub(" ", before[found[i].end():])):
            continue
        if bare in NEG_WORDS:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if bare in ("لا", "ما") and nxt in NOT_NEG_AFTER:
                continue
            if nxt in OUTCOME_WORDS and not all(w in _ANY_OF for w in words[i + 2:]):
                continue  # 'لم يسفر الهجوم عن إصابات': the harm is denied, not the attack
            # ('لم تسجل فيه أية غارات': what is not recorded is the trigger itself)
            if bare == "قد" and not _imperfect(nxt):
                continue  # 'قد أنشأت': had done, not 'may do'
            return True
    return False


#: How far back the last words of a prefix are looked for first (most sentences: all of them).
_TAIL = 80


def _last_words(before: str, n: int) -> list[re.Match[str]]:
    """The last ``n`` words of ``before``, as ``list(_WORD_RE.finditer(before))[-n:]`` gives
    them, without scanning a long prefix: a window at its end is enough when it holds more
    than ``n`` words (its first, maybe cut, word is then not among the last ``n``)."""
    lo = len(before) - _TAIL
    if lo > 0:
        found = list(_WORD_RE.finditer(before, lo))
        if len(found) > n:
            return found[-n:]
    return list(_WORD_RE.finditer(before))[-n:]


def _imperfect(word: str) -> bool:
    """A present-tense verb form ('يقصف', 'تشن'), not a past one ('تعرضت', 'تم')."""
    return (len(word) > 2 and word[0] in "يتن" and word != "تم"
            and not word.endswith(("ت", "وا")))


#: 'عادت القوات التركية لتقصف ...': after 'عاد' the ل tells what was done again, not an aim.
_AGAIN_RE = rx(r"(?<![^\W\d_])[وف]?(?:عاد|عادت|عادوا|تعود|يعود)(?:\s+\S+){0,4}\s+$")


def purposive(text: str, start: int) -> bool:
    """'توجهت الدورية لتلتقي بالدورية الروسية': a present verb after the purposive ل says
    what was meant to happen, not what happened ('عادت المدفعية لتقصف' did it again)."""
    if not (start > 0 and text[start - 1] == "ل" and (start == 1 or not text[start - 2].isalpha())):
        return False
    return not _AGAIN_RE.search(text, max(0, start - 60), start - 1)


#: Event nouns whose article belongs to the idiom ('القبض على', 'إلقاء القبض على'), not a reference.
_IDIOM_RE = rx(r"(?:ال)?قبض علي")


def defined_by_relative(text: str, m: re.Match[str]) -> bool:
    """Is the event noun definite and defined by the relative clause after it ('الهجوم
    الإسرائيلي الذي استهدف المنطقة الوسطى')? Told after an event of its kind, it names that
    event again (:func:`geo.extract.triggers.sentence_candidates` decides)."""
    definite = (text[max(0, m.start() - 4):m.start()].endswith(("ال", "بال", "لل"))
                or m.group(0).startswith("ال"))
    after = text[m.end():]
    return definite and bool(_RELATIVE_CLAUSE_RE.match(after)) and not _SAID_ABOUT_RE.match(after)


def pointed_at(text: str, start: int) -> bool:
    """Does a demonstrative stand right before the word at ``start`` ('هذه التعزيزات',
    'تلك الهجمات', 'نفس الهجوم')? Whatever the trigger's form, it is the event told before.
    (Only the last words are read: not a copy of the whole sentence per trigger.)"""
    if _ANAPHORIC_RE.search(text[max(0, start - 32):start] + "x") is None:
        return False
    # the word pointed at carries the article ('هذه التعزيزات'); a verb after 'ذلك' is not
    # pointed at ('وعلى إثر ذلك كثفت القوات حواجزها')
    word = (text[max(0, start - 32):start] + text[start:start + 4]).split()[-1]
    return word.startswith(("ال", "لل")) or word[1:].startswith("ال")


def is_anaphoric(text: str, m: re.Match[str]) -> bool:
    """'الغارة' / 'هذه العملية' refer back, unless a defining relative clause follows
    ('الغارة التي استهدفت ...'; not 'الهجوم الذي قال المسؤول إن ...')."""
    if pointed_at(text, m.start()) or _ANAPHORIC_AFTER_RE.match(text[m.end():]):
        return True
    word = m.group(0)
    if _IDIOM_RE.match(word):
        return False  # 'القبض على 16 شخصاً': the article is the idiom's, it recalls nothing
    definite = text[max(0, m.start() - 4):m.start()].endswith(("ال", "بال", "لل"))
    if not definite and not word.startswith("ال"):
        return False
    if _PARTITIVE_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()):
        return False  # 'وصلت قافلة من التعزيزات العسكرية': a part of a kind, told new
    after = text[m.end():]
    if _ORDINAL_AFTER_RE.match(after) and not _IS_THE_NTH_RE.search(text, max(0, m.start() - 16), m.start()):
        return False  # 'الهجوم الأول استهدف نقطة في الجزرات': one of the events counted, told in detail
    return not _RELATIVE_CLAUSE_RE.match(after) or bool(_SAID_ABOUT_RE.match(after))


#: An ordinal right after the event noun: 'الهجوم الأول', 'الغارة الثانية'.
_ORDINAL_AFTER_RE = rx(r"\s+(?:الاول|الاولي|الثاني|الثانيه|الثالث|الثالثه|الرابع|الرابعه)(?![^\W\d_])")
#: ... counting the event told ('وهو الهجوم الثاني', 'ويعد الهجوم الثالث'): it refers back.
_IS_THE_NTH_RE = rx(r"(?<![^\W\d_])[وف]?(?:هو|هي|يعد|تعد|يعتبر|تعتبر|ليكون|لتكون|يكون|تكون)\s+(?:ال)?$")
#: An indefinite part before 'من' and the definite noun of its kind: 'قافلة من التعزيزات',
#: 'دفعة جديدة من التعزيزات' (not 'هذه الدفعة من التعزيزات': a demonstrative points back).
_PARTITIVE_BEFORE_RE = rx(r"(?<![^\W\d_])(?<!هذه )(?<!هذا )[وفب]?(?:قافله|دفعه|رتل|رتلا|شحنه|مجموعه|عدد|كميه)"
                          r"(?:\s+(?:جديده|جديد|اخري|اخر|كبيره|كبير))?\s+من\s+(?:ال)?$")


#: 'بعد أسبوع من الهجوم', 'قبل يومين على الغارة': an event dated from another, told before.
_SINCE_EVENT_RE = rx(r"(?<![^\W\d_])(?:بعد|قبل|منذ|عقب)(?:\s+\S+){1,2}\s+(?:من|علي)\s+\S+$")
#: 'على قرية ...', 'ضد مواقع ...', 'قرب بلدة ...': the place an event noun's event hit.
_TARGET_RE = rx(r"\s+(?:(?:علي|في|ب)\s*محيط|علي|ضد|قرب|بالقرب من)(?![^\W\d_])")
#: 'في البوكمال': only where it was; after a bare noun this often recalls an event
#: ('لإبلاغهم بالغارة في جنوبي القامشلي'), so it counts only after an attacker or weapon word.
_LOCATIVE_RE = rx(r"\s+(?:في|داخل|بريف)(?![^\W\d_])")
#: How many words after the preposition its place may begin ('على مواقع لميليشيات إيرانية في البوكمال').
_TARGET_WORDS = 6


def refers_back(text: str, m: re.Match[str]) -> bool:
    """Does an event noun refer back whatever follows it? A demonstrative before or after
    it ('هذه الغارة', 'الهجوم ذاته') or a word of sequence before it ('عقب الغارة على
    البوكمال', 'إثر القصف التركي'): the event was told before, the noun only recalls it."""
    before = text[:m.start()] + "x"
    if _ANAPHORIC_RE.search(before) or REFERENCE_RE.search(before) or _SINCE_EVENT_RE.search(before):
        return True
    return bool(_ANAPHORIC_AFTER_RE.match(text[attributes_end(text, m.end()):]))


def attributes_end(text: str, end: int) -> int:
    """Where the attacker or weapon words after an event noun end ('القصف التركي المدفعي',
    'الهجوم بالطائرات المسيرة'); ``end`` itself when none follows."""
    for _ in range(4):
        m = ATTRIBUTE_RE.match(text, end)
        if m is None:
            break
        end = m.end()
    return end


def target_span(text: str, pos: int, *, locative: bool = False) -> tuple[int, int] | None:
    """The words after a preposition of place right at ``pos`` ('على قرية تل جمعة'), up to
    the end of the clause and at most a few words: where the event noun's place must
    begin for the noun to tell an event of its own. None without such a preposition;
    'في' counts only when ``locative``."""
    m = _TARGET_RE.match(text, pos) or (_LOCATIVE_RE.match(text, pos) if locative else None)
    if m is None:
        return None
    hi = clause_of(text, m.end())[1]
    words = list(_WORD_RE.finditer(text, m.end(), hi))[:_TARGET_WORDS]
    return (m.end(), words[-1].start() + 1) if words else None


#: 'وكان المرصد قد أفاد بأن رتلاً وصل ...': a source that had reported, not a background event.
_REPORTED_AFTER_RE = rx(r"(?<![^\W\d_])قد\s+[وف]?(?:افاد|افادت|ذكر|ذكرت|نشر|نشرت|قال|قالت|اعلن|اعلنت|"
                        r"اكد|اكدت|نقل|نقلت|اشار|اشارت|وثق|وثقت|رصد|رصدت)(?![^\W\d_])")
#: 'يذكر أن القاعدة تعرضت في وقت سابق من هذا العام لقصف': placed in time as a date places it.
_PLACED_IN_TIME_RE = rx(r"(?<![^\W\d_])وقت\s+سابق\s+(?:من\s+)?"
                        r"(?:اليوم|هذا|هذه|الشهر|العام|الاسبوع|امس|الليله)(?![^\W\d_])")
#: Words that begin a new clause of the sentence's news ('... قبل أن تعود القوات اليوم').
_NEWS_BREAK_RE = rx(r"(?<![^\W\d_])(?:حيث|بينما|فيما|في حين|لكن|الا ان|بعد ان|قبل ان|اذ|ثم)(?![^\W\d_])")
_COMMA_RE = rx(r"[،,;؛]")
#: A word every background pattern holds (cue 'background'): without one, no regex is run.
_BACKGROUND_WORDS = ("قد", "سبق", "سابق", "اشاره", "يذكر", "يشار", "ذكر")


def background(text: str, start: int) -> bool:
    """Is the trigger at ``start`` told as background ('وكان ... قد', 'وسبق لـ ... أن', 'في وقت
    سابق'), in the sentence it opens or in the trigger's own clause? Such an event is not news of
    this article: unless the sentence dates it, it may only add evidence to an event the article
    tells (see :mod:`.triggers`)."""
    before = text[:start]
    if not any(word in before for word in _BACKGROUND_WORDS):
        return False  # none of its words: most triggers, decided without a regex
    if _REPORTED_AFTER_RE.search(before) or _PLACED_IN_TIME_RE.search(before):
        return False  # a source that had reported; an aside that places its event in time
    news = max((m.end() for m in _NEWS_BREAK_RE.finditer(before)), default=0)
    opener = BACKGROUND_RE.match(before, len(before[:news]) + _leading(before[news:]))
    clause = max((m.end() for m in _COMMA_RE.finditer(before)), default=0)
    return bool(opener) or bool(BACKGROUND_RE.search(before, max(news, clause)))


def _leading(text: str) -> int:
    """How many non-word characters (spaces, punctuation, quotes) open ``text``."""
    return len(text) - len(text.lstrip(" \t\n,،;؛:\"«»“”'()-—•"))


#: Quotation marks: the last unclosed one tells who is speaking.
_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"'}


def opens_view_quote(original: str, folded_before: Callable[[int], str]) -> bool:
    """Does a sentence open a quotation it does not close, after a view or an opinion ('أعرب
    الوزير عن تفاؤله وقال: «هناك معارك قليلة.')? The sentences inside that quotation are the
    speaker's view (see :mod:`.triggers`), not reports of events.

    ``original`` is the sentence as written (folding drops the quotation marks);
    ``folded_before(k)`` its folded text before the original offset ``k``.
    """
    for opening, closing in _OPEN_QUOTES.items():
        k = original.rfind(opening)
        if k < 0:
            continue
        if opening == closing and original.count(opening) % 2 == 0:
            continue
        if opening != closing and original.rfind(closing) > k:
            continue
        said = folded_before(k)
        if GENERAL_RE.search(said) or CAUSE_RE.search(said):
            return True
    return False


#: A count right before an event noun: '135 هجوماً', 'عشرات الغارات', 'سبع غارات', 'لعدة هجمات',
#: '61 عملية دهم'.
_COUNT_BEFORE_RE = rx(r"(?<![^\W\d_])[لب]?"
                      r"(?:\d+|عشرات|مئات|عشر|عشره|سبع|تسع|ثماني|ست|خمس|اربع|ثلاث|عده|سلسله)"
                      r"(?:\s+من)?\s+(?:عمليه\s+|عمليات\s+)?(?:ال)?$")




#: 'حصيلة هجمات', 'حصاد العمليات': a toll or harvest of what follows (a plural: 'حصيلة الهجوم'
#: is the toll of one attack, which may be the news).
_TALLY_OF_RE = rx(r"(?<![^\W\d_])[وب]?(?:ال)?(?:حصيله|حصيلتها|حصيلته|حصاد|احصائيه)\s+(?:ال)?$")


def tally(text: str, start: int, end: int) -> bool:
    """Is the event noun at ``text[start:end]`` counted or summed up over a span of time
    ('تعرضت القواعد لـ 135 هجوماً منذ 19 أكتوبر', 'جراء القصف خلال 24 ساعة')? A tally
    repeats the events the article tells; it is not one more."""
    if _TALLY_OF_RE.search(text, max(0, start - 20), start) and text[start:end].endswith("ات"):
        return True  # 'حصيلة هجمات وعمليات التنظيم خلال أسبوع': the toll of many, not one
    hi = clause_of(text, start)[1]
    counted = _COUNT_BEFORE_RE.search(text, max(0, start - 12), start)
    if counted and NATIONWIDE_RE.search(text):
        return True  # '61 عملية دهم في مختلف المحافظات السورية': a country's tally, no one place
    # 'ومنذ بداية العام، نفذت المسيرات 50 غارة'
    if _SUMMARY.absent(text) or not SUMMARY_RE.search(text, 0, hi):
        return False
    definite = text[max(0, start - 4):start].endswith(("ال", "بال", "لل")) or text.startswith("ال", start)
    return bool(counted) or definite


def summed_up(text: str, start: int) -> bool:
    """Is the trigger at ``start`` told within a long span its sentence sums up ('وخلال الأشهر
    الثلاثة الماضية، تمركزت الشرطة العسكرية الروسية في 10 نقاط', 'منذ بداية العام نفذت ...')?
    A summary of months is background to the article's news, not an event of its own; a
    day's span ('خلال 24 ساعة') is not such a span: it dates the event. A sentence opening
    'وبذلك يكون' sums up what the article told ('وبذلك يكون الجيش الأميركي أرسل أولى
    التعزيزات لقواته في عام 2024')."""
    return bool(_SUMS_UP_RE.match(text)) or (_may(_SPAN, text) and bool(SPAN_RE.search(text, 0, start)))


#: Spans that tell what came before an event, not a span it sums up: 'بعد أيام من إعلان
#: المعركة', 'سلسلة من' (:func:`summed_up` reads them before a trigger only).
_BEFORE_IT_RE = rx(r"^(?:عقب|بعد|اثر|سلسله)(?![^\W\d_])")


def summed_up_after(text: str, start: int) -> bool:
    """Is the deed at ``start`` summed up over a long span told after it in its clause
    ('اعتقلت قسد نحو 4 آلاف شاب في الحسكة وحلب والرقة ودير الزور منذ بداية الشهر الجاري',
    'وطردت داعش من مساحة شاسعة على مدى السنوات الأربع الماضية')? The sum of a campaign of
    weeks or years, not one event at each place it names."""
    if not _may(_SPAN, text):
        return False
    span = SPAN_RE.search(text, start, clause_of(text, start)[1])
    return span is not None and not _BEFORE_IT_RE.match(span.group(0))


#: 'وبذلك يكون', 'وبهذا يرتفع': a sentence that sums up the news told before it.
_SUMS_UP_RE = rx(r"^\W*[وف]?(?:بذلك|بهذا)\s+(?:يكون|تكون|يرتفع|ترتفع|يبلغ|تبلغ|يصل|تصل)(?![^\W\d_])")


#: 'ويأتي التصعيد بعد ساعات من التهديدات', 'وتأتي هذه الهجمات في ظل ...': a sentence that
#: sets the news told before in its context.
_CONTEXT_RE = rx(r"^\W*[وف]?(?:ياتي|تاتي)(?![^\W\d_])"
                 # the past, with what it came in: 'وجاءت تظاهرات اليوم، على خلفية فرض التجنيد'
                 # (not 'وجاءت تعزيزات من قاعدة ...': reinforcements that came)
                 r"|^\W*[وف]?جاء(?:ت)?(?=(?:\s+[^\s.،,]+){1,4}[،,]?\s+(?:علي خلفيه|في سياق|في اطار"
                 r"|ردا علي|في ظل)(?![^\W\d_]))")
#: A definite subject, at most ten words, then 'تأتي/يأتي' (group 1): a sentence of context too.
_LATE_CONTEXT_RE = rx(r"^\W*[وف]?ال\S+(?:\s+[^.!؟\s]+){0,10}?\s+[-–—،,]?\s*[وف]?(ياتي|تاتي)(?![^\W\d_])")
#: What the news comes after or amid: an event of its own may be told there.
_SETTING_RE = rx(r"(?<![^\W\d_])(?:بعد|قبل|عقب|اثر|اعقاب|وسط|ظل|تزامنا|بالتزامن|ردا)(?![^\W\d_])")


#: What an embedded social-media post leaves in a page's text: a short link, a picture link,
#: an account handle after a dash ('— nbnlebanon (@nbntweets) January 21, 2019').
_POST_RE = re.compile(r"https?://t\.co/|pic\.twitter\.com/|[—–-]\s*[^()\n]{0,40}\(@\w+\)")


def social_post(text: str) -> bool:
    """Is this sentence (original text) an embedded post: a tweet quoted into the page?
    It repeats the article's news in a headline's words, with hashtags and a link."""
    return bool(_POST_RE.search(text))


def context(text: str, start: int) -> bool:
    """Is the trigger at ``start`` the subject of a sentence that sets the news in its context
    ('يأتي التصعيد العسكري في عمليات القصف بعد ساعات من التهديدات', 'وجاءت تظاهرات اليوم، على
    خلفية فرض التجنيد')? Such a noun names the news
    told before (it may add evidence to it), not one more event. What the news is said to
    come after ('يأتي هذا الحادث بعد ساعة من استهداف قاعدة ...') may be an event of its own."""
    opener = _CONTEXT_RE.match(text)
    if opener is None:
        # 'العملية – التي نُفذت بدقة عالية – تأتي بعد ...': the subject first, then 'تأتي'
        late = _LATE_CONTEXT_RE.match(text)
        definite = text.startswith("ال", start) or text[max(0, start - 2):start] == "ال"
        return late is not None and start < late.start(1) and definite
    return not _SETTING_RE.search(text, opener.end(), start)


def nth_time(text: str, start: int) -> bool:
    """Is the trigger at ``start`` told in a count of times ('وتعد هذه المرة الثانية خلال أسبوع
    التي تتعرض فيها القاعدة لهجوم', 'وهذا ثاني هجوم يستهدف القاعدة')? The count sums up the
    news with the times before it: it is told again, not news of its own beside the article's."""
    return bool(_may(_NTH_TIME, text) and _NTH_TIME_RE.search(text, 0, start)
                or _may(_NTH_BEFORE, text) and _NTH_BEFORE_RE.search(text, max(0, start - 12), start))


#: The patterns of tallies, summaries and counts of times, each with its words (:mod:`.gates`).
_SUMMARY, _SPAN = Gate(SUMMARY_RE), Gate(SPAN_RE)
_NTH_TIME, _NTH_BEFORE = Gate(_NTH_TIME_RE), Gate(_NTH_BEFORE_RE)


#: 'هجوم سابق', 'هجمات سابقة': an earlier event; 'لهجوم مماثل': one like the news.
_EARLIER_AFTER_RE = rx(r"(?:\s+\S+)?\s+(?:ال)?(?:سابق|سابقه)(?![^\W\d_])")
_SIMILAR_AFTER_RE = rx(r"(?:\s+\S+)?\s+(?:ال)?(?:مماثل|مماثله)(?![^\W\d_])")


def earlier_event(text: str, end: int) -> bool:
    """Is the event noun ending at ``end`` said to be an earlier one ('وأسفر هجوم سابق على
    القاعدة عن إصابة جنديين')? Such an event is background: told before the news, and with
    no date of its own no news of the article."""
    return bool(_EARLIER_AFTER_RE.match(text, end))


def like_the_news(text: str, end: int) -> bool:
    """Is the event noun ending at ``end`` said to be like another ('تعرضت القاعدة لهجوم مماثل',
    'حملة اعتقالات مماثلة')? With no date of its own it recalls other news; with its own day
    ('شنت قسد حملة اعتقالات مماثلة صباح اليوم') it is news, not told as before it."""
    return bool(_SIMILAR_AFTER_RE.match(text, end))

"""Sentences to incidents: what happened, when, where, and who was involved.

One article at a time (merging across outlets is :mod:`geo.merge`'s job).
:func:`extract_article` reads the body once:

1. **Sentences** are cut at '.', '!', '؟' and line ends (not inside numbers
   such as '2022.10.08'); blank lines separate paragraphs. Short lines without
   punctuation (section headings, photo captions, lists of related links) are
   headings: they never yield incidents.
2. **Triggers** (:data:`TRIGGERS`) are words of an event type in any of the
   forms Arabic news uses: past and present verbs, the verbal noun (مصدر),
   with clitics ('واعترضت', 'بقصف', 'وإنزالاً جوياً'). Each type has
   conditions: an obstruction needs a patrol or convoy, an encounter two sides
   or soldiers, a bare 'قصف' is an airstrike only with aircraft words, else
   shelling; 'غارة' in a sentence that says 'إنزال' is a raid.
3. **Rejections**: negated, hypothetical or purposive uses ('لن تخوض اشتباكات',
   'لتجنب أي اشتباك', 'لمنع التصادم'), future and threats, habitual statements
   ('تكررت حوادث اعتراض'), 'the first time that ...' meta statements, and
   anaphoric nouns ('الغارة', 'هذه العملية') that only refer back to an event
   already reported (they may add detail to it, never a new incident).
4. **Date**: the date expression of the sentence nearest the trigger (one after
   'منذ' or naming another event, 'حلقة 2020', is skipped); else the previous
   sentence's of the same paragraph; else the publication date, for the lead
   sentence only. Relative expressions are anchored on the publication date
   only when it is known to the day; on an inferred day, only those that a
   week's error would not move ('5 تشرين الأول الجاري', not 'قبل يومين').
5. **Place**: the most specific in-area mention of the sentence attached to the
   event (a qualifier such as 'الحسكة' in 'القامشلي شمالي الحسكة' is skipped);
   else a noun referring back ('القاعدة', 'المدينة') to a place named before;
   else the nearest place of the paragraph; else a region named in the article.
   Places outside Syria, datelines, time zones and media names are never used.
6. **Actors**, attackers (subject, agent noun) and targets (object), casualty
   numbers, and a confidence from the strength of each of these.
7. **De-duplication**: the same event told in several sentences becomes one
   incident with the most precise date and place and the best evidence.

Not emitted: officials' statements (a press conference is not an event where
it talks about), agreements and explosions with no place named in their own
sentence, and anything with no place at all (no made-up location).

Bases (a force holds a named base, airport, field, or a town's security
square) and routes (a patrol or convoy path 'من X باتجاه Y', 'بين مدينتي X
وY', 'طريق X - Y') come from the same sentences.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from gazetteer.model import KINDS, Mention, Place
from gazetteer.normalize import FoldedText

from .extract.actors import ActorHit, find_actors, side_of
from .model import ArticleResult, Base, Incident, Route, Source

__all__ = ["TRIGGERS", "extract_article", "split_sentences"]

_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"})
_E = r"(?![^\W\d_])"


#: Unicode spaces -> ' ' (one for one, so offsets do not move): outlets use NBSP inside phrases.
_SPACES_RE = re.compile("[\xa0\u2007\u2009\u200a\u202f\u205f\u3000\t]")



def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern over folded text; its Arabic letters are folded the same way."""
    return re.compile(pattern.translate(_LETTERS))


# --- triggers ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Trigger:
    """One way an event type is written.

    ``need`` names a condition checked on the sentence (see ``_NEEDS``);
    ``form`` is 'verb' (past), 'present' or 'noun' (the verbal noun).
    """

    type: str
    pattern: str
    strength: float
    need: str = ""
    form: str = "verb"


_T = Trigger
#: Every trigger, by type. 'strike' becomes 'airstrike' or 'shelling' by the sentence's words.
TRIGGERS: tuple[Trigger, ...] = (
    # -- air incidents (near misses, interceptions of aircraft)
    _T("air_incident", r"تفادي(?:ها|ه|هم)? (?:ال)?(?:اصطدام|تصادم)", 0.6, "air", "noun"),
    _T("air_incident", r"(?:تجنب(?:ت)?|تفادت) (?:ال)?(?:اصطدام|تصادم)", 0.55, "air"),
    _T("air_incident", r"(?:اعترض(?:ت|وا)?|اعتراض)(?: \S+){0,3} (?:ال)?(?:طائر|مقاتل|مسير|مروحي)\w*",
       0.55),
    _T("air_incident", r"(?:اسقط(?:ت|وا)?|اسقاط)(?: \S+){0,3} (?:ال)?(?:طائر|مسير|مروحي|درون)\w*",
       0.55),
    _T("air_incident", r"اقتراب (?:خطير|غير امن)|اقترب(?:ت)? (?:ال)?(?:طائر|مقاتل|مسير)\w*", 0.5),
    # -- vehicle collisions
    _T("vehicle_collision", r"اصطدم(?:ت|تا|وا|ا)?", 0.6, "no_air"),
    _T("vehicle_collision", r"(?:ي|ت)صطدم(?:ون|ان)?", 0.45, "no_air", "present"),
    _T("vehicle_collision", r"تصادم(?:ت|تا|ا)?", 0.55, "no_air"),
    _T("vehicle_collision", r"حادث(?:ه)? (?:صدم|تصادم|سير|اصطدام)", 0.55, "", "noun"),
    _T("vehicle_collision", r"صدم(?:ت|وا)? (?:ال)?(?:مركب|عرب|دوري|مدرع|الي|سياره)\w*", 0.55),
    _T("vehicle_collision", r"(?:تحطم|انقلاب|انقلبت|تحطمت) (?:ال)?(?:مركب|عرب|مدرع|الي|سياره)\w*",
       0.5, "", "noun"),
    _T("vehicle_collision", r"دهس(?:ت|وا)?", 0.5),
    # -- raids (heliborne landings, storming, security operations with helicopters)
    _T("raid", r"انزال(?:ا)?(?: (?:جوي(?:ا)?|مظلي(?:ا)?))?", 0.7, "", "noun"),
    _T("raid", r"داهم(?:ت|وا)?", 0.6),
    _T("raid", r"(?:ي|ت)داهم(?:ون)?", 0.45, "", "present"),
    _T("raid", r"مداهم(?:ه|ات)", 0.55, "", "noun"),
    _T("raid", r"اقتحم(?:ت|وا)?", 0.5),
    _T("raid", r"اقتحام", 0.45, "", "noun"),
    _T("raid", r"عملي(?:ه|ات)(?: (?:امني|عسكري|خاص|نوعي|دقيق|مشترك)(?:ه)?)?", 0.5, "heli", "noun"),
    # -- air and artillery strikes
    _T("airstrike", r"غار(?:ه|ات|تين|تان)(?: (?:جوي(?:ه)?))?", 0.65, "", "noun"),
    _T("airstrike", r"(?:ضرب(?:ه|ات|تين)|قصف(?:ا)?|هجوم(?:ا)?|هجمات) (?:جوي(?:ه|ا)?)", 0.65, "",
       "noun"),
    _T("strike", r"قصف(?:ت|وا|تا)?", 0.6),
    _T("strike", r"(?:ي|ت)قصف(?:ون|ان)?", 0.45, "", "present"),
    _T("strike", r"قصف(?:ا)?", 0.55, "", "noun"),
    _T("strike", r"استهدف(?:ت|وا|تا)?", 0.5, "instrument"),
    _T("strike", r"(?:ي|ت)ستهدف(?:ون|ان)?", 0.4, "instrument", "present"),
    _T("strike", r"استهداف", 0.45, "instrument", "noun"),
    _T("strike", r"ضرب(?:ت|وا)", 0.45, "instrument"),
    _T("strike", r"هجوم(?:ا)?|هجمات|هاجم(?:ت|وا)?", 0.5, "instrument", "noun"),
    _T("strike", r"ضرب(?:ه|ات|تين)", 0.4, "instrument", "noun"),
    _T("shelling", r"(?:سقوط|سقطت|سقط) (?:ال)?(?:قذائف|قذيف(?:ه|تين|تان)|صواريخ|صاروخ(?:ين|ان)?)", 0.55,
       "", "noun"),
    _T("shelling", r"(?:هجوم|هجمات) (?:صاروخي(?:ه)?|بال(?:صواريخ|قذائف))", 0.55, "", "noun"),
    # -- explosions (IEDs, mines, car bombs) and attacks on people
    _T("explosion", r"انفجار|انفجرت|انفجر|تفجير|فجر(?:ت|وا)|عبوه ناسفه|لغم(?:ا)?|الغام|مفخخه"
       r"|ناسفه", 0.55, "", "noun"),
    _T("attack", r"اغتيال|اغتال(?:ت|وا)?|اعدام|اعدم(?:ت|وا)?|برصاص|قنص|قنصا|طعن"
       r"|(?:اطلق(?:ت|وا)?|اطلاق) (?:ال)?(?:نار|رصاص) (?:علي|باتجاه)", 0.5, "", "noun"),
    # -- clashes
    _T("armed_clash", r"اشتباك(?:ات|ين)?", 0.6, "", "noun"),
    _T("armed_clash", r"اشتبك(?:ت|وا|تا|ا)?", 0.6),
    _T("armed_clash", r"(?:ي|ت)شتبك(?:ون|ان)?", 0.45, "", "present"),
    _T("armed_clash", r"مواجهات(?: (?:مسلح|عنيف|دامي)(?:ه)?)?", 0.5, "", "noun"),
    _T("armed_clash", r"معارك|معركه", 0.45, "", "noun"),
    _T("armed_clash", r"تبادل(?:ت|وا|ا)? (?:ال)?اطلاق (?:ال)?نار", 0.55),
    _T("armed_clash", r"كمين(?:ا)?", 0.5, "", "noun"),
    _T("armed_clash", r"هاجم(?:ت|وا)?|هجوم(?:ا)?|هجمات", 0.4, "", "noun"),
    # -- patrols stopped, blocked, forced off the road
    _T("patrol_obstruction", r"اعترض(?:ت|وا|تا)?", 0.65, "patrol"),
    _T("patrol_obstruction", r"(?:ي|ت)عترض(?:ون|ان)?", 0.5, "patrol", "present"),
    _T("patrol_obstruction", r"اعتراض", 0.5, "patrol", "noun"),
    _T("patrol_obstruction", r"منع(?:ت|وا)?(?:ها|هم|ه)? (?:\S+ )?من (?:ال)?(?:وصول|مرور|عبور|تقدم"
       r"|دخول|متابعه|مواصله)", 0.6, "patrol"),
    _T("patrol_obstruction", r"عرقل(?:ت|وا)?|عرقله", 0.6, "patrol"),
    _T("patrol_obstruction", r"(?:ي|ت)عرقل(?:ون)?", 0.45, "patrol", "present"),
    _T("patrol_obstruction", r"قطع(?:ت|وا)? (?:ال)?طريق", 0.55, "patrol"),
    _T("patrol_obstruction", r"(?:اجبر(?:ت|وا)?|(?:ي|ت)جبر(?:ون)?|اجبار)(?: \S+){0,5} علي (?:ال)?"
       r"(?:خروج|انسحاب|تراجع|عوده|مغادره|تغيير)", 0.6, "patrol_or_road"),
    _T("patrol_obstruction", r"(?:اوقف(?:ت|وا)?|ايقاف|طرد(?:ت|وا)?|طوق(?:ت|وا)?|حاصر(?:ت|وا)?"
       r"|رشق(?:ت|وا)?|رشق)(?: \S+){0,3} (?:ال)?(?:دوري|رتل|ارتال|موكب|قافل)\w*", 0.55),
    # -- arrests
    _T("arrest", r"اعتقل(?:ت|وا)?|احتجز(?:ت|وا)?|اختطف(?:ت|وا)?|خطف(?:ت|وا)|اسر(?:ت|وا)", 0.5),
    _T("arrest", r"(?:ي|ت)(?:عتقل|حتجز)(?:ون)?", 0.4, "", "present"),
    _T("arrest", r"اعتقال(?:ات)?|احتجاز|اختطاف|(?:ال)?قبض علي", 0.45, "", "noun"),
    # -- friendly or neutral encounters of patrols
    _T("patrol_encounter", r"(?:اجتمع|التق|تقاطع)(?:ت|وا)? (?:ال)?(?:دوري|رتل|ارتال)\w*", 0.65),
    _T("patrol_encounter", r"تقاطع (?:طرق|طريق) (?:ال)?(?:دوري|ارتال|رتل)\w*", 0.65, "", "noun"),
    _T("patrol_encounter", r"التق(?:ي|ت|وا|يا|تا)", 0.55, "soldiers"),
    _T("patrol_encounter", r"(?:ي|ت)لتقي(?:ان|ون)?", 0.4, "soldiers", "present"),
    _T("patrol_encounter", r"التقاء|لقاء", 0.35, "sides", "noun"),
    _T("patrol_encounter", r"تصافح(?:ت|وا|ا)?|(?:ي|ت)تصافح(?:ون|ان)?|مصافح(?:ه|ات)", 0.5, "sides"),
    _T("patrol_encounter", r"(?:(?:ي|ت)تبادل(?:ون|ان)?|تبادل(?:وا|ت|ا)?) (?:ال)?تهاني", 0.5, "sides"),
    _T("patrol_encounter", r"برفقه بعضهم|مع بعضهم (?:ال)?بعض|جنبا (?:الي|ل) جنب", 0.35, "sides",
       "noun"),
    _T("patrol_encounter", r"صور(?:ا|ه)? (?:تذكاري|جماعي)(?:ه)?", 0.35, "sides", "noun"),
    _T("patrol_encounter", r"مواجهه", 0.3, "happened", "noun"),
    # -- deployments
    _T("deployment", r"انتشر(?:ت|وا)?", 0.5, "mil_near"),
    _T("deployment", r"نشر(?:ت|وا)? (?:ال)?(?:قوات|جنود|تعزيزات|منظوم|بطاري|دبابات|اليات|عناصر"
       r"|نقاط|رادار|صواريخ|وحدات|مستشار)\w*", 0.55),
    _T("deployment", r"تعزيز(?:ات)?|عزز(?:ت|وا)?", 0.45, "mil_near"),
    _T("deployment", r"(?:ارسل(?:ت|وا)?|ارسال|استقدم(?:ت|وا)?|استقدام|دفع(?:ت|وا)? ب)(?:ال)?"
       r"(?:تعزيزات|قوات|جنود|رتل|ارتال|اليات|قافل|شحن|دبابات|عناصر)\w*", 0.55),
    _T("deployment", r"(?:وصول|وصل(?:ت)?|دخل(?:ت)?|دخول|توجه(?:ت)?|تحرك(?:ت)?|عبر(?:ت)?|عبور)"
       r" (?:ال)?(?:تعزيزات|رتل|ارتال|قافل)\w*", 0.5),
    _T("deployment", r"(?:نقل(?:ت|وا)?|نقل) (?:ال)?(?:معدات|اسلحه|تعزيزات|ذخائر|منظومات)\w*", 0.45),
    _T("deployment", r"(?:انشاء|انشا(?:ت|وا)?|اقام(?:ت|وا)?|اقامه|بناء) (?:ال)?(?:قاعد|نقط|قواعد"
       r"|نقاط|مهبط|مقر)\w*", 0.55),
    # -- exercises, protests, agreements, patrols
    _T("exercise", r"مناور(?:ه|ات)|تدريبات|تدريب(?:ات)? (?:عسكري|مشترك|قتالي)(?:ه)?|رمايات"
       r"|تمرين(?:ات)? عسكري(?:ه)?", 0.55, "", "noun"),
    _T("protest", r"مظاهر(?:ه|ات)|تظاهر(?:ت|وا|ه)?|احتجاج(?:ات)?|احتج(?:ت|وا)|وقف(?:ه|ات) احتجاجي"
       r"(?:ه)?|اعتصام", 0.5, "", "noun"),
    _T("agreement", r"اتفاق(?:يه|ا)?", 0.45, "signed", "noun"),
    _T("patrol", r"(?:سير(?:ت|وا)|نفذ(?:ت|وا)?|اجر(?:ت|وا)|اجري)(?: \S+){0,3} (?:ال)?دوري\w*", 0.5),
    _T("patrol", r"سير(?:ت|وا)|جاب(?:ت)|جالت|تجولت|انطلق(?:ت)?", 0.45, "patrol"),
    _T("patrol", r"تسيير", 0.35, "patrol", "noun"),
)

#: Which of several types in one clause wins (the most specific first).
_PRIORITY = {t: i for i, t in enumerate((
    "air_incident", "vehicle_collision", "raid", "airstrike", "shelling", "explosion",
    "armed_clash", "attack", "patrol_obstruction", "arrest", "patrol_encounter", "deployment",
    "exercise", "protest", "agreement", "patrol",
))}
_HOSTILE = frozenset({"patrol_obstruction", "raid", "airstrike", "shelling", "arrest", "attack"})
#: Types that are only ever located by a place named in their own sentence.
_NO_FALLBACK_PLACE = frozenset({"agreement", "statement", "explosion"})

def _needles(pattern: str) -> tuple[str, ...]:
    """Literal openings, one of which every match of ``pattern`` starts with ('' if unknown).

    Lets an article skip a trigger with one fast substring test instead of a
    regular-expression scan.
    """
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        prefixes, _ = _prefixes(list(_parser.parse(pattern)), c)
    except Exception:  # pragma: no cover - another Python: scan always
        return ()
    if not prefixes or any(len(p) < 2 for p in prefixes):
        return ()
    return tuple(sorted(set(prefixes)))


def _prefixes(items: list, c: Any) -> tuple[list[str], bool]:
    """(literal prefixes, whether they cover the whole of ``items``)."""
    out = [""]
    for op, av in items:
        if op is c.LITERAL:
            out = [p + chr(av) for p in out]
            continue
        if op is c.SUBPATTERN:
            sub, complete = _prefixes(list(av[-1]), c)
        elif op is c.BRANCH:
            sub, complete = [], True
            for branch in av[1]:
                part, whole = _prefixes(list(branch), c)
                sub += part
                complete = complete and whole
        elif op is c.IN and len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
            sub, complete = [chr(v) for _, v in av], True
        else:
            return out, False
        out = [p + q for p in out for q in sub]
        if not complete or len(out) > 64:
            return out, False
    return out, True


_COMPILED: tuple[tuple[Trigger, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (t, _rx(r"(?:" + t.pattern + r")" + _E), _needles(t.pattern.translate(_LETTERS)))
    for t in TRIGGERS
)
_PREFIXES = frozenset({
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "ال", "وال", "فال", "بال",
    "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "وس",
})

# --- sentence conditions ------------------------------------------------------------------

_PATROL_RE = _rx(r"(?:دوري(?:ه|ات|تين|تان)|رتل|ارتال|موكب|مواكب|قافل(?:ه|ات)|قوافل|عربات|مركبات"
                 r"|مدرعات|اليات|سيارات عسكريه)")
_ROAD_RE = _rx(r"طريق|اوتستراد|اوتوستراد")
_AIR_RE = _rx(r"طائر|طيران|مسير(?:ه|ات|تين)|مقاتلات|مقاتله|مروحي|درون|(?<![^\W\d_])جوي(?:ه|ا)?"
              r"(?![^\W\d_])|في الجو|قاذف|غار(?:ه|ات)")
_ARTILLERY_RE = _rx(r"مدفعي|صاروخ|صواريخ|قذائف|قذيف|هاون|راجم|مدافع|مدفع|دبابه|دبابات")
_HELI_RE = _rx(r"مروحي|هليكوبتر|انزال|مداهم|اعتقال|اعتقل|قتل|مقتل")
_SOLDIERS_RE = _rx(r"دوري|جيش|جنود|جندي|رتل|ارتال|قوات|عسكري|الجيشان|الجيشين|القوتين|القوتان")
_OFFICIALS_RE = _rx(r"وزير|رئيس|وفد|مبعوث|دبلوماس|سفير|مباحثات|محادثات|قمه")
_DUAL_RE = _rx(r"الجيشان|الجيشين|القوتين|القوتان|الجانبين|الطرفين|الطرفان|البلدين")
_HAPPENED_RE = _rx(r"(?<![^\W\d_])[وف]?(?:وقعت|حصلت|جرت|شهدت|دارت)(?![^\W\d_])")
_SIGNED_RE = _rx(r"وقع(?:ت|ا|وا)?|توقيع|ابرم(?:ت|وا)?|ابرام|توصل(?:ت|وا|ا)?")
_MIL_WORD_RE = _rx(r"قوات|جنود|جيش|عناصر|تعزيزات|رتل|ارتال|دوري|عسكري|وحدات|مقاتلين|اليات"
                   r"|مستشار|ميليشي|مليشي|فصائل|قواعد|قاعده")
_NOT_MIL_SUBJECT_RE = _rx(r"(?<![^\W\d_])(?:ال)?(?:صور|فيديو|مقطع|مقاطع|خبر|اخبار|انباء|شائعات"
                          r"|تغريد\w*|منشور\w*|وباء|فيروس|مرض|حرائق|حريق)(?![^\W\d_])")

# --- rejections ----------------------------------------------------------------------------

_NEG_WORDS = frozenset({
    "لن", "لم", "لا", "ليس", "ليست", "دون", "بدون", "عدم", "بعدم", "لعدم", "لتجنب", "تجنب",
    "لتفادي", "لمنع", "يمنع", "تمنع", "لمنعها", "بهدف", "تهدف", "خشيه", "مخاوف", "احتمال",
    "امكانيه", "قد", "سوف", "يجب", "ينبغي", "يمكن", "يمكننا", "يستبعد", "تستبعد", "لتجنيب",
    "وقف", "منع", "ضد", "رفض", "ترفض", "يرفض",
})
_NOT_NEG_AFTER = frozenset({"يزال", "تزال", "زال", "زالت", "يزالون", "تزالان"})
_HYPOTHETICAL_RE = _rx(r"(?<![^\W\d_])[وف]?(?:في حال|اذا|لو|هدد(?:ت|وا)?|تهدد|يهدد|توعد(?:ت)?|تعتزم"
                       r"|يعتزم|تنوي|ينوي|تخطط|يخطط|طالب(?:ت)? ب|تطالب ب|يطالب ب|دعا|دعت|تدعو"
                       r"|يدعو|حذر(?:ت)? من|تحذر من|يحذر من)(?![^\W\d_])")
_DENIAL_RE = _rx(r"(?<![^\W\d_])[وف]?(?:نفي|نفت|نفوا|ينفي|تنفي|نافيا|نافيه|كذبت|تكذب|دحضت|انكرت|تنكر"
                 r"|ينكر|شائعات|ادعاءات)(?![^\W\d_])")
_AFTER_HYPOTHETICAL_RE = _rx(r"^\S*(?: \S+)?\s+(?:ال)?محتمل(?:ه)?(?![^\W\d_])")
_META_RE = _rx(r"(?:هي|هذه|ليست|انها) (?:ال)?مره (?:ال)?اولي (?:التي|الذي)")
_HABITUAL_RE = _rx(r"(?<![^\W\d_])[وف]?(?:تكرر(?:ت)?|تتكرر|يتكرر|متكرر(?:ه)?|عده مرات|مرارا|اكثر من مره"
                   r"|مرات عديده|في كل مره|باستمرار|بشكل (?:دوري|متكرر|مستمر|يومي)|يوميا|اسبوعيا"
                   r"|منذ ذلك الحين|عاده ما|كثيرا ما|غالبا ما|دائما|تواصل|يواصل|تستمر|يستمر"
                   r"|عاده|محاولات|عده محاولات)(?![^\W\d_])")
_ANAPHORIC_RE = _rx(r"(?:هذه|تلك|هذا|ذلك|نفس|ذات) (?:ال)?\S*$")
_RELATIVE_CLAUSE_RE = _rx(r"^(?:\s+\S+){0,2}?\s+(?:التي|الذي|اللتين|الذين)(?![^\W\d_])")

# --- places ---------------------------------------------------------------------------------

_AREA_KINDS = frozenset({"region", "district", "governorate", "country"})
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_ATTACH_RE = _rx(r"(?<![^\W\d_])(?:في|ب|قرب|بالقرب من|من|الي|علي|عند|داخل|بين|نحو|باتجاه|حتي"
                 r"|اطراف|محيط|ضواحي|مشارف|ريف|جنوب|شمال|شرق|غرب|جنوبي|شمالي|شرقي|غربي)\s*$"
                 r"|(?<![^\W\d_])[وفل]?(?:ب|بال|في)\s*$")
_NEAR_CUE_RE = _rx(r"(?:قرب|بالقرب من|القريب(?:ه)? من|قريب(?:ا|ه)? من|اطراف|محيط|ضواحي|مشارف|"
                   r"(?:ال)?طريق(?: (?:ال)?(?:واصل|رابط|دولي))?(?: بين)?|طريق \S+ ?- ?|(?:ال)?قري|باديه|"
                   r"علي بعد[^,.]{0,40}من|حقل(?: نفطي| غاز)?(?: \S+)?)\s*(?:(?:ال)?(?:مدينه|بلده"
                   r"|قريه|منطقه)\s*)?$|(?:قريه|بلده|مزرعه)(?:\s+\S+){0,4}\s+(?:في|ب)\s*$")
_DIRECTION_RE = _rx(r"(?<![^\W\d_])(?:ال)?(?:شمال|جنوب|شرق|غرب)(?:ي|ا)?(?![^\W\d_])")
_ANAPHORIC_PLACE_RE = _rx(r"(?<![^\W\d_])[وفبلك]?(?:ال|ل)(قاعده|مطار|مدينه|بلده|قريه|حقل|فوج|معبر|سد"
                          r"|منطقه)(?![^\W\d_])")
_ANAPHOR_KINDS = {
    "قاعده": {"base"}, "مطار": {"airport"}, "مدينه": {"city", "capital"}, "بلده": {"town"},
    "قريه": {"village"}, "حقل": {"oilfield", "gasfield"}, "فوج": {"base"},
    "معبر": {"border_crossing"}, "سد": {"dam"}, "منطقه": set(),
}
_CONTROL_BEFORE_RE = _rx(r"(?:سيطره|لسيطره|نفوذ|مناطق|منطقه|تسيطر عليها|الخاضعه ل)\s*$")

# --- casualties -------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنين": 2, "اثنان": 2, "اثنتين": 2, "اثنتان": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
    "عشره": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40,
    "اربعون": 40, "خمسين": 50, "خمسون": 50, "مئه": 100, "مائه": 100,
}
_VAGUE_NUMBERS = frozenset({"عشرات", "مئات", "عده", "العديد", "بضعه", "بضع"})
_QUANT = r"(?:(?:نحو|حوالي|قرابه|اكثر من|ما لا يقل عن|ما يزيد عن|زهاء|اقل من|لا يقل عن)\s+)?"
_NUM = (r"(?P<n>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + "|"
        + "|".join(_VAGUE_NUMBERS) + r")(?![^\W\d_])")
_PERSON_1 = r"(?:شخص|مدني|عنصر|جندي|طفل|امراه|رجل|شاب|قيادي|مسلح|مقاتل|ضابط|فتاه|سيده|مواطن)"
_PERSON_2 = r"(?:شخصين|شخصان|عنصرين|عنصران|جنديين|جنديان|طفلين|طفلان|شابين|رجلين|ضابطين|مواطنين)"
_KILL = r"(?:مقتل|قتل|مصرع|استشهاد|وفاه|قتلت|قتلوا|حصيله|سقوط)"
_HURT = r"(?:اصابه|جرح|اصيب|اصيبت|اصابات|جرحت)"
_CASUALTY_RES: tuple[tuple[str, re.Pattern[str], int | None], ...] = (
    ("killed", _rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + _QUANT + _NUM), None),
    ("killed", _rx(r"(?<![^\W\d_])" + _QUANT + _NUM + r"\s+(?:من \S+\s+)?(?:ال)?(?:قتلي|قتيلا|قتيل|ضحايا"
                   r"|ضحيه|اشخاص قتلوا|قتلوا)(?![^\W\d_])"), None),
    ("killed", _rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + _PERSON_1 + r"(?![^\W\d_])"), 1),
    ("killed", _rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + _PERSON_2 + r"(?![^\W\d_])"), 2),
    ("killed", _rx(r"اودت(?: \S+){0,8} بحياه"), 1),
    ("killed", _rx(r"(?<![^\W\d_])(?:ان|بان|انه)\s+\S+\s+قتل\s+(?:خلال|في|اثناء|جراء|اثر|ب)"), 1),
    ("injured", _rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + _QUANT + _NUM), None),
    ("injured", _rx(r"(?<![^\W\d_])" + _QUANT + _NUM + r"\s+(?:من \S+\s+)?(?:ال)?(?:جرحي|جريحا|جريح"
                    r"|مصابين|مصابا|اصابات|اخرين بجروح|بجروح)(?![^\W\d_])"), None),
    ("injured", _rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + _PERSON_1 + r"(?![^\W\d_])"), 1),
    ("injured", _rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + _PERSON_2 + r"(?![^\W\d_])"), 2),
)
_CASUALTY_HINT_RE = _rx(r"قتل|مقتل|مصرع|استشهاد|وفاه|قتيل|ضحايا|ضحيه|اصاب|اصيب|جرح|جريح|مصاب|حياه")
_CASUALTY_NEG_RE = _rx(r"(?<![^\W\d_])(?:لم|لا|دون|بدون|عدم|اي|ولم|ولا)(?:\s+\S+){0,2}\s*$")

# --- bases and routes ------------------------------------------------------------------------

_BASE_KINDS = frozenset({"base", "airport", "oilfield", "gasfield", "dam"})
_PRESENCE_RE = _rx(r"(?<![^\W\d_])[وف]?(?:تسيطر|يسيطر|سيطرت|سيطر|يتمركز(?:ون)?|تتمركز|متمركز(?:ه|ين|ون)?"
                   r"|المتمركز(?:ه|ين|ون)?|يتواجد(?:ون)?|تتواجد|متواجد(?:ه|ين|ون)?|المتواجد(?:ه|ين|ون)?"
                   r"|ينتشر(?:ون)?|تنتشر|منتشر(?:ه|ين|ون)|المنتشر(?:ه|ين|ون)|تتخذ(?:ه|ها)?|يتخذ(?:ه|ها|ون)?"
                   r"|تحتفظ|يحتفظ|اكبر قاعده|قاعده عسكريه ل\S*|المنضوي(?:ه|ن)?|تتحصن|يتحصن(?:ون)?"
                   r"|مقر(?:ا)? ل\S*|مقار|مقرات|ثكن(?:ه|ات)|تنشط|(?:انشا(?:ت|وا)?|انشاء|اقام(?:ت|وا)?)"
                   r" (?:ال)?(?:قاعده|نقطه|مقر))(?![^\W\d_])")
_HQ_RE = _rx(r"(?:ال)?مربع (?:ال)?امني|مقار|مقرات|مقر|ثكن(?:ه|ات)")
_ROUTE_CONTEXT_RE = _rx(r"دوري|رتل|ارتال|موكب|مواكب|قافل|قوافل|تعزيزات|شاحنات|صهاريج|طريق"
                        r"|اوتستراد|اوتوستراد|سير(?:ت|وا)|جاب(?:ت)|تجوب|جالت|انطلق|توجه|تحرك")
_BETWEEN_RE = _rx(r"(?<![^\W\d_])بين\s+(?:(?:ال)?(?:مدينتي|بلدتي|قريتي|مدينه|بلده|قريه)\s+)?$")
_FROM_RE = _rx(r"(?<![^\W\d_])(?:من|انطلاقا من|قادم(?:ه|ا|ين)? من|قادم(?:ه|ا)? من)\s+"
               r"(?:(?:ال)?(?:مدينه|بلده|قريه|قاعده|مطار)\s+)?$")
_TOWARDS_RE = _rx(r"^\s*,?\s*(?:(?:و|ثم)\s*)?(?:باتجاه|نحو|الي|حتي|وصولا الي|مرورا ب|صوب)\s*"
                  r"(?:(?:ال)?(?:مدينه|بلده|قريه|قاعده|مطار)\s+)?$")
_ROAD_BEFORE_RE = _rx(r"(?:طريق|اوتستراد|اوتوستراد|الطريق الدولي|الطريق الواصل بين|الطريق بين)\s*"
                      r"(?:(?:ال)?(?:مدينه|بلده)\s+)?$")
_DASH_RE = re.compile(r"^\s*[-\u2013\u2014/]\s*$")
_AND_RE = _rx(r"^\s*(?:,\s*)?و?\s*(?:(?:ال)?(?:مدينه|بلده|قريه)\s+)?$")
_TOUR_RE = _rx(r"(?<![^\W\d_])[وف]?(?:جاب(?:ت)?|تجوب|جالت|تجولت|مرت|مرورا|سير(?:ت|وا)|شملت)"
               r"(?![^\W\d_])")

# --- furniture --------------------------------------------------------------------------------

_CUT_RE = _rx(r"^\s*(?:مقالات ذات صله|مواضيع ذات صله|اخبار ذات صله|مقالات مشابهه|اقرا المزيد"
              r"|قد يهمك ايضا|الاكثر قراءه|تابعونا علي|\d+/Post a Comment)")
_SKIP_LINE_RE = _rx(r"^\s*(?:اقرا|إقرأ|شاهد|طالع|للمزيد|المصدر|اقرا ايضا)\b[^\n]{0,3}(?:ايضا)?")
_SENTENCE_END_RE = re.compile(r"\n|[!?]+|\.+(?=\s|$|[\"'»”)\]])")
_CLAUSE_RE = re.compile(r"[,;:]|\s(?:حيث|عندما|بينما|فيما|لكن|الا ان|في حين)\s")
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class _Sentence:
    index: int
    start: int  # original offsets, whitespace trimmed
    end: int
    para: int
    text: str
    folded: str
    heading: bool = False
    lead: bool = False
    fstart: int = 0  # where the sentence starts in the article's folded text
    ft: FoldedText | None = None  # the article's folded text, to map offsets back


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence of ``text`` (offsets index ``text``).

    Examples
    --------
    >>> t = "قصفت طائرات البلدة. ثم انسحبت\\n\\nفقرة ثانية في 2022.10.08 هنا."
    >>> [t[s:e] for s, e, _ in split_sentences(t)]
    ['قصفت طائرات البلدة.', 'ثم انسحبت', 'فقرة ثانية في 2022.10.08 هنا.']
    """
    out: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    for m in re.finditer(r"\n\s*\n|\Z", text):
        block_end = m.start()
        start = pos
        for end_m in _SENTENCE_END_RE.finditer(text, pos, block_end):
            _add_span(text, start, end_m.end(), para, out)
            start = end_m.end()
        _add_span(text, start, block_end, para, out)
        para += 1
        pos = m.end()
        if m.end() >= len(text):
            break
    return out


def _add_span(text: str, start: int, end: int, para: int, out: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalpha() for ch in text[start:end]):
        out.append((start, end, para))


# --- the article as read once ------------------------------------------------------------------

@dataclass(slots=True)
class _Doc:
    article: Any
    body: str
    folded: str
    sentences: list[_Sentence]
    mentions: list[Mention]
    usable: list[Mention]  # in-area locations with a place
    actors: list[ActorHit]
    dates: list[Any]
    anchor: dt.date | None
    gazetteer: Any
    source_published: str
    para_sentences: dict[int, list[_Sentence]] = field(default_factory=dict)
    actions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # hostile verbs
    events: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # valid triggers

    ft: FoldedText | None = None
    cands: dict[int, list[Any]] = field(default_factory=dict)
    trigger_hits: dict[int, list[Any]] | None = None

    def in_sentence(self, items: list, s: _Sentence) -> list:
        return [x for x in items if s.start <= x.start < s.end]

    def fspan(self, lo: int, hi: int) -> str:
        """The folded text of ``body[lo:hi]`` (original offsets), without folding again."""
        deleted = self.ft.deleted if self.ft is not None else ()
        if not deleted:
            return self.folded[lo:hi]
        return self.folded[lo - bisect.bisect_left(deleted, lo):hi - bisect.bisect_left(deleted, hi)]


def _read(article: Any, gazetteer: Any) -> _Doc:
    from gazetteer.resolver import resolve_text

    raw = article.body or ""
    ft = FoldedText.of(raw)
    body, folded = _cut_furniture(raw, _SPACES_RE.sub(" ", ft.folded))
    ft = FoldedText(body, folded, ft.deleted)
    mentions = resolve_text(body, gazetteer)
    usable = [m for m in mentions if m.place is not None and m.role == "location"
              and m.place.in_area]
    anchor = _anchor(article)
    sentences: list[_Sentence] = []
    for i, (fs, fe, para) in enumerate(split_sentences(folded)):
        start, end = ft.to_original(fs), ft.to_original(fe, end=True)
        sentences.append(_Sentence(i, start, end, para, body[start:end], folded[fs:fe],
                                   fstart=fs, ft=ft))
    _mark_headings(body, sentences)
    doc = _Doc(article, body, folded, sentences, mentions, usable, find_actors(body, folded=ft),
               _dates(body, anchor, bool(getattr(article, "published_inferred", False))),
               anchor, gazetteer, _published_iso(article), ft=ft)
    for s in sentences:
        doc.para_sentences.setdefault(s.para, []).append(s)
    return doc


#: How far an inferred publication day may be off (the corpus infers it from dates in the text).
INFERRED_SLACK = dt.timedelta(days=7)


#: An expression the slack would move is kept as the range it spans within this much.
INFERRED_WIDEN = dt.timedelta(days=3)


def _dates(body: str, anchor: dt.date | None, inferred: bool) -> list[Any]:
    """Date expressions of the body; with an inferred anchor, ranges for those it could move.

    An inferred publication day is a guess within days: 'قبل يومين' anchored on it
    is not a known day, while '5 تشرين الأول الجاري' only needs its month. An
    expression is kept as it is when anchoring a week earlier and a week later gives
    the same; otherwise it becomes the range it spans when the anchor moves a few days
    either way (rule suffixed ':widened'), never a single made-up day.
    """
    import dataclasses

    from .extract.when import find_dates

    found = find_dates(body, anchor)
    if anchor is None or not inferred or not any(d.relative for d in found):
        return found
    stable = None
    for shift in (-INFERRED_SLACK, INFERRED_SLACK):
        other = {(d.start, d.first, d.last) for d in find_dates(body, anchor + shift)}
        keys = {(d.start, d.first, d.last) for d in found} & other
        stable = keys if stable is None else stable & keys
    moved: dict[int, list[Any]] = {}
    for shift in (-INFERRED_WIDEN, INFERRED_WIDEN):
        for d in find_dates(body, anchor + shift):
            moved.setdefault(d.start, []).append(d)
    out = []
    for d in found:
        if not d.relative or (d.start, d.first, d.last) in stable:
            out.append(d)
        elif d.start in moved and d.precision == "day":
            spans = [d, *moved[d.start]]
            out.append(dataclasses.replace(d, first=min(x.first for x in spans),
                                           last=max(x.last for x in spans),
                                           rule=d.rule + ":widened"))
    return out


def _anchor(article: Any) -> dt.date | None:
    """Relative dates are anchored only on a publication date known to the day."""
    published = getattr(article, "published", None)
    if published is None or getattr(article, "published_precision", "day") != "day":
        return None
    return published


def _published_iso(article: Any) -> str:
    at = getattr(article, "published_at", None)
    if at is not None:
        return at.isoformat()
    day = getattr(article, "published", None)
    return day.isoformat() if day is not None else ""


def _cut_furniture(body: str, folded: str) -> tuple[str, str]:
    """Blank out a trailing list of related links and 'read also' lines in both texts.

    Folding keeps line ends, so line ``k`` of one text is line ``k`` of the other;
    blanking keeps every length, so no offset moves.
    """
    lines, flines = body.split("\n"), folded.split("\n")
    changed = False
    for k, fline in enumerate(flines):
        if _CUT_RE.match(fline):
            lines[k:] = [" " * len(x) for x in lines[k:]]
            flines[k:] = [" " * len(x) for x in flines[k:]]
            changed = True
            break
        if _SKIP_LINE_RE.match(fline) and ":" in fline[:25]:
            lines[k], flines[k] = " " * len(lines[k]), " " * len(fline)
            changed = True
    if not changed:
        return body, folded
    return "\n".join(lines), "\n".join(flines)


def _mark_headings(body: str, sentences: list[_Sentence]) -> None:
    """Short punctuation-less single-line paragraphs are headings; the first prose one is the lead."""
    by_para: dict[int, list[_Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.para, []).append(s)
    paras = sorted(by_para)
    looks = {p: _heading_like(by_para[p]) for p in paras}
    for k, p in enumerate(paras):
        heading = looks[p]
        if heading and k == len(paras) - 1:
            heading = k > 0 and looks[paras[k - 1]]
        for s in by_para[p]:
            s.heading = heading
    for p in paras:
        if not looks[p] or all(s.heading is False for s in by_para[p]):
            if not by_para[p][0].heading:
                by_para[p][0].lead = True
                break


def _heading_like(sentences: list[_Sentence]) -> bool:
    if len(sentences) != 1:
        return False
    s = sentences[0]
    if re.search(r"[.!?؟،,:؛;]", s.text) and not re.fullmatch(r".*\(.*\)\s*", s.text):
        return False
    return len(_WORD_RE.findall(s.text)) <= 12


# --- extraction ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Cand:
    """A trigger that survived the rejections, with what its sentence says."""

    type: str
    strength: float
    form: str
    start: int  # original offsets of the trigger
    end: int
    sentence: _Sentence
    clause: tuple[int, int]
    anaphoric: bool
    word: str
    verb_end: int = 0  # original end of the trigger's first word
    incident: Incident | None = None
    date_own: bool = False
    place_own: bool = False


def extract_article(article: Any, gazetteer: Any) -> ArticleResult:
    """Incidents, bases, routes and the main place of one article.

    Parameters
    ----------
    article : geo.corpus.Article
        Any object with the attributes of :class:`geo.corpus.Article` (``id``,
        ``title``, ``outlet``, ``url``, ``published``, ``published_precision``,
        ``body`` ...).
    gazetteer : gazetteer.store.Gazetteer
        From :func:`gazetteer.store.load_gazetteer`.

    Returns
    -------
    ArticleResult
        Incidents de-duplicated within the article, each with one source whose
        evidence is the Arabic sentence; every place mention of the body.
    """
    if not hasattr(article, "body") or not hasattr(article, "id"):
        raise TypeError("article must have 'id' and 'body' (a geo.corpus.Article)")
    doc = _read(article, gazetteer)
    cands: list[_Cand] = []
    for s in doc.sentences:
        if not s.heading:
            cands.extend(_sentence_candidates(doc, s))
    for c in cands:
        c.incident = _build_incident(doc, c)
    incidents = _dedupe([c for c in cands if c.incident is not None])
    main = _main_place(doc, incidents)
    return ArticleResult(
        article_id=str(article.id), mentions=doc.mentions, incidents=incidents,
        bases=_bases(doc), routes=_routes(doc), main_place=main,
    )


def _sentence_candidates(doc: _Doc, s: _Sentence) -> list[_Cand]:
    """The events a sentence reports (cached: bases and routes ask again)."""
    cached = doc.cands.get(s.index)
    if cached is not None:
        return cached
    if doc.trigger_hits is None:
        doc.trigger_hits = _trigger_hits(doc)
    text = s.folded
    found: list[_Cand] = []
    actions: list[tuple[int, int]] = []
    for trig, regex, fpos in doc.trigger_hits.get(s.index, ()):
        m = regex.match(text, fpos - s.fstart)
        if m is None or not _prefix_ok(text, m.start()):
            continue
        if trig.type in _HOSTILE or trig.type in ("strike", "armed_clash"):
            actions.append(_to_original(s, m.start(), m.end()))
        cand = _check(doc, s, trig, m)
        if cand is not None:
            found.append(cand)
    doc.actions[s.index] = sorted(actions)
    doc.events[s.index] = [(c.start, c.end, c.type) for c in found]
    doc.cands[s.index] = _choose(found)
    return doc.cands[s.index]


_AUTOMATON: Any = None


def _needles_in(text: str) -> set[int]:
    """Indexes of the triggers one of whose needles occurs in ``text`` (one Aho-Corasick pass)."""
    global _AUTOMATON
    if _AUTOMATON is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        for k, (_, _, needles) in enumerate(_COMPILED):
            for needle in needles:
                owners.setdefault(needle, []).append(k)
        for needle, ks in owners.items():
            automaton.add_word(needle, tuple(ks))
        automaton.make_automaton()
        _AUTOMATON = automaton
    found: set[int] = set()
    for _, ks in _AUTOMATON.iter(text):
        found.update(ks)
    return found


def _trigger_hits(doc: _Doc) -> dict[int, list[tuple[Trigger, re.Pattern[str], int]]]:
    """Every trigger match of the article, by sentence: one scan of the text per trigger."""
    fstarts = [s.fstart for s in doc.sentences]
    out: dict[int, list[tuple[Trigger, re.Pattern[str], int]]] = {}
    text = doc.folded
    present = _needles_in(text)
    for k_trig, (trig, regex, needles) in enumerate(_COMPILED):
        if needles and k_trig not in present:
            continue
        for m in regex.finditer(text):
            k = bisect.bisect_right(fstarts, m.start()) - 1
            if k < 0:
                continue
            s = doc.sentences[k]
            if m.end() <= s.fstart + len(s.folded) and not s.heading:
                out.setdefault(k, []).append((trig, regex, m.start()))
    return out


def _prefix_ok(text: str, start: int) -> bool:
    k = start
    while k > 0 and start - k < 5 and (text[k - 1].isalpha()):
        k -= 1
    if k > 0 and text[k - 1].isalpha():
        return False
    return text[k:start] in _PREFIXES


def _check(doc: _Doc, s: _Sentence, trig: Trigger, m: re.Match[str]) -> _Cand | None:
    text = s.folded
    before = text[:m.start()]
    if _negated(before) or _HYPOTHETICAL_RE.search(before) or _META_RE.search(before):
        return None
    if _DENIAL_RE.search(text, _clause_of(text, m.start())[0], m.start()):
        return None
    if _AFTER_HYPOTHETICAL_RE.match(text[m.end():]):
        return None
    clause = _clause_of(text, m.start())
    if _HABITUAL_RE.search(text, clause[0], clause[1]):
        return None
    ctype = _resolve_type(trig, text, clause)
    if ctype is None or not _need_ok(doc, s, trig, m, text):
        return None
    anaphoric = trig.form == "noun" and _is_anaphoric(text, m)
    start, end = _to_original(s, m.start(), m.end())
    first_word = m.start() + len(m.group(0).split(" ")[0])
    verb_end = _to_original(s, m.start(), first_word)[1]
    return _Cand(ctype, trig.strength, trig.form, start, end, s, clause, anaphoric, m.group(0),
                 verb_end)


def _negated(before: str) -> bool:
    words = _WORD_RE.findall(before)[-4:]
    for i, w in enumerate(words):
        bare = w[1:] if w[:1] in "وف" and len(w) > 2 and w[1:] in _NEG_WORDS else w
        if bare in _NEG_WORDS:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if bare in ("لا", "ما") and nxt in _NOT_NEG_AFTER:
                continue
            if bare == "قد" and not _imperfect(nxt):
                continue  # 'قد أنشأت': had done, not 'may do'
            return True
    return False


def _imperfect(word: str) -> bool:
    """A present-tense verb form ('يقصف', 'تشن'), not a past one ('تعرضت', 'تم')."""
    return (len(word) > 2 and word[0] in "يتن" and word != "تم"
            and not word.endswith(("ت", "وا")))


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    left = 0
    right = len(text)
    for m in _CLAUSE_RE.finditer(text):
        if m.end() <= pos:
            left = m.end()
        elif m.start() >= pos:
            right = m.start()
            break
    return left, right


def _resolve_type(trig: Trigger, text: str, clause: tuple[int, int]) -> str | None:
    ctype = trig.type
    if ctype in ("airstrike", "strike") and "انزال" in text:
        return "raid"
    if ctype == "strike":
        part = text[clause[0]:clause[1]]
        if _AIR_RE.search(part) or (_AIR_RE.search(text) and not _ARTILLERY_RE.search(part)):
            return "airstrike"
        if _ARTILLERY_RE.search(text) or trig.need != "instrument":
            return "shelling"
        return None
    return ctype


def _need_ok(doc: _Doc, s: _Sentence, trig: Trigger, m: re.Match[str], text: str) -> bool:
    need = trig.need
    if not need or need == "instrument":
        return True
    if need == "air":
        return bool(_AIR_RE.search(text))
    if need == "no_air":
        near = text[max(0, m.start() - 20):m.end() + 30]
        return not re.search(r"طائر|مسير|في الجو|مقاتل", near)
    if need == "patrol":
        return bool(_PATROL_RE.search(text)) and not re.match(
            r"\s*(?:ال)?(?:طائر|مقاتل|مسير|مروحي|صاروخ)", text[m.end():])
    if need == "patrol_or_road":
        return bool(_PATROL_RE.search(text) or _ROAD_RE.search(text))
    if need == "heli":
        return bool(_HELI_RE.search(text))
    sides = {side_of(h.actor) for h in doc.in_sentence(doc.actors, s) if not h.metonym} - {""}
    if need == "soldiers":
        return bool(_SOLDIERS_RE.search(text)) and not _OFFICIALS_RE.search(text)
    if need == "sides":
        return len(sides) >= 2 or bool(_DUAL_RE.search(text) and _SOLDIERS_RE.search(text))
    if need == "happened":
        return bool(_HAPPENED_RE.search(text))
    if need == "signed":
        return bool(_SIGNED_RE.search(text))
    if need == "mil_near":
        window = text[max(0, m.start() - 30):m.end() + 40]
        if _NOT_MIL_SUBJECT_RE.search(text[max(0, m.start() - 25):m.end() + 15]):
            return False
        return bool(_MIL_WORD_RE.search(window)) or any(
            abs(h.start - _to_original(s, m.start(), m.end())[0]) < 50
            for h in doc.in_sentence(doc.actors, s) if not h.metonym)
    return True


def _is_anaphoric(text: str, m: re.Match[str]) -> bool:
    """'الغارة' / 'هذه العملية' refer back, unless a defining relative clause follows."""
    if _ANAPHORIC_RE.search(text[:m.start()] + "x"):
        return True
    word = m.group(0)
    definite = text[max(0, m.start() - 4):m.start()].endswith(("ال", "بال", "لل"))
    if not definite and not word.startswith("ال"):
        return False
    return not _RELATIVE_CLAUSE_RE.match(text[m.end():])


def _to_original(s: _Sentence, fstart: int, fend: int) -> tuple[int, int]:
    ft = s.ft
    if ft is None:
        return s.start + fstart, s.start + fend
    return ft.to_original(s.fstart + fstart), ft.to_original(s.fstart + fend, end=True)


def _choose(found: list[_Cand]) -> list[_Cand]:
    """One candidate per type and sentence: the strongest, earliest; clause winners only."""
    by_clause: dict[tuple[int, int], list[_Cand]] = {}
    for c in found:
        by_clause.setdefault(c.clause, []).append(c)
    winners: dict[str, _Cand] = {}
    for group in by_clause.values():
        best = min(group, key=lambda c: (_PRIORITY.get(c.type, 99), -c.strength, c.start))
        same = [c for c in group if c.type == best.type]
        best = min(same, key=lambda c: (c.anaphoric, -c.strength, c.start))
        old = winners.get(best.type)
        if old is None or (old.anaphoric and not best.anaphoric):
            winners[best.type] = best
    return sorted(winners.values(), key=lambda c: c.start)


# --- one incident -------------------------------------------------------------------------------

def _build_incident(doc: _Doc, c: _Cand) -> Incident | None:
    s = c.sentence
    place, gp, approx, place_text, place_cue, place_own = _place_for(doc, c)
    if place is None:
        return None
    first, last, precision, date_text, date_own = _date_for(doc, c)
    actors, attackers, targets = _actors_for(doc, c)
    killed, injured, notes = _casualties(s.folded)
    notes.insert(0, f"trigger: {c.word}")
    c.date_own, c.place_own = date_own, place_own
    conf = _confidence(c, date_own, first is not None, place, gp, approx, place_own, actors)
    digest = hashlib.sha1(f"{doc.article.id}|{c.type}|{s.start}".encode()).hexdigest()[:10]
    source = Source(
        article=str(doc.article.id), title=getattr(doc.article, "title", "") or "",
        outlet=getattr(doc.article, "outlet", "") or "", published=doc.source_published,
        url=getattr(doc.article, "url", "") or "", evidence=s.text.strip(),
    )
    return Incident(
        id=f"inc-{digest}", type=c.type, date_first=first, date_last=last,
        date_precision=precision, place=place, geo_precision=gp, actors=actors,
        fatalities=killed, injuries=injured, confidence=conf, sources=[source],
        approximate=approx, attackers=attackers, targets=targets, date_text=date_text,
        place_text=place_text, place_cue=place_cue, notes=notes,
    )


def _confidence(c: _Cand, date_own: bool, dated: bool, place: Place, gp: int | None,
                approx: bool, place_own: bool, actors: list[str]) -> float:
    conf = c.strength
    conf += 0.15 if date_own else (0.07 if dated else 0.0)
    point = place.kind not in _AREA_KINDS and not approx
    conf += (0.15 if point else 0.06) if place_own else (0.04 if point else 0.0)
    conf += 0.08 if actors else 0.0
    conf -= 0.1 if c.form == "present" else 0.0
    return round(min(0.95, max(0.05, conf)), 3)


# --- dates ----------------------------------------------------------------------------------------

_SINCE_RE = _rx(r"(?:منذ|حلقه|حادثه|واقعه|مواجهه|احداث|حرب|معركه)\s*(?:عام|العام|سنه)?\s*$")
_REPORTING_RE = _rx(r"(?<![^\W\d_])[وف]?(?:قال|قالت|اعلن|اعلنت|ذكر|ذكرت|افاد|افادت|كشف|كشفت|اكد|اكدت"
                    r"|نشر|نشرت|اضاف|اضافت|بيان|تصريح|تصريحات)(?![^\W\d_])(?:\s+\S+){0,2}\s*(?:يوم\s*)?$")
#: 'بعد أسبوع من اشتباكات': an event dated from another one, not from the publication.
_AFTER_EVENT_RE = _rx(r"(?<![^\W\d_])(?:بعد|قبل)(?:\s+\S+){0,3}\s+(?:من|علي)\s*(?:\S+\s*)?$")
_RECENT_RE = _rx(r"(?<![^\W\d_])(?:قبل ساعات|منذ ساعات|قبل قليل|حديثا|للتو)(?![^\W\d_])")


def _date_for(doc: _Doc, c: _Cand) -> tuple[dt.date | None, dt.date | None, str | None, str, bool]:
    s = c.sentence
    exprs = [d for d in doc.in_sentence(doc.dates, s) if not _since(doc, d)]
    if exprs:
        d = min(exprs, key=lambda d: _date_distance(d, c, doc))
        if d.rule.startswith("night") and d.precision == "day" and (d.last - d.first).days == 1:
            # 'ليل الأربعاء - الخميس': an overnight operation is dated to the morning it ended
            return d.last, d.last, "day", _date_note(d, doc) + "; night: dated to its end", True
        return d.first, d.last, d.precision, _date_note(d, doc), True
    prev = _previous_dated(doc, s)
    if prev is not None and not c.anaphoric:
        d, ps = prev
        return d.first, d.last, d.precision, (
            f"{d.text} -> {d.iso} (from the previous sentence of the paragraph)"), False
    published = getattr(doc.article, "published", None)
    first_event = all(e[0] >= c.start for e in doc.events.get(s.index, []) if e[2] != c.type)
    after_other = _AFTER_EVENT_RE.search(doc.fspan(s.start, c.start))
    fresh = (s.lead and first_event and not after_other) or bool(_RECENT_RE.search(s.folded))
    if published is not None and fresh and not c.anaphoric:
        precision = getattr(doc.article, "published_precision", None) or "day"
        if getattr(doc.article, "published_inferred", False) and precision != "day":
            return None, None, None, "no date in the text; publication date only inferred", False
        first, last = _span(published, precision)
        return first, last, precision, (
            f"publication date {published.isoformat()} (lead sentence, no date in the text)"), False
    return None, None, None, "", False


def _since(doc: _Doc, d: Any) -> bool:
    return bool(_SINCE_RE.search(doc.fspan(max(0, d.start - 20), d.start)))


def _date_distance(d: Any, c: _Cand, doc: _Doc) -> float:
    """Nearest to the trigger, before it preferred; a date of the reporting verb comes last."""
    lo = max(c.sentence.start, d.start - 40)
    reporting = 200 if _REPORTING_RE.search(doc.fspan(lo, d.start)) else 0
    if d.end <= c.start:
        return c.start - d.end + reporting
    return (d.start - c.end) + 40 + reporting


def _date_note(d: Any, doc: _Doc) -> str:
    if d.relative and doc.anchor is not None:
        inferred = " inferred" if getattr(doc.article, "published_inferred", False) else ""
        return f"{d.text} -> {d.iso} (relative to{inferred} {doc.anchor.isoformat()})"
    return f"{d.text} -> {d.iso}"


def _previous_dated(doc: _Doc, s: _Sentence) -> tuple[Any, _Sentence] | None:
    siblings = [x for x in doc.para_sentences.get(s.para, []) if x.index < s.index]
    for prev in reversed(siblings):
        exprs = [d for d in doc.in_sentence(doc.dates, prev) if not _since(doc, d)]
        if exprs:
            return exprs[-1], prev
    return None


def _span(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == "month":
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return dt.date(day.year, day.month, 1), nxt - dt.timedelta(days=1)
    return day, day


# --- places --------------------------------------------------------------------------------------

def _place_for(doc: _Doc, c: _Cand) -> tuple[Place | None, int | None, bool, str, str, bool]:
    """(place, geo precision, approximate, surface text, cue, from the sentence itself)."""
    s = c.sentence
    in_sentence = doc.in_sentence(doc.mentions, s)
    clause_lo, clause_hi = _to_original(s, *c.clause)
    usable = doc.in_sentence(doc.usable, s)
    outside = [m for m in in_sentence if m.role == "outside"
               and clause_lo <= m.start < clause_hi and not _is_actor_word(doc, m)]
    candidates = [m for m in usable if not _is_qualifier(doc, m, usable)]
    if c.type in _NO_FALLBACK_PLACE:
        candidates = [m for m in candidates if clause_lo <= m.start < clause_hi]
    if candidates:
        best = min(candidates, key=lambda m: _place_score(doc, m, c, clause_lo, clause_hi))
        gp, approx = _precision_of(doc, best)
        return best.place, gp, approx, best.text, best.cue or "named in the sentence", True
    if outside or c.type in _NO_FALLBACK_PLACE:
        return None, None, False, "", "", False
    anaphor = _anaphoric_place(doc, s)
    if anaphor is not None:
        place, mention = anaphor
        gp = 1 if place.kind not in _AREA_KINDS else 3
        return place, gp, False, mention, f"'{mention}' refers back to {place.name_ar}", False
    para = _paragraph_place(doc, s)
    if para is not None:
        gp, approx = _precision_of(doc, para)
        return (para.place, gp, approx, para.text, "nearest place named in the paragraph", False)
    region = _region_fallback(doc, s)
    if region is not None:
        return (region.place, 3, True, region.text,
                "no place in the sentence; region named in the article", False)
    return None, None, False, "", "", False


def _is_actor_word(doc: _Doc, m: Mention) -> bool:
    """'تركية' in 'دوريات روسية وتركية', 'واشنطن' as the US: a name inside an actor, not a place."""
    return any(h.start <= m.start < h.end or m.start <= h.start < m.end for h in doc.actors)


def _is_qualifier(doc: _Doc, m: Mention, usable: list[Mention]) -> bool:
    """'الحسكة' in 'القامشلي شمالي الحسكة' and 'محافظة الحسكة' after 'بلدة القحطانية'."""
    for other in usable:
        if other is m or other.end > m.start or m.start - other.end > 24:
            continue
        gap = doc.fspan(other.end, m.start)
        if re.search(r"[.!?]", gap) or re.search(r"(?<![^\W\d_])و", gap.strip()[:1]):
            continue
        if _DIRECTION_RE.search(gap):
            return True
        if _KIND_RANK.get(m.place.kind, 0) > _KIND_RANK.get(other.place.kind, 0) and re.fullmatch(
                r"[\s,]*(?:(?:ال)?سوري(?:ه|ا)?\s*)?(?:في|ب|من|التابعه ل\S*|الواقعه في)?\s*", gap):
            return True
    return False


def _place_score(doc: _Doc, m: Mention, c: _Cand, lo: int, hi: int) -> float:
    place = m.place
    assert place is not None
    if place.kind in _AREA_KINDS:
        rank = {"region": 3.0, "district": 3.5, "governorate": 4.0, "country": 5.0}[place.kind]
        if place.kind == "region" and place.parent:
            rank = 2.0
    else:
        rank = 0.0 if (m.geo_precision or 1) == 1 else 0.5
    if m.approximate:
        rank += 1.5
    rank += 0.0 if lo <= m.start < hi else 1.5
    before = doc.fspan(max(0, m.start - 14), m.start)
    rank += 0.0 if (m.kind_word or _ATTACH_RE.search(before)) else 2.5
    return rank + abs(m.start - c.start) / 1000


def _precision_of(doc: _Doc, m: Mention) -> tuple[int, bool]:
    gp = m.geo_precision or 1
    place = m.place
    approx = m.approximate or (place is not None and place.kind in _AREA_KINDS)
    if gp == 1 and place is not None and place.kind not in _AREA_KINDS:
        before = doc.fspan(max(0, m.start - 60), m.start)
        sentence_start = max(before.rfind("."), before.rfind("\n"))
        if _NEAR_CUE_RE.search(before[sentence_start + 1:]):
            gp = 2
    return gp, approx


def _anaphoric_place(doc: _Doc, s: _Sentence) -> tuple[Place, str] | None:
    for m in _ANAPHORIC_PLACE_RE.finditer(s.folded):
        kinds = _ANAPHOR_KINDS[m.group(1)]
        if not kinds:
            continue
        start, _ = _to_original(s, m.start(), m.end())
        earlier = [x for x in doc.usable if x.end <= start and start - x.end < 2500]
        for mention in reversed(earlier):
            place = mention.place
            assert place is not None
            if place.kind in kinds:
                return place, m.group(0)
            if "city" in kinds and place.parent:
                parent = doc.gazetteer.get(place.parent)
                if parent is not None and parent.kind in kinds:
                    return parent, m.group(0)
    return None


def _paragraph_place(doc: _Doc, s: _Sentence) -> Mention | None:
    siblings = doc.para_sentences.get(s.para, [])
    lo = siblings[0].start if siblings else s.start
    hi = siblings[-1].end if siblings else s.end
    before = [m for m in doc.usable if lo <= m.start < s.start]
    after = [m for m in doc.usable if s.end <= m.start < hi]
    if before:
        return before[-1]
    return after[0] if after else None


def _region_fallback(doc: _Doc, s: _Sentence) -> Mention | None:
    regions = [m for m in doc.usable if m.place.kind in ("region", "district", "governorate")]
    if not regions:
        return None
    before = [m for m in regions if m.start < s.start]
    if before:
        return before[-1]
    counts = Counter(m.place.id for m in regions)
    return max(regions, key=lambda m: counts[m.place.id])


# --- actors ----------------------------------------------------------------------------------

_SUBJECT_NOUN_RE = _rx(r"(?<![^\W\d_])(?:ال)?(?:دوري(?:ه|ات)|رتل|ارتال|موكب|قوات|قوه|جيش|جنود|عناصر"
                       r"|طائر(?:ه|ات)|مسير(?:ه|ات)|مدفعيه|وحدات|فصائل|ميليشيا\w*|مليشيا\w*)"
                       r"(?![^\W\d_])")
_COORDINATED_RE = re.compile(r"\s*(?:,|و)\s*")
_VICTIM_BEFORE_RE = _rx(r"(?<![^\W\d_])[وفلب]?(?:(?:مقتل|اصابه|اعتقال|استهداف|اسر|احتجاز|اختطاف|مصرع)"
                        r"(?:\s+\S+){0,3}|(?:قتل|اصيب|اصيبت|جرح)\s+" + _NUM + r"(?:\s+\S+){0,2})\s*$")
_PASSIVE_HURT_RE = _rx(r"(?<![^\W\d_])[وف]?(?:قتل|اصيب|اصيبت|جرح)\s*$")
_PERSON_RE = _rx(r"(?:ال)?(?:" + _PERSON_1 + "|" + _PERSON_2 + r"|اطفال|نساء)(?![^\W\d_])")
_PASSIVE_RE = _rx(r"(?<![^\W\d_])[وف]?(?:تعرض(?:ت)?|يتعرض|تتعرض|تم|جري)(?![^\W\d_])")
_AGENT_RE = _rx(r"(?:بواسطه|من قبل|من جانب|علي يد|بيد)\s*$")


def _actors_for(doc: _Doc, c: _Cand) -> tuple[list[str], list[str], list[str]]:
    s = c.sentence
    in_sentence = doc.in_sentence(doc.actors, s)
    hits = [h for h in in_sentence if not h.metonym]
    lo, hi = _to_original(s, *c.clause)
    if not hits:
        hits = [h for h in in_sentence if h.metonym and lo <= h.start < hi]
    if not hits:
        siblings = [x for x in doc.para_sentences.get(s.para, []) if x.index < s.index]
        if siblings:
            hits = [h for h in doc.in_sentence(doc.actors, siblings[-1]) if not h.metonym]
    hits = [h for h in hits if not _in_control_phrase(doc, h)] or hits
    attackers: list[str] = []
    targets: list[str] = []
    if c.type in _HOSTILE:
        attackers, targets = _roles(doc, c, [h for h in hits if s.start <= h.start < s.end])
    if attackers or targets:
        actors = _unique([*attackers, *targets])
    else:
        in_clause = [h for h in hits if lo <= h.start < hi]
        before = [h for h in hits if h.end <= c.start]
        actors = _unique(h.actor for h in (in_clause or before or hits))
    return _drop_parents(actors), _drop_parents(attackers), _drop_parents(targets)


def _in_control_phrase(doc: _Doc, h: ActorHit) -> bool:
    """'في مناطق سيطرة قوات النظام': an actor named for the area it holds, not a party."""
    return bool(_CONTROL_BEFORE_RE.search(doc.fspan(max(0, h.start - 20), h.start)))


def _roles(doc: _Doc, c: _Cand, hits: list[ActorHit]) -> tuple[list[str], list[str]]:
    """Attackers and targets around the trigger: subject/agent vs object.

    Active voice: actors before the first hostile verb of the sentence are its
    subject; with none, the first actor right after it (verb-subject-object
    order, or the agent of a verbal noun: 'قصف روسي'). Passive ('تعرضت ل',
    'تم'): actors before are targets. An actor after a second hostile verb
    ('التي استهدفت ...') is a target; one after 'بواسطة'/'من قبل' an attacker.
    """
    floor = max([e for b, e, t in doc.events.get(c.sentence.index, [])
                 if e <= c.start and t != c.type and t not in _HOSTILE], default=0)
    actions = [a for a in doc.actions.get(c.sentence.index, []) if a[0] >= floor]
    verb_start = min([a[0] for a in actions] + [c.start])
    passive = bool(_PASSIVE_RE.search(doc.fspan(max(0, c.start - 40), c.start)))
    if passive:
        verb_start = c.start
    clause_lo, clause_hi = _to_original(c.sentence, *c.clause)
    attackers: list[str] = []
    targets: list[str] = []
    before = [h for h in hits if floor <= h.start and h.end <= verb_start]
    after = [h for h in hits if h.end > verb_start]
    victims = [h for h in before if _is_victim(doc, c, h)]
    targets += [h.actor for h in victims]
    before = [h for h in before if h not in victims]
    if passive:
        targets += [h.actor for h in before]
    else:
        attackers += [h.actor for h in before]
    for k, h in enumerate(after):
        if k > 0 and _COORDINATED_RE.fullmatch(doc.fspan(after[k - 1].end, h.start)):
            (attackers if after[k - 1].actor in attackers else targets).append(h.actor)
            continue
        if _is_victim(doc, c, h):
            targets.append(h.actor)
            continue
        agent = _AGENT_RE.search(doc.fspan(max(0, h.start - 16), h.start))
        later_verb = any(verb_start < a[0] and a[1] <= h.start for a in actions if a[0] != c.start)
        adjective = c.form == "noun" and c.start <= h.start <= c.end + 2
        subject_slot = _subject_slot(doc.fspan(c.verb_end, h.start))
        if agent or adjective:
            attackers.append(h.actor)
        elif not attackers and k == 0 and not later_verb and subject_slot and h.start - c.end < 60:
            attackers.append(h.actor)
        elif h.start < clause_hi or later_verb:
            targets.append(h.actor)
    attackers = _unique(attackers)
    return attackers, _unique(t for t in targets if t not in attackers)


def _is_victim(doc: _Doc, c: _Cand, h: ActorHit) -> bool:
    """'مقتل قيادي في داعش', 'قتل ثلاثة جنود أتراك', 'قُتل طفل': the actor is hit, not hitting."""
    before = doc.fspan(max(c.sentence.start, h.start - 30), h.start)
    if _VICTIM_BEFORE_RE.search(before):
        return True
    return bool(_PASSIVE_HURT_RE.search(before) and _PERSON_RE.match(doc.fspan(h.start, h.end)))


def _subject_slot(gap: str) -> bool:
    """Can an actor after ``gap`` (the words since the verb) be the verb's subject?

    Not when a definite noun that could itself be the subject comes first ('أجبرت
    الدورية الرتل الروسي'); a noun in construct with the actor is fine ('قوات الأسايش').
    """
    words = gap.split()
    if words and _SUBJECT_NOUN_RE.fullmatch(words[-1]) and not words[-1].startswith("ال"):
        words = words[:-1]
    return not any(_SUBJECT_NOUN_RE.fullmatch(w) for w in words)


def _drop_parents(actors: list[str]) -> list[str]:
    from .extract.actors import ACTORS

    parents = {ACTORS[a].parent for a in actors if a in ACTORS and ACTORS[a].parent}
    return [a for a in actors if a not in parents]


def _unique(items) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


# --- casualties -------------------------------------------------------------------------------

def _casualties(text: str) -> tuple[int | None, int | None, list[str]]:
    """(killed, injured, notes) stated in a folded sentence; negated counts are ignored."""
    best: dict[str, int] = {}
    notes: list[str] = []
    if not _CASUALTY_HINT_RE.search(text):
        return None, None, notes
    for kind, regex, fixed in _CASUALTY_RES:
        for m in regex.finditer(text):
            if _CASUALTY_NEG_RE.search(text[:m.start()]):
                continue
            if fixed is not None:
                n: int | None = fixed
            else:
                word = m.group("n")
                n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
                if n is None:
                    notes.append(f"{kind}: '{m.group(0).strip()}' (no number)")
                    continue
            if n is not None and n < 100000:
                best[kind] = max(best.get(kind, 0), n)
    return best.get("killed"), best.get("injured"), notes


# --- de-duplication -------------------------------------------------------------------------------

_FAMILY_MERGE = {
    frozenset({"raid", "arrest"}), frozenset({"raid", "airstrike"}),
    frozenset({"patrol_obstruction", "vehicle_collision"}), frozenset({"patrol_encounter", "patrol"}),
}
_TYPE_WINS = ("raid", "vehicle_collision", "patrol_encounter")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


#: 'في حادثة أخرى': the sentence says it is not the event told before.
_DISTINCT_RE = _rx(r"(?<![^\W\d_])[وف]?(?:ب|في)?(?:ال)?(?:حادث(?:ه)?|واقعه|عمليه|هجوم|غاره|اشتباكات)"
                   r" (?:ال)?(?:اخري|ثانيه|منفصله|جديده)(?![^\W\d_])|في سياق منفصل")


def _dedupe(cands: list[_Cand]) -> list[Incident]:
    clusters: list[list[_Cand]] = []
    for c in sorted(cands, key=lambda c: (c.anaphoric, c.sentence.index, c.start)):
        distinct = not c.anaphoric and _DISTINCT_RE.search(c.sentence.folded)
        home = None if distinct else next((cl for cl in clusters if _joins(cl, c)), None)
        if home is not None:
            home.append(c)
        elif not c.anaphoric:
            clusters.append([c])
    return [_fuse(cl) for cl in clusters]


def _joins(cluster: list[_Cand], c: _Cand) -> bool:
    """Same type (or a family pair in nearby sentences), compatible dates and places."""
    inc = c.incident
    assert inc is not None
    if not any(_same_event_type(other, c) for other in cluster):
        return False
    if c.anaphoric:
        return True
    return all(_dates_compatible(other, c) and _places_compatible(other.incident.place, inc.place)
               for other in cluster)


def _same_event_type(a: _Cand, b: _Cand) -> bool:
    x, y = a.incident, b.incident
    assert x is not None and y is not None
    if x.type == y.type:
        return True
    pair = frozenset({x.type, y.type})
    if pair not in _FAMILY_MERGE or abs(a.sentence.index - b.sentence.index) > 3:
        return False
    if pair == frozenset({"raid", "airstrike"}):
        return "انزال" in a.sentence.folded or "انزال" in b.sentence.folded
    return True


def _dates_compatible(a: _Cand, b: _Cand) -> bool:
    x, y = a.incident, b.incident
    assert x is not None and y is not None
    if x.date_first is None or y.date_first is None:
        return True
    pad = dt.timedelta(0)
    if x.date_precision == "day" and y.date_precision == "day":
        loose = not (a.date_own and b.date_own) or "relative" in x.date_text + y.date_text
        pad = dt.timedelta(days=10 if loose else 2)
    x_last, y_last = x.date_last or x.date_first, y.date_last or y.date_first
    return x.date_first - pad <= y_last and y.date_first - pad <= x_last


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.id == b.id:
        return True
    a_area, b_area = a.kind in _AREA_KINDS, b.kind in _AREA_KINDS
    if a_area and b_area:
        return not (a.governorate and b.governorate and a.governorate != b.governorate)
    if a_area or b_area:
        area, point = (a, b) if a_area else (b, a)
        if area.governorate:
            return area.governorate == point.governorate
        return _km(area, point) < 350
    return _km(a, b) <= 40


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _fuse(cluster: list[_Cand]) -> Incident:
    incs = [c.incident for c in cluster if c.incident is not None]
    if len(incs) == 1:
        return incs[0]
    types = {i.type for i in incs}
    kind = next((t for t in _TYPE_WINS if t in types), incs[0].type)
    head_c = max(cluster, key=lambda c: (c.incident.type == kind, not c.anaphoric,
                                          c.date_own and c.place_own, c.date_own, c.place_own,
                                          c.incident.confidence))
    head = head_c.incident
    assert head is not None
    own_dates = [c.incident for c in cluster if c.date_own and c.incident.date_first]
    dated = own_dates or [i for i in incs if i.date_first is not None]
    date_src = min(dated, key=lambda i: (_PRECISION_RANK[i.date_precision],
                                         (i.date_last - i.date_first).days)) if dated else head
    place_src = min(incs, key=_place_rank)
    told = [c.incident for c in cluster if not c.anaphoric and c.incident is not None]
    actors = _unique(a for i in [head, *told] for a in i.actors)
    killed = [i.fatalities for i in incs if i.fatalities is not None]
    hurt = [i.injuries for i in incs if i.injuries is not None]
    notes = _unique(n for i in [head, *incs] for n in i.notes)
    notes.append("same event in sentences: " + ", ".join(
        _unique(str(c.sentence.index) for c in sorted(cluster, key=lambda c: c.sentence.index))))
    return Incident(
        id=head.id, type=kind, date_first=date_src.date_first, date_last=date_src.date_last,
        date_precision=date_src.date_precision, place=place_src.place,
        geo_precision=place_src.geo_precision, actors=actors,
        fatalities=max(killed) if killed else None, injuries=max(hurt) if hurt else None,
        confidence=round(min(0.95, max(i.confidence for i in incs) + 0.05 * (len(incs) - 1)), 3),
        sources=list(head.sources), approximate=place_src.approximate,
        attackers=_unique(a for i in told for a in i.attackers),
        targets=_unique(t for i in told for t in i.targets if t not in
                        {a for j in told for a in j.attackers}),
        date_text=date_src.date_text, place_text=place_src.place_text,
        place_cue=place_src.place_cue, notes=notes,
    )


def _place_rank(inc: Incident) -> tuple:
    place = inc.place
    if place is None:
        return (9, 9, 0.0)
    area = place.kind in _AREA_KINDS
    return (1 if area else 0, 1 if inc.approximate else 0, inc.geo_precision or 3,
            -inc.confidence)


# --- main place ----------------------------------------------------------------------------------

def _main_place(doc: _Doc, incidents: list[Incident]) -> Place | None:
    title = getattr(doc.article, "title", "") or ""
    title_ids: set[str] = set()
    if title:
        from gazetteer.resolver import resolve_text

        title_ids = {m.place.id for m in resolve_text(title, doc.gazetteer)
                     if m.place is not None and m.role == "location" and m.place.in_area}
    scores: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for m in doc.usable:
        place = m.place
        assert place is not None
        weight = 1.0 if place.kind not in _AREA_KINDS else 0.3
        if place.kind == "country":
            continue
        scores[place.id] += weight * max(m.confidence, 0.3)
        places[place.id] = place
    for inc in incidents:
        if inc.place is not None and inc.place.id in places:
            scores[inc.place.id] += 0.5
    for pid in title_ids & set(places):
        scores[pid] += 2.0
    if not scores:
        return None
    best = max(scores, key=lambda pid: (places[pid].kind not in _AREA_KINDS, scores[pid]))
    return places[best]


# --- bases -------------------------------------------------------------------------------------

def _bases(doc: _Doc) -> list[Base]:
    found: dict[str, Base] = {}
    for s in doc.sentences:
        if s.heading:
            continue
        cue = _PRESENCE_RE.search(s.folded)
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
            base.operators = _unique([*base.operators, *operators])
            evidence = s.text.strip()
            if all(src.evidence != evidence for src in base.sources):
                base.sources.append(_source(doc, evidence))
    return list(found.values())


def _base_places(doc: _Doc, s: _Sentence) -> list[tuple[Place, str, tuple[int, int]]]:
    out: list[tuple[Place, str, tuple[int, int]]] = []
    for m in doc.in_sentence(doc.usable, s):
        place = m.place
        assert place is not None
        fpos = len(doc.fspan(s.start, m.start))
        clause = _clause_of(s.folded, fpos)
        if place.kind in _BASE_KINDS or m.kind_word in ("base", "airport"):
            out.append((place, m.text, clause))  # 'قاعدة الشدادي': the base at that town
        elif place.kind in ("city", "town", "village") and _HQ_RE.search(
                s.folded[clause[0]:clause[1]]) and _HQ_RE.search(
                doc.fspan(max(s.start, m.start - 40), m.start)):
            out.append((place, m.text, clause))
    for m in _ANAPHORIC_PLACE_RE.finditer(s.folded):
        if m.group(1) not in ("قاعده", "مطار", "مدينه", "فوج", "حقل"):
            continue
        clause = _clause_of(s.folded, m.start())
        if m.group(1) == "مدينه" and not _HQ_RE.search(s.folded[clause[0]:m.start()]):
            continue
        after = s.folded[m.end():m.end() + 3]
        if after.strip() and not after.startswith((" ", ",", ".")):
            continue
        resolved = _anaphor_at(doc, s, m)
        if resolved is not None:
            out.append((resolved, m.group(0), clause))
    seen: set[str] = set()
    unique = []
    for item in out:
        if item[0].id not in seen:
            seen.add(item[0].id)
            unique.append(item)
    return unique


def _anaphor_at(doc: _Doc, s: _Sentence, m: re.Match[str]) -> Place | None:
    kinds = _ANAPHOR_KINDS[m.group(1)]
    start, _ = _to_original(s, m.start(), m.end())
    if any(x.start >= start and x.start - start <= len(m.group(0)) + 2 for x in doc.usable):
        return None  # 'مطار القامشلي': a name follows, not a reference back
    for mention in reversed([x for x in doc.usable if x.end <= start and start - x.end < 2500]):
        place = mention.place
        assert place is not None
        if place.kind in kinds:
            return place
        if "city" in kinds and place.parent:
            parent = doc.gazetteer.get(place.parent)
            if parent is not None and parent.kind in kinds:
                return parent
    return None


def _operators(doc: _Doc, s: _Sentence, cue: re.Match[str], clause: tuple[int, int]) -> list[str]:
    """The forces a base sentence says hold the place.

    The actors next to the presence verb ('تتمركز القوات الروسية', 'جيش المغاوير
    المنضوي'); in a report of an attack with no such actor, the attack's targets;
    else the actors of the presence clause, of the place's clause, of the sentence.
    """
    hits = doc.in_sentence(doc.actors, s)
    cue_clause = _clause_of(s.folded, cue.start())
    lo, hi = _to_original(s, *cue_clause)
    cue_lo, cue_hi = _to_original(s, cue.start(), cue.end())
    near = [h for h in hits if cue_lo - 40 <= h.start <= cue_hi + 40 and (
        lo <= h.start < hi or re.fullmatch(r"[\W_]*", doc.body[h.end:cue_lo]))]
    if near:
        explicit = [h for h in near if not h.metonym]
        return _drop_parents(_unique(h.actor for h in (explicit or near)))
    hostile = [c for c in _sentence_candidates(doc, s) if c.type in _HOSTILE]
    if hostile:
        _, targets = _roles(doc, hostile[0], [h for h in hits if not h.metonym])
        return _drop_parents(targets)
    in_clause = [h for h in hits if lo <= h.start < hi]
    lo2, hi2 = _to_original(s, *clause)
    in_place_clause = [h for h in hits if lo2 <= h.start < hi2]
    chosen = in_clause or in_place_clause or [h for h in hits if not h.metonym]
    explicit = [h for h in chosen if not h.metonym]
    return _drop_parents(_unique(h.actor for h in (explicit or chosen)))


def _source(doc: _Doc, evidence: str) -> Source:
    a = doc.article
    return Source(article=str(a.id), title=getattr(a, "title", "") or "",
                  outlet=getattr(a, "outlet", "") or "", published=doc.source_published,
                  url=getattr(a, "url", "") or "", evidence=evidence)


# --- routes ------------------------------------------------------------------------------------

def _routes(doc: _Doc) -> list[Route]:
    found: dict[tuple[str, ...], Route] = {}
    for s in doc.sentences:
        if s.heading or not _ROUTE_CONTEXT_RE.search(s.folded):
            continue
        points = [m for m in doc.in_sentence(doc.usable, s) if m.place.kind not in _AREA_KINDS
                  or (m.place.kind == "region" and m.place.parent)]
        for waypoints in _paths(doc, s, points):
            key = tuple(p.id for p in waypoints)
            if len(set(key)) < 2 or key in found:
                continue
            digest = hashlib.sha1(f"{doc.article.id}|{'>'.join(key)}".encode()).hexdigest()[:10]
            route = Route(id=f"route-{digest}", waypoints=waypoints,
                          actors=_route_actors(doc, s), sources=[_source(doc, s.text.strip())])
            if not _HABITUAL_RE.search(s.folded):
                exprs = doc.in_sentence(doc.dates, s)
                if exprs:
                    route.date_first, route.date_last = exprs[0].first, exprs[0].last
                    route.date_precision = exprs[0].precision
            found[key] = route
    return list(found.values())


def _paths(doc: _Doc, s: _Sentence, points: list[Mention]) -> list[list[Place]]:
    """Waypoint lists: 'بين X و Y', 'من X باتجاه Y', 'طريق X - Y', 'جابت قرى X و Y و Z'."""
    paths: list[list[Place]] = []
    i = 0
    while i < len(points) - 1:
        a = points[i]
        before = doc.fspan(max(s.start, a.start - 30), a.start)
        chain = [a]
        j = i
        while j + 1 < len(points):
            gap = doc.body[points[j].end:points[j + 1].start]
            fgap = doc.fspan(points[j].end, points[j + 1].start)
            if _AND_RE.fullmatch(fgap) or _DASH_RE.fullmatch(gap) or _TOWARDS_RE.fullmatch(fgap):
                chain.append(points[j + 1])
                j += 1
            else:
                break
        if len(chain) >= 2 and _path_cue(before, doc, s, chain):
            paths.append([m.place for m in chain])
            i = j + 1
        else:
            i += 1
    return paths


def _path_cue(before: str, doc: _Doc, s: _Sentence, chain: list[Mention]) -> bool:
    first_gap = doc.body[chain[0].end:chain[1].start]
    fgap = doc.fspan(chain[0].end, chain[1].start)
    if _BETWEEN_RE.search(before):
        return bool(_AND_RE.fullmatch(fgap))
    if _FROM_RE.search(before) and _TOWARDS_RE.fullmatch(fgap):
        return True
    if _ROAD_BEFORE_RE.search(before) and (_DASH_RE.fullmatch(first_gap) or _AND_RE.fullmatch(fgap)):
        return True
    lead = doc.fspan(s.start, chain[0].start)
    return bool(_TOUR_RE.search(lead) and _AND_RE.fullmatch(fgap) and _PATROL_RE.search(lead))


def _route_actors(doc: _Doc, s: _Sentence) -> list[str]:
    hits = doc.in_sentence(doc.actors, s)
    units = [h for h in hits if h.unit in ("patrol", "convoy")]
    chosen = units or [h for h in hits if not h.metonym]
    return _drop_parents(_unique(h.actor for h in chosen))

"""Words around a place that say whose place it is: the event's, or something else's.

Why a module: beside the ranking of places (:mod:`.places`), some words settle the
question outright: where people fled to ('نزوح تجاه البادية') is never where the strikes
hit; a clause opening 'في حين' keeps its places for its own event; a clause of cause
('، جراء انفجار لغم') takes the place of the harm told before it; a sentence of plans
('سيشمل ... في مرحلة لاحقة') lends no place; a governorate's seat named bare ('في دير
الزور') may stand for the province.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from gazetteer.model import Mention, Place

from .document import Doc
from .folding import rx
from .gates import WindowGate
from .instruments import HARM_RE
from .sentences import clause_of
from .speakers import said_from
from .triggers import Candidate

__all__ = ["ORIGIN_RE", "PEOPLE_FROM_RE", "PLAN_RE", "another_events_region", "blast_told_first", "fled_to",
           "harm_clause_places", "heading_to",
           "in_plan", "in_road_name", "ordered_from", "passing_at", "served_by_force",
           "is_seat", "meanwhile_clauses", "past_meanwhile", "presence_of_forces", "road_end",
           "stationed_at", "fired_from", "another_places_role",
           "seat_named_bare"]


#: A place named as where someone came from or approached from, not where it happened.
ORIGIN_RE = rx(r"(?<![^\W\d_])(?:[وف]?(?:من|عبر) (?:جهه|ناحيه|اتجاه|طرف)|(?:قادم|اتي)(?:ا|ه|ين|ون|تين)?"
                r" من|(?:انطلق|خرج|وصل|عاد)(?:ت|وا)? من|عائد(?:ا|ه|ين|ون)? من"
                # where people come from: 'أربعة نازحين من الرقة', 'نازح ينحدر من مدينة موحسن'
                r"|(?:نازح|مهجر|ينحدر|تنحدر|ينحدرون|منحدر|المنحدر)\S*(?: \S+)? من)\s+"
                # 'قادمة من القاعدة العسكرية الأمريكية في بلدة صرين': the base, then its town
                r"(?:(?:ال)?(?:قاعده|مطار|معبر|مقر|نقطه)(?:\s+[^\s,]+){0,2}?\s+(?:في|ب)\s*)?"
                r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|قاعده|مطار|معبر)\s+)?$")


#: Where the people an event befell are from, not where it befell them: 'خطف القاصرة سيلفا من
#: أهالي قرية باصوفان في منطقة عفرين التي تم اختطافها في حي الشيخ مقصود' (the village and its
#: district both).
PEOPLE_FROM_RE = rx(r"(?<![^\W\d_])من (?:اهالي|ابناء|سكان)\s+(?:(?:ال)?(?:مدينه|بلده|قريه|حي|مخيم)\s+)?"
                    r"(?:[^\s,،.]+\s+){0,2}?(?:(?:في|ب)\s*(?:(?:ال)?(?:منطقه|ريف|مدينه|ناحيه)\s+)?)?$")


#: Fire told with its target, then where it came from: 'وكثف القصف الصاروخي على الحي من قاعدة
#: حقل العمر النفطي', 'استهدفت المدفعية القرية من مواقعها في جرابلس': the launch point.
_FIRED_FROM_RE = rx(r"(?<![^\W\d_])علي\s+[^\s,.،]+(?:\s+[^\s,.،]+){0,3}?"
                    r"(?<!قرب)(?<!القريب)(?<!القريبه)(?<!مقربه)(?<!بعيد)(?<!بعيدا)(?<!مسافه)\s+من\s+"
                    r"(?:(?:ال)?(?:قاعده|مواقع(?:ها|هم|ه)?|موقع|نقاط|نقطه|مقر|منطقه|جهه|طرف|ناحيه)\s+"
                    r"(?:[^\s,.،]+\s+){0,2}?(?:(?:في|ب)\s*)?)?$")
_FIRED_FROM = WindowGate(_FIRED_FROM_RE)


def fired_from(doc: Doc, m: Mention) -> bool:
    """Is ``m`` where fire at a target named before it came from ('على الحي من قاعدة حقل العمر')?"""
    return _FIRED_FROM.search(doc.fspan(max(0, m.start - 70), m.start)) is not None


def another_places_role(doc: Doc, m: Mention) -> bool:
    """Is ``m`` named as another place than an event's: where people fled to or the hurt were
    taken, where orders came from, where fire came from?"""
    return fled_to(doc, m) or ordered_from(doc, m) or fired_from(doc, m)


#: A clause telling something else meanwhile: '، في حين ...', '، بينما ...', '، فيما ...'.
#: '، تزامناً مع تسيير دورية مشتركة في عين العرب': what went on at the same time is told
#: with its own place too.
_MEANWHILE_WORDS = (r"(?:في حين|بينما|فيما|في وقت|في الوقت (?:الذي|نفسه|ذاته)|تزامنا مع|بالتزامن مع"
                    r"|متزامنا مع|مترافقا مع)")
_MEANWHILE_RE = rx(r"(?<![^\W\d_])[و]?" + _MEANWHILE_WORDS + r"[\s,]*$")
_MEANWHILE_AT_RE = rx(r"\s*[و]?" + _MEANWHILE_WORDS + r"(?![^\W\d_])")


def meanwhile_clauses(doc: Doc, c: Candidate) -> list[tuple[int, int]]:
    """The clauses (original offsets) of ``c``'s sentence that open 'في حين/بينما/فيما' and
    tell or recall an event of another type: their places are theirs."""
    s = c.sentence
    return [s.to_original(*o.clause) for o in doc.cands.get(s.index, ())
            if o.type != c.type and o.clause != c.clause
            and (_MEANWHILE_RE.search(s.folded[max(0, o.clause[0] - 16):o.clause[0]].rstrip())
                 or _MEANWHILE_AT_RE.match(s.folded, o.clause[0]))]


_MEANWHILE_IN_RE = rx(r"(?<![^\W\d_])[و]?" + _MEANWHILE_WORDS + r"(?![^\W\d_])")


def past_meanwhile(doc: Doc, c: Candidate, m: Mention) -> bool:
    """Whether ``m`` stands after a 'في حين/بينما' that follows ``c``'s clause.

    '25 غارة استهدفت قرى أم حوش والحصية ...، في حين أعلن الجيش التركي أنه استهدف 18
    هدفاً في شمالي سورية': the army's own telling, with its own vague region, whatever
    its type; the villages are the strikes' places, the region is not.
    """
    _, clause_hi = c.sentence.to_original(*c.clause)
    return m.start > clause_hi and bool(_MEANWHILE_IN_RE.search(doc.fspan(clause_hi, m.start)))


#: A force's presence and where it is: 'احتجاج على تواجدها بشمال سوريا', 'ضد الوجود التركي في'.
_PRESENCE_RE = rx(r"(?<![^\W\d_])(?:[وبلف]|ال|بال|لل)?(?:تواجد|وجود|احتلال)\S*(?:\s+\S+)?\s+(?:في|ب)\s*$")


def presence_of_forces(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` says where a force is present ('خلال احتجاج على تواجدها بشمال سوريا'):
    the object of a protest or a statement, not where its event took place."""
    return bool(_PRESENCE_RE.search(doc.fspan(max(0, m.start - 40), m.start)))


#: A participle saying where a force is stationed, then where: 'المنتشرة ضمن مناطق ...',
#: 'المتمركزين في ...', up to the place with no comma or full stop between; or a standing
#: presence told as such: 'ما تزال متمركزة داخل مطار القامشلي' (still there, no event of a day).
_STATIONED_RE = rx(r"(?<![^\W\d_])(?:[و]?ال|(?:ما|لا)\s+(?:تزال|يزال|تزل|يزل|زالت|زال|زالوا)\s+"
                   r"(?:\S+\s+){0,3}?)"
                   r"(?:منتشر|متمركز|متواجد|مرابط|متموضع)(?:ه|ين|ون|تين)?\s+"
                   r"(?:في|ضمن|داخل|ب|علي)[^,.\n]{0,70}$")


#: Searched only in a window holding one of the pattern's words (:mod:`.gates`).
_STATIONED = WindowGate(_STATIONED_RE)


def stationed_at(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` says where a force is stationed: 'طائرات تركية استهدفت بالاشتراك مع
    المدفعية المنتشرة ضمن مناطق "نبع السلام" بريف محافظتي الحسكة والرقة، مواقع ... في كلٍ
    من عامودا وتل تمر': where the guns stand, not what they hit."""
    return bool(_STATIONED.search(doc.fspan(max(0, m.start - 90), m.start)))


#: Where orders or a coordination came from: 'بعد تلقي قوات النظام أوامر من مركز التنسيق الروسي في
#: قاعدة عين عيسى', 'بتنسيق مسبق جرى صباح اليوم مع قسد في القاعدة الروسية ببلدة عين عيسى'.
_ORDERED_FROM_RE = rx(r"(?<![^\W\d_])(?:[وب]?(?:ال)?(?:اوامر|تعليمات|توجيهات)\s+(?:\S+\s+){0,2}?من"
                      r"|[وب]?(?:ال)?تنسيق)(?![^\W\d_])[^,.\n]{0,90}?\s(?:في|ب)\s*"
                      r"(?:(?:ال)?(?:قاعده|مطار|مقر|مركز)(?:\s+[^\s,.]+){0,2}?\s+(?:في|ب)\s*)?"
                      r"(?:(?:ال)?(?:مدينه|بلده|قريه|قاعده|مطار)\s+)?$")
_ORDERED_FROM = WindowGate(_ORDERED_FROM_RE)


def ordered_from(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` is where the orders or the coordination behind the event came from, not
    where it happened."""
    return bool(_ORDERED_FROM.search(doc.fspan(max(0, m.start - 130), m.start)))


#: A clause that opens on what caused the harm told before it: '، جراء انفجار لغم', '، بانفجار عبوة'.
_CAUSE_OPEN_RE = rx(r"[\s,]*(?:و)?(?:(?:جراء|اثر|بسبب|نتيجه|بفعل)(?![^\W\d_])"
                    r"|ب(?=انفجار|تفجير|لغم|عبوه|قذيفه))")


def harm_clause_places(doc: Doc, c: Candidate, candidates: list[Mention]) -> list[Mention]:
    """The places of the clause before, when the event's clause only says what caused its
    harm: 'جرح أربعة أشخاص في قرية تل السمن، جراء انفجار لغم أرضي' is at Tal al-Saman."""
    s = c.sentence
    lo = c.clause[0]
    if lo == 0 or not _CAUSE_OPEN_RE.match(s.folded, lo):
        return []
    spans = []
    prev_lo, prev_hi = clause_of(s.folded, max(0, lo - 2))
    while prev_lo > 0 and prev_hi <= lo and _WHERE_ONLY_RE.fullmatch(s.folded, prev_lo, prev_hi):
        # 'أصيب عدد من المدنيين، في مدينة الرقة، شمالي سوريا، جراء ثلاثة تفجيرات': where the
        # harm was, between commas, on the way back to the harm
        spans.append((prev_lo, prev_hi))
        prev_lo, prev_hi = clause_of(s.folded, max(0, prev_lo - 2))
    if prev_hi > lo or not HARM_RE.search(s.folded[prev_lo:prev_hi]):
        return []
    spans = [s.to_original(a, b) for a, b in [*spans, (prev_lo, prev_hi)]]
    return [m for m in candidates if any(a <= m.start < b for a, b in spans)]


#: A clause that only says where: 'في مدينة الرقة', 'شمالي سوريا' (folded, blanks around it).
_WHERE_ONLY_RE = rx(r"\s*(?:(?:في|ب)\s*(?:ال)?(?:مدينه|بلده|قريه|منطقه|ريف|حي|مخيم)\s+[^\s,.]+"
                    r"(?:\s+[^\s,.]+)?|(?:شمال|جنوب|شرق|غرب)\S*(?:\s+(?:شرق|غرب)\S*)?\s+(?:سوريا|سوريه|البلاد))\s*")


#: A word of saying between a place and the event: the place is the speaker's, not the event's.
_SAID_BETWEEN_RE = rx(r"(?<![^\W\d_])[وف]?(?:قال|قالت|ذكر|ذكرت|افاد|افادت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت"
                      r"|اضاف|اضافت|بين|بينت|مصدر|مصادر|مراسل|ان|انه|بان|بانه)(?![^\W\d_])")
#: A clause set before the event that says where a convoy or car went: 'لدى اقتراب الرتل من',
#: 'أثناء مرور سيارة عسكرية في', 'عند وصول الدورية إلى'.
_WHILE_GOING = r"(?<![^\W\d_])[وف]?(?:لدي|عند|اثناء|خلال|فور|قبيل)\s+"  # 'أثناء', 'لدى', 'عند' ...
_ON_ITS_WAY_RE = rx(_WHILE_GOING + r"(?:اقتراب|مرور|وصول|عبور|دخول|خروج|عوده|سير|تحرك|توجه|تنقل)")


def blast_told_first(doc: Doc, c: Candidate, clause_lo: int,
                     candidates: list[Mention]) -> list[Mention]:
    """The places of a blast's sentence before its clause, when they say where it went off:
    a clause on the way ('لدى اقتراب الرتل من مدينة الشدادي شرقي دير الزور، قام الانتحاري
    بتفجير المفخخة') or the blast told first by its sound ('سمع دوي انفجار في منطقة القيروان
    ...، ناجم عن انفجار آلية مفخخة'). Not when another kind of event is told there, nor at a
    source's town ('وقال مصدر من مدينة تل أبيض ... إن')."""
    if c.type != "explosion":
        return []
    s = c.sentence
    told = [start for start, _end, kind in doc.events.get(s.index, []) if start < clause_lo]
    if any(kind != c.type for start, _end, kind in doc.events.get(s.index, []) if start < c.start):
        return []
    return [m for m in candidates if m.start < clause_lo
            and (any(t < m.start for t in told) or _ON_ITS_WAY_RE.search(doc.fspan(s.start, m.start)))
            and not _SAID_BETWEEN_RE.search(doc.fspan(m.end, c.start))
            and not said_from(doc.fspan(max(0, m.start - 40), m.start))]


#: A force named by the province or city it serves: 'قوى الأمن الداخلي في دير الزور', 'مديرية
#: الأمن في محافظة الحسكة'.
_FORCE_OF_RE = rx(r"(?<![^\W\d_])(?:قوي الامن الداخلي|قوات الامن الداخلي|الامن الداخلي|مديريه الامن"
                  r"|الاجهزه الامنيه|قياده الامن الداخلي)\s+(?:في|ب)\s*(?:(?:ال)?(?:محافظه|مدينه)\s+)?$")
#: Where the one hit was passing or staying: 'أثناء مروره بالطريق العام ببلدة', 'خلال تواجده في'.
_PASSING_RE = rx(_WHILE_GOING + r"(?:مرور|تواجد|وجود|تنقل|سير)\S*[^,.]{0,30}$")

def served_by_force(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` names the province or city a security force serves ('قوى الأمن الداخلي
    في دير الزور'): its ground, not where it acted."""
    return bool(_FORCE_OF_RE.search(doc.fspan(max(0, m.start - 40), m.start)))


def passing_at(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` is where the one hit was passing or staying ('أثناء مروره بالطريق العام
    ببلدة الشحيل')."""
    return bool(_PASSING_RE.search(doc.fspan(max(0, m.start - 45), m.start)))


#: A sentence telling what is to come: 'سيشمل', 'ستغادر', 'في مرحلة لاحقة', 'في الأيام المقبلة'.
PLAN_RE = rx(r"(?<![^\W\d_])(?:سوف|[وف]?س[يت](?:شمل|تم|كون|غادر|نسحب|نتشر|بقي|واصل|بدا|صل|نقل)\S*"
              r"|في مرحله لاحقه|في (?:الايام|الاسابيع|الاشهر|الفتره) (?:المقبله|القادمه))(?![^\W\d_])")


#: Where people fled to: 'موجة نزوح كبيرة للمدنيين تجاه البادية السورية', 'فرّ الأهالي نحو X'.
_FLED_TO_RE = rx(r"(?<![^\W\d_])[وف]?(?:ال)?(?:نزوح|نزحوا|نزحت|فروا|فر|فرار|هربوا|هرب|هروب|لجوء|لجا|لجاوا)"
                 r"(?:\s+\S+){0,5}?\s+(?:تجاه|باتجاه|نحو|صوب|الي)\s+(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|مناطق)\s+)?$")


#: Where the hurt were taken: 'أثناء محاولة إسعافهما إلى أحد مستشفيات مدينة الحسكة', 'نُقل
#: الجرحى إلى مشفى القامشلي'.
_TAKEN_TO_RE = rx(r"(?<![^\W\d_])[وف]?(?:ال)?(?:اسعاف|اسعف|نقل)\S*"
                  # (not forces moved: 'تواصل نقل قوات روسية إلى مطار القامشلي' is a deployment)
                  r"(?!\s+(?:ال)?(?:قوات|قوه|جنود|عناصر|وحدات|معدات|تعزيزات|اسلحه|ذخائر|دبابات|اليات))"
                  r"(?:\s+\S+){0,3}?\s+(?:الي|نحو)\s+"
                  r"(?:(?:احد|ال)?(?:مستشفي|مستشفيات|مشفي|مشافي|مركز|نقطه)\S*\s+)?(?:\S+\s+){0,2}?"
                  r"(?:(?:ال)?(?:مدينه|بلده)\s+)?$")


#: The town of the hospital the dead or the hurt reached: 'وصلت سبع جثث عناصر من "قسد" و 13
#: جريحاً إلى مشفى "رأس العين" في مدينة تل أبيض'. The hospital is named, so a force that
#: reached a town ('وصل رتل إلى مدينة') is not taken for it.
_REACHED_HOSPITAL_RE = rx(r"(?<![^\W\d_])[وف]?(?:ال)?(?:وصل|وصول|نقل|اسعاف|اسعف)\S*(?:\s+\S+){0,10}?\s+الي\s+"
                          r"(?:احد\s+)?(?:ال)?(?:مستشفي|مستشفيات|مشفي|مشافي)\S*\s+(?:\S+\s+){0,3}?"
                          r"(?:(?:في|ب)\s+)?(?:(?:ال)?(?:مدينه|بلده)\s+)?$")


#: Searched only in a window holding one of the pattern's words (:mod:`.gates`).
_FLED_TO, _TAKEN_TO = WindowGate(_FLED_TO_RE), WindowGate(_TAKEN_TO_RE)
_REACHED_HOSPITAL = WindowGate(_REACHED_HOSPITAL_RE)


def fled_to(doc: Doc, m: Mention) -> bool:
    """Is ``m`` where people fled to or the hurt were taken (never where the event that drove
    them away or hurt them was)?"""
    before = doc.fspan(max(0, m.start - 70), m.start)
    return bool(_FLED_TO.search(before) or _TAKEN_TO.search(before)
                or _REACHED_HOSPITAL.search(doc.fspan(max(0, m.start - 120), m.start)))


def seat_named_bare(doc: Doc, m: Mention) -> bool:
    """Is ``m`` a governorate's seat named with no 'مدينة' ('قتل عنصر اليوم في دير الزور')?

    News names a province by its seat: the event may be anywhere in it, so the point stands
    for its surroundings (approximate), and a retelling at a town of the province is the same
    event (:mod:`.dedupe`)."""
    place = m.place
    return bool(place is not None and is_seat(place, doc.gazetteer)
                and not m.kind_word and "مدينه" not in doc.fspan(max(0, m.start - 8), m.end))


def is_seat(place: Place, gaz: Any) -> bool:
    """Is ``place`` the city a governorate is named after (الحسكة of محافظة الحسكة)?"""
    gov = gaz.get(place.parent) if place.kind == "city" and (place.parent or "").startswith("gov_") else None
    return gov is not None and gov.name_ar.endswith(place.name_ar)


def in_plan(doc: Doc, m: Mention) -> bool:
    """Is ``m`` named in a sentence telling what is to come (:data:`PLAN_RE`)?"""
    i = bisect.bisect_right(doc.sentences, m.start, key=lambda t: t.start) - 1
    return i >= 0 and m.start < doc.sentences[i].end and bool(PLAN_RE.search(doc.sentences[i].folded))


def another_events_region(doc: Doc, c: Candidate, m: Mention) -> bool:
    """Whether the region ``m`` stands in another clause of the sentence that tells an event of
    another type: 'شكّل اغتيال الشيخ ...، الشرارة التي أطلقت موجة من الاحتجاجات ... في مناطق
    شرق الفرات': the region is where the protests spread, not where the killing was."""
    s = c.sentence
    clause_lo, clause_hi = s.to_original(*c.clause)
    if clause_lo <= m.start < clause_hi:
        return False
    for o in doc.cands.get(s.index, ()):
        lo, hi = s.to_original(*o.clause)
        if o.type != c.type and o.clause != c.clause and lo <= m.start < hi:
            return True
    return False


#: The ends of a road or a line: 'الواصل بين مدينتي عامودا والحسكة', 'الطريق الرابط بين
#: القامشلي ومدينة ديرك' (the first end, and the second after 'و').
_BETWEEN_RE = rx(r"(?<![^\W\d_])(?:(?:ال)?(?:واصل|رابط|ممتد|فاصل)|يربط|يصل|تربط|تصل)\s+بين\s+"
                 r"(?:(?:ال)?(?:مدينتي|بلدتي|قريتي|مدينه|بلده|قريه)\s+)?"
                 # the first end may carry its other name: 'بين مدينة رأس العين (سري كانيه) وبلدة'
                 r"(?:[^\s.,]+(?:\s+[^\s.,]+)?(?:\s*\([^()\n]{1,25}\))?\s+و\s*(?:(?:ال)?(?:مدينه|بلده|قريه)\s+)?)?$")


#: Where a road leads: 'على الطريق المؤدي لمدينة الحسكة', 'الطريق الذاهب إلى عامودا'.
_LEADING_TO_RE = rx(r"(?<![^\W\d_])(?:ال)?طريق\s+(?:ال)?(?:مؤدي|موصل|ذاهب|متجه)\s+(?:الي\s+|ل\s*)"
                    r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه)\s+)?$")


#: Searched only in a window holding one of the pattern's words (:mod:`.gates`).
_BETWEEN, _LEADING_TO = WindowGate(_BETWEEN_RE), WindowGate(_LEADING_TO_RE)


def road_end(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` is an end of a road or a line told by the towns it joins, or the town
    a road leads to ('نقطة جنوب بلدة الدرباسية، على الطريق المؤدي لمدينة الحسكة')."""
    before = doc.fspan(max(0, m.start - 60), m.start)
    if _BETWEEN.search(before) or _LEADING_TO.search(before):
        return True
    # 'طريق الرقة بحلب', 'الطريق الذي يربط الرقة بحلب': the road's two ends joined by 'ب'
    if before.endswith("ب") and _ROAD_WITH_RE.search(before[:-1].rstrip()):
        return True
    if _ROAD_START_RE.search(before) is not None and (
            _AFTER_WITH_RE.match(doc.fspan(m.end, m.end + 3)) is not None
            or doc.starting_in(doc.usable, m.end + 1, m.end + 3)):
        return True  # ('طريق الحسكة حلب الدولية': two ends side by side after 'طريق')
    return _ROAD_WITH_RE.search(before.rstrip()) is not None and any(
        m.start - 2 <= o.end < m.start and _ROAD_START_RE.search(doc.fspan(max(0, o.start - 40), o.start))
        for o in doc.starting_in(doc.usable, max(0, m.start - 40), m.start))


#: A road named by the towns it joins: 'طريق الحسكة - الرقة', 'الطريق الدولي الحسكة- الرقة- حلب'.
_ROAD_BEFORE_RE = rx(r"(?<![^\W\d_])(?:ال)?طريق(?:\s+(?:ال)?(?:دولي|عام|سريع|رئيسي|واصل|الواصل))?"
                     r"(?:\s+[^\s.,]+){0,4}?\s*$")


def in_road_name(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` names an end of a road ('الطريق الدولي الحسكة- الرقة- حلب (M4)'): a
    dash joins it to another town, after the word 'طريق'. It tells where the road runs,
    not where anything happened."""
    before = doc.fspan(max(0, m.start - 50), m.start)
    after = doc.fspan(m.end, m.end + 3)
    dashed = before.rstrip().endswith(("-", "–")) or after.lstrip().startswith(("-", "–"))
    return dashed and bool(_ROAD_BEFORE_RE.search(before.replace("-", " ").replace("–", " ")))


#: A road told by its first town and 'ب' the second: 'طريق الرقة بحلب', 'يربط الرقة بحلب'.
_ROAD_WITH_RE = rx(r"(?<![^\W\d_])(?:(?:ال)?طريق(?:\s+(?:ال)?(?:دولي|عام|سريع|رئيسي))?|يربط|تربط)"
                   r"\s+(?:(?:ال)?(?:مدينه|بلده)\s+)?[^\s.,،]+$")
_ROAD_START_RE = rx(r"(?<![^\W\d_])(?:(?:ال)?طريق(?:\s+(?:ال)?(?:دولي|عام|سريع|رئيسي))?|(?:يربط|تربط))"
                    r"\s+(?:(?:ال)?(?:مدينه|بلده)\s+)?$")
_AFTER_WITH_RE = re.compile(r"\s+ب[^\W\d_]")


#: Where a movement was heading: 'باتجاه مدينة القامشلي', 'نحو قاعدة X'.
_HEADING_TO_RE = rx(r"(?<![^\W\d_])(?:باتجاه|نحو|صوب|(?:لل|ل)?عود(?:ه|ت)(?:ها|ه|هم)?\s+(?:الي|ل)"
                    r"|عائد(?:ه|ا|ين)?\s+(?:الي|ل))"
                    r"\s*(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|قاعده|مطار)\s+)?$")


def heading_to(doc: Doc, m: Mention) -> bool:
    """Whether ``m`` is where a movement was heading ('منع رتل روسي من المرور على الطريق الدولي
    باتجاه مدينة القامشلي', 'حاولت الدخول إلى مدينة ديريك للعودة إلى القامشلي'): a stopped
    movement never got there."""
    return bool(_HEADING_TO_RE.search(doc.fspan(max(0, m.start - 24), m.start)))


"""Where an incident happened: attaching a place to it, and the article's main place.

Why a module: choosing an incident's place is a chain of fallbacks with rules of its
own. The most specific in-area mention of the sentence attached to the event (a
qualifier such as 'الحسكة' in 'القامشلي شمالي الحسكة' is skipped); else a noun
referring back ('القاعدة', 'المدينة', 'إلى المنطقة', 'القاعدة ذاتها') to a place named before;
else the nearest place of the paragraph; else a region named in the article. Places outside Syria,
datelines, time zones and media names are never used, and agreements, statements and explosions are
only located by a place of their own sentence. 'قرب X'/'ريف X' is approximate (precision 2; a region 3).
A site named through its town ('مطار مدينة القامشلي') is the site when the gazetteer
has it; a convoy is placed at the crossing it passes ('عبر معبر الوليد'). An event its
sentence tells at several places ('في كوباني وعين عيسى والقامشلي', 'كما استهدفت ...
في الدرباسية') has each of them (see :mod:`geo.extract.place_lists`), one incident per place.
"""

from __future__ import annotations

import re
from typing import Any

from gazetteer.model import Mention, Place, km_between
from gazetteer.normalize import DUAL_KIND_WORDS, arabic_key
from gazetteer.unknown import PLACED_FOR_UNKNOWN

from ..relate import AREA_KINDS, is_macro_region
from .anaphora import anaphoric_place, clause_anaphor, unknown_district_city
from .cues import NATIONWIDE_RE
from .document import Doc
from .folding import fold_letters, rx
from .nearby_places import (
    ELSEWHERE_RE,
    next_paragraph_place,
    paragraph_place,
    place_told,
    region_fallback,
)
from .other_dates import signed_on
from .place_cues import (
    ORIGIN_RE,
    PEOPLE_FROM_RE,
    PLAN_RE,
    another_events_region,
    another_places_role,
    blast_told_first,
    harm_clause_places,
    heading_to,
    in_road_name,
    is_seat,
    meanwhile_clauses,
    passing_at,
    past_meanwhile,
    presence_of_forces,
    road_end,
    seat_named_bare,
    served_by_force,
    stationed_at,
)
from .qualifiers import KIND_RANK, finer_frame, is_qualifier
from .sentences import Sentence
from .speakers import reporter_in
from .triggers import SINCE_RE, Candidate

__all__ = ["AREA_KINDS", "ATTACH_RE", "ELSEWHERE_RE",
           "LIST_LEAD_RE", "NO_FALLBACK_PLACE", "ORIGIN_RE", "SETTLEMENT_KINDS", "STRIKES",
           "UNPLACED_CUE", "PlaceFound", "is_actor_word",
           "locative_after", "place_and_mention", "place_for", "place_score", "precision_of", "site_or_place"]

#: (place, geo precision, approximate, surface text, cue, from the sentence itself).
PlaceFound = tuple

#: How the place cue of an incident kept without a place begins (a region too coarse to map).
UNPLACED_CUE = "not mapped, for review"
#: Why an event is kept for review at a name its clause gives (see :func:`_unknown_place_of_clause`).
UNKNOWN_PLACE_NOTE = "is not in the gazetteer and the text ties it to no area"
#: Types that are only ever located by a place named in their own sentence.
NO_FALLBACK_PLACE = frozenset({"agreement", "statement", "explosion"})
ATTACH_RE = rx(r"(?<![^\W\d_])(?:في|ب|قرب|بالقرب من|من|الي|علي|عند|داخل|بين|نحو|باتجاه|حتي|عبر"
                r"|اطراف|محيط|ضواحي|مشارف|ريف|جنوب|شمال|شرق|غرب|جنوبي|شمالي|شرقي|غربي)\s*$"
                r"|(?<![^\W\d_])[وفل]?(?:ب|بال|في)\s*$"
                r"|(?<![^\W\d_])[وف]?(?:تعرض|تعرضت|يتعرض|تتعرض)\s+(?:(?:ال)?(?:مدينه|بلده|قريه)\s+)?$"
                r"|(?<![^\W\d_])[وفبل]?(?:ال)?ريف \S+ (?:ل|لل|ل?مدينه |ل?بلده )?$")
_NEAR_CUE_RE = rx(r"(?:قرب|بالقرب من|القريب(?:ه)? من|قريب(?:ا|ه)? من|اطراف|محيط|ضواحي|مشارف|"
                  r"(?:ال)?طريق(?: (?:ال)?(?:واصل|رابط|دولي|عام|رئيسي|سريع))?(?: بين)?|طريق \S+ ?- ?"
                  r"|(?:ال)?قري|باديه|"
                  r"علي بعد[^,.]{0,40}من|حقل(?: نفطي| غاز)?(?: \S+)?)\s*(?:(?:ال)?(?:مدينه|بلده"
                  r"|قريه|منطقه)\s*)?$|(?:قريه|بلده|مزرعه)(?:\s+\S+){0,4}\s+(?:في|ب)\s*$")
#: What leads a list of the places an event hit: a location preposition, optionally a
#: (plural) kind word and 'كل من' ('في كل من', 'قرى', 'على مواقع في', 'بلدتي').
LIST_LEAD_RE = rx(r"(?<![^\W\d_])(?:[وف]?(?:في|ب|علي|الي|قرب|عند|داخل|نحو|باتجاه|محيط|اطراف)|[وفبل]?(?:ال)?"
                   r"(?:قري|بلدات|مدن|مناطق|احياء|مخيمات|قريتي|بلدتي|مدينتي|قاعدتي|مطاري|حقلي|نواحي|ريفي|قواعد|مطارات|حقول))"
                   r"(?:\s+(?:كل من|(?:ال)?(?:مدينه|بلده|قريه|منطقه|ناحيه|حي|مخيم)))?\s*$")
#: A site named through its town: 'مطار مدينة القامشلي', 'معبر البوكمال'; group 1 the site word.
_SITE_WORD_RE = rx(r"(?<![^\W\d_])(?:[وفبل]|لل|بال|وال|فال|وبال)?(?:ال)?(مطار|قاعده|حقل|معبر|سد"
                   r"|معمل غاز|معمل)\s+(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|ناحيه)\s+)?$")
#: The site word -> the kinds of place it names.
_SITE_KINDS = {
    "مطار": {"airport", "base"}, "قاعده": {"base", "airport"}, "حقل": {"oilfield", "gasfield"},
    "معبر": {"border_crossing"}, "سد": {"dam"}, "معمل غاز": {"gasfield"}, "معمل": {"gasfield"},
}
#: Words saying 'near' right before a name (a field's kind word taken off first).
_NEAR_RE = rx(r"(?:قرب|بالقرب من|القريب(?:ه)? من|قريب(?:ا|ه)? من|اطراف|محيط|ضواحي|مشارف)\s*$")
#: Passing through: 'عبر', 'عبرت', 'يعبر' (a crossing passed, not a destination).
_VIA_RE = rx(r"(?<![^\W\d_])(?:عبر|عبرت|عبروا|يعبر|تعبر)(?![^\W\d_])|^(?:عبر|يعبر|تعبر)")
#: Entering (the country): 'دخل', 'دخلت', 'يدخل', 'دخول'; and 'من' right before a crossing.
_ENTER_RE = rx(r"(?:دخل|دخلت|دخلوا|يدخل|تدخل|دخول)(?![^\W\d_])")
_FROM_RE = rx(r"(?<![^\W\d_])من\s+(?:(?:ال)?معبر\s+)?$")
#: The kind word before an oil or gas field's name ('حقل', 'وحقل', 'حقل غاز').
_FIELD_WORD_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:ال)?(?:حقل|حقول|معمل)(?: (?:نفط|غاز|النفط|الغاز))?\s*$")
#: The arrival verbs that may open a movement's trigger: where such a movement came from
#: ('قادمة من مدينة عامودا') is not where it arrived (:data:`_MOVES`).
_ARRIVAL_RE = rx(r"[وف]?(?:وصل|وصول|دخل|دخول)")
_SENT_TO_RE = rx(r"(?<![^\W\d_])(?:الي|نحو|باتجاه)(?![^\W\d_])")  # where a move went, told after it
#: Kinds of place a site may be named through.
SETTLEMENT_KINDS = frozenset({"village", "town", "city", "capital", "neighbourhood"})


def place_for(doc: Doc, c: Candidate) -> tuple[Place | None, int | None, bool, str, str, bool]:
    """(place, geo precision, approximate, surface text, cue, from the sentence itself)."""
    return place_and_mention(doc, c)[0]


def place_and_mention(doc: Doc, c: Candidate) -> tuple[PlaceFound, Mention | None]:
    """The place of :func:`place_for`, and the mention of the sentence it came from (or None)."""
    s = c.sentence
    in_sentence = doc.in_sentence(doc.mentions, s)
    clause_lo, clause_hi = s.to_original(*c.clause)
    usable = doc.in_sentence(doc.usable, s)
    outside = [m for m in in_sentence if m.role == "outside"
               and clause_lo <= m.start < clause_hi and not is_actor_word(doc, m)]
    candidates = [m for m in usable if not is_qualifier(doc, m, usable) and not another_places_role(doc, m)]
    if c.type == "agreement":
        # 'وقعت الإدارة الذاتية اتفاقاً مع دمشق', 'يقضي بتسليم النفط لدمشق': the government a
        # city stands for is a party to the deal, not where it was reached
        candidates = [m for m in candidates if not _party_to_a_deal(doc, m)]
    theirs = meanwhile_clauses(doc, c)
    if theirs:
        # 'قصف نفذه التحالف على شرق سوريا ...، في حين أصيب ستة بانفجار في حافلة بمدينة حمص':
        # Homs is the explosion's place, not the strike's
        candidates = [m for m in candidates if not any(lo <= m.start < hi for lo, hi in theirs)]
    if c.type in ("patrol_obstruction", "protest"):
        # stopped on its way (or protested): not where the patrol went nor came from
        candidates = [m for m in candidates if not (
            heading_to(doc, m) or ORIGIN_RE.search(doc.fspan(max(0, m.start - 60), m.start)))]
    elif c.type in _MOVES and ((arrived := _ARRIVAL_RE.match(c.word)) or c.type != "withdrawal"
                               and _SENT_TO_RE.search(s.folded, s.folded_offset(c.end), c.clause[1])):
        # 'وصلت دورية إلى حطين، قادمة من عامودا', 'إرسال تعزيزات إلى المدينة قادمة من عين العرب/
        # كوباني': it arrived elsewhere (its own verb, 'خرجت من معبر الوليد', left from its place)
        origins = {m.place.id for m in candidates if ORIGIN_RE.search(doc.fspan(
            max(0 if arrived else c.end, m.start - 60), m.start))}
        candidates = [m for m in candidates if m.place.id not in origins]
    ends = [m for m in candidates if road_end(doc, m)]
    if ends and any(m not in ends and (m.place.kind not in AREA_KINDS or clause_lo <= m.start < clause_hi)
                    for m in candidates):
        # 'حتى مفرق قرية تل بيدر الواصل بين مدينتي الدرباسية والحسكة': the road's, not the event's
        candidates = [m for m in candidates if m not in ends]
    elif len({m.place.id for m in ends}) > 1 and len(ends) == len(candidates) and max(
            km_between(a.place, b.place) for a in ends for b in ends) > _FAR_ENDS_KM:
        # 'استهدفت القوات التركية شاحنة على طريق الحسكة حلب الدولية': a road named by ends 200
        # km apart says no point of it; kept for review
        return (None, None, True, ends[0].text, f"{UNPLACED_CUE}: a road named by its ends "
                f"({', '.join(m.text for m in ends)}), far apart", True), None
    others = [m for m in candidates if is_macro_region(m.place) and (
        past_meanwhile(doc, c, m) or another_events_region(doc, c, m) or presence_of_forces(doc, m))]
    candidates = [m for m in candidates if m not in others]
    stationed = [m for m in candidates if stationed_at(doc, m)]
    if stationed and len(stationed) < len(candidates):
        candidates = [m for m in candidates if m not in stationed]  # the force's ground, not its target
    if others and not candidates and c.type not in NO_FALLBACK_PLACE:
        # the sentence's only region is another telling's or another event's: the event
        # stays for review, it borrows no place from elsewhere either
        return (None, None, True, others[0].text, f"{UNPLACED_CUE}: the only region named "
                f"({others[0].text}) is another clause's", True), None
    if c.type in NO_FALLBACK_PLACE or c.cut:
        # 'وصلت تعزيزات إلى X بعد قصف استهدف Y': each event of a cut clause at its own half's place
        own = [m for m in candidates if clause_lo <= m.start < clause_hi]
        if not own and not c.cut:
            own = [m for m in candidates if locative_after(doc, clause_hi, m)]
        if not own and not c.cut:
            own = _later_locative(doc, c, clause_hi, candidates)
        if not own and not c.cut:
            own = harm_clause_places(doc, c, candidates)
        if not own and not c.cut:
            own = blast_told_first(doc, c, clause_lo, candidates)
        candidates = own if own or not c.cut else candidates
    if candidates:
        best = min(candidates, key=lambda m: place_score(doc, m, c, clause_lo, clause_hi))
        # 'شهدت القاعدة ذاتها ... هبوط طائرة', 'يذكر أن المدينة تشهد احتجاجات ... في دير الزور':
        # the place its clause refers back to
        anaphor = clause_anaphor(doc, c, is_macro_region(best.place),
                                 outside=not clause_lo <= best.start < clause_hi)
        if anaphor is not None:
            return _refined(doc, c, _referred(anaphor)), None
        gp, approx = precision_of(doc, best)
        if best in ends or in_road_name(doc, best):  # "على الطريق العام القامشلي - عامودا": on it
            gp, approx = max(gp, 2), True
        place, cue = site_or_place(doc, best), best.cue or "named in the sentence"
        frame = finer_frame(doc, best, usable)
        if frame is not None:
            place, cue = frame, f"'{best.text}' {PLACED_FOR_UNKNOWN} by the town the text " \
                                f"gives its bearing from ({frame.name_ar}), approximate"
        if place is not best.place:
            cue = f"the {place.kind} of {best.place.name_ar} the text names"
        found = _refined(doc, c, (place, gp, approx, best.text, cue, True))
        if found[0] is not None and is_macro_region(found[0]):
            why = _no_point_in_region(c, best.start, clause_lo, clause_hi)
            if why is not None:
                return (None, None, True, found[3], f"{UNPLACED_CUE}: {why.format(found[3])}", True), best
        return found, best
    return _fallback_place(doc, c, bool(outside)), None


def _no_point_in_region(c: Candidate, start: int, clause_lo: int, clause_hi: int) -> str | None:
    """Why an event placed only at a region of the country (its name at ``start``) has no
    point of it and is kept for review ('{}' stands for the region's words), or None."""
    if c.claim:
        # 'أعلنت الدفاع التركية تحييد 14 إرهابياً شمالي سوريا': an army's tally of its
        # operations over a part of the country, no place to draw
        return "an army's claim over a region of the country ({}), no place of its own"
    if c.type == "agreement":
        # 'اتفاق بين النظام والإدارة الذاتية شمالي سوريا': what a deal covers or who made
        # it, not where it was reached
        return "a deal over or by a region of the country ({}), no place of its own"
    if c.type in _SPREAD_TYPES:
        # 'واصل الجيش الأمريكي تعزيز قواته في مناطق شمال وشرق سوريا', 'عادت المدرعات إلى
        # قواعدها في شمال شرقي سوريا': forces spread over or moving across a part of the
        # country stand at no point of it
        return "forces spread over or moving across a region of the country ({}), no place of its own"
    if not clause_lo <= start < clause_hi:
        # ('رفضهم مرور الأرتال من شرقي الفرات، مبينة أن الرتل تعرّض لإطلاق نار'): another
        # clause's part of the country is no nearer the event than another sentence's
        return "only a region of the country ({}) named in another clause"
    return None


#: Ends of a road further apart than this name no point of it (the M4 from Aleppo to al-Hasakah).
_FAR_ENDS_KM = 100.0
#: Types that spread or move forces over an area: over a region of the country they have no point.
_SPREAD_TYPES = frozenset({"deployment", "convoy", "patrol", "withdrawal"})
#: A clause that only says where: ', في حي X', '، داخل مدينة X', '، شمال مدينة X' (after a comma).
_LOCATIVE_CLAUSE_RE = rx(r"[\s,]*(?:و\s*)?(?:(?:في|ب|داخل|عند|قرب|بالقرب من|علي|وسط)\s*"
                         r"|(?:(?:في|الي)\s*)?(?:ال)?(?:شمال|جنوب|شرق|غرب)ي?\s*(?:(?:ال)?(?:شرق|غرب)ي?\s*)?)"
                         # 'على الطريق العام في منطقة الكرامة': the road, then where it runs
                         r"(?:(?:ال)?طريق(?:\s+(?:ال)?(?:عام|دولي|رئيسي|سريع))?\s+(?:في|ب|قرب)\s*)?"
                         r"(?:(?:ال)?(?:حي|مدينه|بلده|قريه|منطقه|ناحيه|مخيم|محيط|اطراف|ريف|مدينتي|بلدتي"
                         r"|قريتي|مدن|بلدات|قري|احياء|مناطق|مزرعه|مزارع|حاجز|مفرق|دوار|جسر|حقل|سد"
                         r"|باديه)\s*)*")


def locative_after(doc: Doc, clause_end: int, m: Mention) -> bool:
    """Whether ``m`` opens the clause right after the event's, and that clause only says
    where: 'استهدف مجهولون بعبوة ناسفة سيارة لقسد، في حي الفردوس بمدينة الرقة'."""
    if not clause_end <= m.start < clause_end + 80:
        return False
    # a day set off by commas may stand first: '، منتصف ليلة الأمس، في ريف الرقة الشرقي'
    asides = [d for d in doc.dates if clause_end <= d.start and d.end <= m.start]
    start = asides[-1].end if asides and not doc.fspan(clause_end, asides[0].start).strip(" ,") \
        else clause_end
    return start + 40 > m.start and _LOCATIVE_CLAUSE_RE.fullmatch(doc.fspan(start, m.start)) is not None


#: A place told as where: 'في بلدة X', 'ببلدة X' (a preposition and a kind word).
_WHERE_LEAD_RE = rx(r"(?<![^\W\d_])(?:في|ب)\s*(?:ال)?(?:مدينه|بلده|قريه|حي|ناحيه|مخيم)\s+$")


def _later_locative(doc: Doc, c: Candidate, clause_end: int, candidates: list[Mention]) -> list[Mention]:
    """The first place of the sentence after the event's clause told as where ('في بلدة X'),
    when no other event is told between: 'ألقى مسلحون، قنبلة يدوية على منزل الكومين، جزلان
    خضر، في بلدة ذيبان' is in Dhiban, though names and commas stand between."""
    others = [start for start, _end, kind in doc.events.get(c.sentence.index, [])
              if start > c.end and kind != c.type]  # 'دراجة معدة للتفجير' is the same one
    limit = min(others, default=c.sentence.end)
    for m in sorted(candidates, key=lambda x: x.start):
        if clause_end <= m.start < limit and _WHERE_LEAD_RE.search(doc.fspan(max(0, m.start - 14), m.start)):
            return [m]
    return []


def _fallback_place(doc: Doc, c: Candidate, outside: bool) -> PlaceFound:
    """A place for an event its own sentence does not locate: a noun referring back, the
    paragraph, a region of the article (never for :data:`NO_FALLBACK_PLACE` types, nor when
    the clause names a place outside the area)."""
    s = c.sentence
    if outside:
        return None, None, False, "", "", False
    if c.type in NO_FALLBACK_PLACE:
        # only a noun referring back in the event's own clause or right after it: 'تعرضت
        # سيارة لانفجار عبوة ناسفة، وسط المدينة'
        anaphor = anaphoric_place(doc, s, window=(c.clause[0], c.clause[1] + 30))
        if anaphor is None:
            return None, None, False, "", "", False
    else:
        anaphor = anaphoric_place(doc, s) or unknown_district_city(doc, c)
    if anaphor is not None:
        return _unplaced_if_macro(_refined(doc, c, _referred(anaphor)))
    para = paragraph_place(doc, s)
    if para is None and s.lead:
        para = next_paragraph_place(doc, c)
    if para is not None:
        gp, approx = precision_of(doc, para)
        return _unplaced_if_macro(_refined(doc, c, (site_or_place(doc, para), gp, approx,
                                                    para.text, "nearest place named in the paragraph",
                                                    False)))
    region = region_fallback(doc, s)
    told = place_told(doc, s)
    if told is not None and region is not None and is_macro_region(region.place):
        told = None  # a region of the country leaves the event for review
    if told is not None:
        gp, approx = precision_of(doc, told)
        return _refined(doc, c, (site_or_place(doc, told), gp, approx, told.text,
                                 "the place of the sentence before, for a source's account going on",
                                 False))
    if region is None and _IN_THE_COUNTRY_RE.search(s.folded):
        # 'نفذت الولايات المتحدة ضربتين جويتين في سوريا الأحد' then 'وقال الوزير إن الضربات
        # استهدفت منشأة قرب البوكمال': the strikes were where the retelling says
        later = _told_later(doc, c, (None, None, False, "", "", False),
                            lambda m: m.place.kind not in AREA_KINDS)
        if later is not None:
            return later
    if region is not None:
        found = _refined(doc, c, (region.place, 3, True, region.text,
                                  "no place in the sentence; region named in the article", False))
        if _IN_THE_COUNTRY_RE.search(s.folded) and found[0] is region.place:
            # 'اعترضت دورية روسية أخرى أميركية ... في سوريا' in an article set in the north-east:
            # the sentence places the event in the country, the article's region narrows it
            return (region.place, 3, True, region.text,
                    "the sentence says only 'in Syria'; the region the article names", False)
        return _unplaced_if_macro(found)
    return _unknown_place_of_clause(doc, c)


def _unknown_place_of_clause(doc: Doc, c: Candidate) -> PlaceFound:
    """A place the gazetteer lacks, named in the event's clause with its kind word and tied to
    no area ('رشق أهالي قرية فرفرة دورية أمريكية بالحجارة'): the event is kept for review
    at that name, unplaced, never dropped and never put elsewhere."""
    lo, hi = c.sentence.to_original(*c.clause)
    for m in doc.in_sentence(doc.mentions, c.sentence):
        if m.place is None and m.role == "location" and m.kind_word and lo <= m.start < hi:
            return (None, None, True, m.text, f"{UNPLACED_CUE}: '{m.text}' {UNKNOWN_PLACE_NOTE}", True)
    return None, None, False, "", "", False


#: The sentence places its event in the country, no finer: 'في سوريا', 'داخل الأراضي السورية'.
_IN_THE_COUNTRY_RE = rx(r"(?<![^\W\d_])(?:في|داخل|ب)\s*(?:سوريا|سوريه|الاراضي السوريه)(?![^\W\d_])")


def _unplaced_if_macro(found: PlaceFound) -> PlaceFound:
    """No place for an event whose only place is a region of the country borrowed from
    another sentence ('شمال شرق سوريا' named in the lead, for a retold event below): tied to
    it by nothing but the article, its point is 100 km or more from anything. The event is
    kept unplaced with the region's words as ``place_text``, for review (:data:`UNPLACED_CUE`).
    A region the event's own sentence names is still its place (geo precision 3)."""
    place = found[0]
    if place is None or not is_macro_region(place):
        return found
    return (None, None, True, found[3],
            f"{UNPLACED_CUE}: only a region of the country ({found[3]}) named in another "
            "sentence", False)


def site_or_place(doc: Doc, m: Mention) -> Place:
    """The site a text names through its town ('مطار مدينة القامشلي' -> Qamishli airport)
    when the gazetteer has it, else the mention's own place.

    A reader takes 'استهدفت مسيرة مطار مدينة القامشلي' to be about the airport, not the
    town. The site is looked up by its name ('مطار' + the town's name), and only a place
    of the kind the site word says counts.
    """
    place = m.place
    assert place is not None
    if place.kind not in SETTLEMENT_KINDS:
        return place
    lead = _SITE_WORD_RE.search(doc.fspan(max(0, m.start - 30), m.start))
    if lead is None:
        return place
    word, kinds = lead.group(1), _SITE_KINDS[lead.group(1)]
    for name in (m.text, *place.names):
        for site in doc.gazetteer.by_key(arabic_key(f"{word} {name}")):
            if site.kind in kinds and site.in_area:
                return site
    return place


#: How far (km) from its town a countryside ('ريف القامشلي') reaches.
COUNTRYSIDE_KM = 100
#: How many following sentences may tell the same event more precisely.
REFINE_SPAN = 3
_LEAD = r"(?<![^\W\d_])(?:[وفبلك]|لل|بال|وال|فال|وبال|وفي ال|في ال)?(?:ال)?"
#: A sentence that goes on telling the event: a definite noun for it.
_REFERS_BACK_RE = rx(
    _LEAD + r"(?:عمليه|مواجهه|مواجهات|حادثه|حادث|هجوم|اشتباك|اشتباكات|انزال|غاره|غارات|استهداف|قصف"
    r"|اعتراض|تصادم|اصطدام|مداهمه|مداهمات|كمين|تفجير|انفجار|ضربه|ضربات|حمله)(?![^\W\d_])")
#: ... or for the vehicles in it, when the event's own sentence has vehicles too (armour in
#: a following sentence does not locate a shelling told without any).
_VEHICLES_RE = rx(
    _LEAD + r"(?:دوريه|دوريتين|دوريات|قافله|رتل|موكب|مركبه|مركبتين|مركبات|عربه|عربتين|عربات|اليه"
    r"|اليتين|اليات|مدرعه|مدرعتين|مدرعات|شاحنات|مسيره|مروحيه|مروحيات)"
    r"(?![^\W\d_])")


def _referred(anaphor: tuple[Place, str, bool]) -> PlaceFound:
    """The place a noun referring back gives (:mod:`.anaphora`); an area is precision 3."""
    place, mention, approx = anaphor
    gp = 3 if place.kind in AREA_KINDS and not approx else (2 if approx else 1)
    return place, gp, approx, mention, f"'{mention}' refers back to {place.name_ar}", False


def _refined(doc: Doc, c: Candidate, found: tuple) -> tuple:
    """A finer place for an event placed at an area, from the sentences that go on telling it.

    'اعترضت قافلة ... في شمال شرق سوريا.' then 'وحدثت المواجهة في قرية X قرب القامشلي':
    a reader places the event at the village, not the region. Only the next few
    sentences count, only while they tell no event of their own and refer back to this
    one (a definite noun for the event or its vehicles), and only a place that lies
    inside the area first given. A province named by its seat ('اشتباكات ... في دير الزور',
    approximate) is an area too: a town of the province told after it is finer.
    """
    place = found[0]
    seat = place is not None and found[2] and is_seat(place, doc.gazetteer)
    if place is None or (place.kind not in AREA_KINDS and not seat):
        return found
    return _told_later(doc, c, found, lambda m: (
        m.place.governorate == place.governorate and m.place.kind in SETTLEMENT_KINDS and m.place is not place
        if seat else _finer(m.place, place) and _inside(doc, place, m.place, strict=found[5]))) or found


def _told_later(doc: Doc, c: Candidate, found: tuple, fits: Any) -> tuple | None:
    """The place a following sentence telling ``c``'s event again gives it, if ``fits``
    takes it (see :func:`_refined`); None when no such sentence names one."""
    s = c.sentence
    vehicles = bool(_VEHICLES_RE.search(s.folded))
    for t in doc.sentences[s.index + 1:s.index + 1 + REFINE_SPAN]:
        if t.heading:
            continue
        told = [o for o in doc.cands.get(t.index, ()) if not o.anaphoric]
        refers = _refers_back(doc, t)
        if (ELSEWHERE_RE.search(t.folded) or PLAN_RE.search(t.folded) or NATIONWIDE_RE.search(t.folded)
                or (told and not (refers and _same_strike(c, told))) or _another_day(doc, s, t)):
            break  # another event, a plan ('سيشمل قاعدة التنف في مرحلة لاحقة') or a country's tally
        if not (refers or (vehicles and _VEHICLES_RE.search(t.folded))):
            continue
        finer = [m for m in doc.in_sentence(doc.usable, t)
                 if fits(m) and (m.kind_word or ATTACH_RE.search(doc.fspan(max(0, m.start - 14), m.start)))
                 and not ORIGIN_RE.search(doc.fspan(max(0, m.start - 30), m.start))
                 and not reporter_in(doc.fspan(max(0, m.start - 40), m.start))  # the source's town
                 and not is_qualifier(doc, m, doc.in_sentence(doc.usable, t))]
        if finer:
            best = min(finer, key=lambda m: (m.approximate, KIND_RANK.get(m.place.kind, 0), m.start))
            gp, approx = precision_of(doc, best)
            cue = f"told more precisely in a following sentence (first: {found[3] or 'none'})"
            return best.place, gp, approx, best.text, cue, found[5]
    return None


def _refers_back(doc: Doc, t: Sentence) -> bool:
    """Does ``t`` name an event with a noun that may be ``c``'s told again? Not the name of an
    operation ('منذ سيطرة الجيش الوطني على المنطقة خلال عملية “نبع السلام”'): a campaign."""
    for m in _REFERS_BACK_RE.finditer(t.folded):
        if not _NAME_OPENS_RE.match(doc.body, t.to_original(m.end(), m.end())[0]):
            return True
    return False


#: A quote opening right after an event noun: 'عملية “نبع السلام”' names an operation.
_NAME_OPENS_RE = re.compile(r"\s*[«\"“”'‘’]")


def _another_day(doc: Doc, s: Sentence, t: Sentence) -> bool:
    """Does sentence ``t`` date what it tells to a day ``s`` (or, when ``s`` gives none, the
    publication) does not ('ويوم السبت الفائت، أصيب عدد من العناصر' after today's blast)?
    Then it tells another event, however alike."""
    # a day of its own: not a period ('منذ شهرين', 'الشهر الماضي'), not the start of one, not
    # the day a deal was signed ('بموجب الاتفاق التركي الروسي المبرم في 22 أكتوبر')
    theirs = [d for d in doc.in_sentence(doc.dates, t) if d.precision == "day"
              and (d.last - d.first).days <= 1
              and not SINCE_RE.search(doc.fspan(max(t.start, d.start - 8), d.start))
              and not signed_on(doc, d)]
    if not theirs:
        return False
    ours = [(d.first, d.last) for d in doc.in_sentence(doc.dates, s)]
    if not ours:
        if doc.anchor is None:
            return False
        ours = [(doc.anchor, doc.anchor)]
    return not any(d.first <= last and first <= d.last for d in theirs for first, last in ours)


def _finer(place: Place, area: Place) -> bool:
    """A point, or a town's countryside ('الريف الشرقي لمدينة القامشلي') for a region of the
    country: finer than the area an event was first placed at."""
    return place.kind not in AREA_KINDS or (is_macro_region(area) and place.kind == "region"
                                            and bool(place.parent))


def _same_strike(c: Candidate, told: list[Candidate]) -> bool:
    """Whether a following sentence's events are ``c``'s strike told again: 'قصف الجيش
    الأميركي مواقع في شمال شرق سوريا' then 'ودمرت الضربات ثلاث شاحنات جنوبي البوكمال'; and
    fighters scrambled against the strikes ('أرسلت مقاتلات لحماية القوات' then 'مشيراً إلى
    غارات جوية في محيط مدينة الحسكة'): the strikes they met are where they flew."""
    return (c.type in STRIKES or c.type in ("air_incident", "shootdown")) and all(
        o.type in STRIKES for o in told)


def _inside(doc: Doc, area: Place, point: Place, *, strict: bool) -> bool:
    """Whether ``point`` lies in ``area`` as far as the gazetteer tells (governorate, distance).

    ``strict`` when the sentence itself named the area: 'ريف القامشلي' then ends 100 km
    from Qamishli; an area only borrowed from elsewhere in the article is its governorate.
    """
    if area.kind == "country":
        return point.in_area
    if area.governorate:
        if point.governorate != area.governorate:
            return False
        parent = doc.gazetteer.get(area.parent) if area.parent and strict else None
        return parent is None or parent.kind in AREA_KINDS or km_between(parent, point) <= COUNTRYSIDE_KM
    return km_between(area, point) <= 300


def is_actor_word(doc: Doc, m: Mention) -> bool:
    """'تركية' in 'دوريات روسية وتركية', 'واشنطن' as the US: a name inside an actor, not a place;
    and a country a strike was against ('ضربتين جويتين في سوريا ضد إيران'): a side."""
    return bool(doc.overlapping(doc.actors, m.start, m.end)) or (
        m.place is not None and m.place.kind == "country"
        and _AGAINST_RE.search(doc.fspan(max(0, m.start - 8), m.start)) is not None)


#: 'مع دمشق', 'لدمشق', 'بين أنقرة ودمشق': a capital or a city named as a side of a deal.
_PARTY_BEFORE_RE = rx(r"(?:(?<![^\W\d_])(?:مع|بين)\s+|(?<![^\W\d_])[وف]?ل"
                      r"|(?<![^\W\d_])بين\s+[^\s,،]+(?:\s+[^\s,،]+)?\s+و)$")


def _party_to_a_deal(doc: Doc, m: Mention) -> bool:
    """Is ``m`` a capital or a city named without its kind word as a side of an agreement
    ('اتفاقاً مع دمشق', 'بتسليم النفط لدمشق'), the government it stands for?"""
    return (m.place is not None and m.place.kind in ("capital", "city") and not m.kind_word
            and _PARTY_BEFORE_RE.search(doc.fspan(max(0, m.start - 30), m.start)) is not None)


#: 'ضد إيران': what follows is the side struck.
_AGAINST_RE = rx(r"(?<![^\W\d_])ضد\s*$")


def place_score(doc: Doc, m: Mention, c: Candidate, lo: int, hi: int) -> float:
    place = m.place
    assert place is not None
    if place.kind in AREA_KINDS:
        rank = {"region": 3.0, "district": 3.5, "governorate": 4.0, "country": 5.0}[place.kind]
        if place.kind == "region" and place.parent:
            rank = 2.0
        elif is_macro_region(place):
            rank = 20.0  # 'شمال شرق سوريا' after any other place of the sentence
    else:
        rank = 0.0 if (m.geo_precision or 1) == 1 else 0.5
    if m.approximate:
        rank += 1.5
    rank += 0.0 if lo <= m.start < hi else 1.5
    before = doc.fspan(max(0, m.start - 14), m.start)
    crossed = c.type == "convoy" and _crossed_at(doc, m, c)
    named = c.start <= m.start <= c.end + 1  # 'أخلت مطار القامشلي', 'انسحبت من': the trigger's own words
    attached = (m.kind_word or ATTACH_RE.search(before) or LIST_LEAD_RE.search(before) or crossed
                or named or fold_letters(m.text).startswith(_SETTLEMENT_WORDS))  # a name with its kind word
    rank += 0.0 if attached else 2.5
    rank += _movement_end(doc, m, c)
    if (c.type not in _MOVES and not lo <= m.start < hi
            and _TOWARDS_RE.search(doc.fspan(max(0, m.start - 30), m.start))):
        rank += 1.0  # 'نقل قوة إلى مدينة X، للإشراف على المعارك في Y': where a move went
    if c.type not in _MOVES and _HEADING_RE.search(doc.fspan(max(0, m.start - 40), m.start)):
        rank += 3.0  # 'وتتجه إلى مدينة منبج، وسط قصف': where a force is bound, not yet a battlefield
    if ORIGIN_RE.search(doc.fspan(max(0, m.start - 30), m.start)) or (
            c.type not in _GATHERINGS and PEOPLE_FROM_RE.search(doc.fspan(max(0, m.start - 60), m.start))):
        rank += 2.0  # where they came from, not where it happened (a protest's people are there)
    if reporter_in(doc.fspan(max(0, m.start - 40), m.start)):
        rank += 3.0  # 'وفق ما أكدت مراسلة "الطريق" في الحسكة': where the reporter is
    if crossed:
        rank -= 0.5  # a convoy is reported where it crossed, not where it was heading
    if served_by_force(doc, m):
        rank += 2.0  # 'ضبطت قوى الأمن الداخلي في دير الزور مستودعاً ...': the force's province
    if passing_at(doc, m):
        rank -= 0.3  # 'رئيس كومين بلدة X ... أثناء مروره بالطريق العام ببلدة Y': where he was hit
    if _ONE_OF_THEM_RE.search(doc.fspan(max(0, m.start - 30), m.start)):
        rank -= 2.0  # 'بناء قاعدتين بدير الزور؛ إحداها في بلدة الصور': where each one is
    return rank + abs(m.start - c.start) / 1000


#: The first of the things an event made, told by where it is: 'ببناء قاعدتين بدير الزور؛
#: إحداها في بلدة الصور، والثانية في ...', 'شنت غارتين، إحداهما على قرية X': finer than the
#: province the sentence named for them all.
_ONE_OF_THEM_RE = rx(r"(?<![^\W\d_])(?:احدا(?:ها|هما|هن)|اولاها|اولاهما)\s+(?:في|ب|علي|قرب)\s*"
                     r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|حي)\s+)?$")


_SETTLEMENT_WORDS = ("قريه ", "بلده ", "مدينه ", *(f"{w} " for w in DUAL_KIND_WORDS.values()))
#: Types that move forces: placed where they arrived or left, never at a target struck.
_MOVES = frozenset({"deployment", "convoy", "withdrawal", "patrol"})
#: Events of people where they live: residents protesting or blocking are at their own village.
_GATHERINGS = frozenset({"protest", "patrol_obstruction", "blockade", "confrontation", "riot"})
#: 'إلى X', 'باتجاه X', 'نحو X': where a move went.
_TOWARDS_RE = rx(r"(?<![^\W\d_])(?:الي|باتجاه|نحو|صوب|تجاه)\s+"
                 r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|قاعده|مطار|حقل)\s+)?$")
#: Where a force is bound and has not reached: 'تتجه إلى مدينة منبج', 'تقترب من'. Present
#: tense: the move goes on, the town is still ahead.
_HEADING_RE = rx(r"(?<![^\W\d_])[وف]?(?:(?:تتجه|يتجه|يتجهون|تتقدم|يتقدم|يتقدمون|تزحف|يزحف)\s+"
                 r"(?:الي|نحو|باتجاه|صوب)|(?:تقترب|يقترب|يقتربون)\s+من)"
                 r"\s+(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه)\s+)?$")
#: A purpose clause after a move: 'تمهيداً لهجوم', 'استعداداً ل', 'بهدف', 'لطرد'.
_PURPOSE_RE = rx(r"(?<![^\W\d_])(?:تمهيدا|استعدادا|تحضيرا|بهدف|لاخراج|لطرد|لشن|لمهاجمه|لاقتحام)"
                 r"(?![^\W\d_])")
#: Events whose object is a place struck (taking a town is not: forces move there).
STRIKES = frozenset({"airstrike", "shelling", "attack", "explosion", "armed_clash", "raid",
                      "assassination"})
#: How far after a hostile verb or noun its object (the place it hit) may begin.
_TARGET_REACH = 40


def _movement_end(doc: Doc, m: Mention, c: Candidate) -> float:
    """The cost of ``m`` as the place of a move.

    A withdrawal happens where it left: 'أخلت القوات الروسية مطار القامشلي ونقلت معداتها
    إلى حميميم' is at the airport, so where it went costs. A move is never placed at the
    target of an attack its sentence mentions ('وصلت تعزيزات إلى حقل العمر عقب هجوم
    استهدف قاعدة التنف'): that is another event's place.
    """
    if c.type not in _MOVES:
        return 0.0
    cost = 0.0
    if c.type == "withdrawal" and _TOWARDS_RE.search(doc.fspan(max(0, m.start - 30), m.start)):
        cost += 2.0
    if c.end <= m.start and _PURPOSE_RE.search(doc.fspan(c.end, m.start)):
        # 'وصلت تعزيزات إلى الريف الشرقي لدير الزور تمهيداً لهجوم ... من بلدة هجين': the
        # place of the purpose is not where the forces are
        cost += 3.0
    for lo, hi, kind in doc.events.get(c.sentence.index, ()):
        if kind in STRIKES and hi <= m.start < hi + _TARGET_REACH and not lo <= c.start < hi:
            return cost + 3.0
    return cost


def _crossed_at(doc: Doc, m: Mention, c: Candidate) -> bool:
    """Whether ``m`` is a border crossing the convoy of ``c`` passes: 'دخل رتل عبر معبر
    الوليد إلى الحسكة', 'عبرت شاحنات معبر الوليد باتجاه قواعدها'."""
    if m.place is None or m.place.kind != "border_crossing":
        return False
    before = doc.fspan(max(0, m.start - 14), m.start)
    word = fold_letters(c.word).lstrip("وف")
    # 'دخل رتل من معبر سيمالكا إلى قاعدة الشدادي': entering the country is the news
    return bool(_VIA_RE.search(before) or _VIA_RE.match(word)
                or (_ENTER_RE.match(word) and _FROM_RE.search(before)))


def precision_of(doc: Doc, m: Mention) -> tuple[int, bool]:
    gp = m.geo_precision or 1
    place = m.place
    approx = m.approximate or (place is not None and place.kind in AREA_KINDS) or seat_named_bare(doc, m)
    if gp == 1 and place is not None and place.kind not in AREA_KINDS:
        before = doc.fspan(max(0, m.start - 60), m.start)
        sentence_start = max(before.rfind("."), before.rfind("\n"))
        near_re = _NEAR_CUE_RE
        if place.kind in ("oilfield", "gasfield") and _FIELD_WORD_RE.search(before):
            before, near_re = _FIELD_WORD_RE.sub("", before), _NEAR_RE  # 'حقل كونيكو': its kind
        if near_re.search(before[sentence_start + 1:]):
            gp = 2
    return gp, approx

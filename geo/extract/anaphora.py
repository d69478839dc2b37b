"""Nouns that refer back to a place named before: 'القرية', 'المدينة', 'في المنطقة'.

Why a module: a reader resolves 'اقتحمت القوات القرية' to the village the text named last
(by the kind the text gave it, else the gazetteer's), and 'وصلت مروحيات إلى أجواء
المنطقة' to the last point told before; both the incident's place (:mod:`.places`) and
the bases a force is said to hold (:mod:`.bases`) read them the same way.
"""

from __future__ import annotations

import re
from typing import Any

from gazetteer.model import Place, km_between
from gazetteer.normalize import split_cue

from ..relate import AREA_KINDS
from .document import Doc
from .folding import rx
from .place_cues import ORIGIN_RE, in_road_name
from .qualifiers import is_qualifier
from .sentences import Sentence

__all__ = ["ANAPHORIC_PLACE_RE", "ANAPHOR_KINDS", "anaphoric_place", "clause_anaphor",
           "province_countryside", "same_place_window", "unknown_district_city"]

#: A noun referring back to a place named before ('القاعدة', 'المدينة'); group 1 is the noun.
ANAPHORIC_PLACE_RE = rx(r"(?<![^\W\d_])[وفبلك]?(?:ال|ل)(قاعده|مطار|مدينه|بلده|قريه|حقل|فوج|معبر|سد"
                        r"|مخيم|منطقه|مدينتين|بلدتين|قريتين)(?![^\W\d_])")
#: 'القاعدة ذاتها', 'البلدة نفسها', 'ذات المنطقة', 'نفس القرية': a place named before, said to be
#: the very one; no region of the country in the same clause is nearer the event than it.
_SAME_PLACE_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:ال|ل)(?:قاعده|مطار|مدينه|بلده|قريه|حقل|معبر|سد|مخيم|منطقه)"
                    r"\s+(?:ذاتها|ذاته|نفسها|نفسه|عينها)(?![^\W\d_])"
                    r"|(?<![^\W\d_])[وفبل]?(?:ذات|نفس)\s+(?:ال)?(?:قاعده|مطار|مدينه|بلده|قريه|حقل|معبر|سد"
                    r"|مخيم|منطقه)(?![^\W\d_])")
#: The kind word a text puts before a name -> the kinds a noun referring back may mean by it.
_KIND_WORD_KINDS = {
    "city": {"city", "capital", "town"}, "town": {"town"}, "village": {"village"},
    "airport": {"airport"}, "base": {"base"}, "oilfield": {"oilfield", "gasfield"},
    "gasfield": {"gasfield", "oilfield"}, "border_crossing": {"border_crossing"}, "dam": {"dam"},
    "camp": {"camp"},
}
#: Noun referring back -> the kinds of place it may mean.
ANAPHOR_KINDS = {
    "قاعده": {"base"}, "مطار": {"airport"}, "مدينه": {"city", "capital"}, "بلده": {"town"},
    "قريه": {"village"}, "حقل": {"oilfield", "gasfield"}, "فوج": {"base"},
    "معبر": {"border_crossing"}, "سد": {"dam"}, "مخيم": {"camp"}, "منطقه": set(),
    # 'للسيطرة على المدينتين' after 'مدينتي العشارة والقورية': the pair named before, at
    # the last of the two the gazetteer knows
    "مدينتين": {"city", "capital"}, "بلدتين": {"town"}, "قريتين": {"village"},
}


def anaphoric_place(doc: Doc, s: Sentence, window: tuple[int, int] | None = None
                     ) -> tuple[Place, str, bool] | None:
    """(place, the noun, approximate) that a noun such as 'القرية' refers back to.

    The kind the text gave a name ('بلدة تل براك') beats the gazetteer's kind, and a
    village the gazetteer lacks ('قرية "X" بريف القامشلي') is found by its kind word
    and stands at its area, approximate. A place named as an origin ('من جهة بلدة X')
    is not what 'القرية' means while another fits.
    """
    province = province_countryside(doc, s, window)
    if province is not None:
        return province
    for m in ANAPHORIC_PLACE_RE.finditer(s.folded, *(window or ())):
        kinds = ANAPHOR_KINDS[m.group(1)]
        start, _ = s.to_original(m.start(), m.end())
        if not kinds:
            area = _the_area(doc, s, m, start)
            if area is not None:
                return area
            continue
        earlier = doc.ending_before(doc.usable, start, 2500)
        # an origin, then a place named only to say where the one before it lies ('بمدينة
        # البصيرة شرقي دير الزور' then 'في المدينة': al-Busayrah), come last
        earlier.sort(key=lambda x: (not ORIGIN_RE.search(doc.fspan(max(0, x.start - 30), x.start)),
                                    not is_qualifier(doc, x, doc.ending_before(doc.usable, x.start, 40)),
                                    x.start))
        for mention in reversed(earlier):
            place = mention.place
            assert place is not None
            # a kind word inside the alias found ('مدينة السخنة', one alias of a town): a city
            # to the text, whatever the gazetteer calls it
            kind_word = mention.kind_word or split_cue(mention.text)[0]
            if kind_word in _KIND_WORD_KINDS:
                if _KIND_WORD_KINDS[kind_word] & kinds:
                    return place, m.group(0), mention.approximate
                continue
            if place.kind in kinds:
                return place, m.group(0), False
            if "city" in kinds and place.parent and place.kind not in AREA_KINDS:
                # a town's city ('بالمدينة' after a suburb), never a countryside's: 'بريف الرقة'
                # then 'بالمدينة' is the city named before it, not Raqqa; nor a town's far
                # district city ('مشفى تل أبيض وسط المدينة' is Tell Abyad's centre, not Raqqa's,
                # 83 km away)
                parent = doc.gazetteer.get(place.parent)
                if parent is not None and parent.kind in kinds and km_between(place, parent) <= _SUBURB_KM:
                    return parent, m.group(0), False
        if m.group(1) in _SITE_NOUNS and (told := _where_first_told(doc, m.group(1), start)) is not None:
            return told, m.group(0), True
    return None


#: How far a town may lie from its city to be one of its suburbs (the city 'المدينة' means).
_SUBURB_KM = 20.0
#: Nouns of a site the gazetteer may not know by name ('القاعدة الأمريكية في حقول الجبسة').
_SITE_NOUNS = frozenset({"قاعده", "مطار", "حقل", "معبر", "مخيم", "فوج"})
#: How far after a site's noun the place it stands at is named ('القاعدة الأمريكية اللاشرعية في').
_SITE_REACH = 120


def _where_first_told(doc: Doc, noun: str, before: int) -> Place | None:
    """The place named with the first telling of a site no name of its kind was found for.

    'هجوم صاروخي استهدف القاعدة الأمريكية اللاشرعية في حقول (نفط الجبسة) بمدينة الشدادي'
    then 'القاعدة ... تعرضت في التاسع من الشهر الحالي للقصف': the base is the one told at
    al-Shaddadi, approximately (the gazetteer has no row for it); not the governorate the
    article names. The place must follow the noun in its own sentence; an area does not count.
    """
    for t in doc.sentences:
        if t.start >= before:
            return None
        for m in ANAPHORIC_PLACE_RE.finditer(t.folded):
            if m.group(1) != noun:
                continue
            _, hi = t.to_original(m.start(), m.end())
            if hi >= before:
                return None
            after = doc.starting_in(doc.usable, hi, min(t.end, hi + _SITE_REACH))
            places = [x.place for x in after if x.place is not None and x.place.kind not in AREA_KINDS]
            if places:
                return places[0]
    return None


#: 'في المنطقة', 'إلى المنطقة', 'أجواء المنطقة': the area of the place told just before.
_THE_AREA_RE = rx(r"(?<![^\W\d_])(?:في|الي|داخل|اجواء|سماء|نحو|باتجاه)\s+$")


#: 'بريف المحافظة الشرقي': the countryside of the governorate the article is about.
_PROVINCE_COUNTRYSIDE_RE = rx(r"(?<![^\W\d_])[وفب]?(?:ب|في\s+)?(?:ال)?ريف\s+(?:ال)?محافظه(?![^\W\d_])")


def same_place_window(s: Sentence, clause: tuple[int, int]) -> tuple[int, int] | None:
    """The span (folded, of ``s``) where the clause says its place is one named before:
    'إذ شهدت القاعدة ذاتها، بتاريخ 14 تموز، هبوط طائرة' (the subject a few words before the
    clause that holds the verb), or None."""
    lo = max(0, clause[0] - _SAME_PLACE_BEFORE)
    m = _SAME_PLACE_RE.search(s.folded, lo, clause[1])
    return (m.start(), clause[1]) if m is not None else None


#: How far before an event's clause its subject may name 'the same place' (about six words).
_SAME_PLACE_BEFORE = 60


def clause_anaphor(doc: Doc, c: Any, macro: bool, *, outside: bool) -> tuple[Place, str, bool] | None:
    """(place, the noun, approximate) that the event's own clause refers back to, when it
    beats the place chosen for ``c`` (``macro``: a region of the country; ``outside``: named
    outside the event's clause).

    'شهدت القاعدة ذاتها ... هبوط طائرة في شمال شرق سوريا': the base named before, not the
    region. 'يذكر أن المدينة تشهد موجة احتجاجات ... ضد زجهم في المعارك في دير الزور': the
    city the clause's subject refers back to, not a place another clause names. Outside a
    region, only a noun before the event's word counts ('قصف على القرية' after it may be the
    kind word of a name), and never 'المنطقة', too loose to beat a name.
    """
    same = same_place_window(c.sentence, c.clause) if macro else None
    if not (same or outside):
        return None
    s = c.sentence
    window = same or (c.clause if macro else (c.clause[0], s.folded_offset(c.start)))
    anaphor = anaphoric_place(doc, s, window=window)
    if anaphor is None or not (same or macro) and "منطقه" in anaphor[1]:
        return None
    return anaphor


def unknown_district_city(doc: Doc, c: Any) -> tuple[Place, str, bool] | None:
    """The city of a district the gazetteer lacks ('أن التحالف ضرب حي القصور فقتل 14 مدنياً' in an
    article about Deir ez-Zor city): the city named last before it, approximate. A district lies
    in a city; the region the article names is no nearer it."""
    lo, hi = c.sentence.to_original(*c.clause)
    for m in doc.in_sentence(doc.mentions, c.sentence):
        if m.place is None and m.kind_word == "neighbourhood" and lo <= m.start < hi:
            cities = [x for x in doc.ending_before(doc.usable, m.start, 2500)
                      if x.place.kind in ("city", "capital")]
            return (cities[-1].place, m.text, True) if cities else None
    return None


def province_countryside(doc: Doc, s: Sentence, window: tuple[int, int] | None = None
                         ) -> tuple[Place, str, bool] | None:
    """The countryside 'بريف المحافظة' means: that of the governorate of the last place named
    before it ('انفجار لغم في قرية الحمر بريف المحافظة الشرقي' after a lead set in Hasakah's
    countryside is Hasakah's countryside). Where the gazetteer has no countryside for it,
    the governorate itself."""
    m = _PROVINCE_COUNTRYSIDE_RE.search(s.folded, *(window or ()))
    if m is None:
        return None
    start, end = s.to_original(m.start(), m.end())
    said = doc.body[start:end].strip()
    earlier = doc.ending_before(doc.usable, start, 2500) or [
        x for x in doc.ending_before(doc.mentions, start, 2500) if x.place is not None]
    for mention in reversed(earlier):
        gov = mention.place.governorate
        if not gov:
            continue
        area = doc.gazetteer.countryside_of.get(gov) or doc.gazetteer.governorate_places.get(gov)
        if area is not None:
            return area, said, False
    return None


def _the_area(doc: Doc, s: Sentence, m: re.Match[str], start: int) -> tuple[Place, str, bool] | None:
    """The place 'وصلت مروحيات إلى أجواء المنطقة' means: the last point named before it
    (not an origin), approximate. 'المنطقة' with no such word ('دول المنطقة') means none."""
    if not _THE_AREA_RE.search(s.folded[max(0, m.start() - 12):m.start()]):
        return None
    earlier = [x for x in doc.ending_before(doc.usable, start, 2500)
               if x.place.kind not in AREA_KINDS
               and not ORIGIN_RE.search(doc.fspan(max(0, x.start - 60), x.start))
               and not in_road_name(doc, x)]
    return (earlier[-1].place, m.group(0), True) if earlier else None

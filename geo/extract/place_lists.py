"""The several places one sentence tells an event at: lists and clauses told again.

Why a module: :mod:`geo.extract.places` chooses one place per event; a reader also maps
the other places a sentence coordinates with it ('في كوباني وعين عيسى والقامشلي'), the
clauses that tell the same action again ('كما استهدفت ... في الدرباسية'), a countryside
list ('بريف تل تمر والدرباسية': each town's countryside) and the dead or wounded told at
another place ('بينما قُتل موظف في بلدة أبو خشب'). Those list rules live here, one
incident per place (:func:`places_for`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from gazetteer.model import Mention

from ..relate import is_macro_region, is_seat, place_relation
from .document import Doc
from .folding import fold_letters, rx
from .own_places import FRONTED_RE
from .places import (
    AREA_KINDS,
    ATTACH_RE,
    ELSEWHERE_RE,
    LIST_LEAD_RE,
    ORIGIN_RE,
    SETTLEMENT_KINDS,
    STRIKES,
    UNPLACED_CUE,
    PlaceFound,
    is_actor_word,
    locative_after,
    place_and_mention,
    place_score,
    precision_of,
    site_or_place,
)
from .qualifiers import is_qualifier
from .sentences import Sentence, clause_of
from .triggers import Candidate

__all__ = ["SPLIT_TYPES", "places_for"]

#: Types whose one sentence may report the same action at several places, one incident each
#: (a patrol or convoy through several places is one event with a route, not several).
SPLIT_TYPES = frozenset({"airstrike", "shootdown", "shelling", "explosion", "attack", "armed_clash", "raid",
                         "arrest", "protest", "capture", "assassination", "deployment",
                         "withdrawal"})
#: What may stand between two places of one list: 'و', a comma, a repeated preposition or kind,
#: 'وأخرى في' (another strike at ...), 'ومناطق أخرى في', 'وقرى في محيط مدينة' (around the next),
#: 'بالإضافة إلى' ('ضمن مدينة دير الزور نفسها، بالإضافة إلى مدينتي البوكمال والميادين').
_AND_RE = rx(r"[\s)]*(?:(?:نفس|ذات)(?:ها|ه)\s*)?,?\s*(?:و\s*|و?(?:بالاضافه|اضافه)\s+(?:الي\s+|ل\s*))?"
             r"(?:(?:ال)?(?:محيط|اطراف|ضواحي)\s+)?"
             r"(?:(?:ال)?(?:مناطق|قري|مواقع|بلدات|احياء|نقاط)\s+(?:(?=اخر)"
             r"|(?:(?:في|ب)\s*)?(?:محيط|اطراف|ريف)\s+))?"
             r"(?:(?:اخري|اخر|ثانيه|ثالثه)\s+)?(?:(?:في|ب|علي|الي)\s*)?"
             r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|ناحيه|حي|مخيم|مطار|قاعده|معبر|حقل|سد|مدينتي|بلدتي|قريتي)\s+)?")
#: 'وأخرى بالقرب من', 'وقرب': the next place of a list, near which (never without 'و': 'في
#: قرية X، قرب Y' names the town the village is near, no second place).
_NEAR_AND_RE = rx(r"[\s)]*,?\s*و\s*(?:(?:اخري|اخر|ثانيه)\s+)?(?:بالقرب من|قرب)\s+"
                  r"(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|قاعده)\s+)?")
#: A list named as a side's area or a road's ends, not as places the event hit.
_NOT_HIT_LIST_RE = rx(r"(?:مناطق|منطقه) (?:سيطره|نفوذ|انتشار|تواجد|وجود)|(?:الخاضع|الواقع)\S* (?:ل|تحت )"
                      r"?سيطره|تسيطر عليها|(?<![^\W\d_])بين\s+(?:\S+\s+)?$|طريق\S*\s+(?:\S+\s+)?$"
                      r"|(?<![^\W\d_])(?<!كل )(?<!بالقرب )(?<!مقربه )(?<!قريبا )من\s+(?:\S+\s+)?$")


#: Places that stand inside a countryside: a city is no part of another town's countryside.
_IN_A_COUNTRYSIDE = frozenset({"village", "town", "neighbourhood", "camp"})


def places_for(doc: Doc, c: Candidate) -> list[PlaceFound]:
    """Every place the event of ``c`` happened at: the one of :func:`place_for`, then the
    others its clause coordinates with it (see :func:`_coordinated`); one incident each.

    'استهدفت مسيرات تركية محطات الكهرباء في كوباني وعين عيسى والقامشلي': a reader maps
    three strikes, not one at the first town. Only for :data:`SPLIT_TYPES`, a told (not
    referred-to, not present-tense) event, and places of its own sentence. A move that
    crossed the border is also at the crossing it used (:func:`_crossing_used`).
    """
    out = _event_places(doc, c)
    if c.type in _CROSSING_MOVES and not c.anaphoric and out[0][0] is not None:
        crossing = _crossing_used(doc, c, {f[0].id for f in out if f[0] is not None})
        if crossing is not None:
            out.append(crossing)
    elif c.type in _CROSSING_MOVES and not c.anaphoric and out[0][4].startswith(UNPLACED_CUE):
        # 'استقدم التحالف تعزيزات إلى مناطق شمال وشرق سوريا، قادمة من معبر الوليد': bound for a
        # region of the country, no point of it, but it entered by a crossing, a point
        crossing = _crossing_used(doc, c, set())
        if crossing is not None:
            return [crossing]
    return out


def _event_places(doc: Doc, c: Candidate) -> list[PlaceFound]:
    """:func:`places_for` without the crossing a move used."""
    found, best = place_and_mention(doc, c)
    # a present-tense verb may tell a habit, unless its sentence dates it ('منذ ليلة أمس
    # والمدفعية التركية تستهدف مناطق كوباني ومناطق أخرى في عامودا والدرباسية')
    habit = c.form == "present" and not doc.in_sentence(doc.dates, c.sentence)
    if c.type in _SPLITTING_MOVES and not c.anaphoric and found[0] is not None:
        parts = _split_destinations(doc, c, {found[0].id})
        if parts:
            return [found, *parts]
    covers = c.anaphoric and _COVERED_RE.match(doc.fspan(c.end, c.end + 30)) is not None
    if best is None or found[0] is None or habit or (c.anaphoric and not covers):
        return [found]
    if c.type not in SPLIT_TYPES:
        # a column is one move along its way, but one that left or reached two bases named
        # together ('غادرت قافلة قاعدتي حقلي العمر وكونيكو') was at each of them
        return [found, *_sites_named_together(doc, c, best, found)] if c.type == "convoy" else [found]
    if found[0].id != site_or_place(doc, best).id:  # refined from a following sentence
        return [found]
    out = [found]
    seen = {found[0].id}
    countryside = best.place.kind == "region" and bool(best.place.parent) and (
        "ريف" in best.text or _RIF_BEFORE_RE.search(doc.fspan(max(0, best.start - 8), best.start)))
    if best.place.kind in SETTLEMENT_KINDS and _DUAL_RIF_RE.search(
            doc.fspan(max(0, best.start - 8), best.start)):
        # 'إلى ريفي الرقة والحسكة': the countrysides of the two towns, the first's too
        rif = doc.gazetteer.countryside_of.get(found[0].id)
        if rif is not None:
            out[0] = found = (rif, 2, True, *found[3:])
        countryside = True
    for m in [*_coordinated(doc, c, best), *_told_again(doc, c), *_among_them(doc, c, best),
              *_hurt_elsewhere(doc, c)]:
        place = site_or_place(doc, m)
        gp, approx = precision_of(doc, m)
        if countryside and m.place.kind in SETTLEMENT_KINDS and _after_in_list(best, m):
            # 'بريف تل تمر والدرباسية': the countryside of each town of the list
            place, gp, approx = doc.gazetteer.countryside_of.get(place.id, place), 2, True
        if place.id in seen or is_macro_region(place):
            continue
        if (place.kind in AREA_KINDS and found[0].kind in _IN_A_COUNTRYSIDE
                and place_relation(place, found[0]) in ("same", "contains")):
            # 'عملية أمنية في ريف دير الزور الغربي، حيث داهمت منزلاً في بلدة محيميدة': the
            # area that holds the event's own town is where it was, not another place hit
            continue
        seen.add(place.id)
        if place.kind in AREA_KINDS and not approx:
            gp, approx = 3, True
        out.append((place, gp, approx, m.text, "one of several places the sentence names for it",
                    True))
    if _over_provinces(out):
        # 'نفذت القوات سلسلة عمليات أمنية شملت عمليات في الرقة ودير الزور والحسكة': a campaign
        # over provinces named by their seats, no point of its own; kept for review
        said = "، ".join(f[3] for f in out)
        return [(None, None, True, said, f"{UNPLACED_CUE}: told over provinces ({said}), no place "
                 "of its own", True)]
    return out


#: How many provinces, each named only by its seat, countryside or governorate, make a
#: sentence's event a campaign over them rather than events at points.
_PROVINCES_SPANNED = 3


def _over_provinces(out: list[PlaceFound]) -> bool:
    """Is every place of ``out`` a province's (its seat named bare, its countryside, the
    governorate itself), across at least :data:`_PROVINCES_SPANNED` governorates?"""
    def of_a_province(place: Any, approx: bool) -> bool:
        return place is not None and (place.kind == "governorate" or approx and is_seat(place)
                                      or place.kind == "region" and place.parent == place.governorate)
    return (len(out) >= _PROVINCES_SPANNED and all(of_a_province(f[0], f[2]) for f in out)
            and len({f[0].governorate for f in out}) >= _PROVINCES_SPANNED)


#: Moves that enter or leave the country by a crossing, a place of their own.
_CROSSING_MOVES = frozenset({"convoy", "deployment", "withdrawal"})
#: 'عبر معبر الوليد', 'من معبر سيمالكا', 'دخل من معبر ...': the crossing a move used.
_BY_CROSSING_RE = rx(r"(?<![^\W\d_])(?:عبر|من|الي)\s+(?:ال)?$")


def _crossing_used(doc: Doc, c: Candidate, placed: set[str]) -> PlaceFound | None:
    """The border crossing a convoy used, when its sentence places it elsewhere too
    ('وصلت قافلة مدينة القامشلي، قادمة من إقليم كردستان عبر معبر الوليد'): a reader maps
    where it entered the country as well as where it arrived."""
    for m in doc.in_sentence(doc.usable, c.sentence):
        if (m.place.kind == "border_crossing" and m.place.id not in placed and m.place.in_area
                and _BY_CROSSING_RE.search(doc.fspan(max(0, m.start - 12), m.start))):
            gp, approx = precision_of(doc, m)
            return (m.place, gp, approx, m.text, "the border crossing it used", True)
    return None


#: What a campaign told before covered: 'الحملة شملت مدن الشحيل والبصيرة ...': the event
#: referred to, and the places it reached, each a place of it.
_COVERED_RE = rx(r"\s*(?:(?:الامنيه|العسكريه|الامني|العسكري)\s+)?(?:قد\s+)?[وف]?"
                 r"(?:شملت|شمل|تشمل|يشمل|طالت|طال|امتدت|امتد)(?![^\W\d_])")


#: Moves whose column may split on its way, each part to a destination of its own.
_SPLITTING_MOVES = frozenset({"convoy", "deployment"})
#: 'انقسم إلى عدة أرتال توزعت باتجاه ...', 'تفرقت', 'توزعت على': the column split up.
_SPLIT_UP_RE = rx(r"(?<![^\W\d_])[وف]?(?:انقسم|انقسمت|توزع|توزعت|تفرق|تفرقت|تقسم|تقسمت)(?![^\W\d_])")
#: Where a part went: 'باتجاه', 'إلى', 'نحو', 'توزعت على', a few words before the place.
_PART_TOWARDS_RE = rx(r"(?<![^\W\d_])(?:الي|باتجاه|نحو|صوب|علي)(?:\s+\S+){0,7}\s*$")
#: A column sent to several bases ('اتجهت نحو قواعد التحالف في رميلان والشدادي وتل بيدر'):
#: each base named is where a part of it went, as when it split.
_TO_BASES_RE = rx(r"(?<![^\W\d_])(?:الي|نحو|باتجاه|علي)\s+(?:ال)?قواعد(?![^\W\d_])")


def _split_destinations(doc: Doc, c: Candidate, seen: set[str]) -> list[PlaceFound]:
    """The destinations of the parts a convoy split into, told after it in its sentence
    ('انقسم إلى عدة أرتال توزعت باتجاه قواعد التحالف في بلدة رميلان، وقسم اتجه إلى مدينة
    الحسكة، بينما اتجه قسم آخر إلى منطقة الشدادي'), or of a column sent to several bases
    ('توزعت على قواعده في رميلان والشدادي', 'اتجهت نحو قواعد التحالف في رميلان والشدادي'): one
    movement at each, as a reader maps them. A column that goes through several places
    without splitting is one move."""
    s = c.sentence
    split = _SPLIT_UP_RE.search(s.folded, _fpos(s, c.end))
    at = split.end() if split is not None else None
    if split is None and (bases := _TO_BASES_RE.search(s.folded, _fpos(s, c.end))) is not None:
        at = bases.start()  # (the word 'towards' is the base list's own)
    if at is None:
        return []
    lo = s.to_original(at, at)[0]
    usable = doc.in_sentence(doc.usable, s)
    out: list[PlaceFound] = []
    for m in usable:
        if m.start < lo or is_qualifier(doc, m, usable) or is_actor_word(doc, m):
            continue
        if not _PART_TOWARDS_RE.search(doc.fspan(max(lo, m.start - 40), m.start)):
            continue
        place = site_or_place(doc, m)
        if place.id in seen or is_macro_region(place) or (split is None and place.kind in AREA_KINDS):
            continue  # ('إلى القواعد الأمريكية في محافظة الحسكة': where the bases are, no base)
        seen.add(place.id)
        gp, approx = precision_of(doc, m)
        out.append((place, gp, approx, m.text, "where one part of the split column went", True))
    return out


#: Two or more bases or fields named together: 'قاعدتي العمر وكونيكو', 'حقلي كونيكو والعمر',
#: 'القواعد الأمريكية في حقلي'.
_SITES_TOGETHER_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:ال)?(?:قاعدتي|حقلي|مطاري|قواعد|حقول)(?![^\W\d_])"
                        r"(?:\s+\S+){0,3}?\s*$")
#: The kinds of place a base or field word names.
_SITE_PLACE_KINDS = frozenset({"base", "airport", "oilfield", "gasfield"})


def _sites_named_together(doc: Doc, c: Candidate, best: Mention, found: PlaceFound) -> list[PlaceFound]:
    """The other sites of a list of bases or fields named together with ``best``."""
    # the raw text: the fold makes a dual singular; the word may open the name found ('من
    # قاعدتي العمر وكونيكو')
    before = fold_letters(f"{doc.body[max(0, best.start - 30):best.start]} {best.text.split(' ', 1)[0]}")
    if best.place.kind not in _SITE_PLACE_KINDS or not _SITES_TOGETHER_RE.search(before):
        return []
    out = []
    for m in _coordinated(doc, c, best, sites=True):
        if m.place.kind in _SITE_PLACE_KINDS and m.place.id != found[0].id \
                and all(f[0].id != m.place.id for f in out):
            gp, approx = precision_of(doc, m)
            out.append((site_or_place(doc, m), gp, approx, m.text,
                        "one of several sites the sentence names for it", True))
    return out


def _coordinated(doc: Doc, c: Candidate, best: Mention, sites: bool = False) -> list[Mention]:
    """The other places of the list ``best`` stands in: 'في كوباني وعين عيسى والقامشلي'.

    A list is places joined by 'و' (commas inside it, 'في A، B وC'), led by a location
    preposition or a plural kind word ('قرى'), starting in the trigger's clause. Not a
    list named as an origin ('انطلقت من'), a road's ends ('بين A وB'), a side's area
    ('مناطق سيطرة قسد في A وB'); a qualifier ('القامشلي شمالي الحسكة') is no member.
    """
    s = c.sentence
    clause_lo, clause_hi = s.to_original(*c.clause)
    in_s = doc.in_sentence(doc.usable, s)
    quals = [m for m in in_s if is_qualifier(doc, m, in_s)]
    pool = [m for m in in_s if m not in quals and not is_actor_word(doc, m)]
    if best not in pool:
        return []
    # the same place named again in a list of the sentence ('منشأة قرب مدينة البوكمال، ومخبأ
    # قرب مدينتي البوكمال والميادين'): that list is the event's places too
    out: list[Mention] = []
    for k, again in enumerate(pool):
        if again is best or (again.start > best.start and again.place.id == best.place.id):
            out += [m for m in _list_of(doc, c, pool, quals, k, clause_lo, clause_hi, sites)
                    if m is not best and m not in out]
    return out


def _list_of(doc: Doc, c: Candidate, pool: list[Mention], quals: list[Mention], k: int,
             clause_lo: int, clause_hi: int, sites: bool = False) -> list[Mention]:
    """The list of places ``pool[k]`` stands in, if it is one of the event's (see
    :func:`_coordinated`; with ``sites``, a list of bases or fields its dual word leads,
    which may be where a column left from); else nothing."""
    s = c.sentence
    lo = k
    while lo > 0 and _joined(doc, pool[lo - 1], pool[lo], quals):
        lo -= 1
    hi = k
    while hi + 1 < len(pool) and _joined(doc, pool[hi], pool[hi + 1], quals):
        hi += 1
    while hi > lo and "و" not in doc.fspan(pool[hi - 1].end, pool[hi].start):
        hi -= 1  # 'في A وB، C': a last place after a bare comma qualifies, it is no member
    chain = pool[lo:hi + 1]
    head = chain[0]
    before = doc.fspan(max(s.start, head.start - 40), head.start)
    if len(chain) < 2:
        return []
    in_clause = (clause_lo <= head.start < clause_hi or locative_after(doc, clause_hi, head)
                 or (head.start < clause_lo and FRONTED_RE.fullmatch(doc.fspan(s.start, head.start)))
                 or _another_object(doc, c, clause_hi, head) or _past_date_aside(doc, clause_hi, head)
                 or _each_of(doc, c, head) or _named_in_apposition(doc, c, head))
    # 'قصفت المدفعية التركية كوباني وعامودا': the places a strike hit, its objects; 'غادرت
    # قوات أميركية حقلي العمر وكونيكو': the trigger's own object names the list's first
    objects = c.type in STRIKES and c.end <= head.start <= c.end + 40 or head.start < c.end <= head.end
    led = head.kind_word or LIST_LEAD_RE.search(before) or objects or sites
    if not (in_clause and led):
        # members the gazetteer lacks may open the list ('بمناطق الحوايج، والصعوة، والطيانة'):
        # it starts, and is led, where they do (looked for only when needed: a costly search)
        tail = _UNKNOWN_TAIL_RE.search(before) if "و" in before else None
        if tail is not None:
            opens = head.start - (len(before) - tail.start())
            in_clause = in_clause or clause_lo <= opens < clause_hi
            led = led or LIST_LEAD_RE.search(before[:tail.start()])
    if not (in_clause and led) or _not_hit(before, c.type, sites) or (
            not sites and ORIGIN_RE.search(before[-30:])):
        return []
    return chain


#: A list set in apposition to what the event hit: 'هاجم مجاهدونا أربع قواعد، ثلاثاً منها في
#: سوريا، وهي (قاعدة الشدادي، قاعدة الركبان، وقاعدة التنف)'.
_APPOSITION_RE = rx(r"(?<![^\W\d_])و?(?:هي|هما|هم)\s*[(:]?\s*(?:(?:ال)?(?:قاعده|مطار|حقل|معبر|قريه|بلده|مدينه"
                    r"|قري|بلدات|مدن|منطقه|مناطق)\s+)?$")
#: How far after the trigger such a list may open.
_APPOSITION_REACH = 120


def _named_in_apposition(doc: Doc, c: Candidate, head: Mention) -> bool:
    """Does the list opened by ``head`` name, in apposition ('وهي (A، B، وC)'), what the
    event's clause told by number ('أربع قواعد'), no other event told between?"""
    if not c.end <= head.start <= c.end + _APPOSITION_REACH:
        return False
    if not _APPOSITION_RE.search(doc.fspan(max(c.end, head.start - 24), head.start)):
        return False
    return not any(c.end < start < head.start for start, _end, _kind in doc.events.get(c.sentence.index, []))


#: 'في كلٍ من' then the list's first places, no comma between: 'مواقع ... في كلٍ من حي
#: "العنترية" وحي "الاربوية" ضمن مدينة القامشلي، ومنطقة "المالكية"، وناحية "عامودا"'.
_EACH_OF_RE = rx(r"(?<![^\W\d_])(?:في|ب)\s*كل من(?![^\W\d_])[^,.;\n]{0,100}$")


def _each_of(doc: Doc, c: Candidate, head: Mention) -> bool:
    """Does 'في كلٍ من' lead the list of ``head`` after ``c``'s trigger, with no other event
    told between? 'In each of' enumerates the places the verb's objects were hit at, however
    long the clause of who did it ('طائرات تركية استهدفت بالاشتراك مع المدفعية المنتشرة ...،
    مواقع عسكرية في كلٍ من ...')."""
    if head.start < c.end or any(c.end < start < head.start
                                 for start, _end, _t in doc.events.get(c.sentence.index, [])):
        return False
    return _EACH_OF_RE.search(doc.fspan(max(c.end, head.start - 130), head.start)) is not None


def _past_date_aside(doc: Doc, clause_end: int, head: Mention) -> bool:
    """Does only a day set off by commas stand between the trigger's clause and ``head``
    ('استهدفت طائرات مجهولة، ليل أمس، مزارع في منطقة الميادين، ومقرين ... في البوكمال')?
    The day is an aside; the objects and their places go on the verb's clause."""
    asides = [d for d in doc.dates if clause_end <= d.start and d.end <= head.start]
    if not asides:
        return False
    before, after = doc.fspan(clause_end, asides[0].start), doc.fspan(asides[-1].end, head.start)
    rest = after.lstrip(" ,،")
    return not before.strip(" ,،") and "," not in rest and "،" not in rest


#: A clause adding another object of the same verb: '، ومخبأ بالقرب من مدينتي'.
_AND_OBJECT_RE = rx(r"[\s,]*و[^\W\d_]+(?:\s+[^\s,]+){0,5}\s*")


def _another_object(doc: Doc, c: Candidate, clause_end: int, head: Mention) -> bool:
    """Does ``head`` stand in the clause right after ``c``'s that only adds another object
    of its verb ('استهدفت منشأة قرب البوكمال، ومخبأ قرب مدينتي البوكمال والميادين')?"""
    if not clause_end <= head.start < clause_end + 50:
        return False
    if any(c.end < start < head.start for start, _end, _t in doc.events.get(c.sentence.index, [])):
        return False
    return _AND_OBJECT_RE.fullmatch(doc.fspan(clause_end, head.start)) is not None


_RIF_BEFORE_RE = rx(r"ريفي?\s*$")
#: 'ريفي' (the dual): the countrysides of the two towns named after it.
_DUAL_RIF_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:ال)?ريفي\s*$")


def _after_in_list(head: Mention, m: Mention) -> bool:
    """Whether ``m`` comes after ``head`` in the same list (a 'ريف' head's later members)."""
    return m.start > head.end


def _not_hit(before: str, kind: str, left_from: bool = False) -> bool:
    """Whether the text before a list says its places are not where the event happened
    (a withdrawal's 'من' names where it happened: 'انسحبت القوات من قاعدتي A وB'; so does
    ``left_from``, a column's bases named together: 'تحرك آليات من قاعدتي A وB')."""
    found = _NOT_HIT_LIST_RE.search(before)
    return found is not None and not ((kind == "withdrawal" or left_from) and "من" in found.group(0)
                                      and "بين" not in found.group(0))


def _told_again(doc: Doc, c: Candidate) -> list[Mention]:
    """The places of the sentence's other clauses that tell ``c``'s action again.

    'استهدفت مسيرات موقعاً وسط القامشلي، كما استهدفت محطتي كهرباء في الدرباسية وعامودا':
    one sentence, one kind of action, hit at places named in two clauses. Each clause
    with a trigger of the same type gives its own place (and its list), attached to it
    in that clause as :func:`place_for` would.
    """
    s = c.sentence
    out: list[Mention] = []
    usable = doc.in_sentence(doc.usable, s)
    for start, end, kind in doc.events.get(s.index, ()):
        if kind != c.type and not (kind in _STRIKE_PAIR and c.type in _STRIKE_PAIR
                                   and _BARE_STRIKE_RE.fullmatch(doc.fspan(start, end))):
            continue
        if _THOSE_RE.search(doc.fspan(max(0, start - 10), start)):
            continue  # 'وبدأت تلك الاشتباكات بعد اعتقال ... في دير الزور': the same, not told again
        clause = clause_of(s.folded, _fpos(s, start))
        if clause[0] <= c.clause[0] and c.clause[1] <= clause[1]:
            if start <= c.end or not _AS_WELL_RE.search(doc.fspan(max(0, start - 8), start)):
                continue  # its own clause (or the whole of it, when cut at 'بعد' / 'عقب')
            # 'استهدفت القوات قريتي ... في منطقة عفرين كما استهدفت بلدة عين عيسى': no comma
            # between, the verb told again opens a clause of its own
            clause = (_fpos(s, start), clause[1])
        lo, hi = s.to_original(*clause)
        other = dataclasses.replace(c, start=start, end=end, clause=clause)
        here = [m for m in usable if lo <= m.start < hi and not is_qualifier(doc, m, usable)
                and not is_actor_word(doc, m)]
        attached = [m for m in here if m.kind_word or ATTACH_RE.search(
            doc.fspan(max(0, m.start - 14), m.start)) or LIST_LEAD_RE.search(
            doc.fspan(max(0, m.start - 14), m.start))]
        if attached:
            best = min(attached, key=lambda m, o=other: place_score(doc, m, o, lo, hi))
            out += [best, *_coordinated(doc, other, best)]
    return out


#: 'قصفت مناطق في عين العرب وريفها، من بينها نقاط في ريف زركان ونقطة أخرى في تل رفعت': the
#: targets the strike's places are said to include, each at a place of its own.
_AMONG_RE = rx(r"(?<![^\W\d_])[و]?(?:من بين(?:ها|هم)|من ضمن(?:ها|هم)|منها|ومنها|بينها|بينهم)(?![^\W\d_])")


def _among_them(doc: Doc, c: Candidate, best: Mention) -> list[Mention]:
    """The places of what an event's targets are said to include ('، من بينها نقاط ... في
    ريف زركان ونقطة أخرى في ناحية تل رفعت'), after the trigger and before any other event
    the sentence tells."""
    s = c.sentence
    m = _AMONG_RE.search(s.folded, _fpos(s, max(c.end, best.end)))
    if m is None and best.start > c.end:
        # the event's own place may be the first of them: 'انسحبت من قاعدتين، بينها قاعدة في
        # منبج وأخرى قرب كوباني' (each base a place of the withdrawal)
        m = _AMONG_RE.search(s.folded, _fpos(s, c.end), _fpos(s, best.start))
    if m is None:
        return []
    starts = [_fpos(s, start) for start, _end, _t in doc.events.get(s.index, ())
              if start != c.start]
    if any(_fpos(s, c.end) <= x < m.start() for x in starts):
        return []  # 'واعتقلت قسد عشرة أشخاص من بينهم ...': the other event's people
    hi_f = min([x for x in starts if x > m.end()] + [len(s.folded)])
    lo, hi = s.to_original(m.end(), hi_f)
    usable = doc.in_sentence(doc.usable, s)
    here = [x for x in usable if lo <= x.start < hi and not is_qualifier(doc, x, usable)
            and not is_actor_word(doc, x)]
    attached = [x for x in here if x.kind_word or ATTACH_RE.search(
        doc.fspan(max(0, x.start - 14), x.start)) or LIST_LEAD_RE.search(
        doc.fspan(max(0, x.start - 14), x.start))]
    out: list[Mention] = []
    for x in attached:
        if x not in out:
            out += [x, *(y for y in _coordinated(doc, c, x) if y not in out)]
    return out


#: A demonstrative before an event noun: 'تلك الاشتباكات' is the event told, named again.
_THOSE_RE = rx(r"(?<![^\W\d_])(?:تلك|هذه|هذا|ذلك)\s+(?:ال)?$")
#: 'كما' or 'و' right before a verb told again: it opens a clause of its own, comma or not.
_AS_WELL_RE = rx(r"(?<![^\W\d_])(?:كما|و)\s*$")
#: A bare 'قصف' takes the weapon of the strike its article tells: the same action again.
_STRIKE_PAIR = frozenset({"airstrike", "shelling"})
_BARE_STRIKE_RE = rx(r"[وفبل]?(?:ال|لل)?قصف")
#: A later clause telling the same violence's dead or wounded: 'بينما قُتل موظف', 'كما أُصيب
#: اثنان آخران', 'فيما استشهد مدني'.
_HURT_CLAUSE_RE = rx(r"(?<![^\W\d_])[و]?(?:بينما|فيما|كما|في حين)\s+(?:\S+\s+)?"
                     r"(?:قتل|اصيب|اصيبت|استشهد|جرح|لقي)(?![^\W\d_])")


def _hurt_elsewhere(doc: Doc, c: Candidate) -> list[Mention]:
    """The places of later clauses that tell the dead or wounded of ``c``'s violence there.

    'اغتال مسلحون مدير مدرسة في بلدة الشعفة، بينما قُتل موظف طبي في بلدة أبو خشب': a
    reader maps the killing at Abu Khashab too, as the same kind of event. Only for
    strikes and assassinations, a place attached in that clause when it tells no event of
    its own ('كما قتل آخر بانفجار عبوة'); the next sentence too when it tells none ('... كما
    أُصيب اثنان آخران في مدينة الشحيل').
    """
    if c.type not in STRIKES:
        return []
    s, out = c.sentence, []
    nxt = doc.sentences[s.index + 1:s.index + 2]
    told = [(s, c.clause[1])] + [(t, 0) for t in nxt if not t.heading and not any(
        not o.anaphoric for o in doc.cands.get(t.index, ())) and not ELSEWHERE_RE.search(t.folded)]
    for t, start in told:
        usable = doc.in_sentence(doc.usable, t)
        for hit in _HURT_CLAUSE_RE.finditer(t.folded, start):
            lo, hi = t.to_original(*clause_of(t.folded, hit.end()))
            if any(o is not c and not o.anaphoric and lo <= o.start < hi for o in doc.cands.get(t.index, ())):
                continue  # 'كما قتل آخر بانفجار عبوة قرب مركدة': that clause's own event
            out += [m for m in usable if lo <= m.start < hi and not is_qualifier(doc, m, usable)
                    and not is_actor_word(doc, m) and (m.kind_word or ATTACH_RE.search(
                        doc.fspan(max(0, m.start - 14), m.start)))][:1]
    return out


def _fpos(s: Sentence, start: int) -> int:
    """The offset in ``s.folded`` of the original offset ``start`` (folding deletes marks)."""
    return s.folded_offset(start)


def _joined(doc: Doc, a: Mention, b: Mention, quals: list[Mention] = ()) -> bool:
    """Whether ``b`` follows ``a`` in one list of places ('A وB', 'A، B', 'A وفي B'), maybe
    past a member the gazetteer lacks ('بريف تل تمر وأبو راسين والدرباسية'), past the
    qualifier of ``a`` ('في عين عيسى في ريف الرقة والقامشلي'), or as sites named through
    their towns ('محطة كهرباء بلدة عامودا ومحطة تحويل مدينة القامشلي')."""
    if a.end > b.start:
        return False
    end = max([a.end, *(q.end for q in quals if a.end <= q.start and q.end <= b.start)])
    gap = doc.fspan(end, b.start)
    if ("و" in gap or "," in gap) and _AND_RE.fullmatch(gap) is not None:
        return True
    if _NEAR_AND_RE.fullmatch(gap) is not None or _SITE_AND_RE.fullmatch(gap) is not None:
        return True
    if _KIND_REPEATED_RE.fullmatch(gap) is not None:
        return True  # 'قاعدة الشدادي، قاعدة الركبان، وقاعدة التنف': each member with its kind
    if _DESCRIBED_AND_RE.fullmatch(gap) is not None:
        return True  # 'بلدة تل أبيض الخاضعة لسيطرة الوحدات على الحدود مع تركيا وبلدة سلوك'
    member = _UNKNOWN_MEMBER_RE.fullmatch(gap)
    if member is None:
        return False
    gap = gap[:member.start("kind")] if member["kind"] else gap
    names = [w.removeprefix("و") for w in re.split(r"[\s,]+", gap) if w and w != "و"]
    return not any(w in _NOT_MEMBER_WORDS for w in names)


#: A member described by a participle phrase ('الخاضعة لسيطرة الوحدات على الحدود مع تركيا',
#: 'الواقعة شرق المدينة'), then 'و' and the next member: the list goes on.
_DESCRIBED_AND_RE = rx(r"\s*[(]?ال(?:خاضع|واقع|قريب|محاذي|مجاور|متاخم|تابع)(?:ه|تين|ين)?\s[^,.;:\n]{0,60}?"
                       r"\s+و\s*(?:(?:في|ب)\s*)?(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|ناحيه|حي|مخيم)\s+)?")


#: '66/20 كيلو فولت ومحطة تحويل كهرباء مدينة ' between two towns: the next site of a list of
#: sites (a facility word after 'و'), each named through its town.
#: A target and its place may stand between too: '، ومقرين للمجموعات المسلحة في مدينة '.
_SITE_AND_RE = rx(r"[^.,!?]{0,25}?\s*,?\s*و\s*(?:ال)?(?:محطه|محطتي|محطات|منشاه|منشات|مقر|مقرين|مقرات|معمل"
                  r"|مبني|مدرسه|مستشفي|مشفي|صوامع|فرن|مركز|مخفر|حاجز|نقطه|موقع|مواقع|منزل|ابار|بئر"
                  r"|خزان|سد|جسر|مستودع|مستودعات|مخزن|مخازن|معسكر|ثكنه|مزارع|مزرعه)(?![^\W\d_])"
                  r"(?:\s+[^\s\d,]+){0,3}?\s+(?:(?:في|داخل|قرب|بالقرب من|ب)\s*)?"
                  r"(?:(?:ال)?(?:مدينه|بلده|قريه|ناحيه|حي|منطقه)\s+)?")
#: 'وأبو راسين و' between two places of a list: one member of one or two words unknown to
#: the gazetteer (a place left out of the list would lose the places after it).
#: The next known member may carry its kind word ('... وأبو حردوب ومدينة البصيرة').
_UNKNOWN_MEMBER_RE = rx(r"(?:\s*(?:بلدات|قري|مدن)\s+(?:ال)?[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?)?"
                        r"(?:\s*,?\s*و\s*(?:ال)?[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?){0,5}\s*,?\s*و\s*"
                        r"(?P<kind>(?:ال)?(?:مدينه|بلده|قريه|ناحيه)\s+)?")
#: A member the gazetteer lacks between two of a list whose every member carries the same kind
#: word: '، قاعدة الركبان، وقاعدة ' between 'قاعدة الشدادي' and 'التنف'.
_KIND_REPEATED_RE = rx(r"\s*,\s*(?:و\s*)?(?:ال)?(?P<k>قاعده|مطار|حقل|معبر|قريه|بلده|مدينه|حي|مخيم)\s+"
                       r"(?:ال)?[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?\s*,?\s*و\s*(?:ال)?(?P=k)\s+")
#: Members the gazetteer lacks opening a list, before its first known place: 'بمناطق
#: الحوايج، والصعوة، والطيانة' (the list's lead word stands before them).
_UNKNOWN_TAIL_RE = rx(r"(?:(?<![^\W\d_])(?![وفبل]?(?:ال)?(?:قري|بلدات|مدن|مناطق|احياء|مخيمات|نواحي)\s)"
                     r"و?(?:ال)?[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?\s*,?\s*){1,4}و\s*$")
#: Words that say the gap is not a member's name (a clause, a preposition, a kind of target).
_NOT_MEMBER_WORDS = frozenset({
    "في", "من", "الي", "علي", "عن", "مع", "قرب", "بعد", "قبل", "عند", "بين", "ان", "التي", "الذي",
    "كما", "ثم", "حيث", "مواقع", "منازل", "منزل", "نقاط", "مقرات", "اسفر", "ادي", "مما",
})

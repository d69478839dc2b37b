"""Places told around an event's sentence, for an event its own sentence does not locate.

Why a module: when a sentence names no place for its event, a reader looks around it in a set
order (see :func:`geo.extract.places.place_for`): the sentence it goes on from, the rest of its
paragraph, the paragraph after a lead, the sentence a source's account goes on from, a region
the article names. Each step has its own words for 'this tells something else' and 'this is
where forces stand, not where things happened'; they live here, apart from the ranking of a
sentence's own places.
"""

from __future__ import annotations

from collections import Counter

from gazetteer.model import Mention

from ..relate import AREA_KINDS
from .cues import ATTRIBUTED_RE, NATIONWIDE_RE
from .document import Doc
from .folding import rx
from .place_cues import ORIGIN_RE, in_plan, ordered_from, stationed_at
from .qualifiers import is_qualifier
from .sentences import Sentence
from .speakers import reporter_in
from .triggers import Candidate

__all__ = ["ELSEWHERE_RE", "forces_seat", "next_paragraph_place", "not_qualifiers", "paragraph_place",
           "place_told", "region_fallback"]

#: A sentence that says it tells something else, or time gone by since another ('عقب مرور 6 أشهر على').
ELSEWHERE_RE = rx(r"في سياق|في حادث(?:ه)? (?:اخري|منفصل)|من جهه اخري|في وقت سابق|يذكر ان|يشار الي"
                   r"|^\W*[وف]?(?:في المقابل|بالمقابل|في (?:هذه )?الاثناء|في غضون ذلك)(?![^\W\d_])"
                   r"|في تطور اخر|علي صعيد"
                   r"|مرور (?:\S+ ){0,3}?(?:ايام|اسابيع|اشهر|شهور|اعوام|سنوات|عام|شهر|سنه) علي")


#: A sentence that goes on with the one before it: 'حيث شنت فجر اليوم عدة غارات ...',
#: 'وجاء ذلك بعد أن اندلعت اشتباكات ...', 'قوبلت هذه الاحتفالات بإطلاق نار' (what it tells
#: happened where that one did).
_GOES_ON_RE = rx(r"^\W*[وف]?(?:حيث|اذ|(?:جاء|ياتي|تاتي) (?:ذلك|هذا|هذه)|يذكر ان"
                 r"|\S+ (?:هذه|هذا|تلك) ال\S+)(?![^\W\d_])")


def paragraph_place(doc: Doc, s: Sentence) -> Mention | None:
    """The place of the sentence ``s`` goes on from ('حيث شنت فجر اليوم عدة غارات'), else the
    nearest of its paragraph: the last named before it, else the first after it (not a plan's,
    a tally's or where forces stand)."""
    if s.index and _GOES_ON_RE.match(s.folded):
        prev = doc.sentences[s.index - 1]
        found = not_qualifiers(doc, doc.starting_in(doc.usable, prev.start, prev.end))
        if found:
            return found[0]
    siblings = doc.para_sentences.get(s.para, [])
    lo = siblings[0].start if siblings else s.start
    hi = siblings[-1].end if siblings else s.end
    # a sentence listing the provinces a tally spans names no one event's place
    tallies = [(t.start, t.end) for t in siblings if NATIONWIDE_RE.search(t.folded)]

    def lent(m: Mention) -> bool:
        return not forces_seat(doc, m) and not any(a <= m.start < b for a, b in tallies)

    before = [m for m in not_qualifiers(doc, doc.starting_in(doc.usable, lo, s.start)) if lent(m)]
    after = [m for m in not_qualifiers(doc, doc.starting_in(doc.usable, s.end, hi))
             if not in_plan(doc, m) and lent(m)]
    if before:
        return before[-1]
    return after[0] if after else None


def next_paragraph_place(doc: Doc, c: Candidate) -> Mention | None:
    """The first place of the paragraph after the lead's: news leads often leave the place
    to the next paragraph ('اغتال مسلحون أمس مسؤولين في مجلس الرقة المدني' then 'أطلق
    المسلحون الرصاص ... في مدينة الرقة'). Only the paragraph right after, only for the lead,
    and never from a sentence that says it tells something else ('وفي المقابل، قصفت
    المدفعية التركية بلدة تل رفعت' after a lead of air strikes on villages)."""
    s = c.sentence
    later = [p for p in doc.para_sentences if p > s.para]
    if not later:
        return None
    for t in doc.para_sentences[min(later)]:
        if ELSEWHERE_RE.search(t.folded) or NATIONWIDE_RE.search(t.folded):
            break  # 'وفي المقابل، ...', 'من جهة أخرى': another event's sentence; a country's tally
        found = [m for m in not_qualifiers(doc, doc.starting_in(doc.usable, t.start, t.end))
                 if not ORIGIN_RE.search(doc.fspan(max(0, m.start - 60), m.start))
                 and not forces_seat(doc, m)
                 and not reporter_in(doc.fspan(max(0, m.start - 40), m.start))]
        # not where a convoy came from ('كان قادماً من حلب'), nor where the correspondent is
        # ('وأفادت مراسلة عنب بلدي في الحسكة أن معبري التايهة والطبقة أغلقا')
        if found:
            return found[0]
    return None


def forces_seat(doc: Doc, m: Mention) -> bool:
    """Where forces stand or their orders came from: no event's place to lend another sentence."""
    return stationed_at(doc, m) or ordered_from(doc, m)


def not_qualifiers(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions that are not a qualifier of the place before them: in 'قرية الزر بمنطقة
    البصيرة، شرق دير الزور' the nearest place named is al-Zir's, not Deir ez-Zor."""
    return [m for m in mentions if not is_qualifier(doc, m, mentions)]


def region_fallback(doc: Doc, s: Sentence) -> Mention | None:
    """A region the article names (the last before ``s``, else the most named); never one
    named only in a plan ('الانسحاب سيشمل منطقة الـ55 في مرحلة لاحقة')."""
    regions = [m for m in doc.usable if m.place.kind in ("region", "district", "governorate")
               and not in_plan(doc, m)]
    if not regions:
        return None
    before = [m for m in regions if m.start < s.start]
    if before:
        return before[-1]
    counts = Counter(m.place.id for m in regions)
    return max(regions, key=lambda m: counts[m.place.id])


def place_told(doc: Doc, s: Sentence) -> Mention | None:
    """The place the sentence before names last, for a source's account that goes on with it
    across a paragraph break and names none ('وصلت دورية روسية إلى مدينة عين العرب ...' then
    'وأضاف مراسلنا أن الأهالي رشقوا العربات العسكرية الروسية بالحجارة'): a town or a site,
    never an area (a region the article named earlier is no nearer the story)."""
    if not s.index or not ATTRIBUTED_RE.search(s.folded):
        return None
    prev = doc.sentences[s.index - 1]
    if prev.heading:
        return None
    named = [m for m in not_qualifiers(doc, doc.starting_in(doc.usable, prev.start, prev.end))
             if m.place.kind not in AREA_KINDS and not stationed_at(doc, m)]
    return named[-1] if named else None

"""When an incident happened: choosing its date among the expressions the article gives.

Why a module: the date of an event is the one its own clause gives. Among the date
expressions of its sentence the nearest the trigger wins, one across a clause break
('حيث', 'بينما', '، وكان ...') or of a reporting verb ('قال ... يوم الأحد': the
statement's day) only when nothing nearer dates it; one after 'منذ' or naming another
event ('حلقة 2020') is skipped. Without a date in the sentence: the previous sentence's
of the paragraph; else the publication date, for the lead event told as today's news
(or with 'قبل ساعات'), never for a background event in the pluperfect ('وكانت ... قد',
'سبق أن', 'في وقت سابق'); else the lead's date, for a later paragraph that clearly
tells the lead event again ('ودمرت الضربات ...': a definite noun of the event, the same
kind of event, the same or no place, no other day between). Also: an event named after
'قبل/بعد N أيام من' is the clause's date moved by N days ('في 18 يونيو، قبل 5 أيام من
استهداف': the 23rd); a sentence opening with 'وفي وقت لاحق', 'في هذه الأثناء' carries the
date told before it; and an article whose lead is today's news and whose every date is
that day (a round-up: 'لليوم السابع على التوالي ... وقصفت ... وسيطرت') dates each event it
tells to that day; and the one day the prose has told so far holds for a sentence that goes
on with the story (a source's account 'وأفادت مصادر بأن ...', 'كما ...', an event of the
kind told that day), not for one at an unstated time ('مؤخراً'). Never a day the article
does not give. The expressions themselves come from :mod:`geo.extract.when`, anchored when
the article was read (:mod:`.document`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from typing import Any, NamedTuple

from gazetteer.model import Place

from ..model import PUBLICATION_NOTE, DateSource
from ..relate import is_area, region_governorates
from .clauses import CLAUSE_BREAK_RE, day_of_a_taking, in_others_relative
from .cues import ATTRIBUTED_RE, BACKGROUND_RE
from .document import Doc
from .folding import rx
from .other_dates import SINCE_RECENT_DAYS, own_in_what_was_said, signed_on, since_another, statement_day
from .sentences import Sentence
from .triggers import EVENT_KINDS, Candidate
from .when.anchoring import month_span, year_span
from .when.names import CARRY_PHRASES, GOING_ON_PHRASES, NEXT_DAY_PHRASES, RETELLING_WORDS, VAGUE_PHRASES
from .when.offsets import offset_after_news, offset_before, offset_from_told

__all__ = ["SINCE_RECENT_DAYS", "Dating", "date_for", "is_period"]


class Dating(NamedTuple):
    """The day :func:`date_for` finds for a candidate, and why."""

    first: dt.date | None
    last: dt.date | None
    precision: str | None
    why: str  # the words the day came from, and the rule: the incident's ``date_text``
    own: bool  # the candidate's own sentence tells the day (a date or a count of days)
    source: str = ""  # a :class:`~geo.model.DateSource` ('' when undated)


UNDATED = Dating(None, None, None, "", False)
OWN, BEFORE, TOLD, PUBLICATION = (DateSource.OWN, DateSource.SENTENCE_BEFORE, DateSource.TOLD_BEFORE,
                                  DateSource.PUBLICATION)

_REPORTING_RE = rx(r"(?<![^\W\d_])[وف]?(?:قال|قالت|اعلن|اعلنت|ذكر|ذكرت|افاد|افادت|كشف|كشفت|اكد|اكدت"
                   r"|نشر|نشرت|اضاف|اضافت|بيان|تصريح|تصريحات|تبني|تبنت|تبنوا)(?![^\W\d_])(?:\s+\S+){0,2}\s*(?:يوم\s*)?$")
#: 'بعد أسبوع من اشتباكات': an event dated from another one, not from the publication.
_AFTER_EVENT_RE = rx(r"(?<![^\W\d_])(?:بعد|قبل)(?:\s+\S+){0,3}\s+(?:من|علي)\s*(?:\S+\s*)?$")
#: The event is news of the publication day: 'قبل ساعات', 'لليوم الثالث على التوالي' (it goes on).
_RECENT_RE = rx(r"(?<![^\W\d_])(?:قبل ساعات|منذ ساعات|قبل قليل|حديثا|للتو"
                r"|لليوم\s+\S+(?:\s+\S+)?\s+علي\s+التوالي)(?![^\W\d_])")
#: Cost of a clause break between a date and the trigger (more than any distance within a clause).
_CLAUSE_COST = 150
#: A background event: 'وكانت الدورية قد انطلقت', 'سبق أن', 'في وقت سابق' (the grammar is
#: :data:`.cues.BACKGROUND_RE`), or a clause that opens on 'كان' ('وكانت الاشتباكات بدأت').
_OPENS_PAST_RE = rx(r"^\W*[وف]?(?:كان|كانت|كانوا)(?![^\W\d_])")
#: A definite noun of the event: the paragraph tells an event already reported ('الضربات').
_RETELLING_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:" + "|".join(w.replace(" ", r"\s+") for w in RETELLING_WORDS)
                   + r")(?![^\W\d_])")
#: A sentence that goes on from the event before it: 'وفي وقت لاحق', 'في هذه الأثناء'.
_CARRY_RE = rx(r"^\W*[وف]?(?:" + CARRY_PHRASES + r")(?![^\W\d_])")
#: ... and nothing else, cut off from its sentence by a run of dots ('في غضون ذلك .. قصف').
_CARRY_ONLY_RE = rx(r"\W*[وف]?(?:" + CARRY_PHRASES + r")\W*")
#: An unstated earlier or repeated time ('مؤخراً', 'في الأيام الماضية'): not the day told so far.
_VAGUE_RE = rx(r"(?<![^\W\d_])[وفبل]?(?:" + VAGUE_PHRASES + r")(?![^\W\d_])")


def date_for(doc: Doc, c: Candidate, counted: bool = True) -> Dating:
    """The day of candidate ``c`` (``counted`` False: the day of the clause it stands in,
    that days counted before its word count from)."""
    s = c.sentence
    exprs = [d for d in doc.in_sentence(doc.dates, s)
             if not since_another(doc, d) and not _others_relative(doc, c, d) and not signed_on(doc, d)]
    if taking := [d for d in exprs if day_of_a_taking(doc, d)]:
        # 'التي سيطرت عليها أمس' after 'صباح اليوم': the taking's own day, and no other event's
        exprs = taking if c.type == "capture" else [d for d in exprs if d not in taking]
    shift = offset_before(doc.fspan(max(s.start, c.start - 80), c.start)) if counted else None
    if shift is not None:
        return _counted_from_clause(doc, c, exprs, shift)
    if counted and not exprs and (after := _after_news(doc, c)) is not None:
        return after
    if c.subordinate and counted:
        return _own_half_date(doc, c, exprs)
    if exprs:
        d = min(exprs, key=lambda d: _date_distance(d, c, doc))
        if d.start >= c.end and in_others_relative(doc.fspan(c.end, d.start)) and (
                before := [e for e in exprs if e.end <= c.start]):
            # 'شهدت قرية الحصان صباح اليوم توافد مئات ... غاضبة من التحرك الذي شهدته المنطقة أمس
            # الخميس': the day after is the other noun's; the one before is the event's
            d = min(before, key=lambda d: _date_distance(d, c, doc))
        if _said_between(doc, d, c) and (own := own_in_what_was_said(doc, c, exprs)) is not None:
            d = own  # 'ذكر مصدران، الاثنين، أن ضربات جوية نفذتها طائرة أمس الأحد': the saying's day
        if d.end <= c.start and _vague_in_clause(c):
            # 'أعلنت قسد، اليوم الثلاثاء، مقتل خمسة في هجومين ... خلال اليومين الماضيين': the
            # day told is the telling's; the events' own time is left unstated
            return UNDATED
        if d.rule.startswith("night") and d.precision == "day" and (d.last - d.first).days == 1:
            # 'ليل الأربعاء - الخميس': an overnight operation is dated to the morning it ended
            return Dating(d.last, d.last, "day", _date_note(d, doc) + "; night: dated to its end", True, OWN)
        if (said := statement_day(doc, s, d)) is not None:  # the quoted statement's 'today'
            return Dating(said.first, said.last, "day", f"{d.text} -> {said.iso} (the statement's day)",
                          True, OWN)
        # 'قال مسؤول أمس إن ... الغارة': the statement's day does not tell the event referred to
        own = not (c.anaphoric and (_reporting(doc, c, d) or _said_between(doc, d, c)))
        return Dating(d.first, d.last, d.precision, _date_note(d, doc), own, OWN)
    if c.anaphoric or _background(doc, c) or _vague_for(doc, c):
        return UNDATED
    from_told = _days_from_told(doc, s)
    if from_told is not None:
        d, day = from_told
        why = f"{d.text} -> {d.iso}, and '{' '.join(s.text.split()[:3])}' from it"
        return Dating(day, day, "day", why, False, TOLD)
    prev = _previous_dated(doc, s)
    if prev is not None:
        d = _night_ended(prev[0])  # a night's operation told on: the morning it ended
        return Dating(d.first, d.last, d.precision,
                      f"{d.text} -> {d.iso} (from the previous sentence of the paragraph)", False, BEFORE)
    frame = _lead_frame(doc, s)
    if frame is not None:
        return Dating(frame.first, frame.last, frame.precision,
                      f"{frame.text} -> {frame.iso} (the lead's time frame, for the paragraph after it)",
                      False, TOLD)
    next_day = _next_day(doc, s)
    if next_day is not None:
        d, day = next_day
        why = f"{d.text} -> {d.iso}, and the day after it ('{s.text.split()[0]} ...')"
        return Dating(day, day, "day", why, False, TOLD)
    carried = _carried(doc, s)
    if carried is not None:
        return Dating(carried.first, carried.last, carried.precision,
                      f"{carried.text} -> {carried.iso} (carried by '{s.text.split()[0]} ...' from before)",
                      False, BEFORE)
    if _opens_carried(doc, s) and (day := _lead_published_day(doc, s)) is not None:
        # 'في غضون ذلك .. قصف التنظيم ...' after a lead dated by its publication: the same day
        return Dating(day, day, "day", (f"{PUBLICATION_NOTE} {day.isoformat()} (the lead's news, carried by "
                                        f"'{s.text.split()[0]} ...')"), False, PUBLICATION)
    published = getattr(doc.article, "published", None)
    # the first event the sentence tells (of those kept: 'شنوا هجوماً ... حيث استهدفوا 13
    # نقطة' tells one attack, its verb after its noun)
    first_event = all(o.start >= c.start for o in doc.cands.get(s.index, ()) if o.type != c.type)
    after_other = _AFTER_EVENT_RE.search(doc.fspan(s.start, c.start))
    recent = _RECENT_RE.search(s.folded)  # 'قبل ساعات': the text tells the report's day
    fresh = (s.lead and first_event and not after_other) or recent is not None
    if published is not None and fresh:
        precision = getattr(doc.article, "published_precision", None) or "day"
        if getattr(doc.article, "published_inferred", False) and precision != "day":
            return Dating(None, None, None, "no date in the text; publication date only inferred", False)
        first, last = _span(published, precision)
        if recent is not None:  # the text tells the report's day
            return Dating(first, last, precision,
                          f"{published.isoformat()} (the report's day: '{recent.group(0)}')", False, OWN)
        return Dating(first, last, precision,
                      f"{PUBLICATION_NOTE} {published.isoformat()} (lead sentence, no date in the text)",
                      False, PUBLICATION)
    retold = _retold(doc, c)
    if retold.first is None and published is not None and _todays_news(doc):
        return Dating(published, published, "day",
                      f"{PUBLICATION_NOTE} {published.isoformat()} (the article tells only that day's news)",
                      False, PUBLICATION)
    if retold.first is None and (told := _one_day_told(doc, c)) is not None:
        d, day = told
        why = f"{d.text} -> {day.isoformat()} (the one day the article has told so far)"
        return Dating(day, day, "day", why, False, TOLD)
    if retold.first is None and (day := _lead_news_day(doc, c)) is not None:
        return Dating(day, day, "day", (f"{PUBLICATION_NOTE} {day.isoformat()} (the lead's news, told on "
                                        "with no other day)"), False, PUBLICATION)
    if retold.first is None and (news := _sent_for_told(doc, c)) is not None:
        return news._replace(why=f"{news.why}; forces sent for the event told")
    return retold


#: Forces sent for the event told ('استقدمت قسد تعزيزات عسكرية كبيرة لوقف الاشتباكات'): a
#: purpose naming a definite event noun.
_FOR_TOLD_RE = rx(r"(?<![^\W\d_])(?:ل|بهدف\s+|من\s+اجل\s+)(?:وقف|احتواء|فض|ضبط|تطويق|انهاء|منع\s+تمدد)"
                  r"\s+(?:ال)(?:اشتباكات|اقتتال|مواجهات|معارك|توتر|احتجاجات|مظاهرات|هجوم|اوضاع|وضع)")


def _sent_for_told(doc: Doc, c: Candidate) -> Dating | None:
    """The day of forces sent for the event told before ('لوقف الاشتباكات'): they came
    on that event's day, the last day the text gave (or its lead's publication day)."""
    if c.type not in ("deployment", "convoy") or not _FOR_TOLD_RE.search(doc.fspan(c.end, c.sentence.end)):
        return None
    return _news_day_before(doc, c.sentence)


def _vague_for(doc: Doc, c: Candidate) -> bool:
    """Does ``c``'s sentence place its event at an unstated or repeated time ('مؤخراً')? Not
    when the words are in a relative clause about another noun after the event ('أنشأت أمريكا
    نقطة في مدينة تل أبيض، والتي شهدت توتراً في الأيام الماضية': the town's days)."""
    return _vague_between(c, 0, len(c.sentence.folded))


def _vague_in_clause(c: Candidate) -> bool:
    """Does an unstated time ('خلال اليومين الماضيين') follow ``c`` within its own clause?"""
    return _vague_between(c, c.sentence.folded_offset(c.end), c.clause[1])


def _vague_between(c: Candidate, lo: int, hi: int) -> bool:
    """An unstated time between folded offsets ``lo`` and ``hi`` of ``c``'s sentence, not in a
    relative clause about another noun after ``c``."""
    text, after = c.sentence.folded, c.sentence.folded_offset(c.end)
    return any(not in_others_relative(text[after:m.start()]) for m in _VAGUE_RE.finditer(text, lo, hi))


def _after_news(doc: Doc, c: Candidate) -> Dating | None:
    """An event told after 'يأتي هذا بعد يوم من ...' (the sentence's opening), dated that long
    before the news told before it; None when the sentence opens otherwise, ``c`` stands in
    the opening itself, or no one day of news was told before."""
    s = c.sentence
    after = offset_after_news(s.folded)
    if after is None or s.folded_offset(c.start) < after[1]:
        return None
    news = _news_day_before(doc, s)
    if news is None:
        return None
    day = news.first + dt.timedelta(days=after[0])
    opening = " ".join(s.text.split()[:4])
    return Dating(day, day, "day", f"{news.why}; '{opening} ...': {-after[0]} days before", True, news.source)


def _counted_from_clause(doc: Doc, c: Candidate, exprs: list[Any], shift: int) -> Dating:
    """An event dated by days counted from its clause's date ('في 18 يونيو، قبل 5 أيام من
    استهداف ...': 23 June); undated when the clause gives no day (never the clause's own day).

    The clause's date is the nearest before the count ('قبل ...'), else the first after the event.
    """
    before = [d for d in exprs if d.end <= c.start]
    after = [d for d in exprs if d.start >= c.end]
    d = before[-1] if before else (after[0] if after else None)
    counted = f"{abs(shift)} days {'after' if shift > 0 else 'before'}"
    if d is None and not exprs:
        # 'ويأتي هذا الهجوم بعد يومين فقط من هجوم آخر': counted from the day of the event the
        # clause tells, dated as the sentence would be without the count
        clause = date_for(doc, c, counted=False)
        if clause.first is None or clause.precision != "day" or clause.first != clause.last:
            return UNDATED
        day = clause.first + dt.timedelta(days=shift)
        return Dating(day, day, "day", f"{clause.why}; the event {counted}", True, clause.source)
    if d is None or d.precision != "day" or d.first != d.last:
        return UNDATED
    day = d.first + dt.timedelta(days=shift)
    return Dating(day, day, "day", f"{_date_note(d, doc)}; the event {counted}", True, OWN)


def _one_day_told(doc: Doc, c: Candidate) -> tuple[Any, dt.date] | None:
    """The one day every date told before ``c``'s sentence gives, with the last expression of it.

    A reader takes a story to stay on the day it told until it names another: 'أقدم
    مجهولون يوم أمس الإثنين على قتل ...' then 'وقال مراسل ... إن أربعة أشخاص داهموا
    مبنى البلدية' is Monday too. Only when the text's prose (not a dateline or a page's
    stamp, which give the publication) has told a day (a night counts as the morning it
    ended), every other date before holds that day ('الشهر الجاري'), the sentence does
    not place its event at an unstated or repeated time ('مؤخراً', 'مراراً'), and it goes
    on with the story: told on a source's word ('وأفادت وكالة ... بأن'), or an event of
    the kind already told that day. 'واعتقلت قسد خمسة أشخاص' after a night's air strike
    is another story, of a day not told.
    """
    s = c.sentence
    if _VAGUE_RE.search(s.folded):
        return None
    starts, states = _told_states(doc)
    i = bisect.bisect_left(starts, s.start)
    told = states[i - 1] if i else None
    if told is None:
        return None
    if not (ATTRIBUTED_RE.search(s.folded) or _GOING_ON_RE.search(s.folded) or _kind_told(doc, c, told[1])):
        return None
    return told


#: The last article's told states (one entry: articles are read one at a time).
_TOLD_CACHE: list[tuple[Doc, list[int], list[tuple[Any, dt.date] | None]]] = []


def _told_states(doc: Doc) -> tuple[list[int], list[tuple[Any, dt.date] | None]]:
    """For each prose date in order, its start and the one day told up to it (with its last
    expression), or None once two days, a span, or a period without that day were told.

    One pass per article (a lookup per candidate then bisects), so a long article with
    many events stays linear."""
    if _TOLD_CACHE and _TOLD_CACHE[0][0] is doc:
        return _TOLD_CACHE[0][1], _TOLD_CACHE[0][2]
    starts: list[int] = []
    states: list[tuple[Any, dt.date] | None] = []
    state: tuple[Any, dt.date] | None = None
    ok, waiting = True, []  # periods told before the first day: they must hold it
    for s in doc.sentences:
        if s.heading:
            continue
        for d in _prose_dates(doc, s):
            if since_another(doc, d):
                continue
            if ok and d.precision == "day":
                one = _one_day(d)
                ok = one is not None and (state is None or one == state[1])
                ok = ok and all(p.first <= one <= p.last for p in waiting)  # type: ignore[operator]
                state, waiting = ((d, one) if ok and one is not None else None), []
            elif ok and state is None:
                waiting.append(d)
            elif ok and state is not None:
                ok = d.first <= state[1] <= d.last
            starts.append(d.start)
            states.append(state if ok else None)
    _TOLD_CACHE[:] = [(doc, starts, states)]
    return starts, states


#: A sentence opening with words that add to the story told: 'كما', 'وفي سياق متصل', 'إلى ذلك'.
#: 'وفي اليوم التالي، ...': the sentence tells the day after the last day given.
_NEXT_DAY_RE = rx(r"^\W*[وف]?(?:" + NEXT_DAY_PHRASES + r")(?![^\W\d_])")
_GOING_ON_RE = rx(r"^\W*[وف]?(?:" + GOING_ON_PHRASES + r")(?![^\W\d_])")


def _kind_told(doc: Doc, c: Candidate, day: dt.date) -> bool:
    """Has an earlier sentence told an event of ``c``'s kind on ``day``?"""
    kinds = [kind for kind in EVENT_KINDS if c.type in kind]
    for index in sorted(k for k in doc.cands if k < c.sentence.index):
        for other in doc.cands[index]:
            inc = other.incident
            if inc is None or inc.date_first != day or inc.date_last != day:
                continue
            if any(other.type in kind for kind in kinds):
                return True
    return False


def _lead_news_day(doc: Doc, c: Candidate) -> dt.date | None:
    """The publication day, for an event told on from a lead dated by it.

    A lead that reports an event with no date of its own is that day's news; the sentences
    after it that tell more of the same kind of event, with no day of their own and none
    told before them ('مقاتلو العشائر شنوا هجوماً ...' then 'مصادر ميدانية أكدت أن مقاتلي
    العشائر هاجموا حواجز ...'), tell the same day. Another kind of event stays undated (the
    text never said it was that day's), and so does any event of an article whose text
    gives a date before it, or an unstated or repeated time ('مؤخراً').
    """
    s = c.sentence
    if _VAGUE_RE.search(s.folded):
        return None
    leads = _leads_on_publication(doc, s)
    kinds = [kind for kind in EVENT_KINDS if c.type in kind]
    return doc.article.published if any(o.type in kind for o in leads for kind in kinds) else None


def _leads_on_publication(doc: Doc, s: Sentence) -> list[Candidate]:
    """The lead's events dated by the publication day, for sentence ``s`` after the lead when
    the text gives no date before ``s``; none otherwise."""
    published = getattr(doc.article, "published", None)
    if (published is None or getattr(doc.article, "published_inferred", False) or s.lead
            or doc.starting_in(doc.dates, 0, s.start)):
        return []
    lead = doc.lead()
    if lead is None or lead.index >= s.index:
        return []
    # a lead event with no place to map ('توسعت الاشتباكات ... إلى ريف الحسكة الجنوبي') is that
    # day's news all the same when its sentence gives no date
    undated_lead = not doc.in_sentence(doc.dates, lead)
    return [o for o in doc.cands.get(lead.index, ()) if not o.anaphoric and (
        (o.incident is None and undated_lead and not o.retold) or (
            o.incident is not None and o.incident.date_first == published
            and o.incident.date_last == published
            and o.incident.date_source == PUBLICATION))]


def _lead_published_day(doc: Doc, s: Sentence) -> dt.date | None:
    """The publication day, for a sentence that goes on from a lead dated by it."""
    return doc.article.published if _leads_on_publication(doc, s) else None


def _news_day_before(doc: Doc, s: Sentence) -> Dating | None:
    """The day of the news told before ``s``: the last day the text gave, or the
    publication day of a lead dated by it; None for a period or no news before."""
    d = _last_date_before(doc, s)
    if d is not None:
        day = _one_day(d) if d.precision == "day" else None
        return None if day is None else Dating(day, day, "day", f"{d.text} -> {day.isoformat()}", False, TOLD)
    day = _lead_published_day(doc, s)
    if day is None:
        return None
    why = f"{PUBLICATION_NOTE} {day.isoformat()} (the lead's news)"
    return Dating(day, day, "day", why, False, PUBLICATION)


#: A word of two letters or more: what a line holding only a date and a time lacks.
_WORD_RE = rx(r"[^\W\d_]{2,}")


def _prose_dates(doc: Doc, s: Sentence) -> list[Any]:
    """The dates of sentence ``s``, none when it is only a date ('الأربعاء, 28 يوليو - 2021',
    '13 يناير 2021 03:58 ص'): a page's stamp gives the publication, not a day the story told."""
    found = doc.in_sentence(doc.dates, s)
    rest, at = [], s.start
    for d in found:
        rest.append(doc.body[at:d.start])
        at = max(at, d.end)
    rest.append(doc.body[at:s.end])
    return found if _WORD_RE.search(" ".join(rest)) else []


def _one_day(d: Any) -> dt.date | None:
    """The day a day-precision expression names: a night, the morning it ended; a span, None."""
    if d.first == d.last:
        return d.first
    if d.rule.startswith("night") and (d.last - d.first).days == 1:
        return d.last
    return None


def _todays_news(doc: Doc) -> bool:
    """Does the article tell only its publication day's news?

    Its lead reports an event, and every date its text gives is that day (or a period
    holding it): a round-up of the day ('لليوم السابع على التوالي ... وقصفت ... وسيطرت')
    dates each event it tells to that day. One date of another day, and events without
    their own date stay undated, as do those of an article that gives no date at all.
    """
    anchor = doc.anchor
    if anchor is None or getattr(doc.article, "published_inferred", False):
        return False
    # a period before the day ('وضربت الأسبوع الماضي ثلاثة تفجيرات', 'وفي حزيران الماضي') is
    # earlier news told as background: a retelling of the lead's event would give its day
    dates = [d for d in doc.dates if not (d.last < anchor and is_period(d.first, d.last, d.precision))]
    if not dates:  # the text itself must say it is that day's news, not leave it unsaid
        return False
    if any(not (d.first <= anchor <= d.last) and not since_another(doc, d) for d in dates):
        return False
    lead = doc.lead()
    return lead is not None and any(not c.anaphoric for c in doc.cands.get(lead.index, ()))


def is_period(first: dt.date | None, last: dt.date | None, precision: str | None) -> bool:
    """Is a date a period longer than a night ('الأسبوع الماضي', 'حزيران الماضي', a year)?
    A retelling of an event gives its day; a period told is other, earlier news."""
    if precision != "day":
        return True
    return first is not None and last is not None and (last - first).days > 1


def _own_half_date(doc: Doc, c: Candidate, exprs: list[Any]) -> Dating:
    """The date of an event named after 'بعد/عقب/إثر' beside its clause's main event.

    'وصلت تعزيزات إلى الشدادي يوم الأحد عقب هجوم استهدف حقل كونيكو': Sunday is the
    arrival's; the attack came before, on a day the sentence does not give. Only a date
    in the event's own half of the clause dates it; else it stays undated.
    """
    lo, hi = c.sentence.to_original(*c.clause)
    own = [d for d in exprs if lo <= d.start < hi]
    if not own:
        return UNDATED
    d = min(own, key=lambda d: _date_distance(d, c, doc))
    return Dating(d.first, d.last, d.precision, _date_note(d, doc), True, OWN)


def _background(doc: Doc, c: Candidate) -> bool:
    """Is the event told as background, before the news ('وكانت الدورية قد انطلقت',
    'سبق أن منعت', 'في وقت سابق')? Its own date stands; it borrows none."""
    text = doc.fspan(c.sentence.start, c.start)
    start = 0
    for m in CLAUSE_BREAK_RE.finditer(text):  # the trigger's own clause, up to the trigger
        start = m.start() + (1 if text[m.start()] in "،,;؛" else 0)
    clause = text[start:].lstrip()
    return bool(_OPENS_PAST_RE.search(clause) or BACKGROUND_RE.search(clause))


def _retold(doc: Doc, c: Candidate) -> Dating:
    """The lead's date for a later paragraph that clearly tells the lead event again.

    Clearly: a definite noun of the event in the sentence ('ودمرت الضربات', 'الاشتباكات
    وقعت'), the same kind of event, no other day given between the two (the lead's day
    told again does not count), and the same place, a place in the lead's area, or no
    place at all. Otherwise it stays undated. A lead that named no place of its own
    ('تفجير سيارة مفخخة في محافظة دير الزور') still gives its day to the paragraph that
    places it ('السيارة المفخخة استهدفت مدخل مدينة البصيرة')."""
    s = c.sentence
    if not _RETELLING_RE.search(s.folded):
        return UNDATED
    found = _lead_event(doc, s)
    if found is None:
        return UNDATED
    lead, told = found
    if not any(c.type in kind and lead.type in kind for kind in EVENT_KINDS):
        return UNDATED
    if any((d.first, d.last) != (told.first, told.last) and not since_another(doc, d)
           for d in doc.starting_in(doc.dates, lead.sentence.end, s.start)):
        return UNDATED
    inc = lead.incident
    if inc is not None and inc.place is not None and not _same_area(doc, s, inc.place):
        return UNDATED
    source = PUBLICATION if told.source == PUBLICATION else TOLD
    why = f"{told.why.split(' (')[0]} (the lead event, told again)"
    return Dating(told.first, told.last, told.precision, why, False, source)


def _lead_event(doc: Doc, s: Sentence) -> tuple[Candidate, Dating] | None:
    """The article's first dated event before sentence ``s``, dated by its own sentence,
    with its day; placed or not."""
    for index in sorted(k for k in doc.cands if k < s.index):
        for c in doc.cands[index]:
            if c.anaphoric:
                continue
            inc = c.incident
            if inc is not None and inc.date_first is not None:
                if not (c.date_own or c.sentence.lead):
                    return None
                return c, Dating(inc.date_first, inc.date_last, inc.date_precision, inc.date_text,
                                 c.date_own, inc.date_source)
            if inc is None and c.sentence.lead:  # not placed: its sentence's own date only
                dating = date_for(doc, c)
                if dating.first is not None and dating.own:
                    return c, dating
    return None


def _same_area(doc: Doc, s: Sentence, place: Place) -> bool:
    """Do the places of ``s`` (if any) agree with ``place``: the same one, one of its
    governorate, or one inside the area it names?"""
    named = [m.place for m in doc.in_sentence(doc.mentions, s)
             if m.place is not None and m.place.in_area]
    if not named:
        return True
    govs = region_governorates(place) if is_area(place) else frozenset({place.governorate})
    return any(p.id == place.id or (p.governorate and p.governorate in govs) for p in named)


def _others_relative(doc: Doc, c: Candidate, d: Any) -> bool:
    """A period inside a relative clause that tells about another noun than the event's.

    'سيطرت قسد على بلدة ذيبان بعد مواجهات مع مقاتلي العشائر الذين تمركزوا فيها طوال الأسبوع
    الماضي': the week is the fighters' stay, not the capture. A relative clause right after
    the event's own noun ('الهجوم الذي وقع أمس', 'الغارة التركية التي استهدفت ... أمس') tells
    the event itself and keeps its date; so does a day told of the scene ('يلقون الحجارة على
    العربات التي بدأت اليوم أولى دورياتها': the day of the patrol they stoned).
    """
    if d.start < c.end or d.start - c.end > 200 or not is_period(d.first, d.last, d.precision):
        return False
    return in_others_relative(doc.fspan(c.end, d.start))


def _date_distance(d: Any, c: Candidate, doc: Doc) -> float:
    """Nearest to the trigger, before it preferred; a date across a clause break comes
    after any in the trigger's clause, and a date of the reporting verb comes last."""
    reporting = 400 if _reporting(doc, c, d) else 0
    between = doc.fspan(d.end, c.start) if d.end <= c.start else doc.fspan(c.end, d.start)
    breaks = _CLAUSE_COST * sum(1 for _ in CLAUSE_BREAK_RE.finditer(between))
    if d.end <= c.start:
        return c.start - d.end + reporting + breaks
    return (d.start - c.end) + 40 + reporting + breaks


#: 'إن/أن/بأن' (or 'إنه'...) between a date and the event: the date is the saying's, the event is in
#: what was said.
_THAT_RE = rx(r"(?<![^\W\d_])(?:ان|بان)(?:ه|ها|هم)?(?![^\W\d_])")


def _said_between(doc: Doc, d: Any, c: Candidate) -> bool:
    return d.end <= c.start and bool(_THAT_RE.search(doc.fspan(d.end, c.start)))


def _reporting(doc: Doc, c: Candidate, d: Any) -> bool:
    """Is ``d`` the day of a reporting verb ('قالت مصادر أمس', 'بيان يوم الأحد')? Not a day
    inside the trigger's own words ('نشر الجيش، اليوم الخميس، وحدات': deployed, not published)."""
    if c.start <= d.start < c.end:
        return False
    return bool(_REPORTING_RE.search(doc.fspan(max(c.sentence.start, d.start - 40), d.start)))


def _date_note(d: Any, doc: Doc) -> str:
    if d.relative and doc.anchor is not None:
        inferred = " inferred" if getattr(doc.article, "published_inferred", False) else ""
        return f"{d.text} -> {d.iso} (relative to{inferred} {doc.anchor.isoformat()})"
    return f"{d.text} -> {d.iso}"


#: A sentence whose subject points back at what the one before told: 'وتمركزت تلك القوات'.
_POINTS_BACK_RE = rx(r"^\W*[وف]?\S+\s+(?:تلك|هذه|هؤلاء)\s+ال\S+")


#: A paragraph opening with the sources of the one before going on: 'وأوضحت المصادر أن',
#: 'وأضاف المصدر'.
_SOURCE_GOES_ON_RE = rx(r"^\W*و(?:اوضح|اضاف|تابع|اشار|بين)(?:ت)?\s+(?:ال)(?:مصدر|مصادر)(?![^\W\d_])")


def _previous_dated(doc: Doc, s: Sentence) -> tuple[Any, Sentence] | None:
    """The last date of the sentences before ``s`` in its paragraph, with its sentence; None
    when that sentence told background ('وكان قد خرج المدنيون مساء الاثنين الفائت'): the
    story came back to its news after it, not to that day."""
    siblings = doc.earlier_in_paragraph(s)
    if not siblings and s.index and (_POINTS_BACK_RE.match(s.folded) or _SOURCE_GOES_ON_RE.match(s.folded)):
        # 'وتمركزت تلك القوات داخل مطار صرين' opening a paragraph: the forces of the sentence
        # just before, on its day; so 'وأوضحت المصادر أن المتظاهرين اقتحموا ...' after 'وقالت
        # مصادر إن ... تظاهروا صباح اليوم': the same sources go on telling that morning
        siblings = [t for t in doc.sentences[s.index - 1:s.index] if not t.heading]
    for prev in reversed(siblings):
        exprs = [d for d in doc.in_sentence(doc.dates, prev)
                 if not since_another(doc, d) and not day_of_a_taking(doc, d)]
        if exprs:
            opening = doc.fspan(prev.start, exprs[-1].start)
            if _OPENS_PAST_RE.search(opening) or BACKGROUND_RE.search(opening):
                return None
            return exprs[-1], prev
    return None


def _lead_frame(doc: Doc, s: Sentence) -> Any | None:
    """The date of a lead that tells no event of its own, for the first sentence of the
    paragraph after it: 'كثفت خلايا التنظيم خلال الـ24 ساعة الفائتة من هجماتها' then
    'ونفذ داعش 3 هجمات ...': the lead frames the attacks the next paragraph tells."""
    lead = doc.lead()
    if lead is None or lead.index >= s.index or any(
            not o.anaphoric for o in doc.cands.get(lead.index, ())):
        return None
    later = sorted(p for p in doc.para_sentences if p > lead.para)
    if not later or s.para != later[0] or doc.para_sentences[s.para][0] is not s:
        return None
    exprs = [d for d in doc.in_sentence(doc.dates, lead) if not since_another(doc, d)]
    return exprs[0] if len(exprs) == 1 else None


def _next_day(doc: Doc, s: Sentence) -> tuple[Any, dt.date] | None:
    """(the last day given before ``s``, the day after it) when ``s`` opens with 'في اليوم
    التالي' and the last date given before it is one day; None otherwise."""
    if not _NEXT_DAY_RE.search(s.folded):
        return None
    d = _last_date_before(doc, s)
    if d is None or d.precision != "day":
        return None
    day = _one_day(d)
    return (d, day + dt.timedelta(days=1)) if day is not None else None


def _days_from_told(doc: Doc, s: Sentence) -> tuple[Any, dt.date] | None:
    """(the last day given before ``s``, that day moved as ``s`` says) when ``s`` opens
    with 'وسبق ذلك بيومين' or 'وبعد ذلك بأسبوع' and that date is one day; else None."""
    days = offset_from_told(s.folded)
    if days is None:
        return None
    d = _last_date_before(doc, s)
    if d is None or d.precision != "day":
        return None
    day = _one_day(d)
    return (d, day + dt.timedelta(days=days)) if day is not None else None


def _last_date_before(doc: Doc, s: Sentence) -> Any | None:
    """The last date the text gives before sentence ``s`` (not one after 'منذ', nor the day a
    place was taken, told of it)."""
    return next((d for d in reversed(doc.starting_in(doc.dates, 0, s.start))
                 if not since_another(doc, d) and not day_of_a_taking(doc, d)), None)


def _opens_carried(doc: Doc, s: Sentence) -> bool:
    """Does ``s`` open with words that go on from the event before it, or follow them alone
    in its paragraph ('في غضون ذلك .. قصف التنظيم', cut at the dots)?"""
    if _CARRY_RE.search(s.folded):
        return True
    prev = doc.sentences[s.index - 1] if s.index > 0 else None
    return prev is not None and prev.para == s.para and _CARRY_ONLY_RE.fullmatch(prev.folded) is not None


def _carried(doc: Doc, s: Sentence) -> Any | None:
    """The last date given before ``s`` (any paragraph) when ``s`` opens with words that go
    on from the event before it ('وفي وقت لاحق', 'في هذه الأثناء'); a night, its end."""
    if not _opens_carried(doc, s):
        return None
    d = _last_date_before(doc, s)
    return None if d is None else _night_ended(d)


def _night_ended(d: Any) -> Any:
    """A night between two days ('ليلة أمس الأحد/الاثنين'), as the morning it ended; any
    other date as it is."""
    if d.rule.startswith("night") and d.precision == "day" and (d.last - d.first).days == 1:
        return dataclasses.replace(d, first=d.last)
    return d


def _span(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The days of ``day``'s year, month or day itself, by ``precision``."""
    if precision == "year":
        return year_span(day.year)
    return month_span(day.year, day.month) if precision == "month" else (day, day)

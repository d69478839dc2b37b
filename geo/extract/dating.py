"""When an incident happened: choosing its date among the expressions the article gives.

Why a module: the date of an event is the date expression of its sentence nearest the
trigger (one after 'منذ' or naming another event, 'حلقة 2020', is skipped, and one
of the reporting verb comes last); else the previous sentence's of the same
paragraph; else the publication date, for the lead sentence only (or with 'قبل
ساعات'). The expressions themselves come from :mod:`geo.extract.when`, anchored
when the article was read (:mod:`.document`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .document import Doc
from .folding import rx
from .sentences import Sentence
from .triggers import Candidate

__all__ = ["SINCE_RECENT_DAYS", "date_for"]

#: A date naming another event ('حادثة 2020') or a start long past ('منذ عام 2014').
_SINCE_RE = rx(r"(?:منذ|حلقه|حادثه|واقعه|مواجهه|احداث|حرب|معركه)\s*(?:عام|العام|سنه)?\s*$")
#: 'منذ' alone before a day: the event began that day ('منذ ليل الأربعاء'), it is its date.
_SINCE_DAY_RE = rx(r"(?<![^\W\d_])[وف]?منذ\s*$")
_REPORTING_RE = rx(r"(?<![^\W\d_])[وف]?(?:قال|قالت|اعلن|اعلنت|ذكر|ذكرت|افاد|افادت|كشف|كشفت|اكد|اكدت"
                   r"|نشر|نشرت|اضاف|اضافت|بيان|تصريح|تصريحات)(?![^\W\d_])(?:\s+\S+){0,2}\s*(?:يوم\s*)?$")
#: 'بعد أسبوع من اشتباكات': an event dated from another one, not from the publication.
_AFTER_EVENT_RE = rx(r"(?<![^\W\d_])(?:بعد|قبل)(?:\s+\S+){0,3}\s+(?:من|علي)\s*(?:\S+\s*)?$")
#: The event is news of the publication day: 'قبل ساعات', 'لليوم الثالث على التوالي' (it goes on).
_RECENT_RE = rx(r"(?<![^\W\d_])(?:قبل ساعات|منذ ساعات|قبل قليل|حديثا|للتو"
                r"|لليوم\s+\S+(?:\s+\S+)?\s+علي\s+التوالي)(?![^\W\d_])")


def date_for(doc: Doc, c: Candidate) -> tuple[dt.date | None, dt.date | None, str | None, str, bool]:
    """(first day, last day, precision, why, from the sentence itself) of candidate ``c``."""
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


def _since(doc: Doc, d: Any) -> bool:
    """A date that is not this event's: another event's, or a start long past.

    'منذ' before a day of the last few days is kept: 'تتواصل الاشتباكات منذ ليل الأربعاء'
    began that day; '135 هجوما منذ 19 أكتوبر' weeks ago is a tally, not an event."""
    before = doc.fspan(max(0, d.start - 20), d.start)
    if _recent_day(doc, d) and _SINCE_DAY_RE.search(before):
        return False
    return bool(_SINCE_RE.search(before))


#: How many days before publication a day after 'منذ' may be and still date the event.
SINCE_RECENT_DAYS = 3


def _recent_day(doc: Doc, d: Any) -> bool:
    if d.precision != "day" or doc.anchor is None:
        return False
    return 0 <= (doc.anchor - d.first).days <= SINCE_RECENT_DAYS


def _date_distance(d: Any, c: Candidate, doc: Doc) -> float:
    """Nearest to the trigger, before it preferred; a date of the reporting verb comes last."""
    lo = max(c.sentence.start, d.start - 40)
    reporting = 200 if _REPORTING_RE.search(doc.fspan(lo, d.start)) else 0
    if d.end <= c.start:
        return c.start - d.end + reporting
    return (d.start - c.end) + 40 + reporting


def _date_note(d: Any, doc: Doc) -> str:
    if d.relative and doc.anchor is not None:
        inferred = " inferred" if getattr(doc.article, "published_inferred", False) else ""
        return f"{d.text} -> {d.iso} (relative to{inferred} {doc.anchor.isoformat()})"
    return f"{d.text} -> {d.iso}"


def _previous_dated(doc: Doc, s: Sentence) -> tuple[Any, Sentence] | None:
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

"""geo.extract.document: the dates of a body read on an inferred publication day."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.document import INFERRED_SLACK, INFERRED_WIDEN, _dates_of_body
from geo.extract.when import find_dates

#: Phrases whose reading the anchor moves, or not: relative days, weekdays, a month of
#: this year, absolute dates, nights.
_PHRASES = ("قصفت الطائرات القرية أمس", "وقبل يومين اندلعت اشتباكات", "يوم الخميس الماضي",
            "في 5 تشرين الأول الجاري", "اليوم الأحد", "فجر اليوم", "في 8 تشرين الأول 2022",
            "الأسبوع الماضي", "منذ ثلاثة أيام", "ليلة السبت الأحد", "نص بلا تاريخ",
            "الشهر الماضي", "في العام الماضي", "يوم 3 من الشهر الجاري")


def _reference(body: str, anchor: dt.date, inferred: bool) -> list:
    """The inferred-day reading as first written: both shifts read, both widenings read."""
    found = find_dates(body, anchor)
    written = {d.first for d in found if d.rule.startswith("today_weekday:weekday_wins")}
    if not inferred and len(written) == 1:
        day = next(iter(written))
        if dt.timedelta(0) < anchor - day <= dt.timedelta(days=3):
            found = find_dates(body, day)
    if not inferred or not any(d.relative for d in found):
        return found
    stable = None
    for shift in (-INFERRED_SLACK, INFERRED_SLACK):
        other = {(d.start, d.first, d.last) for d in find_dates(body, anchor + shift)}
        keys = {(d.start, d.first, d.last) for d in found} & other
        stable = keys if stable is None else stable & keys
    moved: dict[int, list] = {}
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


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=5),
       st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)), st.booleans())
def test_dates_of_an_inferred_day_as_first_written(phrases: list[str], anchor: dt.date,
                                                   inferred: bool) -> None:
    """The shifted readings skipped when nothing could use them change no date."""
    body = "، ".join(phrases) + "."
    assert _dates_of_body(body, anchor, inferred) == _reference(body, anchor, inferred)

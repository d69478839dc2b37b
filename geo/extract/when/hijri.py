"""Hijri dates and feasts: '15 رمضان 1445 هـ', 'أول أيام عيد الأضحى', 'صباح يوم عيد الفطر'.

Why a module: some outlets date events in the Hijri calendar, alone or beside the
Gregorian date ('الموافق'), and many tell a day by its feast. Both are converted offline
with ``hijridate`` (Umm al-Qura tables, 1343-1500 AH); a Gregorian date given beside a
Hijri one wins (:mod:`.find` merges the two). A Hijri day without a year, and a feast,
are the latest such day on or before the publication date (plus the days of
:data:`~.expr.FUTURE_TOLERANCE_DAYS`): without a publication date they stay unknown.
The month names and the feasts are data (``calendar.toml``: ``hijri_month``, ``feast``).

>>> import datetime
>>> from geo.extract.when import find_dates
>>> [(e.text, e.iso, e.rule) for e in find_dates("قتل في 15 رمضان 1445 هـ", None)]
[('15 رمضان 1445 هـ', '2024-03-25', 'hijri_day_year')]
>>> [e.iso for e in find_dates("صباح أول أيام عيد الأضحى", datetime.date(2020, 8, 2))]
['2020-07-31']
"""

from __future__ import annotations

import datetime
import re

from hijridate import Gregorian, Hijri

from .anchoring import ONE_DAY
from .expr import FUTURE_TOLERANCE_DAYS
from .names import FEASTS, HIJRI_MONTH_NAMES, ORDINALS
from .patterns import BLANKS, DAY, MAYBE_BLANKS, ORDINAL_STEMS, TOD, top_level_alternatives, year_group
from .rules import Hit, RuleContext
from .text import prev_word

__all__ = ["HIJRI_RULES", "feast_start", "hijri_to_date", "latest_hijri"]

_W, _O = BLANKS, MAYBE_BLANKS

#: A Hijri year (1300-1499), perhaps followed by 'هـ', 'هجري', 'للهجرة'.
_HIJRI_YEAR = rf"(?P<hy>1[34][0-9][0-9])(?![0-9])(?:{_O}(?:ه|هجري|هجريه|للهجره)(?!\w))?"
_HMONTH = "(?P<hmon>" + "|".join(rf"(?:{names})" for names in HIJRI_MONTH_NAMES.values()) + r")(?!\w)"
_HMONTH_LOOKUP = re.compile("|".join(rf"(?P<m{k}>{names})(?!\w)" for k, names in HIJRI_MONTH_NAMES.items()))
_FEAST = "(?P<feast>" + "|".join(
    k.replace(" ", _W) for k in sorted(FEASTS, key=len, reverse=True)) + r")(?!\w)"
#: For each Hijri month's name, its longest word written out ('رمضان', 'ربيع', 'القعده'):
#: every name :data:`_HMONTH` matches holds one, so a line without any holds no Hijri day
#: (a keyword gate: the rule reads only the lines naming a Hijri month).
_HMONTH_WORDS = tuple(sorted({
    max((w for w in alt.split(_O) if w.isalpha()), key=len)
    for names in HIJRI_MONTH_NAMES.values() for alt in top_level_alternatives(names)}))
#: 'أول أيام عيد الأضحى' is its first day, 'آخر أيام' its last.
_NTH_DAY = {"اول": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "اخر": -1}
#: Before a bare feast name, a preposition makes it a date: 'خلال عيد الفطر' (its days).
_FEAST_CONTEXT = frozenset({"في", "خلال", "منذ"})


def hijri_to_date(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian day of a Hijri date (OverflowError out of 1343-1500 AH)."""
    return datetime.date(*Hijri(year, month, day).to_gregorian().datetuple())


def latest_hijri(month: int, day: int, limit: datetime.date) -> datetime.date | None:
    """The latest Hijri month/day on or before ``limit``."""
    year = Gregorian.fromdate(limit).to_hijri().year
    for hy in (year, year - 1):
        try:
            found = hijri_to_date(hy, month, day)
        except ValueError:  # the 30th of a 29-day month
            continue
        if found <= limit:
            return found
    return None


def feast_start(month: int, day: int, year: int) -> datetime.date | None:
    """The first day of a feast falling in Gregorian ``year`` (the earlier, if twice)."""
    hy = Gregorian(year, 1, 1).to_hijri().year
    for h in (hy, hy + 1):
        found = hijri_to_date(h, month, day)
        if found.year == year:
            return found
    return None


def _limit(ctx: RuleContext) -> datetime.date:
    return ctx.anchor + datetime.timedelta(days=FUTURE_TOLERANCE_DAYS)


def _day_of(m: re.Match[str]) -> int:
    """'15 رمضان' or 'الخامس عشر من رمضان'."""
    if m["d"] is not None:
        return int(m["d"])
    return ORDINALS[" ".join(m["od"].split())]


def _hijri_day(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'15 رمضان 1445 هـ': the day; without a year, the latest such day before publication."""
    day = _day_of(m)
    found = _HMONTH_LOOKUP.match(m["hmon"])
    if found is None or found.lastgroup is None:  # pragma: no cover - the pattern guarantees it
        return None
    month = int(found.lastgroup[1:])
    if m["hy"]:
        at = hijri_to_date(int(m["hy"]), month, day)
        return Hit(at, at, "day", False, "hijri_day_year")
    at = latest_hijri(month, day, _limit(ctx))
    return None if at is None else Hit(at, at, "day", True, "hijri_day")


def _feast(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'أول أيام عيد الأضحى', 'صباح يوم عيد الفطر', 'خلال عيد الفطر' (all its days), 'عشية
    عيد الفطر' (the day before)."""
    feast = FEASTS[" ".join(m["feast"].split())]
    one_day = bool(m["eve"] or m["nth"] or m["tod"] or m["yawm"]) or feast.days == 1
    if not one_day and prev_word(ctx.norm, m.start()) not in _FEAST_CONTEXT:
        return None  # 'تهنئة بعيد الفطر': a greeting, not a date
    if m["y"]:
        first, relative = feast_start(feast.month, feast.day, int(m["y"])), False
    else:
        first, relative = latest_hijri(feast.month, feast.day, _limit(ctx)), True
    if first is None:
        return None
    last = first + (feast.days - 1) * ONE_DAY
    rule = "feast" if relative else "feast_year"
    if m["eve"]:  # 'عشية عيد الفطر': the day before its first day
        return Hit(first - ONE_DAY, first - ONE_DAY, "day", relative, f"{rule}:eve")
    if not one_day:
        return Hit(first, last, "day", relative, f"{rule}:all_days")
    nth = _NTH_DAY.get(m["nth"] or "", 1)
    at = last if nth < 0 else first + (min(nth, feast.days) - 1) * ONE_DAY
    return Hit(at, at, "day", relative, rule)


#: (pattern, handler, keyword gates) of the Hijri rules, run after :data:`.rules.RULES`.
HIJRI_RULES = [
    (rf"{DAY}{_O}(?:من{_W})?(?:شهر{_W})?{_HMONTH}"
     rf"(?:{_O}[،,]?{_O}(?:من{_W})?(?:(?:عام|سنه){_W})?{_HIJRI_YEAR})?",
     _hijri_day, (tuple("0123456789") + ORDINAL_STEMS, _HMONTH_WORDS)),
    (rf"(?:(?P<eve>عشيه){_W}(?:يوم{_W})?)?"
     rf"(?:(?P<tod>{TOD}){_W})?(?:(?P<nth>{'|'.join(_NTH_DAY)}){_W}(?:ايام|يوم){_W}|(?P<yawm>يوم){_W})?"
     rf"{_FEAST}(?:{_W}(?:المبارك|السعيد))?(?:{_O}[،,]?{_O}(?:من{_W})?(?:(?:عام|العام|سنه){_W})?{year_group()})?",
     _feast, (("عيد", "عرفه", "المولد", "الهجريه"),)),
]

"""Publication stamps: how a page prints when it was published, and reading one.

Why a room of its own: a stamp line ('2022.10.08 | 17:41 دمشق', 'نشر في: 8 تشرين
الأول 2022', 'منذ 3 ساعات') is page furniture to :mod:`geo.read.furniture` (it must
leave the body) and evidence to :mod:`geo.read.published` (it dates the article).
This module owns the words such lines are written with (``data/stamps.toml``,
``data/months.csv``, ``data/weekdays.csv``, ``data/stamp_zones.csv``), the test
for a stamp line, and a small parser used when :mod:`geo.extract.when` is unavailable.

>>> is_stamp_line("السبت 8 اكتوبر 2022 | 10:15 ص")
True
>>> fallback_stamp("2022.10.08 | 17:41 دمشق")
(datetime.datetime(2022, 10, 8, 17, 41, tzinfo=datetime.timezone(datetime.timedelta(seconds=10800))), \
'fallback numeric stamp')
"""

from __future__ import annotations

import datetime as dt
import re

from .lexicon import load_months, load_stamp_words, load_stamp_zones, load_weekdays
from .text import match_key

__all__ = ["MONTHS", "MONTH_PATTERN", "STAMP_MAX_CHARS", "WEEKDAY_NUMBERS", "WEEKDAY_PAST",
           "fallback_stamp", "glued_date_prefix", "is_stamp_line"]

_WORDS = load_stamp_words()
_WEEKDAYS = load_weekdays()

#: Month names (folded) -> month number: Levantine, Egyptian/Gulf and English names.
MONTHS: dict[str, int] = {row["name"]: row["month"] for row in load_months()}
#: Any month name, longest first (a regular expression fragment).
MONTH_PATTERN = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
#: Arabic weekday names (folded) -> weekday number (Monday is 0, as in :mod:`datetime`).
WEEKDAY_NUMBERS: dict[str, int] = dict(sorted(
    ((row["name"], row["weekday"]) for row in _WEEKDAYS if row["lang"] == "ar"),
    key=lambda pair: pair[1]))
#: Words after a weekday that put it in the past ('الخميس الماضي'), as a pattern fragment.
WEEKDAY_PAST = "|".join(_WORDS["weekday_past"])

_DAYS = "|".join(row["name"] for row in _WEEKDAYS)
# Every whitespace run is possessive (``\s*+``): what follows it is never whitespace, so
# giving characters back could not help a match, and a run of spaces is scanned once.
_DATE = (r"(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}"
         rf"|\d{{1,2}}\s*+(?:{MONTH_PATTERN})(?:\s*+/\s*+(?:{MONTH_PATTERN}))?\s*+,?\s*+\d{{4}}"
         rf"|(?:{MONTH_PATTERN})\s++\d{{1,2}}\s*+,?\s*+\d{{4}})")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:" + "|".join(_WORDS["time_of_day"]) + ")?"
_PREFIX = (r"(?:" + "|".join(_WORDS["published_label"]) + ")"
           r"\s*(?:" + "|".join(_WORDS["published_label_on"]) + r")?\s*:?")
_PLACE = (r"(?:(?:" + "|".join(_WORDS["time_zone_word"]) + r")\s+)?"
          r"[^\d\s|:،,]{2,15}(?:\s+[^\d\s|:،,]{2,15})?")
_SEP = r"\s*(?:[|،,\-–—/]|" + "|".join(_WORDS["at_hour"]) + r")?\s*"
_STAMP_RE = re.compile(
    rf"^(?:{_PREFIX}\s*)?(?:(?:يوم\s+)?(?:{_DAYS})\s*[،,\-]?\s*)?"
    rf"(?:(?:{_DATE})(?:{_SEP}{_TIME})?|{_TIME}{_SEP}(?:{_DATE}))"
    rf"(?:{_SEP}{_PLACE})?$")
_AGO_RE = re.compile(r"^(?:" + "|".join(_WORDS["ago_prefix"]) + r")\s+\d+\s+(?:"
                     + "|".join(_WORDS["ago_unit"]) + ")$|"
                     r"^\d+\s+(?:" + "|".join(_WORDS["ago_unit_en"]) + r")\s+ago$")
#: The longest line read as a stamp: the longest the pattern accepts, written with every
#: optional part ('تاريخ النشر في: يوم الثلاثاء، 22 كانون الثاني / ...'), is about 140.
STAMP_MAX_CHARS = 200
_PM_RE = re.compile(r"(\d{1,2}):(\d{2})\s*(" + "|".join(_WORDS["time_pm"]) + ")?")

# Same convention as geo.extract.when: Damascus stamps read as UTC+03:00 all year.
_UTC_OFFSET_BY_CITY: dict[str, int] = {row["name"]: row["utc_offset"]
                                        for row in load_stamp_zones()}


#: A digit, as the stamp patterns' ``\d`` reads one: each of their forms holds one.
_DIGIT_RE = re.compile(r"\d")


def is_stamp_line(key: str) -> bool:
    """Whether a line's :func:`~geo.read.text.match_key` is only a publication stamp
    (a date and/or time, a label, a weekday, a place) or an 'N hours ago'.

    A key longer than :data:`STAMP_MAX_CHARS` is prose, not a stamp. Whitespace runs
    count as one space, as in a key (why both: the pattern's optional pieces are
    separated by optional whitespace, and on a long run of spaces their ways to share it multiply).
    """
    if len(key) > STAMP_MAX_CHARS or _DIGIT_RE.search(key) is None:
        return False  # every stamp and every 'N hours ago' holds a digit; most lines none
    key = " ".join(key.split())
    return bool(_STAMP_RE.match(key) or _AGO_RE.match(key))


#: A date run into the next words with no space ('2 حزيران (يونيو - جوان)، 2018جريح ...'):
#: a news widget's date and headline scraped as one line. The month may carry its other
#: names in brackets, as Levantine sites print them.
_GLUED_DATE_RE = re.compile(
    rf"^\d{{1,2}}\s*+(?:{MONTH_PATTERN})(?:\s*+\([^()\n]{{1,30}}\))?\s*+[،,]?\s*+\d{{4}}"
    rf"(?=[^\W\d_])")


def glued_date_prefix(key: str) -> int:
    """Length of a date that runs straight into a headline at the start of ``key`` (a
    :func:`~geo.read.text.match_key`), or 0. Prose never glues a year to the next word.

    >>> glued_date_prefix("2 حزيران (يونيو - جوان)، 2018جريح مدني بانفجار لغم")
    29
    >>> glued_date_prefix("2 حزيران 2018 جريح مدني")
    0
    """
    m = _GLUED_DATE_RE.match(key)
    return m.end() if m else 0


def fallback_stamp(line: str) -> tuple[dt.date | dt.datetime, str] | None:
    """Minimal stamp parser for when geo.extract.when is not there: numeric or 'D month YYYY'.

    Returns the date (a date-time when the line gives a time, aware when it names a
    known city) and the rule's name, or None.
    """
    key = match_key(line)
    day = _stamp_day(key)
    if day is None:
        return None
    return _stamp_time(key, day) or day, "fallback numeric stamp"


def _stamp_day(key: str) -> dt.date | None:
    m = re.search(r"(\d{4})[./-](\d{1,2})[./-](\d{1,2})", key)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.search(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", key):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := re.search(rf"(\d{{1,2}})\s*+({MONTH_PATTERN})(?:\s*+/\s*+(?:{MONTH_PATTERN}))?"
                        rf"\s*+,?\s*+(\d{{4}})", key):
        d, mo, y = int(m[1]), MONTHS[m[2]], int(m[3])
    else:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _stamp_time(key: str, day: dt.date) -> dt.datetime | None:
    t = _PM_RE.search(key)
    if not t:
        return None
    hour = int(t[1]) + (12 if t[3] and int(t[1]) < 12 else 0)
    try:
        return dt.datetime(day.year, day.month, day.day, hour, int(t[2]), tzinfo=_stamp_zone(key))
    except ValueError:
        return None


def _stamp_zone(key: str) -> dt.tzinfo | None:
    words = key.split()
    for city, hours in _UTC_OFFSET_BY_CITY.items():
        if city in words:
            return dt.timezone(dt.timedelta(hours=hours))
    return None
